// Emacs Lisp: ERT failures, byte-compile errors, batch-mode backtraces, package installation errors.
//
//   Test foo-test condition:                          ← ERT (after an optional `Test foo-test backtrace:` block)
//       (ert-test-failed ((should (= 1 2)) :form (= 1 2) :value nil))
//      FAILED  1/3  foo-test (0.000123 sec) at test/foo-test.el:12
//   Ran 3 tests, 2 results as expected, 1 unexpected   ← summary
//   foo.el:12:5: Error: Symbol's value as variable is void: x      ← byte-compile / checkdoc
//   Debugger entered--Lisp error: (void-function foo)  ← batch backtrace (emacs ≤ 26 prints `signal(...)` first)
//   signal(error ("Could not create connection to elpa.gnu.org:443"))
//     error("Could not create connection to %s:%d" "elpa.gnu.org" 443)
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_COMPILE = 90;
export const WEIGHT_ERROR = 75;
export const WEIGHT_SUMMARY = 20;
export const WEIGHT_WARNING = 30;

const MAX_LINE = 4000;
const MAX_BLOCK = 12;
const MAX_FRAMES_SHOWN = 6;

const CONDITION = /^Test (\S+) condition:$/;
const FAILED = /^\s*FAILED\s+\d+\/\d+\s+(\S+)(?:.*? at (\S+?):(\d+))?/;
const RAN = /^Ran (\d+) tests?, (\d+) results? (?:were |was )?as expected, (\d+) unexpected/;
const COMPILE = /^(\S+\.el):(\d+):(\d+): (Error|Warning): (.+)$/;
const DEBUGGER = /^Debugger entered--Lisp error: (.+)$/;
const SIGNAL = /^signal\((\S+) (.+)\)$/;

const isBlank = (s: string): boolean => s.trim() === '';

export const elisp: Extractor = {
  name: 'elisp',
  // each finding needs one of: ERT's condition: and summary, a .el: location, a backtrace's header or signal(
  triggers: /condition:|as expected, |\.el:|Debugger entered--Lisp error: |signal\(/,
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const trimmed = text.trim();
      const c = CONDITION.exec(trimmed);
      if (c) {
        // The condition form (indented), up to the `FAILED  n/m  name` line.
        let end = i;
        let message = '';
        let file: string | undefined;
        let line: number | undefined;
        for (let j = i + 1; j < lines.length && j - i <= 40; j++) {
          const t = lines[j].text;
          const fm = FAILED.exec(t);
          if (fm) {
            end = j;
            if (fm[2]) {
              file = fm[2];
              line = +fm[3];
            }
            break;
          }
          if (isBlank(t) || !/^\s/.test(t)) break;
          if (j - i <= MAX_BLOCK) end = j;
          if (message.length < 200) message = `${message} ${t.trim()}`.trim();
        }
        const f = finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'ert',
          message: message ? `${c[1]}: ${message.slice(0, 200)}` : c[1],
          test: c[1],
          weight: WEIGHT_TEST,
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        out.push(f);
        i = end;
        continue;
      }
      const r = RAN.exec(trimmed);
      if (r) {
        if (+r[3] > 0) {
          let end = i;
          // The list of unexpected results follows: `   FAILED  foo-test`.
          for (let j = i + 1; j < lines.length && j - i <= 20; j++) {
            const t = lines[j].text;
            if (isBlank(t)) continue;
            if (!/^\s*(?:FAILED|SKIPPED)\s/.test(t)) break;
            end = j;
          }
          out.push(
            finding(lines, i, end, {
              kind: 'test-failure',
              tool: 'ert',
              message: trimmed,
              weight: WEIGHT_SUMMARY,
            }),
          );
          i = end;
        }
        continue;
      }
      const cm = text.includes('.el:') ? COMPILE.exec(trimmed) : null;
      if (cm) {
        const error = cm[4] === 'Error';
        out.push(
          finding(lines, i, i, {
            kind: error ? 'compile-error' : 'warning',
            tool: 'byte-compile',
            message: cm[5].trim(),
            file: cm[1],
            line: +cm[2],
            column: +cm[3],
            weight: error ? WEIGHT_COMPILE : WEIGHT_WARNING,
          }),
        );
        continue;
      }
      const d = DEBUGGER.exec(trimmed) ?? (text.startsWith('signal(') ? SIGNAL.exec(trimmed) : null);
      if (d) {
        // The backtrace: indented frames below; show the first few.
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_FRAMES_SHOWN; j++) {
          const t = lines[j].text;
          if (isBlank(t) || !/^\s/.test(t)) break;
          end = j;
        }
        const message = trimmed.startsWith('signal(') ? `(${d[1]} ${d[2]})` : d[1];
        out.push(finding(lines, i, end, { kind: 'exception', tool: 'emacs', message, weight: WEIGHT_ERROR }));
        // Skip the rest of the backtrace.
        let k = end;
        while (k + 1 < lines.length && /^\s+\S/.test(lines[k + 1].text) && k - i < 2000) k++;
        i = k;
      }
    }
    return out;
  },
};
