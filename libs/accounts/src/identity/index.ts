export * from './id-document';
export * from './mask';
export * from './identity-crypto';
