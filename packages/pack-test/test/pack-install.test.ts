import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultApp, defaultUser, type Emulator, startEmulator } from "@twauth/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  pnpmCommand,
  repositoryRoot,
  run,
  type WorkspacePackage,
  workspacePackages,
} from "./support/workspace.js";

// The packages as a user gets them: every publishable package of the workspace packed with
// `pnpm pack` (workspace:* becomes a version, `files` decides what ships), the tarballs installed by
// npm into projects outside the repository, and small programs run there against the emulator.
// One pack per run and two installs side by side (every tarball into one project, core's alone into
// another); npm prefers its cache, the registry serves the rest (zod, the AWS SDK, ini, yaml: the
// runtime dependencies the manifests declare).

let scratch: string;
let app: string;
let library: string;
let emulator: Emulator;
let publishable: WorkspacePackage[];
let packed: { name: string; filename: string; files: { path: string }[] }[];

/** The environment a user's shell has: none of pnpm's npm_* variables, no TWAUTH_* settings. */
function userEnvironment(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(
    ([name]) => !/^(npm_|pnpm_|twauth_|node_options$|vitest)/i.test(name),
  );
  return Object.fromEntries(kept);
}

async function newProject(folder: string): Promise<void> {
  await mkdir(folder);
  await writeFile(join(folder, "package.json"), `${JSON.stringify({ private: true, type: "module" })}\n`);
}

async function npmInstall(folder: string, tarballs: string[]): Promise<void> {
  // --omit=peer: store-testkit's vitest peer is the store author's to bring, not this project's.
  const flags = ["install", "--prefer-offline", "--no-audit", "--no-fund", "--omit=peer", "--loglevel=error"];
  await run("npm", [...flags, ...tarballs], {
    cwd: folder,
    env: userEnvironment(),
    timeout: 50_000,
  });
}

async function node(folder: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, args, { cwd: folder, env: userEnvironment(), timeout: 15_000 });
}

beforeAll(async () => {
  publishable = (await workspacePackages()).filter((entry) => !entry.private);
  const unbuilt = publishable.filter((entry) => !existsSync(join(entry.path, "dist")));
  if (unbuilt.length > 0) {
    throw new Error(
      `build first (pnpm build): ${unbuilt.map((entry) => entry.name).join(", ")} have no dist/`,
    );
  }
  scratch = await mkdtemp(join(tmpdir(), "twauth-pack-"));
  const tarballs = join(scratch, "tarballs");
  const pnpm = pnpmCommand();
  const filters = publishable.flatMap((entry) => ["--filter", entry.name]);
  const { stdout } = await run(
    pnpm.file,
    [...pnpm.prefix, "--recursive", ...filters, "pack", "--pack-destination", tarballs, "--json"],
    { cwd: repositoryRoot, env: userEnvironment(), timeout: 30_000, maxBuffer: 64 * 1024 * 1024 },
  );
  packed = JSON.parse(stdout) as typeof packed;
  const core = packed.find((entry) => entry.name === "@twauth/core");
  if (core === undefined) throw new Error("@twauth/core was not packed");

  app = join(scratch, "app");
  library = join(scratch, "library");
  await Promise.all([newProject(app), newProject(library)]);
  [emulator] = await Promise.all([
    startEmulator(),
    npmInstall(
      app,
      packed.map((entry) => entry.filename),
    ),
    npmInstall(library, [core.filename]),
  ]);
}, 90_000);

afterAll(async () => {
  await emulator?.stop();
  if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
});

describe("the packed packages, installed by npm outside the workspace", () => {
  it("packs every publishable package of the workspace and installs each with no workspace: range left", async () => {
    expect(packed.map((entry) => entry.name).sort()).toEqual(publishable.map((entry) => entry.name).sort());
    for (const { name } of publishable) {
      const manifest = JSON.parse(
        await readFile(join(app, "node_modules", name, "package.json"), "utf8"),
      ) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      const ranges = Object.values({ ...manifest.dependencies, ...manifest.peerDependencies });
      expect(
        ranges.filter((range) => range.startsWith("workspace:")),
        name,
      ).toEqual([]);
    }
  });

  it("ships a LICENSE in every tarball, and LICENSE.third-party where the package has one", () => {
    for (const entry of packed) {
      const paths = entry.files.map((file) => file.path);
      const folder = publishable.find((candidate) => candidate.name === entry.name)?.path ?? "";
      const expected = existsSync(join(folder, "LICENSE.third-party"))
        ? ["LICENSE", "LICENSE.third-party"]
        : ["LICENSE"];
      expect(paths.filter((path) => path.startsWith("LICENSE")).sort(), entry.name).toEqual(expected);
    }
  });

  it("runs a config-only program: twauth.config.yaml naming a dotenv store, connect(), verifyCredentials()", async () => {
    await writeFile(
      join(app, ".env"),
      [
        `CONSUMER_KEY=${defaultApp.consumerKey}`,
        `CONSUMER_SECRET=${defaultApp.consumerSecret}`,
        `ACCESS_KEY=${defaultUser.accessToken}`,
        `ACCESS_SECRET=${defaultUser.accessTokenSecret}`,
        "",
      ].join("\n"),
      { mode: 0o600 },
    );
    await writeFile(
      join(app, "twauth.config.yaml"),
      `store:\n  type: dotenv\n  path: .env\nbase_url: ${emulator.url}\n`,
    );
    await writeFile(
      join(app, "verify.js"),
      [
        'import { connect } from "@twauth/config";',
        "const api = await connect();",
        "const me = await api.verifyCredentials();",
        'console.log("@" + me.username + " " + me.tokenType);',
        "api.close();",
        "",
      ].join("\n"),
    );
    const { stdout, stderr } = await node(app, ["verify.js"]);
    expect({ stdout, stderr }).toEqual({ stdout: `@${defaultUser.username} user\n`, stderr: "" });
  });

  it("runs the installed twauth bin: twauth verify reads the same config", async () => {
    const { stdout } = await run(join(app, "node_modules", ".bin", "twauth"), ["verify"], {
      cwd: app,
      env: userEnvironment(),
      timeout: 15_000,
    });
    expect(stdout).toContain(`@${defaultUser.username}`);
    expect(stdout).not.toContain(defaultUser.accessTokenSecret);
  });

  it("runs a library that installed @twauth/core alone: it signs, connects and verifies", async () => {
    expect(await readdir(join(library, "node_modules", "@twauth"))).toEqual(["core"]);
    const credentials = {
      consumerKey: defaultApp.consumerKey,
      consumerSecret: defaultApp.consumerSecret,
      accessToken: defaultUser.accessToken,
      accessTokenSecret: defaultUser.accessTokenSecret,
    };
    await writeFile(
      join(library, "library.js"),
      [
        'import { createOAuth1Signer, getApiConnection } from "@twauth/core";',
        `const credentials = ${JSON.stringify(credentials)};`,
        "const signer = createOAuth1Signer(credentials);",
        `const header = signer.authorize({ method: "GET", url: "${emulator.url}/2/users/me" });`,
        `const api = await getApiConnection({ credentials, baseUrl: "${emulator.url}" });`,
        "const me = await api.verifyCredentials();",
        'console.log(header.split(" ")[0] + " @" + me.username);',
        "api.close();",
        "",
      ].join("\n"),
    );
    const { stdout, stderr } = await node(library, ["library.js"]);
    expect({ stdout, stderr }).toEqual({ stdout: `OAuth @${defaultUser.username}\n`, stderr: "" });
  });
});
