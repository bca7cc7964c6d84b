export type { RedisConnectionOptions, RedisStateNotice, RedisTarget } from "./options.js";
export type { RedisBearerTokenCache, RedisBearerTokenCacheOptions } from "./redis-bearer-token-cache.js";
export { redisBearerTokenCache } from "./redis-bearer-token-cache.js";
export type { IoRedisClientLike, NodeRedisClientLike, RedisClientLike } from "./redis-link.js";
export type { RedisRateLimitState, RedisRateLimitStateOptions } from "./redis-rate-limit-state.js";
export { redisRateLimitState } from "./redis-rate-limit-state.js";
export type { RedisSpendLedger, RedisSpendLedgerOptions } from "./redis-spend-ledger.js";
export { redisSpendLedger } from "./redis-spend-ledger.js";
