// Vitest (3.x, 4.x) failures. What `vitest run` prints after the per-file tree (colours stripped):
//
//   ⎯⎯⎯⎯⎯⎯ Failed Suites 1 ⎯⎯⎯⎯⎯⎯⎯                              ← a file that failed to load
//    FAIL  test/missing.test.js [ test/missing.test.js ]
//   Error: Cannot find module '../src/parse.js' imported from /home/.../test/missing.test.js
//    ❯ test/missing.test.js:2:1
//   ⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯⎯[1/4]⎯
//   ⎯⎯⎯⎯⎯⎯⎯ Failed Tests 3 ⎯⎯⎯⎯⎯⎯⎯
//    FAIL  test/slug.test.js > slugify > joins words with one dash   ← one or more headers share an error
//   AssertionError: expected 'hello---big-world!' to be 'hello-big-world' // Object.is equality
//   Expected: "hello-big-world"
//   Received: "hello---big-world!"
//    ❯ initials src/slug.js:10:20                                      ← frames: `❯ [fn] path:line:col`
//         10|   return user.name.first[0] + user.name.last[0];        ← code frame under the first frame
//           |                    ^
//   ⎯⎯⎯⎯⎯⎯ Unhandled Errors ⎯⎯⎯⎯⎯⎯
//   ⎯⎯⎯⎯⎯ Uncaught Exception ⎯⎯⎯⎯⎯                                ← or Unhandled Rejection / Error
//   Error: late callback failed
//    ❯ Timeout._onTimeout test/timer.test.js:5:11
//   This error originated in "test/timer.test.js" test file. ...
//   The latest test that might've caused the error is "schedules a callback". ...
//        Tests  3 failed | 3 passed (6)                             ← the summary: low weight
//
// The location of a finding is the first non-vendored frame, else the header's file.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';
import {
  MAX_BLOCK,
  atBlock,
  expectDetails,
  firstOwnFrame,
  isBlank,
  isCaretLine,
  isFrameText,
  isModuleError,
  lastNonBlank,
  oneLine,
  shownRange,
  vitestFrame,
  withDetails,
} from './jsframes.js';

export const WEIGHT_TEST = 90;
export const WEIGHT_SUITE = 88;
export const WEIGHT_UNHANDLED = 85;
export const WEIGHT_SUMMARY = 3;

const FAIL_HEADER = /^\s*FAIL\s+(\S.*)$/;
const SUMMARY = /^\s*Tests\s+(\d+) failed/;
const ORIGINATED = /This error originated in "([^"]+)" test file/;
const LATEST_TEST = /The latest test that might've caused the error is "([^"]+)"/;
const UNHANDLED_KIND = /^(?:Uncaught Exception|Unhandled Rejection|Unhandled Error|Unhandled Errors)$/;

type Section = 'none' | 'failed' | 'unhandled';

const isSeparator = (t: string): boolean => t.trimStart().startsWith('⎯');
/** The title inside a `⎯⎯ Title ⎯⎯` line ('' for plain separators, `[1/4]` for counters). */
const separatorTitle = (t: string): string => t.replace(/⎯/g, '').trim();

/** `test/a.test.js > suite > name`, `|project| test/a.test.js > name`, `test/a.test.js [ test/a.test.js ]`. */
function parseHeader(rest: string): { file: string; test?: string } {
  let s = rest.trim();
  if (s.startsWith('|')) {
    const close = s.indexOf('| ', 1);
    if (close > 0) s = s.slice(close + 2).trim();
  }
  const bracket = s.indexOf(' [ ');
  if (bracket > 0 && s.endsWith(' ]')) s = s.slice(0, bracket).trim();
  const parts = s.split(' > ');
  const file = parts[0].trim();
  const test = parts.slice(1).join(' > ').trim();
  return test ? { file, test } : { file };
}

export const vitest: Extractor = {
  name: 'vitest',
  // each finding needs a ⎯ section rule (failed tests, unhandled errors) or the failed summary
  triggers: /⎯|Tests\s+\d+ failed/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let section: Section = 'none';
    let summary: Finding | undefined;
    let i = 0;
    while (i < lines.length) {
      const t = lines[i].text;
      if (isSeparator(t)) {
        const title = separatorTitle(t);
        if (/^Failed (?:Tests|Suites) \d+$/.test(title)) section = 'failed';
        else if (title === 'Unhandled Errors' || title === 'Unhandled Error') section = 'unhandled';
        if (section === 'unhandled' && UNHANDLED_KIND.test(title) && title !== 'Unhandled Errors') {
          const end = blockEnd(lines, i + 1);
          const f = unhandled(lines, i, end);
          if (f) findings.push(f);
          i = end;
          continue;
        }
        i++;
        continue;
      }
      const sm = SUMMARY.exec(t);
      if (sm && Number(sm[1]) > 0) {
        summary = {
          kind: 'test-failure',
          tool: 'vitest',
          message: oneLine(t),
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_SUMMARY,
        };
        section = 'none';
      }
      if (section === 'failed' && FAIL_HEADER.test(t)) {
        const headers: number[] = [];
        let j = i;
        while (j < lines.length && FAIL_HEADER.test(lines[j].text)) headers.push(j++);
        const end = blockEnd(lines, j);
        findings.push(...failed(lines, headers, j, end));
        i = end;
        continue;
      }
      i++;
    }
    if (summary) findings.push(summary);
    return findings;
  },
};

