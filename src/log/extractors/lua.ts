// Lua: busted, luacheck and uncaught Lua errors. What they print:
//
//   1 success / 1 failure / 1 error / 0 pending : 0.001 seconds    ← busted summary: low weight
//   Failure → spec/calc_spec.lua @ 5                                ← busted (`->` with plainTerminal)
//   calc adds two numbers                                           ← the test's full name
//   spec/calc_spec.lua:6: Expected objects to be the same.          ← the message
//   Passed in: / (number) 4 / Expected: / (number) 3                ← details, up to a blank line
//   Error → spec/calc_spec.lua @ 13  + name + `./src/calc.lua:13: attempt to index ...`
//
//   Checking src/calc.lua        1 warning                          ← luacheck
//       src/calc.lua:12:9: (W211) unused variable 'unused'          ← codes only with --codes
//   Total: 3 warnings / 1 error in 3 files                          ← summary: not a finding
//   src/calc.lua:12:9: unused variable 'unused'                      ← luacheck --formatter plain
//
//   lua5.4: ./src/calc.lua:13: attempt to concatenate a nil value   ← any line followed by
//   stack traceback:                                                ← `stack traceback:`
//   	./src/calc.lua:13: in function 'calc.describe'                ← frames (tab-indented)
//   	[C]: in ?
// A `# Starting Test: name` line just above an error (luvit's tap) names the test.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_EXCEPTION = 80;
export const WEIGHT_LINT_ERROR = 60;
export const WEIGHT_LINT_WARNING = 45;
export const WEIGHT_SUMMARY = 5;

const MAX_LINE = 2000;
const MAX_DETAILS = 12;
const MAX_FRAMES = 100;
const SHOWN_FRAMES = 3;

const BUSTED_HEADER = /^(Failure|Error) (?:→|->) (.+?) @ (\d+)$/;
const BUSTED_SUMMARY = /^\d+ success(?:es)? \/ (\d+) failures? \/ (\d+) errors? \/ \d+ pending\b/;
const LUACHECK_ISSUE =
  /^\s+(\S+\.(?:lua|rockspec|luacheckrc)):(\d+):(\d+)(?:-\d+)?: (?:\(([WE]\d+)\) )?(.*)$/;
/** luacheck --formatter plain: the same issue at the start of the line, no `Checking` header. */
const LUACHECK_PLAIN = /^(\S+\.(?:lua|rockspec|luacheckrc)):(\d+):(\d+)(?:-\d+)?: (?:\(([WE]\d+)\) )?(.*)$/;
const LUACHECK_FILE = /^Checking \S+\s+(?:OK|\d+ (?:warnings?|errors?))/;
/** `file.lua:12: message` or `[string "chunk"]:12: message`, anywhere in the line. */
const LOCATION = /(\[string "[^"]{1,300}"\]|[^\s:'"()[\]]+\.lua):(\d+): (.*)$/;
const FRAME = /^(\[string "[^"]{1,300}"\]|[^\s:]+?):(\d+): in (.*)$/;
const TAP_TEST = /^# Starting Test: (.*)$/;

const isBlank = (s: string): boolean => s.trim() === '';

function unquoteChunk(file: string): string {
  return file.startsWith('[string "') ? file.slice(9, -2) : file;
}

function isVendored(file: string): boolean {
  return (
    file.startsWith('[C]') ||
    file.startsWith('(') ||
    file.startsWith('/usr/') ||
    file.includes('/luarocks/') ||
    file.includes('/share/lua/') ||
    file.includes('/lib/lua/')
  );
}

function finding(
  kind: Finding['kind'],
  message: string,
  from: LogLine,
  to: LogLine,
  weight: number,
): Finding {
  const f: Finding = { kind, tool: 'lua', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

function setLocation(f: Finding, file: string, line: number, column?: number): void {
  f.file = file;
  f.rawFile = file;
  f.line = line;
  if (column !== undefined) f.column = column;
}

/** The index of the `stack traceback:` line just below `i` (blank lines allowed), or -1. */
function tracebackBelow(lines: LogLine[], i: number): number {
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
    const t = lines[j].text.trim();
    if (t === 'stack traceback:') return j;
    if (t !== '') return -1;
  }
  return -1;
}

/** Frames below `stack traceback:` at `tb`: returns the frames and the index of the last shown line. */
function readFrames(lines: LogLine[], tb: number): { frames: StackFrame[]; shownEnd: number; end: number } {
  const frames: StackFrame[] = [];
  let shownEnd = tb;
  let end = tb;
  let count = 0;
  for (let j = tb + 1; j < lines.length && count < MAX_FRAMES; j++) {
    const t = lines[j].text.trim();
    if (t === '') continue;
    if (!/^\s/.test(lines[j].text) && !t.startsWith('[C]')) break;
    const m = FRAME.exec(t);
    const c = t.startsWith('[C]: in ') || t === '(...tail calls...)';
    if (!m && !c) break;
    count++;
    end = j;
    if (count <= SHOWN_FRAMES) shownEnd = j;
    if (m) {
      const raw = unquoteChunk(m[1]);
      const frame: StackFrame = { rawFile: raw, line: +m[2], vendored: isVendored(raw) };
      const fn = /^function '([^']+)'/.exec(m[3]);
      if (fn) frame.function = fn[1];
      else if (m[3] === 'main chunk') frame.function = 'main chunk';
      frames.push(frame);
    }
  }
  return { frames, shownEnd, end };
}

