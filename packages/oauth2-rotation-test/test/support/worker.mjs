// One worker process: a connection from the shared store with auth "oauth2-user", calling
// GET /2/users/me until the deadline. It prints one JSON line: how many calls went through, and
// each failure's code (never a token).
import { getApiConnection, isTwauthError } from "@twauth/core";

const { STORE, BASE_URL, PAUSE_MS } = process.env;

async function openStore() {
  if (STORE === "dotenv") {
    const { dotenvStore } = await import("@twauth/store-dotenv");
    return dotenvStore({ path: process.env.ENV_FILE ?? "" });
  }
  const { awsSecretsManagerStore } = await import("@twauth/store-aws-secrets-manager");
  return awsSecretsManagerStore({ secretId: process.env.SECRET_ID ?? "", maxAge: 0 });
}

async function openRefreshLock() {
  if (process.env.REFRESH_LOCK_URL === undefined) return {};
  const { redisRefreshLock } = await import("@twauth/ratelimit-redis");
  return { refreshLock: redisRefreshLock({ url: process.env.REFRESH_LOCK_URL }) };
}

const api = await getApiConnection({
  store: await openStore(),
  ...(await openRefreshLock()),
  auth: "oauth2-user",
  baseUrl: BASE_URL ?? "",
  oauth2RefreshBefore: "300ms",
  retryDelay: 0,
  waitOnRateLimitNotify: false,
  onWarning: () => {},
});
// Ready: the parent starts every worker's clock at once, after the slowest one has loaded.
process.stdout.write("ready\n");
const deadline = await new Promise((resolve) => {
  process.stdin.once("data", (chunk) => resolve(Date.now() + Number(String(chunk).trim())));
});
let calls = 0;
const failures = [];
// Bounded by the deadline and by a count, whichever comes first.
for (let round = 0; round < 10_000 && Date.now() < deadline; round++) {
  try {
    await api.get("/2/users/me");
    calls++;
  } catch (error) {
    failures.push(isTwauthError(error) ? `${error.code}: ${error.message}` : String(error));
  }
  await new Promise((resolve) => setTimeout(resolve, Number(PAUSE_MS)));
}
api.close();
process.stdout.write(`result ${JSON.stringify({ calls, failures })}\n`);
// The Redis client the lock made keeps the event loop alive.
process.exit(0);
