import { createHmac, hash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oauth1BaseString } from "../../src/oauth1/base-string.js";
import { hmacWithCreateHmac, hmacWithOneShotHash } from "../../src/oauth1/hmac-sha1.js";
import { percentEncode, percentEncodeTwice } from "../../src/oauth1/percent-encode.js";
import { createOAuth1Signer } from "../../src/oauth1/signer.js";
import {
  type ReferenceForm,
  referenceAuthorization,
  referenceBaseString,
  referencePercentEncode,
} from "./reference-signer.js";

// Text that stresses encoding: ASCII, the reserved and sub-delimiter characters, any code point,
// and a lone surrogate.
const character = fc.oneof(
  fc.string({ unit: "grapheme-ascii", minLength: 1, maxLength: 1 }),
  fc.constantFrom(
    "!",
    "*",
    "'",
    "(",
    ")",
    "&",
    "=",
    "+",
    "#",
    "%",
    "?",
    "/",
    " ",
    "~",
    ";",
    ":",
    "@",
    ",",
    "$",
    "[",
  ),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
  fc.constantFrom("é", "☃", "😀", "\uD800"),
);
const text = fc.string({ unit: character, maxLength: 12 });
const nonEmptyText = fc.string({ unit: character, minLength: 1, maxLength: 12 });

const randomCase = (value: string) =>
  fc
    .array(fc.boolean(), { minLength: value.length, maxLength: value.length })
    .map((upper) =>
      [...value].map((letter, index) => (upper[index] ? letter.toUpperCase() : letter)).join(""),
    );

// How a client may have written a query component: all the ways mean the same decoded text.
const wellFormed = (value: string) =>
  value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
