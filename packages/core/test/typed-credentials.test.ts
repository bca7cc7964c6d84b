import { describe, expect, it } from "vitest";
import type { CredentialsInput } from "../src/connection/connection-options.js";
import { resolveCredentials } from "../src/credentials/resolve-credentials.js";
import { useTestServer } from "./support/connect.js";
import { json } from "./support/test-server.js";

const { server, connect } = useTestServer();

describe("getApiConnection with typed Credentials", () => {
  it("takes what resolveCredentials returns for an OAuth 2.0 record as it is", async () => {
    const credentials = resolveCredentials({
      OAUTH2_ACCESS_TOKEN: "oauth2-access-token-0123456789",
      OAUTH2_REFRESH_TOKEN: "oauth2-refresh-token-0123456789",
      CLIENT_ID: "client-id-0123456789",
      // Far ahead: an expired token would be refreshed first (see oauth2-flow.test.ts).
      OAUTH2_EXPIRES_AT: "4102444800000",
    });
    server().handle((_, response) => json(response, 200, { data: { id: "7", username: "someone" } }));
    const api = await connect({ credentials });
    expect(api.tokenType).toBe("oauth2-user");
    expect(await api.verifyCredentials()).toEqual({ id: "7", username: "someone", tokenType: "oauth2-user" });
    expect(server().received.at(-1)?.headers.authorization).toBe("Bearer oauth2-access-token-0123456789");
  });

  it("takes typed OAuth 1.0a and app-only credentials as they are", async () => {
    const user = resolveCredentials({
      CONSUMER_KEY: "consumer-key-0123456789",
      CONSUMER_SECRET: "consumer-secret-0123456789",
      ACCESS_KEY: "1234-access-token-0123456789",
      ACCESS_SECRET: "access-token-secret-0123456789",
    });
    expect((await connect({ credentials: user })).tokenType).toBe("user");
    const app = resolveCredentials({ BEARER_TOKEN: "AAAA-bearer-0123456789" });
    server().handle((_, response) => json(response, 200, { data: [] }));
    const api = await connect({ credentials: app });
    await api.get("/2/tweets/search/recent", { query: { query: "x" } });
    expect(server().received.at(-1)?.headers.authorization).toBe("Bearer AAAA-bearer-0123456789");
  });

  it("lets a misspelt credential name fail typecheck", () => {
    // @ts-expect-error `consumerKye` is not a credential name: CredentialsInput has no index signature
    const typo: CredentialsInput = { consumerKye: "k" };
    expect(typo).toBeDefined();
  });
});
