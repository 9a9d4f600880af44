// javac diagnostics, printed directly, through Gradle, or by Ant's javac task:
//
//   src/com/example/Cart.java:18: error: cannot find symbol      ← header: path:line: severity: message
//           return sum + shippingCents;                           ← the source line
//                        ^                                        ← caret under the column
//     symbol:   variable shippingCents                            ← detail lines (symbol, location, required ...)
//     location: class Cart
//   1 error                                                       ← summary: not a finding
//
// Gradle 4 prints the task name glued to the first diagnostic (`:compileJava/abs/path/A.java:3: error: ...`)
// and Ant prefixes every line with `    [javac] `: both are removed. Maven's compiler plugin prints its own
// `path:[line,col]` shape: see maven.ts.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_WARNING = 20;

const MAX_LINE = 2000;
const MAX_DETAIL = 6;

const ANT_PREFIX = /^\s*\[javac\] /;
const HEAD = /^(.+\.java):(\d+)$/;
const GRADLE_TASK = /^:[\w:.-]*(?=\/)/;
const CARET = /^\s*\^\s*$/;
/** A labelled detail line of a diagnostic (javac's resource keys `compiler.misc.location` etc.). */
const DETAIL = /^\s+(symbol|location|required|found|reason)\s*:\s+(\S.{0,300})/;
/** The longest message with its details. */
const MAX_MESSAGE = 500;

/** A labelled detail line as `symbol: method total(int)`, or undefined. */
export function javacDetail(text: string): string | undefined {
  const d = DETAIL.exec(text);
  return d ? `${d[1]}: ${d[2].replace(/\s+/g, ' ').trim()}` : undefined;
}

/** The message with its detail lines: `cannot find symbol; symbol: method total(int); location: class Pricing`. */
export function withJavacDetails(message: string, details: string[]): string {
  if (!details.length) return message;
  const s = `${message}; ${details.join('; ')}`;
  return s.length > MAX_MESSAGE ? s.slice(0, MAX_MESSAGE - 1) + '…' : s;
}
const SEPARATORS: [string, 'error' | 'warning'][] = [
  [': error: ', 'error'],
  [': warning: ', 'warning'],
];

function unprefix(text: string): string {
  const m = ANT_PREFIX.exec(text);
  return m ? text.slice(m[0].length) : text;
}

interface Header {
  file: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

export function parseJavacHeader(text: string): Header | undefined {
  if (text.length > MAX_LINE || !text.includes('.java:')) return undefined;
  const t = unprefix(text);
  for (const [sep, severity] of SEPARATORS) {
    const at = t.indexOf(sep);
    if (at < 0) continue;
    const m = HEAD.exec(t.slice(0, at));
    if (!m) continue;
    let file = m[1].trim();
    const task = GRADLE_TASK.exec(file);
    if (task) file = file.slice(task[0].length);
    return { file, line: +m[2], severity, message: t.slice(at + sep.length).trim() };
  }
  return undefined;
}

export const javac: Extractor = {
  name: 'javac',
  // every finding is a File.java:N: error / warning line
  triggers: /\.java:\d/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const h = parseJavacHeader(lines[i].text);
      if (!h) {
        i++;
        continue;
      }
      let end = i;
      let column: number | undefined;
      // the source line and the caret under it
      if (i + 2 < lines.length && CARET.test(unprefix(lines[i + 2].text))) {
        column = unprefix(lines[i + 2].text).indexOf('^') + 1;
        end = i + 2;
      }
      // detail lines: indented, not another diagnostic; the labelled ones (`symbol:   method total(int)`,
      // `location: class Pricing`, `required:`, `found:`, `reason:`) are part of the message
      const details: string[] = [];
      for (let j = end + 1; j < lines.length && j - end <= MAX_DETAIL; j++) {
        const t = unprefix(lines[j].text);
        if (!/^\s+\S/.test(t) || parseJavacHeader(t)) break;
        const d = javacDetail(t);
        if (d && details.length < MAX_DETAIL) details.push(d);
        end = j;
      }
      const warning = h.severity === 'warning';
      const f: Finding = {
        kind: warning ? 'warning' : 'compile-error',
        tool: 'javac',
        message: withJavacDetails(h.message, details),
        file: h.file,
        rawFile: h.file,
        line: h.line,
        logLines: [lines[i].n, lines[end].n],
        weight: warning ? WEIGHT_WARNING : WEIGHT_ERROR,
      };
      if (column) f.column = column;
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  },
};
