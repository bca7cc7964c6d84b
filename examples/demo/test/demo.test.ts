import { execFile } from "node:child_process";
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
  expect(lines).toContainEqual(
    expect.stringMatching(
      /^rate limit +GET \/2\/tweets\/search\/recent: waited \d+\.\d s for the reset; 429s sent by the emulator: 0$/,
    ),
  );
  expect(lines).toContain(
    "retry       GET /2/users/me answered 503, then 200 on the retry (2 requests sent)",
  );
  expect(lines).toContain(
    'PIN login   @twauth_second signed in with PIN; tokens saved to profile "second" in .env; verified as @twauth_second',
  );
  // The stderr output is twauth's own rate-limit notice (one line: stderr is not a TTY here).
  // It is absent in the rare run whose first search lands at the very end of the 3 s window.
  // Besides it, the retry after the 503 is told too (no silent waits), one line.
  const lines2 = stderr.split("\n").filter((line) => line !== "");
  const retryLines = lines2.filter((line) => line.includes("; retrying in "));
  expect(retryLines).toEqual([
    expect.stringMatching(/^twauth: GET \/2\/users\/me: X answered 503 on attempt 1 of \d+; retrying in \d+/),
  ]);
  const noticeLines = lines2.filter((line) => !retryLines.includes(line));
  expect(noticeLines.length).toBeLessThanOrEqual(1);
  for (const line of noticeLines) {
    expect(line).toMatch(
      /^twauth: GET \/2\/tweets\/search\/recent: rate limit reached, limit 1; waiting \d+m?s/,
    );
  }
  for (const secret of [defaultApp.consumerSecret, defaultUser.accessToken, defaultUser.accessTokenSecret]) {
    expect(stdout + stderr).not.toContain(secret);
  }
});
