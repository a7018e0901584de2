export * from './outbox-events';
export * from './audited-sql-table';
export * from './outbox.module';
export * from './outbox.writer';
export * from './outbox-hmac';
export * from './outbox-store.service';
export * from './row-state';
export { PENDING_OUTBOX_CHANGES, REJECTED_OUTBOX_ROWS } from './outbox.queries';
