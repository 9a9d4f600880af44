// JVM stack traces (Java, Kotlin, Scala, Groovy), as Throwable.printStackTrace and the test runners print them:
//
//   Exception in thread "main" java.lang.IllegalStateException: no config     ← header (the prefix is optional)
//   	at com.example.App.load(App.java:42)                                     ← frames, innermost first
//   	at java.base/java.lang.Thread.run(Thread.java:833)                      ← Java 9+: module prefix
//   	at java.lang.ClassLoader.defineClass1 (Native Method)                     ← Maven 3 prints a space
//   Caused by: java.io.FileNotFoundException: app.yml                         ← the chain, outermost first
//   	at com.example.Config.read(Config.java:12)
//   	... 3 more                                                               ← frames shared with the above
//   	Suppressed: ...                                                          ← suppressed exceptions
//
// Gradle's test logger indents the trace and puts `Caused by:` on a line of its own, the exception on the
// next one, with blank lines in between; Maven, sbt and Jenkins prefix lines with `[ERROR] `, `[info] `.
//
// A frame `at pkg.Outer$Inner.method(File.java:123)` gives rawFile `File.java` and the path guess
// `pkg/File.java` (the package path: a suffix match against the repository finds src/main/java/pkg/File.java).
// Frames of the runtime, the test frameworks and the build tools are vendored: context, never suspects.
//
// This module exports the trace reader the Maven and Gradle extractors use for test failures, and an
// extractor for free-standing traces. Those are weighted low unless they are uncaught (`Exception in
// thread`): Java builds log many harmless traces, and the build tool's own findings explain better.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_UNCAUGHT = 80; // `Exception in thread "main" ...`: the program died
export const WEIGHT_TRACE = 50; // a trace with a frame of the project
/**
 * Traces printed while surefire runs the tests (`T E S T S` to `Results`) are the tests' own output (logged
 * exceptions of passing tests): not findings. A failing test's trace follows its `<<< FAILURE!` header and is
 * reported by the Maven extractor.
 */
const TESTS_END = /^(?:Results ?:\s*$|BUILD (?:FAILURE|SUCCESS)|Failed to execute goal)/;
export const WEIGHT_VENDORED = 40; // a trace whose frames are all the runtime's, the framework's

const MAX_LINE = 2000;
/** Message lines between an exception line and its first frame (multi-line assertion messages). */
const MAX_MESSAGE = 20;
/** Lines a trace may take in all (frames, causes, suppressed ...). */
const MAX_TRACE = 2000;
/** Frames of the top exception the finding's logLines show ... */
export const SHOWN_FRAMES = 4;
/** ... or, when the project's first frame comes a little later (below assertion helpers), down to it. */
const PROJECT_FRAME_REACH = 10;
const MAX_FRAMES = 300;

/** `[ERROR] `, `[info] `, `[WARNING] `: the level prefixes of Maven, sbt, Ant tasks. */
const LEVEL_PREFIX = /^\[(?:ERROR|WARNING|WARN|INFO|DEBUG|error|warn|info|debug)\] ?/;
/** `Exception in thread "main" `, `Caused by: `, `Suppressed: `, `Wrapped by: `, Jenkins' `Also:   `. */
const CHAIN_PREFIX =
  /^(?:Exception in thread "[^"]*" |Caused by: |Suppressed: |Wrapped by: |Also: +|Caused: )/;
