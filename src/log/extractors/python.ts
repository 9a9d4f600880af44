// Python tracebacks, as the interpreter prints them (uncaught exceptions, unittest, logging):
//
//   Traceback (most recent call last):                         ← header
//     File "/home/runner/work/demo/demo/app.py", line 8, in main  ← frames, OUTERMOST first
//       print(currency(settings))                               ← source line (not always)
//             ^^^^^^^^^^^^^^^^^^                                ← 3.11+ position carets
//       ...<7 lines>...                                         ← 3.13 elided source
//     [Previous line repeated 996 more times]
//   calc.config.ConfigError: no currency configured             ← the exception, at the header's indent
//
// Chains: a block ends with its exception line, then `During handling of the above exception, another
// exception occurred:` or `The above exception was the direct cause of the following exception:`, then
// the next block. Each block of a chain is one finding: the first ones are the causes (often the real
// explanation), the last one is what went uncaught.
//
// SyntaxError (and IndentationError, TabError) of the main script comes without a header:
//     File "/home/runner/work/demo/demo/bad.py", line 2
//       print("hello", name
//            ^
//   SyntaxError: '(' was never closed
//
// Frames are stored innermost first; the finding's location is the innermost frame outside the
// interpreter and installed packages (site-packages, dist-packages, lib/pythonX.Y, <frozen ...>).
// The lines shown are the exception and the few innermost frames above it, not a whole deep trace.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_UNCAUGHT = 88; // the last exception of a chain
export const WEIGHT_CAUSE = 84; // an exception that led to a later one in the same chain
export const WEIGHT_SYNTAX = 90; // a SyntaxError of the script itself: the code does not even load
/** A traceback printed inside a pytest session: pytest reports the failures itself; this is captured output. */
export const WEIGHT_IN_PYTEST = 40;
/** ... printed while the tests ran (an unraisable exception, a logged error) in a run that reports failures. */
export const WEIGHT_PROGRESS = 10;

const MAX_LINE = 2000;
/** Lines a block may take from its header to its exception line. */
const MAX_BLOCK = 400;
/** Lines of a message continuing below the exception line. */
const MAX_MESSAGE = 8;
/** Frames shown in logLines above the exception (innermost ones). */
const SHOWN_FRAMES = 3;
/** The most lines shown when the project's innermost frame is added above the innermost frames. */
const MAX_SHOWN = 20;
/** A block this short (header to message) is shown whole. */
const SHORT_BLOCK = 12;

const HEADER = 'Traceback (most recent call last):';
const FRAME = /^File "([^"]+)", line (\d+)(?:, in (.+))?$/;
const EXCEPTION = /^([A-Za-z_][\w.]*)(?:: ?(.*))?$/;
const SYNTAX_TYPES = new Set(['SyntaxError', 'IndentationError', 'TabError']);
export const CHAIN_CONTEXT = 'During handling of the above exception, another exception occurred:';
export const CHAIN_CAUSE = 'The above exception was the direct cause of the following exception:';
/** unittest prints `FAIL: test (module.Class)` / `ERROR: ...` then a dashed rule above its tracebacks. */
const UNITTEST_HEAD = /^(?:FAIL|ERROR|UNEXPECTED SUCCESS): \S/;
/** pytest's session banners: the start, and the closing `=== 1 failed, 2 passed in 0.05s ===`. */
const PYTEST_START = /^={3,} test session starts ={3,}$/;
const PYTEST_END = /^={3,} .*(?:\bin [\d.]+s\b|no tests ran).* ={3,}$/;
const PYTEST_REPORT = /^={3,} (?:FAILURES|ERRORS) ={3,}$/;

interface Session {
  start: number;
  /** The first FAILURES / ERRORS banner: before it, the progress area. */
  report?: number;
  end: number;
}

/**
 * pytest sessions: from `test session starts` (or the start of the log, when the log is cut and a
 * FAILURES / ERRORS banner comes first) to the closing `=== ... in 1.2s ===` banner.
 */
