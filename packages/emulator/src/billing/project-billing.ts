import type { Identity } from "../auth/identity.js";
import type { EmulatorResponse } from "../http/emulator-response.js";
import { billedRoutes, createPostRoute, perRequest, perResource } from "./billing-table.js";

const dayMs = 86_400_000;
/** Days of bills kept: `/2/usage/tweets` looks back 90 days at most. */
const daysKept = 92;
/** Resource ids remembered per day; past it a repeat is billed again rather than memory growing. */
const maxSeenPerDay = 1_000_000;
const kindOfRoute = new Map<string, string>();
for (const [kind, routes] of Object.entries(billedRoutes))
  for (const route of routes) kindOfRoute.set(route, kind);

/** One UTC day of the project's bill. */
interface BilledDay {
  micros: number;
  byKind: Map<string, { units: number; micros: number }>;
  /** Post resources read, per app id: what `/2/usage/tweets` reports. */
  postsByApp: Map<string, number>;
  seen: Set<string>;
}

/**
 * What the emulator billed, per UTC day on its clock: compare a client's estimate with it.
 *
 * @example
 * expect(emulator.billing.billedUsd()).toBe(0.05);
 * expect(emulator.billing.byKind()).toEqual({ Post: { units: 10, usd: 0.05 } });
 */
export interface EmulatorBilling {
  /** Billed total of a UTC day (`YYYY-MM-DD`), in US dollars. @default today on the emulator's clock */
  billedUsd(day?: string): number;
  /** The same in micro-dollars, exact. */
  billedMicros(day?: string): number;
  /** Units (resources or requests) and dollars per billing kind. */
  byKind(day?: string): Record<string, { units: number; usd: number }>;
  /** The monthly Post cap `/2/usage/tweets` reports. @default 3000000 */
  setProjectCap(cap: number): void;
  /** Forgets every bill. */
  reset(): void;
}

export function utcDayOf(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function idsOf(items: unknown, into: Set<string>): void {
  for (const item of Array.isArray(items) ? items : [items]) {
    if (isRecord(item) && typeof item.id === "string" && item.id !== "") into.add(item.id);
  }
}

/** The resource ids of a body: `data` and the `includes` entry of the same kind. */
function resourceIds(body: unknown, includesKey: string | undefined): string[] {
  if (!isRecord(body)) return [];
  const ids = new Set<string>();
  if (body.data !== undefined) idsOf(body.data, ids);
  if (includesKey !== undefined && isRecord(body.includes)) idsOf(body.includes[includesKey], ids);
  return [...ids];
}

function requestKind(route: string, kind: string, body: unknown): string {
  if (route !== createPostRoute || !isRecord(body) || !isRecord(body.data)) return kind;
  const text = body.data.text;
  return typeof text === "string" && /\bhttps?:\/\/\S/i.test(text) ? "ContentCreateWithUrl" : kind;
}

/** The project's bill: every app of the emulator is in one project, as on a developer account. */
export class ProjectBilling implements EmulatorBilling {
  #days = new Map<string, BilledDay>();
  #projectCap = 3_000_000;

  constructor(private readonly now: () => number) {}

  /** Bills one response the emulator served to `identity`; anything but a 2xx is free. */
  record(route: string, identity: Identity, response: EmulatorResponse): void {
    const { status, body } = response;
    if (status < 200 || status >= 300) return;
    const appId = "app" in identity ? identity.app.id : "0";
    const kind = kindOfRoute.get(route);
    if (kind === undefined) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    const day = this.#day(utcDayOf(this.now()));
    const resource = perResource[kind];
    if (resource === undefined) {
      const billedKind = requestKind(route, kind, parsed);
      this.#add(day, billedKind, 1, perRequest[billedKind] ?? 0);
      return;
    }
    let fresh = 0;
    for (const id of resourceIds(parsed, resource.includes)) {
      const key = `${kind}:${id}`;
      if (day.seen.has(key)) continue;
      if (day.seen.size < maxSeenPerDay) day.seen.add(key);
      fresh++;
    }
    this.#add(day, kind, fresh, fresh * resource.micros);
    if (kind === "Post") day.postsByApp.set(appId, (day.postsByApp.get(appId) ?? 0) + fresh);
  }

  #day(day: string): BilledDay {
    let found = this.#days.get(day);
    if (found === undefined) {
      found = { micros: 0, byKind: new Map(), postsByApp: new Map(), seen: new Set() };
      this.#days.set(day, found);
      // ISO days sort as strings: drop the oldest beyond the days kept.
      for (const old of [...this.#days.keys()].sort().slice(0, -daysKept)) this.#days.delete(old);
    }
    return found;
  }

  #add(day: BilledDay, kind: string, units: number, micros: number): void {
    const entry = day.byKind.get(kind) ?? { units: 0, micros: 0 };
    day.byKind.set(kind, { units: entry.units + units, micros: entry.micros + micros });
    day.micros += micros;
  }

  billedMicros(day = utcDayOf(this.now())): number {
    return this.#days.get(day)?.micros ?? 0;
  }

  billedUsd(day?: string): number {
    return this.billedMicros(day) / 1_000_000;
  }

  byKind(day = utcDayOf(this.now())): Record<string, { units: number; usd: number }> {
    const found = this.#days.get(day);
    if (found === undefined) return {};
    return Object.fromEntries(
      [...found.byKind].map(([kind, entry]) => [kind, { units: entry.units, usd: entry.micros / 1_000_000 }]),
    );
  }

  setProjectCap(cap: number): void {
    if (!Number.isSafeInteger(cap) || cap < 0)
      throw new RangeError("the project cap must be a whole number >= 0");
    this.#projectCap = cap;
  }

  get projectCap(): number {
    return this.#projectCap;
  }

  /** Post reads per app on each of the `days` UTC days ending today, oldest first. */
  postsPerDay(days: number): { day: string; byApp: ReadonlyMap<string, number> }[] {
    const today = Math.floor(this.now() / dayMs);
    return Array.from({ length: days }, (_, index) => {
      const day = utcDayOf((today - days + 1 + index) * dayMs);
      return { day, byApp: this.#days.get(day)?.postsByApp ?? new Map() };
    });
  }

  /** Post reads since the first of this month (UTC), the cycle the cap applies to. */
  postsThisMonth(): number {
    const month = utcDayOf(this.now()).slice(0, 7);
    let total = 0;
    for (const [day, billed] of this.#days) {
      if (!day.startsWith(month)) continue;
      for (const count of billed.postsByApp.values()) total += count;
    }
    return total;
  }

  reset(): void {
    this.#days = new Map();
  }
}
