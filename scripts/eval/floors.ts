// Floors for `npm run eval -- --check`: each key is a dotted path into the results (`logchunks.analysis.hit`),
// each value a bound the figure must respect ({ min } or { max }). Floors of sets that were not run are
// skipped. Pure.

export type Floors = Record<string, { min?: number; max?: number; note?: string }>;

function at(obj: unknown, path: string[]): unknown {
  let cur = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** The floors the results break, one message each (empty: all hold). */
export function checkFloors(results: Record<string, unknown>, floors: Floors): string[] {
  const failures: string[] = [];
  for (const [key, bound] of Object.entries(floors ?? {})) {
    if (key.startsWith('$') || !bound || typeof bound !== 'object') continue;
    const path = key.split('.');
    if (!(path[0] in results)) continue; // the set was not run
    const value = at(results, path);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      failures.push(`${key}: no such figure in the results`);
      continue;
    }
    if (typeof bound.min === 'number' && value < bound.min)
      failures.push(`${key} = ${value} < floor ${bound.min}`);
    if (typeof bound.max === 'number' && value > bound.max)
      failures.push(`${key} = ${value} > ceiling ${bound.max}`);
  }
  return failures;
}
