import { describe, expect, it } from "vitest";
import { billingOfTemplate } from "../../src/spend/endpoint-billing.js";
import { resolvePrices } from "../../src/spend/prices.js";
import { maxResourceCount, observedCharge, worstCaseMicros } from "../../src/spend/request-cost.js";

const prices = resolvePrices();
const billing = (template: string) => {
  const found = billingOfTemplate(template);
  if (found === undefined) throw new Error(`${template} is not billed`);
  return found;
};

describe("a request's worst case", () => {
  it("is max_results times the read price, or the endpoint's default page when max_results is absent", () => {
    const search = billing("GET /2/tweets/search/recent");
    expect(worstCaseMicros(search, { max_results: 100 }, prices)).toBe(100 * 5_000);
    expect(worstCaseMicros(search, {}, prices)).toBe(10 * 5_000);
    expect(worstCaseMicros(billing("GET /2/users/:id/followers"), {}, prices)).toBe(100 * 10_000);
  });

  it("caps max_results at the endpoint's maximum, since X serves no more", () => {
    const search = billing("GET /2/tweets/search/recent");
    if (!("results" in search)) throw new Error("search is a read");
    expect(maxResourceCount(search.results, { max_results: "5000" })).toBe(100);
    expect(maxResourceCount(search.results, { max_results: "abc" })).toBe(10);
  });

  it("counts the ids asked for on a lookup by ids", () => {
    expect(worstCaseMicros(billing("GET /2/tweets"), { ids: "1,2,3" }, prices)).toBe(3 * 5_000);
    expect(worstCaseMicros(billing("GET /2/users/by"), { usernames: ["a", "b"] }, prices)).toBe(2 * 10_000);
    expect(worstCaseMicros(billing("GET /2/tweets"), {}, prices)).toBe(100 * 5_000);
  });

  it("counts referenced Posts an expansion can add to includes", () => {
    const lookup = billing("GET /2/tweets/:id");
    expect(worstCaseMicros(lookup, { expansions: "author_id,referenced_tweets.id" }, prices)).toBe(3 * 5_000);
    expect(worstCaseMicros(lookup, { expansions: "author_id" }, prices)).toBe(5_000);
  });

  it("prices creating a Post as if it held a URL", () => {
    expect(worstCaseMicros(billing("POST /2/tweets"), {}, prices)).toBe(200_000);
    expect(worstCaseMicros(billing("POST /2/users/:id/likes"), {}, prices)).toBe(15_000);
  });
});

describe("what a response is billed", () => {
  it("is the Post price without a URL and the URL price with one", () => {
    const create = billing("POST /2/tweets");
    expect(observedCharge(create, { data: { id: "1", text: "hello" } }, prices)).toEqual({
      kind: "ContentCreate",
      unitMicros: 15_000,
      requests: 1,
    });
    expect(observedCharge(create, { data: { id: "1", text: "see https://t.co/x" } }, prices)).toEqual({
      kind: "ContentCreateWithUrl",
      unitMicros: 200_000,
      requests: 1,
    });
  });

  it("lists a read's resources for the ledger to count", () => {
    const charge = observedCharge(billing("GET /2/users/me"), { data: { id: "7" } }, prices);
    expect(charge).toEqual({ kind: "User", unitMicros: 10_000, resourceIds: ["7"] });
  });
});
