import type { CredentialField } from "./credential-fields.js";
import {
  canonicalCredentialField,
  credentialAliasWords,
  credentialFieldKeyNames,
  credentialKeyPrefixWords,
  credentialKeyWords,
} from "./credential-fields.js";

// The other half of each pair, alias by alias, so a file that says ACCESS_KEY is told to add
// ACCESS_SECRET (the seed tutorial's pair), not the portal's ACCESS_TOKEN_SECRET.
const partnerNames: Readonly<Record<string, readonly string[]>> = {
  consumerkey: ["consumer", "secret"],
  consumersecret: ["consumer", "key"],
  consumerkeysecret: ["consumer", "key"],
  apikey: ["api", "key", "secret"],
  apikeysecret: ["api", "key"],
  apisecret: ["api", "key"],
  apisecretkey: ["api", "key"],
  oauthconsumerkey: ["oauth", "consumer", "secret"],
  oauthconsumersecret: ["oauth", "consumer", "key"],
  accesstoken: ["access", "token", "secret"],
  accesstokensecret: ["access", "token"],
  accesskey: ["access", "secret"],
  accesssecret: ["access", "key"],
  accesskeysecret: ["access", "key"],
  oauthtoken: ["oauth", "token", "secret"],
  oauthtokensecret: ["oauth", "token"],
  clientid: ["client", "secret"],
  clientsecret: ["client", "id"],
  oauth2clientid: ["oauth2", "client", "secret"],
  oauth2clientsecret: ["oauth2", "client", "id"],
};

const partnerFields: Partial<Record<CredentialField, CredentialField>> = {
  consumerKey: "consumerSecret",
  consumerSecret: "consumerKey",
  accessToken: "accessTokenSecret",
  accessTokenSecret: "accessToken",
  clientId: "clientSecret",
  clientSecret: "clientId",
};

const canonicalFieldNames = new Set<string>(Object.keys(credentialFieldKeyNames));
const maxKeyLength = 64;

/** A key split into its prefix words (`TWITTER`) and the credential's own words, lower case. */
function splitKey(key: string): { prefix: string[]; words: string[] } {
  const words = credentialKeyWords(key);
  const prefix: string[] = [];
  while (words.length > 1 && credentialKeyPrefixWords.has(words[0]!)) prefix.push(words.shift()!);
  return { prefix, words };
}

/**
 * Spells `words` the way `model` is spelled: its separator (`_`, `-`, `.`, a space or none) and its
 * case (UPPER, lower, camelCase, PascalCase, Title Words).
 *
 * @example
 * spellLike("ACCESS_KEY", ["access", "secret"]); // "ACCESS_SECRET"
 * spellLike("accessKey", ["access", "secret"]); // "accessSecret"
 */
export function spellLike(model: string, words: readonly string[]): string {
  const separator = /[_\-. ]/.exec(model.trim())?.[0] ?? "";
  const letters = model.replace(/[^A-Za-z]/g, "");
  // A word the model has keeps the model's spelling of it ("API Key" -> "API Key Secret").
  const spelled = new Map<string, string>();
  for (const token of model
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[\s_\-.]+/)) {
    spelled.set(token.toLowerCase(), token);
  }
  const capitalize = (word: string) => {
    const own = spelled.get(word);
    return own !== undefined && /^[A-Z]/.test(own) ? own : word.charAt(0).toUpperCase() + word.slice(1);
  };
  if (letters === letters.toUpperCase()) return words.join(separator).toUpperCase();
  if (letters === letters.toLowerCase()) return words.join(separator);
  if (separator !== "") return words.map(capitalize).join(separator);
  const [first = "", ...rest] = words;
  const head = /^[A-Z]/.test(model.trim()) ? capitalize(first) : first;
  return [head, ...rest.map(capitalize)].join("");
}

/**
 * The name to suggest for a missing credential, in the style of the keys the record already has:
 * the other half of its pair spelled like the half that is there (`ACCESS_KEY` -> `ACCESS_SECRET`),
 * else twauth's name spelled like the record's first credential key, else twauth's name. Canonical
 * field names (`accessToken`) set no style unless the keys come from a file (`fromFile`).
 *
 * @example
 * suggestMissingKeyName("accessTokenSecret", ["CONSUMER_KEY", "ACCESS_KEY"]); // "ACCESS_SECRET"
 */
export function suggestMissingKeyName(
  field: CredentialField,
  keys: readonly string[],
  options: { fromFile?: boolean } = {},
): string {
  // `accessToken` in code is the typed option's name, not a style; in a file it is one.
  const models = keys.filter(
    (key) =>
      key.length <= maxKeyLength &&
      (options.fromFile === true || !canonicalFieldNames.has(key)) &&
      canonicalCredentialField(key),
  );
  const partner = partnerFields[field];
  const half = models.find((key) => partner !== undefined && canonicalCredentialField(key) === partner);
  if (half !== undefined) {
    const { prefix, words } = splitKey(half);
    const partnerWords = partnerNames[words.join("")];
    if (partnerWords !== undefined) return spellLike(half, [...prefix, ...partnerWords]);
  }
  const standard = credentialKeyWords(credentialFieldKeyNames[field]);
  const model = models[0];
  if (model === undefined) return credentialFieldKeyNames[field];
  return spellLike(model, [...splitKey(model).prefix, ...standard]);
}

/**
 * A credential name close to `key` (a typing slip: `CONSUMER_SECRT`), spelled like `key`, with the
 * field it names; `undefined` when `key` is a known name or not close to one.
 *
 * @example
 * didYouMean("CONSUMER_SECRT"); // { field: "consumerSecret", name: "CONSUMER_SECRET" }
 */
export function didYouMean(key: string): { field: CredentialField; name: string } | undefined {
  if (key.length > maxKeyLength || canonicalCredentialField(key) !== undefined) return undefined;
  const { prefix, words } = splitKey(key);
  const joined = words.join("");
  if (joined.length < 5) return undefined;
  // One slip per five letters, at most two: close enough to be a typo, far enough from other words.
  const allowed = Math.min(2, Math.floor(joined.length / 5));
  let best: { field: CredentialField; words: readonly string[]; distance: number } | undefined;
  for (const [field, aliasWords] of credentialAliasWords) {
    const distance = editDistance(joined, aliasWords.join(""), allowed);
    if (distance <= allowed && (best === undefined || distance < best.distance)) {
      best = { field, words: aliasWords, distance };
    }
  }
  return best === undefined
    ? undefined
    : { field: best.field, name: spellLike(key, [...prefix, ...best.words]) };
}

/** Levenshtein distance with adjacent swaps counted as one, giving up (returning limit + 1) past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, before[j - 2]! + 1);
      }
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
