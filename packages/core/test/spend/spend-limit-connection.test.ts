import type { Emulator } from "@twauth/emulator";
import { describe, expect, it } from "vitest";
import type { ApiConnection } from "../../src/connection/api-connection.js";
import type { ConnectionNotice } from "../../src/connection/connection-options.js";
import { isTwauthError, type TwauthError } from "../../src/errors/twauth-error.js";
import { createMemorySpendLedger } from "../../src/spend/memory-spend-ledger.js";
import type { SpendFigures } from "../../src/spend/spend-guard.js";
import type { SpendLedger } from "../../src/spend/spend-ledger.js";
import { connectForTest, type TestConnectionOptions } from "../support/connect.js";
import { emulatorApp, useEmulator } from "../support/emulator.js";

const searchRoute = "GET /2/tweets/search/recent";
const hour = 3_600_000;

/** A real memory ledger that also counts how often each operation ran (to prove "reserved once"). */
function countingLedger(): SpendLedger & { calls: Record<"reserve" | "settle" | "release", number> } {
  const ledger = createMemorySpendLedger();
  const calls = { reserve: 0, settle: 0, release: 0 };
  return {
    calls,
    reserve(...args) {
      calls.reserve++;
      return ledger.reserve(...args);
    },
    settle(request) {
      calls.settle++;
      return ledger.settle(request);
    },
    release(...args) {
      calls.release++;
      return ledger.release(...args);
    },
    totals: (day) => ledger.totals(day),
  };
}

/** The connection's figures in the emulator's shape, to compare with what the emulator billed. */
function asBill(figures: SpendFigures | undefined) {
  return Object.fromEntries(
    Object.entries(figures?.byKind ?? {}).map(([kind, entry]) => [
      kind,
      { units: entry.units, usd: entry.estimatedUsd },
    ]),
  );
}

/**
 * The emulator and the connections on one clock the test moves by hand (23:00 UTC on 2026-12-01),
 * with ten Posts per search term posted beforehand by a connection without a limit, then the bill
 * and the request counts cleared.
 */
function useSpendRun() {
  const emulator = useEmulator();
  return async (options: TestConnectionOptions, terms: readonly string[] = []) => {
    let time = Date.UTC(2026, 11, 1, 23, 0, 0);
    const now = () => time;
    const emu: Emulator = await emulator.start({ now });
    const seeder = await emulator.connect({ now });
    for (const term of terms) {
      for (let index = 0; index < 10; index++)
        await seeder.post("/2/tweets", { json: { text: `${term} ${index}` } });
    }
    emu.billing.reset();
    emu.stats.reset();
    const api = await emulator.connect({ now, ...options });
    const search = (term: string, on: ApiConnection = api) =>
      on.get("/2/tweets/search/recent", { query: { query: term, max_results: 10 } });
    return {
      emu,
      api,
      search,
      now,
      connect: (more: TestConnectionOptions) => emulator.connect({ now, ...more }),
      advance: (ms: number) => {
        time += ms;
      },
    };
  };
}

async function refused(run: () => Promise<unknown>): Promise<TwauthError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (isTwauthError(error, "SPEND_LIMIT_REACHED")) return error;
  throw new Error(`expected SPEND_LIMIT_REACHED, got ${String(error)}`);
}

