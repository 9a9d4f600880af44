// Jest (29, 30) test failures. What jest prints (default reporter, colours already stripped):
//
//   FAIL tests/cart.test.ts (7.3 s)                       ← the suite; `PASS ...` for green ones
//     ● cart › total › multiplies price by quantity         ← one block per failed test: full name
//
//       expect(received).toBe(expected) // Object.is equality      ← the message
//
//       Expected: 320
//       Received: 200
//
//         14 |     it('multiplies price by quantity', () => {
//       > 15 |       expect(total(items)).toBe(320);       ← code frame: `>` marks the line
//            |                            ^
//
//         at Object.<anonymous> (tests/cart.test.ts:15:28)   ← frames, innermost first
//
//   FAIL tests/config.test.ts
//     ● Test suite failed to run                             ← suite-level: TS diagnostics (ts-jest),
//       tests/config.test.ts:4:9 - error TS2322: ...            `Cannot find module 'x' from 'y'`, ...
//
//   Tests:       3 failed, 2 passed, 5 total                  ← the summary: low weight
//
// Before any suite runs, jest-validate stops on a bad configuration (no `FAIL` header, nothing ran):
//
//   ● Validation Error:                                    ← also `● Configuration error:`
//
//     Test environment jest-environment-jsdom cannot be found. Make sure ...   ← the message
//
//     Configuration Documentation:                         ← where the block ends
//
// `● Console` blocks are console output, not failures. After `Summary of all failing tests` jest
// repeats every block: they are skipped. The location of a finding is the first non-vendored frame,
// else the code-frame marker line in the suite file.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import {
  MAX_BLOCK,
  atBlock,
  codeFrameMarker,
  expectDetails,
  firstOwnFrame,
  isBlank,
  isFrameText,
  isModuleError,
  lastNonBlank,
  oneLine,
  shownRange,
  withDetails,
} from './jsframes.js';

export const WEIGHT_TEST = 90;
export const WEIGHT_SUITE = 88;
export const WEIGHT_SUMMARY = 3;

const SUITE_HEADER = /^\s*(FAIL|PASS)\s+(\S.*)$/;
const BLOCK_HEADER = /^\s{0,4}● (\S.*)$/;
const SUITE_FAILED = 'Test suite failed to run';
const TS_DIAGNOSTIC = /^\s*(\S.*?):(\d+):(\d+) - error (TS\d+): (.*)$/;
const SUMMARY_TESTS = /^Tests:\s+(\d+) failed/;
const SUMMARY_SUITES = /^Test Suites:\s+(\d+) failed/;
const REPEAT = /^\s*Summary of all failing tests\s*$/;
const CONFIG_HEADER = /^\s{0,4}● (Validation Error|Configuration error|Multiple configurations found):?\s*$/i;
const CONFIG_DOCS = /^\s*Configuration Documentation:\s*$/;
const TEST_FILE = /(?:^|\s)(\S+\.[cm]?[jt]sx?)$/;
const ERROR_LINE = /^\s*(?:[A-Z]\w*(?:Error|Exception)|Error)(?: \[\w+\])?: /;

/** The suite path of a `FAIL ...` header: drops the duration and a project's display name. */
function suitePath(rest: string): string {
  let s = rest.trim();
  const paren = s.lastIndexOf(' (');
  if (paren > 0 && s.endsWith(')') && /\d/.test(s.slice(paren))) s = s.slice(0, paren).trim();
  const m = TEST_FILE.exec(s);
  return m ? m[1] : s;
}

const isBoundary = (t: string): boolean =>
  SUITE_HEADER.test(t) ||
  BLOCK_HEADER.test(t) ||
  SUMMARY_SUITES.test(t) ||
  t.startsWith('Test Suites:') ||
  REPEAT.test(t);

export const jest: Extractor = {
  name: 'jest',
  // each finding needs a ● block header (tests, suites, configuration) or the failed summary
  triggers: /● |Tests:\s+\d+ failed|Test Suites:\s+\d+ failed/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let suite: string | undefined;
    let repeating = false;
    let summary: Finding | undefined;
    let i = 0;
    while (i < lines.length) {
      const t = lines[i].text;
      if (REPEAT.test(t)) repeating = true;
      const sm = SUMMARY_TESTS.exec(t) ?? SUMMARY_SUITES.exec(t);
      if (sm && Number(sm[1]) > 0 && (!summary || SUMMARY_TESTS.test(t))) {
        summary = {
          kind: 'test-failure',
          tool: 'jest',
          message: oneLine(t),
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_SUMMARY,
        };
      }
      const sh = SUITE_HEADER.exec(t);
      if (sh) {
        suite = suitePath(sh[2]);
        i++;
        continue;
      }
      if (suite === undefined && CONFIG_HEADER.test(t)) {
        const f = configBlock(lines, i);
        if (f) findings.push(f);
        i++;
        continue;
      }
      const bh = BLOCK_HEADER.exec(t);
      if (!bh || repeating || bh[1].trim() === 'Console' || suite === undefined) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < lines.length && end - i < MAX_BLOCK && !isBoundary(lines[end].text)) end++;
      findings.push(...block(lines, i, end - 1, bh[1].trim(), suite));
      i = end;
    }
    if (summary) findings.push(summary);
    return findings;
  },
};

