import { describe, expect, it } from "vitest";
import { emulatorUserCredentials, expectNoSecrets, useEmulatorProject } from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const fixture = useEmulatorProject();

// login is swept in login.test.ts (it needs a PIN), emulator prints its own fake credentials on purpose.
describe("nothing prints a secret, not even with --verbose --json", () => {
  it.each([
    [["verify"]],
    [["token"]],
    [["doctor"]],
    [["request", "GET", "/2/users/me"]],
    [["limits", "/2/users/me", "/2/tweets/search/recent?query=x"]],
  ])("twauth %j", async (args) => {
    const run = await runTwauth([...args, "--verbose", "--json"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("twauth: config: ");
    expect(() => JSON.parse(run.stdout)).not.toThrow();
    expectNoSecrets(run, Object.values(emulatorUserCredentials));
    // No bearer token either: X's start with a run of A's.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/AAAAAAAAAAAAAAAAAAAA/);
  });
});
