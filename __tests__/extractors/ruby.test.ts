import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { ruby, isVendoredRubyPath } from '../../src/log/extractors/ruby.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/ruby/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return ruby.extract(doc.lines, doc);
}

const brief = (f: Finding) => [f.kind, f.tool, f.test, f.file, f.line, f.message, f.logLines];

describe('ruby extractor', () => {
  test('rspec: one finding per failure block, the summary lines are not repeated', () => {
    expect(extract('rspec.log').map(brief)).toEqual([
      [
        'test-failure',
        'rspec',
        'Cart totals price times quantity',
        './spec/cart_spec.rb',
        6,
        'expected: 6 got: 2',
        [7, 14],
      ],
      [
        'test-failure',
        'rspec',
        'Cart finds an item by name',
        './lib/cart.rb',
        21,
        "NoMethodError: undefined method `fetch' for nil:NilClass",
        // header down to the first repository frame; the spec's own frame is in `frames`
        [16, 24],
      ],
    ]);
    const [, second] = extract('rspec.log');
    expect(second.frames?.map((f) => [f.rawFile, f.line])).toEqual([
      ['./lib/cart.rb', 21],
      ['./spec/cart_spec.rb', 11],
    ]);
  });

  test('rspec in colour inside a GitHub Actions log', () => {
    const doc = parseLog(readFileSync(new URL('gh-rspec.log', CAPTURES), 'utf8'));
    const [first, second] = extractFindings(doc);
    expect(first).toMatchObject({ tool: 'rspec', test: 'Cart totals price times quantity', line: 6 });
    expect(second).toMatchObject({
      tool: 'rspec',
      test: 'Cart finds an item by name',
      file: './lib/cart.rb',
    });
  });

  test('minitest: Failure with its location, Error with the first repository frame', () => {
    expect(extract('minitest.log').map(brief)).toEqual([
      [
        'test-failure',
        'minitest',
        'CartTest#test_total',
        'test/cart_test.rb',
        6,
        'Expected: 6 Actual: 2',
        [9, 12],
      ],
      [
        'test-failure',
        'minitest',
        'CartTest#test_find_missing',
        '/home/runner/work/demo/demo/lib/cart.rb',
        21,
        "NoMethodError: undefined method `fetch' for nil:NilClass",
        [14, 16],
      ],
    ]);
    // the Travis framing does not change what is found
    expect(extract('travis-minitest.log').map((f) => f.test)).toEqual([
      'CartTest#test_total',
      'CartTest#test_find_missing',
    ]);
  });

  test('uncaught exception: message with class, frames from `from` lines, highlight and first caller shown', () => {
    const [f] = extract('ruby-exception.log');
    expect(f).toMatchObject({
      kind: 'exception',
      tool: 'ruby',
      code: 'NoMethodError',
      message: "NoMethodError: undefined method `fetch' for nil:NilClass",
      file: '/home/runner/work/demo/demo/lib/cart.rb',
      line: 21,
      logLines: [1, 5],
    });
    expect(f.frames?.map((fr) => [fr.rawFile, fr.line, fr.function])).toEqual([
      ['/home/runner/work/demo/demo/lib/cart.rb', 21, 'find'],
      ['bin/report', 4, 'summary'],
      ['bin/report', 7, '<main>'],
    ]);
  });

  test('rubocop: offenses with cop as code, source and caret lines shown', () => {
    const findings = extract('rubocop.log');
    expect(findings).toHaveLength(8);
    expect(findings[2]).toMatchObject({
      kind: 'lint-error',
      tool: 'rubocop',
      code: 'Style/NilComparison',
      file: 'format.rb',
      line: 2,
      column: 12,
      message: 'Prefer the use of the nil? predicate.',
      logLines: [12, 14],
      weight: 60,
    });
    const colour = extract('gh-rubocop.log');
    expect(colour.map((f) => f.code)).toEqual(findings.map((f) => f.code));
  });

  test('rubocop without cop names: the same offenses, no code', () => {
    const withNames = extract('rubocop.log');
    const findings = extract('rubocop-no-cop-names.log');
    expect(findings.map((f) => [f.file, f.line, f.column, f.message])).toEqual(
      withNames.map((f) => [f.file, f.line, f.column, f.message]),
    );
    expect(findings[2]).toMatchObject({
      kind: 'lint-error',
      tool: 'rubocop',
      file: 'format.rb',
      line: 2,
      column: 12,
      message: 'Prefer the use of the nil? predicate.',
      logLines: [12, 14],
    });
    expect(findings[2].code).toBeUndefined();
  });

  test('vendored paths', () => {
    expect(isVendoredRubyPath('/home/travis/build/o/r/vendor/bundle/ruby/2.6.0/gems/x/lib/y.rb')).toBe(true);
    expect(isVendoredRubyPath('/usr/lib/ruby/3.1.0/set.rb')).toBe(true);
    expect(isVendoredRubyPath('./lib/cart.rb')).toBe(false);
  });
});
