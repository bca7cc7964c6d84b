// zod comes from core: its bundle carries the zod instance connectionOptionsSchema is built with.
import type { ApiConnectionOptions } from "@twauth/core";
import { connectionOptionsSchema } from "@twauth/core/config-support";
import { z } from "zod";
import { type SharedStateConfig, sharedStateSchema } from "./shared-state.js";

/**
 * A config file's `store` section after validation: `type` picks the store package, and the other
 * keys are that store's options (camelCase), as the store's own `storeDescription` allows them.
 *
 * @example
 * const store: StoreConfig = { type: "yaml", path: "/app/twitter.yaml", key: "twitter" };
 */
export interface StoreConfig {
  readonly type: string;
  readonly [option: string]: unknown;
}

/**
 * The options of `getApiConnection` a config file may hold: core's own rules for each, so a file is
 * held to exactly what `getApiConnection` accepts. Functions (fetch, callbacks, clocks) and objects
 * (stores, rate-limit state) cannot be written in a file, and `waitOnRateLimitNotify` is a boolean there.
 */
export const connectionConfigSchema = connectionOptionsSchema
  .pick({
    auth: true,
    baseUrl: true,
    waitOnRateLimit: true,
    maxRateLimitWait: true,
    maxRateLimitWaits: true,
    retryCount: true,
    retryDelay: true,
    retryErrors: true,
    retryMethods: true,
    retryBackoff: true,
    maxRetryDelay: true,
    timeout: true,
    connectTimeout: true,
    maxResponseBytes: true,
    oauth2RefreshBefore: true,
    spendLimit: true,
    prices: true,
    userAgent: true,
  })
  .extend({ waitOnRateLimitNotify: z.boolean().optional() });

/** The connection options a file holds, typed as getApiConnection takes them. */
export type ConnectionConfig = Pick<
  ApiConnectionOptions,
  | "auth"
  | "baseUrl"
  | "waitOnRateLimit"
  | "maxRateLimitWait"
  | "maxRateLimitWaits"
  | "retryCount"
  | "retryDelay"
  | "retryErrors"
  | "retryMethods"
  | "retryBackoff"
  | "maxRetryDelay"
  | "timeout"
  | "spendLimit"
  | "prices"
  | "userAgent"
> & { waitOnRateLimitNotify?: boolean };

/**
 * A whole twauth config file after validation, keys in camelCase: a required `store`, an optional
 * `profile`, and the connection options a file can hold.
 *
 * @example
 * const file: ConfigFile = { store: { type: "env" }, waitOnRateLimit: true };
 */
export type ConfigFile = ConnectionConfig & {
  store: StoreConfig;
  profile?: string;
  rateLimitState?: SharedStateConfig;
};

/** The top-level keys a config file may write (camelCase), for did-you-mean. */
export const configFileKeys: readonly string[] = [
  ...Object.keys(connectionConfigSchema.shape),
  "store",
  "profile",
  "rateLimitState",
];

/**
 * The zod schema of a whole config file, with `store` checked by the given schema (built from the
 * store's description). Strict, so a misspelt key is reported rather than ignored.
 *
 * @example
 * const result = configFileSchema(storeSectionSchema(storeDescription)).safeParse(parsed);
 */
export function configFileSchema(storeSchema: z.ZodTypeAny) {
  return connectionConfigSchema
    .extend({
      store: storeSchema,
      profile: z.string().min(1).optional(),
      rateLimitState: sharedStateSchema.optional(),
    })
    .strict();
}
