import { spawn } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, secondUser, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, expect, it } from "vitest";

const program = fileURLToPath(new URL("../index.js", import.meta.url));
let emulator: Emulator;
let folder: string;

beforeAll(async () => {
  emulator = await startEmulator({ authorize: { signedInUser: secondUser.username } });
  folder = mkdtempSync(join(tmpdir(), "twauth-pin-login-"));
  copyFileSync(fileURLToPath(new URL("../.env.example", import.meta.url)), join(folder, ".env"));
  chmodSync(join(folder, ".env"), 0o600);
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await emulator.stop();
});

it("signs a user in with the PIN typed at its prompt, saves their tokens and verifies them", async () => {
  const child = spawn(process.execPath, [program], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? "", TWAUTH_BASE_URL: emulator.url },
  });
  let stdout = "";
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  // The person at the terminal: open the URL the program prints, read the PIN, type it in.
  const answered = new Promise<void>((resolve, reject) => {
    child.stdout.on("data", async (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /^(http:\/\/\S+\/oauth\/authorize\?oauth_token=\S+)$/m.exec(stdout)?.[1];
      if (url === undefined || !stdout.includes("PIN: ") || child.stdin.writableEnded) return;
      try {
        const page = await (await fetch(url)).text();
        const pin = /id="oauth_pin"[\s\S]*?<code>(\d{7})<\/code>/.exec(page)?.[1];
        child.stdin.end(`${pin}\n`);
        resolve();
      } catch (error) {
        reject(error);
      }
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on("close", resolve));
  await answered;
  expect(await exit).toBe(0);

  expect(stderr).toBe("");
  expect(stdout).toMatch(
    /^Open this page, approve the app, then type the PIN it shows:\nhttp:\/\/127\.0\.0\.1:\d+\/oauth\/authorize\?oauth_token=\S+\nPIN: /,
  );
  expect(stdout).toContain(
    `\n@${secondUser.username} signed in; their access token and secret are saved in .env\n`,
  );
  expect(stdout).toContain(`verified: @${secondUser.username}, token type user\n`);

  const saved = readFileSync(join(folder, ".env"), "utf8");
  expect(saved).toMatch(/^# Copy to \.env/); // the comment and the app keys are kept
  expect(saved).toContain(`CONSUMER_SECRET=${defaultApp.consumerSecret}\n`);
  expect(saved).toMatch(new RegExp(`\\nACCESS_TOKEN=${secondUser.id}-\\S+\\nACCESS_TOKEN_SECRET=\\S+\\n$`));
  expect(statSync(join(folder, ".env")).mode & 0o777).toBe(0o600);
  const secret = /ACCESS_TOKEN_SECRET=(\S+)/.exec(saved)?.[1] ?? "";
  expect(stdout).not.toContain(secret);
  expect(stdout).not.toContain(defaultApp.consumerSecret);
});
