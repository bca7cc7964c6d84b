import type { UserAccessToken } from "@twauth/core";
import { completeUserAuthorization, startUserAuthorization, TwauthError } from "@twauth/core";
import type { Command, CommandContext } from "../cli/command.js";
import { booleanOption, secondsOption, stringOption } from "../cli/option-values.js";
import { UsageError } from "../cli/usage-error.js";
import type { CallbackServer } from "../login/callback-server.js";
import { callbackListenHost, startCallbackServer } from "../login/callback-server.js";
import { confirmReplace } from "../login/confirm-replace.js";
import type { LineReader } from "../login/line-reader.js";
import { createLineReader } from "../login/line-reader.js";
import { readLoginProfile } from "../login/login-profile.js";
import { defaultOAuth2RedirectUri, runOAuth2Login } from "../login/oauth2-login.js";
import { canOpenBrowser, openBrowser } from "../login/open-browser.js";
import { startCountdown } from "../output/countdown.js";
import type { Setup } from "../setup/load-setup.js";
import { loadSetup } from "../setup/load-setup.js";

const defaultTimeoutSeconds = 300;
/** X's PINs are 7 digits; a little slack for other lengths, none for letters or spaces inside. */
const pinPattern = /^\d{4,12}$/;
const pinAttempts = 3;

