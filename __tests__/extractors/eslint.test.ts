import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { eslint } from '../../src/log/extractors/eslint.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/node-build/captures/', import.meta.url);
const ROOT = '/home/runner/work/demo/demo/src';

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return eslint.extract(doc.lines, doc);
}

const row = (f: Finding) => [f.kind, f.file, f.line, f.column, f.code, f.message, f.weight];

describe('eslint extractor', () => {
  test.each(['eslint-stylish.log', 'eslint-stylish-color.log'])(
    'stylish (%s): path line + problem lines',
    (name) => {
      const findings = extract(name);
      expect(findings.map(row)).toEqual([
        ['lint-error', `${ROOT}/broken.js`, 1, 26, undefined, 'Parsing error: Unexpected token {', 75],
        ['lint-error', `${ROOT}/cart.js`, 6, 18, 'eqeqeq', "Expected '===' and instead saw '=='", 60],
        [
          'warning',
          `${ROOT}/cart.js`,
          13,
          7,
          'prefer-const',
          "'raw' is never reassigned. Use 'const' instead",
          10,
        ],
        ['warning', `${ROOT}/cart.js`, 14, 3, 'no-console', 'Unexpected console statement', 10],
        ['lint-error', `${ROOT}/util.js`, 8, 40, 'no-undef', "'undefinedHelper' is not defined", 60],
      ]);
      // Each finding shows its file's path line down to its own problem line.
      expect(findings.map((f) => f.logLines)).toEqual([
        [2, 3],
        [5, 6],
        [5, 7],
        [5, 8],
        [10, 11],
      ]);
      for (const f of findings) expect(f).toMatchObject({ tool: 'eslint', rawFile: f.file });
    },
  );

  test('`gh run view --log` format: same findings, original line numbers', () => {
    const findings = extract('gh-cli-eslint.log');
    expect(findings.map((f) => [f.file, f.line, f.code])).toEqual([
      [`${ROOT}/broken.js`, 1, undefined],
      [`${ROOT}/cart.js`, 6, 'eqeqeq'],
      [`${ROOT}/cart.js`, 13, 'prefer-const'],
      [`${ROOT}/cart.js`, 14, 'no-console'],
      [`${ROOT}/util.js`, 8, 'no-undef'],
    ]);
    expect(findings.map((f) => f.logLines)).toEqual([
      [6, 7],
      [9, 10],
      [9, 11],
      [9, 12],
      [14, 15],
    ]);
  });

  test('compact: one line per problem, severity and rule parsed', () => {
    const findings = extract('eslint-compact.log');
    expect(findings.map(row)).toEqual([
      ['lint-error', `${ROOT}/broken.js`, 1, 26, undefined, 'Parsing error: Unexpected token {', 75],
      ['lint-error', `${ROOT}/cart.js`, 6, 18, 'eqeqeq', "Expected '===' and instead saw '=='.", 60],
      [
        'warning',
        `${ROOT}/cart.js`,
        13,
        7,
        'prefer-const',
        "'raw' is never reassigned. Use 'const' instead.",
        10,
      ],
      ['warning', `${ROOT}/cart.js`, 14, 3, 'no-console', 'Unexpected console statement.', 10],
      ['lint-error', `${ROOT}/util.js`, 8, 40, 'no-undef', "'undefinedHelper' is not defined.", 60],
    ]);
    expect(findings.map((f) => f.logLines)).toEqual([
      [1, 1],
      [2, 2],
      [3, 3],
      [4, 4],
      [5, 5],
    ]);
  });

  test('problem lines without a path line above them are not eslint output', () => {
    const real = readFileSync(new URL('eslint-stylish.log', CAPTURES), 'utf8').split('\n');
    // Drop every path line: the indented problem rows alone must not be taken for eslint findings.
    const doc = parseLog(real.filter((l) => !l.startsWith('/')).join('\n'));
    expect(eslint.extract(doc.lines, doc)).toEqual([]);
  });

  test('other tools output gives nothing', () => {
    for (const name of ['tsc-pretty.log', 'node-type-error-esm.log', 'npm10-eresolve.log']) {
      expect(extract(name)).toEqual([]);
    }
  });
});
