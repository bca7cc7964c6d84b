/**
 * Remembers the nonces seen per consumer and timestamp. Only timestamps inside the tolerance
 * window are ever accepted, so buckets older than the window are dropped: memory stays bounded by
 * the number of requests in one window.
 */
export class NonceCache {
  readonly #buckets = new Map<number, Set<string>>();
  #prunedAt = Number.NEGATIVE_INFINITY;

  constructor(private readonly toleranceSeconds: number) {}

  /** Records the nonce; false when this consumer already used it with this timestamp. */
  remember(consumerKey: string, timestamp: number, nonce: string, nowSeconds: number): boolean {
    this.#prune(nowSeconds);
    let bucket = this.#buckets.get(timestamp);
    if (!bucket) {
      bucket = new Set();
      this.#buckets.set(timestamp, bucket);
    }
    const key = `${consumerKey}\u0000${nonce}`;
    if (bucket.has(key)) return false;
    bucket.add(key);
    return true;
  }

  get size(): number {
    let size = 0;
    for (const bucket of this.#buckets.values()) size += bucket.size;
    return size;
  }

  #prune(nowSeconds: number): void {
    if (nowSeconds === this.#prunedAt) return;
    this.#prunedAt = nowSeconds;
    const oldestAccepted = nowSeconds - this.toleranceSeconds;
    for (const timestamp of this.#buckets.keys()) {
      if (timestamp < oldestAccepted) this.#buckets.delete(timestamp);
    }
  }
}
