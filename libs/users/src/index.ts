export * from './users.module';
export * from './users.service';
export * from './user-names.service';
export * from './users.errors';
export * from './dto/create-user.dto';
export * from './dto/login.dto';
export { USERS_AUDITED_TABLE } from './user-state';
