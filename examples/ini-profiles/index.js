// Connects to the X API as one profile (one account) of an ini credentials file and prints who that
// is, the token type and how many requests are left in the rate-limit window; never a secret.
//
//   node index.js [--profile NAME] [FILE]
//
// FILE defaults to credentials.ini, the profile to $TWAUTH_PROFILE, then "default".
// TWAUTH_BASE_URL points it at another X API, such as the local emulator (default https://api.x.com).
import { parseArgs } from "node:util";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { iniStore } from "@twauth/store-ini";

const { values, positionals } = parseArgs({
  options: { profile: { type: "string" } },
  allowPositionals: true,
});
const path = positionals[0] ?? "credentials.ini";
const profile = values.profile ?? process.env.TWAUTH_PROFILE ?? "default";

try {
  const api = await getApiConnection({
    store: iniStore({ path }),
    profile,
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
  });
  try {
    const me = await api.verifyCredentials();
    const window = api.rateLimits["GET /2/users/me"];
    console.log(`profile ${profile} of ${path}: @${me.username} (${me.name}), token type ${me.tokenType}`);
    if (window) console.log(`GET /2/users/me: ${window.remaining} of ${window.limit} requests left`);
  } finally {
    api.close();
  }
} catch (error) {
  // twauth's messages name the file, line and keys, never a value: safe to show.
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
