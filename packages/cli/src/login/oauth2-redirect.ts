import type { CallbackReply } from "./callback-server.js";
import { callbackPage } from "./callback-server.js";

/** What X's OAuth 2.0 redirect said, checked against the state of the running sign-in. */
export type OAuth2RedirectAnswer =
  | { readonly kind: "approved"; readonly code: string }
  | { readonly kind: "denied" }
  /** The redirect's `state` is not this sign-in's: a forged or stale redirect, never redeemed. */
  | { readonly kind: "state-mismatch" }
  /** X redirected with another `error` (a well-formed code such as `invalid_scope`, else "unknown"). */
  | { readonly kind: "error"; readonly error: string };

const maxRedirectLength = 4096;
// A code is opaque but short; it must not smuggle whitespace or markup into anything we print.
const codePattern = /^[A-Za-z0-9._~-]{1,1024}$/;
const errorPattern = /^[a-z_]{1,64}$/;

/**
 * Reads `?code=…&state=…` or `?error=…&state=…`. The state is compared first: nothing from a
 * redirect of another sign-in is used, not even its error.
 */
export function readOAuth2Redirect(query: URLSearchParams, expectedState: string): OAuth2RedirectAnswer {
  if (query.get("state") !== expectedState) return { kind: "state-mismatch" };
  const error = query.get("error");
  if (error === "access_denied") return { kind: "denied" };
  if (error !== null) return { kind: "error", error: errorPattern.test(error) ? error : "unknown" };
  const code = query.get("code") ?? "";
  return codePattern.test(code) ? { kind: "approved", code } : { kind: "error", error: "missing_code" };
}

const pages: Readonly<Record<OAuth2RedirectAnswer["kind"], { status: number; title: string; text: string }>> =
  {
    approved: {
      status: 200,
      title: "Signed in",
      text: "twauth received the authorization. You can close this tab and return to the terminal.",
    },
    denied: {
      status: 200,
      title: "Access denied",
      text: "You did not authorize the app. You can close this tab.",
    },
    "state-mismatch": {
      status: 400,
      title: "Unknown sign-in",
      text: "This redirect does not belong to the running twauth login (its state differs); nothing was used.",
    },
    error: { status: 400, title: "Sign-in failed", text: "X did not authorize the app; see the terminal." },
  };

/** The loopback server's reader: the first redirect on the callback path settles the sign-in. */
export function oauth2CallbackReader(
  query: URLSearchParams,
  expectedState: string | undefined,
): CallbackReply<OAuth2RedirectAnswer> {
  if (expectedState === undefined) {
    const page = pages["state-mismatch"];
    return { status: page.status, html: callbackPage(page.title, page.text) };
  }
  const answer = readOAuth2Redirect(query, expectedState);
  const page = pages[answer.kind];
  return { status: page.status, html: callbackPage(page.title, page.text), answer };
}

/**
 * What `--headless` reads from stdin: the whole redirect URL (the browser's address bar after
 * consent), its query alone, or just the code. A bare code cannot carry the state, so it is taken
 * as the user's word that it came from this sign-in's page.
 */
export function parsePastedRedirect(line: string, expectedState: string): OAuth2RedirectAnswer | undefined {
  const text = line.trim();
  if (text === "" || text.length > maxRedirectLength) return undefined;
  if (codePattern.test(text) && !text.includes("=")) return { kind: "approved", code: text };
  let query: URLSearchParams;
  if (URL.canParse(text)) query = new URL(text).searchParams;
  else if (text.includes("=")) query = new URLSearchParams(text.replace(/^\?/, ""));
  else return undefined;
  if (!query.has("code") && !query.has("error")) return undefined;
  return readOAuth2Redirect(query, expectedState);
}
