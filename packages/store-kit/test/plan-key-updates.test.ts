import { describe, expect, it } from "vitest";
import { planKeyUpdates } from "../src/plan-key-updates.js";

const options = { source: ".env", profile: "default", defaultCase: "upper" as const };

describe("planKeyUpdates", () => {
  it("updates a canonical field under the alias the profile already uses", () => {
    const plan = planKeyUpdates({ accessToken: "new" }, ["CONSUMER_KEY", "ACCESS_KEY"], options);
    expect([...plan.updates]).toEqual([["ACCESS_KEY", "new"]]);
    expect(plan.additions).toEqual([]);
  });

  it("updates the existing alias for another alias too, so no conflicting key appears", () => {
    const plan = planKeyUpdates({ ACCESS_TOKEN: "new" }, ["ACCESS_KEY"], options);
    expect([...plan.updates]).toEqual([["ACCESS_KEY", "new"]]);
  });

  it("updates every alias a profile has for one field", () => {
    const plan = planKeyUpdates({ accessToken: "new" }, ["ACCESS_KEY", "TWITTER_ACCESS_TOKEN"], options);
    expect([...plan.updates]).toEqual([
      ["ACCESS_KEY", "new"],
      ["TWITTER_ACCESS_TOKEN", "new"],
    ]);
  });

  it("adds a new canonical field under twauth's name, in the case the profile uses", () => {
    expect(planKeyUpdates({ bearerToken: "b" }, [], options).additions).toEqual([
      { key: "BEARER_TOKEN", value: "b" },
    ]);
    expect(planKeyUpdates({ bearerToken: "b" }, ["consumer_key"], options).additions).toEqual([
      { key: "bearer_token", value: "b" },
    ]);
    expect(planKeyUpdates({ bearerToken: "b" }, [], { ...options, defaultCase: "lower" }).additions).toEqual([
      { key: "bearer_token", value: "b" },
    ]);
  });

  it("adds literal key names as they are", () => {
    expect(planKeyUpdates({ "API Key": "k", note: "n" }, [], options).additions).toEqual([
      { key: "API Key", value: "k" },
      { key: "note", value: "n" },
    ]);
  });

  it("rejects a value with a line break, naming the key and never the value", () => {
    expect(() => planKeyUpdates({ ACCESS_TOKEN: "abc\ndef" }, [], options)).toThrow(
      expect.objectContaining({
        code: "CREDENTIALS_INVALID",
        message:
          '.env (profile "default"): the value for ACCESS_TOKEN must be one line of text (no line break or NUL character).',
      }),
    );
  });

  it("rejects two names for one credential in a single save", () => {
    expect(() => planKeyUpdates({ accessToken: "a", ACCESS_KEY: "b" }, [], options)).toThrow(
      expect.objectContaining({
        code: "OPTIONS_INVALID",
        message:
          '.env (profile "default"): accessToken and ACCESS_KEY name the same credential; save it under one name.',
      }),
    );
  });
});
