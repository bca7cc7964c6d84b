import { createHash } from "node:crypto";
import { join } from "node:path";

/**
 * The user's cache folder, from the environment only (no process is started, nothing is asked of
 * the system): `TWAUTH_CACHE_DIR`, else `XDG_CACHE_HOME`, else the platform's place under the home
 * folder. Undefined when the environment names none.
 *
 * @example
 * userCacheFolder({ HOME: "/home/bot" }, "linux"); // "/home/bot/.cache"
 */
export function userCacheFolder(
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
): string | undefined {
  if (env.TWAUTH_CACHE_DIR) return env.TWAUTH_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return env.XDG_CACHE_HOME;
  if (platform === "win32") return env.LOCALAPPDATA || undefined;
  if (!env.HOME) return undefined;
  return platform === "darwin" ? join(env.HOME, "Library", "Caches") : join(env.HOME, ".cache");
}

/**
 * Where a file state keeps one API's rate-limit figures by default: one file per API origin, so the
 * real API's windows and an emulator's never mix.
 *
 * @example
 * defaultStateFile("/home/bot/.cache", "https://api.x.com"); // "/home/bot/.cache/twauth/rate-limits-….json"
 */
export function defaultStateFile(cacheFolder: string, apiOrigin: string): string {
  const name = createHash("sha256").update(apiOrigin).digest("hex").slice(0, 12);
  return join(cacheFolder, "twauth", `rate-limits-${name}.json`);
}
