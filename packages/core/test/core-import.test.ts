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
  exports: { ".": { default: string }; "./oauth1": { types: string; default: string } };
};
const packageFolder = fileURLToPath(new URL("..", import.meta.url));
const entryUrl = (path: string) => pathToFileURL(join(packageFolder, path)).href;
const coreEntry = entryUrl(packageJson.exports["."].default);
const signingEntry = entryUrl(packageJson.exports["./oauth1"].default);
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

// For the signing entry: the one file of ours it may load is itself; any other file, or zod, fails
// the import, naming what was asked for.
const signingHook = `const allowed = ${JSON.stringify(signingEntry)};
export async function resolve(specifier, context, next) {
  if (specifier === "zod" || specifier.startsWith("zod/")) throw new Error("LOADED zod");
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith("file:") && resolved.url !== allowed) throw new Error("LOADED " + resolved.url);
  return resolved;
}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "twauth-import-"));
  await writeFile(join(dir, "hook.mjs"), hook);
  await writeFile(join(dir, "signing-hook.mjs"), signingHook);
  for (const name of ["hook", "signing-hook"]) {
    await writeFile(
      join(dir, `register-${name}.mjs`),
      `import { register } from "node:module";\nregister("./${name}.mjs", import.meta.url);\n`,
    );
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

// The child runs in the package's folder, so `@twauth/core/...` resolves through package.json's
// exports map, as it does for a user.
async function inChild(script: string, hookName = "hook"): Promise<string> {
  const register = pathToFileURL(join(dir, `register-${hookName}.mjs`)).href;
  const { stdout } = await run(
    process.execPath,
    ["--import", register, "--input-type=module", "-e", script],
    {
      cwd: packageFolder,
      timeout: 10_000,
    },
  );
  return stdout.trim();
}

const signOnce = `const signer = createOAuth1Signer({ consumerKey: "ck", consumerSecret: "cs", accessToken: "at", accessTokenSecret: "ats" });
const header = signer.authorize({ method: "POST", url: "https://api.x.com/1.1/statuses/update.json?a=1", form: { status: "hi" } });`;

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

describe("@twauth/core/oauth1, the signing entry", () => {
  it("loads one file of ours and no zod when imported and used to sign", async () => {
    const output = await inChild(
      `import { createOAuth1Signer } from "@twauth/core/oauth1";
${signOnce}
console.log(header.startsWith("OAuth oauth_consumer_key=\\"ck\\", oauth_nonce="));`,
      "signing-hook",
    );
    expect(output).toBe("true");
  });

  it("is bundled from the signer's modules and TwauthError only, with no connection code", () => {
    const map = JSON.parse(readFileSync(`${fileURLToPath(signingEntry)}.map`, "utf8")) as {
      sources: string[];
    };
    const modules = map.sources.map((source) => source.replace(/^(\.\.\/)+src\//, "")).sort();
    expect(modules.filter((module) => !module.startsWith("oauth1/"))).toEqual(["errors/twauth-error.ts"]);
    expect(modules).toContain("oauth1/signer.ts");
  });

  it("shares one signer and one TwauthError class with the main entry, so instanceof holds across both", async () => {
    const output = await inChild(`const core = await import("@twauth/core");
const signing = await import("@twauth/core/oauth1");
let caught;
try { signing.createOAuth1Signer({ consumerKey: "", consumerSecret: "cs" }); } catch (error) { caught = error; }
console.log(core.createOAuth1Signer === signing.createOAuth1Signer, caught instanceof core.TwauthError, caught.code);`);
    expect(output).toBe("true true OPTIONS_INVALID");
  });

  it("names its type declarations first in the exports map", () => {
    expect(Object.keys(packageJson.exports["./oauth1"])).toEqual(["types", "default"]);
    expect(readFileSync(join(packageFolder, packageJson.exports["./oauth1"].types), "utf8")).toContain(
      "createOAuth1Signer",
    );
  });
});
