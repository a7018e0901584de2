import { UserEntity } from './user.entity';

export { UserEntity };

/** The logins' table, for the data source and the migration generator. */
export const USERS_ENTITIES = [UserEntity];
