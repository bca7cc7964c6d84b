import type { SecretStore, WarningHandler } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import type { StoreConfig, StoreType } from "./config-schema.js";

/** Which package and factory serve each `store.type`. Each is imported only when a config names it. */
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

export interface CreateStoreOptions {
  onWarning?: WarningHandler;
  /** The config file, for messages. */
  filepath?: string;
}

type StoreFactory = (options: Record<string, unknown>) => SecretStore;

/**
 * Creates the store a config names, importing only that store's package, so that a user of the
 * `.env` store never loads the AWS SDK.
 *
 * @example
 * const store = await createStore({ type: "dotenv", path: "/app/.env" });
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
