import { createHmac } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { TwauthError } from "../../src/errors/twauth-error.js";
import { oauth1AuthorizationHeader } from "../../src/oauth1/authorization-header.js";
import { oauth1BaseString } from "../../src/oauth1/base-string.js";
import { collectOAuth1Parameters } from "../../src/oauth1/collect-parameters.js";
import { decodeFormUrlEncoded } from "../../src/oauth1/form-urlencoded.js";
import { createRandomNonceSource } from "../../src/oauth1/nonce.js";
import { createOAuth1Signer, type OAuth1Credentials } from "../../src/oauth1/signer.js";
import { oauth1SigningKey } from "../../src/oauth1/signing-key.js";

const credentials = {
  consumerKey: "ck-public-id",
  consumerSecret: "CONSUMER-SECRET-VALUE",
  accessToken: "TOKEN-VALUE",
  accessTokenSecret: "TOKEN-SECRET-VALUE",
} as const;
const secrets = [credentials.consumerSecret, credentials.accessTokenSecret];

function headerParameters(header: string): Record<string, string> {
  expect(header.startsWith("OAuth ")).toBe(true);
  return Object.fromEntries(
    header
      .slice("OAuth ".length)
      .split(", ")
      .map((field) => {
        const match = /^([^=]+)="([^"]*)"$/.exec(field);
        expect(match).not.toBeNull();
        return [match![1]!, decodeURIComponent(match![2]!)];
      }),
  );
}

function thrown(action: () => unknown): TwauthError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(TwauthError);
    return error as TwauthError;
  }
  throw new Error("expected a TwauthError");
}

describe("createOAuth1Signer", () => {
  it("writes the seven protocol parameters in name order, the signature verifying against the base string", () => {
    const signer = createOAuth1Signer(credentials, { nonce: () => "abc", now: () => 1_700_000_000_999 });
    const header = signer.authorize({ method: "GET", url: "https://api.x.com/2/users/me?user.fields=id" });
    const parameters = headerParameters(header);
    expect(Object.keys(parameters)).toEqual([
      "oauth_consumer_key",
      "oauth_nonce",
      "oauth_signature",
      "oauth_signature_method",
      "oauth_timestamp",
      "oauth_token",
      "oauth_version",
    ]);
    expect(parameters).toMatchObject({
      oauth_nonce: "abc",
      oauth_timestamp: "1700000000",
      oauth_token: "TOKEN-VALUE",
    });
    const { oauth_signature: signature, ...signed } = parameters;
    const baseString = oauth1BaseString({
      method: "GET",
      url: "https://api.x.com/2/users/me?user.fields=id",
      oauthParams: signed,
    });
    const key = oauth1SigningKey(credentials.consumerSecret, credentials.accessTokenSecret);
    expect(signature).toBe(createHmac("sha1", key).update(baseString).digest("base64"));
  });

  it("signs with the consumer only, key ending in &, when no access token is given", () => {
    const signer = createOAuth1Signer(
      { consumerKey: "ck", consumerSecret: "cs" },
      { nonce: () => "n", now: () => 1_000_000 },
    );
    expect(signer.context).toBe("consumer");
    const parameters = headerParameters(
      signer.authorize({ method: "POST", url: "https://api.x.com/oauth/request_token" }),
    );
    expect(parameters.oauth_token).toBeUndefined();
    const { oauth_signature: signature, ...signed } = parameters;
    const baseString = oauth1BaseString({
      method: "POST",
      url: "https://api.x.com/oauth/request_token",
      oauthParams: signed,
    });
    expect(signature).toBe(createHmac("sha1", "cs&").update(baseString).digest("base64"));
  });

  it("signs and sends oauth_callback for a request-token call, and oauth_verifier for an access-token call", () => {
    const options = { nonce: () => "n", now: () => 1_000_000 };
    const consumer = createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs" }, options);
    const callback = "https://app.example/cb?x=1&y=a b";
    const requestToken = consumer.authorize({
      method: "POST",
      url: "https://api.x.com/oauth/request_token",
      form: { x_auth_access_type: "write" },
      oauthParams: { oauth_callback: callback },
    });
    expect(requestToken).toMatch(
      /^OAuth oauth_callback="https%3A%2F%2Fapp.example%2Fcb%3Fx%3D1%26y%3Da%20b", oauth_consumer_key="ck", /,
    );
    const { oauth_signature: signature, ...signed } = headerParameters(requestToken);
    expect(signed.oauth_callback).toBe(callback);
    const baseString = oauth1BaseString({
      method: "POST",
      url: "https://api.x.com/oauth/request_token",
      form: { x_auth_access_type: "write" },
      oauthParams: signed,
    });
    expect(baseString).toContain(
      "oauth_callback%3Dhttps%253A%252F%252Fapp.example%252Fcb%253Fx%253D1%2526y%253Da%2520b",
    );
    expect(signature).toBe(createHmac("sha1", "cs&").update(baseString).digest("base64"));

    const withRequestToken = createOAuth1Signer(
      { consumerKey: "ck", consumerSecret: "cs", accessToken: "rt", accessTokenSecret: "rts" },
      options,
    );
    const accessToken = headerParameters(
      withRequestToken.authorize({
        method: "POST",
        url: "https://api.x.com/oauth/access_token",
        oauthParams: { oauth_verifier: "1234567" },
      }),
    );
    expect(Object.keys(accessToken)).toEqual([
      "oauth_consumer_key",
      "oauth_nonce",
      "oauth_signature",
      "oauth_signature_method",
      "oauth_timestamp",
      "oauth_token",
      "oauth_verifier",
      "oauth_version",
    ]);
    expect(accessToken.oauth_verifier).toBe("1234567");
  });

  it("draws a fresh 32-hex-digit nonce per request, across refills of the random pool", () => {
    const signer = createOAuth1Signer(credentials);
    const nonces = new Set<string>();
    for (let index = 0; index < 700; index++) {
      const { oauth_nonce: nonce } = headerParameters(
        signer.authorize({ method: "GET", url: "https://x.test/" }),
      );
      expect(nonce).toMatch(/^[0-9a-f]{32}$/);
      nonces.add(nonce!);
    }
    expect(nonces.size).toBe(700);
    const source = createRandomNonceSource();
    expect(source()).toMatch(/^[0-9a-f]{32}$/);
    expect(source()).not.toBe(source());
  });

  it("timestamps in whole seconds from the injected clock", () => {
    const signer = createOAuth1Signer(credentials, { now: () => 1_318_622_958_999 });
    expect(
      headerParameters(signer.authorize({ method: "GET", url: "https://x.test/" })).oauth_timestamp,
    ).toBe("1318622958");
  });

  it("accepts a URL object, and leaves the request's inputs as they were", () => {
    const signer = createOAuth1Signer(credentials, { nonce: () => "n", now: () => 0 });
    const url = new URL("https://x.test/r?a=1");
    const form = new URLSearchParams([["b", "2"]]);
    const header = signer.authorize({ method: "POST", url, form });
    expect(header).toBe(signer.authorize({ method: "POST", url: "https://x.test/r?a=1", form: "b=2" }));
    expect(url.href).toBe("https://x.test/r?a=1");
    expect(form.toString()).toBe("b=2");
  });
});

