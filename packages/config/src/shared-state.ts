import type {
  ApiConnectionOptions,
  BearerTokenCache,
  RateLimitState,
  RefreshLock,
  SpendLedger,
} from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { z } from "zod";
import { defaultStateFile, userCacheFolder } from "./state-cache-path.js";

/**
 * A config file's `rate_limit_state` section: where the connection keeps its request budget, the
 * app's bearer token and the OAuth 2.0 refresh lock, so that several processes share them.
 * `memory` (the default: this process only), `redis` (a fleet across hosts, `@twauth/ratelimit-redis`)
 * or `file` (successive runs and cron jobs on one host, `@twauth/ratelimit-file`).
 *
 * @example
 * const section: SharedStateConfig = { type: "redis", url: "redis://127.0.0.1:6379", keyPrefix: "bots:" };
 */
export type SharedStateConfig =
  | { readonly type: "memory" }
  | { readonly type: "redis"; readonly url: string; readonly keyPrefix?: string | undefined }
  | { readonly type: "file"; readonly path?: string | undefined };

const redisUrl = z
  .string()
  .max(2000)
  .refine((value) => /^rediss?:\/\/[^\s]+$/.test(value), { message: "a redis:// or rediss:// URL" });

/** The zod schema of `rate_limit_state` (keys already in camelCase). */
export const sharedStateSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("memory") }).strict(),
  z.object({ type: z.literal("redis"), url: redisUrl, keyPrefix: z.string().max(200).optional() }).strict(),
  z.object({ type: z.literal("file"), path: z.string().min(1).max(4096).optional() }).strict(),
]);

/** What `connect` hands getApiConnection for a shared state, and how to let go of it at close. */
export interface SharedState {
  readonly options: Pick<
    ApiConnectionOptions,
    "rateLimitState" | "bearerTokenCache" | "refreshLock" | "spendLedger"
  >;
  /** True when `connect` made something that must be closed with the connection. */
  readonly owned: boolean;
  close(): Promise<void>;
}

const packages = { redis: "@twauth/ratelimit-redis", file: "@twauth/ratelimit-file" } as const;

async function importPackage(
  type: "redis" | "file",
  filepath: string | undefined,
): Promise<Record<string, unknown>> {
  const name = packages[type];
  try {
    return (await import(name)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code !== "ERR_MODULE_NOT_FOUND" && code !== "MODULE_NOT_FOUND") throw error;
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `install ${name} to use rate_limit_state: { type: ${type} }${filepath === undefined ? "" : ` (${filepath})`}, e.g. npm install ${name}`,
      { keys: ["rate_limit_state.type"], ...(filepath === undefined ? {} : { file: filepath }) },
    );
  }
}

type Closable = { close?: () => Promise<void> };

/** A `file` state without a path keeps its figures in the user's cache folder. */
function defaultPath(filepath: string | undefined, apiOrigin: string): string {
  const folder = userCacheFolder(process.env, process.platform);
  if (folder !== undefined) return defaultStateFile(folder, apiOrigin);
  throw new TwauthError(
    "CONFIG_INVALID",
    `rate_limit_state: { type: file } needs a path here: no cache folder is known (set HOME, XDG_CACHE_HOME or TWAUTH_CACHE_DIR)${filepath === undefined ? "" : ` (${filepath})`}.`,
    { keys: ["rate_limit_state.path"], ...(filepath === undefined ? {} : { file: filepath }) },
  );
}

/** What else the connection needs from the shared state. */
export interface SharedStateNeeds {
  /**
   * The connection has a spend limit: a Redis state then also keeps the spend ledger, so a fleet
   * counts one estimate and `twauth usage` can read it later. (A ledger without a limit is refused.)
   * @default false
   */
  readonly spendLimit?: boolean;
}

/**
 * Makes the shared state a config names, importing only its package (a `.env` user with no fleet
 * never loads a Redis client). Relative file paths are resolved by the caller against the config file.
 */
export async function createSharedState(
  config: SharedStateConfig | undefined,
  filepath: string | undefined,
  apiOrigin = "https://api.x.com",
  needs: SharedStateNeeds = {},
): Promise<SharedState> {
  if (config === undefined || config.type === "memory")
    return { options: {}, owned: false, close: async () => {} };
  const module = await importPackage(config.type, filepath);
  type Factory = (options: Record<string, unknown>) => Closable & Record<string, unknown>;
  const make = (name: string, options: Record<string, unknown>) => (module[name] as Factory)(options);
  if (config.type === "redis") {
    const target = {
      url: config.url,
      ...(config.keyPrefix === undefined ? {} : { keyPrefix: config.keyPrefix }),
    };
    const budget = make("redisRateLimitState", target);
    const tokens = make("redisBearerTokenCache", target);
    const lock = make("redisRefreshLock", target);
    const ledger = needs.spendLimit === true ? make("redisSpendLedger", target) : undefined;
    return {
      options: {
        rateLimitState: budget as unknown as RateLimitState,
        bearerTokenCache: tokens as unknown as BearerTokenCache,
        refreshLock: lock as unknown as RefreshLock,
        ...(ledger === undefined ? {} : { spendLedger: ledger as unknown as SpendLedger }),
      },
      owned: true,
      close: async () => {
        await Promise.all([budget, tokens, lock, ledger].map((part) => part?.close?.()));
      },
    };
  }
  const path = config.path ?? defaultPath(filepath, apiOrigin);
  const state = make("fileRateLimitState", { path });
  return {
    options: { rateLimitState: state as unknown as RateLimitState },
    owned: true,
    // The file state writes the last request's figures on flush: before the process exits.
    close: async () => (state as { flush?: () => Promise<void> }).flush?.(),
  };
}
