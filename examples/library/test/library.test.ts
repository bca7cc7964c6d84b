import { readFile } from "node:fs/promises";
import { getApiConnection } from "@twauth/core";
import type { Emulator } from "@twauth/emulator";
import { defaultApp, defaultUser } from "@twauth/emulator";
import type { SampleDirectory } from "@twauth/example-test-harness";
import {
  copySamples,
  exampleSecondUser,
  leakedSecrets,
  runExample,
  startExampleEmulator,
} from "@twauth/example-test-harness";
import { afterEach, beforeEach, expect, it } from "vitest";

let emulator: Emulator;
let samples: SampleDirectory;

beforeEach(async () => {
  emulator = await startExampleEmulator();
  samples = await copySamples(new URL("..", import.meta.url), { ".env.example": ".env" });
  // The world the programs find: two tweets mention @twauth_emulator, one does not.
  const secondUser = await getApiConnection({
    credentials: {
      consumerKey: defaultApp.consumerKey,
      consumerSecret: defaultApp.consumerSecret,
      accessToken: exampleSecondUser.accessToken,
      accessTokenSecret: exampleSecondUser.accessTokenSecret,
    },
    baseUrl: emulator.url,
  });
  for (const text of ["hello @twauth_emulator", "@twauth_emulator again", "nobody mentioned"]) {
    await secondUser.post("/2/tweets", { json: { text } });
  }
  secondUser.close();
});
afterEach(async () => {
  await emulator?.stop();
  await samples?.remove();
});

const run = (program: string) =>
  runExample(new URL(`../${program}`, import.meta.url), { baseUrl: emulator.url, cwd: samples.path });

it("counts the mentions through the ApiConnection its caller built", async () => {
  expect(await run("index.js")).toEqual({
    exit: 0,
    stdout:
      "ApiConnection, token type user: @twauth_emulator is mentioned in 2 recent tweets\n" +
      "GET /2/tweets/search/recent: 449 of 450 requests left\n",
    stderr: "",
  });
});

it("counts the same mentions through a signer and the caller's own fetch", async () => {
  expect(await run("with-signer.js")).toEqual({
    exit: 0,
    stdout:
      "OAuth 1.0a signer, user context: @twauth_emulator is mentioned in 2 recent tweets\n" +
      "GET /2/tweets/search/recent: 449 of 450 requests left\n",
    stderr: "",
  });
});

it("either way a revoked token reaches the caller as a TwauthError with code AUTH_FAILED", async () => {
  emulator.revokeAccessToken(defaultUser.accessToken);
  const [connection, signer] = await Promise.all([run("index.js"), run("with-signer.js")]);
  expect(connection).toMatchObject({ exit: 1, stdout: "" });
  expect(connection.stderr).toBe(
    "AUTH_FAILED: X rejected the credentials for GET /1.1/account/verify_credentials.json (401, code 89): Invalid or expired token. The token is invalid or expired: it was revoked, or regenerated in the developer portal. Put the current access token and access token secret in the store.\n",
  );
  expect(signer).toEqual({ exit: 1, stdout: "", stderr: "AUTH_FAILED: GET /2/users/me answered 401.\n" });
});

it("the library file imports nothing but @twauth/core", async () => {
  const source = await readFile(new URL("../mention-counter.js", import.meta.url), "utf8");
  const specifiers = [
    ...source.matchAll(
      /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bimport\s+["']([^"']+)["']/g,
    ),
  ].map((match) => match[1] ?? match[2] ?? match[3]);
  expect(specifiers.length).toBeGreaterThan(0);
  expect(new Set(specifiers)).toEqual(new Set(["@twauth/core"]));
  expect(source).not.toMatch(/\brequire\s*\(/);
});

it("prints no credential value", async () => {
  const runs = await Promise.all([run("index.js"), run("with-signer.js")]);
  for (const { stdout, stderr } of runs) expect(leakedSecrets(stdout + stderr)).toEqual([]);
});
