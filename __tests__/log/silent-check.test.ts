import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { failingSegments } from '../../src/log/extractors/region.js';

const read = (name: string): string =>
  readFileSync(new URL(`../fixtures/travis/captures/${name}`, import.meta.url), 'utf8');

describe('a failing command that printed nothing', () => {
  test('the step before it counts as failing: its crash ranks first, not behind the silent check', () => {
    const doc = parseLog(read('travis-silent-check.log'));
    const node = doc.lines[6].segment; // `TypeError: ...` of the step piped through tee (exit 0)
    const grep = doc.lines[19].segment; // the `grep -q` check (exit 1)
    expect(node).not.toBe(grep);
    expect([...failingSegments(doc)].sort()).toEqual([node, grep].sort());
    const [first] = extractFindings(doc);
    expect(first).toMatchObject({ tool: 'node', logLines: [3, 14] });
  });

  test('a failing command with output of its own does not pull in the step before it', () => {
    const doc = parseLog(read('travis-timeout.log'));
    const failing = failingSegments(doc);
    const lint = doc.lines[1].segment; // `./lint.sh` (exit 1, printed a line)
    const suite = doc.lines[6].segment; // `timeout 3 ./slow-suite.sh` (exit 124)
    expect([...failing].sort()).toEqual([lint, suite].sort());
  });
});
