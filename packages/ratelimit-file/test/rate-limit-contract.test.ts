import { join } from "node:path";
import { createMemoryRateLimitState } from "@twauth/core";
import { describe, it } from "vitest";
import { rateLimitContract } from "../../ratelimit-redis/test/support/rate-limit-contract.js";
import { fileRateLimitState } from "../src/index.js";
import { useTempDirs } from "./support/temp-dir.js";

const tempDir = useTempDirs();

describe("the rate-limit contract on the memory state (the reference)", () => {
  for (const { name, run } of rateLimitContract) it(name, () => run(createMemoryRateLimitState()));
});

describe("the rate-limit contract on fileRateLimitState", () => {
  for (const { name, run } of rateLimitContract) {
    // A file per case: every case starts from an empty budget, as with a fresh memory state.
    it(name, async () => run(fileRateLimitState({ path: join(await tempDir(), "limits.json") })));
  }
});
