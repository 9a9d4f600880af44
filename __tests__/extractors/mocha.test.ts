import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { mocha } from '../../src/log/extractors/mocha.js';
import type { Finding } from '../../src/types.js';

// Real mocha 11 output of __tests__/fixtures/js-test/mocha (regenerate: capture.sh).
const CAPTURES = new URL('../fixtures/js-test/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return mocha.extract(doc.lines, doc);
}

const row = (f: Finding) => [f.kind, f.test, f.file, f.line, f.column, f.message, f.weight];

describe('mocha extractor', () => {
  test.each([
    ['mocha.log', 0],
    ['mocha-color.log', 0],
    ['mocha.gh.log', 4], // the job log's `##[group]Run ...` step header adds 4 lines
  ])('%s: one finding per failing block', (name, shift) => {
    const findings = extract(name);
    expect(findings.map(row)).toEqual([
      // The location is the innermost own frame: the bug in lib/duration.js, not the test.
      [
        'test-failure',
        'duration reads the unit option',
        'lib/duration.js',
        21,
        23,
        "TypeError: Cannot read properties of undefined (reading 'toLowerCase')",
        90,
      ],
      // node:assert's message ends with `:`: its diff lines say what differs.
      [
        'test-failure',
        'duration formatDuration writes hours and minutes',
        'test/duration.test.js',
        15,
        14,
        "AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: + '1h90m' - '1h30m'",
        90,
      ],
      [
        'test-failure',
        'duration formatDuration writes a list of parts',
        'test/duration.test.js',
        19,
        14,
        "AssertionError [ERR_ASSERTION]: Expected values to be strictly deep-equal: + '2h120m' - '2h'",
        90,
      ],
      ['test-failure', undefined, undefined, undefined, undefined, '3 failing', 3],
    ]);
    // `N) title:` through the end of the frames.
    expect(findings.map((f) => f.logLines)).toEqual(
      [
        [15, 20],
        [22, 38],
        [40, 61],
        [13, 13],
      ].map(([a, b]) => [a + shift, b + shift]),
    );
  });

  test('frames: innermost first, node internals vendored', () => {
    const [unit] = extract('mocha.log');
    expect(unit.frames).toEqual([
      { rawFile: 'lib/duration.js', line: 21, column: 23, function: 'unitOf', vendored: false },
      {
        rawFile: 'test/duration.test.js',
        line: 24,
        column: 18,
        function: 'Context.<anonymous>',
        vendored: false,
      },
      {
        rawFile: 'node:internal/timers',
        line: 483,
        column: 21,
        function: 'process.processImmediate',
        vendored: true,
      },
    ]);
  });

  test.each(['jest.log', 'vitest.log', 'nodetest-spec.log', 'nodetest-tap.log'])(
    "finds nothing in other runners' output (%s)",
    (name) => {
      expect(extract(name)).toEqual([]);
    },
  );
});
