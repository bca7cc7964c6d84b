import { readFile, stat, writeFile } from "node:fs/promises";
import type { SeedProfiles, TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, describeSecretStore } from "@twauth/store-testkit";
import { parse } from "ini";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { scanIni } from "../src/ini-scanner.js";
import { iniStore } from "../src/ini-store.js";
import { formatIniValue } from "../src/ini-value.js";

const quiet = () => {};

function toIni(profiles: SeedProfiles): string {
  return Object.entries(profiles)
    .map(([profile, record]) => {
      const lines = Object.entries(record).map(([key, value]) => `${key} = ${value}`);
      return `[${profile}]\n${lines.join("\n")}\n`;
    })
    .join("\n");
}

describeSecretStore(
  "iniStore",
  async ({ profiles }) => {
    const temp = await createTempDirectory();
    await writeFile(temp.file("credentials"), `; twauth credentials\n${toIni(profiles)}`, { mode: 0o600 });
    return { store: iniStore({ path: temp.file("credentials"), onWarning: quiet }), cleanup: temp.cleanup };
  },
  { updatable: true },
);

let temp: TempDirectory;
beforeEach(async () => {
  temp = await createTempDirectory();
});
afterEach(async () => {
  await temp.cleanup();
});

async function write(text: string): Promise<string> {
  const file = temp.file("credentials");
  await writeFile(file, text, { mode: 0o600 });
  return file;
}

describe("iniStore load", () => {
  it("reads keys before any section as the default profile, and ini's quoting and escapes", async () => {
    const file = await write(
      [
        "consumer_key = ck ; a comment",
        'consumer_secret = "cs;#"',
        "access_token = 'at'",
        "access_token_secret = as\\;x",
        "enabled = true",
        "[bot2]",
        "consumer_key=ck2",
      ].join("\n"),
    );
    const store = iniStore({ path: file });
    expect(await store.load()).toEqual({
      consumer_key: "ck",
      consumer_secret: "cs;#",
      access_token: "at",
      access_token_secret: "as;x",
    });
    expect(await store.load({ profile: "bot2" })).toEqual({ consumer_key: "ck2" });
  });

  it("treats a section without keys as an empty profile", async () => {
    const file = await write("[bot2]\n");
    expect(await iniStore({ path: file }).load({ profile: "bot2" })).toEqual({});
  });

  it.each([
    ["consumer_key = true", "is the word true, which ini reads as a boolean, not text"],
    ["consumer_key = null", "is null to ini, not text; put the real value, or remove the line"],
    ["consumer_key[] = a", "is written as a list (consumer_key[]); write it as consumer_key = value"],
    ['consumer_key = "ck" ; note', "still has quotes around it after ini read it"],
  ])("rejects a credential that ini does not read as text: %j", async (line, problem) => {
    const file = await write(`[default]\n${line}\n`);
    await expect(iniStore({ path: file }).load()).rejects.toMatchObject({
      code: "CREDENTIALS_INVALID",
      line: 2,
      keys: ["consumer_key"],
      message: expect.stringContaining(
        `${file} line 2, column 1: consumer_key in profile "default" ${problem}`,
      ),
    });
  });

  it("rejects a key set twice in one profile, across the top and [default] too, naming both lines", async () => {
    const file = await write("consumer_key = a\n[default]\nconsumer_key = b\n");
    await expect(iniStore({ path: file }).load()).rejects.toMatchObject({
      code: "CREDENTIALS_CONFLICT",
      message: `${file} line 3, column 1: consumer_key is set again in profile "default" (first on line 1); keep one of them.`,
    });
  });

  it("rejects a missing profile listing the sections found", async () => {
    const file = await write("[default]\na = 1\n[bot2]\n");
    await expect(iniStore({ path: file }).load({ profile: "bot3" })).rejects.toMatchObject({
      code: "PROFILE_NOT_FOUND",
      message: `${file} has no profile "bot3" (profiles found: default, bot2); add a [bot3] section, or pick one of those.`,
    });
  });

  it("requires a path", () => {
    expect(() => iniStore({} as never)).toThrow(expect.objectContaining({ code: "OPTIONS_INVALID" }));
  });
});

