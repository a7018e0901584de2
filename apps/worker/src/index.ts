export * from './worker.module';
export * from './worker-processors.module';
export * from './create-worker';
