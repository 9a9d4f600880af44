// Scala: sbt / scalac compile errors, ScalaTest failures, sbt test and task summaries, dependency resolution.
//
//   [error] /path/Foo.scala:12:5: type mismatch;             ← sbt (also `Foo.scala:12: error: msg` from scalac)
//   [error]  found   : String                                ← continuation and code frame lines
//   [error]   ^
//   [error] (Compile / compileIncremental) Compilation failed   ← task summary, low weight
//   [info] - should do x *** FAILED ***                      ← ScalaTest
//   [info]   1 did not equal 2 (FooSpec.scala:12)
//   [error] Failed tests:  / [error] Failed: Total N, Failed M  ← summaries
//   sbt.ResolveException: unresolved dependency: ...         ← dependency
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_COMPILE = 90;
export const WEIGHT_TEST = 85;
export const WEIGHT_DEPENDENCY = 70;
export const WEIGHT_TASK = 40;
export const WEIGHT_SUMMARY = 20;
export const WEIGHT_WARNING = 30;

const MAX_LINE = 2000;
const MAX_BLOCK = 8;
const MAX_FRAMES_SHOWN = 3;

const PREFIX = /^\[(error|warn|info|success)\] ?/;
const SBT_COMPILE = /^(\S.*?\.(?:scala|java|sc)):(\d+)(?::(\d+))?: (?:(error|warning): )?(.+)$/;
const SCALATEST_FAIL = /^(\s*)- (.+?) \*\*\* FAILED \*\*\*(?: \([\d.]+ m?s\))?$/;
const SCALATEST_LOC = /\((\w[\w$]*\.scala):(\d+)\)\s*$/;
/** partest (the Scala compiler's test runner): `!! 753 - neg/t742.scala  [compilation failed]`. */
const PARTEST = /^!!\s+\d+ - (\S+)\s+\[([^\]]+)\]$/;
const TASK_FAILED = /^\(([^)]+)\) (.+)$/;
const TOTAL = /^Failed: Total (\d+), Failed (\d+)/;
const RESOLVE = /(?:ResolveException|unresolved dependency|UNRESOLVED DEPENDENCIES|not found: https?:)/;
const FRAME = /^\s*at \S/;

function strip(text: string): { level?: string; body: string } {
  const m = PREFIX.exec(text);
  return m ? { level: m[1], body: text.slice(m[0].length) } : { body: text };
}

