import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { refreshOAuth2Token } from "@twauth/core";
import { type Emulator, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runWorkers } from "./support/run-workers.js";
import { client, signIn, tokenRecord } from "./support/sign-in.js";

let emulator: Emulator;
let folder: string;
beforeAll(async () => {
  // Access tokens that live 2 s (X: 2 hours), so a 12 s run crosses at least five expiries.
  emulator = await startEmulator({ oauth2AccessTokenTtlSeconds: 2, rateLimits: { "GET /2/users/me": null } });
  folder = mkdtempSync(join(tmpdir(), "twauth-rotation-"));
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await emulator.stop();
});

it("four processes sharing one .env refresh each token once, across five expiries, and none fails for auth", async () => {
  const file = join(folder, ".env");
  const record = tokenRecord(await signIn(emulator));
  writeFileSync(
    file,
    `${Object.entries(record)
      .map(([key, value]) => `${key}=${value}`)
      .join("\n")}\n`,
    { mode: 0o600 },
  );

  const results = await runWorkers(4, 12_000, { STORE: "dotenv", ENV_FILE: file, BASE_URL: emulator.url });

  expect(results.flatMap((result) => result.failures)).toEqual([]);
  expect(results.every((result) => result.calls > 0)).toBe(true);
  const stats = emulator.oauth2Stats();
  expect(stats.refreshTokensSpent).toBeGreaterThanOrEqual(5);
  // No process ever redeemed a refresh token another had already spent.
  expect(stats.spentRefreshTokenReuses).toBe(0);
  expect(emulator.stats.count({ route: "GET /2/users/me", status: 401 })).toBe(0);
  // The file ends holding the live tokens: its refresh token is the one X has not spent yet.
  const saved = Object.fromEntries(
    readFileSync(file, "utf8")
      .trim()
      .split("\n")
      .map((line) => line.split("=", 2) as [string, string]),
  );
  expect(saved.CLIENT_ID).toBe(client.clientId);
  await expect(
    refreshOAuth2Token({ ...client, refreshToken: saved.OAUTH2_REFRESH_TOKEN ?? "", baseUrl: emulator.url }),
  ).resolves.toMatchObject({ accessToken: expect.any(String) });
});
