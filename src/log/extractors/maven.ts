// Maven builds: the compiler plugin, surefire/failsafe, the failed goal, dependency resolution, enforcer
// rules, and the static checks that run as plugins (checkstyle, PMD, SpotBugs).
//
//   [ERROR] COMPILATION ERROR :                                          ← block header (shown with 1st error)
//   [ERROR] /w/src/main/java/a/Cart.java:[18,22] cannot find symbol      ← compiler error: path:[line,col] msg
//     symbol:   variable shippingCents                                   ← detail lines (indented)
//   [ERROR] src/main/java/a/Http.java:[11,8] (imports) UnusedImports: ... ← checkstyle, same location shape
//
//   [ERROR] cheapest(a.CartTest)  Time elapsed: 0 s  <<< ERROR!          ← surefire 2 test header
//   [ERROR] a.CartTest.cheapest -- Time elapsed: 0 s <<< FAILURE!       ← surefire 3
//   java.lang.NullPointerException: ...                                  ← the exception, then `at` frames
//
//   [ERROR] Failures:  / Failed tests:  / [ERROR] Errors:  / Tests in error:   ← the summary: reprints, low
//   [ERROR]   CartTest.totalAddsPrices:13 expected:<750> but was:<675>
//
//   [ERROR] Failed to execute goal org.apache...:maven-surefire-plugin:2.22.3:test (default-test) on project
//           shop: There are test failures.                                ← the build's own verdict, with its
//   [ERROR] <detail lines>                                               ← detail lines, not the advice below
//   [ERROR] -> [Help 1]
//
// A compiler error printed in the block and again under `Failed to execute goal` is the same finding twice:
// the ordering keeps the first (src/log/extract.ts drops located reprints).
import type { Finding, FindingKind, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { locateFromFrames, packagePath, parseThrowable, readJavaTrace } from './java-stack.js';
import { javacDetail, withJavacDetails } from './javac.js';

export const WEIGHT_COMPILE = 90;
export const WEIGHT_COMPILE_GLOBAL = 85; // `Source option 5 is no longer supported`: no location
export const WEIGHT_TEST = 85;
export const WEIGHT_DEPENDENCY = 85;
export const WEIGHT_RULE = 80; // enforcer rule, checkstyle violation
export const WEIGHT_ANALYSIS = 75; // PMD, SpotBugs
export const WEIGHT_GOAL = 72; // `Failed to execute goal`: the verdict, after the errors it sums up
/** surefire's `Failures:` summary: reprints, but in reach of the first five when many tests fail. */
export const WEIGHT_SUMMARY = 64;
/** Errors and failed tests after the first few: the report shows the first ones, then the build's verdict. */
export const WEIGHT_MORE = 55;
/** How many compile errors / failed tests keep their full weight. */
export const FIRST_FEW = 3;
export const WEIGHT_WARNING = 20;

const MAX_LINE = 2000;
const MAX_DETAIL = 6;
const MAX_GOAL_LINES = 12;
const MAX_SUMMARY = 10;
const MAX_RULE = 10;
/** Lines of a run of artifact resolution failures (with the resolver's advice lines). */
const MAX_ARTIFACTS = 12;

const LEVEL = /^\[(ERROR|WARNING|WARN|INFO)\] ?/;
/** `path.java:[12,5] message` (also Kotlin/Groovy/Scala sources compiled by Maven plugins). */
const LOC_TAIL = /^(\d+),(\d+)\] ?(.*)$/;
const SOURCE_EXT = /\.(?:java|kt|kts|groovy|scala|xml|properties)$/;
/** `path.java:348: message` (animal-sniffer, javac through some plugins). */
const LINE_LOC = /^(.+?\.(?:java|kt|groovy|scala)):(\d+): (?!error: |warning: )(.+)$/;
const CHECKSTYLE_MSG = /^\(([\w-]+)\) (\w+): (.*)$/;
/**
 * Checkstyle CLI: `[ERROR] /p/A.java:27:5: message [CheckName]`; its Ant task: `[checkstyle] [ERROR] ...` or
 * `[checkstyle] /p/notes.xml:161: message` (any checked file, the check name optional).
 */
