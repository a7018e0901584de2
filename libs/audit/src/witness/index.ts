export * from './signed-note';
export * from './audit-witness';
export * from './witness-command';
