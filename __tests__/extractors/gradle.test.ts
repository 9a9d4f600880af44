import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { gradle } from '../../src/log/extractors/gradle.js';
import type { Finding, LogDocument, LogLine } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);

function doc(name: string): LogDocument {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const d = doc(name);
  return gradle.extract(d.lines, d);
}

describe('gradle extractor', () => {
  test('failed tests: the exception, the project frame as location, Caused by frames kept', () => {
    const tests = extract('gh-gradle-test.log').filter((f) => f.kind === 'test-failure');
    expect(tests.map((f) => [f.test, f.message, f.file, f.rawFile, f.line, f.logLines, f.weight])).toEqual([
      [
        'com.example.shop.PriceParserTest.parsesEuroComma',
        'java.lang.IllegalArgumentException: bad price: 12,50',
        'com/example/shop/PriceParser.java',
        'PriceParser.java',
        10,
        [196, 199],
        85,
      ],
      [
        'com.example.shop.CartTest.cheapestOfEmptyCart',
        'java.lang.NullPointerException',
        'com/example/shop/CartTest.java',
        'CartTest.java',
        23,
        [209, 211],
        85,
      ],
      [
        // below four org.junit frames, down to the test's own frame
        'com.example.shop.CartTest.totalAddsPrices',
        'java.lang.AssertionError: expected:<750> but was:<675>',
        'com/example/shop/CartTest.java',
        'CartTest.java',
        13,
        [213, 219],
        85,
      ],
    ]);
    // Gradle prints `Caused by:` on its own line: the cause's frames are read too
    expect(tests[0].frames!.map((fr) => `${fr.file}:${fr.line}`)).toEqual([
      'com/example/shop/PriceParser.java:10',
      'com/example/shop/PriceParserTest.java:15',
      'java/lang/NumberFormatException.java:67',
      'java/lang/Integer.java:668',
      'java/lang/Integer.java:786',
      'com/example/shop/PriceParser.java:8',
    ]);
  });

  test('What went wrong: the verdict with its reason, from `FAILURE:` to before `* Try:`', () => {
    const wrong = extract('gh-gradle-test.log').filter((f) => f.kind !== 'test-failure');
    expect(wrong).toEqual([
      {
        kind: 'build-error',
        tool: 'gradle',
        message:
          "Execution failed for task ':test'. > There were failing tests. See the report at: file:///home/runner/work/shop/shop/build/reports/tests/test/index.html",
        code: ':test',
        logLines: [224, 228],
        weight: 72,
        segment: 0,
      },
    ]);
    expect(extract('gradle-compile.log')).toMatchObject([
      {
        kind: 'build-error',
        message:
          "Execution failed for task ':compileJava'. > Compilation failed; see the compiler error output for details.",
        code: ':compileJava',
        logLines: [15, 19],
      },
    ]);
  });

  test('unresolvable dependency: a dependency finding above the noise of a vendored trace', () => {
    const d = doc('gradle-dependency.log');
    const at = d.lines.findIndex((l) => l.text === '* What went wrong:');
    expect(extract('gradle-dependency.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'gradle',
        message:
          "Could not resolve all files for configuration ':testCompileClasspath'. > Could not find junit:junit:4.99.1.",
        // from `FAILURE: Build failed with an exception.` (two lines up) to `      project :`
        logLines: [d.lines[at - 2].n, d.lines[at + 7].n],
        weight: 85,
        segment: 0,
      },
    ]);
    const ordered = extractFindings(d);
    expect(ordered[0]).toMatchObject({ tool: 'gradle', kind: 'dependency' });
  });

  test('ordered report of the GitHub Actions job: failures first, then the verdict, then the noise', () => {
    const ordered = extractFindings(doc('gh-gradle-test.log')).map((f) => `${f.tool}/${f.kind}`);
    expect(ordered.slice(0, 3)).toEqual([
      'gradle/test-failure',
      'gradle/test-failure',
      'gradle/test-failure',
    ]);
    const verdict = ordered.indexOf('gradle/build-error');
    expect(verdict).toBeGreaterThan(2);
    expect(verdict).toBeLessThan(7);
    // the vendored traces of the build tool's own noise rank below the failures, the exit line last
    expect(ordered.filter((t) => t.startsWith('java/'))).toEqual(['java/exception', 'java/exception']);
    expect(ordered.indexOf('java/exception')).toBeGreaterThan(2);
    expect(ordered[ordered.length - 1]).toBe('generic/exit');
  });

  test('never throws on hostile input', () => {
    const texts = [
      '* What went wrong:',
      ...Array.from({ length: 5000 }, () => '> x'),
      'a > b FAILED',
      'x'.repeat(5000) + ' > y FAILED',
    ];
    const lines: LogLine[] = texts.map((text, k) => ({ n: k + 1, text }));
    expect(() =>
      gradle.extract(lines, { format: 'plain', lines, segments: [], totalLines: lines.length }),
    ).not.toThrow();
  });
});
