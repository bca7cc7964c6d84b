import { describe, expect, it } from "vitest";
import { isTwauthError } from "../../src/errors/twauth-error.js";
import { createSpendGuard } from "../../src/spend/spend-guard.js";
import type { SpendNotice } from "../../src/spend/spend-notice.js";
import { formatSpendNotice } from "../../src/spend/spend-notice.js";
import type { SpendGuardOptions } from "../../src/spend/spend-options.js";

const start = Date.UTC(2026, 11, 1, 12, 0, 0);
const search = (max_results: number) =>
  ({ method: "GET", endpointTemplate: "GET /2/tweets/search/recent", query: { max_results } }) as const;
const page = (from: number, count: number) => ({
  status: 200,
  body: { data: Array.from({ length: count }, (_, index) => ({ id: String(from + index) })) },
});

async function refusal(run: () => Promise<unknown>) {
  try {
    await run();
  } catch (error) {
    if (isTwauthError(error)) return error;
    throw error;
  }
  throw new Error("expected SPEND_LIMIT_REACHED");
}

function setup(options: Partial<SpendGuardOptions> = {}) {
  let time = start;
  const notices: SpendNotice[] = [];
  const guard = createSpendGuard({
    limit: { daily: 0.1 },
    now: () => time,
    notify: (notice) => notices.push(notice),
    ...options,
  });
  return { guard, notices, advance: (ms: number) => (time += ms) };
}

