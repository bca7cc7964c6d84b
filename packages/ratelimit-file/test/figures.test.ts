import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sendTicket, t0, window } from "../../ratelimit-redis/test/support/rate-limit-contract.js";
import { fileRateLimitState } from "../src/index.js";
import { useTempDirs } from "./support/temp-dir.js";

const tempDir = useTempDirs();

describe("fileRateLimitState.figures", () => {
  it("lists what another state object wrote to the file: limit, remaining, reset and the 24-hour caps", async () => {
    const path = join(await tempDir(), "limits.json");
    const writer = fileRateLimitState({ path });
    const key = "tokenA GET /2/users/me";
    const probe = sendTicket(await writer.acquire(key, t0));
    const appDaily = window(16, t0 + 86_400_000, 17);
    writer.settle(key, probe, { answered: true, figures: { ...window(74), appDaily } });
    await writer.flush();
    const read = await fileRateLimitState({ path }).figures({ at: t0 });
    expect(read).toEqual({ figures: { [key]: { ...window(74), appDaily, inFlight: 0 } }, complete: true });
  });

  it("keeps to one token's keys when given its hash, and counts the requests in flight", async () => {
    const path = join(await tempDir(), "limits.json");
    const state = fileRateLimitState({ path });
    for (const token of ["tokenA", "tokenB"]) {
      const key = `${token} GET /2/tweets`;
      state.settle(key, sendTicket(await state.acquire(key, t0)), { answered: true, figures: window(9) });
      await state.flush();
    }
    await state.acquire("tokenA GET /2/tweets", t0);
    const { figures } = await state.figures({ tokenKey: "tokenA", at: t0 });
    expect(Object.keys(figures)).toEqual(["tokenA GET /2/tweets"]);
    expect(figures["tokenA GET /2/tweets"]?.inFlight).toBe(1);
  });

  it("leaves out windows past their reset and writes nothing", async () => {
    const path = join(await tempDir(), "limits.json");
    const state = fileRateLimitState({ path });
    const key = "tokenA GET /2/users/me";
    state.settle(key, sendTicket(await state.acquire(key, t0)), {
      answered: true,
      figures: window(3, t0 + 1000),
    });
    await state.flush();
    const before = await readFile(path, "utf8");
    expect((await state.figures({ at: t0 + 1000 })).figures).toEqual({});
    expect(Object.keys((await state.figures({ at: t0 })).figures)).toEqual([key]);
    expect(await readFile(path, "utf8")).toBe(before);
  });

  it("answers an empty list for a missing or damaged file", async () => {
    const path = join(await tempDir(), "limits.json");
    expect((await fileRateLimitState({ path }).figures()).figures).toEqual({});
    await writeFile(path, "{ not json", { mode: 0o600 });
    expect((await fileRateLimitState({ path }).figures()).figures).toEqual({});
  });
});
