// Excerpts: the normalised log lines a finding covers, for the report (Finding.excerpt).
import type { Finding, LogDocument } from '../types.js';

/** Lines per excerpt; longer ranges keep their start (where the message is) and say how many were left out. */
export const MAX_EXCERPT_LINES = 15;
/** Characters per excerpt line (minified code, base64 blobs). */
export const MAX_EXCERPT_LINE_CHARS = 300;

function clipLine(s: string): string {
  if (s.length <= MAX_EXCERPT_LINE_CHARS) return s;
  let end = MAX_EXCERPT_LINE_CHARS;
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--; // do not split a surrogate pair
  return s.slice(0, end) + ' …';
}

/** Sets `excerpt` on each finding from the document's normalised lines (mutates and returns them). */
export function attachExcerpts(findings: Finding[], doc: LogDocument): Finding[] {
  const byLine = new Map<number, string>();
  for (const l of doc.lines) byLine.set(l.n, l.text);
  for (const f of findings) {
    if (f.excerpt || !f.logLines) continue;
    const [start, end] = f.logLines;
    const out: string[] = [];
    let missing = 0;
    const last = Math.min(end, start + MAX_EXCERPT_LINES * 10);
    for (let n = start; n <= last; n++) {
      if (out.length >= MAX_EXCERPT_LINES) {
        missing = end - n + 1;
        break;
      }
      const text = byLine.get(n);
      if (text !== undefined) out.push(clipLine(text));
    }
    if (!missing && end > last) missing = end - last;
    if (missing > 0) out.push(`… ${missing} more line${missing === 1 ? '' : 's'}`);
    if (out.length) f.excerpt = out;
  }
  return findings;
}
