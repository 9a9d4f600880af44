// Running the extractors and putting their findings in the order a reader needs: the finding that
// explains the failure first.
//
// Order (a total, deterministic order): what explains the exit first.
// 1. findings inside the failing steps before the others (a step that succeeded explains nothing);
// 2. tier of the kind: real errors (compile, lint, test, assertion, exception, dependency, build) and
//    infrastructure (the network, the runner, memory ...: whatever tool line it sits in, it explains the
//    exit as well as a tool's error does) < generic `error` < `warning` < `exit` (`Process completed with
//    exit code 1` and friends never explain anything alone);
// 3. within a tier, findings whose weight is comparable to the tier's best (≥ 75% of it) come first,
//    the rest after: the extractor's weight picks the candidates ...
// 4. ... then the layer: a tool's own finding, then the runner's and the infrastructure's lines (kind
//    infra), then the failing command's output (region);
// 5. ... and among comparable findings of a tool the EARLIEST in the log wins (the first real error is the
//    cause, later ones are usually its consequences); among the runner's and the infrastructure's lines the
//    LATEST (a retried download or fetch fails the step on its last attempt), and among the failing command's
//    output blocks the one nearest the exit (its tail, then its last error-looking cluster, then its first:
//    the region extractor's weights say so);
// 6. then higher weight, shorter range, the extractor registry order.
//
// De-duplication (findings that cover the same lines):
// - the same error found twice (same message; file, line and test equal where both have them;
//   overlapping ranges) is kept once: the most specific finding, with the union of the ranges;
// - a located finding (file or test) repeated later with the same tool, kind, message, location and
//   test (a summary reprinting the failures) is kept at its first place only;
// - a generic finding (tool 'generic' or 'infra', or kind 'error') overlapping a tool finding of the same or
//   a more important tier is dropped (an infrastructure line inside a failing command's output block is
//   not); the tool finding's range grows to the union when that stays small;
// - two generic findings that overlap and say the same thing, or one inside the other, become one.
import type { Finding, FindingKind, LogDocument, LogLine } from '../types.js';
import { extractors as registry } from './extractors/index.js';
import type { Extractor } from './extractors/types.js';
import { failingSegments } from './extractors/region.js';
import { extendFindings } from './extent.js';
import { infraLayer } from './extractors/infra.js';

const TIER: Record<FindingKind, number> = {
  'compile-error': 0,
  'lint-error': 0,
  'test-failure': 0,
  assertion: 0,
  exception: 0,
  dependency: 0,
  'build-error': 0,
  infra: 0,
  error: 2,
  warning: 3,
  exit: 4,
};

/** Comparable weights: at least this share of the best weight in the tier. */
const COMPARABLE = 0.75;
/** A kept finding's range absorbs an overlapping duplicate's only if it grows by at most this many lines. */
const MAX_GROWTH = 10;
/** How far back the sweep looks for the finding a generic one duplicates. */
const LOOKBACK = 64;

export function tierOf(f: Finding): number {
  return TIER[f.kind] ?? 2;
}

/** The tier of infrastructure lines that do not explain the exit (a tool's error follows them). */
const INFRA_BEFORE_ERRORS = 1;
/** Infrastructure layers that end the job whatever follows (the runner's cleanup steps still print). */
const ENDS_THE_JOB: ReadonlySet<string> = new Set(['canceled', 'timeout', 'runner']);

export function isGeneric(f: Finding): boolean {
  return f.tool === 'generic' || f.tool === 'infra' || f.kind === 'error';
}

/**
 * The layer of a finding (see the order at the top): 0 a tool's own finding (and a generic error line),
 * 1 the runner's and the infrastructure's lines (read nearest the exit first), 2 the failing command's
 * output blocks.
 */
function layerOf(f: Finding): number {
  if (f.tool === 'region') return 2;
  if (f.kind === 'infra') return 1;
  return 0;
}

interface Item {
  f: Finding;
  /** Input order: extractor registry order, then the extractor's own order. */
  i: number;
}

