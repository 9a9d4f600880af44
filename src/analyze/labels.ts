// How a finding is named to the reader: in the report's words, never the analysis' own. The
// tool-independent readers (the failing step's output, `src/log/extractors/region.ts`; generic error
// lines, `generic.ts`) are not tools a reader ran: their names are never shown. Pure.
import type { Finding, FindingKind } from '../types.js';

const KIND_WORDS: Record<FindingKind, string> = {
  'compile-error': 'compile error',
  'lint-error': 'lint error',
  'test-failure': 'test failure',
  assertion: 'assertion failure',
  exception: 'exception',
  dependency: 'dependency error',
  'build-error': 'build error',
  infra: 'infrastructure failure',
  error: 'error',
  warning: 'warning',
  exit: 'exit status',
};

/** Tools that are the analysis' own readers, not a tool the build ran. */
const OWN_READERS: ReadonlySet<string> = new Set(['region', 'generic']);

/** The kind in words: `compile error`, `test failure` ... */
export function kindWords(kind: FindingKind | string): string {
  return KIND_WORDS[kind as FindingKind] ?? 'error';
}

/** The tool as the reader knows it (`tsc`, `jest`), or '' when the finding came from no tool of the build. */
export function toolWords(f: Pick<Finding, 'tool'>): string {
  return typeof f.tool === 'string' && !OWN_READERS.has(f.tool) ? f.tool : '';
}

/** What the finding is: `tsc compile error`, `jest test failure`, `the failing step's output`, `error`. */
export function findingKindText(f: Pick<Finding, 'tool' | 'kind'>): string {
  if (f.tool === 'region') return "the failing step's output";
  const tool = toolWords(f);
  return tool ? `${tool} ${kindWords(f.kind)}` : kindWords(f.kind);
}

export const isTestFinding = (f: Finding): boolean =>
  !!f.test && (f.kind === 'test-failure' || f.kind === 'assertion');

/** The failing tests a finding stands for (a group lists several), in log order, without repeats. */
export function testsOf(f: Finding): string[] {
  if (!isTestFinding(f)) return [];
  const names = (f.places ?? []).map((p) => p.test).filter((t): t is string => !!t);
  return [...new Set(names.length ? names : [f.test!])];
}

/** Line numbers as ranges: `12`, `12-14`, `3, 12-14, 40 +2`. */
function lineList(ns: number[], max = 5): string {
  const xs = [...new Set(ns)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let k = 0; k < xs.length;) {
    let j = k;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j > k ? `${xs[k]}-${xs[j]}` : `${xs[k]}`);
    k = j + 1;
  }
  const more = parts.length > max ? ` +${parts.length - max}` : '';
  return parts.slice(0, max).join(', ') + more;
}

/**
 * Where a repeated finding's occurrences are, for the reader: `×10, lines 763-772` (lines of its file
 * when they differ), else `×10, log lines 5, 9, 13`. '' for a finding that is not repeated.
 */
export function repeatText(f: Finding): string {
  const n = Number(f.count);
  if (!Number.isSafeInteger(n) || n < 2) return '';
  const places = Array.isArray(f.places) ? f.places : [];
  const fileLines = places.map((p) => p.line).filter((x): x is number => Number.isSafeInteger(x));
  if (f.file && new Set(fileLines).size > 1) return `×${n}, lines ${lineList(fileLines)}`;
  const logLines = places.map((p) => p.logLines?.[0]).filter((x): x is number => Number.isSafeInteger(x));
  return logLines.length ? `×${n}, log lines ${lineList(logLines)}` : `×${n}`;
}
