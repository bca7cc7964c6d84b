/**
 * Many workers, one budget: 6 worker processes make 300 requests to the emulator, which allows
 * L=30 per 1 s window on GET /2/users/me (real time, windows aligned to the clock). The floor is 9
 * windows (the first 30 go at once, the last 30 at the start of the tenth window). Printed for the
 * budget shared through Redis (`@twauth/ratelimit-redis`, a real redis-server on a free loopback
 * port) and for per-process memory state: wall time over that floor, 429s the emulator sent, errors,
 * and Redis commands per request. Target (shared): ratio <= 1.10, zero 429s, <= 2 commands a request.
 */
import { fork, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator } from "@twauth/emulator";
import type { BenchSuite } from "../suite.js";

const route = "GET /2/users/me";
const limit = 30;
const windowMs = 1000;
const workers = 6;
const total = 300;
const floorMs = (Math.ceil(total / limit) - 1) * windowMs;
const targets = { ratio: 1.1, commandsPerRequest: 2 };

interface Run {
  /** Requests the emulator served per window, from the first to the last. */
  perWindow: number[];
  elapsedMs: number;
  tooManyRequests: number;
  errors: number;
  served: number;
  commands: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Debian's redis-server, no persistence, in a temp dir; resolves once it accepts connections. */
async function startRedis(): Promise<{ url: string; stop: () => void }> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "twauth-bench-redis-"));
  const args = [
    "--port",
    String(port),
    "--bind",
    "127.0.0.1",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    dir,
  ];
  const child = spawn("/usr/bin/redis-server", args, { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("redis-server did not start within 10 s")), 10_000);
    child.once("error", reject);
    child.stdout.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("Ready to accept connections")) return;
      clearTimeout(timer);
      resolve();
    });
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Forks the workers, starts them together just after a window boundary, and collects their reports. */
async function run(state: "redis" | "memory", redisUrl: string): Promise<Run> {
  const emulator = await startEmulator({
    rateLimits: { [route]: { limit, windowMs } },
    maxRecordedRequests: 2000,
  });
  const env = {
    ...process.env,
    EMULATOR_URL: emulator.url,
    REDIS_URL: redisUrl,
    STATE: state,
    COUNT: String(total / workers),
    CONCURRENCY: "3",
    KEY_PREFIX: `bench-${Date.now()}:`,
  };
  try {
    const children = Array.from({ length: workers }, () =>
      fork(new URL("../support/fleet-worker.js", import.meta.url), { env, stdio: "inherit" }),
    );
    await Promise.all(children.map((child) => new Promise((resolve) => child.once("message", resolve))));
    const startAt = Date.now() + windowMs - (Date.now() % windowMs) + 5;
    const reports = children.map(
      (child) =>
        new Promise<{ finishedAt: number; errors: number; commands: number }>((resolve) =>
          child.once("message", (message) => resolve(message as never)),
        ),
    );
    for (const child of children) child.send(startAt);
    const done = await Promise.all(reports);
    const windows = new Map<number, number>();
    for (const request of emulator.stats.requests) {
      if (request.status !== 200 || request.route !== route) continue;
      const index = Math.floor((request.at - startAt) / windowMs);
      windows.set(index, (windows.get(index) ?? 0) + 1);
    }
    return {
      perWindow: [...windows.entries()].sort(([a], [b]) => a - b).map(([, count]) => count),
      elapsedMs: Math.max(...done.map((report) => report.finishedAt)) - startAt,
      tooManyRequests: emulator.stats.count({ route, status: 429 }),
      errors: done.reduce((sum, report) => sum + report.errors, 0),
      served: emulator.stats.count({ route, status: 200 }),
      commands: done.reduce((sum, report) => sum + report.commands, 0),
    };
  } finally {
    await emulator.stop();
  }
}

function describe(name: string, result: Run): string {
  const commands = name.startsWith("shared")
    ? `, ${(result.commands / total).toFixed(2)} Redis commands per request`
    : "";
  return `${name}: ${total} requests (${result.served} served) in ${(result.elapsedMs / 1000).toFixed(2)} s = ${(result.elapsedMs / floorMs).toFixed(3)}x the minimum (${floorMs / 1000} s), ${result.tooManyRequests} x 429 sent by the emulator, ${result.errors} errors${commands}; served per window: ${result.perWindow.join(" ")}`;
}

export const suite: BenchSuite = {
  name: "redis-fleet",
  async run() {
    const redis = await startRedis();
    try {
      const shared = await run("redis", redis.url);
      const alone = await run("memory", redis.url);
      const ratio = shared.elapsedMs / floorMs;
      const perRequest = shared.commands / total;
      const met =
        ratio <= targets.ratio &&
        shared.tooManyRequests === 0 &&
        shared.errors === 0 &&
        perRequest <= targets.commandsPerRequest;
      return [
        `L=${limit} per ${windowMs / 1000} s window on ${route}, ${total} requests from ${workers} worker processes (3 in flight each)`,
        describe("shared budget (redisRateLimitState, node-redis)", shared),
        describe("per-process memory state (createMemoryRateLimitState)", alone),
        `target: ratio <= ${targets.ratio}, zero 429s, <= ${targets.commandsPerRequest} Redis commands per request: ${met ? "met" : "NOT met"}`,
      ];
    } finally {
      redis.stop();
    }
  },
};
