/**
 * oauth-1.0a against our signer, on the same requests. It agrees on the published X vector and on
 * the plain cases; the cases where it departs from RFC 5849 are asserted as departures, each with
 * its reason in edge-cases.ts, so a change in either library shows up here.
 */
import { createHmac } from "node:crypto";
import OAuth from "oauth-1.0a";
import { describe, expect, it } from "vitest";
import { oauth1BaseString } from "../../src/oauth1/base-string.js";
import type { OAuth1Form } from "../../src/oauth1/form.js";
import { createOAuth1Signer } from "../../src/oauth1/signer.js";
import { edgeCases } from "./edge-cases.js";
import { signerVectors } from "./vectors.js";

function hmacSha1(baseString: string, key: string): string {
  return createHmac("sha1", key).update(baseString).digest("base64");
}

function oauth1a(consumer = { key: "ck", secret: "cs" }): OAuth {
  return new OAuth({ consumer, signature_method: "HMAC-SHA1", hash_function: hmacSha1 });
}

// oauth-1.0a takes a body only as an object; duplicates become arrays.
function asOauth1aData(form: OAuth1Form | undefined): Record<string, string | string[]> {
  if (form === undefined) return {};
  if (typeof form !== "string" && !(form instanceof URLSearchParams)) {
    return Object.fromEntries(
      Object.entries(form).map(([name, value]) => [name, typeof value === "string" ? value : [...value]]),
    );
  }
  const data: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(form)) {
    const existing = data[name];
    data[name] =
      existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return data;
}

const protocol = {
  oauth_consumer_key: "ck",
  oauth_nonce: "n0nce",
  oauth_signature_method: "HMAC-SHA1",
  oauth_timestamp: "1700000000",
  oauth_version: "1.0",
};

function oauth1aBaseString(method: string, url: string, form: OAuth1Form | undefined): string {
  const data = asOauth1aData(form);
  return oauth1a().getBaseString(
    { method, url, data },
    { ...protocol, oauth_timestamp: Number(protocol.oauth_timestamp) },
  );
}

describe("differential: oauth-1.0a", () => {
  it.each(signerVectors)("agrees on $title", (vector) => {
    const theirs = oauth1a({
      key: vector.credentials.consumerKey,
      secret: vector.credentials.consumerSecret,
    });
    const data = theirs.authorize(
      { method: vector.method, url: vector.url, data: { ...vector.form } },
      { key: vector.credentials.accessToken, secret: vector.credentials.accessTokenSecret },
    );
    const signer = createOAuth1Signer(vector.credentials, {
      nonce: () => data.oauth_nonce,
      now: () => data.oauth_timestamp * 1000,
    });
    expect(theirs.toHeader(data).Authorization).toBe(
      signer.authorize({ method: vector.method, url: vector.url, form: vector.form }),
    );
  });

  const comparable = edgeCases.filter(
    (edgeCase) => edgeCase.oauth1a === "agrees" || "differs" in edgeCase.oauth1a,
  );

  it.each(comparable.filter((edgeCase) => edgeCase.oauth1a === "agrees"))("agrees: $title", (edgeCase) => {
    const method = edgeCase.method ?? "GET";
    expect(oauth1aBaseString(method, edgeCase.url, edgeCase.form)).toBe(
      oauth1BaseString({ method, url: edgeCase.url, form: edgeCase.form, oauthParams: protocol }),
    );
  });

  it.each(comparable.filter((edgeCase) => edgeCase.oauth1a !== "agrees"))("differs: $title", (edgeCase) => {
    const method = edgeCase.method ?? "GET";
    const ours = oauth1BaseString({ method, url: edgeCase.url, form: edgeCase.form, oauthParams: protocol });
    let theirs: string | Error;
    try {
      theirs = oauth1aBaseString(method, edgeCase.url, edgeCase.form);
    } catch (error) {
      theirs = error as Error;
    }
    if (theirs instanceof Error) {
      expect(edgeCase.oauth1a).toEqual({ differs: "throws URIError" });
      expect(theirs).toBeInstanceOf(URIError);
    } else {
      expect(theirs).not.toBe(ours);
    }
  });

  it("counts its departures from RFC 5849 in the edge-case table", () => {
    const departures = comparable.filter((edgeCase) => edgeCase.oauth1a !== "agrees");
    expect({ compared: comparable.length, departures: departures.length }).toEqual({
      compared: 34,
      departures: 20,
    });
  });

  it("mutates the request it is given, where our signer leaves its inputs alone", () => {
    const data = { status: "hi" };
    const request = { method: "POST", url: "https://x.test/r?include_entities=true", data };
    oauth1a().authorize(request, { key: "t", secret: "ts" });
    expect(data).toEqual({ status: "hi", include_entities: "true" });

    const form = Object.freeze({ status: "hi" });
    const oauthParams = Object.freeze({ oauth_callback: "oob" });
    const signer = createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs" });
    signer.authorize(Object.freeze({ method: "POST", url: request.url, form, oauthParams }));
    expect(form).toEqual({ status: "hi" });
  });

  it("defaults to PLAINTEXT and to Math.random nonces, where our signer has HMAC-SHA1 and crypto nonces only", () => {
    const plaintext = new OAuth({ consumer: { key: "ck", secret: "cs" } });
    const data = plaintext.authorize({ method: "GET", url: "https://x.test/r" }, { key: "t", secret: "ts" });
    expect(data.oauth_signature_method).toBe("PLAINTEXT");
    expect(data.oauth_signature).toBe("cs&ts");
    expect(OAuth.prototype.getNonce.toString()).toContain("Math.random");
  });
});
