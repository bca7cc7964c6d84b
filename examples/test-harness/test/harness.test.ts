import { stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defaultApp, defaultUser } from "@twauth/emulator";
import { afterEach, expect, it } from "vitest";
import { exampleSecondUser, leakedSecrets } from "../src/example-credentials.js";
import { runExample } from "../src/run-example.js";
import type { SampleDirectory } from "../src/sample-files.js";
import { copySamples } from "../src/sample-files.js";
import { startExampleEmulator } from "../src/start-example-emulator.js";

let samples: SampleDirectory | undefined;
afterEach(() => samples?.remove());

it("copies samples under their new names with mode 0600", async () => {
  samples = await copySamples(new URL("..", import.meta.url), { "package.json": "copy.json" });
  expect((await stat(join(samples.path, "copy.json"))).mode & 0o777).toBe(0o600);
});

it("passes the program TWAUTH_BASE_URL and the given variables, and none of the test's own", async () => {
  samples = await copySamples(new URL("..", import.meta.url), {});
  const program = join(samples.path, "print-env.js");
  await writeFile(
    program,
    "console.log(JSON.stringify(Object.keys(process.env).filter((name) => name !== 'PATH' && name !== 'HOME').sort())); process.exitCode = 3;",
  );
  process.env.TWAUTH_TEST_HARNESS_LEAK = "1";
  try {
    const result = await runExample(program, { baseUrl: "http://127.0.0.1:1", env: { GIVEN: "yes" } });
    expect(result).toEqual({ exit: 3, stdout: '["GIVEN","TWAUTH_BASE_URL"]\n', stderr: "" });
  } finally {
    delete process.env.TWAUTH_TEST_HARNESS_LEAK;
  }
});

it("names each credential value found in a text", () => {
  const text = `token ${defaultUser.accessToken} and secret ${exampleSecondUser.accessTokenSecret}`;
  expect(leakedSecrets(text)).toEqual(["defaultUser.accessToken", "exampleSecondUser.accessTokenSecret"]);
  expect(leakedSecrets(`key prefix ${defaultApp.consumerKey.slice(0, 8)}`)).toEqual([]);
});

it("the seeded emulator holds the default user's and the second user's tokens the samples use", async () => {
  const emulator = await startExampleEmulator();
  try {
    for (const user of [defaultUser, exampleSecondUser]) {
      expect(emulator.user(user.username)).toMatchObject({
        id: user.id,
        name: user.name,
        accessToken: user.accessToken,
        accessTokenSecret: user.accessTokenSecret,
      });
    }
    expect(emulator.users()).toHaveLength(2);
  } finally {
    await emulator.stop();
  }
});
