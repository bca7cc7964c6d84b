import type { Emulator } from "@twauth/emulator";
import { startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RedisServer, startRedisServer } from "../../ratelimit-redis/test/support/redis-server.js";
import {
  dotenvConfig,
  dotenvText,
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  type TempProject,
  tempProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

let emulator: Emulator;
let redis: RedisServer;
let fleet: TempProject;
let solo: TempProject;
beforeAll(async () => {
  emulator = await startEmulator();
  redis = await startRedisServer();
  const spendLimit = "spend_limit: { daily: 5 }\n";
  fleet = tempProject({
    ".env": dotenvText(emulatorUserCredentials),
    "twauth.config.yaml": dotenvConfig(
      emulator.url,
      `${spendLimit}rate_limit_state:\n  type: redis\n  url: ${redis.url}\n  key_prefix: "usage:"\n`,
    ),
  });
  solo = tempProject({
    ".env": dotenvText(emulatorUserCredentials),
    "twauth.config.yaml": dotenvConfig(emulator.url, spendLimit),
  });
});
afterAll(async () => {
  fleet.remove();
  solo.remove();
  await redis.stop();
  await emulator.stop();
});

/** The UTC day of the emulator's last request (its clock decides what it billed on which day). */
function emulatorDay(): string {
  return new Date(emulator.stats.requests.at(-1)?.at ?? Number.NaN).toISOString().slice(0, 10);
}

async function twauth(project: TempProject, ...args: string[]) {
  const run = await runTwauth(args, { cwd: project.dir });
  expect(run.exitCode, run.stderr).toBe(0);
  expectNoSecrets(run, [...Object.values(emulatorUserCredentials), redis.url]);
  return run;
}

describe("twauth usage beside a spend ledger kept in Redis", () => {
  it("shows, for today, the spend the earlier commands were billed, as the emulator billed it", async () => {
    await twauth(fleet, "request", "POST", "/2/tweets", "--json-body", '{"text":"estimate seed"}');
    await twauth(fleet, "request", "GET", "/2/tweets/search/recent", "--query", "query=estimate");
    const day = emulatorDay();
    expect(emulator.billing.billedMicros(day)).toBeGreaterThan(0);

    const data = jsonOutput(await twauth(fleet, "usage", "--json"));
    const estimate = data.estimate as { kept: boolean; days: { date: string }[]; note: string };
    expect(estimate.kept).toBe(true);
    expect(estimate.days.find((entry) => entry.date === day)).toEqual({
      date: day,
      micros: emulator.billing.billedMicros(day),
      usd: emulator.billing.billedUsd(day),
    });
    expect(estimate.note).toContain(`in the Redis of rate_limit_state (${fleet.path("twauth.config.yaml")})`);
    expect(estimate.note).toContain("X sends no cost headers");
  });

  it("prints the estimate as a column beside X's Posts read, then says where it comes from", async () => {
    const run = await twauth(fleet, "usage", "--days", "3");
    const lines = run.stdout.trimEnd().split("\n");
    const dollars = `$${emulator.billing
      .billedUsd(emulatorDay())
      .toFixed(6)
      .replace(/0{1,4}$/, "")}`;
    expect(lines).toContain("day (UTC)   Posts read  twauth estimate");
    expect(lines.find((line) => line.startsWith(emulatorDay()))).toMatch(
      new RegExp(`^${emulatorDay()} +\\d+ +\\${dollars}$`),
    );
    // Three days back is older than the ledger keeps: no figure rather than a false $0.
    expect(lines.find((line) => line.startsWith(dayBefore(emulatorDay(), 2)))).toMatch(/ -$/);
    expect(lines.at(-1)).toMatch(/^twauth estimate: what twauth's spend guard counted as billed/);
  });
});

function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

describe("twauth usage with no spend ledger kept across runs", () => {
  it("says no estimate is kept, and names the config line that keeps one, instead of an empty column", async () => {
    const run = await twauth(solo, "usage");
    expect(run.stdout).not.toContain("twauth estimate  ");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe(
      `twauth estimate: none kept across runs (X sends no cost headers; twauth counts spend only under a spend limit, and only in its own process unless in Redis); to keep one, add to ${solo.path("twauth.config.yaml")}: rate_limit_state: { type: redis, url: redis://127.0.0.1:6379 }.`,
    );
  });

  it("carries the same in --json, naming both lines when neither is set", async () => {
    const bare = tempProject({
      ".env": dotenvText(emulatorUserCredentials),
      "twauth.config.yaml": dotenvConfig(emulator.url),
    });
    try {
      const data = jsonOutput(await twauth(bare, "usage", "--json"));
      expect(data.estimate).toEqual({
        kept: false,
        note: expect.stringMatching(
          /to keep one, add to .*twauth\.config\.yaml: spend_limit: \{ daily: 5 \} and rate_limit_state: \{ type: redis, url: redis:\/\/127\.0\.0\.1:6379 \}\.$/,
        ),
      });
    } finally {
      bare.remove();
    }
  });
});
