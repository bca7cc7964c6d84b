import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultApp, defaultUser, type EmulatorStats } from "@twauth/emulator";

const workerScript = fileURLToPath(new URL("./fleet-worker.mjs", import.meta.url));
const builtPackage = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

export const fleetCredentials = {
  consumerKey: defaultApp.consumerKey,
  consumerSecret: defaultApp.consumerSecret,
  accessToken: defaultUser.accessToken,
  accessTokenSecret: defaultUser.accessTokenSecret,
};

export interface WorkerResult {
  readonly answered: number;
  readonly errors: readonly string[];
  readonly commands: number;
}

export interface FleetRun {
  readonly emulatorUrl: string;
  readonly redisUrl: string;
  readonly client: "node-redis" | "ioredis";
  readonly workers: number;
  readonly requestsPerWorker: number;
  readonly concurrency: number;
  readonly keyPrefix: string;
}

/** Runs one worker process to its end (bounded by `timeoutMs`) and reads its JSON line. */
function runWorker(run: FleetRun, timeoutMs: number): Promise<WorkerResult> {
  const env = {
    ...process.env,
    EMULATOR_URL: run.emulatorUrl,
    REDIS_URL: run.redisUrl,
    CLIENT: run.client,
    COUNT: String(run.requestsPerWorker),
    CONCURRENCY: String(run.concurrency),
    KEY_PREFIX: run.keyPrefix,
    CREDENTIALS: JSON.stringify(fleetCredentials),
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [workerScript], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0)
        return reject(new Error(`worker exited with ${code ?? signal}: ${stderr.slice(-2000)}`));
      resolve(JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as WorkerResult);
    });
  });
}

/** Starts every worker at once and waits for all of them. */
export async function runFleet(run: FleetRun, timeoutMs = 60_000): Promise<WorkerResult[]> {
  if (!existsSync(builtPackage)) {
    throw new Error(
      "the fleet workers import the built package: run pnpm turbo run build --filter @twauth/ratelimit-redis...",
    );
  }
  return Promise.all(Array.from({ length: run.workers }, () => runWorker(run, timeoutMs)));
}

/** The most requests the emulator served in any one window of `windowMs` (its stats, by arrival). */
export function busiestWindow(stats: EmulatorStats, route: string, windowMs: number): number {
  const perWindow = new Map<number, number>();
  for (const request of stats.requests) {
    if (request.route !== route || request.status !== 200) continue;
    const index = Math.floor(request.at / windowMs);
    perWindow.set(index, (perWindow.get(index) ?? 0) + 1);
  }
  return Math.max(0, ...perWindow.values());
}
