import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { coffee } from '../../src/log/extractors/coffee.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/coffee/captures/', import.meta.url);
const doc = (name: string) => parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
const RUNNER = '/home/runner/work/demo/demo';

describe('coffee extractor', () => {
  test('coffee -c: the error with its source line and caret, located', () => {
    const d = doc('coffee-compile.log');
    expect(
      coffee
        .extract(d.lines, d)
        .map((f: Finding) => [f.kind, f.file, f.line, f.column, f.message, f.logLines]),
    ).toEqual([['compile-error', `${RUNNER}/src/receipt.coffee`, 5, 35, 'missing "', [1, 3]]]);
  });

  test('in a Travis log the compiler error ranks first', () => {
    const [first] = extractFindings(doc('travis-coffee.log'));
    expect(first).toMatchObject({ tool: 'coffee', line: 5, logLines: [2, 4], weight: 90 });
  });
});
