import { readFileSync, statSync } from "node:fs";
import type { Emulator } from "@twauth/emulator";
import { defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { answerConsentPage, oauth2AuthorizeUrlPattern } from "./support/oauth2-consent.js";
import { freePort, oauth2Client, oauth2Project, readDotenv, usersMeWith } from "./support/oauth2-project.js";
import type { TempProject } from "./support/project.js";
import { dotenvConfig, expectNoSecrets, jsonOutput, tempProject } from "./support/project.js";
import type { TwauthRun } from "./support/run-twauth.js";
import { runTwauth, spawnTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
const projects: TempProject[] = [];
beforeEach(async () => {
  await emulator?.stop();
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator?.stop();
  for (const project of projects.splice(0)) project.remove();
});

function project(extraEnv = ""): TempProject {
  const made = oauth2Project(emulator, extraEnv);
  projects.push(made);
  return made;
}

/** `twauth login --oauth2 --headless`, with the redirect the test's "browser" reached pasted back. */
async function headlessLogin(
  cwd: string,
  args: readonly string[],
  redirect: (location: URL) => string = (location) => location.href,
  decision: "approve" | "deny" = "approve",
): Promise<TwauthRun> {
  const login = spawnTwauth(["login", "--oauth2", "--headless", ...args], { cwd });
  const [, url] = await login.waitFor("stderr", oauth2AuthorizeUrlPattern);
  const location = await answerConsentPage(url ?? "", decision);
  await login.waitFor("stderr", /paste that whole address here: $/);
  login.write(`${redirect(location)}\n`);
  return login.done;
}

/** Every value that acts as the user or the app: none may be printed. */
function secretsOf(project: TempProject): string[] {
  const env = readDotenv(project);
  return [
    oauth2Client.clientSecret,
    env.CONSUMER_SECRET ?? "",
    env.OAUTH2_ACCESS_TOKEN ?? "",
    env.OAUTH2_REFRESH_TOKEN ?? "",
  ].filter((value) => value !== "");
}

describe("twauth login --oauth2", () => {
  it("--headless: prints the authorize URL, takes the pasted redirect, saves working tokens and says who signed in", async () => {
    const dir = project();
    const run = await headlessLogin(dir.dir, ["--json", "--verbose"]);
    expect(run.exitCode).toBe(0);
    const env = readDotenv(dir);
    expect(jsonOutput(run)).toEqual({
      ok: true,
      flow: "oauth2",
      user: { id: defaultUser.id, username: defaultUser.username },
      profile: "default",
      store: { kind: "dotenv", source: dir.path(".env") },
      expiresAt: env.OAUTH2_EXPIRES_AT,
      scopes: ["tweet.read", "users.read", "offline.access"],
      refreshToken: true,
      saved: ["oauth2AccessToken", "oauth2RefreshToken", "oauth2ExpiresAt", "oauth2Scopes"],
    });
    expect(Date.parse(env.OAUTH2_EXPIRES_AT ?? "") - Date.now()).toBeGreaterThan(110 * 60_000);
    expect(env).toMatchObject({
      OAUTH2_SCOPES: "tweet.read,users.read,offline.access",
      CLIENT_ID: oauth2Client.clientId,
    });
    expect(statSync(dir.path(".env")).mode & 0o777).toBe(0o600);
    const me = await usersMeWith(emulator, env.OAUTH2_ACCESS_TOKEN);
    expect(me.status).toBe(200);
    expect(run.stderr).toContain(`client_id=${oauth2Client.clientId}`);
    expectNoSecrets(run, secretsOf(dir));
  });

  it("asks for the scopes of a preset, least privilege (read) by default", async () => {
    const dir = project();
    const run = await headlessLogin(dir.dir, ["--scopes", "post"]);
    expect(run.exitCode).toBe(0);
    const [, url] = run.stderr.match(oauth2AuthorizeUrlPattern) ?? [];
    expect(new URL(url ?? "").searchParams.get("scope")).toBe(
      "tweet.read tweet.write users.read offline.access",
    );
    expect(run.stdout).toContain(
      `Signed in as @${defaultUser.username} (id ${defaultUser.id}) with OAuth 2.0 (scopes: tweet.read tweet.write users.read offline.access).`,
    );
  });

  it("refuses a redirect whose state is not this sign-in's, redeems nothing and saves nothing", async () => {
    const dir = project();
    const run = await headlessLogin(dir.dir, [], (location) => {
      location.searchParams.set("state", "a-state-of-another-sign-in");
      return location.href;
    });
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain(
      "The redirect's state is not this sign-in's (a redirect of another or an older sign-in, or a forged one); its code was not used and nothing was saved. Run twauth login --oauth2 again and use the URL it prints.",
    );
    expect(emulator.oauth2Stats()).toMatchObject({ codesIssued: 1, codesRedeemed: 0 });
    expect(readDotenv(dir).OAUTH2_ACCESS_TOKEN).toBeUndefined();
  });

  it("a cancelled consent ends the sign-in with AUTH_FAILED and saves nothing", async () => {
    const dir = project();
    const run = await headlessLogin(dir.dir, ["--json"], undefined, "deny");
    expect(run.exitCode).toBe(3);
    expect(jsonOutput(run)).toMatchObject({
      ok: false,
      error: {
        code: "AUTH_FAILED",
        message:
          "The authorization was cancelled on X's consent page, so no token was issued. Run twauth login --oauth2 again and choose Authorize app.",
      },
    });
    expect(readDotenv(dir).OAUTH2_ACCESS_TOKEN).toBeUndefined();
  });

  it("warns before the consent page that a second sign-in revokes the grant the profile holds, and then it is revoked", async () => {
    const dir = project();
    expect((await headlessLogin(dir.dir, [])).exitCode).toBe(0);
    const first = readDotenv(dir);
    expect(emulator.hasOAuth2Grant(oauth2Client.clientId, defaultUser.id)).toBe(true);

    const second = await headlessLogin(dir.dir, []);
    expect(second.exitCode).toBe(0);
    const warning = `twauth: warning: profile "default" of ${dir.path(".env")} holds a live OAuth 2.0 grant of @${defaultUser.username} (id ${defaultUser.id}) for this client. X keeps one live grant per app and user: if that user authorizes now, X revokes those tokens, and every process or machine still using them must sign in again. Press Ctrl+C to stop; sign in a different user with --profile <name>.`;
    expect(second.stderr).toContain(warning);
    expect(second.stderr.indexOf(warning)).toBeLessThan(second.stderr.indexOf("/i/oauth2/authorize?"));
    expect((await usersMeWith(emulator, first.OAUTH2_ACCESS_TOKEN)).status).toBe(401);
    expect((await usersMeWith(emulator, readDotenv(dir).OAUTH2_ACCESS_TOKEN)).status).toBe(200);
    expect(emulator.oauth2Stats().grantsRevokedBySecondSignIn).toBe(1);
    expectNoSecrets(second, [...secretsOf(dir), first.OAUTH2_ACCESS_TOKEN, first.OAUTH2_REFRESH_TOKEN]);
  });

  it("never replaces another user's live OAuth 2.0 tokens without --force, and replaces them with it", async () => {
    const dir = project();
    emulator.setAuthorizeBehaviour({ signedInUser: "twauth_second" });
    expect((await headlessLogin(dir.dir, [])).exitCode).toBe(0);
    const second = readDotenv(dir);
    emulator.setAuthorizeBehaviour({ signedInUser: defaultUser.username });
    const refused = await headlessLogin(dir.dir, []);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(
      `twauth: profile "default" of ${dir.path(".env")} holds the access token of user id 1460000000000000002, and @${defaultUser.username} (id ${defaultUser.id}) signed in; nothing was saved. Run twauth login --force to replace that user's tokens, or --profile <name> to save @${defaultUser.username} as another profile.`,
    );
    expect(readDotenv(dir).OAUTH2_ACCESS_TOKEN).toBe(second.OAUTH2_ACCESS_TOKEN);

    const forced = await headlessLogin(dir.dir, ["--force"]);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toContain(`Signed in as @${defaultUser.username}`);
    expect(readDotenv(dir).OAUTH2_ACCESS_TOKEN).not.toBe(second.OAUTH2_ACCESS_TOKEN);
  });

  it("replaces tokens X no longer accepts without --force, saying so", async () => {
    const dir = project("OAUTH2_ACCESS_TOKEN=a-revoked-access-token-0000000\n");
    const run = await headlessLogin(dir.dir, []);
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain(
      `profile "default" of ${dir.path(".env")} holds OAuth 2.0 tokens that X no longer accepts; this sign-in replaces them.`,
    );
  });

  it("--headless gives up after --timeout when nothing is pasted", async () => {
    const dir = project();
    const login = spawnTwauth(["login", "--oauth2", "--headless", "--timeout", "1"], { cwd: dir.dir });
    const run = await login.done;
    expect(run.exitCode).toBe(4);
    expect(run.stderr).toContain(
      "twauth: Nothing was pasted within 1 s (X's codes live 30 s after consent). Run twauth login --oauth2 again (raise --timeout if you need longer).",
    );
  });

  it("a redirect to the loopback server with another state ends the sign-in, and its code is never redeemed", async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const client = emulator.addOAuth2Client({ type: "public", redirectUris: [redirectUri] });
    const dir = tempProject({
      "twauth.config.yaml": dotenvConfig(emulator.url, "auth: oauth2-user\n"),
      ".env": `CLIENT_ID=${client.clientId}\n`,
    });
    projects.push(dir);
    const login = spawnTwauth(["login", "--oauth2", "--callback", redirectUri], {
      cwd: dir.dir,
      env: { TWAUTH_BROWSER: "none" },
    });
    const [, url] = await login.waitFor("stderr", oauth2AuthorizeUrlPattern);
    await login.waitFor("stderr", /Waiting for X to redirect/);
    const forged = await answerConsentPage(url ?? "", "approve");
    forged.searchParams.set("state", "forged");
    const landing = await fetch(forged);
    expect(landing.status).toBe(400);
    expect(await landing.text()).toContain("This redirect does not belong to the running twauth login");
    const run = await login.done;
    expect(run.exitCode).toBe(3);
    expect(run.stderr).toContain("The redirect's state is not this sign-in's");
    expect(emulator.oauth2Stats()).toMatchObject({ codesIssued: 1, codesRedeemed: 0 });
  });

  it("refuses a read-only store before any request to X", async () => {
    const dir = tempProject({ "twauth.config.yaml": `store:\n  type: env\nbaseUrl: ${emulator.url}\n` });
    projects.push(dir);
    const run = await runTwauth(["login", "--oauth2", "--headless"], {
      cwd: dir.dir,
      env: { CLIENT_ID: oauth2Client.clientId, CLIENT_SECRET: oauth2Client.clientSecret },
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      "twauth login writes the OAuth 2.0 tokens to the store, but the env store (environment variables) is read-only.",
    );
    expect(run.stderr).not.toContain("/i/oauth2/authorize");
    expect(emulator.stats.total).toBe(0);
  });

  it("without --headless, receives the redirect on its loopback server (TWAUTH_BROWSER=none: the test is the browser)", async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const client = emulator.addOAuth2Client({ type: "public", redirectUris: [redirectUri] });
    const dir = tempProject({
      "twauth.config.yaml": dotenvConfig(emulator.url, "auth: oauth2-user\n"),
      ".env": `CLIENT_ID=${client.clientId}\n`,
    });
    projects.push(dir);
    const login = spawnTwauth(["login", "--oauth2", "--callback", redirectUri], {
      cwd: dir.dir,
      env: { TWAUTH_BROWSER: "none" },
    });
    const [, url] = await login.waitFor("stderr", oauth2AuthorizeUrlPattern);
    await login.waitFor("stderr", /Waiting for X to redirect/);
    const location = await answerConsentPage(url ?? "", "approve");
    const forged = new URL(location);
    forged.searchParams.set("state", "forged");
    const landing = await fetch(location);
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain("twauth received the authorization");
    const run = await login.done;
    expect(run.exitCode).toBe(0);
    await expect(fetch(forged)).rejects.toThrow(); // the server answered once, then closed
    expect((await usersMeWith(emulator, readDotenv(dir).OAUTH2_ACCESS_TOKEN)).status).toBe(200);
    expectNoSecrets(run, secretsOf(dir));
  });
});

describe("twauth token and twauth logout for an OAuth 2.0 profile", () => {
  it("token --json tells expiry and scopes without the token; logout revokes the grant at X and empties the tokens", async () => {
    const dir = project();
    expect((await headlessLogin(dir.dir, [])).exitCode).toBe(0);
    const signedIn = readDotenv(dir);

    const token = await runTwauth(["token", "--json"], { cwd: dir.dir });
    expect(token.exitCode).toBe(0);
    expect(jsonOutput(token)).toEqual({
      ok: true,
      tokenType: "oauth2-user",
      user: { id: defaultUser.id, username: defaultUser.username },
      fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{12}$/),
      expiresAt: signedIn.OAUTH2_EXPIRES_AT,
      scopes: ["tweet.read", "users.read", "offline.access"],
      refreshToken: true,
    });
    expectNoSecrets(token, secretsOf(dir));
    const shown = await runTwauth(["token", "--show"], { cwd: dir.dir });
    expect(shown.stdout).toBe(`${signedIn.OAUTH2_ACCESS_TOKEN}\n`);

    const logout = await runTwauth(["logout", "--json"], { cwd: dir.dir });
    expect(logout.exitCode).toBe(0);
    expect(jsonOutput(logout)).toEqual({
      ok: true,
      profile: "default",
      revoked: "refresh_token",
      removed: ["oauth2AccessToken", "oauth2RefreshToken", "oauth2ExpiresAt", "oauth2Scopes"],
      store: { kind: "dotenv", source: dir.path(".env") },
    });
    expectNoSecrets(logout, [...secretsOf(dir), signedIn.OAUTH2_ACCESS_TOKEN, signedIn.OAUTH2_REFRESH_TOKEN]);
    expect((await usersMeWith(emulator, signedIn.OAUTH2_ACCESS_TOKEN)).status).toBe(401);
    expect(emulator.hasOAuth2Grant(oauth2Client.clientId, defaultUser.id)).toBe(false);
    expect(readDotenv(dir)).toMatchObject({
      CLIENT_ID: oauth2Client.clientId,
      OAUTH2_ACCESS_TOKEN: "",
      OAUTH2_REFRESH_TOKEN: "",
      OAUTH2_EXPIRES_AT: "",
      OAUTH2_SCOPES: "",
    });

    const again = await runTwauth(["logout"], { cwd: dir.dir });
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toBe(
      `Profile "default" of ${dir.path(".env")} holds no OAuth 2.0 tokens: nothing to sign out.\n`,
    );
  });

  it("logout keeps the tokens when X refuses the revocation, so it can be tried again", async () => {
    const dir = project();
    expect((await headlessLogin(dir.dir, [])).exitCode).toBe(0);
    const signedIn = readDotenv(dir);
    const wrongSecret = "EmuLat0rOAuth2ClientSecretWrong0000000000000000001";
    dir.write(".env", readFileSync(dir.path(".env"), "utf8").replace(oauth2Client.clientSecret, wrongSecret));
    const logout = await runTwauth(["logout"], { cwd: dir.dir });
    expect(logout.exitCode).toBe(3);
    expect(logout.stderr).toContain(
      "twauth: POST /2/oauth2/revoke refused (401 unauthorized_client): check the client id and, for a confidential client, the client secret.",
    );
    expect(readDotenv(dir).OAUTH2_REFRESH_TOKEN).toBe(signedIn.OAUTH2_REFRESH_TOKEN);
    expect((await usersMeWith(emulator, signedIn.OAUTH2_ACCESS_TOKEN)).status).toBe(200);
    expectNoSecrets(logout, [wrongSecret, signedIn.OAUTH2_ACCESS_TOKEN, signedIn.OAUTH2_REFRESH_TOKEN]);
  });
});
