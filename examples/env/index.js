// Connects to the X API with credentials from environment variables and prints who they belong to,
// the token type and how many requests are left in the rate-limit window; never a secret.
//
//   . ./env.sh && node index.js [--profile NAME]
//
// The profile defaults to $TWAUTH_PROFILE, then "default": the bare names (TWAUTH_CONSUMER_KEY, ...);
// profile bot2 reads TWAUTH_BOT2_CONSUMER_KEY and so on. TWAUTH_BASE_URL points it at another X API,
// such as the local emulator (default https://api.x.com).
import { parseArgs } from "node:util";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { envStore, listEnvProfiles } from "@twauth/store-env";

const { values } = parseArgs({ options: { profile: { type: "string" } } });
const profile = values.profile ?? process.env.TWAUTH_PROFILE ?? "default";

console.log(`profiles in the environment: ${listEnvProfiles(process.env).join(", ") || "none"}`);
try {
  const api = await getApiConnection({
    store: envStore(),
    profile,
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
  });
  try {
    const me = await api.verifyCredentials();
    const window = api.rateLimits["GET /2/users/me"];
    console.log(`profile ${profile}: @${me.username} (${me.name}), token type ${me.tokenType}`);
    if (window) console.log(`GET /2/users/me: ${window.remaining} of ${window.limit} requests left`);
  } finally {
    api.close();
  }
} catch (error) {
  // twauth's messages name variables and keys, never a value: safe to show.
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
