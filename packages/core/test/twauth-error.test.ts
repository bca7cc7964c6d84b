import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { isTwauthError, TwauthError } from "../src/errors/twauth-error.js";

describe("TwauthError", () => {
  it("carries a stable code, a message and only the context fields that were given", () => {
    const error = new TwauthError("CREDENTIALS_MISSING", "missing access token secret in .env", {
      file: ".env",
      keys: ["accessTokenSecret"],
    });
    expect(error.code).toBe("CREDENTIALS_MISSING");
    expect(error.message).toBe("missing access token secret in .env");
    expect(error.name).toBe("TwauthError");
    expect(Object.keys(error).sort()).toEqual(["code", "file", "keys", "name"]);
  });

  it("serialises to JSON with its cause reduced to name and code", () => {
    const cause = Object.assign(new Error("EACCES: permission denied, open '/tmp/x'"), { code: "EACCES" });
    const error = new TwauthError("STORE_UNREADABLE", "cannot read /tmp/x", { cause, source: "/tmp/x" });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: "TwauthError",
      code: "STORE_UNREADABLE",
      message: "cannot read /tmp/x",
      source: "/tmp/x",
      cause: { name: "Error", code: "EACCES" },
    });
    expect(inspect(error)).toContain("STORE_UNREADABLE");
  });

  it("is recognised by isTwauthError, optionally by code", () => {
    const error = new TwauthError("RATE_LIMITED", "wait");
    expect(isTwauthError(error)).toBe(true);
    expect(isTwauthError(error, "RATE_LIMITED")).toBe(true);
    expect(isTwauthError(error, "AUTH_FAILED")).toBe(false);
    expect(isTwauthError(new Error("x"))).toBe(false);
    expect(isTwauthError("RATE_LIMITED")).toBe(false);
  });
});
