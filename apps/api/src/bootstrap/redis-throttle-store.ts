import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { AppConfig, queueConnection } from '@app/core';
import {
  MemoryThrottleStore,
  type ThrottleRule,
  type ThrottleStore,
  type ThrottleVerdict,
} from './throttle-store';

/**
 * MemoryThrottleStore.hit in one atomic step on Redis. KEYS: counter, block, block history per
 * rule; ARGV: limit, window, block, maximum block (0: fixed), history (ms) per rule. Returns
 * {0, wait ms} when refused, else {1, 0, hits, ms left, …} per rule.
 */
const HIT = `
local n = #KEYS / 3
local wait = 0
for i = 0, n - 1 do
  local left = redis.call('PTTL', KEYS[i * 3 + 2])
  if left > wait then wait = left end
end
if wait > 0 then return {0, wait} end
for i = 0, n - 1 do
  if tonumber(redis.call('GET', KEYS[i * 3 + 1]) or '0') >= tonumber(ARGV[i * 5 + 1]) then
    local block = tonumber(ARGV[i * 5 + 3])
    local longest = tonumber(ARGV[i * 5 + 4])
    if longest > 0 then
      local earlier = redis.call('INCR', KEYS[i * 3 + 3]) - 1
      redis.call('PEXPIRE', KEYS[i * 3 + 3], ARGV[i * 5 + 5])
      block = math.min(longest, block * 2 ^ math.min(earlier, 30))
    end
    redis.call('SET', KEYS[i * 3 + 2], '1', 'PX', math.floor(block))
    redis.call('DEL', KEYS[i * 3 + 1])
    if block > wait then wait = block end
  end
end
if wait > 0 then return {0, math.floor(wait)} end
local result = {1, 0}
for i = 0, n - 1 do
  local hits = redis.call('INCR', KEYS[i * 3 + 1])
  if hits == 1 then redis.call('PEXPIRE', KEYS[i * 3 + 1], ARGV[i * 5 + 2]) end
  table.insert(result, hits)
  table.insert(result, redis.call('PTTL', KEYS[i * 3 + 1]))
end
return result
`;

const REFUND = `
for i = 1, #KEYS do
  if tonumber(redis.call('GET', KEYS[i]) or '0') > 0 then redis.call('DECR', KEYS[i]) end
end
return 0
`;

/**
 * The counters of every API process, in Redis: a limit holds however many processes serve the
 * API. While Redis cannot be reached each process falls back to counting on its own, so logins
 * keep working and stay limited per process.
 */
export class RedisThrottleStore implements ThrottleStore, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottleStore.name);
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly fallback = new MemoryThrottleStore();
  private warned = false;

  /** `config.redisUrl` is set: server mode. */
  constructor(config: AppConfig) {
    const options = queueConnection(config, 'producer') as RedisOptions;
    this.redis = new Redis({ ...options, lazyConnect: true });
    // The hash tag keeps every key in one Cluster slot, as the scripts need.
    this.prefix = `${config.queueNamespace ? `${config.queueNamespace}:` : ''}{throttle}:`;
  }

  async onModuleInit(): Promise<void> {
    // Not fatal: the API starts without Redis, as its queue producers do, and reconnects.
    await this.redis.connect().catch((error: Error) => this.warn(error));
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit();
    else this.redis.disconnect();
  }

  async hit(rules: readonly ThrottleRule[]): Promise<ThrottleVerdict> {
    const keys = rules.flatMap((rule) =>
      ['', ':block', ':blocks'].map((suffix) => this.prefix + rule.key + suffix),
    );
    const args = rules.flatMap((rule) => [
      rule.limit,
      rule.windowMs,
      rule.blockMs,
      rule.growth?.maxBlockMs ?? 0,
      rule.growth?.historyMs ?? 1,
    ]);
    try {
      const reply = (await this.redis.eval(HIT, keys.length, ...keys, ...args)) as number[];
      if (reply[0] === 0) return { allowed: false, retryAfterMs: reply[1] };
      const pairs = rules.map((_, index) => reply.slice(2 + index * 2, 4 + index * 2));
      return {
        allowed: true,
        hits: pairs.map(([hits]) => hits),
        resetMs: pairs.map(([, left]) => left),
      };
    } catch (error) {
      this.warn(error as Error);
      return this.fallback.hit(rules);
    }
  }

  async refund(keys: readonly string[]): Promise<void> {
    const prefixed = keys.map((key) => this.prefix + key);
    await this.redis
      .eval(REFUND, prefixed.length, ...prefixed)
      .catch(() => this.fallback.refund(keys));
  }

  async remember(key: string, ttlMs: number): Promise<void> {
    await this.redis
      .set(this.prefix + key, '1', 'PX', ttlMs)
      .catch(() => this.fallback.remember(key, ttlMs));
  }

  async remembers(key: string): Promise<boolean> {
    return this.redis
      .exists(this.prefix + key)
      .then((count) => count > 0)
      .catch(() => this.fallback.remembers(key));
  }

  /** Once per outage: the log says counting went local, not every request. */
  private warn(error: Error): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(
      `Redis is unreachable for request limits (${error.message}); counting in this process until it is back`,
    );
    this.redis.once('ready', () => {
      this.warned = false;
    });
  }
}
