// The tool-independent fallback: the output of the FAILING command or step, and in it the tightest blocks
// that look like an explanation. Whatever the tool, the line that explains a failure sits in the output
// of the command that failed, usually in the last error-looking cluster right above the exit (a test
// runner's or build tool's summary) or in the first one (the first real error).
//
//   $ make test                                   ← the command (Travis names the step after it)
//   ...
//   FAIL: test-parser                             ← first error cluster   → finding (lower weight)
//   ...
//   2 of 40 tests failed                          ← last error cluster    → finding
//   make: *** [check] Error 1
//   The command "make test" exited with 2.        ← the closer: the step failed
//
// Closers: Travis `The command "X" exited with N.` (N ≠ 0), GitHub `Process completed with exit code N.`,
// Jenkins `ERROR: script returned exit code N` / `Build step '…' marked build as failure`, a shell
// `set -e`/`exit` line. Without a closer, the last step that printed something (and, for Travis, the one
// before `Done. Your build exited with 1.`) is taken. The region is the closer's segment, bounded by the
// previous closer. Weights stay below real tool findings (which say the same thing more precisely) and
// above generic `Error:` lines.
import type { Finding, LogDocument, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

// Nearest the exit first (extract.ts orders the blocks by these weights): the tail of the output, its last
// error-looking cluster, its first.
export const WEIGHT_TAIL = 18;
export const WEIGHT_LAST = 17;
export const WEIGHT_FIRST = 16;

const MAX_LINE = 2000;
/** At most this many lines per finding. */
const MAX_BLOCK = 12;
/** Keyword lines at most this far apart belong to one cluster. */
const GAP = 2;
/** How far back from a closer a region reaches when no segment bounds it. */
const MAX_REGION = 5000;
/** Lines of the tail shown when a region has no error-looking line. */
const TAIL = 10;

const TRAVIS_EXIT = /^The command "[\s\S]*" exited with (\d+)\.$/;
/** The end of a multi-line Travis command's closer, and its start. */
const TRAVIS_EXIT_END = /" exited with (\d+)\.$/;
const TRAVIS_EXIT_START = /^The command "/;
/** How many lines a multi-line Travis command may span. */
const MAX_COMMAND_LINES = 200;
const TRAVIS_DONE = /^Done\. Your build exited with [1-9]\d*\.$/;
const GHA_EXIT = /^(?:Error: )?Process completed with exit code ([1-9]\d*)\.?$/;
const JENKINS_EXIT =
  /^(?:ERROR: script returned exit code [1-9]\d*|Build step '.*' marked build as failure|ERROR: Step .* failed|Finished: FAILURE)$/;

/** A line that looks like part of an explanation. */
const KEYWORD =
  /(?:error|fail|exception|assert|expected|not ok|panic|fatal|undefined|cannot|can't|could not|couldn't|unable to|missing|denied|refused|timed? ?out|not found|no such|segmentation|traceback|aborted|killed|invalid|unexpected|mismatch|did not match|doesn't match|does not match|violation|\bwrong\b|\[-\]|\bE\d{3,4}\b|✗|✖|×)/i;
/** Lines that carry such a word but report success or are plain progress. */
const NOISE =
  /(?:\b0 (?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed|fail)[:=]\s*0\b|^\s*(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|libtool|\/usr\/bin\/\S+)\s|\bwarnings?\b.*\b0 errors\b|^\s*(?:CC|CXX|LD|AR|CCLD|CXXLD)\s|^\s*(?:Compiling|Installing|Downloading|Downloaded|Fetching|Collecting|Requirement already|Building|Checking|checking)\b|\bok\b.*\(\d|^\s*ok\s+\d|\bpass(?:ed)?\b.*\b0 fail|\bif\b.*\bthen\b|error\.(?:h|c|o|js|ts|py|rb|go|rs|hs|ex|java|class|html|log)\b|errors?_?\w*\.(?:h|c|o|js|ts|py|rb|go|rs|java)\b)/i;

/** What a runner or a script wrapper prints after the real output: never the explanation, skipped at the end. */
const ECHO =
  /^(?:npm ERR!|npm error|error Command failed with exit code|info Visit https:\/\/yarnpkg|make(?:\[\d+\])?: \*\*\*|make(?:\[\d+\])?: (?:Leaving|Entering) directory|Makefile:\d+: recipe for target|Error: Process completed with exit code|Process completed with exit code|\s*at \S*(?:node_modules|internal\/))/;
/** At most this many trailing echo lines are skipped. */
const MAX_ECHO = 60;

interface Region {
  /** Index (into lines) of the first line of the command's output. */
  from: number;
  /** Index of the closer (excluded), or lines.length. */
  to: number;
  closer?: LogLine;
}

function clip(text: string): string {
  return text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
}

function isCloser(text: string): boolean {
  const t = TRAVIS_EXIT.exec(text);
  if (t) return t[1] !== '0';
  return GHA_EXIT.test(text) || JENKINS_EXIT.test(text);
}

function isCommand(line: LogLine): boolean {
  return line.marker === 'command' || line.text.startsWith('$ ') || line.text.startsWith('+ ');
}

/** The regions of the failing commands, in log order. */
export function failingRegions(lines: LogLine[], doc?: LogDocument): Region[] {
  const regions: Region[] = [];
  let prevCloser = -1;
  let done = -1;
  let commandStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const text = clip(lines[i].text).trim();
    if (TRAVIS_EXIT_START.test(text)) commandStart = i;
    const multi = commandStart >= 0 && commandStart < i && i - commandStart <= MAX_COMMAND_LINES;
    const end = multi ? TRAVIS_EXIT_END.exec(text) : null;
    if (end) {
      if (end[1] !== '0')
        regions.push({
          from: regionStart(lines, doc, commandStart, prevCloser),
          to: commandStart,
          closer: lines[i],
        });
      prevCloser = i;
      commandStart = -1;
    } else if (text.length > 9 && isCloser(text)) {
      regions.push({ from: regionStart(lines, doc, i, prevCloser), to: i, closer: lines[i] });
      prevCloser = i;
    } else if (TRAVIS_DONE.test(text)) done = i;
    else if (TRAVIS_EXIT.test(text)) prevCloser = i; // a command that succeeded bounds the next region
  }
  if (regions.length) return regions;
  // No closer: the last step that printed something (before Travis' `Done.` when there is one).
  let end = done >= 0 ? done : lines.length;
  while (end > 0 && lines[end - 1].text.trim() === '') end--;
  if (end === 0) return [];
  return [{ from: regionStart(lines, doc, end, -1), to: end }];
}

function regionStart(
  lines: LogLine[],
  doc: LogDocument | undefined,
  closer: number,
  prevCloser: number,
): number {
  const floor = Math.max(prevCloser + 1, closer - MAX_REGION, 0);
  // the segment of the line before the closer (the closer may sit on a segment boundary)
  const last = lines[Math.max(closer - 1, 0)];
  const seg = doc && last.segment !== undefined ? doc.segments[last.segment] : undefined;
  if (seg && (!doc || doc.segments.length > 1)) {
    // segment bounds are line numbers; convert to an index by searching back
    let i = closer - 1;
    while (i > floor && lines[i - 1].n >= seg.lines[0]) i--;
    if (i < closer - 1 || lines[i]?.n === seg.lines[0]) return Math.max(i, floor);
  }
  // back to the previous command line
  for (let i = closer - 1; i > floor; i--) if (isCommand(lines[i])) return i;
  return floor;
}

function isKeyword(text: string): boolean {
  return text !== '' && KEYWORD.test(text) && !NOISE.test(text);
}

interface Cluster {
  a: number;
  b: number;
}

function clustersOf(lines: LogLine[], r: Region): Cluster[] {
  const out: Cluster[] = [];
  let cur: Cluster | undefined;
  for (let i = r.from; i < r.to; i++) {
    const text = clip(lines[i].text);
    if (!isKeyword(text)) continue;
    if (cur && i - cur.b <= GAP + 1) cur.b = i;
    else {
      if (cur) out.push(cur);
      cur = { a: i, b: i };
    }
  }
  if (cur) out.push(cur);
  return out;
}

function nonEmpty(lines: LogLine[], i: number): boolean {
  return lines[i].text.trim() !== '';
}

function make(lines: LogLine[], a: number, b: number, weight: number, what: string): Finding {
  // trim blank lines at both ends
  while (a < b && !nonEmpty(lines, a)) a++;
  while (b > a && !nonEmpty(lines, b)) b--;
  const first = lines[a];
  const message = clip(first.text).trim().replace(/\s+/g, ' ').slice(0, 300) || what;
  const f: Finding = {
    kind: 'build-error',
    tool: 'region',
    message,
    logLines: [first.n, lines[b].n],
    weight,
  };
  if (first.segment !== undefined) f.segment = first.segment;
  return f;
}

/** The tail reaches down to the closer when at most this many (blank or echo) lines separate them. */
const CLOSER_GAP = 2;

/** Lines of context shown before a cluster. */
const BEFORE = 1;
/** The tail of the failing command is always shown: the explanation usually sits right above the exit. */
const X_TAIL = 12;
const X_BEFORE = BEFORE;
const X_FIRST = 1;
const X_ECHO = 1;
const X_MAX = MAX_BLOCK;

/** A cluster with context before it, at most X_MAX lines from its start. */
function block(lines: LogLine[], r: Region, c: Cluster, weight: number): Finding {
  const a = Math.max(r.from, c.a - X_BEFORE);
  const b = Math.min(c.b + 1, r.to - 1, a + X_MAX - 1);
  return make(lines, a, b, weight, 'failing step');
}

/** The last n non-empty lines of the region. */
function tail(lines: LogLine[], r: Region, n: number, weight: number): Finding {
  let a = r.to - 1;
  let k = 0;
  while (a > r.from) {
    if (nonEmpty(lines, a)) k++;
    if (k >= n) break;
    a--;
  }
  return make(lines, a, r.to - 1, weight, 'failing step');
}

export const region: Extractor = {
  name: 'region',
  extract(lines: LogLine[], doc: LogDocument): Finding[] {
    const findings: Finding[] = [];
    for (const r of failingRegions(lines, doc)) {
      if (r.to <= r.from) continue;
      const closerAt = r.to;
      r.from = outputStart(lines, r);
      if (X_ECHO) {
        let to = r.to;
        let k = 0;
        while (
          to > r.from + 1 &&
          k < MAX_ECHO &&
          (!nonEmpty(lines, to - 1) || ECHO.test(clip(lines[to - 1].text)))
        ) {
          to--;
          k++;
        }
        if (to < r.to && nonEmpty(lines, to - 1)) r.to = to;
      }
      const clusters = clustersOf(lines, r);
      if (!clusters.length || X_TAIL > 0) {
        const t = tail(lines, r, X_TAIL || TAIL, WEIGHT_TAIL);
        // the closer right below the output (`The command "make" exited with 2.`) names the command that
        // failed and its exit status: the tail shows it too
        if (r.closer && lines[closerAt] === r.closer && closerAt - r.to <= CLOSER_GAP)
          t.logLines = [t.logLines[0], r.closer.n];
        findings.push(t);
        // clusters inside the tail are already shown
        while (clusters.length && lines[clusters[clusters.length - 1].a].n >= t.logLines[0]) clusters.pop();
      }
      if (!clusters.length) continue;
      const last = clusters[clusters.length - 1];
      findings.push(block(lines, r, last, WEIGHT_LAST));
      if (clusters.length > 1 && X_FIRST) findings.push(block(lines, r, clusters[0], WEIGHT_FIRST));
    }
    return findings;
  },
};

/** How many lines a step's header group (the runner's `Run cmd`, the script, `shell:`, `env:`) may span. */
const MAX_HEADER = 60;

/**
 * The first line of the command's OUTPUT: a runner's step header (GitHub's `##[group]Run cmd`, the script,
 * `shell:`, `env:` … `##[endgroup]`) is what ran, never what went wrong. A shell's one-line echo (`$ cmd`)
 * stays: it names the failing command right above its output. A region with nothing but its header keeps
 * it (the command that failed silently is all there is to show).
 */
function outputStart(lines: LogLine[], r: Region): number {
  let i = r.from;
  while (i < r.to) {
    const line = lines[i];
    if (line.marker === 'group') {
      let j = i + 1;
      while (j < r.to && j - i <= MAX_HEADER && lines[j].marker !== 'endgroup' && lines[j].marker !== 'group')
        j++;
      if (j >= r.to || lines[j].marker !== 'endgroup') break;
      i = j + 1;
    } else if (line.marker === 'endgroup' || !nonEmpty(lines, i)) i++;
    else break;
  }
  return i < r.to ? i : r.from;
}

/** The segments (indices into doc.segments) of the failing commands' output. Empty when none is known. */
export function failingSegments(doc: LogDocument): Set<number> {
  const out = new Set<number>();
  for (const r of failingRegions(doc.lines, doc)) {
    if (!r.closer) continue; // without a closer the failing step is a guess: do not demote the others
    for (let i = r.from; i < r.to; i++) {
      const seg = doc.lines[i].segment;
      if (seg !== undefined) out.add(seg);
    }
    if (r.closer.segment !== undefined) out.add(r.closer.segment);
    // A failing command that printed nothing (a `grep -q` or `test` check on what the step before it
    // wrote): the explanation is in the previous step's output, so that step counts as failing too.
    if (printedNothing(doc.lines, r)) {
      for (let k = r.from - 1; k >= 0 && r.from - k <= SILENT_LOOKBACK; k--) {
        const t = doc.lines[k].text.trim();
        if (t === '' || TRAVIS_EXIT.test(t) || isCommand(doc.lines[k])) continue;
        const seg = doc.lines[k].segment;
        if (seg !== undefined) out.add(seg);
        break;
      }
    }
  }
  return out;
}

/** How far back the previous step's last output line is looked for. */
const SILENT_LOOKBACK = 20;

function printedNothing(lines: LogLine[], r: Region): boolean {
  for (let i = r.from; i < r.to; i++) if (lines[i].text.trim() !== '' && !isCommand(lines[i])) return false;
  return true;
}
