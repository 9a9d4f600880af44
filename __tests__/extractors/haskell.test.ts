import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { haskell } from '../../src/log/extractors/haskell.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/haskell/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return haskell.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [
  f.kind,
  f.tool,
  f.message,
  f.file,
  f.line,
  f.column,
  f.test,
  f.logLines,
];

describe('haskell extractor', () => {
  test('GHC error with the message on the header line and the code frame', () => {
    expect(extract(read('ghc-error.log')).map(row)).toEqual([
      [
        'compile-error',
        'ghc',
        'Variable not in scope: shipping :: Int',
        'broken/Cart.hs',
        6,
        32,
        undefined,
        [3, 6],
      ],
    ]);
  });

  test('a -Werror warning is a compile error, its flags the code, its block up to the caret row', () => {
    const [f, ...rest] = extract(read('ghc-werror.log'));
    expect(rest).toEqual([]);
    expect(row(f)).toEqual([
      'compile-error',
      'ghc',
      'The import of ‘Data.Maybe’ is redundant',
      'broken/Order.hs',
      3,
      1,
      undefined,
      [3, 9],
    ]);
    expect(f.code).toBe('-Wunused-imports, -Werror=unused-imports');
  });

  test('hspec failures with their location line, the QuickCheck counterexample, the summary low', () => {
    const findings = extract(read('hspec.log'));
    expect(findings.map(row)).toEqual([
      [
        'test-failure',
        'hspec',
        'Calc.cartTotal adds the prices: expected: 7',
        'test/CalcSpec.hs',
        9,
        27,
        'Calc.cartTotal adds the prices',
        [10, 13],
      ],
      [
        'test-failure',
        'hspec',
        'Calc.discount never exceeds the price: Falsified (after 2 tests):',
        'test/CalcSpec.hs',
        13,
        5,
        'Calc.discount never exceeds the price',
        [17, 20],
      ],
      [
        'test-failure',
        'hspec',
        '3 examples, 2 failures',
        undefined,
        undefined,
        undefined,
        undefined,
        [27, 27],
      ],
    ]);
    expect(findings[2].weight).toBeLessThan(findings[0].weight);
  });

  test('in a GitHub Actions log the GHC error comes first, before the exit closer', () => {
    const doc = parseLog(read('gh-ghc.log'));
    const [first] = extractFindings(doc);
    expect([first.tool, first.kind, first.file, first.line, first.logLines]).toEqual([
      'ghc',
      'compile-error',
      'broken/Cart.hs',
      6,
      [7, 10],
    ]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('a.hs:1:1: error:\n' + ':'.repeat(5000) + '\nFailures:\n  1)\n' + '('.repeat(3000)),
    ).not.toThrow();
  });
});
