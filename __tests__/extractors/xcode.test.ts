// No Swift toolchain, xcodebuild, xcpretty or CocoaPods can run here, so there is no captured fixture:
// these tests only check that the extractor stays quiet on other tools' real output and survives hostile
// input. The formats it reads are documented in src/log/extractors/xcode.ts.
import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { xcode } from '../../src/log/extractors/xcode.js';

const capture = (path: string): string =>
  readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8');

describe('xcode extractor', () => {
  test.each([
    'cc/captures/make-clang.log',
    'cc/captures/gh-make-gcc.log',
    'shell/captures/shellcheck.log',
    'lua/captures/busted.log',
    'dotnet/captures/gh-mcs.log',
    'python/captures/travis-pyflakes.log', // a script's `[!] Running pyflakes check` header
  ])('nothing in %s', (path) => {
    const doc = parseLog(capture(path));
    expect(xcode.extract(doc.lines, doc)).toEqual([]);
  });

  test('hostile input does not throw and stays linear', () => {
    const text =
      '❌ '.repeat(5000) + '\n' + '  a, b\n'.repeat(2000) + 'x:1: error: ' + '-['.repeat(5000) + '\n';
    const doc = parseLog(text);
    const started = Date.now();
    expect(() => xcode.extract(doc.lines, doc)).not.toThrow();
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
