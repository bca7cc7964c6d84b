import { TwauthError } from "@twauth/core";
import type { Command } from "../cli/command.js";
import { stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { loadSetup } from "../setup/load-setup.js";
import { openConnection } from "../setup/open-connection.js";

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

/**
 * The per-day table. `estimates` is the place for twauth's own spend estimate beside X's figures
 * (US dollars by UTC day); it needs a ledger kept between runs, so the command passes none yet.
 */
export function usageTable(daily: ProjectUsage["daily"], estimates?: ReadonlyMap<string, number>): string {
  const header = ["day (UTC)", "Posts read", ...(estimates === undefined ? [] : ["twauth estimate"])];
  const rows = daily.map((entry) => [
    entry.date,
    entry.usage.toLocaleString("en-US"),
    ...(estimates === undefined ? [] : [`$${(estimates.get(entry.date) ?? 0).toFixed(2)}`]),
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

export function usageText(usage: ProjectUsage): string {
  const resets = usage.capResetDays === undefined ? "" : `; the cap resets in ${usage.capResetDays} days`;
  const project = usage.projectId === undefined ? "This project" : `Project ${usage.projectId}`;
  const lines = [
    `${project}: ${usage.projectUsage.toLocaleString("en-US")} of ${usage.projectCap.toLocaleString("en-US")} Posts read this month${resets}`,
    capBar(capPercent(usage)),
  ];
  if (usage.daily.length > 0) lines.push("", usageTable(usage.daily));
  return lines.join("\n");
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
project's monthly cap, as a bar, and the Posts read on each of the last days (UTC).`,
  options: {
    days: { type: "string", valueName: "n", description: "how many days to show, 1 to 90; default 7" },
  },
  positionals: { min: 0, max: 0 },
  examples: ["twauth usage", "twauth usage --days 30 --json"],
  async run(context) {
    const days = daysOption(stringOption(context.values, "days"));
    const setup = await loadSetup(context);
    // The usage endpoint takes an app-only bearer only.
    const api = await openConnection(context, setup, { auth: "app" });
    try {
      const response = await api.get(usagePath, { query: { days, "usage.fields": usageFields } });
      const usage = parseProjectUsage(response.data);
      return {
        text: usageText(usage),
        data: { ok: true, ...usage, percentOfCap: Number(capPercent(usage).toFixed(4)) },
      };
    } finally {
      api.close();
    }
  },
};
