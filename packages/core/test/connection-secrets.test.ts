import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { userCredentials, useTestServer } from "./support/connect.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();
const exchangedBearer = "AAAAexchanged-bearer-token-0123456789";
const appCredentials = {
  consumerKey: "app-consumer-key-0123456789",
  consumerSecret: "app-consumer-secret-0123456789",
};
const secrets = [...Object.values(userCredentials), ...Object.values(appCredentials), exchangedBearer];

/** Everything a program could print about a value. */
function printed(value: unknown): string {
  return [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value), String(value)].join("\n");
}

function expectNoSecret(text: string) {
  for (const secret of secrets) expect(text).not.toContain(secret);
  expect(text).not.toMatch(/OAuth oauth_|Bearer |Basic /);
}

describe("secrets", () => {
  it("never shows up when a user-context connection, its response or its errors are printed", async () => {
    let calls = 0;
    server().handle((request, response) => {
      calls++;
      if (calls === 1) json(response, 200, { data: { id: "1" } });
      else if (calls === 2)
        json(response, 401, {
          errors: [{ code: 32, message: `Could not authenticate ${request.headers.authorization}` }],
        });
      else response.socket?.destroy();
    });
    const api = await connect({ retryCount: 0 });
    const response = await api.get("/2/users/me");
    const authError = await api.get("/2/users/me").catch((error: unknown) => error);
    const networkError = await api.post("/2/tweets", { json: {} }).catch((error: unknown) => error);
    expect(authError).toMatchObject({ code: "AUTH_FAILED" });
    expect(networkError).toMatchObject({ code: "NETWORK_ERROR" });
    for (const value of [api, response, authError, networkError, (networkError as Error).cause])
      expectNoSecret(printed(value));
    expect(printed(api)).toContain("ApiConnection { tokenType: 'user', baseUrl: 'http://127.0.0.1:");
    expect((authError as Error).message).toBe(
      "X rejected the credentials for GET /2/users/me (401, code 32): Could not authenticate [redacted authorization]. X could not verify the signature: the consumer secret or the access token secret is wrong, or they belong to different apps. Copy them again from the developer portal.",
    );
  });

  it("never shows up for an app-only connection with an exchanged bearer token", async () => {
    server().handle((request, response) => {
      if (request.url === "/oauth2/token")
        json(response, 200, { token_type: "bearer", access_token: exchangedBearer });
      else json(response, 400, { title: "Invalid Request", detail: `echo ${request.headers.authorization}` });
    });
    const api = await connect({ credentials: appCredentials, retryCount: 0 });
    const error = await api.get("/2/tweets/search/recent").catch((reason: unknown) => reason);
    expect(error).toMatchObject({ code: "API_ERROR", status: 400 });
    expect((error as Error).message).toBe(
      "X answered 400 to GET /2/tweets/search/recent: Invalid Request: echo [redacted authorization]",
    );
    for (const value of [api, error]) expectNoSecret(printed(value));
  });
});

describe("secrets in their other forms", () => {
  // X's bearer tokens hold percent-encoded characters; a server may echo them decoded, or encoded again.
  const encodedBearer = "AAAAexchanged%2Bbearer%3Dtoken-0123456789";
  const decodedBearer = "AAAAexchanged+bearer=token-0123456789";

  it.each([
    ["percent-decoded", decodedBearer],
    ["percent-encoded again", encodeURIComponent(encodedBearer)],
    ["as sent", encodedBearer],
  ])("redacts the exchanged bearer token echoed %s", async (_name, echoed) => {
    server().handle((request, response) => {
      if (request.url === "/oauth2/token")
        json(response, 200, { token_type: "bearer", access_token: encodedBearer });
      else json(response, 400, { title: "Invalid Request", detail: `token ${echoed} is not valid here` });
    });
    const api = await connect({ credentials: appCredentials, retryCount: 0 });
    const error = await api.get("/2/tweets/search/recent").catch((reason: unknown) => reason);
    expect((error as Error).message).toBe(
      "X answered 400 to GET /2/tweets/search/recent: Invalid Request: token [redacted] is not valid here",
    );
    for (const shown of [printed(error)]) {
      expect(shown).not.toContain(decodedBearer);
      expect(shown).not.toContain("exchanged");
    }
  });

  it("redacts a user secret echoed percent-encoded (as OAuth 1.0a sends it)", async () => {
    const secret = "access-token/secret+0123456789!";
    server().handle((_, response) =>
      json(response, 400, { title: "Invalid Request", detail: `bad ${encodeURIComponent(secret)}` }),
    );
    const api = await connect({
      credentials: { ...userCredentials, accessTokenSecret: secret },
      retryCount: 0,
    });
    const error = await api.get("/2/users/me").catch((reason: unknown) => reason);
    expect((error as Error).message).toBe(
      "X answered 400 to GET /2/users/me: Invalid Request: bad [redacted]",
    );
  });
});
