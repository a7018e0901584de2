export * from './accounts.module';
export * from './accounts-lookup.module';
export * from './learner-directory.service';
export * from './accounts.errors';
export * from './learners.service';
export * from './dto/learner.dto';
export * from './identity';
export { LEARNERS_AUDITED_TABLE } from './learner-state';
