// Writes LICENSE.third-party into every package whose built bundles inline third-party code, from
// the bundles' source maps (what esbuild actually inlined, not what a build script says) and each
// inlined package's own license file. `--check` writes nothing: it exits 1 naming every package whose
// committed file is missing, stale or no longer needed (run `pnpm licenses:update` to fix).
// Run after `pnpm build`.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const fileName = "LICENSE.third-party"; // npm and pnpm pack every LICENSE.* file, whatever `files` says
const check = process.argv.includes("--check");

/** @param {string} folder @returns {string[]} every *.js.map below folder */
function sourceMaps(folder) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: "utf8" })
    .filter((path) => path.endsWith(".js.map"))
    .map((path) => join(folder, path));
}

/** @param {string} source an absolute path inside node_modules @returns {string} the package's folder */
function packageFolderOf(source) {
  const marker = `${"/"}node_modules/`;
  const at = source.lastIndexOf(marker);
  const parts = source.slice(at + marker.length).split("/");
  const nameParts = parts[0]?.startsWith("@") ? 2 : 1;
  return source.slice(0, at + marker.length) + parts.slice(0, nameParts).join("/");
}

/** @param {string} packageFolder @returns {string[]} the folders of the third-party packages inlined */
function inlinedPackages(packageFolder) {
  const folders = new Set();
  for (const map of sourceMaps(join(packageFolder, "dist"))) {
    const { sources } = JSON.parse(readFileSync(map, "utf8"));
    for (const source of sources) {
      const absolute = resolve(dirname(map), source);
      if (absolute.includes("/node_modules/")) folders.add(packageFolderOf(absolute));
    }
  }
  return [...folders];
}

/** @param {string} folder */
function licenseSection(folder) {
  const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const licenseFile = readdirSync(folder).find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
  const text =
    licenseFile === undefined
      ? `(the package ships no license file; its package.json says "${manifest.license}")`
      : readFileSync(join(folder, licenseFile), "utf8").trim();
  const rule = "=".repeat(72);
  return {
    name: manifest.name,
    text: `${rule}\n${manifest.name} ${manifest.version} (${manifest.license})\n${rule}\n\n${text}\n`,
  };
}

/** @param {string} packageName @param {string[]} folders */
function licensesText(packageName, folders) {
  const sections = folders.map(licenseSection).sort((a, b) => a.name.localeCompare(b.name));
  const header = `${packageName}'s bundles inline the code of the packages below (esbuild, at build time).\nTheir licenses follow, as each package ships them.\n`;
  return [header, ...sections.map((section) => section.text)].join("\n");
}

const problems = [];
for (const parent of ["packages"]) {
  for (const name of readdirSync(join(repositoryRoot, parent))) {
    const folder = join(repositoryRoot, parent, name);
    if (!existsSync(join(folder, "package.json"))) continue;
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
    if (manifest.private === true) continue;
    const target = join(folder, fileName);
    const inlined = inlinedPackages(folder);
    const wanted = inlined.length === 0 ? undefined : licensesText(manifest.name, inlined);
    const present = existsSync(target) ? readFileSync(target, "utf8") : undefined;
    if (wanted === present) continue;
    if (check) {
      const what =
        wanted === undefined
          ? "is not needed (nothing third-party is inlined)"
          : present === undefined
            ? "is missing"
            : "is out of date";
      problems.push(`${parent}/${name}/${fileName} ${what}`);
    } else if (wanted === undefined) rmSync(target);
    else writeFileSync(target, wanted);
  }
}
if (problems.length > 0) {
  console.error(`${problems.join("\n")}\nrun \`pnpm build && pnpm licenses:update\` and commit the result`);
  process.exit(1);
}
