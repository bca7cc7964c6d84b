import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/load-config.js";
import { failure, useTempFolder } from "./support/temp-folder.js";

const folder = useTempFolder("twauth-config-");

const noEnv = {};

describe("loadConfig: finding the file", () => {
  it("finds twauth.config.yaml in the starting folder and makes store paths absolute", async () => {
    folder.write("package.json", "{}");
    const file = folder.write("twauth.config.yaml", "store:\n  type: dotenv\n  path: secrets/.env\n");
    const { filepath, config } = await loadConfig({ cwd: folder.root, env: noEnv });
    expect(filepath).toBe(file);
    expect(config).toEqual({
      store: { type: "dotenv", path: join(folder.root, "secrets/.env") },
      profile: "default",
    });
  });

  it("searches upwards from cwd and stops at the nearest package.json's folder", async () => {
    folder.write("package.json", "{}");
    folder.write(".twauthrc", "store: { type: env }\n");
    mkdirSync(join(folder.root, "src/deep"), { recursive: true });
    const { filepath } = await loadConfig({ cwd: join(folder.root, "src/deep"), env: noEnv });
    expect(filepath).toBe(join(folder.root, ".twauthrc"));

    folder.write("app/package.json", "{}");
    const { code, message } = await failure(loadConfig({ cwd: join(folder.root, "app"), env: noEnv }));
    expect(code).toBe("CONFIG_NOT_FOUND");
    expect(message).toBe(
      `No twauth config found. Searched ${join(folder.root, "app")} for package.json#twauth, .twauthrc, .twauthrc.json, .twauthrc.yaml, .twauthrc.yml, .config/twauthrc, .config/twauthrc.json, .config/twauthrc.yaml, .config/twauthrc.yml, twauth.config.json, twauth.config.yaml, twauth.config.yml. Create twauth.config.yaml with a "store:" section, or pass a config path.`,
    );
  });

  it("reads the twauth key of package.json", async () => {
    folder.write(
      "package.json",
      JSON.stringify({ name: "bot", twauth: { store: { type: "env", prefix: "BOT_" } } }),
    );
    const { config } = await loadConfig({ cwd: folder.root, env: noEnv });
    expect(config.store).toEqual({ type: "env", prefix: "BOT_" });
  });

  it("reads .config/twauthrc.yml and .twauthrc.json", async () => {
    folder.write("package.json", "{}");
    folder.write(".config/twauthrc.yml", "store:\n  type: ini\n  path: ../creds.ini\n");
    expect((await loadConfig({ cwd: folder.root, env: noEnv })).config.store).toEqual({
      type: "ini",
      path: join(folder.root, "creds.ini"),
    });
    folder.write(".twauthrc.json", '{ "store": { "type": "yaml", "path": "x.yaml", "key": "twitter" } }');
    expect((await loadConfig({ cwd: folder.root, env: noEnv })).filepath).toBe(
      join(folder.root, ".twauthrc.json"),
    );
  });

  it("loads an explicit config path, and TWAUTH_CONFIG when no path is given", async () => {
    folder.write("package.json", "{}");
    folder.write("twauth.config.yaml", "store: { type: env }\n");
    const other = folder.write("elsewhere/bot.yaml", "store: { type: env, prefix: OTHER_ }\n");
    expect(
      (await loadConfig({ cwd: folder.root, configPath: "elsewhere/bot.yaml", env: noEnv })).filepath,
    ).toBe(other);
    expect((await loadConfig({ cwd: folder.root, env: { TWAUTH_CONFIG: other } })).filepath).toBe(other);
    const { code, message } = await failure(
      loadConfig({ cwd: folder.root, configPath: "nope.yaml", env: noEnv }),
    );
    expect(code).toBe("CONFIG_NOT_FOUND");
    expect(message).toBe(
      `The twauth config file ${join(folder.root, "nope.yaml")} (configPath) does not exist.`,
    );
  });

  it("runs an executable config only when the caller opts in", async () => {
    folder.write("package.json", '{ "type": "module" }');
    folder.write("twauth.config.mjs", 'export default { store: { type: "env" }, retryCount: 2 };\n');
    const { code } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_NOT_FOUND");
    const { config } = await loadConfig({ cwd: folder.root, env: noEnv, allowExecutable: true });
    expect(config.retryCount).toBe(2);
  });
});

