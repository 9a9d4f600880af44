// ruff check, in its output formats:
//
//   full (default since 0.12-ish):           concise (and the default before 0.5):
//   F401 [*] `os` imported but unused        calc/pricing.py:2:8: F401 [*] `os` imported but unused
//    --> calc/pricing.py:2:8                 calc/pricing.py:5:1: invalid-syntax: Expected `,`, found ...
//     |                                      Found 2 errors.
//   1 | """Prices with discounts."""
//   2 | import os
//     |        ^^
//     |
//   help: Remove unused import: `os`
//   ...
//   invalid-syntax: Expected `,`, found identifier
//    --> bad_call.py:5:1
//
// The full format of 0.5 to 0.11 printed the concise header line followed by the same `|` code frame.
// One finding per violation; its lines are the header and the code frame up to the caret row (the help
// and the suggested fix are left out). `Found N errors.` is a summary, not a finding. Runs of concise
// lines are told apart from flake8's by `lintRuns` (the `[*]` marker, the `Found N errors.` closer).
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { lintFinding, lintRuns } from './flake8.js';

const MAX_LINE = 2000;
/** Lines of a code frame followed at most. */
const MAX_FRAME = 12;

/** `F401 [*] message`, `PLC0206 message`, `invalid-syntax: message`. */
const FULL_HEAD = /^([A-Z]{1,4}\d{1,4}|invalid-syntax)(?::)? (?:\[\*\] )?(.*)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
const FRAME_ROW = /^\s*\d*\s*\|/;

/** The index of the caret row closing the code frame that starts at `from`, or the last frame row. */
function frameEnd(lines: LogLine[], from: number): number {
  let end = from - 1;
  for (let j = from; j < lines.length && j < from + MAX_FRAME; j++) {
    const t = lines[j].text;
    if (!FRAME_ROW.test(t)) break;
    end = j;
    if (/\|\s*[\^~-]+/.test(t) && /\^/.test(t)) break;
  }
  return end;
}

export const ruff: Extractor = {
  name: 'ruff',
  // each finding needs a path.py:line: lint line or the full format's --> arrow
  triggers: /\.py:\d|\.pyi:\d|--> /,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (const run of lintRuns(lines)) {
      if (!run.ruff) continue;
      for (const item of run.items) {
        const f = lintFinding(lines, item, 'ruff');
        const end = frameEnd(lines, item.index + 1);
        if (end > item.index) f.logLines = [lines[item.index].n, lines[end].n];
        findings.push(f);
      }
    }
    // The full format: a code line, then ` --> path:line:col`.
    for (let i = 0; i + 1 < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const arrow = ARROW.exec(lines[i + 1].text);
      if (!arrow) continue;
      const head = FULL_HEAD.exec(text.trim());
      if (!head) continue;
      const end = frameEnd(lines, i + 2);
      const f = lintFinding(
        lines,
        {
          index: i,
          file: arrow[1],
          line: +arrow[2],
          column: +arrow[3],
          code: head[1],
          message: head[2].trim(),
          fixable: text.includes('[*]'),
        },
        'ruff',
      );
      f.logLines = [lines[i].n, lines[Math.max(end, i + 1)].n];
      findings.push(f);
      i = Math.max(end, i + 1);
    }
    return findings;
  },
};
