import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { elisp } from '../../src/log/extractors/elisp.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/elisp/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');
function extract(text: string): Finding[] {
  const doc = parseLog(text);
  return elisp.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.tool, f.message, f.file, f.line, f.test, f.logLines];

describe('elisp extractor', () => {
  test('ERT: the condition block up to FAILED (not the backtrace), the Ran line low', () => {
    const findings = extract(read('ert.log'));
    expect(findings.map(row)).toEqual([
      [
        'test-failure',
        'ert',
        'shop-discount-nil: (wrong-type-argument number-or-marker-p nil)',
        undefined,
        undefined,
        'shop-discount-nil',
        [22, 24],
      ],
      [
        'test-failure',
        'ert',
        'shop-total-adds: (ert-test-failed ((should (= 7 (shop-total ...))) :form (= 7 6) :value nil))',
        undefined,
        undefined,
        'shop-total-adds',
        [43, 51],
      ],
      [
        'test-failure',
        'ert',
        expect.stringMatching(/^Ran 3 tests, 1 results as expected, 2 unexpected/),
        undefined,
        undefined,
        undefined,
        [54, 54],
      ],
    ]);
    expect(findings[2].weight).toBeLessThan(findings[0].weight);
  });

  test('byte-compile error with file, line and column', () => {
    const findings = extract(read('byte-compile.log'));
    expect(findings.map(row)).toEqual([
      [
        'compile-error',
        'byte-compile',
        'reference to free variable ‘shop-shipping’',
        'broken.el',
        5,
        undefined,
        [3, 3],
      ],
    ]);
    expect(findings[0].column).toBe(25);
  });

  test('batch backtrace: the Lisp error and its first frames', () => {
    expect(extract(read('backtrace.log')).map(row)).toEqual([
      [
        'exception',
        'emacs',
        '(error "Package ‘scratch’ is unavailable")',
        undefined,
        undefined,
        undefined,
        [1, 7],
      ],
    ]);
  });

  test('in a GitHub Actions log the first ERT failure comes first', () => {
    const [first] = extractFindings(parseLog(read('gh-ert.log')));
    expect([first.tool, first.test, first.logLines]).toEqual(['ert', 'shop-discount-nil', [26, 55]]);
  });

  test('never throws on malformed input', () => {
    expect(() =>
      extract('Test x condition:\n' + ' ('.repeat(5000) + '\nsignal(\nDebugger entered--Lisp error: '),
    ).not.toThrow();
  });
});
