import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { pylint, WEIGHT_MESSAGE } from '../../src/log/extractors/pylint.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return pylint.extract(doc.lines, doc);
}

describe('pylint extractor', () => {
  test('text format: code, symbol kept in the message, module headers and the rating ignored', () => {
    const found = extract('pylint.log');
    expect(found.map((f) => [f.file, f.line, f.column, f.code, f.message, f.logLines[0]])).toEqual([
      [
        'calc/config.py',
        13,
        8,
        'W0707',
        "Consider explicitly re-raising using 'except KeyError as exc' and 'raise ConfigError('no currency configured') from exc' (raise-missing-from)",
        2,
      ],
      [
        'calc/pricing.py',
        21,
        11,
        'C0209',
        'Formatting a regular string which could be a f-string (consider-using-f-string)',
        4,
      ],
      [
        'calc/pricing.py',
        24,
        0,
        'C0116',
        'Missing function or method docstring (missing-function-docstring)',
        5,
      ],
      ['calc/pricing.py', 2, 0, 'W0611', 'Unused import os (unused-import)', 6],
    ]);
    expect(
      found.every((f) => f.kind === 'lint-error' && f.tool === 'pylint' && f.weight === WEIGHT_MESSAGE),
    ).toBe(true);
  });

  test('parseable format: the same messages, the symbol moved to the end', () => {
    const found = extract('pylint-parseable.log');
    expect(found.map((f) => [f.file, f.line, f.code, f.message])).toEqual([
      [
        'calc/config.py',
        13,
        'W0707',
        "Consider explicitly re-raising using 'except KeyError as exc' and 'raise ConfigError('no currency configured') from exc' (raise-missing-from)",
      ],
      [
        'calc/pricing.py',
        21,
        'C0209',
        'Formatting a regular string which could be a f-string (consider-using-f-string)',
      ],
      ['calc/pricing.py', 24, 'C0116', 'Missing function or method docstring (missing-function-docstring)'],
      ['calc/pricing.py', 2, 'W0611', 'Unused import os (unused-import)'],
    ]);
  });

  test('nothing from flake8, ruff or mypy output', () => {
    for (const name of ['flake8.log', 'ruff-concise.log', 'mypy.log']) expect(extract(name)).toEqual([]);
  });
});
