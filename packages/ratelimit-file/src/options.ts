import { resolve } from "node:path";
import { type Duration, durationToMs, TwauthError } from "@twauth/core";

/** `OPTIONS_INVALID` naming the option, in the words of its key. */
export function invalidOption(key: string, message: string): TwauthError {
  return new TwauthError("OPTIONS_INVALID", `${key}: ${message}`, { keys: [key] });
}

/** A Duration option within [min, max] ms, or its default. */
export function boundedDuration(
  key: string,
  value: Duration | undefined,
  fallbackMs: number,
  [minMs, maxMs]: readonly [number, number],
): number {
  if (value === undefined) return fallbackMs;
  const ms = durationToMs(value);
  if (ms === undefined || ms < minMs || ms > maxMs) {
    throw invalidOption(
      key,
      `expected a duration from ${minMs}ms to ${maxMs / 1000}s, such as "500ms" or 2 (seconds).`,
    );
  }
  return ms;
}

const maxPathLength = 4096;

/** The state file's path, resolved against the working directory once (a later `chdir` does not move it). */
export function statePath(options: unknown): string {
  if (typeof options !== "object" || options === null) throw invalidOption("options", "expected { path }.");
  const path = (options as { path?: unknown }).path;
  if (typeof path !== "string" || path.trim() === "" || path.length > maxPathLength || path.includes("\0")) {
    throw invalidOption("path", `expected the path of a file, at most ${maxPathLength} characters.`);
  }
  return resolve(path);
}