describe("createSpendGuard in worst-case mode", () => {
  it("refuses before sending a request whose worst case passes what is left, with the figures", async () => {
    const { guard } = setup();
    const first = await guard.reserve(search(10));
    await guard.settle(first, page(0, 10));
    const error = await refusal(() => guard.reserve(search(100)));
    expect(error.code).toBe("SPEND_LIMIT_REACHED");
    expect(error.message).toBe(
      "GET /2/tweets/search/recent: not sent: it can cost up to $0.50 (100 Post resources at $0.005) and $0.05 of today's $0.10 spend limit is left ($0.05 spent or reserved on 2026-12-01 UTC). Lower max_results, or raise spendLimit.daily; the budget starts afresh at 00:00 UTC.",
    );
    expect(error.endpoint).toBe("GET /2/tweets/search/recent");
    expect(error.keys).toEqual(["spendLimit.daily"]);
    expect(error.resetAt).toBe(Date.UTC(2026, 11, 2));
  });

  it("refuses a request whose worst case alone is over the limit, even with nothing spent", async () => {
    const { guard } = setup({ limit: { daily: 0.1 } });
    const error = await refusal(() => guard.reserve(search(100)));
    expect(error.message).toMatch(
      /^GET \/2\/tweets\/search\/recent: not sent: it can cost up to \$0\.50 \(100 Post resources at \$0\.005\) and \$0\.10 of today's \$0\.10 spend limit is left/,
    );
    expect((await guard.spend()).estimatedUsd).toBe(0);
  });

  it("allows reaching the limit exactly and refuses one micro-dollar more", async () => {
    const { guard } = setup({ limit: { daily: 0.1 } });
    for (let index = 0; index < 2; index++) {
      const reservation = await guard.reserve(search(10));
      await guard.settle(reservation, page(index * 10, 10));
    }
    expect((await guard.spend()).estimatedUsd).toBe(0.1);
    const error = await refusal(() => guard.reserve(search(10)));
    expect(error.code).toBe("SPEND_LIMIT_REACHED");
  });

  it("counts in-flight reservations, so concurrent callers cannot pass the limit together", async () => {
    const { guard } = setup({ limit: { daily: 0.1 } });
    const results = await Promise.allSettled([1, 2, 3].map(() => guard.reserve(search(10))));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
  });

  it("bills what came back, not the worst case, and frees the rest of the reservation", async () => {
    const { guard } = setup({ limit: { daily: 0.1 } });
    const reservation = await guard.reserve(search(10));
    expect(reservation.reservedMicros).toBe(50_000);
    await guard.settle(reservation, page(0, 2));
    expect(await guard.spend()).toEqual({
      day: "2026-12-01",
      estimatedUsd: 0.01,
      limitUsd: 0.1,
      byKind: { Post: { units: 2, estimatedUsd: 0.01 } },
    });
    await guard.reserve(search(10));
  });

  it("does not bill a resource twice in one UTC day, and bills it again the next day", async () => {
    const { guard, advance } = setup({ limit: { daily: 1 } });
    for (let run = 0; run < 3; run++) await guard.settle(await guard.reserve(search(10)), page(0, 10));
    expect((await guard.spend()).estimatedUsd).toBe(0.05);
    advance(12 * 3_600_000);
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    expect(await guard.spend()).toMatchObject({ day: "2026-12-02", estimatedUsd: 0.05 });
  });

  it("bills nothing for a failed response or a released reservation", async () => {
    const { guard } = setup({ limit: { daily: 0.05 } });
    await guard.settle(await guard.reserve(search(10)), {
      status: 503,
      body: { title: "Service Unavailable" },
    });
    await guard.release(await guard.reserve(search(10)));
    await guard.settle(await guard.reserve(search(10)), { status: 429, body: {} });
    expect((await guard.spend()).estimatedUsd).toBe(0);
    await guard.reserve(search(10));
  });

  it("settles or releases a reservation once; later calls change nothing", async () => {
    const { guard } = setup({ limit: { daily: 0.1 } });
    const reservation = await guard.reserve(search(10));
    await guard.settle(reservation, page(0, 10));
    await guard.release(reservation);
    await guard.settle(reservation, page(100, 10));
    expect((await guard.spend()).estimatedUsd).toBe(0.05);
    await guard.reserve(search(10));
  });

  it("lets requests that are not billed through without counting them", async () => {
    const { guard } = setup({ limit: { daily: 0.000001 } });
    const reservation = await guard.reserve({ method: "POST", endpointTemplate: "/oauth2/token" });
    expect(reservation).toMatchObject({ billed: false, reservedMicros: 0 });
    await guard.settle(reservation, { status: 200, body: { data: { id: "1" } } });
    expect((await guard.spend()).byKind).toEqual({});
  });

  it("prices a Post with its URL price before sending and by its text after", async () => {
    const { guard } = setup({ limit: { daily: 0.2 } });
    const create = { method: "POST", endpointTemplate: "POST /2/tweets" } as const;
    const reservation = await guard.reserve(create);
    expect(reservation.reservedMicros).toBe(200_000);
    await guard.settle(reservation, { status: 201, body: { data: { id: "1", text: "hello" } } });
    expect((await guard.spend()).byKind).toEqual({ ContentCreate: { units: 1, estimatedUsd: 0.015 } });
    const error = await refusal(() => guard.reserve(create));
    expect(error.message).toMatch(/it can cost up to \$0\.20 \(one request\).* Raise spendLimit\.daily;/);
  });

  it("uses the prices given over the defaults", async () => {
    const { guard } = setup({ limit: { daily: 1 }, prices: { Post: 0.1 } });
    await guard.settle(await guard.reserve(search(10)), page(0, 3));
    expect((await guard.spend()).estimatedUsd).toBe(0.3);
  });
});

describe("createSpendGuard in observed mode", () => {
  it("sends while some of the limit is left and refuses every billed request once it is passed", async () => {
    const { guard } = setup({ limit: { daily: 0.1, mode: "observed" } });
    // The worst case ($0.50) is over the limit, but nothing is spent yet.
    await guard.settle(await guard.reserve(search(100)), page(0, 30));
    expect((await guard.spend()).estimatedUsd).toBe(0.15);
    const error = await refusal(() => guard.reserve(search(10)));
    expect(error.message).toBe(
      "GET /2/tweets/search/recent: not sent: today's spend limit of $0.10 is reached ($0.15 estimated, $0.00 in flight, on 2026-12-01 UTC). Raise spendLimit.daily; the budget starts afresh at 00:00 UTC.",
    );
    await refusal(() => guard.reserve({ method: "GET", endpointTemplate: "/2/users/me" }));
  });

  it("refuses once the limit is reached exactly", async () => {
    const { guard } = setup({ limit: { daily: 0.05, mode: "observed" } });
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    const error = await refusal(() => guard.reserve(search(10)));
    expect(error.code).toBe("SPEND_LIMIT_REACHED");
  });

  it("holds the cheapest price of each request in flight, bounding concurrent callers", async () => {
    const { guard } = setup({ limit: { daily: 0.01, mode: "observed" } });
    const results = await Promise.allSettled([1, 2, 3].map(() => guard.reserve(search(100))));
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
  });
});

