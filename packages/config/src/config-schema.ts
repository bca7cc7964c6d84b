// zod comes from core: its bundle carries the zod instance connectionOptionsSchema is built with.
import { connectionOptionsSchema, z } from "@twauth/core/options-schema";

const path = z.string().min(1);

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

export const configFileSchema = connectionConfigSchema
  .extend({
    store: storeConfigSchema,
    profile: z.string().min(1).optional(),
  })
  .strict();

export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;
export type StoreType = StoreConfig["type"];
