export * from './chain-hash';
export * from './verify-chain';
