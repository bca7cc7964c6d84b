import { describe, expect, it } from "vitest";
import { tokenFingerprint } from "../src/commands/token.js";
import {
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  useEmulatorProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const fixture = useEmulatorProject();
const secrets = Object.values(emulatorUserCredentials);

function searchWith(bearerToken: string): Promise<Response> {
  return fetch(`${fixture.emulator.url}/2/tweets/search/recent?query=twauth`, {
    headers: { authorization: `Bearer ${bearerToken}` },
  });
}

describe("twauth token", () => {
  it("--show prints only the token on stdout; without it, a fingerprint and the length; --invalidate revokes it", async () => {
    const shown = await runTwauth(["token", "--show"], { cwd: fixture.project.dir });
    expect(shown.exitCode).toBe(0);
    const token = shown.stdout.trim();
    expect(shown.stdout).toBe(`${token}\n`);
    expect((await searchWith(token)).status).toBe(200);
    expect(shown.stderr).toContain(
      `Bearer token exchanged at POST /oauth2/token: ${tokenFingerprint(token)}`,
    );

    const plain = await runTwauth(["token"], { cwd: fixture.project.dir });
    expect(plain.exitCode).toBe(0);
    expect(plain.stdout.split("\n").slice(0, 3)).toEqual([
      `Bearer token exchanged at POST /oauth2/token: ${tokenFingerprint(token)}, ${token.length} characters.`,
      expect.stringMatching(/^it works: GET \/2\/tweets\/search\/recent: \d+ of 450 left/),
      "Run twauth token --show to print the token itself.",
    ]);
    expectNoSecrets(plain, [...secrets, token]);

    const invalidated = await runTwauth(["token", "--invalidate", "--json", "--verbose"], {
      cwd: fixture.project.dir,
    });
    expect(invalidated.exitCode).toBe(0);
    expect(jsonOutput(invalidated)).toMatchObject({
      ok: true,
      tokenType: "app",
      origin: "exchange",
      fingerprint: tokenFingerprint(token),
      length: token.length,
      invalidated: true,
    });
    expect(jsonOutput(invalidated)).not.toHaveProperty("bearerToken");
    expectNoSecrets(invalidated, [...secrets, token]);
    expect((await searchWith(token)).status).toBe(401);
  });
});
