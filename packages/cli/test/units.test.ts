import type { TwauthErrorCode } from "@twauth/core";
import { TwauthError } from "@twauth/core";
import { describe, expect, it } from "vitest";
import { ExitCode, exitCodeForError } from "../src/cli/exit-codes.js";
import { splitCommandName } from "../src/cli/parse-command-line.js";
import { UsageError } from "../src/cli/usage-error.js";
import { loadEmulator } from "../src/commands/load-emulator.js";
import { doctorExitCode, formatCheck } from "../src/doctor/doctor-check.js";
import { browserCommand, canOpenBrowser } from "../src/login/open-browser.js";
import { formatDuration, rateLimitTable } from "../src/output/rate-limit-text.js";
import { createRedactor } from "../src/output/redactor.js";

describe("exit codes", () => {
  it.each<[TwauthErrorCode, number]>([
    ["CONFIG_NOT_FOUND", 2],
    ["CONFIG_INVALID", 2],
    ["STORE_UNREADABLE", 2],
    ["CREDENTIALS_MISSING", 2],
    ["DEPENDENCY_MISSING", 2],
    ["AUTH_FAILED", 3],
    ["RATE_LIMITED", 4],
    ["NETWORK_ERROR", 4],
    ["TIMEOUT", 4],
    ["API_ERROR", 4],
  ])("%s exits %i", (code, exitCode) => {
    expect(exitCodeForError(new TwauthError(code, "x"))).toBe(exitCode);
  });

  it("a usage error exits 1, and so does an unexpected error", () => {
    expect(exitCodeForError(new UsageError("x"))).toBe(ExitCode.usage);
    expect(exitCodeForError(new TypeError("x"))).toBe(ExitCode.usage);
  });
});

describe("splitCommandName", () => {
  it("skips the values of global options to find the command", () => {
    expect(splitCommandName(["--profile", "verify", "doctor", "--json"])).toEqual({
      name: "doctor",
      rest: ["--profile", "verify", "--json"],
    });
    expect(splitCommandName(["--profile=bot", "verify"])).toEqual({
      name: "verify",
      rest: ["--profile=bot"],
    });
    expect(splitCommandName(["--json"])).toEqual({ name: undefined, rest: ["--json"] });
  });
});

describe("the redactor", () => {
  it("replaces registered values, raw and percent-encoded, longest first, and ignores short ones", () => {
    const redactor = createRedactor();
    redactor.add(["AAAA%2Bsecret%3Dvalue", "secret-value-1", "secret-value-12", "short", undefined]);
    expect(redactor.redact("a secret-value-12 b secret-value-1 c short")).toBe(
      "a [redacted] b [redacted] c short",
    );
    expect(redactor.redact("AAAA+secret=value and AAAA%2Bsecret%3Dvalue")).toBe("[redacted] and [redacted]");
    expect(redactor.redact("secret-value-1", { reveal: ["secret-value-1"] })).toBe("secret-value-1");
  });
});

describe("opening a browser", () => {
  const desktop = { platform: "linux" as const, env: { DISPLAY: ":0" }, interactive: true };
  it("only for a person at a terminal on a desktop, never in CI or a pipe", () => {
    expect(canOpenBrowser(desktop)).toBe(true);
    expect(canOpenBrowser({ ...desktop, interactive: false })).toBe(false);
    expect(canOpenBrowser({ ...desktop, env: {} })).toBe(false);
    expect(canOpenBrowser({ ...desktop, env: { DISPLAY: ":0", CI: "true" } })).toBe(false);
    expect(canOpenBrowser({ platform: "darwin", env: {}, interactive: true })).toBe(true);
  });

  it("uses the platform's opener", () => {
    expect(browserCommand("darwin", "http://x/?a=1&b=2")).toEqual(["open", ["http://x/?a=1&b=2"]]);
    expect(browserCommand("linux", "http://x/")).toEqual(["xdg-open", ["http://x/"]]);
    expect(browserCommand("win32", "http://x/?a=1&b=2")).toEqual([
      "cmd",
      ["/c", "start", '""', "http://x/?a=1^&b=2"],
    ]);
  });
});

describe("doctor lines", () => {
  it("formats status, check, detail and fix, and exits with the first failure's code", () => {
    const checks = [
      { status: "ok" as const, check: "config", detail: "found" },
      { status: "warn" as const, check: "file permissions", detail: ".env is 644", fix: "chmod 600 .env" },
      { status: "fail" as const, check: "clock", detail: "7m 0s behind", exitCode: ExitCode.auth },
      { status: "fail" as const, check: "credentials verified", detail: "401", exitCode: ExitCode.network },
    ];
    expect(checks.map(formatCheck)).toEqual([
      "ok    config: found",
      "warn  file permissions: .env is 644 — chmod 600 .env",
      "fail  clock: 7m 0s behind",
      "fail  credentials verified: 401",
    ]);
    expect(doctorExitCode(checks)).toBe(3);
    expect(doctorExitCode(checks.slice(0, 2))).toBe(0);
  });
});

describe("rate-limit text", () => {
  it("formats durations and a table sorted by endpoint", () => {
    expect([
      formatDuration(0),
      formatDuration(59_001),
      formatDuration(899_000),
      formatDuration(7_300_000),
    ]).toEqual(["0s", "1m 0s", "14m 59s", "2h 1m"]);
    const resetAt = Date.UTC(2026, 0, 1, 12, 15, 0);
    const table = rateLimitTable(
      {
        "GET /2/users/me": { limit: 75, remaining: 74, resetAt },
        "GET /1.1/account/verify_credentials.json": { limit: 75, remaining: 75, resetAt },
      },
      resetAt - 60_000,
    );
    expect(table.split("\n")).toEqual([
      "endpoint                                  limit  remaining  resets in     resets at",
      "GET /1.1/account/verify_credentials.json     75         75      1m 0s  12:15:00 UTC",
      "GET /2/users/me                              75         74      1m 0s  12:15:00 UTC",
    ]);
  });
});

describe("loading the emulator", () => {
  it("a missing @twauth/emulator is DEPENDENCY_MISSING (exit 2) with the install command", async () => {
    const missing = Object.assign(
      new Error("Cannot find package '@twauth/emulator' imported from /x/twauth"),
      {
        code: "ERR_MODULE_NOT_FOUND",
      },
    );
    const error = await loadEmulator(() => Promise.reject(missing)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "DEPENDENCY_MISSING",
      message:
        "twauth emulator needs @twauth/emulator, which is not installed; install it next to twauth: npm install --save-dev @twauth/emulator",
    });
    expect(exitCodeForError(error)).toBe(2);
  });

  it("any other failure while loading it is passed on as it is", async () => {
    const broken = new SyntaxError("Unexpected token");
    await expect(loadEmulator(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
