import { describe, expect, it } from "vitest";
import { getApiConnection } from "../src/connection/get-api-connection.js";
import { apiBaseUrlOrigin, checkApiBaseUrl } from "../src/http/base-url.js";
import { completeUserAuthorization } from "../src/user-auth/complete-user-authorization.js";
import { startUserAuthorization } from "../src/user-auth/start-user-authorization.js";
import { userCredentials } from "./support/connect.js";

const rule =
  'baseUrl must be an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1]).';

describe("the one baseUrl rule", () => {
  it.each([
    ["https://api.x.com", "https://api.x.com"],
    ["https://api.x.com/", "https://api.x.com"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["http://localhost:8787/", "http://localhost:8787"],
    ["http://[::1]:8787", "http://[::1]:8787"],
  ])("accepts %s", (value, origin) => {
    expect(apiBaseUrlOrigin(value)).toBe(origin);
  });

  it.each([
    ["plain http to another host", "http://api.example.invalid"],
    ["another scheme", "ftp://api.x.com"],
    ["credentials in the URL", "https://user:pass@api.x.com"],
    ["a query", "https://api.x.com?debug=1"],
    ["not a URL", "api.x.com"],
  ])("refuses %s, naming the key and not the value", (_name, value) => {
    expect(() => checkApiBaseUrl(value, "--base-url")).toThrow(
      expect.objectContaining({
        code: "OPTIONS_INVALID",
        keys: ["--base-url"],
        message: rule.replace("baseUrl", "--base-url"),
      }),
    );
  });

  it("getApiConnection refuses plain http to a host that is not loopback", async () => {
    await expect(
      getApiConnection({ credentials: userCredentials, baseUrl: "http://api.example.invalid" }),
    ).rejects.toMatchObject({ code: "OPTIONS_INVALID", keys: ["baseUrl"] });
  });

  it.each([
    [
      "startUserAuthorization",
      () => startUserAuthorization({ ...app, baseUrl: "http://api.example.invalid", fetch: recordingFetch }),
    ],
    [
      "completeUserAuthorization",
      () =>
        completeUserAuthorization({
          ...app,
          requestToken: "request-token-0123456789",
          requestTokenSecret: "request-token-secret-0123456789",
          verifier: "1234567",
          baseUrl: "http://api.example.invalid",
          fetch: recordingFetch,
        }),
    ],
  ])("%s refuses http://api.example.invalid before sending anything", async (_name, run) => {
    sent.length = 0;
    await expect(run()).rejects.toMatchObject({ code: "OPTIONS_INVALID", message: rule });
    expect(sent).toEqual([]);
  });
});

const app = { consumerKey: userCredentials.consumerKey, consumerSecret: userCredentials.consumerSecret };
const sent: string[] = [];
// Only records that something would be sent: the test proves nothing ever reaches it.
const recordingFetch = async (url: string) => {
  sent.push(url);
  return new Response("", { status: 500 });
};