export const loginCommand: Command = {
  name: "login",
  summary: "sign a user in (PIN flow, --callback, or --oauth2) and save their tokens to the store",
  synopsis: "[--oauth2 [--scopes <preset|list>] [--headless]] [--callback <url>] [options]",
  description: `The seed's "User Access Token": gets a request token (oauth_callback=oob), shows the URL where the
user approves the app (and opens it in a browser on a desktop), reads the PIN from stdin (a terminal
or a pipe), exchanges it for the user's access token and secret and writes both to the configured
store with save(): the keys the file already uses are updated, every other line is kept, the file
is written atomically with mode 0600. Nothing secret is printed.

With --callback, a temporary server on that loopback URL (e.g. http://127.0.0.1:3000/callback, one
of the app's callback URLs) receives X's redirect instead of a PIN. It stops after the answer or
the timeout.

The store must be writable (dotenv, ini or yaml): the env store is read-only, and twauth does not
print the tokens instead. When the profile holds another user's tokens, twauth asks before
replacing them on a terminal, and needs --force otherwise. --profile with a new name creates that
profile, with the app's key and secret from the default profile.

With --oauth2, OAuth 2.0 Authorization Code with PKCE instead: reads CLIENT_ID (and CLIENT_SECRET
for a confidential client) from the profile, opens X's consent page (https://x.com/i/oauth2/authorize,
or <base URL>/i/oauth2/authorize for a loopback --base-url such as the emulator's, or
--authorize-url) with a temporary server on the redirect URI (--callback, default
${defaultOAuth2RedirectUri}; it must be one of the app's callback URIs), waits for one redirect,
checks its state, redeems the code and saves OAUTH2_ACCESS_TOKEN, OAUTH2_REFRESH_TOKEN and
OAUTH2_EXPIRES_AT (ISO 8601) and OAUTH2_SCOPES (comma-separated) to the profile.
--scopes is a preset (read, the default; post; dm: each with offline.access, so the tokens can
refresh) or a list of X scopes including tweet.read and users.read. --headless starts no server
and opens no browser: open the printed URL anywhere, then paste the address the browser went to
(or the code alone) on stdin. TWAUTH_BROWSER=none never opens a browser (the URL is printed
either way). X keeps one live grant per app and user: when the profile already holds OAuth 2.0
tokens, twauth asks X whose they are (GET /2/users/me, refreshing them if needed) and warns before
the consent page that approving revokes them; tokens X refuses are replaced without --force.`,
  options: {
    oauth2: { type: "boolean", description: "sign in with OAuth 2.0 (PKCE) instead of OAuth 1.0a" },
    scopes: {
      type: "string",
      valueName: "read|post|dm|list",
      description: "--oauth2: a scope preset, or X scopes separated by spaces or commas (default read)",
    },
    headless: {
      type: "boolean",
      description: "--oauth2: print the URL and read the pasted redirect URL or code from stdin",
    },
    "authorize-url": {
      type: "string",
      valueName: "url",
      description: "--oauth2: the consent page (default X's, or the loopback base URL's)",
    },
    callback: {
      type: "string",
      valueName: "url",
      description: `use the callback flow with a temporary server on this loopback http URL (--oauth2: the redirect URI, default ${defaultOAuth2RedirectUri})`,
    },
    "no-browser": { type: "boolean", description: "do not try to open the authorize URL in a browser" },
    "screen-name": {
      type: "string",
      valueName: "name",
      description: "prefill X's sign-in form with this account",
    },
    "force-login": { type: "boolean", description: "make X ask for the password even if signed in" },
    "access-type": {
      type: "string",
      valueName: "read|write",
      description: "ask for less than the app's permission",
    },
    force: {
      type: "boolean",
      description: "replace the tokens of another user that the profile holds, without asking",
    },
    timeout: {
      type: "string",
      valueName: "seconds",
      description: `how long to wait for the PIN or the callback (default ${defaultTimeoutSeconds})`,
    },
  },
  positionals: { min: 0, max: 0 },
  examples: [
    "twauth login",
    "echo 1234567 | twauth login --no-browser    # the PIN from a pipe",
    "twauth login --callback http://127.0.0.1:3000/callback",
    "twauth login --profile bot2 --screen-name my_bot",
    "twauth login --oauth2 --scopes post",
    "twauth login --oauth2 --headless    # on a server: paste the redirect URL back",
  ],
  async run(context) {
    const { values } = context;
    if (booleanOption(values, "oauth2")) return runOAuth2Login(context);
    const oauth2Only = ["scopes", "headless", "authorize-url"].find((name) => values[name] !== undefined);
    if (oauth2Only !== undefined) throw new UsageError(`--${oauth2Only} needs --oauth2.`, "login");
    const callback = callbackOption(stringOption(values, "callback"));
    const accessType = accessTypeOption(stringOption(values, "access-type"));
    const timeoutMs = secondsOption(values, "timeout", "login", defaultTimeoutSeconds) * 1000;

    const setup = await loadSetup(context);
    const save = writableSave(setup);
    const profile = await readLoginProfile(context, setup);
    const app = { consumerKey: profile.consumerKey, consumerSecret: profile.consumerSecret };
    const server = callback === undefined ? undefined : await startCallbackServer(callback);
    // The PIN comes from stdin; a terminal also answers the "replace another user?" question.
    const needsReader = callback === undefined || context.io.stdin.isTTY === true;
    const reader = needsReader ? createLineReader(context.io.stdin) : undefined;
    try {
      const user = await signIn(context, setup, app, { callback, accessType, timeoutMs, server, reader });
      await confirmReplace(context, setup, profile.heldBy, user, {
        force: booleanOption(values, "force"),
        reader,
      });
      context.redactor.add([user.accessToken, user.accessTokenSecret]);
      const saved = {
        ...(profile.isNew ? app : {}),
        accessToken: user.accessToken,
        accessTokenSecret: user.accessTokenSecret,
      };
      await save(saved, { profile: setup.profile });
      context.output.detail(`saved ${Object.keys(saved).join(", ")} to ${setup.store.source}`);
      return loginResult(setup, user, Object.keys(saved));
    } finally {
      reader?.close();
      await server?.close();
    }
  },
};

interface SignInOptions {
  readonly callback: URL | undefined;
  readonly accessType: "read" | "write" | undefined;
  readonly timeoutMs: number;
  readonly server: CallbackServer | undefined;
  readonly reader: LineReader | undefined;
}

/** The PIN or callback flow, from the request token to the user's access token. */
async function signIn(
  context: CommandContext,
  setup: Setup,
  app: { consumerKey: string; consumerSecret: string },
  options: SignInOptions,
): Promise<UserAccessToken> {
  const { values } = context;
  const { callback, server } = options;
  const start = await startUserAuthorization({
    ...app,
    callback: callback?.href ?? "oob",
    ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
    ...(options.accessType === undefined ? {} : { accessType: options.accessType }),
    ...(booleanOption(values, "force-login") ? { forceLogin: true } : {}),
    ...optional("screenName", stringOption(values, "screen-name")),
  });
  context.redactor.add([start.requestTokenSecret]);
  context.output.detail(
    `POST /oauth/request_token: request token issued (callback ${callback?.href ?? "oob"})`,
  );
  await showAuthorizeUrl(context, start.authorizeUrl);
  const verifier =
    server === undefined
      ? await readPin(context, options.reader as LineReader, options.timeoutMs)
      : await awaitCallback(context, server, start.requestToken, options.timeoutMs);
  return completeUserAuthorization({
    ...app,
    requestToken: start.requestToken,
    requestTokenSecret: start.requestTokenSecret,
    verifier,
    ...(setup.baseUrl === undefined ? {} : { baseUrl: setup.baseUrl }),
  });
}

