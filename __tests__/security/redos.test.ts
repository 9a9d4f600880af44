// Every regular expression of the log reader and the rules engine, checked by a ReDoS checker (recheck:
// automaton analysis, fuzzing where the automaton is too big). The extractors' triggers run on the joined
// text of whole windows (up to 1 MiB at once, src/log/extract.ts), so each must be linear. The other
// literals of src/log and src/rules run on one line at a time, cut to EXTRACT_LINE_LIMIT characters
// first: those still polynomial (or that the checker cannot decide) are listed in redos-known.ts, and a
// new one fails the audit (REDOS_AUDIT=1). The rules' own
// patterns run on re2js, linear by construction, with a time budget per rule (src/rules/match.ts).
import { check, type Diagnostics } from 'recheck';
import { extractors } from '../../src/log/extractors/index.js';
import { alternatives, regexLiterals, type FoundRegex } from './regexes.js';
import { KNOWN_POLYNOMIAL } from './redos-known.js';

const ROOT = process.cwd();

/** The checker's verdict on each top-level alternative (the worst one), retried longer on a timeout. */
async function diagnose(r: FoundRegex): Promise<Diagnostics> {
  // (g and y change nothing to the backtracking)
  const flags = r.flags.replace(/[gy]/g, '');
  let worst: Diagnostics | undefined;
  for (const alt of alternatives(r.source)) {
    let d = await check(alt, flags, { timeout: 2000 });
    if (d.status === 'unknown' && d.error.kind === 'timeout')
      d = await check(alt, flags, { timeout: 10_000 });
    if (d.status !== 'safe') return d;
    worst ??= d;
  }
  return worst!;
}

const describeLine = (r: FoundRegex, d: Diagnostics) =>
  `${r.where} /${r.source}/${r.flags}: ${d.status}` +
  (d.status === 'vulnerable' ? ` (${d.complexity.type}, attack ${d.attack.pattern.slice(0, 80)})` : '') +
  (d.status === 'unknown' ? ` (${d.error.kind})` : '');

test('every trigger of the extractors is linear (they run on whole windows of joined lines)', async () => {
  const bad: string[] = [];
  let checked = 0;
  for (const ex of extractors) {
    if (!(ex.triggers instanceof RegExp)) continue;
    const r = { where: `trigger:${ex.name}`, source: ex.triggers.source, flags: ex.triggers.flags };
    const d = await diagnose(r);
    checked++;
    if (d.status !== 'safe') bad.push(describeLine(r, d));
  }
  expect(checked).toBeGreaterThanOrEqual(30);
  expect(bad).toEqual([]);
}, 300_000);

test('the checker finds the quadratic triggers of issue 16 (a digit run before a colon)', async () => {
  for (const old of [String.raw`\d+:\d+\s+error`, String.raw`\d+ failures?, \d+ error`]) {
    const d = await check(old, '');
    expect([old, d.status, d.status === 'vulnerable' && d.complexity.type]).toEqual([
      old,
      'vulnerable',
      'polynomial',
    ]);
  }
});

// (REDOS_AUDIT=1: the ~900 literals take the checker 10-15 minutes)
(process.env.REDOS_AUDIT ? test : test.skip)(
  'every other regex of the log reader and the rules engine is linear, or a known polynomial one',
  async () => {
    const literals = regexLiterals(ROOT, ['src/log', 'src/rules']);
    expect(literals.length).toBeGreaterThan(500);
    const unexpected: string[] = [];
    const listed = new Set(KNOWN_POLYNOMIAL);
    const stillListed = new Set(KNOWN_POLYNOMIAL);
    for (const r of literals) {
      const d = await diagnose(r);
      if (d.status === 'safe') continue;
      stillListed.delete(r.source);
      // never exponential; polynomial only when listed
      if ((d.status === 'vulnerable' && d.complexity.type === 'exponential') || !listed.has(r.source))
        unexpected.push(describeLine(r, d));
    }
    expect(unexpected).toEqual([]);
    // A listed regex that became linear (or went away) leaves the list.
    expect([...stillListed]).toEqual([]);
  },
  900_000,
);
