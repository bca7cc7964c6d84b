/**
 * µs per OAuth 1.0a Authorization header (nonce included) for the X docs "Creating a signature"
 * request: our signer, its two peers, and the floor (one HMAC-SHA1 over a prebuilt base string).
 */
import { createHmac } from "node:crypto";
import { createRequire } from "node:module";
import { createOAuth1Signer } from "@twauth/core";
import OAuth from "oauth-1.0a";
// twitter-api-v2 does not export its OAuth1Helper at the top level; its client builds one per
// request from this file of its CommonJS build, so the bench imports that file directly.
import { OAuth1Helper } from "twitter-api-v2/dist/cjs/client-mixins/oauth1.helper.js";
import { measureInterleaved } from "../interleaved.js";
import type { BenchSuite } from "../suite.js";

const consumer = { key: "xvz1evFS4wEEPTGEFPHBog", secret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw" };
const token = {
  key: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
  secret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};
const method = "POST";
const url = "https://api.x.com/1.1/statuses/update.json?include_entities=true";
const status = "Hello Ladies + Gentlemen, a signed OAuth request!";
const published = {
  nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
  timestamp: 1318622958,
  signature: "Ls93hJiZbQ3akF3HF3x1Bz8%2FzU4%3D",
};
const baseString =
  "POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521";
const signingKey = `${consumer.secret}&${token.secret}`;

// Issue 10: at most 1.5x the floor, at least 4x faster than each peer, in the same run.
const targets = { maxTimesFloor: 1.5, minTimesFasterThanPeers: 4 };

function hmacSha1Base64(base: string, key: string): string {
  return createHmac("sha1", key).update(base).digest("base64");
}

function ourSigner(pinned?: typeof published) {
  const signer = createOAuth1Signer(
    {
      consumerKey: consumer.key,
      consumerSecret: consumer.secret,
      accessToken: token.key,
      accessTokenSecret: token.secret,
    },
    pinned === undefined ? {} : { nonce: () => pinned.nonce, now: () => pinned.timestamp * 1000 },
  );
  return () => signer.authorize({ method, url, form: { status } });
}

function oauth1a(pinned?: typeof published) {
  const oauth = new OAuth({ consumer, signature_method: "HMAC-SHA1", hash_function: hmacSha1Base64 });
  if (pinned !== undefined) {
    oauth.getNonce = () => pinned.nonce;
    oauth.getTimeStamp = () => pinned.timestamp;
  }
  // A fresh body object per call: oauth-1.0a adds the query parameters into the one it is given.
  return () => oauth.toHeader(oauth.authorize({ method, url, data: { status } }, token)).Authorization;
}

function twitterApiV2(pinned?: typeof published) {
  const helper = new OAuth1Helper({ consumerKeys: consumer });
  if (pinned !== undefined) {
    const overridable = helper as unknown as { getNonce(): string; getTimestamp(): number };
    overridable.getNonce = () => pinned.nonce;
    overridable.getTimestamp = () => pinned.timestamp;
  }
  return () => helper.toHeader(helper.authorize({ method, url, data: { status } }, token)).Authorization;
}

function version(name: string): string {
  return (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;
}

function fixed(value: number, digits = 2): string {
  return value.toFixed(digits);
}

export const suite: BenchSuite = {
  name: "signer",
  run() {
    // Same request, same answer: with the published nonce and timestamp pinned, all three sign to
    // the published signature, so the timings compare like with like.
    for (const [name, make] of Object.entries({ ours: ourSigner, oauth1a, twitterApiV2 })) {
      if (!make(published)().includes(`oauth_signature="${published.signature}"`)) {
        throw new Error(`${name} does not reproduce the published X signature`);
      }
    }
    if (encodeURIComponent(hmacSha1Base64(baseString, signingKey)) !== published.signature) {
      throw new Error("the floor's base string does not give the published X signature");
    }

    const rounds = 25;
    const results = measureInterleaved(
      {
        floor: () => hmacSha1Base64(baseString, signingKey),
        ours: ourSigner(),
        oauth1a: oauth1a(),
        twitterApiV2: twitterApiV2(),
      },
      { rounds, batchMilliseconds: 60 },
    );
    const { floor, ours, oauth1a: theirs1, twitterApiV2: theirs2 } = results as Record<string, number>;
    const timesFloor = ours! / floor!;
    const verdict = (met: boolean) => (met ? "met" : "NOT met");
    const peerLine = (label: string, peer: number) =>
      `${label.padEnd(44)} ${fixed(peer).padStart(6)} µs  ${fixed(peer / floor!)}x floor; ours is ${fixed(peer / ours!)}x faster (target >= ${targets.minTimesFasterThanPeers}x: ${verdict(peer / ours! >= targets.minTimesFasterThanPeers)})`;
    return [
      `X docs "Creating a signature" request (POST, query + form), µs per Authorization header incl. nonce, median of ${rounds} interleaved rounds, node ${process.version}`,
      `${"floor: createHmac('sha1') over a prebuilt base string".padEnd(44)} ${fixed(floor!).padStart(6)} µs`,
      `${"@twauth/core createOAuth1Signer".padEnd(44)} ${fixed(ours!).padStart(6)} µs  ${fixed(timesFloor)}x floor (target <= ${fixed(targets.maxTimesFloor, 1)}x: ${verdict(timesFloor <= targets.maxTimesFloor)})`,
      peerLine(`oauth-1.0a ${version("oauth-1.0a")} (node:crypto HMAC-SHA1)`, theirs1!),
      peerLine(`twitter-api-v2 ${version("twitter-api-v2")} OAuth1Helper`, theirs2!),
    ];
  },
};
