import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { vitest } from '../../src/log/extractors/vitest.js';
import type { Finding } from '../../src/types.js';

// Real vitest 4 output of __tests__/fixtures/js-test/vitest (regenerate: capture.sh).
const CAPTURES = new URL('../fixtures/js-test/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return vitest.extract(doc.lines, doc);
}

const row = (f: Finding) => [f.kind, f.test, f.file, f.line, f.column, f.message, f.weight];

const EXPECTED = [
  [
    'dependency',
    undefined,
    'test/missing.test.js',
    2,
    1,
    "Error: Cannot find module '../src/parse.js' imported from /home/runner/work/blog/blog/test/missing.test.js",
    88,
  ],
  [
    'test-failure',
    'slugify > joins words with one dash',
    'test/slug.test.js',
    10,
    43,
    "AssertionError: expected 'hello---big-world!' to be 'hello-big-world' // Object.is equality; " +
      'Expected: "hello-big-world"; Received: "hello---big-world!"',
    90,
  ],
  [
    'test-failure',
    'slugify > counts > counts the words',
    'test/slug.test.js',
    15,
    31,
    'AssertionError: expected 4 to be 3 // Object.is equality',
    90,
  ],
  // The location is the innermost own frame: the bug in src/slug.js.
  [
    'test-failure',
    'initials > handles a user without a name',
    'src/slug.js',
    10,
    20,
    "TypeError: Cannot read properties of undefined (reading 'first')",
    90,
  ],
  // The unhandled error names the test vitest suspects.
  ['exception', 'schedules a callback', 'test/timer.test.js', 5, 11, 'Error: late callback failed', 85],
  ['test-failure', undefined, undefined, undefined, undefined, 'Tests 3 failed | 3 passed (6)', 3],
];

describe('vitest extractor', () => {
  test.each([
    ['vitest.log', 0],
    ['vitest-color.log', 0],
    ['vitest.gh.log', 4], // the job log's `##[group]Run ...` step header adds 4 lines
  ])('%s: failed suites, failed tests, unhandled errors, summary', (name, shift) => {
    const findings = extract(name);
    expect(findings.map(row)).toEqual(EXPECTED);
    expect(findings.map((f) => f.logLines)).toEqual(
      [
        [15, 22], // FAIL header .. code frame of the import
        [29, 41], // FAIL header, message, Expected/Received, ❯ frame, code frame
        [45, 60],
        [64, 73], // both ❯ frames, the code frame between them
        [82, 92], // `Uncaught Exception` .. node:internal frames, without the boilerplate after them
        [102, 102],
      ].map(([a, b]) => [a + shift, b + shift]),
    );
    for (const f of findings) expect(f.tool).toBe('vitest');
  });

  test('frames: ❯ lines, innermost first, node internals vendored', () => {
    const timer = extract('vitest.log').find((f) => f.kind === 'exception')!;
    expect(timer.frames).toEqual([
      { rawFile: 'test/timer.test.js', line: 5, column: 11, function: 'Timeout._onTimeout', vendored: false },
      { rawFile: 'node:internal/timers', line: 581, column: 17, function: 'listOnTimeout', vendored: true },
      {
        rawFile: 'node:internal/timers',
        line: 519,
        column: 7,
        function: 'process.processTimers',
        vendored: true,
      },
    ]);
    const initials = extract('vitest.log').find(
      (f) => f.test === 'initials > handles a user without a name',
    )!;
    expect(initials.frames?.map((f) => `${f.rawFile}:${f.line}`)).toEqual([
      'src/slug.js:10',
      'test/slug.test.js:26',
    ]);
  });

  test.each(['jest.log', 'mocha.log', 'nodetest-spec.log', 'nodetest-tap.log'])(
    "finds nothing in other runners' output (%s)",
    (name) => {
      expect(extract(name)).toEqual([]);
    },
  );
});
