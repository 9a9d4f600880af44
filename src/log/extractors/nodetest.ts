// node:test (`node --test`) failures, spec and TAP reporters. Node 20 prints TAP when stdout is not a
// terminal (so on CI by default) and spec when asked (`--test-reporter=spec`); node 22+ prints spec.
//
// Spec:                                                      TAP:
//   ▶ price                                                    TAP version 13
//     ✖ adds VAT (2.1ms)                                       # Subtest: price
//       AssertionError [ERR_ASSERTION]: Expected ... equal:        # Subtest: adds VAT
//       20 !== 120                                                not ok 2 - adds VAT
//           at TestContext.<anonymous> (file:///…/x.test.js:11:12)   ---
//   ✖ price (7.6ms)                                                location: '/…/x.test.js:10:3'
//   ℹ fail 3                                                       failureType: 'testCodeFailure'
//   ✖ failing tests:                                               error: |-
//   test at test/price.test.js:10:3                                  Expected values to be strictly equal:
//   ✖ adds VAT (2.1ms)                                               20 !== 120
//     AssertionError [ERR_ASSERTION]: …                            name: 'AssertionError'
//         at TestContext.<anonymous> (file:///…:11:12)             stack: |-
//                                                                    TestContext.<anonymous> (file:///…:11:12)
//                                                                  ...
// With a `failing tests:` section (node 20.x late, 22+) the findings come from it, the full names
// (`price > adds VAT`) from the tree above it; without one, from the tree. Suites that failed because
// a subtest did (`✖ price` with no error of its own, TAP `failureType: 'subtestsFailed'`) are not
// findings. A test file that could not run (`✖ /path/x.test.js` + `'test failed'`) is a weak finding:
// node's own report of the error above it is the real one; in TAP that report is only in `# ` comments,
// so it is read from there. The location is the first non-vendored frame, else `test at` / `location:`.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';
import {
  MAX_BLOCK,
  assertDetails,
  atBlock,
  firstOwnFrame,
  isBlank,
  isFrameText,
  isModuleError,
  oneLine,
  safeParseFrames,
  shownRange,
  withDetails,
} from './jsframes.js';

export const TOOL = 'node:test';
export const WEIGHT_TEST = 90;
export const WEIGHT_FILE_ERROR = 88;
export const WEIGHT_FILE = 60;
export const WEIGHT_SUMMARY = 3;

const MARK_START = /^(\s*)([✖✔▶﹣]) (?=\S)/;
const DURATION = / \([\d.]+m?s\)$/;

/** `  ✖ name (2.1ms)` → indent, mark, name (without the duration). */
function parseMark(text: string): { indent: number; mark: string; name: string } | undefined {
  if (text.length > 2000) return undefined;
  const m = MARK_START.exec(text);
  if (!m) return undefined;
  const name = text.slice(m[0].length).trimEnd().replace(DURATION, '');
  return name ? { indent: m[1].length, mark: m[2], name } : undefined;
}
const FAILING_SECTION = /^\s*✖ failing tests:\s*$/;
const TEST_AT = /^\s*test at (\S.*):(\d+):(\d+)\s*$/;
const SUMMARY_SPEC = /^\s*ℹ fail (\d+)\s*$/;
const SUMMARY_TAP = /^# fail (\d+)\s*$/;
const TAP_VERSION = /^TAP version \d+/;
const TAP_SUBTEST = /^(\s*)# Subtest: (.*)$/;
const TAP_NOT_OK = /^(\s*)not ok \d+ - (.*?)(?: # (?:SKIP|TODO)\b.*)?$/;
const YAML_KEY = /^(\s*)([A-Za-z_]\w*):(?: (.*))?$/;
const ERROR_LINE = /^(?:Uncaught )?(?:[A-Z][\w$]*(?:Error|Exception)|Error)(?: \[[A-Z][A-Z0-9_]*\])?: /;
const IMPORTED_FROM = / imported from (\S+)\s*$/;
const FILE_FAILED = "'test failed'";

const indentOf = (t: string): number => t.length - t.trimStart().length;
const looksLikeFile = (name: string): boolean => /^(?:\/|[A-Za-z]:\\|file:\/\/).*\.[cm]?[jt]sx?$/.test(name);

export const nodetest: Extractor = {
  name: TOOL,
  extract(lines: LogLine[]): Finding[] {
    const tap = lines.some((l) => TAP_VERSION.test(l.text));
    const findings = tap ? tapFindings(lines) : [];
    if (!findings.length) findings.push(...specFindings(lines));
    const summary = summaryFinding(lines);
    if (summary) findings.push(summary);
    return findings;
  },
};

function summaryFinding(lines: LogLine[]): Finding | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = SUMMARY_SPEC.exec(lines[i].text) ?? SUMMARY_TAP.exec(lines[i].text);
    if (!m) continue;
    if (Number(m[1]) === 0) return undefined;
    return {
      kind: 'test-failure',
      tool: TOOL,
      message: oneLine(lines[i].text),
      logLines: [lines[i].n, lines[i].n],
      weight: WEIGHT_SUMMARY,
    };
  }
  return undefined;
}