describe("spend notices", () => {
  it("tells when 50%, 80% and 100% of the limit are reached, once each per UTC day", async () => {
    const { guard, notices, advance } = setup({ limit: { daily: 0.1 } });
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    expect(notices.map((notice) => notice.percent)).toEqual([50]);
    await guard.settle(await guard.reserve(search(10)), page(10, 10));
    expect(notices).toEqual([
      { reason: "spend-limit", day: "2026-12-01", percent: 50, estimatedUsd: 0.05, limitUsd: 0.1 },
      { reason: "spend-limit", day: "2026-12-01", percent: 80, estimatedUsd: 0.1, limitUsd: 0.1 },
      { reason: "spend-limit", day: "2026-12-01", percent: 100, estimatedUsd: 0.1, limitUsd: 0.1 },
    ]);
    advance(86_400_000);
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    expect(notices.at(-1)).toEqual({
      reason: "spend-limit",
      day: "2026-12-02",
      percent: 50,
      estimatedUsd: 0.05,
      limitUsd: 0.1,
    });
    expect(formatSpendNotice(notices[1]!)).toBe(
      "twauth: estimated spend on 2026-12-01 (UTC) reached 80% of the daily limit: $0.10 of $0.10",
    );
  });

  it("does not fail a request because the notify callback threw", async () => {
    const { guard } = setup({
      limit: { daily: 0.05 },
      notify: () => {
        throw new Error("logger down");
      },
    });
    await guard.settle(await guard.reserve(search(10)), page(0, 10));
    expect((await guard.spend()).estimatedUsd).toBe(0.05);
  });
});

describe("createSpendGuard's options", () => {
  const invalid = (options: unknown, message: string) => {
    let caught: unknown;
    try {
      createSpendGuard(options as SpendGuardOptions);
    } catch (error) {
      caught = error;
    }
    expect(isTwauthError(caught, "OPTIONS_INVALID")).toBe(true);
    expect((caught as Error).message).toBe(message);
  };

  it.each([0, -1, Number.NaN, Number.POSITIVE_INFINITY, 100_001, "5"])(
    "refuses a daily limit of %s",
    (daily) => {
      invalid(
        { limit: { daily } },
        "spendLimit.daily must be a number of US dollars above 0 and at most 100000, e.g. 5.",
      );
    },
  );

  it("refuses a limit below one micro-dollar", () => {
    invalid({ limit: { daily: 0.0000001 } }, "spendLimit.daily must be at least $0.000001.");
  });

  it("refuses an unknown mode, an unknown limit key and a missing limit", () => {
    invalid({ limit: { daily: 5, mode: "strict" } }, 'spendLimit.mode must be "worst-case" or "observed".');
    invalid({ limit: { daily: 5, dayly: 5 } }, "spendLimit.dayly is not an option; use daily and mode.");
    invalid({}, "spendLimit must be an object such as { daily: 5 } (US dollars per UTC day).");
  });

  it("names the settings in the words of a config file when told to", () => {
    invalid(
      { limit: { daily: -5 }, names: { limit: "spend_limit.daily" } },
      "spend_limit.daily must be a number of US dollars above 0 and at most 100000, e.g. 5.",
    );
  });

  it("refuses a ledger that is not one, and callbacks that are not functions", () => {
    invalid(
      { limit: { daily: 5 }, ledger: {} },
      "ledger must be a SpendLedger (its reserve is not a function).",
    );
    invalid({ limit: { daily: 5 }, now: 5 }, "now must be a function.");
    invalid({ limit: { daily: 5 }, notify: "stderr" }, "notify must be a function.");
  });
});
