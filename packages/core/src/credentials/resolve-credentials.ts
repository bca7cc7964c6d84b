import { TwauthError } from "../errors/twauth-error.js";
import type { WarningHandler } from "../errors/twauth-warning.js";
import { emitProcessWarning } from "../errors/twauth-warning.js";
import type { SecretRecord } from "../store/secret-store.js";
import { keyLocationOf, unreadKeysOf } from "../store/secret-store.js";
import type { CredentialField } from "./credential-fields.js";
import { canonicalCredentialField, credentialFieldLabels } from "./credential-fields.js";
import type { Credentials, TokenType } from "./credentials.js";
import { didYouMean, suggestMissingKeyName } from "./key-suggestions.js";
import { findNonTextCharacter } from "./non-text-characters.js";

/**
 * Options of `resolveCredentials`: where the record came from (for messages only) and which token
 * type to build.
 *
 * @example
 * const options: ResolveCredentialsOptions = { source: store.source, profile: "bot2", auth: "app" };
 */
export interface ResolveCredentialsOptions {
  /** Where the record came from, for messages: a store's `source`. @default "the given credentials" */
  source?: string;
  /** The profile the record is, named in messages. @default none: messages name no profile */
  profile?: string;
  /**
   * Force a token type instead of inferring it from the keys present.
   * @default inferred: `oauth2-user` with an OAuth 2.0 access token, else `user` with an access token
   * or its secret, else `app`
   */
  auth?: TokenType;
  /** Receives the warning about whitespace trimmed around values. @default emitProcessWarning */
  onWarning?: WarningHandler;
}

/** Each field present in a record, with the key it was found under. */
type MatchedFields = Partial<Record<CredentialField, { key: string; value: string }>>;

const pairs: readonly (readonly [CredentialField, CredentialField])[] = [
  ["consumerKey", "consumerSecret"],
  ["accessToken", "accessTokenSecret"],
];

/**
 * Turns a store's raw record into typed credentials: matches key names through the alias table,
 * trims whitespace pasted around values (with a warning), rejects values holding characters no
 * credential has (control, zero-width, bidi characters, typographic quotes), conflicting aliases
 * and half pairs, and infers the token type from what is present unless `auth` says which. A
 * missing key is named as the record's own keys would spell it, with "did you mean" for a typo.
 *
 * @example
 * resolveCredentials({ CONSUMER_KEY: "…", CONSUMER_SECRET: "…", ACCESS_KEY: "…", ACCESS_SECRET: "…" })
 * // { type: "user", consumerKey: "…", consumerSecret: "…", accessToken: "…", accessTokenSecret: "…" }
 */
export function resolveCredentials(
  record: SecretRecord,
  options: ResolveCredentialsOptions = {},
): Credentials {
  const fields = matchFields(record, options);
  const type = options.auth ?? inferTokenType(fields);
  if (type === "oauth2-user") return oauth2Credentials(fields, options, record);
  if (type === "app") return appCredentials(fields, options, record);
  requirePairs(fields, options, pairs, record);
  return {
    type: "user",
    consumerKey: value(fields, "consumerKey", options, record),
    consumerSecret: value(fields, "consumerSecret", options, record),
    accessToken: value(fields, "accessToken", options, record),
    accessTokenSecret: value(fields, "accessTokenSecret", options, record),
  };
}

