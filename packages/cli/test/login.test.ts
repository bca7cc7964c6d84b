import { readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authorizeUrlPattern, pinFromAuthorizePage } from "./support/authorize-page.js";
import { dotenvConfig, expectNoSecrets, jsonOutput, tempProject } from "./support/project.js";
import { runTwauth, spawnTwauth } from "./support/run-twauth.js";

const app = { consumerKey: defaultApp.consumerKey, consumerSecret: defaultApp.consumerSecret };

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe("twauth login", () => {
  it("runs the PIN flow with the PIN from stdin, saves the tokens under the file's own key names and prints who signed in", async () => {
    const project = tempProject({
      "twauth.config.yaml": dotenvConfig(emulator.url),
      // The seed tutorial's names, still empty: login fills them in place and keeps the comments.
      ".env": `# my app\nCONSUMER_KEY=${app.consumerKey}\nCONSUMER_SECRET=${app.consumerSecret}\n# filled by twauth login\nACCESS_KEY=\nACCESS_SECRET=\nOTHER_SETTING=kept\n`,
    });
    try {
      const login = spawnTwauth(["login", "--screen-name", "twauth_second", "--json", "--verbose"], {
        cwd: project.dir,
      });
      const [, authorizeUrl] = await login.waitFor("stderr", authorizeUrlPattern);
      login.write(`${await pinFromAuthorizePage(authorizeUrl!)}\n`);
      const run = await login.done;
      expect(run.exitCode).toBe(0);
      expect(jsonOutput(run)).toEqual({
        ok: true,
        user: { id: "1460000000000000002", username: "twauth_second" },
        profile: "default",
        store: { kind: "dotenv", source: project.path(".env") },
        saved: ["accessToken", "accessTokenSecret"],
      });
      const second = emulator.user("twauth_second");
      expect(second?.accessToken).toBeDefined();
      expect(readFileSync(project.path(".env"), "utf8")).toBe(
        `# my app\nCONSUMER_KEY=${app.consumerKey}\nCONSUMER_SECRET=${app.consumerSecret}\n# filled by twauth login\nACCESS_KEY=${second?.accessToken}\nACCESS_SECRET=${second?.accessTokenSecret}\nOTHER_SETTING=kept\n`,
      );
      expect(statSync(project.path(".env")).mode & 0o777).toBe(0o600);
      expectNoSecrets(run, [
        app.consumerKey,
        app.consumerSecret,
        second?.accessToken,
        second?.accessTokenSecret,
      ]);

      const verify = await runTwauth(["verify"], { cwd: project.dir });
      expect(verify.exitCode).toBe(0);
      expect(verify.stdout).toMatch(/^Authenticated as @twauth_second \(/);
    } finally {
      project.remove();
    }
  });

  it("a wrong PIN exits 3 with the hint, and the store is left as it was", async () => {
    const dotenv = `CONSUMER_KEY=${app.consumerKey}\nCONSUMER_SECRET=${app.consumerSecret}\n`;
    const project = tempProject({ "twauth.config.yaml": dotenvConfig(emulator.url), ".env": dotenv });
    try {
      const run = await runTwauth(["login"], { cwd: project.dir, stdin: "0000000\n" });
      expect(run.exitCode).toBe(3);
      expect(run.stderr).toContain(
        "twauth: POST /oauth/access_token failed with 401: the PIN (oauth_verifier) is wrong; check the digits, or start again for a new one.",
      );
      expect(run.stdout).toBe("");
      expect(readFileSync(project.path(".env"), "utf8")).toBe(dotenv);
    } finally {
      project.remove();
    }
  });

  it("--callback: a temporary loopback server receives X's redirect, and the yaml store gets the tokens in its own key style", async () => {
    const port = await freePort();
    const callback = `http://127.0.0.1:${port}/callback`;
    emulator.updateApp(defaultApp.consumerKey, { callbackUrls: [callback] });
    const project = tempProject({
      "twauth.config.yaml": `store:\n  type: yaml\n  path: secrets.yaml\nbaseUrl: ${emulator.url}\n`,
      "secrets.yaml": `# credentials\ndefault:\n  consumer_key: ${app.consumerKey}\n  consumer_secret: ${app.consumerSecret}\n`,
    });
    try {
      const login = spawnTwauth(["login", "--callback", callback, "--screen-name", "twauth_emulator"], {
        cwd: project.dir,
      });
      const [, authorizeUrl] = await login.waitFor("stderr", authorizeUrlPattern);
      // The browser: X's authorize page redirects to the callback, which is the CLI's server.
      const redirect = await fetch(authorizeUrl!, { redirect: "manual" });
      expect(redirect.status).toBe(302);
      const location = redirect.headers.get("location")!;
      expect(location.startsWith(`${callback}?`)).toBe(true);
      const page = await fetch(location);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("You can close this tab");
      const run = await login.done;
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(
        `Signed in as @twauth_emulator (id 1460000000000000001).\nSaved the access token and secret to ${project.path("secrets.yaml")} (profile "default").\n`,
      );
      const user = emulator.user("twauth_emulator");
      expect(readFileSync(project.path("secrets.yaml"), "utf8")).toContain(
        `  consumer_secret: ${app.consumerSecret}\n  access_token: ${user?.accessToken}\n  access_token_secret: ${user?.accessTokenSecret}\n`,
      );
      expectNoSecrets(run, [app.consumerSecret, user?.accessToken, user?.accessTokenSecret]);
    } finally {
      emulator.updateApp(defaultApp.consumerKey, { callbackUrls: defaultApp.callbackUrls });
      project.remove();
    }
  });

  it("refuses a read-only store (env) before asking X for anything, and says what to configure", async () => {
    const project = tempProject({ "twauth.config.yaml": `store:\n  type: env\nbaseUrl: ${emulator.url}\n` });
    try {
      const before = emulator.stats.total;
      const run = await runTwauth(["login"], {
        cwd: project.dir,
        env: { CONSUMER_KEY: app.consumerKey, CONSUMER_SECRET: app.consumerSecret },
      });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toBe(
        `twauth: twauth login saves the access token and secret to the store, but the env store (environment variables) is read-only. Configure a file store in ${project.path("twauth.config.yaml")} (store: { type: dotenv, path: .env }, or ini or yaml) and run twauth login again; twauth never prints the tokens instead.\n`,
      );
      expect(emulator.stats.total).toBe(before);
    } finally {
      project.remove();
    }
  });
});
