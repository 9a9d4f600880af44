import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { elixir } from '../../src/log/extractors/elixir.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/elixir/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return elixir.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.message, f.file, f.line, f.test, f.logLines];

describe('elixir extractor', () => {
  test('ExUnit failures: the assertion block, the raised error with its stacktrace, the summary low', () => {
    const findings = extract(read('exunit.log'));
    expect(findings.map(row)).toEqual([
      [
        'test-failure',
        'exunit',
        'test adds the prices (Shop.CartTest): Assertion with == failed',
        'test/cart_test.exs',
        4,
        'Shop.CartTest test adds the prices',
        [5, 12],
      ],
      [
        'test-failure',
        'exunit',
        'test discounts zero (Shop.CartTest): ** (FunctionClauseError) no function clause matching in Shop.Cart.discount/1',
        'test/cart_test.exs',
        8,
        'Shop.CartTest test discounts zero',
        [16, 32],
      ],
      ['test-failure', 'exunit', '3 tests, 2 failures', undefined, undefined, undefined, [36, 36]],
    ]);
    expect(findings[1].frames).toEqual([
      { rawFile: 'lib/cart.ex', line: 3, function: 'Shop.Cart.discount/1', vendored: true },
      { rawFile: 'test/cart_test.exs', line: 9, function: '(test)', vendored: false },
    ]);
    expect(findings[2].weight).toBeLessThan(findings[0].weight);
  });

  test('mix compile: the CompileError with its file and line', () => {
    expect(extract(read('compile-error.log')).map(row)).toEqual([
      [
        'compile-error',
        'mix',
        '** (CompileError) undefined function shipping/0 (expected Shop.Cart to define such a function or for it to be imported, but none are available)',
        'lib/cart.ex',
        2,
        undefined,
        [4, 4],
      ],
    ]);
  });

  test('an uncaught error: message and frames, located at the first project frame', () => {
    const [f, ...rest] = extract(read('mix-run.log'));
    expect(rest).toEqual([]);
    expect(row(f)).toEqual([
      'exception',
      'elixir',
      '** (RuntimeError) Line does not end with a dot: two',
      'check.exs',
      3,
      undefined,
      [3, 6],
    ]);
    expect(f.frames?.map((x) => [x.rawFile, x.vendored])).toEqual([
      ['check.exs', false],
      ['lib/enum.ex', true],
      ['lib/code.ex', true],
    ]);
  });

  test('in a GitHub Actions log the first failing test comes first', () => {
    const [first] = extractFindings(parseLog(read('gh-exunit.log')));
    expect([first.tool, first.test, first.logLines]).toEqual([
      'exunit',
      'Shop.CartTest test adds the prices',
      // the block runs to the end of the failures that follow it (one failure section)
      [7, 34],
    ]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('  1) test x (Y)\n' + ' '.repeat(5000) + '\n** (\n' + '*'.repeat(4000)),
    ).not.toThrow();
  });
});
