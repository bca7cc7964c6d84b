import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { inspect } from "node:util";
import type { TwauthErrorCode } from "@twauth/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Config is not a dependency of the catalog package; its source is imported from the workspace, and
// the CLI rows run the real bin that `pnpm test` builds first.
import type { LoadConfigOptions } from "../../config/src/index.js";
import { configSearchPlaces, loadConfig } from "../../config/src/index.js";

// Every mistake a person makes in a twauth config file, its environment or on the twauth command
// line, with the code and the exact message it gets (what is wrong, where, what to write instead),
// and proof that no secret placed nearby is ever shown.

const SECRET = "CSsecretValue9Qx7Lm";
const twauthBin = fileURLToPath(new URL("../../cli/dist/bin/twauth.js", import.meta.url));

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "twauth-config-catalog-"));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

type Files = Readonly<Record<string, string | "directory">>;

interface ConfigRow {
  /** What the person did wrong. */
  readonly name: string;
  readonly files: Files;
  readonly options?: Omit<LoadConfigOptions, "cwd">;
  readonly code: TwauthErrorCode;
  /** The exact message, given the project folder; it says what to do. */
  readonly message: (dir: string) => string;
}

const config = "twauth.config.yaml";
const inConfig = (dir: string, where: string, problem: string) =>
  `Invalid twauth config:\n  ${join(dir, config)}:${where}: ${problem}`;
const cannotParse = (dir: string, where: string, reason: string, file = config) =>
  `Cannot parse the twauth config:\n  ${join(dir, file)}:${where}: ${reason}`;
const optInHint =
  "executable configs run code, so twauth runs one only when asked: pass allowExecutable: true to loadConfig() or connect() (twauth CLI: --allow-executable-config), or write the settings as twauth.config.yaml";
const readme = "unknown key; check its spelling against the README's table of options";
const storeTypes = "one of env, dotenv, ini, yaml, aws-secrets-manager";
const baseUrlRule =
  'an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1])';
const credentialInConfig =
  "a credential does not belong in the config file: put it in the store the store: section names (the .env, ini or yaml file), and keep the config free of secrets";
const folderMessage = (path: string, from: string) =>
  `${path} (${from}) is a folder, not a twauth config file; remove or rename the folder and write the config as a file of that name.`;
const aliasBomb = () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let level = 1; level < 9; level += 1) {
    const name = String.fromCharCode(97 + level);
    levels.push(
      `${name}: &${name} [${Array(9)
        .fill(`*${String.fromCharCode(96 + level)}`)
        .join(",")}]`,
    );
  }
  return `${levels.join("\n")}\nstore: { type: env }\n`;
};

