// Haskell: GHC diagnostics, cabal / stack failures, hspec / tasty / QuickCheck test failures.
//
//   src/Foo.hs:12:5: error: [GHC-88464]          ← header (also `error:` alone, old `Warning:`,
//       Variable not in scope: bar :: Int            `error: [-Wunused-imports, -Werror=unused-imports]`,
//      |                                             ranges `src/Foo.hs:(12,5)-(13,7): error:`)
//   12 | main = bar                               ← code frame
//      |        ^^^
//
// A warning is a compile error when the log says `Failing due to -Werror.` or the header carries `-Werror=`.
// cabal / stack: `cabal: Failed to build ...`, `Error: cabal: ...`, `cabal: Could not resolve dependencies:`,
// `Error: While constructing the build plan, ...`, `--  While building package foo-0.1 (scroll up ...)`.
// hspec: `  1) Foo.bar does x` with its indented block under `Failures:`, `N examples, M failures`;
// tasty: `    name: FAIL` with its indented block, `N out of M tests failed`; QuickCheck `*** Failed! ...`.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_TEST = 80;
export const WEIGHT_BUILD = 60;
export const WEIGHT_SUMMARY = 20;
export const WEIGHT_WARNING = 30;

const MAX_LINE = 2000;
/** Lines of one diagnostic or test block we follow at most. */
const MAX_BLOCK = 16;

const HEADER =
  /^(\S[^:]*?\.(?:hs|lhs|hsc|hs-boot|x|y)):(?:(\d+):(\d+)(?:-\d+)?|\((\d+),(\d+)\)-\(\d+,\d+\)):\s*(error|warning|Error|Warning)\b:?\s*(.*)$/;
const FLAGS = /^\[([^\]]*)\]\s*/;
const WERROR = /Failing due to -Werror/;
/** stack prefixes a dependency's build output with its name: `alex      > src/X.hs:3:1: warning: ...`. */
const STACK_PREFIX = /^[\w.-]+\s+> ?/;
const body = (t: string): string => (t.includes('> ') ? t.replace(STACK_PREFIX, '') : t);
const CABAL = /^(?:Error: )?(cabal(?:\.exe)?|stack(?:\.exe)?): ([^\s|>].*)$/;
const STACK_ERROR = /^Error: (While constructing the build plan.*|\[S-\d+\].*)$/;
const WHILE_BUILDING = /^--\s+While building (?:package|custom Setup\.hs for package) (.+)$/;
const HSPEC_ITEM = /^\s*(\d+)\) (\S.*)$/;
const HSPEC_LOC = /^\s*(\S+\.l?hs):(\d+):(\d+):\s*$/;
const HSPEC_SUMMARY = /^\d+ examples?, (\d+) failures?/;
const TASTY_FAIL = /^(\s+)(\S.*?):\s+FAIL(?: \([\d.]+s\))?$/;
const TASTY_SUMMARY = /^(\d+) out of (\d+) tests failed/;
const QC_FAIL = /^\*\*\* Failed! (.*)$/;
/** A row of GHC's code frame: `12 | source` (not indented) or `   | ^^^`. */
const GUTTER = /^\s*\d* ?\|/;
const TEST_SUITE = /^Test suite (\S+): FAIL$/;

const indentOf = (s: string): number => s.length - s.trimStart().length;
const isBlank = (s: string): boolean => s.trim() === '';

function push(
  out: Finding[],
  lines: LogLine[],
  start: number,
  end: number,
  f: Omit<Finding, 'logLines'>,
): void {
  const finding: Finding = { ...f, logLines: [lines[start].n, lines[end].n] };
  if (finding.file) finding.rawFile = finding.file;
  const seg = lines[start].segment;
  if (seg !== undefined) finding.segment = seg;
  out.push(finding);
}

/** The indented block under a header (blank lines allowed inside when more indented lines follow). */
function blockEnd(lines: LogLine[], start: number, minIndent: number, stop?: (t: string) => boolean): number {
  let end = start;
  for (let j = start + 1; j < lines.length && j - start <= MAX_BLOCK; j++) {
    const t = body(lines[j].text);
    if (isBlank(t)) continue;
    if ((indentOf(t) < minIndent && !GUTTER.test(t)) || (stop && stop(t))) break;
    end = j;
  }
  return end;
}

