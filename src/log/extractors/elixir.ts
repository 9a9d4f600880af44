// Elixir: ExUnit failures, uncaught `** (Kind) message` errors with their stacktrace, mix compile errors.
//
//   1) test does x (MyApp.FooTest)                 ← ExUnit header
//      test/foo_test.exs:12                        ← location
//      Assertion with == failed                    ← message (or `** (RuntimeError) ...`)
//      code:  assert 1 == 2
//      left:  1
//      right: 2
//      stacktrace:
//        test/foo_test.exs:13: (test)
//
//   ** (RuntimeError) boom                         ← uncaught, frames `    lib/x.ex:3: M.f/1` or `(app) lib/x.ex:3: ...`
//   == Compilation error in file lib/foo.ex ==
//   ** (CompileError) lib/foo.ex:12: undefined function bar/0
//   error: undefined variable "x"                  ← Elixir ≥ 1.15, location `└─ lib/foo.ex:12:5` below
//   N tests, M failures                            ← summary, low weight
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_COMPILE = 90;
export const WEIGHT_UNCAUGHT = 80;
export const WEIGHT_MIX = 60;
export const WEIGHT_SUMMARY = 20;

const MAX_LINE = 2000;
/** Lines of an ExUnit block shown at most (code: blocks can be long). */
const MAX_SHOWN = 24;
const MAX_FRAMES_SHOWN = 8;

const TEST_HEADER = /^(\s*)(\d+)\) (test|doctest|property) (.+) \(([\w.]+)\)$/;
const TEST_LOC = /^\s*(\S+\.exs?):(\d+)$/;
const RAISE = /^(\s*)\*\* \(([\w.]+)\) ?(.*)$/;
const FRAME = /^\s+(?:\(([\w.]+)(?: [\d.]+)?\) )?([^\s:()]+\.(?:exs?|erl|hrl)):(\d+): (.+)$/;
const COMPILE_LOC = /^(\S+\.exs?):(\d+)(?::(\d+))?:\s*(.*)$/;
const COMPILATION_ERROR = /^== Compilation error in file (\S+) ==$/;
const NEW_ERROR = /^error: (.+)$/;
const NEW_LOC = /^\s*└─ (\S+?):(\d+)(?::(\d+))?(?:: .*)?$/;
const SUMMARY2 = /^(?:\d+ (?:doctests?|properties|tests?), )*\d+ tests?, (\d+) failures?/;

const indentOf = (s: string): number => s.length - s.trimStart().length;
const isBlank = (s: string): boolean => s.trim() === '';

function frameOf(t: string): StackFrame | undefined {
  const m = FRAME.exec(t);
  if (!m) return undefined;
  const fr: StackFrame = { rawFile: m[2], line: +m[3], function: m[4].trim(), vendored: m[1] !== undefined };
  return fr;
}

