import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { php, isVendoredPhpPath } from '../../src/log/extractors/php.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/php/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return php.extract(doc.lines, doc);
}

const brief = (f: Finding) => [f.kind, f.tool, f.test, f.file, f.line, f.message, f.logLines];
const RUNNER = '/home/runner/work/demo/demo';

describe('php extractor', () => {
  test('PHPUnit: errors and failures with message, diff and innermost location; the summary last and low', () => {
    const findings = extract('phpunit.log');
    expect(findings.map(brief)).toEqual([
      [
        'test-failure',
        'phpunit',
        'CartTest::testLabel',
        `${RUNNER}/src/Cart.php`,
        20,
        'Error: Call to a member function label() on null',
        [9, 13],
      ],
      [
        'test-failure',
        'phpunit',
        'CartTest::testTotal',
        `${RUNNER}/tests/CartTest.php`,
        12,
        'Failed asserting that 2 is identical to 6.',
        [19, 22],
      ],
      [
        'test-failure',
        'phpunit',
        'CartTest::testReceipt',
        `${RUNNER}/tests/CartTest.php`,
        24,
        'Failed asserting that two strings are equal.',
        [24, 33],
      ],
      [
        'exit',
        'phpunit',
        undefined,
        undefined,
        undefined,
        'ERRORS! Tests: 4, Assertions: 3, Errors: 1, Failures: 2.',
        [35, 36],
      ],
    ]);
    expect(findings[0].frames?.map((f) => f.line)).toEqual([20, 18]);
    expect(findings[3].weight).toBeLessThan(5);
  });

  test('PHPUnit in a GitHub Actions log: the first error first, the exit code last', () => {
    const doc = parseLog(readFileSync(new URL('gh-phpunit.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    expect(findings[0]).toMatchObject({ tool: 'phpunit', test: 'CartTest::testLabel', logLines: [13, 37] });
    expect(findings[findings.length - 1].message).toBe('Process completed with exit code 2.');
  });

  test('PHP fatal error (display_errors and the `PHP ` log prefix): uncaught error with its stack trace', () => {
    for (const name of ['php-fatal.log', 'php-fatal-cli.log']) {
      const [f] = extract(name);
      expect(f).toMatchObject({
        kind: 'exception',
        tool: 'php',
        code: 'Error',
        message: 'Uncaught Error: Call to a member function label() on null',
        file: `${RUNNER}/src/Cart.php`,
        line: 20,
        logLines: [1, 5],
        weight: 88,
      });
      expect(f.frames?.map((fr) => [fr.rawFile, fr.line])).toEqual([
        [`${RUNNER}/src/Cart.php`, 20],
        [`${RUNNER}/report.php`, 5],
      ]);
    }
  });

  test('run-tests.php --show-diff: each FAIL with its diff block; XFAIL, SKIP and PASS are not failures', () => {
    const findings = extract('run-tests.log');
    expect(findings.map(brief)).toEqual([
      [
        'test-failure',
        'phpt',
        'tests/ratio.phpt',
        'tests/ratio.phpt',
        undefined,
        `FAIL ratio() divides: Fatal error: Uncaught DivisionByZeroError: Division by zero in ${RUNNER}/src.php:10`,
        [24, 33],
      ],
      [
        'test-failure',
        'phpt',
        'tests/slugify.phpt',
        'tests/slugify.phpt',
        undefined,
        'FAIL slugify() joins words with dashes: string(11) "hello_world"',
        [36, 41],
      ],
      [
        'test-failure',
        'phpt',
        'tests/stat_array.phpt',
        'tests/stat_array.phpt',
        undefined,
        'FAIL slugify() over a list of titles: string(3) "a_b"',
        [44, 63], // a long diff: its first 20 lines
      ],
    ]);
    expect(findings[0].weight).toBe(85);
  });

  test('run-tests.php without --show-diff: the result line alone (after the TEST n/m progress)', () => {
    expect(extract('run-tests-no-diff.log').map((f) => [f.test, f.message, f.logLines])).toEqual([
      ['tests/ratio.phpt', 'FAIL ratio() divides', [17, 17]],
      ['tests/slugify.phpt', 'FAIL slugify() joins words with dashes', [18, 18]],
      ['tests/stat_array.phpt', 'FAIL slugify() over a list of titles', [19, 19]],
    ]);
  });

  test('run-tests.php -j2 in a Travis log: the first failure ranks first, before the summaries', () => {
    const doc = parseLog(readFileSync(new URL('travis-run-tests.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    // (the workers finished stat_array.phpt first in this capture)
    expect(findings.slice(0, 3).map((f) => [f.tool, f.test, f.logLines])).toEqual([
      ['phpt', 'tests/stat_array.phpt', [20, 40]],
      ['phpt', 'tests/ratio.phpt', [57, 76]],
      ['phpt', 'tests/slugify.phpt', [71, 76]],
    ]);
    expect(findings.some((f) => f.test === 'tests/known_bug.phpt')).toBe(false);
  });

  test('run-tests.php usage error: `Illegal switch` is the finding, not the synopsis below it', () => {
    const findings = extract('run-tests-bad-switch.log');
    expect(findings.map(brief)).toEqual([
      ['build-error', 'phpt', undefined, undefined, undefined, "Illegal switch 'z' specified!", [1, 1]],
    ]);
  });

  test('vendored paths', () => {
    expect(isVendoredPhpPath('/app/vendor/phpunit/phpunit/src/TextUI/Command.php')).toBe(true);
    expect(isVendoredPhpPath('/app/src/Cart.php')).toBe(false);
  });
});