export const haskell: Extractor = {
  name: 'haskell',
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    let werror = false;
    for (const l of lines) if (l.text.length <= MAX_LINE && WERROR.test(l.text)) werror = true;
    let inFailures = false;
    let sawHspec = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const hb = body(text);
      const h = hb.includes('.') && hb.includes(':') ? HEADER.exec(hb) : null;
      if (h) {
        let message = h[7].trim();
        let code: string | undefined;
        const flags = FLAGS.exec(message);
        if (flags) {
          code = flags[1];
          message = message.slice(flags[0].length);
        }
        const end = blockEnd(lines, i, 1, (t) => HEADER.test(t));
        // The message is on the header line (old style) or the first indented line below.
        if (!message && end > i)
          message = body(lines[i + 1].text)
            .trim()
            .replace(/^[•*]\s*/, '');
        const dependency = hb !== text;
        const severe = /^[eE]/.test(h[6]) || (werror && !dependency) || (code ?? '').includes('-Werror');
        // A dependency's warnings (stack-prefixed) are noise: never the reason the build failed.
        if (!severe && dependency) {
          i = end;
          continue;
        }
        push(out, lines, i, end, {
          kind: severe ? 'compile-error' : 'warning',
          tool: 'ghc',
          message,
          ...(code ? { code } : {}),
          file: h[1],
          line: +(h[2] ?? h[4]),
          column: +(h[3] ?? h[5]),
          weight: severe ? (dependency ? WEIGHT_BUILD : WEIGHT_ERROR) : WEIGHT_WARNING,
        });
        i = end;
        continue;
      }
      const trimmed = text.trim();
      if (trimmed === 'Failures:') {
        inFailures = true;
        continue;
      }
      // At column 0 only: `stack: |-` in an indented YAML block (TAP diagnostics) is not stack the tool.
      const cabal = text === trimmed ? CABAL.exec(trimmed) : null;
      if (cabal) {
        const end = blockEnd(lines, i, 1);
        const msg = cabal[2].trim();
        const dependency =
          /resolve dependencies|build plan|unknown package|Could not find module|HTTP|download/i.test(msg);
        push(out, lines, i, Math.min(end, i + 8), {
          kind: dependency ? 'dependency' : 'build-error',
          tool: cabal[1].replace(/\.exe$/, ''),
          message: msg,
          weight: WEIGHT_BUILD,
        });
        i = Math.min(end, i + 8);
        continue;
      }
      const se = STACK_ERROR.exec(trimmed);
      if (se) {
        const end = blockEnd(lines, i, 1);
        push(out, lines, i, Math.min(end, i + 10), {
          kind: /build plan/.test(se[1]) ? 'dependency' : 'build-error',
          tool: 'stack',
          message: se[1],
          weight: WEIGHT_BUILD,
        });
        i = Math.min(end, i + 10);
        continue;
      }
      const wb = WHILE_BUILDING.exec(trimmed);
      if (wb) {
        push(out, lines, i, i, {
          kind: 'build-error',
          tool: 'stack',
          message: `While building ${wb[1]}`,
          weight: WEIGHT_BUILD - 10,
        });
        continue;
      }
      // rspec prints the same `Failures:` / `  1) name` shape: hspec's items follow their `file.hs:l:c:` line.
      if (inFailures && i > 0 && HSPEC_LOC.test(lines[i - 1].text)) {
        const item = HSPEC_ITEM.exec(text);
        if (item) {
          sawHspec = true;
          // hspec prints the location on the line above the numbered item.
          let start = i;
          let file: string | undefined;
          let line: number | undefined;
          let column: number | undefined;
          const loc = i > 0 ? HSPEC_LOC.exec(lines[i - 1].text) : null;
          if (loc) {
            start = i - 1;
            file = loc[1];
            line = +loc[2];
            column = +loc[3];
          }
          const end = blockEnd(lines, i, indentOf(text) + 1, (t) => HSPEC_LOC.test(t) || HSPEC_ITEM.test(t));
          const msgLine = end > i ? lines[i + 1].text.trim() : '';
          push(out, lines, start, end, {
            kind: 'test-failure',
            tool: 'hspec',
            message: msgLine ? `${item[2]}: ${msgLine}` : item[2],
            test: item[2],
            ...(file ? { file, line, column } : {}),
            weight: WEIGHT_TEST,
          });
          i = end;
          continue;
        }
      }
      const hs = HSPEC_SUMMARY.exec(trimmed);
      if (hs) {
        inFailures = false;
        if (+hs[1] > 0 && sawHspec)
          push(out, lines, i, i, {
            kind: 'test-failure',
            tool: 'hspec',
            message: trimmed,
            weight: WEIGHT_SUMMARY,
          });
        continue;
      }
      const tf = TASTY_FAIL.exec(text);
      if (tf) {
        const end = blockEnd(lines, i, tf[1].length + 1);
        const msgLine = end > i ? lines[i + 1].text.trim() : '';
        push(out, lines, i, end, {
          kind: 'test-failure',
          tool: 'tasty',
          message: msgLine ? `${tf[2]}: ${msgLine}` : tf[2],
          test: tf[2],
          weight: WEIGHT_TEST,
        });
        i = end;
        continue;
      }
      const ts = TASTY_SUMMARY.exec(trimmed);
      if (ts) {
        push(out, lines, i, i, {
          kind: 'test-failure',
          tool: 'tasty',
          message: trimmed,
          weight: WEIGHT_SUMMARY,
        });
        continue;
      }
      const qc = QC_FAIL.exec(trimmed);
      if (qc) {
        const end = Math.min(
          blockEnd(lines, i, 0, (t) => isBlank(t) || /^\s*\d+\)|^\S+:\s*(OK|FAIL)/.test(t)),
          i + 6,
        );
        push(out, lines, i, end, {
          kind: 'assertion',
          tool: 'quickcheck',
          message: trimmed,
          weight: WEIGHT_TEST - 5,
        });
        i = end;
        continue;
      }
      const suite = TEST_SUITE.exec(trimmed);
      if (suite) {
        push(out, lines, i, i, {
          kind: 'test-failure',
          tool: 'cabal',
          message: trimmed,
          test: suite[1],
          weight: WEIGHT_SUMMARY,
        });
      }
    }
    return out;
  },
};
