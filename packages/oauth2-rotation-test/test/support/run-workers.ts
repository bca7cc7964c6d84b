import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const worker = fileURLToPath(new URL("./worker.mjs", import.meta.url));

export interface WorkerResult {
  readonly calls: number;
  readonly failures: readonly string[];
}

/** Runs `count` worker processes until `durationMs` from now, each a connection of its own. */
export async function runWorkers(
  count: number,
  durationMs: number,
  env: Readonly<Record<string, string>>,
): Promise<WorkerResult[]> {
  const deadline = Date.now() + durationMs;
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, [worker], {
        env: { PATH: process.env.PATH ?? "", DEADLINE: String(deadline), PAUSE_MS: "40", ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      return new Promise<WorkerResult>((resolve, reject) => {
        const timer = setTimeout(() => child.kill("SIGKILL"), durationMs + 15_000);
        child.on("close", (code) => {
          clearTimeout(timer);
          if (code !== 0) reject(new Error(`a worker exited ${code}: ${stderr.slice(0, 2000)}`));
          else resolve(JSON.parse(stdout) as WorkerResult);
        });
      });
    }),
  );
}