const queryComponent = (value: string) =>
  fc.constantFrom(
    encodeURIComponent(wellFormed(value)),
    encodeURIComponent(wellFormed(value)).replaceAll("%20", "+"),
    encodeURIComponent(wellFormed(value)).replace(/%[0-9A-F]{2}/g, (sequence) => sequence.toLowerCase()),
    value.replace(/[%&=#+ ]/g, (reserved) => encodeURIComponent(reserved)),
  );

const pairs = fc.array(fc.tuple(text, text), { maxLength: 4 });
// Repeated names on purpose: several values for one name, in query and body alike.
const repeatedPairs = fc
  .tuple(fc.constantFrom("a", "status", "a b", "é"), fc.array(text, { minLength: 1, maxLength: 3 }))
  .map(([name, values]) => values.map((value) => [name, value] as [string, string]));

const query = fc
  .tuple(pairs, repeatedPairs)
  .map(([some, repeated]) => [...some, ...repeated])
  .chain((all) =>
    all.length === 0
      ? fc.constant("")
      : fc
          .tuple(...all.map(([name, value]) => fc.tuple(queryComponent(name), queryComponent(value))))
          .map((encoded) => `?${encoded.map(([name, value]) => `${name}=${value}`).join("&")}`),
  );

const url = fc
  .record({
    scheme: fc.constantFrom("http", "https").chain(randomCase),
    host: fc
      .array(fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/), { minLength: 1, maxLength: 3 })
      .map((labels) => labels.join("."))
      .chain(randomCase),
    port: fc.oneof(
      fc.constant(""),
      fc.constantFrom(":80", ":443"),
      fc.integer({ min: 1, max: 65535 }).map((port) => `:${port}`),
    ),
    path: fc.array(
      text.map((segment) => segment.replace(/[/?#\\]/g, "")),
      { maxLength: 3 },
    ),
    query,
    fragment: fc.oneof(
      fc.constant(""),
      text.map((fragment) => `#${fragment}`),
    ),
  })
  .map(
    ({ scheme, host, port, path, query, fragment }) =>
      `${scheme}://${host}${port}/${path.join("/")}${query}${fragment}`,
  );

const form: fc.Arbitrary<ReferenceForm | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.tuple(pairs, repeatedPairs).map(([some, repeated]) => {
    const record: Record<string, string[]> = {};
    for (const [name, value] of [...some, ...repeated]) {
      if (!Object.hasOwn(record, name)) Object.defineProperty(record, name, { value: [], enumerable: true });
      record[name]!.push(value);
    }
    return record;
  }),
  pairs.map((list) => Object.fromEntries(list)),
  fc.tuple(pairs, repeatedPairs).map(([some, repeated]) => new URLSearchParams([...some, ...repeated])),
  fc
    .tuple(pairs, repeatedPairs)
    .map(([some, repeated]) => new URLSearchParams([...some, ...repeated]).toString()),
);

const method = fc.constantFrom("GET", "POST", "PUT", "DELETE", "get", "post", "Patch");

const credentials = fc.oneof(
  fc.record({ consumerKey: nonEmptyText, consumerSecret: nonEmptyText }),
  fc.record({
    consumerKey: nonEmptyText,
    consumerSecret: nonEmptyText,
    accessToken: nonEmptyText,
    accessTokenSecret: nonEmptyText,
  }),
);

const extra = fc.oneof(
  fc.constant(undefined),
  fc.record({ oauth_callback: fc.oneof(fc.constant("oob"), text) }),
  fc.record({ oauth_verifier: text }),
  fc.record({ oauth_callback: text, oauth_body_hash: text }, { requiredKeys: [] }),
);

const runs = { numRuns: 300 };

describe("the signer agrees with the plain reference (fast-check)", () => {
  it("percent-encodes every string as the byte-by-byte reference does, once and twice", () => {
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 40 }), (value) => {
        expect(percentEncode(value)).toBe(referencePercentEncode(value));
        expect(percentEncodeTwice(value)).toBe(referencePercentEncode(referencePercentEncode(value)));
      }),
      { numRuns: 1000 },
    );
  });

  it("builds the same base string for random methods, URLs, forms and protocol parameters", () => {
    fc.assert(
      fc.property(
        method,
        url,
        form,
        fc.dictionary(text, text, { maxKeys: 4 }),
        (method, url, form, oauthParams) => {
          const request = { method, url, form, oauthParams };
          expect(oauth1BaseString(request)).toBe(referenceBaseString(request));
        },
      ),
      runs,
    );
  });

  it("writes the same Authorization header, nonce, timestamp and extra protocol parameters included", () => {
    fc.assert(
      fc.property(
        credentials,
        method,
        url,
        form,
        extra,
        nonEmptyText,
        fc.integer({ min: 0, max: 2 ** 32 }),
        fc.integer({ min: 0, max: 999 }),
        (credentials, method, url, form, extra, nonce, seconds, milliseconds) => {
          const signer = createOAuth1Signer(credentials, {
            nonce: () => nonce,
            now: () => seconds * 1000 + milliseconds,
          });
          const header = signer.authorize({ method, url, form, oauthParams: extra });
          expect(header).toBe(
            referenceAuthorization(credentials, { method, url, form, extra }, nonce, seconds),
          );
        },
      ),
      runs,
    );
  });

  it("computes HMAC-SHA1 with one-shot hashes exactly as createHmac does, for short, long and block-sized keys", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 150 }),
        fc
          .string({ unit: "binary-ascii", maxLength: 2500 })
          .map((message) => Array.from(message, (unit) => (unit.charCodeAt(0) < 128 ? unit : "x")).join("")),
        (key, message) => {
          const expected = (text: string) => createHmac("sha1", key).update(text).digest("base64");
          const oneShot = hmacWithOneShotHash(key, hash);
          const fallback = hmacWithCreateHmac(key);
          // Again, so later calls reuse (or grow) the buffer the first one left, and once more with
          // another message of the same length, which reuses the view of that buffer.
          const sameLength = [...message].reverse().join("");
          for (const text of [message, `${message}${message}`, `${sameLength}${sameLength}`]) {
            expect(oneShot(text)).toBe(expected(text));
            expect(fallback(text)).toBe(expected(text));
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
