import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import {
  isVendoredPython,
  python,
  WEIGHT_CAUSE,
  WEIGHT_IN_PYTEST,
  WEIGHT_PROGRESS,
  WEIGHT_SYNTAX,
  WEIGHT_UNCAUGHT,
} from '../../src/log/extractors/python.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);
const ROOT = '/home/runner/work/demo/demo';

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return python.extract(doc.lines, doc);
}

describe('python traceback extractor', () => {
  test('"During handling of the above exception": the cause and the uncaught exception, each located', () => {
    const found = extract('python-context.log');
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      kind: 'exception',
      tool: 'python',
      message: "KeyError: 'currency'",
      code: 'KeyError',
      file: `${ROOT}/calc/config.py`,
      line: 11,
      logLines: [1, 5],
      weight: WEIGHT_CAUSE,
    });
    expect(found[1]).toMatchObject({
      message: 'calc.config.ConfigError: no currency configured',
      code: 'ConfigError',
      file: `${ROOT}/calc/config.py`,
      line: 13,
      logLines: [9, 17],
      weight: WEIGHT_UNCAUGHT,
    });
    // frames innermost first
    expect(found[1].frames).toEqual([
      { rawFile: `${ROOT}/calc/config.py`, line: 13, function: 'currency', vendored: false },
      { rawFile: `${ROOT}/scripts/show_currency.py`, line: 8, function: 'main', vendored: false },
      { rawFile: `${ROOT}/scripts/show_currency.py`, line: 11, function: '<module>', vendored: false },
    ]);
  });

  test('"The above exception was the direct cause": both blocks', () => {
    const found = extract('python-cause.log');
    expect(found.map((f) => [f.message, f.line, f.logLines])).toEqual([
      ["ValueError: could not convert string to float: '1,08'", 19, [1, 5]],
      ['calc.config.ConfigError: rate is not a number', 21, [9, 15]],
    ]);
  });

  test('an exception raised in the standard library is located at the innermost project frame', () => {
    const found = extract('python-vendored.log');
    expect(found).toHaveLength(1);
    const f = found[0];
    expect(f).toMatchObject({
      message:
        'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
      code: 'JSONDecodeError',
      file: `${ROOT}/scripts/load_prices.py`,
      line: 5,
    });
    expect(f.frames!.map((fr) => fr.vendored)).toEqual([true, true, true, false, false]);
    // 17 lines: the innermost frames and the project's own frame, not the outer `<module>` frame
    expect(f.logLines).toEqual([5, 17]);
  });

  test('SyntaxError of the script: the file, the line, the caret', () => {
    expect(extract('python-syntax.log')).toEqual([
      {
        kind: 'exception',
        tool: 'python',
        message: "SyntaxError: '(' was never closed",
        code: 'SyntaxError',
        file: `${ROOT}/bad_call.py`,
        rawFile: `${ROOT}/bad_call.py`,
        line: 2,
        frames: [{ rawFile: `${ROOT}/bad_call.py`, line: 2, vendored: false }],
        logLines: [1, 4],
        weight: WEIGHT_SYNTAX,
        segment: 0,
      },
    ]);
    expect(extract('python-indent.log')[0]).toMatchObject({
      message: 'IndentationError: unindent does not match any outer indentation level',
      line: 4,
      logLines: [1, 4],
    });
  });

  test('a traceback printed while pytest ran (pytest -s) is a warning; the failure comes first', () => {
    const found = extract('pytest-noisy.log');
    expect(found.map((f) => [f.kind, f.message, f.logLines, f.weight])).toEqual([
      ['warning', "KeyError: 'currency'", [6, 10], WEIGHT_PROGRESS],
      ['warning', 'calc.config.ConfigError: no currency configured', [14, 20], WEIGHT_PROGRESS],
    ]);
    const doc = parseLog(readFileSync(new URL('pytest-noisy.log', CAPTURES), 'utf8'));
    expect(extractFindings(doc)[0]).toMatchObject({
      tool: 'pytest',
      test: 'tests/test_pricing.py::test_apply_discount',
    });
  });

  test('tracebacks inside the pytest report (--tb=native) weigh little: pytest reports the failure', () => {
    const found = extract('pytest-tb-native.log');
    expect(found.map((f) => [f.message, f.weight])).toEqual([
      ['AssertionError: assert 198.0 == 180.0', WEIGHT_IN_PYTEST],
      ["KeyError: 'currency'", WEIGHT_IN_PYTEST],
      ['calc.config.ConfigError: no currency configured', WEIGHT_IN_PYTEST],
      [
        'json.decoder.JSONDecodeError: Expecting property name enclosed in double quotes: line 1 column 2 (char 1)',
        WEIGHT_IN_PYTEST,
      ],
    ]);
  });

  test('tracebacks of unittest blocks are left to the unittest extractor', () => {
    expect(extract('unittest.log')).toEqual([]);
    expect(extract('travis-unittest.log')).toEqual([]);
  });

  test('a traceback printed inside pip output (indented) is found, with no project frame', () => {
    const found = extract('pip-build.log');
    expect(found).toHaveLength(1);
    expect(found[0].message).toBe("ModuleNotFoundError: No module named 'missing_build_helper'");
    expect(found[0].file).toBeUndefined();
    expect(found[0].frames!.every((fr) => fr.vendored)).toBe(true);
  });

  test('vendored paths', () => {
    for (const p of [
      '/usr/lib/python3.11/json/decoder.py',
      '/home/travis/virtualenv/python3.6.1/lib/python3.6/site-packages/numpy/lib/shape_base.py',
      '/usr/lib/python2.7/dist-packages/nose/case.py',
      '<frozen importlib._bootstrap>',
      '/opt/hostedtoolcache/Python/3.10.20/x64/lib/python3.10/subprocess.py',
      '/home/travis/miniconda/envs/testenv/bin/pytest',
      'C:\\hostedtoolcache\\windows\\Python\\3.11.9\\x64\\Lib\\json\\decoder.py',
    ])
      expect([p, isVendoredPython(p)]).toEqual([p, true]);
    for (const p of [`${ROOT}/calc/config.py`, 'tests/test_x.py', 'src/lib/python_utils.py'])
      expect([p, isVendoredPython(p)]).toEqual([p, false]);
  });

  test('malformed input: a header with no exception line, huge lines', () => {
    const doc = parseLog(
      ['Traceback (most recent call last):', '  File "a.py", line 1, in <module>', 'x'.repeat(5000), ''].join(
        '\n',
      ),
    );
    expect(python.extract(doc.lines, doc)).toEqual([]);
  });
});
