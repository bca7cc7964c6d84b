import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { storeDescription as awsDescription } from "../../store-aws-secrets-manager/src/store-description.js";
import { storeDescription as dotenvDescription } from "../../store-dotenv/src/store-description.js";
import { storeDescription as yamlDescription } from "../../store-yaml/src/store-description.js";
import { loadConfig } from "../src/load-config.js";
import { validateConfig } from "../src/validate-config.js";
import { failure, useTempFolder } from "./support/temp-folder.js";

const folder = useTempFolder("twauth-config-mistakes-");
beforeEach(() => {
  folder.write("package.json", "{}");
});

const secret = "CSsecretValue9Qx";
const noEnv = {};
/** A config that, if anything ran it, would leave a marker file behind. */
const marker = () => join(folder.root, "ran.txt");
const evilConfig = () =>
  `require("node:fs").writeFileSync(${JSON.stringify(marker())}, "ran"); module.exports = { store: { type: "env" } };\n`;

function expectNoSecret(message: string, error: unknown) {
  expect(message).not.toContain(secret);
  expect(inspect(error, { depth: 5 })).not.toContain(secret);
  expect(JSON.stringify(error)).not.toContain(secret);
}

describe("config parse errors say the parser's reason in our words and never quote the file", () => {
  it("explains a value starting with | without quoting it", async () => {
    const file = folder.write("twauth.config.yaml", `store: { type: env }\nconsumer_secret: |${secret}\n`);
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Cannot parse the twauth config:\n  ${file}:2:19: a value starting with | or > begins a block of text, so nothing may follow it on the line (quote the value)`,
    );
    expectNoSecret(message, error);
  });

  it("names a missing closing quote and its position, not the quoted text", async () => {
    const file = folder.write("twauth.config.yaml", `store: { type: env }\nuser_agent: "${secret}\n`);
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    // The parser notices the missing quote where the file ends, on line 3.
    expect(message).toBe(
      `Cannot parse the twauth config:\n  ${file}:3:1: a quoted value is missing its closing quote`,
    );
    expectNoSecret(message, error);
  });

  it("lists at most five problems of a deeply broken file", async () => {
    const file = folder.write("twauth.config.yaml", `store:\n  ${"[".repeat(3000)}\n`);
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    const lines = message.split("\n");
    expect(lines[0]).toBe("Cannot parse the twauth config:");
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(
      new RegExp(`^  ${file}:2:\\d+: more nesting or expansion than a config file needs$`),
    );
    expect(lines[6]).toMatch(/^ {2}and \d+ more$/);
  });

  it("reports an alias without its anchor as that, not as too many aliases", async () => {
    const file = folder.write("twauth.config.yaml", "store: { type: env }\nuser_agent: *agent\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Cannot read the twauth config ${file}: an alias (*name) refers to an anchor (&name) the file does not define.`,
    );
  });

  it("makes a broken package.json CONFIG_INVALID with line:column and no code frame", async () => {
    const file = folder.write(
      "package.json",
      `{\n  "name": "bot",\n  "twauth": { "store": { "type": "env" } \n  "secret": "${secret}"\n}\n`,
    );
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toMatch(new RegExp(`^Cannot parse the twauth config:\\n  ${file}:4:3: `));
    expect(message).not.toContain(">");
    expectNoSecret(message, error);
  });
});

describe("an executable config runs only when the caller opts in, and is never skipped silently", () => {
  it("refuses an explicit configPath to a .cjs file with CONFIG_INVALID, without running it", async () => {
    const file = folder.write("evil.cjs", evilConfig());
    const { code, message } = await failure(
      loadConfig({ cwd: folder.root, env: noEnv, configPath: "evil.cjs" }),
    );
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `The twauth config ${file} (configPath) is JavaScript, and was not run: executable configs run code, so twauth runs one only when asked: pass allowExecutable: true to loadConfig() or connect() (twauth CLI: --allow-executable-config), or write the settings as twauth.config.yaml.`,
    );
    expect(existsSync(marker())).toBe(false);
  });

  it("refuses TWAUTH_CONFIG naming an .mjs file, naming the variable", async () => {
    const file = folder.write("evil.mjs", "export default { store: { type: 'env' } };\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: { TWAUTH_CONFIG: file } }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toMatch(
      new RegExp(`^The twauth config ${file} \\(TWAUTH_CONFIG\\) is JavaScript, and was not run: `),
    );
  });

  it("runs an explicit .cjs config when allowExecutable is true", async () => {
    folder.write("evil.cjs", evilConfig());
    const { config } = await loadConfig({
      cwd: folder.root,
      env: noEnv,
      configPath: "evil.cjs",
      allowExecutable: true,
    });
    expect(config.store).toEqual({ type: "env" });
    expect(existsSync(marker())).toBe(true);
  });

  it("says why the search passed over twauth.config.mjs", async () => {
    const file = folder.write("twauth.config.mjs", "export default { store: { type: 'env' } };\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_NOT_FOUND");
    expect(message).toContain(
      `. Found ${file} but did not run it: executable configs run code, so twauth runs one only when asked: pass allowExecutable: true`,
    );
  });

  it("does not follow cosmiconfig's $import to a script", async () => {
    const file = folder.write("twauth.config.yaml", "$import: ./evil.cjs\nstore: { type: env }\n");
    folder.write("evil.cjs", evilConfig());
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:1:1: $import: unknown key; check its spelling against the README's table of options`,
    );
    expect(existsSync(marker())).toBe(false);
  });
});

