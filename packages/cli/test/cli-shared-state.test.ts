import { describe, expect, it } from "vitest";
import type { Setup } from "../src/setup/load-setup.js";
import { cliSharedState } from "../src/setup/shared-state.js";

function setup(baseUrl: string | undefined, rateLimitState?: unknown): Setup {
  return { filepath: "/project/twauth.config.yaml", config: { rateLimitState }, baseUrl } as unknown as Setup;
}

describe("the CLI's rate-limit state", () => {
  it("keeps X's own API's windows in a file in the user's cache folder, so successive commands share them", async () => {
    const shared = await cliSharedState(setup(undefined), { HOME: "/home/bot" });
    expect(shared?.owned).toBe(true);
    expect(shared?.options.rateLimitState).toBeDefined();
  });

  it("keeps a loopback API's windows (the emulator's) in memory: they die with its server", async () => {
    expect(await cliSharedState(setup("http://127.0.0.1:4000"), { HOME: "/home/bot" })).toBeUndefined();
  });

  it("keeps them in memory when the environment names no cache folder", async () => {
    expect(await cliSharedState(setup(undefined), {})).toBeUndefined();
  });

  it("uses the config's rate_limit_state when it names one, loopback or not", async () => {
    const shared = await cliSharedState(
      setup("http://127.0.0.1:4000", { type: "file", path: "limits.json" }),
      {},
    );
    expect(shared?.owned).toBe(true);
  });
});
