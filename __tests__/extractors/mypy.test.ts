import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { mypy, WEIGHT_ERROR } from '../../src/log/extractors/mypy.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return mypy.extract(doc.lines, doc);
}

const ASSIGNMENT = 'Incompatible types in assignment (expression has type "float", variable has type "int")';
const OPERATOR = 'Unsupported operand types for + ("str" and "int")';

describe('mypy extractor', () => {
  test('plain: one compile error per line, the code from the `  [code]` suffix', () => {
    expect(extract('mypy.log')).toEqual([
      {
        kind: 'compile-error',
        tool: 'mypy',
        message: ASSIGNMENT,
        code: 'assignment',
        file: 'calc/pricing.py',
        rawFile: 'calc/pricing.py',
        line: 15,
        logLines: [1, 1],
        weight: WEIGHT_ERROR,
        segment: 0,
      },
      {
        kind: 'compile-error',
        tool: 'mypy',
        message: OPERATOR,
        code: 'operator',
        file: 'calc/pricing.py',
        rawFile: 'calc/pricing.py',
        line: 21,
        logLines: [2, 2],
        weight: WEIGHT_ERROR,
        segment: 0,
      },
    ]);
  });

  test('--show-column-numbers', () => {
    expect(extract('mypy-columns.log').map((f) => [f.line, f.column, f.code])).toEqual([
      [15, 9, 'assignment'],
      [21, 33, 'operator'],
    ]);
  });

  test('--pretty: the wrapped message joined, the source line and caret in logLines', () => {
    expect(extract('mypy-pretty.log').map((f) => [f.message, f.code, f.line, f.logLines])).toEqual([
      [ASSIGNMENT, 'assignment', 15, [1, 4]],
      [OPERATOR, 'operator', 21, [5, 7]],
    ]);
  });

  test('nothing from flake8, pylint or pytest output', () => {
    for (const name of ['flake8.log', 'pylint.log', 'pytest-default.log', 'ruff-concise.log'])
      expect(extract(name)).toEqual([]);
  });
});
