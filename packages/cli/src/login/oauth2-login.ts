import type { OAuth2Tokens } from "@twauth/core";
import { oauth2ScopePresets } from "@twauth/core";
import type { CommandContext, CommandResult } from "../cli/command.js";
import { booleanOption, secondsOption, stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import type { Setup } from "../setup/load-setup.js";
import { loadSetup } from "../setup/load-setup.js";
import { callbackListenHost } from "./callback-server.js";
import type { SignedInUser } from "./confirm-replace.js";
import { confirmReplace } from "./confirm-replace.js";
import { createLineReader } from "./line-reader.js";
import type { HeldGrant } from "./oauth2-held-grant.js";
import { checkHeldGrant } from "./oauth2-held-grant.js";
import type { OAuth2Profile } from "./oauth2-profile.js";
import { readOAuth2Profile, savedScopes, writableOAuth2Save } from "./oauth2-profile.js";
import { signInWithOAuth2 } from "./oauth2-sign-in.js";

/** The CLI's redirect URI: register it among the app's callback URIs (the emulator's client has it). */
export const defaultOAuth2RedirectUri = "http://127.0.0.1:8765/callback";
const defaultTimeoutSeconds = 300;
// GET /2/users/me, which tells who signed in, needs both.
const scopesForUsersMe = ["tweet.read", "users.read"];
const oauth1OnlyOptions = ["access-type", "screen-name", "force-login"];

/** `twauth login --oauth2`: sign in with OAuth 2.0 PKCE and save the tokens to the profile. */
export async function runOAuth2Login(context: CommandContext): Promise<CommandResult> {
  const { values } = context;
  const misplaced = oauth1OnlyOptions.find((name) => values[name] !== undefined);
  if (misplaced !== undefined) {
    throw new UsageError(`--${misplaced} belongs to the OAuth 1.0a sign-in; drop it or --oauth2.`, "login");
  }
  const scopes = scopesOption(stringOption(values, "scopes"));
  const redirectUri = redirectUriOption(stringOption(values, "callback"));
  const timeoutMs = secondsOption(values, "timeout", "login", defaultTimeoutSeconds) * 1000;
  const headless = booleanOption(values, "headless");

  const setup = await loadSetup(context);
  // A read-only store is refused before any request, so no grant is made that could not be kept.
  const save = writableOAuth2Save(setup, "login");
  const authorizeUrl = authorizeUrlFor(stringOption(values, "authorize-url"), setup.baseUrl);
  const profile = await readOAuth2Profile(context, setup, "login --oauth2", { allowNew: true });
  const heldGrant = await checkHeldGrant(context, setup, profile);
  warnAboutHeldGrant(context, setup, heldGrant);
  if (!scopes.includes("offline.access")) {
    context.output.warning(
      "the scopes lack offline.access, so X issues no refresh token: the access token works for 2 hours, then run twauth login --oauth2 again.",
    );
  }
  const reader = headless || context.io.stdin.isTTY === true ? createLineReader(context.io.stdin) : undefined;
  try {
    const { tokens, user } = await signInWithOAuth2(context, profile, {
      redirectUri,
      scopes,
      authorizeUrl,
      baseUrl: setup.baseUrl,
      headless,
      timeoutMs,
      reader,
    });
    await confirmReplace(context, setup, heldBy(heldGrant), user, {
      force: booleanOption(values, "force"),
      reader,
    });
    const saved = savedValues(profile, tokens);
    await save(saved, { profile: setup.profile });
    context.output.detail(`saved ${Object.keys(saved).join(", ")} to ${setup.store.source}`);
    return loginResult(setup, user, tokens, Object.keys(saved));
  } finally {
    reader?.close();
  }
}

/** Whose tokens a save replaces: tokens X refuses are nobody's, so replacing them needs no --force. */
function heldBy(grant: HeldGrant): { userId: string | undefined } | undefined {
  if (grant.state === "live") return { userId: grant.user.userId };
  return grant.state === "unknown" ? { userId: undefined } : undefined;
}

/**
 * X keeps one live grant per app and user: a sign-in revokes the tokens the same user got from this
 * app before, wherever they are used. Said before the browser opens, so the user can stop.
 */
function warnAboutHeldGrant(context: CommandContext, setup: Setup, grant: HeldGrant): void {
  const where = `profile "${setup.profile}" of ${setup.store.source}`;
  if (grant.state === "dead") {
    context.output.info(
      `${where} holds OAuth 2.0 tokens that X no longer accepts; this sign-in replaces them.`,
    );
    return;
  }
  if (grant.state === "none") return;
  const whose =
    grant.state === "live"
      ? `@${grant.user.screenName} (id ${grant.user.userId})`
      : "a user (X could not be asked whose)";
  context.output.warning(
    `${where} holds a live OAuth 2.0 grant of ${whose} for this client. X keeps one live grant per app and user: if that user authorizes now, X revokes those tokens, and every process or machine still using them must sign in again. Press Ctrl+C to stop; sign in a different user with --profile <name>.`,
  );
}

function savedValues(profile: OAuth2Profile, tokens: OAuth2Tokens): Record<string, string> {
  return {
    ...(profile.isNew
      ? {
          clientId: profile.clientId,
          ...(profile.clientSecret === undefined ? {} : { clientSecret: profile.clientSecret }),
        }
      : {}),
    oauth2AccessToken: tokens.accessToken,
    // An empty value clears a refresh token of an earlier sign-in, which X has just revoked.
    oauth2RefreshToken: tokens.refreshToken ?? "",
    oauth2ExpiresAt: new Date(tokens.expiresAt).toISOString(),
    oauth2Scopes: savedScopes(tokens.scopes),
  };
}

function loginResult(
  setup: Setup,
  user: SignedInUser,
  tokens: OAuth2Tokens,
  saved: readonly string[],
): CommandResult {
  const { store } = setup;
  const expiresAt = new Date(tokens.expiresAt).toISOString();
  const refresh = tokens.refreshToken === undefined ? "no refresh token" : "a refresh token";
  return {
    text: `Signed in as @${user.screenName} (id ${user.userId}) with OAuth 2.0 (scopes: ${tokens.scopes.join(" ")}).\nSaved the access token (expires ${expiresAt}) and ${refresh} to ${store.source} (profile "${setup.profile}").`,
    data: {
      ok: true,
      flow: "oauth2",
      user: { id: user.userId, username: user.screenName },
      profile: setup.profile,
      store: { kind: store.kind, source: store.source },
      expiresAt,
      scopes: tokens.scopes,
      refreshToken: tokens.refreshToken !== undefined,
      saved,
    },
  };
}

/** `--scopes read|post|dm` or a list of X scopes (spaces or commas); least privilege by default. */
export function scopesOption(text: string | undefined): readonly string[] {
  if (text === undefined) return oauth2ScopePresets.read;
  if (Object.hasOwn(oauth2ScopePresets, text)) {
    return oauth2ScopePresets[text as keyof typeof oauth2ScopePresets];
  }
  const scopes = text.split(/[\s,]+/).filter(Boolean);
  const presets = Object.keys(oauth2ScopePresets).join(", ");
  if (
    scopes.length === 0 ||
    scopes.length > 30 ||
    scopes.some((scope) => !/^[a-z][a-z._]{0,63}$/.test(scope))
  ) {
    throw new UsageError(
      `--scopes takes a preset (${presets}) or X scopes such as "tweet.read users.read offline.access".`,
      "login",
    );
  }
  const missing = scopesForUsersMe.filter((scope) => !scopes.includes(scope));
  if (missing.length > 0) {
    throw new UsageError(
      `--scopes must include ${missing.join(" and ")}: twauth login asks GET /2/users/me who signed in, which needs tweet.read and users.read.`,
      "login",
    );
  }
  return [...new Set(scopes)];
}

function redirectUriOption(text: string | undefined): URL {
  const value = text ?? defaultOAuth2RedirectUri;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || callbackListenHost(url) === undefined) {
    throw new UsageError(
      `--callback must be a loopback http URL such as ${defaultOAuth2RedirectUri} (one of the app's callback URIs; the temporary server listens only on this machine), got "${value}".`,
      "login",
    );
  }
  return url;
}

/** `--authorize-url`, else X's consent page, or the base URL's own for a loopback API (the emulator). */
export function authorizeUrlFor(given: string | undefined, baseUrl: string | undefined): string {
  if (given !== undefined) {
    if (!URL.canParse(given) || !/^https?:$/.test(new URL(given).protocol)) {
      throw new UsageError(`--authorize-url must be an http(s) URL, got "${given}".`, "login");
    }
    return given;
  }
  const base = baseUrl === undefined || !URL.canParse(baseUrl) ? undefined : new URL(baseUrl);
  if (base !== undefined && callbackListenHost(base) !== undefined) {
    return new URL("/i/oauth2/authorize", base).href;
  }
  return "https://x.com/i/oauth2/authorize";
}
