import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const worker = fileURLToPath(new URL("./worker.mjs", import.meta.url));

export interface WorkerResult {
  readonly calls: number;
  readonly failures: readonly string[];
}

interface RunningWorker {
  readonly ready: Promise<void>;
  readonly result: Promise<WorkerResult>;
  start(durationMs: number): void;
}

function startWorker(env: Readonly<Record<string, string>>, limitMs: number): RunningWorker {
  const child = spawn(process.execPath, [worker], {
    env: { PATH: process.env.PATH ?? "", PAUSE_MS: "40", ...env },
  });
  let stdout = "";
  let stderr = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (stdout.startsWith("ready\n")) markReady();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    // Bounded: a worker that hangs is killed, and the test says what it printed.
    const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      markReady();
      const line = /^result (.*)$/m.exec(stdout)?.[1];
      if (code !== 0 || line === undefined)
        reject(new Error(`a worker exited ${code}: ${stderr.slice(0, 2000)}`));
      else resolve(JSON.parse(line) as WorkerResult);
    });
  });
  return { ready, result, start: (durationMs) => child.stdin.end(`${durationMs}\n`) };
}

/**
 * Runs `count` worker processes, each a connection of its own, for `durationMs` from the moment the
 * last of them is ready (loading the AWS SDK takes a while on a busy machine).
 */
export async function runWorkers(
  count: number,
  durationMs: number,
  env: Readonly<Record<string, string>>,
): Promise<WorkerResult[]> {
  const workers = Array.from({ length: count }, () => startWorker(env, durationMs + 60_000));
  await Promise.all(workers.map((running) => running.ready));
  for (const running of workers) running.start(durationMs);
  return Promise.all(workers.map((running) => running.result));
}
