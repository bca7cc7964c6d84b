import { describe, expect, it } from "vitest";
import type { ApiConnectionOptions } from "../../src/connection/connection-options.js";
import { getApiConnection } from "../../src/connection/get-api-connection.js";
import { connectionSpendGuard } from "../../src/spend/connection-spend-guard.js";
import { createMemorySpendLedger } from "../../src/spend/memory-spend-ledger.js";
import { userCredentials } from "../support/connect.js";

async function optionsError(options: Record<string, unknown>) {
  const error = await getApiConnection({
    credentials: userCredentials,
    ...options,
  } as ApiConnectionOptions).catch((caught: unknown) => caught);
  return { code: (error as { code?: string }).code, message: (error as Error).message };
}

describe("the spend options, checked with every other option", () => {
  it.each([
    [{ spendLimit: { daily: 0 } }, "spendLimit"],
    [{ spendLimit: { daily: 1_000_000 } }, "spendLimit"],
    [{ spendLimit: { daily: "5" } }, "spendLimit"],
    [{ spendLimit: { daily: 5, mode: "careful" } }, "spendLimit"],
    [{ spendLimit: { daily: 5, monthly: 100 } }, "spendLimit"],
    [{ spendLimit: { daily: 5 }, prices: { Tweet: 0.005 } }, "prices"],
    [{ spendLimit: { daily: 5 }, prices: { Post: 5000 } }, "prices"],
    [{ spendLimit: { daily: 5 }, spendLedger: { reserve() {} } }, "spendLedger"],
  ])("refuses %j with OPTIONS_INVALID naming %s", async (options, name) => {
    const expected: Record<string, string> = {
      spendLimit:
        'spendLimit: expected an object { daily, mode }: daily in US dollars per UTC day (above 0, at most 100000), mode "worst-case" or "observed"',
      prices:
        "prices: expected an object of prices in US dollars (0 to 100) by billing kind, e.g. { Post: 0.005 }",
      spendLedger: "spendLedger: expected a SpendLedger (reserve, settle, release, totals)",
    };
    expect(await optionsError(options)).toEqual({
      code: "OPTIONS_INVALID",
      message: `Invalid getApiConnection options:\n- ${expected[name]}`,
    });
  });

  it("refuses prices and spendLedger without spendLimit: they would count nothing", async () => {
    expect(await optionsError({ prices: { Post: 0.004 }, spendLedger: createMemorySpendLedger() })).toEqual({
      code: "OPTIONS_INVALID",
      message:
        "Invalid getApiConnection options:\n- prices: only meaningful with spendLimit\n- spendLedger: only meaningful with spendLimit",
    });
  });

  it("accepts a limit, prices and a ledger together", async () => {
    const api = await getApiConnection({
      credentials: userCredentials,
      spendLimit: { daily: 5, mode: "observed" },
      prices: { Post: 0.004 },
      spendLedger: createMemorySpendLedger(),
      now: () => Date.UTC(2026, 11, 1),
    });
    expect(await api.spend()).toEqual({ day: "2026-12-01", estimatedUsd: 0, limitUsd: 5, byKind: {} });
    api.close();
  });
});

describe("the connection's spend notices by default", () => {
  const now = () => Date.UTC(2026, 11, 1, 12);
  const page = (count: number) => ({
    status: 200,
    body: { data: Array.from({ length: count }, (_, index) => ({ id: String(index + 1) })) },
  });
  const search = {
    method: "GET",
    endpointTemplate: "GET /2/tweets/search/recent",
    query: { max_results: "10" },
  };

  it("writes one line each on stderr, clearing a countdown line first on a terminal", async () => {
    const written: string[] = [];
    const stream = { isTTY: true, write: (text: string) => written.push(text) };
    const guard = connectionSpendGuard({ spendLimit: { daily: 0.1 } }, now, stream)!;
    await guard.settle(await guard.reserve(search), page(10));
    expect(written).toEqual([
      "\r\x1b[Ktwauth: estimated spend on 2026-12-01 (UTC) reached 50% of the daily limit: $0.05 of $0.10\n",
    ]);
  });

  it("writes nothing with waitOnRateLimitNotify: false", async () => {
    const written: string[] = [];
    const stream = { write: (text: string) => written.push(text) };
    const guard = connectionSpendGuard(
      { spendLimit: { daily: 0.1 }, waitOnRateLimitNotify: false },
      now,
      stream,
    )!;
    await guard.settle(await guard.reserve(search), page(10));
    expect(written).toEqual([]);
    expect(connectionSpendGuard({}, now, stream)).toBeUndefined();
  });
});
