import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { extractFindings, orderFindings } from '../../src/log/extract.js';
import { parseLog } from '../../src/log/read.js';
import type { Extractor } from '../../src/log/extractors/types.js';
import type { Finding, FindingKind } from '../../src/types.js';

// Plain Finding objects: the ordering works on findings, not on log text.
function f(
  kind: FindingKind,
  tool: string,
  lines: [number, number],
  weight: number,
  extra: Partial<Finding> = {},
) {
  return { kind, tool, message: `${tool} ${kind} ${lines[0]}`, logLines: lines, weight, ...extra } as Finding;
}
const ids = (list: Finding[]) => list.map((x) => `${x.tool}:${x.kind}@${x.logLines[0]}-${x.logLines[1]}`);

describe('orderFindings', () => {
  test('the real error comes first, the exit closer last', () => {
    const exit = f('exit', 'generic', [46, 46], 0.9, { message: 'Process completed with exit code 2.' });
    const tsc = f('compile-error', 'tsc', [33, 36], 0.8, { file: 'src/index.ts', line: 3 });
    const warning = f('warning', 'generic', [12, 12], 0.5);
    expect(ids(orderFindings([exit, warning, tsc]))).toEqual([
      'tsc:compile-error@33-36',
      'generic:warning@12-12',
      'generic:exit@46-46',
    ]);
  });

  test('infrastructure that ends the job ranks with the real errors; an infra line a tool error follows does not', () => {
    const generic = f('error', 'generic', [5, 5], 0.9);
    // the runner's own line after the test failure (a kill, a lost runner): it ended the job
    const infra = f('infra', 'runner', [90, 90], 0.9);
    const test = f('test-failure', 'jest', [50, 60], 0.6);
    // a network line of the tool-independent layer that the test failure follows: not what failed the job
    const early = f('infra', 'infra', [20, 20], 0.9);
    expect(ids(orderFindings([generic, infra, test, early]))).toEqual([
      'runner:infra@90-90',
      'jest:test-failure@50-60',
      'infra:infra@20-20',
      'generic:error@5-5',
    ]);
  });

  test("a tool error whose message is the infrastructure's wording becomes an infrastructure finding", () => {
    // curl's message in __tests__/fixtures/infra/captures/net-reset.log, as a tool extractor could quote it
    const tool = f('dependency', 'npm', [30, 30], 0.9, {
      message: 'curl: (56) Recv failure: Connection reset by peer',
    });
    const [top] = orderFindings([tool]);
    expect([top.kind, top.tool]).toEqual(['infra', 'npm']);
  });

  test('among comparable weights the first error in the log wins; a weak one goes after', () => {
    const tsc = f('compile-error', 'tsc', [100, 100], 0.8);
    const jest = f('test-failure', 'jest', [200, 210], 0.95);
    const weakDep = f('dependency', 'npm', [10, 10], 0.2);
    expect(ids(orderFindings([jest, weakDep, tsc]))).toEqual([
      'tsc:compile-error@100-100',
      'jest:test-failure@200-210',
      'npm:dependency@10-10',
    ]);
  });

  test('a generic ##[error] on the lines of a tool finding is dropped; the range grows a little', () => {
    const tsc = f('compile-error', 'tsc', [33, 33], 0.8, { file: 'src/index.ts', line: 3 });
    const annotation = f('error', 'generic', [33, 34], 0.5);
    const elsewhere = f('error', 'generic', [80, 80], 0.5);
    const out = orderFindings([annotation, tsc, elsewhere]);
    expect(ids(out)).toEqual(['tsc:compile-error@33-34', 'generic:error@80-80']);
    expect(out[0].file).toBe('src/index.ts');
  });

  test('a huge generic range does not swallow the tool finding', () => {
    const node = f('exception', 'node', [20, 25], 0.9);
    const generic = f('error', 'generic', [1, 200], 0.3);
    expect(ids(orderFindings([generic, node]))).toEqual(['node:exception@20-25']);
  });

  test('a generic finding is not dropped for a less important tool finding', () => {
    const lintWarning = f('warning', 'eslint', [7, 7], 0.4);
    const generic = f('error', 'generic', [7, 7], 0.5);
    expect(ids(orderFindings([lintWarning, generic]))).toEqual(['generic:error@7-7', 'eslint:warning@7-7']);
  });

  test('the same error found by two extractors is kept once, the more specific, over both ranges', () => {
    const message = "TypeError: Cannot read properties of undefined (reading 'id')";
    const node = f('exception', 'node', [40, 48], 0.7, { message });
    const jest = f('exception', 'jest', [38, 45], 0.7, { message, file: 'src/user.ts', line: 12 });
    const out = orderFindings([node, jest]);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ tool: 'jest', file: 'src/user.ts', logLines: [38, 48] });
  });

  test('the same message at distant places stays twice', () => {
    const a = f('compile-error', 'tsc', [3, 3], 0.8, { message: 'same' });
    const b = f('compile-error', 'tsc', [30, 30], 0.8, { message: 'same' });
    expect(orderFindings([b, a]).map((x) => x.logLines[0])).toEqual([3, 30]);
  });

  test('a failure reprinted by the summary at the end is kept at its first place', () => {
    const first = f('exception', 'node', [22, 41], 75, { message: 'AssertionError', file: 't.js', line: 6 });
    const reprint = f('exception', 'node', [56, 75], 75, {
      message: 'AssertionError',
      file: 't.js',
      line: 6,
    });
    const otherLine = f('exception', 'node', [80, 90], 75, {
      message: 'AssertionError',
      file: 't.js',
      line: 9,
    });
    expect(ids(orderFindings([reprint, otherLine, first]))).toEqual([
      'node:exception@22-41',
      'node:exception@80-90',
    ]);
  });

  test('two generic findings of one line become one; exit is the more specific reading', () => {
    const asError = f('error', 'generic', [46, 46], 0.5, { message: 'Process completed with exit code 1.' });
    const asExit = f('exit', 'generic', [46, 46], 0.1, { message: 'Process completed with exit code 1.' });
    const out = orderFindings([asError, asExit]);
    expect(out).toHaveLength(1);
    expect(out[0].kind).toBe('exit');
  });

  test('different tool findings on overlapping lines are both kept', () => {
    const test = f('test-failure', 'jest', [10, 30], 0.9, { test: 'user › loads' });
    const assertion = f('assertion', 'jest', [12, 16], 0.8, { message: 'expect(received).toBe(expected)' });
    expect(orderFindings([assertion, test])).toHaveLength(2);
  });

  test('malformed ranges are repaired or dropped, never thrown on', () => {
    const swapped = f('compile-error', 'tsc', [9, 4], 0.5);
    const nan = f('compile-error', 'tsc', [NaN, NaN], 0.5);
    const out = orderFindings([swapped, nan, null as unknown as Finding]);
    expect(out.map((x) => x.logLines)).toEqual([[4, 9]]);
  });

  test('deterministic whatever the input order, and the input is not modified', () => {
    const base = [
      f('compile-error', 'tsc', [33, 33], 0.8),
      f('error', 'generic', [33, 33], 0.5),
      f('test-failure', 'jest', [50, 60], 0.9),
      f('exit', 'generic', [70, 70], 0.1),
      f('warning', 'npm', [2, 2], 0.3),
      f('exception', 'node', [52, 58], 0.85, { message: 'jest test-failure 50' }),
    ];
    const snapshot = JSON.stringify(base);
    const expected = ids(orderFindings(base));
    expect(expected).toEqual([
      'tsc:compile-error@33-33',
      'jest:test-failure@50-60', // the node finding said the same on lines 52-58: merged
      'npm:warning@2-2',
      'generic:exit@70-70',
    ]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(base, { minLength: base.length, maxLength: base.length }),
        (shuffled) => {
          expect(ids(orderFindings(shuffled))).toEqual(expected);
        },
      ),
    );
    expect(JSON.stringify(base)).toBe(snapshot);
  });
});

describe('extractFindings', () => {
  const doc = parseLog(
    readFileSync(join(process.cwd(), '__tests__', 'fixtures', 'log', 'captures', 'actions-tsc.log'), 'utf8'),
  );

  test('runs the given extractors, survives one that throws, fills the segment from the log', () => {
    const exit: Extractor = {
      name: 'exit',
      extract: (lines) =>
        lines
          .filter((l) => l.marker === 'error' && l.text.startsWith('Process completed'))
          .map((l) => f('exit', 'generic', [l.n, l.n], 0.1, { message: l.text })),
    };
    const broken: Extractor = {
      name: 'broken',
      extract: () => {
        throw new Error('bug');
      },
    };
    const tsc: Extractor = {
      name: 'tsc',
      extract: (lines) =>
        lines
          .filter((l) => / - error TS\d+:/.test(l.text))
          .map((l) => f('compile-error', 'tsc', [l.n, l.n], 0.8, { message: l.text })),
    };
    const out = extractFindings(doc, [exit, broken, tsc]);
    expect(out.map((x) => [x.kind, x.logLines, x.segment])).toEqual([
      ['compile-error', [33, 33], 1],
      ['exit', [46, 46], 1],
    ]);
  });
});
