export type { FileBearerTokenCacheOptions } from "./file-bearer-token-cache.js";
export { fileBearerTokenCache } from "./file-bearer-token-cache.js";
export type { FileRateLimitState, FileRateLimitStateOptions } from "./file-rate-limit-state.js";
export { fileRateLimitState } from "./file-rate-limit-state.js";
export type { FiguresFilter, StoredFiguresList, StoredRateLimitFigures } from "./stored-figures.js";
