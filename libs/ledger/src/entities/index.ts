import { LedgerEntryEntity } from './ledger-entry.entity';

export { LedgerEntryEntity };

/** The ledger's tables, for the data source and the migration generator. */
export const LEDGER_ENTITIES = [LedgerEntryEntity];
