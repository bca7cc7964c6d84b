export { storeDescription } from "./store-description.js";
export type { YamlStoreOptions } from "./yaml-store.js";
export { yamlStore } from "./yaml-store.js";
