/**
 * Times several contenders in one process, interleaved: every round runs each contender for one
 * batch, in a rotating order, so a slow patch of the machine (two shared cores) hits all of them
 * alike. The result per contender is the median over rounds of its time per operation.
 */
export interface InterleavedOptions {
  rounds: number;
  /** Roughly how long one batch of one contender runs. */
  batchMilliseconds: number;
}

export type Contenders = Readonly<Record<string, () => unknown>>;

// Results are folded into this so no call can be optimised away.
let sink = 0;

function consume(value: unknown): void {
  sink = (sink + (typeof value === "string" ? value.length : 1)) | 0;
}

function runBatch(operation: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let index = 0; index < iterations; index++) consume(operation());
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

function iterationsFor(operation: () => unknown, batchMilliseconds: number): number {
  // Warm up (and let the JIT settle) for ~100 ms, then size the batch from the warm speed.
  let iterations = 1000;
  let microsecondsPerOperation = runBatch(operation, iterations);
  const deadline = Date.now() + 100;
  while (Date.now() < deadline) microsecondsPerOperation = runBatch(operation, iterations);
  iterations = Math.max(100, Math.round((batchMilliseconds * 1000) / microsecondsPerOperation));
  return iterations;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median microseconds per operation, per contender. */
export function measureInterleaved(
  contenders: Contenders,
  options: InterleavedOptions,
): Record<string, number> {
  const names = Object.keys(contenders);
  const iterations = new Map(
    names.map((name) => [name, iterationsFor(contenders[name]!, options.batchMilliseconds)]),
  );
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (let round = 0; round < options.rounds; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length]!;
      samples.get(name)!.push(runBatch(contenders[name]!, iterations.get(name)!));
    }
  }
  if (sink === 0.5) console.log("unreachable");
  return Object.fromEntries(names.map((name) => [name, median(samples.get(name)!)]));
}
