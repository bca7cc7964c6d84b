import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = JSON.parse(readFileSync(join(packageRoot, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  exports: Record<string, { types: string }>;
};

/** Every declaration file reachable from `entry` through relative imports, and the packages they name. */
function declarationGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const pending = [resolve(packageRoot, entry)];
  for (let file = pending.pop(); file !== undefined && files.size < 500; file = pending.pop()) {
    if (files.has(file)) continue;
    files.add(file);
    for (const [, specifier] of readFileSync(file, "utf8").matchAll(/from\s+"([^"]+)"/g)) {
      if (specifier === undefined) continue;
      if (!specifier.startsWith(".")) packages.add(specifier);
      else pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".d.ts")));
    }
  }
  return { files, packages };
}

describe("core's published types", () => {
  it("name no zod from the entries users import, so zod is no dependency to install", () => {
    if (!existsSync(join(packageRoot, "dist/index.d.ts")))
      throw new Error("build @twauth/core first (pnpm build)");
    for (const entry of [".", "./oauth1"]) {
      const types = manifest.exports[entry]?.types ?? "";
      expect([...declarationGraph(types).packages].filter((name) => name !== "node:crypto")).toEqual([]);
    }
    expect(manifest.dependencies?.zod).toBeUndefined();
  });

  it("type only the narrow config-support entry with zod, for @twauth/config", () => {
    const types = manifest.exports["./config-support"]?.types ?? "";
    expect([...declarationGraph(types).packages]).toContain("zod");
    expect(manifest.exports["./options-schema"]).toBeUndefined();
  });
});
