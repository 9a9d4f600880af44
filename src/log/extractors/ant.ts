// Apache Ant's verdict (the javac task's errors are read by javac.ts, `[javac] ` prefix removed):
//
//   BUILD FAILED                                                                 ← the verdict
//   /w/build.xml:7: The following error occurred while executing this line:      ← the call chain, outermost
//   /w/build.xml:4: Compile failed; see the compiler error output for details.   ← first; the last is the cause
//   <blank>
//   Total time: 2 seconds
//
// The finding's message and location are the innermost line's: the build file and line of the failing task.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_FAILED = 72;

const MAX_LINE = 2000;
/** Lines of the block shown below `BUILD FAILED`. */
const MAX_BLOCK = 8;
const LOCATED = /^(.+?\.xml):(\d+): (.+)$/;

export const ant: Extractor = {
  name: 'ant',
  // every finding starts at a BUILD FAILED line
  triggers: /BUILD FAILED/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].text.trim() !== 'BUILD FAILED') continue;
      let end = i;
      let inner: RegExpExecArray | null = null;
      for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
        const t = lines[j].text;
        if (t.trim() === '' || t.length > MAX_LINE || t.startsWith('Total time:')) break;
        const m = LOCATED.exec(t.trim());
        if (m) inner = m;
        end = j;
      }
      if (end === i) continue; // a bare `BUILD FAILED` (Gradle's own closer says more elsewhere)
      const f: Finding = {
        kind: 'build-error',
        tool: 'ant',
        message: inner ? inner[3] : lines[i + 1].text.trim(),
        logLines: [lines[i].n, lines[end].n],
        weight: WEIGHT_FAILED,
      };
      if (inner) {
        f.file = inner[1];
        f.rawFile = inner[1];
        f.line = +inner[2];
      }
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      i = end;
    }
    return findings;
  },
};
