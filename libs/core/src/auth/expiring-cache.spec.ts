import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let clock: number;
  const now = () => clock;
  let loads: number;
  const loader = (value: string) => async () => {
    loads += 1;
    return value;
  };

  beforeEach(() => {
    clock = 1_000;
    loads = 0;
  });

  it('answers from memory within the time to live, and loads again after it', async () => {
    const cache = new ExpiringCache<string>(2_000, 10, now);
    expect(await cache.getOrLoad('a', loader('v1'))).toBe('v1');
    clock += 1_999;
    expect(await cache.getOrLoad('a', loader('v2'))).toBe('v1');
    clock += 1;
    expect(await cache.getOrLoad('a', loader('v3'))).toBe('v3');
    expect(loads).toBe(2);
  });

  it('loads every time when the time to live is 0', async () => {
    const cache = new ExpiringCache<string>(0, 10, now);
    await cache.getOrLoad('a', loader('v1'));
    await cache.getOrLoad('a', loader('v2'));
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the oldest written', async () => {
    const cache = new ExpiringCache<string>(60_000, 2, now);
    await cache.getOrLoad('a', loader('a'));
    await cache.getOrLoad('b', loader('b'));
    await cache.getOrLoad('c', loader('c'));
    expect(cache.size).toBe(2);
    expect(await cache.getOrLoad('a', loader('a again'))).toBe('a again');
    expect(await cache.getOrLoad('c', loader('c again'))).toBe('c');
  });

  it('forgets a key at once', async () => {
    const cache = new ExpiringCache<string>(60_000, 10, now);
    await cache.getOrLoad('a', loader('old'));
    cache.forget('a');
    expect(await cache.getOrLoad('a', loader('new'))).toBe('new');
  });

  it('does not store what a load read before a forget that happened while it ran', async () => {
    const cache = new ExpiringCache<string>(60_000, 10, now);
    let release!: () => void;
    const slow = cache.getOrLoad(
      'a',
      () => new Promise<string>((resolve) => (release = () => resolve('stale'))),
    );
    cache.forget('a');
    release();
    expect(await slow).toBe('stale');
    expect(await cache.getOrLoad('a', loader('fresh'))).toBe('fresh');
  });
});
