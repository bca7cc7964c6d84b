/**
 * The known name a misspelt one most likely meant, compared without case, `_` or `-` (so
 * `wait_on_rate_limt` finds `waitOnRateLimit`), or undefined when none is close: at most one edit
 * for short names, two from 6 letters, three from 12 (an edit: a letter added, removed, changed, or
 * two neighbours swapped).
 *
 * @example
 * closestName("wait_on_rate_limt", ["waitOnRateLimit", "retryCount"]) // "waitOnRateLimit"
 */
export function closestName(written: string, known: readonly string[]): string | undefined {
  const target = comparable(written);
  const allowed = target.length >= 12 ? 3 : target.length >= 6 ? 2 : 1;
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const distance = editDistance(target, comparable(name));
    if (distance <= allowed && (best === undefined || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function comparable(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

/** Optimal string alignment distance; config keys are short, so the full table is cheap. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Number.POSITIVE_INFINITY;
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      let best = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}
