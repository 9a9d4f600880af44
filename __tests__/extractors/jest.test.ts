import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { jest as jestExtractor } from '../../src/log/extractors/jest.js';
import type { Finding } from '../../src/types.js';

// Real jest 30 + ts-jest output of __tests__/fixtures/js-test/jest (regenerate: capture.sh).
const CAPTURES = new URL('../fixtures/js-test/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return jestExtractor.extract(doc.lines, doc);
}

const row = (f: Finding) => [f.kind, f.test, f.file, f.line, f.column, f.code, f.message, f.weight];

// Jest runs files in parallel: the suites' order differs between captures, the findings' content not.
const EXPECTED = [
  [
    'test-failure',
    'cart › total › multiplies price by quantity',
    'tests/cart.test.ts',
    15,
    28,
    undefined,
    'expect(received).toBe(expected) // Object.is equality; Expected: 320; Received: 200',
    90,
  ],
  [
    'test-failure',
    'cart › lists the skus in upper case',
    'tests/cart.test.ts',
    20,
    25,
    undefined,
    'expect(received).toEqual(expected) // deep equality',
    90,
  ],
  [
    'test-failure',
    'cart › rejects an unknown discount code',
    'src/cart.ts',
    21,
    22,
    undefined,
    "TypeError: Cannot read properties of undefined (reading 'percent')",
    90,
  ],
  [
    'compile-error',
    undefined,
    'tests/report.test.ts',
    1,
    24,
    'TS2307',
    "Cannot find module '../src/report' or its corresponding type declarations.",
    88,
  ],
  [
    'compile-error',
    undefined,
    'tests/config.test.ts',
    4,
    9,
    'TS2322',
    "Type 'number' is not assignable to type 'string'.",
    88,
  ],
  [
    'dependency',
    undefined,
    'tests/loader.test.js',
    1,
    18,
    undefined,
    "Cannot find module '../src/loader' from 'tests/loader.test.js'",
    88,
  ],
  [
    'test-failure',
    'lists every sku of a large catalogue',
    'tests/catalogue.test.ts',
    11,
    22,
    undefined,
    'expect(received).toEqual(expected) // deep equality',
    90,
  ],
  [
    'test-failure',
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    'Tests: 4 failed, 3 passed, 7 total',
    3,
  ],
];

const byMessage = (a: unknown[], b: unknown[]) =>
  String(a[6]).localeCompare(String(b[6])) || String(a[1]).localeCompare(String(b[1]));

describe('jest extractor', () => {
  test.each(['jest.log', 'jest-color.log', 'jest.gh.log'])(
    '%s: one finding per failed test or suite',
    (name) => {
      const findings = extract(name);
      expect(findings.map(row).sort(byMessage)).toEqual([...EXPECTED].sort(byMessage));
      for (const f of findings) {
        expect(f.tool).toBe('jest');
        expect(f.rawFile).toBe(f.file);
        expect(f.logLines[1] - f.logLines[0]).toBeLessThan(25);
      }
    },
  );

  test('logLines: from the ● header through the code frame and frames (plain capture)', () => {
    const findings = extract('jest.log');
    const lines = readFileSync(new URL('jest.log', CAPTURES), 'utf8').split('\n');
    const at = (test: string) => findings.find((f) => f.test === test)!;

    const total = at('cart › total › multiplies price by quantity');
    expect(total.logLines).toEqual([2, 17]);
    expect(lines[1]).toBe('  ● cart › total › multiplies price by quantity');
    expect(lines[10]).toBe('    > 15 |       expect(total(items)).toBe(320);');
    expect(lines[16]).toBe('      at Object.<anonymous> (tests/cart.test.ts:15:28)');

    // The location is the innermost non-vendored frame: the bug in src/cart.ts, not the test.
    const discount = at('cart › rejects an unknown discount code');
    expect(discount.logLines).toEqual([42, 54]);
    expect(discount.frames).toEqual([
      { rawFile: 'src/cart.ts', line: 21, column: 22, function: 'discount', vendored: false },
      {
        rawFile: 'tests/cart.test.ts',
        line: 28,
        column: 20,
        function: 'Object.<anonymous>',
        vendored: false,
      },
    ]);
  });

  test('suite-level failures: TS diagnostics and module resolution (plain capture)', () => {
    const findings = extract('jest.log');
    const ts = findings.find((f) => f.code === 'TS2322')!;
    expect(ts.logLines).toEqual([79, 84]);
    // A vendored jest-resolve frame comes first; the location is the test file's require.
    const loader = findings.find((f) => f.kind === 'dependency')!;
    expect(loader.logLines).toEqual([65, 76]);
    expect(loader.frames?.map((f) => [f.rawFile, f.vendored])).toEqual([
      ['node_modules/jest-resolve/build/index.js', true],
      ['tests/loader.test.js', false],
    ]);
  });

  test('a long diff is cut to 25 lines: the marker is too far below the message (plain capture)', () => {
    const f = extract('jest.log').find((x) => x.test === 'lists every sku of a large catalogue')!;
    expect(f.logLines).toEqual([94, 118]);
    // `● Console` (line 87) is console output, not a failure: its frame is nobody's location.
    expect(
      extract('jest.log').some(
        (x) => x.logLines[0] === 87 || (x.file === 'tests/catalogue.test.ts' && x.line === 6),
      ),
    ).toBe(false);
  });

  test.each(['vitest.log', 'mocha.log', 'nodetest-spec.log', 'nodetest-tap.log'])(
    "finds nothing in other runners' output (%s)",
    (name) => {
      expect(extract(name)).toEqual([]);
    },
  );
});

describe('jest configuration errors (jest-validate stops before any test runs)', () => {
  it('a test environment that is not installed: one build-error finding over the block', () => {
    const [f, ...rest] = extract('jest-validation-env.log');
    expect(rest).toEqual([]);
    expect([f.kind, f.tool, f.logLines, f.weight]).toEqual(['build-error', 'jest', [1, 3], 88]);
    expect(f.message).toMatch(/^Validation Error: Test environment jest-environment-jsdom cannot be found\./);
  });

  it('a setup file that does not exist: the block keeps the <rootDir> line', () => {
    const [f] = extract('jest-validation-setup.log');
    expect(f.logLines).toEqual([1, 4]);
    expect(f.message).toBe(
      'Validation Error: Module ./test/missing-setup.js in the setupFiles option was not found.',
    );
  });

  it('the whole analysis names the rule and suspects the jest configuration', async () => {
    const { runAnalysis } = await import('../../src/core.js');
    const { builtinRules } = await import('../../src/rules/load.js');
    const logText = readFileSync(new URL('jest-validation-env.log', CAPTURES), 'utf8');
    const report = runAnalysis({
      logText,
      rules: builtinRules(),
      changeSet: {
        files: [
          { path: 'jest.config.js', status: 'modified', hunks: [], additions: 1, deletions: 1, commits: [] },
          { path: 'src/cart.ts', status: 'modified', hunks: [], additions: 3, deletions: 1, commits: [] },
        ],
        commits: [],
      },
    });
    expect(report.findings[0].tool).toBe('jest');
    expect(report.patterns.map((p) => p.id)).toContain('test-runner-configuration');
    expect(report.suspects[0].path).toBe('jest.config.js');
  });
});
