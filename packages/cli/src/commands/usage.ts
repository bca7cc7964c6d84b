import type { SharedState } from "@twauth/config";
import type { SpendLedger } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { loadSetup, type Setup } from "../setup/load-setup.js";
import { type OpenConnectionOptions, openConnection } from "../setup/open-connection.js";
import { cliSharedState } from "../setup/shared-state.js";

const usagePath = "/2/usage/tweets";
/** Asked for explicitly: without `usage.fields` X leaves out the daily breakdown. */
const usageFields = "cap_reset_day,daily_project_usage,project_cap,project_id,project_usage";
const barWidth = 40;

/** X's `/2/usage/tweets` figures, numbers parsed (X sends some as strings). */
export interface ProjectUsage {
  readonly projectId: string | undefined;
  readonly projectCap: number;
  readonly projectUsage: number;
  readonly capResetDays: number | undefined;
  readonly daily: readonly { readonly date: string; readonly usage: number }[];
}

function count(value: unknown, field: string): number {
  const number = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isSafeInteger(number) && number >= 0) return number;
  throw new TwauthError("RESPONSE_INVALID", `GET ${usagePath}: ${field} is not a count in X's answer.`, {
    endpoint: `GET ${usagePath}`,
    keys: [field],
  });
}

function dailyOf(value: unknown): ProjectUsage["daily"] {
  const usage = (value as { usage?: unknown } | undefined)?.usage;
  if (!Array.isArray(usage)) return [];
  return usage.slice(0, 90).map((entry: { date?: unknown; usage?: unknown }, index) => ({
    date: typeof entry?.date === "string" ? entry.date.slice(0, 10) : `day ${index + 1}`,
    usage: count(entry?.usage, "daily_project_usage.usage"),
  }));
}

/** Reads X's answer into numbers, refusing a body that is not X's usage shape. */
export function parseProjectUsage(body: unknown): ProjectUsage {
  const data = (body as { data?: Record<string, unknown> } | null)?.data;
  if (typeof data !== "object" || data === null) {
    throw new TwauthError("RESPONSE_INVALID", `GET ${usagePath}: X's answer has no data object.`, {
      endpoint: `GET ${usagePath}`,
    });
  }
  return {
    projectId: typeof data.project_id === "string" ? data.project_id : undefined,
    projectCap: count(data.project_cap, "project_cap"),
    projectUsage: count(data.project_usage ?? 0, "project_usage"),
    capResetDays: data.cap_reset_day === undefined ? undefined : count(data.cap_reset_day, "cap_reset_day"),
    daily: dailyOf(data.daily_project_usage),
  };
}

/** The share of the cap used, in percent (0 when there is no cap). */
export function capPercent(usage: ProjectUsage): number {
  return usage.projectCap === 0 ? 0 : (usage.projectUsage / usage.projectCap) * 100;
}

/** `[########................................]  20.0% of the monthly Post cap used`. */
export function capBar(percent: number, width = barWidth): string {
  const filled = Math.min(width, Math.round((Math.min(100, percent) / 100) * width));
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${percent.toFixed(1).padStart(5)}% of the monthly Post cap used`;
}

/** `$6.00`, `$0.015`: cents always, and the fractions of a cent a Post read costs when there are some. */
export function dollars(micros: number): string {
  return `$${(micros / microsPerUsd).toFixed(6).replace(/0{1,4}$/, "")}`;
}

/**
 * The per-day table, with twauth's own spend estimate beside X's figures when `estimates` is given
 * (US dollars by UTC day); a day the estimate does not cover shows `-`, not a made-up $0.
 */
export function usageTable(daily: ProjectUsage["daily"], estimates?: ReadonlyMap<string, number>): string {
  const header = ["day (UTC)", "Posts read", ...(estimates === undefined ? [] : ["twauth estimate"])];
  const estimateCell = (date: string) => {
    const usd = estimates?.get(date);
    return usd === undefined ? "-" : dollars(Math.round(usd * microsPerUsd));
  };
  const rows = daily.map((entry) => [
    entry.date,
    entry.usage.toLocaleString("en-US"),
    ...(estimates === undefined ? [] : [estimateCell(entry.date)]),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const format = (row: readonly string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [format(header), ...rows.map(format)].join("\n");
}

/** One UTC day of twauth's estimate: what the shared ledger counted as billed. */
export interface EstimatedDay {
  readonly date: string;
  readonly usd: number;
  readonly micros: number;
}

/**
 * twauth's own spend estimate beside X's figures: the days the shared spend ledger keeps, or, with
 * no ledger kept across runs, why not and the config lines that keep one. `note` says which.
 */
export type SpendEstimate =
  | { readonly kept: true; readonly days: readonly EstimatedDay[]; readonly note: string }
  | { readonly kept: false; readonly note: string };

const microsPerUsd = 1_000_000;
const dayMs = 86_400_000;
const exampleLines = {
  spendLimit: "spend_limit: { daily: 5 }",
  redis: "rate_limit_state: { type: redis, url: redis://127.0.0.1:6379 }",
} as const;

/**
 * The days a Redis ledger still holds: it keeps each UTC day until the end of the next one, so
 * today and yesterday. An older day would read as $0 only because its keys are gone.
 */
export function ledgerDays(now: number): string[] {
  return [now - dayMs, now].map((at) => new Date(at).toISOString().slice(0, 10));
}

/** Reads the shared ledger's billed spend for each day it holds. */
export async function readEstimate(
  ledger: SpendLedger,
  filepath: string,
  now: number,
): Promise<SpendEstimate> {
  const days: EstimatedDay[] = [];
  // One after the other: a Redis ledger's first command connects, and a second sent meanwhile
  // would be refused as "not connected" (the link fails fast rather than queue).
  for (const date of ledgerDays(now)) {
    const micros = (await ledger.totals(date)).spentMicros;
    days.push({ date, micros, usd: micros / microsPerUsd });
  }
  const note = `twauth estimate: what twauth's spend guard counted as billed, at its price table, in the Redis of rate_limit_state (${filepath}), which keeps today and yesterday (UTC); X sends no cost headers, so this is twauth's count, not X's bill.`;
  return { kept: true, days, note };
}