export const scala: Extractor = {
  name: 'scala',
  // each finding needs one of: a .scala/.sc location (a .java one needs a level prefix), ScalaTest's *** FAILED ***, partest's !!, a
  // resolution error, or sbt's [error] prefix
  triggers:
    /\.scala:|\.sc:|\[warn\]|\[info\]|\[success\]|\*\*\* FAILED \*\*\*|!!|ResolveException|unresolved dependency|UNRESOLVED DEPENDENCIES|not found: http|\[error\]/,
  extract(lines: LogLine[]): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;
      const { level, body } = strip(text);
      const c =
        body.includes('.scala:') || body.includes('.java:') || body.includes('.sc:')
          ? SBT_COMPILE.exec(body)
          : null;
      // sbt prints `[error] path:l:c: msg`; scalac alone prints `path:l: error: msg`.
      // A `.java` file outside sbt's `[error]`/`[warn]` levels is javac's (src/log/extractors/javac.ts).
      const javaOutsideSbt = c !== null && level === undefined && c[1].endsWith('.java');
      if (c && !javaOutsideSbt && (level === 'error' || level === 'warn' || c[4] !== undefined)) {
        const warning = level === 'warn' || c[4] === 'warning';
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
          const s = strip(lines[j].text);
          if (s.level !== level && level !== undefined) break;
          if (SBT_COMPILE.test(s.body) || /^\S.*(?:errors? found|warnings? found)$/.test(s.body.trim()))
            break;
          if (s.body.startsWith('(') || s.body.startsWith('Total time')) break;
          if (level === undefined && !/^\s/.test(s.body)) break;
          end = j;
          if (/^\s*\^\s*$/.test(s.body)) break;
        }
        const f = finding(lines, i, end, {
          kind: warning ? 'warning' : 'compile-error',
          tool: 'scalac',
          message: c[5].trim(),
          file: c[1],
          line: +c[2],
          weight: warning ? WEIGHT_WARNING : WEIGHT_COMPILE,
        });
        if (c[3]) f.column = +c[3];
        out.push(f);
        i = end;
        continue;
      }
      const t = SCALATEST_FAIL.exec(body);
      if (t) {
        const indent = t[1].length;
        let end = i;
        let frames = 0;
        let message = '';
        let file: string | undefined;
        let line: number | undefined;
        for (let j = i + 1; j < lines.length && j - i <= 60; j++) {
          const s = strip(lines[j].text).body;
          const ind = s.length - s.trimStart().length;
          if (s.trim() === '' || ind <= indent) break;
          if (FRAME.test(s)) {
            if (++frames > MAX_FRAMES_SHOWN) continue;
          } else if (!message) message = s.trim();
          end = j;
          const loc = SCALATEST_LOC.exec(s);
          if (loc && !file) {
            file = loc[1];
            line = +loc[2];
          }
        }
        const f = finding(lines, i, end, {
          kind: 'test-failure',
          tool: 'scalatest',
          message: message ? `${t[2]}: ${message}` : t[2],
          test: t[2],
          weight: WEIGHT_TEST,
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        out.push(f);
        i = end;
        continue;
      }
      const pt = body.startsWith('!!') ? PARTEST.exec(body.trim()) : null;
      if (pt) {
        // Followed by `##### Log file '...' from failed test #####` and the test's log: show its first lines.
        let end = i;
        if (i + 1 < lines.length && lines[i + 1].text.startsWith('##### Log file')) {
          end = i + 1;
          for (let j = i + 2; j < lines.length && j - i <= 4; j++) {
            const t = lines[j].text;
            if (PARTEST.test(t.trim()) || t.startsWith('#####')) break;
            end = j;
          }
        }
        out.push(
          finding(lines, i, end, {
            kind: 'test-failure',
            tool: 'partest',
            message: `${pt[1]} [${pt[2]}]`,
            test: pt[1],
            weight: WEIGHT_TEST,
          }),
        );
        i = end;
        continue;
      }
      if (RESOLVE.test(body)) {
        let end = i;
        while (end + 1 < lines.length && end - i < 4 && RESOLVE.test(lines[end + 1].text)) end++;
        out.push(
          finding(lines, i, end, {
            kind: 'dependency',
            tool: 'sbt',
            message: body.trim(),
            weight: WEIGHT_DEPENDENCY,
          }),
        );
        i = end;
        continue;
      }
      if (level !== 'error') continue;
      const b = body.trim();
      const task = TASK_FAILED.exec(b);
      if (task) {
        const compile = /compile/i.test(task[1]);
        out.push(
          finding(lines, i, i, {
            kind: compile ? 'build-error' : /test/i.test(task[1]) ? 'test-failure' : 'build-error',
            tool: 'sbt',
            message: b,
            weight: WEIGHT_TASK,
          }),
        );
        continue;
      }
      if (b === 'Failed tests:' || b === 'Error during tests:') {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= 20; j++) {
          const s = strip(lines[j].text);
          if (s.level !== 'error' || !/^\s+\S/.test(s.body)) break;
          end = j;
        }
        out.push(
          finding(lines, i, end, {
            kind: 'test-failure',
            tool: 'sbt',
            message: b,
            weight: WEIGHT_SUMMARY + 10,
          }),
        );
        i = end;
        continue;
      }
      if (TOTAL.test(b) || /^\d+ of \d+ test tasks failed:?$/.test(b)) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= 6; j++) {
          const s = strip(lines[j].text);
          if (s.level !== 'error' || !/^\s*- /.test(s.body)) break;
          end = j;
        }
        out.push(
          finding(lines, i, end, { kind: 'test-failure', tool: 'sbt', message: b, weight: WEIGHT_SUMMARY }),
        );
        i = end;
      }
    }
    return out;
  },
};
