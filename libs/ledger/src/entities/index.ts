import { LedgerEntryEntity } from './ledger-entry.entity';
import { OutboxEventEntity } from './outbox-event.entity';

export { LedgerEntryEntity, OutboxEventEntity };

/** The ledger's tables, for the data source and the migration generator. */
export const LEDGER_ENTITIES = [LedgerEntryEntity, OutboxEventEntity];
