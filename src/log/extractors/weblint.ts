// Checks that web projects (HTML, CSS, docs) run in CI and whose output other extractors do not read:
//
// prettier --check (1.x plain, 2.x/3.x with `[warn] `): the unformatted files, then the verdict
//   Checking formatting...
//   [warn] css/theme.css
//   [warn] Code style issues found in the above file. Run Prettier with --write to fix.
//
// markdownlint (markdownlint-cli `file:line[:col] [error] MDxxx/alias text`, and the library's
// result.toString() that gulp tasks print, `file: line: MDxxx/alias text`): consecutive lines are one finding
//   docs/guide.md:4 MD031/blanks-around-fences Fenced code blocks should be surrounded by blank lines
//
// find-unused-sass-variables (fusv): 0.x `✖ Variable $x is not being used!`, later versions a list
//   3 total variables, 1 unused:
//     - $unused-gutter scss/_variables.scss:3
//   Error: Found 1 unused variable in "…/scss" folder
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_LINT = 60;

const MAX_LINE = 2000;
/** Lines one finding takes at most. */
const MAX_BLOCK = 12;

const PRETTIER_VERDICT =
  /^(?:\[warn\] )?(Code style issues (?:were )?found in (?:the above file(?:\(s\)|s)?|\d+ files?)\b.*)$/;
const PRETTIER_FILE = /^(?:\[warn\] )?([^\s[\]]+\.[\w]+)$/;
const MARKDOWNLINT =
  /^(\S[^:]*?\.(?:md|markdown|mdx|mkd)):\s?(\d+)(?::(\d+))?:?\s+(?:(?:error|warning)\s+)?(MD\d{3})((?:\/[\w-]+)*)\s+(\S.*)$/;
const FUSV_OLD = /^✖ Variable (\$[\w-]+) is not being used!$/;
const FUSV_HEADER = /^\d+ total variables?, \d+ unused:$/;
const FUSV_ENTRY = /^- (\$[\w-]+) (\S+?):(\d+)$/;
const FUSV_VERDICT = /^Error: Found \d+ unused variables? in /;
/** fusv 0.x's spinner leaves `- ` lines between its messages. */
const SPINNER = /^[-\\|/]?$/;

function textOf(line: LogLine | undefined): string {
  if (!line) return '';
  return (line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text).trim();
}

function prettier(lines: LogLine[], i: number, verdict: string): Finding {
  let start = i;
  let file: string | undefined;
  for (let j = i - 1; j >= 0 && i - j < MAX_BLOCK; j--) {
    const m = PRETTIER_FILE.exec(textOf(lines[j]));
    if (!m) break;
    start = j;
    file = m[1];
  }
  const f = finding(lines, start, i, {
    kind: 'lint-error',
    tool: 'prettier',
    message: verdict,
    weight: WEIGHT_LINT,
  });
  if (file) {
    f.file = file;
    f.rawFile = file;
  }
  return f;
}

export const weblint: Extractor = {
  name: 'weblint',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const t = textOf(lines[i]);
      if (t === '') continue;

      if (t.includes('Code style issues')) {
        const v = PRETTIER_VERDICT.exec(t);
        if (v) findings.push(prettier(lines, i, v[1]));
        continue;
      }

      if (t.includes(': ') || / MD\d{3}/.test(t)) {
        const md = MARKDOWNLINT.exec(t);
        if (md) {
          let end = i;
          while (
            end + 1 < lines.length &&
            end - i + 1 < MAX_BLOCK &&
            MARKDOWNLINT.test(textOf(lines[end + 1]))
          )
            end++;
          const f = finding(lines, i, end, {
            kind: 'lint-error',
            tool: 'markdownlint',
            message: `${md[4]}${md[5]} ${md[6]}`,
            file: md[1],
            line: +md[2],
            code: md[4],
            weight: WEIGHT_LINT,
          });
          if (md[3]) f.column = +md[3];
          findings.push(f);
          i = end;
          continue;
        }
      }

      const old = t.startsWith('✖ Variable') ? FUSV_OLD.exec(t) : null;
      if (old) {
        let end = i;
        const names = [old[1]];
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK; j++) {
          const u = textOf(lines[j]);
          if (SPINNER.test(u)) continue;
          const more = FUSV_OLD.exec(u);
          if (!more) break;
          names.push(more[1]);
          end = j;
        }
        findings.push(
          finding(lines, i, end, {
            kind: 'lint-error',
            tool: 'fusv',
            message: `Unused Sass variable${names.length > 1 ? 's' : ''}: ${names.join(', ')}`,
            weight: WEIGHT_LINT,
          }),
        );
        i = end;
        continue;
      }

      if (FUSV_HEADER.test(t)) {
        const first = FUSV_ENTRY.exec(textOf(lines[i + 1]));
        if (!first) continue;
        const names: string[] = [];
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK; j++) {
          const e = FUSV_ENTRY.exec(textOf(lines[j]));
          if (!e) {
            if (FUSV_VERDICT.test(textOf(lines[j]))) end = j;
            break;
          }
          names.push(e[1]);
          end = j;
        }
        findings.push(
          finding(lines, i + 1, end, {
            kind: 'lint-error',
            tool: 'fusv',
            message: `Unused Sass variable${names.length > 1 ? 's' : ''}: ${names.join(', ')}`,
            file: first[2],
            line: +first[3],
            weight: WEIGHT_LINT,
          }),
        );
        i = end;
      }
    }
    return findings;
  },
};
