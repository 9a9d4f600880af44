// The extent of a finding: the whole block of log that tells its story, not just the line an extractor
// recognised. A reader (and the comment) needs the failure's full section: the assertion's expected and
// actual values under a failing test's header, the notes and caret under a compiler error, the frames of
// a stack trace, the output captured for a failing test.
//
//   --- FAIL: TestParse (0.00s)             ← the line recognised
//       parse_test.go:31: expected 3, got 4  ← deeper indentation: the same block
//                                           ← a blank line followed by deeper indentation: still the block
//           got: [1 2 4]
//   --- PASS: TestOther (0.00s)              ← back at the header's indentation: the block ends
//
// Rules, tool-independent:
// - downwards, a finding takes the lines indented deeper than its first line, and the lines of its
//   paragraph (no blank line in between) at the same indentation, until a boundary: a CI marker (fold,
//   group, command, section), a runner's closer (`The command "…" exited with N.`, `Process completed with
//   exit code N.`), a shell command line, or a line that reports success or progress (`ok`, `✓`, `PASS`,
//   `Compiling …`). A blank line ends the block unless the next line is indented deeper than the header;
// - upwards, the lines of the same paragraph directly above that are indented less (the header a runner
//   prints above a failure's details), a few at most;
// - findings that follow each other with only a few lines between them (none a boundary or a success line)
//   are one failure section (a compiler's run of errors, a test runner's list of failures): the first
//   grows to the end of the run, the others keep their own blocks. The fallbacks (the failing command's
//   clusters, generic error lines) keep the extent their extractor gave them and only join runs of their
//   own tool;
// - each growth is capped; a block longer than the cap is cut at the cap.
//
// Pure and linear in the lines read (each finding reads at most a capped number of lines). Works on any
// contiguous run of lines (the whole document or a streaming window): `lines[k].n` must be consecutive.
import type { Finding, FindingKind, LogLine } from '../types.js';

/** At most this many lines are added below a finding. */
export const MAX_DOWN = 60;
/** At most this many lines are added above a finding. */
export const MAX_UP = 5;
/** A run of touching findings grows a finding to at most this many lines. */
export const MAX_RUN = 300;
/** At most this many findings starting inside one are looked at when joining runs. */
const MAX_PEERS = 50;
/** Blank lines a block (or a run of findings) may have inside it. */
const MAX_BLANKS = 2;
/** Only the start of a very long line is read. */
const MAX_LINE = 400;

/** Lines between two findings of one failure (neither a boundary nor a success line). */
const RUN_GAP = 6;
/** Lines between two findings of the failing command's output (the region extractor's clusters and tail). */
const REGION_GAP = 16;
/** The tool-independent extractor of the failing command's output (src/log/extractors/region.ts). */
const REGION = 'region';

/** Kinds that are never grown: the closers and warnings are single lines of context. */
const FIXED: ReadonlySet<FindingKind> = new Set<FindingKind>(['exit', 'warning']);

/** Markers a block never crosses. */
const BOUNDARY_MARKERS = new Set(['group', 'endgroup', 'section', 'command', 'fold']);