const CHECKSTYLE_CLI = /^(.+?\.[\w-]+):(\d+)(?::(\d+))?: (.*?)(?: \[(\w+)\])?$/;
const TEST_MARK = /<<< (FAILURE|ERROR)!/;
const TEST_NAME = /^(.*?)(?: --|\s)\s*Time elapsed:/;
const JUNIT_NAME = /^([\w$[\]{}, =.-]+?)\(([\w$.]+)\)$/;
/** `Failed tests:` / `Tests in error:` (surefire 2, unprefixed), `[ERROR] Failures:` / `[ERROR] Errors:`. */
const SUMMARY_HEAD = /^(?:Failed tests|Tests in error|Failures|Errors):\s*$/;
const SUMMARY_HEAD_PLAIN = /^(?:Failed tests|Tests in error):\s*$/;
const SUMMARY_ENTRY = /^([\w$.]+)\.([\w$[\]{}-]+?)(?::(\d+))?(?: |$)/;
const GOAL = /^Failed to execute goal (?:(\S+) \(([^)]*)\) )?on project ([^:]+): (.*)$/;
const DEPENDENCY =
  /Could not resolve dependencies|Could not find artifact|Could not transfer artifact|Failed to collect dependencies|Non-resolvable|could not be resolved|Failed to read artifact descriptor|has not been downloaded from it before/i;
