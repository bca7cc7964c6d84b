import { execFile } from "node:child_process";
import { existsSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { defaultApp, defaultUser } from "@twauth/emulator";
import { expect, it } from "vitest";

const run = promisify(execFile);
const demo = fileURLToPath(new URL("../demo.js", import.meta.url));

it("the demo runs the config-file-only path end to end against the emulator, printing no secret", async () => {
  const { stdout, stderr } = await run(process.execPath, [demo], { timeout: 30_000 });
  const lines = stdout.split("\n").map((line) => line.trim());
  expect(lines[0]).toMatch(
    /^twauth demo: the config-file-only path, against the local X API emulator at http:\/\/127\.0\.0\.1:\d+$/,
  );
  expect(lines).toContainEqual(
    expect.stringMatching(/^config +\/.+twauth\.config\.yaml \(store: dotenv .+\.env, mode 600\)$/),
  );
  expect(lines).toContain("verify      @twauth_emulator (twauth Emulator), token type user");
  expect(lines).toContainEqual(expect.stringMatching(/^tweet +posted \d+ and read it back: same text$/));
  expect(lines).toContain("app-only    search found 1 tweet(s); 1 bearer exchange");
  const waited = lines
    .map(
      (line) =>
        /^rate limit +GET \/2\/tweets\/search\/recent: waited (\d+s) for the reset, as announced; 429s sent by the emulator: 0$/.exec(
          line,
        )?.[1],
    )
    .find((match) => match !== undefined);
  expect(lines).toContain(
    "retry       GET /2/users/me answered 503, then 200 on the retry (2 requests sent)",
  );
  expect(lines).toContain(
    'PIN login   @twauth_second signed in with PIN; tokens saved to profile "second" in .env; verified as @twauth_second',
  );
  // The stderr output is twauth's own rate-limit notice (one line: stderr is not a TTY here),
  // announcing the wait the demo then reports, and the retry after the 503 (no silent waits).
  const stderrLines = stderr.split("\n").filter((line) => line !== "");
  const retryLines = stderrLines.filter((line) => line.includes("; retrying in "));
  expect(retryLines).toEqual([
    expect.stringMatching(/^twauth: GET \/2\/users\/me: X answered 503 on attempt 1 of \d+; retrying in \d+/),
  ]);
  const noticeLines = stderrLines.filter((line) => !retryLines.includes(line));
  expect(noticeLines).toEqual([
    expect.stringMatching(
      /^twauth: GET \/2\/tweets\/search\/recent: rate limit reached, limit 1; waiting \d+s \(/,
    ),
  ]);
  expect(waited).toBeDefined();
  expect(noticeLines[0]).toContain(`waiting ${waited} (`);
  // It ends with what to try next, and removes the folder it wrote.
  expect(lines.slice(-6, -1)).toEqual(
    [
      "next:",
      "keep        pnpm demo --keep leaves the config and .env this run wrote, to read them",
      "your keys   examples/config-only/README.md: the same two files, with the keys from the X developer portal",
      "the CLI     examples/cli/README.md: twauth verify, doctor and login, against the emulator",
      "live        pnpm demo --live: verify your own config against the real X API (read-only)",
    ].map((line) => line.trim()),
  );
  const folder = /^config +(\/.+)\/twauth\.config\.yaml /.exec(lines[1] ?? "")?.[1];
  expect(folder !== undefined && existsSync(folder)).toBe(false);
  for (const secret of [defaultApp.consumerSecret, defaultUser.accessToken, defaultUser.accessTokenSecret]) {
    expect(stdout + stderr).not.toContain(secret);
  }
});

it("with --keep the demo leaves its config and .env in place and says where", async () => {
  const { stdout } = await run(process.execPath, [demo, "--keep"], { timeout: 30_000 });
  const kept =
    /^ {2}kept {8}(\/\S+): twauth\.config\.yaml and \.env \(the emulator's fake keys; delete when done\)$/m.exec(
      stdout,
    )?.[1];
  expect(kept, stdout).toBeDefined();
  try {
    expect(readdirSync(kept!).sort()).toEqual([".env", "package.json", "twauth.config.yaml"]);
  } finally {
    rmSync(kept!, { recursive: true, force: true });
  }
});
