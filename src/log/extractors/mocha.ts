// Mocha (spec reporter, the default) failures. After the tree and the `N passing` / `N failing`
// counts, mocha prints one block per failure:
//
//     3 failing                                               ← required: blocks are only read after it
//
//     1) duration                                             ← `N) ` + the title, one part per line,
//          formatDuration                                        each indented deeper; the last one
//            writes hours and minutes:                            ends with `:`
//
//         AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:   ← the message
//   + actual - expected                                       ← node:assert's diff (may be unindented)
//   + '1h90m'
//   - '1h30m'
//         at Context.<anonymous> (test/duration.test.js:15:14)   ← frames, innermost first
//
// `"before each" hook for "x"` titles are kept as they are. The location is the first non-vendored
// frame. The full test name is the title parts joined by spaces (mocha's fullTitle).
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import {
  MAX_BLOCK,
  assertDetails,
  atBlock,
  firstOwnFrame,
  isBlank,
  isFrameText,
  oneLine,
  shownRange,
  withDetails,
} from './jsframes.js';

export const WEIGHT_TEST = 90;
export const WEIGHT_SUMMARY = 3;

const FAILING = /^\s*(\d+) failing\s*$/;
const BLOCK_HEADER = /^\s{0,6}(\d+)\) (\S.*)$/;
const MAX_TITLE_LINES = 12;

const indentOf = (t: string): number => t.length - t.trimStart().length;

export const mocha: Extractor = {
  name: 'mocha',
  // every finding needs the N failing line (the blocks are read below it)
  triggers: / failing/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let summary: Finding | undefined;
    let expected = 0;
    let i = 0;
    while (i < lines.length) {
      const t = lines[i].text;
      const fm = FAILING.exec(t);
      if (fm) {
        expected = Number(fm[1]);
        if (expected > 0) {
          summary = {
            kind: 'test-failure',
            tool: 'mocha',
            message: oneLine(t),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_SUMMARY,
          };
        }
        i++;
        continue;
      }
      const bh = expected > 0 ? BLOCK_HEADER.exec(t) : null;
      if (!bh) {
        i++;
        continue;
      }
      const parsed = failure(lines, i, bh[2]);
      if (parsed) findings.push(parsed.finding);
      i = parsed ? parsed.next : i + 1;
    }
    if (summary) findings.push(summary);
    return findings;
  },
};

/** One `N) title...:` block starting at index `h`. */
function failure(lines: LogLine[], h: number, first: string): { finding: Finding; next: number } | undefined {
  // The title: the header text plus deeper-indented lines until one ends with `:`.
  const parts = [first.trim()];
  let j = h;
  let indent = indentOf(lines[h].text);
  while (!parts[parts.length - 1].endsWith(':')) {
    const next = j + 1;
    if (next >= lines.length || next - h > MAX_TITLE_LINES) return undefined;
    const text = lines[next].text;
    if (isBlank(text) || indentOf(text) <= indent) return undefined;
    indent = indentOf(text);
    parts.push(text.trim());
    j = next;
  }
  parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
  const test = parts.join(' ');

  // The message: the first non-blank line after the title.
  let m = j + 1;
  while (m < lines.length && m - h < MAX_BLOCK && isBlank(lines[m].text)) m++;
  if (m >= lines.length || BLOCK_HEADER.test(lines[m].text)) return undefined;

  // The body: up to the end of the first frame block, or the next failure.
  const details: string[] = [];
  let frames: Finding['frames'];
  let end = m;
  let k = m + 1;
  for (; k < lines.length && k - h < MAX_BLOCK; k++) {
    const text = lines[k].text;
    if (isFrameText(text)) {
      const b = atBlock(lines, k, lines.length);
      frames = b.frames;
      end = b.end;
      k = b.end + 1;
      break;
    }
    if (BLOCK_HEADER.test(text) && indentOf(text) <= 6 && !/^[+-]/.test(text.trim())) break;
    if (!isBlank(text)) end = k;
    if (details.length < 8) details.push(text);
  }

  let message = oneLine(lines[m].text);
  if (message.endsWith(':')) message = withDetails(message, assertDetails(details));
  const own = firstOwnFrame(frames);
  const finding: Finding = {
    kind: 'test-failure',
    tool: 'mocha',
    message,
    test,
    logLines: shownRange(lines[h].n, lines[end].n, [lines[m].n]),
    weight: WEIGHT_TEST,
  };
  if (own) {
    finding.file = own.rawFile;
    finding.rawFile = own.rawFile;
    if (own.line !== undefined) finding.line = own.line;
    if (own.column !== undefined) finding.column = own.column;
  }
  if (frames?.length) finding.frames = frames;
  return { finding, next: k };
}