function pytestSessions(lines: LogLine[]): Session[] {
  const out: Session[] = [];
  let cur: Session | undefined;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    if (!text.startsWith('===') || text.length > MAX_LINE) continue;
    const t = text.trim();
    if (PYTEST_START.test(t)) cur = { start: i, end: lines.length - 1 };
    else if (PYTEST_REPORT.test(t)) {
      if (!cur) cur = { start: out.length ? out[out.length - 1].end + 1 : 0, end: lines.length - 1 };
      if (cur.report === undefined) cur.report = i;
    } else if (PYTEST_END.test(t) && cur) {
      cur.end = i;
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Virtual environments, conda and tool caches: their `bin/` scripts are entry points, not the project. */
const VENV = /\/(?:\.?venv|virtualenv|\.tox|\.nox|(?:mini|ana)conda\d?|\.pyenv|hostedtoolcache)\//;
/** The interpreter, its standard library and installed packages: context, never a suspect. */
export function isVendoredPython(path: string): boolean {
  if (path.startsWith('<')) return true; // <frozen importlib._bootstrap>, <string>, <stdin>
  const p = path.replace(/\\/g, '/');
  return (
    VENV.test(p) ||
    p.includes('/site-packages/') ||
    p.includes('/dist-packages/') ||
    /(?:^|\/)lib\/(?:python|pypy)\d[\d.]*t?\//i.test(p) ||
    /\/Lib\//.test(p) || // Windows CPython: C:\hostedtoolcache\windows\Python\3.11.9\x64\Lib\json\...
    /\.egg\//.test(p)
  );
}

function indentOf(s: string): number {
  let k = 0;
  while (k < s.length && (s[k] === ' ' || s[k] === '\t')) k++;
  return k;
}

export interface FrameAt {
  frame: StackFrame;
  /** Index (into the lines array) of the `File "..."` line. */
  index: number;
}

/** One block of a traceback chain. */
export interface TracebackBlock {
  /** Index of the `Traceback (most recent call last):` line (or of the first frame for a bare SyntaxError). */
  start: number;
  /** Index of the exception line. */
  exceptionAt: number;
  /** Index of the last line of the exception message. */
  end: number;
  /** `KeyError`, `calc.config.ConfigError`. */
  type: string;
  /** The message as printed, the type included: `KeyError: 'currency'`. */
  message: string;
  /** Innermost first. */
  frames: FrameAt[];
}

/** Parses `File "x", line N, in f` (trimmed text). */
export function parseFrameLine(t: string): StackFrame | undefined {
  const m = t.length <= MAX_LINE ? FRAME.exec(t) : null;
  if (!m) return undefined;
  const frame: StackFrame = { rawFile: m[1], line: +m[2], vendored: isVendoredPython(m[1]) };
  if (m[3]) frame.function = m[3].trim();
  return frame;
}

function isExceptionLine(t: string): RegExpExecArray | null {
  if (t.length > MAX_LINE || t.startsWith('File "')) return null;
  const m = EXCEPTION.exec(t);
  if (!m) return null;
  // A bare word is an exception only when it looks like one (StopIteration, KeyboardInterrupt, SystemExit).
  if (m[2] === undefined && !/(?:Error|Exception|Exit|Interrupt|Iteration|Warning)$/.test(m[1])) return null;
  return m;
}

/** The message lines below the exception line: non-blank, not a separator or a new block. */
function messageEnd(lines: LogLine[], at: number, base: number, empty = false): number {
  let end = at;
  for (let j = at + 1; j < lines.length && j <= at + MAX_MESSAGE; j++) {
    const t = lines[j].text;
    const s = t.trim();
    // After `Type: message` only indented lines continue it (the next unindented line is other output);
    // after a bare `AssertionError:` the message is on the lines below.
    if (s === '' || indentOf(t) < (empty ? base : base + 1)) break;
    if (s.startsWith(HEADER) || s === CHAIN_CAUSE || s === CHAIN_CONTEXT) break;
    // rules of a test report, nose's `----- >> begin captured stdout << -----`
    if (/^(?:={5,}|-{5,}|_{5,})/.test(s) || UNITTEST_HEAD.test(s)) break;
    end = j;
  }
  return end;
}

/**
 * Parses the block whose header `Traceback (most recent call last):` is at `i`. Returns undefined when no
 * exception line follows the frames (a truncated or interleaved log).
 */
export function parseBlock(lines: LogLine[], i: number): TracebackBlock | undefined {
  const head = lines[i].text;
  const at = head.indexOf(HEADER);
  if (at < 0) return undefined;
  const base = indentOf(head);
  const frames: FrameAt[] = [];
  for (let j = i + 1; j < lines.length && j <= i + MAX_BLOCK; j++) {
    const t = lines[j].text;
    const s = t.trim();
    if (s === '') continue; // some runners put blank lines between frames
    const ind = indentOf(t);
    if (s.startsWith('File "')) {
      const frame = parseFrameLine(s);
      if (frame) frames.push({ frame, index: j });
      continue;
    }
    if (ind > base) continue; // source line, carets, `...<7 lines>...`, `[Previous line repeated ...]`
    const m = isExceptionLine(s);
    if (!m) return undefined;
    let end = messageEnd(lines, j, base, !m[2]);
    let message = s;
    // `AssertionError: ` with the text on the next lines (numpy's assert_array_equal ...).
    if (!m[2] && end > j) {
      message = `${m[1]}: ${lines[j + 1].text.trim()}`;
    } else if (!m[2]) {
      message = m[1]; // `StopIteration`, or `AssertionError:` with nothing after it
      end = j;
    }
    frames.reverse();
    return { start: i, exceptionAt: j, end, type: m[1], message, frames };
  }
  return undefined;
}

/** A header-less SyntaxError block starting with the `File "x", line N` line at `i`. */
export function parseSyntaxError(lines: LogLine[], i: number): TracebackBlock | undefined {
  const t = lines[i].text.trim();
  if (!t.startsWith('File "')) return undefined;
  const frame = parseFrameLine(t);
  if (!frame || frame.function !== undefined) return undefined;
  const base = Math.max(0, indentOf(lines[i].text) - 2);
  for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
    const s = lines[j].text.trim();
    const m = isExceptionLine(s);
    if (m && SYNTAX_TYPES.has(m[1].slice(m[1].lastIndexOf('.') + 1))) {
      return {
        start: i,
        exceptionAt: j,
        end: messageEnd(lines, j, base),
        type: m[1],
        message: s,
        frames: [{ frame, index: i }],
      };
    }
  }
  return undefined;
}

/** Where the next block of a chain starts after a block ending at `end`, with the chain marker's kind. */
export function nextInChain(lines: LogLine[], end: number): number | undefined {
  let j = end + 1;
  while (j < lines.length && j <= end + 3 && lines[j].text.trim() === '') j++;
  if (j >= lines.length) return undefined;
  const s = lines[j].text.trim();
  if (s !== CHAIN_CONTEXT && s !== CHAIN_CAUSE) return undefined;
  j++;
  while (j < lines.length && j <= end + 8 && lines[j].text.trim() === '') j++;
  if (j < lines.length && lines[j].text.includes(HEADER)) return j;
  return undefined;
}

/** Parses the chain whose first header is at `i`: its blocks in printed order (causes first). */
export function parseChain(lines: LogLine[], i: number): TracebackBlock[] {
  const blocks: TracebackBlock[] = [];
  let k: number | undefined = i;
  while (k !== undefined && blocks.length < 50) {
    const b = parseBlock(lines, k);
    if (!b) break;
    blocks.push(b);
    k = nextInChain(lines, b.end);
  }
  return blocks;
}

/** The lines to show for a block: all of a short one, else the innermost frames and the message. */
export function shownRange(lines: LogLine[], b: TracebackBlock): [number, number] {
  let start = b.start;
  if (b.end - b.start + 1 > SHORT_BLOCK && b.frames.length > SHOWN_FRAMES) {
    start = b.frames[SHOWN_FRAMES - 1].index;
    // The project's own innermost frame too, when library frames sit between it and the exception.
    const own = b.frames.find((f) => !f.frame.vendored);
    if (own && own.index < start && b.end - own.index + 1 <= MAX_SHOWN) start = own.index;
  }
  return [lines[start].n, lines[b.end].n];
}

/** The innermost frame of the project: not in the interpreter or an installed package. */
export function topFrame(frames: StackFrame[]): StackFrame | undefined {
  return frames.find((f) => !f.vendored);
}

function shortType(type: string): string {
  return type.slice(type.lastIndexOf('.') + 1);
}

/** The finding for one block (its location, frames, lines shown). */
export function blockFinding(lines: LogLine[], b: TracebackBlock, weight: number): Finding {
  const frames = b.frames.map((f) => f.frame);
  const f: Finding = {
    kind: 'exception',
    tool: 'python',
    message: b.message,
    code: shortType(b.type),
    logLines: shownRange(lines, b),
    weight,
  };
  if (frames.length) f.frames = frames;
  const top = topFrame(frames);
  if (top) {
    f.file = top.rawFile;
    f.rawFile = top.rawFile;
    f.line = top.line;
  }
  const seg = lines[b.start].segment;
  if (seg !== undefined) f.segment = seg;
  return f;
}

/** True when the traceback at `i` belongs to a unittest `FAIL:` / `ERROR:` block (the unittest extractor's). */
function inUnittestBlock(lines: LogLine[], i: number): boolean {
  let k = i - 1;
  while (k >= 0 && i - k <= 2 && lines[k].text.trim() === '') k--;
  if (k < 1 || !/^-{20,}$/.test(lines[k].text.trim())) return false;
  // `FAIL: test (m.C)` then, for tests with a docstring, its first line.
  for (let h = k - 1; h >= 0 && h >= k - 2; h--) if (UNITTEST_HEAD.test(lines[h].text.trim())) return true;
  return false;
}

export const python: Extractor = {
  name: 'python',
  // each finding needs a traceback header or, for a syntax error, a File " line
  triggers: /Traceback \(most recent call last\):|File "/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    const sessions = pytestSessions(lines);
    let s = 0;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) {
        i++;
        continue;
      }
      if (text.includes(HEADER)) {
        const chain = parseChain(lines, i);
        if (!chain.length) {
          i++;
          continue;
        }
        while (s < sessions.length && sessions[s].end < i) s++;
        const session = s < sessions.length && sessions[s].start <= i ? sessions[s] : undefined;
        // printed while tests ran, in a session whose report lists the failures: not one of them
        const progress = session?.report !== undefined && i < session.report;
        if (!inUnittestBlock(lines, i)) {
          chain.forEach((b, k) => {
            const last = k === chain.length - 1;
            const syntax = SYNTAX_TYPES.has(shortType(b.type));
            const weight = session
              ? WEIGHT_IN_PYTEST
              : syntax
                ? WEIGHT_SYNTAX
                : last
                  ? WEIGHT_UNCAUGHT
                  : WEIGHT_CAUSE;
            const f = blockFinding(lines, b, progress ? WEIGHT_PROGRESS : weight);
            if (progress) f.kind = 'warning';
            findings.push(f);
          });
        }
        i = chain[chain.length - 1].end + 1;
        continue;
      }
      if (text.trimStart().startsWith('File "')) {
        const b = parseSyntaxError(lines, i);
        if (b) {
          findings.push(blockFinding(lines, b, WEIGHT_SYNTAX));
          i = b.end + 1;
          continue;
        }
      }
      i++;
    }
    return findings;
  },
};
