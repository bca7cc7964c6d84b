import type { BearerTokenCache, Duration } from "@twauth/core";
import { readSecretFileIfPresent, withFileLock, writeFileAtomic } from "@twauth/store-kit";
import { ensureFolder } from "./budget-transaction.js";
import { boundedDuration, statePath } from "./options.js";

/**
 * Options of `fileBearerTokenCache`.
 *
 * @example
 * const options: FileBearerTokenCacheOptions = { path: "/home/me/.cache/twauth/bearer-tokens.json" };
 */
export interface FileBearerTokenCacheOptions {
  /** The cache file: it holds the apps' bearer tokens, so it is written with mode 0600 only. */
  readonly path: string;
  /** How long to wait for the file's lock before failing with `STORE_WRITE_FAILED`. @default "10s" */
  readonly lockTimeout?: Duration;
}

/** Apps kept at most: one machine runs a handful; past it the oldest entries go. */
export const maxCachedApps = 100;
const maxCacheFileBytes = 256 * 1024;
const maxTokenLength = 4096;

type Tokens = Record<string, string>;

function parseTokens(text: string | undefined): Tokens {
  const tokens: Tokens = {};
  if (text === undefined) return tokens;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    // A damaged cache costs one token exchange, not a failed run.
    return tokens;
  }
  const stored = (raw as { tokens?: unknown } | null)?.tokens;
  if (typeof stored !== "object" || stored === null) return tokens;
  for (const [appKey, token] of Object.entries(stored)) {
    if (typeof token === "string" && token.length <= maxTokenLength) tokens[appKey] = token;
  }
  return tokens;
}

/**
 * The apps' bearer tokens in one file shared by every process on the host, so successive CLI runs
 * and cron jobs reuse a token instead of asking X for one each time (X answers 403 code 99 to an app
 * that asks too often). Keyed by the consumer key's hash, as every `BearerTokenCache`. The file holds
 * secrets: written atomically with mode 0600 under the store kit's cross-process lock; this object
 * keeps no token in memory, so inspecting or serializing it shows none.
 *
 * @example
 * const bearerTokenCache = fileBearerTokenCache({ path: "/home/me/.cache/twauth/bearer-tokens.json" });
 * const api = await getApiConnection({ credentials: { consumerKey, consumerSecret }, bearerTokenCache });
 */
export function fileBearerTokenCache(options: FileBearerTokenCacheOptions): BearerTokenCache {
  const path = statePath(options);
  const lockTimeoutMs = boundedDuration("lockTimeout", options.lockTimeout, 10_000, [1, 60_000]);
  const read = async () =>
    parseTokens((await readSecretFileIfPresent(path, { maxBytes: maxCacheFileBytes }))?.text);
  const change = async (edit: (tokens: Tokens) => boolean) => {
    await ensureFolder(path);
    await withFileLock(
      path,
      async () => {
        const tokens = await read();
        if (!edit(tokens)) return;
        await writeFileAtomic(path, `${JSON.stringify({ version: 1, tokens })}\n`, { mode: 0o600 });
      },
      { timeoutMs: lockTimeoutMs },
    );
  };
  return {
    // Reads need no lock: writes replace the file whole (rename), so a reader sees old or new.
    get: async (appKey) => (await read())[appKey],
    set: (appKey, token) =>
      change((tokens) => {
        delete tokens[appKey];
        tokens[appKey] = token;
        const apps = Object.keys(tokens);
        for (const old of apps.slice(0, Math.max(0, apps.length - maxCachedApps))) delete tokens[old];
        return true;
      }),
    delete: (appKey, token) =>
      change((tokens) => {
        if (tokens[appKey] !== token) return false;
        delete tokens[appKey];
        return true;
      }),
  };
}
