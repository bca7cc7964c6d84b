// Connects to the X API with credentials from .env files and prints who they belong to, the token
// type and how many requests are left in the rate-limit window; never a secret.
//
//   node index.js [FILE...]
//
// The files default to .env then .env.local; a missing one is skipped and a later one wins, name by
// name, so .env.local overrides .env. TWAUTH_BASE_URL points it at another X API, such as the local
// emulator (default https://api.x.com). process.env is never changed.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";

const { positionals } = parseArgs({ allowPositionals: true });
const paths = positionals.length > 0 ? positionals : [".env", ".env.local"];

try {
  const api = await getApiConnection({
    store: dotenvStore({ paths }),
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
  });
  try {
    const me = await api.verifyCredentials();
    const window = api.rateLimits["GET /2/users/me"];
    const read = paths.filter((path) => existsSync(path)).join(" + ");
    console.log(`${read}: @${me.username} (${me.name}), token type ${me.tokenType}`);
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
