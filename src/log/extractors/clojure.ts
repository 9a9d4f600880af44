// Clojure: clojure.test / leiningen failures, compiler exceptions, dependency resolution.
//
//   FAIL in (adds-numbers) (core_test.clj:7)         ← also `ERROR in (...) (file:line)`
//   optional message line
//   expected: (= 5 (add 2 2))
//     actual: (not (= 5 4))
//   Ran 2 tests containing 3 assertions.  /  1 failures, 0 errors.  /  Tests failed.   ← summaries
//   Syntax error compiling at (foo/core.clj:12:5).   ← + the message on the next line
//   Could not find artifact g:a:jar:1.0 in central (https://...)   ← dependency block
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_COMPILE = 90;
export const WEIGHT_DEPENDENCY = 70;
export const WEIGHT_SUMMARY = 20;

const MAX_LINE = 2000;
const MAX_BLOCK = 12;
const MAX_ERROR_FRAMES = 3;

const FAIL = /^(FAIL|ERROR) in \((.*?)\) \((\S+?):(\d+)\)$/;
const SYNTAX =
  /^(Syntax error|Unexpected error|Execution error)(?: \(([\w.]+)\))? (?:compiling|macroexpanding|reading source|\S.*?)? ?at \((\S+?):(\d+)(?::(\d+))?\)\.?$/;
const COMPILER_EX = /^Exception in thread "main" (\S+): (.*?)\s*\((\S+\.clj[cs]?):(\d+)(?::(\d+))?\)$/;
const ARTIFACT = /^Could not (?:find|transfer) artifact (\S+)/;
const DEP_TAIL =
  /^(?:Failed to read artifact descriptor|This could be due to a typo in :dependencies|If you are behind a proxy)/;
const RAN = /^Ran \d+ tests? containing \d+ assertions?\.?$/;
const COUNTS = /^(\d+) failures?, (\d+) errors?\.?$/;

const isBlank = (s: string): boolean => s.trim() === '';

export const clojure: Extractor = {
  name: 'clojure',
  // each finding needs one of: clojure.test's FAIL/ERROR in (, a Clojure error header, a compiler
  // exception of main, an artifact not found, the failure counts (`\d failures?`, not `\d+`: linear on digit runs)
  triggers:
    /FAIL in \(|ERROR in \(|Syntax error|Unexpected error|Execution error|Exception in thread "main" |Could not find artifact |Could not transfer artifact |\d failures?, \d+ error/,
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const trimmed = text.trim();
      const f = FAIL.exec(trimmed);
      if (f) {
        let end = i;
        let sawActual = -1;
        let sawExpected = false;
        let message = '';
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const t = lines[j].text.trim();
          if (isBlank(t) || FAIL.test(t) || RAN.test(t)) break;
          // After `actual:`, an ERROR shows the exception's first frames only.
          if (sawActual >= 0 && (!/^\s/.test(lines[j].text) || j - sawActual > MAX_ERROR_FRAMES)) break;
          end = j;
          if (!message && sawActual < 0 && !sawExpected && !/^(expected|actual):/.test(t)) message = t;
          if (t.startsWith('expected:')) sawExpected = true;
          if (/^actual:/.test(t)) {
            sawActual = j;
            if (f[1] === 'FAIL') break;
          }
        }
        const test = f[2];
        const actual = lines
          .slice(i + 1, end + 1)
          .map((l) => l.text.trim())
          .find((t) => t.startsWith('actual:'));
        out.push(
          finding(lines, i, end, {
            kind: 'test-failure',
            tool: 'clojure.test',
            message: [`${f[1]} in (${test})`, message, actual].filter(Boolean).join(': '),
            test,
            // ERROR locations name where the exception was thrown (often a Java class): keep Clojure sources only.
            ...(/\.clj[cs]?$/.test(f[3]) ? { file: f[3], line: +f[4] } : {}),
            weight: WEIGHT_TEST,
          }),
        );
        i = end;
        continue;
      }
      const s = SYNTAX.exec(trimmed) ?? COMPILER_EX.exec(trimmed);
      if (s) {
        const syntax =
          trimmed.startsWith('Syntax') || trimmed.startsWith('Unexpected') || trimmed.startsWith('Execution');
        let end = i;
        let message = syntax ? trimmed : `${s[1]}: ${s[2]}`;
        if (syntax && i + 1 < lines.length && !isBlank(lines[i + 1].text)) {
          end = i + 1;
          message = `${trimmed} ${lines[i + 1].text.trim()}`;
        }
        const file = syntax ? s[3] : s[3];
        const fi = finding(lines, i, end, {
          kind: trimmed.startsWith('Syntax') ? 'compile-error' : 'exception',
          tool: 'clojure',
          message,
          file,
          line: +s[4],
          weight: WEIGHT_COMPILE,
        });
        if (s[5]) fi.column = +s[5];
        out.push(fi);
        i = end;
        continue;
      }
      const a = ARTIFACT.exec(trimmed);
      if (a) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const t = lines[j].text.trim();
          if (!ARTIFACT.test(t) && !DEP_TAIL.test(t)) break;
          end = j;
        }
        out.push(
          finding(lines, i, end, {
            kind: 'dependency',
            tool: 'leiningen',
            message: trimmed,
            weight: WEIGHT_DEPENDENCY,
          }),
        );
        i = end;
        continue;
      }
      const c = COUNTS.exec(trimmed);
      if (c && +c[1] + +c[2] > 0) {
        const start = i > 0 && RAN.test(lines[i - 1].text.trim()) ? i - 1 : i;
        out.push(
          finding(lines, start, i, {
            kind: 'test-failure',
            tool: 'clojure.test',
            message: trimmed,
            weight: WEIGHT_SUMMARY,
          }),
        );
      }
    }
    return out;
  },
};
