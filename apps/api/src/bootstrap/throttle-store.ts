/** The provider token of the counters every limit of the API keeps (Redis in server mode). */
export const THROTTLE_STORE = Symbol('THROTTLE_STORE');

/** At most `limit` hits per `windowMs` on `key`; the next one starts a block of `blockMs`. */
export interface ThrottleRule {
  key: string;
  limit: number;
  windowMs: number;
  blockMs: number;
  /** Set: each block within `historyMs` of the previous one lasts twice as long, up to `maxBlockMs`. */
  growth?: { maxBlockMs: number; historyMs: number };
}

export type ThrottleVerdict =
  { allowed: true; hits: number[]; resetMs: number[] } | { allowed: false; retryAfterMs: number };

export interface ThrottleStore {
  /**
   * One hit on all the rules at once: refused (and nothing counted) while any rule is blocked or
   * when the hit would exceed a rule's limit, which then starts that rule's block.
   */
  hit(rules: readonly ThrottleRule[]): Promise<ThrottleVerdict>;
  /** Takes one hit back from each of these rules' counters (never below zero). */
  refund(keys: readonly string[]): Promise<void>;
  remember(key: string, ttlMs: number): Promise<void>;
  remembers(key: string): Promise<boolean>;
}

/** The block a rule starts now, given how many blocks it started within its history. */
export function blockDuration(rule: ThrottleRule, earlierBlocks: number): number {
  if (!rule.growth) return rule.blockMs;
  return Math.min(rule.growth.maxBlockMs, rule.blockMs * 2 ** Math.min(earlierBlocks, 30));
}

interface Entry {
  value: number;
  until: number;
}

/** This process's counters: embedded mode (one process), and server mode while Redis is away. */
export class MemoryThrottleStore implements ThrottleStore {
  private readonly entries = new Map<string, Entry>();
  private nextSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  hit(rules: readonly ThrottleRule[]): Promise<ThrottleVerdict> {
    const now = this.sweep();
    const blocked = rules.map((rule) => this.live(`${rule.key}:block`, now)?.until ?? now);
    const wait = Math.max(0, ...blocked.map((until) => until - now));
    if (wait > 0) return Promise.resolve({ allowed: false, retryAfterMs: wait });
    const over = rules.filter((rule) => (this.live(rule.key, now)?.value ?? 0) >= rule.limit);
    if (over.length > 0) {
      const blocks = over.map((rule) => this.block(rule, now));
      return Promise.resolve({ allowed: false, retryAfterMs: Math.max(...blocks) });
    }
    const counters = rules.map((rule) => this.add(rule.key, 1, now, rule.windowMs));
    return Promise.resolve({
      allowed: true,
      hits: counters.map((counter) => counter.value),
      resetMs: counters.map((counter) => counter.until - now),
    });
  }

  refund(keys: readonly string[]): Promise<void> {
    const now = this.now();
    for (const key of keys) {
      const counter = this.live(key, now);
      if (counter && counter.value > 0) counter.value -= 1;
    }
    return Promise.resolve();
  }

  remember(key: string, ttlMs: number): Promise<void> {
    this.entries.set(key, { value: 1, until: this.now() + ttlMs });
    return Promise.resolve();
  }

  remembers(key: string): Promise<boolean> {
    return Promise.resolve(this.live(key, this.now()) !== undefined);
  }

  private block(rule: ThrottleRule, now: number): number {
    const earlier = rule.growth
      ? this.add(`${rule.key}:blocks`, 1, now, rule.growth.historyMs, true).value - 1
      : 0;
    const duration = blockDuration(rule, earlier);
    this.entries.set(`${rule.key}:block`, { value: 1, until: now + duration });
    this.entries.delete(rule.key);
    return duration;
  }

  /** Adds to a counter, starting its window when new; `extend` restarts the window on each add. */
  private add(key: string, amount: number, now: number, ttlMs: number, extend = false): Entry {
    const entry = this.live(key, now) ?? { value: 0, until: now + ttlMs };
    entry.value += amount;
    if (extend) entry.until = now + ttlMs;
    this.entries.set(key, entry);
    return entry;
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.until > now) return entry;
    if (entry) this.entries.delete(key);
    return undefined;
  }

  /** Drops expired entries once a minute, so keys seen once do not stay for ever. */
  private sweep(): number {
    const now = this.now();
    if (now < this.nextSweep) return now;
    this.nextSweep = now + 60_000;
    for (const [key, entry] of this.entries) if (entry.until <= now) this.entries.delete(key);
    return now;
  }
}