describe("loadConfig: precedence", () => {
  beforeEach(() => {
    folder.write("package.json", "{}");
    folder.write(
      "twauth.config.yaml",
      "store: { type: env }\nprofile: from-file\nbaseUrl: https://file.example\n",
    );
  });

  it("takes explicit arguments over TWAUTH_* variables over the file", async () => {
    const env = { TWAUTH_PROFILE: "from-env", TWAUTH_BASE_URL: "http://127.0.0.1:9" };
    expect((await loadConfig({ cwd: folder.root, env, profile: "explicit" })).config.profile).toBe(
      "explicit",
    );
    const fromEnv = (await loadConfig({ cwd: folder.root, env })).config;
    expect([fromEnv.profile, fromEnv.baseUrl]).toEqual(["from-env", "http://127.0.0.1:9"]);
    const fromFile = (await loadConfig({ cwd: folder.root, env: noEnv })).config;
    expect([fromFile.profile, fromFile.baseUrl]).toEqual(["from-file", "https://file.example"]);
  });

  it("falls back to the default profile", async () => {
    folder.write("twauth.config.yaml", "store: { type: env }\n");
    expect((await loadConfig({ cwd: folder.root, env: noEnv })).config.profile).toBe("default");
  });
});

describe("loadConfig: options in the seed's snake_case or camelCase", () => {
  it("accepts retry_count, retry_delay, retry_errors and wait_on_rate_limit", async () => {
    folder.write("package.json", "{}");
    folder.write(
      "twauth.config.yaml",
      "store: { type: env }\nretry_count: 3\nretry_delay: 5\nretry_errors: [401, 404, 500, 503]\nwait_on_rate_limit: true\ntimeout: 2.5s\n",
    );
    const { config } = await loadConfig({ cwd: folder.root, env: noEnv });
    expect(config).toMatchObject({
      retryCount: 3,
      retryDelay: 5,
      retryErrors: [401, 404, 500, 503],
      waitOnRateLimit: true,
      timeout: "2.5s",
    });
  });
});

describe("loadConfig: bad files get one error listing every problem with line:column", () => {
  it("reports every invalid key at once, in the spelling the file used", async () => {
    folder.write("package.json", "{}");
    const file = folder.write(
      "twauth.config.yaml",
      [
        "store:",
        "  type: dotenv",
        "  paht: .env",
        "retry_count: three",
        "retryErrors: [500, 700]",
        "timeout: soon",
        "wait_on_rate_limit: true",
        "waitOnRateLimit: false",
        "",
      ].join("\n"),
    );
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      [
        "Invalid twauth config:",
        `  ${file}:3:3: store.paht: unknown key; did you mean path?`,
        `  ${file}:4:1: retry_count: expected a whole number from 0 to 100`,
        `  ${file}:5:1: retryErrors: expected a list of HTTP statuses from 400 to 599, without 429 (waitOnRateLimit handles 429)`,
        `  ${file}:6:1: timeout: expected a duration: seconds as a number (0 disables it), or a string such as "10s"`,
        `  ${file}:8:1: waitOnRateLimit: set twice, as wait_on_rate_limit and waitOnRateLimit; keep one`,
      ].join("\n"),
    );
    expect(error).toMatchObject({ file, line: 3, column: 3 });
  });

  it("names the allowed store types when the type is unknown", async () => {
    folder.write("package.json", "{}");
    const file = folder.write("twauth.config.yml", "store:\n  type: vault\n");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:2:3: store.type: expected one of env, dotenv, ini, yaml, aws-secrets-manager`,
    );
  });

  it("requires a store", async () => {
    folder.write("package.json", "{}");
    const file = folder.write("twauth.config.yaml", "profile: bot\n");
    const { message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:1:1: store: is required: the secret store to load credentials from, e.g. "store: { type: dotenv }"`,
    );
  });

  it("points into package.json#twauth", async () => {
    const file = folder.write(
      "package.json",
      '{\n  "name": "bot",\n  "twauth": {\n    "store": { "type": "env", "prefx": "A_" }\n  }\n}\n',
    );
    const { message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(message).toBe(
      `Invalid twauth config:\n  ${file}:4:31: store.prefx: unknown key; did you mean prefix?`,
    );
  });

  it("reports a YAML syntax error with line:column and without quoting the file", async () => {
    folder.write("package.json", "{}");
    const secret = "AAAAsecretbearer";
    const file = folder.write("twauth.config.yaml", `store:\n  type: env\n bearer: "${secret}\n`);
    const { code, message, error } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toMatch(new RegExp(`^Cannot parse the twauth config:\\n  ${file}:3:\\d+: `));
    expect(message).not.toContain(secret);
    expect(inspect(error)).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
  });

  it("rejects an empty file", async () => {
    folder.write("package.json", "{}");
    const file = folder.write("twauth.config.yaml", "");
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(`The twauth config ${file} is empty; it needs a "store:".`);
  });

  it("stops an alias bomb quickly with a clear error", async () => {
    folder.write("package.json", "{}");
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level < 9; level += 1) {
      const previous = String.fromCharCode(96 + level);
      const name = String.fromCharCode(97 + level);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    const file = folder.write("twauth.config.yaml", `${levels.join("\n")}\nstore: { type: env }\n`);
    const { code, message } = await failure(loadConfig({ cwd: folder.root, env: noEnv }));
    expect(code).toBe("CONFIG_INVALID");
    expect(message).toBe(
      `Cannot read the twauth config ${file}: it expands too many YAML aliases (more than 100).`,
    );
  });
});
