import { LearnerEntity } from './learner.entity';

export { LearnerEntity };

/** The learning accounts' tables, for the data source and the migration generator. */
export const ACCOUNTS_ENTITIES = [LearnerEntity];
