import type { EndpointBilling } from "./billing-table.js";
import { billingOfEndpoint } from "./endpoint-billing.js";
import { type Micros, microsToUsd } from "./money.js";
import { cheapestMicros, observedCharge, type SpendQuery, worstCaseMicros } from "./request-cost.js";
import { spendLimitError } from "./spend-limit-error.js";
import { createNoticeTracker } from "./spend-notice.js";
import {
  type NormalizedSpendGuardOptions,
  normalizeSpendGuardOptions,
  type SpendGuardOptions,
} from "./spend-options.js";
import { utcDay } from "./utc-day.js";

/**
 * The request about to be sent. `endpointTemplate` is the connection's endpoint name
 * (`"GET /2/tweets/:id"`) or its path part (`"/2/tweets/:id"`); a concrete path works too.
 */
export interface SpendRequest {
  readonly method: string;
  readonly endpointTemplate: string;
  readonly query?: SpendQuery | undefined;
}

/** A request's claim on today's budget, from `reserve` until `settle` or `release`. */
export interface SpendReservation {
  readonly endpoint: string;
  /** The UTC day the amount was reserved on. */
  readonly day: string;
  /** 0 for a request that is not billed (OAuth, `/2/usage/tweets`, v1.1). */
  readonly reservedMicros: Micros;
  readonly billed: boolean;
}

/** The response to price: its status (only 2xx is billed) and its parsed body. */
export interface SpendResponse {
  readonly status: number;
  readonly body: unknown;
}

/**
 * Today's figures, as `api.spend()` returns them.
 *
 * @example
 * // { day: "2026-12-01", estimatedUsd: 0.35, limitUsd: 5, byKind: { Post: { units: 70, estimatedUsd: 0.35 } } }
 */
export interface SpendFigures {
  readonly day: string;
  readonly estimatedUsd: number;
  readonly limitUsd: number;
  readonly byKind: Readonly<Record<string, { readonly units: number; readonly estimatedUsd: number }>>;
}

/**
 * Keeps a connection's estimated pay-per-use spend under a daily limit: `reserve` before sending
 * (throws `SPEND_LIMIT_REACHED`, so nothing is sent), then `settle` with the response, or `release`
 * when no response came. Each reservation is settled or released at most once; later calls do nothing.
 */
export interface SpendGuard {
  reserve(request: SpendRequest): Promise<SpendReservation>;
  settle(reservation: SpendReservation, response: SpendResponse): Promise<void>;
  release(reservation: SpendReservation): Promise<void>;
  spend(): Promise<SpendFigures>;
}

function endpointOf(request: SpendRequest): { method: string; path: string; endpoint: string } {
  const method = String(request.method).toUpperCase();
  const template = String(request.endpointTemplate);
  const space = template.indexOf(" ");
  const path = space === -1 ? template : template.slice(space + 1);
  return { method, path, endpoint: `${method} ${path}` };
}

/**
 * A spend guard for one connection (or for many sharing one `ledger`).
 *
 * @example
 * const guard = createSpendGuard({ limit: { daily: 5, mode: "worst-case" } });
 * const reservation = await guard.reserve({ method: "GET", endpointTemplate: "GET /2/tweets/search/recent", query });
 * try {
 *   const response = await api.request({ method: "GET", path: "/2/tweets/search/recent", query });
 *   await guard.settle(reservation, { status: response.status, body: response.data });
 * } catch (error) {
 *   await guard.release(reservation);
 *   throw error;
 * }
 */
export function createSpendGuard(options: SpendGuardOptions): SpendGuard {
  const settings = normalizeSpendGuardOptions(options);
  const { ledger, prices, limitMicros } = settings;
  const open = new WeakMap<SpendReservation, EndpointBilling>();
  const noticesFor = createNoticeTracker(limitMicros);

  return {
    reserve: (request) => reserve(settings, open, request),
    async settle(reservation, response) {
      const billing = open.get(reservation);
      if (billing === undefined) return;
      open.delete(reservation);
      if (!(response.status >= 200 && response.status < 300)) {
        await ledger.release(reservation.day, reservation.reservedMicros);
        return;
      }
      const day = utcDay(settings.now());
      const { spentMicros } = await ledger.settle({
        reservedDay: reservation.day,
        reservedMicros: reservation.reservedMicros,
        day,
        charge: observedCharge(billing, response.body, prices),
      });
      for (const notice of noticesFor(day, spentMicros)) {
        // A notice is information: a throwing callback must not fail a request that succeeded.
        try {
          settings.notify?.(notice);
        } catch {}
      }
    },
    async release(reservation) {
      if (!open.delete(reservation)) return;
      await ledger.release(reservation.day, reservation.reservedMicros);
    },
    async spend() {
      const day = utcDay(settings.now());
      const totals = await ledger.totals(day);
      const byKind = Object.fromEntries(
        Object.entries(totals.byKind).map(([kind, entry]) => [
          kind,
          { units: entry.units, estimatedUsd: microsToUsd(entry.micros) },
        ]),
      );
      return {
        day,
        estimatedUsd: microsToUsd(totals.spentMicros),
        limitUsd: microsToUsd(limitMicros),
        byKind,
      };
    },
  };
}

async function reserve(
  settings: NormalizedSpendGuardOptions,
  open: WeakMap<SpendReservation, EndpointBilling>,
  request: SpendRequest,
): Promise<SpendReservation> {
  const { method, path, endpoint } = endpointOf(request);
  const now = settings.now();
  const day = utcDay(now);
  const billing = billingOfEndpoint(method, path);
  if (billing === undefined) return Object.freeze({ endpoint, day, reservedMicros: 0, billed: false });
  const worstMicros = worstCaseMicros(billing, request.query ?? {}, settings.prices);
  // worst-case: the whole worst case must fit. observed: something must be left (spent + in flight
  // below the limit); the request holds its cheapest price so concurrent callers see it in flight.
  const observed = settings.mode === "observed";
  const amount = observed ? cheapestMicros(billing, settings.prices) : worstMicros;
  const ceiling = observed ? settings.limitMicros - 1 + amount : settings.limitMicros;
  const ledger = await settings.ledger.reserve(day, amount, ceiling);
  if (!ledger.accepted) {
    const { limitMicros, limitName, prices } = settings;
    throw spendLimitError(
      { endpoint, billing, worstMicros, limitMicros, limitName, prices, day, now, ledger },
      settings.mode,
    );
  }
  const reservation: SpendReservation = Object.freeze({
    endpoint,
    day,
    reservedMicros: amount,
    billed: true,
  });
  open.set(reservation, billing);
  return reservation;
}
