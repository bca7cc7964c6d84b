import { spawn } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { connect } from "node:net";
import { describe, expect, it } from "vitest";
import { describeWait } from "../src/output/rate-limit-text.js";
import { dotenvConfig, dotenvText, emulatorUserCredentials, tempProject } from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// A server process that listens and never accepts (its event loop blocked by Atomics.wait, no CPU):
// once its accept queue is full, a connect hangs as it does to a host that swallows packets.
const unacceptingServer = `
const { createServer } = require("node:net");
const { writeSync } = require("node:fs");
const server = createServer(() => {});
server.listen({ port: 0, host: "127.0.0.1", backlog: 1 }, () => {
  writeSync(1, server.address().port + "\\n");
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
  process.exit(0);
});`;

describe("no silent waits in the CLI", () => {
  it("gives up connecting after the interactive connect timeout (5 s), not the 30 s response timeout", async () => {
    const child = spawn(process.execPath, ["-e", unacceptingServer], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const port = await new Promise<number>((resolve) => {
      child.stdout.once("data", (data: Buffer) => resolve(Number(String(data).trim())));
    });
    const fillers = [connect(port, "127.0.0.1"), connect(port, "127.0.0.1")];
    await Promise.all(fillers.map((socket) => new Promise((resolve) => socket.once("connect", resolve))));
    const project = tempProject({
      "twauth.config.yaml": dotenvConfig(`http://127.0.0.1:${port}`, "retryCount: 0\n"),
      ".env": dotenvText(emulatorUserCredentials),
    });
    try {
      const run = await runTwauth(["verify"], { cwd: project.dir, timeoutMs: 20_000 });
      expect(run.exitCode).not.toBe(0);
      expect(run.stderr).toBe(
        `twauth: GET /2/users/me: could not connect to 127.0.0.1:${port} within 5s. Check baseUrl and the network.\n`,
      );
    } finally {
      project.remove();
      for (const socket of fillers) socket.destroy();
      child.kill();
    }
  });

  it("prints a stderr line per retry: what failed, attempt n of m, how long", async () => {
    const port = await closedPort();
    const project = tempProject({
      "twauth.config.yaml": dotenvConfig(`http://127.0.0.1:${port}`, "retryCount: 2\nretryDelay: 10ms\n"),
      ".env": dotenvText(emulatorUserCredentials),
    });
    try {
      const run = await runTwauth(["verify"], { cwd: project.dir });
      expect(run.exitCode).toBe(4);
      expect(run.stdout).toBe("");
      expect(run.stderr).toBe(
        [
          "twauth: GET /2/users/me: connection refused (ECONNREFUSED) on attempt 1 of 3; retrying in 10ms",
          "twauth: GET /2/users/me: connection refused (ECONNREFUSED) on attempt 2 of 3; retrying in 10ms",
          `twauth: GET /2/users/me: the connection to 127.0.0.1:${port} failed (ECONNREFUSED) (after 2 retries). Check baseUrl (127.0.0.1:${port}) and the network.`,
          "",
        ].join("\n"),
      );
    } finally {
      project.remove();
    }
  });

  it("words a rate-limit wait and a connect timeout's retry for people", () => {
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(
      describeWait(
        {
          endpoint: "GET /2/users/me",
          waitMs: 65_000,
          resetAt: now + 65_000,
          reason: "exhausted",
          limit: 75,
        },
        now,
      ),
    ).toBe("GET /2/users/me: rate limit reached, limit 75; waiting 1m 5s (until 12:01:05 UTC)");
    expect(
      describeWait(
        {
          endpoint: "GET /2/users/me",
          waitMs: 5000,
          resetAt: now + 5000,
          reason: "retry",
          failure: "no connection within the connect timeout",
          attempt: 1,
          attempts: 4,
        },
        now,
      ),
    ).toBe("GET /2/users/me: no connection within the connect timeout on attempt 1 of 4; retrying in 5s");
  });
});