function matchFields(record: SecretRecord, options: ResolveCredentialsOptions): MatchedFields {
  const fields: MatchedFields = {};
  const trimmedKeys: string[] = [];
  for (const [key, raw] of Object.entries(record)) {
    const field = canonicalCredentialField(key);
    if (field === undefined || typeof raw !== "string") continue;
    requireText(record, key, raw, field, options);
    const trimmed = raw.trim();
    if (trimmed.length === 0) continue;
    if (trimmed !== raw) trimmedKeys.push(key);
    const earlier = fields[field];
    if (earlier !== undefined && earlier.value !== trimmed) {
      throw new TwauthError(
        "CREDENTIALS_CONFLICT",
        `${where(options)}: ${earlier.key} and ${key} both set the ${credentialFieldLabels[field]} but differ; keep one of them.`,
        withContext(options, [earlier.key, key]),
      );
    }
    fields[field] ??= { key, value: trimmed };
  }
  if (trimmedKeys.length > 0) {
    (options.onWarning ?? emitProcessWarning)({
      code: "VALUE_TRIMMED",
      message: `${where(options)}: whitespace around the value of ${trimmedKeys.join(", ")} was removed; fix it in the store so other tools read the same value.`,
      ...(options.source === undefined ? {} : { source: options.source }),
      keys: trimmedKeys,
    });
  }
  return fields;
}

/**
 * A credential is plain text: a control, zero-width or bidi character or a typographic quote is
 * never part of one, and kept it would fail later as a bad signature (or hide what a line says).
 * The error names the key, its file and line when the store said, and the character, never the value.
 */
function requireText(
  record: SecretRecord,
  key: string,
  raw: string,
  field: CredentialField,
  options: ResolveCredentialsOptions,
): void {
  const location = keyLocationOf(record, key);
  const place = location === undefined ? where(options) : `${location.file} line ${location.line}`;
  const context = {
    ...withContext(options, [key]),
    ...(location === undefined ? {} : { file: location.file, line: location.line }),
    ...(location?.column === undefined ? {} : { column: location.column }),
  };
  const found = findNonTextCharacter(raw);
  if (found !== undefined) {
    const quotes = found.description.startsWith("a typographic quote")
      ? "; an editor or chat app replaced a plain quote: use \" or ' (or none) around the value"
      : "";
    throw new TwauthError(
      "CREDENTIALS_INVALID",
      `${place}: the value of ${key} holds ${found.description} at position ${found.position}, which no ${credentialFieldLabels[field]} has${quotes}; type it again or copy it from the developer portal as plain text.`,
      context,
    );
  }
  if (/\s/.test(raw.trim())) {
    throw new TwauthError(
      "CREDENTIALS_INVALID",
      `${place}: the value of ${key} contains whitespace inside it; paste the ${credentialFieldLabels[field]} again from the developer portal.`,
      context,
    );
  }
}

function inferTokenType(fields: MatchedFields): TokenType {
  if (fields.oauth2AccessToken !== undefined) return "oauth2-user";
  if (fields.accessToken !== undefined || fields.accessTokenSecret !== undefined) return "user";
  return "app";
}

function appCredentials(
  fields: MatchedFields,
  options: ResolveCredentialsOptions,
  record: SecretRecord,
): Credentials {
  const bearer = fields.bearerToken?.value;
  if (bearer !== undefined && fields.consumerKey === undefined && fields.consumerSecret === undefined) {
    return { type: "app", bearerToken: bearer };
  }
  if (bearer === undefined && fields.consumerKey === undefined && fields.consumerSecret === undefined) {
    throw new TwauthError(
      "CREDENTIALS_MISSING",
      `${where(options)}: no X credentials found. Expected a consumer key and secret (CONSUMER_KEY and CONSUMER_SECRET, or the portal's "API Key" and "API Key Secret"), with ACCESS_TOKEN and ACCESS_TOKEN_SECRET for user context, or a BEARER_TOKEN.${typoHints(record, ["consumerKey", "consumerSecret", "bearerToken"])}`,
      withContext(options, ["consumerKey", "consumerSecret"]),
    );
  }
  requirePairs(fields, options, [["consumerKey", "consumerSecret"]], record);
  return {
    type: "app",
    consumerKey: value(fields, "consumerKey", options, record),
    consumerSecret: value(fields, "consumerSecret", options, record),
    ...(bearer === undefined ? {} : { bearerToken: bearer }),
  };
}

