import { type EndpointBilling, endpointBilling } from "./billing-table.js";

/** The table's templates split once, by method, for segment-wise matching. */
const templatesByMethod = new Map<string, { segments: readonly string[]; billing: EndpointBilling }[]>();
for (const [template, billing] of Object.entries(endpointBilling)) {
  const [method = "", path = ""] = template.split(" ");
  const entries = templatesByMethod.get(method) ?? [];
  entries.push({ segments: path.split("/"), billing });
  templatesByMethod.set(method, entries);
}

function segmentMatches(pattern: string, segment: string): boolean {
  return pattern.startsWith(":") ? segment !== "" : pattern === segment;
}

/**
 * How an endpoint is billed, or `undefined` when it is not. Takes a template (`/2/tweets/:id`, as
 * the connection names endpoints) or a concrete path (`/2/tweets/20`): a `:name` in the table
 * matches any segment. An exact literal wins over a placeholder (`/2/users/me` is not `/2/users/:id`).
 *
 * @example billingOfEndpoint("GET", "/2/tweets/search/recent") // { kind: "Post", results: { maxResults: ... } }
 */
export function billingOfEndpoint(method: string, path: string): EndpointBilling | undefined {
  const candidates = templatesByMethod.get(method.toUpperCase());
  if (candidates === undefined) return undefined;
  const queryStart = path.indexOf("?");
  const segments = (queryStart === -1 ? path : path.slice(0, queryStart)).split("/");
  let best: { billing: EndpointBilling; literals: number } | undefined;
  for (const candidate of candidates) {
    if (candidate.segments.length !== segments.length) continue;
    if (!candidate.segments.every((pattern, index) => segmentMatches(pattern, segments[index] ?? "")))
      continue;
    const literals = candidate.segments.filter((pattern) => !pattern.startsWith(":")).length;
    if (best === undefined || literals > best.literals) best = { billing: candidate.billing, literals };
  }
  return best?.billing;
}

/**
 * `billingOfEndpoint` for a connection's endpoint name, `"GET /2/tweets/:id"`.
 *
 * @example billingOfTemplate("POST /2/tweets") // { kind: "ContentCreate" }
 */
export function billingOfTemplate(endpointTemplate: string): EndpointBilling | undefined {
  const space = endpointTemplate.indexOf(" ");
  if (space === -1) return undefined;
  return billingOfEndpoint(endpointTemplate.slice(0, space), endpointTemplate.slice(space + 1));
}
