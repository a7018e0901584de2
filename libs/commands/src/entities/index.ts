import { IdempotencyRecordEntity } from './idempotency-record.entity';

export { IdempotencyRecordEntity };

/** The tables this library owns, for the product's data source and migrations. */
export const COMMANDS_ENTITIES = [IdempotencyRecordEntity];
