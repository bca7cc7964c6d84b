import { spawn } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultApp, defaultUser } from "@twauth/emulator";
import { afterAll, expect, it } from "vitest";

const session = fileURLToPath(new URL("../session.sh", import.meta.url));
// The bin of the twauth package this example depends on (its built dist).
const twauthBin = join(
  dirname(createRequire(import.meta.url).resolve("twauth/package.json")),
  "dist/bin/twauth.js",
);

const folder = mkdtempSync(join(tmpdir(), "twauth-example-cli-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** `twauth` on the PATH, as after `npm install -g twauth`. */
function installTwauthOnPath(): string {
  const bin = join(folder, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "twauth"), `#!/bin/sh\nexec "${process.execPath}" "${twauthBin}" "$@"\n`);
  chmodSync(join(bin, "twauth"), 0o755);
  return bin;
}

it("the README's session runs as written: emulator, config, verify, doctor, and a PIN login typed on stdin", async () => {
  const bin = installTwauthOnPath();
  const work = join(folder, "work");
  mkdirSync(work);
  writeFileSync(join(work, "package.json"), "{}\n");
  const child = spawn("sh", [session], {
    cwd: work,
    env: { PATH: `${bin}:${process.env.PATH ?? ""}`, PORT: "0" },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  const authorizeUrl = new Promise<string>((resolve) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      const match = /(http:\/\/\S+\/oauth\/authorize\?\S+)/.exec(stderr);
      if (match !== null) resolve(match[1]!);
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  try {
    // The person at the keyboard: opens the URL, approves, and types the PIN X shows.
    const first = await Promise.race([authorizeUrl, exited.then(() => undefined)]);
    expect(first, stderr).toBeDefined();
    const page = await (await fetch(first!)).text();
    const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(page)?.[1];
    child.stdin.end(`${pin}\n`);
    expect(await exited, `${stdout}\n${stderr}`).toBe(0);
  } finally {
    clearTimeout(timer);
  }

  const verifies = stdout.match(/^Authenticated as @\w+/gm);
  expect(verifies).toEqual(["Authenticated as @twauth_emulator", "Authenticated as @twauth_second"]);
  expect(stdout).toMatch(/^ok {4}credentials verified: X accepted the user token of @twauth_emulator/m);
  expect(stdout).not.toMatch(/^fail/m);
  expect(stdout).toContain("Signed in as @twauth_second (id 1460000000000000002).");
  const dotenv = readFileSync(join(work, ".env"), "utf8");
  expect(dotenv).toContain(`ACCESS_TOKEN=${defaultUser.accessToken}\n`);
  expect(dotenv).toMatch(/^TWAUTH_SECOND_ACCESS_TOKEN=1460000000000000002-/m);
  expect(dotenv).toContain(`TWAUTH_SECOND_CONSUMER_KEY=${defaultApp.consumerKey}\n`);
  const output = `${stdout}${stderr}`;
  for (const secret of [defaultApp.consumerSecret, defaultUser.accessTokenSecret]) {
    expect(output.includes(secret)).toBe(false);
  }
});
