import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { testName, unittest, WEIGHT_BLOCK, WEIGHT_SUMMARY } from '../../src/log/extractors/unittest.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function read(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const doc = read(name);
  return unittest.extract(doc.lines, doc);
}

describe('unittest extractor', () => {
  test('ERROR and FAIL blocks: test, last exception of the chain, innermost project frame', () => {
    const found = extract('unittest.log');
    expect(found.map((f) => [f.test, f.message, f.code, f.file, f.line, f.logLines, f.weight])).toEqual([
      [
        'tests.test_unit.RateTest.test_rate_text',
        'calc.config.ConfigError: rate is not a number',
        'ConfigError',
        '/home/runner/work/demo/demo/calc/config.py',
        21,
        [3, 19],
        WEIGHT_BLOCK,
      ],
      [
        'tests.test_unit.DiscountTest.test_ten_percent',
        'AssertionError: 198.0 != 180.0',
        'AssertionError',
        '/home/runner/work/demo/demo/tests/test_unit.py',
        9,
        [22, 27],
        WEIGHT_BLOCK,
      ],
    ]);
    expect(found.every((f) => f.kind === 'test-failure' && f.tool === 'unittest')).toBe(true);
    expect(found[0].frames!.map((fr) => fr.line)).toEqual([21, 17]);
  });

  test('-v output and the Travis log give the same findings', () => {
    const strip = (fs: Finding[]) => fs.map((f) => [f.test, f.message, f.line]);
    const base = strip(extract('unittest.log'));
    expect(strip(extract('unittest-v.log'))).toEqual(base);
    expect(strip(extract('travis-unittest.log'))).toEqual(base);
    expect(extract('travis-unittest.log')[1].file).toBe('/home/travis/build/org/demo/tests/test_unit.py');
  });

  test('the whole pipeline: no duplicate from the python extractor, the error block first', () => {
    const found = extractFindings(read('unittest.log'));
    expect(found.filter((f) => f.tool === 'python')).toEqual([]);
    expect(found[0]).toMatchObject({ tool: 'unittest', test: 'tests.test_unit.RateTest.test_rate_text' });
  });

  test('`Ran N tests` / `FAILED (...)` is a weak finding only when no block was printed', () => {
    const doc = read('unittest.log');
    const tail = doc.lines.filter((l) => l.n >= 29);
    expect(unittest.extract(tail, doc)).toEqual([
      {
        kind: 'test-failure',
        tool: 'unittest',
        message: 'FAILED (failures=1, errors=1)',
        logLines: [30, 32],
        weight: WEIGHT_SUMMARY,
        segment: 0,
      },
    ]);
  });

  test('test names from the old and the 3.11 header forms', () => {
    expect(testName('test_x (pkg.mod.Case)')).toBe('pkg.mod.Case.test_x');
    expect(testName('test_x (pkg.mod.Case.test_x)')).toBe('pkg.mod.Case.test_x');
    expect(testName('tests.openface_demo_tests.test_compare_demo')).toBe(
      'tests.openface_demo_tests.test_compare_demo',
    );
  });

  test('nothing from pytest output', () => {
    expect(extract('pytest-default.log')).toEqual([]);
  });
});
