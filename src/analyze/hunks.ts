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
