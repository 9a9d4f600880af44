import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { github } from '../../src/log/extractors/github.js';

const CAPTURES = new URL('../fixtures/github/captures/', import.meta.url);

describe('github extractor', () => {
  test('a SIGKILLed child (bash `Killed`) and exit code 137 are infra findings', () => {
    const doc = parseLog(readFileSync(new URL('gh-killed.log', CAPTURES), 'utf8'));
    const findings = github.extract(doc.lines, doc);
    expect(findings.map((f) => [f.kind, f.tool, f.code, f.logLines])).toEqual([
      ['infra', 'github', 'killed', [9, 9]],
      ['infra', 'github', 'killed', [10, 10]],
      ['infra', 'github', 'killed', [16, 16]],
    ]);
    expect(findings[0].message).toMatch(/^bash: line 5: +\d+ Killed +sleep 5 \(out of memory or SIGKILL\)$/);
  });

  test('nothing in an ordinary failing log; hostile input does not throw', () => {
    const cc = parseLog(
      readFileSync(new URL('../fixtures/cc/captures/make-gcc.log', import.meta.url), 'utf8'),
    );
    expect(github.extract(cc.lines, cc)).toEqual([]);
    const doc = parseLog('Unable to resolve action '.repeat(3000) + '\nKilled ' + 'x'.repeat(10000));
    expect(() => github.extract(doc.lines, doc)).not.toThrow();
  });
});