// ───────────────────────────── spec ─────────────────────────────

interface SpecFailure {
  name: string;
  full: string;
  /** Index of the `✖` line, the first body line, the last shown line. */
  mark: number;
  body: number;
  end: number;
  testAt?: { file: string; line: number; column: number; index: number };
}

function specFindings(lines: LogLine[]): Finding[] {
  let section = -1;
  for (let i = 0; i < lines.length; i++) {
    if (FAILING_SECTION.test(lines[i].text)) {
      section = i;
      break;
    }
  }
  const tree = treeFailures(lines, section < 0 ? lines.length : section);
  if (section < 0) return tree.map((f) => specFinding(lines, f));

  // Full names by leaf name, in tree order.
  const full = new Map<string, string[]>();
  for (const f of tree) {
    const list = full.get(f.name) ?? [];
    list.push(f.full);
    full.set(f.name, list);
  }
  const out: Finding[] = [];
  let testAt: SpecFailure['testAt'];
  for (let i = section + 1; i < lines.length; i++) {
    const text = lines[i].text;
    const at = TEST_AT.exec(text);
    if (at) {
      testAt = { file: at[1], line: Number(at[2]), column: Number(at[3]), index: i };
      continue;
    }
    const mk = parseMark(text);
    if (!mk || mk.mark !== '✖') continue;
    const failure = withBody(lines, i, mk.indent, mk.name);
    if (!failure) {
      testAt = undefined;
      continue;
    }
    failure.full = full.get(failure.name)?.shift() ?? failure.name;
    if (testAt && testAt.index >= i - 2) failure.testAt = testAt;
    testAt = undefined;
    out.push(specFinding(lines, failure));
    i = failure.end;
  }
  return out;
}

/** The `✖ name` lines of the tree (up to `limit`) that carry an error body, with their full names. */
function treeFailures(lines: LogLine[], limit: number): SpecFailure[] {
  const suites: { indent: number; name: string }[] = [];
  const out: SpecFailure[] = [];
  for (let i = 0; i < limit; i++) {
    const text = lines[i].text;
    const mk = parseMark(text);
    if (!mk) continue;
    const indent = mk.indent;
    while (suites.length && suites[suites.length - 1].indent >= indent) suites.pop();
    if (mk.mark === '▶') {
      suites.push({ indent, name: mk.name });
      continue;
    }
    if (mk.mark !== '✖') continue;
    const failure = withBody(lines, i, indent, mk.name);
    if (!failure) continue;
    failure.full = [...suites.map((s) => s.name), failure.name].join(' > ');
    out.push(failure);
    i = failure.end;
  }
  return out;
}

/** A `✖ name` line at index `i` followed by a deeper-indented error body, else undefined (a suite). */
function withBody(lines: LogLine[], i: number, indent: number, name: string): SpecFailure | undefined {
  let b = i + 1;
  while (b < lines.length && isBlank(lines[b].text)) b++;
  if (b >= lines.length || b - i > 3) return undefined;
  const first = lines[b].text;
  if (indentOf(first) <= indent || parseMark(first)) return undefined;
  // The body: deeper-indented or blank lines; it ends after the first frame block (its props too).
  let end = b;
  for (let j = b; j < lines.length && j - i < MAX_BLOCK; j++) {
    const text = lines[j].text;
    if (isBlank(text)) continue;
    if (indentOf(text) <= indent) break;
    end = j;
    if (isFrameText(text)) {
      end = atBlock(lines, j).end;
      break;
    }
  }
  return { name, full: name, mark: i, body: b, end };
}

