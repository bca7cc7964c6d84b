// The caller of mention-counter.js that sends requests itself: it hands the library an OAuth 1.0a
// signer and its own fetch instead of a connection.
//
//   node with-signer.js
//
// TWAUTH_BASE_URL points it at another X API, such as the local emulator (default https://api.x.com).
import { createOAuth1Signer, isTwauthError, resolveCredentials } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { countMentions } from "./mention-counter.js";

try {
  const store = dotenvStore({ path: ".env" });
  // The store's raw keys (any alias: CONSUMER_KEY, "API Key", ...) become typed credentials.
  const credentials = resolveCredentials(await store.load(), { source: store.source, auth: "user" });
  if (credentials.type !== "user") throw new Error("unreachable: auth is user");
  const signer = createOAuth1Signer(credentials);
  const { username, count, searchRateLimit } = await countMentions({
    signer,
    baseUrl: process.env.TWAUTH_BASE_URL ?? "https://api.x.com",
    // Your own HTTP goes here: a fetch with a proxy agent, a logging wrapper, a test double.
    fetch: (url, init) => fetch(url, init),
  });
  console.log(
    `OAuth 1.0a signer, ${signer.context} context: @${username} is mentioned in ${count} recent tweet${count === 1 ? "" : "s"}`,
  );
  if (searchRateLimit) {
    console.log(
      `GET /2/tweets/search/recent: ${searchRateLimit.remaining} of ${searchRateLimit.limit} requests left`,
    );
  }
} catch (error) {
  if (!isTwauthError(error)) throw error;
  console.error(`${error.code}: ${error.message}`);
  process.exitCode = 1;
}
