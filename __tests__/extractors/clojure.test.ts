import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { clojure } from '../../src/log/extractors/clojure.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/clojure/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return clojure.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.message, f.file, f.line, f.test, f.logLines];

describe('clojure extractor', () => {
  test('clojure.test: ERROR with the first frames only, FAIL with expected/actual, the counts low', () => {
    const findings = extract(read('clojure-test.log'));
    expect(findings.map(row)).toEqual([
      [
        'test-failure',
        'clojure.test',
        'ERROR in (discount-of-nil): actual: java.lang.NullPointerException: Cannot invoke "Object.getClass()" because "x" is null',
        undefined,
        undefined,
        'discount-of-nil',
        [4, 9],
      ],
      [
        'test-failure',
        'clojure.test',
        'FAIL in (adds-prices): three prices: actual: (not (= 7 6))',
        'cart_test.clj',
        7,
        'adds-prices',
        [53, 56],
      ],
      ['test-failure', 'clojure.test', '1 failures, 1 errors.', undefined, undefined, undefined, [58, 59]],
    ]);
    expect(findings[2].weight).toBeLessThan(findings[1].weight);
  });

  test('compiler: `Syntax error compiling at (file:line:col).` with the message below', () => {
    const findings = extract(read('compile-error.log'));
    expect(findings.map(row)).toEqual([
      [
        'compile-error',
        'clojure',
        'Syntax error compiling at (shop/cart.clj:3:22). Unable to resolve symbol: shipping in this context',
        'shop/cart.clj',
        3,
        undefined,
        [1, 2],
      ],
    ]);
    expect(findings[0].column).toBe(22);
  });

  test('leiningen offline: the artifact resolution block is one dependency finding', () => {
    const findings = extract(read('lein-offline.log'));
    expect(findings).toHaveLength(1);
    expect(findings[0].tool).toBe('leiningen');
    expect(findings[0].kind).toBe('dependency');
    expect(findings[0].message).toMatch(
      /^Could not transfer artifact org\.clojure:clojure:jar:1\.11\.1 from\/to central/,
    );
    expect(findings[0].logLines).toEqual([1, 11]);
    // Whoever reports it in the whole analysis, the first finding is this dependency failure.
    const [first] = extractFindings(parseLog(read('lein-offline.log')));
    expect([first.kind, first.logLines[0]]).toEqual(['dependency', 1]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('FAIL in () (:)\nexpected:\n' + ' '.repeat(5000) + '\nSyntax error at ('),
    ).not.toThrow();
  });
});
