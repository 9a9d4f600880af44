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
//
// gulp (4.x; every line of its own prefixed `[HH:MM:SS] `):
//   [13:02:36] 'styles' errored after 704 μs     ← the task that failed, then its error and stack
//   [13:02:36] Error: unknown theme "night"
//       at styles (/path/gulpfile.js:11:8)
//   [13:02:36] 'build' errored after 3.64 ms     ← the series containing it: a consequence, lower
//   [13:02:44] Task never defined: default       ← configuration errors
//   [13:02:40] The following tasks did not complete: serve, watchless
//   [13:02:40] Did you forget to signal async completion?
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_LINT = 60;
export const WEIGHT_GULP_TASK = 55;
export const WEIGHT_GULP_CONFIG = 65;
/** A task errored only because a task inside it did (a series or parallel around it). */
export const WEIGHT_GULP_PARENT = 10;

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
const GULP_TIME = /^\[\d\d:\d\d:\d\d\] /;
const GULP_ERRORED = /^'([^']+)' errored after \S+(?: \S+)?$/;
const GULP_CONFIG =
  /^(Task never defined: .+|Task '.+' is not in your gulpfile|Task function must be specified|The following tasks did not complete: .+)$/;
const GULP_ASYNC = /^Did you forget to signal async completion\?$/;
const STACK_FRAME = /^\s+at \S/;
/** fusv 0.x's spinner leaves `- ` lines between its messages. */
const SPINNER = /^[-\\|/]?$/;

function textOf(line: LogLine | undefined): string {
  if (!line) return '';
  return (line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text).trim();
}

function gulpText(line: LogLine | undefined): string | undefined {
  const t = textOf(line);
  return GULP_TIME.test(t) ? t.replace(GULP_TIME, '') : undefined;
}

/** `'task' errored after …` and the error gulp prints under it (its message line and stack). */
function gulpTask(lines: LogLine[], i: number, task: string, nested: boolean): Finding {
  let end = i;
  let message: string | undefined;
  for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK; j++) {
    const g = gulpText(lines[j]);
    if (g !== undefined) {
      if (GULP_ERRORED.test(g) || g.startsWith('Starting ') || g.startsWith('Finished ')) break;
      message ??= g;
      end = j;
      continue;
    }
    if (!STACK_FRAME.test(lines[j].text) && textOf(lines[j]) !== '' && message === undefined) break;
    if (textOf(lines[j]) === '') break;
    end = j;
  }
  return finding(lines, i, end, {
    kind: 'build-error',
    tool: 'gulp',
    message: message ? `'${task}': ${message}` : `'${task}' errored`,
    weight: nested ? WEIGHT_GULP_PARENT : WEIGHT_GULP_TASK,
  });
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
    /** The gulp task that errored last: the ones erroring right after it are the series around it. */
    let gulpErroredAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const t = textOf(lines[i]);
      if (t === '') continue;

      if (t.charCodeAt(0) === 91 /* [ */ && GULP_TIME.test(t)) {
        const g = t.replace(GULP_TIME, '');
        const errored = GULP_ERRORED.exec(g);
        if (errored) {
          const nested = gulpErroredAt >= 0 && i - gulpErroredAt <= MAX_BLOCK + 1;
          const f = gulpTask(lines, i, errored[1], nested);
          findings.push(f);
          gulpErroredAt = i;
          continue;
        }
        const config = GULP_CONFIG.exec(g);
        if (config) {
          const next = gulpText(lines[i + 1]);
          const end = next !== undefined && GULP_ASYNC.test(next) ? i + 1 : i;
          findings.push(
            finding(lines, i, end, {
              kind: 'build-error',
              tool: 'gulp',
              message: end > i ? `${config[1]}: ${next}` : config[1],
              weight: WEIGHT_GULP_CONFIG,
            }),
          );
          i = end;
        }
        continue;
      }

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
