// Scoring of extraction on labelled logs, exactly as ../shared/data/README.md says: the lines a reader
// is shown are the union of `findings[i].logLines` over the first 5 findings of the report; per log,
// hit = the shown lines overlap the labelled lines, full = they contain all of them, precision =
// labelled lines shown / lines shown. Pure: no I/O.
import type { LineRange } from '../../src/types.js';

/** How many findings of a report count as shown. */
export const SHOWN_FINDINGS = 5;

/** One log's score. An error (the analysis threw) scores as a miss with nothing shown. */
export interface LogScore {
  id: string;
  /** The group the log belongs to for the per-language/tool table (logchunks language, cidiff format ...). */
  group: string;
  hit: boolean;
  full: boolean;
  /** The FIRST finding's lines overlap the labelled lines (what the reader sees first is the failure). */
  first: boolean;
  precision: number;
  shown: number;
  labelled: number;
  error?: string;
  ms?: number;
}

export interface Aggregate {
  n: number;
  /** Percentages, 0..100, one decimal: the first finding hits, the first five hit, they hold all of it. */
  first: number;
  hit: number;
  full: number;
  /** Mean precision over the logs, 0..1, three decimals. */
  precision: number;
  medianShown: number;
  errors: number;
}

/**
 * The original line numbers shown to a reader: the union of logLines over the first `top` findings, with
 * the places of a repeated finding (one finding standing for several, src/log/group.ts: the report names
 * each place).
 */
export function shownLines(
  findings: ReadonlyArray<{ logLines?: LineRange; places?: { logLines?: LineRange }[] }> | undefined,
  top = SHOWN_FINDINGS,
): Set<number> {
  const shown = new Set<number>();
  if (!Array.isArray(findings)) return shown;
  const ranges: (LineRange | undefined)[] = [];
  for (const f of findings.slice(0, top)) {
    ranges.push(f?.logLines);
    if (Array.isArray(f?.places)) for (const p of f.places) ranges.push(p?.logLines);
  }
  for (const r of ranges) {
    if (!Array.isArray(r)) continue;
    let [a, b] = r;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    if (b < a) [a, b] = [b, a];
    // A report can only show lines that exist; a runaway range is capped rather than looped over.
    for (let n = Math.max(1, Math.trunc(a)), end = Math.min(Math.trunc(b), a + 1_000_000); n <= end; n++)
      shown.add(n);
  }
  return shown;
}

/** The set of line numbers covered by inclusive ranges. */
export function rangeSet(ranges: ReadonlyArray<LineRange>): Set<number> {
  const out = new Set<number>();
  for (const [a, b] of ranges) for (let n = Math.min(a, b); n <= Math.max(a, b); n++) out.add(n);
  return out;
}

/** Number of `\n`-separated lines (a final empty remainder after a trailing `\n` is not a line). */
export function countLines(text: string): number {
  if (text === '') return 0;
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** The naive reference: the last k lines of the log. */
export function lastLines(totalLines: number, k = 50): Set<number> {
  const out = new Set<number>();
  for (let n = Math.max(1, totalLines - k + 1); n <= totalLines; n++) out.add(n);
  return out;
}

const ERRORISH = /error|fail|exception/i;

/** The second naive reference: the last k lines that say error, fail or exception. */
export function lastErrorLines(text: string, k = 50): Set<number> {
  const lines = text.split('\n');
  const out = new Set<number>();
  for (let i = lines.length - 1; i >= 0 && out.size < k; i--) if (ERRORISH.test(lines[i])) out.add(i + 1);
  return out;
}

/**
 * Scores what was shown against the labelled lines. `firstShown`: the lines of the first finding alone (a
 * naive reference shows one block: its first is its hit).
 */
export function scoreLog(
  id: string,
  group: string,
  shown: ReadonlySet<number>,
  labelled: ReadonlySet<number>,
  firstShown: ReadonlySet<number> = shown,
): LogScore {
  let inter = 0;
  for (const n of labelled) if (shown.has(n)) inter++;
  let first = false;
  for (const n of labelled)
    if (firstShown.has(n)) {
      first = true;
      break;
    }
  return {
    id,
    group,
    hit: inter > 0,
    first,
    full: labelled.size > 0 && inter === labelled.size,
    precision: shown.size ? inter / shown.size : 0,
    shown: shown.size,
    labelled: labelled.size,
  };
}

/** The score of a log whose analysis failed: a miss. */
export function errorScore(id: string, group: string, labelled: number, error: string): LogScore {
  return { id, group, hit: false, full: false, first: false, precision: 0, shown: 0, labelled, error };
}

export function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

export function aggregate(scores: LogScore[]): Aggregate {
  const n = scores.length;
  if (!n) return { n: 0, first: 0, hit: 0, full: 0, precision: 0, medianShown: 0, errors: 0 };
  const hits = scores.filter((s) => s.hit).length;
  const full = scores.filter((s) => s.full).length;
  const firsts = scores.filter((s) => s.first).length;
  return {
    n,
    first: round((100 * firsts) / n, 1),
    hit: round((100 * hits) / n, 1),
    full: round((100 * full) / n, 1),
    precision: round(scores.reduce((a, s) => a + s.precision, 0) / n, 3),
    medianShown: median(scores.map((s) => s.shown)),
    errors: scores.filter((s) => s.error !== undefined).length,
  };
}

/** Aggregates per group, groups sorted by name. */
export function aggregateByGroup(scores: LogScore[]): Record<string, Aggregate> {
  const groups = new Map<string, LogScore[]>();
  for (const s of scores) {
    const g = groups.get(s.group);
    if (g) g.push(s);
    else groups.set(s.group, [s]);
  }
  const out: Record<string, Aggregate> = {};
  for (const name of [...groups.keys()].sort()) out[name] = aggregate(groups.get(name)!);
  return out;
}

/** A fixed-width text table. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** A markdown table. */
export function mdTable(header: string[], rows: (string | number)[][]): string {
  const esc = (c: string | number) => String(c).replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/**
 * CiDiff numbers its labels in universal newlines (`\r\n`, a bare `\r` and `\n` each end a line), while the
 * analysis numbers `\n`-separated lines: maps each labelled range to the `\n`-numbered lines that hold it.
 * Identical when the text has no bare `\r`.
 */
export function universalToNewlineRanges(text: string, ranges: ReadonlyArray<LineRange>): LineRange[] {
  // lineOf[u - 1] = the `\n`-numbered line holding universal line u
  const lineOf: number[] = [1];
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      n++;
      lineOf.push(n);
    } else if (c === 13 && text.charCodeAt(i + 1) !== 10) lineOf.push(n);
  }
  const map = (u: number) => lineOf[Math.min(Math.max(u, 1), lineOf.length) - 1];
  return ranges.map(([a, b]) => [map(a), map(b)] as LineRange);
}
