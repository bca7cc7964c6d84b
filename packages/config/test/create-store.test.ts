import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStore } from "../src/create-store.js";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "twauth-create-store-"));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe("createStore", () => {
  it("imports the named store's package and passes it the config's options", async () => {
    const path = join(root, ".env");
    writeFileSync(path, "BEARER_TOKEN=AAAA\n", { mode: 0o600 });
    const store = await createStore({ type: "dotenv", path }, { onWarning: () => {} });
    expect([store.kind, store.source]).toEqual(["dotenv", path]);
    expect(await store.load()).toEqual({ BEARER_TOKEN: "AAAA" });
  });

  it("creates each installed store type", async () => {
    const ini = join(root, "creds.ini");
    const yaml = join(root, "creds.yaml");
    writeFileSync(ini, "[default]\nbearer_token = AAAA\n", { mode: 0o600 });
    writeFileSync(yaml, "default:\n  bearer_token: AAAA\n", { mode: 0o600 });
    const quiet = { onWarning: () => {} };
    expect((await createStore({ type: "env" }, quiet)).kind).toBe("env");
    expect(await (await createStore({ type: "ini", path: ini }, quiet)).load()).toEqual({
      bearer_token: "AAAA",
    });
    expect(await (await createStore({ type: "yaml", path: yaml }, quiet)).load()).toEqual({
      bearer_token: "AAAA",
    });
  });

  it("says which package to install when the store's package is missing", async () => {
    // @twauth/config deliberately does not depend on the AWS store, so this import really fails.
    await expect(
      createStore(
        { type: "aws-secrets-manager", secretId: "prod/x-bot" },
        { filepath: "/app/twauth.config.yaml" },
      ),
    ).rejects.toMatchObject({
      code: "DEPENDENCY_MISSING",
      message:
        "install @twauth/store-aws-secrets-manager to use store: aws-secrets-manager (/app/twauth.config.yaml), e.g. npm install @twauth/store-aws-secrets-manager",
    });
  });
});
