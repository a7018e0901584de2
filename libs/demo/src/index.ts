export * from './seed-demo';
export * from './demo-refs';
export * from './demo-people';
export * from './demo-schools';
export * from './demo-certificates';
export * from './demo-rules';
