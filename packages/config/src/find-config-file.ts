import { readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { TwauthError } from "@twauth/core";
import { parseDataFile } from "./parse-data-file.js";
import { configSearchPlaces, executableConfigSearchPlaces } from "./search-places.js";

/** The key of package.json that holds a twauth config. */
export const packageProp = "twauth";

/** A config file found and parsed: its settings as written, and its text for line:column. */
export interface FoundConfig {
  readonly filepath: string;
  readonly raw: unknown;
  /** The file's text; undefined for an executable config. */
  readonly text: string | undefined;
  /** Where the config sits inside the file: `["twauth"]` in package.json. */
  readonly keyPrefix: readonly string[];
}

export interface FindConfigOptions {
  readonly cwd: string;
  readonly configPath: ConfigPathSource | undefined;
  readonly allowExecutable: boolean;
}

/** An explicit config path and the words for where it came from (`--config`, `TWAUTH_CONFIG`). */
export interface ConfigPathSource {
  readonly path: string;
  readonly from: string;
}

const executableExtension = /\.(c|m)?js$/;
const howToOptIn =
  "executable configs run code, so twauth runs one only when asked: pass allowExecutable: true to loadConfig() or connect() (twauth CLI: --allow-executable-config), or write the settings as twauth.config.yaml";

/**
 * Finds and parses the config: the explicit path when one is given, else the first of the search
 * places in each folder from `cwd` up to the nearest folder holding a `package.json`. Our own search
 * rather than cosmiconfig's, which reads a "cosmiconfig" key of the working folder's package.json
 * (that can add search places, executable ones included) and follows `$import` to other files.
 */
export async function findConfig(options: FindConfigOptions): Promise<FoundConfig> {
  if (options.configPath !== undefined) return loadExplicit(options);
  const skipped: string[] = [];
  const folders = foldersSearched(options.cwd);
  for (const folder of folders) {
    for (const place of configSearchPlaces) {
      const found = readSearchPlace(join(folder, place));
      if (found !== undefined) return found;
    }
    for (const place of executableConfigSearchPlaces) {
      const filepath = join(folder, place);
      if (!isFile(filepath)) continue;
      if (options.allowExecutable) return loadExecutable(filepath);
      skipped.push(filepath);
    }
  }
  throw notFound(folders, options.allowExecutable, skipped);
}

async function loadExplicit(options: FindConfigOptions): Promise<FoundConfig> {
  const { path, from } = options.configPath as ConfigPathSource;
  const filepath = resolve(options.cwd, path);
  const kind = fileKind(filepath);
  if (kind === "missing") {
    throw new TwauthError(
      "CONFIG_NOT_FOUND",
      `The twauth config file ${filepath} (${from}) does not exist.`,
      {
        file: filepath,
      },
    );
  }
  if (kind === "folder") throw folderInPlace(filepath, from);
  if (executableExtension.test(filepath)) {
    if (!options.allowExecutable) {
      throw new TwauthError(
        "CONFIG_INVALID",
        `The twauth config ${filepath} (${from}) is JavaScript, and was not run: ${howToOptIn}.`,
        { file: filepath },
      );
    }
    return loadExecutable(filepath);
  }
  return readDataFile(filepath);
}

/** A search place that holds a config, or undefined to keep searching. */
function readSearchPlace(filepath: string): FoundConfig | undefined {
  const kind = fileKind(filepath);
  if (kind === "missing") return undefined;
  if (kind === "folder") throw folderInPlace(filepath, "found while searching");
  const found = readDataFile(filepath);
  // A package.json without a twauth key is not a config; the search goes on to the other names.
  return basename(filepath) === "package.json" && found.raw === undefined ? undefined : found;
}

function readDataFile(filepath: string): FoundConfig {
  const text = readFileSync(filepath, "utf8");
  const isPackage = basename(filepath) === "package.json";
  if (text.trim() === "") {
    if (isPackage) return { filepath, raw: undefined, text, keyPrefix: [packageProp] };
    throw empty(filepath);
  }
  const parsed = parseDataFile(filepath, text);
  if (!isPackage) {
    if (parsed === null || parsed === undefined) throw empty(filepath);
    return { filepath, raw: parsed, text, keyPrefix: [] };
  }
  const raw = (parsed as Record<string, unknown> | null)?.[packageProp];
  if (raw === null) throw empty(filepath);
  return { filepath, raw, text, keyPrefix: [packageProp] };
}

async function loadExecutable(filepath: string): Promise<FoundConfig> {
  const module = (await import(pathToFileURL(filepath).href)) as { default?: unknown };
  const raw = module.default ?? module;
  if (raw === null || raw === undefined) throw empty(filepath);
  return { filepath, raw, text: undefined, keyPrefix: [] };
}

type FileKind = "file" | "folder" | "missing";

function fileKind(filepath: string): FileKind {
  try {
    return statSync(filepath).isDirectory() ? "folder" : "file";
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return "missing";
    throw new TwauthError(
      "CONFIG_INVALID",
      `Cannot read the twauth config ${filepath}: ${code ?? "unknown error"}.`,
      {
        file: filepath,
        cause: error,
      },
    );
  }
}

function isFile(filepath: string): boolean {
  return fileKind(filepath) === "file";
}

function folderInPlace(filepath: string, from: string): TwauthError {
  return new TwauthError(
    "CONFIG_INVALID",
    `${filepath} (${from}) is a folder, not a twauth config file; remove or rename the folder and write the config as a file of that name.`,
    { file: filepath },
  );
}

function empty(filepath: string): TwauthError {
  return new TwauthError("CONFIG_INVALID", `The twauth config ${filepath} is empty; it needs a "store:".`, {
    file: filepath,
  });
}

function notFound(
  folders: readonly string[],
  allowExecutable: boolean,
  skipped: readonly string[],
): TwauthError {
  const places = [...configSearchPlaces, ...(allowExecutable ? executableConfigSearchPlaces : [])]
    .map((place) => (place === "package.json" ? `package.json#${packageProp}` : place))
    .join(", ");
  const notRun =
    skipped.length === 0 ? "" : ` Found ${skipped.join(", ")} but did not run it: ${howToOptIn}.`;
  return new TwauthError(
    "CONFIG_NOT_FOUND",
    `No twauth config found. Searched ${folders.join(", ")} for ${places}.${notRun} Create twauth.config.yaml with a "store:" section, or pass a config path.`,
    { file: folders[0] ?? "" },
  );
}

/** The folders searched: from cwd up to the nearest folder holding a package.json (or the root). */
function foldersSearched(cwd: string): string[] {
  const folders: string[] = [];
  let folder = cwd;
  for (let depth = 0; depth < 64; depth += 1) {
    folders.push(folder);
    if (isFile(join(folder, "package.json"))) break;
    const parent = dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  return folders;
}
