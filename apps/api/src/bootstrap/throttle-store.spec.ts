import { blockDuration, MemoryThrottleStore, type ThrottleRule } from './throttle-store';

const MINUTE = 60_000;

function clock() {
  const state = { now: 1_000_000 };
  return { state, now: () => state.now };
}

const pair: ThrottleRule = { key: 'pair', limit: 3, windowMs: MINUTE, blockMs: MINUTE };
const account: ThrottleRule = {
  key: 'account',
  limit: 2,
  windowMs: MINUTE,
  blockMs: 1_000,
  growth: { maxBlockMs: MINUTE, historyMs: 15 * MINUTE },
};

describe('MemoryThrottleStore', () => {
  it('allows the limit, refuses the next hit with a block of blockMs, then counts afresh', async () => {
    const time = clock();
    const store = new MemoryThrottleStore(time.now);
    const hits = [];
    for (let index = 0; index < 3; index += 1) hits.push(await store.hit([pair]));
    expect(hits.map((verdict) => verdict.allowed && verdict.hits[0])).toEqual([1, 2, 3]);
    expect(await store.hit([pair])).toEqual({ allowed: false, retryAfterMs: MINUTE });
    time.state.now += MINUTE - 1;
    expect(await store.hit([pair])).toEqual({ allowed: false, retryAfterMs: 1 });
    time.state.now += 1;
    expect(await store.hit([pair])).toMatchObject({ allowed: true, hits: [1] });
  });

  it('counts nothing on any rule when one refuses the hit', async () => {
    const store = new MemoryThrottleStore(clock().now);
    await store.hit([account]);
    await store.hit([account]);
    expect((await store.hit([pair, account])).allowed).toBe(false);
    expect(await store.hit([pair])).toMatchObject({ allowed: true, hits: [1] });
  });

  it('doubles a growing block with each one in its history, never past the maximum', async () => {
    const time = clock();
    const store = new MemoryThrottleStore(time.now);
    const blocks: number[] = [];
    for (let round = 0; round < 8; round += 1) {
      await store.hit([account]);
      await store.hit([account]);
      const refused = await store.hit([account]);
      if (refused.allowed) throw new Error('the third hit must be refused');
      blocks.push(refused.retryAfterMs);
      time.state.now += refused.retryAfterMs;
    }
    expect(blocks).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 32_000, MINUTE, MINUTE]);
    // A quiet history starts again at the shortest block.
    time.state.now += 15 * MINUTE;
    await store.hit([account]);
    await store.hit([account]);
    expect(await store.hit([account])).toEqual({ allowed: false, retryAfterMs: 1_000 });
  });

  it('takes a refunded hit back, never below zero', async () => {
    const store = new MemoryThrottleStore(clock().now);
    await store.hit([pair]);
    await store.refund(['pair', 'pair', 'unknown']);
    expect(await store.hit([pair])).toMatchObject({ allowed: true, hits: [1] });
  });

  it('remembers a key for its time only', async () => {
    const time = clock();
    const store = new MemoryThrottleStore(time.now);
    await store.remember('known', 10);
    expect(await store.remembers('known')).toBe(true);
    time.state.now += 10;
    expect(await store.remembers('known')).toBe(false);
  });
});

describe('blockDuration', () => {
  it('is fixed without growth and bounded with it, however many blocks came before', () => {
    expect(blockDuration(pair, 50)).toBe(MINUTE);
    expect(blockDuration(account, 0)).toBe(1_000);
    expect(blockDuration(account, 10_000)).toBe(MINUTE);
  });
});
