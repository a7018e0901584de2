/**
 * The test factories. Each one that writes takes the test app first, then one options object;
 * value builders (codes, identity numbers, request bodies) take just their values.
 */
export * from './http';
export * from './catalog';
export * from './learners';
export * from './relationships';
export * from './ledger';
export * from './conversion';
