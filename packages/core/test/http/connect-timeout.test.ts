import { type ChildProcess, spawn } from "node:child_process";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeTransport } from "../../src/http/node-transport.js";
import { TransportFailure } from "../../src/http/transport.js";
import { connectForTest, userCredentials } from "../support/connect.js";

// A real server process that listens and never accepts: its event loop is blocked (Atomics.wait,
// no CPU), so once its accept queue (backlog 1) is full the kernel drops new SYNs and a connect hangs,
// as it does against a host that swallows packets. Loopback only.
const unacceptingServer = `
const { createServer } = require("node:net");
const { writeSync } = require("node:fs");
const server = createServer(() => {});
server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
  writeSync(1, server.address().port + "\\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  process.exit(0);
});`;

let child: ChildProcess;
let port: number;
const fillers: Socket[] = [];

beforeAll(async () => {
  child = spawn(process.execPath, ["-e", unacceptingServer], { stdio: ["ignore", "pipe", "inherit"] });
  port = await new Promise<number>((resolve) => {
    child.stdout!.once("data", (data: Buffer) => resolve(Number(String(data).trim())));
  });
  // Fill the accept queue: these two connect (the kernel completes them), and every later one hangs.
  for (let index = 0; index < 2; index++) {
    const socket = connect(port, "127.0.0.1");
    fillers.push(socket);
    await new Promise((resolve) => socket.once("connect", resolve));
  }
});
afterAll(() => {
  for (const socket of fillers) socket.destroy();
  child.kill();
});

describe("connectTimeout", () => {
  it("fails an attempt that gets no connection with kind connect-timeout, as never sent", async () => {
    const transport = createNodeTransport();
    const error = await transport
      .send({
        method: "POST",
        url: `http://127.0.0.1:${port}/2/tweets`,
        headers: {},
        body: "{}",
        timeoutMs: 30_000,
        connectTimeoutMs: 150,
      })
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    transport.close();
    expect(error).toBeInstanceOf(TransportFailure);
    expect(error).toMatchObject({
      kind: "connect-timeout",
      neverReachedServer: true,
      message: "no connection within 150ms",
    });
  });

  it("retries even a POST after a connect timeout, telling each retry, then throws TIMEOUT naming the host", async () => {
    const waits: unknown[] = [];
    const api = await connectForTest(userCredentials, `http://127.0.0.1:${port}`, {
      connectTimeout: "150ms",
      retryCount: 1,
      waitOnRateLimitNotify: (wait) => waits.push(wait),
    });
    const error = await api.post("/2/tweets", { json: { text: "hi" } }).catch((reason: unknown) => reason);
    api.close();
    expect(error).toMatchObject({
      code: "TIMEOUT",
      message: `POST /2/tweets: could not connect to 127.0.0.1:${port} within 150ms (after 1 retry). Check baseUrl and the network.`,
    });
    expect(waits).toMatchObject([
      { reason: "retry", failure: "no connection within the connect timeout", attempt: 1, attempts: 2 },
    ]);
  });
});
