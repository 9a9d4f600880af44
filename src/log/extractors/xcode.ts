// Swift / Objective-C / xcodebuild output, plain and through xcpretty. What they print:
//
//   /path/Foo.swift:12:5: error: cannot find 'x' in scope     ← swiftc / clang diagnostic (plain xcodebuild)
//   ❌  /path/Foo.swift:97:2: unknown attribute 'x'            ← xcpretty's compile error, code frame below
//   ❌  error: Build input file cannot be found: '...'          ← xcpretty, no location
//   Test Case '-[FooTests testBar]' failed (0.01 seconds).     ← XCTest
//   /path/FooTests.m:12: error: -[FooTests testBar] : XCTAssertEqual failed: ...
//   ✗ test_name, reason                                        ← xcpretty's failing test
//   FooTests.BarSpec                                           ← xcpretty's failure summary: suite,
//     test_name, expected to equal 1, got 2                    ←   test and reason,
//     /path/BarSpec.swift:30                                   ←   location
//   xcodebuild: error: Unable to find a destination matching ...
//   ** BUILD FAILED ** / ** TEST FAILED ** / The following build commands failed:   ← closers: low weight
//   [!] CocoaPods error / `    - ERROR | [iOS] ...` pod lib lint results
//
// Plain `.m`/`.mm`/`.h` diagnostics are clang's and left to cc.ts; plain `.swift` ones and XCTest's
// `file:line: error: -[Class method] : ...` assertion lines are taken here.
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_COMPILE = 88;
export const WEIGHT_TEST = 80;
export const WEIGHT_TOOL_ERROR = 70;
export const WEIGHT_POD = 65;
export const WEIGHT_CLOSER = 8;

const MAX_LINE = 2000;
const MAX_FRAME = 6;

const XCPRETTY_ERROR = '❌';
const XCPRETTY_FAIL = '✗';
/** `path:line:col: message` or `path:line: message` after the xcpretty marker. */
const LOCATED = /^(\/?[^\s:]+(?:[^:]*?)):(\d+)(?::(\d+))?: (.*)$/;
/** Plain swiftc diagnostic (Objective-C files are cc.ts's: same format as clang). */
const SWIFT_DIAG = /^(\S[^:]*?\.swift):(\d+):(\d+): (error|warning): (.*)$/;
/** XCTest: `/path/FooTests.m:12: error: -[FooTests testBar] : XCTAssertEqual failed: ...` */
const XCTEST_ERROR = /^(\S[^:]*?):(\d+): error: (-\[\S+ \S+\]|\S+\.\S+) : (.*)$/;
const XCTEST_CASE = /^Test Case '(-\[\S+ \S+\]|[^']+)' failed \(/;
const TOOL_ERROR = /^(?:xcodebuild|xcrun|swift-build|swift-test|swift|pod): error: /;
const POD_BANG = /^\[!\] (.*)$/;
const POD_LINT = /^\s+- ERROR \| (.*)$/;
/**
 * CocoaPods at work in the log (its command, its banner, its files), or named by the `[!]` line itself:
 * other scripts print `[!]` headers too (`[!] Running pep8 check`), which are no CocoaPods errors.
 */
const POD_CONTEXT =
  /\bpod (?:install|update|lib lint|spec lint|repo|trunk|outdated)\b|CocoaPods|Podfile|\.podspec\b|^Analyzing dependencies$/;
const POD_WORDS = /\bpods?\b|\bPods-|podspec|Podfile|CocoaPods|specification/i;
const SUMMARY_LOC = /^\s+(\/\S+):(\d+)$/;
const SUMMARY_TEST = /^\s{2}(\S[^,]*), (.+)$/;
const CLOSERS = /^\*\* (?:BUILD|TEST|ARCHIVE|ANALYZE) FAILED \*\*$/;
const NOT_INSTALLED = /^The program '(swift|xcodebuild|xcpretty|pod)' is currently not installed\./;

const isBlank = (s: string): boolean => s.trim() === '';

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'xcode', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

function locate(f: Finding, file: string, line?: number, column?: number): void {
  f.file = file;
  f.rawFile = file;
  if (line !== undefined) f.line = line;
  if (column !== undefined) f.column = column;
}

/** The code frame under a diagnostic: the source line and the caret row (blank lines skipped), at most 6 lines. */
function frameEnd(lines: LogLine[], i: number): number {
  let end = i;
  for (let j = i + 1; j < lines.length && j <= i + MAX_FRAME; j++) {
    const t = lines[j].text;
    if (isBlank(t)) continue;
    if (t.includes(XCPRETTY_ERROR) || LOCATED.test(t.trim())) break;
    end = j;
    if (/^\s*[~^]+\s*$/.test(t)) break;
  }
  // no caret row: do not claim unrelated lines
  return /^\s*[~^]+\s*$/.test(lines[end].text) ? end : i;
}

