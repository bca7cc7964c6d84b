import { readFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const srcRoot = join(dirname(fileURLToPath(import.meta.url)), "../../src");

/** Every module a source file reaches through static imports: relative files and packages. */
async function importGraph(entry: string): Promise<{ files: Set<string>; packages: Set<string> }> {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [join(srcRoot, entry)];
  while (pending.length > 0 && files.size < 500) {
    const file = pending.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const text = await readFile(file, "utf8");
    for (const match of text.matchAll(/^(?:import|export)\s(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
      const specifier = match[1]!;
      if (specifier.startsWith(".")) pending.push(join(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else packages.add(specifier);
    }
  }
  return { files, packages };
}

describe("entry points", () => {
  it("keeps the X API emulator free of AWS code: @twauth/emulator never reaches secrets-manager/", async () => {
    const { files, packages } = await importGraph("index.ts");
    const reached = [...files].map((file) => relative(srcRoot, file));
    expect(reached).toContain("start-emulator.ts");
    expect(reached).toContain("oauth1/verify-oauth1-claim.ts");
    expect(reached.filter((file) => file.startsWith("secrets-manager"))).toEqual([]);
    expect([...packages].filter((name) => !name.startsWith("node:"))).toEqual([]);
  });

  it("loads @smithy/signature-v4 only from @twauth/emulator/secrets-manager", async () => {
    const { files, packages } = await importGraph("secrets-manager/index.ts");
    expect([...files].map((file) => relative(srcRoot, file))).toContain(
      "secrets-manager/sigv4/verify-sigv4.ts",
    );
    expect([...packages].filter((name) => !name.startsWith("node:"))).toEqual(["@smithy/signature-v4"]);
  });
});
