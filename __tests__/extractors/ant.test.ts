import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { ant } from '../../src/log/extractors/ant.js';
import { javac } from '../../src/log/extractors/javac.js';
import type { LogDocument } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);
const ROOT = '/home/travis/build/shop/shop';

function doc(name: string): LogDocument {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}

describe('ant extractor (and the javac task through it)', () => {
  test('BUILD FAILED: the innermost build file line is the message and the location', () => {
    const d = doc('travis-ant.log');
    expect(ant.extract(d.lines, d)).toEqual([
      {
        kind: 'build-error',
        tool: 'ant',
        message: 'Compile failed; see the compiler error output for details.',
        file: `${ROOT}/build.xml`,
        rawFile: `${ROOT}/build.xml`,
        line: 4,
        logLines: [19, 21],
        weight: 72,
        segment: d.lines[18].segment,
      },
    ]);
  });

  test('the [javac] prefix is removed: errors, columns from the carets, symbol/location lines', () => {
    const d = doc('travis-ant.log');
    expect(javac.extract(d.lines, d).map((f) => [f.file, f.line, f.column, f.message, f.logLines])).toEqual([
      [
        `${ROOT}/src/com/example/shop/Cart.java`,
        18,
        22,
        'cannot find symbol; symbol: variable shippingCents; location: class Cart',
        [9, 13],
      ],
      [
        `${ROOT}/src/com/example/shop/Cart.java`,
        23,
        23,
        'incompatible types: int cannot be converted to String',
        [14, 16],
      ],
    ]);
    const ordered = extractFindings(d);
    expect(ordered.slice(0, 3).map((f) => `${f.tool}/${f.kind}`)).toEqual([
      'javac/compile-error',
      'javac/compile-error',
      'ant/build-error',
    ]);
  });

  test('nothing from Gradle logs (its `BUILD FAILED in 13s` is not an Ant verdict)', () => {
    const d = doc('gradle-compile.log');
    expect(ant.extract(d.lines, d)).toEqual([]);
  });
});
