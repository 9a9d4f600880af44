// The failure category: what kind of failure a log shows (compile, test, lint, dependency, ...), decided
// from the findings (their kinds, tools and messages) and the matched rule patterns. Pure.
//
// Zero-shot: the cues describe tools and failure kinds (a Maven plugin, a pytest summary, a linter), never
// a project. The decision looks at the findings a reader is shown first, because the first real error is
// the cause; a build tool's own summary ("Failed to execute goal ...:testCompile") names the phase that
// failed and wins over a generic guess.
import type { Finding, FindingKind, LogDocument, PatternMatch, RuleCategory } from '../types.js';
import { infraLayer } from './extractors/infra.js';

/** Categories of the finding kinds; undefined: the kind says nothing by itself. */
const KIND_CATEGORY: Partial<Record<FindingKind, RuleCategory>> = {
  'compile-error': 'compile',
  'lint-error': 'lint',
  'test-failure': 'test',
  assertion: 'test',
  exception: 'runtime',
  dependency: 'dependency',
  infra: 'infra',
};

/**
 * Message cues, tried in order on a finding's message (and a pattern's title): a tool or phase that names
 * the kind of failure. Single-line regexes without nested quantifiers.
 */
const MESSAGE_CUES: [RegExp, RuleCategory][] = [
  // API/ABI compatibility with an earlier release (a check of the public API, not of the code's style)
  [
    /clirr-maven-plugin|\bclirr\b|japicmp|\brevapi\b|animal-sniffer|\bmima(?:ReportBinaryIssues)?\b|binary[- ]incompatib|(?:API|ABI) compatibility (?:check|error|violation)s?|cargo-semver-checks|semver-checks/i,
    'compatibility',
  ],
  // lint and static checks (before compile: checkstyle runs in Maven's validate/verify phases)
  [
    /maven-checkstyle-plugin|checkstyle:check|\bCheckstyle (?:violations?|errors?|report)|\[checkstyle\]|maven-pmd-plugin|pmd:check|findbugs-maven-plugin|spotbugs-maven-plugin|\bpylint\b|\bflake8\b|\bruff\b|\beslint\b|rubocop|golangci|\bcodenarc\b|\bscalastyle\b|\bspotless\b|license-maven-plugin|apache-rat|\brat-plugin\b|\bforbiddenapis\b|\bfmt-maven|\bformatter-maven|would reformat|code style issues|imported but unused|undefined name '|redefinition of unused|is assigned to but never used|\bstyle (?:check|violation)s?\b/i,
    'lint',
  ],
  [
    /You have \d+ Checkstyle violations?|Checkstyle failed|Got \d+ errors and \d+ warnings|There (?:is|are) \d+ errors? reported by Checkstyle|Rule violated for|\bPMD Failure\b|\bBugInstance\b/i,
    'lint',
  ],
  // dependency resolution
  [
    /Could not resolve dependencies|Could not (?:find|resolve|transfer) artifact|Failed to collect dependencies|Non-resolvable (?:parent|import) POM|DependencyResolutionException|Could not resolve all (?:files|dependencies)|No matching distribution found|Could not find a version that satisfies|ERESOLVE|ModuleNotFoundError|No module named|cannot find module|unable to resolve dependency|version solving failed/i,
    'dependency',
  ],
  // tests (surefire/failsafe, pytest, unittest, go, cargo, rspec ...)
  [
    /maven-surefire-plugin|maven-failsafe-plugin|There (?:are|were) test failures|Tests? run:.*(?:Failures|Errors): [1-9]|\btests? failed\b|\bfailing tests?\b|\d+ failed\b|FAILED \(|--- FAIL|test result: FAILED|\bAssertion(?:Error|Failure|FailedError)\b|\bComparisonFailure\b|\bexpected:<|assert(?:ion)? failed|Failures:\s*$/i,
    'test',
  ],
  // a launcher that cannot start the program (a missing wrapper jar, a wrong class path)
  [/Could not find or load main class|Unable to access jarfile|no main manifest attribute/i, 'environment'],
  // compilation
  [
    /maven-compiler-plugin|COMPILATION ERROR|Compilation failure|compileJava|compileTestJava|compileKotlin|compileScala|cannot find symbol|incompatible types|\berror: |\berror\[E\d+\]|\berror TS\d+|SyntaxError|IndentationError|invalid syntax|\bdoes not compile\b|javac/i,
    'compile',
  ],
  // network
  [
    /Could not (?:connect|resolve host)|Connection (?:refused|reset|timed out)|Temporary failure in name resolution|Name or service not known|ETIMEDOUT|ECONNRESET|ENOTFOUND|Read timed out|Network is unreachable|unable to access 'https?:|Could not read from remote repository|Permission denied \(publickey\)|Clone of '[^']*' into submodule path|fatal: clone of '|Failed to clone '|fatal: repository '[^']*' not found|TLS handshake|SSL(?:Handshake)?Exception/i,
    'network',
  ],
  // infrastructure
  [
    /No space left on device|out of memory|OutOfMemoryError|Killed\b|timed out after|exceeded the (?:maximum )?(?:time|timeout)|The job was cancelled|runner has received a shutdown|lost communication with the server|rate limit|The job exceeded/i,
    'infra',
  ],
  // environment
  [
    /command not found|not found in PATH|No such file or directory|Permission denied|JAVA_HOME|Unsupported major\.minor version|requires Python|python_requires|UnsupportedClassVersionError|unsupported (?:engine|platform)/i,
    'environment',
  ],
  // configuration
  [
    /Non-parseable POM|Malformed POM|Invalid (?:configuration|config)|A problem occurred configuring|Could not (?:find|get) (?:unknown )?property|unknown (?:option|property|setting)|is not a valid|yaml|\.yml/i,
    'config',
  ],
];

/**
 * The build tool's own summary of what failed: Maven's `Failed to execute goal <plugin>:<goal>` and Gradle's
 * `Execution failed for task ':module:<task>'`. The phase that failed names the category.
 */
const MAVEN_GOAL =
  /Failed to execute goal (?:on project \S+: (?<why>.{0,200})|(?<plugin>[\w.-]+:[\w.-]+)(?::[\w.$-]+)?:(?<goal>[\w-]+))/;
const PLUGIN_CRASHED = /^.*?on project [^:]*: Execution \S+ of goal \S+ failed:?/;
/** What a crashed plugin's reason may name; anything else (a class name of the checker ...) is its configuration. */
const CRASH_CAUSES: ReadonlySet<RuleCategory> = new Set(['dependency', 'network', 'infra', 'environment']);
const GRADLE_TASK = /Execution failed for task '(?:[\w.-]*:)*(?<task>[\w-]+)'/;

const PLUGIN_CATEGORY: [RegExp, RuleCategory][] = [
  [/clirr|japicmp|revapi|animal-sniffer/i, 'compatibility'],
  [
    /checkstyle|pmd|findbugs|spotbugs|license|apache-rat|rat-plugin|forbiddenapis|spotless|fmt-maven|formatter|scalastyle|codenarc|ktlint|detekt|javadoc/i,
    'lint',
  ],
  [/surefire|failsafe|scalatest|jacoco|karma|jasmine|jest|mocha/i, 'test'],
  [/compiler|kotlin|scala-maven|groovy|gmaven|aspectj|javacc|antlr|protobuf|protoc/i, 'compile'],
  [/dependency|enforcer|versions-maven/i, 'dependency'],
];

const TASK_CATEGORY: [RegExp, RuleCategory][] = [
  [/^(?:japicmp|revapi|apiCheck|mima|animalsniffer|clirr)/i, 'compatibility'],
  [/^(?:checkstyle|pmd|spotbugs|findbugs|lint|ktlint|detekt|spotless|codenarc|javadoc|license)/i, 'lint'],
  [/^compile|Compile|^kapt|^javac/, 'compile'],
  [/test|check$/i, 'test'],
];

/** The category a build tool's failure summary names, or undefined when the text is not one. */
export function buildToolCategory(text: unknown, following: string[] = []): RuleCategory | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  const s = text.length > 1000 ? text.slice(0, 1000) : text;
  const m = MAVEN_GOAL.exec(s);
  if (m?.groups) {
    if (m.groups.why !== undefined)
      return /resolve dependencies|collect dependencies|artifact|transfer/i.test(m.groups.why)
        ? 'dependency'
        : cueOf(m.groups.why);
    const plugin = m.groups.plugin ?? '';
    const byPlugin = PLUGIN_CATEGORY.find(([re]) => re.test(plugin))?.[1];
    // `Execution <id> of goal <g> failed: <why>` is Maven's word for a plugin that threw (a checker that
    // crashed on its own configuration), not for one that found violations in the code.
    if (byPlugin === 'lint' && PLUGIN_CRASHED.test(s.slice(m.index))) {
      const why = cueOf(s.slice(m.index).replace(PLUGIN_CRASHED, ''));
      return why && CRASH_CAUSES.has(why) ? why : 'config';
    }
    if (byPlugin) return byPlugin;
    if (/^(?:test|integration-test)$/i.test(m.groups.goal ?? '')) return 'test';
    if (/^(?:compile|testCompile)$/i.test(m.groups.goal ?? '')) return 'compile';
    // a generic runner (antrun, exec ...): what it says after `on project X:` and on the next lines
    const after = s.slice(m.index + m[0].length).replace(/^.*?on project [^:]*:/, '');
    return cueOf(after) ?? following.map((t) => cueOf(t)).find((c) => c !== undefined);
  }
  const g = GRADLE_TASK.exec(s);
  if (g?.groups?.task) {
    for (const [re, cat] of TASK_CATEGORY) if (re.test(g.groups.task)) return cat;
  }
  return undefined;
}

