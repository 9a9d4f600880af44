// Erlang: erlc / rebar3 compile errors, eunit failures, common_test failures, crash reports.
//
//   src/foo.erl:12:5: syntax error before: ')'           ← erlc (also `src/foo.erl:12: ...`, rebar3 prefixes
//   foo_tests: bar_test...*failed*                        ←   none; `Warning:` lines are warnings)
//   in function foo_tests:'-bar_test/0-fun-0-'/0 (test/foo_tests.erl, line 8)
//   **error:{assertEqual,[{module,foo_tests}, ...]}
//   suite:send_recv failed on line 593                    ← common_test
//   Reason: timetrap_timeout
//   Test run failed! Reason:                              ← common_test could not run at all
//   {'EXIT',{error,{invalid_directory,"/path/test"}}}
//   ** gen_event handler x crashed.                        ← `** ` crash report block
//   ===> Compilation failed / ===> Failed ... / Failed N tests.  ← summaries, low weight
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_COMPILE = 90;
export const WEIGHT_TEST = 85;
export const WEIGHT_CRASH = 70;
export const WEIGHT_SUMMARY = 25;
export const WEIGHT_WARNING = 30;

const MAX_LINE = 2000;
const MAX_BLOCK = 12;
/** eunit's verbose block: `in function` / `in call from` lines, `**error:...`, `output:<<"">>`. */
const MAX_EUNIT = 24;
const MAX_REBAR_SHOWN = 10;

const COMPILE = /^(\S+\.(?:erl|hrl|yrl|xrl|escript|app\.src)):(\d+)(?::(\d+))?: (Warning: |warning: )?(.+)$/;
const EUNIT_FAIL = /^\s*(\S+?): (\S+?)(?: \(.*\))?\.\.\.(?:\[[\d.]+ s\] )?\*failed\*$/;
const EUNIT_ERROR = /^\s*\*\*(error|throw|exit):(.*)$/;
/** rebar3's eunit report: `Failures:` then `  1) mod:test/0` + `Failure/Error: ...` blocks. */
const REBAR_ITEM = /^\s+(\d+)\) (\S+?:\S+?\/\d+)$/;
const REBAR_SUMMARY = /^\d+ tests?, (\d+) failures?/;
const CT_FAIL = /^(\w+):(\w+) failed(?: on line (\d+))?$/;
const CT_RUN_FAILED = /^Test run failed! Reason:$/;
const CRASH = /^\*\* (.+ crashed\.|Generic server .+ terminating|Reason for termination ==.*)$/;
const REBAR = /^===> (.+)$/;
const SUMMARY = /^(?:Failed: (\d+)\.\s+Skipped: \d+\.\s+Passed: \d+\.|TEST COMPLETE, (\d+) failed.*)$/;

const isBlank = (s: string): boolean => s.trim() === '';

