// The `tools` set: real outputs of single tools (../shared/data/tool-outputs, formats in its README.md).
//
// - reviewdog/errorformat testdata: `X.in` is a tool's output, `X.ok` the entries errorformat reads from it,
//   one `file|line col N [type]| message` a line (continuation lines follow without `|`). For the tools an
//   extractor claims (ERRORFORMAT_TOOLS), an entry is recalled when some finding of the report has the same
//   file (one path a suffix of the other, at a `/` boundary) and line, and a message containing the entry's
//   key part (its first line without severity words, codes, the rule/linter suffix; first 40 characters).
// - nodejs/node-core-utils Jenkins consoles: `expected.json` gives the failure's reason text; the case is a
//   hit when the lines shown (logLines of the first 5 findings) contain the log line that starts it.
// Everything else of tool-outputs is listed as skipped with the reason (TOOL_SKIPS). Pure except the loader.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding } from '../../src/types.js';
import { shownLines } from './score.js';

/**
 * errorformat testdata name → the extractor family that claims the tool (src/log/extractors/index.ts).
 * Tools no extractor claims are skipped (listed in the results), not scored.
 */
export const ERRORFORMAT_TOOLS: Record<string, string> = {
  tsc: 'tsc',
  eslint: 'eslint',
  'eslint-compact': 'eslint',
  standardjs: 'eslint',
  'golangci-lint': 'go',
  govet: 'go',
  golint: 'go',
  staticcheck: 'go',
  mypy: 'mypy',
  flake8: 'flake8',
  pep8: 'flake8',
  'cargo-check': 'rust',
  clippy: 'rust',
  rubocop: 'ruby',
  standardrb: 'ruby',
  msbuild: 'dotnet',
  dotnet: 'dotnet',
  sbt: 'scala',
  scalac: 'scala',
  luacheck: 'lua',
};

/** Why the other parts of tool-outputs are not scored. */
export const TOOL_SKIPS: Record<string, string> = {
  'analysis-model-parser-fixtures':
    'the expected issues live in the Java tests of jenkinsci/analysis-model, not in the data',
  'gotestsum-testdata':
    'format/ and summary/ are gotestsum renderings (not scored); input/*.out (go test -json) are scored on the failing tests their own fail events name',
  'jest-e2e-snapshots': "jest's own snapshot files (JS template strings), no per-failure expectation",
  'rust-book-listing-outputs': 'output.txt listings without an expectation file',
  'pytest-doc-outputs': 'index.json says only whether a block has a failure, not where',
};

export interface ExpectedEntry {
  file: string;
  line: number;
  /** The first line of the message as errorformat read it. */
  message: string;
}

/** Reads an errorformat `.ok` file: entries with a file and a line; entries without either are left out. */
export function parseErrorformatOk(text: string): { entries: ExpectedEntry[]; unlocated: number } {
  const entries: ExpectedEntry[] = [];
  let unlocated = 0;
  for (const raw of text.split('\n')) {
    const m = /^([^|]*)\|([^|]*)\|\s?(.*)$/.exec(raw.replace(/\r$/, ''));
    if (!m) continue; // a continuation line of the previous entry's message
    const line = /^(\d+)/.exec(m[2].trim());
    if (!m[1].trim() || !line) {
      unlocated++;
      continue;
    }
    entries.push({ file: m[1].trim(), line: Number(line[1]), message: m[3] });
  }
  return { entries, unlocated };
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** The part of an expected message a finding's message must contain. */
export function messageKey(message: string): string {
  let s = message.trim().split(/\s{2,}/)[0]; // eslint stylish: the rule name after a run of spaces
  s = s.replace(/^(?:error|warning|info|note|fatal error)\b\s*:?\s*/i, '');
  s = s.replace(/^[A-Z]+\d+\s*:?\s+/, ''); // CS0618: / E401 / MSB3884:
  s = s.replace(/^[A-Z][A-Za-z]+\/[A-Za-z]+:\s+/, ''); // rubocop Style/Cop:
  s = s.replace(/\s*(?:\([\w-]+\)|\[[^\]]*\])\s*$/, ''); // (errcheck) / [project.csproj]
  return norm(s).slice(0, 40).trim();
}

const slashes = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');

/** One path is the other, or ends with it at a `/` boundary. */
export function sameFile(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = slashes(a);
  const y = slashes(b);
  if (x === y) return true;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  return long.endsWith('/' + short);
}

type Located = Pick<Finding, 'file' | 'rawFile' | 'line' | 'message' | 'places'>;