/** Runs every registered extractor over the document and returns the findings, the most explanatory first. */
export function extractFindings(doc: LogDocument, extractors: Extractor[] = registry): Finding[] {
  return orderFindings(extendFindings(runExtractors(doc.lines, doc, extractors), doc.lines), doc);
}

/**
 * Runs the extractors on `lines` (a whole document, or a window of it) and returns their findings in
 * registry order, unordered and not de-duplicated. An extractor with `triggers` runs only when its
 * triggers occur in the lines' text (tested once on the text of all the lines, not line by line); an
 * extractor that throws or returns no array is skipped.
 */
export function runExtractors(
  lines: LogLine[],
  doc: LogDocument,
  extractors: Extractor[] = registry,
): Finding[] {
  const all: Finding[] = [];
  let text: TriggerText | undefined;
  lines = boundedLines(lines);
  for (const ex of extractors) {
    try {
      if (ex.triggers instanceof RegExp && !(text ??= new TriggerText(lines)).has(ex.triggers)) continue;
      const found = ex.extract(lines, doc);
      if (Array.isArray(found)) for (const f of found) all.push(f);
    } catch {
      // an extractor must not throw; if one does, the others' findings still stand
    }
  }
  return all;
}

/**
 * Longest line text the triggers and the extractors read: a longer line keeps its first and last half.
 * Some extractors' line regexes are still polynomial in the length of one line (__tests__/security/
 * redos-known.ts); the cut bounds what one hostile line costs them.
 */
export const EXTRACT_LINE_LIMIT = 4096;

/** `lines`, with the lines longer than EXTRACT_LINE_LIMIT cut (copies: the caller's lines are untouched). */
function boundedLines(lines: LogLine[]): LogLine[] {
  let out: LogLine[] | undefined;
  const half = EXTRACT_LINE_LIMIT >> 1;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i].text;
    if (t.length <= EXTRACT_LINE_LIMIT) continue;
    out ??= lines.slice();
    out[i] = { ...lines[i], text: t.slice(0, half) + ' … ' + t.slice(t.length - half) };
  }
  return out ?? lines;
}

/** Lines' text is joined into pieces of about this many characters to test the triggers. */
const TRIGGER_CHUNK = 1 << 20;

/** The text of lines joined by line breaks (in pieces: a log can be longer than a string can be). */
class TriggerText {
  private readonly chunks: string[] = [];

  constructor(lines: LogLine[]) {
    let part: string[] = [];
    let size = 0;
    for (const l of lines) {
      part.push(l.text);
      size += l.text.length + 1;
      if (size >= TRIGGER_CHUNK) {
        this.chunks.push(part.join('\n'));
        part = [];
        size = 0;
      }
    }
    if (part.length) this.chunks.push(part.join('\n'));
  }

  /** True when `re` matches the text (of some line: triggers match within a line, see Extractor.triggers). */
  has(re: RegExp): boolean {
    for (const c of this.chunks) {
      if (re.global || re.sticky) re.lastIndex = 0;
      if (re.test(c)) return true;
    }
    return false;
  }
}

/** De-duplicates and orders findings (see the top of this file). Does not modify its input. */
/** `failing`: segments of the failing steps, when the caller knows them (the streaming path reads windows). */
export function orderFindings(findings: Finding[], doc?: LogDocument, failing?: Set<number>): Finding[] {
  let items: Item[] = [];
  findings.forEach((f, i) => {
    const clean = sanitize(f, doc);
    if (clean) items.push({ f: clean, i });
  });
  items = mergeSame(items);
  items = dropGenericDuplicates(items);
  items = mergeGeneric(items);
  const failingSet = failing ?? (doc ? failingSegments(doc) : undefined);
  return capPerTool(sortItems(items, failingSet)).map((it) => it.f);
}

/**
 * A tool's finding whose message is the infrastructure's own wording (a Go module download's `connection
 * reset by peer` read as a compile error, a test's `Read timed out`) is an infrastructure finding: it keeps
 * its tool, file and lines, its kind becomes 'infra'.
 */
