import { createHash } from "node:crypto";
import type { RedisLink } from "./redis-link.js";

/** One Lua script, with the SHA1 Redis knows it by. */
export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

export function luaScript(name: string, source: string): LuaScript {
  return { name, source, sha: createHash("sha1").update(source).digest("hex") };
}

/**
 * Runs commands on one link with a time bound each, and counts every command sent (a `SCRIPT LOAD`
 * and a retried `EVALSHA` count too), so tests and the benchmark can hold us to our budget.
 *
 * @example
 * const runner = createScriptRunner(link, 500);
 * const reply = await runner.evalScript(acquireScript, keys, args);
 */
export interface ScriptRunner {
  /** `EVALSHA`; after `NOSCRIPT` (a restarted or flushed Redis) loads the script and runs it again. */
  evalScript(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown>;
  /** Any other command, bounded and counted the same way. */
  command(args: readonly string[]): Promise<unknown>;
  /** Commands sent so far. */
  readonly commandsSent: number;
}

/** The error a command gets when Redis did not answer in time. */
export class RedisTimeoutError extends Error {
  override readonly name = "RedisTimeoutError";
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new RedisTimeoutError(`${what} got no answer within ${timeoutMs}ms`)),
      timeoutMs,
    );
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith("NOSCRIPT");
}

export function createScriptRunner(link: RedisLink, timeoutMs: number): ScriptRunner {
  let sent = 0;
  const loaded = new Set<string>();

  async function command(args: readonly string[]): Promise<unknown> {
    await link.load?.();
    // Connecting counts against the same bound: a Redis that never answers costs one timeout.
    await withTimeout(link.ready(), timeoutMs, "connecting to Redis");
    sent++;
    return withTimeout(link.command(args), timeoutMs, `Redis ${args[0]}`);
  }

  // Loaded once per runner; a Redis that restarted or was flushed answers NOSCRIPT and gets it again.
  async function load(script: LuaScript): Promise<void> {
    await command(["SCRIPT", "LOAD", script.source]);
    loaded.add(script.sha);
  }

  async function evalScript(script: LuaScript, keys: readonly string[], args: readonly string[]) {
    const evalArgs = [script.sha, String(keys.length), ...keys, ...args];
    if (!loaded.has(script.sha)) await load(script);
    try {
      return await command(["EVALSHA", ...evalArgs]);
    } catch (error) {
      if (!isNoScript(error)) throw error;
    }
    await load(script);
    return command(["EVALSHA", ...evalArgs]);
  }

  return {
    evalScript,
    command,
    get commandsSent() {
      return sent;
    },
  };
}
