import { analyze } from '../../src/analyze/index.js';
import { rankSuspects, specifierNames } from '../../src/analyze/suspects.js';
import { C1, C2, C3, COMMITS, changeSet, file, finding, hunk, pattern } from './helpers.js';

describe('suspect ranking', () => {
  test('the error location inside a changed hunk beats a file merely mentioned by a later finding', () => {
    const findings = [
      finding({
        kind: 'compile-error',
        code: 'TS2322',
        message: "Type 'string' is not assignable to type 'number'.",
        file: 'src/cart.ts',
        line: 42,
      }),
      finding({ kind: 'error', tool: 'generic', message: "Error: could not load 'src/config.ts'" }),
    ];
    const cs = changeSet(
      [
        file('src/config.ts', [hunk(3, [[3, 'export const retries = 3;']], [], C3)]),
        file('src/cart.ts', [hunk(40, [[42, "  total = total + '0';"]], [[42, '  total = total + 0;']], C1)]),
      ],
      COMMITS,
    );
    const [first, second, ...rest] = rankSuspects(findings, [], cs);
    expect(first.path).toBe('src/cart.ts');
    expect(first.reasons[0]).toBe(
      "line 42 is the error location (TS2322); line 42 changed in 1111111 'refactor parser'",
    );
    expect(first.lines).toEqual([[42, 42]]);
    expect(first.commits).toEqual([C1]);
    expect(second.path).toBe('src/config.ts');
    expect(second.reasons[0]).toBe(
      "'src/config.ts' (the path named by Error at log line 1) resolves to this file, which changed in 3333333 'update docs'",
    );
    expect(rest).toEqual([]);
    expect(first.confidence).toBeGreaterThan(second.confidence);
  });

  test('near and far error lines score less than a line on the change', () => {
    const mk = (line: number) =>
      rankSuspects(
        [
          finding({
            kind: 'compile-error',
            code: 'TS2304',
            message: 'Cannot find name.',
            file: 'a.ts',
            line,
          }),
        ],
        [],
        changeSet([file('a.ts', [hunk(10, [[12, 'x();']], [], C1)])], COMMITS),
      )[0];
    const on = mk(12);
    const near = mk(14);
    const far = mk(80);
    expect(on.score).toBeGreaterThan(near.score);
    expect(near.score).toBeGreaterThan(far.score);
    expect(near.reasons[0]).toBe(
      "line 14 is the error location (TS2304), 2 lines from line 12 changed in 1111111 'refactor parser'",
    );
    expect(far.reasons[0]).toBe(
      "line 80 is the error location (TS2304); the file changed elsewhere (nearest: line 12 in 1111111 'refactor parser')",
    );
  });

  test('a renamed export: the identifier in removed lines and the module specifier point at the exporter', () => {
    const findings = [
      finding({
        kind: 'compile-error',
        code: 'TS2305',
        message: "Module '\"./util\"' has no exported member 'parse'.",
        file: 'src/app.ts',
        line: 1,
      }),
    ];
    const cs = changeSet(
      [
        file('README.md', [hunk(1, [[1, '# Parser tools']], [], C3)]),
        file('src/app.ts', [hunk(18, [[20, 'console.log(parse(input).length);']], [], C1)]),
        file('src/util.ts', [
          hunk(
            3,
            [[3, 'export function parseValue(input: string): string[] {']],
            [[3, 'export function parse(input: string): string[] {']],
            C2,
          ),
        ]),
      ],
      COMMITS,
    );
    const report = analyze({ findings, patterns: [], changeSet: cs });
    expect(report.suspects.map((s) => s.path)).toEqual(['src/util.ts', 'src/app.ts']);
    const [util, app] = report.suspects;
    expect(util.reasons).toEqual([
      "'./util' (the module named by TS2305 at src/app.ts:1) resolves to this file, which changed in 2222222 'rename parse to parseValue'",
      "`parse`, which TS2305 at src/app.ts:1 says is missing from ./util: its declaration was removed or renamed here (line 3 in 2222222 'rename parse to parseValue')",
      "`parse` (from TS2305 at src/app.ts:1) is in removed lines (at line 3 in 2222222 'rename parse to parseValue')",
    ]);
    expect(util.lines).toEqual([[3, 3]]);
    expect(util.commits).toEqual([C2]);
    expect(app.reasons[0]).toMatch(/^line 1 is the error location \(TS2305\); the file changed elsewhere/);
    expect(app.reasons[1]).toBe(
      "`parse` (from TS2305 at src/app.ts:1) is in added lines (line 20 in 1111111 'refactor parser')",
    );
    expect(util.confidence).toBeGreaterThanOrEqual(0.4);
    expect(util.confidence).toBeLessThan(0.8);
    expect(app.confidence).toBeLessThan(0.4);
    expect(report.verdict.origin).toBe('caused-by-change');
    expect(report.verdict.summary).toBe(
      'TS2305 in src/app.ts:1 — most likely caused by src/util.ts (imported module, changed in 2222222; removed or renamed `parse` in 2222222, still used)',
    );
    expect(report.commits?.[0].sha).toBe(C2);
  });

  test('a failing test whose file did not change credits the source under test', () => {
    const findings = [
      finding({
        kind: 'test-failure',
        tool: 'jest',
        message: 'expect(received).toBe(expected) // Object.is equality',
        test: 'sum › adds two numbers',
        file: 'src/__tests__/sum.test.ts',
        line: 5,
      }),
    ];
    const cs = changeSet(
      [
        file('src/sum.ts', [hunk(1, [[2, '  return a - b;']], [[2, '  return a + b;']], C1)]),
        file('src/other.ts', [hunk(1, [[1, 'export const other = 1;']], [], C2)]),
      ],
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['src/sum.ts']);
    expect(ranked[0].reasons).toEqual([
      'source under test of the failing test file src/__tests__/sum.test.ts, which did not change',
    ]);
    expect(ranked[0].commits).toEqual([C1]);
  });

  test('when only the test changed, the test file is the suspect', () => {
    const findings = [
      finding({
        kind: 'assertion',
        tool: 'jest',
        message: 'expect(received).toEqual(expected)',
        test: 'sum › adds',
        file: 'src/sum.test.ts',
        line: 7,
      }),
    ];
    const cs = changeSet(
      [file('src/sum.test.ts', [hunk(5, [[7, '  expect(sum(1, 2)).toEqual(4);']], [], C1)])],
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['src/sum.test.ts']);
    expect(ranked[0].reasons[0]).toBe(
      "line 7 is the failure location (failing test 'sum › adds'); line 7 changed in 1111111 'refactor parser'",
    );
  });

  test('a dependency rule makes package.json and the lockfile suspects, not the sources', () => {
    const findings = [
      finding({
        kind: 'dependency',
        tool: 'npm',
        code: 'ERESOLVE',
        message: 'npm error ERESOLVE could not resolve',
      }),
    ];
    const patterns = [
      pattern({
        id: 'npm-peer-conflict',
        category: 'dependency',
        title: 'Peer dependency conflict',
        suspects: ['package.json', '{package-lock.json,yarn.lock,pnpm-lock.yaml}'],
      }),
    ];
    const cs = changeSet(
      [
        file('src/index.ts', [hunk(1, [[1, 'import x from "y";']], [], C1)]),
        file('package.json', [hunk(10, [[12, '"react": "^19.0.0",']], [[12, '"react": "^18.2.0",']], C2)]),
        file('package-lock.json', [
          hunk(
            100,
            [
              [100, 'a'],
              [101, 'b'],
              [102, 'c'],
            ],
            [],
            C2,
          ),
        ]),
      ],
      COMMITS,
    );
    const ranked = rankSuspects(findings, patterns, cs);
    expect(ranked.map((s) => s.path)).toEqual(['package-lock.json', 'package.json']);
    expect(ranked[1].reasons).toEqual([
      "matches `package.json`, a suspect of the recognised pattern 'Peer dependency conflict' (npm-peer-conflict, dependency)",
    ]);
    // without a rule, a dependency finding still points at manifests
    const bare = rankSuspects(findings, [], cs);
    expect(bare.map((s) => s.path)).toEqual(['package-lock.json', 'package.json']);
    expect(bare[1].reasons[0]).toBe(
      'a dependency manifest or lockfile, and ERESOLVE at log line 1 is a dependency error',
    );
  });

  test('the caller case: an error in an unchanged file whose frame 2 is in a changed hunk', () => {
    const findings = [
      finding({
        kind: 'exception',
        tool: 'node',
        message: "TypeError: Cannot read properties of undefined (reading 'first')",
        file: 'src/format.ts',
        line: 5,
        frames: [
          { rawFile: '/w/src/format.ts', file: 'src/format.ts', line: 5, function: 'formatName' },
          { rawFile: '/w/src/app.ts', file: 'src/app.ts', line: 17, function: 'main' },
          { rawFile: 'node:internal/modules/cjs/loader', line: 1, vendored: true },
        ],
      }),
    ];
    const cs = changeSet(
      [
        file('src/app.ts', [hunk(15, [[17, '  print(formatName({ full: user.name }));']], [], C1)]),
        file('docs/guide.md', [hunk(1, [[1, 'Guide']], [], C3)]),
      ],
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['src/app.ts']);
    expect(ranked[0].reasons[0]).toBe(
      "frame 2 of the stack trace (src/app.ts:17 in main) of TypeError at src/format.ts:5 is in a changed hunk; line 17 changed in 1111111 'refactor parser'",
    );
  });

  test('a deep frame weighs less than the top frame', () => {
    const frames = ['a.js', 'b.js', 'c.js', 'd.js'].map((f, i) => ({ rawFile: f, file: f, line: 10 + i }));
    const findings = [finding({ kind: 'exception', tool: 'node', message: 'Error: boom', frames })];
    const cs = changeSet(
      ['a.js', 'd.js'].map((p, i) =>
        file(p, [hunk(8, [[10 + (p === 'a.js' ? 0 : 3), 'x']], [], C1)], { additions: i }),
      ),
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs, { minScore: 0 });
    expect(ranked.map((s) => s.path)).toEqual(['a.js', 'd.js']);
    expect(ranked[0].score / ranked[1].score).toBeGreaterThan(5);
  });

  test("'Cannot find module ./utils' names a deleted file", () => {
    const findings = [
      finding({
        kind: 'exception',
        tool: 'node',
        message: "Error: Cannot find module './utils'",
        file: 'src/index.js',
        line: 2,
      }),
    ];
    const cs = changeSet(
      [
        file('src/utils.js', [hunk(0, [], [[1, 'module.exports = { slug };']], C2, 1)], {
          status: 'deleted',
        }),
        file('src/other.js', [hunk(1, [[1, 'x']], [], C1)]),
      ],
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['src/utils.js']);
    expect(ranked[0].reasons[0]).toBe(
      "'./utils' (the module named by Error at src/index.js:2) resolves to this file, which was deleted in 2222222 'rename parse to parseValue'",
    );
    expect(ranked[0].lines).toEqual([]);
    expect(ranked[0].commits).toEqual([C2]);
  });

  test('a module renamed away is found through its previous path', () => {
    const findings = [
      finding({
        kind: 'compile-error',
        code: 'TS2307',
        message: "Cannot find module './helpers' or its corresponding type declarations.",
        file: 'src/main.ts',
        line: 1,
      }),
    ];
    const cs = changeSet(
      [file('src/lib/helpers.ts', [], { status: 'renamed', previousPath: 'src/helpers.ts', commits: [C1] })],
      COMMITS,
    );
    const ranked = rankSuspects(findings, [], cs);
    expect(ranked[0].path).toBe('src/lib/helpers.ts');
    expect(ranked[0].reasons[0]).toBe(
      "'./helpers' (the module named by TS2307 at src/main.ts:1) resolves to src/helpers.ts, which was renamed to src/lib/helpers.ts in 1111111 'refactor parser'",
    );
  });

  test('finding 1 counts more than finding 3', () => {
    const f = (file: string) =>
      finding({ kind: 'compile-error', code: 'TS1005', message: "';' expected.", file, line: 2 });
    const cs = changeSet(
      ['x.ts', 'y.ts', 'z.ts'].map((p) => file(p, [hunk(1, [[2, 'a']], [], C1)])),
      COMMITS,
    );
    const ranked = rankSuspects([f('z.ts'), f('y.ts'), f('x.ts')], [], cs);
    expect(ranked.map((s) => s.path)).toEqual(['z.ts', 'y.ts', 'x.ts']);
    expect(ranked[0].confidence).toBeLessThan(0.8);
  });

  test('no change set, empty or odd input: no suspects, no throw', () => {
    expect(rankSuspects([], [], undefined)).toEqual([]);
    expect(
      rankSuspects(
        [finding({ kind: 'exit', message: 'Process completed with exit code 1.' })],
        [],
        changeSet([]),
      ),
    ).toEqual([]);
    const weird = finding({ kind: 'compile-error', message: '', file: 'a.ts', line: -3 });
    expect(() =>
      rankSuspects([weird], [], changeSet([file('a.ts', [], { patchMissing: true })])),
    ).not.toThrow();
  });

  test('maxSuspects caps the list', () => {
    const findings = ['a', 'b', 'c', 'd'].map((p) =>
      finding({ kind: 'compile-error', code: 'TS1', message: 'x', file: `${p}.ts`, line: 1 }),
    );
    const cs = changeSet(['a', 'b', 'c', 'd'].map((p) => file(`${p}.ts`, [hunk(1, [[1, 'q']], [], C1)])));
    expect(rankSuspects(findings, [], cs, { maxSuspects: 2 }).map((s) => s.path)).toEqual(['a.ts', 'b.ts']);
  });
});

