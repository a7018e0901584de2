export * from './database.module';
export * from './queue.module';
export * from './readiness.service';
export * from './worker-processors.module';
export * from './entities';
export * from './migrations';
export * from './runtime/prepare-runtime';
export * from './runtime/embedded';