/** With no shared ledger: says that nothing is kept across runs and which config lines keep it. */
export function noEstimate(config: Setup["config"], filepath: string): SpendEstimate {
  const missing = [
    ...(config.spendLimit === undefined ? [exampleLines.spendLimit] : []),
    ...(config.rateLimitState?.type === "redis" ? [] : [exampleLines.redis]),
  ];
  const note = `twauth estimate: none kept across runs (X sends no cost headers; twauth counts spend only under a spend limit, and only in its own process unless in Redis); to keep one, add to ${filepath}: ${missing.join(" and ")}.`;
  return { kept: false, note };
}

export function usageText(usage: ProjectUsage, estimate?: SpendEstimate): string {
  const resets = usage.capResetDays === undefined ? "" : `; the cap resets in ${usage.capResetDays} days`;
  const project = usage.projectId === undefined ? "This project" : `Project ${usage.projectId}`;
  const lines = [
    `${project}: ${usage.projectUsage.toLocaleString("en-US")} of ${usage.projectCap.toLocaleString("en-US")} Posts read this month${resets}`,
    capBar(capPercent(usage)),
  ];
  const estimates =
    estimate?.kept === true ? new Map(estimate.days.map((day) => [day.date, day.usd])) : undefined;
  if (usage.daily.length > 0) lines.push("", usageTable(usage.daily, estimates));
  if (estimate?.kept === true && usage.daily.length === 0) {
    const days = estimate.days.map((day) => `${day.date} ${dollars(day.micros)}`);
    lines.push("", `twauth estimate (UTC): ${days.join(", ")}`);
  }
  if (estimate !== undefined) lines.push("", estimate.note);
  return lines.join("\n");
}

/** The command's own shared state, so the connection and the estimate read the same Redis. */
function sharedParts(shared: SharedState | undefined): OpenConnectionOptions {
  const { rateLimitState, bearerTokenCache } = shared?.options ?? {};
  return {
    ...(rateLimitState === undefined ? {} : { rateLimitState }),
    ...(bearerTokenCache === undefined ? {} : { bearerTokenCache }),
  };
}

function daysOption(text: string | undefined): number {
  if (text === undefined) return 7;
  if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 90) {
    throw new UsageError(`--days takes a whole number from 1 to 90, got "${text}".`, "usage");
  }
  return Number(text);
}

export const usageCommand: Command = {
  name: "usage",
  summary: "the project's Post reads per day and its monthly cap, from X's /2/usage/tweets",
  synopsis: "[--days <n>] [options]",
  description: `Asks X for the project's usage (GET ${usagePath}, with the app-only bearer token the app's
consumer key and secret are exchanged for) and prints the Posts read this month against the
project's monthly cap, as a bar, and the Posts read on each of the last days (UTC). Beside them,
twauth's own spend estimate for today and yesterday, when the config keeps one across runs
(spend_limit and rate_limit_state: { type: redis }); X sends no cost headers.`,
  options: {
    days: { type: "string", valueName: "n", description: "how many days to show, 1 to 90; default 7" },
  },
  positionals: { min: 0, max: 0 },
  examples: ["twauth usage", "twauth usage --days 30 --json"],
  async run(context) {
    const days = daysOption(stringOption(context.values, "days"));
    const setup = await loadSetup(context);
    const shared = await cliSharedState(setup, process.env);
    try {
      // The usage endpoint takes an app-only bearer only.
      const api = await openConnection(context, setup, { auth: "app", ...sharedParts(shared) });
      let usage: ProjectUsage;
      try {
        const response = await api.get(usagePath, { query: { days, "usage.fields": usageFields } });
        usage = parseProjectUsage(response.data);
      } finally {
        api.close();
      }
      const ledger = shared?.options.spendLedger;
      const estimate =
        ledger === undefined
          ? noEstimate(setup.config, setup.filepath)
          : await readEstimate(ledger, setup.filepath, Date.now());
      return {
        text: usageText(usage, estimate),
        data: { ok: true, ...usage, percentOfCap: Number(capPercent(usage).toFixed(4)), estimate },
      };
    } finally {
      await shared?.close();
    }
  },
};
