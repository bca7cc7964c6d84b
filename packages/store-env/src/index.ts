export type { EnvProfileEntry, EnvProfileOptions, EnvVariables } from "./env-profile.js";
export {
  DEFAULT_ENV_PROFILE_PREFIX,
  envProfileNamePrefix,
  envProfileSegment,
  listEnvProfiles,
  normalizeEnvPrefix,
  selectEnvProfile,
} from "./env-profile.js";
export type { EnvStoreOptions } from "./env-store.js";
export { envStore } from "./env-store.js";
export { storeDescription } from "./store-description.js";