function oauth2Credentials(
  fields: MatchedFields,
  options: ResolveCredentialsOptions,
  record: SecretRecord,
): Credentials {
  const expiresAtText = fields.oauth2ExpiresAt?.value;
  let expiresAt: number | undefined;
  if (expiresAtText !== undefined) {
    expiresAt = /^\d+$/.test(expiresAtText) ? Number(expiresAtText) : Date.parse(expiresAtText);
    if (!Number.isFinite(expiresAt)) {
      throw new TwauthError(
        "CREDENTIALS_INVALID",
        `${where(options)}: ${fields.oauth2ExpiresAt?.key} must be epoch milliseconds or an ISO 8601 date.`,
        withContext(options, [fields.oauth2ExpiresAt?.key ?? "oauth2ExpiresAt"]),
      );
    }
  }
  const optional = (field: CredentialField) => fields[field]?.value;
  const clientId = optional("clientId");
  const clientSecret = optional("clientSecret");
  const refreshToken = optional("oauth2RefreshToken");
  return {
    type: "oauth2-user",
    accessToken: value(fields, "oauth2AccessToken", options, record),
    ...(clientId === undefined ? {} : { clientId }),
    ...(clientSecret === undefined ? {} : { clientSecret }),
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
  };
}

function requirePairs(
  fields: MatchedFields,
  options: ResolveCredentialsOptions,
  required: readonly (readonly [CredentialField, CredentialField])[],
  record: SecretRecord,
): void {
  const missing: CredentialField[] = [];
  const found: string[] = [];
  for (const pair of required) {
    for (const field of pair) {
      const match = fields[field];
      if (match === undefined) missing.push(field);
      else found.push(match.key);
    }
  }
  if (missing.length === 0) return;
  const keys = Object.keys(record);
  const names = missing.map((field) => suggestMissingKeyName(field, keys, { fromFile: isFromFile(record) }));
  const wanted = missing.map((field, index) => `${credentialFieldLabels[field]} (${names[index]})`);
  const have = found.length > 0 ? ` It has ${found.join(", ")}.` : "";
  throw new TwauthError(
    "CREDENTIALS_MISSING",
    `${where(options)}: missing ${wanted.join(", ")}.${have} Add the missing keys; a half pair is never used as app-only auth.${typoHints(record, missing)}`,
    withContext(options, names),
  );
}

function value(
  fields: MatchedFields,
  field: CredentialField,
  options: ResolveCredentialsOptions,
  record: SecretRecord,
): string {
  const match = fields[field];
  if (match !== undefined) return match.value;
  const name = suggestMissingKeyName(field, Object.keys(record), { fromFile: isFromFile(record) });
  throw new TwauthError(
    "CREDENTIALS_MISSING",
    `${where(options)}: missing ${credentialFieldLabels[field]} (${name}).${typoHints(record, [field])}`,
    withContext(options, [name]),
  );
}

/** Whether the record's store said where its keys are written: then its key names are a file's style. */
function isFromFile(record: SecretRecord): boolean {
  return Object.keys(record).some((key) => keyLocationOf(record, key) !== undefined);
}

/** " CONSUMER_SECRT is not a key twauth reads: did you mean CONSUMER_SECRET?" for each near miss of a missing field. */
function typoHints(record: SecretRecord, missing: readonly CredentialField[]): string {
  const hints: string[] = [];
  for (const key of new Set([...Object.keys(record), ...unreadKeysOf(record)])) {
    const guess = didYouMean(key);
    if (guess !== undefined && missing.includes(guess.field)) {
      hints.push(` ${key} is not a key twauth reads: did you mean ${guess.name}?`);
    }
  }
  return hints.slice(0, 4).join("");
}

function where(options: ResolveCredentialsOptions): string {
  const source = options.source ?? "the given credentials";
  return options.profile === undefined ? source : `${source} (profile "${options.profile}")`;
}

function withContext(options: ResolveCredentialsOptions, keys: readonly string[]) {
  return {
    keys,
    ...(options.source === undefined ? {} : { source: options.source }),
    ...(options.profile === undefined ? {} : { profile: options.profile }),
  };
}