function infraOfTool(f: Finding): Finding {
  if (f.kind === 'infra' || TIER[f.kind] !== 0 || f.tool === 'region' || isGeneric(f)) return f;
  return typeof f.message === 'string' && infraLayer(f.message) ? { ...f, kind: 'infra' } : f;
}

function sanitize(f: Finding, doc?: LogDocument): Finding | undefined {
  if (!f || typeof f !== 'object' || !Array.isArray(f.logLines)) return undefined;
  let [a, b] = f.logLines;
  if (!Number.isFinite(a)) a = Number.isFinite(b) ? b : NaN;
  if (!Number.isFinite(b)) b = a;
  if (!Number.isFinite(a)) return undefined;
  a = Math.max(1, Math.trunc(a));
  b = Math.max(1, Math.trunc(b));
  if (b < a) [a, b] = [b, a];
  if (doc && doc.totalLines > 0) {
    a = Math.min(a, doc.totalLines);
    b = Math.min(b, doc.totalLines);
  }
  const out: Finding = infraOfTool({
    ...f,
    logLines: [a, b],
    weight: Number.isFinite(f.weight) ? f.weight : 0,
  });
  if (out.segment === undefined && doc) {
    const seg = doc.lines[a - 1]?.segment;
    if (seg !== undefined) out.segment = seg;
  }
  return out;
}

function overlaps(x: Finding, y: Finding): boolean {
  return x.logLines[0] <= y.logLines[1] && y.logLines[0] <= x.logLines[1];
}

function span(f: Finding): number {
  return f.logLines[1] - f.logLines[0] + 1;
}

function kindRank(f: Finding): number {
  return f.kind === 'warning' ? 0 : f.kind === 'error' ? 1 : 2;
}

function detail(f: Finding): number {
  return (
    (f.file ? 1 : 0) + (f.line ? 1 : 0) + (f.test ? 1 : 0) + (f.code ? 1 : 0) + (f.frames?.length ? 1 : 0)
  );
}

/** Negative when a is the more specific finding of two that say the same thing. */
function bySpecificity(a: Item, b: Item): number {
  return (
    // the failing command's output block says least: an infrastructure line with its message is kept
    Number(a.f.tool === 'region') - Number(b.f.tool === 'region') ||
    Number(isGeneric(a.f)) - Number(isGeneric(b.f)) ||
    kindRank(b.f) - kindRank(a.f) ||
    detail(b.f) - detail(a.f) ||
    b.f.weight - a.f.weight ||
    a.f.logLines[0] - b.f.logLines[0] ||
    span(a.f) - span(b.f) ||
    a.i - b.i
  );
}

/** The kept item with its range grown to include the dropped one's, when that stays small. */
function absorb(keep: Item, drop: Item, always = false): Item {
  const a = Math.min(keep.f.logLines[0], drop.f.logLines[0]);
  const b = Math.max(keep.f.logLines[1], drop.f.logLines[1]);
  if (a === keep.f.logLines[0] && b === keep.f.logLines[1]) return keep;
  if (!always && b - a + 1 > span(keep.f) + MAX_GROWTH) return keep;
  return { f: { ...keep.f, logLines: [a, b] }, i: Math.min(keep.i, drop.i) };
}

function normMessage(m: unknown): string {
  return typeof m === 'string' ? m.replace(/\s+/g, ' ').trim().toLowerCase() : '';
}

function byStart(a: Item, b: Item): number {
  return a.f.logLines[0] - b.f.logLines[0] || a.f.logLines[1] - b.f.logLines[1] || a.i - b.i;
}

