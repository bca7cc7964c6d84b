export type { IniStoreOptions } from "./ini-store.js";
export { iniStore } from "./ini-store.js";
export { storeDescription } from "./store-description.js";
