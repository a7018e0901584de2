/**
 * A guard against hangs, not a performance bound: two busy cores can make a database test slow.
 * Jest 30 reads `testTimeout` only from the top-level configuration, so each project that needs a
 * longer guard sets it here, for every test of its files.
 */
jest.setTimeout(60_000);
