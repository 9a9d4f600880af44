// No Docker engine can run here, so there is no captured fixture: these tests only check that the
// extractor stays quiet on other tools' real output and survives hostile input. The formats it reads are
// documented in src/log/extractors/docker.ts.
import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { docker } from '../../src/log/extractors/docker.js';

const capture = (path: string): string =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('docker extractor', () => {
  test.each([
    'cc/captures/gh-make-gcc.log',
    'cmake/captures/gh-build.log',
    'shell/captures/gh-shell.log',
    'tex/captures/gh-latexmk.log',
  ])('nothing in %s', (path) => {
    const doc = parseLog(capture(path));
    expect(docker.extract(doc.lines, doc)).toEqual([]);
  });

  test('hostile input does not throw and stays linear', () => {
    const text = '------\n > ' + 'x'.repeat(20000) + ':\n' + '#1 ERROR: '.repeat(3000) + '\n------\n';
    const doc = parseLog(text);
    const started = Date.now();
    expect(() => docker.extract(doc.lines, doc)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
