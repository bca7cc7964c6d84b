import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";

/** Debian's redis-server (`apt-get install -y redis-server`); `.ci/run` installs it when missing. */
export const redisServerPath = process.env.TWAUTH_REDIS_SERVER ?? "/usr/bin/redis-server";
const startTimeoutMs = 10_000;

/**
 * A real redis-server on a free loopback port, no persistence, in a temp dir: the tests' Redis.
 *
 * @example
 * const redis = await startRedisServer();
 * await redis.kill(); await redis.restart();
 */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Kills the server at once (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address !== null ? address.port : 0));
    });
  });
}

/** Spawns the server and resolves once it says it is ready; rejects with the reason otherwise. */
function spawnServer(port: number, dir: string): Promise<ChildProcess> {
  const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
  args.push("--dir", dir, "--protected-mode", "no");
  return new Promise((resolve, reject) => {
    const child = spawn(redisServerPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(
        new Error(
          `redis-server could not start (${why}); the Redis tests need it at ${redisServerPath} (apt-get install -y redis-server). Its output:\n${output.slice(-2000)}`,
        ),
      );
    };
    const timer = setTimeout(() => fail(`not ready after ${startTimeoutMs} ms`), startTimeoutMs);
    child.once("error", (error) => fail(error.message));
    child.once("exit", (code) => fail(`exited with ${code}`));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes("Ready to accept connections")) return;
      clearTimeout(timer);
      child.removeAllListeners("exit");
      child.removeAllListeners("error");
      // Keep draining its output (a full pipe would stall it), but decide nothing more from it.
      child.stdout?.off("data", read).resume();
      child.stderr?.off("data", read).resume();
      resolve(child);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
  });
}

function exited(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "twauth-redis-"));
  let child: ChildProcess | undefined = await spawnServer(port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    async kill() {
      if (child !== undefined) await exited(child, "SIGKILL");
      child = undefined;
    },
    async restart() {
      if (child !== undefined) await exited(child, "SIGKILL");
      child = await spawnServer(port, dir);
    },
    async stop() {
      if (child !== undefined) await exited(child, "SIGTERM");
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One server for a test file: started before its tests, stopped after them. Returns a getter, since
 * the server exists only once `beforeAll` ran.
 *
 * @example
 * const redis = useRedisServer();
 * it("...", async () => { const state = redisRateLimitState({ url: redis().url }); });
 */
export function useRedisServer(): () => RedisServer {
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error("the Redis server starts in beforeAll: use it inside a test");
    return server;
  };
}