export const lua: Extractor = {
  name: 'lua',
  // each finding needs one of: busted's Failure/Error headers and summary, a luacheck location, a stack traceback:
  triggers:
    /Failure → |Failure -> |Error → |Error -> | pending|\.lua:|\.rockspec:|\.luacheckrc:|stack traceback:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let luacheck = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trim();
      if (text === '') continue;

      const h = BUSTED_HEADER.exec(text);
      if (h && i + 2 < lines.length) {
        const test = lines[i + 1].text.trim();
        const msgLine = lines[i + 2].text.trim();
        const loc = LOCATION.exec(msgLine);
        let end = i + 2;
        for (let j = i + 3; j < lines.length && j <= i + 2 + MAX_DETAILS; j++) {
          if (isBlank(lines[j].text) || BUSTED_HEADER.test(lines[j].text.trim())) break;
          end = j;
        }
        let frames: StackFrame[] = [];
        const tb = tracebackBelow(lines, i + 2);
        if (tb > 0) {
          const r = readFrames(lines, tb);
          frames = r.frames;
          end = r.shownEnd;
        }
        const f = finding('test-failure', loc ? loc[3].trim() : msgLine, lines[i], lines[end], WEIGHT_TEST);
        if (h[1] === 'Error') f.kind = 'exception';
        f.test = test;
        if (loc) setLocation(f, unquoteChunk(loc[1]), +loc[2]);
        else setLocation(f, h[2], +h[3]);
        if (frames.length) f.frames = frames;
        findings.push(f);
        i = end;
        continue;
      }
      const s = BUSTED_SUMMARY.exec(text);
      if (s) {
        if (+s[1] + +s[2] > 0)
          findings.push(finding('test-failure', text, lines[i], lines[i], WEIGHT_SUMMARY));
        continue;
      }
      if (LUACHECK_FILE.test(text)) {
        luacheck = true;
        continue;
      }
      {
        const m =
          luacheck && raw[0] === ' '
            ? LUACHECK_ISSUE.exec(raw)
            : raw[0] !== ' ' && raw[0] !== '\t'
              ? LUACHECK_PLAIN.exec(raw)
              : null;
        if (m) {
          const error = m[4]
            ? m[4][0] === 'E'
            : /^(?:expected|unexpected|unfinished|invalid|cannot)\b/.test(m[5]);
          const f = finding(
            error ? 'lint-error' : 'warning',
            m[5].trim(),
            lines[i],
            lines[i],
            error ? WEIGHT_LINT_ERROR : WEIGHT_LINT_WARNING,
          );
          if (m[4]) f.code = m[4];
          setLocation(f, m[1], +m[2], +m[3]);
          findings.push(f);
          continue;
        }
      }
      const tb = text.includes(':') ? tracebackBelow(lines, i) : -1;
      if (tb > 0) {
        const loc = LOCATION.exec(text);
        const { frames, shownEnd } = readFrames(lines, tb);
        let from = i;
        let test: string | undefined;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          const t = TAP_TEST.exec(lines[k].text.trim());
          if (t) {
            from = k;
            test = t[1].trim();
            break;
          }
        }
        const f = finding(
          'exception',
          loc ? loc[3].trim() : text,
          lines[from],
          lines[shownEnd],
          WEIGHT_EXCEPTION,
        );
        if (test) f.test = test;
        if (frames.length) f.frames = frames;
        const top = frames.find((fr) => !fr.vendored);
        if (loc && !isVendored(unquoteChunk(loc[1]))) setLocation(f, unquoteChunk(loc[1]), +loc[2]);
        else if (top) setLocation(f, top.rawFile, top.line ?? 0);
        findings.push(f);
        i = Math.max(i, shownEnd);
      }
    }
    return findings;
  },
};
