import { describe, expect, it } from "vitest";
import type { Authorizer } from "../src/auth/authorizer.js";
import { createAuthRecoveryStep } from "../src/connection/auth-recovery-step.js";
import { guardStep } from "../src/connection/guard-step.js";
import type { Answer, Call, Send, SendStep } from "../src/connection/pipeline.js";
import { composeSteps, startProgress } from "../src/connection/pipeline.js";
import { createRateLimitStep } from "../src/connection/rate-limit-step.js";
import { createRetryStep } from "../src/connection/retry-step.js";
import { TransportFailure } from "../src/http/transport.js";
import { createMemoryRateLimitState } from "../src/rate-limit/rate-limit-state.js";
import { createFakeClock } from "./support/fake-clock.js";

const call: Call = {
  method: "POST",
  endpoint: "POST /2/tweets",
  url: "https://api.x.com/2/tweets",
  body: "{}",
  contentType: "application/json",
  form: undefined,
  headers: undefined,
  signal: undefined,
  authorization: undefined,
  metered: true,
  idempotent: false,
};
const answer = (status: number, data: unknown = {}): Answer => ({
  status,
  headers: {},
  data,
  rateLimit: undefined,
});

/** An attempt that answers from a script, one entry per attempt (an Error is thrown). */
function scripted(...script: (Answer | Error)[]): Send & { calls: number } {
  const send = async () => {
    const next = script[send.calls++];
    if (next instanceof Error) throw next;
    return next!;
  };
  send.calls = 0;
  return send as Send & { calls: number };
}

const retryOptions = {
  retryCount: 2,
  retryDelayMs: 10,
  retryErrors: new Set([503]),
  retryBackoff: false,
  maxRetryDelayMs: 1000,
  now: () => 0,
  sleep: async () => {},
  notify: undefined,
  baseUrl: "https://api.x.com",
  timeoutMs: 1000,
  connectTimeoutMs: 0,
  maxResponseBytes: 1000,
};

