import { describe, expect, it } from "vitest";
import { capBar, dollars, parseProjectUsage, usageTable } from "../src/commands/usage.js";
import {
  emulatorUserCredentials,
  expectNoSecrets,
  jsonOutput,
  useEmulatorProject,
} from "./support/project.js";
import { runTwauth } from "./support/run-twauth.js";

const fixture = useEmulatorProject();
const secrets = Object.values(emulatorUserCredentials);
const dayMs = 86_400_000;
/** The UTC day `offsetDays` from the emulator's last request (its clock, not the test's: no midnight race). */
function utcDay(offsetDays: number): string {
  const at = fixture.emulator.stats.requests.at(-1)?.at ?? Number.NaN;
  return new Date(at + offsetDays * dayMs).toISOString().slice(0, 10);
}

/** Posts created then read once through search, so the emulator bills `count` Post reads today. */
async function readPosts(count: number): Promise<void> {
  const run = await runTwauth(["request", "POST", "/2/tweets", "--json-body", '{"text":"usage seed"}'], {
    cwd: fixture.project.dir,
  });
  expect(run.exitCode).toBe(0);
  for (let index = 1; index < count; index++) {
    const more = await runTwauth(
      ["request", "POST", "/2/tweets", "--json-body", `{"text":"usage seed ${index}"}`],
      {
        cwd: fixture.project.dir,
      },
    );
    expect(more.exitCode).toBe(0);
  }
  const search = await runTwauth(
    ["request", "GET", "/2/tweets/search/recent", "--query", "query=usage seed"],
    {
      cwd: fixture.project.dir,
    },
  );
  expect(search.exitCode).toBe(0);
}

describe("twauth usage", () => {
  it("prints the month's Post reads against the cap as a bar, and a table per UTC day", async () => {
    await readPosts(2);
    fixture.emulator.billing.setProjectCap(10);
    const run = await runTwauth(["usage", "--days", "3"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(
      /^Project 1460000000000000100: 2 of 10 Posts read this month; the cap resets in \d+ days$/,
    );
    expect(lines.slice(1)).toEqual([
      `[${"#".repeat(8)}${".".repeat(32)}]  20.0% of the monthly Post cap used`,
      "",
      "day (UTC)   Posts read",
      `${utcDay(-2)}           0`,
      `${utcDay(-1)}           0`,
      `${utcDay(0)}           2`,
      "",
      expect.stringMatching(/^twauth estimate: none kept across runs \(X sends no cost headers;/),
    ]);
    expect(fixture.emulator.stats.count({ route: "GET /2/usage/tweets", status: 200 })).toBe(1);
    expectNoSecrets(run, secrets);
  });

  it("prints one JSON document with --json", async () => {
    fixture.emulator.billing.setProjectCap(3_000_000);
    const run = await runTwauth(["usage", "--json"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(0);
    const data = jsonOutput(run);
    expect(data).toMatchObject({
      ok: true,
      projectId: "1460000000000000100",
      projectCap: 3_000_000,
      projectUsage: 2,
      percentOfCap: 0.0001,
      capResetDays: expect.any(Number),
    });
    expect((data.daily as unknown[]).length).toBe(7);
    expect((data.daily as unknown[]).at(-1)).toEqual({ date: utcDay(0), usage: 2 });
  });

  it("refuses a --days outside 1 to 90 before calling X", async () => {
    const before = fixture.emulator.stats.count({ route: "GET /2/usage/tweets" });
    const run = await runTwauth(["usage", "--days", "91"], { cwd: fixture.project.dir });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('--days takes a whole number from 1 to 90, got "91".');
    expect(fixture.emulator.stats.count({ route: "GET /2/usage/tweets" })).toBe(before);
  });
});

describe("the usage figures", () => {
  it("reads X's counts whether sent as numbers or as strings", () => {
    expect(
      parseProjectUsage({
        data: { project_cap: "5000000000", project_usage: "43435", cap_reset_day: 10, project_id: "1" },
      }),
    ).toEqual({
      projectId: "1",
      projectCap: 5_000_000_000,
      projectUsage: 43_435,
      capResetDays: 10,
      daily: [],
    });
  });

  it("refuses an answer that is not X's usage shape, naming the field", () => {
    expect(() => parseProjectUsage({ errors: [] })).toThrow(
      "GET /2/usage/tweets: X's answer has no data object.",
    );
    expect(() => parseProjectUsage({ data: { project_cap: -1 } })).toThrow(
      "GET /2/usage/tweets: project_cap is not a count in X's answer.",
    );
  });

  it("fills the bar by the share used and never past full", () => {
    expect(capBar(0, 10)).toBe("[..........]   0.0% of the monthly Post cap used");
    expect(capBar(55, 10)).toBe("[######....]  55.0% of the monthly Post cap used");
    expect(capBar(250, 10)).toBe("[##########] 250.0% of the monthly Post cap used");
  });

  it("puts twauth's estimate beside X's figures when one is given", () => {
    const table = usageTable([{ date: "2026-12-01", usage: 1200 }], new Map([["2026-12-01", 6]]));
    expect(table).toBe(
      ["day (UTC)   Posts read  twauth estimate", "2026-12-01       1,200            $6.00"].join("\n"),
    );
  });

  it("shows no figure, not $0, for a day the estimate does not cover", () => {
    const table = usageTable(
      [
        { date: "2026-11-29", usage: 3 },
        { date: "2026-11-30", usage: 1 },
      ],
      new Map([["2026-11-30", 0.005]]),
    );
    expect(table.split("\n").slice(1)).toEqual([
      "2026-11-29           3                -",
      "2026-11-30           1           $0.005",
    ]);
  });

  it("prints dollars with cents, and the fractions of a cent a read costs", () => {
    expect([dollars(6_000_000), dollars(15_000), dollars(1), dollars(0)]).toEqual([
      "$6.00",
      "$0.015",
      "$0.000001",
      "$0.00",
    ]);
  });
});