describe("a folder where the config file should be", () => {
  it("reports a folder named twauth.config.yaml as a folder, not as no config", async () => {
    mkdirSync(join(folder.root, "twauth.config.yaml"));
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `${join(folder.root, "twauth.config.yaml")} (found while searching) is a folder, not a twauth config file; remove or rename the folder and write the config as a file of that name.`,
    );
  });

  it("reports an explicit --config path that is a folder", async () => {
    mkdirSync(join(folder.root, "conf"));
    const { code, message } = await failure(
      loadConfig({ cwd: folder.root, env: noEnv, configPath: "conf", configPathSource: "--config" }),
    );
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `${join(folder.root, "conf")} (--config) is a folder, not a twauth config file; remove or rename the folder and write the config as a file of that name.`,
    );
  });
});

describe("the store section comes from the store's own description", () => {
  it("accepts every option the ini and yaml stores have, max_bytes and max_alias_count included", async () => {
    folder.write(
      "twauth.config.yaml",
      "store:\n  type: yaml\n  path: creds.yaml\n  max_bytes: 65536\n  max_alias_count: 0\n",
    );
    const { config, storeFiles } = await loadConfig({ cwd: folder.root, env: noEnv });
    expect(config.store).toEqual({
      type: "yaml",
      path: join(folder.root, "creds.yaml"),
      maxBytes: 65536,
      maxAliasCount: 0,
    });
    expect(storeFiles).toEqual([join(folder.root, "creds.yaml")]);
  });

  it("gives a dotenv store the .env beside the config file, and resolves paths lists", async () => {
    folder.write("twauth.config.yaml", "store: { type: dotenv }\n");
    expect((await loadConfig({ cwd: folder.root, env: noEnv })).config.store).toEqual({
      type: "dotenv",
      path: join(folder.root, ".env"),
    });
    folder.write("twauth.config.yaml", "store: { type: dotenv, paths: [.env, /etc/bot/.env.local] }\n");
    const { config, storeFiles } = await loadConfig({ cwd: folder.root, env: noEnv });
    expect(config.store).toEqual({
      type: "dotenv",
      paths: [join(folder.root, ".env"), "/etc/bot/.env.local"],
    });
    expect(storeFiles).toEqual([join(folder.root, ".env"), "/etc/bot/.env.local"]);
  });

  it("bounds store options by the description", async () => {
    const file = folder.write("twauth.config.yaml", "store:\n  type: ini\n  path: c.ini\n  max_bytes: 0\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:4:3: store.max_bytes: expected a whole number from 1 to 16777216`,
    );
  });

  it("says what to write when store is a string", async () => {
    const file = folder.write("twauth.config.yaml", "store: dotenv\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:1:1: store: expected a section naming the store's type: write "store: { type: dotenv }", or "type: dotenv" on its own line indented under "store:"`,
    );
  });

  it("suggests the store type closest to a misspelt one", async () => {
    const file = folder.write("twauth.config.yaml", "store:\n  type: dotnev\n");
    const { message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:2:3: store.type: expected one of env, dotenv, ini, yaml, aws-secrets-manager; did you mean dotenv?`,
    );
  });

  it("lists the store's options, in the file's style, when a key is not close to any", async () => {
    const file = folder.write(
      "twauth.config.yaml",
      "store:\n  type: dotenv\n  max_bytes: 10\n  encoding: utf8\n",
    );
    const { message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:4:3: store.encoding: unknown key; the dotenv store's options are path, paths, override, prefix, max_bytes`,
    );
  });

  // The AWS store is deliberately not a dependency of @twauth/config (its SDK is heavy), so these
  // tests hand validateConfig the AWS store's real description instead of importing the package.
  const aws = { describeStore: async () => awsDescription };

  it("says what to write when an AWS store has no secret_id, in the file's snake_case", async () => {
    const filepath = "/app/twauth.config.yaml";
    const text = "store:\n  type: aws-secrets-manager\n  max_age: 1m\n";
    const { code, message } = await failure(
      validateConfig(
        { store: { type: "aws-secrets-manager", max_age: "1m" } },
        { filepath, text, keyPrefix: [], ...aws },
      ),
    );
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Invalid twauth config:\n  ${filepath}:1:1: store.secret_id: is required: the secret's name or ARN ("prod/x-bot"), one with a {profile} placeholder, or a map of profile to secret`,
    );
  });

  it("validates the AWS max_age as a duration and keeps profile names in a secret_id map as written", async () => {
    const filepath = "/app/twauth.config.yaml";
    const text = "store:\n  type: aws-secrets-manager\n  secret_id: { my_bot: prod/x }\n  max_age: 2 days\n";
    const raw = {
      store: { type: "aws-secrets-manager", secret_id: { my_bot: "prod/x" }, max_age: "2 days" },
    };
    const { message } = await failure(validateConfig(raw, { filepath, text, keyPrefix: [], ...aws }));
    expect(message).toBe(
      `Invalid twauth config:\n  ${filepath}:4:3: store.max_age: expected a duration: seconds as a number, or a string such as "30s" or "5m", at most 86400 seconds`,
    );
    raw.store.max_age = "90s";
    const { file } = await validateConfig(raw, { filepath, text, keyPrefix: [], ...aws });
    expect(file.store).toEqual({
      type: "aws-secrets-manager",
      secretId: { my_bot: "prod/x" },
      maxAge: "90s",
    });
  });

  it("accepts an option a store adds to its description, with no change to config", async () => {
    const grown = {
      ...yamlDescription,
      options: [
        ...yamlDescription.options,
        { name: "watchChanges", kind: "boolean" as const, description: "reload on change" },
      ],
    };
    const text = "store:\n  type: yaml\n  path: c.yaml\n  watch_changes: true\n";
    const raw = { store: { type: "yaml", path: "c.yaml", watch_changes: true } };
    const { file } = await validateConfig(raw, {
      filepath: "/app/twauth.config.yaml",
      text,
      keyPrefix: [],
      describeStore: async () => grown,
    });
    expect(file.store).toEqual({ type: "yaml", path: "c.yaml", watchChanges: true });
  });

  it("describes the defaults the stores really apply", () => {
    const defaults = (options: readonly { name: string; default?: unknown }[]) =>
      Object.fromEntries(
        options
          .filter((option) => option.default !== undefined)
          .map((option) => [option.name, option.default]),
      );
    expect(defaults(dotenvDescription.options)).toEqual({
      path: ".env",
      override: true,
      maxBytes: 1024 * 1024,
    });
    expect(defaults(yamlDescription.options)).toEqual({ maxBytes: 1024 * 1024, maxAliasCount: 100 });
    expect(defaults(awsDescription.options)).toEqual({ maxAge: "5m" });
  });
});

