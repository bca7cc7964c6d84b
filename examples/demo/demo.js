// The README's demo: the config-file-only path end to end. It starts the local X API emulator,
// writes a throwaway twauth.config.yaml and .env (mode 0600) into a temp folder, and does with
// `connect()` what a bot does: verify, tweet and read back, search app-only, wait out a rate limit,
// retry after a 503, and sign in a second user with the PIN flow.
//
// `pnpm demo --keep` leaves the temp folder in place, to read what it wrote. `pnpm demo --live`
// runs against the real X API with your own config instead (see the README): verify, then the
// rate-limit figures the call saw; add `--tweet "text"` to post as well.
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { connect } from "@twauth/config";
import { completeUserAuthorization, isTwauthError, startUserAuthorization } from "@twauth/core";
import { defaultApp, defaultUser, secondUser, startEmulator } from "@twauth/emulator";
import { dotenvStore } from "@twauth/store-dotenv";

const started = Date.now();
const keep = process.argv.includes("--keep");
/** @param {string} label @param {string} text */
const report = (label, text) => console.log(`  ${label.padEnd(11)} ${text}`);

// Node 20 has no `await using` in plain JavaScript: connections are closed in `finally` instead.
/** @type {import("@twauth/core").ApiConnection[]} */
const connections = [];
/** @param {import("@twauth/core").ApiConnection} connection */
function open(connection) {
  connections.push(connection);
  return connection;
}

if (process.argv.includes("--live")) {
  await live();
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} else {
  const folder = await againstEmulator();
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (process.exitCode !== 1) tryNext(folder);
}

