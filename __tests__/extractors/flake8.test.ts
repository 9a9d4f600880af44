import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { flake8, WEIGHT_BROKEN, WEIGHT_LINT } from '../../src/log/extractors/flake8.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function read(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const doc = read(name);
  return flake8.extract(doc.lines, doc);
}

describe('flake8 extractor', () => {
  test('one lint error per line with file, line, column and code', () => {
    expect(extract('flake8.log')).toEqual([
      {
        kind: 'lint-error',
        tool: 'flake8',
        message: "'os' imported but unused",
        code: 'F401',
        file: 'calc/pricing.py',
        rawFile: 'calc/pricing.py',
        line: 2,
        column: 1,
        logLines: [1, 1],
        weight: WEIGHT_LINT,
        segment: 0,
      },
      {
        kind: 'lint-error',
        tool: 'flake8',
        message: 'line too long (95 > 79 characters)',
        code: 'E501',
        file: 'calc/pricing.py',
        rawFile: 'calc/pricing.py',
        line: 25,
        column: 80,
        logLines: [2, 2],
        weight: WEIGHT_LINT,
        segment: 0,
      },
    ]);
  });

  test('E999 syntax errors weigh more; `./` paths kept as printed', () => {
    expect(extract('flake8-syntax.log').map((f) => [f.file, f.line, f.code, f.message, f.weight])).toEqual([
      [
        './bad_indent.py',
        4,
        'E999',
        'IndentationError: unindent does not match any outer indentation level',
        WEIGHT_BROKEN,
      ],
      ['./bad_call.py', 2, 'E999', "SyntaxError: '(' was never closed", WEIGHT_BROKEN],
    ]);
  });

  test('GitHub Actions log: the lint errors first, the failing step output next, the runner closer last', () => {
    const found = extractFindings(read('gh-flake8.log'));
    expect(found.map((f) => [f.tool, f.code ?? f.kind, f.logLines[0]])).toEqual([
      ['flake8', 'F401', 5],
      ['flake8', 'E501', 6],
      // the step's output (line 5), not its `##[group]Run flake8 calc` header (line 1)
      ['region', 'build-error', 5],
      ['generic', 'exit', 7],
    ]);
  });

  test('--format=pylint: the same errors, without a column', () => {
    const found = extract('flake8-pylint-format.log');
    expect(found.map((f) => [f.tool, f.code, f.file, f.line, f.column, f.message, f.logLines])).toEqual([
      ['flake8', 'F401', 'calc/pricing.py', 2, undefined, "'os' imported but unused", [1, 1]],
      ['flake8', 'E501', 'calc/pricing.py', 25, undefined, 'line too long (95 > 79 characters)', [2, 2]],
    ]);
  });

  test('ruff concise output and pylint lines are not flake8', () => {
    for (const name of [
      'ruff-concise.log',
      'ruff-syntax-concise.log',
      'gh-ruff.log',
      'pylint.log',
      'pylint-parseable.log',
      'mypy.log',
    ])
      expect([name, extract(name)]).toEqual([name, []]);
  });
});