/** A jest-validate block (`● Validation Error:` ...) at index `h`: the run could not start. */
function configBlock(lines: LogLine[], h: number): Finding | undefined {
  let end = h + 1;
  while (
    end < lines.length &&
    end - h < MAX_BLOCK &&
    !CONFIG_DOCS.test(lines[end].text) &&
    !isBoundary(lines[end].text)
  )
    end++;
  const last = lastNonBlank(lines, h, end - 1);
  let m = h + 1;
  while (m <= last && isBlank(lines[m].text)) m++;
  if (m > last) return undefined;
  return {
    kind: 'build-error',
    tool: 'jest',
    message: `${oneLine(lines[h].text).replace(/^● /, '').replace(/:$/, '')}: ${oneLine(lines[m].text)}`,
    logLines: [lines[h].n, lines[last].n],
    weight: WEIGHT_SUITE,
  };
}

/** The findings of one `● name` block, lines `h..last` (indices). */
function block(lines: LogLine[], h: number, last: number, name: string, suite: string): Finding[] {
  const end = lastNonBlank(lines, h, last);
  let m = h + 1;
  while (m <= end && isBlank(lines[m].text)) m++;
  if (m > end) return [];

  // Suite-level TypeScript diagnostics (ts-jest): one compile error each.
  if (name === SUITE_FAILED) {
    const diagnostics: Finding[] = [];
    for (let j = m; j <= end; j++) {
      const d = lines[j].text.length < 2000 ? TS_DIAGNOSTIC.exec(lines[j].text) : null;
      if (!d) continue;
      // The diagnostic, its source line and squiggle.
      let stop = j;
      while (stop < end && stop - j < 3 && !isBlank(lines[stop + 1].text)) stop++;
      if (stop === j && j + 2 <= end) stop = Math.min(end, j + 3);
      diagnostics.push({
        kind: 'compile-error',
        tool: 'jest',
        message: oneLine(d[5]),
        code: d[4],
        file: d[1],
        rawFile: d[1],
        line: Number(d[2]),
        column: Number(d[3]),
        logLines: shownRange(lines[h].n, lines[lastNonBlank(lines, j, stop)].n, [lines[j].n]),
        weight: WEIGHT_SUITE,
      });
    }
    if (diagnostics.length) return diagnostics;
  }

  let messageIndex = m;
  if (/^\s*Jest encountered an unexpected token/.test(lines[m].text)) {
    for (let j = m + 1; j <= end; j++) {
      if (ERROR_LINE.test(lines[j].text)) {
        messageIndex = j;
        break;
      }
    }
  }
  let message = oneLine(lines[messageIndex].text);

  let marker: { index: number; line: number } | undefined;
  let frames: Finding['frames'];
  let framesEnd = -1;
  for (let j = m; j <= end; j++) {
    const text = lines[j].text;
    if (!marker) {
      const ln = codeFrameMarker(text);
      if (ln !== undefined) marker = { index: j, line: ln };
    }
    if (!frames && isFrameText(text)) {
      const b = atBlock(lines, j, end + 1);
      frames = b.frames;
      framesEnd = b.end;
      j = b.end;
    }
  }
  const detailsTo = marker ? marker.index : framesEnd >= 0 ? framesEnd : end;
  if (message.startsWith('expect(')) message = withDetails(message, expectDetails(lines, m + 1, detailsTo));

  const own = firstOwnFrame(frames);
  const file = own?.rawFile ?? suite;
  const finding: Finding = {
    kind: name === SUITE_FAILED ? (isModuleError(message) ? 'dependency' : 'test-failure') : 'test-failure',
    tool: 'jest',
    message,
    file,
    rawFile: file,
    logLines: shownRange(lines[h].n, lines[end].n, [lines[messageIndex].n, marker && lines[marker.index].n]),
    weight: name === SUITE_FAILED ? WEIGHT_SUITE : WEIGHT_TEST,
  };
  if (own) {
    finding.line = own.line;
    if (own.column !== undefined) finding.column = own.column;
  } else if (marker) {
    finding.line = marker.line;
  }
  if (name !== SUITE_FAILED) finding.test = name;
  if (frames?.length) finding.frames = frames;
  return [finding];
}
