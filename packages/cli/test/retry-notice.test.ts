import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

describe("no silent waits in the CLI", () => {
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