test('a large range (300 files, 20 commits, 30,000 changed lines) is ranked in well under a few seconds (~0.2 s in plain node)', () => {
  const files = Array.from({ length: 300 }, (_, i) =>
    file(
      `src/m${i}.ts`,
      Array.from({ length: 10 }, (_, h) =>
        hunk(
          h * 100 + 1,
          Array.from(
            { length: 10 },
            (_, k) => [h * 100 + k + 1, `const v${i}_${h}_${k} = call${k}(x, y);`] as [number, string],
          ),
          [],
          `${String(i % 20).padStart(2, '0')}${'c'.repeat(38)}`,
        ),
      ),
    ),
  );
  const findings = Array.from({ length: 40 }, (_, i) =>
    finding({
      kind: 'compile-error',
      code: 'TS2304',
      message: `Cannot find name 'v${i * 7}_3_4'.`,
      file: `src/m${i * 7}.ts`,
      line: 305,
    }),
  );
  const t = performance.now();
  const ranked = rankSuspects(findings, [], changeSet(files, COMMITS));
  const ms = performance.now() - t;
  expect(ranked[0].path).toBe('src/m0.ts');
  expect(ranked[0].reasons[0]).toMatch(/^line 305 is the error location \(TS2304\); lines 301-310 changed/);
  expect(ms).toBeLessThan(3000);
});

describe('specifierNames', () => {
  test.each([
    ['./util', 'src/app.ts', 'src/util.ts', true],
    ['../lib/x', 'src/a/b.ts', 'src/lib/x.js', true],
    ['./dir', 'src/app.ts', 'src/dir/index.ts', true],
    ['./util', 'src/app.ts', 'lib/util.ts', false],
    ['app/models', undefined, 'app/models/__init__.py', true],
    ['config/app.json', undefined, 'config/app.json', true],
    ['/home/runner/work/r/r/src/x.ts', undefined, 'src/x.ts', true],
    ['./utils', undefined, 'src/utils.js', true],
    ['./util', undefined, 'src/utils.js', false],
  ])('%s from %s names %s: %s', (spec, from, path, expected) => {
    expect(specifierNames(spec, from, path)).toBe(expected);
  });
});
