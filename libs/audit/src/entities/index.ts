import { AuditEventEntity } from './audit-event.entity';
import { AuditTreeHeadEntity } from './audit-tree-head.entity';
import { AuditTreeNodeEntity } from './audit-tree-node.entity';

export { AuditEventEntity, AuditTreeHeadEntity, AuditTreeNodeEntity };

/** The audit log's tables, for the data source and the migration generator. */
export const AUDIT_ENTITIES = [AuditEventEntity, AuditTreeNodeEntity, AuditTreeHeadEntity];
