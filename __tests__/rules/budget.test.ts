// The per-rule time budget (issue 16, row 12): re2js is linear, but in the program's size times the
// line's length; a user's rule with a huge program is stopped (or skips the lines too long for it), the
// notes say so, and the other rules go on.
import { analyzeLogText } from '../../src/log/stream.js';
import { MAX_TEST_WORK } from '../../src/rules/match.js';
import type { Rule } from '../../src/types.js';

const huge: Rule = {
  id: 'huge-program',
  category: 'unknown',
  title: 'A linear pattern with a 5,000-instruction program',
  patterns: [{ regex: '(?i)(?:[[:alpha:]]+\\s?){1,999}x$' }],
  hint: 'h',
};
const plain: Rule = {
  id: 'plain',
  category: 'test',
  title: 'A small pattern',
  patterns: [{ regex: 'boom at the end' }],
  hint: 'h',
};

test('a 60 KB line costs a huge-program rule nothing: the line is skipped for it, the notes say so', () => {
  // words without an x at the end: the pattern must read the whole line to fail
  const long = 'abc def '.repeat(7500);
  const log = [long, long, 'boom at the end'].join('\n') + '\n';
  const started = performance.now();
  const res = analyzeLogText(log, { rules: [huge, plain] });
  const ms = performance.now() - started;
  expect(res.patterns.map((p) => p.id)).toEqual(['plain']);
  expect(res.notes).toContain(
    "Rule 'huge-program' skipped 2 lines too long for its pattern (its program × the line's length exceeds the budget of one test).",
  );
  // before: ~8 s per such line
  expect(ms).toBeLessThan(3000);
});

test('the built-in-sized patterns read lines of any kept length', () => {
  expect(100 * 64 * 1024).toBeLessThanOrEqual(MAX_TEST_WORK);
});

test('a rule past its time budget is stopped after its first lines; the notes say so, the others go on', () => {
  // lines short enough for one test each (5,000 instructions × 1,500 characters), slow to match
  const line = 'abc def '.repeat(187);
  const log = [...Array.from({ length: 40 }, () => line), 'boom at the end'].join('\n') + '\n';
  const res = analyzeLogText(log, { rules: [huge, plain] });
  expect(res.patterns.map((p) => p.id)).toEqual(['plain']);
  expect(res.notes).toEqual([
    expect.stringMatching(
      /^Rule 'huge-program' was stopped after \d+\.\d s of matching \(its time budget is 2 s\): the lines after were not matched against it\.$/,
    ),
  ]);
});