describe("signer secrecy", () => {
  const signer = createOAuth1Signer(credentials);

  it("shows no secret to util.inspect, JSON.stringify, String or its own keys", () => {
    const shown = [
      inspect(signer, { showHidden: true, depth: 10 }),
      JSON.stringify(signer),
      String(signer),
      `${signer}`,
      Object.keys(signer).join(","),
      JSON.stringify(Object.getOwnPropertyDescriptors(signer)),
    ].join("\n");
    for (const secret of [...secrets, credentials.accessToken]) expect(shown).not.toContain(secret);
    expect(inspect(signer)).toBe("OAuth1Signer { consumerKey: 'ck-p…', context: 'user' }");
    expect(JSON.parse(JSON.stringify(signer))).toEqual({
      type: "OAuth1Signer",
      consumerKey: "ck-p…",
      context: "user",
    });
  });

  it("is frozen, so no secret can be attached to it later by mistake", () => {
    expect(Object.isFrozen(signer)).toBe(true);
  });

  it("names a bad argument in its error without repeating the value", () => {
    const secretUrl = "ftp://x.test/r?access_token=URL-SECRET-VALUE";
    const cases: Array<[() => unknown, string, string]> = [
      [
        () => createOAuth1Signer(null as unknown as OAuth1Credentials),
        "credentials",
        "createOAuth1Signer: credentials must be an object with consumerKey and consumerSecret",
      ],
      [
        () => createOAuth1Signer({ ...credentials, consumerKey: "" }),
        "credentials.consumerKey",
        "createOAuth1Signer: credentials.consumerKey must be a non-empty string",
      ],
      [
        () => createOAuth1Signer({ ...credentials, consumerSecret: 12345 as unknown as string }),
        "credentials.consumerSecret",
        "createOAuth1Signer: credentials.consumerSecret must be a non-empty string",
      ],
      [
        () => createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs", accessToken: "TOKEN-VALUE" }),
        "credentials.accessTokenSecret",
        "createOAuth1Signer: credentials.accessTokenSecret is required with credentials.accessToken",
      ],
      [
        () =>
          createOAuth1Signer({
            consumerKey: "ck",
            consumerSecret: "cs",
            accessTokenSecret: "TOKEN-SECRET-VALUE",
          }),
        "credentials.accessToken",
        "createOAuth1Signer: credentials.accessToken is required with credentials.accessTokenSecret",
      ],
      [
        () => createOAuth1Signer({ ...credentials, accessTokenSecret: "" }),
        "credentials.accessTokenSecret",
        "createOAuth1Signer: credentials.accessTokenSecret must be a non-empty string",
      ],
      [
        () => createOAuth1Signer(credentials, { nonce: "CONSUMER-SECRET-VALUE" as unknown as () => string }),
        "options.nonce",
        "createOAuth1Signer: options.nonce must be a function",
      ],
      [
        () => signer.authorize({ method: "GET", url: secretUrl }),
        "url",
        "signer.authorize: url must be an absolute http: or https: URL",
      ],
      [
        () => signer.authorize({ method: "GET", url: "not a url URL-SECRET-VALUE" }),
        "url",
        "signer.authorize: url must be an absolute http: or https: URL",
      ],
      [
        () => signer.authorize({ method: "GET", url: 42 as unknown as string }),
        "url",
        "signer.authorize: url must be a string or a URL",
      ],
      [
        () => signer.authorize({ method: "GE T", url: "https://x.test/" }),
        "method",
        "signer.authorize: method must be an HTTP method name such as GET or POST",
      ],
      [
        () => signer.authorize({ method: "POST", url: "https://x.test/", form: 7 as unknown as string }),
        "form",
        "signer.authorize: form must be a URLSearchParams, a record of string values or an encoded string",
      ],
      [
        () =>
          signer.authorize({
            method: "POST",
            url: "https://x.test/",
            form: { status: 1 as unknown as string },
          }),
        'form["status"]',
        'signer.authorize: form["status"] must be a string or an array of strings',
      ],
      [
        () =>
          signer.authorize({
            method: "POST",
            url: "https://x.test/",
            oauthParams: { oauth_token: "URL-SECRET-VALUE" },
          }),
        "oauthParams.oauth_token",
        "signer.authorize: oauthParams.oauth_token is set by the signer itself",
      ],
      [
        () => signer.authorize({ method: "POST", url: "https://x.test/", oauthParams: { callback: "oob" } }),
        "oauthParams.callback",
        "signer.authorize: oauthParams.callback is not a protocol parameter (oauth_*)",
      ],
      [
        () =>
          createOAuth1Signer(credentials, { nonce: () => "" }).authorize({
            method: "GET",
            url: "https://x.test/",
          }),
        "options.nonce",
        "signer.authorize: options.nonce must return a non-empty string",
      ],
      [
        () =>
          createOAuth1Signer(credentials, { now: () => Number.NaN }).authorize({
            method: "GET",
            url: "https://x.test/",
          }),
        "options.now",
        "signer.authorize: options.now must return epoch milliseconds as a finite number",
      ],
      [
        () =>
          oauth1BaseString({
            method: "GET",
            url: "https://x.test/",
            oauthParams: { oauth_nonce: 5 as unknown as string },
          }),
        "oauthParams.oauth_nonce",
        "oauth1BaseString: oauthParams.oauth_nonce must be a string",
      ],
      [
        () => collectOAuth1Parameters({ url: "mailto:URL-SECRET-VALUE@x.test" }),
        "url",
        "collectOAuth1Parameters: url must be an absolute http: or https: URL",
      ],
    ];
    for (const [action, argument, message] of cases) {
      const error = thrown(action);
      expect({ code: error.code, message: error.message, keys: error.keys }).toEqual({
        code: "OPTIONS_INVALID",
        message,
        keys: [argument],
      });
      const everything = `${error.message}\n${inspect(error)}\n${JSON.stringify(error)}`;
      for (const secret of [...secrets, "URL-SECRET-VALUE", "12345"])
        expect(everything).not.toContain(secret);
      expect(error.cause).toBeUndefined();
    }
  });
});

describe("step functions", () => {
  it("decodes form-urlencoded text the WHATWG way", () => {
    expect(decodeFormUrlEncoded("a=1&&b&c=x+y%2B&=v&d=%zz&e=%E2%98")).toEqual([
      ["a", "1"],
      ["b", ""],
      ["c", "x y+"],
      ["", "v"],
      ["d", "%zz"],
      ["e", "\uFFFD"],
    ]);
  });

  it("keeps a leading ? of form text in the first name, as a server reading the body does", () => {
    expect(decodeFormUrlEncoded("?a=1&b=%3F")).toEqual([
      ["?a", "1"],
      ["b", "?"],
    ]);
  });

  it("writes a header from protocol parameters in name order, values encoded", () => {
    expect(
      oauth1AuthorizationHeader({ oauth_version: "1.0", oauth_signature: "a+b/c=", oauth_callback: "oob" }),
    ).toBe('OAuth oauth_callback="oob", oauth_signature="a%2Bb%2Fc%3D", oauth_version="1.0"');
  });
});
