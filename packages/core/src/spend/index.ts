export { billedResourceIds } from "./billed-resources.js";
export type {
  BillingKind,
  EndpointBilling,
  RequestKind,
  ResourceKind,
  ResultCount,
} from "./billing-table.js";
export { defaultPricesUsd, endpointBilling } from "./billing-table.js";
export { billingOfEndpoint, billingOfTemplate } from "./endpoint-billing.js";
export { createMemorySpendLedger, type MemorySpendLedgerOptions } from "./memory-spend-ledger.js";
export { formatUsd, type Micros, microsToUsd, usdToMicros } from "./money.js";
export { type PriceOverrides, type PriceTable, resolvePrices } from "./prices.js";
export type { SpendCharge, SpendQuery } from "./request-cost.js";
export {
  createSpendGuard,
  type SpendFigures,
  type SpendGuard,
  type SpendRequest,
  type SpendReservation,
  type SpendResponse,
} from "./spend-guard.js";
export type {
  ReserveResult,
  SettleRequest,
  SettleResult,
  SpendLedger,
  SpendTotals,
} from "./spend-ledger.js";
export { formatSpendNotice, type SpendNotice } from "./spend-notice.js";
export type { SpendGuardOptions, SpendLimit, SpendLimitMode } from "./spend-options.js";
export { utcDay } from "./utc-day.js";
