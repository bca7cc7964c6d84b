import { describe, expect, it } from "vitest";
import { hmacSha1Signature } from "../src/oauth1/hmac-sha1-signature.js";
import { NonceCache } from "../src/oauth1/nonce-cache.js";
import { decodeFormPairs, parseOAuthAuthorizationHeader } from "../src/oauth1/parameter-sources.js";
import { parseOAuth1Request } from "../src/oauth1/parse-oauth1-request.js";
import { percentEncode } from "../src/oauth1/percent-encode.js";
import {
  baseStringUri,
  normalizeParameters,
  signatureBaseString,
} from "../src/oauth1/signature-base-string.js";

const xDocsRequest = {
  consumerKey: "xvz1evFS4wEEPTGEFPHBog",
  consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
  token: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  tokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
  nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
  timestamp: "1318622958",
};

/** Published signatures, each with where it was published. */
const xDocsVectors = [
  {
    title: 'X docs "Creating a signature" (current, api.x.com)',
    uri: "https://api.x.com/1.1/statuses/update.json",
    signature: "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=",
  },
  {
    title: 'X docs "Creating a signature" (older page, api.twitter.com)',
    uri: "https://api.twitter.com/1.1/statuses/update.json",
    signature: "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
  },
  {
    title: 'X docs "Authorizing a request"',
    uri: "https://api.twitter.com/1/statuses/update.json",
    signature: "tnnArxj06cWHq44gCs1OSKk/jLY=",
  },
];

