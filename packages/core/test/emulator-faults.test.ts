import { describe, expect, it } from "vitest";
import { useEmulator } from "./support/emulator.js";

const { start, connect } = useEmulator();

/** Runs `count` calls with at most `concurrency` in flight, collecting each outcome. */
async function runAll<T>(count: number, concurrency: number, call: (index: number) => Promise<T>) {
  const outcomes: ({ ok: true; value: T } | { ok: false; error: unknown })[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        outcomes[index] = await call(index).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
      }
    }),
  );
  return outcomes;
}

describe("against the emulator: fault injection", () => {
  it("500 GETs with 20% injected 503s and socket resets all succeed, and the emulator lost none", async () => {
    const emulator = await start({ rateLimits: { "GET /2/tweets/:id": null } });
    emulator.injectRandom("GET /2/tweets/:id", {
      rate: 0.2,
      faults: [{ status: 503 }, { resetSocket: true }],
      seed: 20_250_101,
    });
    const api = await connect({ retryCount: 10, retryDelay: 0 });
    const outcomes = await runAll(500, 16, (index) => api.get(`/2/tweets/${1000 + index}`));
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
    const stats = emulator.stats;
    const faults = stats.count({ outcome: "fault" });
    expect(faults).toBeGreaterThan(50);
    // Every request the emulator saw was answered or faulted on purpose; 500 got through.
    expect(stats.count({ route: "GET /2/tweets/:id", outcome: "aborted" })).toBe(0);
    expect(stats.total).toBe(500 + faults);
    expect(stats.count({ status: 200 })).toBe(500);
  });

  it("100 POSTs with injected 503s are each received at most once", async () => {
    const emulator = await start({ rateLimits: { "POST /2/tweets": null } });
    emulator.injectRandom("POST /2/tweets", {
      rate: 0.3,
      faults: [{ status: 503 }, { status: 503, afterHandling: true }, { resetSocket: true }],
      seed: 7,
    });
    const api = await connect({ retryCount: 5, retryDelay: 0 });
    const outcomes = await runAll(100, 8, (index) =>
      api.post("/2/tweets", { json: { text: `tweet number ${index}` } }),
    );
    const failed = outcomes.filter((outcome) => !outcome.ok);
    expect(failed.length).toBeGreaterThan(10);
    for (const outcome of failed) {
      expect((outcome as { error: { code: string } }).error.code).toMatch(/^(API_ERROR|NETWORK_ERROR)$/);
    }
    const bodies = emulator.stats.requests
      .filter((request) => request.route === "POST /2/tweets")
      .map((r) => r.body);
    expect(bodies).toHaveLength(100);
    expect(new Set(bodies).size).toBe(100);
    const texts = emulator.stats.createdTweets.map((tweet) => tweet.text);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it("retries a GET that timed out on an injected delay, and throws TIMEOUT for a POST", async () => {
    const emulator = await start();
    emulator.inject("GET /2/users/me", [{ delayMs: 1000 }]);
    emulator.inject("POST /2/tweets", [{ delayMs: 1000 }]);
    const api = await connect({ timeout: "50ms" });
    expect((await api.get("/2/users/me")).status).toBe(200);
    await expect(api.post("/2/tweets", { json: { text: "slow" } })).rejects.toMatchObject({
      code: "TIMEOUT",
      message: "POST /2/tweets: no complete response within 50ms. Raise the timeout option if X is slow.",
    });
    // The first attempt is still held by the delay (it is recorded when it ends): the 200 is the retry's.
    expect(emulator.stats.count({ route: "GET /2/users/me", status: 200 })).toBe(1);
  });
});
