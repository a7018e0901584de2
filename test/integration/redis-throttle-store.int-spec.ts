import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { AppConfig } from '@app/core';
import { RedisThrottleStore } from '../../apps/api/src/bootstrap/redis-throttle-store';
import type { ThrottleRule } from '../../apps/api/src/bootstrap/throttle-store';
import { waitFor } from '../support/audit-helpers';
import { PrivateRedis } from '../support/private-redis';
import { isCi } from '../support/test-env';

function redisServerOrSkip(suite: string): boolean {
  if (PrivateRedis.available()) return true;
  if (isCi())
    throw new Error(`${suite}: redis-server is not installed, and CI=true requires every service.`);
  process.stdout.write(`[skip] ${suite}: no redis-server binary to run a private Redis.\n`);
  return false;
}

const SUITE = 'request-limit counters in Redis';

/** The counters' Lua scripts on a private redis-server, which the test also stops and restarts. */
(redisServerOrSkip(SUITE) ? describe : describe.skip)(SUITE, () => {
  let redis: PrivateRedis;
  let store: RedisThrottleStore;
  let observer: Redis;
  const namespace = `t${randomBytes(4).toString('hex')}`;
  const rule = (key: string, limit: number, blockMs = 60_000): ThrottleRule => ({
    key,
    limit,
    windowMs: 60_000,
    blockMs,
  });

  beforeAll(async () => {
    redis = await PrivateRedis.start();
    store = new RedisThrottleStore({ redisUrl: redis.url, queueNamespace: namespace } as AppConfig);
    await store.onModuleInit();
    observer = new Redis(redis.url);
  }, 30_000);

  afterAll(async () => {
    await store?.onApplicationShutdown();
    observer?.disconnect();
    await redis?.stop();
  });

  it('allows exactly the limit of hits that arrive at once, and counts nothing for the rest', async () => {
    const verdicts = await Promise.all(
      Array.from({ length: 30 }, () => store.hit([rule('parallel', 10)])),
    );
    expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(10);
    expect(await observer.get(`${namespace}:{throttle}:parallel`)).toBeNull();
    expect(await observer.pttl(`${namespace}:{throttle}:parallel:block`)).toBeGreaterThan(59_000);
  });

  it('refuses a hit on every rule when one rule is over, counting none of them', async () => {
    await store.hit([rule('full', 1)]);
    expect((await store.hit([rule('untouched', 5), rule('full', 1)])).allowed).toBe(false);
    expect(await observer.exists(`${namespace}:{throttle}:untouched`)).toBe(0);
  });

  it('doubles a growing block up to its maximum, as the in-process store does', async () => {
    const growing: ThrottleRule = {
      ...rule('growing', 1, 50),
      growth: { maxBlockMs: 200, historyMs: 60_000 },
    };
    const blocks: number[] = [];
    await store.hit([growing]);
    for (let round = 0; round < 4; round += 1) {
      const refused = await store.hit([growing]);
      if (refused.allowed) throw new Error('the second hit must be refused');
      blocks.push(refused.retryAfterMs);
      // The first hit let through after the block fills the next round's limit.
      await waitFor('the block to end', async () => (await store.hit([growing])).allowed, {
        intervalMs: 20,
      });
    }
    expect(blocks).toEqual([50, 100, 200, 200]);
  });

  it('takes refunds back without going below zero, and remembers keys for their time', async () => {
    await store.hit([rule('refunded', 3)]);
    await store.refund(['refunded', 'refunded']);
    expect(await observer.get(`${namespace}:{throttle}:refunded`)).toBe('0');
    await store.remember('known', 60_000);
    expect(await store.remembers('known')).toBe(true);
    expect(await store.remembers('unknown')).toBe(false);
  });

  it('keeps counting in the process while Redis is away, and in Redis again once it is back', async () => {
    await redis.kill();
    const during = [];
    for (let index = 0; index < 3; index += 1) during.push(await store.hit([rule('outage', 2)]));
    expect(during.map((verdict) => verdict.allowed)).toEqual([true, true, false]);
    await expect(store.refund(['outage'])).resolves.toBeUndefined();
    await expect(store.remembers('known')).resolves.toBe(false);

    await redis.start(); // empty
    await waitFor('counting in Redis again', async () => {
      await store.hit([rule('back', 100)]);
      return (await observer.exists(`${namespace}:{throttle}:back`).catch(() => 0)) === 1;
    });
  }, 60_000);
});