/** The same error found twice (by two extractors, or twice by one) with overlapping ranges: one finding. */
function mergeSame(items: Item[]): Item[] {
  const groups = new Map<string, Item[]>();
  for (const it of items) {
    const message = normMessage(it.f.message);
    const key = message || `\u0000${it.f.tool}\u0000${it.f.kind}`;
    const g = groups.get(key);
    if (g) g.push(it);
    else groups.set(key, [it]);
  }
  const out: Item[] = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]);
      continue;
    }
    g.sort(byStart);
    let cur = g[0];
    const seen = new Set<string>();
    for (let k = 1; k < g.length; k++) {
      const next = g[k];
      const where = reprintKey(cur.f);
      if (where) seen.add(where);
      const again = reprintKey(next.f);
      if (again && seen.has(again) && !overlaps(cur.f, next.f)) continue; // a summary reprinting it
      if (overlaps(cur.f, next.f) && compatible(cur.f, next.f)) {
        const [keep, drop] = bySpecificity(cur, next) <= 0 ? [cur, next] : [next, cur];
        cur = absorb(keep, drop, true);
      } else {
        out.push(cur);
        cur = next;
      }
    }
    out.push(cur);
  }
  return out;
}

/** For located findings: what makes a later finding a reprint of an earlier one (summaries at the end). */
function reprintKey(f: Finding): string | undefined {
  if (!f.file && !f.test) return undefined;
  return [f.tool, f.kind, f.file ?? '', f.line ?? '', f.column ?? '', f.test ?? ''].join('\u0000');
}

/** Nothing the two findings say contradicts: each of file, line and test is equal or missing in one. */
function compatible(a: Finding, b: Finding): boolean {
  const same = (x: unknown, y: unknown) => x === undefined || y === undefined || x === y;
  return same(a.file, b.file) && same(a.line, b.line) && same(a.test, b.test);
}

/** Generic findings on lines a tool finding of the same or a more important tier already explains. */
function dropGenericDuplicates(items: Item[]): Item[] {
  const specific = items.filter((it) => !isGeneric(it.f)).sort(byStart);
  const generic = items.filter((it) => isGeneric(it.f));
  if (!specific.length || !generic.length) return items;
  const maxEnd: number[] = [];
  specific.forEach((it, k) => (maxEnd[k] = Math.max(k ? maxEnd[k - 1] : 0, it.f.logLines[1])));
  const kept: Item[] = [];
  for (const g of generic) {
    // the last specific finding starting at or before g's end
    let lo = 0;
    let hi = specific.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (specific[mid].f.logLines[0] <= g.f.logLines[1]) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let owner = -1;
    if (idx >= 0 && maxEnd[idx] >= g.f.logLines[0]) {
      for (let k = idx; k >= 0 && k > idx - LOOKBACK && maxEnd[k] >= g.f.logLines[0]; k--) {
        const s = specific[k];
        // the failing command's output block is a guess: an infrastructure line and the exit line inside it
        // stay findings of their own
        if (
          overlaps(s.f, g.f) &&
          tierOf(s.f) <= tierOf(g.f) &&
          !(s.f.tool === 'region' && (g.f.kind === 'infra' || g.f.kind === 'exit'))
        ) {
          owner = k;
          break;
        }
      }
    }
    if (owner >= 0) specific[owner] = absorb(specific[owner], g);
    else kept.push(g);
  }
  return [...specific, ...kept];
}

/** Overlapping generic findings that say the same thing, or one inside the other: one finding. */
function mergeGeneric(items: Item[]): Item[] {
  const generic = items.filter((it) => isGeneric(it.f)).sort(byStart);
  if (generic.length < 2) return items;
  const out = items.filter((it) => !isGeneric(it.f));
  let cur = generic[0];
  for (let k = 1; k < generic.length; k++) {
    const next = generic[k];
    const inside =
      (next.f.logLines[0] >= cur.f.logLines[0] && next.f.logLines[1] <= cur.f.logLines[1]) ||
      (cur.f.logLines[0] >= next.f.logLines[0] && cur.f.logLines[1] <= next.f.logLines[1]);
    if (overlaps(cur.f, next.f) && (inside || normMessage(cur.f.message) === normMessage(next.f.message))) {
      const [keep, drop] = bySpecificity(cur, next) <= 0 ? [cur, next] : [next, cur];
      cur = absorb(keep, drop, true);
    } else {
      out.push(cur);
      cur = next;
    }
  }
  out.push(cur);
  return out;
}

