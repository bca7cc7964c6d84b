import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { appBearer } from "./support/bearer.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

const day = 86_400_000;
const allFields =
  "cap_reset_day,daily_client_app_usage,daily_project_usage,project_cap,project_id,project_usage";

/** X's answer: `data` when it worked, `errors` when a parameter was refused. */
interface UsageAnswer {
  data: Record<string, unknown>;
  errors: { message: string }[];
}

async function usage(query: string): Promise<{ status: number; body: UsageAnswer }> {
  const response = await fetch(`${emu.url}/2/usage/tweets${query}`, {
    headers: { authorization: `Bearer ${await appBearer(emu)}` },
  });
  return { status: response.status, body: (await response.json()) as UsageAnswer };
}

describe("GET /2/usage/tweets", () => {
  it("answers the documented default fields from what was served this month", async () => {
    for (const text of ["usage a", "usage b"]) {
      await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text } });
    }
    await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=usage" });
    // 2023-11-14T22:13:20Z: the cap starts afresh on 2023-12-01, in 17 days (rounded up).
    expect(await usage("")).toEqual({
      status: 200,
      body: {
        data: {
          cap_reset_day: 17,
          project_cap: 3_000_000,
          project_id: "1460000000000000100",
          project_usage: 2,
        },
      },
    });
  });

  it("breaks the Post reads down per UTC day and per app over `days`", async () => {
    await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text: "daily one" } });
    await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=daily" });
    clock.advance(day);
    await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text: "daily two" } });
    await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=daily" });
    emu.billing.setProjectCap(10);
    const { status, body } = await usage(`?days=3&usage.fields=${allFields}`);
    expect(status).toBe(200);
    const appId = emu.app(defaultApp.consumerKey)?.id;
    const series = [
      { date: "2023-11-13T00:00:00.000Z", usage: 0 },
      { date: "2023-11-14T00:00:00.000Z", usage: 1 },
      { date: "2023-11-15T00:00:00.000Z", usage: 2 },
    ];
    expect(body.data.daily_project_usage).toEqual({ project_id: "1460000000000000100", usage: series });
    expect(body.data.daily_client_app_usage).toEqual([
      { client_app_id: appId, usage: series, usage_result_count: 3 },
    ]);
    expect(body.data.project_cap).toBe(10);
    expect(body.data.project_usage).toBe(3);
  });

  it("is app-only: a user token gets X's Unsupported Authentication", async () => {
    const response = await signedFetch(emu, clock, { path: "/2/usage/tweets" });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      title: "Unsupported Authentication",
      type: "https://api.twitter.com/2/problems/unsupported-authentication",
    });
  });

  it.each(["0", "91", "abc", "1000"])("refuses days=%s: it must be 1 to 90", async (days) => {
    const { status, body } = await usage(`?days=${days}`);
    expect(status).toBe(400);
    expect(body.errors[0]?.message).toBe(
      `The \`days\` query parameter value [${days}] is not between 1 and 90`,
    );
  });

  it("refuses an unknown usage field", async () => {
    const { status, body } = await usage("?usage.fields=project_cap,cost");
    expect(status).toBe(400);
    expect(body.errors[0]?.message).toMatch(
      /^The `usage.fields` query parameter value \[cost\] is not one of/,
    );
  });

  it("costs nothing itself", async () => {
    await usage(`?usage.fields=${allFields}`);
    expect(emu.billing.billedMicros()).toBe(0);
  });
});
