import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { cc } from '../../src/log/extractors/cc.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/cc/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return cc.extract(doc.lines, doc);
}

const brief = (f: Finding) => [f.kind, f.tool, f.file, f.line, f.column, f.message, f.logLines];

describe('cc extractor', () => {
  test('gcc via make: the error with its `In function` context and code frame, the warning low, make last', () => {
    expect(extract('make-gcc.log').map(brief)).toEqual([
      [
        'compile-error',
        'cc',
        'src/cart.c',
        8,
        18,
        "'shipping' undeclared (first use in this function)",
        [3, 6],
      ],
      ['warning', 'cc', 'src/cart.c', 9, 1, 'control reaches end of non-void function', [8, 10]],
      [
        'exit',
        'make',
        undefined,
        undefined,
        undefined,
        'make: *** [Makefile:8: src/cart.o] Error 1',
        [11, 11],
      ],
    ]);
    expect(extract('make-gcc.log')[1].code).toBe('-Wreturn-type');
  });

  test('clang: source and caret lines without a gutter', () => {
    expect(extract('make-clang.log')[0]).toMatchObject({
      kind: 'compile-error',
      file: 'src/cart.c',
      line: 8,
      column: 18,
      message: "use of undeclared identifier 'shipping'",
      logLines: [2, 4],
      weight: 90,
    });
  });

  test('missing header: fatal error', () => {
    expect(extract('gcc-missing-header.log').map(brief)).toEqual([
      ['compile-error', 'cc', 'src/report.c', 1, 10, 'missing.h: No such file or directory', [1, 3]],
    ]);
  });

  test('linker: undefined reference with its `in function` line, collect2 and make as closers', () => {
    const findings = extract('make-link.log');
    expect(findings.map((f) => [f.kind, f.tool, f.code, f.message, f.logLines])).toEqual([
      ['compile-error', 'ld', 'cart_discount', "undefined reference to `cart_discount'", [2, 3]],
      ['build-error', 'ld', undefined, 'collect2: error: ld returned 1 exit status', [4, 4]],
      ['exit', 'make', undefined, 'make: *** [Makefile:11: link] Error 1', [5, 5]],
    ]);
  });

  test('GitHub Actions log: the compiler error first, make and the exit code last', () => {
    const doc = parseLog(readFileSync(new URL('gh-make-gcc.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    expect(findings[0]).toMatchObject({ tool: 'cc', file: 'src/cart.c', line: 8, logLines: [6, 14] });
    expect(findings.slice(-2).map((f) => f.tool)).toEqual(['make', 'generic']);
  });

  test('a failed assert() in a test program: the assertion with its file and line comes first', () => {
    const doc = parseLog(readFileSync(new URL('gh-make-check.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    expect(findings[0]).toMatchObject({
      kind: 'assertion',
      tool: 'cc',
      message: "Assertion `total(4, 3) == 12' failed in main",
      file: 'src/test_total.c',
      line: 8,
      test: 'test_total',
      logLines: [7, 8],
    });
    expect(cc.extract(doc.lines, doc).filter((f) => f.kind === 'assertion')).toHaveLength(1);
  });
});