export const erlang: Extractor = {
  name: 'erlang',
  // each finding needs one of: rebar3's Failures:, a common_test or eunit failure line, a compiler
  // location (.erl: ...), a crash report, a ===> line, a summary
  triggers:
    /\.erl:|\.hrl:|\.yrl:|\.xrl:|\.escript:|\.app\.src:|Failures:|Test run failed! Reason:|\*failed\*|Reason:|crashed\.|Generic server |Reason for termination ==|===> |Failed: \d|TEST COMPLETE, /,
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    let inFailures = false;
    let sawRebar = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      if (text.trim() === 'Failures:') {
        inFailures = true;
        continue;
      }
      if (CT_RUN_FAILED.test(text.trim())) {
        // the reason: the next non-blank line (an Erlang term, possibly over a few lines)
        let j = i + 1;
        while (j < lines.length && j - i <= 3 && isBlank(lines[j].text)) j++;
        if (j < lines.length && !isBlank(lines[j].text) && j - i <= 3) {
          let end = j;
          while (end + 1 < lines.length && end - i < MAX_BLOCK && !isBlank(lines[end + 1].text)) end++;
          out.push(
            finding(lines, i, end, {
              kind: 'build-error',
              tool: 'common_test',
              message: `Test run failed: ${lines[j].text.trim().slice(0, 200)}`,
              weight: WEIGHT_CRASH,
            }),
          );
          i = end;
        }
        continue;
      }
      const ri = inFailures ? REBAR_ITEM.exec(text) : null;
      if (ri) {
        sawRebar = true;
        let end = i;
        let message = '';
        for (let j = i + 1; j < lines.length && j - i <= 200; j++) {
          const t = lines[j].text;
          if (isBlank(t) || REBAR_ITEM.test(t) || /^\s*Output:/.test(t)) break;
          if (j - i <= MAX_REBAR_SHOWN) end = j;
          const fe = /^\s*Failure\/Error: (.*)$/.exec(t);
          if (fe && !message) message = fe[1].trim();
        }
        out.push(
          finding(lines, i, end, {
            kind: 'test-failure',
            tool: 'eunit',
            message: message ? `${ri[2]}: ${message}` : `${ri[2]} failed`,
            test: ri[2],
            weight: WEIGHT_TEST,
          }),
        );
        i = end;
        continue;
      }
      const rs = REBAR_SUMMARY.exec(text.trim());
      if (rs) {
        inFailures = false;
        // ExUnit prints the same `N tests, M failures`: only after rebar3's own failure items.
        if (+rs[1] > 0 && sawRebar)
          out.push(
            finding(lines, i, i, {
              kind: 'test-failure',
              tool: 'eunit',
              message: text.trim(),
              weight: WEIGHT_SUMMARY,
            }),
          );
        continue;
      }
      const c = text.includes('.') ? COMPILE.exec(text) : null;
      if (c) {
        const warning = c[4] !== undefined;
        const f = finding(lines, i, i, {
          kind: warning ? 'warning' : 'compile-error',
          tool: 'erlc',
          message: c[5].trim(),
          file: c[1],
          line: +c[2],
          weight: warning ? WEIGHT_WARNING : WEIGHT_COMPILE,
        });
        if (c[3]) f.column = +c[3];
        // OTP ≥ 24 prints the source line and a caret under the diagnostic: `%   12| foo(` / `%    |     ^`.
        let end = i;
        for (let j = i + 1; j < lines.length && j <= i + 3 && lines[j].text.startsWith('%'); j++) end = j;
        f.logLines = [lines[i].n, lines[end].n];
        out.push(f);
        i = end;
        continue;
      }
      const e = EUNIT_FAIL.exec(text);
      if (e) {
        // The block: `in function ...`, `**error:...`, `  output:<<"">>`, until a blank line or the next test.
        let end = i;
        let message = '';
        let file: string | undefined;
        let line: number | undefined;
        for (let j = i + 1; j < lines.length && j - i <= MAX_EUNIT; j++) {
          const t = lines[j].text;
          if (
            isBlank(t) ||
            EUNIT_FAIL.test(t) ||
            /\.\.\.(?:\[[\d.]+ s\] )?ok$/.test(t) ||
            /^\s*\[done in /.test(t)
          )
            break;
          end = j;
          const loc = /\((\S+\.erl), line (\d+)\)/.exec(t);
          if (loc && !file) {
            file = loc[1];
            line = +loc[2];
          }
          const err = EUNIT_ERROR.exec(t);
          if (err && !message) message = `${err[1]}:${err[2].trim()}`;
          if (/^\s*output:<<"">>$/.test(t)) break;
        }
        const test = `${e[1]}:${e[2]}`;
        const f = finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'eunit',
          message: message ? `${test}: ${message}` : `${test} failed`,
          test,
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
      const ct = CT_FAIL.exec(text.trim());
      if (ct && i + 1 < lines.length && lines[i + 1].text.startsWith('Reason:')) {
        let end = i + 1;
        for (let j = i + 2; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const t = lines[j].text;
          if (isBlank(t) || !/^\s/.test(t)) break;
          end = j;
        }
        const f = finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'common_test',
          message: `${ct[1]}:${ct[2]} failed: ${lines[i + 1].text.slice('Reason:'.length).trim()}`,
          test: `${ct[1]}:${ct[2]}`,
          weight: WEIGHT_TEST,
        });
        if (ct[3]) f.line = +ct[3];
        out.push(f);
        i = end;
        continue;
      }
      const cr = CRASH.exec(text);
      if (cr) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const t = lines[j].text;
          if (!t.startsWith('** ') && !/^\s+\S/.test(t)) break;
          end = j;
        }
        out.push(
          finding(lines, i, end, { kind: 'exception', tool: 'erlang', message: cr[1], weight: WEIGHT_CRASH }),
        );
        i = end;
        continue;
      }
      const r = REBAR.exec(text);
      if (r && /\b(?:error|failed|failure|unable|not found|could not)\b/i.test(r[1])) {
        const dependency = /(?:fetch|dependenc|package|hex|resolve)/i.test(r[1]);
        out.push(
          finding(lines, i, i, {
            kind: dependency ? 'dependency' : 'build-error',
            tool: 'rebar3',
            message: r[1].trim(),
            weight: WEIGHT_SUMMARY + 15,
          }),
        );
        continue;
      }
      const s = SUMMARY.exec(text.trim());
      if (s && +(s[1] ?? s[2]) > 0) {
        out.push(
          finding(lines, i, i, {
            kind: 'test-failure',
            tool: 'erlang',
            message: text.trim(),
            weight: WEIGHT_SUMMARY,
          }),
        );
      }
    }
    return out;
  },
};