describe("spendLimit on a connection to the emulator", () => {
  const start = useSpendRun();

  it("stops a run at the limit: nothing past it is sent, and the estimate equals the emulator's bill", async () => {
    const { emu, api, search } = await start({ spendLimit: { daily: 0.1 } }, ["alpha", "beta", "gamma"]);
    await search("alpha");
    await search("beta");
    const error = await refused(() => search("gamma"));
    expect(error.message).toBe(
      "GET /2/tweets/search/recent: not sent: it can cost up to $0.05 (10 Post resources at $0.005) and $0.00 of today's $0.10 spend limit is left ($0.10 spent or reserved on 2026-12-01 UTC). Lower max_results, or raise spendLimit.daily; the budget starts afresh at 00:00 UTC.",
    );
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    const figures = await api.spend();
    expect(figures).toEqual({
      day: "2026-12-01",
      estimatedUsd: 0.1,
      limitUsd: 0.1,
      byKind: { Post: { units: 20, estimatedUsd: 0.1 } },
    });
    expect(asBill(figures)).toEqual(emu.billing.byKind());
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("counts Posts read again the same UTC day once, as the emulator bills them", async () => {
    const { emu, api, search } = await start({ spendLimit: { daily: 0.1 } }, ["alpha"]);
    for (let run = 0; run < 5; run++) await search("alpha");
    expect(emu.stats.count({ route: searchRoute })).toBe(5);
    const figures = await api.spend();
    expect(figures).toMatchObject({
      estimatedUsd: 0.05,
      byKind: { Post: { units: 10, estimatedUsd: 0.05 } },
    });
    expect(asBill(figures)).toEqual(emu.billing.byKind());
  });

  it("starts a new budget on a new UTC day of the connection's clock", async () => {
    const { emu, api, search, advance } = await start({ spendLimit: { daily: 0.05 } }, ["alpha"]);
    await search("alpha");
    await refused(() => search("alpha"));
    advance(2 * hour);
    await search("alpha");
    expect(await api.spend()).toMatchObject({ day: "2026-12-02", estimatedUsd: 0.05 });
    expect(emu.billing.billedUsd("2026-12-02")).toBe(0.05);
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
  });

  it("charges nothing for failed requests, as the emulator bills nothing for them", async () => {
    const { emu, api, search } = await start({ spendLimit: { daily: 0.05 } }, ["alpha"]);
    emu.inject(searchRoute, [
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 503 },
      { status: 400 },
    ]);
    await expect(search("alpha")).rejects.toMatchObject({ code: "API_ERROR", status: 503 });
    await expect(search("alpha")).rejects.toMatchObject({ code: "API_ERROR", status: 400 });
    expect(emu.stats.count({ route: searchRoute })).toBe(5);
    expect((await api.spend())?.estimatedUsd).toBe(0);
    expect(emu.billing.billedMicros()).toBe(0);
    // Nothing stayed reserved: the whole limit is still there for a request that succeeds.
    await search("alpha");
    expect((await api.spend())?.estimatedUsd).toBe(0.05);
  });

  it("reserves a retried request once and settles it once, with the answer that ended it", async () => {
    const ledger = countingLedger();
    const { emu, api, search } = await start({ spendLimit: { daily: 0.05 }, spendLedger: ledger }, ["alpha"]);
    emu.inject(searchRoute, [{ status: 503 }, { status: 503 }]);
    await search("alpha");
    expect(emu.stats.count({ route: searchRoute })).toBe(3);
    expect(ledger.calls).toEqual({ reserve: 1, settle: 1, release: 0 });
    expect((await api.spend())?.estimatedUsd).toBe(0.05);
    expect(emu.billing.billedMicros()).toBe(50_000);
  });

  it("in observed mode sends until the estimate passes the limit, then refuses every billed request", async () => {
    const { emu, api, search } = await start({ spendLimit: { daily: 0.07, mode: "observed" } }, [
      "alpha",
      "beta",
      "gamma",
    ]);
    await search("alpha");
    await search("beta");
    expect((await api.spend())?.estimatedUsd).toBe(0.1);
    const error = await refused(() => search("gamma"));
    expect(error.message).toBe(
      "GET /2/tweets/search/recent: not sent: today's spend limit of $0.07 is reached ($0.10 estimated, $0.00 in flight, on 2026-12-01 UTC). Raise spendLimit.daily; the budget starts afresh at 00:00 UTC.",
    );
    await refused(() => api.get("/2/users/me"));
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    expect(emu.stats.count({ route: "GET /2/users/me" })).toBe(0);
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("in worst-case mode refuses, before sending, a read whose full page could pass the limit; observed mode sends it", async () => {
    const { emu, search, connect } = await start({ spendLimit: { daily: 0.049 } }, ["alpha"]);
    await refused(() => search("alpha"));
    expect(emu.stats.count({ route: searchRoute })).toBe(0);
    const observed = await connect({ spendLimit: { daily: 0.049, mode: "observed" } });
    await search("alpha", observed);
    expect(await observed.spend()).toMatchObject({ estimatedUsd: 0.05 });
    expect(emu.stats.count({ route: searchRoute })).toBe(1);
  });

  it("lets concurrent callers on one connection spend no more than the limit together", async () => {
    const terms = ["alpha", "beta", "gamma", "delta"];
    const { emu, api, search } = await start({ spendLimit: { daily: 0.1 } }, terms);
    const results = await Promise.allSettled(terms.map((term) => search(term)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected")
        expect(isTwauthError(result.reason, "SPEND_LIMIT_REACHED")).toBe(true);
    }
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
    expect((await api.spend())?.estimatedUsd).toBe(0.1);
    expect(emu.billing.billedMicros()).toBe(100_000);
  });

  it("shares one budget between connections given one spendLedger", async () => {
    const spendLedger = createMemorySpendLedger();
    const { emu, search, connect } = await start({ spendLimit: { daily: 0.1 }, spendLedger }, [
      "alpha",
      "beta",
      "gamma",
    ]);
    const other = await connect({ spendLimit: { daily: 0.1 }, spendLedger });
    await search("alpha");
    await search("beta", other);
    await refused(() => search("gamma", other));
    expect(await other.spend()).toMatchObject({ estimatedUsd: 0.1 });
    expect(emu.stats.count({ route: searchRoute })).toBe(2);
  });

  it("prices created Posts as the emulator bills them, the URL price only for a link", async () => {
    const { emu, api } = await start({ spendLimit: { daily: 1 } });
    await api.post("/2/tweets", { json: { text: "no link" } });
    await api.post("/2/tweets", { json: { text: "https://x.com/link" } });
    expect(await api.spend()).toMatchObject({
      estimatedUsd: 0.215,
      byKind: { ContentCreate: { units: 1 }, ContentCreateWithUrl: { units: 1 } },
    });
    expect(emu.billing.billedMicros()).toBe(215_000);
  });

  it("uses the prices option over the built-in table", async () => {
    const { search, api } = await start({ spendLimit: { daily: 1 }, prices: { Post: 0.001 } }, ["alpha"]);
    await search("alpha");
    expect(await api.spend()).toMatchObject({ estimatedUsd: 0.01, byKind: { Post: { units: 10 } } });
  });

  it("counts nothing for the bearer-token exchange and unbilled endpoints, and sends them past the limit", async () => {
    const ledger = countingLedger();
    const { emu, now, search } = await start({}, ["alpha"]);
    const app = await connectForTest(emulatorApp, emu.url, {
      now,
      spendLimit: { daily: 0.01, mode: "observed" },
      spendLedger: ledger,
    });
    try {
      await app.get("/2/usage/tweets");
      expect(emu.stats.count({ route: "POST /oauth2/token" })).toBe(1);
      expect(ledger.calls.reserve).toBe(0);
      await search("alpha", app);
      await refused(() => search("alpha", app));
      await app.get("/2/usage/tweets");
      expect(emu.stats.count({ route: "GET /2/usage/tweets" })).toBe(2);
      expect(await app.spend()).toMatchObject({ estimatedUsd: 0.05, byKind: { Post: { units: 10 } } });
      expect(emu.billing.billedMicros()).toBe(50_000);
    } finally {
      app.close();
    }
  });

  it("tells the notify callback at 50%, 80% and 100% of the limit, once each per UTC day, beside the waits", async () => {
    const notices: ConnectionNotice[] = [];
    const { emu, search } = await start(
      { spendLimit: { daily: 0.1 }, waitOnRateLimitNotify: (event) => notices.push(event) },
      ["alpha", "beta", "gamma"],
    );
    emu.inject(searchRoute, [{ status: 503 }]);
    await search("alpha");
    await search("alpha");
    await search("beta");
    expect(notices).toEqual([
      expect.objectContaining({ reason: "retry", endpoint: searchRoute, attempt: 1 }),
      { reason: "spend-limit", day: "2026-12-01", percent: 50, estimatedUsd: 0.05, limitUsd: 0.1 },
      { reason: "spend-limit", day: "2026-12-01", percent: 80, estimatedUsd: 0.1, limitUsd: 0.1 },
      { reason: "spend-limit", day: "2026-12-01", percent: 100, estimatedUsd: 0.1, limitUsd: 0.1 },
    ]);
  });
});

describe("a connection without spendLimit", () => {
  const emulator = useEmulator();

  it("counts nothing and says so: spend() resolves to undefined", async () => {
    await emulator.start();
    const api = await emulator.connect();
    await api.get("/2/users/me");
    expect(await api.spend()).toBeUndefined();
  });
});
