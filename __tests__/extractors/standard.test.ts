import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { eslint } from '../../src/log/extractors/eslint.js';

// Real output of `standard` 17 (ESLint underneath) on __tests__/fixtures/standard/project (capture.sh).
const CAPTURES = new URL('../fixtures/standard/captures/', import.meta.url);
const doc = (name: string) => parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));

describe('standard (JavaScript Standard Style) below its banner', () => {
  it('one lint finding per problem line, with file, line, column and rule', () => {
    const d = doc('standard.log');
    const rows = eslint.extract(d.lines, d).map((f) => [f.tool, f.kind, f.rawFile, f.line, f.column, f.code]);
    expect(rows).toEqual([
      ['standard', 'lint-error', '/home/runner/work/shop/shop/src/cart.js', 1, 7, 'no-unused-vars'],
      ['standard', 'lint-error', '/home/runner/work/shop/shop/src/cart.js', 3, 14, 'semi'],
      ['standard', 'warning', '/home/runner/work/shop/shop/src/cart.js', 8, 20, 'object-shorthand'],
      ['standard', 'warning', '/home/runner/work/shop/shop/src/cart.js', 8, 34, 'object-shorthand'],
      ['standard', 'lint-error', '/home/runner/work/shop/shop/src/cart.js', 8, 41, 'no-undef'],
    ]);
  });

  it('in a GitHub Actions log the first error leads, mapped to the repository path', () => {
    const [first] = extractFindings(doc('standard.gh.log'));
    expect([first.tool, first.rawFile, first.line, first.code]).toEqual([
      'standard',
      '/home/runner/work/shop/shop/src/cart.js',
      1,
      'no-unused-vars',
    ]);
    // the block reaches up to the banner that names the tool
    expect(first.logLines[0]).toBe(9);
  });
});
