import { dirname, isAbsolute, resolve } from "node:path";
import type { SharedState, SharedStateConfig } from "@twauth/config";
import { createSharedState, userCacheFolder } from "@twauth/config";
import type { Setup } from "./load-setup.js";

const loopbackHosts = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * The rate-limit state a CLI command shares with the commands before and after it: the config's
 * `rate_limit_state` when it names one, else, for X's own API, a file in the user's cache folder
 * (so a second `twauth verify` right after the first knows the window the first one used). A
 * loopback API (the emulator) is a server of this run whose windows die with it: memory only.
 */
export async function cliSharedState(
  setup: Setup,
  env: Readonly<Record<string, string | undefined>>,
): Promise<SharedState | undefined> {
  const origin = setup.baseUrl ?? "https://api.x.com";
  const configured = setup.config.rateLimitState;
  if (
    configured === undefined &&
    (isLoopback(origin) || userCacheFolder(env, process.platform) === undefined)
  )
    return undefined;
  const chosen: SharedStateConfig = configured ?? { type: "file" };
  return createSharedState(relativeToConfig(chosen, setup.filepath), setup.filepath, origin, {
    spendLimit: setup.config.spendLimit !== undefined,
  });
}

function isLoopback(origin: string): boolean {
  try {
    return loopbackHosts.has(new URL(origin).hostname);
  } catch {
    return false;
  }
}

function relativeToConfig(config: SharedStateConfig, filepath: string): SharedStateConfig {
  if (config.type !== "file" || config.path === undefined || isAbsolute(config.path)) return config;
  return { ...config, path: resolve(dirname(filepath), config.path) };
}
