import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { scala } from '../../src/log/extractors/scala.js';
import type { Finding } from '../../src/types.js';

// sbt and ScalaTest are not in Debian: only scalac's own output is captured here.
const CAPTURES = new URL('../fixtures/scala/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return scala.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.message, f.file, f.line, f.logLines];

describe('scala extractor', () => {
  test('scalac: one finding per error, through the found/required lines to the caret', () => {
    expect(extract(read('scalac.log')).map(row)).toEqual([
      ['compile-error', 'scalac', 'not found: value shipping', 'src/main/scala/shop/Cart.scala', 4, [1, 3]],
      ['compile-error', 'scalac', 'type mismatch;', 'src/main/scala/shop/Cart.scala', 6, [4, 8]],
    ]);
  });

  test('in a GitHub Actions log the first scalac error comes first', () => {
    const [first] = extractFindings(parseLog(read('gh-scalac.log')));
    expect([first.tool, first.message, first.line]).toEqual(['scalac', 'not found: value shipping', 4]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('[error] a.scala:1:1: x\n[info] - t *** FAILED ***\n' + '[info] '.repeat(3000)),
    ).not.toThrow();
  });
});