/** A path of a test file: `tests/`, `test_x.py`, `x_test.go`, `FooTest.java`, `x.spec.ts`. */
const TEST_PATH =
  /(?:^|[/\\])(?:tests?|spec|__tests__|testing)[/\\]|(?:^|[/\\])test_[^/\\]*\.py$|_test\.(?:go|py|rb)$|Tests?\.(?:java|kt|scala|cs)$|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** Categories a generic finding or a pattern may have that say nothing. */
const VAGUE: ReadonlySet<RuleCategory> = new Set(['unknown']);

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

function cueOf(text: unknown): RuleCategory | undefined {
  if (typeof text !== 'string' || !text) return undefined;
  const s = text.length > 2000 ? text.slice(0, 2000) : text;
  for (const [re, cat] of MESSAGE_CUES) if (re.test(s)) return cat;
  return undefined;
}

const NO_MODULE = /No module named '?([A-Za-z_]\w*)\.[\w.]+/;

/** An import error of a submodule of a package whose own (not installed) files are in the traceback. */
function importsOwnModule(f: Finding): boolean {
  const m = typeof f.message === 'string' ? NO_MODULE.exec(f.message.slice(0, 500)) : null;
  if (!m || !Array.isArray(f.frames)) return false;
  const dir = `/${m[1]}/`;
  return f.frames.some(
    (fr) =>
      !fr?.vendored &&
      typeof fr?.rawFile === 'string' &&
      !/[/\\](?:site|dist)-packages[/\\]/.test(fr.rawFile) &&
      fr.rawFile.replace(/\\/g, '/').includes(dir),
  );
}

