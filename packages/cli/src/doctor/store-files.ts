import type { StoreConfig } from "@twauth/config";

/** The files a store reads secrets from (absolute: loadConfig resolved them), none for env or AWS. */
export function storeFiles(store: StoreConfig): string[] {
  switch (store.type) {
    case "dotenv":
      return [
        ...((store.paths as string[] | undefined) ??
          (store.path === undefined ? [] : [store.path as string])),
      ];
    case "ini":
    case "yaml":
      return [store.path as string];
    default:
      return [];
  }
}