describe("the emulator's own OAuth 1.0a verification code", () => {
  for (const vector of xDocsVectors) {
    it(`reproduces the published signature of ${vector.title}`, () => {
      const parsed = parseOAuth1Request({
        method: "POST",
        uri: vector.uri,
        query: "include_entities=true",
        form: "status=Hello%20Ladies%20%2b%20Gentlemen%2c%20a%20signed%20OAuth%20request%21",
        authorization: `OAuth oauth_consumer_key="${xDocsRequest.consumerKey}", oauth_nonce="${xDocsRequest.nonce}", oauth_signature="x", oauth_signature_method="HMAC-SHA1", oauth_timestamp="${xDocsRequest.timestamp}", oauth_token="${encodeURIComponent(xDocsRequest.token)}", oauth_version="1.0"`,
      });
      if (parsed.kind !== "claim") throw new Error(`not parsed: ${parsed.kind}`);
      expect(
        hmacSha1Signature(parsed.claim.baseString, xDocsRequest.consumerSecret, xDocsRequest.tokenSecret),
      ).toBe(vector.signature);
    });
  }

  it("reproduces RFC 5849 §1.2 (GET, no oauth_version)", () => {
    const parsed = parseOAuth1Request({
      method: "GET",
      uri: baseStringUri("http", "photos.example.net", "/photos"),
      query: "file=vacation.jpg&size=original",
      form: undefined,
      authorization:
        'OAuth realm="Photos", oauth_consumer_key="dpf43f3p2l4k3l03", oauth_token="nnch734d00sl2jdk", oauth_signature_method="HMAC-SHA1", oauth_timestamp="137131202", oauth_nonce="chapoH", oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"',
    });
    if (parsed.kind !== "claim") throw new Error(`not parsed: ${parsed.kind}`);
    expect(hmacSha1Signature(parsed.claim.baseString, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00")).toBe(
      "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
    );
    expect(parsed.claim.signature).toBe("MdpQcU8iPSUjWoN/UDMsK2sui9I=");
  });

  it("normalizes RFC 5849 §3.4.1.3.2's example (duplicates, empty values, double encoding)", () => {
    const parameters = [
      ...decodeFormPairs("b5=%3D%253D&a3=a&c%40=&a2=r%20b"),
      ...decodeFormPairs("c2&a3=2+q"),
      ["oauth_consumer_key", "9djdj82h48djs9d2"] as const,
      ["oauth_token", "kkk9d7dh3k39sjv7"] as const,
      ["oauth_signature_method", "HMAC-SHA1"] as const,
      ["oauth_timestamp", "137131201"] as const,
      ["oauth_nonce", "7d8f3e4a"] as const,
    ];
    expect(normalizeParameters(parameters)).toBe(
      "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
    );
  });

  it.each([
    ["Ladies + Gentlemen", "Ladies%20%2B%20Gentlemen"],
    ["An encoded string!", "An%20encoded%20string%21"],
    ["Dogs, Cats & Mice", "Dogs%2C%20Cats%20%26%20Mice"],
    ["☃", "%E2%98%83"],
    ["*'()~-._", "%2A%27%28%29~-._"],
  ])("percent-encodes %j as %j (X docs examples, RFC 3986 unreserved set)", (input, expected) => {
    expect(percentEncode(input)).toBe(expected);
  });

  it("lower-cases scheme and host and drops the default port from the base string URI", () => {
    expect(baseStringUri("HTTP", "Example.COM:80", "/r%20v/X")).toBe("http://example.com/r%20v/X");
    expect(baseStringUri("https", "example.com:443", "")).toBe("https://example.com/");
    expect(baseStringUri("http", "127.0.0.1:8080", "/2/users/me")).toBe("http://127.0.0.1:8080/2/users/me");
  });

  it("puts the method in upper case first in the base string", () => {
    expect(signatureBaseString("post", "http://a.example/", [["b", "1"]])).toBe(
      "POST&http%3A%2F%2Fa.example%2F&b%3D1",
    );
  });

  it("parses an Authorization header, skipping realm, and refuses one that is not quoted pairs", () => {
    expect(parseOAuthAuthorizationHeader('OAuth realm="x", oauth_nonce="a%20b",oauth_token=""')).toEqual([
      ["oauth_nonce", "a b"],
      ["oauth_token", ""],
    ]);
    expect(parseOAuthAuthorizationHeader("OAuth oauth_nonce=abc")).toBeUndefined();
    expect(parseOAuthAuthorizationHeader("Bearer abc")).toBeUndefined();
  });

  it("calls a request without OAuth parameters absent and one repeating a protocol parameter with another value malformed", () => {
    const base = { method: "GET", uri: "http://h/", form: undefined, authorization: undefined };
    expect(parseOAuth1Request({ ...base, query: "a=1" })).toEqual({ kind: "absent" });
    expect(
      parseOAuth1Request({
        ...base,
        query: "oauth_nonce=2",
        authorization:
          'OAuth oauth_consumer_key="k", oauth_nonce="1", oauth_signature="s", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1"',
      }),
    ).toEqual({ kind: "malformed", reason: "oauth_nonce appears twice with different values" });
    expect(
      parseOAuth1Request({
        ...base,
        query: "",
        authorization:
          'OAuth oauth_consumer_key="k", oauth_nonce="1", oauth_signature="s", oauth_signature_method="PLAINTEXT", oauth_timestamp="1"',
      }),
    ).toEqual({ kind: "malformed", reason: "oauth_signature_method is not HMAC-SHA1" });
  });

  it("counts an oauth_* parameter repeated with the same value once, as twitter-api-v2's login() signs it", () => {
    const parsed = parseOAuth1Request({
      method: "POST",
      uri: "http://h/oauth/access_token",
      query: "",
      form: "oauth_token=rt&oauth_verifier=1234567",
      authorization:
        'OAuth oauth_consumer_key="k", oauth_nonce="1", oauth_signature="s", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_token="rt", oauth_version="1.0"',
    });
    expect(parsed.kind).toBe("claim");
    if (parsed.kind !== "claim") return;
    expect(parsed.claim.parameters.filter(([name]) => name === "oauth_token")).toEqual([
      ["oauth_token", "rt"],
    ]);
    expect(parsed.claim.protocol.get("oauth_verifier")).toBe("1234567");
    expect(parsed.claim.baseString).toBe(
      "POST&http%3A%2F%2Fh%2Foauth%2Faccess_token&oauth_consumer_key%3Dk%26oauth_nonce%3D1%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1%26oauth_token%3Drt%26oauth_verifier%3D1234567%26oauth_version%3D1.0",
    );
  });

  it("keeps nonces per consumer and timestamp and forgets those older than the tolerance", () => {
    const nonces = new NonceCache(300);
    expect(nonces.remember("k", 1000, "n", 1000)).toBe(true);
    expect(nonces.remember("k", 1000, "n", 1000)).toBe(false);
    expect(nonces.remember("other", 1000, "n", 1000)).toBe(true);
    expect(nonces.remember("k", 1001, "n", 1001)).toBe(true);
    expect(nonces.size).toBe(3);
    nonces.remember("k", 1400, "fresh", 1400);
    expect(nonces.size).toBe(1);
  });
});