/** The category one finding stands for, or undefined when it says nothing. */
export function findingCategory(f: Finding, patterns: PatternMatch[] = []): RuleCategory | undefined {
  if (!f || typeof f !== 'object') return undefined;
  const byKind = KIND_CATEGORY[f.kind];
  // Infrastructure: the network (a reset, a time-out, DNS, a server's 5xx) or the machine and the service.
  if (f.kind === 'infra') {
    const cue = cueOf(f.message);
    if (cue === 'network' || cue === 'infra') return cue;
    const layer = typeof f.message === 'string' ? infraLayer(f.message) : undefined;
    return layer === 'network' || layer === 'server' ? 'network' : 'infra';
  }
  // A located compile/lint/test finding from a tool extractor is the strongest signal there is.
  if (byKind && f.tool !== 'generic' && byKind !== 'runtime') return byKind;
  // `No module named 'pkg.sub'` where pkg is the package the traceback runs in: the project's own module
  // is missing or misnamed (a code error), not a library to install.
  if (byKind === 'runtime' && importsOwnModule(f)) return f.test ? 'test' : 'runtime';
  const onIt = Array.isArray(f.logLines)
    ? patterns.find(
        (p) => Array.isArray(p?.logLines) && overlaps(p.logLines, f.logLines) && !VAGUE.has(p.category),
      )
    : undefined;
  if (onIt) return onIt.category;
  const fromText = cueOf(f.message);
  if (fromText) return fromText;
  // a block finding (a region around an error line) says what failed on its other lines
  if (!byKind && Array.isArray(f.excerpt)) {
    const fromBlock = cueOf(f.excerpt.filter((t) => typeof t === 'string').join('\n'));
    if (fromBlock) return fromBlock;
  }
  if (byKind === 'runtime') {
    if (f.test) return 'test';
    // an exception raised while a test ran (a frame in a test file) is a test failure
    if (f.frames?.some((fr) => TEST_PATH.test(fr.file ?? fr.rawFile ?? ''))) return 'test';
  }
  return byKind;
}

