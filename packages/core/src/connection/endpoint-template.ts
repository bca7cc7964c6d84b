// A numeric segment or a username after the version segment: the paths that need templating.
const idLike = /^\/[^/]*(?:\/.*)?(?:\/\d|\/by\/username\/)/;

/**
 * The rate-limit bucket a request falls in: its method and path with ids replaced by placeholders,
 * the way X's documentation names endpoints. X limits `/2/tweets/:id` as one endpoint, so every id
 * must land in the same bucket.
 *
 * @example endpointTemplate("GET", "/2/tweets/1460323737035677698") // "GET /2/tweets/:id"
 * @example endpointTemplate("GET", "/1.1/statuses/show/20.json") // "GET /1.1/statuses/show/:id.json"
 * @example endpointTemplate("GET", "/2/users/by/username/jack") // "GET /2/users/by/username/:username"
 */
export function endpointTemplate(method: string, path: string): string {
  const queryStart = path.indexOf("?");
  const bare = queryStart === -1 ? path : path.slice(0, queryStart);
  // Most paths have no id: skip the split (this runs for every request).
  if (!idLike.test(bare)) return `${method.toUpperCase()} ${bare}`;
  const segments = bare.split("/");
  // segments[1] is the API version ("2", "1.1"), which is a number but never an id.
  for (let index = 2; index < segments.length; index++) {
    const segment = segments[index]!;
    if (/^\d+(\.json)?$/.test(segment)) {
      segments[index] = segment.endsWith(".json") ? ":id.json" : ":id";
    } else if (segments[index - 1] === "username" && segments[index - 2] === "by") {
      segments[index] = ":username";
    }
  }
  return `${method.toUpperCase()} ${segments.join("/")}`;
}
