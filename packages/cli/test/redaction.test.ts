import type { Emulator } from "@twauth/emulator";
import { defaultApp, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TempProject } from "./support/project.js";
import { dotenvConfig, dotenvText, tempProject } from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

// An API (or a proxy in front of it) that echoes what it was sent is the way a secret the CLI never
// loaded reaches its output: the bearer token it exchanged, the Basic credential it built from the
// consumer key and secret. The emulator's fault bodies play that API.

let emulator: Emulator;
let project: TempProject;
let bearer: string;
const basic = Buffer.from(
  `${encodeURIComponent(defaultApp.consumerKey)}:${encodeURIComponent(defaultApp.consumerSecret)}`,
).toString("base64");
const search = "GET /2/tweets/search/recent";

beforeAll(async () => {
  emulator = await startEmulator();
  project = tempProject({
    "twauth.config.yaml": dotenvConfig(emulator.url),
    ".env": dotenvText({ consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret }),
  });
  // The token the CLI's own exchange will get: the emulator issues one bearer token per app.
  const response = await fetch(`${emulator.url}/oauth2/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
  bearer = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(async () => {
  await emulator.stop();
  project.remove();
});

/** Every form in which the exchanged and derived secrets could be printed. */
function secretForms(): string[] {
  const decoded = decodeURIComponent(bearer);
  return [bearer, decoded, encodeURIComponent(decoded), basic, defaultApp.consumerSecret];
}

function expectNoneOf(output: string, forms: readonly string[]) {
  for (const form of forms) expect(output.includes(form), `printed ${form.slice(0, 6)}…`).toBe(false);
}

describe("twauth request --auth app redacts the secrets it exchanged or derived", () => {
  it("does not print the exchanged bearer token, raw or percent-decoded, nor the Basic credential an API echoes in a body", async () => {
    emulator.inject(search, [
      {
        status: 200,
        body: {
          echo: {
            authorization: `Bearer ${bearer}`,
            decoded: decodeURIComponent(bearer),
            basic: `Basic ${basic}`,
          },
          token: bearer,
          plainBasic: basic,
        },
      },
    ]);
    const run = await runTwauth(
      ["request", "GET", "/2/tweets/search/recent", "--query", "query=x", "--auth", "app", "-v"],
      {
        cwd: project.dir,
      },
    );
    expect(run.exitCode).toBe(0);
    expectNoneOf(run.stdout + run.stderr, secretForms());
    expect(run.stdout).toContain('"authorization": "Bearer [redacted]"');
    expect(run.stdout).toContain('"decoded": "[redacted]"');
    expect(run.stdout).toContain('"plainBasic": "[redacted]"');
  });

  it("redacts an echo in a successful body printed as JSON", async () => {
    emulator.inject(search, [
      {
        status: 200,
        body: { data: [], meta: { result_count: 0 }, debug: `${decodeURIComponent(bearer)} / ${basic}` },
      },
    ]);
    const run = await runTwauth(
      ["request", "GET", "/2/tweets/search/recent", "--query", "query=x", "--auth", "app", "--json"],
      {
        cwd: project.dir,
      },
    );
    expect(run.exitCode).toBe(0);
    expectNoneOf(run.stdout + run.stderr, secretForms());
    expect((JSON.parse(run.stdout) as { body: { debug: string } }).body.debug).toBe(
      "[redacted] / [redacted]",
    );
  });

  it("redacts OAuth 2.0 and bearer tokens shaped as X's token endpoints send them, though never loaded", async () => {
    const unknownAccess = "bWFkZS11cC1hY2Nlc3MtdG9rZW4tMTIzNDU2Nzg";
    const unknownRefresh = "cmVmcmVzaC10b2tlbi1tYWRlLXVwLTk4NzY1NDM";
    emulator.inject(search, [
      {
        status: 200,
        body: {
          token_type: "bearer",
          access_token: unknownAccess,
          refresh_token: unknownRefresh,
          scope: "tweet.read",
        },
      },
    ]);
    const run = await runTwauth(
      ["request", "GET", "/2/tweets/search/recent", "--query", "query=x", "--auth", "app"],
      {
        cwd: project.dir,
      },
    );
    expect(run.exitCode).toBe(0);
    expectNoneOf(run.stdout + run.stderr, [unknownAccess, unknownRefresh]);
    expect(run.stdout).toContain('"access_token": "[redacted]"');
    expect(run.stdout).toContain('"scope": "tweet.read"');
  });
});
