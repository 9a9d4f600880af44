import type { Finding, LogDocument, LogLine } from '../../types.js';

/**
 * One extractor per tool family. It reads the normalised lines of a log and returns the findings
 * it recognises. It must not throw on any input, must be linear in the number of lines, and must
 * set `logLines` to ORIGINAL 1-based line numbers (take them from `LogLine.n`).
 * Paths are left as printed (`rawFile` and `file` equal); path mapping happens afterwards.
 */
export interface Extractor {
  /** The tool family: 'tsc', 'eslint', 'jest', ... */
  name: string;
  extract(lines: LogLine[], doc: LogDocument): Finding[];
  /**
   * Optional: words without which this extractor finds nothing. runExtractors (src/log/extract.ts) runs
   * the extractor on a document or a window of lines only when some line's text matches. Must hold for
   * EVERY finding the extractor can return (read the extractor: each path to a finding needs a line that
   * matches). Tested on the lines' text joined by line breaks: no anchors (`^`, `$`) and no lookarounds,
   * no `m`, `s`, `g` or `y` flags (then a line that matches makes the joined text match; a match across
   * a line break only costs a useless run). Without triggers, the extractor reads every window.
   */
  triggers?: RegExp;
}
