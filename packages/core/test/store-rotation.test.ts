import { describe, expect, it } from "vitest";
import type { SecretRecord, SecretStore, SecretStoreLoadOptions } from "../src/store/secret-store.js";
import { userCredentials, useTestServer } from "./support/connect.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();

const rotated = {
  ...userCredentials,
  accessToken: "1234-rotated-token-9876543210",
  accessTokenSecret: "rotated-secret-9876543210",
};

/** A store whose record can be swapped mid-run, like a secret rotated in AWS Secrets Manager. */
function rotatingStore(
  initial: SecretRecord,
): SecretStore & { loads: SecretStoreLoadOptions[]; current: SecretRecord } {
  const store = {
    kind: "memory",
    source: "memory:x-bot",
    current: initial,
    loads: [] as SecretStoreLoadOptions[],
    async load(options: SecretStoreLoadOptions = {}) {
      store.loads.push(options);
      return store.current;
    },
  };
  return store;
}

/** An API that accepts only the access token `valid()` names, and 401s (code 89) the rest. */
function acceptOnly(valid: () => string) {
  server().handle((request, response) => {
    if (request.headers.authorization?.includes(`oauth_token="${valid()}"`))
      json(response, 200, { data: { id: "7" } });
    else json(response, 401, { errors: [{ code: 89, message: "Invalid or expired token." }] });
  });
}

describe("store rotation", () => {
  it("re-loads the store with forceRefresh after a 401 and retries once with the rotated credentials", async () => {
    const store = rotatingStore(userCredentials);
    acceptOnly(() => rotated.accessToken);
    const api = await connect({ credentials: undefined, store, profile: "bot" });
    store.current = rotated;
    const start = server().received.length;
    expect((await api.get("/2/users/me")).data).toEqual({ data: { id: "7" } });
    expect(store.loads).toEqual([{ profile: "bot" }, { profile: "bot", forceRefresh: true }]);
    expect(server().received.length - start).toBe(2);
  });

  it("throws the AUTH_FAILED when the store still holds the same credentials, without resending", async () => {
    const store = rotatingStore(userCredentials);
    acceptOnly(() => rotated.accessToken);
    const api = await connect({ credentials: undefined, store });
    const start = server().received.length;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({
      code: "AUTH_FAILED",
      status: 401,
      apiCodes: [89],
    });
    expect(store.loads).toEqual([{ profile: "default" }, { profile: "default", forceRefresh: true }]);
    expect(server().received.length - start).toBe(1);
  });

  it("re-loads once for many requests that get 401 at the same time", async () => {
    const store = rotatingStore(userCredentials);
    acceptOnly(() => rotated.accessToken);
    const api = await connect({ credentials: undefined, store });
    store.current = rotated;
    const responses = await Promise.all(Array.from({ length: 6 }, () => api.get("/2/users/me")));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(store.loads.filter((options) => options.forceRefresh === true)).toHaveLength(1);
  });

  it("re-loads at most once per call even if the rotated credentials fail too", async () => {
    const store = rotatingStore(userCredentials);
    acceptOnly(() => "nobody");
    const api = await connect({ credentials: undefined, store });
    store.current = rotated;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect(store.loads.filter((options) => options.forceRefresh === true)).toHaveLength(1);
  });

  it("keeps the store's error as the cause when the re-load fails", async () => {
    const store = rotatingStore(userCredentials);
    acceptOnly(() => rotated.accessToken);
    const api = await connect({ credentials: undefined, store });
    store.current = { CONSUMER_KEY: "only-a-key" };
    const error = (await api.get("/2/users/me").catch((reason: unknown) => reason)) as Error;
    expect(error).toMatchObject({ code: "AUTH_FAILED", status: 401 });
    expect(error.cause).toMatchObject({ code: "CREDENTIALS_MISSING", source: "memory:x-bot" });
  });

  it("does not re-load a connection built from credentials in code", async () => {
    acceptOnly(() => rotated.accessToken);
    const api = await connect();
    const start = server().received.length;
    await expect(api.get("/2/users/me")).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect(server().received.length - start).toBe(1);
  });
});
