import { describe, expect, it } from "vitest";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  tempProject,
  useEmulatorProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const fixture = useEmulatorProject();
const secrets = Object.values(emulatorUserCredentials);

describe("twauth verify", () => {
  it("prints the account, the token type and the endpoint's remaining rate limit", async () => {
    const run = await runTwauth(["verify"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("Authenticated as @twauth_emulator (twauth Emulator, id 1460000000000000001)");
    expect(lines[1]).toBe("token type: user (OAuth 1.0a user context)");
    expect(lines[2]).toMatch(
      /^rate limit: GET \/2\/users\/me: \d+ of 75 left, resets in (\d+m )?\d+s \(\d\d:\d\d:\d\d UTC\)$/,
    );
    expect(run.stderr).toBe("");
    expectNoSecrets(run, secrets);
  });

  it("--json --verbose: one JSON document on stdout, the steps on stderr, no secret anywhere; TWAUTH_BASE_URL is honoured", async () => {
    const other = tempProject({
      "twauth.config.yaml": dotenvConfig("http://127.0.0.1:9"),
      ".env": dotenvText(emulatorUserCredentials),
    });
    try {
      const run = await runTwauth(["verify", "--json", "--verbose"], {
        cwd: other.dir,
        env: { TWAUTH_BASE_URL: fixture.emulator.url },
      });
      expect(run.exitCode).toBe(0);
      const json = jsonOutput(run);
      expect(json).toMatchObject({
        ok: true,
        user: { id: "1460000000000000001", username: "twauth_emulator", name: "twauth Emulator" },
        tokenType: "user",
        profile: "default",
        store: { kind: "dotenv", source: other.path(".env") },
        config: other.path("twauth.config.yaml"),
      });
      const limits = json.rateLimits as Record<string, { limit: number; remaining: number; resetAt: string }>;
      expect(limits["GET /2/users/me"]).toMatchObject({ limit: 75 });
      expect(run.stderr).toContain(`twauth: config: ${other.path("twauth.config.yaml")}`);
      expect(run.stderr).toContain(`twauth: API: ${fixture.emulator.url}`);
      expect(run.stderr).toContain("twauth: token type: user");
      expectNoSecrets(run, secrets);
    } finally {
      other.remove();
    }
  });

  it("a wrong consumer secret exits 3 with X's reason and the fix", async () => {
    const wrong = {
      ...emulatorUserCredentials,
      consumerSecret: `${emulatorUserCredentials.consumerSecret.slice(0, -1)}X`,
    };
    const bad = tempProject({
      "twauth.config.yaml": dotenvConfig(fixture.emulator.url),
      ".env": dotenvText(wrong),
    });
    try {
      const run = await runTwauth(["verify", "--json"], { cwd: bad.dir });
      expect(run.exitCode).toBe(3);
      const { error } = jsonOutput(run) as { error: { code: string; message: string; apiCodes: number[] } };
      expect(error.code).toBe("AUTH_FAILED");
      expect(error.apiCodes).toEqual([32]);
      expect(error.message).toMatch(/consumer secret/i);
      expect(run.stderr).toBe(`twauth: ${error.message}\n`);
      expectNoSecrets(run, Object.values(wrong));
    } finally {
      bad.remove();
    }
  });

  it("without a config exits 2 and lists where it searched", async () => {
    const empty = tempProject();
    try {
      const run = await runTwauth(["verify"], { cwd: empty.dir });
      expect(run.exitCode).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toMatch(/^twauth: No twauth config found\. Searched .* for .*twauth\.config\.yaml/);
    } finally {
      empty.remove();
    }
  });

  it("an API nobody answers on exits 4 naming the host", async () => {
    // retryCount 0: a refused connection is otherwise retried three times, five seconds apart.
    const unreachable = tempProject({
      "twauth.config.yaml": dotenvConfig(fixture.emulator.url, "retryCount: 0\n"),
      ".env": dotenvText(emulatorUserCredentials),
    });
    try {
      const run = await runTwauth(["verify", "--base-url", "http://127.0.0.1:9"], { cwd: unreachable.dir });
      expect(run.exitCode).toBe(4);
      expect(run.stderr).toBe(
        "twauth: GET /2/users/me: the connection to 127.0.0.1:9 failed (ECONNREFUSED). Check baseUrl (127.0.0.1:9) and the network.\n",
      );
    } finally {
      unreachable.remove();
    }
  });
});
