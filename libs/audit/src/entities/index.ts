import { AuditCheckpointEntity } from './audit-checkpoint.entity';
import { AuditEventEntity } from './audit-event.entity';

export { AuditCheckpointEntity, AuditEventEntity };

/** The audit chain's tables, for the data source and the migration generator. */
export const AUDIT_ENTITIES = [AuditEventEntity, AuditCheckpointEntity];
