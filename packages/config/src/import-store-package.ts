import type { SecretStore, SecretStoreDescription } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { storePackages } from "./store-packages.js";

/** A store package as config uses it: its description and its factory. */
export interface StorePackage {
  readonly description: SecretStoreDescription;
  readonly create: (options: Record<string, unknown>) => SecretStore;
}

/**
 * Imports the package that serves `type` (and only it: a `.env` user never loads the AWS SDK) and
 * reads its `storeDescription`. Throws `DEPENDENCY_MISSING` with an install hint when the package is
 * not installed, or is too old to describe itself.
 *
 * @example
 * const { description } = await importStorePackage("yaml", "/app/twauth.config.yaml");
 */
export async function importStorePackage(type: string, filepath?: string): Promise<StorePackage> {
  const packageName = storePackages[type];
  if (packageName === undefined) {
    throw new TwauthError("CONFIG_INVALID", `store.type: ${type} is not a twauth store type.`, {
      keys: ["store.type"],
    });
  }
  const inFile = filepath === undefined ? "" : ` (${filepath})`;
  const context = { keys: ["store.type"], ...(filepath === undefined ? {} : { file: filepath }) };
  let module: Record<string, unknown>;
  try {
    module = (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    if (!isMissingPackage(error, packageName)) throw error;
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `install ${packageName} to use store: ${type}${inFile}, e.g. npm install ${packageName}`,
      context,
    );
  }
  const description = module.storeDescription as SecretStoreDescription | undefined;
  const create = description === undefined ? undefined : module[description.factory];
  if (description?.type !== type || !Array.isArray(description.options) || typeof create !== "function") {
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `${packageName} does not describe its options (storeDescription)${inFile}; install a version that matches @twauth/config, e.g. npm install ${packageName}@latest`,
      context,
    );
  }
  return { description, create: create as StorePackage["create"] };
}

function isMissingPackage(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && message.includes(packageName);
}
