import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import {
  pytest,
  WEIGHT_FAILURE,
  WEIGHT_LINE,
  WEIGHT_SUMMARY,
  WEIGHT_SUMMARY_ONLY,
} from '../../src/log/extractors/pytest.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function read(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extractAll(name: string): Finding[] {
  const doc = read(name);
  return pytest.extract(doc.lines, doc);
}
/** The findings of the failures themselves (not the weak header findings of long sections). */
function extract(name: string): Finding[] {
  return extractAll(name).filter((f) => f.weight !== WEIGHT_SUMMARY);
}
const pick = (f: Finding) => ({
  kind: f.kind,
  message: f.message,
  test: f.test,
  file: f.file,
  line: f.line,
  code: f.code,
  logLines: f.logLines,
});

describe('pytest extractor', () => {
  test('default (--tb=long): one finding per failed test and per error, in report order', () => {
    const found = extract('pytest-default.log');
    expect(found.map(pick)).toEqual([
      {
        kind: 'exception',
        message: "FileNotFoundError: [Errno 2] No such file or directory: 'data/rates.json'",
        test: 'tests/test_rates.py::test_rates_loaded',
        file: 'tests/test_rates.py',
        line: 6,
        code: 'FileNotFoundError',
        logLines: [11, 18],
      },
      {
        kind: 'test-failure',
        message: 'assert 198.0 == 180.0; + where 198.0 = apply_discount(200.0, 10)',
        test: 'tests/test_pricing.py::test_apply_discount',
        file: 'tests/test_pricing.py',
        line: 8,
        code: 'AssertionError',
        logLines: [20, 27],
      },
      {
        // chained: the message of the last exception, the innermost project entry of the last exception
        kind: 'test-failure',
        message: 'calc.config.ConfigError: no currency configured',
        test: 'tests/test_pricing.py::test_currency_missing',
        file: 'calc/config.py',
        line: 13,
        code: 'ConfigError',
        logLines: [50, 58],
      },
      {
        // the exception surfaced in the standard library: the location is the test's own line
        kind: 'test-failure',
        message:
          'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        test: 'tests/test_pricing.py::test_load_fixture',
        file: 'tests/test_pricing.py',
        line: 24,
        code: 'JSONDecodeError',
        logLines: [79, 87],
      },
      {
        kind: 'test-failure',
        message: 'AssertionError: 198.0 != 180.0',
        test: 'tests/test_unit.py::DiscountTest::test_ten_percent',
        file: 'tests/test_unit.py',
        line: 9,
        code: 'AssertionError',
        logLines: [88, 96],
      },
      {
        kind: 'test-failure',
        message: 'calc.config.ConfigError: rate is not a number',
        test: 'tests/test_unit.py::RateTest::test_rate_text',
        file: 'calc/config.py',
        line: 21,
        code: 'ConfigError',
        logLines: [121, 129],
      },
    ]);
    expect(found.every((f) => f.weight === WEIGHT_FAILURE && f.tool === 'pytest')).toBe(true);
  });

  test('a long section shows the E lines with a little source above, not the whole listing', () => {
    const all = extractAll('pytest-default.log');
    const at = all.findIndex((x) => x.code === 'JSONDecodeError');
    const f = all[at];
    // its header, not shown by the finding, is a weak finding of its own
    expect(all[at + 1]).toEqual({
      kind: 'test-failure',
      tool: 'pytest',
      message: 'tests/test_pricing.py::test_load_fixture failed',
      test: 'tests/test_pricing.py::test_load_fixture',
      logLines: [59, 59],
      weight: WEIGHT_SUMMARY,
      segment: 0,
    });
    // the chained sections are long too
    expect(all.filter((x) => x.weight === WEIGHT_SUMMARY).map((x) => x.logLines[0])).toEqual([28, 59, 97]);
    // the section runs from line 59 to 87: too long to show whole
    expect(f.logLines).toEqual([79, 87]);
    expect(f.frames!.map((fr) => [fr.rawFile, fr.line, fr.vendored])).toEqual([
      ['/usr/lib/python3.11/json/decoder.py', 353, true],
      ['/usr/lib/python3.11/json/decoder.py', 337, true],
      ['/usr/lib/python3.11/json/__init__.py', 346, true],
      ['tests/test_pricing.py', 24, false],
    ]);
  });

  test('--tb=short: `path:line: in func` entries become frames', () => {
    const found = extract('pytest-tb-short.log');
    expect(found).toHaveLength(6);
    const chained = found.find((f) => f.test === 'tests/test_pricing.py::test_currency_missing')!;
    expect(pick(chained)).toMatchObject({ file: 'calc/config.py', line: 13, logLines: [21, 31] });
    expect(chained.frames).toEqual([
      { rawFile: 'calc/config.py', line: 13, function: 'currency', vendored: false },
      { rawFile: 'tests/test_pricing.py', line: 20, function: 'test_currency_missing', vendored: false },
    ]);
  });

  test('--tb=line: one line per failure, tests taken from the summary in order', () => {
    const found = extract('pytest-tb-line.log');
    expect(found.map((f) => [f.test, f.file, f.line, f.logLines[0], f.weight])).toEqual([
      ['tests/test_rates.py::test_rates_loaded', 'tests/test_rates.py', undefined, 11, WEIGHT_FAILURE],
      [
        'tests/test_pricing.py::test_apply_discount',
        '/home/runner/work/demo/demo/tests/test_pricing.py',
        8,
        14,
        WEIGHT_LINE,
      ],
      [
        'tests/test_pricing.py::test_currency_missing',
        '/home/runner/work/demo/demo/calc/config.py',
        13,
        15,
        WEIGHT_LINE,
      ],
      // the line points into the standard library: the test file is named instead
      ['tests/test_pricing.py::test_load_fixture', 'tests/test_pricing.py', undefined, 16, WEIGHT_LINE],
      [
        'tests/test_unit.py::DiscountTest::test_ten_percent',
        '/home/runner/work/demo/demo/tests/test_unit.py',
        9,
        17,
        WEIGHT_LINE,
      ],
      [
        'tests/test_unit.py::RateTest::test_rate_text',
        '/home/runner/work/demo/demo/calc/config.py',
        21,
        18,
        WEIGHT_LINE,
      ],
    ]);
    expect(found[1].message).toBe('assert 198.0 == 180.0');
  });

  test('--tb=native: the Python traceback in each section gives the message, the frames and the location', () => {
    const found = extract('pytest-tb-native.log');
    expect(found.map((f) => [f.test, f.message, f.code, f.file, f.line, f.logLines])).toEqual([
      [
        'tests/test_pricing.py::test_apply_discount',
        'AssertionError: assert 198.0 == 180.0',
        'AssertionError',
        '/home/runner/work/demo/demo/tests/test_pricing.py',
        8,
        [9, 14],
      ],
      [
        'tests/test_pricing.py::test_currency_missing',
        'calc.config.ConfigError: no currency configured',
        'ConfigError',
        '/home/runner/work/demo/demo/calc/config.py',
        13,
        [15, 29],
      ],
      [
        'tests/test_pricing.py::test_load_fixture',
        'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        'JSONDecodeError',
        '/home/runner/work/demo/demo/tests/test_pricing.py',
        24,
        [30, 44],
      ],
    ]);
  });

  test('-q and -v give the same findings as the default', () => {
    const strip = (fs: Finding[]) => fs.map((f) => [f.message, f.test, f.file, f.line]);
    const base = strip(extract('pytest-default.log'));
    expect(strip(extract('pytest-q.log'))).toEqual(base);
    expect(strip(extract('pytest-v.log'))).toEqual(base);
  });

  test('collection error: ImportError while importing test module, located at the import', () => {
    const found = extract('pytest-collect.log');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      kind: 'exception',
      message:
        "ImportError: cannot import name 'round_price' from 'calc.pricing' (/home/runner/work/demo/demo/calc/pricing.py)",
      file: 'tests/test_broken_import.py',
      line: 1,
      code: 'ImportError',
      logLines: [7, 15],
    });
    expect(found[0].test).toBeUndefined();
  });

  test('--continue-on-collection-errors: errors and failures in one report, no summary duplicates', () => {
    const found = extract('pytest-continue.log');
    expect(found.map((f) => f.code)).toEqual([
      'ImportError',
      'FileNotFoundError',
      'AssertionError',
      'ConfigError',
      'JSONDecodeError',
      'AssertionError',
      'ConfigError',
    ]);
  });

  test('Travis log, colours, pytest 9 (summary lines with continuations)', () => {
    const found = extract('travis-pytest.log');
    expect(found.map((f) => [f.code, f.test, f.logLines])).toEqual([
      ['ImportError', undefined, [12, 21]],
      ['AssertionError', 'tests/test_pricing.py::test_apply_discount', [23, 30]],
      ['ConfigError', 'tests/test_pricing.py::test_currency_missing', [55, 63]],
      ['JSONDecodeError', 'tests/test_pricing.py::test_load_fixture', [88, 96]],
    ]);
  });

  test('GitHub Actions log: the first failure first, before the runner closer', () => {
    const doc = read('gh-pytest.log');
    const found = extractFindings(doc);
    expect(found[0]).toMatchObject({
      tool: 'pytest',
      test: 'tests/test_pricing.py::test_apply_discount',
      message: 'assert 198.0 == 180.0; + where 198.0 = apply_discount(200.0, 10)',
      logLines: [13, 21],
    });
    expect(found.filter((f) => f.tool === 'pytest' && f.weight === WEIGHT_FAILURE)).toHaveLength(3);
    expect(found[found.length - 1].kind).toBe('exit');
  });

  test('a summary alone (sections cut off) still names the failed tests', () => {
    const doc = read('pytest-default.log');
    const cut = doc.lines.filter((l) => l.n >= 130); // from the short test summary on
    const found = pytest.extract(cut, doc);
    expect(found.map((f) => [f.test, f.file, f.weight])).toEqual([
      ['tests/test_pricing.py::test_apply_discount', 'tests/test_pricing.py', WEIGHT_SUMMARY_ONLY],
      ['tests/test_pricing.py::test_currency_missing', 'tests/test_pricing.py', WEIGHT_SUMMARY_ONLY],
      ['tests/test_pricing.py::test_load_fixture', 'tests/test_pricing.py', WEIGHT_SUMMARY_ONLY],
      ['tests/test_unit.py::DiscountTest::test_ten_percent', 'tests/test_unit.py', WEIGHT_SUMMARY_ONLY],
      ['tests/test_unit.py::RateTest::test_rate_text', 'tests/test_unit.py', WEIGHT_SUMMARY_ONLY],
      ['tests/test_rates.py::test_rates_loaded', 'tests/test_rates.py', WEIGHT_SUMMARY_ONLY],
    ]);
  });

  test('nothing from other tools’ output', () => {
    for (const name of ['unittest.log', 'mypy.log', 'flake8.log', 'python-context.log', 'ruff.log']) {
      expect(extract(name)).toEqual([]);
    }
  });
});
