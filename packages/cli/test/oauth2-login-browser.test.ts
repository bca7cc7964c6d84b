import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import { defaultUser, startEmulator } from "@twauth/emulator";
import type { BrowserContext } from "playwright-core";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { oauth2AuthorizeUrlPattern } from "./support/oauth2-consent.js";
import { freePort, readDotenv, usersMeWith } from "./support/oauth2-project.js";
import type { TempProject } from "./support/project.js";
import { dotenvConfig, expectNoSecrets, tempProject } from "./support/project.js";
import { spawnTwauth } from "./support/run-twauth.js";

/** Debian's chromium: playwright cannot download a browser here, and CI (.ci/run) installs this one. */
const chromiumPath = "/usr/bin/chromium";
// Every flag is needed on this machine: no sandbox as root, no GPU, and nothing that phones home.
const chromiumFlags = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let emulator: Emulator;
let browser: BrowserContext | undefined;
let profileDir: string | undefined;
let project: TempProject | undefined;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await browser?.close();
  if (profileDir !== undefined) rmSync(profileDir, { recursive: true, force: true });
  project?.remove();
  await emulator?.stop();
});

/** A fresh headless Chromium; a missing one fails the test saying why (never a skip). */
async function launchChromium(): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: this test drives X's consent page in a real headless Chromium. Install Debian's chromium (apt-get install chromium); CI's .ci/run installs it.`,
    );
  }
  profileDir = mkdtempSync(join(tmpdir(), "twauth-chromium-"));
  // launchPersistentContext is playwright's way to give Chromium a fresh --user-data-dir of our own.
  return chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    timeout: 30_000,
  });
}

describe("twauth login --oauth2 in a real browser", () => {
  it("the user clicks Authorize app in headless Chromium, the browser lands on twauth's loopback server, and the saved tokens work", async () => {
    const port = await freePort();
    const redirectUri = `http://127.0.0.1:${port}/callback`;
    const client = emulator.addOAuth2Client({ type: "confidential", redirectUris: [redirectUri] });
    project = tempProject({
      "twauth.config.yaml": dotenvConfig(emulator.url, "auth: oauth2-user\n"),
      ".env": `CLIENT_ID=${client.clientId}\nCLIENT_SECRET=${client.clientSecret}\n`,
    });
    browser = await launchChromium();

    // TWAUTH_BROWSER=none: twauth only prints the URL, and this test's Chromium opens it.
    const login = spawnTwauth(["login", "--oauth2", "--callback", redirectUri, "--scopes", "post"], {
      cwd: project.dir,
      env: { TWAUTH_BROWSER: "none" },
      timeoutMs: 60_000,
    });
    const [, authorizeUrl] = await login.waitFor("stderr", oauth2AuthorizeUrlPattern);
    await login.waitFor("stderr", /Waiting for X to redirect/);

    const page = await browser.newPage();
    await page.goto(authorizeUrl ?? "");
    expect(await page.textContent("#signed-in-as")).toBe(`Signed in as @${defaultUser.username}`);
    expect(await page.locator("#scopes li").allTextContents()).toEqual([
      "tweet.read",
      "tweet.write",
      "users.read",
      "offline.access",
    ]);
    await Promise.all([
      page.waitForURL((url) => url.href.startsWith(`${redirectUri}?`), { timeout: 30_000 }),
      page.getByRole("button", { name: "Authorize app" }).click(),
    ]);
    expect(await page.textContent("h1")).toBe("Signed in");
    expect(new URL(page.url()).searchParams.get("code")).toMatch(/./);

    const run = await login.done;
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `Signed in as @${defaultUser.username} (id ${defaultUser.id}) with OAuth 2.0 (scopes: tweet.read tweet.write users.read offline.access).`,
    );
    const env = readDotenv(project);
    expect(env).toMatchObject({
      OAUTH2_ACCESS_TOKEN: expect.stringMatching(/./),
      OAUTH2_REFRESH_TOKEN: expect.stringMatching(/./),
      OAUTH2_EXPIRES_AT: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      OAUTH2_SCOPES: "tweet.read,tweet.write,users.read,offline.access",
    });
    const me = await usersMeWith(emulator, env.OAUTH2_ACCESS_TOKEN);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ data: { id: defaultUser.id, username: defaultUser.username } });
    expectNoSecrets(run, [
      client.clientSecret,
      env.OAUTH2_ACCESS_TOKEN,
      env.OAUTH2_REFRESH_TOKEN,
      new URL(page.url()).searchParams.get("code") ?? undefined,
    ]);
  }, 90_000);
});
