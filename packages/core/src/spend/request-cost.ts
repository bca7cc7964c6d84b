import { billedResourceIds } from "./billed-resources.js";
import {
  type BillingKind,
  type EndpointBilling,
  type ResourceKind,
  type ResultCount,
  resourceKinds,
  sameKindExpansions,
} from "./billing-table.js";
import type { Micros } from "./money.js";
import type { PriceTable } from "./prices.js";

/** A request's query as the connection holds it; arrays are X's comma lists. */
export type SpendQuery = Readonly<Record<string, unknown>>;

/** What one response costs: resources of a kind (each billed once per UTC day), or one request. */
export type SpendCharge =
  | { readonly kind: BillingKind; readonly unitMicros: Micros; readonly resourceIds: readonly string[] }
  | { readonly kind: BillingKind; readonly unitMicros: Micros; readonly requests: number };

const resourceKindSet: ReadonlySet<string> = new Set(resourceKinds);

export function isResourceBilling(
  billing: EndpointBilling,
): billing is Extract<EndpointBilling, { kind: ResourceKind }> {
  return resourceKindSet.has(billing.kind);
}

function queryText(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "string" || typeof value === "number") return String(value);
  return undefined;
}

/** The most resources a read can return, from `max_results` or the length of its id list. */
export function maxResourceCount(results: ResultCount, query: SpendQuery): number {
  if ("single" in results) return 1;
  if ("list" in results) {
    const text = queryText(query[results.list]);
    if (text === undefined || text === "") return results.max;
    return Math.min(results.max, text.split(",").filter((item) => item !== "").length);
  }
  const asked = Number(queryText(query.max_results));
  if (queryText(query.max_results) === undefined || !Number.isFinite(asked))
    return results.maxResults.default;
  // X refuses a max_results above its maximum (400, not billed); the worst it can serve is the maximum.
  return Math.min(results.maxResults.max, Math.max(1, Math.ceil(asked)));
}

/** Resources each returned resource can add to `includes` through the expansions asked for. */
function expansionFactor(kind: ResourceKind, query: SpendQuery): number {
  const extras = sameKindExpansions[kind];
  const asked = queryText(query.expansions);
  if (extras === undefined || asked === undefined) return 1;
  let factor = 1;
  for (const expansion of asked.split(",")) factor += extras[expansion.trim()] ?? 0;
  return factor;
}

/**
 * The largest amount a request can cost: every resource it may return billed (none seen before
 * today), or the dearer price of a write (a Post is priced as if it held a URL).
 */
export function worstCaseMicros(billing: EndpointBilling, query: SpendQuery, prices: PriceTable): Micros {
  if (isResourceBilling(billing)) {
    const count = maxResourceCount(billing.results, query) * expansionFactor(billing.kind, query);
    return count * prices[billing.kind];
  }
  const dearer = "withUrl" in billing && billing.withUrl !== undefined ? prices[billing.withUrl] : 0;
  return Math.max(prices[billing.kind], dearer);
}

/** The least a billed request costs when it is billed at all: one resource, or its request price. */
export function cheapestMicros(billing: EndpointBilling, prices: PriceTable): Micros {
  return prices[billing.kind];
}

const urlPattern = /\bhttps?:\/\/\S/i;

function createdText(body: unknown): string | undefined {
  const data = (body as { data?: { text?: unknown } } | null)?.data;
  return typeof data?.text === "string" ? data.text : undefined;
}

/**
 * What a successful response is billed: its resources (the guard's ledger skips those already
 * billed today), or one request, priced as a Post with a URL when the created Post's text has one.
 */
export function observedCharge(billing: EndpointBilling, body: unknown, prices: PriceTable): SpendCharge {
  if (isResourceBilling(billing)) {
    return {
      kind: billing.kind,
      unitMicros: prices[billing.kind],
      resourceIds: billedResourceIds(billing.kind, body),
    };
  }
  const withUrl = "withUrl" in billing ? billing.withUrl : undefined;
  const text = createdText(body);
  const kind = withUrl !== undefined && text !== undefined && urlPattern.test(text) ? withUrl : billing.kind;
  return { kind, unitMicros: prices[kind], requests: 1 };
}