const configRows: readonly ConfigRow[] = [
  // The file cannot be parsed: the reason in our words, never the text around it.
  {
    name: "a secret pasted after a | (a YAML block-scalar header)",
    files: { [config]: `store: { type: env }\nconsumer_secret: |${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) =>
      cannotParse(
        dir,
        "2:19",
        "a value starting with | or > begins a block of text, so nothing may follow it on the line (quote the value)",
      ),
  },
  {
    name: "a quoted value without its closing quote",
    files: { [config]: `store: { type: env }\nuser_agent: "${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => cannotParse(dir, "3:1", "a quoted value is missing its closing quote"),
  },
  {
    name: "indentation with a tab",
    files: { [config]: `store:\n\ttype: env\n# ${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => cannotParse(dir, "2:1", "a tab used for indentation (YAML indents with spaces)"),
  },
  {
    name: "the same key twice",
    files: { [config]: `store: { type: env }\nstore: { type: dotenv }\n# ${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => cannotParse(dir, "2:1", "a key given twice in the same map (keep one)"),
  },
  {
    name: "two YAML documents in one config",
    files: { [config]: `store: { type: env }\n---\nstore: { type: dotenv }\n` },
    code: "CONFIG_INVALID",
    message: (dir) =>
      cannotParse(dir, "2:1", "more than one YAML document (a --- line); a config is one document"),
  },
  {
    name: "an alias whose anchor is not defined",
    files: { [config]: "store: { type: env }\nuser_agent: *agent\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Cannot read the twauth config ${join(dir, config)}: an alias (*name) refers to an anchor (&name) the file does not define.`,
  },
  {
    name: "an alias bomb",
    files: { [config]: aliasBomb() },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Cannot read the twauth config ${join(dir, config)}: it expands too many YAML aliases (more than 100).`,
  },
  {
    name: "a package.json with a missing comma",
    files: { "package.json": `{\n  "name": "bot",\n  "token": "${SECRET}"\n  "twauth": {}\n}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => cannotParse(dir, "4:3", "a comma is missing between two entries", "package.json"),
  },
  {
    name: "a .twauthrc.json with an unclosed brace",
    files: { ".twauthrc.json": `{ "store": { "type": "env" }, "user_agent": "${SECRET}"\n` },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Cannot parse the twauth config:\n  ${join(dir, ".twauthrc.json")}:2:1: a closing quote, bracket or brace is missing`,
  },
  // Empty or shapeless files.
  {
    name: "an empty twauth.config.yaml",
    files: { [config]: "" },
    code: "CONFIG_INVALID",
    message: (dir) => `The twauth config ${join(dir, config)} is empty; it needs a "store:".`,
  },
  {
    name: "a config of comments only",
    files: { [config]: `# store: { type: env }\n# ${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => `The twauth config ${join(dir, config)} is empty; it needs a "store:".`,
  },
  {
    name: "package.json with twauth: null",
    files: { "package.json": '{ "name": "bot", "twauth": null }\n' },
    code: "CONFIG_INVALID",
    message: (dir) => `The twauth config ${join(dir, "package.json")} is empty; it needs a "store:".`,
  },
  {
    name: "a list instead of a map of settings",
    files: { [config]: "- store: env\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Invalid twauth config:\n  ${join(dir, config)}: expected a map of settings, e.g. store: { type: dotenv }`,
  },
  {
    name: "only a store name, as plain text",
    files: { [config]: "dotenv\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Invalid twauth config:\n  ${join(dir, config)}: expected a map of settings, e.g. store: { type: dotenv }`,
  },
  // Where the config is.
  {
    name: "a folder named twauth.config.yaml",
    files: { [config]: "directory" },
    code: "CONFIG_INVALID",
    message: (dir) => folderMessage(join(dir, config), "found while searching"),
  },
  {
    name: "a folder named .twauthrc",
    files: { ".twauthrc": "directory" },
    code: "CONFIG_INVALID",
    message: (dir) => folderMessage(join(dir, ".twauthrc"), "found while searching"),
  },
  {
    name: "configPath naming a file that does not exist",
    files: {},
    options: { configPath: "conf/twauth.yaml" },
    code: "CONFIG_NOT_FOUND",
    message: (dir) => `The twauth config file ${join(dir, "conf/twauth.yaml")} (configPath) does not exist.`,
  },
  {
    name: "TWAUTH_CONFIG naming a file that does not exist",
    files: {},
    options: { env: { TWAUTH_CONFIG: "missing.yaml" } },
    code: "CONFIG_NOT_FOUND",
    message: (dir) => `The twauth config file ${join(dir, "missing.yaml")} (TWAUTH_CONFIG) does not exist.`,
  },
  {
    name: "configPath naming a folder",
    files: { conf: "directory" },
    options: { configPath: "conf" },
    code: "CONFIG_INVALID",
    message: (dir) => folderMessage(join(dir, "conf"), "configPath"),
  },
  {
    name: "configPath naming a .cjs config without opting in",
    files: { "evil.cjs": "module.exports = { store: { type: 'env' } };\n" },
    options: { configPath: "evil.cjs" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `The twauth config ${join(dir, "evil.cjs")} (configPath) is JavaScript, and was not run: ${optInHint}.`,
  },
  {
    name: "TWAUTH_CONFIG naming an .mjs config without opting in",
    files: { "bot.mjs": "export default { store: { type: 'env' } };\n" },
    options: { env: { TWAUTH_CONFIG: "bot.mjs" } },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `The twauth config ${join(dir, "bot.mjs")} (TWAUTH_CONFIG) is JavaScript, and was not run: ${optInHint}.`,
  },
  {
    name: "configPath naming a .js config without opting in",
    files: { "twauth.config.js": "module.exports = { store: { type: 'env' } };\n" },
    options: { configPath: "twauth.config.js" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `The twauth config ${join(dir, "twauth.config.js")} (configPath) is JavaScript, and was not run: ${optInHint}.`,
  },
  {
    name: "only a twauth.config.mjs, without opting in",
    files: { "twauth.config.mjs": "export default { store: { type: 'env' } };\n" },
    code: "CONFIG_NOT_FOUND",
    message: (dir) =>
      `No twauth config found. Searched ${dir} for ${searched}. Found ${join(dir, "twauth.config.mjs")} but did not run it: ${optInHint}. Create twauth.config.yaml with a "store:" section, or pass a config path.`,
  },
  {
    name: "no config at all",
    files: {},
    code: "CONFIG_NOT_FOUND",
    message: (dir) =>
      `No twauth config found. Searched ${dir} for ${searched}. Create twauth.config.yaml with a "store:" section, or pass a config path.`,
  },
  {
    name: "cosmiconfig's $import, which twauth does not follow",
    files: { [config]: "$import: ./secrets.yaml\nstore: { type: env }\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "1:1", `$import: ${readme}`),
  },
  // The store section.
  {
    name: "no store",
    files: { [config]: "profile: bot\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "1:1",
        'store: is required: the secret store to load credentials from, e.g. "store: { type: dotenv }"',
      ),
  },
  {
    name: "store: dotenv, a string",
    files: { [config]: "store: dotenv\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "1:1",
        'store: expected a section naming the store\'s type: write "store: { type: dotenv }", or "type: dotenv" on its own line indented under "store:"',
      ),
  },
  {
    name: "store: vault, an unknown store as a string",
    files: { [config]: "store: vault\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "1:1",
        `store: expected a section naming the store's type (${storeTypes}): write "store: { type: dotenv }", or "type: dotenv" on its own line indented under "store:"`,
      ),
  },
  {
    name: "store: with nothing under it",
    files: { [config]: "store:\nprofile: bot\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "1:1",
        'store: expected a section naming the store\'s type, e.g. "store: { type: dotenv }"',
      ),
  },
  {
    name: "a store without a type",
    files: { [config]: "store:\n  path: .env\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "1:1", `store.type: is required: ${storeTypes}`),
  },
  {
    name: "a misspelt store type",
    files: { [config]: "store:\n  type: dotnev\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:3", `store.type: expected ${storeTypes}; did you mean dotenv?`),
  },
  {
    name: "a store type twauth does not have",
    files: { [config]: "store:\n  type: vault\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:3", `store.type: expected ${storeTypes}`),
  },
  {
    name: "a misspelt store option",
    files: { [config]: "store:\n  type: dotenv\n  paht: .env\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "3:3", "store.paht: unknown key; did you mean path?"),
  },
  {
    name: "an option the store does not have",
    files: { [config]: "store:\n  type: dotenv\n  encoding: latin1\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "3:3",
        "store.encoding: unknown key; the dotenv store's options are path, paths, override, prefix, max_bytes",
      ),
  },
  {
    name: "a path given to the env store",
    files: { [config]: "store:\n  type: env\n  path: .env\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "3:3", "store.path: unknown key; the env store's options are prefix"),
  },
  {
    name: "an ini store without its path",
    files: { [config]: "store:\n  type: ini\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "1:1",
        "store.path: is required: the ini file whose sections are profiles, relative to the config file",
      ),
  },
  {
    name: "an empty yaml store path",
    files: { [config]: 'store:\n  type: yaml\n  path: ""\n' },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "3:3", "store.path: expected a file path, relative to the config file"),
  },
  {
    name: "an empty dotenv paths list",
    files: { [config]: "store:\n  type: dotenv\n  paths: []\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(dir, "3:3", "store.paths: expected a list of 1 to 64 file paths, relative to the config file"),
  },
  {
    name: "override: yes in quotes",
    files: { [config]: 'store:\n  type: dotenv\n  override: "yes"\n' },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "3:3", "store.override: expected true or false"),
  },
  {
    name: "max_bytes: 0",
    files: { [config]: "store:\n  type: ini\n  path: c.ini\n  max_bytes: 0\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "4:3", "store.max_bytes: expected a whole number from 1 to 16777216"),
  },
  {
    name: "max_bytes with a unit",
    files: { [config]: "store:\n  type: yaml\n  path: c.yaml\n  max_bytes: 1MB\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "4:3", "store.max_bytes: expected a whole number from 1 to 16777216"),
  },
  {
    name: "a negative max_alias_count",
    files: { [config]: "store:\n  type: yaml\n  path: c.yaml\n  max_alias_count: -1\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "4:3", "store.max_alias_count: expected a whole number from 0 to 10000"),
  },
  {
    name: "a prefix that is a number",
    files: { [config]: "store:\n  type: env\n  prefix: 123\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "3:3", "store.prefix: expected a non-empty string"),
  },
  {
    name: "a store option in both spellings",
    files: { [config]: "store:\n  type: ini\n  path: c.ini\n  max_bytes: 10\n  maxBytes: 20\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "5:3", "store.maxBytes: set twice, as max_bytes and maxBytes; keep one"),
  },
  // Connection options.
  {
    name: "wait_on_rate_limt, misspelt",
    files: { [config]: "store: { type: env }\nwait_on_rate_limt: true\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(dir, "2:1", "wait_on_rate_limt: unknown key; did you mean wait_on_rate_limit?"),
  },
  {
    name: "retyCount, misspelt in camelCase",
    files: { [config]: "store: { type: env }\nretyCount: 2\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", "retyCount: unknown key; did you mean retryCount?"),
  },
  {
    name: "a key that is nothing like an option",
    files: { [config]: "store: { type: env }\nlog_level: debug\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", `log_level: ${readme}`),
  },
  {
    name: "the consumer secret in the config file",
    files: { [config]: `store: { type: env }\nconsumer_secret: ${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", `consumer_secret: ${credentialInConfig}`),
  },
  {
    name: "a bearer token in the config file",
    files: { [config]: `store: { type: env }\nbearer_token: AAAA${SECRET}\n` },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", `bearer_token: ${credentialInConfig}`),
  },
  {
    name: "retry_count: three",
    files: { [config]: "store: { type: env }\nretry_count: three\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", "retry_count: expected a whole number from 0 to 100"),
  },
  {
    name: "429 among retry_errors",
    files: { [config]: "store: { type: env }\nretry_errors: [429, 503]\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "2:1",
        "retry_errors: expected a list of HTTP statuses from 400 to 599, without 429 (waitOnRateLimit handles 429)",
      ),
  },
  {
    name: "a method that is not HTTP's",
    files: { [config]: "store: { type: env }\nretry_methods: [GET, FETCH]\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "2:1",
        "retry_methods: expected a list of HTTP methods (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)",
      ),
  },
  {
    name: "timeout: soon",
    files: { [config]: "store: { type: env }\ntimeout: soon\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(
        dir,
        "2:1",
        'timeout: expected a duration: seconds as a number (0 disables it), or a string such as "10s"',
      ),
  },
  {
    name: "a plain-http base_url that is not loopback",
    files: { [config]: "store: { type: env }\nbase_url: http://api.example.com\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", `base_url: expected ${baseUrlRule}`),
  },
  {
    name: "a base_url carrying a password",
    files: { [config]: `store: { type: env }\nbase_url: https://bot:${SECRET}@api.x.com\n` },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", `base_url: expected ${baseUrlRule}`),
  },
  {
    name: "auth: bearer, not a token type twauth names",
    files: { [config]: "store: { type: env }\nauth: bearer\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", 'auth: expected one of "user", "app", "oauth2-user"'),
  },
  {
    name: "an empty profile",
    files: { [config]: 'store: { type: env }\nprofile: ""\n' },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", "profile: expected a non-empty string, the store profile to use"),
  },
  {
    name: "wait_on_rate_limit in both spellings",
    files: { [config]: "store: { type: env }\nwait_on_rate_limit: true\nwaitOnRateLimit: false\n" },
    code: "CONFIG_INVALID",
    message: (dir) =>
      inConfig(dir, "3:1", "waitOnRateLimit: set twice, as wait_on_rate_limit and waitOnRateLimit; keep one"),
  },
  {
    name: "max_rate_limit_waits: 1000",
    files: { [config]: "store: { type: env }\nmax_rate_limit_waits: 1000\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", "max_rate_limit_waits: expected a whole number from 0 to 100"),
  },
  {
    name: "wait_on_rate_limit: sometimes",
    files: { [config]: "store: { type: env }\nwait_on_rate_limit: sometimes\n" },
    code: "CONFIG_INVALID",
    message: (dir) => inConfig(dir, "2:1", "wait_on_rate_limit: expected true or false"),
  },
  {
    name: "a settings key inside package.json#twauth misspelt",
    files: { "package.json": '{\n  "twauth": { "store": { "type": "env" }, "retryCont": 2 }\n}\n' },
    code: "CONFIG_INVALID",
    message: (dir) =>
      `Invalid twauth config:\n  ${join(dir, "package.json")}:2:43: retryCont: unknown key; did you mean retryCount?`,
  },
  // The environment.
  {
    name: "TWAUTH_BASE_URL that is not a URL",
    files: { [config]: "store: { type: env }\n" },
    options: { env: { TWAUTH_BASE_URL: "localhost:8787" } },
    code: "CONFIG_INVALID",
    message: () => `TWAUTH_BASE_URL: expected ${baseUrlRule}; fix or unset the variable.`,
  },
  {
    name: "TWAUTH_BASE_URL over plain http to another host",
    files: { [config]: "store: { type: env }\n" },
    options: { env: { TWAUTH_BASE_URL: `http://bot:${SECRET}@api.example.com` } },
    code: "CONFIG_INVALID",
    message: () => `TWAUTH_BASE_URL: expected ${baseUrlRule}; fix or unset the variable.`,
  },
];

const searched = configSearchPlaces
  .map((place) => (place === "package.json" ? "package.json#twauth" : place))
  .join(", ");

let projects = 0;
function project(files: Files): string {
  const dir = join(root, `p${projects++}`);
  mkdirSync(dir);
  if (!("package.json" in files)) writeFileSync(join(dir, "package.json"), "{}");
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    if (text === "directory") mkdirSync(path, { recursive: true });
    else writeFileSync(path, text, { mode: 0o600 });
  }
  return dir;
}

function expectNoSecret(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(encodeURIComponent(SECRET));
  }
}

describe("config mistakes: code, message and no secret", () => {
  it.each(configRows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const dir = project(row.files);
    const error = await loadConfig({ cwd: dir, env: {}, ...row.options }).then(
      () => undefined,
      (caught: unknown) => caught as Error & { code: string },
    );
    expect(error, "expected loadConfig to fail").toBeDefined();
    expect({ code: error?.code, message: error?.message }).toEqual({
      code: row.code,
      message: row.message(dir),
    });
    expectNoSecret(error?.message ?? "", inspect(error, { depth: 6 }), JSON.stringify(error));
  });
});

interface CliRow {
  /** What the person typed wrong. */
  readonly name: string;
  readonly args: readonly string[];
  readonly files?: Files;
  readonly env?: Readonly<Record<string, string>>;
  readonly exitCode: number;
  /** The exact stderr, given the project folder. */
  readonly stderr: (dir: string) => string;
}

const usage = (message: string, command?: string) =>
  `twauth: ${message}\nRun "twauth${command === undefined ? "" : ` ${command}`} --help" for usage.\n`;
const envConfig = { [config]: "store: { type: env }\n" };
const commandList = "verify, login, logout, token, doctor, request, limits, usage, emulator";

const cliRows: readonly CliRow[] = [
  {
    name: "a misspelt command",
    args: ["verfy"],
    exitCode: 1,
    stderr: () => usage(`unknown command "verfy"; did you mean verify? the commands are ${commandList}.`),
  },
  {
    name: "a command twauth does not have",
    args: ["whoami"],
    exitCode: 1,
    stderr: () => usage(`unknown command "whoami"; the commands are ${commandList}.`),
  },
  {
    name: "a misspelt option",
    args: ["verify", "--jsno"],
    exitCode: 1,
    stderr: () => usage("unknown option --jsno for verify; did you mean --json?", "verify"),
  },
  {
    name: "--profile without its name",
    args: ["verify", "--profile"],
    exitCode: 1,
    stderr: () => usage("--profile needs a value, e.g. --profile bot2.", "verify"),
  },
  {
    name: "a request path without its leading slash",
    args: ["request", "GET", "2/users/me"],
    files: envConfig,
    exitCode: 1,
    stderr: () => usage('the path must start with / (e.g. /2/users/me), got "2/users/me".', "request"),
  },
  {
    name: "a method HTTP does not have",
    args: ["request", "FETCH", "/2/users/me"],
    files: envConfig,
    exitCode: 1,
    stderr: () =>
      usage(
        'the method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got "FETCH".',
        "request",
      ),
  },
  {
    name: "a JSON body and a form body together",
    args: ["request", "POST", "/2/tweets", "--json-body", "{}", "--form", "a=b"],
    files: envConfig,
    exitCode: 1,
    stderr: () => usage("give --json-body or --form, not both: a request has one body.", "request"),
  },
  {
    name: "a callback URL that is not loopback",
    args: ["login", "--callback", "https://example.com/cb"],
    files: envConfig,
    exitCode: 1,
    stderr: () =>
      usage(
        '--callback must be a loopback http URL such as http://127.0.0.1:3000/callback (the temporary server listens only on this machine), got "https://example.com/cb".',
        "login",
      ),
  },
  {
    name: "an access type X does not have",
    args: ["login", "--access-type", "admin"],
    files: envConfig,
    exitCode: 1,
    stderr: () => usage('--access-type must be read or write, got "admin".', "login"),
  },
  {
    name: "a login timeout that is not a number",
    args: ["login", "--timeout", "abc"],
    files: envConfig,
    exitCode: 1,
    stderr: () => usage('--timeout takes a number of seconds greater than 0, got "abc".', "login"),
  },
  {
    name: "twauth login with the read-only env store",
    args: ["login"],
    files: envConfig,
    exitCode: 2,
    stderr: (dir) =>
      `twauth: twauth login saves the access token and secret to the store, but the env store (environment variables) is read-only. Configure a file store in ${join(dir, config)} (store: { type: dotenv, path: .env }, or ini or yaml) and run twauth login again; twauth never prints the tokens instead.\n`,
  },
  {
    name: "--config naming a script",
    args: ["verify", "--config", "evil.cjs"],
    files: { "evil.cjs": `module.exports = { store: { type: "env" }, user_agent: "${SECRET}" };\n` },
    exitCode: 2,
    stderr: (dir) =>
      `twauth: The twauth config ${join(dir, "evil.cjs")} (--config) is JavaScript, and was not run: ${optInHint}.\n`,
  },
  {
    name: "--config naming a folder",
    args: ["verify", "--config", "conf"],
    files: { conf: "directory" },
    exitCode: 2,
    stderr: (dir) => `twauth: ${folderMessage(join(dir, "conf"), "--config")}\n`,
  },
  {
    name: "a broken package.json in the working folder",
    args: ["verify"],
    files: { "package.json": `{\n  "name": "bot",\n  "token": "${SECRET}"\n  "scripts": {}\n}\n` },
    exitCode: 2,
    stderr: (dir) =>
      `twauth: ${cannotParse(dir, "4:3", "a comma is missing between two entries", "package.json")}\n`,
  },
  {
    name: "a misspelt config key, through the CLI",
    args: ["verify"],
    files: { [config]: "store: { type: env }\nwait_on_rate_limt: true\n" },
    exitCode: 2,
    stderr: (dir) =>
      `twauth: ${inConfig(dir, "2:1", "wait_on_rate_limt: unknown key; did you mean wait_on_rate_limit?")}\n`,
  },
  {
    name: "a bad TWAUTH_BASE_URL, through the CLI",
    args: ["verify"],
    files: envConfig,
    env: { TWAUTH_BASE_URL: "ftp://127.0.0.1" },
    exitCode: 2,
    stderr: () => `twauth: TWAUTH_BASE_URL: expected ${baseUrlRule}; fix or unset the variable.\n`,
  },
];

function runBin(args: readonly string[], cwd: string, env: Readonly<Record<string, string>> = {}) {
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [twauthBin, ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
    child.once("error", reject);
    child.once("close", (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, stdout, stderr });
    });
  });
}

describe("twauth command-line mistakes: exit code, message and no secret", () => {
  it.each(cliRows.map((row) => [row.name, row] as const))("%s", async (_name, row) => {
    const dir = project(row.files ?? {});
    const run = await runBin(row.args, dir, row.env);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({
      exitCode: row.exitCode,
      stderr: row.stderr(dir),
    });
    expectNoSecret(run.stdout, run.stderr);
  });
});
