import { existsSync, statSync } from "node:fs";
import type { Emulator } from "@twauth/emulator";
import { startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  type TempProject,
  tempProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
let project: TempProject;
beforeAll(async () => {
  // One request per 3 s window: the second command lands in the window the first one used.
  emulator = await startEmulator({ rateLimits: { "GET /2/users/me": { limit: 1, windowMs: 3000 } } });
  project = tempProject({
    ".env": dotenvText(emulatorUserCredentials),
    "twauth.config.yaml": dotenvConfig(
      emulator.url,
      "wait_on_rate_limit: true\nrate_limit_state:\n  type: file\n  path: state/limits.json\n",
    ),
  });
});
afterAll(async () => {
  project.remove();
  await emulator.stop();
});

describe("rate_limit_state: { type: file } in the CLI", () => {
  it("lets a second twauth verify wait for the window the first one used, instead of spending a request on a 429", async () => {
    const first = await runTwauth(["verify"], { cwd: project.dir });
    expect(first.exitCode).toBe(0);
    const file = project.path("state/limits.json");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await runTwauth(["verify"], { cwd: project.dir });
    expect(second.exitCode).toBe(0);
    expect(second.stderr).toMatch(/^twauth: GET \/2\/users\/me: rate limit reached, limit 1; waiting \d+s/m);
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 429 })).toBe(0);
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 200 })).toBe(2);
  });

  it("without wait_on_rate_limit, a second twauth verify in the spent window fails at once, sending nothing", async () => {
    const quick = tempProject({
      ".env": dotenvText(emulatorUserCredentials),
      "twauth.config.yaml": dotenvConfig(
        emulator.url,
        "rate_limit_state:\n  type: file\n  path: limits.json\n",
      ),
    });
    try {
      emulator.setRateLimit("GET /2/users/me", { limit: 1, windowMs: 60_000 });
      expect((await runTwauth(["verify"], { cwd: quick.dir })).exitCode).toBe(0);
      const second = await runTwauth(["verify"], { cwd: quick.dir });
      expect(second.exitCode).toBe(4);
      expect(second.stderr).toContain("as the shared rate-limit state knows; no request was sent.");
      expect(emulator.stats.count({ route: "GET /2/users/me", status: 429 })).toBe(0);
    } finally {
      quick.remove();
    }
  });
});
