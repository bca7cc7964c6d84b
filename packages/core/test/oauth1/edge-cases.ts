/**
 * One row per RFC 5849 §3.4 rule (and per way a request can bend it), with the expected base string
 * URI and normalized parameters written out by hand. `oauth1a` records what the oauth-1.0a package
 * does with the same request (see differential.test.ts), with the reason where it differs.
 */
import type { OAuth1Form } from "../../src/oauth1/form.js";

export type Oauth1aVerdict = "agrees" | { differs: string } | { notComparable: string };

export interface EdgeCase {
  title: string;
  method?: string;
  url: string;
  form?: OAuth1Form;
  oauthParams?: Record<string, string>;
  uri: string;
  normalized: string;
  oauth1a: Oauth1aVerdict;
}

export const edgeCases: readonly EdgeCase[] = [
  {
    title: "lower-cases the scheme and host, keeps the path's case",
    url: "HTTPS://API.X.COM/2/Users/Me",
    uri: "https://api.x.com/2/Users/Me",
    normalized: "",
    oauth1a: { differs: "keeps the URL as given: upper-case scheme and host" },
  },
  {
    title: "drops the default https port 443",
    url: "https://api.x.com:443/2/tweets",
    uri: "https://api.x.com/2/tweets",
    normalized: "",
    oauth1a: { differs: "keeps :443" },
  },
  {
    title: "drops the default http port 80",
    url: "http://example.com:80/r",
    uri: "http://example.com/r",
    normalized: "",
    oauth1a: { differs: "keeps :80" },
  },
  {
    title: "keeps a non-default port",
    url: "https://api.x.com:8443/2/tweets",
    uri: "https://api.x.com:8443/2/tweets",
    normalized: "",
    oauth1a: "agrees",
  },
  {
    title: "keeps port 443 on http, where it is not the default",
    url: "http://example.com:443/r",
    uri: "http://example.com:443/r",
    normalized: "",
    oauth1a: "agrees",
  },
  {
    title: "drops the fragment",
    url: "https://api.x.com/2/tweets#top",
    uri: "https://api.x.com/2/tweets",
    normalized: "",
    oauth1a: { differs: "signs the fragment as part of the path" },
  },
  {
    title: "drops a fragment that follows the query",
    url: "https://api.x.com/2/tweets?a=1#top",
    uri: "https://api.x.com/2/tweets",
    normalized: "a=1",
    oauth1a: { differs: "signs the fragment as part of the last query value (a=1#top)" },
  },
  {
    title: "an empty path is /",
    url: "https://api.x.com",
    uri: "https://api.x.com/",
    normalized: "",
    oauth1a: { differs: "signs no path at all" },
  },
  {
    title: "user info is not part of the base string URI",
    url: "https://user:pw@api.x.com/r",
    uri: "https://api.x.com/r",
    normalized: "",
    oauth1a: { differs: "signs user:pw@ as part of the authority" },
  },
  {
    title: "dot segments are resolved, as fetch sends the path",
    url: "https://x.test/a/../b",
    uri: "https://x.test/b",
    normalized: "",
    oauth1a: { differs: "signs /a/../b" },
  },
  {
    title: "a space in the path is sent, and signed, as %20",
    url: "https://x.test/a b",
    uri: "https://x.test/a%20b",
    normalized: "",
    oauth1a: {
      differs: "encodes the raw space once (a%20b) where the sent path a%20b is encoded again (a%2520b)",
    },
  },
  {
    title: "unicode in the path is sent, and signed, as UTF-8 percent-encoding",
    url: "https://x.test/☃",
    uri: "https://x.test/%E2%98%83",
    normalized: "",
    oauth1a: { differs: "encodes the raw character once instead of the sent %E2%98%83" },
  },
  {
    title: "an encoded slash in the path stays as sent and is encoded again",
    url: "https://x.test/a%2Fb",
    uri: "https://x.test/a%2Fb",
    normalized: "",
    oauth1a: "agrees",
  },
  {
    title: "a unicode host is signed in its punycode form",
    url: "https://bücher.example/",
    uri: "https://xn--bcher-kva.example/",
    normalized: "",
    oauth1a: { differs: "signs the unicode host" },
  },
  {
    title: "a + in the query is a space",
    url: "https://x.test/r?q=a+b",
    uri: "https://x.test/r",
    normalized: "q=a%20b",
    oauth1a: { differs: "keeps + as a plus (q=a%2Bb)" },
  },
  {
    title: "%2B in the query is a plus",
    url: "https://x.test/r?q=a%2Bb",
    uri: "https://x.test/r",
    normalized: "q=a%2Bb",
    oauth1a: "agrees",
  },
  {
    title: "lower-case hex in the query is decoded and encoded again in upper case",
    url: "https://x.test/r?a=%e2%98%83",
    uri: "https://x.test/r",
    normalized: "a=%E2%98%83",
    oauth1a: "agrees",
  },
  {
    title: "a name without = has an empty value",
    url: "https://x.test/r?flag",
    uri: "https://x.test/r",
    normalized: "flag=",
    oauth1a: "agrees",
  },
  {
    title: "a value keeps everything after the first =",
    url: "https://x.test/r?a=b=c",
    uri: "https://x.test/r",
    normalized: "a=b%3Dc",
    oauth1a: { differs: "cuts the value at the second = (a=b)" },
  },
  {
    title: "empty pieces between & are skipped",
    url: "https://x.test/r?a=1&&b=2",
    uri: "https://x.test/r",
    normalized: "a=1&b=2",
    oauth1a: { differs: "signs an empty name with an empty value (=)" },
  },
  {
    title: "a lone ? is an empty query",
    url: "https://x.test/r?",
    uri: "https://x.test/r",
    normalized: "",
    oauth1a: { differs: "signs an empty name with an empty value (=)" },
  },
  {
    title: "encoded names are decoded, then encoded again",
    url: "https://x.test/r?c%40=1",
    uri: "https://x.test/r",
    normalized: "c%40=1",
    oauth1a: { differs: "does not decode names, so encodes c%40 again (c%2540)" },
  },
  {
    title: "a malformed percent sequence in the query is taken literally",
    url: "https://x.test/r?a=%zz",
    uri: "https://x.test/r",
    normalized: "a=%25zz",
    oauth1a: { differs: "throws URIError" },
  },
  {
    title: "duplicate names with empty values are all kept",
    url: "https://x.test/r?a=&a=&a=1",
    uri: "https://x.test/r",
    normalized: "a=&a=&a=1",
    oauth1a: { differs: "keeps only a=1: an empty value is overwritten by the next" },
  },
  {
    title: "the same name in the query and the body is kept twice, sorted by value",
    method: "POST",
    url: "https://x.test/r?a=2",
    form: { a: "1" },
    uri: "https://x.test/r",
    normalized: "a=1&a=2",
    oauth1a: { differs: "keeps only the query's a=2, dropping the body's a=1" },
  },
  {
    title: "repeated body values sort by encoded value in byte order",
    method: "POST",
    url: "https://x.test/r",
    form: { a: ["9", "10", "B", "a", " "] },
    uri: "https://x.test/r",
    normalized: "a=%20&a=10&a=9&a=B&a=a",
    oauth1a: "agrees",
  },
  {
    title: "names sort in byte order: upper case before lower case",
    method: "POST",
    url: "https://x.test/r",
    form: { b: "1", B: "2", a: "3", A: "4" },
    uri: "https://x.test/r",
    normalized: "A=4&B=2&a=3&b=1",
    oauth1a: "agrees",
  },
  {
    title: "names sort by their encoded form, not their decoded form",
    method: "POST",
    url: "https://x.test/r",
    form: { z: "1", é: "2" },
    uri: "https://x.test/r",
    normalized: "%C3%A9=2&z=1",
    oauth1a: "agrees",
  },
  {
    title: "a name that is a prefix of another sorts first",
    method: "POST",
    url: "https://x.test/r",
    form: { ab: "1", a: "2", "a-": "3" },
    uri: "https://x.test/r",
    normalized: "a=2&a-=3&ab=1",
    oauth1a: "agrees",
  },
  {
    title: "the five characters encodeURIComponent leaves alone are encoded; unreserved ones are not",
    method: "POST",
    url: "https://x.test/r",
    form: { k: "-._~!*'()" },
    uri: "https://x.test/r",
    normalized: "k=-._~%21%2A%27%28%29",
    oauth1a: "agrees",
  },
  {
    title: "a form given as encoded text: + is a space, %2B a plus",
    method: "POST",
    url: "https://x.test/r",
    form: "status=a+b%2Bc&empty=",
    uri: "https://x.test/r",
    normalized: "empty=&status=a%20b%2Bc",
    oauth1a: "agrees",
  },
  {
    title: "a form given as URLSearchParams keeps its duplicates",
    method: "POST",
    url: "https://x.test/r",
    form: new URLSearchParams([
      ["a", "2"],
      ["a", "1"],
    ]),
    uri: "https://x.test/r",
    normalized: "a=1&a=2",
    oauth1a: "agrees",
  },
  {
    title: "a lone surrogate is signed as U+FFFD, as it is sent",
    method: "POST",
    url: "https://x.test/r",
    form: { a: "\uD800" },
    uri: "https://x.test/r",
    normalized: "a=%EF%BF%BD",
    oauth1a: { differs: "throws URIError" },
  },
  {
    title: "the method is upper-cased",
    method: "post",
    url: "https://x.test/r",
    uri: "https://x.test/r",
    normalized: "",
    oauth1a: "agrees",
  },
  {
    title: "realm and oauth_signature are not signed",
    url: "https://x.test/r",
    oauthParams: { realm: "Example", oauth_signature: "abc=", oauth_consumer_key: "k" },
    uri: "https://x.test/r",
    normalized: "oauth_consumer_key=k",
    oauth1a: {
      notComparable: "takes its own protocol parameters, never a realm or a signature, into the base string",
    },
  },
];
