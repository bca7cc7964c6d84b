import { defaultUser } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { useEmulator } from "./support/emulator.js";

const { start, connect } = useEmulator();

// Each of X's 2026 failures, as the emulator answers it in X's own body and headers, through a
// connection that waits on rate limits and retries: each is named, never waited on, never retried.
describe("X's 2026 failures through a connection", () => {
  it.each([
    ["credits-depleted", "CREDITS_DEPLETED", 402, "credits"],
    ["usage-capped", "USAGE_CAP_EXCEEDED", 429, "This is not a rate limit"],
    ["client-not-enrolled", "CLIENT_NOT_ENROLLED", 403, "Production"],
  ] as const)(
    "names the %s answer %s, sends the request once, and carries X's transaction id",
    async (problem, code, status, advice) => {
      const emulator = await start();
      emulator.inject("GET /2/users/me", [{ problem }]);
      const api = await connect({ waitOnRateLimit: true, retryCount: 3, retryDelay: 0 });
      const error = await api.get("/2/users/me").then(
        () => undefined,
        (caught: unknown) => caught as Record<string, unknown>,
      );
      expect(error).toMatchObject({ code, status, endpoint: "GET /2/users/me" });
      expect(error?.transactionId).toMatch(/^[0-9a-f]{16}$/);
      expect(error?.apiVersion).toMatch(/^2\.\d+$/);
      expect(String(error?.message)).toMatch(/^X/);
      expect(String(error?.message)).toContain(advice);
      expect(emulator.stats.count({ route: "GET /2/users/me" })).toBe(1);
      expect(JSON.stringify(error)).not.toContain(defaultUser.accessTokenSecret);
    },
  );

  it("carries the transaction id on an ordinary API error too", async () => {
    const emulator = await start();
    emulator.inject("GET /2/users/me", [{ status: 500 }]);
    const api = await connect({ retryCount: 0 });
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "API_ERROR",
      status: 500,
      transactionId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
  });
});
