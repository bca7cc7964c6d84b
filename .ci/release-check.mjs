// `pnpm release:check`: what `pnpm release` checks before it publishes. Every publishable package
// of the workspace (as pnpm lists it: no names here) is packed once, and each tarball, exactly what
// the registry would get, is checked by publint (--strict: warnings fail too) and by
// `attw --profile esm-only` (the types resolve for ESM importers under node16 and bundlers).
// `--report FILE` also writes the results in vitest's JSON report shape, so CI counts each check.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

const run = promisify(execFile);
const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const reportIndex = process.argv.indexOf("--report");
const reportPath = reportIndex > 0 ? process.argv[reportIndex + 1] : undefined;

// The pnpm that runs this script (also when it came through npx and is on no PATH).
const pnpm = process.env.npm_execpath?.includes("pnpm")
  ? { file: process.execPath, prefix: [process.env.npm_execpath] }
  : { file: "pnpm", prefix: [] };
const bin = (name) => join(repositoryRoot, "node_modules", ".bin", name);

async function publishablePackages() {
  const args = [...pnpm.prefix, "ls", "--recursive", "--depth", "-1", "--json"];
  const { stdout } = await run(pnpm.file, args, { cwd: repositoryRoot, maxBuffer: 8 << 20 });
  return JSON.parse(stdout).filter((entry) => entry.private !== true && entry.path !== repositoryRoot);
}

async function pack(names, destination) {
  const filters = names.flatMap((name) => ["--filter", name]);
  const args = [
    ...pnpm.prefix,
    "--recursive",
    ...filters,
    "pack",
    "--pack-destination",
    destination,
    "--json",
  ];
  const { stdout } = await run(pnpm.file, args, { cwd: repositoryRoot, maxBuffer: 64 << 20 });
  return JSON.parse(stdout).map((entry) => ({ name: entry.name, tarball: entry.filename }));
}

/** Runs one check; a non-zero exit is a failure whose output is kept for the log. */
async function check(title, file, args) {
  try {
    await run(file, args, { cwd: repositoryRoot, timeout: 60_000, maxBuffer: 16 << 20 });
    return { title, status: "passed" };
  } catch (error) {
    return { title, status: "failed", output: `${error.stdout ?? ""}${error.stderr ?? error.message}` };
  }
}

/** Runs the checks two at a time (attw takes a few seconds a package; the machine has two cores). */
async function runAll(jobs) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      results.push(await check(...job));
    }
  };
  await Promise.all([worker(), worker()]);
  return results.sort((a, b) => a.title.localeCompare(b.title));
}

const destination = mkdtempSync(join(tmpdir(), "twauth-release-check-"));
try {
  const packages = await publishablePackages();
  const tarballs = await pack(
    packages.map((entry) => entry.name),
    destination,
  );
  const jobs = tarballs.flatMap(({ name, tarball }) => [
    [`publint ${name}`, bin("publint"), ["run", "--strict", tarball]],
    [`attw --profile esm-only ${name}`, bin("attw"), ["--profile", "esm-only", "--format", "ascii", tarball]],
  ]);
  const results = await runAll(jobs);
  for (const result of results) {
    console.log(`${result.status === "passed" ? "ok  " : "FAIL"} ${result.title}`);
    if (result.output !== undefined) console.log(result.output.trimEnd().replace(/^/gm, "     "));
  }
  const failed = results.filter((result) => result.status === "failed").length;
  console.log(`release check: ${results.length - failed} passed, ${failed} failed`);
  if (reportPath !== undefined) {
    const report = {
      numPassedTests: results.length - failed,
      numFailedTests: failed,
      numPendingTests: 0,
      numTodoTests: 0,
      testResults: [
        { name: "release check", status: failed > 0 ? "failed" : "passed", assertionResults: results },
      ],
    };
    writeFileSync(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  rmSync(destination, { recursive: true, force: true });
}
