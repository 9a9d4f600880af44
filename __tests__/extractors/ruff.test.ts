import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { ruff } from '../../src/log/extractors/ruff.js';
import { WEIGHT_BROKEN, WEIGHT_LINT } from '../../src/log/extractors/flake8.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return ruff.extract(doc.lines, doc);
}
const brief = (f: Finding) => [f.code, f.file, f.line, f.column, f.logLines];

describe('ruff extractor (ruff 0.16.9)', () => {
  test('full format: header, ` --> path:line:col`, the code frame up to the caret row', () => {
    const found = extract('ruff.log');
    expect(found.map(brief)).toEqual([
      ['F401', 'calc/pricing.py', 2, 8, [1, 6]],
      ['UP035', 'calc/pricing.py', 3, 1, [16, 22]],
      ['UP006', 'calc/pricing.py', 11, 18, [24, 28]],
      ['PLC0206', 'calc/pricing.py', 14, 9, [40, 46]],
      ['UP031', 'calc/pricing.py', 21, 12, [53, 59]],
    ]);
    expect(found[0]).toMatchObject({
      kind: 'lint-error',
      tool: 'ruff',
      message: '`os` imported but unused',
      weight: WEIGHT_LINT,
    });
  });

  test('concise format: one line each, `[*]` dropped from the message', () => {
    const found = extract('ruff-concise.log');
    expect(found.map(brief)).toEqual([
      ['F401', 'calc/pricing.py', 2, 8, [1, 1]],
      ['UP035', 'calc/pricing.py', 3, 1, [2, 2]],
      ['UP006', 'calc/pricing.py', 11, 18, [3, 3]],
      ['PLC0206', 'calc/pricing.py', 14, 9, [4, 4]],
      ['UP031', 'calc/pricing.py', 21, 12, [5, 5]],
    ]);
    expect(found[2].message).toBe('Use `dict` instead of `Dict` for type annotation');
  });

  test('syntax errors (invalid-syntax) in both formats weigh like a broken build', () => {
    const full = extract('ruff-syntax.log');
    expect(full.map((f) => [f.file, f.line, f.column, f.message, f.weight])).toEqual([
      ['bad_call.py', 5, 1, 'Expected `,`, found identifier', WEIGHT_BROKEN],
      ['bad_call.py', 5, 16, 'unexpected EOF while parsing', WEIGHT_BROKEN],
      ['bad_indent.py', 4, 1, 'unindent does not match any outer indentation level', WEIGHT_BROKEN],
      ['bad_indent.py', 4, 19, 'Expected dedent, found end of file', WEIGHT_BROKEN],
    ]);
    expect(extract('ruff-syntax-concise.log').map((f) => [f.file, f.line, f.code])).toEqual([
      ['bad_call.py', 5, 'invalid-syntax'],
      ['bad_call.py', 6, 'invalid-syntax'],
      ['bad_indent.py', 4, 'invalid-syntax'],
      ['bad_indent.py', 5, 'invalid-syntax'],
    ]);
  });

  test('--output-format github in a GitHub Actions log: ##[error] lines, the %0A help cut off', () => {
    const found = extract('gh-ruff.log');
    expect(found.map(brief)).toEqual([
      ['F401', 'calc/pricing.py', 2, 8, [5, 5]],
      ['UP035', 'calc/pricing.py', 3, 1, [6, 6]],
      ['UP006', 'calc/pricing.py', 11, 18, [7, 7]],
      ['PLC0206', 'calc/pricing.py', 14, 9, [8, 8]],
      ['UP031', 'calc/pricing.py', 21, 12, [9, 9]],
    ]);
    expect(found[0].message).toBe('`os` imported but unused');
  });

  test('flake8 output is not ruff', () => {
    expect(extract('flake8.log')).toEqual([]);
    expect(extract('flake8-syntax.log')).toEqual([]);
  });
});