/** The store's save, or why login cannot use this store. */
function writableSave(setup: Setup): NonNullable<Setup["store"]["save"]> {
  const { store } = setup;
  if (store.save !== undefined) return store.save;
  throw new TwauthError(
    "STORE_WRITE_FAILED",
    `twauth login saves the access token and secret to the store, but the ${store.kind} store (${store.source}) is read-only. Configure a file store in ${setup.filepath} (store: { type: dotenv, path: .env }, or ini or yaml) and run twauth login again; twauth never prints the tokens instead.`,
    { source: store.source, file: setup.filepath, keys: ["store.type"] },
  );
}

function loginResult(setup: Setup, user: UserAccessToken, saved: readonly string[]) {
  const { store } = setup;
  return {
    text: `Signed in as @${user.screenName} (id ${user.userId}).\nSaved the access token and secret to ${store.source} (profile "${setup.profile}").`,
    data: {
      ok: true,
      user: { id: user.userId, username: user.screenName },
      profile: setup.profile,
      store: { kind: store.kind, source: store.source },
      saved,
    },
  };
}

function optional<K extends string>(key: K, value: string | undefined): { [P in K]?: string } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };
}

function callbackOption(text: string | undefined): URL | undefined {
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || callbackListenHost(url) === undefined) {
    throw new UsageError(
      `--callback must be a loopback http URL such as http://127.0.0.1:3000/callback (the temporary server listens only on this machine), got "${text}".`,
      "login",
    );
  }
  return url;
}

function accessTypeOption(text: string | undefined): "read" | "write" | undefined {
  if (text === undefined || text === "read" || text === "write") return text;
  throw new UsageError(`--access-type must be read or write, got "${text}".`, "login");
}

async function showAuthorizeUrl(context: CommandContext, authorizeUrl: string): Promise<void> {
  const { io, output, values } = context;
  output.info(`Open this URL in a browser, sign in to X and authorize the app:\n\n  ${authorizeUrl}\n`);
  const wanted = !booleanOption(values, "no-browser");
  if (
    wanted &&
    canOpenBrowser({ platform: io.platform, env: io.env, interactive: io.stdout.isTTY === true })
  ) {
    const opened = await openBrowser(io.platform, authorizeUrl);
    output.info(opened ? "(opened in your browser)" : "(could not open a browser; open the URL yourself)");
  }
}

async function readPin(context: CommandContext, reader: LineReader, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; attempt <= pinAttempts; attempt++) {
    context.output.stderrRaw("Then type the PIN X shows: ");
    const line = await withTimeout(reader.next(), deadline - Date.now(), () => {
      return new TwauthError(
        "TIMEOUT",
        `No PIN was typed within ${Math.round(timeoutMs / 1000)} s. Run twauth login again (raise --timeout if you need longer).`,
      );
    });
    if (line === undefined) {
      throw new UsageError(
        "stdin ended before a PIN was typed; type the PIN X shows, or pipe it in.",
        "login",
      );
    }
    const pin = line.trim();
    if (pinPattern.test(pin)) return pin;
    context.output.info(
      `That is not a PIN: X shows digits only (usually 7).${attempt < pinAttempts ? " Try again." : ""}`,
    );
  }
  throw new UsageError(`no valid PIN after ${pinAttempts} attempts; run twauth login again.`, "login");
}

async function awaitCallback(
  context: CommandContext,
  server: CallbackServer,
  requestToken: string,
  timeoutMs: number,
): Promise<string> {
  context.output.info(`Waiting for X to redirect to the callback on port ${server.port}...`);
  const stop = startCountdown(context.output.stderrStream, "Waiting for the browser", Date.now() + timeoutMs);
  try {
    const answer = await server.answer(requestToken, timeoutMs);
    if (answer.kind === "denied") {
      throw new TwauthError(
        "AUTH_FAILED",
        "The authorization was denied on X's page, so no access token was issued. Run twauth login again and choose Authorize app.",
      );
    }
    return answer.oauthVerifier;
  } finally {
    stop();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(onTimeout()), Math.max(0, ms));
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
