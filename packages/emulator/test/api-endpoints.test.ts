import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultApp, secondUser } from "../src/defaults.js";
import type { Emulator } from "../src/start-emulator.js";
import { signedFetch, startTestEmulator, type TestClock } from "./support/emulator-fixture.js";

let emu: Emulator;
let clock: TestClock;
beforeEach(async () => {
  ({ emu, clock } = await startTestEmulator());
});
afterEach(() => emu.stop());

describe("tweets and other endpoints", () => {
  it("stores a tweet from POST /2/tweets and serves it by id and through search", async () => {
    const created = await signedFetch(emu, clock, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "Hello emulator" },
    });
    expect(created.status).toBe(201);
    const { data } = (await created.json()) as {
      data: { id: string; text: string; edit_history_tweet_ids: string[] };
    };
    expect(data).toEqual({
      id: expect.stringMatching(/^\d{15,19}$/),
      text: "Hello emulator",
      edit_history_tweet_ids: [data.id],
    });
    expect(emu.stats.createdTweets.map((tweet) => tweet.text)).toEqual(["Hello emulator"]);

    const byId = await signedFetch(emu, clock, { path: `/2/tweets/${data.id}` });
    expect(await byId.json()).toEqual({ data });
    const search = await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=hello" });
    expect(await search.json()).toEqual({
      data: [data],
      meta: { newest_id: data.id, oldest_id: data.id, result_count: 1 },
    });
    const none = await signedFetch(emu, clock, { path: "/2/tweets/search/recent?query=absent" });
    expect(await none.json()).toEqual({ meta: { result_count: 0 } });
  });

  it("answers a missing tweet with 200 and an errors array, as X does", async () => {
    const response = await signedFetch(emu, clock, { path: "/2/tweets/12345" });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      errors: [
        {
          title: "Not Found Error",
          resource_id: "12345",
          type: "https://api.twitter.com/2/problems/resource-not-found",
        },
      ],
    });
  });

  it("refuses a duplicate tweet from the same user with 403", async () => {
    await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: { text: "same" } });
    const again = await signedFetch(emu, clock, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "same" },
    });
    expect({ status: again.status, body: await again.json() }).toEqual({
      status: 403,
      body: {
        detail: "You are not allowed to create a Tweet with duplicate content.",
        type: "about:blank",
        title: "Forbidden",
        status: 403,
      },
    });
  });

  it("refuses POST /2/tweets with a token issued while the app was read-only, even after the app became read-write", async () => {
    emu.updateApp(defaultApp.consumerKey, { accessLevel: "read" });
    const token = emu.issueAccessToken(secondUser.username);
    emu.updateApp(defaultApp.consumerKey, { accessLevel: "read-write" });
    const sign = { token: token.accessToken, tokenSecret: token.accessTokenSecret };
    const response = await signedFetch(emu, clock, {
      method: "POST",
      path: "/2/tweets",
      json: { text: "hi" },
      ...sign,
    });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 403,
      body: {
        title: "Forbidden",
        status: 403,
        detail:
          "Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.",
        type: "https://api.twitter.com/2/problems/oauth1-permissions",
      },
    });
    const v1 = await signedFetch(emu, clock, { path: "/1.1/account/verify_credentials.json", ...sign });
    expect(v1.headers.get("x-access-level")).toBe("read");
  });

  it("refuses a tweet body that is not JSON or has no text with X's invalid-request problem", async () => {
    const form = await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", form: { text: "hi" } });
    expect({ status: form.status, body: await form.json() }).toEqual({
      status: 400,
      body: {
        errors: [{ message: "Requests with bodies must have content-type of application/json." }],
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        type: "https://api.twitter.com/2/problems/invalid-request",
      },
    });
    const empty = await signedFetch(emu, clock, { method: "POST", path: "/2/tweets", json: {} });
    expect(empty.status).toBe(400);
  });

  it("answers unknown routes 404 in the style of their API family", async () => {
    const v2 = await fetch(`${emu.url}/2/nothing`);
    expect({ status: v2.status, body: await v2.json() }).toEqual({
      status: 404,
      body: {
        title: "Not Found Error",
        detail: "Sorry, that page does not exist",
        type: "about:blank",
        status: 404,
      },
    });
    const v1 = await fetch(`${emu.url}/1.1/nothing.json`, { method: "POST" });
    expect({ status: v1.status, body: await v1.json() }).toEqual({
      status: 404,
      body: { errors: [{ code: 34, message: "Sorry, that page does not exist" }] },
    });
    expect(v1.headers.get("date")).toBe(new Date(clock.now()).toUTCString());
    expect(emu.stats.count({ outcome: "not-found" })).toBe(2);
  });

  it("refuses faults and rate limits for routes it does not serve, naming the known ones", () => {
    expect(() => emu.inject("GET /2/nope", [{ status: 503 }])).toThrow(
      /unknown route GET \/2\/nope; use one of: GET \/2\/users\/me/,
    );
    expect(() => emu.setRateLimit("*", { limit: 1, windowMs: 1000 })).toThrow(/unknown route \*/);
  });
});
