import { includesKeyOf, type ResourceKind } from "./billing-table.js";

/** More ids than any page X serves; past it a body is not X's, and reading on would be unbounded work. */
const maxIdsPerResponse = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function addIds(into: Set<string>, items: unknown): void {
  const list = Array.isArray(items) ? items : [items];
  for (const item of list) {
    if (into.size >= maxIdsPerResponse) return;
    if (!isRecord(item)) continue;
    const id = item.id;
    if (typeof id === "string" && id !== "") into.add(id);
    else if (typeof id === "number" && Number.isFinite(id)) into.add(String(id));
  }
}

/**
 * The resources a response is billed for: the ids in `data` (an array or one object) and in the
 * `includes` entry of the same kind (`includes.tweets` for Post reads, `includes.users` for User
 * reads); each id once. Other includes (the author of a Post) are not billed.
 *
 * @example
 * billedResourceIds("Post", { data: [{ id: "1" }], includes: { tweets: [{ id: "2" }], users: [{ id: "9" }] } })
 * // ["1", "2"]
 */
export function billedResourceIds(kind: ResourceKind, body: unknown): string[] {
  if (!isRecord(body)) return [];
  const ids = new Set<string>();
  if (body.data !== undefined) addIds(ids, body.data);
  const includesKey = includesKeyOf[kind];
  if (includesKey !== undefined && isRecord(body.includes) && Array.isArray(body.includes[includesKey])) {
    addIds(ids, body.includes[includesKey]);
  }
  return [...ids];
}
