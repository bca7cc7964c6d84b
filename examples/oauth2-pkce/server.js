// "Sign in with X" in a small node:http web app: OAuth 2.0 Authorization Code with PKCE. The code
// verifier and state live only in this process, keyed by a random session cookie; the user's tokens
// never reach the browser. One call is made as the user: GET /2/users/me.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { createOAuth2Authorization, exchangeOAuth2Code, getApiConnection, isTwauthError } from "@twauth/core";

const port = Number(process.env.PORT ?? 3000);
const baseUrl = process.env.TWAUTH_BASE_URL ?? "https://api.x.com";
const authorizeUrl = process.env.TWAUTH_AUTHORIZE_URL ?? "https://x.com/i/oauth2/authorize";
const clientId = process.env.X_CLIENT_ID ?? "";
const clientSecret = process.env.X_CLIENT_SECRET || undefined; // a Web App is a confidential client
const redirectUri = `http://127.0.0.1:${port}/callback`;

/** Sign-ins under way, by session id: each holds its state and code verifier for at most 10 minutes. */
/** @type {Map<string, { state: string, codeVerifier: string, until: number }>} */
const pending = new Map();
const maxPending = 1000;

/** @param {string} body */
const page = (body) =>
  `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in with X</title></head><body>${body}</body></html>`;
/** @param {unknown} text */
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * @param {import("node:http").ServerResponse} response
 * @param {number} status
 * @param {string} body
 * @param {Record<string, string>} [headers]
 */
function send(response, status, body, headers = {}) {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", ...headers });
  response.end(body);
}

/** @param {import("node:http").ServerResponse} response */
function login(response) {
  if (pending.size >= maxPending)
    return send(response, 503, page("<p>Too many sign-ins at once; try again.</p>"));
  const session = randomBytes(16).toString("base64url");
  const auth = createOAuth2Authorization({
    clientId,
    redirectUri,
    authorizeUrl,
    scopes: ["tweet.read", "users.read"],
  });
  pending.set(session, { state: auth.state, codeVerifier: auth.codeVerifier, until: Date.now() + 600_000 });
  send(response, 302, "", {
    location: auth.url,
    "set-cookie": `session=${session}; HttpOnly; SameSite=Lax; Path=/`,
  });
}

/**
 * @param {import("node:http").IncomingMessage} request
 * @param {import("node:http").ServerResponse} response
 * @param {URL} url
 */
async function callback(request, response, url) {
  const session = /(?:^|;\s*)session=([\w-]+)/.exec(request.headers.cookie ?? "")?.[1];
  const started = session === undefined ? undefined : pending.get(session);
  if (session !== undefined) pending.delete(session);
  if (!started || started.until < Date.now() || url.searchParams.get("state") !== started.state)
    return send(
      response,
      400,
      page('<p>This sign-in expired or did not start here. <a href="/login">Try again</a>.</p>'),
    );
  if (url.searchParams.has("error")) return send(response, 200, page("<p>You cancelled the sign-in.</p>"));
  const code = url.searchParams.get("code") ?? "";
  const tokens = await exchangeOAuth2Code({
    clientId,
    clientSecret,
    redirectUri,
    code,
    codeVerifier: started.codeVerifier,
    baseUrl,
  });
  const api = await getApiConnection({
    baseUrl,
    credentials: { type: "oauth2-user", accessToken: tokens.accessToken },
  });
  try {
    const me = await api.verifyCredentials();
    send(
      response,
      200,
      page(`<p id="signed-in">Signed in as @${escapeHtml(me.username)} (${escapeHtml(me.name)}).</p>`),
    );
  } finally {
    api.close();
  }
}

const server = createServer((request, response) => {
  const url = new URL(request.url ?? "/", redirectUri);
  const route =
    url.pathname === "/login"
      ? Promise.resolve(login(response))
      : url.pathname === "/callback"
        ? callback(request, response, url)
        : Promise.resolve(send(response, 200, page('<a id="sign-in" href="/login">Sign in with X</a>')));
  route.catch((error) => {
    // A TwauthError's message names what failed and never a token; anything else stays in the log.
    const text = isTwauthError(error) ? `${error.code}: ${error.message}` : "unexpected error";
    if (!isTwauthError(error)) console.error(error);
    if (!response.headersSent) send(response, 502, page(`<p>${escapeHtml(text)}</p>`));
  });
});
server.listen(port, "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => server.close());
