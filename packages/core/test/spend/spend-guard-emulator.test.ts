import type { Emulator } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import { isTwauthError } from "../../src/errors/twauth-error.js";
import { createSpendGuard } from "../../src/spend/spend-guard.js";
import type { SpendGuardOptions } from "../../src/spend/spend-options.js";
import { useEmulator } from "../support/emulator.js";
import { guardedRequest } from "./guarded-request.js";

const searchRoute = "GET /2/tweets/search/recent";
const day = 86_400_000;

/** The guard, the emulator and the connection on one clock that tests move by hand. */
function useSpendRun() {
  const emulator = useEmulator();
  return async (limit: SpendGuardOptions["limit"], terms: readonly string[] = []) => {
    let time = Date.UTC(2026, 11, 1, 23, 0, 0);
    const now = () => time;
    const emu: Emulator = await emulator.start({ now });
    const api = await emulator.connect({ now });
    for (const term of terms) {
      for (let index = 0; index < 10; index++)
        await api.post("/2/tweets", { json: { text: `${term} ${index}` } });
    }
    emu.billing.reset();
    emu.stats.reset();
    const guard = createSpendGuard({ limit, now });
    const search = (term: string) =>
      guardedRequest(guard, api, {
        path: "/2/tweets/search/recent",
        query: { query: term, max_results: 10 },
      });
    return { emu, api, guard, search, advance: (ms: number) => (time += ms) };
  };
}

async function refused(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (isTwauthError(error, "SPEND_LIMIT_REACHED")) return error;
    throw error;
  }
  throw new Error("expected SPEND_LIMIT_REACHED");
}

describe("the spend guard around a connection to the emulator", () => {
  const start = useSpendRun();

  it("stops a run at the limit: nothing past it is sent, and the estimate equals the emulator's bill", async () => {
    const { emu, guard, search } = await start({ daily: 0.1 }, ["alpha", "beta", "gamma"]);
    await search("alpha");
    await search("beta");
    const error = await refused(() => search("gamma"));
    expect(error.message).toMatch(/^GET \/2\/tweets\/search\/recent: not sent: it can cost up to \$0\.05 /);
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    expect((await guard.spend()).estimatedUsd).toBe(0.1);
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("counts Posts read again the same UTC day once, as the emulator bills them", async () => {
    const { emu, guard, search } = await start({ daily: 0.1 }, ["alpha"]);
    for (let run = 0; run < 5; run++) await search("alpha");
    expect(emu.stats.count({ route: searchRoute })).toBe(5);
    expect(await guard.spend()).toMatchObject({
      estimatedUsd: 0.05,
      byKind: { Post: { units: 10, estimatedUsd: 0.05 } },
    });
    expect(emu.billing.billedUsd()).toBe(0.05);
  });

  it("starts a new budget on a new UTC day", async () => {
    const { emu, guard, search, advance } = await start({ daily: 0.05 }, ["alpha"]);
    await search("alpha");
    await refused(() => search("alpha"));
    advance(2 * 3_600_000);
    await search("alpha");
    expect(await guard.spend()).toMatchObject({ day: "2026-12-02", estimatedUsd: 0.05 });
    expect(emu.billing.billedUsd("2026-12-02")).toBe(0.05);
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    advance(day);
    await search("alpha");
  });

  it("charges nothing for failed requests, as the emulator bills nothing for them", async () => {
    const { emu, guard, search } = await start({ daily: 0.05 }, ["alpha"]);
    emu.inject(searchRoute, [
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 400 },
    ]);
    for (let run = 0; run < 2; run++) {
      const error = await search("alpha").catch((caught: unknown) => caught);
      expect(isTwauthError(error)).toBe(true);
    }
    expect((await guard.spend()).estimatedUsd).toBe(0);
    expect(emu.billing.billedMicros()).toBe(0);
    emu.clearFaults();
    await search("alpha");
    expect((await guard.spend()).estimatedUsd).toBe(0.05);
  });

  it("in observed mode sends until the estimate passes the limit, then refuses every billed request", async () => {
    const { emu, guard, api, search } = await start({ daily: 0.07, mode: "observed" }, [
      "alpha",
      "beta",
      "gamma",
    ]);
    await search("alpha");
    await search("beta");
    expect((await guard.spend()).estimatedUsd).toBe(0.1);
    await refused(() => search("gamma"));
    await refused(() => guardedRequest(guard, api, { path: "/2/users/me" }));
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    expect(emu.stats.count({ route: "GET /2/users/me" })).toBe(0);
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("lets concurrent callers on one connection spend no more than the limit together", async () => {
    const { emu, guard, search } = await start({ daily: 0.1 }, ["alpha", "beta", "gamma", "delta"]);
    const results = await Promise.allSettled(["alpha", "beta", "gamma", "delta"].map((term) => search(term)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected")
        expect(isTwauthError(result.reason, "SPEND_LIMIT_REACHED")).toBe(true);
    }
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    expect((await guard.spend()).estimatedUsd).toBe(0.1);
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("prices created Posts as the emulator bills them, the URL price only for a link", async () => {
    const { emu, guard, api } = await start({ daily: 1 });
    await guardedRequest(guard, api, { method: "POST", path: "/2/tweets", json: { text: "no link" } });
    await guardedRequest(guard, api, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "https://x.com/link" },
    });
    expect((await guard.spend()).estimatedUsd).toBe(0.215);
    expect(emu.billing.billedMicros()).toBe(215_000);
  });
});
