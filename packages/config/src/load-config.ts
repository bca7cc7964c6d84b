import { dirname, isAbsolute, join, resolve } from "node:path";
import type { SecretStoreDescription } from "@twauth/core";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import { connectionOptionsSchema, expectedOptionValues } from "@twauth/core/config-support";
import type { ConfigFile, StoreConfig } from "./config-file.js";
import type { ConfigPathSource } from "./find-config-file.js";
import { findConfig } from "./find-config-file.js";
import type { EnvironmentSettings } from "./precedence.js";
import { applyPrecedence, settingsFromEnvironment } from "./precedence.js";
import { validateConfig } from "./validate-config.js";

/**
 * Where `loadConfig` looks and what it may override. Every option is optional; explicit values win
 * over `TWAUTH_*` variables, which win over the file.
 *
 * @example
 * const options: LoadConfigOptions = { cwd: "/srv/bot", profile: "bot2" };
 */
export interface LoadConfigOptions {
  /**
   * Where the search starts; it goes up from here to the nearest folder holding a `package.json`
   * (or the file system root). @default process.cwd()
   */
  cwd?: string;
  /**
   * A config file to load instead of searching; relative to `cwd`. Overrides `TWAUTH_CONFIG`.
   * @default `TWAUTH_CONFIG` when set, else search `configSearchPlaces`
   */
  configPath?: string;
  /** How messages name where `configPath` came from, e.g. the CLI's "--config". @default "configPath" */
  configPathSource?: string;
  /**
   * The store profile to use. Overrides `TWAUTH_PROFILE` and the file's `profile`.
   * @default `TWAUTH_PROFILE`, else the file's `profile`, else "default"
   */
  profile?: string;
  /** Where `TWAUTH_*` variables are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * Also search for, and run, `.js`/`.mjs` config files, and load an explicit `.js`/`.mjs`/`.cjs`
   * path; without it such a file is refused with `CONFIG_INVALID`. @default false
   */
  allowExecutable?: boolean;
}

/**
 * What `loadConfig` found: the file, and its validated settings with precedence applied.
 *
 * @example
 * { filepath: "/srv/bot/twauth.config.yaml", config: { store: { type: "dotenv", path: "/srv/bot/.env" }, profile: "default" } }
 */
export interface LoadedConfig {
  /** The file the config came from. */
  filepath: string;
  /**
   * The validated config, keys in camelCase, store paths absolute (a dotenv store without a path
   * gets the `.env` beside the file), `profile` and `baseUrl` after precedence.
   */
  config: ConfigFile & { profile: string };
  /** The files the store reads secrets from (its `path`/`paths` options, absolute); none for env or AWS. */
  storeFiles: readonly string[];
}

/**
 * Finds, parses and validates the twauth config, applying the precedence explicit arguments >
 * `TWAUTH_*` environment variables > config file > defaults.
 *
 * @example
 * const { filepath, config } = await loadConfig({ cwd: process.cwd() });
 * console.log(`using ${filepath}, store ${config.store.type}, profile ${config.profile}`);
 */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<LoadedConfig> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const environment = checkedEnvironment(settingsFromEnvironment(options.env ?? process.env));
  const found = await findConfig({
    cwd,
    configPath: configPathSource(options, environment),
    allowExecutable: options.allowExecutable === true,
  });
  const { file, description } = await validateConfig(found.raw, found);
  const settings = applyPrecedence<{ profile: string; baseUrl: string }>(
    { profile: options.profile },
    { profile: environment.profile, baseUrl: environment.baseUrl },
    { profile: file.profile, baseUrl: file.baseUrl },
    { profile: DEFAULT_PROFILE },
  );
  const store = resolveStorePaths(file.store, description, dirname(found.filepath));
  return {
    filepath: found.filepath,
    config: { ...file, ...settings, profile: settings.profile ?? DEFAULT_PROFILE, store },
    storeFiles: storeFilesOf(store, description),
  };
}

function configPathSource(
  options: LoadConfigOptions,
  environment: EnvironmentSettings,
): ConfigPathSource | undefined {
  if (options.configPath !== undefined)
    return { path: options.configPath, from: options.configPathSource ?? "configPath" };
  if (environment.configPath !== undefined) return { path: environment.configPath, from: "TWAUTH_CONFIG" };
  return undefined;
}

/** A bad TWAUTH_BASE_URL is named as the variable the user set, not as getApiConnection's baseUrl. */
function checkedEnvironment(environment: EnvironmentSettings): EnvironmentSettings {
  if (environment.baseUrl === undefined) return environment;
  if (connectionOptionsSchema.shape.baseUrl.safeParse(environment.baseUrl).success) return environment;
  throw new TwauthError(
    "CONFIG_INVALID",
    `TWAUTH_BASE_URL: expected ${expectedOptionValues.baseUrl}; fix or unset the variable.`,
    {
      keys: ["TWAUTH_BASE_URL"],
    },
  );
}

/**
 * Paths in a config file are relative to the file, not to wherever the program was started. Which
 * options are paths, and a path's default (dotenv's `.env` beside the file), come from the store's
 * description; a default path is filled in only when the store has no `paths` list given instead.
 */
function resolveStorePaths(
  store: StoreConfig,
  description: SecretStoreDescription,
  folder: string,
): StoreConfig {
  const absolute = (path: string) => (isAbsolute(path) ? path : join(folder, path));
  const resolved: Record<string, unknown> = { ...store };
  const listGiven = description.options.some(
    (option) => option.kind === "paths" && store[option.name] !== undefined,
  );
  for (const option of description.options) {
    const value = store[option.name];
    if (option.kind === "paths" && Array.isArray(value))
      resolved[option.name] = value.map((path) => absolute(String(path)));
    if (option.kind !== "path") continue;
    if (typeof value === "string") resolved[option.name] = absolute(value);
    else if (typeof option.default === "string" && !listGiven)
      resolved[option.name] = absolute(option.default);
  }
  return resolved as StoreConfig;
}

function storeFilesOf(store: StoreConfig, description: SecretStoreDescription): string[] {
  const lists = description.options.filter(
    (option) => option.kind === "paths" && Array.isArray(store[option.name]),
  );
  if (lists.length > 0) return lists.flatMap((option) => (store[option.name] as string[]).slice());
  return description.options
    .filter((option) => option.kind === "path" && typeof store[option.name] === "string")
    .map((option) => store[option.name] as string);
}
