import { analyze } from '../../src/analyze/index.js';
import { bisectSuggestion, failingCommand } from '../../src/analyze/bisect.js';
import { namedFiles } from '../../src/analyze/callers.js';
import { rankSuspects } from '../../src/analyze/suspects.js';
import type { Verdict } from '../../src/types.js';
import { C1, C2, C3, COMMITS, changeSet, file, finding, hunk } from './helpers.js';

// The arity change of src/invoice.ts breaks its unchanged caller src/report.ts; an innocent file changed too.
const invoice = file('src/invoice.ts', [
  hunk(
    10,
    [[10, 'export function totalDue(items: Item[], currency: string): number {']],
    [[10, 'export function totalDue(items: Item[]): number {']],
    C2,
  ),
]);
const labels = file('src/labels.ts', [
  hunk(
    3,
    [
      [3, 'export const SEP = " | ";'],
      [4, 'export const WIDTH = 12;'],
    ],
    [],
    C3,
  ),
]);
const arity = finding({
  kind: 'compile-error',
  message: 'Expected 2 arguments, but got 1.',
  code: 'TS2554',
  file: 'src/report.ts',
  line: 4,
});

describe('callers: an error in an unchanged file reaches the changed files it imports', () => {
  test('without the import graph only leads are listed; with it the imported file is first, and the reason says why', () => {
    const leads = rankSuspects([arity], [], changeSet([invoice, labels], COMMITS));
    expect(leads.map((s) => [s.path, s.lead, s.confidence])).toEqual([
      ['src/invoice.ts', true, 0.15],
      ['src/labels.ts', true, 0.15],
    ]);
    expect(leads[0].reasons).toEqual([
      'lead: changed code in the folder of the failing code (src), with no direct link to the error',
    ]);
    const cs = changeSet([invoice, labels], COMMITS, {
      imports: { 'src/report.ts': ['src/invoice.ts', 'src/format.ts'] },
    });
    const [top, ...rest] = rankSuspects([arity], [], cs);
    expect(top.path).toBe('src/invoice.ts');
    expect(rest).toEqual([]);
    expect(top.reasons[0]).toBe(
      "src/report.ts:4, where TS2554 surfaced, did not change and imports this file (changed in 2222222 'rename parse to parseValue')",
    );
    expect(top.commits).toEqual([C2]);
  });

  test('through one unchanged file (test → report → invoice) counts less than directly', () => {
    const f = finding({
      kind: 'assertion',
      tool: 'jest',
      message: 'expect(received).toBe(expected)',
      file: 'test/summary.test.js',
      line: 7,
    });
    const direct = changeSet([invoice], COMMITS, { imports: { 'test/summary.test.js': ['src/invoice.ts'] } });
    const twoSteps = changeSet([invoice], COMMITS, {
      imports: { 'test/summary.test.js': ['src/report.ts'], 'src/report.ts': ['src/invoice.ts'] },
    });
    const a = rankSuspects([f], [], direct, { minScore: 0 })[0];
    const b = rankSuspects([f], [], twoSteps, { minScore: 0 })[0];
    expect(b.path).toBe('src/invoice.ts');
    expect(b.reasons[0]).toContain('imports src/report.ts, which imports this file');
    expect(b.score).toBeLessThan(a.score);
  });
});

