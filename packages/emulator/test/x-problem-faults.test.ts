import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

const me = () => signedFetch(emu, clock, { path: "/2/users/me" });

async function answerOf(response: Response) {
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    body: await response.json(),
  };
}

describe("X's 2026 failures as faults", () => {
  it("answers credits-depleted with X's 402 CreditsDepleted problem", async () => {
    emu.inject("GET /2/users/me", [{ problem: "credits-depleted" }]);
    expect(await answerOf(await me())).toEqual({
      status: 402,
      contentType: "application/problem+json",
      body: {
        title: "CreditsDepleted",
        detail: `Your enrolled account [${defaultApp.id}] does not have any credits to fulfill this request.`,
        type: "https://api.twitter.com/2/problems/credits",
      },
    });
    expect(emu.stats.count({ route: "GET /2/users/me", outcome: "fault", status: 402 })).toBe(1);
    expect((await me()).status).toBe(200);
  });

  it("answers usage-capped with X's 429 UsageCapExceeded while the rate-limit headers show requests left", async () => {
    emu.inject("GET /2/users/me", [{ problem: "usage-capped" }]);
    const response = await me();
    expect({
      limit: response.headers.get("x-rate-limit-limit"),
      remaining: response.headers.get("x-rate-limit-remaining"),
      reset: response.headers.get("x-rate-limit-reset"),
    }).toEqual({
      limit: "75",
      remaining: "74",
      reset: String(clock.seconds() - (clock.seconds() % 900) + 900),
    });
    expect(await answerOf(response)).toEqual({
      status: 429,
      contentType: "application/problem+json",
      body: {
        title: "UsageCapExceeded",
        detail: "Usage cap exceeded: Monthly product cap",
        type: "https://api.twitter.com/2/problems/usage-capped",
        period: "Monthly",
        scope: "Product",
      },
    });
  });

  it("answers client-not-enrolled with X's 403 Client Forbidden naming the app", async () => {
    emu.inject("POST /2/tweets", [{ problem: "client-not-enrolled" }]);
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "hi" },
    });
    expect(await answerOf(response)).toEqual({
      status: 403,
      contentType: "application/problem+json",
      body: {
        client_id: defaultApp.id,
        detail:
          "When authenticating requests to the Twitter API v2 endpoints, you must use keys and tokens from a Twitter developer App that is attached to a Project. You can create a project via the developer portal.",
        registration_url: "https://developer.twitter.com/en/docs/projects/overview",
        title: "Client Forbidden",
        required_enrollment: "Appropriate Level of API Access",
        reason: "client-not-enrolled",
        type: "https://api.twitter.com/2/problems/client-forbidden",
      },
    });
    expect(emu.tweets()).toEqual([]);
  });

  it("answers unsupported-authentication and scope-missing with X's 403 problems", async () => {
    emu.inject("GET /2/users/me", [{ problem: "unsupported-authentication" }, { problem: "scope-missing" }]);
    expect(await answerOf(await me())).toMatchObject({
      status: 403,
      contentType: "application/problem+json",
      body: {
        title: "Unsupported Authentication",
        type: "https://api.twitter.com/2/problems/unsupported-authentication",
        status: 403,
      },
    });
    expect(await answerOf(await me())).toEqual({
      status: 403,
      contentType: "application/problem+json",
      body: { title: "Forbidden", type: "about:blank", status: 403, detail: "Forbidden" },
    });
  });

  it("refuses an unknown problem name, listing the known ones", () => {
    expect(() => emu.inject("GET /2/users/me", [{ problem: "broke" as never }])).toThrow(
      "fault for GET /2/users/me: problem must be one of credits-depleted, usage-capped, client-not-enrolled, unsupported-authentication, scope-missing",
    );
  });
});

describe("support headers", () => {
  it("labels every answer with an x-transaction-id of its own and an api-version, faults included", async () => {
    emu.inject("GET /2/users/me", [{ problem: "credits-depleted" }]);
    const answers = [await me(), await me(), await fetch(`${emu.url}/2/unknown`)];
    const ids = answers.map((response) => response.headers.get("x-transaction-id"));
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(ids).size).toBe(3);
    for (const response of answers) expect(response.headers.get("api-version")).toMatch(/^2\.\d+$/);
  });
});
