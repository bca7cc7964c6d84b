import { readFile, stat, writeFile } from "node:fs/promises";
import type { TwauthWarning } from "@twauth/core";
import { envProfileNamePrefix } from "@twauth/store-kit";
import type { SeedProfiles, TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory, describeSecretStore } from "@twauth/store-testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { dotenvStore } from "../src/dotenv-store.js";

const quiet = () => {};

function toDotenv(profiles: SeedProfiles): string {
  return Object.entries(profiles)
    .flatMap(([profile, record]) =>
      Object.entries(record).map(([key, value]) => `${envProfileNamePrefix(profile)}${key}=${value}`),
    )
    .join("\n");
}

describeSecretStore(
  "dotenvStore",
  async ({ profiles }) => {
    const temp = await createTempDirectory();
    await writeFile(temp.file(".env"), `# credentials\n${toDotenv(profiles)}\n`, { mode: 0o600 });
    return { store: dotenvStore({ path: temp.file(".env"), onWarning: quiet }), cleanup: temp.cleanup };
  },
  { updatable: true },
);

describeSecretStore(
  "dotenvStore over .env and .env.local",
  async ({ profiles }) => {
    const temp = await createTempDirectory();
    const { default: defaults, ...others } = profiles;
    await writeFile(temp.file(".env"), toDotenv({ default: defaults ?? {} }), { mode: 0o600 });
    await writeFile(temp.file(".env.local"), toDotenv(others), { mode: 0o600 });
    const store = dotenvStore({ paths: [temp.file(".env"), temp.file(".env.local")], onWarning: quiet });
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

async function write(name: string, text: string): Promise<string> {
  await writeFile(temp.file(name), text, { mode: 0o600 });
  return temp.file(name);
}

describe("dotenvStore load", () => {
  it("never touches process.env", async () => {
    const file = await write(".env", "TWAUTH_DOTENVTEST_CONSUMER_KEY=ck\nDOTENVTEST_OTHER=1\n");
    const before = { ...process.env };
    expect(await dotenvStore({ path: file }).load({ profile: "dotenvtest" })).toEqual({ CONSUMER_KEY: "ck" });
    expect(process.env).toEqual(before);
  });

  it("reads dotenv's syntax: export, quotes, comments, a colon, a multi-line double-quoted value", async () => {
    const file = await write(
      ".env",
      [
        "# comment",
        "export CONSUMER_KEY=ck # trailing comment",
        "CONSUMER_SECRET='cs#not-a-comment'",
        'ACCESS_TOKEN: "at"',
        "ACCESS_TOKEN_SECRET=`as`",
        'BEARER_TOKEN="line1',
        'line2"',
        "",
      ].join("\n"),
    );
    expect(await dotenvStore({ path: file }).load()).toEqual({
      CONSUMER_KEY: "ck",
      CONSUMER_SECRET: "cs#not-a-comment",
      ACCESS_TOKEN: "at",
      ACCESS_TOKEN_SECRET: "as",
      BEARER_TOKEN: "line1\nline2",
    });
  });

  it("lets a later file override an earlier one, or the first win with override: false", async () => {
    const env = await write(".env", "CONSUMER_KEY=from-env\nCONSUMER_SECRET=cs\n");
    const local = await write(".env.local", "CONSUMER_KEY=from-local\n");
    expect(await dotenvStore({ paths: [env, local] }).load()).toEqual({
      CONSUMER_KEY: "from-local",
      CONSUMER_SECRET: "cs",
    });
    expect(await dotenvStore({ paths: [env, local], override: false }).load()).toEqual({
      CONSUMER_KEY: "from-env",
      CONSUMER_SECRET: "cs",
    });
  });

  it("skips a missing file among several, and rejects when none exists", async () => {
    const env = await write(".env", "CONSUMER_KEY=ck\n");
    const local = temp.file(".env.local");
    expect(await dotenvStore({ paths: [env, local] }).load()).toEqual({ CONSUMER_KEY: "ck" });
    const store = dotenvStore({ paths: [temp.file("a.env"), local] });
    await expect(store.load()).rejects.toMatchObject({
      code: "STORE_NOT_FOUND",
      message: `None of ${temp.file("a.env")}, ${local} exists; create ${local} or pass the path of your .env file.`,
    });
  });

  it("reads profiles under a custom prefix", async () => {
    const file = await write(
      ".env",
      "MYAPP_CONSUMER_KEY=ck\nMYAPP_BOT2_CONSUMER_KEY=ck2\nCONSUMER_KEY=other\n",
    );
    const store = dotenvStore({ path: file, prefix: "MYAPP_" });
    expect(await store.load()).toEqual({ CONSUMER_KEY: "ck" });
    expect(await store.load({ profile: "bot2" })).toEqual({ CONSUMER_KEY: "ck2" });
  });

  it("warns through onWarning when the file is readable by others", async () => {
    const file = await write(".env", "CONSUMER_KEY=ck\n");
    await import("node:fs/promises").then((fs) => fs.chmod(file, 0o644));
    const warnings: TwauthWarning[] = [];
    await dotenvStore({ path: file, onWarning: (warning) => warnings.push(warning) }).load();
    expect(warnings.map((warning) => warning.code)).toEqual(["FILE_PERMISSIONS"]);
    expect(warnings[0]?.message).toContain(`run: chmod 600 ${file}`);
  });

  it("rejects an empty paths list", () => {
    expect(() => dotenvStore({ paths: [] })).toThrow(expect.objectContaining({ code: "OPTIONS_INVALID" }));
  });
});

describe("dotenvStore save", () => {
  const original = [
    "# X credentials",
    "export CONSUMER_KEY=ck # from the portal",
    "CONSUMER_SECRET='cs'",
    "",
    "ACCESS_KEY=at",
    "ACCESS_SECRET=as",
    "DATABASE_URL=postgres://localhost/db",
    "",
    "# second bot",
    "TWAUTH_BOT2_CONSUMER_KEY=ck2",
    "PORT=3000",
    "",
  ].join("\n");

  it("updates values in place and keeps every other line, comment, blank line and the order", async () => {
    const file = await write(".env", original);
    await dotenvStore({ path: file }).save({ consumerKey: "ck-new", accessToken: "at new" });
    expect(await readFile(file, "utf8")).toBe(
      original
        .replace("CONSUMER_KEY=ck #", "CONSUMER_KEY=ck-new #")
        .replace("ACCESS_KEY=at", "ACCESS_KEY='at new'"),
    );
  });

  it("adds a new key after the profile's last entry", async () => {
    const file = await write(".env", original);
    const store = dotenvStore({ path: file });
    await store.save({ bearerToken: "bt" });
    await store.save({ consumerSecret: "cs2" }, { profile: "bot2" });
    expect(await readFile(file, "utf8")).toBe(
      original
        .replace("ACCESS_SECRET=as\n", "ACCESS_SECRET=as\nBEARER_TOKEN=bt\n")
        .replace(
          "TWAUTH_BOT2_CONSUMER_KEY=ck2\n",
          "TWAUTH_BOT2_CONSUMER_KEY=ck2\nTWAUTH_BOT2_CONSUMER_SECRET=cs2\n",
        ),
    );
  });

  it("creates a missing file with mode 0600", async () => {
    const file = temp.file(".env");
    await dotenvStore({ path: file }).save({ consumerKey: "ck", consumerSecret: "cs" }, { profile: "bot2" });
    expect(await readFile(file, "utf8")).toBe(
      "TWAUTH_BOT2_CONSUMER_KEY=ck\nTWAUTH_BOT2_CONSUMER_SECRET=cs\n",
    );
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it("writes to the file that wins: the last of paths, or the first with override: false", async () => {
    const env = await write(".env", "ACCESS_KEY=at\n");
    const local = temp.file(".env.local");
    await dotenvStore({ paths: [env, local] }).save({ accessToken: "rotated" });
    expect(await readFile(local, "utf8")).toBe("ACCESS_KEY=rotated\n");
    expect(await readFile(env, "utf8")).toBe("ACCESS_KEY=at\n");
    await dotenvStore({ paths: [env, local], override: false }).save({ accessToken: "again" });
    expect(await readFile(env, "utf8")).toBe("ACCESS_KEY=again\n");
  });

  it("keeps CRLF line ends", async () => {
    const file = await write(".env", "CONSUMER_KEY=ck\r\nCONSUMER_SECRET=cs\r\n");
    await dotenvStore({ path: file }).save({ consumerSecret: "cs2", bearerToken: "bt" });
    expect(await readFile(file, "utf8")).toBe(
      "CONSUMER_KEY=ck\r\nCONSUMER_SECRET=cs2\r\nBEARER_TOKEN=bt\r\n",
    );
  });

  it("refuses to rewrite a file it cannot parse, leaving it as it was", async () => {
    const file = await write(".env", "CONSUMER_KEY ck\n");
    await expect(dotenvStore({ path: file }).save({ consumerKey: "x" })).rejects.toMatchObject({
      code: "STORE_UNREADABLE",
    });
    expect(await readFile(file, "utf8")).toBe("CONSUMER_KEY ck\n");
  });

  it("rejects a name dotenv cannot read", async () => {
    const file = await write(".env", "");
    await expect(dotenvStore({ path: file }).save({ "API Key": "k" })).rejects.toMatchObject({
      code: "OPTIONS_INVALID",
      message: `${file}: API Key is not a name dotenv can read (use letters, digits, "_", "." or "-").`,
    });
  });
});
