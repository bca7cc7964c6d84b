import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFetchTransport } from "../src/http/fetch-transport.js";
import { createNodeTransport } from "../src/http/node-transport.js";
import type { Transport } from "../src/http/transport.js";
import { TransportFailure } from "../src/http/transport.js";
import { json, startTestServer, type TestServer, unusedPort } from "./support/test-server.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

async function failure(promise: Promise<unknown>): Promise<TransportFailure> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TransportFailure);
  return error as TransportFailure;
}

const transports: [string, () => Transport][] = [
  ["node:http", createNodeTransport],
  ["fetch", () => createFetchTransport(globalThis.fetch)],
];

describe.each(transports)("%s transport", (_, create) => {
  it("sends method, headers and body and returns status, lower-case headers and text", async () => {
    server.handle((request, response) =>
      json(response, 201, { echo: request.body }, { "X-Rate-Limit-Limit": "5" }),
    );
    const transport = create();
    const response = await transport.send({
      method: "POST",
      url: `${server.url}/2/tweets`,
      headers: { "content-type": "application/json", "x-test": "yes" },
      body: '{"text":"héllo"}',
      timeoutMs: 5000,
    });
    transport.close();
    expect(response.status).toBe(201);
    expect(response.headers["x-rate-limit-limit"]).toBe("5");
    expect(JSON.parse(response.body)).toEqual({ echo: '{"text":"héllo"}' });
    const received = server.received.at(-1)!;
    expect(received.headers["x-test"]).toBe("yes");
    expect(received.headers["content-length"]).toBe(String(Buffer.byteLength('{"text":"héllo"}')));
  });

  it("fails with kind timeout when the response does not come within timeoutMs", async () => {
    server.handle(() => {});
    const transport = create();
    const error = await failure(
      transport.send({ method: "GET", url: `${server.url}/slow`, headers: {}, timeoutMs: 30 }),
    );
    transport.close();
    expect([error.kind, error.message]).toEqual(["timeout", "no complete response within 30ms"]);
  });

  it("fails with kind aborted when the signal aborts", async () => {
    server.handle(() => {});
    const transport = create();
    const controller = new AbortController();
    const sent = transport.send({
      method: "GET",
      url: `${server.url}/slow`,
      headers: {},
      timeoutMs: 5000,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 10);
    const error = await failure(sent);
    transport.close();
    expect(error.kind).toBe("aborted");
  });

  it("fails with kind network when the server resets the connection", async () => {
    server.handle((_, response) => {
      response.socket?.destroy();
    });
    const transport = create();
    const error = await failure(
      transport.send({ method: "GET", url: `${server.url}/reset`, headers: {}, timeoutMs: 5000 }),
    );
    transport.close();
    expect(error.kind).toBe("network");
    expect(error.neverReachedServer).toBe(false);
  });

  it("marks a refused connection as never having reached the server", async () => {
    const transport = create();
    const port = await unusedPort();
    const error = await failure(
      transport.send({
        method: "POST",
        url: `http://127.0.0.1:${port}/2/tweets`,
        headers: {},
        timeoutMs: 5000,
      }),
    );
    transport.close();
    expect([error.kind, error.code, error.neverReachedServer]).toEqual(["network", "ECONNREFUSED", true]);
  });
});

describe("node:http transport", () => {
  it("reuses one keep-alive socket for sequential requests", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const transport = createNodeTransport();
    const before = server.received.length;
    for (let index = 0; index < 5; index++) {
      await transport.send({ method: "GET", url: `${server.url}/2/users/me`, headers: {}, timeoutMs: 5000 });
    }
    transport.close();
    const ports = new Set(server.received.slice(before).map((request) => request.remotePort));
    expect(ports.size).toBe(1);
  });

  it("sends the Host header, a body's length over a given one, and Content-Length: 0 for a body-less POST", async () => {
    server.handle((_, response) => json(response, 200, {}));
    const transport = createNodeTransport();
    const before = server.received.length;
    const url = `${server.url}/2/tweets`;
    const sends: [string, Record<string, string>, string | undefined][] = [
      ["GET", {}, undefined],
      ["POST", {}, undefined],
      ["DELETE", {}, undefined],
      ["POST", { "content-length": "999" }, "{}"],
      ["GET", { host: "api.x.com" }, undefined],
    ];
    for (const [method, headers, body] of sends) {
      await transport.send({ method, url, headers, body, timeoutMs: 5000 });
    }
    transport.close();
    const received = server.received
      .slice(before)
      .map((request) => [
        request.method,
        request.headers.host,
        request.headers["content-length"],
        request.headers["transfer-encoding"],
      ]);
    const host = new URL(server.url).host;
    expect(received).toEqual([
      ["GET", host, undefined, undefined],
      ["POST", host, "0", undefined],
      ["DELETE", host, undefined, undefined],
      ["POST", host, "2", undefined],
      ["GET", "api.x.com", undefined, undefined],
    ]);
  });

  it("gives repeated response headers the values node:http's message.headers gives, set-cookie joined", async () => {
    const raw = [
      ["Content-Type", "application/json"],
      ["content-type", "text/plain"],
      ["Retry-After", "5"],
      ["retry-after", "9"],
      ["X-Rate-Limit-Limit", "75"],
      ["Vary", "accept"],
      ["VARY", "origin"],
      ["Cookie", "a=1"],
      ["cookie", "b=2"],
      ["Set-Cookie", "c=3"],
      ["set-cookie", "d=4"],
      ["Constructor", "yes"],
      ["__proto__", "ignored"],
    ];
    server.handle((_, response) => {
      response.writeHead(200, raw.flat());
      response.end("{}");
    });
    const transport = createNodeTransport();
    const response = await transport.send({
      method: "GET",
      url: `${server.url}/2/users/me`,
      headers: {},
      timeoutMs: 5000,
    });
    transport.close();
    expect(response.headers).toMatchObject({
      "content-type": "application/json",
      "retry-after": "5",
      "x-rate-limit-limit": "75",
      vary: "accept, origin",
      cookie: "a=1; b=2",
      "set-cookie": "c=3, d=4",
      constructor: "yes",
    });
    expect(Object.getPrototypeOf(response.headers)).toBe(Object.prototype);
  });
});
