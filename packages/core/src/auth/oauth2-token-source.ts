import { TwauthError } from "../errors/twauth-error.js";
import type { OAuth2Tokens } from "../user-auth/oauth2-token-exchange.js";

/** The OAuth 2.0 tokens a store holds for one profile. */
export interface StoredOAuth2Tokens {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  /** Epoch ms; undefined when unknown (the token is then used until X answers 401). */
  readonly expiresAt?: number | undefined;
}

/**
 * Runs one rotation step as a single step across processes: a file store takes its cross-process
 * lock, re-reads the profile and saves what the step returns before unlocking; an AWS store does the
 * same with the secret's version as a compare-and-swap. `step` gets the tokens stored now (undefined
 * when the store has none) and returns those to keep.
 */
export type OAuth2Rotation = (
  step: (stored: StoredOAuth2Tokens | undefined) => Promise<StoredOAuth2Tokens>,
) => Promise<StoredOAuth2Tokens>;

export interface OAuth2TokenSourceOptions {
  readonly initial: StoredOAuth2Tokens;
  /** Redeems a refresh token at X (`POST /2/oauth2/token`, grant refresh_token). */
  readonly refresh: (refreshToken: string) => Promise<OAuth2Tokens>;
  /** The store's rotation; without one, tokens rotate in this process only and are not saved. */
  readonly rotate?: OAuth2Rotation | undefined;
  readonly now: () => number;
  /** Refresh this long before `expiresAt`, so a request never leaves with a token about to lapse. */
  readonly refreshBeforeMs: number;
}

/**
 * An OAuth 2.0 user access token that refreshes itself: shortly before it expires, and once after a
 * 401 (never after a 403, which is about permissions, not the token). One refresh at a time per
 * source; a refresh that failed leaves nothing stuck, so the next call tries again. The new tokens
 * are saved through the store's rotation before they are used, because the spent refresh token no
 * longer works anywhere.
 */
export interface OAuth2TokenSource {
  /** The token to send now: the current one, or a fresh one when it is about to expire. */
  current(): string | Promise<string>;
  /** After X answered 401 to `used`: refreshes unless another caller or process already did. */
  renew(used: string): Promise<boolean>;
  /** Every token this source has held, for redaction. */
  known(): readonly string[];
}

export function createOAuth2TokenSource(options: OAuth2TokenSourceOptions): OAuth2TokenSource {
  let tokens = options.initial;
  let pending: Promise<StoredOAuth2Tokens> | undefined;
  const seen = new Set<string>(secretsOf(tokens));

  const expiring = (candidate: StoredOAuth2Tokens) =>
    candidate.expiresAt !== undefined && candidate.expiresAt - options.refreshBeforeMs <= options.now();

  const rotateOnce = (used: string, force: boolean): Promise<StoredOAuth2Tokens> => {
    pending ??= runRotation(options, tokens, { used, force, expiring }).then(
      (rotated) => {
        tokens = rotated;
        for (const secret of secretsOf(rotated)) seen.add(secret);
        pending = undefined;
        return rotated;
      },
      (error: unknown) => {
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };

  return {
    current() {
      if (pending === undefined && !expiring(tokens)) return tokens.accessToken;
      return rotateOnce(tokens.accessToken, false).then((rotated) => rotated.accessToken);
    },
    async renew(used) {
      if (used !== tokens.accessToken) return true;
      if (tokens.refreshToken === undefined && options.rotate === undefined) return false;
      await rotateOnce(used, true);
      return true;
    },
    known: () => [...seen],
  };
}

interface RotationNeed {
  /** The access token that was found wanting. */
  readonly used: string;
  /** True after a 401: the stored token is refreshed even when its expiry says it is still good. */
  readonly force: boolean;
  readonly expiring: (tokens: StoredOAuth2Tokens) => boolean;
}

function runRotation(
  options: OAuth2TokenSourceOptions,
  mine: StoredOAuth2Tokens,
  need: RotationNeed,
): Promise<StoredOAuth2Tokens> {
  const step = async (stored: StoredOAuth2Tokens | undefined): Promise<StoredOAuth2Tokens> => {
    const latest = stored ?? mine;
    // Another process rotated while we waited for the lock: its tokens are the live ones.
    const rotatedElsewhere = latest.accessToken !== need.used && !need.expiring(latest);
    if (rotatedElsewhere) return latest;
    const refreshToken = latest.refreshToken;
    if (refreshToken === undefined) throw noRefreshToken(need.force);
    const fresh = await options.refresh(refreshToken);
    return {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken ?? refreshToken,
      expiresAt: fresh.expiresAt,
    };
  };
  return options.rotate === undefined ? step(undefined) : options.rotate(step);
}

function noRefreshToken(after401: boolean): TwauthError {
  const why = after401
    ? "X refused the OAuth 2.0 access token (401)"
    : "the OAuth 2.0 access token has expired";
  return new TwauthError(
    "REFRESH_TOKEN_INVALID",
    `${why} and there is no refresh token to renew it: sign the user in again with the offline.access scope (twauth login --oauth2).`,
    { keys: ["refreshToken"] },
  );
}

function secretsOf(tokens: StoredOAuth2Tokens): string[] {
  return [tokens.accessToken, tokens.refreshToken].filter((value): value is string => value !== undefined);
}
