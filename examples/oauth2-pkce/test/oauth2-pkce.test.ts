import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import type { Emulator, OAuth2Client } from "@twauth/emulator";
import { defaultUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";

const program = fileURLToPath(new URL("../server.js", import.meta.url));
let emulator: Emulator;
let client: OAuth2Client;
let app: ChildProcess;
let appUrl: string;
let output = "";

/** A free loopback port: the app's redirect URI must be registered before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  emulator = await startEmulator();
  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  client = emulator.addOAuth2Client({ type: "confidential", redirectUris: [`${appUrl}/callback`] });
  app = spawn(process.execPath, [program], {
    env: {
      PATH: process.env.PATH ?? "",
      PORT: String(port),
      TWAUTH_BASE_URL: emulator.url,
      TWAUTH_AUTHORIZE_URL: `${emulator.url}/i/oauth2/authorize`,
      X_CLIENT_ID: client.clientId,
      X_CLIENT_SECRET: client.clientSecret ?? "",
    },
  });
  app.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  app.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the app did not start: ${output}`)), 10_000);
    app.stdout?.on("data", () => {
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
});
afterAll(async () => {
  app.kill("SIGTERM");
  await emulator.stop();
});

it("signs a user in with PKCE through the consent page and greets them by the name X gives", async () => {
  const home = await (await fetch(appUrl)).text();
  expect(home).toContain('<a id="sign-in" href="/login">Sign in with X</a>');

  const login = await fetch(`${appUrl}/login`, { redirect: "manual" });
  expect(login.status).toBe(302);
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const authorize = new URL(login.headers.get("location") ?? "");
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");

  // The person on the consent page clicks "Authorize app": post the form the page shows.
  const consent = await (await fetch(authorize)).text();
  const form = new URLSearchParams();
  for (const match of consent.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g))
    form.set(
      match[1] ?? "",
      (match[2] ?? "").replace(/&#(\d+);/g, (_, code) => String.fromCharCode(Number(code))),
    );
  form.set("decision", "approve");
  const approved = await fetch(`${emulator.url}/i/oauth2/authorize`, {
    method: "POST",
    body: form,
    redirect: "manual",
  });
  const callback = approved.headers.get("location") ?? "";
  expect(callback.startsWith(`${appUrl}/callback?code=`)).toBe(true);

  const done = await fetch(callback, { headers: { cookie } });
  expect(done.status).toBe(200);
  expect(await done.text()).toContain(
    `<p id="signed-in">Signed in as @${defaultUser.username} (${defaultUser.name}).</p>`,
  );
  expect(emulator.oauth2Stats()).toMatchObject({ codesIssued: 1, codesRedeemed: 1 });
  expect(output).not.toContain(client.clientSecret ?? "never");
});

it("refuses a callback whose state does not match the sign-in it started", async () => {
  const login = await fetch(`${appUrl}/login`, { redirect: "manual" });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const forged = await fetch(`${appUrl}/callback?code=x&state=forged`, { headers: { cookie } });
  expect(forged.status).toBe(400);
  expect(await forged.text()).toContain("This sign-in expired or did not start here.");
});
