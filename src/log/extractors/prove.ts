// Perl's prove (TAP::Harness): test scripts that failed, and the Test Summary Report.
//
//   #   Failed test 'joins words with dashes'     ← Test::More diagnostics (the script's stderr), when
//   #   at t/01-slugify.t line 8.                    they sit right above: part of the finding
//   #          got: 'hello_world'
//   # Looks like you failed 2 tests of 3.
//   [12:28:13] t/01-slugify.t .. Dubious, test returned 2 (wstat 512, 0x200)   ← on a terminal: one line;
//   Failed 2/3 subtests                                                          piped: `name .. ` then
//                                                                                `Dubious, ...` below it
//   Test Summary Report
//   -------------------
//   t/01-slugify.t (Wstat: 512 (exited 2) Tests: 3 Failed: 2)   ← a summary entry: lower weight (a reprint)
//     Failed tests:  2-3
//   t/04-todo.t (Wstat: 0 Tests: 1 Failed: 0)    ← nothing failed (`TODO passed: 1`): not a finding
//     TODO passed:   1
//   Result: FAIL
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_SCRIPT = 80;
export const WEIGHT_SUMMARY_ENTRY = 30;

const MAX_LINE = 2000;
/** Diagnostic lines above a failed script that the finding takes at most. */
const MAX_DIAG = 12;
/** Detail lines under a summary entry. */
const MAX_DETAILS = 6;

const TIMER = /^\[\d\d:\d\d:\d\d\] /;
/** `t/01-basic.t .. ` (the dots pad the names to one width), and whatever follows. */
const NAME = /^(\S+?) \.{2,} ?(.*)$/;
const DUBIOUS = /^Dubious, test returned (\d+) \(wstat \d+, 0x[0-9a-f]+\)$/;
const SUBTESTS = /^(?:Failed \d+\/\d+ subtests|No subtests run|All \d+ subtests passed)$/;
const DIAG = /^#/;
const DIAG_AT = /^#\s+at (\S+) line (\d+)\.$/;
const DIAG_FAILED = /^#\s+Failed test(?: '(.*)')?$/;
/** A die message right above the diagnostics: `Illegal division by zero at lib/Slug.pm line 16.` */
const DIED_AT = /\bat (\S+) line (\d+)\.$/;
const SUMMARY = /^Test Summary Report$/;
const ENTRY = /^(\S+?)\s+\(Wstat: (\d+)(?: \([^)]*\))? Tests: (\d+) Failed: (\d+)\)$/;
const SUMMARY_END = /^(?:Files=\d+, Tests=\d+|Result: )/;

function textOf(line: LogLine | undefined): string {
  if (!line) return '';
  const t = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
  return t.trim();
}

function withoutTimer(t: string): string {
  return TIMER.test(t) ? t.replace(TIMER, '') : t;
}

/** The failed script whose `Dubious` line is lines[i]; `name` when it was on the same line. */
function scriptFailure(lines: LogLine[], i: number, dubious: string, named?: string): Finding | undefined {
  let start = i;
  let name = named;
  if (!name) {
    const prev = NAME.exec(withoutTimer(textOf(lines[i - 1])));
    if (!prev || prev[2] !== '') return undefined;
    name = prev[1];
    start = i - 1;
  }
  const next = textOf(lines[i + 1]);
  const end = SUBTESTS.test(next) ? i + 1 : i;
  // Test::More's diagnostics right above (and a die message above them)
  let top = start;
  let file: string | undefined;
  let line: number | undefined;
  let test: string | undefined;
  for (let j = start - 1; j >= 0 && start - j <= MAX_DIAG; j--) {
    const t = textOf(lines[j]);
    if (t === '' || DIAG.test(t)) {
      if (DIAG.test(t)) top = j;
      const at = DIAG_AT.exec(t);
      if (at) [file, line] = [at[1], +at[2]];
      const failed = DIAG_FAILED.exec(t);
      if (failed?.[1]) test = failed[1];
      continue;
    }
    const died = top < start ? DIED_AT.exec(t) : null;
    if (died) {
      top = j;
      if (!file) [file, line] = [died[1], +died[2]];
    }
    break;
  }
  const subtests = end > i ? next : dubious;
  const f = finding(lines, top, end, {
    kind: 'test-failure',
    tool: 'prove',
    message: `${name}: ${subtests}${test ? ` (${test})` : ''}`,
    test: name,
    weight: WEIGHT_SCRIPT,
  });
  if (file) {
    f.file = file;
    f.rawFile = file;
    if (line) f.line = line;
  }
  return f;
}

export const prove: Extractor = {
  name: 'prove',
  // each finding needs a Dubious, test returned line or the Test Summary Report
  triggers: /Dubious, test returned|Test Summary Report/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let inSummary = false;
    for (let i = 0; i < lines.length; i++) {
      const t = textOf(lines[i]);
      if (t === '') continue;
      if (t.includes('Dubious, test returned')) {
        const own = DUBIOUS.exec(t);
        if (own) {
          const f = scriptFailure(lines, i, t);
          if (f) findings.push(f);
          continue;
        }
        const named = NAME.exec(withoutTimer(t));
        const d = named ? DUBIOUS.exec(named[2]) : null;
        if (named && d) {
          const f = scriptFailure(lines, i, named[2], named[1]);
          if (f) findings.push(f);
        }
        continue;
      }
      if (SUMMARY.test(t)) {
        inSummary = true;
        continue;
      }
      if (!inSummary) continue;
      if (SUMMARY_END.test(t)) {
        inSummary = false;
        continue;
      }
      const e = ENTRY.exec(t);
      if (!e) continue;
      // an entry with nothing failed and a zero wait status only reports `TODO passed` or skips
      const failed = e[2] !== '0' || e[4] !== '0';
      let end = i;
      let detail: string | undefined;
      for (let j = i + 1; j < lines.length && j - i <= MAX_DETAILS; j++) {
        const raw = lines[j].text;
        if (!/^\s+\S/.test(raw) || ENTRY.test(raw.trim())) break;
        detail ??= raw.trim();
        end = j;
      }
      if (!failed) {
        i = end;
        continue;
      }
      findings.push(
        finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'prove',
          message:
            e[4] !== '0' || !detail ? `${e[1]}: ${e[4]} of ${e[3]} tests failed` : `${e[1]}: ${detail}`,
          test: e[1],
          weight: WEIGHT_SUMMARY_ENTRY,
        }),
      );
      i = end;
    }
    return findings;
  },
};
