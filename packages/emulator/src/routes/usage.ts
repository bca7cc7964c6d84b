import type { ProjectBilling } from "../billing/project-billing.js";
import { jsonResponse, problemResponse } from "../http/emulator-response.js";
import { invalidRequestProblem } from "../http/x-errors.js";
import type { Route } from "./route.js";

const usageFields = [
  "cap_reset_day",
  "daily_client_app_usage",
  "daily_project_usage",
  "project_cap",
  "project_id",
  "project_usage",
] as const;
type UsageField = (typeof usageFields)[number];

/** What X answers without `usage.fields` (its documented example). */
const defaultFields: readonly UsageField[] = ["cap_reset_day", "project_cap", "project_id", "project_usage"];

/** The emulator's one project: every app is in it. */
export const emulatorProjectId = "1460000000000000100";

/** X's answer to a user token on an app-only endpoint (inferred from its answer the other way round). */
function appOnlyProblem() {
  return problemResponse(403, {
    title: "Unsupported Authentication",
    detail:
      "Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].",
    type: "https://api.twitter.com/2/problems/unsupported-authentication",
    status: 403,
  });
}

function parseDays(raw: string | null): number | string {
  if (raw === null) return 7;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 90) {
    return `The \`days\` query parameter value [${raw}] is not between 1 and 90`;
  }
  return Number(raw);
}

function parseFields(raw: string | null): readonly UsageField[] | string {
  if (raw === null) return defaultFields;
  const asked = raw.split(",");
  const unknown = asked.find((field) => !(usageFields as readonly string[]).includes(field));
  if (unknown !== undefined)
    return `The \`usage.fields\` query parameter value [${unknown}] is not one of [${usageFields.join(",")}]`;
  return asked as UsageField[];
}

/** Days until the first of next month (UTC), when the monthly Post cap starts afresh. */
function capResetDay(now: number): number {
  const date = new Date(now);
  const next = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return Math.ceil((next - now) / 86_400_000);
}

function usageBody(billing: ProjectBilling, days: number, now: number): Record<UsageField, unknown> {
  const perDay = billing.postsPerDay(days);
  const date = (day: string) => `${day}T00:00:00.000Z`;
  const appIds = [...new Set(perDay.flatMap((entry) => [...entry.byApp.keys()]))].sort();
  return {
    cap_reset_day: capResetDay(now),
    project_cap: billing.projectCap,
    project_id: emulatorProjectId,
    project_usage: billing.postsThisMonth(),
    daily_project_usage: {
      project_id: emulatorProjectId,
      usage: perDay.map((entry) => ({
        date: date(entry.day),
        usage: [...entry.byApp.values()].reduce((sum, count) => sum + count, 0),
      })),
    },
    daily_client_app_usage: appIds.map((appId) => ({
      client_app_id: appId,
      usage: perDay.map((entry) => ({ date: date(entry.day), usage: entry.byApp.get(appId) ?? 0 })),
      usage_result_count: days,
    })),
  };
}

/**
 * `GET /2/usage/tweets`: the Posts the project read per UTC day, from what the emulator served and
 * billed; app-only bearer only; `days` 1 to 90 (default 7); `usage.fields` picks the fields.
 */
export const usageTweetsRoute: Route = {
  method: "GET",
  template: "/2/usage/tweets",
  auth: "user-or-app",
  style: "v2",
  handle({ request, identity, world }) {
    if (identity.kind !== "app-bearer") return appOnlyProblem();
    const days = parseDays(request.query.get("days"));
    if (typeof days === "string")
      return invalidRequestProblem(days, { days: [request.query.get("days") ?? ""] });
    const fields = parseFields(request.query.get("usage.fields"));
    if (typeof fields === "string") return invalidRequestProblem(fields);
    const body = usageBody(world.billing, days, world.now());
    return jsonResponse(200, { data: Object.fromEntries(fields.map((field) => [field, body[field]])) });
  },
};
