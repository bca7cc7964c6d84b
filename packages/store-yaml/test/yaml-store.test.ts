import { readFile, stat, writeFile } from "node:fs/promises";
import { inspect } from "node:util";
import type { SeedProfiles, TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, describeSecretStore, hostileValues } from "@twauth/store-testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { yamlStore } from "../src/yaml-store.js";

const quiet = () => {};

function toYaml(profiles: SeedProfiles, indent = ""): string {
  return Object.entries(profiles)
    .map(([profile, record]) => {
      const lines = Object.entries(record).map(
        ([key, value]) => `${indent}  ${key}: ${JSON.stringify(value)}`,
      );
      return `${indent}${profile}:\n${lines.join("\n")}\n`;
    })
    .join("");
}

describeSecretStore(
  "yamlStore",
  async ({ profiles }) => {
    const temp = await createTempDirectory();
    await writeFile(temp.file("twitter.yaml"), `# twauth\n${toYaml(profiles)}`, { mode: 0o600 });
    return { store: yamlStore({ path: temp.file("twitter.yaml"), onWarning: quiet }), cleanup: temp.cleanup };
  },
  { updatable: true },
);

describeSecretStore(
  "yamlStore with a key",
  async ({ profiles }) => {
    const temp = await createTempDirectory();
    const text = `app:\n  name: demo\n  twitter:\n${toYaml(profiles, "    ")}`;
    await writeFile(temp.file("config.yaml"), text, { mode: 0o600 });
    const store = yamlStore({ path: temp.file("config.yaml"), key: "app.twitter", onWarning: quiet });
    return { store, cleanup: temp.cleanup };
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

async function write(text: string, name = "twitter.yaml"): Promise<string> {
  const file = temp.file(name);
  await writeFile(file, text, { mode: 0o600 });
  return file;
}

describe("yamlStore load", () => {
  it("reads a flat file as the default profile and leaves out settings that are not text", async () => {
    const file = await write(
      "consumer_key: ck\nconsumer_secret: 'cs'\nresults_per_call: 100\nbot2:\n  consumer_key: ck2\n",
    );
    const store = yamlStore({ path: file });
    expect(await store.load()).toEqual({ consumer_key: "ck", consumer_secret: "cs" });
    expect(await store.load({ profile: "bot2" })).toEqual({ consumer_key: "ck2" });
  });

  it("reads a searchtweets-style file through key", async () => {
    const file = await write(
      "search_tweets_api:\n  account_type: premium\n  endpoint: https://example.test\n  consumer_key: ck\n  consumer_secret: cs\n",
    );
    expect(await yamlStore({ path: file, key: "search_tweets_api" }).load()).toEqual({
      account_type: "premium",
      endpoint: "https://example.test",
      consumer_key: "ck",
      consumer_secret: "cs",
    });
  });

  it("follows anchors and aliases within the bound", async () => {
    const file = await write("base:\n  key: &key ck\nbot2:\n  consumer_key: *key\n  consumer_secret: cs\n");
    expect(await yamlStore({ path: file }).load({ profile: "bot2" })).toEqual({
      consumer_key: "ck",
      consumer_secret: "cs",
    });
  });

  // Regression: `<<: *base` was silently not applied, so bot2 lacked base's consumer_key.
  it("refuses a << merge key by name, naming its line, on load and on save", async () => {
    const file = await write("base: &base\n  consumer_key: ck\nbot2:\n  <<: *base\n  consumer_secret: cs\n");
    const expected = {
      code: "STORE_UNREADABLE",
      line: 4,
      column: 3,
      message: `${file} line 4, column 3: a merge key (<<) is not applied: twauth reads YAML 1.2, which has no merge keys; write the keys out in each profile instead.`,
    };
    await expect(yamlStore({ path: file }).load({ profile: "bot2" })).rejects.toMatchObject(expected);
    await expect(
      yamlStore({ path: file }).save({ accessToken: "at" }, { profile: "bot2" }),
    ).rejects.toMatchObject(expected);
  });

  // Regression: an alias with no anchor was reported without its line, as "cannot be resolved".
  it("names an alias that refers to no anchor, and its line", async () => {
    const file = await write("default:\n  consumer_key: *nope\n");
    await expect(yamlStore({ path: file }).load()).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      line: 2,
      column: 17,
      message: `${file} line 2, column 17: the alias *nope refers to no anchor: define &nope before it, or write the value out.`,
    });
  });

  // Regression: lists nested thousands deep were reported as "too many aliases".
  it("reports nesting too deep as nesting, not as aliases", async () => {
    const file = await write(`default:\n  consumer_key: ck\nx: ${"[".repeat(3000)}${"]".repeat(3000)}\n`);
    const error = await yamlStore({ path: file })
      .load()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "STORE_UNREADABLE", line: 3 });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} line 3, column \\d+: invalid YAML: lists or maps are nested too deeply \\(hundreds of levels\\); a credentials file needs two or three \\(RESOURCE_EXHAUSTION\\)\\.$`,
      ),
    );
  });

  it.each([
    ["a number", "consumer_key: 12345", "a number, not text; a credential is text: put the value in quotes"],
    ["a boolean", "consumer_key: no\n  access_token: true", "a boolean"],
    ["a list", "consumer_key: [a, b]", "a list, not text"],
    ["a map", "consumer_key:\n    part: a", "a map, not text"],
    ["null", "consumer_key:", "empty (null), not text; give it a value, or remove the key"],
  ])("rejects a credential that is %s, naming its key path and line", async (_kind, body, problem) => {
    const file = await write(`# creds\nbot2:\n  ${body}\n`);
    const error = await yamlStore({ path: file })
      .load({ profile: "bot2" })
      .catch((caught: unknown) => caught);
    const line = body.startsWith("consumer_key: no") ? 4 : 3;
    const key = body.startsWith("consumer_key: no") ? "access_token" : "consumer_key";
    expect(error).toMatchObject({
      code: "CREDENTIALS_INVALID",
      line,
      keys: [key],
      message: expect.stringContaining(`${file} line ${line}, column 3: bot2.${key} is ${problem}`),
    });
  });

  it("rejects an alias bomb quickly with a bounded, clear error", async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (const [name, previous] of [
      ["b", "a"],
      ["c", "b"],
      ["d", "c"],
      ["e", "d"],
      ["f", "e"],
      ["g", "f"],
      ["h", "g"],
      ["i", "h"],
    ]) {
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    const file = await write(`${lines.join("\n")}\n`);
    await expect(yamlStore({ path: file }).load()).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file}: its aliases expand to more than 100 copies (a YAML alias bomb?); a credentials file needs no aliases.`,
    });
  });

  it("rejects a key path that is not in the file, listing the keys that are", async () => {
    const file = await write("twitter:\n  default:\n    consumer_key: ck\n");
    await expect(yamlStore({ path: file, key: "twitter.accounts" }).load()).rejects.toMatchObject({
      code: "STORE_NOT_FOUND",
      message: `${file} has no "accounts" key at twitter (keys found: default); check the \`key\` option.`,
    });
  });

  it.each([
    ["- a\n- b\n", "its top level is a list"],
    ["just text\n", "its top level is a single value"],
  ])("rejects a file whose top is not a map: %j", async (text, problem) => {
    const file = await write(text);
    await expect(yamlStore({ path: file }).load()).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
      message: `${file}: ${problem}, not a map of profiles (default:, bot2:) or of credentials.`,
    });
  });

  it("describes a syntax error in its own words, at line:column, with a cause that quotes nothing", async () => {
    const file = await write('default:\n  consumer_key: "ck-secret\\q-value"\n');
    const error = await yamlStore({ path: file })
      .load()
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "STORE_UNREADABLE",
      line: 2,
      column: 27,
      message: `${file} line 2, column 27: invalid YAML: an invalid escape sequence in a double-quoted value; use single quotes (BAD_DQ_ESCAPE).`,
      cause: { name: "YAMLParseError", code: "BAD_DQ_ESCAPE", message: "BAD_DQ_ESCAPE at line 2, column 27" },
    });
    expect(inspect(error, { depth: 5 })).not.toContain("ck-secret");
  });

  it("rejects a key set twice in a profile, naming both lines", async () => {
    const file = await write("consumer_key: a\ndefault:\n  consumer_key: b\n");
    await expect(yamlStore({ path: file }).load()).rejects.toMatchObject({
      code: "CREDENTIALS_CONFLICT",
      message: `${file} line 3, column 3: consumer_key is set again in profile "default" (first on line 1); keep one of them.`,
    });
  });

  it("requires a path", () => {
    expect(() => yamlStore({} as never)).toThrow(expect.objectContaining({ code: "OPTIONS_INVALID" }));
  });
});

