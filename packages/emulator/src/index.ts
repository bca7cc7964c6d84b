export type { EmulatorBilling } from "./billing/project-billing.js";
export { type EmulatorKeySource, emulatorKeyLines } from "./cli/emulator-keys.js";
export {
  defaultApp,
  defaultOAuth2Client,
  defaultPublicOAuth2Client,
  defaultRateLimits,
  defaultUser,
  secondUser,
} from "./defaults.js";
export type { Fault, RandomFaults } from "./faults/fault.js";
export { type XProblemFault, xProblemFaults } from "./faults/x-problem-fault.js";
export type { RateLimitRule } from "./limits/rate-limiter.js";
export type { OAuth2Client, OAuth2ClientSeed, OAuth2Stats } from "./oauth2/oauth2-model.js";
export type { EmulatorOptions } from "./options.js";
export type { AuthorizeBehaviour } from "./routes/route.js";
export { routeKeys } from "./routes/route-table.js";
export { type Emulator, startEmulator } from "./start-emulator.js";
export type {
  AccessLevel,
  AppSeed,
  EmulatorApp,
  EmulatorUser,
  OAuth1Token,
  Tweet,
  UserSeed,
} from "./state/model.js";
export type {
  EmulatorStats,
  FaultKind,
  RequestOutcome,
  RequestRecord,
  StatsFilter,
} from "./stats/request-stats.js";