describe("scanIni", () => {
  it.each([
    ["consumer_key", 1, 1, "expected key = value"],
    ["[default]\n  [bot2]", 2, 3, "a [section] header must start at the beginning of the line"],
    ["[bot2", 1, 1, "the [section] header is not closed with ]"],
    ["[bot2] extra", 1, 1, "unexpected text after the ] of a [section] header"],
    ["[a]\n= value", 2, 1, 'expected a key name before "="'],
  ])("rejects %j at line %i, column %i", (text, line, column, problem) => {
    expect(() => scanIni(text, "creds.ini")).toThrow(
      expect.objectContaining({
        code: "STORE_UNREADABLE",
        line,
        column,
        message: expect.stringContaining(`creds.ini line ${line}, column ${column}: ${problem}`),
      }),
    );
  });
});

describe("formatIniValue", () => {
  const values = [
    "plain",
    "",
    "a;b#c",
    "a=b",
    " padded ",
    "it's",
    'say "hi"',
    "'wrapped'",
    '"wrapped"',
    "back\\slash",
    "ünïcødé ☃ 𝕏",
    "[bracket]",
    "0123",
    "tab\there",
  ];
  it.each(values)("writes %j so ini reads it back unchanged", (value) => {
    const text = `[p]\nkey = ${formatIniValue(value, "key", "creds.ini")}\nnext = 1\n`;
    expect(parse(text)).toEqual({ p: { key: value, next: "1" } });
  });

  it.each(["true", "false", "null"])("rejects %j, which ini never reads as text", (value) => {
    expect(() => formatIniValue(value, "key", "creds.ini")).toThrow(
      expect.objectContaining({ code: "CREDENTIALS_INVALID", keys: ["key"] }),
    );
  });
});

describe("iniStore save", () => {
  const original = [
    "; X credentials",
    "[default]",
    "aws_style = yes",
    "CONSUMER_KEY=ck ; from the portal",
    "ACCESS_KEY=at",
    "",
    "# the second bot",
    "[bot2]",
    "consumer_key = ck2",
    "",
  ].join("\n");

  it("updates values in place, keeping comments, blank lines, order and each line's spacing", async () => {
    const file = await write(original);
    await iniStore({ path: file }).save({ consumerKey: "ck-new", accessToken: "at;new" });
    expect(await readFile(file, "utf8")).toBe(
      original
        .replace("CONSUMER_KEY=ck ; from the portal", "CONSUMER_KEY=ck-new ; from the portal")
        .replace("ACCESS_KEY=at", 'ACCESS_KEY="at;new"'),
    );
  });

  it("moves a trailing comment above a value that now needs quotes", async () => {
    const file = await write(original);
    await iniStore({ path: file }).save({ consumerKey: "ck;new" });
    expect(await readFile(file, "utf8")).toContain('; from the portal\nCONSUMER_KEY="ck;new"\n');
    expect(await iniStore({ path: file }).load()).toMatchObject({ CONSUMER_KEY: "ck;new" });
  });

  it("adds keys after the profile's last key in its style, and a new profile as a section at the end", async () => {
    const file = await write(original);
    const store = iniStore({ path: file });
    await store.save({ accessTokenSecret: "as" });
    await store.save({ consumerSecret: "cs2" }, { profile: "bot2" });
    await store.save({ consumerKey: "ck3" }, { profile: "bot3" });
    expect(await readFile(file, "utf8")).toBe(
      `${original
        .replace("ACCESS_KEY=at\n", "ACCESS_KEY=at\nACCESS_TOKEN_SECRET=as\n")
        .replace(
          "consumer_key = ck2\n",
          "consumer_key = ck2\nconsumer_secret = cs2\n",
        )}\n[bot3]\nconsumer_key = ck3\n`,
    );
  });

  it("creates a missing file as a [default] section with mode 0600", async () => {
    const file = temp.file("new.ini");
    await iniStore({ path: file }).save({ consumerKey: "ck", consumerSecret: "cs" });
    expect(await readFile(file, "utf8")).toBe("[default]\nconsumer_key = ck\nconsumer_secret = cs\n");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("rejects a profile or key name ini would read differently", async () => {
    const file = await write("");
    await expect(iniStore({ path: file }).save({ a: "1" }, { profile: "bad]name" })).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
    });
    await expect(iniStore({ path: file }).save({ "a=b": "1" })).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
    });
  });
});
