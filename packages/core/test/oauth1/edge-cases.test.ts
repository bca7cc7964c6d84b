import { describe, expect, it } from "vitest";
import { oauth1BaseString } from "../../src/oauth1/base-string.js";
import { collectOAuth1Parameters } from "../../src/oauth1/collect-parameters.js";
import { normalizeOAuth1Parameters } from "../../src/oauth1/normalize-parameters.js";
import { oauth1BaseStringUri } from "../../src/oauth1/request-url.js";
import { oauth1SigningKey } from "../../src/oauth1/signing-key.js";
import { edgeCases } from "./edge-cases.js";
import { referencePercentEncode } from "./reference-signer.js";

describe("RFC 5849 §3.4 edge cases", () => {
  it.each(edgeCases)("$title", (edgeCase) => {
    const { url, form } = edgeCase;
    const method = edgeCase.method ?? "GET";
    const oauthParams = edgeCase.oauthParams ?? {};
    expect(oauth1BaseStringUri(url)).toBe(edgeCase.uri);
    expect(normalizeOAuth1Parameters(collectOAuth1Parameters({ url, form, oauthParams }))).toBe(
      edgeCase.normalized,
    );
    expect(oauth1BaseString({ method, url, form, oauthParams })).toBe(
      `${method.toUpperCase()}&${referencePercentEncode(edgeCase.uri)}&${referencePercentEncode(edgeCase.normalized)}`,
    );
  });

  it("the signing key without a token secret keeps its trailing &", () => {
    expect(oauth1SigningKey("kd94hf93k423kf44")).toBe("kd94hf93k423kf44&");
    expect(oauth1SigningKey("kd94hf93k423kf44", "")).toBe("kd94hf93k423kf44&");
  });

  it("the signing key percent-encodes both secrets", () => {
    expect(oauth1SigningKey("a&b c", "d+é")).toBe("a%26b%20c&d%2B%C3%A9");
  });
});
