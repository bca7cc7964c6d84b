import type { OAuth2Tokens } from "@twauth/core";
import { createOAuth2Authorization, exchangeOAuth2Code, getApiConnection, TwauthError } from "@twauth/core";
import type { CommandContext } from "../cli/command.js";
import { booleanOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import { startCountdown } from "../output/countdown.js";
import { interactiveConnectTimeout } from "../setup/open-connection.js";
import { startCallbackServer } from "./callback-server.js";
import type { SignedInUser } from "./confirm-replace.js";
import type { LineReader } from "./line-reader.js";
import type { OAuth2Profile } from "./oauth2-profile.js";
import type { OAuth2RedirectAnswer } from "./oauth2-redirect.js";
import { oauth2CallbackReader, parsePastedRedirect } from "./oauth2-redirect.js";
import { canOpenBrowser, openBrowser } from "./open-browser.js";

/** `TWAUTH_BROWSER=none`: never open a browser, only print the URL (scripts, tests driving their own browser). */
export const browserEnvVar = "TWAUTH_BROWSER";
const pasteAttempts = 3;

export interface OAuth2SignInOptions {
  readonly redirectUri: URL;
  readonly scopes: readonly string[];
  readonly authorizeUrl: string;
  readonly baseUrl: string | undefined;
  /** Print the URL and read the redirect URL (or code) from stdin instead of a loopback server. */
  readonly headless: boolean;
  readonly timeoutMs: number;
  /** stdin's lines: the pasted redirect with --headless. */
  readonly reader: LineReader | undefined;
}

export interface OAuth2SignIn {
  readonly tokens: OAuth2Tokens;
  readonly user: SignedInUser;
}

/**
 * OAuth 2.0 Authorization Code with PKCE from the terminal: the authorize URL, the user's consent
 * (a loopback server receives the redirect, or `--headless` reads it pasted), the code redeemed
 * for tokens, and `GET /2/users/me` with the new access token to tell who signed in. Every value
 * that could act as the user is registered with the redactor the moment the CLI holds it.
 */
export async function signInWithOAuth2(
  context: CommandContext,
  profile: OAuth2Profile,
  options: OAuth2SignInOptions,
): Promise<OAuth2SignIn> {
  const authorization = createOAuth2Authorization({
    clientId: profile.clientId,
    redirectUri: options.redirectUri.href,
    scopes: options.scopes,
    authorizeUrl: options.authorizeUrl,
  });
  context.redactor.add([authorization.codeVerifier]);
  const server = options.headless
    ? undefined
    : await startCallbackServer(options.redirectUri, oauth2CallbackReader);
  let answer: OAuth2RedirectAnswer;
  try {
    await showAuthorizeUrl(context, authorization.url, profile.clientId, options.headless);
    answer =
      server === undefined
        ? await readPastedRedirect(context, options, authorization.state)
        : await waitWithCountdown(context, options.timeoutMs, () =>
            server.answer(authorization.state, options.timeoutMs),
          );
  } finally {
    await server?.close();
  }
  const code = approvedCode(answer);
  context.redactor.add([code]);
  const tokens = await exchangeOAuth2Code({
    clientId: profile.clientId,
    clientSecret: profile.clientSecret,
    redirectUri: options.redirectUri.href,
    code,
    codeVerifier: authorization.codeVerifier,
    ...(options.baseUrl === undefined ? {} : { baseUrl: options.baseUrl }),
  });
  context.redactor.add([tokens.accessToken, tokens.refreshToken]);
  context.output.detail("POST /2/oauth2/token: the code was redeemed for the user's tokens");
  return { tokens, user: await whoSignedIn(tokens, options.baseUrl) };
}

/** The code of an approved redirect; every other answer ends the sign-in with what to do. */
function approvedCode(answer: OAuth2RedirectAnswer): string {
  switch (answer.kind) {
    case "approved":
      return answer.code;
    case "denied":
      throw new TwauthError(
        "AUTH_FAILED",
        "The authorization was cancelled on X's consent page, so no token was issued. Run twauth login --oauth2 again and choose Authorize app.",
      );
    case "state-mismatch":
      throw new TwauthError(
        "AUTH_FAILED",
        "The redirect's state is not this sign-in's (a redirect of another or an older sign-in, or a forged one); its code was not used and nothing was saved. Run twauth login --oauth2 again and use the URL it prints.",
      );
    case "error":
      throw new TwauthError(
        "AUTH_FAILED",
        `X redirected with error ${answer.error} instead of a code; check the app's OAuth 2.0 settings (type of app, callback URI, scopes) and run twauth login --oauth2 again.`,
      );
  }
}

async function showAuthorizeUrl(
  context: CommandContext,
  url: string,
  clientId: string,
  headless: boolean,
): Promise<void> {
  const { io, output, values } = context;
  // The client id is public (every authorize URL carries it), so the URL is shown whole.
  output.info(`Open this URL in a browser, sign in to X and authorize the app:\n\n  ${url}\n`, [clientId]);
  const wanted = !headless && !booleanOption(values, "no-browser") && io.env[browserEnvVar] !== "none";
  if (
    wanted &&
    canOpenBrowser({ platform: io.platform, env: io.env, interactive: io.stdout.isTTY === true })
  ) {
    const opened = await openBrowser(io.platform, url);
    output.info(opened ? "(opened in your browser)" : "(could not open a browser; open the URL yourself)");
  }
}

async function waitWithCountdown<T>(
  context: CommandContext,
  timeoutMs: number,
  wait: () => Promise<T>,
): Promise<T> {
  context.output.info("Waiting for X to redirect to twauth's loopback server...");
  const stop = startCountdown(context.output.stderrStream, "Waiting for the browser", Date.now() + timeoutMs);
  try {
    return await wait();
  } finally {
    stop();
  }
}

/** `--headless`: the address the browser ended on after consent (or the code alone), pasted. */
async function readPastedRedirect(
  context: CommandContext,
  options: OAuth2SignInOptions,
  state: string,
): Promise<OAuth2RedirectAnswer> {
  const reader = options.reader as LineReader;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 1; attempt <= pasteAttempts; attempt++) {
    context.output.stderrRaw(
      `After authorizing, the browser goes to ${options.redirectUri.origin}${options.redirectUri.pathname} (it may show an error page): paste that whole address here: `,
    );
    const line = await withDeadline(reader.next(), deadline, options.timeoutMs);
    if (line === undefined) {
      throw new UsageError(
        "stdin ended before the redirect URL was pasted; paste the address the browser went to after authorizing.",
        "login",
      );
    }
    const answer = parsePastedRedirect(line, state);
    if (answer !== undefined) return answer;
    context.output.info(
      `That is not the redirect: paste the whole address, starting ${options.redirectUri.origin}.${attempt < pasteAttempts ? " Try again." : ""}`,
    );
  }
  throw new UsageError(
    `no redirect URL after ${pasteAttempts} attempts; run twauth login --oauth2 again.`,
    "login",
  );
}

