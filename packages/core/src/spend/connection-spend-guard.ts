import type { PriceOverrides } from "./prices.js";
import { createSpendGuard, type SpendGuard } from "./spend-guard.js";
import type { SpendLedger } from "./spend-ledger.js";
import { formatSpendNotice, type SpendNotice } from "./spend-notice.js";
import type { SpendLimit } from "./spend-options.js";

/** The connection options the guard is built from (already validated with every other option). */
export interface ConnectionSpendOptions {
  readonly spendLimit?: SpendLimit | undefined;
  readonly prices?: PriceOverrides | undefined;
  readonly spendLedger?: SpendLedger | undefined;
  readonly waitOnRateLimitNotify?: boolean | ((notice: SpendNotice) => unknown) | undefined;
}

/** Where the default notice goes: stderr, or a test's recorder. */
export interface SpendNoticeStream {
  readonly isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * The notify callback's spend notices: the user's function gets each one, `false` drops them, and
 * the default writes one line each on `stream` (clearing a rate-limit countdown line first on a TTY;
 * the countdown redraws itself within a second).
 */
function spendNotifier(
  notify: ConnectionSpendOptions["waitOnRateLimitNotify"],
  stream: SpendNoticeStream | undefined,
): ((notice: SpendNotice) => void) | undefined {
  if (notify === false) return undefined;
  if (typeof notify === "function") return (notice) => void notify(notice);
  return (notice) => {
    // process.stderr is looked up only when a notice is due: the getter creates the stream.
    const target = stream ?? process.stderr;
    target.write(`${target.isTTY === true ? "\r\x1b[K" : ""}${formatSpendNotice(notice)}\n`);
  };
}

/**
 * The connection's spend guard, on the connection's clock and notify callback, or `undefined` when
 * no `spendLimit` is set (then nothing is reserved or counted).
 */
export function connectionSpendGuard(
  options: ConnectionSpendOptions,
  now: () => number,
  stream?: SpendNoticeStream,
): SpendGuard | undefined {
  if (options.spendLimit === undefined) return undefined;
  const notify = spendNotifier(options.waitOnRateLimitNotify, stream);
  return createSpendGuard({
    limit: options.spendLimit,
    now,
    ...(options.prices === undefined ? {} : { prices: options.prices }),
    ...(options.spendLedger === undefined ? {} : { ledger: options.spendLedger }),
    ...(notify === undefined ? {} : { notify }),
  });
}
