import { buildToolCategory, classifyFailure, lastBuildToolSummary } from '../../src/log/category.js';
import { parseLog } from '../../src/log/read.js';
import type { Finding, PatternMatch } from '../../src/types.js';

const finding = (over: Partial<Finding>): Finding => ({
  kind: 'error',
  tool: 'generic',
  message: '',
  logLines: [1, 1],
  weight: 20,
  ...over,
});

describe('buildToolCategory', () => {
  it('names the phase of a Maven goal failure', () => {
    const goal = (g: string) =>
      `[ERROR] Failed to execute goal ${g} (default) on project demo: failure -> [Help 1]`;
    expect(buildToolCategory(goal('org.apache.maven.plugins:maven-compiler-plugin:3.1:testCompile'))).toBe(
      'compile',
    );
    expect(buildToolCategory(goal('org.apache.maven.plugins:maven-surefire-plugin:2.18:test'))).toBe('test');
    expect(buildToolCategory(goal('org.apache.maven.plugins:maven-checkstyle-plugin:2.17:check'))).toBe(
      'lint',
    );
    expect(
      buildToolCategory(
        '[ERROR] Failed to execute goal on project demo: Could not resolve dependencies for project x',
      ),
    ).toBe('dependency');
    // a generic runner: the next lines say what failed
    expect(
      buildToolCategory(goal('org.apache.maven.plugins:maven-antrun-plugin:1.8:run'), [
        '[ERROR] x.xml:49: Checkstyle failed: Got 1 errors and 0 warnings.',
      ]),
    ).toBe('lint');
    expect(buildToolCategory(goal('org.apache.maven.plugins:maven-antrun-plugin:1.8:run'))).toBeUndefined();
  });

  it('names the phase of a Gradle task failure', () => {
    expect(buildToolCategory("Execution failed for task ':app:compileJava'.")).toBe('compile');
    expect(buildToolCategory("Execution failed for task ':test'.")).toBe('test');
    expect(buildToolCategory("Execution failed for task ':core:checkstyleMain'.")).toBe('lint');
    expect(buildToolCategory('BUILD FAILED')).toBeUndefined();
  });

  it('takes the last summary of the log (the retry that failed the build)', () => {
    const doc = parseLog(
      [
        '[ERROR] Failed to execute goal on project demo: Could not resolve dependencies for project a:b:jar:1',
        'retrying',
        '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-checkstyle-plugin:2.17:check (c) on project demo: You have 1 Checkstyle violation.',
      ].join('\n'),
    );
    expect(lastBuildToolSummary(doc)).toEqual({ line: 3, category: 'lint' });
  });
});

describe('classifyFailure', () => {
  it('prefers the build tool summary in the log over the first finding', () => {
    const doc = parseLog(
      "FAILURE: Build failed with an exception.\n* What went wrong:\nExecution failed for task ':compileTestJava'.\n",
    );
    const f = finding({ kind: 'exception', tool: 'python', message: 'ValueError: x' });
    expect(classifyFailure([f], [], doc)).toBe('compile');
  });

  it('uses a located tool finding kind', () => {
    expect(
      classifyFailure([finding({ kind: 'lint-error', tool: 'flake8', message: 'E501 line too long' })], []),
    ).toBe('lint');
    expect(
      classifyFailure([finding({ kind: 'test-failure', tool: 'pytest', message: 'test_x failed' })], []),
    ).toBe('test');
    expect(classifyFailure([finding({ kind: 'compile-error', tool: 'tsc', message: 'TS2322' })], [])).toBe(
      'compile',
    );
  });

  it('calls an exception raised from a test file a test failure', () => {
    const f = finding({
      kind: 'exception',
      tool: 'python',
      message: "AttributeError: 'tuple' object has no attribute 'endswith'",
      frames: [{ rawFile: '/home/ci/pkg/lib/tests/test_io.py', line: 239 }],
    });
    expect(classifyFailure([f], [])).toBe('test');
    expect(classifyFailure([{ ...f, frames: [{ rawFile: '/home/ci/pkg/lib/io.py' }] }], [])).toBe('runtime');
  });

  it('takes the category of a pattern on the generic finding, then message cues, then patterns, then unknown', () => {
    const f = finding({ message: 'something broke', logLines: [5, 6] });
    const p: PatternMatch = {
      id: 'x',
      category: 'network',
      title: 'DNS',
      hint: '',
      logLines: [6, 6],
      captures: [],
    };
    expect(classifyFailure([f], [p])).toBe('network');
    expect(
      classifyFailure(
        [finding({ message: 'fatal: unable to access https://x: Could not resolve host: x' })],
        [],
      ),
    ).toBe('network');
    expect(
      classifyFailure(
        [finding({ kind: 'exit', message: 'exit 1' })],
        [{ ...p, logLines: [90, 90], category: 'infra' }],
      ),
    ).toBe('infra');
    expect(classifyFailure([], [])).toBe('unknown');
  });

  it('never throws on junk', () => {
    expect(classifyFailure(null as unknown as Finding[], undefined as unknown as PatternMatch[])).toBe(
      'unknown',
    );
    expect(
      classifyFailure([null as unknown as Finding, finding({ message: undefined as unknown as string })], []),
    ).toBe('unknown');
  });
});
