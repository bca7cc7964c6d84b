import { describe, expect, it } from "vitest";
import {
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  useEmulatorProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const fixture = useEmulatorProject();
const secrets = Object.values(emulatorUserCredentials);

describe("twauth request", () => {
  it("POST with --json-body sends one signed request and prints the status, the rate limit and the body", async () => {
    const run = await runTwauth(
      ["request", "POST", "/2/tweets", "--json-body", '{"text":"hello from the twauth CLI"}', "--json"],
      {
        cwd: fixture.project.dir,
      },
    );
    expect(run.exitCode).toBe(0);
    const [tweet] = fixture.emulator.tweets();
    expect(jsonOutput(run)).toEqual({
      ok: true,
      status: 201,
      method: "POST",
      path: "/2/tweets",
      rateLimit: { limit: 200, remaining: 199, resetAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
      body: {
        data: { id: tweet?.id, text: "hello from the twauth CLI", edit_history_tweet_ids: [tweet?.id] },
      },
    });
    expect(fixture.emulator.stats.count({ route: "POST /2/tweets" })).toBe(1);
    expectNoSecrets(run, secrets);
  });

  it("GET with repeated --query prints status, rate limit and the JSON body as text", async () => {
    const run = await runTwauth(
      [
        "request",
        "get",
        "/2/tweets/search/recent",
        "--query",
        "query=twauth CLI",
        "--query",
        "max_results=10",
      ],
      { cwd: fixture.project.dir },
    );
    expect(run.exitCode).toBe(0);
    const [status, limit, blank, ...body] = run.stdout.trimEnd().split("\n");
    expect(status).toBe("200 GET /2/tweets/search/recent");
    expect(limit).toMatch(/^rate limit: GET \/2\/tweets\/search\/recent: 449 of 450 left, resets in /);
    expect(blank).toBe("");
    expect(JSON.parse(body.join("\n"))).toMatchObject({ data: [{ text: "hello from the twauth CLI" }] });
  });

  it("an error status exits with its category and X's words: a v1.1 route with an app-only token is 403, exit 4", async () => {
    const run = await runTwauth(
      ["request", "GET", "/1.1/account/verify_credentials.json", "--auth", "app", "--json"],
      {
        cwd: fixture.project.dir,
      },
    );
    const { error } = jsonOutput(run) as { error: { code: string; status: number } };
    expect({ exitCode: run.exitCode, code: error.code, status: error.status }).toEqual({
      exitCode: exitCodeFor(error.code),
      code: error.code,
      status: 403,
    });
    expectNoSecrets(run, secrets);
  });
});

function exitCodeFor(code: string): number {
  return code === "AUTH_FAILED" ? 3 : 4;
}

describe("twauth limits", () => {
  it("makes the verify call and prints the endpoint's figures as a table", async () => {
    const run = await runTwauth(["limits"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(0);
    const [header, row, ...rest] = run.stdout.trimEnd().split("\n");
    expect(header).toMatch(/^endpoint +limit +remaining +resets in +resets at$/);
    expect(row).toMatch(/^GET \/2\/users\/me +75 +\d+ +(\d+m )?\d+s +\d\d:\d\d:\d\d UTC$/);
    expect(rest).toEqual([]);
  });

  it("with paths, sends one GET to each and reports every endpoint seen", async () => {
    const run = await runTwauth(["limits", "/2/users/me", "/1.1/account/verify_credentials.json", "--json"], {
      cwd: fixture.project.dir,
    });
    expect(run.exitCode).toBe(0);
    const { rateLimits } = jsonOutput(run) as {
      rateLimits: Record<string, { limit: number; remaining: number }>;
    };
    expect(Object.keys(rateLimits).sort()).toEqual([
      "GET /1.1/account/verify_credentials.json",
      "GET /2/users/me",
    ]);
    expect(rateLimits["GET /1.1/account/verify_credentials.json"]).toMatchObject({
      limit: 75,
      remaining: 74,
    });
  });
});
