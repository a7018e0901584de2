export * from './grant-runtime-role';
export * from './runtime-access';
