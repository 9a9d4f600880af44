// unittest (python -m unittest, nose, Django's and Twisted's runners print the same report):
//
//   ======================================================================
//   FAIL: test_ten_percent (tests.test_unit.DiscountTest.test_ten_percent)   ← or ERROR:
//   First line of the test's docstring                                      ← optional
//   ----------------------------------------------------------------------
//   Traceback (most recent call last):
//     File "/home/runner/work/demo/demo/tests/test_unit.py", line 9, in test_ten_percent
//       self.assertEqual(apply_discount(200.0, 10), 180.0)
//   AssertionError: 198.0 != 180.0
//   <blank>
//   ----------------------------------------------------------------------
//   Ran 3 tests in 0.005s
//   <blank>
//   FAILED (failures=1, errors=1)
//
// One finding per FAIL/ERROR block: the test, the (last) exception of its traceback chain, the innermost
// project frame as the location. `Ran N tests` / `FAILED (...)` is a finding only when no block was
// printed (a truncated log), and then a weak one.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { parseChain, shownRange, topFrame } from './python.js';

export const WEIGHT_BLOCK = 90;
export const WEIGHT_SUMMARY = 40;

const MAX_LINE = 2000;
/** A block up to this many lines is shown whole. */
const SHORT_BLOCK = 25;
/** Lines between the dashed rule and the traceback header we accept (captured output, docstring). */
const MAX_GAP = 3;

const HEAD = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (.+)$/;
/** `test_x (pkg.mod.Class)` (3.10-), `test_x (pkg.mod.Class.test_x)` (3.11+), with an optional `[subtest]`. */
const NAMED = /^(\S+) \(([\w.]+)\)(.*)$/;
const DOUBLE_RULE = /^={20,}$/;
const RULE = /^-{20,}$/;
const RAN = /^Ran (\d+) tests? in [\d.]+s$/;
const RESULT =
  /^FAILED \(((?:failures|errors|unexpected successes|skipped|expected failures)=\d+(?:, )?)+\)$/;

/** `module.Class.test_x` from what unittest printed. */
export function testName(printed: string): string {
  const m = NAMED.exec(printed);
  if (!m) return printed.trim();
  const [, name, where, rest] = m;
  const full = where === name || where.endsWith(`.${name}`) ? where : `${where}.${name}`;
  return `${full}${rest.trim() ? ` ${rest.trim()}` : ''}`;
}

export const unittest: Extractor = {
  name: 'unittest',
  // each finding needs a FAIL: / ERROR: / UNEXPECTED SUCCESS: block head or the FAILED (...) result
  triggers: /FAIL: |ERROR: |UNEXPECTED SUCCESS: |FAILED \(/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let blocks = 0;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text.trim();
      if (text.length > MAX_LINE) {
        i++;
        continue;
      }
      const ran = RAN.exec(text);
      if (ran) {
        // `Ran N tests` then, after a blank line, `FAILED (failures=1)`.
        let j = i + 1;
        while (j < lines.length && j <= i + 2 && lines[j].text.trim() === '') j++;
        if (j < lines.length && RESULT.test(lines[j].text.trim()) && blocks === 0) {
          const f: Finding = {
            kind: 'test-failure',
            tool: 'unittest',
            message: lines[j].text.trim(),
            logLines: [lines[i].n, lines[j].n],
            weight: WEIGHT_SUMMARY,
          };
          if (lines[i].segment !== undefined) f.segment = lines[i].segment;
          findings.push(f);
        }
        blocks = 0;
        i = j + 1;
        continue;
      }
      const h = HEAD.exec(text);
      // A block header sits below a `=====` rule and above a `-----` rule (after an optional docstring).
      if (!h || i === 0 || !DOUBLE_RULE.test(lines[i - 1].text.trim())) {
        i++;
        continue;
      }
      let rule = -1;
      for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
        if (RULE.test(lines[j].text.trim())) {
          rule = j;
          break;
        }
      }
      if (rule < 0) {
        i++;
        continue;
      }
      let tb = -1;
      for (let j = rule + 1; j < lines.length && j <= rule + MAX_GAP; j++) {
        if (lines[j].text.includes('Traceback (most recent call last):')) {
          tb = j;
          break;
        }
      }
      const chain = tb >= 0 ? parseChain(lines, tb) : [];
      const f: Finding = {
        kind: 'test-failure',
        tool: 'unittest',
        message: '',
        test: testName(h[2]),
        logLines: [lines[i].n, lines[i].n],
        weight: WEIGHT_BLOCK,
      };
      let next: number;
      if (chain.length) {
        const last = chain[chain.length - 1];
        f.message = last.message;
        f.code = last.type.slice(last.type.lastIndexOf('.') + 1);
        const frames = last.frames.map((x) => x.frame);
        if (frames.length) f.frames = frames;
        const top =
          topFrame(frames) ?? chain.map((b) => topFrame(b.frames.map((x) => x.frame))).find(Boolean);
        if (top) {
          f.file = top.rawFile;
          f.rawFile = top.rawFile;
          f.line = top.line;
        }
        const end = last.end;
        f.logLines = end - i + 1 <= SHORT_BLOCK ? [lines[i].n, lines[end].n] : shownRange(lines, last);
        next = end + 1;
      } else {
        // No traceback (a doctest, an unexpected success): the header and the text below the rule.
        let end = rule;
        for (let j = rule + 1; j < lines.length && j <= rule + 10; j++) {
          const t = lines[j].text.trim();
          if (DOUBLE_RULE.test(t) || RULE.test(t)) break;
          if (t !== '') end = j;
        }
        const first = lines.slice(rule + 1, end + 1).find((l) => l.text.trim() !== '');
        f.message = first ? first.text.trim() : h[2].trim();
        f.logLines = [lines[i].n, lines[end].n];
        next = end + 1;
      }
      if (h[1] === 'UNEXPECTED SUCCESS') f.message = `unexpected success: ${f.test}`;
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      blocks++;
      i = next;
    }
    return findings;
  },
};
