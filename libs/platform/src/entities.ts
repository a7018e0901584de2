import { ACCOUNTS_ENTITIES } from '@app/accounts/entities';
import { AUDIT_ENTITIES } from '@app/audit/entities';
import { CATALOG_ENTITIES } from '@app/catalog/entities';
import { COMMANDS_ENTITIES } from '@app/commands/entities';
import { CONVERSION_ENTITIES } from '@app/conversion/entities';
import { IMPORTS_ENTITIES } from '@app/imports/entities';
import { LEDGER_ENTITIES } from '@app/ledger/entities';
import { OUTBOX_ENTITIES } from '@app/outbox/entities';
import { RELATIONSHIPS_ENTITIES } from '@app/relationships/entities';
import { USERS_ENTITIES } from '@app/users/entities';
import { WorkerHeartbeatEntity } from './runtime/heartbeat/worker-heartbeat.entity';

/**
 * Every entity of the product, in one list for the data source and the migration generator.
 * Each library's `entities` door is for this list (and for relations between entity files).
 */
export const ENTITIES = [
  ...USERS_ENTITIES,
  WorkerHeartbeatEntity,
  ...CATALOG_ENTITIES,
  ...ACCOUNTS_ENTITIES,
  ...RELATIONSHIPS_ENTITIES,
  ...LEDGER_ENTITIES,
  ...OUTBOX_ENTITIES,
  ...COMMANDS_ENTITIES,
  ...CONVERSION_ENTITIES,
  ...AUDIT_ENTITIES,
  ...IMPORTS_ENTITIES,
];
