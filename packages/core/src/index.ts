export type { TwauthErrorCode, TwauthErrorContext, TwauthErrorOptions } from "./errors/twauth-error.js";
export { isTwauthError, TwauthError } from "./errors/twauth-error.js";
