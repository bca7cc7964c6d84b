/**
 * Published OAuth 1.0a known answers, kept as data. Each title cites where it was published; the
 * values are copied from there, not computed by any code of ours.
 */

export interface SignerVector {
  title: string;
  credentials: {
    consumerKey: string;
    consumerSecret: string;
    accessToken: string;
    accessTokenSecret: string;
  };
  nonce: string;
  /** epoch seconds */
  timestamp: number;
  method: string;
  url: string;
  form: Record<string, string>;
  /** Published values; absent ones were not published for that request. */
  parameterString?: string;
  baseString?: string;
  signingKey?: string;
  signature: string;
  header?: string;
}

const xDocsRequest = {
  credentials: {
    consumerKey: "xvz1evFS4wEEPTGEFPHBog",
    consumerSecret: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
    accessToken: "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb",
    accessTokenSecret: "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
  },
  nonce: "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg",
  timestamp: 1318622958,
  method: "POST",
  form: { status: "Hello Ladies + Gentlemen, a signed OAuth request!" },
  parameterString:
    "include_entities=true&oauth_consumer_key=xvz1evFS4wEEPTGEFPHBog&oauth_nonce=kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1318622958&oauth_token=370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb&oauth_version=1.0&status=Hello%20Ladies%20%2B%20Gentlemen%2C%20a%20signed%20OAuth%20request%21",
  signingKey: "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw&LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE",
};

const xDocsParameters =
  "include_entities%3Dtrue%26oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521";

export const signerVectors: readonly SignerVector[] = [
  {
    title: 'X docs "Creating a signature" (current page, api.x.com)',
    ...xDocsRequest,
    url: "https://api.x.com/1.1/statuses/update.json?include_entities=true",
    baseString: `POST&https%3A%2F%2Fapi.x.com%2F1.1%2Fstatuses%2Fupdate.json&${xDocsParameters}`,
    signature: "Ls93hJiZbQ3akF3HF3x1Bz8/zU4=",
  },
  {
    title: 'X docs "Creating a signature" (earlier version of the page, api.twitter.com)',
    ...xDocsRequest,
    url: "https://api.twitter.com/1.1/statuses/update.json?include_entities=true",
    baseString: `POST&https%3A%2F%2Fapi.twitter.com%2F1.1%2Fstatuses%2Fupdate.json&${xDocsParameters}`,
    signature: "hCtSmYh+iHYCEqBWrE7C7hYmtUk=",
  },
  {
    title: 'X docs "Authorizing a request" (header example, api.twitter.com/1)',
    ...xDocsRequest,
    url: "https://api.twitter.com/1/statuses/update.json?include_entities=true",
    signature: "tnnArxj06cWHq44gCs1OSKk/jLY=",
    header:
      'OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", oauth_signature="tnnArxj06cWHq44gCs1OSKk%2FjLY%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1318622958", oauth_token="370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", oauth_version="1.0"',
  },
];

/** RFC 5849 §1.2: a GET without `oauth_version`, so it is checked with the step functions. */
export const rfc5849Section1_2 = {
  title: "RFC 5849 §1.2 (photos.example.net, no oauth_version)",
  method: "GET",
  url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
  oauthParams: {
    oauth_consumer_key: "dpf43f3p2l4k3l03",
    oauth_token: "nnch734d00sl2jdk",
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: "137131202",
    oauth_nonce: "chapoH",
  },
  consumerSecret: "kd94hf93k423kf44",
  tokenSecret: "pfkkdhi9sl3r4s00",
  baseString:
    "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
  signature: "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
} as const;

/**
 * RFC 5849 §3.4.1.1 request, with its §3.4.1.3.2 normalized parameters (duplicates, empty values,
 * a value encoded twice) and §3.4.1.1 base string. `realm` and `oauth_signature` come from its
 * Authorization header and are not signed.
 */
export const rfc5849Section3_4_1 = {
  title: "RFC 5849 §3.4.1.1 request, §3.4.1.3.2 normalized parameters",
  method: "POST",
  url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
  form: "c2&a3=2+q",
  oauthParams: {
    realm: "Example",
    oauth_consumer_key: "9djdj82h48djs9d2",
    oauth_token: "kkk9d7dh3k39sjv7",
    oauth_signature_method: "HMAC-SHA1",
    oauth_timestamp: "137131201",
    oauth_nonce: "7d8f3e4a",
    oauth_signature: "djosJKDKJSD8743243/jdk33klY=",
  },
  normalizedParameters:
    "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
  baseString:
    "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
} as const;

/** RFC 5849 §3.4.1.2 base string URI examples. */
export const rfc5849BaseStringUris = [
  {
    title: "RFC 5849 §3.4.1.2 example 1",
    url: "HTTP://EXAMPLE.COM:80/r%20v/X?id=123",
    uri: "http://example.com/r%20v/X",
  },
  {
    title: "RFC 5849 §3.4.1.2 example 2",
    url: "https://www.example.net:8080/?q=1",
    uri: "https://www.example.net:8080/",
  },
] as const;

/** X docs "Percent encoding parameters" examples. */
export const percentEncodingExamples = [
  {
    title: 'X docs "Percent encoding parameters"',
    input: "Ladies + Gentlemen",
    encoded: "Ladies%20%2B%20Gentlemen",
  },
  {
    title: 'X docs "Percent encoding parameters"',
    input: "An encoded string!",
    encoded: "An%20encoded%20string%21",
  },
  {
    title: 'X docs "Percent encoding parameters"',
    input: "Dogs, Cats & Mice",
    encoded: "Dogs%2C%20Cats%20%26%20Mice",
  },
  { title: 'X docs "Percent encoding parameters"', input: "☃", encoded: "%E2%98%83" },
] as const;
