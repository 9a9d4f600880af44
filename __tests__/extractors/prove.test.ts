import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { prove } from '../../src/log/extractors/prove.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/prove/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return prove.extract(doc.lines, doc);
}

const brief = (f: Finding) => [f.kind, f.test, f.file, f.line, f.message, f.logLines, f.weight];

describe('prove extractor', () => {
  test('piped prove: each failed script with the Test::More diagnostics above it, then the summary entries', () => {
    expect(extract('prove.log').map(brief)).toEqual([
      [
        'test-failure',
        't/01-slugify.t',
        't/01-slugify.t',
        8,
        't/01-slugify.t: Failed 2/3 subtests (joins words with dashes)',
        [2, 14],
        80,
      ],
      ['test-failure', 't/02-ratio.t', 'lib/Slug.pm', 16, 't/02-ratio.t: Failed 1/2 subtests', [15, 19], 80],
      [
        'test-failure',
        't/01-slugify.t',
        undefined,
        undefined,
        't/01-slugify.t: 2 of 3 tests failed',
        [25, 27],
        30,
      ],
      [
        'test-failure',
        't/02-ratio.t',
        undefined,
        undefined,
        't/02-ratio.t: Non-zero exit status: 255',
        [28, 30],
        30,
      ],
    ]);
  });

  test('prove on a terminal (--timer --jobs 2): name and Dubious on one line after the \\r progress', () => {
    expect(extract('prove-tty.log').map((f) => [f.test, f.message, f.logLines])).toEqual([
      ['t/01-slugify.t', 't/01-slugify.t: Failed 2/3 subtests (joins words with dashes)', [2, 13]],
      ['t/02-ratio.t', 't/02-ratio.t: Failed 1/2 subtests', [14, 17]],
      ['t/01-slugify.t', 't/01-slugify.t: 2 of 3 tests failed', [24, 26]],
      ['t/02-ratio.t', 't/02-ratio.t: Non-zero exit status: 255', [27, 29]],
    ]);
  });

  test('make test in a Travis log: the first failed script first, make and the Travis closer after', () => {
    const doc = parseLog(readFileSync(new URL('travis-make-test.log', CAPTURES), 'utf8'));
    const findings = extractFindings(doc);
    expect(findings.slice(0, 2).map((f) => [f.tool, f.test, f.logLines])).toEqual([
      ['prove', 't/01-slugify.t', [4, 36]],
      ['prove', 't/02-ratio.t', [16, 22]],
    ]);
    expect(findings.findIndex((f) => f.kind === 'exit')).toBeGreaterThan(1);
  });

  test('passing scripts, a summary entry with only `TODO passed`, and the Files=/Result: lines are not findings', () => {
    for (const name of ['prove.log', 'prove-tty.log', 'travis-make-test.log']) {
      const findings = extract(name);
      expect(findings.some((f) => f.test === 't/03-passing.t' || f.test === 't/04-todo.t')).toBe(false);
      expect(findings).toHaveLength(4);
    }
  });
});
