export * from './merkle-hash';
export * from './tree-shape';
export * from './merkle-proofs';
export * from './merkle-frontier';
export * from './verify-proofs';
