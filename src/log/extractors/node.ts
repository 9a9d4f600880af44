// Node.js uncaught errors. What node prints:
//
//   file:///home/runner/work/demo/demo/lib/report.mjs:3      ← header: where it was thrown
//     return `${title} by ${config.owner.name}`;             ← the source line
//                                        ^                   ← caret under the column
//   <blank, not always>
//   TypeError: Cannot read properties of undefined (reading 'name')
//   Require stack:                                           ← CJS module-not-found only
//   - /home/runner/work/demo/demo/src/main.cjs
//       at summary (file:///home/runner/work/demo/demo/lib/report.mjs:3:38)
//       at ... {                                             ← props block on the last frame
//     code: 'MODULE_NOT_FOUND',
//   }
//   <blank>
//   Node.js v20.20.2
//
// The frames are parsed with stacktrace-parser, fed ONLY the contiguous block of `at ...` lines (its
// JavaScriptCore pattern accepts almost any `text:123` line otherwise). The finding's location is the
// first non-vendored frame, else the header, else the importer named by a module-not-found message.
import { parse } from 'stacktrace-parser';
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';
import { assertDetails, withDetails } from './jsframes.js';
import { isVendoredPath as isVendored } from '../../paths.js';

export const WEIGHT_UNCAUGHT = 92; // header + caret, or error line at column 0, with frames
export const WEIGHT_NESTED = 75; // an indented error with frames, e.g. inside a test runner's report

const MAX_LINE = 2000;
/** How far below the error line the first `at` frame may be (message continuation, Require stack, code frame). */
const MAX_GAP = 40;
const MAX_FRAMES = 200;
/** stacktrace-parser's patterns are not linear: real frames are far shorter than this. */
const MAX_FRAME_LINE = 600;
const MAX_PROPS = 40;

/** `TypeError: msg`, `Error [ERR_X]: msg`, `AssertionError [ERR_ASSERTION]: msg`, `FooException: msg`. */
const ERROR_LINE =
  /^(\s*)(?:Uncaught )?([A-Z][\w$]*(?:Error|Exception)|Error)(?: \[([A-Z][A-Z0-9_]*)\])?: (.*)$/;
const HEADER = /^(\S.*):(\d+)$/;
const CARET = /^\s*\^+\s*$/;
const REQUIRE_ENTRY = /^- (\S.*)$/;
const IMPORTED_FROM = / imported from (\S+)\s*$/;
const PROP_CODE = /^\s+code: '([\w.-]+)',?$/;

const isFrameLine = (t: string): boolean => t.trimStart().startsWith('at ');

/**
 * node_modules, node's own modules and anything not on disk: context, never a suspect. The project-wide
 * rule (src/paths.ts) plus what only a JavaScript stack prints: any `internal/...` module and `evalmachine.`.
 */
export function isVendoredPath(path: string): boolean {
  return path.startsWith('internal/') || path.startsWith('evalmachine.') || isVendored(path);
}

/** Parses a contiguous block of `at ...` lines into frames, innermost first. */
export function parseFrames(frameLines: string[]): StackFrame[] {
  const block = frameLines
    .map((t) => {
      let s = t.trim();
      if (s.length > MAX_FRAME_LINE) s = s.slice(0, MAX_FRAME_LINE);
      // `at f (x.js:1:2) {` when node prints the error's properties after the last frame.
      if (s.endsWith(' {')) s = s.slice(0, -2);
      return s;
    })
    .join('\n');
  const frames: StackFrame[] = [];
  for (const p of parse(block)) {
    if (!p.file) continue;
    const frame: StackFrame = { rawFile: p.file, vendored: isVendoredPath(p.file) };
    if (p.lineNumber != null) frame.line = p.lineNumber;
    if (p.column != null) frame.column = p.column;
    if (p.methodName && p.methodName !== '<unknown>') frame.function = p.methodName;
    frames.push(frame);
  }
  return frames;
}

interface Located {
  header?: { index: number; file: string; line: number; column?: number };
}

