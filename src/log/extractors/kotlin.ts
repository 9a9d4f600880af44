// Kotlin compiler diagnostics, in the shapes its front ends print:
//
//   kotlinc:             src/Cart.kt:18:18: error: unresolved reference: shipping   (+ source line and caret)
//   Gradle plugin (old): e: /w/src/main/kotlin/Cart.kt: (18, 18): Unresolved reference: shipping
//   Gradle plugin (new): e: file:///w/src/main/kotlin/Cart.kt:18:18 Unresolved reference: shipping
//   Maven plugin:        [ERROR] /w/src/main/kotlin/Cart.kt: (18, 18) Unresolved reference: shipping
//
// `w:` / `warning:` / `[WARNING]` are warnings. The path is kept as printed (`file://` included): path
// normalisation maps it to the repository.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_WARNING = 20;

const MAX_LINE = 2000;
const PREFIX = /^(?:(e|w|error|warning): |\[(ERROR|WARNING)\] )/;
/** After the path: ` (12, 5): msg` / ` (12, 5) msg` / `12:5 msg` / `12:5: error: msg`. */
const OLD_LOC = /^ \((\d+), (\d+)\):? (.*)$/;
const NEW_LOC = /^(\d+):(\d+):? (?:(error|warning): )?(.*)$/;
const CARET = /^\s*\^+\s*$/;

interface Diagnostic {
  file: string;
  line: number;
  column: number;
  error: boolean;
  message: string;
  /** kotlinc's CLI format: a source line and a caret follow. */
  framed: boolean;
}

export function parseKotlinDiagnostic(text: string): Diagnostic | undefined {
  if (text.length > MAX_LINE || !text.includes('.kt')) return undefined;
  let t = text.trim();
  const p = PREFIX.exec(t);
  let severity: string | undefined;
  if (p) {
    severity = (p[1] ?? p[2]).toLowerCase();
    t = t.slice(p[0].length);
  }
  let at = t.indexOf('.kt:');
  let ext = 3;
  if (at < 0) {
    at = t.indexOf('.kts:');
    ext = 4;
  }
  if (at <= 0) return undefined;
  const file = t.slice(0, at + ext);
  if (/\s/.test(file.replace(/^[A-Za-z]:\\/, '')) && !file.startsWith('file://')) return undefined;
  const rest = t.slice(at + ext + 1);
  const old = OLD_LOC.exec(rest);
  if (old) {
    if (!severity) return undefined;
    return {
      file,
      line: +old[1],
      column: +old[2],
      error: severity.startsWith('e'),
      message: old[3].trim(),
      framed: false,
    };
  }
  const neu = NEW_LOC.exec(rest);
  if (!neu) return undefined;
  const sev = neu[3] ?? severity;
  if (!sev) return undefined;
  return {
    file,
    line: +neu[1],
    column: +neu[2],
    error: sev.startsWith('e'),
    message: neu[4].trim(),
    framed: neu[3] !== undefined,
  };
}

export const kotlin: Extractor = {
  name: 'kotlin',
  // every finding has a .kt: or .kts: location
  triggers: /\.kt:|\.kts:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const d = parseKotlinDiagnostic(lines[i].text);
      if (!d) {
        i++;
        continue;
      }
      let end = i;
      if (d.framed && i + 2 < lines.length && CARET.test(lines[i + 2].text)) end = i + 2;
      const f: Finding = {
        kind: d.error ? 'compile-error' : 'warning',
        tool: 'kotlin',
        message: d.message,
        file: d.file,
        rawFile: d.file,
        line: d.line,
        column: d.column,
        logLines: [lines[i].n, lines[end].n],
        weight: d.error ? WEIGHT_ERROR : WEIGHT_WARNING,
      };
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  },
};
