import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

// The file users get: what package.json's exports map names. It carries its own copy of yaml's
// platform-neutral build, so its errors are checked here, not only those of src (which uses yaml's node build).
const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: { ".": { default: string } };
};
const bundleUrl = pathToFileURL(
  fileURLToPath(new URL(`../${packageJson.exports["."].default}`, import.meta.url)),
).href;

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "twauth-config-bundle-"));
  writeFileSync(join(root, "package.json"), "{}");
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** Writes twauth.config.yaml and returns what the bundle's loadConfig rejects with. */
async function bundleLoadError(configText: string): Promise<unknown> {
  writeFileSync(join(root, "twauth.config.yaml"), configText);
  const { loadConfig } = (await import(bundleUrl)) as typeof import("../src/index.js");
  return loadConfig({ cwd: root, env: {} }).catch((caught: unknown) => caught);
}

describe("@twauth/config's bundled entry", () => {
  it("reports a YAML syntax error with the file's line:column", async () => {
    expect(await bundleLoadError("store:\n  type: dotenv\n  type: env\n")).toMatchObject({
      code: "CONFIG_INVALID",
      line: 3,
      column: 3,
      message: `Cannot parse the twauth config:\n  ${join(root, "twauth.config.yaml")}:3:3: a key given twice in the same map (keep one)`,
    });
  });

  it("loads an executable config, and a config that throws surfaces its own error", async () => {
    // A CommonJS config loads through import(), as Node runs it, once the caller opts in.
    const { loadConfig } = (await import(bundleUrl)) as typeof import("../src/index.js");
    writeFileSync(
      join(root, "twauth.config.js"),
      'module.exports = { store: { type: "env" }, retryCount: 3 };\n',
    );
    const loaded = await loadConfig({ cwd: root, env: {}, allowExecutable: true });
    expect(loaded.config.retryCount).toBe(3);
    const broken = join(root, "broken");
    mkdirSync(broken);
    writeFileSync(join(broken, "package.json"), "{}");
    writeFileSync(join(broken, "twauth.config.js"), 'throw new Error("broken twauth config");\n');
    await expect(loadConfig({ cwd: broken, env: {}, allowExecutable: true })).rejects.toThrow(
      "broken twauth config",
    );
  });

  it("places a schema error at the key's line:column", async () => {
    expect(await bundleLoadError("store:\n  type: dotenv\n  pathz: .env\n")).toMatchObject({
      code: "CONFIG_INVALID",
      line: 3,
      column: 3,
      message: `Invalid twauth config:\n  ${join(root, "twauth.config.yaml")}:3:3: store.pathz: unknown key; did you mean path?`,
    });
  });

  // cosmiconfig read a "cosmiconfig" key of the working folder's package.json, which could add an
  // executable search place; the process's cwd matters, so this runs in a child process.
  it("ignores a cosmiconfig key in the working folder's package.json that names a script", () => {
    const marker = join(root, "ran.txt");
    writeFileSync(
      join(root, "package.json"),
      JSON.stringify({ cosmiconfig: { searchPlaces: ["evil.cjs"] } }),
    );
    writeFileSync(
      join(root, "evil.cjs"),
      `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran"); module.exports = { store: { type: "env" } };\n`,
    );
    const script = `import(${JSON.stringify(bundleUrl)}).then((m) => m.loadConfig({ env: {} })).then(() => console.log("loaded"), (e) => console.log(e.code))`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: root,
      encoding: "utf8",
    });
    expect(child.stdout.trim()).toBe("CONFIG_NOT_FOUND");
    expect(existsSync(marker)).toBe(false);
  });
});