function withDeadline<T>(promise: Promise<T>, deadline: number, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new TwauthError(
            "TIMEOUT",
            `Nothing was pasted within ${Math.round(timeoutMs / 1000)} s (X's codes live 30 s after consent). Run twauth login --oauth2 again (raise --timeout if you need longer).`,
          ),
        ),
      Math.max(0, deadline - Date.now()),
    );
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** `GET /2/users/me` with the new access token: who signed in (the scopes always hold users.read). */
async function whoSignedIn(tokens: OAuth2Tokens, baseUrl: string | undefined): Promise<SignedInUser> {
  const api = await getApiConnection({
    userAgent: "twauth-cli",
    connectTimeout: interactiveConnectTimeout,
    waitOnRateLimitNotify: false,
    // No refresh token: this one call can never spend the fresh one.
    credentials: { type: "oauth2-user", accessToken: tokens.accessToken, expiresAt: tokens.expiresAt },
    ...(baseUrl === undefined ? {} : { baseUrl }),
  });
  try {
    const me = await api.verifyCredentials();
    if (me.id === undefined || me.username === undefined) {
      throw new TwauthError(
        "RESPONSE_INVALID",
        "GET /2/users/me answered without the user's id and username.",
        {
          endpoint: "GET /2/users/me",
        },
      );
    }
    return { userId: me.id, screenName: me.username };
  } finally {
    api.close();
  }
}
