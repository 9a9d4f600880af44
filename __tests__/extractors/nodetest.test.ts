import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { nodetest } from '../../src/log/extractors/nodetest.js';
import type { Finding } from '../../src/types.js';

// Real `node --test` (node 20) output of __tests__/fixtures/js-test/nodetest (regenerate: capture.sh).
const CAPTURES = new URL('../fixtures/js-test/captures/', import.meta.url);
const ROOT = '/home/runner/work/shop/shop';

function doc(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const d = doc(name);
  return nodetest.extract(d.lines, d);
}

const row = (f: Finding) => [f.kind, f.test, f.file, f.line, f.column, f.code, f.message, f.weight];

const VAT = 'Expected values to be strictly equal: 20 !== 120';
const CURRENCY = "Cannot read properties of undefined (reading 'currency')";
const DEEP = 'Expected values to be strictly deep-equal: + 1, + 2 - 11, - 22';

describe('node:test extractor', () => {
  test.each(['nodetest-spec.log', 'nodetest-spec-color.log'])(
    'spec reporter (%s): the failing tests section',
    (name) => {
      const findings = extract(name);
      expect(findings.map(row)).toEqual([
        // The file that could not load: node's own report above it is the real finding (node extractor).
        [
          'test-failure',
          `${ROOT}/test/loader.test.js`,
          'test/loader.test.js',
          1,
          1,
          undefined,
          'test failed',
          60,
        ],
        [
          'test-failure',
          'price > adds VAT',
          `file://${ROOT}/test/price.test.js`,
          11,
          12,
          undefined,
          `AssertionError [ERR_ASSERTION]: ${VAT}`,
          90,
        ],
        // The innermost own frame: the bug in src/price.js.
        [
          'test-failure',
          'price > settings > reads the currency',
          `file://${ROOT}/src/price.js`,
          7,
          26,
          undefined,
          `TypeError [Error]: ${CURRENCY}`,
          90,
        ],
        [
          'test-failure',
          'deep equal of parts',
          `file://${ROOT}/test/price.test.js`,
          22,
          10,
          undefined,
          `AssertionError [ERR_ASSERTION]: ${DEEP}`,
          90,
        ],
        ['test-failure', undefined, undefined, undefined, undefined, undefined, 'ℹ fail 4', 3],
      ]);
      // `test at ...` through the end of the `at` frames (capped at 25 lines).
      expect(findings.map((f) => f.logLines)).toEqual([
        [96, 98],
        [100, 114],
        [122, 134],
        [136, 153],
        [88, 88],
      ]);
      expect(findings[2].frames?.slice(0, 3)).toEqual([
        {
          rawFile: `file://${ROOT}/src/price.js`,
          line: 7,
          column: 26,
          function: 'currency',
          vendored: false,
        },
        {
          rawFile: `file://${ROOT}/test/price.test.js`,
          line: 16,
          column: 20,
          function: 'TestContext.<anonymous>',
          vendored: false,
        },
        {
          rawFile: 'node:async_hooks',
          line: 206,
          column: 9,
          function: 'Test.runInAsyncScope',
          vendored: true,
        },
      ]);
    },
  );

  test('spec reporter without a failing tests section: the tree, suites that only failed through a subtest skipped', () => {
    const d = doc('nodetest-spec.log');
    const section = d.lines.findIndex((l) => l.text === '✖ failing tests:');
    expect(section).toBe(93);
    const findings = nodetest.extract(d.lines.slice(0, section), d);
    expect(findings.map((f) => [f.test, f.file, f.line, f.logLines])).toEqual([
      [`${ROOT}/test/loader.test.js`, `${ROOT}/test/loader.test.js`, undefined, [19, 20]],
      ['price > adds VAT', `file://${ROOT}/test/price.test.js`, 11, [24, 37]],
      ['price > settings > reads the currency', `file://${ROOT}/src/price.js`, 7, [46, 57]],
      ['deep equal of parts', `file://${ROOT}/test/price.test.js`, 22, [61, 77]],
      [undefined, undefined, undefined, [88, 88]],
    ]);
  });

  test.each([
    ['nodetest-tap.log', 0],
    ['nodetest.gh.log', 4], // plain `node --test` on a runner is TAP; the step header adds 4 lines
  ])('TAP reporter (%s): not ok blocks and their YAML diagnostics', (name, shift) => {
    const findings = extract(name);
    expect(findings.map(row)).toEqual([
      // The file that could not load: its error is only in the `# ` comments above it.
      [
        'dependency',
        undefined,
        `${ROOT}/test/loader.test.js`,
        undefined,
        undefined,
        'ERR_MODULE_NOT_FOUND',
        `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${ROOT}/src/catalogue.js' imported from ${ROOT}/test/loader.test.js`,
        88,
      ],
      [
        'test-failure',
        'price > adds VAT',
        `file://${ROOT}/test/price.test.js`,
        11,
        12,
        'ERR_ASSERTION',
        `AssertionError: ${VAT}`,
        90,
      ],
      [
        'test-failure',
        'price > settings > reads the currency',
        `file://${ROOT}/src/price.js`,
        7,
        26,
        undefined,
        `TypeError: ${CURRENCY}`,
        90,
      ],
      [
        'test-failure',
        'deep equal of parts',
        `file://${ROOT}/test/price.test.js`,
        22,
        10,
        'ERR_ASSERTION',
        `AssertionError: ${DEEP}`,
        90,
      ],
      ['test-failure', undefined, undefined, undefined, undefined, undefined, '# fail 4', 3],
    ]);
    expect(findings.map((f) => f.logLines)).toEqual(
      [
        [2, 13], // the commented error line and its frames
        [36, 60], // `not ok` + YAML, capped at 25 lines
        [64, 83],
        [105, 129],
        [142, 142],
      ].map(([a, b]) => [a + shift, b + shift]),
    );
    // TAP's stack lines have no `at `: they are parsed as frames all the same.
    expect(findings[1].frames?.length).toBe(8);
    expect(findings[0].frames?.every((f) => f.vendored)).toBe(true);
  });

  test.each(['jest.log', 'vitest.log', 'mocha.log'])(
    "finds nothing in other runners' output (%s)",
    (name) => {
      expect(extract(name)).toEqual([]);
    },
  );
});
