// The seed tutorial's "User Access Token": a user signs in on X in their browser, types the PIN X
// shows them here, and the program acts for them without ever seeing their password. The user's
// access token and secret are saved into .env (atomically, mode 0600) for the next run.
import { createInterface } from "node:readline/promises";
import {
  completeUserAuthorization,
  getApiConnection,
  isTwauthError,
  resolveCredentials,
  startUserAuthorization,
} from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";

const baseUrl = process.env.TWAUTH_BASE_URL ?? "https://api.x.com";
const store = dotenvStore({ path: process.argv[2] ?? ".env" });

try {
  const app = resolveCredentials(await store.load(), { source: store.source, auth: "app" });
  if (app.type !== "app" || app.consumerKey === undefined || app.consumerSecret === undefined) {
    throw new Error(`${store.source} needs CONSUMER_KEY and CONSUMER_SECRET`);
  }
  const consumer = { consumerKey: app.consumerKey, consumerSecret: app.consumerSecret };

  const start = await startUserAuthorization({ ...consumer, baseUrl });
  console.log("Open this page, approve the app, then type the PIN it shows:");
  console.log(start.authorizeUrl);
  const prompt = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const pin = await prompt.question("PIN: ");
  prompt.close();

  const user = await completeUserAuthorization({ ...consumer, ...start, verifier: pin, baseUrl });
  await store.save({ accessToken: user.accessToken, accessTokenSecret: user.accessTokenSecret });
  console.log(`\n@${user.screenName} signed in; their access token and secret are saved in ${store.source}`);

  const api = await getApiConnection({ store, baseUrl });
  const me = await api.verifyCredentials();
  console.log(`verified: @${me.username}, token type ${me.tokenType}`);
  api.close();
} catch (error) {
  console.error(isTwauthError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
