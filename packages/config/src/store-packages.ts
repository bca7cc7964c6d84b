/**
 * Which package serves each `store.type` a config file may name. Only names: a package is imported
 * when a config names its type, and its options come from that package's own `storeDescription`.
 *
 * @example
 * const packageName = storePackages.yaml; // "@twauth/store-yaml", for an install hint
 */
export const storePackages: Readonly<Record<string, string>> = {
  env: "@twauth/store-env",
  dotenv: "@twauth/store-dotenv",
  ini: "@twauth/store-ini",
  yaml: "@twauth/store-yaml",
  "aws-secrets-manager": "@twauth/store-aws-secrets-manager",
};

/** The store types, in the order messages list them. */
export const storeTypes: readonly string[] = Object.keys(storePackages);

export function isStoreType(type: unknown): type is string {
  return typeof type === "string" && Object.hasOwn(storePackages, type);
}
