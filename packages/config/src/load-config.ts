import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { DEFAULT_PROFILE, TwauthError } from "@twauth/core";
import { cosmiconfig } from "cosmiconfig";
import type { ConfigFile, StoreConfig } from "./config-schema.js";
import { parseDataFile } from "./parse-data-file.js";
import { applyPrecedence, settingsFromEnvironment } from "./precedence.js";
import { configSearchPlaces, executableConfigSearchPlaces } from "./search-places.js";
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
  /**
   * The store profile to use. Overrides `TWAUTH_PROFILE` and the file's `profile`.
   * @default `TWAUTH_PROFILE`, else the file's `profile`, else "default"
   */
  profile?: string;
  /** Where `TWAUTH_*` variables are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** Also search for, and run, `.js`/`.mjs` config files. @default false */
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
}

const packageProp = "twauth";

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
  const environment = settingsFromEnvironment(options.env ?? process.env);
  const configPath = options.configPath ?? environment.configPath;
  const searchPlaces = options.allowExecutable
    ? [...configSearchPlaces, ...executableConfigSearchPlaces]
    : [...configSearchPlaces];
  const explorer = cosmiconfig(packageProp, {
    searchPlaces,
    searchStrategy: "project",
    cache: false,
    // An empty twauth.config.yaml is a mistake to report, not a reason to keep searching.
    ignoreEmptySearchPlaces: false,
    loaders: { ".json": parseDataFile, ".yaml": parseDataFile, ".yml": parseDataFile, noExt: parseDataFile },
  });

  let result: Awaited<ReturnType<typeof explorer.search>>;
  if (configPath !== undefined) {
    const filepath = resolve(cwd, configPath);
    if (!existsSync(filepath)) {
      throw new TwauthError("CONFIG_NOT_FOUND", `The twauth config file ${filepath} does not exist.`, {
        file: filepath,
      });
    }
    result = await explorer.load(filepath);
  } else {
    result = await explorer.search(cwd);
  }
  if (result === null) {
    const folders = foldersSearched(cwd);
    throw new TwauthError(
      "CONFIG_NOT_FOUND",
      `No twauth config found. Searched ${folders.join(", ")} for ${searchPlaces
        .map((place) => (place === "package.json" ? `package.json#${packageProp}` : place))
        .join(", ")}. Create twauth.config.yaml with a "store:" section, or pass a config path.`,
      { file: cwd },
    );
  }
  if (result.isEmpty === true || result.config === undefined || result.config === null) {
    throw new TwauthError(
      "CONFIG_INVALID",
      `The twauth config ${result.filepath} is empty; it needs a "store:".`,
      {
        file: result.filepath,
      },
    );
  }

  const text = isDataFile(result.filepath) ? readFileSync(result.filepath, "utf8") : undefined;
  const keyPrefix = result.filepath.endsWith("package.json") ? [packageProp] : [];
  const file = validateConfig(result.config, { filepath: result.filepath, text, keyPrefix });
  const settings = applyPrecedence<{ profile: string; baseUrl: string }>(
    { profile: options.profile },
    { profile: environment.profile, baseUrl: environment.baseUrl },
    { profile: file.profile, baseUrl: file.baseUrl },
    { profile: DEFAULT_PROFILE },
  );
  return {
    filepath: result.filepath,
    config: {
      ...file,
      ...settings,
      profile: settings.profile ?? DEFAULT_PROFILE,
      store: resolveStorePaths(file.store, dirname(result.filepath)),
    },
  };
}

/** Paths in a config file are relative to the file, not to wherever the program was started. */
function resolveStorePaths(store: StoreConfig, folder: string): StoreConfig {
  const absolute = (path: string) => (isAbsolute(path) ? path : join(folder, path));
  switch (store.type) {
    case "dotenv":
      return {
        ...store,
        ...(store.path === undefined ? {} : { path: absolute(store.path) }),
        ...(store.paths === undefined ? {} : { paths: store.paths.map(absolute) }),
        ...(store.path === undefined && store.paths === undefined ? { path: absolute(".env") } : {}),
      };
    case "ini":
    case "yaml":
      return { ...store, path: absolute(store.path) };
    default:
      return store;
  }
}

function isDataFile(filepath: string): boolean {
  return !/\.(c|m)?js$/.test(filepath);
}

/** The folders cosmiconfig's "project" strategy visits: up to the nearest package.json's folder. */
function foldersSearched(cwd: string): string[] {
  const folders: string[] = [];
  let folder = cwd;
  for (let depth = 0; depth < 64; depth += 1) {
    folders.push(folder);
    if (existsSync(join(folder, "package.json"))) break;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folders;
}