/** Whether some finding recalls the entry (a repeated finding at any of its places). */
export function recalls(entry: ExpectedEntry, findings: ReadonlyArray<Located>): boolean {
  const key = messageKey(entry.message);
  return findings.some(
    (f) =>
      (sameFile(f.file, entry.file) || sameFile(f.rawFile, entry.file)) &&
      [{ line: f.line, message: f.message }, ...(f.places ?? [])].some(
        (p) => p.line === entry.line && norm(p.message ?? f.message).includes(key),
      ),
  );
}

export interface ToolCase {
  id: string;
  /** errorformat: the extractor family claiming the tool; jenkins: 'jenkins'. */
  family: string;
  logFile: string;
  /** errorformat entries. */
  entries?: ExpectedEntry[];
  /** go test -json: the failing tests (leaves: no failing subtest of theirs), `pkg TestName`. */
  tests?: string[];
  /** node-core-utils: the first line of the failure's reason. */
  reason?: string;
}

export interface ToolCases {
  errorformat: ToolCase[];
  jenkins: ToolCase[];
  skipped: string[];
}

/**
 * The failing tests of a go test -json stream, from its own `"Action":"fail"` events with a Test: the leaves
 * (a parent fails with its failing subtest; only the subtest is expected), as `pkg name`.
 */
export function goTestFailures(text: string): string[] {
  const failed = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.startsWith('{') || !line.includes('"fail"')) continue;
    try {
      const e = JSON.parse(line) as { Action?: unknown; Test?: unknown; Package?: unknown };
      if (e.Action === 'fail' && typeof e.Test === 'string')
        failed.add(`${String(e.Package ?? '')} ${e.Test}`);
    } catch {
      // not an event
    }
  }
  return [...failed].filter((t) => ![...failed].some((u) => u.startsWith(t + '/'))).sort();
}

/** Whether some finding names the failing test (`pkg name`). */
export function recallsTest(
  test: string,
  findings: ReadonlyArray<Pick<Finding, 'test' | 'places'>>,
): boolean {
  const name = test.slice(test.indexOf(' ') + 1);
  const names = (f: Pick<Finding, 'test' | 'places'>) => [f.test, ...(f.places ?? []).map((p) => p.test)];
  return findings.some((f) =>
    names(f).some((t) => t !== undefined && (t === name || t.endsWith(' ' + name) || t.endsWith('.' + name))),
  );
}

/** The lines of the log (1-based) whose text contains the reason's first line (timestamps ignored). */
export function reasonLines(logText: string, reason: string): number[] {
  const first = norm(reason.split('\n')[0].replace(/^\d\d:\d\d:\d\d\s+/, ''));
  if (!first) return [];
  const out: number[] = [];
  logText.split('\n').forEach((l, i) => {
    if (norm(l).includes(first)) out.push(i + 1);
  });
  return out;
}

