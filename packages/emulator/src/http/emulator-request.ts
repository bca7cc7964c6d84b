import type { IncomingMessage } from "node:http";

/** A request as the routes see it: the raw pieces, body already read. */
export interface EmulatorRequest {
  method: string;
  /** The path as sent (still percent-encoded), without the query. */
  path: string;
  /** The raw query string, without "?". */
  rawQuery: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** The media type of the body, lower-cased, without parameters ("" when none). */
  contentType: string;
}

export class BodyTooLargeError extends Error {}

/** Reads the whole body as UTF-8, refusing more than maxBytes. */
export async function readEmulatorRequest(
  message: IncomingMessage,
  maxBytes: number,
): Promise<EmulatorRequest> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) throw new BodyTooLargeError(`request body over ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  const target = message.url ?? "/";
  const questionMark = target.indexOf("?");
  const path = questionMark === -1 ? target : target.slice(0, questionMark);
  const rawQuery = questionMark === -1 ? "" : target.slice(questionMark + 1);
  return {
    method: (message.method ?? "GET").toUpperCase(),
    path,
    rawQuery,
    query: new URLSearchParams(rawQuery),
    headers: message.headers,
    body: Buffer.concat(chunks).toString("utf8"),
    contentType: (message.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "",
  };
}
