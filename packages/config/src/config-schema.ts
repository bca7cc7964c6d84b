import { z } from "zod";

/** Seconds as a number (fractions allowed), or a string such as "500ms", "5s", "2m". */
const duration = z.union([
  z.number().nonnegative(),
  z
    .string()
    .regex(/^\d+(\.\d+)?\s*(ms|s|m|h)?$/, 'expected seconds or a duration such as "500ms", "5s", "2m"'),
]);

const path = z.string().min(1);

export const storeConfigSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("env"), prefix: z.string().optional() }).strict(),
  z
    .object({
      type: z.literal("dotenv"),
      path: path.optional(),
      paths: z.array(path).min(1).optional(),
      override: z.boolean().optional(),
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
      maxAge: duration.optional(),
    })
    .strict(),
]);

/**
 * The options of `getApiConnection` a config file may set. Their values are checked again, and
 * normalized, by `@twauth/core` when the connection is made; here they are checked for shape so that
 * every mistake is reported with its file line at once.
 */
export const connectionConfigShape = {
  auth: z.enum(["user", "app", "oauth2-user"]).optional(),
  baseUrl: z.string().url().optional(),
  waitOnRateLimit: z.boolean().optional(),
  waitOnRateLimitNotify: z.boolean().optional(),
  maxRateLimitWait: duration.optional(),
  retryCount: z.number().int().min(0).max(20).optional(),
  retryDelay: duration.optional(),
  retryErrors: z.array(z.number().int().min(400).max(599)).optional(),
  retryMethods: z.array(z.string().min(1)).optional(),
  retryBackoff: z.boolean().optional(),
  timeout: duration.optional(),
};

export const configFileSchema = z
  .object({
    store: storeConfigSchema,
    profile: z.string().min(1).optional(),
    ...connectionConfigShape,
  })
  .strict();

export type StoreConfig = z.infer<typeof storeConfigSchema>;
export type ConfigFile = z.infer<typeof configFileSchema>;
export type StoreType = StoreConfig["type"];
