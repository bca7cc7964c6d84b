import { afterAll, describe, expect, it } from "vitest";
import { tempProject } from "./support/project.js";
import { spawnTwauth } from "./support/run-twauth.js";

const project = tempProject();
afterAll(() => project.remove());

describe("twauth emulator", () => {
  it("starts the emulator on a free port, prints its URL and credentials as JSON, and stops on SIGTERM with exit 0", async () => {
    const emulator = spawnTwauth(["emulator", "--port", "0", "--json"], { cwd: project.dir });
    const [line] = await emulator.waitFor("stdout", /^\{.*\}\n/);
    const started = JSON.parse(line!) as {
      url: string;
      apps: { consumerKey: string }[];
      users: { username: string }[];
    };
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.users.map((user) => user.username)).toEqual(["twauth_emulator", "twauth_second"]);
    const answer = await fetch(`${started.url}/2/users/me`);
    expect(answer.status).toBe(401);
    emulator.kill("SIGTERM");
    const run = await emulator.done;
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toBe("twauth emulator stopped.\n");
  });
});