/** The last build-tool failure summary in the log (original line number and category), if any. */
export function lastBuildToolSummary(
  doc: LogDocument | undefined,
): { line: number; category: RuleCategory } | undefined {
  const lines = doc?.lines ?? [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const t = lines[i].text;
    if (
      typeof t !== 'string' ||
      (!t.includes('Failed to execute goal') && !t.includes('Execution failed for task'))
    )
      continue;
    const next = lines.slice(i + 1, i + 4).map((l) => l.text);
    const c = buildToolCategory(t, next);
    if (c) return { line: lines[i].n, category: c };
  }
  return undefined;
}

/**
 * The failure category from the findings (most explanatory first), the matched patterns and, when given,
 * the log itself:
 * 1. the build tool's last failure summary (Maven goal, Gradle task) in the log or quoted by a finding: the
 *    phase that failed the build;
 * 2. else the category of the first finding that says one (warnings and exit lines skipped);
 * 3. else the first pattern's category; else 'unknown'. Never throws.
 */
export function classifyFailure(
  findings: Finding[],
  patterns: PatternMatch[],
  doc?: LogDocument,
): RuleCategory {
  const fs = (Array.isArray(findings) ? findings : []).filter((f) => f && typeof f === 'object');
  const ps = (Array.isArray(patterns) ? patterns : []).filter((p) => p && typeof p === 'object');
  let last: { at: number; category: RuleCategory } | undefined;
  const inLog = lastBuildToolSummary(doc);
  if (inLog) last = { at: inLog.line, category: inLog.category };
  for (const f of fs) {
    const c = buildToolCategory(f.message);
    const at = Array.isArray(f.logLines) ? f.logLines[0] : 0;
    if (c && (!last || at > last.at)) last = { at, category: c };
  }
  if (last) return last.category;
  for (const f of fs.slice(0, 10)) {
    if (f.kind === 'warning' || f.kind === 'exit') continue;
    const c = findingCategory(f, ps);
    if (c && !VAGUE.has(c)) return c;
  }
  for (const p of ps) {
    if (!VAGUE.has(p.category)) return p.category;
    const c = cueOf(p.title);
    if (c) return c;
  }
  return 'unknown';
}
