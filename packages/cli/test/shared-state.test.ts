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
  // One request per hour-long window: both commands land in it however slow the machine is (the
  // emulator's windows are aligned to its clock, so a short one could end between the two runs).
  emulator = await startEmulator({ rateLimits: { "GET /2/users/me": { limit: 1, windowMs: 3_600_000 } } });
  project = tempProject({
    ".env": dotenvText(emulatorUserCredentials),
    "twauth.config.yaml": dotenvConfig(
      emulator.url,
      "rate_limit_state:\n  type: file\n  path: state/limits.json\n",
    ),
  });
});
afterAll(async () => {
  project.remove();
  await emulator.stop();
});

describe("rate_limit_state: { type: file } in the CLI", () => {
  it("a second twauth verify in the window the first one spent fails at once, sending nothing instead of meeting a 429", async () => {
    const first = await runTwauth(["verify"], { cwd: project.dir });
    expect(first.exitCode).toBe(0);
    const file = project.path("state/limits.json");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = await runTwauth(["verify"], { cwd: project.dir });
    expect(second.exitCode).toBe(4);
    expect(second.stderr).toMatch(
      /^twauth: GET \/2\/users\/me has no requests left in this window until .+, as the shared rate-limit state knows; no request was sent\. Pass waitOnRateLimit: true to wait instead\./m,
    );
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 429 })).toBe(0);
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 200 })).toBe(1);
  });
});