describe("did you mean, and names in the user's words", () => {
  it("suggests wait_on_rate_limit for wait_on_rate_limt, spelt as the file spells it", async () => {
    const file = folder.write(
      "twauth.config.yaml",
      "store: { type: env }\nwait_on_rate_limt: true\nretyCount: 2\n",
    );
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      [
        "Invalid twauth config:",
        `  ${file}:2:1: wait_on_rate_limt: unknown key; did you mean wait_on_rate_limit?`,
        `  ${file}:3:1: retyCount: unknown key; did you mean retryCount?`,
      ].join("\n"),
    );
    expect(error).toMatchObject({ keys: ["wait_on_rate_limt", "retyCount"], line: 2, column: 1 });
  });

  it("names a bad setting as written in the file", async () => {
    const file = folder.write("twauth.config.yaml", "store: { type: env }\nwait_on_rate_limit: sometimes\n");
    const { message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(message).toBe(`Invalid twauth config:\n  ${file}:2:1: wait_on_rate_limit: expected true or false`);
    expect(error).toMatchObject({ keys: ["wait_on_rate_limit"] });
  });

  it("names a bad TWAUTH_BASE_URL as the variable, not as baseUrl", async () => {
    folder.write("twauth.config.yaml", "store: { type: env }\n");
    const { code, message, error } = await failure(
      loadConfig({ cwd: folder.root, env: { TWAUTH_BASE_URL: "http://api.example.invalid" } }),
    );
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      'TWAUTH_BASE_URL: expected an https:// origin such as "https://api.x.com" (http:// only for localhost, 127.0.0.1 or [::1]); fix or unset the variable.',
    );
    expect(error).toMatchObject({ keys: ["TWAUTH_BASE_URL"] });
  });
});
