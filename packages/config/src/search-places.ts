/**
 * Where `@twauth/config` looks for a config file, in order, in each folder from `cwd` up to the
 * nearest folder holding a `package.json` (cosmiconfig's "project" search strategy).
 * Data formats only: a config file that runs code is searched for only when the caller opts in.
 * The first match wins, so `package.json#twauth` beats a `twauth.config.yaml` beside it.
 *
 * @example
 * console.log(`twauth looks for: ${configSearchPlaces.join(", ")}`);
 */
export const configSearchPlaces: readonly string[] = [
  "package.json",
  ".twauthrc",
  ".twauthrc.json",
  ".twauthrc.yaml",
  ".twauthrc.yml",
  ".config/twauthrc",
  ".config/twauthrc.json",
  ".config/twauthrc.yaml",
  ".config/twauthrc.yml",
  "twauth.config.json",
  "twauth.config.yaml",
  "twauth.config.yml",
];

/**
 * Added after the data formats when `allowExecutable: true`. No `.ts`: loading one needs TypeScript's
 * compiler API, which TypeScript 7 no longer has; write `twauth.config.mjs` instead.
 *
 * @example
 * const { config } = await loadConfig({ allowExecutable: true }); // also finds twauth.config.mjs
 */
export const executableConfigSearchPlaces: readonly string[] = [
  ".twauthrc.js",
  ".twauthrc.mjs",
  ".config/twauthrc.js",
  ".config/twauthrc.mjs",
  "twauth.config.js",
  "twauth.config.mjs",
];
