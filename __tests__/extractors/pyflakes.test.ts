// pyflakes on its own (Debian's pyflakes3 2.5), captured by __tests__/fixtures/python/capture.sh.
import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { WEIGHT_BROKEN, WEIGHT_LINT } from '../../src/log/extractors/flake8.js';
import { pyflakes } from '../../src/log/extractors/pyflakes.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function read(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const doc = read(name);
  return pyflakes.extract(doc.lines, doc);
}

describe('pyflakes extractor', () => {
  test('one lint error per line, without a code; undefined names weigh more', () => {
    expect(
      extract('pyflakes.log').map((f) => [f.file, f.line, f.column, f.message, f.weight, f.logLines]),
    ).toEqual([
      ['shop/cart.py', 2, 1, "'os' imported but unused", WEIGHT_LINT, [1, 1]],
      ['shop/cart.py', 10, 5, "local variable 'discount' is assigned to but never used", WEIGHT_LINT, [2, 2]],
      ['shop/cart.py', 11, 28, "undefined name 'rate'", WEIGHT_BROKEN, [3, 3]],
      ['shop/cart.py', 18, 1, "redefinition of unused 'describe' from line 14", WEIGHT_LINT, [4, 4]],
    ]);
    const [first] = extract('pyflakes.log');
    expect([first.kind, first.tool, first.rawFile, first.code]).toEqual([
      'lint-error',
      'pyflakes',
      'shop/cart.py',
      undefined,
    ]);
  });

  test('a syntax error covers the source line and the caret', () => {
    expect(
      extract('pyflakes-syntax.log').map((f) => [f.file, f.line, f.message, f.weight, f.logLines]),
    ).toEqual([
      ['./bad_indent.py', 4, 'unindent does not match any outer indentation level', WEIGHT_BROKEN, [1, 3]],
      ['./bad_call.py', 2, "'(' was never closed", WEIGHT_BROKEN, [4, 6]],
    ]);
  });

  test("in a Travis log behind a script's `[!]` header: pyflakes findings, no CocoaPods error", () => {
    const found = extractFindings(read('travis-pyflakes.log'));
    expect(found.filter((f) => f.tool === 'pyflakes').map((f) => [f.line, f.logLines[0]])).toEqual([
      [2, 3],
      [10, 4],
      [11, 5],
      [18, 6],
    ]);
    expect(found.filter((f) => f.tool === 'xcode')).toEqual([]);
  });

  test.each([
    'flake8.log',
    'flake8-syntax.log',
    'mypy.log',
    'mypy-pretty.log',
    'pylint.log',
    'pytest-default.log',
    'pytest-tb-short.log',
    'pytest-noisy.log',
    'python-syntax.log',
    'python-indent.log',
    'travis-pytest.log',
  ])('nothing in %s', (name) => {
    expect(extract(name)).toEqual([]);
  });
});
