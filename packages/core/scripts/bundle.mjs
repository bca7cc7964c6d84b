/**
 * Bundles core's compiled `dist` into `dist/bundle`, as package.json's exports map names it:
 *
 * 1. `@twauth/core/oauth1`, the signer and TwauthError, as one file: a program that only signs
 *    loads that file and node:crypto, nothing else of core (the cold-start bench times it).
 * 2. `@twauth/core` and `@twauth/core/config-support` (for @twauth/config), split into chunks so
 *    options validation (and the zod it inlines) loads on the first getApiConnection call. Every module the signing entry holds is not
 *    bundled a second time: imports of it become imports of `@twauth/core/oauth1` (the package
 *    naming itself), so there is one signer and one TwauthError class however a program imports.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const signingEntry = "@twauth/core/oauth1";
const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
};

const signing = await build({
  ...common,
  entryPoints: ["dist/oauth1/index.js"],
  outfile: "dist/bundle/oauth1/index.js",
  metafile: true,
});
const inSigningEntry = new Set(Object.keys(signing.metafile.inputs).map((input) => resolve(input)));

/** Resolves a relative import that lands in the signing entry to the signing entry itself. */
const useSigningEntry = {
  name: "use-signing-entry",
  setup(bundler) {
    bundler.onResolve({ filter: /^\.\.?\// }, (args) =>
      inSigningEntry.has(resolve(args.resolveDir, args.path))
        ? { path: signingEntry, external: true }
        : undefined,
    );
  },
};

const main = await build({
  ...common,
  entryPoints: ["dist/index.js", "dist/connection/config-support.js"],
  splitting: true,
  outdir: "dist/bundle",
  metafile: true,
  plugins: [useSigningEntry],
});

// esbuild does not check the names imported from an external module, so every output is linked
// here: a name the signing entry does not export fails the build, not a user's first request.
for (const output of Object.keys(main.metafile.outputs).filter((file) => file.endsWith(".js"))) {
  try {
    await import(pathToFileURL(resolve(output)).href);
  } catch (error) {
    throw new Error(
      `${output} does not link: ${error.message}. Code outside src/oauth1 imports the signer's modules through the signing entry: export what it needs from src/oauth1/index.ts.`,
    );
  }
}
