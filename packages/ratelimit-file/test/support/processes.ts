import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defaultApp, defaultUser, type EmulatorStats } from "@twauth/emulator";

const workerScript = fileURLToPath(new URL("./file-worker.mjs", import.meta.url));
export const holdLeasesScript = fileURLToPath(new URL("./hold-leases.mjs", import.meta.url));
const builtPackage = fileURLToPath(new URL("../../dist/index.js", import.meta.url));

const credentials = {
  consumerKey: defaultApp.consumerKey,
  consumerSecret: defaultApp.consumerSecret,
  accessToken: defaultUser.accessToken,
  accessTokenSecret: defaultUser.accessTokenSecret,
};

export interface WorkerResult {
  readonly answered: number;
  readonly errors: readonly string[];
  readonly transactions: number;
}

export interface WorkerRun {
  readonly emulatorUrl: string;
  /** The state file, or "memory" for a state of the process's own. */
  readonly statePath: string;
  readonly count: number;
  readonly concurrency: number;
  readonly clockOffset?: number;
}

function assertBuilt(): void {
  if (!existsSync(builtPackage)) {
    throw new Error(
      "the worker processes import the built package: run pnpm turbo run build --filter @twauth/ratelimit-file...",
    );
  }
}

/** Runs one worker process to its end (killed after `timeoutMs`) and reads its JSON line. */
export function runWorker(run: WorkerRun, timeoutMs = 60_000): Promise<WorkerResult> {
  assertBuilt();
  const env = {
    ...process.env,
    EMULATOR_URL: run.emulatorUrl,
    STATE_PATH: run.statePath,
    COUNT: String(run.count),
    CONCURRENCY: String(run.concurrency),
    CLOCK_OFFSET: String(run.clockOffset ?? 0),
    CREDENTIALS: JSON.stringify(credentials),
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

/** Starts a process that takes leases and never settles them; resolves once it holds them. */
export function startLeaseHolder(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildProcess> {
  assertBuilt();
  const child = spawn(process.execPath, [holdLeasesScript], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let stderr = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("the lease holder did not start in time"));
    }, timeoutMs);
    child.stderr?.on("data", (chunk) => (stderr += chunk));
    child.stdout?.on("data", (chunk: Buffer) => {
      if (!chunk.toString().includes("holding")) return;
      clearTimeout(timer);
      resolve(child);
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the lease holder exited with ${code}: ${stderr.slice(-2000)}`));
    });
  });
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
