import type { SecretRecord } from "@twauth/core";

interface CacheEntry {
  record: SecretRecord | undefined;
  expiresAt: number;
  /** The generation of the read or write that produced `record`. */
  generation: number;
  inflight: { readonly promise: Promise<SecretRecord>; readonly forced: boolean } | undefined;
}

/**
 * Loaded secrets by secret id, each kept for `maxAgeMs`, with one in-flight read per secret that
 * every concurrent load shares. A forced read (after X answered 401, or before a write) does not
 * join a read that began earlier without force, since that one may return the value from before
 * a rotation; it does join another forced read. Reads and writes are numbered, so a slow read
 * never replaces what a later read or write stored.
 */
export class SecretCache {
  readonly #entries = new Map<string, CacheEntry>();
  #generation = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  /** The cached record while it is younger than maxAge. */
  fresh(secretId: string): SecretRecord | undefined {
    const entry = this.#entries.get(secretId);
    if (entry?.record === undefined || this.maxAgeMs === 0) return undefined;
    return this.now() < entry.expiresAt ? entry.record : undefined;
  }

  /** The record from a read shared with every concurrent caller (see the class comment for `forced`). */
  read(secretId: string, forced: boolean, fetch: () => Promise<SecretRecord>): Promise<SecretRecord> {
    const entry = this.#entry(secretId);
    const inflight = entry.inflight;
    if (inflight !== undefined && (inflight.forced || !forced)) return inflight.promise;
    const generation = ++this.#generation;
    const promise = fetch()
      .then((record) => {
        this.#keep(entry, record, generation);
        return record;
      })
      .finally(() => {
        if (entry.inflight?.promise === promise) entry.inflight = undefined;
      });
    entry.inflight = { promise, forced };
    return promise;
  }

  /** What a write just stored: it supersedes every read that began before it. */
  written(secretId: string, record: SecretRecord): void {
    this.#keep(this.#entry(secretId), record, ++this.#generation);
  }

  /** Values cached for a secret (to keep them out of error messages). */
  values(secretId: string): string[] {
    const record = this.#entries.get(secretId)?.record;
    return record === undefined ? [] : Object.values(record);
  }

  #keep(entry: CacheEntry, record: SecretRecord, generation: number): void {
    if (generation < entry.generation) return;
    entry.record = record;
    entry.generation = generation;
    entry.expiresAt = this.now() + this.maxAgeMs;
  }

  #entry(secretId: string): CacheEntry {
    let entry = this.#entries.get(secretId);
    if (entry === undefined) {
      entry = { record: undefined, expiresAt: 0, generation: 0, inflight: undefined };
      this.#entries.set(secretId, entry);
    }
    return entry;
  }
}
