export type { ConfigFile, StoreConfig, StoreType } from "./config-schema.js";
export { configFileSchema, storeConfigSchema } from "./config-schema.js";
export type { CreateStoreOptions } from "./create-store.js";
export { createStore, storePackages } from "./create-store.js";
export type { LoadConfigOptions, LoadedConfig } from "./load-config.js";
export { loadConfig } from "./load-config.js";
export type { EnvironmentSettings, Layer } from "./precedence.js";
export { applyPrecedence, settingsFromEnvironment } from "./precedence.js";
export { configSearchPlaces, executableConfigSearchPlaces } from "./search-places.js";
