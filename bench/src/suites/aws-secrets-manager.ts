/**
 * awsSecretsManagerStore against the local Secrets Manager emulator, through the real SDK client:
 * GetSecretValue calls and wall time for 1,000 concurrent loads and for 10,000 sequential cached
 * loads, and the import cost of the store package against the SDK client alone.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { startSecretsManagerEmulator } from "@twauth/emulator/secrets-manager";
import { awsSecretsManagerStore } from "@twauth/store-aws-secrets-manager";
import type { BenchSuite } from "../suite.js";

const run = promisify(execFile);
const benchFolder = fileURLToPath(new URL("../../", import.meta.url));
const targets = { calls: 1, cachedLoadMicroseconds: 2 };
const secret = { CONSUMER_KEY: "ck", CONSUMER_SECRET: "cs", ACCESS_TOKEN: "at", ACCESS_TOKEN_SECRET: "ats" };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const verdict = (met: boolean) => (met ? "met" : "NOT met");

/** Milliseconds one fresh node process spends in `await import(specifier)`, measured inside it. */
async function importMilliseconds(specifier: string): Promise<number> {
  const script = `const t = performance.now(); await import(${JSON.stringify(specifier)}); console.log(performance.now() - t);`;
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script], {
    cwd: benchFolder,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  });
  return Number(stdout.trim());
}

async function importCost(processes: number): Promise<Record<string, number>> {
  const specifiers = ["@aws-sdk/client-secrets-manager", "@twauth/store-aws-secrets-manager"];
  const samples = new Map(specifiers.map((name) => [name, [] as number[]]));
  // Interleaved, so a slow moment of the shared machine hits both alike.
  for (let round = 0; round < processes; round++) {
    for (const name of round % 2 === 0 ? specifiers : [...specifiers].reverse()) {
      samples.get(name)!.push(await importMilliseconds(name));
    }
  }
  return Object.fromEntries(specifiers.map((name) => [name, median(samples.get(name)!)]));
}

export const suite: BenchSuite = {
  name: "aws-secrets-manager",
  async run() {
    const sm = await startSecretsManagerEmulator({ secrets: { "bench/x-bot": secret } });
    const client = new SecretsManagerClient({ ...sm.clientConfig, maxAttempts: 1 });
    const lines: string[] = [
      `local Secrets Manager emulator over HTTP, real SecretsManagerClient, node ${process.version}`,
    ];
    try {
      const concurrentRounds = 5;
      const concurrent: number[] = [];
      let concurrentCalls = 0;
      for (let round = 0; round < concurrentRounds; round++) {
        const store = awsSecretsManagerStore({ secretId: "bench/x-bot", client });
        sm.stats.reset();
        const started = performance.now();
        await Promise.all(Array.from({ length: 1000 }, () => store.load()));
        concurrent.push(performance.now() - started);
        concurrentCalls = Math.max(concurrentCalls, sm.stats.count({ action: "GetSecretValue" }));
      }
      lines.push(
        `1,000 concurrent load() on a cold store: ${concurrentCalls} GetSecretValue (target ${targets.calls}: ${verdict(concurrentCalls === targets.calls)}), ${median(concurrent).toFixed(2)} ms wall (median of ${concurrentRounds})`,
      );

      const store = awsSecretsManagerStore({ secretId: "bench/x-bot", client });
      sm.stats.reset();
      await store.load();
      const sequentialRounds = 9;
      const perLoad: number[] = [];
      const totals: number[] = [];
      for (let round = 0; round < sequentialRounds; round++) {
        const started = process.hrtime.bigint();
        for (let index = 0; index < 10_000; index++) await store.load();
        const elapsedMicroseconds = Number(process.hrtime.bigint() - started) / 1000;
        totals.push(elapsedMicroseconds / 1000);
        perLoad.push(elapsedMicroseconds / 10_000);
      }
      const calls = sm.stats.count({ action: "GetSecretValue" });
      const cached = median(perLoad);
      lines.push(
        `10,000 sequential load() with the cache on: ${calls} GetSecretValue, ${median(totals).toFixed(2)} ms wall, ${cached.toFixed(3)} µs per cached load (target < ${targets.cachedLoadMicroseconds} µs: ${verdict(cached < targets.cachedLoadMicroseconds)}; median of ${sequentialRounds})`,
      );
    } finally {
      client.destroy();
      await sm.stop();
    }

    const processes = 11;
    const cost = await importCost(processes);
    const sdk = cost["@aws-sdk/client-secrets-manager"]!;
    const ours = cost["@twauth/store-aws-secrets-manager"]!;
    lines.push(
      `import in a fresh node process (median of ${processes}): @aws-sdk/client-secrets-manager ${sdk.toFixed(1)} ms; @twauth/store-aws-secrets-manager ${ours.toFixed(1)} ms (+${(ours - sdk).toFixed(1)} ms for the store, core and the file kit)`,
    );
    return lines;
  },
};
