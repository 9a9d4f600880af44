import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { go, isVendoredGoPath } from '../../src/log/extractors/go.js';
import type { Finding, LogLine } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/go/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return go.extract(doc.lines, doc);
}

const brief = (f: Finding) => [f.kind, f.file, f.line, f.test, f.message, f.logLines];

describe('go extractor', () => {
  test('go build: one compile error per diagnostic under the `# pkg` header', () => {
    const findings = extract('go-build.log');
    expect(findings.map((f) => [f.file, f.line, f.column, f.message, f.logLines])).toEqual([
      ['calc/calc.go', 11, 15, 'undefined: discount', [1, 2]], // with the `# pkg` header
      [
        'calc/calc.go',
        16,
        14,
        'cannot use name (variable of type string) as type int in variable declaration',
        [3, 3],
      ],
      [
        'calc/calc.go',
        17,
        9,
        'invalid operation: strings.ToUpper(name) + n (mismatched types string and int)',
        [4, 4],
      ],
    ]);
    for (const f of findings) expect(f).toMatchObject({ kind: 'compile-error', tool: 'go', weight: 90 });
  });

  test('go vet: diagnostics with ./ paths', () => {
    const findings = extract('go-vet.log');
    expect(findings.map((f) => [f.file, f.line, f.message])).toEqual([
      ['./main.go', 11, 'self-assignment of x to x'],
      ['./main.go', 6, 'fmt.Sprintf format %d has arg name of wrong type string'],
      ['./main.go', 13, 'fmt.Printf format %s reads arg #1, but call has 0 args'],
    ]);
  });

  test('a test package that does not compile: have/want lines and `FAIL pkg [build failed]` belong to the error', () => {
    const [first] = extract('go-test-build.log');
    expect(first).toMatchObject({
      kind: 'compile-error',
      file: 'cart/cart_test.go',
      line: 7,
      column: 25,
      message: 'too many arguments in call to Total',
      logLines: [1, 5],
    });
  });

  test('go test: failing tests with their output, subtests by full name, the panic with its trace', () => {
    const findings = extract('go-test.log');
    expect(findings.map(brief)).toEqual([
      ['test-failure', 'cart_test.go', 8, 'TestTotal', 'Total() = 7, want 11', [1, 2]],
      ['test-failure', 'cart_test.go', 19, 'TestFind/kiwi', 'Find("kiwi") = nil', [4, 5]],
      [
        'exit',
        undefined,
        undefined,
        undefined,
        expect.stringMatching(/^FAIL example.com\/shop\/cart \d/),
        [7, 7],
      ],
      [
        'exception',
        '/home/runner/work/demo/demo/price/price.go',
        8,
        'TestDiscountStaff',
        'panic: runtime error: invalid memory address or nil pointer dereference',
        // `--- FAIL` down to the first repository frame, not the whole goroutine trace
        [8, 21],
      ],
      [
        'exit',
        undefined,
        undefined,
        undefined,
        expect.stringMatching(/^FAIL example.com\/shop\/price \d/),
        [28, 28],
      ],
    ]);
    const panic = findings[3];
    expect(
      panic.frames?.map((fr) => [fr.function, fr.rawFile.replace(/^.*\//, ''), fr.line, fr.vendored]),
    ).toEqual([
      ['testing.tRunner.func1.2', 'testing.go', 1396, true],
      ['testing.tRunner.func1', 'testing.go', 1399, true],
      ['panic', 'panic.go', 884, true],
      ['example.com/shop/price.Discount', 'price.go', 8, false],
      ['example.com/shop/price.TestDiscountStaff', 'price_test.go', 12, false],
      ['testing.tRunner', 'testing.go', 1446, true],
      ['testing.(*T).Run', 'testing.go', 1493, true],
    ]);
  });

  test('go test -v: the output printed before `--- FAIL` is the message', () => {
    const findings = extract('go-test-v.log').filter((f) => f.kind !== 'exit');
    expect(findings.map(brief)).toEqual([
      ['test-failure', 'cart_test.go', 8, 'TestTotal', 'Total() = 7, want 11', [2, 3]],
      ['test-failure', 'cart_test.go', 19, 'TestFind/kiwi', 'Find("kiwi") = nil', [7, 10]],
      [
        'exception',
        '/home/runner/work/demo/demo/price/price.go',
        8,
        'TestDiscountStaff',
        'panic: runtime error: invalid memory address or nil pointer dereference',
        [18, 31],
      ],
    ]);
  });

  test('go test -json: output events of each failing test put back together', () => {
    const findings = extract('go-test-json.log');
    expect(findings.map(brief)).toEqual([
      ['test-failure', 'cart_test.go', 8, 'TestTotal', 'Total() = 7, want 11', [3, 3]],
      ['test-failure', 'cart_test.go', 19, 'TestFind/kiwi', 'Find("kiwi") = nil', [12, 12]],
      [
        'exception',
        '/home/runner/work/demo/demo/price/price.go',
        8,
        'TestDiscountStaff',
        'panic: runtime error: invalid memory address or nil pointer dereference',
        [33, 45],
      ],
    ]);
  });

  test('a panicking program: location is the innermost repository frame', () => {
    const [f] = extract('go-panic.log');
    expect(f).toMatchObject({
      kind: 'exception',
      tool: 'go',
      message: 'panic: runtime error: index out of range [3] with length 2',
      file: '/home/runner/work/demo/demo/main.go',
      line: 11,
      logLines: [1, 5],
      weight: 88,
    });
    expect(f.frames?.map((fr) => fr.function)).toEqual(['main.pick', 'main.main']);
  });

  test('staticcheck: lint errors with the check as code', () => {
    const findings = extract('staticcheck.log');
    expect(findings.map((f) => [f.kind, f.tool, f.code, f.file, f.line, f.column, f.message])).toEqual([
      ['lint-error', 'staticcheck', 'U1000', 'main.go', 8, 5, 'var unusedSetting is unused'],
      ['lint-error', 'staticcheck', 'S1003', 'main.go', 12, 5, 'should use strings.Contains(s, "!") instead'],
    ]);
  });

  test('in a GitHub Actions log the test failure comes first, the exit code last', () => {
    const doc = parseLog(readFileSync(new URL('gh-go-test.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    // the failures of the run form one section: the first failure's block runs to the end of the last one
    expect(findings[0]).toMatchObject({ tool: 'go', test: 'TestTotal', logLines: [5, 33] });
    expect(findings[2]).toMatchObject({ tool: 'go', test: 'TestDiscountStaff', kind: 'exception' });
    expect(findings[findings.length - 1].message).toBe('Process completed with exit code 1.');
  });

  test('vendored paths: GOROOT, module cache, vendor/', () => {
    expect(isVendoredGoPath('/usr/lib/go-1.19/src/testing/testing.go')).toBe(true);
    expect(isVendoredGoPath('/usr/local/go/src/runtime/panic.go')).toBe(true);
    expect(isVendoredGoPath('/home/runner/go/pkg/mod/github.com/x/y@v1.0.0/z.go')).toBe(true);
    expect(isVendoredGoPath('/home/runner/work/demo/demo/price/price.go')).toBe(false);
  });

  test('never throws on junk', () => {
    const lines: LogLine[] = ['{"Action":', 'panic: ', '--- FAIL: ', 'goroutine 1 [running]:', '\t'].map(
      (text, k) => ({ n: k + 1, text }),
    );
    expect(() => go.extract(lines, { format: 'plain', lines, segments: [], totalLines: 5 })).not.toThrow();
  });
});
