// Shared pieces of the JavaScript test-runner extractors (jest, vitest, mocha, node:test): stack
// blocks, code frames, assertion details and the line range a finding shows.
//
// JS `at ...` frames are parsed by stacktrace-parser through node.ts's parseFrames, which is fed ONLY
// a contiguous block of lines starting with `at ` (after trimming). Vitest's own `❯ fn path:1:2`
// frames are parsed here.
import type { LineRange, LogLine, StackFrame } from '../../types.js';
import { isVendoredPath, parseFrames } from './node.js';

export { isVendoredPath };

/** The most lines a test finding shows (header, message, code frame, first frames). */
export const MAX_SHOWN = 25;
/** The most lines a finding shows to reach its code-frame marker. */
export const MAX_STRETCH = 40;
/** A block that is longer than this is cut: a runner's report of one failure is never that long. */
export const MAX_BLOCK = 400;
const MAX_FRAMES = 100;
const MAX_MESSAGE = 500;

export const isFrameText = (t: string): boolean => t.trimStart().startsWith('at ');
export const isBlank = (t: string): boolean => t.trim() === '';

/** One line, whitespace collapsed, clipped. */
export function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_MESSAGE ? `${t.slice(0, MAX_MESSAGE - 1)}…` : t;
}

/**
 * The contiguous `at ...` block starting at `lines[i]` (which must be one), parsed into frames,
 * innermost first. `end` is the index of the block's last line.
 */
export function atBlock(
  lines: LogLine[],
  i: number,
  limit = lines.length,
): { frames: StackFrame[]; end: number } {
  const texts: string[] = [];
  let j = i;
  while (j < limit && isFrameText(lines[j].text)) {
    if (texts.length < MAX_FRAMES) texts.push(lines[j].text);
    j++;
  }
  return { frames: texts.length ? safeParseFrames(texts) : [], end: j - 1 };
}

/** parseFrames on a block of `at ...` texts; never throws. */
export function safeParseFrames(texts: string[]): StackFrame[] {
  try {
    return parseFrames(texts);
  } catch {
    return [];
  }
}

const VITEST_FRAME = /^(.*):(\d+):(\d+)$/;

/** Vitest's `❯ fn path:line:col` or `❯ path:line:col` frame (the text after trimming). */
export function vitestFrame(text: string): StackFrame | undefined {
  const t = text.trim();
  if (!t.startsWith('❯ ')) return undefined;
  const body = t.slice(2).trim();
  if (body.length > 1000) return undefined;
  const space = body.lastIndexOf(' ');
  const loc = space >= 0 ? body.slice(space + 1) : body;
  const m = VITEST_FRAME.exec(loc);
  if (!m || !m[1]) return undefined;
  const frame: StackFrame = {
    rawFile: m[1],
    line: Number(m[2]),
    column: Number(m[3]),
    vendored: isVendoredPath(m[1]),
  };
  if (space > 0) frame.function = body.slice(0, space);
  return frame;
}

/** The innermost frame that is the project's own code (not node_modules, not node itself). */
export function firstOwnFrame(frames: StackFrame[] | undefined): StackFrame | undefined {
  return frames?.find((f) => !f.vendored && f.line !== undefined);
}

const JEST_MARKER = /^\s*>\s*(\d+) \|/;

/** Jest/Babel code frame marker line `> 15 |   expect(...)`: the source line number. */
export function codeFrameMarker(text: string): number | undefined {
  const m = JEST_MARKER.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** A code frame caret line: `   |      ^` (jest, vitest). */
export const isCaretLine = (t: string): boolean => /^\s*\|\s*\^\s*$/.test(t);

const DETAIL = /^\s*(?:Expected|Received)\b[\w ]{0,40}:\s*\S/;

/**
 * Expect-style detail lines (`Expected: 320`, `Received: 200`, `Received string: "x"`) among the
 * lines `from..to`, at most `max` of them, one-lined.
 */
export function expectDetails(lines: LogLine[], from: number, to: number, max = 4): string[] {
  const out: string[] = [];
  for (let j = from; j <= to && out.length < max; j++) {
    if (DETAIL.test(lines[j].text)) out.push(oneLine(lines[j].text));
  }
  return out;
}

/**
 * node:assert detail: when a message ends with `:` (`Expected values to be strictly equal:`), the
 * lines after it that say what differs: its `+ actual` / `- expected` diff lines when there are any,
 * else the first informative lines (`20 !== 120`). Skips blanks and brackets; stops at a frame or at
 * mocha's own `+ expected - actual` diff.
 */
export function assertDetails(texts: string[], max = 2, maxDiff = 4): string[] {
  const diff: string[] = [];
  const plain: string[] = [];
  for (const raw of texts) {
    const t = raw.trim();
    if (t === '+ expected - actual' || t.startsWith('at ')) break;
    if (!t || t === '+ actual - expected' || t === '^' || /^[[\]{}(),]+$/.test(t)) continue;
    if (/^[+-] /.test(t)) {
      if (diff.length < maxDiff) diff.push(oneLine(t));
    } else if (plain.length < max) plain.push(oneLine(t));
    if (diff.length >= maxDiff) break;
  }
  return diff.length ? diff : plain;
}

/** Joins a message and its details into one line: `msg; Expected: 320; Received: 200`. */
export function withDetails(message: string, details: string[]): string {
  if (!details.length) return oneLine(message);
  return oneLine(
    message.endsWith(':') ? `${message} ${details.join(' ')}` : `${message}; ${details.join('; ')}`,
  );
}

/**
 * The log lines a finding shows: from `start` to `end` (original numbers), at most MAX_SHOWN lines.
 * A line in `keep` (the message, the code-frame marker) past that is still reached when the range
 * stays within MAX_STRETCH lines; beyond, a long diff would bury the message, so the cut wins (the
 * finding's line/column still give the location).
 */
export function shownRange(start: number, end: number, keep: (number | undefined)[] = []): LineRange {
  let last = Math.min(end, start + MAX_SHOWN - 1);
  for (const k of keep) {
    if (k !== undefined && k <= end && k > last && k - start < MAX_STRETCH) last = k;
  }
  return [start, Math.max(start, last)];
}

/** The index of the last non-blank line in `from..to`, or `from`. */
export function lastNonBlank(lines: LogLine[], from: number, to: number): number {
  for (let j = to; j > from; j--) if (!isBlank(lines[j].text)) return j;
  return from;
}

/** Kind of a suite-level error: module resolution problems are 'dependency'. */
export function isModuleError(message: string): boolean {
  return /Cannot find (?:module|package)|ERR_MODULE_NOT_FOUND|Failed to (?:load url|resolve import)|does not provide an export named/.test(
    message,
  );
}