/** Finds node's `path:line` / source / caret block just above the error line at `i`. */
function findHeader(lines: LogLine[], i: number): Located['header'] {
  let k = i - 1;
  if (k >= 0 && lines[k].text.trim() === '') k--;
  if (k < 2 || !CARET.test(lines[k].text)) return undefined;
  const caret = lines[k].text.indexOf('^');
  const hl = lines[k - 2].text;
  const m = hl.length <= MAX_LINE ? HEADER.exec(hl) : null;
  if (!m) return undefined;
  return { index: k - 2, file: m[1], line: +m[2], column: caret >= 0 ? caret + 1 : undefined };
}

export const node: Extractor = {
  name: 'node',
  // every finding starts at an Error / Exception line with its colon
  triggers: /Error: |Exception: |Error \[|Exception \[/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      const m = text.length <= MAX_LINE && text.includes(': ') ? ERROR_LINE.exec(text) : null;
      if (!m) {
        i++;
        continue;
      }
      // The frames: the first `at` line within MAX_GAP lines, then the contiguous run of `at` lines.
      let first = -1;
      let requireFrom: string | undefined;
      for (let j = i + 1; j < lines.length && j <= i + MAX_GAP; j++) {
        const t = lines[j].text;
        if (isFrameLine(t)) {
          first = j;
          break;
        }
        if (t.length <= MAX_LINE && ERROR_LINE.test(t)) break;
        if (requireFrom === undefined && j > i + 1 && lines[j - 1].text.trim() === 'Require stack:') {
          requireFrom = REQUIRE_ENTRY.exec(t.trim())?.[1];
        }
      }
      const header = findHeader(lines, i);
      if (first < 0 && !header) {
        i++;
        continue;
      }
      let last = first;
      if (first >= 0) {
        while (last + 1 < lines.length && last + 1 - first < MAX_FRAMES && isFrameLine(lines[last + 1].text))
          last++;
      }
      const frames = first >= 0 ? parseFrames(lines.slice(first, last + 1).map((l) => l.text)) : [];
      let end = first >= 0 ? last : i;
      let code = m[3];
      // The error's own properties: `at ... {` / `  code: 'X',` / `}`.
      if (first >= 0 && lines[last].text.trimEnd().endsWith('{')) {
        for (let j = last + 1; j < lines.length && j <= last + MAX_PROPS; j++) {
          const t = lines[j].text;
          const pc = PROP_CODE.exec(t);
          if (pc && code === undefined) code = pc[1];
          if (t.trim() === '}') {
            end = j;
            break;
          }
        }
      }

      let message = `${m[2]}${m[3] ? ` [${m[3]}]` : ''}: ${m[4].trim()}`;
      // node:assert's `Expected values to be strictly equal:` says what differs on the lines below it
      if (message.endsWith(':') && first > i + 1)
        message = withDetails(message, assertDetails(lines.slice(i + 1, first).map((l) => l.text)));
      const indented = m[1].length > 0;
      const f: Finding = {
        kind: 'exception',
        tool: 'node',
        message,
        logLines: [lines[header ? header.index : i].n, lines[end].n],
        weight: indented && !header ? WEIGHT_NESTED : WEIGHT_UNCAUGHT,
      };
      if (code) f.code = code;
      if (frames.length) f.frames = frames;
      const top = frames.find((fr) => !fr.vendored);
      if (top) {
        f.file = top.rawFile;
        f.line = top.line;
        f.column = top.column;
      } else if (header && !isVendoredPath(header.file)) {
        f.file = header.file;
        f.line = header.line;
        f.column = header.column;
      } else {
        const importer = IMPORTED_FROM.exec(m[4])?.[1] ?? requireFrom;
        if (importer && !isVendoredPath(importer)) f.file = importer;
      }
      if (f.file) f.rawFile = f.file;
      const seg = lines[header ? header.index : i].segment;
      if (seg !== undefined) f.segment = seg;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  },
};
