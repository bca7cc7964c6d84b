import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
// The file users get: what package.json's exports map names for "@twauth/core".
const packageJson = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
  exports: { ".": { default: string } };
};
const coreEntry = pathToFileURL(
  fileURLToPath(new URL(`../${packageJson.exports["."].default}`, import.meta.url)),
).href;
// The bundle carries its own copy of zod: these are the bundle's files that hold it.
const bundleFolder = dirname(fileURLToPath(coreEntry));
const zodFiles = (readdirSync(bundleFolder, { recursive: true }) as string[])
  .filter((file) => file.endsWith(".js"))
  .map((file) => join(bundleFolder, file))
  .filter((file) => readFileSync(file, "utf8").includes("var ZodError = class"))
  .map((file) => pathToFileURL(file).href);
let dir: string;

// A module resolution hook in a child process: any import of zod, or of a bundle file holding it,
// fails loudly, naming itself.
const hook = `const zodFiles = new Set(${JSON.stringify(zodFiles)});
export async function resolve(specifier, context, next) {
  if (specifier === "zod" || specifier.startsWith("zod/")) throw new Error("ZOD_LOADED");
  const resolved = await next(specifier, context);
  if (zodFiles.has(resolved.url)) throw new Error("ZOD_LOADED");
  return resolved;
}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-import-"));
  await writeFile(join(dir, "hook.mjs"), hook);
  await writeFile(
    join(dir, "register.mjs"),
    `import { register } from "node:module";\nregister("./hook.mjs", import.meta.url);\n`,
  );
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function inChild(script: string): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ["--import", pathToFileURL(join(dir, "register.mjs")).href, "--input-type=module", "-e", script],
    { timeout: 10_000 },
  );
  return stdout.trim();
}

describe("@twauth/core's entry", () => {
  it("carries zod in exactly one of its bundle files", () => {
    expect(zodFiles).toHaveLength(1);
  });

  it("does not load zod when imported and used to sign (the bundled entry, as users get it)", async () => {
    const output = await inChild(`const core = await import(${JSON.stringify(coreEntry)});
const signer = core.createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs", accessToken: "at", accessTokenSecret: "ats" });
const header = signer.authorize({ method: "GET", url: "https://api.x.com/2/users/me" });
console.log(typeof core.getApiConnection, header.startsWith("OAuth "));`);
    expect(output).toBe("function true");
  });

  it("loads zod only when getApiConnection validates options", async () => {
    const output = await inChild(`const core = await import(${JSON.stringify(coreEntry)});
try { await core.getApiConnection({ credentials: { bearerToken: "x" } }); console.log("no zod"); }
catch (error) { console.log(String(error.message).includes("ZOD_LOADED") ? "zod loaded on demand" : error.message); }`);
    expect(output).toBe("zod loaded on demand");
  });
});
