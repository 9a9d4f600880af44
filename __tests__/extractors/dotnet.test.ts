import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { dotnet } from '../../src/log/extractors/dotnet.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/dotnet/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');

function extract(name: string): Finding[] {
  const doc = parseLog(read(name));
  return dotnet.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.code, f.file, f.line, f.column, f.message, f.logLines];

describe('dotnet extractor', () => {
  test('NUnit 2 console (mono): an exception and an assertion failure, with mono frames and the test name', () => {
    const [err, fail, ...rest] = extract('nunit2.log');
    expect(rest).toEqual([]);
    expect(err).toMatchObject({
      kind: 'test-failure',
      test: 'Shop.Tests.CartTests.DiscountedTakesThePercentOff',
      message: 'System.DivideByZeroException : Attempted to divide by zero.',
      file: '/home/runner/work/demo/demo/nunit/Cart.cs',
      line: 24,
      logLines: [8, 11],
    });
    expect(err.frames?.map((f) => [f.rawFile, f.line])).toEqual([
      ['/home/runner/work/demo/demo/nunit/Cart.cs', 24],
      ['/home/runner/work/demo/demo/nunit/CartTests.cs', 22],
    ]);
    // the frames come after a blank line, at the header's indent: still the same failure
    expect(fail).toMatchObject({
      kind: 'test-failure',
      test: 'Shop.Tests.CartTests.TotalAddsEveryPrice',
      message: 'Expected: 7 But was: 4',
      file: '/home/runner/work/demo/demo/nunit/CartTests.cs',
      line: 14,
      logLines: [15, 20],
    });
  });

  test('NUnit 2 in a Travis log: the same findings one line lower, ranked first by the whole extraction', () => {
    const doc = parseLog(read('travis-nunit2.log'));
    const top = extractFindings(doc).slice(0, 2);
    expect(top.map((f) => [f.tool, f.test, f.line, f.logLines])).toEqual([
      ['dotnet', 'Shop.Tests.CartTests.DiscountedTakesThePercentOff', 24, [9, 22]],
      ['dotnet', 'Shop.Tests.CartTests.TotalAddsEveryPrice', 14, [16, 22]],
    ]);
  });

  test('mcs: one compile error per diagnostic with code and location; the count line is not a finding', () => {
    expect(extract('mcs.log').map(row)).toEqual([
      [
        'compile-error',
        'CS0103',
        'src/Collections.cs',
        12,
        24,
        "The name `key' does not exist in the current context",
        [1, 1],
      ],
      [
        'compile-error',
        'CS0029',
        'src/Collections.cs',
        14,
        20,
        "Cannot implicitly convert type `string[]' to `System.Collections.Generic.IDictionary<string,string>'",
        [2, 2],
      ],
    ]);
  });

  test('mcs warning: kind warning, low weight', () => {
    const [w] = extract('mcs-warning.log');
    expect(row(w)).toEqual([
      'warning',
      'CS0168',
      'warn/Counter.cs',
      7,
      17,
      "The variable `unused' is declared but never used",
      [1, 1],
    ]);
    expect(w.weight).toBeLessThan(50);
  });

  test('in a GitHub Actions log the first C# error leads and the generic exit line comes last', () => {
    const ordered = extractFindings(parseLog(read('gh-mcs.log')));
    expect(ordered.slice(0, 2).map((f) => [f.tool, f.code, f.logLines])).toEqual([
      ['dotnet', 'CS0103', [5, 7]],
      ['dotnet', 'CS0029', [6, 7]],
    ]);
    expect(ordered[ordered.length - 1].kind).toBe('exit');
  });

  test("tsc's plain format (`file(l,c): error TS2322:`) is left to tsc", () => {
    const doc = parseLog(
      readFileSync(new URL('../fixtures/node-build/captures/tsc-plain.log', import.meta.url), 'utf8'),
    );
    expect(dotnet.extract(doc.lines, doc)).toEqual([]);
  });

  test('rspec `Failed examples:` is not a vstest failure; hostile input does not throw', () => {
    const doc = parseLog(
      'Failed examples:\n\nrspec ./spec/a_spec.rb:3 # A works\n' +
        'x(1,2): error '.repeat(3000) +
        '\n[FAIL]\n',
    );
    expect(dotnet.extract(doc.lines, doc)).toEqual([]);
  });
});
