import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { javac, parseJavacHeader } from '../../src/log/extractors/javac.js';
import type { Finding, LogDocument } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);

function doc(name: string): LogDocument {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const d = doc(name);
  return javac.extract(d.lines, d);
}
const row = (f: Finding) => [f.kind, f.file, f.line, f.column, f.message, f.logLines, f.weight];

describe('javac extractor', () => {
  test('direct javac: header, source line, caret column and the symbol/location lines', () => {
    const file = 'src/com/example/shop/Cart.java';
    expect(extract('javac.log').map(row)).toEqual([
      [
        'compile-error',
        file,
        18,
        22,
        'cannot find symbol; symbol: variable shippingCents; location: class Cart',
        [1, 5],
        90,
      ],
      ['compile-error', file, 23, 23, 'incompatible types: int cannot be converted to String', [6, 8], 90],
    ]);
    for (const f of extract('javac.log')) expect(f).toMatchObject({ tool: 'javac', rawFile: file });
  });

  test('through Gradle 4: the task name glued to the first path is not part of it', () => {
    const file = '/home/runner/work/shop/shop/src/main/java/com/example/shop/Cart.java';
    expect(extract('gradle-compile.log').map(row)).toEqual([
      [
        'compile-error',
        file,
        19,
        22,
        'cannot find symbol; symbol: variable shippingCents; location: class Cart',
        [4, 8],
        90,
      ],
      ['compile-error', file, 23, 33, 'incompatible types: int cannot be converted to String', [9, 11], 90],
    ]);
    // ordered with Gradle's verdict: the compiler errors first
    const mine = new Set(['javac', 'gradle']);
    const ordered = extractFindings(doc('gradle-compile.log')).filter((f) => mine.has(f.tool));
    expect(ordered.slice(0, 3).map((f) => `${f.tool}/${f.kind}`)).toEqual([
      'javac/compile-error',
      'javac/compile-error',
      'gradle/build-error',
    ]);
  });

  test('headers: Ant prefixes, warnings, and lines that are not javac diagnostics', () => {
    expect(
      parseJavacHeader('    [javac] /w/src/A.java:3: warning: [deprecation] foo() in B has been deprecated'),
    ).toEqual({
      file: '/w/src/A.java',
      line: 3,
      severity: 'warning',
      message: '[deprecation] foo() in B has been deprecated',
    });
    expect(parseJavacHeader('src/cart.c:8:18: error: unknown type')).toBeUndefined();
    expect(parseJavacHeader('See Foo.java:12: error handling docs')).toBeUndefined();
    expect(parseJavacHeader('x'.repeat(5000) + '.java:1: error: y')).toBeUndefined();
  });

  test('nothing from Maven, Kotlin or checkstyle logs', () => {
    expect(extract('gh-maven-compile.log')).toEqual([]);
    expect(extract('kotlinc.log')).toEqual([]);
    expect(extract('checkstyle.log')).toEqual([]);
  });
});