/** Index of the line after the block starting at `from`: the next separator, FAIL header or summary. */
function blockEnd(lines: LogLine[], from: number): number {
  let j = from;
  while (
    j < lines.length &&
    j - from < MAX_BLOCK &&
    !isSeparator(lines[j].text) &&
    !FAIL_HEADER.test(lines[j].text) &&
    !SUMMARY.test(lines[j].text)
  )
    j++;
  return j;
}

interface ErrorBody {
  message: string;
  messageIndex: number;
  frames: StackFrame[];
  /** The caret line of the first code frame. */
  caret?: number;
  last: number;
}

/** The error of a block `from..end-1`: message, details, frames, caret. */
function errorBody(lines: LogLine[], from: number, end: number): ErrorBody | undefined {
  let m = from;
  while (m < end && isBlank(lines[m].text)) m++;
  if (m >= end) return undefined;
  const frames: StackFrame[] = [];
  let caret: number | undefined;
  let firstFrame = end;
  for (let j = m + 1; j < end; j++) {
    const text = lines[j].text;
    const f = vitestFrame(text);
    if (f) {
      if (frames.length < 100) frames.push(f);
      if (firstFrame === end) firstFrame = j;
    } else if (isFrameText(text)) {
      const b = atBlock(lines, j, end);
      frames.push(...b.frames.slice(0, 100));
      if (firstFrame === end) firstFrame = j;
      j = b.end;
    } else if (caret === undefined && isCaretLine(text)) {
      caret = j;
    }
  }
  let message = oneLine(lines[m].text);
  message = withDetails(message, expectDetails(lines, m + 1, firstFrame - 1));
  return { message, messageIndex: m, frames, caret, last: lastNonBlank(lines, m, end - 1) };
}

function failed(lines: LogLine[], headers: number[], from: number, end: number): Finding[] {
  const body = errorBody(lines, from, end);
  if (!body) return [];
  const out: Finding[] = [];
  const own = firstOwnFrame(body.frames);
  for (const h of headers) {
    const header = parseHeader(FAIL_HEADER.exec(lines[h].text)?.[1] ?? '');
    const file = own?.rawFile ?? header.file;
    const kind = header.test ? 'test-failure' : isModuleError(body.message) ? 'dependency' : 'test-failure';
    const f: Finding = {
      kind,
      tool: 'vitest',
      message: body.message,
      file,
      rawFile: file,
      logLines: shownRange(lines[h].n, lines[body.last].n, [
        lines[body.messageIndex].n,
        body.caret !== undefined ? lines[body.caret].n : undefined,
      ]),
      weight: header.test ? WEIGHT_TEST : WEIGHT_SUITE,
    };
    if (own?.line !== undefined) f.line = own.line;
    if (own?.column !== undefined) f.column = own.column;
    if (header.test) f.test = header.test;
    if (body.frames.length) f.frames = body.frames;
    out.push(f);
  }
  return out;
}

function unhandled(lines: LogLine[], title: number, end: number): Finding | undefined {
  const body = errorBody(lines, title + 1, end);
  if (!body) return undefined;
  let origin: string | undefined;
  let test: string | undefined;
  for (let j = body.messageIndex; j < end; j++) {
    const text = lines[j].text;
    origin ??= ORIGINATED.exec(text)?.[1];
    test ??= LATEST_TEST.exec(text)?.[1];
  }
  const own = firstOwnFrame(body.frames);
  const file = own?.rawFile ?? origin;
  // Show the error and its frames; the explanation after them is boilerplate.
  let last = body.messageIndex;
  for (let j = body.messageIndex; j < end && !ORIGINATED.test(lines[j].text); j++) {
    if (!isBlank(lines[j].text)) last = j;
  }
  const f: Finding = {
    kind: 'exception',
    tool: 'vitest',
    message: body.message,
    logLines: shownRange(lines[title].n, lines[last].n, [lines[body.messageIndex].n]),
    weight: WEIGHT_UNHANDLED,
  };
  if (file) {
    f.file = file;
    f.rawFile = file;
  }
  if (own?.line !== undefined) f.line = own.line;
  if (own?.column !== undefined) f.column = own.column;
  if (test) f.test = test;
  if (body.frames.length) f.frames = body.frames;
  return f;
}
