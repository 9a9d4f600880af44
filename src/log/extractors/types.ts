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
   * Optional (additive): words without which this extractor finds nothing. The streaming reader
   * (src/log/stream.ts) skips, for this extractor, the windows of lines where no line's text matches (the
   * whole-document path ignores it). Must hold for EVERY finding the extractor can return: a line of the
   * finding's range, or of the lines it needs to recognise it, matches. Not global/sticky (`g`/`y`): it is
   * tested line by line. Without it, the extractor reads every window.
   */
  triggers?: RegExp;
}
