/** Runs `total` calls of `operation` with `inFlight` of them at a time; returns requests per second. */
export async function requestsPerSecond(
  operation: () => Promise<unknown>,
  total: number,
  inFlight: number,
): Promise<number> {
  let started = 0;
  const begin = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (started < total) {
        started++;
        await operation();
      }
    }),
  );
  return total / (Number(process.hrtime.bigint() - begin) / 1e9);
}

/** Interleaved rounds (rotating order), so a slow patch of a shared machine hits every contender alike. */
export async function medianRequestsPerSecond(
  contenders: Readonly<Record<string, () => Promise<unknown>>>,
  options: { rounds: number; total: number; inFlight: number },
): Promise<Record<string, number>> {
  const names = Object.keys(contenders);
  const samples = new Map(names.map((name) => [name, [] as number[]]));
  for (const name of names) await requestsPerSecond(contenders[name]!, options.total / 4, options.inFlight);
  for (let round = 0; round < options.rounds; round++) {
    for (let offset = 0; offset < names.length; offset++) {
      const name = names[(round + offset) % names.length]!;
      samples.get(name)!.push(await requestsPerSecond(contenders[name]!, options.total, options.inFlight));
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const sorted = samples.get(name)!.sort((a, b) => a - b);
      return [name, sorted[sorted.length >> 1]!];
    }),
  );
}
