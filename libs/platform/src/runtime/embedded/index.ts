export * from './data-dir-lock';
export * from './embedded-postgres';
export * from './embedded-queue-backend';
export * from './embedded-secrets';
export * from './protocol-aware-queue';
