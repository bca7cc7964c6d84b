import { TwauthError } from "../errors/twauth-error.js";

/**
 * The error for a bad argument: names the argument and what it must be, never its value (a value
 * may be a secret, or a URL whose query holds one).
 */
export function invalidArgument(where: string, argument: string, requirement: string): TwauthError {
  return new TwauthError("OPTIONS_INVALID", `${where}: ${argument} ${requirement}`, { keys: [argument] });
}
