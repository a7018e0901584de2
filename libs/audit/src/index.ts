export * from './chain';
export * from './merkle';
export * from './tree/tree-store';
export * from './audit.module';
export * from './audit-worker.module';
export * from './audit.constants';
export * from './audit.errors';
export * from './audit-pipeline.settings';
export * from './append/audit-event';
export * from './append/audit-job';
export * from './append/audit-appender.service';
export * from './processing/audit.processor';
export * from './processing/audit-job-options';
export * from './reading/audit-reader.service';
export * from './reading/access-log-reader.service';
export * from './relay/outbox-relay.service';
export * from './signing/audit-trust';
export * from './signing/ed25519';
export * from './tree/audit-proofs.service';
export * from './tree-heads/signed-tree-head';
export * from './tree-heads/tree-head-format';
export * from './tree-heads/tree-head.service';
export * from './tree-heads/tree-head-scheduler.service';
export * from './verification/audit-verifier.service';
export * from './verification/chain-reader';
export * from './verification/table-contents';
export * from './verification/verify-command';
export type {
  TreeHeadClaim,
  TreeHeadsSummary,
  TrustedHeadCheck,
} from './verification/tree-head-checks';
export * from './witness';
