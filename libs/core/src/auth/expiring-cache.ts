/**
 * A small in-process cache: entries live `ttlMs`, at most `maxEntries` are kept (the oldest
 * written goes first). A load that was under way when a key was forgotten does not store its
 * (possibly stale) answer, so `forget` takes effect at once for the next caller.
 */
export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  /** Bumped by every `forget`: a load that saw another value stores nothing. */
  private forgets = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  async getOrLoad(key: string, load: () => Promise<V>): Promise<V> {
    if (this.ttlMs <= 0) return load();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.value;
    if (cached) this.entries.delete(key);
    const forgetsBefore = this.forgets;
    const value = await load();
    if (forgetsBefore === this.forgets) this.set(key, value);
    return value;
  }

  forget(key: string): void {
    this.forgets += 1;
    this.entries.delete(key);
  }

  private set(key: string, value: V): void {
    this.entries.delete(key);
    while (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
    this.entries.set(key, { value, expiresAt: this.now() + this.ttlMs });
  }
}
