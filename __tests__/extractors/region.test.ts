import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { failingRegions, failingSegments, region } from '../../src/log/extractors/region.js';
import { extractFindings } from '../../src/log/extract.js';
import type { Finding } from '../../src/types.js';

const FIXTURES = new URL('../fixtures/region/', import.meta.url);

function doc(name: string) {
  return parseLog(readFileSync(new URL(name, FIXTURES), 'utf8'));
}

function ranges(fs: Finding[]): [number, number][] {
  return fs.map((f) => f.logLines);
}

describe('region extractor (the failing command’s output)', () => {
  test('Travis: the region is the command that exited 1, not the one that exited 0', () => {
    const d = doc('travis.log');
    const regions = failingRegions(d.lines, d);
    expect(regions).toHaveLength(1);
    // `$ ./check.sh` (line 7) up to the closer on line 14
    expect(d.lines[regions[0].from].n).toBe(7);
    expect(regions[0].closer?.n).toBe(14);
    const found = region.extract(d.lines, d);
    expect(found.map((f) => [f.tool, f.kind])).toEqual([['region', 'build-error']]);
    // the tail of the failing command: its output, from the command line to the summary, and the closer that
    // names the command and its exit status
    expect(ranges(found)).toEqual([[7, 14]]);
    expect(found[0].weight).toBeLessThan(20);
  });

  test('GitHub Actions: the step closed by `Process completed with exit code 1.`', () => {
    const d = doc('actions.log');
    const found = region.extract(d.lines, d);
    expect(found).toHaveLength(1);
    const [a, b] = found[0].logLines;
    expect(a).toBeGreaterThanOrEqual(8); // not in the Lint step
    expect(b).toBe(18); // `1 of 2 golden files did not match`, then the closer
    expect(d.lines[a - 1].text).not.toMatch(/not really/);
  });

  test('findings in a step that exited 0 rank after the failing step’s', () => {
    const d = doc('travis.log');
    const segs = failingSegments(d);
    expect(segs.has(d.lines[9].segment!)).toBe(true); // `DIFF lower`
    expect(segs.has(d.lines[3].segment!)).toBe(false); // `Error: (not really) ...`
    const top = extractFindings(d)[0];
    expect(top.tool).toBe('region');
    expect(top.logLines).toEqual([7, 14]);
  });

  test("GitHub Actions: the region starts at the step's output, never at its `Run cmd` header group", () => {
    const d = parseLog(
      readFileSync(new URL('../fixtures/log/captures/actions-tsc.log', import.meta.url), 'utf8'),
    );
    const found = region.extract(d.lines, d);
    expect(found).toHaveLength(1);
    // lines 29-32: `##[group]Run tsc -p . --pretty`, the script, `shell:`, `##[endgroup]`; 33: tsc's error
    // ... down to the runner's closer (45: an echo line of the failed command, 46: `Process completed ...`)
    expect(found[0].logLines).toEqual([33, 46]);
    expect(found[0].message).toMatch(/^src\/index\.ts:3:24 - error TS2322: /);
    expect(found[0].message).not.toMatch(/^Run /);
  });

  test('a log without any closer: the tail of the last step that printed something', () => {
    const d = parseLog('$ ./run\nstarting\nsomething odd happened\nbye\n');
    const found = region.extract(d.lines, d);
    expect(found).toHaveLength(1);
    expect(found[0].logLines[1]).toBe(4);
  });

  test('never throws on odd input', () => {
    for (const text of [
      '',
      '\n\n',
      'The command "',
      '" exited with 1.',
      'The command "x\n" exited with 2.\n',
    ]) {
      const d = parseLog(text);
      expect(() => region.extract(d.lines, d)).not.toThrow();
    }
  });
});
