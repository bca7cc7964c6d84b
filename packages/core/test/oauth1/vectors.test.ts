import { describe, expect, it } from "vitest";
import { oauth1BaseString } from "../../src/oauth1/base-string.js";
import { collectOAuth1Parameters } from "../../src/oauth1/collect-parameters.js";
import { normalizeOAuth1Parameters } from "../../src/oauth1/normalize-parameters.js";
import { percentEncode } from "../../src/oauth1/percent-encode.js";
import { oauth1BaseStringUri } from "../../src/oauth1/request-url.js";
import { hmacSha1Signature } from "../../src/oauth1/signature.js";
import { createOAuth1Signer } from "../../src/oauth1/signer.js";
import { oauth1SigningKey } from "../../src/oauth1/signing-key.js";
import {
  percentEncodingExamples,
  rfc5849BaseStringUris,
  rfc5849Section1_2,
  rfc5849Section3_4_1,
  signerVectors,
} from "./vectors.js";

function signedHeaderParameter(header: string, name: string): string | undefined {
  const match = new RegExp(`${name}="([^"]*)"`).exec(header);
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}

describe("published OAuth 1.0a vectors", () => {
  describe.each(signerVectors)("$title", (vector) => {
    const oauthParams = {
      oauth_consumer_key: vector.credentials.consumerKey,
      oauth_nonce: vector.nonce,
      oauth_signature_method: "HMAC-SHA1",
      oauth_timestamp: String(vector.timestamp),
      oauth_token: vector.credentials.accessToken,
      oauth_version: "1.0",
    };

    it("signs to the published signature", () => {
      const signer = createOAuth1Signer(vector.credentials, {
        nonce: () => vector.nonce,
        now: () => vector.timestamp * 1000,
      });
      const header = signer.authorize({ method: vector.method, url: vector.url, form: vector.form });
      expect(signedHeaderParameter(header, "oauth_signature")).toBe(vector.signature);
      if (vector.header !== undefined) expect(header).toBe(vector.header);
    });

    it("gives the published parameter string, base string and signing key step by step", () => {
      const { credentials } = vector;
      const parameters = collectOAuth1Parameters({ url: vector.url, form: vector.form, oauthParams });
      if (vector.parameterString !== undefined) {
        expect(normalizeOAuth1Parameters(parameters)).toBe(vector.parameterString);
      }
      const baseString = oauth1BaseString({
        method: vector.method,
        url: vector.url,
        form: vector.form,
        oauthParams,
      });
      if (vector.baseString !== undefined) expect(baseString).toBe(vector.baseString);
      const signingKey = oauth1SigningKey(credentials.consumerSecret, credentials.accessTokenSecret);
      if (vector.signingKey !== undefined) expect(signingKey).toBe(vector.signingKey);
      expect(hmacSha1Signature(baseString, signingKey)).toBe(vector.signature);
    });
  });

  it(`${rfc5849Section1_2.title}: base string and signature`, () => {
    const vector = rfc5849Section1_2;
    const baseString = oauth1BaseString({
      method: vector.method,
      url: vector.url,
      oauthParams: vector.oauthParams,
    });
    expect(baseString).toBe(vector.baseString);
    const key = oauth1SigningKey(vector.consumerSecret, vector.tokenSecret);
    expect(hmacSha1Signature(baseString, key)).toBe(vector.signature);
  });

  it(`${rfc5849Section3_4_1.title}: realm and oauth_signature are left out`, () => {
    const vector = rfc5849Section3_4_1;
    const parameters = collectOAuth1Parameters({
      url: vector.url,
      form: vector.form,
      oauthParams: vector.oauthParams,
    });
    expect(normalizeOAuth1Parameters(parameters)).toBe(vector.normalizedParameters);
    expect(oauth1BaseString(vector)).toBe(vector.baseString);
  });

  it.each(rfc5849BaseStringUris)("$title: $url -> $uri", ({ url, uri }) => {
    expect(oauth1BaseStringUri(url)).toBe(uri);
  });

  it.each(percentEncodingExamples)("$title: $input -> $encoded", ({ input, encoded }) => {
    expect(percentEncode(input)).toBe(encoded);
  });
});
