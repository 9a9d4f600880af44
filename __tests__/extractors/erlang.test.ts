import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { erlang } from '../../src/log/extractors/erlang.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/erlang/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return erlang.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.message, f.file, f.line, f.test, f.logLines];

describe('erlang extractor', () => {
  test('erlc: the diagnostic with its source line and caret', () => {
    const findings = extract(read('erlc.log'));
    expect(findings.map(row)).toEqual([
      ['compile-error', 'erlc', 'function shipping/0 undefined', 'src/cart.erl', 5, undefined, [1, 3]],
    ]);
    expect(findings[0].column).toBe(25);
  });

  test('rebar3 compile: the erlc error first, rebar3’s own line lower', () => {
    const [first] = extractFindings(parseLog(read('rebar3-compile.log')));
    expect(row(first)).toEqual([
      'compile-error',
      'erlc',
      'function shipping/0 undefined',
      'src/cart.erl',
      5,
      undefined,
      [5, 5],
    ]);
    const findings = extract(read('rebar3-compile.log'));
    expect(findings.map(row)).toEqual([
      ['build-error', 'rebar3', 'Compiling src/cart.erl failed', undefined, undefined, undefined, [4, 4]],
      ['compile-error', 'erlc', 'function shipping/0 undefined', 'src/cart.erl', 5, undefined, [5, 5]],
    ]);
  });

  test('rebar3 eunit: one finding per failure, the summary and the rebar3 verdict low', () => {
    const findings = extract(read('eunit.log'));
    expect(findings.map(row)).toEqual([
      [
        'test-failure',
        'eunit',
        'cart_tests:total_test/0: ?assertEqual(7, cart : total ( [ 1 , 2 , 3 ] ))',
        undefined,
        undefined,
        'cart_tests:total_test/0',
        [9, 13],
      ],
      [
        'test-failure',
        'eunit',
        'cart_tests:discount_zero_test/0: {error,function_clause,',
        undefined,
        undefined,
        'cart_tests:discount_zero_test/0',
        [16, 26],
      ],
      ['test-failure', 'eunit', '3 tests, 2 failures', undefined, undefined, undefined, [42, 42]],
      ['build-error', 'rebar3', 'Error running tests', undefined, undefined, undefined, [43, 43]],
    ]);
  });

  test('eunit verbose: the *failed* block up to output:, located at the innermost project call', () => {
    expect(extract(read('eunit-verbose.log')).map(row)).toEqual([
      [
        'test-failure',
        'eunit',
        'cart_tests:total_test: error:{assertEqual,[{module,cart_tests},',
        'test/cart_tests.erl',
        5,
        'cart_tests:total_test',
        [3, 17],
      ],
      [
        'test-failure',
        'eunit',
        'cart_tests:discount_zero_test: error:function_clause',
        'src/cart.erl',
        6,
        'cart_tests:discount_zero_test',
        [20, 31],
      ],
      [
        'test-failure',
        'erlang',
        'Failed: 2.  Skipped: 0.  Passed: 1.',
        undefined,
        undefined,
        undefined,
        [35, 35],
      ],
    ]);
  });

  test('in a GitHub Actions log the first eunit failure comes first', () => {
    const [first] = extractFindings(parseLog(read('gh-eunit.log')));
    // rspec reads the same `Failure/Error:` block; both cover the failure section from its first test
    expect([first.test, first.logLines]).toEqual(['cart_tests:total_test/0', [13, 43]]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('Failures:\n  1) a:b/0\n' + '{'.repeat(5000) + '\nx:y failed\nReason:\n** a crashed.\n'),
    ).not.toThrow();
  });
  test('common_test that cannot run: `Test run failed! Reason:` with the reason term, first of all findings', () => {
    const RUNNER = '/home/runner/work/erldemo/erldemo';
    expect(extract(read('ct-run-failed.log')).map(row)).toEqual([
      [
        'build-error',
        'common_test',
        `Test run failed: {'EXIT',{error,{invalid_directory,"${RUNNER}/test"}}}`,
        undefined,
        undefined,
        undefined,
        [13, 14],
      ],
    ]);
    expect(extractFindings(parseLog(read('ct-run-failed.log')))[0]).toMatchObject({ tool: 'common_test' });
  });
});
