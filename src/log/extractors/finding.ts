import type { Finding, LogLine } from '../../types.js';

/** A finding covering lines[start..end] (original line numbers), with rawFile and segment filled in. */
export function finding(lines: LogLine[], start: number, end: number, f: Omit<Finding, 'logLines'>): Finding {
  const out: Finding = { ...f, logLines: [lines[start].n, lines[end].n] };
  if (out.file) out.rawFile = out.file;
  const seg = lines[start].segment;
  if (seg !== undefined) out.segment = seg;
  return out;
}
