import type { RedisStateNotice } from "./options.js";
import { redactedCause } from "./redis-failure.js";

/** How long a process keeps its own budget before it asks Redis again (caller's clock, ms). */
export const rejoinAfterMs = 1000;

/**
 * Whether this process shares the fleet's state through Redis or, while Redis does not answer,
 * keeps its own; says so once per change.
 *
 * @example
 * if (fallback.isLocal(at)) return local.acquire(key, at);
 */
export interface Fallback {
  readonly mode: "shared" | "local";
  /** True while Redis failed recently: the next try is due `rejoinAfterMs` after the failure. */
  isLocal(at: number): boolean;
  /** A command failed: keep local state from now, and say so if this is news. */
  failed(at: number, error: unknown): void;
  /** A command succeeded: if the process was on its own, it rejoins the fleet and says so. */
  succeeded(): void;
}

export function createFallback(
  location: string,
  password: string | undefined,
  notify: (notice: RedisStateNotice) => void,
  what: string,
): Fallback {
  let mode: "shared" | "local" = "shared";
  let retryAt = 0;
  return {
    get mode() {
      return mode;
    },
    isLocal: (at) => mode === "local" && at < retryAt,
    failed(at, error) {
      retryAt = at + rejoinAfterMs;
      if (mode === "local") return;
      mode = "local";
      notify({
        code: "REDIS_UNREACHABLE",
        message: `Redis at ${location} did not answer (${redactedCause(error, password).message}): this process keeps its own ${what} until Redis answers again, so the fleet may overrun what it shares.`,
      });
    },
    succeeded() {
      if (mode === "shared") return;
      mode = "shared";
      notify({
        code: "REDIS_REJOINED",
        message: `Redis at ${location} answers again: this process shares the fleet's ${what} once more.`,
      });
    },
  };
}

/** The default notice handler: Node's warning channel, like twauth's other warnings. */
export function emitRedisNotice(notice: RedisStateNotice): void {
  process.emitWarning(notice.message, { type: "TwauthWarning", code: `TWAUTH_${notice.code}` });
}
