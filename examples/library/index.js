// The caller of mention-counter.js with an ApiConnection: the application decides where the
// credentials come from (here a .env file) and how the connection behaves, then hands it over.
//
//   node index.js
//
// TWAUTH_BASE_URL points it at another X API, such as the local emulator (default https://api.x.com).
import { getApiConnection, isTwauthError } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { countMentions } from "./mention-counter.js";

try {
  const api = await getApiConnection({
    store: dotenvStore({ path: ".env" }),
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
    waitOnRateLimit: true,
  });
  try {
    const { username, count, searchRateLimit } = await countMentions(api);
    console.log(
      `ApiConnection, token type ${api.tokenType}: @${username} is mentioned in ${count} recent tweet${count === 1 ? "" : "s"}`,
    );
    if (searchRateLimit) {
      console.log(
        `GET /2/tweets/search/recent: ${searchRateLimit.remaining} of ${searchRateLimit.limit} requests left`,
      );
    }
  } finally {
    api.close();
  }
} catch (error) {
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
