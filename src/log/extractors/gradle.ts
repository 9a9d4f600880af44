// Gradle builds: the `What went wrong` verdict and the test logger's failed tests.
//
//   com.example.CartTest > totalAddsPrices FAILED               ← failed test (JUnit 5: `totalAddsPrices()`)
//       java.lang.AssertionError: expected:<750> but was:<675>  ← the exception, indented
//           at org.junit.Assert.fail(Assert.java:89)            ← frames; `Caused by:` on a line of its own
//
//   FAILURE: Build failed with an exception.                    ← (or `Build completed with 2 failures.`
//                                                                   and `1: Task failed with an exception.`)
//   * What went wrong:
//   Execution failed for task ':test'.                          ← the verdict
//   > There were failing tests. See the report at: ...          ← its reasons, `>` nested
//
//   * Try:                                                      ← advice: not shown
//
// javac and Kotlin errors printed by the compile tasks are read by javac.ts and kotlin.ts.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { locateFromFrames, parseThrowable, readJavaTrace } from './java-stack.js';
import { demoteAfterFirstFew } from './maven.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_DEPENDENCY = 85;
export const WEIGHT_WRONG = 72; // the verdict: after the errors it sums up
/** The verdict of a build whose script itself failed (no task ran: nothing else explains it). */
export const WEIGHT_SCRIPT = 85;

const MAX_LINE = 2000;
const MAX_WRONG = 14;

const TEST_FAILED = /^(\S.*?) > (.+) FAILED$/;
const DEPENDENCY =
  /Could not resolve|Could not find [\w.-]+:|Could not download|Could not GET|Could not HEAD/;
const SCRIPT =
  /^(?:A problem occurred (?:evaluating|configuring)|Could not compile (?:build|settings) file|Plugin \[.*\] was not found|Could not find method)/;

/** `* Where:` above the verdict: `Build file '/w/build.gradle' line: 12`. */
const WHERE = /^(?:Build file|Settings file|Script) '([^']+)' line: (\d+)$/;

const isBlank = (s: string): boolean => s.trim() === '';

/** `pkg.FooTest > nested > testBar()` → `pkg.FooTest.testBar` (as other runners name it). */
function testName(cls: string, rest: string): string {
  const parts = rest.split(' > ');
  const method = parts[parts.length - 1].replace(/\(\)$/, '');
  return `${cls}.${method}`;
}

export const gradle: Extractor = {
  name: 'gradle',
  // each finding needs a Class > test FAILED line or * What went wrong:
  triggers: / FAILED|\* What went wrong:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const text = line.text;
      if (text.length > MAX_LINE) {
        i++;
        continue;
      }
      const t = text.trim();

      if (t.endsWith(' FAILED') && t.includes(' > ')) {
        const m = TEST_FAILED.exec(t);
        if (m) {
          let f: Finding | undefined;
          let end = i;
          for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
            const trace = readJavaTrace(lines, j);
            if (trace) {
              f = {
                kind: 'test-failure',
                tool: 'gradle',
                message: trace.top.message,
                logLines: [line.n, lines[trace.shownEnd].n],
                weight: WEIGHT_TEST,
              };
              locateFromFrames(f, trace.frames, m[1]);
              end = trace.end;
              break;
            }
            const thrown = parseThrowable(lines[j].text);
            if (thrown) {
              f = {
                kind: 'test-failure',
                tool: 'gradle',
                message: thrown.message,
                logLines: [line.n, lines[j].n],
                weight: WEIGHT_TEST,
              };
              end = j;
              break;
            }
          }
          if (!f)
            f = {
              kind: 'test-failure',
              tool: 'gradle',
              message: t,
              logLines: [line.n, line.n],
              weight: WEIGHT_TEST,
            };
          f.test = testName(m[1], m[2]);
          if (line.segment !== undefined) f.segment = line.segment;
          findings.push(f);
          i = end + 1;
          continue;
        }
      }

      if (t === '* What went wrong:') {
        // the verdict runs to `* Try:` / `* Exception is:` / `* Get more help` or the next failure
        let start = i;
        let where: RegExpExecArray | null = null;
        for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
          const p = lines[k].text.trim();
          if (isBlank(p) || /^-{5,}$/.test(p)) continue;
          const w = WHERE.exec(p);
          if (w) where = w;
          if (w || p === '* Where:') {
            start = k;
            continue;
          }
          if (/^FAILURE: |^\d+: Task failed with an exception\.$/.test(p)) start = k;
          break;
        }
        let end = i;
        const reasons: string[] = [];
        let j = i + 1;
        for (; j < lines.length && j - i <= MAX_WRONG; j++) {
          const u = lines[j].text.trim();
          if (u.startsWith('* ') || /^={5,}$|^-{5,}$/.test(u) || /^BUILD FAILED/.test(u)) break;
          if (u === '') continue;
          reasons.push(u);
          end = j;
        }
        // skip the rest of an over-long block
        while (j < lines.length && j - i < 400 && !lines[j].text.trim().startsWith('* ')) j++;
        if (reasons.length) {
          const head = reasons[0];
          const why = reasons.find((r, k) => k > 0 && r.startsWith('>'));
          const message = why ? `${head} ${why}` : head;
          const block = reasons.join('\n');
          const dep = DEPENDENCY.test(block);
          const script = SCRIPT.test(head);
          const f: Finding = {
            kind: dep ? 'dependency' : 'build-error',
            tool: 'gradle',
            message,
            logLines: [lines[start].n, lines[end].n],
            weight: dep ? WEIGHT_DEPENDENCY : script ? WEIGHT_SCRIPT : WEIGHT_WRONG,
          };
          const task = /^Execution failed for task '([^']+)'/.exec(head);
          if (task) f.code = task[1];
          if (where) {
            f.file = where[1];
            f.rawFile = where[1];
            f.line = +where[2];
          }
          if (lines[start].segment !== undefined) f.segment = lines[start].segment;
          findings.push(f);
        }
        i = Math.max(end + 1, i + 1);
        continue;
      }
      i++;
    }
    demoteAfterFirstFew(findings);
    return findings;
  },
};
