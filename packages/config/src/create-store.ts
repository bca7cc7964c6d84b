import type { SecretStore, WarningHandler } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import type { StoreConfig, StoreType } from "./config-schema.js";

/**
 * Which package and factory serve each `store.type`. Each is imported only when a config names it,
 * which is why these are names and not imports.
 *
 * @example
 * const { packageName } = storePackages.yaml; // "@twauth/store-yaml", for an install hint
 */
export const storePackages: Readonly<Record<StoreType, { packageName: string; factory: string }>> = {
  env: { packageName: "@twauth/store-env", factory: "envStore" },
  dotenv: { packageName: "@twauth/store-dotenv", factory: "dotenvStore" },
  ini: { packageName: "@twauth/store-ini", factory: "iniStore" },
  yaml: { packageName: "@twauth/store-yaml", factory: "yamlStore" },
  "aws-secrets-manager": {
    packageName: "@twauth/store-aws-secrets-manager",
    factory: "awsSecretsManagerStore",
  },
};

/** How `createStore` makes the store: where its warnings go, and which file named it. */
export interface CreateStoreOptions {
  /** Receives the store's warnings (file permissions, files git does not ignore). @default process.emitWarning */
  onWarning?: WarningHandler;
  /** The config file, for messages. @default none: messages name no config file */
  filepath?: string;
}

type StoreFactory = (options: Record<string, unknown>) => SecretStore;

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
  const { packageName, factory } = storePackages[type];
  let module: Record<string, unknown>;
  try {
    module = await import(packageName);
  } catch (error) {
    if (!isMissingPackage(error, packageName)) throw error;
    const inFile = options.filepath === undefined ? "" : ` (${options.filepath})`;
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `install ${packageName} to use store: ${type}${inFile}, e.g. npm install ${packageName}`,
      { keys: ["store.type"], ...(options.filepath === undefined ? {} : { file: options.filepath }) },
    );
  }
  const create = module[factory] as StoreFactory | undefined;
  if (typeof create !== "function") {
    throw new TwauthError(
      "DEPENDENCY_MISSING",
      `${packageName} does not export ${factory}(); install a version that matches @twauth/config.`,
      { keys: ["store.type"] },
    );
  }
  return create({
    ...storeOptions,
    ...(options.onWarning === undefined ? {} : { onWarning: options.onWarning }),
  });
}

function isMissingPackage(error: unknown, packageName: string): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : "";
  return (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") && message.includes(packageName);
}