/** At most this many of the first SLOTS findings come from one tool (one noisy tool must not take them all). */
const PER_TOOL = 3;
const SLOTS = 5;

/** The first SLOTS findings with at most PER_TOOL per tool; the ones held back follow, in order. */
function capPerTool(items: Item[]): Item[] {
  if (items.length <= SLOTS || PER_TOOL >= SLOTS) return items;
  const head: Item[] = [];
  const held: Item[] = [];
  const count = new Map<string, number>();
  let k = 0;
  for (; k < items.length && head.length < SLOTS; k++) {
    const it = items[k];
    const c = count.get(it.f.tool) ?? 0;
    if (c >= PER_TOOL) held.push(it);
    else {
      count.set(it.f.tool, c + 1);
      head.push(it);
    }
  }
  return [...head, ...held, ...items.slice(k)];
}

function sortItems(items: Item[], failing?: ReadonlySet<number>): Item[] {
  // An infrastructure line explains the exit when it is a tool's own error (infraOfTool), the runner's, a
  // cancellation or a time limit, or when no tool's error ends after it: a credentials warning of a metrics upload followed by a test's
  // traceback does not.
  // Nor does one above the last block of the failing command's output (the command went on after it).
  let lastToolEnd = -Infinity;
  let lastBlockStart = -Infinity;
  for (const it of items)
    if (it.f.tool === 'region') lastBlockStart = Math.max(lastBlockStart, it.f.logLines[0]);
    else if (tierOf(it.f) === 0 && it.f.kind !== 'infra')
      lastToolEnd = Math.max(lastToolEnd, it.f.logLines[1]);
  const tier = (it: Item): number =>
    it.f.kind === 'infra' &&
    it.f.tool === 'infra' &&
    !ENDS_THE_JOB.has(it.f.code ?? '') &&
    (it.f.logLines[1] < lastToolEnd || it.f.logLines[1] < lastBlockStart)
      ? INFRA_BEFORE_ERRORS
      : tierOf(it.f);
  const best = new Map<number, number>();
  for (const it of items) {
    const t = tier(it);
    best.set(t, Math.max(best.get(t) ?? -Infinity, it.f.weight));
  }
  const band = (it: Item): number => {
    const top = best.get(tier(it)) ?? 0;
    const threshold = top > 0 ? top * COMPARABLE : top;
    return it.f.weight >= threshold ? 0 : 1;
  };
  // a finding outside the failing steps (a command that succeeded) cannot explain the failure
  const useFailing = failing && failing.size > 0;
  const outside = (it: Item): number =>
    useFailing && it.f.kind !== 'exit' && it.f.segment !== undefined && !failing.has(it.f.segment) ? 1 : 0;
  // the position key of the layer: a tool's findings earliest first, the runner's lines latest first, the
  // failing command's blocks by the region extractor's weight (nearest the exit first)
  const position = (it: Item, layer: number): number =>
    layer === 0
      ? it.f.logLines[0]
      : layer === 1
        ? it.f.code === 'canceled'
          ? 0 // a cancellation follows what caused it (a time limit, a lost runner): after them
          : -it.f.logLines[1]
        : -it.f.weight;
  const keyed = items.map((it) => {
    const layer = layerOf(it.f);
    return { it, tier: tier(it), band: band(it), out: outside(it), layer, pos: position(it, layer) };
  });
  keyed.sort(
    (a, b) =>
      a.out - b.out ||
      a.tier - b.tier ||
      a.band - b.band ||
      a.layer - b.layer ||
      a.pos - b.pos ||
      a.it.f.logLines[0] - b.it.f.logLines[0] ||
      b.it.f.weight - a.it.f.weight ||
      span(a.it.f) - span(b.it.f) ||
      a.it.i - b.it.i,
  );
  return keyed.map((k) => k.it);
}