async function againstEmulator() {
  const emulator = await startEmulator();
  const folder = mkdtempSync(join(tmpdir(), "twauth-demo-"));
  try {
    console.log(
      `twauth demo: the config-file-only path, against the local X API emulator at ${emulator.url}`,
    );
    const envPath = join(folder, ".env");
    const configPath = join(folder, "twauth.config.yaml");
    writeFileSync(join(folder, "package.json"), "{}\n");
    writeFileSync(
      envPath,
      [
        "# The emulator's default app and user (fake keys); yours come from the X developer portal.",
        `CONSUMER_KEY=${defaultApp.consumerKey}`,
        `CONSUMER_SECRET=${defaultApp.consumerSecret}`,
        `ACCESS_KEY=${defaultUser.accessToken}`,
        `ACCESS_SECRET=${defaultUser.accessTokenSecret}`,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    writeFileSync(
      configPath,
      [
        "store:",
        "  type: dotenv",
        "  path: .env",
        `base_url: ${emulator.url}`,
        "wait_on_rate_limit: true",
        "wait_on_rate_limit_notify: true",
        "retry_count: 3",
        "retry_delay: 200ms",
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    const mode = (statSync(envPath).mode & 0o777).toString(8);
    report("config", `${configPath} (store: dotenv ${envPath}, mode ${mode})`);

    // 1. The whole credential code of a config-file user: one call.
    const api = open(await connect({ cwd: folder, env: {} }));
    const me = await api.verifyCredentials();
    report("verify", `@${me.username} (${me.name}), token type ${me.tokenType}`);

    // 2. A tweet posted and read back.
    const text = `hello from twauth at ${new Date().toISOString()}`;
    const posted = /** @type {{ data: { id: string } }} */ (
      (await api.post("/2/tweets", { json: { text } })).data
    );
    const read = /** @type {{ data: { text: string } }} */ (
      (await api.get(`/2/tweets/${posted.data.id}`)).data
    );
    report(
      "tweet",
      `posted ${posted.data.id} and read it back: ${read.data.text === text ? "same text" : "DIFFERENT"}`,
    );

    // 3. App-only: the same config, a bearer token exchanged once for the app.
    const app = open(await connect({ cwd: folder, env: {}, overrides: { auth: "app" } }));
    const search = /** @type {{ meta?: { result_count?: number } }} */ (
      (await app.get("/2/tweets/search/recent", { query: { query: "twauth" } })).data
    );
    const exchanges = emulator.stats.count({ route: "POST /oauth2/token" });
    report(
      "app-only",
      `search found ${search.meta?.result_count ?? 0} tweet(s); ${exchanges} bearer exchange`,
    );

    // 4. A rate-limit wait: 1 request per 3 s window on search, so the second call waits for
    //    the reset. The wait is announced by twauth's own notice (a countdown when stderr is a TTY).
    const searchRoute = "GET /2/tweets/search/recent";
    const windowMs = 3000;
    emulator.setRateLimit(searchRoute, { limit: 1, windowMs });
    const query = { query: "hello" };
    await startWhereTheWaitIsClear(windowMs);
    await api.get("/2/tweets/search/recent", { query });
    const waitStarted = Date.now();
    await api.get("/2/tweets/search/recent", { query });
    const waited = wholeSecondsUp(Date.now() - waitStarted);
    const over = emulator.stats.count({ route: searchRoute, status: 429 });
    report(
      "rate limit",
      `${searchRoute}: waited ${waited} for the reset, as announced; 429s sent by the emulator: ${over}`,
    );

    // 5. A retry after an injected 503 on an idempotent GET.
    emulator.inject("GET /2/users/me", [{ status: 503 }]);
    const before = emulator.stats.count({ route: "GET /2/users/me" });
    await api.verifyCredentials();
    const sent = emulator.stats.count({ route: "GET /2/users/me" }) - before;
    report("retry", `GET /2/users/me answered 503, then 200 on the retry (${sent} requests sent)`);

    // 6. The seed's "User Access Token": a second user signs in with a PIN. The demo plays the
    //    person in the browser by reading the PIN off the emulator's authorize page.
    emulator.setAuthorizeBehaviour({ signedInUser: secondUser.username });
    const start = await startUserAuthorization({ ...consumer(), baseUrl: emulator.url });
    const page = await (await fetch(start.authorizeUrl)).text();
    const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(page)?.[1] ?? "";
    const user = await completeUserAuthorization({
      ...consumer(),
      ...start,
      verifier: pin,
      baseUrl: emulator.url,
    });
    await dotenvStore({ path: envPath }).save(
      { ...consumer(), accessToken: user.accessToken, accessTokenSecret: user.accessTokenSecret },
      { profile: "second" },
    );
    const second = open(await connect({ cwd: folder, env: {}, profile: "second" }));
    const secondMe = await second.verifyCredentials();
    report(
      "PIN login",
      `@${user.screenName} signed in with PIN; tokens saved to profile "second" in .env; verified as @${secondMe.username}`,
    );
  } catch (error) {
    fail(error);
  } finally {
    for (const connection of connections) connection.close();
    if (!keep) rmSync(folder, { recursive: true, force: true });
    await emulator.stop();
  }
  return folder;
}

/** @param {string} folder */
function tryNext(folder) {
  console.log("next:");
  if (keep) {
    report("kept", `${folder}: twauth.config.yaml and .env (the emulator's fake keys; delete when done)`);
  } else {
    report("keep", "pnpm demo --keep leaves the config and .env this run wrote, to read them");
  }
  report(
    "your keys",
    "examples/config-only/README.md: the same two files, with the keys from the X developer portal",
  );
  report("the CLI", "examples/cli/README.md: twauth verify, doctor and login, against the emulator");
  report("live", "pnpm demo --live: verify your own config against the real X API (read-only)");
}

// The emulator's windows are aligned to the clock (a 3 s window resets at a multiple of 3 s), and
// twauth's notice rounds a wait of a second or more up to whole seconds. Starting where the wait
// left is over a second and mid-second keeps the wait measured here, rounded the same way, on the
// second the notice announced (started 1 ms before a whole second, the two could differ by one).
/** @param {number} windowMs */
async function startWhereTheWaitIsClear(windowMs) {
  for (let tries = 0; tries < windowMs / 50; tries++) {
    const left = windowMs - (Date.now() % windowMs);
    if (left > 1300 && left % 1000 > 300 && left % 1000 < 700) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** @param {number} ms */
function wholeSecondsUp(ms) {
  return `${Math.ceil(ms / 1000)}s`;
}

function consumer() {
  return { consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret };
}

async function live() {
  console.log("twauth demo --live: your own config, against the real X API (read-only unless --tweet)");
  try {
    const api = open(await connect());
    const me = await api.verifyCredentials();
    report(
      "verify",
      `${me.username === undefined ? "app-only token works" : `@${me.username}`}, token type ${me.tokenType}`,
    );
    const tweetIndex = process.argv.indexOf("--tweet");
    const text = tweetIndex > 0 ? process.argv[tweetIndex + 1] : undefined;
    if (text !== undefined) {
      const posted = /** @type {{ data: { id: string } }} */ (
        (await api.post("/2/tweets", { json: { text } })).data
      );
      report("tweet", `posted ${posted.data.id}`);
    }
    for (const [endpoint, figures] of Object.entries(api.rateLimits)) {
      report("rate limit", `${endpoint}: ${figures.remaining} of ${figures.limit} left`);
    }
  } catch (error) {
    fail(error);
  } finally {
    for (const connection of connections) connection.close();
  }
}

/** @param {unknown} error */
function fail(error) {
  console.error(isTwauthError(error) ? `${error.code}: ${error.message}` : error);
  process.exitCode = 1;
}