describe("the send pipeline's steps, each alone", () => {
  it("composeSteps runs the steps from the outside in, around the attempt", async () => {
    const order: string[] = [];
    const step =
      (name: string): SendStep =>
      async (c, progress, next) => {
        order.push(`${name} before`);
        const result = await next(c, progress);
        order.push(`${name} after`);
        return result;
      };
    const send = composeSteps([step("outer"), step("inner")], async () => {
      order.push("attempt");
      return answer(200);
    });
    await send(call, startProgress());
    expect(order).toEqual(["outer before", "inner before", "attempt", "inner after", "outer after"]);
  });

  it("the retry step sends a call again only when it is idempotent", async () => {
    const retry = createRetryStep(retryOptions);
    const once = scripted(answer(503), answer(200));
    expect((await retry(call, startProgress(), once)).status).toBe(503);
    expect(once.calls).toBe(1);
    const twice = scripted(answer(503), answer(200));
    expect((await retry({ ...call, idempotent: true }, startProgress(), twice)).status).toBe(200);
    expect(twice.calls).toBe(2);
  });

  it("the retry step turns a final transport failure into the call's TwauthError", async () => {
    const retry = createRetryStep(retryOptions);
    const reset = new TransportFailure("network", "socket hang up", "ECONNRESET");
    await expect(
      retry({ ...call, idempotent: true }, startProgress(), scripted(reset, reset, reset)),
    ).rejects.toMatchObject({
      code: "NETWORK_ERROR",
      message: "POST /2/tweets: the connection to api.x.com failed (ECONNRESET) (after 2 retries).",
    });
  });

  it("the rate-limit step waits out a 429's Retry-After and sends again, up to maxRateLimitWaits", async () => {
    const clock = createFakeClock();
    const step = createRateLimitStep({
      options: {
        waitOnRateLimit: true,
        maxRateLimitWaits: 1,
        maxRateLimitWaitMs: 60_000,
        now: clock.now,
        sleep: clock.sleep,
        notify: undefined,
        rateLimitState: createMemoryRateLimitState(),
        sharedRateLimitState: false,
      },
      authorizer: () => ({ tokenKey: "token" }) as Authorizer,
    });
    const tooMany = { ...answer(429), headers: { "retry-after": "2" } };
    const attempts = scripted(tooMany, tooMany, answer(200));
    const progress = startProgress();
    expect((await step(call, progress, attempts)).status).toBe(429);
    expect([attempts.calls, progress.rateLimitWaits, clock.sleeps]).toEqual([2, 1, [2025]]);
  });

  it("without waiting, refuses at once a call whose window a shared state knows is spent, sending nothing", async () => {
    const state = createMemoryRateLimitState();
    const options = {
      waitOnRateLimit: false,
      maxRateLimitWaits: 3,
      maxRateLimitWaitMs: 60_000,
      now: () => 1_000_000,
      sleep: async () => {},
      notify: undefined,
      rateLimitState: state,
      sharedRateLimitState: true,
    };
    const step = createRateLimitStep({ options, authorizer: () => ({ tokenKey: "token" }) as Authorizer });
    const spent = { ...answer(200), rateLimit: { limit: 1, remaining: 0, resetAt: 1_060_000 } };
    const attempts = scripted(spent, answer(200));
    expect((await step(call, startProgress(), attempts)).status).toBe(200);
    await expect(step(call, startProgress(), attempts)).rejects.toMatchObject({
      code: "RATE_LIMITED",
      resetAt: 1_060_025,
      message:
        "POST /2/tweets has no requests left in this window until 1970-01-01T00:17:40.025Z (resets in 1m 1s), as the shared rate-limit state knows; no request was sent. Pass waitOnRateLimit: true to wait instead.",
    });
    expect(attempts.calls).toBe(1);
  });

  it("the rate-limit step passes a call straight on when it does not wait", async () => {
    const step = createRateLimitStep({
      options: {
        waitOnRateLimit: false,
        maxRateLimitWaits: 3,
        maxRateLimitWaitMs: 60_000,
        now: () => 0,
        sleep: async () => {},
        notify: undefined,
        rateLimitState: createMemoryRateLimitState(),
        sharedRateLimitState: false,
      },
      authorizer: () => ({ tokenKey: "token" }) as Authorizer,
    });
    const attempts = scripted({ ...answer(429), headers: { "retry-after": "2" } });
    expect((await step(call, startProgress(), attempts)).status).toBe(429);
    expect(attempts.calls).toBe(1);
  });

  it("auth recovery renews once, then reloads once, then gives the 401 back", async () => {
    let renewals = 0;
    let reloads = 0;
    const step = createAuthRecoveryStep({
      authorizer: () => ({ renew: async () => ++renewals === 1 }) as unknown as Authorizer,
      generation: () => 0,
      canReload: true,
      reloadSince: async () => {
        reloads++;
        return { changed: false };
      },
    });
    const attempts = scripted(answer(401), answer(401), answer(401));
    expect((await step(call, startProgress(), attempts)).status).toBe(401);
    expect([attempts.calls, renewals, reloads]).toEqual([2, 1, 1]);
  });

  it("a guard reserves before sending, settles with the status and parsed body, releases when unanswered", async () => {
    const events: unknown[] = [];
    const step = guardStep({
      reserve: (c) => {
        events.push(["reserve", c.endpoint]);
        return "reservation";
      },
      settle: (reservation, a) => {
        events.push(["settle", reservation, a.status, a.data]);
      },
      release: (reservation) => {
        events.push(["release", reservation]);
      },
    });
    await step(call, startProgress(), scripted(answer(201, { data: { id: "9" } })));
    await expect(
      step(call, startProgress(), scripted(new TransportFailure("timeout", "no complete response"))),
    ).rejects.toBeInstanceOf(TransportFailure);
    expect(events).toEqual([
      ["reserve", "POST /2/tweets"],
      ["settle", "reservation", 201, { data: { id: "9" } }],
      ["reserve", "POST /2/tweets"],
      ["release", "reservation"],
    ]);
  });

  it("a guard that refuses stops the call before anything is sent", async () => {
    const attempt = scripted(answer(200));
    const step = guardStep({
      reserve: () => {
        throw new Error("over the limit");
      },
      settle: () => {},
      release: () => {},
    });
    await expect(step(call, startProgress(), attempt)).rejects.toThrow("over the limit");
    expect(attempt.calls).toBe(0);
  });
});
