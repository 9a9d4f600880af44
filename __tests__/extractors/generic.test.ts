import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { generic } from '../../src/log/extractors/generic.js';
import { extractors } from '../../src/log/extractors/index.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/node-build/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return generic.extract(doc.lines, doc);
}

describe('generic extractor', () => {
  test('`##[error]Process completed with exit code N.` is an exit finding with the lowest weight', () => {
    expect(extract('gh-tsc.log')).toEqual([
      {
        kind: 'exit',
        tool: 'generic',
        message: 'Process completed with exit code 2.',
        logLines: [23, 23],
        weight: 1,
        segment: expect.any(Number),
      },
    ]);
  });

  test('`Error:` lines are low-weight error findings; the node finding for the same lines outweighs them', () => {
    const doc = parseLog(readFileSync(new URL('node-vendored-throw-esm.log', CAPTURES), 'utf8'));
    const own = generic.extract(doc.lines, doc);
    expect(own).toEqual([
      {
        kind: 'error',
        tool: 'generic',
        message: 'Error: Missing required configuration key: API_URL',
        logLines: [5, 5],
        weight: 20,
        segment: 0,
      },
    ]);
    const node = extractors.find((e) => e.name === 'node')!.extract(doc.lines, doc);
    expect(node[0].weight).toBeGreaterThan(own[0].weight);
  });

  test('indented `Error:` lines (inside stack dumps) and plain output are not findings', () => {
    expect(extract('node-missing-file-esm.log').map((f) => f.logLines)).toEqual([[5, 5]]);
    expect(extract('tsc-plain.log')).toEqual([]);
    expect(extract('eslint-stylish.log')).toEqual([]);
  });

  test('`##[error]` lines (from `::error::` workflow commands): consecutive ones are one finding', () => {
    expect(extract('gh-generic.log')).toEqual([
      {
        kind: 'error',
        tool: 'generic',
        message: 'Deployment config is missing the region setting',
        logLines: [5, 6],
        weight: 28,
        segment: expect.any(Number),
      },
      {
        kind: 'error',
        tool: 'generic',
        message: 'Error: configuration check failed',
        logLines: [8, 8],
        weight: 20,
        segment: expect.any(Number),
      },
      {
        kind: 'exit',
        tool: 'generic',
        message: 'Process completed with exit code 1.',
        logLines: [9, 9],
        weight: 1,
        segment: expect.any(Number),
      },
    ]);
  });

  test('in a whole GitHub Actions log every tool finding outranks every generic finding', () => {
    for (const name of ['gh-tsc.log', 'gh-node.log', 'gh-npm-eresolve.log', 'gh-cli-eslint.log']) {
      const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
      const tool = extractors.filter((e) => e.name !== 'generic').flatMap((e) => e.extract(doc.lines, doc));
      const fallback = generic.extract(doc.lines, doc);
      expect(tool.length).toBeGreaterThan(0);
      const best = Math.max(...tool.map((f) => f.weight));
      for (const f of fallback) expect(f.weight).toBeLessThan(best);
    }
  });
  test('Travis: a command killed by `timeout` (exit 124) is an exit finding; an ordinary exit 1 closer is not', () => {
    const doc = parseLog(
      readFileSync(new URL('../fixtures/travis/captures/travis-timeout.log', import.meta.url), 'utf8'),
    );
    expect(generic.extract(doc.lines, doc).map((f) => [f.kind, f.message, f.logLines, f.weight])).toEqual([
      ['exit', 'The command "timeout 3 ./slow-suite.sh" exited with 124.', [10, 10], 1],
    ]);
  });
});
