import { TwauthError } from "../errors/twauth-error.js";
import type { TransportResponse } from "./transport.js";

/** A body that said it is JSON and is not: the marker `parseBody` returns instead of guessing. */
export const invalidJson: unique symbol = Symbol("invalid JSON");

/**
 * The body as data: parsed JSON when the content type says JSON (or, without a content type, when it
 * looks like JSON), the text otherwise, `undefined` when empty, and `invalidJson` when it said JSON
 * and does not parse. Never throws: the caller decides whether a broken body is an error.
 */
export function parseBody(response: TransportResponse): unknown {
  const text = response.body;
  if (text === "") return undefined;
  const type = response.headers["content-type"];
  const looksJson = type === undefined ? /^\s*[[{]/.test(text) : type.includes("json");
  if (!looksJson) return text;
  try {
    return JSON.parse(text);
  } catch {
    return invalidJson;
  }
}

/**
 * `RESPONSE_INVALID` for a successful response whose JSON does not parse, naming the endpoint and
 * the size (never the text, which may echo a secret).
 */
export function invalidJsonError(endpoint: string, response: TransportResponse): TwauthError {
  return new TwauthError(
    "RESPONSE_INVALID",
    `${endpoint} answered ${response.status} with a body that says it is JSON (${response.headers["content-type"] ?? "no content type"}) and does not parse (${Buffer.byteLength(response.body)} bytes). A proxy or a wrong baseUrl may be answering instead of X.`,
    { endpoint, status: response.status },
  );
}

/** How to name what came back, for messages: "an empty body", "an HTML page (text/html)", ... */
export function describeBody(response: Pick<TransportResponse, "headers">, data: unknown): string {
  const type = response.headers["content-type"];
  if (data === undefined) return "an empty body";
  if (type?.includes("html") === true || (typeof data === "string" && data.trimStart().startsWith("<"))) {
    return `an HTML page (${type ?? "no content type"})`;
  }
  if (typeof data === "string") return `text (${type ?? "no content type"})`;
  return `JSON (${type ?? "no content type"})`;
}
