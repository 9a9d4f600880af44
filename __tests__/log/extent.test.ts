// Block extents (src/log/extent.ts) on real captured logs: where a finding's block starts and ends.
import { readFileSync } from 'node:fs';
import { extendFindings, MAX_DOWN, MAX_RUN } from '../../src/log/extent.js';
import { extractFindings } from '../../src/log/extract.js';
import { php } from '../../src/log/extractors/php.js';
import { parseLog } from '../../src/log/read.js';
import { analyzeLogText } from '../../src/log/stream.js';
import type { Finding, LogLine } from '../../src/types.js';

const FIXTURES = new URL('../fixtures/', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, FIXTURES), 'utf8');
const doc = (path: string) => parseLog(text(path));

function at(lines: LogLine[], a: number, b: number, extra: Partial<Finding> = {}): Finding {
  return {
    kind: 'test-failure',
    tool: 'probe',
    message: lines[a - 1].text,
    logLines: [a, b],
    weight: 80,
    ...extra,
  };
}

describe('extendFindings', () => {
  test('a go test failure takes its deeper-indented message lines and stops at the next header', () => {
    const { lines } = doc('go/captures/go-test-v.log');
    // `=== RUN   TestFind` (line 4) is progress: the block of `--- FAIL: TestTotal` (line 3) ends there
    const [total] = extendFindings([at(lines, 3, 3)], lines);
    expect(total.logLines).toEqual([3, 3]);
    // `--- FAIL: TestFind` (line 8): the subtest lines below are deeper, the PASS subtest ends the block
    const [find] = extendFindings([at(lines, 8, 8)], lines);
    expect(find.logLines).toEqual([8, 8]);
    // a panic runs on through its goroutine dump (a blank line, then frames): the block is the whole trace
    const [panic] = extendFindings([at(lines, 19, 19, { kind: 'exception' })], lines);
    expect(panic.logLines[0]).toBe(19);
    expect(panic.logLines[1]).toBeGreaterThanOrEqual(21);
  });

  test('[ERROR] lines form one block; the [INFO] line after them ends it', () => {
    const { lines } = doc('jvm/captures/travis-maven-compile.log');
    // line 18: `[ERROR] …Cart.java:[18,22] cannot find symbol`, 19-20 its symbol/location, 21 the next
    // error, 22 `[INFO] 2 errors`
    const [first] = extendFindings([at(lines, 18, 18, { kind: 'compile-error' })], lines);
    expect(first.logLines).toEqual([18, 21]);
  });

  test('PHPUnit: the errors and failures sections are one run, shown from the first failure', () => {
    const d = doc('php/captures/gh-phpunit.log');
    const failures = php.extract(d.lines, d).filter((f) => f.kind === 'test-failure');
    expect(failures.map((f) => f.logLines[0])).toEqual([13, 23, 28]);
    // `1) CartTest::testLabel` … the location under `2) CartTest::testReceipt`'s diff (line 37); the
    // others keep their own blocks
    expect(extendFindings(failures, d.lines).map((f) => f.logLines)).toEqual([
      [13, 37],
      failures[1].logLines,
      failures[2].logLines,
    ]);
  });

  test("the fallbacks keep their extractor's extent; exit closers and warnings never grow", () => {
    const { lines } = doc('php/captures/gh-phpunit.log');
    const region = at(lines, 13, 14, { tool: 'region', kind: 'build-error' });
    const exit = at(lines, 13, 13, { kind: 'exit' });
    const warning = at(lines, 13, 13, { kind: 'warning' });
    expect(extendFindings([region, exit, warning], lines).map((f) => f.logLines)).toEqual([
      [13, 14],
      [13, 13],
      [13, 13],
    ]);
  });

  test('growth is capped', () => {
    const { lines } = doc('jvm/captures/maven-test-full-trace.log');
    for (const f of extendFindings(
      lines.map((l) => at(lines, l.n, l.n)),
      lines,
    )) {
      expect(f.logLines[1] - f.logLines[0]).toBeLessThanOrEqual(Math.max(MAX_DOWN + 5, MAX_RUN));
    }
  });

  test('findings outside the lines or with broken ranges are returned as they are', () => {
    const { lines } = doc('go/captures/go-test-v.log');
    const outside = at(lines, 3, 3);
    outside.logLines = [lines.length + 5, lines.length + 6];
    const broken = { ...at(lines, 3, 3), logLines: [Number.NaN, 3] } as unknown as Finding;
    const out = extendFindings([outside, broken], lines);
    expect(out[0]).toBe(outside);
    expect(out[1]).toBe(broken);
  });
});

describe('extents in the report', () => {
  test('the streaming reader shows the same blocks as the whole-document path', () => {
    for (const path of [
      'php/captures/gh-phpunit.log',
      'go/captures/gh-go-test.log',
      'jvm/captures/maven-test.log',
    ]) {
      const whole = extractFindings(parseLog(text(path)));
      const stream = analyzeLogText(text(path), { rules: [] });
      expect(stream.findings.slice(0, 5).map((f) => f.logLines)).toEqual(
        whole.slice(0, 5).map((f) => f.logLines),
      );
    }
  });
});
