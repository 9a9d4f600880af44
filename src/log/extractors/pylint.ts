// pylint, in the formats CI logs show:
//
//   ************* Module calc.pricing                                         ← module header
//   calc/pricing.py:24:0: C0116: Missing function or method docstring (missing-function-docstring)
//   calc/pricing.py:2:0: W0611: Unused import os (unused-import)
//   ------------------------------------------------------------------
//   Your code has been rated at 8.33/10
//
//   parseable:   calc/pricing.py:2: [W0611(unused-import), ] Unused import os
//   pylint 1.x:  C:  1, 0: Missing module docstring (missing-docstring)      ← under the module header
//
// One finding per message: code C0116, the symbol kept in the message as printed. Errors (E) and fatal
// messages (F) mean code that will not run and weigh more than conventions (C), refactoring hints (R)
// and warnings (W). The rating line is a summary, not a finding.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 72;
export const WEIGHT_MESSAGE = 60;

const MAX_LINE = 2000;
const MODULE = /^\*{5,} Module (\S+)/;
/** `path:line:col: C0114: message (symbol)`; the column is missing in old `--msg-template`s. */
const TEXT = /^([^\s:][^\s]*?\.py|[A-Za-z]:\\[^\s]*?\.py):(\d+):(?:(\d+):)? ([CRWEFI]\d{4}): (.*)$/;
const PARSEABLE =
  /^([^\s:][^\s]*?\.py|[A-Za-z]:\\[^\s]*?\.py):(\d+): \[([CRWEFI]\d{4})(?:\(([\w-]+)\))?[^\]]*\] (.*)$/;
const OLD = /^([CRWEF]):\s*(\d+),\s*(-?\d+): (.*)$/;

export const pylint: Extractor = {
  name: 'pylint',
  // each finding needs a path.py:line: message line or, for the 1.x format, a ***** Module header
  triggers: /\.py:\d|\*\*\*\*\* Module /,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let module: string | undefined;
    let moduleAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trim();
      if (text.length > MAX_LINE) continue;
      const mod = MODULE.exec(text);
      if (mod) {
        module = mod[1];
        moduleAt = i;
        continue;
      }
      let file: string | undefined;
      let line: number;
      let column: number | undefined;
      let code: string;
      let message: string;
      const t = TEXT.exec(text);
      const p = t ? null : PARSEABLE.exec(text);
      const o = t || p || !module ? null : OLD.exec(text);
      if (t) {
        [file, line, column, code, message] = [
          t[1],
          +t[2],
          t[3] === undefined ? undefined : +t[3],
          t[4],
          t[5],
        ];
      } else if (p) {
        [file, line, code, message] = [p[1], +p[2], p[3], p[4] ? `${p[5]} (${p[4]})` : p[5]];
      } else if (o) {
        // pylint 1.x names the module, not the file: `pkg.mod` → pkg/mod.py (a package is pkg/__init__.py).
        file = `${module!.replace(/\./g, '/')}.py`;
        [line, column, code, message] = [+o[2], +o[3], o[1], o[4]];
      } else {
        if (module && text !== '' && i - moduleAt > 1 && !OLD.test(text)) module = undefined;
        continue;
      }
      if (o) moduleAt = i;
      const severe = code[0] === 'E' || code[0] === 'F';
      const f: Finding = {
        kind: 'lint-error',
        tool: 'pylint',
        message: message.trim(),
        code,
        file,
        rawFile: file,
        line,
        logLines: [lines[i].n, lines[i].n],
        weight: severe ? WEIGHT_ERROR : WEIGHT_MESSAGE,
      };
      if (column !== undefined && column >= 0) f.column = column;
      const seg = lines[i].segment;
      if (seg !== undefined) f.segment = seg;
      findings.push(f);
    }
    return findings;
  },
};
