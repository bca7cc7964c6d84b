import { TwauthError } from "../errors/twauth-error.js";
import { type EndpointBilling, resourceKinds } from "./billing-table.js";
import { formatUsd, type Micros } from "./money.js";
import type { PriceTable } from "./prices.js";
import type { ReserveResult } from "./spend-ledger.js";
import { nextUtcMidnight } from "./utc-day.js";

/** What the refused request was and what the guard knew when it refused. */
export interface RefusalFacts {
  readonly endpoint: string;
  readonly billing: EndpointBilling;
  readonly worstMicros: Micros;
  readonly limitMicros: Micros;
  readonly limitName: string;
  readonly prices: PriceTable;
  readonly day: string;
  readonly now: number;
  readonly ledger: ReserveResult;
}

function costText(facts: RefusalFacts): string {
  const { billing, prices, worstMicros } = facts;
  const unit = prices[billing.kind];
  if ((resourceKinds as readonly string[]).includes(billing.kind) && unit > 0) {
    const count = Math.round(worstMicros / unit);
    return `${formatUsd(worstMicros)} (${count} ${billing.kind} resources at ${formatUsd(unit)})`;
  }
  return `${formatUsd(worstMicros)} (one request)`;
}

/** What the user can change: the limit, and for a paged read its page size. */
function remedy(facts: RefusalFacts, mode: "worst-case" | "observed"): string {
  const raise = `raise ${facts.limitName}`;
  const results = "results" in facts.billing ? facts.billing.results : undefined;
  if (mode === "worst-case" && results !== undefined && "maxResults" in results) {
    return `Lower max_results, or ${raise}`;
  }
  if (mode === "worst-case" && results !== undefined && "list" in results) {
    return `Ask for fewer ${results.list}, or ${raise}`;
  }
  return `R${raise.slice(1)}`;
}

/**
 * `SPEND_LIMIT_REACHED` for a request refused before it was sent, with the figures: what it could
 * cost, what is spent or reserved today, the limit, and what to change.
 */
export function spendLimitError(facts: RefusalFacts, mode: "worst-case" | "observed"): TwauthError {
  const used = facts.ledger.spentMicros + facts.ledger.reservedMicros;
  const left = Math.max(0, facts.limitMicros - used);
  const limit = formatUsd(facts.limitMicros);
  const figures =
    mode === "worst-case"
      ? `it can cost up to ${costText(facts)} and ${formatUsd(left)} of today's ${limit} spend limit is left (${formatUsd(used)} spent or reserved on ${facts.day} UTC).`
      : `today's spend limit of ${limit} is reached (${formatUsd(facts.ledger.spentMicros)} estimated, ${formatUsd(facts.ledger.reservedMicros)} in flight, on ${facts.day} UTC).`;
  return new TwauthError(
    "SPEND_LIMIT_REACHED",
    `${facts.endpoint}: not sent: ${figures} ${remedy(facts, mode)}; the budget starts afresh at 00:00 UTC.`,
    { endpoint: facts.endpoint, keys: [facts.limitName], resetAt: nextUtcMidnight(facts.now) },
  );
}
