import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchTransport } from "../../src/http/fetch-transport.js";
import { createNodeTransport } from "../../src/http/node-transport.js";
import type { Transport } from "../../src/http/transport.js";
import { TransportFailure } from "../../src/http/transport.js";
import { connectForTest, userCredentials } from "../support/connect.js";
import { json, startTestServer, type TestServer } from "../support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const transports: [string, () => Transport][] = [
  ["node:http", createNodeTransport],
  ["fetch", () => createFetchTransport(globalThis.fetch)],
];

const mebibyte = 1024 * 1024;

/**
 * Streams `totalBytes` of JSON-looking bytes in 64 KiB chunks, and records whether the client hung up
 * before the server could write them all (the socket destroyed, nothing more read).
 */
function streamHugeBody(totalBytes: number, withLength: boolean): { cutShort: () => boolean } {
  let cutShort = false;
  server.handle((_, response) => {
    response.writeHead(200, {
      "content-type": "application/json",
      ...(withLength ? { "content-length": String(totalBytes) } : {}),
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let written = 0;
    response.on("close", () => {
      if (written < totalBytes) cutShort = true;
    });
    const pump = () => {
      while (written < totalBytes) {
        written += chunk.length;
        if (!response.write(chunk)) {
          response.once("drain", pump);
          return;
        }
      }
      response.end();
    };
    pump();
  });
  return { cutShort: () => cutShort };
}

describe.each(transports)("%s transport: bounded bodies", (_, create) => {
  it.each([
    ["with", true],
    ["without", false],
  ])(
    "fails with kind too-large past maxResponseBytes (%s content-length) and hangs up",
    async (_name, withLength) => {
      const huge = streamHugeBody(64 * mebibyte, withLength);
      const transport = create();
      const error = await transport
        .send({
          method: "GET",
          url: `${server.url}/big`,
          headers: {},
          timeoutMs: 10_000,
          maxResponseBytes: mebibyte,
        })
        .then(
          () => undefined,
          (reason: unknown) => reason,
        );
      transport.close();
      expect(error).toBeInstanceOf(TransportFailure);
      expect([(error as TransportFailure).kind, (error as TransportFailure).message]).toEqual([
        "too-large",
        `the response body passed ${mebibyte} bytes`,
      ]);
      await expect.poll(huge.cutShort).toBe(true);
    },
  );

  it("reads a body of exactly maxResponseBytes", async () => {
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "text/plain" });
      response.end("x".repeat(1000));
    });
    const transport = create();
    const response = await transport.send({
      method: "GET",
      url: `${server.url}/exact`,
      headers: {},
      timeoutMs: 5000,
      maxResponseBytes: 1000,
    });
    transport.close();
    expect(response.body).toHaveLength(1000);
  });
});

describe.each([
  ["node:http", {}],
  ["fetch", { fetch: globalThis.fetch }],
])("a connection over %s", (_, transportOption) => {
  const connect = (options: Record<string, unknown> = {}) =>
    connectForTest(userCredentials, server.url, { ...transportOption, ...options });

  it("turns a body past maxResponseBytes into RESPONSE_TOO_LARGE, sent once and never retried", async () => {
    const start = server.received.length;
    streamHugeBody(8 * mebibyte, false);
    const api = await connect({ maxResponseBytes: mebibyte });
    const error = await api.get("/2/tweets/search/recent").catch((reason: unknown) => reason);
    api.close();
    expect(error).toMatchObject({
      code: "RESPONSE_TOO_LARGE",
      message: `GET /2/tweets/search/recent: the response from ${new URL(server.url).host} passed maxResponseBytes (${mebibyte} bytes); the connection was closed. Ask for less (max_results, fields), or raise maxResponseBytes.`,
    });
    expect(server.received.length - start).toBe(1);
  });

  it("turns JSON that does not parse into RESPONSE_INVALID instead of data: undefined", async () => {
    server.handle((_, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"data": {"id": "1"');
    });
    const api = await connect();
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "RESPONSE_INVALID",
      status: 200,
      message:
        "GET /2/users/me answered 200 with a body that says it is JSON (application/json) and does not parse (19 bytes). A proxy or a wrong baseUrl may be answering instead of X.",
    });
    api.close();
  });

  it.each([
    [
      "an HTML page",
      (response: import("node:http").ServerResponse) => {
        response.writeHead(200, { "content-type": "text/html" });
        response.end("<html><body>Welcome to the captive portal</body></html>");
      },
      "GET /2/users/me answered 200 with an HTML page (text/html), not a user with an id and a username",
    ],
    [
      "an empty 204",
      (response: import("node:http").ServerResponse) => {
        response.writeHead(204);
        response.end();
      },
      "GET /2/users/me answered 204 with an empty body, not a user with an id and a username",
    ],
    [
      "a 302 redirect",
      (response: import("node:http").ServerResponse) => {
        response.writeHead(302, { location: "https://example.invalid/login" });
        response.end();
      },
      "GET /2/users/me answered 302 with an empty body, not a user with an id and a username",
    ],
    [
      "JSON without a user",
      (response: import("node:http").ServerResponse) => json(response, 200, { data: { name: "no id" } }),
      "GET /2/users/me answered 200 with JSON (application/json), not a user with an id and a username",
    ],
  ])("verifyCredentials refuses %s as a success, naming what came back", async (_name, answer, start) => {
    server.handle((_request, response) => answer(response));
    const api = await connect();
    const error = await api.verifyCredentials().catch((reason: unknown) => reason);
    api.close();
    expect(error).toMatchObject({ code: "RESPONSE_INVALID", endpoint: "GET /2/users/me" });
    expect((error as Error).message).toBe(
      `${start} (JSON { data: { id, username } }); the credentials are not verified. Check baseUrl: something other than the X API may be answering.`,
    );
  });
});
