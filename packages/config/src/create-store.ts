import type { SecretStore, WarningHandler } from "@twauth/core";
import type { StoreConfig } from "./config-file.js";
import { importStorePackage } from "./import-store-package.js";

/** How `createStore` makes the store: where its warnings go, and which file named it. */
export interface CreateStoreOptions {
  /** Receives the store's warnings (file permissions, files git does not ignore). @default process.emitWarning */
  onWarning?: WarningHandler;
  /** The config file, for messages. @default none: messages name no config file */
  filepath?: string;
}

/**
 * Creates the store a config names, importing only that store's package, so that a user of the
 * `.env` store never loads the AWS SDK.
 *
 * Throws `DEPENDENCY_MISSING` with an install hint when that package is not installed. Paths are
 * used as given: relative ones are relative to the process's working directory, not to a config file.
 *
 * @example
 * const store = await createStore({ type: "dotenv", path: "/app/.env" });
 * const api = await getApiConnection({ store, profile: "bot2" });
 */
export async function createStore(
  config: StoreConfig,
  options: CreateStoreOptions = {},
): Promise<SecretStore> {
  const { type, ...storeOptions } = config;
  const { create } = await importStorePackage(type, options.filepath);
  return create({
    ...storeOptions,
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
}
