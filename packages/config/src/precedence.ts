/**
 * Where each setting comes from, strongest first:
 *
 * 1. explicit arguments (`connect({ profile })`, the CLI's `--profile`, `--config`)
 * 2. `TWAUTH_*` environment variables (`TWAUTH_PROFILE`, `TWAUTH_CONFIG`, `TWAUTH_BASE_URL`)
 * 3. the config file
 * 4. defaults
 *
 * `applyPrecedence` is the one place this order is applied; it returns a new object and never
 * changes its inputs. A layer's `undefined` means "not set here".
 */
export type Layer<T> = { [K in keyof T]?: T[K] | undefined };

export function applyPrecedence<T extends object>(...layersStrongestFirst: readonly Layer<T>[]): Partial<T> {
  const merged: Partial<T> = {};
  for (const layer of [...layersStrongestFirst].reverse()) {
    for (const [key, value] of Object.entries(layer)) {
      if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

/** The settings `TWAUTH_*` environment variables can give. */
export interface EnvironmentSettings {
  profile?: string;
  configPath?: string;
  baseUrl?: string;
}

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