export const elixir: Extractor = {
  name: 'elixir',
  // each finding needs one of: an ExUnit test header, a ** (Error) line, the new compiler's └─ location
  triggers: /\) test |\) doctest |\) property |\*\* \(|└─/,
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    let compiling: string | undefined;
    let sawTest = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const th = TEST_HEADER.exec(text);
      if (th) {
        sawTest = true;
        const indent = th[1].length;
        // The block: lines indented deeper than the header, blank lines inside.
        let end = i;
        let stack = -1;
        let frames = 0;
        const fr: StackFrame[] = [];
        let message = '';
        let file: string | undefined;
        let line: number | undefined;
        for (let j = i + 1; j < lines.length && j - i < 400; j++) {
          const t = lines[j].text;
          if (isBlank(t)) continue;
          if (indentOf(t) <= indent || TEST_HEADER.test(t)) break;
          if (stack < 0 || frames < MAX_FRAMES_SHOWN) end = j;
          const trimmed = t.trim();
          if (file === undefined && j <= i + 2) {
            const loc = TEST_LOC.exec(t);
            if (loc) {
              file = loc[1];
              line = +loc[2];
              continue;
            }
          }
          if (trimmed === 'stacktrace:') {
            stack = j;
            continue;
          }
          if (stack >= 0) {
            frames++;
            const f = frameOf(t);
            if (f) fr.push(f);
            continue;
          }
          if (!message && !/^(code|left|right|arguments|lhs|rhs|assertion):/.test(trimmed)) message = trimmed;
        }
        if (end - i + 1 > MAX_SHOWN && stack < 0) end = i + MAX_SHOWN - 1;
        else if (end - i + 1 > MAX_SHOWN) end = Math.max(i + MAX_SHOWN - 1, stack + 2);
        const name = `${th[3]} ${th[4]}`;
        const f = finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'exunit',
          message: message ? `${name} (${th[5]}): ${message}` : `${name} (${th[5]})`,
          test: `${th[5]} ${name}`,
          weight: WEIGHT_TEST,
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        if (fr.length) f.frames = fr;
        out.push(f);
        // Skip the block, including stack frames beyond those shown.
        let k = end;
        while (k + 1 < lines.length && (isBlank(lines[k + 1].text) || indentOf(lines[k + 1].text) > indent)) {
          if (TEST_HEADER.test(lines[k + 1].text)) break;
          k++;
        }
        i = k;
        continue;
      }
      const ce = COMPILATION_ERROR.exec(text.trim());
      if (ce) {
        compiling = ce[1];
        continue;
      }
      const r = text.startsWith('**') || text.trimStart().startsWith('** (') ? RAISE.exec(text) : null;
      if (r) {
        const kind = r[2];
        let message = r[3].trim();
        let file: string | undefined;
        let line: number | undefined;
        let column: number | undefined;
        const isCompile = /(?:CompileError|SyntaxError|TokenMissingError|MismatchedDelimiterError)$/.test(
          kind,
        );
        if (isCompile) {
          const loc = COMPILE_LOC.exec(message);
          if (loc) {
            file = loc[1];
            line = +loc[2];
            if (loc[3]) column = +loc[3];
            message = loc[4] || message;
          } else if (compiling) file = compiling;
        }
        // Message continuation lines (indented, not frames), then frames.
        let end = i;
        const frames: StackFrame[] = [];
        let shownFrames = 0;
        for (let j = i + 1; j < lines.length && j - i < 200; j++) {
          const t = lines[j].text;
          if (isBlank(t)) break;
          const f = frameOf(t);
          if (f) {
            frames.push(f);
            if (shownFrames < MAX_FRAMES_SHOWN) {
              end = j;
              shownFrames++;
            }
            continue;
          }
          if (frames.length || indentOf(t) === 0) break;
          if (j - i <= 6) end = j;
        }
        if (!file) {
          const top = frames.find((f) => !f.vendored);
          if (top) {
            file = top.rawFile;
            line = top.line;
          }
        }
        const mix = kind === 'Mix';
        const f = finding(lines, i, end, {
          kind: isCompile ? 'compile-error' : mix ? 'build-error' : 'exception',
          tool: isCompile || mix ? 'mix' : 'elixir',
          message: `** (${kind}) ${message}`,
          weight: isCompile ? WEIGHT_COMPILE : mix ? WEIGHT_MIX : WEIGHT_UNCAUGHT,
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
          if (column) f.column = column;
        }
        if (frames.length) f.frames = frames;
        out.push(f);
        i = end;
        compiling = undefined;
        continue;
      }
      const ne = NEW_ERROR.exec(text);
      if (ne) {
        // Elixir ≥ 1.15 diagnostics: the location `└─ file:line:col` follows within a few lines.
        for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
          const loc = NEW_LOC.exec(lines[j].text);
          if (loc) {
            const f = finding(lines, i, j, {
              kind: 'compile-error',
              tool: 'mix',
              message: ne[1].trim(),
              file: loc[1],
              line: +loc[2],
              weight: WEIGHT_COMPILE,
            });
            if (loc[3]) f.column = +loc[3];
            out.push(f);
            i = j;
            break;
          }
          const t = lines[j].text;
          // The diagnostic's frame rows carry a `│` gutter; anything else ends it.
          if (isBlank(t) || (!t.includes('│') && indentOf(t) === 0)) break;
        }
        continue;
      }
      const trimmed = text.trim();
      const s = SUMMARY2.exec(trimmed);
      // rebar3 eunit prints the same `N tests, M failures`: only after ExUnit's own failure blocks.
      if (s && +s[s.length - 1] > 0 && sawTest) {
        out.push(
          finding(lines, i, i, {
            kind: 'test-failure',
            tool: 'exunit',
            message: trimmed,
            weight: WEIGHT_SUMMARY,
          }),
        );
      }
    }
    return out;
  },
};
