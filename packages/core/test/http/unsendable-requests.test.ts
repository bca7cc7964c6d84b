import { inspect } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchTransport } from "../../src/http/fetch-transport.js";
import { createNodeTransport } from "../../src/http/node-transport.js";
import type { Transport } from "../../src/http/transport.js";
import type { TestConnectionOptions } from "../support/connect.js";
import { connectForTest, userCredentials } from "../support/connect.js";
import { startTestServer, type TestServer } from "../support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error & { code?: string };
}

/** The error says nothing of the value, in any of the ways it can be shown. */
function expectNoLeak(error: unknown, value: string) {
  for (const shown of [
    (error as Error).message,
    (error as Error).stack ?? "",
    inspect(error),
    JSON.stringify(error),
  ]) {
    expect(shown).not.toContain(value);
  }
}

const transports: [string, TestConnectionOptions, () => Transport][] = [
  ["node:http", {}, createNodeTransport],
  ["fetch", { fetch: globalThis.fetch }, () => createFetchTransport(globalThis.fetch)],
];

describe.each(transports)("over %s, a request HTTP cannot carry", (_, transportOption, createTransport) => {
  const connect = (
    options: TestConnectionOptions = {},
    credentials: Record<string, string> = userCredentials,
  ) => connectForTest(credentials, server.url, { ...transportOption, ...options });

  // resolveCredentials names the character and its position before the connection exists.
  it.each([
    ["a NUL", "secret-bearer-token\u0000-0123456789", "a NUL character (U+0000)"],
    ["a control character", "secret-bearer-token\u0007-0123456789", "a control character (U+0007)"],
    ["DEL", "secret-bearer-token\u007f-0123456789", "a DEL character (U+007F)"],
  ])(
    "refuses a bearer token holding %s with CREDENTIALS_INVALID before sending",
    async (_name, bearerToken, found) => {
      const start = server.received.length;
      const error = await rejection(connect({}, { bearerToken }));
      expect(error.code).toBe("CREDENTIALS_INVALID");
      expect(error.message).toBe(
        `options.credentials: the value of bearerToken holds ${found} at position 20, which no bearer token has; type it again or copy it from the developer portal as plain text.`,
      );
      expectNoLeak(error, "secret-bearer-token");
      expect(server.received.length).toBe(start);
    },
  );

  it("refuses a bearer token holding CR/LF with CREDENTIALS_INVALID before sending", async () => {
    const start = server.received.length;
    const error = await rejection(connect({}, { bearerToken: "secret-bearer-token\r\nX-Evil: 1" }));
    expect(error.code).toBe("CREDENTIALS_INVALID");
    expectNoLeak(error, "secret-bearer-token");
    expect(server.received.length).toBe(start);
  });

  it("refuses a userAgent with CRLF as OPTIONS_INVALID", async () => {
    const error = await rejection(connect({ userAgent: "bot\r\nX-Injected: yes" }));
    expect([error.code, error.message]).toEqual([
      "OPTIONS_INVALID",
      "Invalid getApiConnection options:\n- userAgent: expected a non-empty string without control characters (no CR, LF or NUL)",
    ]);
  });

  it.each([
    [
      "a header name with a space",
      { headers: { "x bad": "1" } },
      "request: headers must be named with letters, digits and !#$%&'*+-.^_`|~ only (no space or colon).",
    ],
    [
      "a header value with CRLF",
      { headers: { "x-note": "a\r\nx-evil: 1" } },
      "request: headers.x-note must be a string without CR, LF, NUL or other control characters.",
    ],
    [
      "a BigInt in json",
      { method: "POST", json: { id: 1n } },
      "request: json must be a value JSON can hold (no BigInt, no circular reference).",
    ],
    [
      "a non-string form value",
      { method: "POST", form: { count: 5 } },
      "request: form.count must be a string or an array of strings.",
    ],
  ])(
    "refuses %s as OPTIONS_INVALID, before sending and without retrying",
    async (_name, request, message) => {
      const api = await connect({ retryMethods: ["GET", "POST"] });
      const start = server.received.length;
      const error = await rejection(api.request({ path: "/2/tweets", ...(request as object) }));
      api.close();
      expect([error.code, error.message]).toEqual(["OPTIONS_INVALID", message]);
      expect(server.received.length).toBe(start);
    },
  );

  it("refuses circular json as OPTIONS_INVALID", async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const api = await connect();
    const error = await rejection(api.post("/2/tweets", { json: circular }));
    api.close();
    expect(error.code).toBe("OPTIONS_INVALID");
  });

  it("refuses a path with a space as OPTIONS_INVALID", async () => {
    const api = await connect();
    const error = await rejection(api.get("/2/users/by/username/two words"));
    api.close();
    expect([error.code, error.message]).toEqual([
      "OPTIONS_INVALID",
      "request: path must be percent-encoded: a space, a control or a non-ASCII character cannot be sent as is.",
    ]);
  });

  it("the transport itself refuses an unsendable header value without quoting it, before sending", async () => {
    const start = server.received.length;
    const transport = createTransport();
    const error = await rejection(
      transport.send({
        method: "GET",
        url: `${server.url}/2/users/me`,
        headers: { authorization: "Bearer secret-value-0123456789\u0000" },
        timeoutMs: 5000,
      }),
    );
    transport.close();
    expect([error.code, error.message]).toEqual([
      "OPTIONS_INVALID",
      "The authorization header holds a character HTTP does not allow (CR, LF, NUL or another control character); nothing was sent.",
    ]);
    expectNoLeak(error, "secret-value");
    expect(server.received.length).toBe(start);
  });
});
