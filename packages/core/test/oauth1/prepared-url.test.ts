import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TwauthError } from "../../src/errors/twauth-error.js";
import { createPreparedUrlCache } from "../../src/oauth1/prepared-url.js";
import { createOAuth1Signer, maxPreparedUrls } from "../../src/oauth1/signer.js";
import { referenceAuthorization } from "./reference-signer.js";

const credentials = {
  consumerKey: "ck-public-id",
  consumerSecret: "CONSUMER-SECRET-VALUE",
  accessToken: "TOKEN-VALUE",
  accessTokenSecret: "TOKEN-SECRET-VALUE",
};

function headerField(header: string, name: string): string {
  const match = new RegExp(`${name}="([^"]*)"`).exec(header);
  expect(match).not.toBeNull();
  return decodeURIComponent(match![1]!);
}

describe("the signer's prepared URLs", () => {
  it("gives two requests to one URL different nonces and timestamps, and both verify", () => {
    const nonces = ["first-nonce", "second/nonce"];
    const clock = [1_700_000_000_000, 1_700_000_007_500];
    let call = 0;
    const signer = createOAuth1Signer(credentials, {
      nonce: () => nonces[call]!,
      now: () => clock[call]!,
    });
    const url = "https://api.x.com/2/users/me?user.fields=id,name&a=1";
    const headers: string[] = [];
    for (; call < 2; call++) headers.push(signer.authorize({ method: "GET", url }));
    expect(headerField(headers[0]!, "oauth_nonce")).toBe("first-nonce");
    expect(headerField(headers[1]!, "oauth_nonce")).toBe("second/nonce");
    expect(headerField(headers[0]!, "oauth_timestamp")).toBe("1700000000");
    expect(headerField(headers[1]!, "oauth_timestamp")).toBe("1700000007");
    expect(headers[0]).toBe(
      referenceAuthorization(credentials, { method: "GET", url }, "first-nonce", 1700000000),
    );
    expect(headers[1]).toBe(
      referenceAuthorization(credentials, { method: "GET", url }, "second/nonce", 1700000007),
    );
  });

  it("signs a repeated URL like the reference, query names sorting before, among and after the protocol parameters", () => {
    const name = fc.constantFrom(
      "a",
      "oauth_a",
      "oauth_consumer_key",
      "oauth_consumer_kez",
      "oauth_nonce",
      "oauth_version",
      "oauth_versioo",
      "oauth_versio",
      "oauth_z",
      "z",
      "%",
      "A",
    );
    const query = fc.array(fc.tuple(name, fc.string({ maxLength: 3 })), { maxLength: 4 });
    fc.assert(
      fc.property(
        query,
        fc.constantFrom("GET", "post", "DELETE"),
        fc.boolean(),
        (pairs, method, withForm) => {
          const signer = createOAuth1Signer(credentials, { nonce: () => "n", now: () => 1_000_000 });
          const url = `https://api.x.com/1.1/x.json?${new URLSearchParams(pairs).toString()}`;
          const form = withForm ? { status: "hi" } : undefined;
          const expected = referenceAuthorization(credentials, { method, url, form }, "n", 1000);
          // The first request prepares the URL, the second uses what was prepared.
          expect(signer.authorize({ method, url, form })).toBe(expected);
          expect(signer.authorize({ method, url, form })).toBe(expected);
          expect(signer.authorize({ method, url: new URL(url), form })).toBe(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("signs a URL object as it is now, not as it was when it was first signed", () => {
    const signer = createOAuth1Signer(credentials, { nonce: () => "n", now: () => 1_000_000 });
    const url = new URL("https://api.x.com/2/tweets?ids=1");
    signer.authorize({ method: "GET", url });
    url.searchParams.set("ids", "2");
    expect(signer.authorize({ method: "GET", url })).toBe(
      referenceAuthorization(
        credentials,
        { method: "GET", url: "https://api.x.com/2/tweets?ids=2" },
        "n",
        1000,
      ),
    );
  });

  it("keeps at most its bound of URLs, forgetting the oldest first", () => {
    const cache = createPreparedUrlCache(maxPreparedUrls);
    const first = cache.get("https://api.x.com/2/tweets/0", "test");
    expect(cache.get("https://api.x.com/2/tweets/0", "test")).toBe(first);
    for (let id = 1; id < maxPreparedUrls * 3; id++) cache.get(`https://api.x.com/2/tweets/${id}`, "test");
    expect(cache.size).toBe(maxPreparedUrls);
    expect(cache.get("https://api.x.com/2/tweets/0", "test")).not.toBe(first);
    expect(cache.size).toBe(maxPreparedUrls);
  });

  it("still refuses a URL it cannot sign, and does not keep it", () => {
    const cache = createPreparedUrlCache(4);
    for (const url of ["ftp://x.com/a", "/2/users/me"]) {
      let error: unknown;
      try {
        cache.get(url, "signer.authorize");
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(TwauthError);
      expect((error as TwauthError).code).toBe("OPTIONS_INVALID");
      expect((error as TwauthError).message).toBe(
        "signer.authorize: url must be an absolute http: or https: URL",
      );
    }
    expect(cache.size).toBe(0);
  });
});