/** Runner and shell lines a block never crosses. */
const BOUNDARY =
  /^(?:The command ".*" (?:exited with|failed)|Process completed with exit code|Done\. Your build exited|travis_(?:fold|time)|##\[|\[Pipeline\]|Script (?:timed out|failed)|Build step '|Finished: )/;

/** A shell's command echo (`$ cmd`, `set -x`'s `+ cmd`, npm's `> script`), unindented (an indented `+ ` is a diff). */
const SHELL = /^(?:\$ |\++ \S|> \S)/;

/** Lines that report success or progress: another (passing) item, never part of a failure's block. */
const SUCCESS =
  /^\s*(?:ok\b|✓|✔|√|\[\+\]|PASS(?:ED)?\b|[Pp]assed\b|--- PASS|=== (?:RUN|PAUSE|CONT)\b|\[\s*OK\s*\]|\[ RUN|Compiling\b|\[\s*\d+ of \d+\] Compiling|Building\b|Linking\b|Installing\b|Downloading\b|Downloaded\b|Collecting\b|Running\b|Finished\b|Starting\b|Tests? (?:run|completed|Passed)|\d+ (?:passing|tests? passed)|.*\s(?:OK|PASSED|passed)(?:\s*\(.*\))?\s*$)/;

/**
 * Findings of the fallbacks (the failing command's clusters, generic error lines, runner trouble): their
 * extent is the extractor's own; they only join runs of their own tool.
 */
function weak(f: Finding): boolean {
  return f.tool === REGION || f.tool === 'generic' || f.kind === 'error' || f.kind === 'infra';
}

/** A rule line, bare or titled (`____ test_x ____`, `===== FAILURES =====`): the next section starts. */
const SEPARATOR = /^\s*(?:[-_=*~#]{3,}\s*$|[-_=*~#]{3,}\s.*\s[-_=*~#]{3,}\s*$)/;

function textOf(line: LogLine): string {
  return line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
}

/** A log level a build tool prints before each line (`[ERROR] `, `[info] `): not part of the indentation. */
const LEVEL = /^\[(?:[A-Z]{3,9}|[a-z]{3,9})\](?: |$)/;

function level(text: string): string {
  const m = LEVEL.exec(text);
  return m ? m[0].trimEnd() : '';
}

/** The text after the level prefix. */
function body(text: string): string {
  const m = LEVEL.exec(text);
  return m ? text.slice(m[0].length) : text;
}

function blank(line: LogLine): boolean {
  return body(line.text).trim() === '';
}

function indent(text: string): number {
  let i = 0;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function boundary(line: LogLine): boolean {
  if (line.marker !== undefined && BOUNDARY_MARKERS.has(line.marker)) return true;
  const t = textOf(line);
  return SHELL.test(t) || BOUNDARY.test(t.trimStart());
}

function success(text: string): boolean {
  return SUCCESS.test(text);
}

/** The index of the last line of the block that starts at `a` and was recognised down to `b`. */
function blockEnd(lines: LogLine[], a: number, b: number): number {
  const head = textOf(lines[a]);
  const lvl = level(head);
  const base = indent(body(head));
  const limit = Math.min(lines.length - 1, b + MAX_DOWN);
  let end = b;
  let i = b + 1;
  while (i <= limit) {
    const line = lines[i];
    if (boundary(line)) break;
    if (blank(line)) {
      let j = i + 1;
      while (j <= limit && j - i < MAX_BLANKS && blank(lines[j])) j++;
      if (j > limit || blank(lines[j]) || boundary(lines[j])) break;
      const t = textOf(lines[j]);
      if (level(t) !== lvl || indent(body(t)) <= base || success(body(t))) break;
      end = j;
      i = j + 1;
      continue;
    }
    const t = textOf(line);
    // another level (`[INFO]` under `[ERROR]`) or a success line: another story; a line without the
    // level indented deeper than the header is its body (a compiler's notes under a build tool's [ERROR])
    const l = level(t);
    if (l !== lvl) {
      if (l !== '' || indent(t) <= indent(head)) break;
      end = i;
      i++;
      continue;
    }
    if (success(body(t))) break;
    const deep = indent(body(t));
    // deeper: the block's body; same level: the block's paragraph (no blank line since the last line kept)
    if (deep > base || (deep === base && i === end + 1 && !SEPARATOR.test(body(t)))) {
      end = i;
      i++;
      continue;
    }
    break;
  }
  return end;
}

/** The index of the first line of the block whose recognised first line is `a`. */
function blockStart(lines: LogLine[], a: number): number {
  const head = textOf(lines[a]);
  const lvl = level(head);
  const base = indent(body(head));
  let start = a;
  for (let i = a - 1; i >= 0 && a - i <= MAX_UP; i--) {
    const line = lines[i];
    if (blank(line) || boundary(line)) break;
    const t = textOf(line);
    if (level(t) !== lvl || success(body(t)) || indent(body(t)) >= base) break;
    start = i;
  }
  return start;
}

/**
 * The findings with their logLines grown to their blocks (new objects; the input is not modified).
 * `lines` is a contiguous run of the log (consecutive `n`); findings outside it are returned as they are.
 */
export function extendFindings(findings: Finding[], lines: LogLine[]): Finding[] {
  if (!lines.length || !findings.length) return findings;
  const first = lines[0].n;
  const last = lines[lines.length - 1].n;
  if (last - first + 1 !== lines.length) return findings; // not contiguous: nothing to rely on
  const grown: Finding[] = findings.map((f) => {
    if (!f || !Array.isArray(f.logLines) || FIXED.has(f.kind)) return f;
    const [x, y] = f.logLines;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < first || y > last || y < x) return f;
    const a = blockStart(lines, x - first);
    const b = weak(f) ? y - first : blockEnd(lines, x - first, y - first);
    if (a === x - first && b === y - first) return f;
    return { ...f, logLines: [lines[a].n, lines[b].n] };
  });
  return joinRuns(grown, lines);
}

/** Lines between two findings of one failure: none is a boundary or a success line (at most `gap` lines). */
function joinable(lines: LogLine[], p: number, q: number, gap: number, blanksOnly: boolean): boolean {
  if (q <= p + 1) return true;
  if (q - p - 1 > gap) return false;
  const first = lines[0].n;
  for (let n = p + 1; n < q; n++) {
    const line = lines[n - first];
    if (blank(line)) continue;
    if (blanksOnly || boundary(line) || success(textOf(line))) return false;
  }
  return true;
}

/** Findings of one failure whose blocks touch: the first grows to the end of the run (at most MAX_RUN lines). */
function joinRuns(findings: Finding[], lines: LogLine[]): Finding[] {
  const first = lines[0].n;
  const last = lines[lines.length - 1].n;
  const groups = new Map<string, number[]>();
  findings.forEach((f, k) => {
    if (!f || !Array.isArray(f.logLines) || FIXED.has(f.kind)) return;
    const [x, y] = f.logLines;
    if (!Number.isInteger(x) || !Number.isInteger(y) || y < x || x < first || y > last) return;
    const key = weak(f) ? `weak:${f.tool}` : 'strong';
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  });
  const out = findings.slice();
  for (const [key, ks] of groups) {
    if (ks.length < 2) continue;
    const blanksOnly = key !== 'strong' && key !== `weak:${REGION}`;
    const gap = key === `weak:${REGION}` ? REGION_GAP : blanksOnly ? MAX_BLANKS : RUN_GAP;
    ks.sort(
      (p, q) =>
        findings[p].logLines[0] - findings[q].logLines[0] ||
        findings[p].logLines[1] - findings[q].logLines[1],
    );
    // ends[i]: the end of the run starting at ks[i], computed backwards
    const ends: number[] = new Array<number>(ks.length);
    /** Joined into an earlier finding's run: keeps its own block (the run is shown once, from its start). */
    const inner: boolean[] = new Array<boolean>(ks.length).fill(false);
    for (let i = ks.length - 1; i >= 0; i--) {
      const f = findings[ks[i]];
      let end = f.logLines[1];
      // ends[j] already holds the rest of the run starting at ks[j]
      for (let j = i + 1; j < ks.length && j - i <= MAX_PEERS; j++) {
        const g = findings[ks[j]];
        if (g.logLines[0] > end + 1 + gap) break;
        if (g.logLines[0] > end && !joinable(lines, end, g.logLines[0], gap, blanksOnly)) break;
        const e = Math.max(end, ends[j]);
        if (e - f.logLines[0] + 1 > MAX_RUN) break;
        end = e;
        inner[j] = true;
      }
      ends[i] = end;
    }
    ks.forEach((k, i) => {
      const f = findings[k];
      if (!inner[i] && ends[i] > f.logLines[1]) out[k] = { ...f, logLines: [f.logLines[0], ends[i]] };
    });
  }
  return out;
}
