/**
 * One source of settings for `applyPrecedence`: any subset of the settings, where `undefined` means
 * "not set here". Where each setting comes from, strongest first:
 *
 * 1. explicit arguments (`connect({ profile })`, the CLI's `--profile`, `--config`)
 * 2. `TWAUTH_*` environment variables (`TWAUTH_PROFILE`, `TWAUTH_CONFIG`, `TWAUTH_BASE_URL`)
 * 3. the config file
 * 4. defaults
 *
 * `applyPrecedence` is the one place this order is applied; it returns a new object and never
 * changes its inputs.
 *
 * @example
 * const fromEnvironment: Layer<{ profile: string }> = { profile: process.env.TWAUTH_PROFILE };
 */
export type Layer<T> = { [K in keyof T]?: T[K] | undefined };

/**
 * Merges layers of settings, strongest first: each key takes the value of the first layer that sets
 * it (not `undefined`). Returns a new object; the layers are not changed. A key no layer sets is
 * absent from the result.
 *
 * @example
 * const { profile } = applyPrecedence<{ profile: string }>(
 *   { profile: undefined }, // no --profile given
 *   { profile: process.env.TWAUTH_PROFILE },
 *   { profile: "bot2" }, // the config file's
 *   { profile: "default" },
 * );
 */
export function applyPrecedence<T extends object>(...layersStrongestFirst: readonly Layer<T>[]): Partial<T> {
  const merged: Partial<T> = {};
  for (const layer of [...layersStrongestFirst].reverse()) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/**
 * The settings `TWAUTH_*` environment variables can give; a key is present only when its variable
 * is set to something other than blanks.
 *
 * @example
 * { profile: "bot2", configPath: "/etc/twauth/twauth.config.yaml" }
 */
export interface EnvironmentSettings {
  /** From `TWAUTH_PROFILE`. */
  profile?: string;
  /** From `TWAUTH_CONFIG`: a config file to load instead of searching (relative to `cwd`). */
  configPath?: string;
  /** From `TWAUTH_BASE_URL`: the X API origin, e.g. the emulator's. */
  baseUrl?: string;
}

/**
 * Reads the `TWAUTH_PROFILE`, `TWAUTH_CONFIG` and `TWAUTH_BASE_URL` variables, trimmed; a variable
 * that is unset or blank is left out, so it cannot hide the config file's value.
 *
 * @example
 * const environment = settingsFromEnvironment(process.env);
 * // TWAUTH_PROFILE=bot2 -> { profile: "bot2" }
 */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv): EnvironmentSettings {
  const read = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === "" ? undefined : value;
  };
  const settings: EnvironmentSettings = {};
  const profile = read("TWAUTH_PROFILE");
  const configPath = read("TWAUTH_CONFIG");
  const baseUrl = read("TWAUTH_BASE_URL");
  if (profile !== undefined) settings.profile = profile;
  if (configPath !== undefined) settings.configPath = configPath;
  if (baseUrl !== undefined) settings.baseUrl = baseUrl;
  return settings;
}