describe('build configuration: errors in unchanged files that import nothing changed', () => {
  const tsconfig = file('tsconfig.json', [hunk(8, [[8, '    "noUncheckedIndexedAccess": true,']], [], C2)]);
  const readme = file('README.md', [hunk(3, [[3, 'Notes on firstOf.']], [], C3)]);
  const err = finding({
    kind: 'compile-error',
    message: "Type 'T | undefined' is not assignable to type 'T'.",
    code: 'TS2322',
    file: 'src/util/text.ts',
    line: 6,
  });

  test('the changed tsconfig.json is the suspect, with the reason', () => {
    const cs = changeSet([readme, tsconfig], COMMITS, { imports: { 'src/util/text.ts': [] } });
    const [top] = rankSuspects([err], [], cs);
    expect(top.path).toBe('tsconfig.json');
    expect(top.reasons).toEqual([
      "a configuration file that tsc reads, changed in 2222222 'rename parse to parseValue', and tsc reported TS2322 (the error is in src/util/text.ts:6, which did not change)",
      "a build configuration file that changed in 2222222 'rename parse to parseValue', and TS2322 is in src/util/text.ts:6, which did not change and imports no changed file",
    ]);
  });

  test('when the failing file imports a changed file the caller explains it first; the configuration of the tool comes after', () => {
    const cs = changeSet([tsconfig, invoice], COMMITS, { imports: { 'src/report.ts': ['src/invoice.ts'] } });
    const ranked = rankSuspects([arity], [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['src/invoice.ts', 'tsconfig.json']);
    expect(ranked[1].contributions.map((c) => c.reason)).toEqual([
      "a configuration file that tsc reads, changed in 2222222 'rename parse to parseValue', and tsc reported TS2554 (the error is in src/report.ts:4, which did not change)",
    ]);
  });

  test('not when the error is in a changed file', () => {
    const changedText = file('src/util/text.ts', [hunk(6, [[6, '  return list[0];']], [], C1)]);
    const paths = rankSuspects([err], [], changeSet([tsconfig, changedText], COMMITS)).map((s) => s.path);
    expect(paths).toEqual(['src/util/text.ts']);
  });
});

test('a name mentioned in prose counts less than the same name in code', () => {
  const f = finding({
    kind: 'compile-error',
    message: "Module '\"./stock\"' has no exported member 'availableUnits'.",
    code: 'TS2305',
    file: 'src/app.ts',
    line: 1,
  });
  const code = file('src/inventory.ts', [
    hunk(5, [[5, 'export function unitsInStock() {}']], [[5, 'export function availableUnits() {}']], C2),
  ]);
  const docs = file('README.md', [
    hunk(5, [[5, 'Call availableUnits() to count availableUnits of a sku.']], [], C3),
  ]);
  expect(rankSuspects([f], [], changeSet([docs, code], COMMITS), { minScore: 0 }).map((s) => s.path)).toEqual(
    ['src/inventory.ts', 'README.md'],
  );
});

test('namedFiles lists locations then non-vendored frames, repository files only, most important first', () => {
  const fs = [
    finding({ kind: 'exit', message: 'Process completed with exit code 1.' }),
    finding({
      kind: 'exception',
      tool: 'node',
      message: "TypeError: Cannot read properties of undefined (reading 'value')",
      file: 'lib/load.js',
      line: 5,
      frames: [
        { rawFile: '/w/lib/load.js', file: 'lib/load.js', line: 5 },
        { rawFile: 'node:internal/x', vendored: true },
        { rawFile: '/w/lib/cli.js', file: 'lib/cli.js', line: 3 },
      ],
    }),
    finding({ kind: 'compile-error', message: 'x', file: '/usr/include/stdio.h', line: 1 }),
  ];
  expect(namedFiles(fs, changeSet([], [], { repoFiles: ['lib/load.js', 'lib/cli.js'] }))).toEqual([
    'lib/load.js',
    'lib/cli.js',
  ]);
});

describe('bisect suggestion', () => {
  const lowVerdict: Verdict = { category: 'test', origin: 'caused-by-change', summary: '', confidence: 0.3 };
  const segments = [
    { job: 'test', lines: [1, 10] as [number, number] },
    { job: 'test', step: 'Run npm test -- --ci', lines: [11, 40] as [number, number] },
  ];
  const f = finding({ kind: 'assertion', message: 'expected 1', segment: 1 });

  test('the failing step command of the top finding is the bisect run command', () => {
    expect(failingCommand(f, segments)).toBe('npm test -- --ci');
    const b = bisectSuggestion(changeSet([], COMMITS), [], lowVerdict, [f], segments);
    expect(b).toEqual({
      start: `git bisect start ${'f'.repeat(12)} ${'a'.repeat(12)}`,
      run: 'npm test -- --ci',
      commands: [
        `git bisect start ${'f'.repeat(12)} ${'a'.repeat(12)}`,
        'git bisect run npm test -- --ci',
        'git bisect reset',
      ],
    });
  });

  test('a command with shell syntax is quoted for sh -c; without a step name the reader runs it by hand', () => {
    const seg = [{ step: "Run make test && echo 'done'", lines: [1, 2] as [number, number] }];
    const b = bisectSuggestion(
      changeSet([], COMMITS),
      [],
      lowVerdict,
      [finding({ kind: 'error', message: 'x', segment: 0 })],
      seg,
    );
    expect(b?.commands[1]).toBe(`git bisect run sh -c 'make test && echo '\\''done'\\'''`);
    const none = bisectSuggestion(
      changeSet([], COMMITS),
      [],
      lowVerdict,
      [finding({ kind: 'error', message: 'x' })],
      seg,
    );
    expect(none?.run).toBeUndefined();
    expect(none?.commands[1]).toMatch(/^# at each step/);
  });

  test('not suggested for one commit, a confident suspect, or an infrastructure failure; analyze() attaches it', () => {
    expect(bisectSuggestion(changeSet([], [COMMITS[0]]), [], lowVerdict, [f], segments)).toBeUndefined();
    const sure = { path: 'a', score: 20, confidence: 0.9, reasons: [], lines: [], commits: [] };
    expect(bisectSuggestion(changeSet([], COMMITS), [sure], lowVerdict, [f], segments)).toBeUndefined();
    expect(
      bisectSuggestion(
        changeSet([], COMMITS),
        [],
        { ...lowVerdict, origin: 'infrastructure' },
        [f],
        segments,
      ),
    ).toBeUndefined();
    const report = analyze({ findings: [f], patterns: [], changeSet: changeSet([], COMMITS), segments });
    expect(report.bisect?.run).toBe('npm test -- --ci');
  });
});

test('line commits: in a hunk written by two commits, the commit of the line holding the evidence comes first', () => {
  const h = hunk(
    15,
    [
      [15, '  return total.toFixed(2);'],
      [16, '}'],
      [17, 'export function pad2(s: string): string {'],
      [18, '  return s.trim();'],
    ],
    [],
    C3,
  ); // blame's majority for the hunk: the innocent commit
  h.added[0].commit = C2;
  for (const l of h.added.slice(1)) l.commit = C3;
  const f = finding({
    kind: 'compile-error',
    code: 'TS2551',
    message: "Property 'toFixed' does not exist on type 'string'.",
    file: 'src/report.ts',
    line: 6,
  });
  const cs = changeSet([file('src/stock.ts', [h])], COMMITS, {
    imports: { 'src/report.ts': ['src/stock.ts'] },
  });
  const [top] = rankSuspects([f], [], cs);
  expect(top.commits).toEqual([C2, C3]);
  expect(analyze({ findings: [f], patterns: [], changeSet: cs }).commits?.[0].sha).toBe(C2);
});
