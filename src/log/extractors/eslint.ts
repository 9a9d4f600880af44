// ESLint problems, in the two formatters CI logs show:
//   stylish (default):  /path/to/file.js            ← an unindented path line
//                         12:5  error  Message  rule-id   ← indented problem lines below it
//   compact:            /path/file.js: line 12, col 5, Error - Message. (rule-id)
// and standard / ts-standard (ESLint underneath), below their banner:
//   standard: Use JavaScript Standard Style (https://standardjs.com)
//     /path/file.js:4:12: Message. (rule-id)      ← indented `path:line:col: message`, all errors
// Errors are 'lint-error'; warnings are 'warning' with a low weight. A parsing error (no rule id) means
// the file does not even parse, so it weighs more than a rule violation.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 60;
export const WEIGHT_PARSING_ERROR = 75;
export const WEIGHT_WARNING = 10;

const MAX_LINE = 2000;
const STYLISH = /^\s+(\d+):(\d+)\s+(error|warning)\s+(\S.*)$/;
const COMPACT = /^(\S.*?): line (\d+), col (\d+), (Error|Warning) - (.*)$/;
const COMPACT_RULE = / \(([@\w][\w@/.-]*)\)$/;
const RULE_ID = /^[@\w][\w@/.-]*$/;
const STANDARD_BANNER = /^[\w-]*standard: (?:Use (?:JavaScript|TypeScript) Standard Style|Run `)/;
const STANDARD = /^\s+(\S.*?):(\d+):(\d+): (\S.*)$/;
const STANDARD_WARNING = / \(warning\)\s*$/;

/** `Message  rule-id` → [message, rule]; the columns are separated by at least two spaces. */
function splitRule(rest: string): [message: string, rule?: string] {
  const t = rest.trimEnd();
  const at = t.lastIndexOf('  ');
  if (at > 0) {
    const rule = t.slice(at).trim();
    if (RULE_ID.test(rule)) return [t.slice(0, at).trim(), rule];
  }
  return [t.trim()];
}

/** Path lines of the stylish format: unindented, one path-looking token (spaces allowed in folders). */
function looksLikePath(text: string): boolean {
  if (text.length === 0 || text.length > 1000 || text[0] === ' ' || text[0] === '\t') return false;
  if (!text.includes('/') && !text.includes('\\') && !text.includes('.')) return false;
  return !text.includes(': ') && !text.endsWith(':');
}

function finding(
  line: LogLine,
  fromLine: LogLine,
  file: string,
  severity: string,
  message: string,
  rule: string | undefined,
  row: number,
  col: number,
): Finding {
  const warning = severity.toLowerCase() === 'warning';
  const parsing = !rule && message.startsWith('Parsing error');
  const f: Finding = {
    kind: warning ? 'warning' : 'lint-error',
    tool: 'eslint',
    message,
    file,
    rawFile: file,
    line: row,
    column: col,
    logLines: [fromLine.n, line.n],
    weight: warning ? WEIGHT_WARNING : parsing ? WEIGHT_PARSING_ERROR : WEIGHT_ERROR,
  };
  if (rule) f.code = rule;
  if (fromLine.segment !== undefined) f.segment = fromLine.segment;
  return f;
}

export const eslint: Extractor = {
  name: 'eslint',
  // each finding needs one of: standard's banner, a stylish error / warning row, the compact format's : line
  // (`\d:` and not `\d+:`: the same lines, but linear; `\d+:` retried every start in a run of digits)
  triggers: /standard: |\d:\d+\s+(?:error|warning)|: line /,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** The stylish file block we are in: its path line, set while problem lines follow it directly. */
    let block: LogLine | undefined;
    let prev: LogLine | undefined;
    let prevWasProblem = false;
    /** Below a standard banner: its indented problem lines follow. */
    let standard = false;
    for (const line of lines) {
      const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
      let isProblem = false;
      if (STANDARD_BANNER.test(text)) {
        standard = true;
        prev = line;
        continue;
      }
      const st = standard ? STANDARD.exec(text) : null;
      if (st) {
        // standard 17 marks rules it will only enforce later: `... (object-shorthand) (warning)`
        const warn = STANDARD_WARNING.exec(st[4]);
        const rest = warn ? st[4].slice(0, warn.index) : st[4];
        const r = COMPACT_RULE.exec(rest);
        const message = (r ? rest.slice(0, r.index) : rest).trim();
        const f = finding(line, line, st[1], warn ? 'warning' : 'error', message, r?.[1], +st[2], +st[3]);
        f.tool = 'standard';
        findings.push(f);
        prev = line;
        continue;
      }
      if (text.trim() && text[0] !== ' ' && text[0] !== '\t') standard = false;
      const s = text.includes('error') || text.includes('warning') ? STYLISH.exec(text) : null;
      if (s) {
        if (!prevWasProblem) block = prev && looksLikePath(prev.text) ? prev : undefined;
        if (block) {
          isProblem = true;
          const [message, rule] = splitRule(s[4]);
          findings.push(finding(line, block, block.text.trim(), s[3], message, rule, +s[1], +s[2]));
        }
      } else if (text.includes(': line ')) {
        const c = COMPACT.exec(text);
        if (c) {
          const r = COMPACT_RULE.exec(c[5]);
          const message = (r ? c[5].slice(0, r.index) : c[5]).trim();
          findings.push(finding(line, line, c[1], c[4], message, r?.[1], +c[2], +c[3]));
        }
      }
      prevWasProblem = isProblem;
      if (!isProblem) block = undefined;
      prev = line;
    }
    return findings;
  },
};
