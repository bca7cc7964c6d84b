import { writeFile } from "node:fs/promises";
import type { WritableSecretStore } from "@twauth/core";
import { isTwauthError } from "@twauth/core";
import { dotenvStore } from "@twauth/store-dotenv";
import { iniStore } from "@twauth/store-ini";
import type { TempDirectory } from "@twauth/store-testkit";
import { createTempDirectory } from "@twauth/store-testkit";
import { yamlStore } from "@twauth/store-yaml";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 11, item 9: a save that the next load cannot read. The property: for any value a save
// accepts, the next load returns it exactly; a value it cannot write is refused with a coded error
// that does not quote it.

const stores: readonly (readonly [string, string, string, (path: string) => WritableSecretStore])[] = [
  ["dotenv", ".env", "CONSUMER_KEY=ck\n", (path) => dotenvStore({ path })],
  ["ini", "credentials.ini", "[default]\nconsumer_key = ck\n", (path) => iniStore({ path })],
  ["yaml", "twitter.yaml", "default:\n  consumer_key: ck\n", (path) => yamlStore({ path })],
];

// Any text: printable ASCII (the quotes, #, ;, \, = that formats care about) often, any code point
// (controls, line breaks, astral) sometimes.
const punctuation = fc.constantFrom(
  '"',
  "'",
  "`",
  "#",
  ";",
  "\\",
  "=",
  " ",
  "\t",
  ":",
  "[",
  "]",
  "{",
  "}",
  "&",
  "*",
  "-",
  "n",
  "r",
);
const anyText = fc.oneof(
  fc.string({ unit: punctuation, maxLength: 24 }),
  fc.string({ unit: "binary", maxLength: 24 }),
  fc.string({ maxLength: 24 }),
);

let temp: TempDirectory;
beforeAll(async () => {
  temp = await createTempDirectory("twauth-round-trip-");
});
afterAll(async () => {
  await temp.cleanup();
});

describe.each(stores)("%s store: save then load", (kind, fileName, seed, create) => {
  it("returns exactly any value a save accepts, and refuses the others with a coded error that does not quote them", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(anyText, async (value) => {
        run += 1;
        const file = temp.file(`${run}-${fileName}`);
        await writeFile(file, seed, { mode: 0o600 });
        const store = create(file);
        try {
          await store.save({ BEARER_TOKEN: value });
        } catch (error) {
          expect(isTwauthError(error), String(error)).toBe(true);
          expect(["CREDENTIALS_INVALID", "OPTIONS_INVALID", "STORE_WRITE_FAILED"]).toContain(
            (error as { code: string }).code,
          );
          if (value.trim().length >= 4) expect((error as Error).message).not.toContain(value);
          return;
        }
        const record = await store.load();
        expect(record.BEARER_TOKEN ?? record.bearer_token, `${kind}: ${JSON.stringify(value)}`).toBe(value);
      }),
      { numRuns: 200, seed: 20261201 },
    );
  });

  it("refuses a save that would make the file larger than a load reads", async () => {
    const file = temp.file(`big-${fileName}`);
    await writeFile(file, seed, { mode: 0o600 });
    const store =
      kind === "dotenv"
        ? dotenvStore({ path: file, maxBytes: 256 })
        : kind === "ini"
          ? iniStore({ path: file, maxBytes: 256 })
          : yamlStore({ path: file, maxBytes: 256 });
    const value = "v".repeat(300);
    const error = await store.save({ BEARER_TOKEN: value }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "STORE_WRITE_FAILED" });
    expect((error as Error).message).toMatch(
      new RegExp(
        `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} would be \\d+ bytes after this save, over the 256-byte bound a load reads; the file is unchanged: save shorter values, or raise maxBytes\\.$`,
      ),
    );
    expect(await store.load()).not.toHaveProperty("BEARER_TOKEN");
  });
});

it("ini: a value in quotes is written so it loads with its quotes (it used to load as 'still has quotes')", async () => {
  const file = temp.file("quoted.ini");
  await writeFile(file, "[default]\nconsumer_key = ck\n", { mode: 0o600 });
  const store = iniStore({ path: file });
  await store.save({ BEARER_TOKEN: '"quoted"' });
  expect((await store.load()).BEARER_TOKEN).toBe('"quoted"');
});