const ADVICE =
  /^(?:-> \[Help|To see the full stack trace|Re-run Maven|For more information about the errors|\[Help \d+\]|After correcting the problems|mvn <)/;
const ENFORCER = /^Rule \d+: ([\w$.]+) failed with message:\s*$/;
const ARTIFACT = /^(?:Could not find artifact|Could not transfer artifact|Failure to find) (\S+)/;
const READ_PROJECTS = /^The build could not read \d+ projects?/;
const PMD = /^PMD (?:Failure|Error): ([\w$.]+):(\d+) Rule:(\w+) Priority:\d+ (.*)$/;
const SPOTBUGS =
  /^(?:High|Medium|Low|Scariest|Scary|Troubling|Of Concern): (.*?) \[([\w$.]+)\](?: \w+)? [Aa]t (\w+\.java):\[lines? (\d+)/;

interface Stripped {
  level?: string;
  /** The line came from Ant's checkstyle task (`[checkstyle] `). */
  ant?: boolean;
  /** The text after the level prefix, indentation kept. */
  body: string;
}

function strip(text: string): Stripped {
  let t = text;
  const ant = t.startsWith('[checkstyle] ');
  if (ant) t = t.slice('[checkstyle] '.length);
  const m = LEVEL.exec(t);
  const out: Stripped = m ? { level: m[1], body: t.slice(m[0].length) } : { body: t };
  if (ant) out.ant = true;
  return out;
}

interface Located {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** `path.java:[12,5] message` → its parts; linear: the location is found with indexOf. */
function parseLoc(body: string): Located | undefined {
  const at = body.indexOf(':[');
  if (at <= 0) return undefined;
  let file = body.slice(0, at).trim();
  if (!SOURCE_EXT.test(file)) return undefined;
  if (file.startsWith('file://')) file = file.slice('file://'.length);
  const m = LOC_TAIL.exec(body.slice(at + 2));
  if (!m) return undefined;
  return { file, line: +m[1], column: +m[2], message: m[3].trim() };
}

/** `method(pkg.Class)` → `pkg.Class.method`; surefire 3 already prints `pkg.Class.method`. */
function testName(head: string): string {
  const name = head.trim();
  const m = JUNIT_NAME.exec(name);
  return m ? `${m[2]}.${m[1]}` : name;
}

const isIndented = (s: string): boolean => s.length > 0 && (s[0] === ' ' || s[0] === '\t');

function make(
  kind: FindingKind,
  tool: string,
  message: string,
  from: LogLine,
  to: LogLine,
  weight: number,
): Finding {
  const f: Finding = { kind, tool, message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

export const maven: Extractor = {
  name: 'maven',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** Index of the last `COMPILATION ERROR :` header, while its block lasts. */
    let blockHead = -1;
    let blockUsed = false;
    /** A located error was seen in the current block: later unlocated `[ERROR]` lines are its continuations. */
    let blockLocated = false;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const text = line.text;
      if (text.length > MAX_LINE) {
        i++;
        continue;
      }
      const { level, body, ant } = strip(text);
      const s = body.trim();

      if (s === 'COMPILATION ERROR :' || s === 'COMPILATION ERROR') {
        blockHead = i;
        blockUsed = false;
        blockLocated = false;
        i++;
        continue;
      }
      if (blockHead >= 0 && level === 'INFO' && /^\d+ errors?$|^-{10,}$/.test(s) && i > blockHead + 1)
        blockHead = -1;

      // compiler errors and checkstyle violations: path:[line,col] message
      // (maven-compiler-plugin 3.1 prints the errors after the first without a level, `error: ` in front)
      const loc =
        level === 'ERROR' || level === 'WARNING' || level === 'WARN' || (!level && blockHead >= 0)
          ? parseLoc(s)
          : undefined;
      if (loc) {
        if (loc.message.startsWith('error: ')) loc.message = loc.message.slice('error: '.length);
        if (blockHead >= 0) blockLocated = true;
        let end = i;
        let j = i + 1;
        const details: string[] = [];
        // detail lines: unprefixed and indented (`  symbol: ...`), or `[ERROR]   symbol: ...`
        while (j < lines.length && j - i <= MAX_DETAIL) {
          const next = lines[j].text;
          if (next.length > MAX_LINE) break;
          const st = strip(next);
          if (st.level === 'INFO' || st.body.trim() === '') break;
          if (st.level ? !/^\s{2,}\S/.test(st.body) : !isIndented(next)) break;
          const d = javacDetail(st.body);
          if (d) details.push(d);
          end = j;
          j++;
        }
        const cs = CHECKSTYLE_MSG.exec(loc.message);
        const warning = level !== 'ERROR';
        let f: Finding;
        if (cs) {
          f = make(
            warning ? 'warning' : 'lint-error',
            'checkstyle',
            cs[3],
            line,
            lines[end],
            warning ? WEIGHT_WARNING : WEIGHT_RULE,
          );
          f.code = cs[2];
        } else {
          f = make(
            warning ? 'warning' : 'compile-error',
            loc.file.endsWith('.kt') ? 'kotlin' : 'javac',
            withJavacDetails(loc.message, details),
            line,
            lines[end],
            warning ? WEIGHT_WARNING : WEIGHT_COMPILE,
          );
          // the first error of a `COMPILATION ERROR :` block shows the header too
          if (!warning && blockHead >= 0 && !blockUsed && i - blockHead <= 3) {
            f.logLines = [lines[blockHead].n, lines[end].n];
            blockUsed = true;
          }
        }
        f.file = loc.file;
        f.rawFile = loc.file;
        f.line = loc.line;
        f.column = loc.column;
        findings.push(f);
        i = end + 1;
        continue;
      }

      // an unlocated error inside the COMPILATION ERROR block: `Source option 5 is no longer supported.`
      if (blockHead >= 0 && !blockLocated && level === 'ERROR' && s && i - blockHead <= 30) {
        const f = make(
          'compile-error',
          'javac',
          s,
          blockUsed ? line : lines[blockHead],
          line,
          WEIGHT_COMPILE_GLOBAL,
        );
        blockUsed = true;
        findings.push(f);
        i++;
        continue;
      }

      // checkstyle CLI / Ant format
      if (level === 'ERROR' || level === 'WARN' || level === 'WARNING' || ant) {
        const cs = CHECKSTYLE_CLI.exec(s);
        if (cs && (cs[5] || ant)) {
          const warning = level !== undefined && level !== 'ERROR';
          const f = make(
            warning ? 'warning' : 'lint-error',
            'checkstyle',
            cs[4],
            line,
            line,
            warning ? WEIGHT_WARNING : WEIGHT_RULE,
          );
          if (cs[5]) f.code = cs[5];
          f.file = cs[1];
          f.rawFile = cs[1];
          f.line = +cs[2];
          if (cs[3]) f.column = +cs[3];
          findings.push(f);
          i++;
          continue;
        }
        const ll = level === 'ERROR' ? LINE_LOC.exec(s) : null;
        if (ll) {
          const f = make('compile-error', 'maven', ll[3], line, line, WEIGHT_RULE);
          f.file = ll[1];
          f.rawFile = ll[1];
          f.line = +ll[2];
          findings.push(f);
          i++;
          continue;
        }
      }

      // PMD and SpotBugs violations
      const pmd = s.startsWith('PMD ') ? PMD.exec(s) : null;
      if (pmd) {
        const f = make('lint-error', 'pmd', pmd[4], line, line, WEIGHT_ANALYSIS);
        f.code = pmd[3];
        f.file = packagePath(pmd[1], `${pmd[1].slice(pmd[1].lastIndexOf('.') + 1).split('$')[0]}.java`);
        f.line = +pmd[2];
        findings.push(f);
        i++;
        continue;
      }
      const bug = level === 'ERROR' && s.includes('.java:[line') ? SPOTBUGS.exec(s) : null;
      if (bug) {
        const f = make('lint-error', 'spotbugs', bug[1], line, line, WEIGHT_ANALYSIS);
        f.file = packagePath(bug[2], bug[3]);
        f.rawFile = bug[3];
        f.line = +bug[4];
        findings.push(f);
        i++;
        continue;
      }

      // surefire / failsafe: a failing test
      if (TEST_MARK.test(s) && !s.startsWith('Tests run:')) {
        const name = TEST_NAME.exec(s);
        const test = testName(name ? name[1] : s.slice(0, s.search(TEST_MARK)));
        let end = i;
        let message = s;
        let f: Finding | undefined;
        for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
          const trace = readJavaTrace(lines, j);
          if (trace) {
            message = trace.top.message;
            f = make('test-failure', 'surefire', message, line, lines[trace.shownEnd], WEIGHT_TEST);
            locateFromFrames(f, trace.frames, test.slice(0, test.lastIndexOf('.')));
            end = trace.end;
            break;
          }
          const thrown = parseThrowable(lines[j].text);
          if (thrown) {
            f = make('test-failure', 'surefire', thrown.message, line, lines[j], WEIGHT_TEST);
            end = j;
            break;
          }
        }
        if (!f) f = make('test-failure', 'surefire', message, line, line, WEIGHT_TEST);
        f.test = test;
        findings.push(f);
        i = end + 1;
        continue;
      }

      // the summary after `Results :`
      if (level === 'ERROR' ? SUMMARY_HEAD.test(s) : !level && SUMMARY_HEAD_PLAIN.test(s)) {
        let end = i;
        let first: string | undefined;
        for (let j = i + 1; j < lines.length && j - i <= MAX_SUMMARY; j++) {
          const st = strip(lines[j].text);
          if (!/^\s{2,}\S/.test(st.body)) break;
          if (first === undefined) first = st.body.trim();
          end = j;
        }
        if (first !== undefined) {
          const f = make(
            'test-failure',
            'surefire',
            `${s.replace(/:\s*$/, '')}: ${first}`,
            line,
            lines[end],
            WEIGHT_SUMMARY,
          );
          const e = SUMMARY_ENTRY.exec(first);
          if (e) f.test = `${e[1]}.${e[2]}`;
          findings.push(f);
          i = end + 1;
          continue;
        }
      }

      // the failed goal, with its detail lines but without the advice
      const goal = level === 'ERROR' && s.startsWith('Failed to execute goal') ? GOAL.exec(s) : null;
      if (goal) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_GOAL_LINES; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (st.level !== 'ERROR' || b === '' || ADVICE.test(b)) break;
          end = j;
        }
        const reason = goal[4].replace(/\s*-> \[Help \d+\]\s*$/, '');
        const dep = DEPENDENCY.test(reason);
        const f = make(
          dep ? 'dependency' : 'build-error',
          'maven',
          s.replace(/\s*-> \[Help \d+\]\s*$/, ''),
          line,
          lines[end],
          dep ? WEIGHT_DEPENDENCY : WEIGHT_GOAL,
        );
        if (goal[1]) f.code = goal[1];
        findings.push(f);
        i = end + 1;
        continue;
      }

      // plugin / parent POM / project model failures
      if (
        level === 'ERROR' &&
        (READ_PROJECTS.test(s) || /^Plugin \S+ or one of its dependencies could not be resolved/.test(s))
      ) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_RULE; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (st.level !== 'ERROR' || b === '' || ADVICE.test(b)) break;
          end = j;
        }
        const block = lines
          .slice(i, end + 1)
          .map((l) => l.text)
          .join('\n');
        const dep = DEPENDENCY.test(block);
        findings.push(
          make(
            dep ? 'dependency' : 'build-error',
            'maven',
            s.replace(/\s*-> \[Help \d+\]\s*$/, ''),
            line,
            lines[end],
            dep ? WEIGHT_DEPENDENCY : WEIGHT_RULE,
          ),
        );
        i = end + 1;
        continue;
      }

      // enforcer rules: `Rule 0: org.apache.maven.plugins.enforcer.RequireJavaVersion failed with message:`
      const rule = ENFORCER.exec(s);
      if (rule) {
        let end = i;
        let detail: string | undefined;
        for (let j = i + 1; j < lines.length && j - i < MAX_RULE; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (
            b === '' ||
            st.level === 'INFO' ||
            ADVICE.test(b) ||
            /^(?:Failed to execute goal|Rule \d+:)/.test(b)
          )
            break;
          if (detail === undefined) detail = b;
          end = j;
        }
        const name = rule[1].slice(rule[1].lastIndexOf('.') + 1);
        const dep = /Dependenc|UpperBound|Banned|Convergence|Snapshot/i.test(name);
        const f = make(
          dep ? 'dependency' : 'build-error',
          'maven-enforcer',
          detail ? `${name}: ${detail}` : s,
          line,
          lines[end],
          WEIGHT_RULE,
        );
        f.code = name;
        findings.push(f);
        i = end + 1;
        continue;
      }

      // dependency resolution outside a goal line (Leiningen, Maven resolver warnings): consecutive lines
      const art = s.length < 600 ? ARTIFACT.exec(s) : null;
      if (art) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_ARTIFACTS; j++) {
          const b = strip(lines[j].text).body.trim();
          if (!ARTIFACT.test(b) && !/^This could be due to|^If you are behind a proxy/.test(b)) break;
          end = j;
        }
        const f = make('dependency', 'maven', s, line, lines[end], WEIGHT_DEPENDENCY - 5);
        f.code = art[1];
        findings.push(f);
        i = end + 1;
        continue;
      }
      i++;
    }
    demoteAfterFirstFew(findings);
    return findings;
  },
};

/** The first FIRST_FEW compile errors and failed tests keep their weight; the rest go below the verdict. */
export function demoteAfterFirstFew(findings: Finding[]): void {
  const seen = new Map<string, number>();
  for (const f of findings) {
    if (f.kind !== 'compile-error' && f.kind !== 'test-failure') continue;
    if (f.weight < WEIGHT_TEST) continue; // summaries keep their own weight
    const n = seen.get(f.kind) ?? 0;
    seen.set(f.kind, n + 1);
    if (n >= FIRST_FEW) f.weight = WEIGHT_MORE;
  }
}
