import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Emulator } from "@twauth/emulator";
import type { SampleDirectory } from "@twauth/example-test-harness";
import { copySamples, leakedSecrets, runExample, startExampleEmulator } from "@twauth/example-test-harness";
import { afterEach, beforeEach, expect, it } from "vitest";

const program = new URL("../index.js", import.meta.url);
let emulator: Emulator;
let samples: SampleDirectory;

beforeEach(async () => {
  emulator = await startExampleEmulator();
  samples = await copySamples(new URL("..", import.meta.url), { "config.yaml.example": "config.yaml" });
});
afterEach(async () => {
  await emulator?.stop();
  await samples?.remove();
});

const run = () => runExample(program, { baseUrl: emulator.url, cwd: samples.path });

/** Edits the copied config.yaml as a user would in an editor. */
async function editConfig(edit: (text: string) => string) {
  const path = join(samples.path, "config.yaml");
  await writeFile(path, edit(await readFile(path, "utf8")));
}

it("signs in with the credentials under twitter: and ignores the rest of the app's config", async () => {
  expect(await run()).toEqual({
    exit: 0,
    stdout:
      "config.yaml, key twitter: @twauth_emulator (twauth Emulator), token type user\n" +
      "GET /2/users/me: 74 of 75 requests left\n",
    stderr: "",
  });
});

it("points at the line of a credential yaml reads as a number, and exits 1", async () => {
  await editConfig((text) => text.replace(/consumer_key: .*/, "consumer_key: 12345"));
  const result = await run();
  expect(result.exit).toBe(1);
  expect(result.stderr).toBe(
    "CREDENTIALS_INVALID: config.yaml line 10, column 3: twitter.consumer_key is a number, not text; a credential is text: put the value in quotes.\n",
  );
});

it("lists the top-level keys when the twitter: section is missing", async () => {
  await editConfig((text) => text.replace(/^twitter:/m, "twiter:"));
  const result = await run();
  expect(result.stderr).toBe(
    'STORE_NOT_FOUND: config.yaml has no "twitter" key at the top level (keys found: app, log, twiter); check the `key` option.\n',
  );
});

it("prints no credential value", async () => {
  const result = await run();
  expect(leakedSecrets(result.stdout + result.stderr)).toEqual([]);
});