/** Whether the first 5 findings show one of the lines the reason starts on. */
export function showsReason(findings: ReadonlyArray<Pick<Finding, 'logLines'>>, lines: number[]): boolean {
  const shown = shownLines(findings);
  return lines.some((n) => shown.has(n));
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Loads the scored cases of tool-outputs (undefined when the folder is missing). */
export function loadToolCases(data: string): ToolCases | undefined {
  const root = join(data, 'tool-outputs');
  if (!existsSync(root)) return undefined;
  const out: ToolCases = { errorformat: [], jenkins: [], skipped: [] };
  for (const [dir, why] of Object.entries(TOOL_SKIPS))
    if (existsSync(join(root, dir))) out.skipped.push(`${dir}: ${why}`);

  const ef = join(root, 'errorformat-testdata');
  if (existsSync(ef))
    for (const f of readdirSync(ef).sort()) {
      if (!f.endsWith('.in')) continue;
      const tool = f.slice(0, -3);
      const family = ERRORFORMAT_TOOLS[tool];
      if (!family) {
        out.skipped.push(`errorformat ${tool}: no extractor claims this tool`);
        continue;
      }
      const ok = join(ef, `${tool}.ok`);
      if (!existsSync(ok)) {
        out.skipped.push(`errorformat ${tool}: no .ok file`);
        continue;
      }
      const { entries } = parseErrorformatOk(readFileSync(ok, 'utf8'));
      if (!entries.length) {
        out.skipped.push(`errorformat ${tool}: no located entry in the .ok file`);
        continue;
      }
      out.errorformat.push({ id: tool, family, logFile: join(ef, f), entries });
    }

  const gt = join(root, 'gotestsum-testdata', 'input');
  if (existsSync(gt))
    for (const f of readdirSync(gt).sort()) {
      if (!f.endsWith('.out')) continue;
      const tests = goTestFailures(readFileSync(join(gt, f), 'utf8'));
      if (!tests.length) {
        out.skipped.push(`gotestsum ${f}: no failing test`);
        continue;
      }
      out.errorformat.push({
        id: `go test -json ${f.replace(/^go-test-json-?|\.out$/g, '') || 'plain'}`,
        family: 'go',
        logFile: join(gt, f),
        tests,
      });
    }

  const nj = join(root, 'node-core-utils-jenkins');
  if (existsSync(nj))
    for (const d of readdirSync(nj).sort()) {
      const dir = join(nj, d);
      let names: string[];
      try {
        names = readdirSync(dir);
      } catch {
        continue; // LICENSE.txt
      }
      const consoles = names.filter((n) => n.endsWith('.txt'));
      const expected = names.filter((n) => /^expected.*\.json$/.test(n)).sort()[0];
      const reasons = (expected ? readJson(join(dir, expected)) : undefined) as
        { reason?: unknown }[] | undefined;
      const reason = Array.isArray(reasons)
        ? reasons.find((r) => typeof r?.reason === 'string')?.reason
        : undefined;
      if (consoles.length !== 1 || typeof reason !== 'string') {
        out.skipped.push(
          `node-core-utils ${d}: ${consoles.length !== 1 ? `${consoles.length} console logs` : 'no failure reason in expected.json'} (API JSON only)`,
        );
        continue;
      }
      out.jenkins.push({ id: d, family: 'jenkins', logFile: join(dir, consoles[0]), reason });
    }
  return out;
}

export interface ToolRow {
  tool: string;
  family: string;
  entries: number;
  recalled: number;
  /** Percent, one decimal. */
  recall: number;
  findings: number;
  error?: string;
  /** The entries not recalled (first few), `file:line message`. */
  missed: string[];
}

export interface ToolsResult {
  /** errorformat: entries recalled over all scored tools. */
  entries: number;
  recalled: number;
  recall: number;
  byTool: ToolRow[];
  /** node-core-utils consoles: the reason's first line is among the lines shown. */
  jenkins: {
    n: number;
    hit: number;
    cases: { id: string; hit: boolean; reasonLines: number[]; error?: string }[];
  };
  skipped: string[];
  errors: string[];
}

const pct1 = (a: number, b: number) => (b ? Math.round((1000 * a) / b) / 10 : 0);

/** Scores the cases with `analyse` (log text → findings); a throw counts as nothing recalled. */
export function scoreTools(cases: ToolCases, analyse: (text: string) => Finding[]): ToolsResult {
  const res: ToolsResult = {
    entries: 0,
    recalled: 0,
    recall: 0,
    byTool: [],
    jenkins: { n: 0, hit: 0, cases: [] },
    skipped: cases.skipped,
    errors: [],
  };
  for (const c of cases.errorformat) {
    const entries = c.entries ?? [];
    const tests = c.tests ?? [];
    const row: ToolRow = {
      tool: c.id,
      family: c.family,
      entries: entries.length + tests.length,
      recalled: 0,
      recall: 0,
      findings: 0,
      missed: [],
    };
    try {
      const findings = analyse(readFileSync(c.logFile, 'utf8'));
      row.findings = findings.length;
      for (const e of entries) {
        if (recalls(e, findings)) row.recalled++;
        else if (row.missed.length < 3) row.missed.push(`${e.file}:${e.line} ${e.message.slice(0, 80)}`);
      }
      for (const t of tests) {
        if (recallsTest(t, findings)) row.recalled++;
        else if (row.missed.length < 3) row.missed.push(`failing test ${t}`);
      }
    } catch (e) {
      row.error = `${c.id}: ${(e as Error)?.message ?? String(e)}`;
      res.errors.push(row.error);
    }
    row.recall = pct1(row.recalled, row.entries);
    res.entries += row.entries;
    res.recalled += row.recalled;
    res.byTool.push(row);
  }
  res.recall = pct1(res.recalled, res.entries);
  for (const c of cases.jenkins) {
    res.jenkins.n++;
    try {
      const text = readFileSync(c.logFile, 'utf8');
      const lines = reasonLines(text, c.reason ?? '');
      const hit = showsReason(analyse(text), lines);
      if (hit) res.jenkins.hit++;
      res.jenkins.cases.push({ id: c.id, hit, reasonLines: lines.slice(0, 5) });
    } catch (e) {
      const error = `${c.id}: ${(e as Error)?.message ?? String(e)}`;
      res.errors.push(error);
      res.jenkins.cases.push({ id: c.id, hit: false, reasonLines: [], error });
    }
  }
  return res;
}
