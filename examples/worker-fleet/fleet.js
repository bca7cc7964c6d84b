// Starts WORKERS worker processes (default 3) against one Redis and waits for all of them.
//
//   REDIS_URL=redis://127.0.0.1:6379 node fleet.js
//
// Each worker prints one line; the fleet prints its total. Any worker that fails fails the fleet.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

const workers = Number(process.env.WORKERS ?? "3");
const worker = fileURLToPath(new URL("./worker.js", import.meta.url));

const runs = Array.from(
  { length: workers },
  (_, index) =>
    new Promise((resolve) => {
      execFile(process.execPath, [worker, String(index + 1)], (error, stdout, stderr) => {
        resolve({ ok: error === null, output: `${stdout}${stderr}`.trimEnd() });
      });
    }),
);
const results = /** @type {{ ok: boolean, output: string }[]} */ (await Promise.all(runs));
for (const { output } of results) console.log(output);
const failed = results.filter((result) => !result.ok).length;
console.log(failed === 0 ? `${workers} workers done, none failed` : `${failed} of ${workers} workers failed`);
process.exitCode = failed === 0 ? 0 : 1;
