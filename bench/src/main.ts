/**
 * Runs every suite in ./suites (one file each, exporting `suite`), or only `--only <name>`, and
 * prints plain lines.
 */
import { readdir } from "node:fs/promises";
import { parseArgs } from "node:util";
import type { BenchSuite } from "./suite.js";

// `pnpm run bench -- --only x` passes the `--` through; it is not an argument of ours.
const args = process.argv.slice(2).filter((arg) => arg !== "--");
const { values } = parseArgs({ args, options: { only: { type: "string" } } });
const suitesFolder = new URL("./suites/", import.meta.url);
const files = (await readdir(suitesFolder)).filter((file) => file.endsWith(".js")).sort();
const suites: BenchSuite[] = [];
for (const file of files) {
  const module = (await import(new URL(file, suitesFolder).href)) as { suite?: BenchSuite };
  if (module.suite !== undefined) suites.push(module.suite);
}

const selected = values.only === undefined ? suites : suites.filter((suite) => suite.name === values.only);
if (selected.length === 0) {
  console.error(
    `no bench suite named ${values.only}; there are: ${suites.map((suite) => suite.name).join(", ")}`,
  );
  process.exit(2);
}
for (const suite of selected) {
  const started = performance.now();
  for (const line of await suite.run()) console.log(`${suite.name}: ${line}`);
  console.log(`${suite.name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
