export type { DotenvStoreOptions } from "./dotenv-store.js";
export { dotenvStore } from "./dotenv-store.js";
export { storeDescription } from "./store-description.js";