describe("yamlStore save", () => {
  const original = [
    "# X credentials",
    "twitter:",
    "    default:",
    "        consumer_key: ck # from the portal",
    "        ACCESS_KEY: 'at'",
    "",
    "    # the second bot",
    "    bot2:",
    '        consumer_key: "ck2"',
    "settings:",
    "    retries: 3",
    "",
  ].join("\n");

  it("updates values in place, keeping comments, blank lines, order, quoting style and indentation", async () => {
    const file = await write(original);
    await yamlStore({ path: file, key: "twitter" }).save({ consumerKey: "ck-new", accessToken: "at'new" });
    expect(await readFile(file, "utf8")).toBe(
      original
        .replace("consumer_key: ck #", "consumer_key: ck-new #")
        .replace("ACCESS_KEY: 'at'", "ACCESS_KEY: 'at''new'"),
    );
  });

  it("adds keys at the end of the profile's map, and a new profile as a new map", async () => {
    const file = await write(original);
    const store = yamlStore({ path: file, key: "twitter" });
    await store.save({ consumerSecret: "cs2" }, { profile: "bot2" });
    await store.save({ consumerKey: "ck3" }, { profile: "bot3" });
    const text = await readFile(file, "utf8");
    expect(text).toContain(
      '        consumer_key: "ck2"\n        consumer_secret: cs2\n    bot3:\n        consumer_key: ck3\nsettings:',
    );
    expect(text.startsWith(original.slice(0, original.indexOf("    bot2:")))).toBe(true);
  });

  it("quotes values that would read back as another type or break the syntax", async () => {
    const file = await write("default:\n  consumer_key: ck\n");
    const store = yamlStore({ path: file });
    for (const value of [
      ...hostileValues,
      "123",
      "true",
      "null",
      "~",
      "1e3",
      "0x1F",
      "*alias",
      "&anchor",
      "!tag",
      ": x",
    ]) {
      await store.save({ consumerKey: value });
      expect(parse(await readFile(file, "utf8"))).toEqual({ default: { consumer_key: value } });
    }
  });

  it("saves the default profile of a flat file flat, and creates a new file as profile maps with mode 0600", async () => {
    const flat = await write("consumer_key: ck\n", "flat.yaml");
    await yamlStore({ path: flat }).save({ consumerSecret: "cs" });
    expect(await readFile(flat, "utf8")).toBe("consumer_key: ck\nconsumer_secret: cs\n");
    const fresh = temp.file("new.yaml");
    await yamlStore({ path: fresh, key: "twitter" }).save({ consumerKey: "ck" });
    expect(await readFile(fresh, "utf8")).toBe("twitter:\n  default:\n    consumer_key: ck\n");
    expect((await stat(fresh)).mode & 0o777).toBe(0o600);
  });

  it("refuses to rewrite a file it cannot parse, leaving it as it was", async () => {
    const file = await write("default: [\n");
    await expect(yamlStore({ path: file }).save({ consumerKey: "x" })).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
    });
    expect(await readFile(file, "utf8")).toBe("default: [\n");
  });
});