function specFinding(lines: LogLine[], f: SpecFailure): Finding {
  const details: string[] = [];
  let frames: StackFrame[] | undefined;
  for (let j = f.body + 1; j <= f.end; j++) {
    if (isFrameText(lines[j].text)) {
      frames = atBlock(lines, j, f.end + 1).frames;
      break;
    }
    if (details.length < 8) details.push(lines[j].text);
  }
  let message = oneLine(lines[f.body].text);
  const fileLevel = message === FILE_FAILED && looksLikeFile(f.name);
  if (message.endsWith(':')) message = withDetails(message, assertDetails(details));
  if (fileLevel) message = 'test failed';
  const own = firstOwnFrame(frames);
  const start = f.testAt ? lines[f.testAt.index].n : lines[f.mark].n;
  const finding: Finding = {
    kind: 'test-failure',
    tool: TOOL,
    message,
    test: f.full,
    logLines: shownRange(start, lines[f.end].n, [lines[f.body].n]),
    weight: fileLevel ? WEIGHT_FILE : WEIGHT_TEST,
  };
  const file = own?.rawFile ?? f.testAt?.file ?? (fileLevel ? f.name : undefined);
  if (file) {
    finding.file = file;
    finding.rawFile = file;
  }
  if (own) {
    if (own.line !== undefined) finding.line = own.line;
    if (own.column !== undefined) finding.column = own.column;
  } else if (f.testAt) {
    finding.line = f.testAt.line;
    finding.column = f.testAt.column;
  }
  if (frames?.length) finding.frames = frames;
  return finding;
}

// ───────────────────────────── TAP ──────────────────────────────

interface Diagnostic {
  location?: string;
  failureType?: string;
  error: string[];
  name?: string;
  code?: string;
  stack: string[];
  exitCode?: string;
  end: number;
}

function tapFindings(lines: LogLine[]): Finding[] {
  const names: string[] = [];
  const out: Finding[] = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const sub = TAP_SUBTEST.exec(text);
    if (sub) {
      const level = Math.floor(sub[1].length / 4);
      names.length = Math.min(names.length, level);
      names[level] = sub[2].trim();
      continue;
    }
    const nok = TAP_NOT_OK.exec(text);
    if (!nok) continue;
    const level = Math.floor(nok[1].length / 4);
    const name = nok[2].trim();
    const full = [...names.slice(0, level), name].join(' > ');
    const diag = yamlBlock(lines, i + 1, nok[1].length);
    if (!diag) continue;
    const finding = tapFinding(lines, i, name, full, diag);
    if (finding) out.push(finding);
    i = diag.end;
  }
  return out;
}

