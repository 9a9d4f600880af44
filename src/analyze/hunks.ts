// Where a file changed, at head: the changed positions of each hunk and the distance of a line to them.
import type { ChangedFile, Hunk, LineRange } from '../types.js';

/** A line this close to a changed line (but not on one) is "next to" the change. */
export const NEAR_LINES = 3;

/** The head line range a hunk changed: its added lines, else where its removed lines were, else its range. */
export function changedRange(h: Hunk): LineRange {
  if (h.added.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of h.added) {
      if (l.line < lo) lo = l.line;
      if (l.line > hi) hi = l.line;
    }
    return [lo, hi];
  }
  if (h.removed.length) {
    const anchor = Math.max(1, h.newStart + (h.removed[0].line - h.oldStart));
    return [anchor, anchor];
  }
  const start = Math.max(1, h.newStart);
  return [start, start + Math.max(0, h.newLines - 1)];
}

/** Distance (in lines) from a head line to what the hunk changed: 0 on a changed line. */
export function hunkDistance(h: Hunk, line: number): number {
  if (h.added.length) {
    let best = Infinity;
    for (const l of h.added) {
      const d = Math.abs(l.line - line);
      if (d < best) best = d;
      if (!best) return 0;
    }
    if (h.removed.length) {
      // a modified region: lines between added lines of the same hunk count as in it
      const [lo, hi] = changedRange(h);
      if (line >= lo && line <= hi) return 0;
    }
    return best;
  }
  const [lo, hi] = changedRange(h);
  if (!h.removed.length && line >= lo && line <= hi) return 0;
  if (h.removed.length) {
    // removed lines sit between head lines anchor-1 and anchor: both touch the removal
    if (line === lo || line === lo - 1) return 0;
    return line < lo ? lo - 1 - line : line - lo;
  }
  return line < lo ? lo - line : line - hi;
}

/** The hunk of the file nearest to a head line, with its distance. */
export function nearestHunk(
  file: ChangedFile,
  line: number,
): { hunk: Hunk; index: number; distance: number } | undefined {
  let best: { hunk: Hunk; index: number; distance: number } | undefined;
  file.hunks.forEach((hunk, index) => {
    const distance = hunkDistance(hunk, line);
    if (!best || distance < best.distance) best = { hunk, index, distance };
  });
  return best;
}

export function formatRange([a, b]: LineRange): string {
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}

/** Sorted, merged ranges. */
export function mergeRanges(ranges: LineRange[]): LineRange[] {
  const sorted = ranges.filter((r) => r[0] > 0 && r[1] >= r[0]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: LineRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

/** Lines that close or continue the block above them rather than start a new declaration. */
const CONTINUES_BLOCK = /^(?:[}\])]|else\b|elif\b|except\b|finally\b|catch\b|\.|,|&&|\|\||\+|\?|:)/;

/**
 * Does the hunk only add lines after `line`, beginning (past blank lines) with a new top-level declaration
 * (no indentation)? Such a hunk (a helper appended below the function that failed) cannot change what the
 * line does, however close it is.
 */
export function addsSeparateDeclarationAfter(h: Hunk, line: number): boolean {
  if (h.removed.length || !h.added.length) return false;
  const added = [...h.added].sort((a, b) => a.line - b.line);
  if (added[0].line <= line) return false;
  const first = added.find((l) => l.text.trim() !== '');
  if (!first) return false;
  return !/^\s/.test(first.text) && !CONTINUES_BLOCK.test(first.text);
}

/** Starts a declaration at the top level: a function, class, type, constant, decorator ... */
const DECLARATION =
  /^(?:export\s+|pub(?:\([^)]*\))?\s+|public\s+|private\s+|protected\s+|static\s+|async\s+|default\s+)*(?:def|class|function|const|let|var|func|fn|type|interface|struct|enum|impl|trait|mod|module\.exports\.\w+\s*=|exports\.\w+\s*=|@\w)/;
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!include|define|if|endif|else|pragma))/;

/**
 * Does every hunk of the file only add new top-level declarations (no removed line, no line added inside
 * existing code)? Such a change adds names and leaves the code that was there as it was.
 */
export function onlyAddsDeclarations(hunks: Hunk[]): boolean {
  if (!hunks.length) return false;
  for (const h of hunks) {
    if (h.removed.length || !h.added.length) return false;
    let first = true;
    for (const l of [...h.added].sort((a, b) => a.line - b.line)) {
      if (!l.text.trim() || COMMENT_LINE.test(l.text)) continue;
      const top = !/^\s/.test(l.text);
      if (first && !(top && DECLARATION.test(l.text))) return false;
      first = false;
      if (top && !DECLARATION.test(l.text) && !/^[}\])]/.test(l.text)) return false;
    }
    if (first) return false;
  }
  return true;
}