export const xcode: Extractor = {
  name: 'xcode',
  // each finding needs one of: the xcpretty marks, a `.swift:` / `.m:` / `.mm:` location, `: error: `
  // (XCTest, the tools), `Test Case '`, CocoaPods' `[!] ` / `- ERROR | `, the not-installed line, a closer
  triggers:
    /❌|✗|\.swift:|\.mm?:\d|: error: |Test Case '|\[!\] |- ERROR \| |is currently not installed|FAILED \*\*|The following build commands failed:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    const pods = lines.some((l) => l.text.length <= MAX_LINE && POD_CONTEXT.test(l.text));
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trim();
      if (text === '') continue;

      const x = raw.indexOf(XCPRETTY_ERROR);
      if (x >= 0) {
        const rest = raw.slice(x + XCPRETTY_ERROR.length).trim();
        const m = LOCATED.exec(rest);
        const end = frameEnd(lines, i);
        const key = rest;
        const f = make(
          'compile-error',
          m ? m[4].trim() : rest.replace(/^error: /, ''),
          lines[i],
          lines[end],
          0,
        );
        f.weight = seen.has(key) ? WEIGHT_CLOSER : m ? WEIGHT_COMPILE : WEIGHT_TOOL_ERROR;
        seen.add(key);
        if (m) locate(f, m[1], +m[2], m[3] ? +m[3] : undefined);
        findings.push(f);
        i = end;
        continue;
      }
      const fail = raw.indexOf(XCPRETTY_FAIL);
      if (fail >= 0 && fail < 40) {
        const rest = raw.slice(fail + XCPRETTY_FAIL.length).trim();
        const comma = rest.indexOf(', ');
        if (comma > 0) {
          const f = make('test-failure', rest.slice(comma + 2), lines[i], lines[i], WEIGHT_TEST);
          f.test = rest.slice(0, comma);
          findings.push(f);
          continue;
        }
      }
      let m = SWIFT_DIAG.exec(text);
      if (m) {
        const end = frameEnd(lines, i);
        const warn = m[4] === 'warning';
        const f = make(
          warn ? 'warning' : 'compile-error',
          m[5],
          lines[i],
          lines[end],
          warn ? 25 : WEIGHT_COMPILE,
        );
        if (seen.has(text)) f.weight = WEIGHT_CLOSER;
        seen.add(text);
        locate(f, m[1], +m[2], +m[3]);
        findings.push(f);
        i = end;
        continue;
      }
      m = XCTEST_ERROR.exec(text);
      if (m) {
        const f = make('assertion', m[4], lines[i], lines[i], WEIGHT_TEST);
        f.test = m[3];
        locate(f, m[1], +m[2]);
        // the `Test Case '...' failed` line just below belongs to the same story
        if (i + 1 < lines.length && XCTEST_CASE.test(lines[i + 1].text.trim())) {
          f.logLines = [lines[i].n, lines[i + 1].n];
          i++;
        }
        findings.push(f);
        continue;
      }
      m = XCTEST_CASE.exec(text);
      if (m) {
        const f = make('test-failure', text, lines[i], lines[i], WEIGHT_TEST - 10);
        f.test = m[1];
        findings.push(f);
        continue;
      }
      m = TOOL_ERROR.exec(text);
      if (m) {
        // the destination specifier and similar details follow after a blank line, indented
        let end = i;
        for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
          if (isBlank(lines[j].text)) continue;
          if (/^\s/.test(lines[j].text)) end = j;
          break;
        }
        findings.push(make('build-error', text, lines[i], lines[end], WEIGHT_TOOL_ERROR));
        i = end;
        continue;
      }
      m = POD_BANG.exec(text);
      if (m && !pods && !POD_WORDS.test(m[1])) m = null;
      m ??= POD_LINT.exec(raw);
      if (m) {
        const f = make('dependency', m[1].trim(), lines[i], lines[i], WEIGHT_POD);
        const loc = /(\/\S+\.(?:swift|m|mm|h)):(\d+):(\d+): error: (.*)$/.exec(m[1]);
        if (loc) {
          f.kind = 'compile-error';
          f.message = loc[4];
          locate(f, loc[1], +loc[2], +loc[3]);
        }
        findings.push(f);
        continue;
      }
      if (NOT_INSTALLED.test(text)) {
        findings.push(make('build-error', text, lines[i], lines[i], WEIGHT_TOOL_ERROR));
        continue;
      }
      if (CLOSERS.test(text) || text === 'The following build commands failed:') {
        findings.push(make('build-error', text, lines[i], lines[i], WEIGHT_CLOSER));
        continue;
      }
      // xcpretty's failure summary: `Suite` / `  test, reason` / `  /path/File.swift:30`
      const st = SUMMARY_TEST.exec(raw);
      if (st) {
        let j = i + 1;
        while (j < lines.length && j <= i + 3 && isBlank(lines[j].text)) j++;
        const loc = j < lines.length ? SUMMARY_LOC.exec(lines[j].text) : null;
        if (loc && /\.(?:swift|m|mm)$/.test(loc[1])) {
          let from = i;
          if (i > 0 && /^\S+\.\S+$/.test(lines[i - 1].text.trim())) from = i - 1;
          else if (i > 1 && isBlank(lines[i - 1].text) && /^[\w.]+$/.test(lines[i - 2].text.trim()))
            from = i - 2;
          const f = make('test-failure', st[2].trim(), lines[from], lines[j], WEIGHT_TEST);
          f.test = st[1].trim();
          locate(f, loc[1], +loc[2]);
          const frame: StackFrame = { rawFile: loc[1], line: +loc[2] };
          f.frames = [frame];
          findings.push(f);
          i = j;
        }
      }
    }
    return findings;
  },
};
