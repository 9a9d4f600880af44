// C and C++ toolchains: gcc / g++ / clang diagnostics, the linker, make.
//
//   src/cart.c: In function 'cart_total':                          ← context (gcc), shown with the error
//   src/cart.c:8:18: error: 'shipping' undeclared (first use ...)  ← file:line[:col]: severity: message
//       8 |     return sum + shipping;                             ← code frame (gcc ≥ 9: `N |`, clang: plain)
//         |                  ^~~~~~~~
//   src/cart.c:8:18: note: each undeclared identifier ...          ← notes: part of the story, not findings
//   src/report.c:1:10: fatal error: missing.h: No such file or directory
//   /usr/bin/ld: /tmp/cc.o: in function `main':                     ← linker context
//   main.c:(.text+0x31): undefined reference to `cart_discount'    ← the linker error
//   collect2: error: ld returned 1 exit status                     ← the linker's closer: low weight
//   make: *** [Makefile:8: src/cart.o] Error 1                     ← make's closer: kind 'exit'
// Only files with C/C++/ObjC/CUDA extensions (and headers) are read as compiler diagnostics, so other
// tools' `file:line:col: error:` lines are left to their extractors.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_FATAL = 92;
export const WEIGHT_LINK = 85;
export const WEIGHT_WARNING = 25;
export const WEIGHT_CLOSER = 3;
export const WEIGHT_MAKE = 2;
export const WEIGHT_ASSERT = 90;

/** glibc's failed `assert()`: `prog: src/x.c:8: main: Assertion `expr' failed.` */
const ASSERT_FAILED =
  /^(?:(\S+): )?(\S+?\.(?:c|cc|cpp|cxx|h|hpp)):(\d+): (.+?): Assertion [`'](.*)' failed\.$/;

const MAX_LINE = 2000;
const MAX_FRAME = 6;

const DIAG =
  /^(.+?\.(?:c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|ipp|inl|tcc|m|mm|cu|cuh)):(\d+)(?::(\d+))?: (fatal error|error|warning): (.+)$/;
const CONTEXT =
  /^(?:.+?): (?:In (?:function|member function|constructor|destructor|instantiation|static member function|lambda function)|At global scope|In file included from)/;
const INCLUDED_FROM = /^(?:In file included from|\s+from) \S+:\d+[:,]/;
// linear: `^\s*\d*\s*\|` backtracks quadratically over a long run of leading spaces
const FRAME_ROW = /^\s*(?:\d+\s*)?\|/;
const CARET_ROW = /^\s*[~^][~^\s]*$/;
const UNDEFINED_REF =
  /^(?:\/\S*ld(?:\.\w+)?: )?(.+?):\(\.\w[^)]*\): (undefined reference to .+|multiple definition of .+)$/;
const LD_ERROR =
  /^(?:\/\S*\/)?ld(?:\.\w+)?: (?:error: )?(cannot find -l\S+|undefined reference to .+|.*: undefined reference to .+)$/;
const CLANG_LINK = /^(?:ld\.lld|ld64\.lld|ld): error: (undefined symbol: .+)$/;
const COLLECT2 = /^(?:collect2|clang(?:\+\+)?(?:-\d+)?): error: (?:ld|linker command) (?:returned|failed)/;
const MAKE_ERROR = /^(?:g?make(?:\[\d+\])?): \*\*\* (?:\[(.+?)\] )?(.+)$/;

const isBlank = (s: string): boolean => s.trim() === '';

function push(findings: Finding[], f: Finding, first: LogLine): void {
  if (first.segment !== undefined) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}

export const cc: Extractor = {
  name: 'cc',
  // each finding needs one of: a diagnostic's error: / warning:, a failed assert(), the linkers' errors, make's ***
  triggers:
    /error: |warning: |: Assertion |undefined reference|multiple definition|cannot find -l|undefined symbol: |: \*\*\* /,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;

      const d = text.includes('error: ') || text.includes('warning: ') ? DIAG.exec(text) : null;
      if (d) {
        const severity = d[4];
        // The context lines above (In function ..., In file included from ...).
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
          const t = lines[k].text;
          if (CONTEXT.test(t) || INCLUDED_FROM.test(t)) from = k;
          else break;
        }
        // The code frame below: gcc's `N | code` / `  | ^~~`, clang's plain source + caret lines.
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_FRAME; j++) {
          const t = lines[j].text;
          if (FRAME_ROW.test(t) || CARET_ROW.test(t)) {
            end = j;
            continue;
          }
          // clang: the source line (no gutter) directly followed by the caret line.
          if (j === i + 1 && !isBlank(t) && CARET_ROW.test(lines[j + 1]?.text ?? '')) {
            end = j;
            continue;
          }
          break;
        }
        const error = severity !== 'warning';
        let message = d[5].trim();
        let code: string | undefined;
        const flag = / \[(-W[\w=+-]+)\]$/.exec(message);
        if (flag) {
          code = flag[1];
          message = message.slice(0, message.length - flag[0].length);
        }
        const f: Finding = {
          kind: error ? 'compile-error' : 'warning',
          tool: 'cc',
          message,
          file: d[1],
          line: +d[2],
          logLines: [lines[severity === 'warning' ? i : from].n, lines[end].n],
          weight: severity === 'fatal error' ? WEIGHT_FATAL : error ? WEIGHT_ERROR : WEIGHT_WARNING,
        };
        if (d[3]) f.column = +d[3];
        if (code) f.code = code;
        push(findings, f, lines[from]);
        i = end;
        continue;
      }

      const a = text.includes(': Assertion ') ? ASSERT_FAILED.exec(text) : null;
      if (a) {
        findings.push({
          kind: 'assertion',
          tool: 'cc',
          message: `Assertion \`${a[5]}' failed in ${a[4]}`,
          rawFile: a[2],
          file: a[2],
          line: +a[3],
          ...(a[1] ? { test: a[1] } : {}),
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_ASSERT,
        });
        continue;
      }

      const ur =
        text.includes('undefined reference') || text.includes('multiple definition')
          ? UNDEFINED_REF.exec(text)
          : null;
      const le = ur ? null : (LD_ERROR.exec(text) ?? CLANG_LINK.exec(text));
      if (ur || le) {
        // `/usr/bin/ld: x.o: in function `main':` just above gives the context.
        const from = i > 0 && /: in function [`'].*':$/.test(lines[i - 1].text) ? i - 1 : i;
        const message = ur ? ur[2] : le![1];
        const f: Finding = {
          kind: 'compile-error',
          tool: 'ld',
          message,
          logLines: [lines[from].n, lines[i].n],
          weight: WEIGHT_LINK,
        };
        if (ur && !/^\/tmp\//.test(ur[1]) && !ur[1].endsWith('.o')) {
          f.file = ur[1];
        }
        const sym = /[`'"]([^`'"]+)['"]$/.exec(message);
        if (sym) f.code = sym[1];
        push(findings, f, lines[from]);
        continue;
      }

      if (COLLECT2.test(text)) {
        push(
          findings,
          {
            kind: 'build-error',
            tool: 'ld',
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_CLOSER,
          },
          lines[i],
        );
        continue;
      }

      const mk = text.startsWith('make') || text.startsWith('gmake') ? MAKE_ERROR.exec(text) : null;
      if (mk) {
        push(
          findings,
          {
            kind: 'exit',
            tool: 'make',
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_MAKE,
          },
          lines[i],
        );
      }
    }
    return findings;
  },
};
