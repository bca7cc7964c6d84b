import { describe, expect, it } from "vitest";
import { createRedactor } from "../src/output/redactor.js";

// X's bearer tokens carry "%2B"-style escapes; the emulator's random ones only usually do, so the
// decoded and re-encoded forms are proven here with a fixed token.
const bearer =
  "AAAAAAAAAAAAAAAAAAAAAMLheAAAAAAA0%2BuSeid%2BULvsea4JtiGRiSDSJSI%3DEUifiRBkKG5E2XzMDjRfl76ZC9Ub0wnz4XsNiRVBChTYbJcE3F";

describe("the CLI redactor", () => {
  it("redacts a bearer token as sent, percent-decoded, and encoded by RFC 3986", () => {
    const redactor = createRedactor();
    redactor.add([bearer]);
    const decoded = decodeURIComponent(bearer);
    const text = `sent ${bearer}; echoed ${decoded}; in a query ${encodeURIComponent(bearer)}`;
    expect(redactor.redact(text)).toBe("sent [redacted]; echoed [redacted]; in a query [redacted]");
  });

  it("redacts Authorization values and token fields it was never given, and lets revealed values through", () => {
    const redactor = createRedactor();
    const text =
      'Authorization: Basic dXNlcjpwYXNzd29yZA== {"access_token": "unknown-token-1234", "scope": "tweet.read"} refresh_token=abcdefgh12&x=1';
    expect(redactor.redact(text)).toBe(
      'Authorization: Basic [redacted] {"access_token": "[redacted]", "scope": "tweet.read"} refresh_token=[redacted]&x=1',
    );
    expect(
      redactor.redact('{"access_token": "unknown-token-1234"}', { reveal: ["unknown-token-1234"] }),
    ).toBe('{"access_token": "unknown-token-1234"}');
  });

  it("leaves short values and ordinary words alone", () => {
    const redactor = createRedactor();
    redactor.add(["short", "   "]);
    expect(redactor.redact("a short Bearer token story")).toBe("a short Bearer token story");
  });
});
