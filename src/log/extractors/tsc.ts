// TypeScript compiler (tsc, tsc -b, vue-tsc ...) diagnostics, in both output styles:
//   plain:  src/a.ts(12,5): error TS2305: Module './x' has no exported member 'foo'.
//   pretty: src/a.ts:12:5 - error TS2305: Module './x' has no exported member 'foo'.
//           <blank> / `12 source line` / `   ~~~` code frame, then indented related-information blocks.
// Indented lines right after a header continue its message (elaborations such as
// "Types of property 'id' are incompatible."). `Found N errors in M files.` is a summary, not a finding.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

/** Lines of a pretty block (frame, related information) we follow at most, so one header cannot swallow a log. */
const MAX_BLOCK = 60;

// The location before the separator is the last whitespace-free token, so monorepo prefixes
// (`app:build: src/a.ts(1,2): error ...`) still work. Found with indexOf, then parsed on a short
// slice: linear in the line length whatever the input.
const PLAIN_LOC = /([^\s()]+)\((\d+),(\d+)\)$/;
const PRETTY_LOC = /(\S+?):(\d+):(\d+)$/;
const CODE = /^(TS\d+): ?/;
/** Diagnostics without a location: `error TS18003: No inputs were found in config file ...`. */
const GLOBAL = /^(error|warning) (TS\d+): /;
/** The gutter of a pretty code frame: `12 source`, or the underline row `   ~~~~`. */
const GUTTER = /^\d+ /;
const SEPARATORS: [sep: string, pretty: boolean, severity: string][] = [
  ['): error ', false, 'error'],
  ['): warning ', false, 'warning'],
  [' - error ', true, 'error'],
  [' - warning ', true, 'warning'],
];

export const WEIGHT_ERROR = 90;
export const WEIGHT_GLOBAL = 85;
export const WEIGHT_WARNING = 30;

interface Header {
  file?: string;
  line?: number;
  column?: number;
  severity: string;
  code: string;
  message: string;
  pretty: boolean;
}

function parseHeader(text: string): Header | undefined {
  if (!text.includes(' TS')) return undefined;
  for (const [sep, pretty, severity] of SEPARATORS) {
    const at = text.indexOf(sep);
    if (at < 0) continue;
    const rest = text.slice(at + sep.length);
    const code = CODE.exec(rest);
    if (!code) continue;
    // `(12,5` of the plain style: the `)` is part of the separator.
    const before = text.slice(Math.max(0, at - 500), at) + (pretty ? '' : ')');
    const loc = (pretty ? PRETTY_LOC : PLAIN_LOC).exec(before);
    if (!loc) continue;
    return {
      file: loc[1],
      line: +loc[2],
      column: +loc[3],
      severity,
      code: code[1],
      message: rest.slice(code[0].length).trim(),
      pretty,
    };
  }
  const trimmed = text.trim();
  const g = GLOBAL.exec(trimmed);
  if (g) return { severity: g[1], code: g[2], message: trimmed.slice(g[0].length).trim(), pretty: false };
  return undefined;
}

const isIndented = (s: string): boolean => s.length > 0 && (s[0] === ' ' || s[0] === '\t');
const isBlank = (s: string): boolean => s.trim() === '';

export const tsc: Extractor = {
  name: 'tsc',
  // every finding is a diagnostic with its TSnnnn code
  triggers: / TS\d/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const h = parseHeader(lines[i].text);
      if (!h) {
        i++;
        continue;
      }
      const start = i;
      let end = i;
      let j = i + 1;
      // Continuation lines of the message: indented, directly below the header.
      while (
        j < lines.length &&
        j - start < MAX_BLOCK &&
        isIndented(lines[j].text) &&
        !isBlank(lines[j].text)
      ) {
        end = j;
        j++;
      }
      if (h.pretty) {
        // The code frame and related information: blank lines, gutter rows and indented lines, until the
        // next unindented line that is not a gutter row (the next diagnostic, `Found N errors`, anything else).
        while (j < lines.length && j - start < MAX_BLOCK) {
          const t = lines[j].text;
          if (isBlank(t)) {
            j++;
            continue;
          }
          if (!isIndented(t) && !GUTTER.test(t)) break;
          if (parseHeader(t)) break;
          end = j;
          j++;
        }
      }
      const first = lines[start];
      const finding: Finding = {
        kind: h.severity === 'warning' ? 'warning' : 'compile-error',
        tool: 'tsc',
        message: h.message,
        code: h.code,
        logLines: [first.n, lines[end].n],
        weight: h.severity === 'warning' ? WEIGHT_WARNING : h.file ? WEIGHT_ERROR : WEIGHT_GLOBAL,
      };
      if (h.file) {
        finding.file = h.file;
        finding.rawFile = h.file;
        finding.line = h.line;
        finding.column = h.column;
      }
      if (first.segment !== undefined) finding.segment = first.segment;
      findings.push(finding);
      i = end + 1;
    }
    return findings;
  },
};
