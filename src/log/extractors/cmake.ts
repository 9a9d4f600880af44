// CMake configure errors and ninja build failures. What they print:
//
//   CMake Error at CMakeLists.txt:4 (find_package):    ← header: file, line, command
//     By not providing "FindFoo.cmake" in ...          ← indented message paragraphs (blank lines inside)
//   Call Stack (most recent call first):               ← sometimes: `  file:line (cmd)` frames
//   -- Configuring incomplete, errors occurred!        ← closer: low weight
//   CMake Error: The source directory "x" does not exist.   ← no location
//   CMake Warning (dev) at CMakeLists.txt:3 (project):     ← warnings
//
//   FAILED: CMakeFiles/demo.dir/util.c.o               ← ninja: the failed target and its command; the
//   /usr/bin/cc ... -c /path/util.c                    ←   compiler's own diagnostics below are cc.ts's,
//   ninja: build stopped: subcommand failed.           ←   so these stay low weight (context)
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 80;
export const WEIGHT_WARNING = 20;
export const WEIGHT_NINJA_FAILED = 10;
export const WEIGHT_CLOSER = 4;

const MAX_LINE = 2000;
/** Lines of a CMake message block shown at most (the block itself is followed to its end). */
const SHOWN = 8;
const MAX_BLOCK = 80;

const HEADER =
  /^CMake (Error|Warning|Deprecation Warning|Warning \(dev\)|Error \(dev\))(?: at (.+?):(\d+) \(([\w-]+)\))?(?: in (.+?))?:(?: (.*))?$/;
const FRAME = /^\s+(\S.*?):(\d+) \(([\w-]+)\)$/;
const CLOSERS =
  /^-- (?:Configuring incomplete, errors occurred!|Generating incomplete)|^ninja: build stopped: /;
const NINJA_FAILED = /^FAILED: (.+?)\s*$/;

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'cmake', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

export const cmake: Extractor = {
  name: 'cmake',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trimEnd();
      if (text === '') continue;

      const h = text.startsWith('CMake ') ? HEADER.exec(text) : null;
      if (h) {
        // the indented block: paragraphs separated by blank lines, and the call stack
        let end = i;
        let message = h[6]?.trim() ?? '';
        const frames: StackFrame[] = [];
        let inStack = false;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const t = lines[j].text;
          if (t.trim() === '') continue;
          if (t.trim() === 'Call Stack (most recent call first):') {
            inStack = true;
            if (j - i < SHOWN) end = j;
            continue;
          }
          if (t[0] !== ' ' && t[0] !== '\t') break;
          if (inStack) {
            const fr = FRAME.exec(t);
            if (fr) {
              frames.push({ rawFile: fr[1], line: +fr[2], function: fr[3] });
              if (j - i < SHOWN) end = j;
              continue;
            }
          }
          if (!message) message = t.trim();
          if (j - i < SHOWN) end = j;
        }
        const error = h[1].startsWith('Error');
        const kind: FindingKind = !error ? 'warning' : h[4] === 'find_package' ? 'dependency' : 'build-error';
        const f = make(kind, message || text, lines[i], lines[end], error ? WEIGHT_ERROR : WEIGHT_WARNING);
        if (h[4]) f.code = h[4];
        const file = h[2] ?? h[5];
        if (file) {
          f.file = file;
          f.rawFile = file;
          if (h[3]) f.line = +h[3];
        }
        if (frames.length) f.frames = frames;
        findings.push(f);
        i = Math.max(i, end);
        continue;
      }
      if (CLOSERS.test(text)) {
        findings.push(make('build-error', text, lines[i], lines[i], WEIGHT_CLOSER));
        continue;
      }
      const nf = NINJA_FAILED.exec(text);
      if (nf) {
        // the command ninja ran is the next line
        const end = i + 1 < lines.length && lines[i + 1].text.trim() !== '' ? i + 1 : i;
        const f = make('build-error', `FAILED: ${nf[1]}`, lines[i], lines[end], WEIGHT_NINJA_FAILED);
        f.tool = 'ninja';
        findings.push(f);
        i = end;
      }
    }
    return findings;
  },
};
