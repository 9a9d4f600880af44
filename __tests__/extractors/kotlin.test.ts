import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { kotlin, parseKotlinDiagnostic } from '../../src/log/extractors/kotlin.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return kotlin.extract(doc.lines, doc);
}

describe('kotlin extractor', () => {
  test('kotlinc: one finding per error with its source line and caret; the JVM warning above is ignored', () => {
    expect(
      extract('kotlinc.log').map((f) => [f.kind, f.tool, f.file, f.line, f.column, f.message, f.logLines]),
    ).toEqual([
      ['compile-error', 'kotlin', 'src/Cart.kt', 12, 56, 'unresolved reference: shippingCents', [2, 4]],
      [
        'compile-error',
        'kotlin',
        'src/Cart.kt',
        15,
        29,
        'type mismatch: inferred type is Int but String was expected',
        [5, 7],
      ],
    ]);
  });

  // The Gradle and Maven plugins' shapes cannot be captured offline here (no Kotlin Gradle/Maven plugin in
  // Debian); these are the formats the plugins document, parsed line by line.
  test('the Gradle and Maven plugin shapes (e:/w: with `(line, col)` or `line:col`, [ERROR]/[WARNING])', () => {
    expect(
      parseKotlinDiagnostic('e: /w/app/src/main/kotlin/Cart.kt: (12, 5): Unresolved reference: feth'),
    ).toEqual({
      file: '/w/app/src/main/kotlin/Cart.kt',
      line: 12,
      column: 5,
      error: true,
      message: 'Unresolved reference: feth',
      framed: false,
    });
    expect(
      parseKotlinDiagnostic('e: file:///w/app/src/main/kotlin/Cart.kt:12:5 Unresolved reference: feth'),
    ).toMatchObject({
      file: 'file:///w/app/src/main/kotlin/Cart.kt',
      line: 12,
      column: 5,
      error: true,
    });
    expect(parseKotlinDiagnostic('w: /w/Cart.kt:3:9 Variable x is never used')).toMatchObject({
      error: false,
      line: 3,
    });
    expect(parseKotlinDiagnostic('[ERROR] /w/src/Cart.kt: (214, 35) Unresolved reference: x')).toMatchObject({
      error: true,
      line: 214,
      column: 35,
    });
    expect(parseKotlinDiagnostic('see docs/Cart.kt:12:5 for details')).toBeUndefined();
    expect(parseKotlinDiagnostic('/w/Cart.kt: (12, 5): no severity')).toBeUndefined();
  });

  test('nothing from javac or Maven logs', () => {
    expect(extract('javac.log')).toEqual([]);
    expect(extract('maven-test.log')).toEqual([]);
  });
});
