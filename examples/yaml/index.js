// Connects to the X API with the credentials in the `twitter:` section of an app's yaml config and
// prints who they belong to, the token type and how many requests are left in the rate-limit
// window; never a secret.
//
//   node index.js [FILE]
//
// FILE defaults to config.yaml. TWAUTH_BASE_URL points it at another X API, such as the local
// emulator (default https://api.x.com).
import { parseArgs } from "node:util";
import { getApiConnection, isTwauthError } from "@twauth/core";
import { yamlStore } from "@twauth/store-yaml";

const { positionals } = parseArgs({ allowPositionals: true });
const path = positionals[0] ?? "config.yaml";
// A dotted path reaches deeper maps too: key: "services.twitter".
const key = "twitter";

try {
  const api = await getApiConnection({
    store: yamlStore({ path, key }),
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
  });
  try {
    const me = await api.verifyCredentials();
    const window = api.rateLimits["GET /2/users/me"];
    console.log(`${path}, key ${key}: @${me.username} (${me.name}), token type ${me.tokenType}`);
    if (window) console.log(`GET /2/users/me: ${window.remaining} of ${window.limit} requests left`);
  } finally {
    api.close();
  }
} catch (error) {
  // twauth's messages name the file, line and key path, never a value: safe to show.
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
