// The README's demo: start the local X API emulator, sign a request with @twauth/core, send it,
// and print who the credentials belong to and the rate-limit headers X sent back.
import { createOAuth1Signer } from "@twauth/core";
import { defaultApp, defaultUser, startEmulator } from "@twauth/emulator";

const emulator = await startEmulator();
try {
  const signer = createOAuth1Signer({
    consumerKey: defaultApp.consumerKey,
    consumerSecret: defaultApp.consumerSecret,
    accessToken: defaultUser.accessToken,
    accessTokenSecret: defaultUser.accessTokenSecret,
  });
  const url = `${emulator.url}/2/users/me`;
  const response = await fetch(url, { headers: { authorization: signer.authorize({ method: "GET", url }) } });
  const body = /** @type {{ data: { id: string, username: string, name: string } }} */ (
    await response.json()
  );
  if (!response.ok) throw new Error(`GET /2/users/me answered ${response.status}: ${JSON.stringify(body)}`);

  const limit = (/** @type {string} */ name) => response.headers.get(`x-rate-limit-${name}`);
  const resetAt = new Date(Number(limit("reset")) * 1000).toISOString();
  console.log(`twauth demo against the local X API emulator at ${emulator.url}`);
  console.log(`  signed with OAuth 1.0a user context: ${signer}`);
  console.log(
    `  GET /2/users/me -> ${response.status}: @${body.data.username} (${body.data.name}, id ${body.data.id})`,
  );
  console.log(`  rate limit: ${limit("remaining")} of ${limit("limit")} left, window resets at ${resetAt}`);
} finally {
  await emulator.stop();
}
