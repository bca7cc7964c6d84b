import { describe, expect, it } from "vitest";
import {
  defaultPricesUsd,
  endpointBilling,
  requestKinds,
  resourceKinds,
} from "../../src/spend/billing-table.js";
import { resolvePrices } from "../../src/spend/prices.js";

function thrown(run: () => unknown): { code?: string; message?: string; keys?: readonly string[] } {
  try {
    run();
  } catch (error) {
    return error as { code: string; message: string; keys?: readonly string[] };
  }
  throw new Error("expected a throw");
}

describe("the price table", () => {
  it("has the rates X published for 2026 as its defaults, in micro-dollars", () => {
    const prices = resolvePrices();
    expect(prices.Post).toBe(5_000);
    expect(prices.User).toBe(10_000);
    expect(prices.ContentCreate).toBe(15_000);
    expect(prices.ContentCreateWithUrl).toBe(200_000);
  });

  it("prices every kind the endpoint map uses, and every kind it lists", () => {
    for (const billing of Object.values(endpointBilling))
      expect(defaultPricesUsd[billing.kind]).toBeGreaterThan(0);
    expect(Object.keys(defaultPricesUsd).sort()).toEqual([...resourceKinds, ...requestKinds].sort());
  });

  it("merges an override over the defaults, keeping the other prices", () => {
    const prices = resolvePrices({ Post: 0.004 });
    expect(prices.Post).toBe(4_000);
    expect(prices.User).toBe(10_000);
  });

  it("refuses an unknown kind, naming the key and the kinds there are", () => {
    const error = thrown(() => resolvePrices({ Tweet: 0.005 }));
    expect(error.code).toBe("OPTIONS_INVALID");
    expect(error.message).toMatch(/^prices\.Tweet is not a billing kind; the kinds are Post, User, /);
    expect(error.keys).toEqual(["prices.Tweet"]);
  });

  it.each([[-0.01], [Number.NaN], [Number.POSITIVE_INFINITY], [101], ["0.005"]])(
    "refuses %s as a price, in the words of the option's name",
    (price) => {
      const error = thrown(() => resolvePrices({ Post: price }, "prices"));
      expect(error.code).toBe("OPTIONS_INVALID");
      expect(error.message).toBe("prices.Post must be a price in US dollars from 0 to 100, e.g. 0.005.");
    },
  );

  it("refuses prices that are not an object", () => {
    const error = thrown(() => resolvePrices([0.005], "spend_limit.prices"));
    expect(error.message).toBe(
      "spend_limit.prices must be an object of prices in US dollars by kind, e.g. { Post: 0.005 }.",
    );
  });
});
