import { describe, expect, it } from "vitest";
import {
  createOAuth2TokenSource,
  type OAuth2Rotation,
  type StoredOAuth2Tokens,
} from "../src/auth/oauth2-token-source.js";
import type { OAuth2Tokens } from "../src/user-auth/oauth2-token-exchange.js";

/**
 * X's token endpoint reduced to its rule: each refresh token is accepted once. In memory, because
 * these tests are about the source's decisions; the emulator tests drive the same over HTTP.
 */
function fakeTokenEndpoint(clock: { now: number }) {
  let serial = 0;
  const live = new Set(["r0"]);
  const spent: string[] = [];
  return {
    spent,
    refresh: async (refreshToken: string): Promise<OAuth2Tokens> => {
      await Promise.resolve();
      if (!live.delete(refreshToken))
        throw Object.assign(new Error("invalid_request"), { code: "REFRESH_TOKEN_INVALID" });
      spent.push(refreshToken);
      serial++;
      live.add(`r${serial}`);
      return {
        accessToken: `a${serial}`,
        refreshToken: `r${serial}`,
        expiresAt: clock.now + 7_200_000,
        scopes: [],
      };
    },
  };
}

/** A store shared by several sources, with a lock that serialises rotation steps (as the file lock does). */
function sharedStore(initial: StoredOAuth2Tokens) {
  let stored = initial;
  let queue: Promise<unknown> = Promise.resolve();
  const rotate: OAuth2Rotation = (step) => {
    const run = queue.then(async () => {
      stored = await step(stored);
      return stored;
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return { rotate, stored: () => stored };
}

const initial = { accessToken: "a0", refreshToken: "r0", expiresAt: 10_000_000 };

describe("an OAuth 2.0 token source", () => {
  it("uses the token as it is until shortly before it expires, then refreshes once for every caller", async () => {
    const clock = { now: 0 };
    const endpoint = fakeTokenEndpoint(clock);
    const source = createOAuth2TokenSource({
      initial,
      refresh: endpoint.refresh,
      now: () => clock.now,
      refreshBeforeMs: 60_000,
    });
    expect(source.current()).toBe("a0");
    clock.now = 10_000_000 - 60_000;
    const tokens = await Promise.all([source.current(), source.current(), source.current()]);
    expect(tokens).toEqual(["a1", "a1", "a1"]);
    expect(endpoint.spent).toEqual(["r0"]);
  });

  it("refreshes once after a 401 however many requests saw it, and not again for a token already replaced", async () => {
    const clock = { now: 0 };
    const endpoint = fakeTokenEndpoint(clock);
    const source = createOAuth2TokenSource({
      initial,
      refresh: endpoint.refresh,
      now: () => clock.now,
      refreshBeforeMs: 60_000,
    });
    await Promise.all([source.renew("a0"), source.renew("a0")]);
    await source.renew("a0");
    expect(source.current()).toBe("a1");
    expect(endpoint.spent).toEqual(["r0"]);
  });

  it("saves through the store's rotation, and a second source sharing the store uses the tokens the first one got", async () => {
    const clock = { now: 0 };
    const endpoint = fakeTokenEndpoint(clock);
    const store = sharedStore(initial);
    const make = () =>
      createOAuth2TokenSource({
        initial,
        refresh: endpoint.refresh,
        rotate: store.rotate,
        now: () => clock.now,
        refreshBeforeMs: 60_000,
      });
    const [first, second] = [make(), make()];
    clock.now = 10_000_000;
    const tokens = await Promise.all([first.current(), second.current()]);
    expect(tokens).toEqual(["a1", "a1"]);
    expect(endpoint.spent).toEqual(["r0"]);
    expect(store.stored()).toEqual({
      accessToken: "a1",
      refreshToken: "r1",
      expiresAt: 10_000_000 + 7_200_000,
    });
  });

  it("tries again on the next call after a failed refresh: nothing stays stuck", async () => {
    const clock = { now: 10_000_000 };
    let failures = 1;
    const endpoint = fakeTokenEndpoint(clock);
    const refresh = async (token: string) => {
      if (failures-- > 0) throw new Error("network down");
      return endpoint.refresh(token);
    };
    const source = createOAuth2TokenSource({
      initial,
      refresh,
      now: () => clock.now,
      refreshBeforeMs: 60_000,
    });
    await expect(source.current()).rejects.toThrow("network down");
    await expect(source.current()).resolves.toBe("a1");
  });

  it("says to sign in again when the token expired and there is no refresh token, naming no value", async () => {
    const source = createOAuth2TokenSource({
      initial: { accessToken: "secret-access", expiresAt: 0 },
      refresh: async () => {
        throw new Error("not called");
      },
      now: () => 1,
      refreshBeforeMs: 0,
    });
    await expect(source.current()).rejects.toMatchObject({
      code: "REFRESH_TOKEN_INVALID",
      message:
        "the OAuth 2.0 access token has expired and there is no refresh token to renew it: sign the user in again with the offline.access scope (twauth login --oauth2).",
    });
  });

  it("knows every token it held, for redaction", async () => {
    const clock = { now: 0 };
    const endpoint = fakeTokenEndpoint(clock);
    const source = createOAuth2TokenSource({
      initial,
      refresh: endpoint.refresh,
      now: () => clock.now,
      refreshBeforeMs: 0,
    });
    await source.renew("a0");
    expect(source.known()).toEqual(["a0", "r0", "a1", "r1"]);
  });
});