const unquote = (v: string): string => {
  const t = v.trim();
  if (t.length >= 2 && (t[0] === "'" || t[0] === '"') && t[t.length - 1] === t[0]) {
    return t.slice(1, -1).replace(/''/g, "'").replace(/\\"/g, '"');
  }
  return t;
};

/** The `---` ... `...` YAML block after a `not ok` line (index `from`), the keys node writes. */
function yamlBlock(lines: LogLine[], from: number, indent: number): Diagnostic | undefined {
  let i = from;
  if (i >= lines.length || lines[i].text.trim() !== '---' || indentOf(lines[i].text) < indent)
    return undefined;
  const diag: Diagnostic = { error: [], stack: [], end: i };
  let key: string | undefined;
  let keyIndent = 0;
  for (i = from + 1; i < lines.length && i - from < MAX_BLOCK * 2; i++) {
    const text = lines[i].text;
    if (text.trim() === '...') {
      diag.end = i;
      return diag;
    }
    diag.end = i;
    const kv = YAML_KEY.exec(text);
    if (kv && (key === undefined || kv[1].length <= keyIndent)) {
      key = kv[2];
      keyIndent = kv[1].length;
      const value = kv[3] ?? '';
      const scalar = value === '|-' || value === '|' || value === '>-' ? undefined : unquote(value);
      if (key === 'location' && scalar) diag.location = scalar;
      else if (key === 'failureType' && scalar) diag.failureType = scalar;
      else if (key === 'name' && scalar) diag.name = scalar;
      else if (key === 'code' && scalar) diag.code = scalar;
      else if (key === 'exitCode' && scalar) diag.exitCode = scalar;
      else if (key === 'error' && scalar) diag.error.push(scalar);
      continue;
    }
    // A continuation line of the current key's block scalar.
    if (key === 'error' && diag.error.length < 20) diag.error.push(text.trim());
    else if (key === 'stack' && diag.stack.length < 100 && text.trim()) diag.stack.push(text.trim());
  }
  return diag;
}

const LOCATION = /^(.*):(\d+):(\d+)$/;

function tapFinding(
  lines: LogLine[],
  i: number,
  name: string,
  full: string,
  d: Diagnostic,
): Finding | undefined {
  if (d.failureType === 'subtestsFailed') return undefined;
  const fileLevel = d.error[0] === 'test failed' && looksLikeFile(name);
  if (fileLevel) {
    const reported = commentedError(lines, i);
    if (reported) return reported;
  }
  const errorLines = d.error.filter((t) => t !== '');
  let message = errorLines[0] ?? 'test failed';
  if (message.endsWith(':')) message = withDetails(message, assertDetails(errorLines.slice(1)));
  if (d.name && !fileLevel) message = `${d.name}: ${message}`;
  message = oneLine(message);
  // The stack lines lack node's `at ` prefix: give stacktrace-parser the `at` block it expects.
  const frames = d.stack.length ? safeParseFrames(d.stack.map((s) => `at ${s}`)) : [];
  const own = firstOwnFrame(frames);
  const loc = d.location ? LOCATION.exec(d.location) : null;
  const finding: Finding = {
    kind: 'test-failure',
    tool: TOOL,
    message,
    test: full,
    logLines: shownRange(lines[i].n, lines[d.end].n),
    weight: fileLevel ? WEIGHT_FILE : WEIGHT_TEST,
  };
  if (d.code && d.code !== 'ERR_TEST_FAILURE') finding.code = d.code;
  const file = own?.rawFile ?? loc?.[1];
  if (file) {
    finding.file = file;
    finding.rawFile = file;
  }
  if (own) {
    if (own.line !== undefined) finding.line = own.line;
    if (own.column !== undefined) finding.column = own.column;
  } else if (loc) {
    finding.line = Number(loc[2]);
    finding.column = Number(loc[3]);
  }
  if (frames.length) finding.frames = frames;
  return finding;
}

/**
 * The error a test file printed before failing to run, which node's TAP reporter keeps as `# `
 * comments just above `# Subtest: <file>`: the error line and its `at` frames.
 */
function commentedError(lines: LogLine[], notOk: number): Finding | undefined {
  // Back to the `# Subtest:` line, then up through the contiguous comments.
  let s = notOk - 1;
  while (s >= 0 && !TAP_SUBTEST.test(lines[s].text) && notOk - s < 3) s--;
  if (s < 0 || !TAP_SUBTEST.test(lines[s].text)) return undefined;
  let top = s;
  while (top > 0 && notOk - top < MAX_BLOCK && isComment(lines[top - 1].text)) top--;
  let errorIndex = -1;
  for (let j = top; j < s; j++) {
    if (ERROR_LINE.test(uncomment(lines[j].text))) {
      errorIndex = j;
      break;
    }
  }
  if (errorIndex < 0) return undefined;
  const texts: string[] = [];
  let last = errorIndex;
  for (let j = errorIndex + 1; j < s; j++) {
    const t = uncomment(lines[j].text);
    if (t.trimStart().startsWith('at ')) {
      if (texts.length < 100) texts.push(t);
      last = j;
    } else if (texts.length) break;
  }
  const message = oneLine(uncomment(lines[errorIndex].text));
  const frames = texts.length ? safeParseFrames(texts) : [];
  const own = firstOwnFrame(frames);
  const file = own?.rawFile ?? IMPORTED_FROM.exec(message)?.[1];
  const codeMatch = /^[\w$]+ \[([A-Z][A-Z0-9_]*)\]/.exec(message);
  const finding: Finding = {
    kind: isModuleError(message) ? 'dependency' : 'exception',
    tool: TOOL,
    message,
    logLines: shownRange(lines[top].n, lines[last].n, [lines[errorIndex].n]),
    weight: WEIGHT_FILE_ERROR,
  };
  if (codeMatch) finding.code = codeMatch[1];
  if (file) {
    finding.file = file;
    finding.rawFile = file;
  }
  if (own?.line !== undefined) finding.line = own.line;
  if (own?.column !== undefined) finding.column = own.column;
  if (frames.length) finding.frames = frames;
  return finding;
}

const isComment = (t: string): boolean =>
  t.startsWith('#') && !TAP_SUBTEST.test(t) && !/^# (?:tests|suites|pass|fail) \d/.test(t);
/** A `# ` comment's text, with TAP's `\#` escape undone. */
const uncomment = (t: string): string => t.replace(/^# ?/, '').replace(/\\#/g, '#');
