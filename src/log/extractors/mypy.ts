// mypy:
//
//   calc/pricing.py:15: error: Incompatible types in assignment (expression has type "float", ...)  [assignment]
//   calc/pricing.py:15:9: error: ...  [assignment]                 ← --show-column-numbers
//   calc/pricing.py:3: note: See https://mypy.readthedocs.io/...    ← notes belong to the error above
//   Found 2 errors in 1 file (checked 3 source files)               ← summary, not a finding
//
// --pretty wraps the message onto unindented continuation lines and adds the source line with a caret:
//   calc/pricing.py:15: error: Incompatible types in assignment (expression has type "float", variable
//   has type "int")  [assignment]
//               result += items[name]
//               ^~~~~~~~~~~~~~~~~~~~~
//
// One finding per error (kind 'compile-error': a type checker error with a location), its notes and
// pretty frame in its lines. Errors without a line (`mypy: error: ...`, `path: error: ...`) are findings
// too, weaker.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 88;
export const WEIGHT_GLOBAL = 80;

const MAX_LINE = 2000;
/** Notes and frame lines followed at most. */
const MAX_BLOCK = 12;
const LOC = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?)(?::(\d+))?(?::(\d+))?$/;
const CODE = /\s\s\[([a-z][a-z0-9-]*)\]$/;
const SUMMARY = /^(?:Found \d+ errors? in \d+ files?|Success: no issues found)/;

interface Diagnostic {
  file?: string;
  line?: number;
  column?: number;
  severity: 'error' | 'note' | 'warning';
  message: string;
}

function parse(text: string): Diagnostic | undefined {
  if (text.length > MAX_LINE) return undefined;
  for (const severity of ['error', 'note', 'warning'] as const) {
    const sep = `: ${severity}: `;
    const at = text.indexOf(sep);
    if (at <= 0) continue;
    const where = text.slice(0, at);
    const message = text.slice(at + sep.length);
    if (where === 'mypy') return { severity, message };
    const m = LOC.exec(where);
    if (!m) continue;
    const d: Diagnostic = { file: m[1], severity, message };
    if (m[2]) d.line = +m[2];
    if (m[3]) d.column = +m[3];
    return d;
  }
  return undefined;
}

export const mypy: Extractor = {
  name: 'mypy',
  // every finding is a : error: line
  triggers: /: error: /,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const d = parse(lines[i].text.trimEnd());
      if (!d || d.severity !== 'error') {
        i++;
        continue;
      }
      let message = d.message;
      let end = i;
      let j = i + 1;
      // --pretty: the message continues on unindented lines until the `  [code]` suffix.
      if (!CODE.test(message)) {
        for (let k = j; k < lines.length && k < i + 4; k++) {
          const t = lines[k].text.trimEnd();
          if (t === '' || /^\s/.test(t) || parse(t) || SUMMARY.test(t)) break;
          message += ` ${t.trim()}`;
          end = k;
          j = k + 1;
          if (CODE.test(t)) break;
        }
      }
      // Notes on the same file and the pretty source/caret lines.
      while (j < lines.length && j - i < MAX_BLOCK) {
        const t = lines[j].text.trimEnd();
        const n = parse(t);
        if (n && n.severity === 'note' && n.file === d.file) {
          end = j++;
          continue;
        }
        // the pretty frame: the source line, then the caret row under it
        if (!n && /^\s+\S/.test(t) && j + 1 < lines.length && /^\s*\^~*\s*$/.test(lines[j + 1].text)) {
          end = j + 1;
          j += 2;
          continue;
        }
        break;
      }
      const code = CODE.exec(message);
      const f: Finding = {
        kind: 'compile-error',
        tool: 'mypy',
        message: (code ? message.slice(0, code.index) : message).trim(),
        logLines: [lines[i].n, lines[end].n],
        weight: d.line ? WEIGHT_ERROR : WEIGHT_GLOBAL,
      };
      if (code) f.code = code[1];
      if (d.file) {
        f.file = d.file;
        f.rawFile = d.file;
      }
      if (d.line) f.line = d.line;
      if (d.column) f.column = d.column;
      const seg = lines[i].segment;
      if (seg !== undefined) f.segment = seg;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  },
};
