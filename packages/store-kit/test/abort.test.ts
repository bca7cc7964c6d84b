import { describe, expect, it } from "vitest";
import { abortedError, throwIfAborted, untilAborted } from "../src/abort.js";

describe("the one ABORTED a store gives", () => {
  it("names the source and keeps the signal's reason as cause", () => {
    const reason = new Error("user pressed Ctrl-C");
    expect(abortedError(".env", reason)).toMatchObject({
      code: "ABORTED",
      message: ".env: the operation was aborted.",
      source: ".env",
      cause: reason,
    });
  });

  it("throwIfAborted throws it for an aborted signal and nothing otherwise", () => {
    expect(() => throwIfAborted(undefined, ".env")).not.toThrow();
    expect(() => throwIfAborted(new AbortController().signal, ".env")).not.toThrow();
    expect(() => throwIfAborted(AbortSignal.abort(), ".env")).toThrow(".env: the operation was aborted.");
  });

  it("untilAborted rejects when the signal aborts, and leaves the shared work running for others", async () => {
    let finish: (value: string) => void = () => {};
    const shared = new Promise<string>((resolve) => {
      finish = resolve;
    });
    const controller = new AbortController();
    const mine = untilAborted(shared, controller.signal, "prod/x-bot");
    controller.abort();
    await expect(mine).rejects.toMatchObject({
      code: "ABORTED",
      message: "prod/x-bot: the operation was aborted.",
    });
    finish("record");
    await expect(shared).resolves.toBe("record");
    await expect(untilAborted(Promise.resolve("ok"), new AbortController().signal, "s")).resolves.toBe("ok");
  });
});
