// zod comes from core: its bundle carries the zod instance connectionOptionsSchema is built with.
import { connectionOptionsSchema, z } from "@twauth/core/options-schema";

const path = z.string().min(1);

/**
 * The zod schema of a config file's `store` section: `type` picks the store package, and the other
 * keys are that store's options as a file can write them (strict: an unknown key is an error).
 * Relative paths are resolved against the config file's folder by `loadConfig`, not here.
 *
 * @example
 * const store = storeConfigSchema.parse({ type: "yaml", path: "twitter.yaml", key: "twitter" });
 */
export const storeConfigSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("env"), prefix: z.string().optional() }).strict(),
  z
    .object({
      type: z.literal("dotenv"),
      path: path.optional(),
      paths: z.array(path).min(1).optional(),
      override: z.boolean().optional(),
      prefix: z.string().optional(),
    })
    .strict(),
  z.object({ type: z.literal("ini"), path }).strict(),
  z.object({ type: z.literal("yaml"), path, key: z.string().min(1).optional() }).strict(),
  z
    .object({
      type: z.literal("aws-secrets-manager"),
      secretId: z.union([z.string().min(1), z.record(z.string().min(1))]),
      region: z.string().min(1).optional(),
      endpoint: z.string().url().optional(),
      maxAge: connectionOptionsSchema.shape.timeout,
    })
    .strict(),
]);

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
    userAgent: true,
  })
  .extend({ waitOnRateLimitNotify: z.boolean().optional() });

/**
 * The zod schema of a whole twauth config file after its keys are turned into camelCase: a required
 * `store`, an optional `profile`, and the connection options a file can hold. Strict, so a misspelt
 * key is reported rather than ignored. `loadConfig` applies it and turns its issues into one
 * `CONFIG_INVALID` with line:column; use it directly only to check a config object of your own.
 *
 * @example
 * const result = configFileSchema.safeParse({ store: { type: "env" }, waitOnRateLimit: true });
 * if (!result.success) console.error(result.error.issues);
 */
export const configFileSchema = connectionConfigSchema
  .extend({
    store: storeConfigSchema,
    profile: z.string().min(1).optional(),
  })
  .strict();

export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;
export type StoreType = StoreConfig["type"];
