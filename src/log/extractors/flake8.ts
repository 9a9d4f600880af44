// flake8 (and pycodestyle / pyflakes, which print the same):
//
//   ./thefuck/rules/terraform_init.py:8:9: E128 continuation line under-indented for visual indent
//   calc/pricing.py:2:1: F401 'os' imported but unused
//
// One finding per line. ruff's concise output has the same shape; a run of such lines belongs to ruff
// (not flake8) when a line carries ruff's `[*]` fix marker or ruff's `Found N errors.` summary follows
// the run: `lintRuns` makes that decision once for both extractors. Syntax errors (E999, E902) and
// undefined names (F821, F822, F823) stop code from running and weigh more than style.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_LINT = 60;
export const WEIGHT_BROKEN = 75;

const MAX_LINE = 2000;
/** `path:line:col: CODE rest`; the code is letters then digits (E501, F401, B008, SIM102, PLC0206). */
const LINT_LINE =
  /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+):(\d+): ([A-Z]{1,4}\d{1,4}(?= )|invalid-syntax(?=:)):? (.*)$/;
/** `flake8 --format=pylint`: `path:line: [CODE] message`, no column. */
const PYLINT_FORMAT = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+): \[([A-Z]{1,4}\d{1,4})\] (.*)$/;
/** pylint's own message ids (one letter, four digits): its parseable format is pylint.ts's. */
const PYLINT_ID = /^[CRWEFI]\d{4}$/;
const RUFF_FOUND = /^Found \d+ errors?\b/;
/** Codes only ruff prints (its own rules, its ports of pylint): flake8 has no such plugins. */
const RUFF_ONLY = /^(?:invalid-syntax|RUF\d|PL[CERW]\d)/;
/** Codes for code that cannot run at all. */
const BROKEN = /^(?:E9\d\d|F82[123]|F63[2-4]|invalid-syntax)$/;

export interface LintLine {
  index: number;
  file: string;
  line: number;
  /** Missing in `--format=pylint`. */
  column?: number;
  code: string;
  message: string;
  /** ruff marks fixable violations `[*]`. */
  fixable: boolean;
}

export function parseLintLine(text: string, index: number): LintLine | undefined {
  if (text.length > MAX_LINE || !text.includes(': ')) return undefined;
  const m = LINT_LINE.exec(text.trim());
  if (!m) {
    const p = PYLINT_FORMAT.exec(text.trim());
    if (!p || PYLINT_ID.test(p[3])) return undefined;
    return { index, file: p[1], line: +p[2], code: p[3], message: p[4].trim(), fixable: false };
  }
  // ruff --output-format github: the runner shows `::error ...::msg%0A  help: ...` as one line.
  let message = m[5].split('%0A')[0].trim();
  let fixable = false;
  if (message.startsWith('[*] ')) {
    fixable = true;
    message = message.slice(4).trim();
  }
  return { index, file: m[1], line: +m[2], column: +m[3], code: m[4], message, fixable };
}

export interface LintRun {
  items: LintLine[];
  ruff: boolean;
}

/** Groups `path:line:col: CODE msg` lines into runs (blank lines and headers between them allowed). */
export function lintRuns(lines: LogLine[]): LintRun[] {
  const runs: LintRun[] = [];
  let cur: LintRun | undefined;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const item = parseLintLine(text, i);
    if (item) {
      if (!cur) {
        cur = { items: [], ruff: false };
        runs.push(cur);
      }
      cur.items.push(item);
      if (item.fixable || RUFF_ONLY.test(item.code)) cur.ruff = true;
      gap = 0;
      continue;
    }
    if (!cur) continue;
    const t = text.trim();
    if (RUFF_FOUND.test(t) && !/ in \d+ files? \(checked/.test(t)) {
      cur.ruff = true; // `Found 5 errors.` (mypy's `Found 2 errors in 1 file (checked ...)` is not ruff's)
      cur = undefined;
      continue;
    }
    if (++gap > 3) cur = undefined;
  }
  return runs;
}

export function lintFinding(lines: LogLine[], item: LintLine, tool: string): Finding {
  const f: Finding = {
    kind: 'lint-error',
    tool,
    message: item.message,
    code: item.code,
    file: item.file,
    rawFile: item.file,
    line: item.line,
    ...(item.column !== undefined ? { column: item.column } : {}),
    logLines: [lines[item.index].n, lines[item.index].n],
    weight: BROKEN.test(item.code) ? WEIGHT_BROKEN : WEIGHT_LINT,
  };
  const seg = lines[item.index].segment;
  if (seg !== undefined) f.segment = seg;
  return f;
}

export const flake8: Extractor = {
  name: 'flake8',
  // every finding is a path.py:line: lint line
  triggers: /\.py:\d|\.pyi:\d/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (const run of lintRuns(lines)) {
      if (run.ruff) continue;
      for (const item of run.items) findings.push(lintFinding(lines, item, 'flake8'));
    }
    return findings;
  },
};