/** A throwable class name, qualified: `java.lang.AssertionError`, `org.opentest4j.AssertionFailedError`. */
const QUALIFIED = /^(?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*$/;
const MORE = /^\.\.\. \d+ (?:more|common frames omitted)$/;

/** Classes of the runtime, the languages' standard libraries, test frameworks and build tools. */
const VENDORED_PREFIXES = [
  'java.',
  'javax.',
  'jakarta.',
  'jdk.',
  'sun.',
  'com.sun.',
  'kotlin.',
  'kotlinx.',
  'scala.',
  'groovy.',
  'org.codehaus.groovy.',
  'org.junit.',
  'junit.',
  'org.opentest4j.',
  'org.testng.',
  'org.hamcrest.',
  'org.assertj.',
  'org.mockito.',
  'net.bytebuddy.',
  'org.spockframework.',
  'org.scalatest.',
  'org.apache.maven.',
  'org.codehaus.plexus.',
  'org.codehaus.mojo.',
  'org.eclipse.sisu.',
  'org.gradle.',
  'worker.org.gradle.',
  'com.google.inject.',
  'hudson.',
  'jenkins.',
  'org.jenkinsci.',
  'sbt.',
  'xsbt.',
];

export function isVendoredJavaClass(qualified: string): boolean {
  for (const p of VENDORED_PREFIXES) if (qualified.startsWith(p)) return true;
  return false;
}

/** The text of a line without Maven/sbt level prefixes and surrounding whitespace. */
export function stripLevel(text: string): string {
  const t = text.trimStart();
  const m = LEVEL_PREFIX.exec(t);
  return (m ? t.slice(m[0].length) : t).trim();
}

/** Parses one `at ...` line; undefined when the line is not a JVM frame. */
export function parseJavaFrame(text: string): StackFrame | undefined {
  if (text.length > MAX_LINE) return undefined;
  const t = stripLevel(text);
  if (!t.startsWith('at ') || !t.endsWith(')')) return undefined;
  const open = t.lastIndexOf('(');
  if (open < 4) return undefined;
  let callee = t.slice(3, open).trim();
  const where = t.slice(open + 1, -1);
  // `java.base/java.lang.Thread.run`, `app//com.x.Y.m`, `java.base@17.0.1/...`: drop the module part.
  const slash = callee.lastIndexOf('/');
  const fromModule = slash >= 0;
  if (fromModule) callee = callee.slice(slash + 1);
  // `pkg.Class.method`, `Class.<init>`, `Outer$Inner.lambda$run$0`: a class and a method
  if (!/^[\w$]+(?:\.[\w$<>-]+)+$/.test(callee)) return undefined;
  const dot = callee.lastIndexOf('.');
  const cls = dot > 0 ? callee.slice(0, dot) : callee;
  const method = dot > 0 ? callee.slice(dot + 1) : undefined;
  const colon = where.lastIndexOf(':');
  const fileName = colon > 0 ? where.slice(0, colon) : where;
  const lineText = colon > 0 ? where.slice(colon + 1) : '';
  const vendored = isVendoredJavaClass(cls) || (fromModule && !t.slice(3).startsWith('app//'));
  if (!/^[\w$-]+\.(?:java|kt|kts|scala|groovy|clj|gradle)$/.test(fileName)) {
    // `Native Method`, `Unknown Source`, `<generated>`: no file to point at; anything else is not a JVM frame
    if (!/^(?:Native Method|Unknown Source|<generated>|Compiled Code|Unknown)$/.test(where)) return undefined;
    const frame: StackFrame = { rawFile: where, vendored: true };
    if (method) frame.function = `${cls}.${method}`;
    return frame;
  }
  const frame: StackFrame = { rawFile: fileName, file: packagePath(cls, fileName), vendored };
  if (/^\d+$/.test(lineText)) frame.line = +lineText;
  if (method) frame.function = `${cls}.${method}`;
  return frame;
}

/** `com.example.Outer$Inner` + `Outer.java` → `com/example/Outer.java`. */
export function packagePath(qualifiedClass: string, fileName: string): string {
  const dot = qualifiedClass.lastIndexOf('.');
  if (dot <= 0) return fileName;
  return `${qualifiedClass.slice(0, dot).replace(/\./g, '/')}/${fileName}`;
}

export interface ThrowableLine {
  /** `java.lang.AssertionError` */
  type: string;
  /** The line as printed, without prefixes: `java.lang.AssertionError: expected:<1> but was:<2>` */
  message: string;
  uncaught: boolean;
}

/** An exception line: `pkg.SomeException: msg`, with an optional `Exception in thread` / `Caused by:` prefix. */
export function parseThrowable(text: string): ThrowableLine | undefined {
  // a long message (a list compared by an assertion) is cut, not refused
  let t = stripLevel(text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text);
  const chain = CHAIN_PREFIX.exec(t);
  if (chain) t = t.slice(chain[0].length).trim();
  const colon = t.indexOf(': ');
  const head = colon >= 0 ? t.slice(0, colon) : t.endsWith(':') ? t.slice(0, -1) : t;
  if (head.length > 300 || !QUALIFIED.test(head)) return undefined;
  return { type: head, message: t, uncaught: !!chain && chain[0].startsWith('Exception in thread') };
}

const isFrame = (text: string): boolean => {
  // cheap checks first: this runs on every line near a candidate exception
  if (text.length > MAX_LINE || !text.includes('at ') || !text.trimEnd().endsWith(')')) return false;
  return stripLevel(text).startsWith('at ');
};
const isBlank = (text: string): boolean => stripLevel(text) === '';

export interface JavaTrace {
  /** Index of the exception line. */
  start: number;
  /** Index of the last line of the trace (frames, causes, `... N more`). */
  end: number;
  /** Index of the last line the finding should show: the message and the first few frames. */
  shownEnd: number;
  top: ThrowableLine;
  /** `Caused by:` exceptions, outermost first. */
  causes: ThrowableLine[];
  /** All frames in printed order (the top exception's first, innermost first within each). */
  frames: StackFrame[];
  /** The frames of the top exception only. */
  topFrames: number;
}

/**
 * Reads the trace whose exception line is at `i`. The first frame must come within MAX_MESSAGE lines (the
 * message may continue over several lines); returns undefined when no frame follows.
 */
export function readJavaTrace(lines: LogLine[], i: number): JavaTrace | undefined {
  const top = parseThrowable(lines[i].text);
  if (!top) return undefined;
  let first = -1;
  for (let j = i + 1; j < lines.length && j <= i + MAX_MESSAGE; j++) {
    const t = lines[j].text;
    if (isFrame(t)) {
      first = j;
      break;
    }
    if (j > i + 1 && t.length <= MAX_LINE && t.includes(': ') && CHAIN_PREFIX.test(stripLevel(t)))
      return undefined;
  }
  if (first < 0) return undefined;
  const frames: StackFrame[] = [];
  const causes: ThrowableLine[] = [];
  let topFrames = 0;
  /** Line index of the top exception's first project frame. */
  let projectAt = -1;
  let inTop = true;
  let end = first;
  let j = first;
  while (j < lines.length && j - i < MAX_TRACE) {
    const t = lines[j].text;
    if (isFrame(t)) {
      const fr = parseJavaFrame(t);
      if (fr && frames.length < MAX_FRAMES) {
        frames.push(fr);
        if (inTop) {
          topFrames++;
          if (projectAt < 0 && !fr.vendored && fr.line !== undefined) projectAt = j;
        }
      }
      end = j;
      j++;
      continue;
    }
    const s = t.length <= MAX_LINE ? stripLevel(t) : '';
    if (MORE.test(s)) {
      end = j;
      j++;
      continue;
    }
    if ((CHAIN_PREFIX.test(s) && !s.startsWith('Exception in thread')) || s === 'Caused by:') {
      inTop = false;
      let cause = parseThrowable(s);
      let k = j;
      // Gradle: `Caused by:` alone, the exception on the next line
      if (!cause && /^Caused by:$/.test(s) && j + 1 < lines.length) {
        cause = parseThrowable(lines[j + 1].text);
        if (cause) k = j + 1;
      }
      if (s.startsWith('Caused by') && cause) causes.push(cause);
      end = k;
      j = k + 1;
      continue;
    }
    if (s === '' || isBlank(t)) {
      // Gradle leaves blank lines inside a trace: go on only if the trace visibly continues.
      let k = j + 1;
      while (k < lines.length && k <= j + 2 && isBlank(lines[k].text)) k++;
      if (k < lines.length && k <= j + 2) {
        const n = stripLevel(lines[k].text);
        if (n.startsWith('Caused by:') || (isFrame(lines[k].text) && !inTop) || MORE.test(n)) {
          j = k;
          continue;
        }
      }
      break;
    }
    break;
  }
  let shownEnd = Math.min(end, first + Math.max(0, Math.min(topFrames, SHOWN_FRAMES) - 1));
  if (projectAt > shownEnd && projectAt - first < PROJECT_FRAME_REACH) shownEnd = projectAt;
  return { start: i, end, shownEnd, top, causes, frames, topFrames };
}

/** The frame a finding points at: the first frame of the project (not vendored, with a file and line). */
export function projectFrame(frames: StackFrame[]): StackFrame | undefined {
  return frames.find((f) => !f.vendored && f.file !== undefined && f.line !== undefined);
}

/**
 * Sets file/rawFile/line of a finding from its frames. With the failing test's class, a frame in the test's
 * own code base (its first two package segments: `org.sonar` of `org.sonar.java.FooTest`) wins over a frame
 * of a library the runtime list does not know (Guava, Jackson ...).
 */
export function locateFromFrames(f: Finding, frames: StackFrame[], testClass?: string): void {
  if (frames.length) f.frames = frames;
  let top: StackFrame | undefined;
  const segments = testClass?.split('.') ?? [];
  if (segments.length >= 3) {
    const prefix = `${segments.slice(0, 2).join('.')}.`;
    top = frames.find(
      (fr) =>
        !fr.vendored && fr.file !== undefined && fr.line !== undefined && !!fr.function?.startsWith(prefix),
    );
  }
  top ??= projectFrame(frames);
  if (top) {
    f.file = top.file;
    f.rawFile = top.rawFile;
    f.line = top.line;
  }
}

export const javaStack: Extractor = {
  name: 'java-stack',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let inTests = false;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      // cheap filter: an exception line names a qualified class
      if (text.length > MAX_LINE || !text.includes('.') || isFrame(text)) {
        if (text.length <= MAX_LINE && text.includes('T E S T S')) inTests = true;
        else if (inTests && TESTS_END.test(stripLevel(text))) inTests = false;
        i++;
        continue;
      }
      const trace = readJavaTrace(lines, i);
      if (!trace) {
        i++;
        continue;
      }
      if (inTests && !trace.top.uncaught) {
        i = trace.end + 1;
        continue;
      }
      const hasProject = projectFrame(trace.frames) !== undefined;
      const f: Finding = {
        kind: 'exception',
        tool: 'java',
        message: trace.top.message,
        code: trace.top.type,
        logLines: [lines[i].n, lines[trace.shownEnd].n],
        weight: trace.top.uncaught ? WEIGHT_UNCAUGHT : hasProject ? WEIGHT_TRACE : WEIGHT_VENDORED,
      };
      locateFromFrames(f, trace.frames);
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      i = trace.end + 1;
    }
    return findings;
  },
};
