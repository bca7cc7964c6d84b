// The env profile rules live in @twauth/store-kit (dotenv shares them); re-exported here for
// programs that list or select env profiles next to envStore.
export type { EnvProfileEntry, EnvProfileOptions, EnvVariables } from "@twauth/store-kit";
export {
  DEFAULT_ENV_PROFILE_PREFIX,
  envProfileNamePrefix,
  envProfileSegment,
  listEnvProfiles,
  normalizeEnvPrefix,
  selectEnvProfile,
} from "@twauth/store-kit";
export type { EnvStoreOptions } from "./env-store.js";
export { envStore } from "./env-store.js";
export { storeDescription } from "./store-description.js";
