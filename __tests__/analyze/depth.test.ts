// Diagnosis depth: changes that cannot explain a failure (comments only, a declaration appended below the
// failing function), and causes outside the code (a lockfile, a module search path, a configured value).
import {
  addsSeparateDeclarationAfter,
  onlyAddsDeclarations as onlyAddsDeclarationsOf,
} from '../../src/analyze/hunks.js';
import { messageValues, onlyCommentsChanged, rankCommits, rankSuspects } from '../../src/analyze/suspects.js';
import { C1, C2, C3, COMMITS, changeSet, file, finding, hunk } from './helpers.js';

describe('a comment-only change is weak evidence for the code signals', () => {
  const typeError = finding({
    kind: 'exception',
    tool: 'node',
    message: 'TypeError: formatAmount is not a function',
    file: 'packages/app/src/checkout.js',
    line: 7,
  });
  const core = file('packages/core/src/money.js', [
    hunk(7, [[7, 'function formatMoney(x) {']], [[7, 'function formatAmount(x) {']], C2),
  ]);

  test('onlyCommentsChanged: line comments of the language, not directives, not code', () => {
    expect(onlyCommentsChanged(file('a.js', [hunk(1, [[1, '// Prints the line.']], [], C1)]))).toBe(true);
    expect(onlyCommentsChanged(file('a.py', [hunk(1, [[1, '# Prints the line.']], [], C1)]))).toBe(true);
    expect(onlyCommentsChanged(file('a.js', [hunk(1, [[1, '// @ts-expect-error']], [], C1)]))).toBe(false);
    expect(onlyCommentsChanged(file('a.py', [hunk(1, [[1, 'x = 1  # note']], [], C1)]))).toBe(false);
    expect(onlyCommentsChanged(file('a.c', [hunk(1, [[1, '#include <x.h>']], [], C1)]))).toBe(false);
    expect(onlyCommentsChanged(file('README.md', [hunk(1, [[1, '# Title']], [], C1)]))).toBe(false);
  });

  test('the failing file, changed by a comment only, ranks below the file that removed the name', () => {
    const checkout = file('packages/app/src/checkout.js', [
      hunk(1, [[1, '// Prints the checkout line.']], [], C1),
    ]);
    const ranked = rankSuspects([typeError], [], changeSet([checkout, core], COMMITS), { minScore: 0 });
    expect(ranked.map((s) => s.path)).toEqual(['packages/core/src/money.js', 'packages/app/src/checkout.js']);
    expect(ranked[1].reasons[0]).toContain('counted a quarter: only comments changed in this file');
    // the same file with a code change on the failing line keeps its full weight
    const coded = file('packages/app/src/checkout.js', [
      hunk(7, [[7, '  return `total: ${formatAmount(total)}`;']], [], C1),
    ]);
    expect(rankSuspects([typeError], [], changeSet([coded, core], COMMITS))[0].path).toBe(
      'packages/app/src/checkout.js',
    );
  });
});

describe('a declaration appended below the failing function is not "next to" it', () => {
  const appended = hunk(
    11,
    [
      [11, ''],
      [12, ''],
      [13, 'def normalize_label(text):'],
      [14, '    return str(text).strip()'],
    ],
    [],
    C3,
  );

  test('addsSeparateDeclarationAfter', () => {
    expect(addsSeparateDeclarationAfter(appended, 9)).toBe(true);
    expect(addsSeparateDeclarationAfter(appended, 13)).toBe(false); // the line is in it
    const inside = hunk(11, [[11, '    total += 1']], [], C3);
    expect(addsSeparateDeclarationAfter(inside, 9)).toBe(false);
    const closing = hunk(11, [[11, '} else {']], [], C3);
    expect(addsSeparateDeclarationAfter(closing, 9)).toBe(false);
  });

  test('the failing line 2 lines above counts as elsewhere in the file, and the reason says why', () => {
    const f = finding({
      kind: 'exception',
      tool: 'pytest',
      message: 'urllib.error.URLError: <urlopen error [Errno 111] Connection refused>',
      file: 'client/client.py',
      line: 9,
    });
    const [top] = rankSuspects([f], [], changeSet([file('client/client.py', [appended])], COMMITS));
    expect(top.reasons[0]).toBe(
      "line 9 is the error location (pytest exception); the nearest change (lines 11-14 in 3333333 'update docs') only adds a separate declaration after it — counted half: the file only gained new declarations",
    );
    expect(top.score).toBeCloseTo(2 + 0.2, 1);
  });
});

describe('causes outside the code', () => {
  const readme = file('README.md', [hunk(3, [[3, 'The summary prints sizes.']], [], C3)]);

  test('a lockfile that changed explains a test failure in unchanged files that import nothing changed', () => {
    const lock = file('package-lock.json', [
      hunk(12, [[12, '      "version": "8.0.7",']], [[12, '      "version": "6.4.0",']], C2),
    ]);
    const f = finding({
      kind: 'test-failure',
      tool: 'node:test',
      message: "AssertionError: Expected values to be strictly equal: + '2 lines, 1.02 kB' - '2 lines, 1 KB'",
      file: 'test/summary.test.js',
      line: 7,
    });
    const cs = changeSet([readme, lock], COMMITS, {
      imports: { 'test/summary.test.js': ['lib/summary.js'], 'lib/summary.js': ['lib/size.js'] },
    });
    const [top] = rankSuspects([f], [], cs);
    expect(top.path).toBe('package-lock.json');
    expect(top.reasons[0]).toBe(
      "a dependency manifest or lockfile file that changed in 2222222 'rename parse to parseValue', and AssertionError is in test/summary.test.js:7, which did not change and imports no changed file",
    );
    expect(top.confidence).toBeLessThan(0.4);
  });

  test('a module that exists unchanged but is not found: the search path changed, not its importers', () => {
    const ini = file('pytest.ini', [hunk(2, [], [[2, 'pythonpath = src']], C2)]);
    const report = file('src/acme/report.py', [hunk(8, [[8, 'def pad(s):']], [], C3)]);
    const f = finding({
      kind: 'exception',
      tool: 'pytest',
      message: "ModuleNotFoundError: No module named 'acme'",
      file: 'tests/test_report.py',
      line: 1,
    });
    const extra = {
      imports: { 'tests/test_report.py': ['src/acme/report.py'] },
      repoFiles: ['src/acme/__init__.py', 'src/acme/report.py', 'tests/test_report.py', 'pytest.ini'],
    };
    const ranked = rankSuspects([f], [], changeSet([report, ini], COMMITS, extra));
    expect(ranked.map((s) => s.path)).toEqual(['pytest.ini']);
    expect(ranked[0].reasons[0]).toContain('the module it names exists unchanged in the repository');
    // when the module is not in the repository (a missing package), the importer stays the suspect
    const gone = rankSuspects([f], [], changeSet([report, ini], COMMITS, { ...extra, repoFiles: [] }));
    expect(gone[0].path).toBe('src/acme/report.py');
  });

  test('messageValues: numbers that can be settings, not line numbers', () => {
    expect(messageValues('thrown: "Exceeded timeout of 100 ms for a test.')).toEqual(['100']);
    expect(messageValues('connect ECONNREFUSED 127.0.0.1:48317')).toEqual(['48317']);
    expect(messageValues('at src/a.ts:120:5 boom; line 340 bad; (120, 5)')).toEqual([]);
  });

  test('a number of the message that a configuration file just set', () => {
    const cfg = file('jest.config.js', [
      hunk(3, [[3, '  testTimeout: 100,']], [[3, '  testTimeout: 5000,']], C2),
    ]);
    const lib = file('lib/salary.js', [hunk(20, [[20, 'function pad(s) {}']], [], C1)]);
    const f = finding({
      kind: 'test-failure',
      tool: 'jest',
      message: 'thrown: "Exceeded timeout of 100 ms for a test.',
      file: 'lib/salary.test.js',
      line: 8,
    });
    const cs = changeSet([lib, cfg], COMMITS, { imports: { 'lib/salary.test.js': ['lib/salary.js'] } });
    const [top] = rankSuspects([f], [], cs);
    expect(top.path).toBe('jest.config.js');
    expect(top.reasons[0]).toBe(
      "100 (from jest test failure at lib/salary.test.js:8) is set by added lines (line 3 in 2222222 'rename parse to parseValue') of this configuration file",
    );
    expect(top.commits).toEqual([C2]);
  });
});

test('onlyAddsDeclarations: new top-level functions, not edits of existing code', () => {
  const appendedPy = hunk(20, [
    [20, ''],
    [21, 'def pad(s):'],
    [22, '    return s'],
  ]);
  const appendedJs = hunk(9, [
    [9, 'function pad(s) {'],
    [10, '  return s;'],
    [11, '}'],
    [12, 'module.exports.pad = pad;'],
  ]);
  expect(onlyAddsDeclarationsOf([appendedPy])).toBe(true);
  expect(onlyAddsDeclarationsOf([appendedJs])).toBe(true);
  expect(onlyAddsDeclarationsOf([hunk(5, [[5, '    total += 1']])])).toBe(false);
  expect(onlyAddsDeclarationsOf([hunk(5, [[5, 'init()']])])).toBe(false);
  expect(onlyAddsDeclarationsOf([hunk(5, [[5, 'def f(x, y):']], [[5, 'def f(x):']])])).toBe(false);
});

test('rankCommits: the commit of a strong suspect beats one that touched several weaker suspects', () => {
  const suspect = (path: string, score: number, commits: string[]) => ({
    path,
    score,
    confidence: 0,
    reasons: [],
    lines: [],
    commits,
  });
  const ranked = rankCommits(
    [suspect('go.mod', 7.3, [C2]), suspect('vendor/go.mod', 4, [C1]), suspect('vendor/kit.go', 4, [C1])],
    COMMITS,
  );
  expect(ranked.map((c) => c.sha)).toEqual([C2, C1]);
  // summed without decay the vendoring commit (4 + 4) would come first; against a weaker suspect it still does
  expect(
    rankCommits([suspect('a', 5, [C2]), suspect('b', 4, [C1]), suspect('c', 4, [C1])], COMMITS)[0].sha,
  ).toBe(C1);
});

test('a build configuration in another folder than the failing file counts less than one above it', () => {
  const err = finding({
    kind: 'compile-error',
    tool: 'go',
    message: 'undefined: textkit.PadLeft',
    file: 'internal/invoice/invoice.go',
    line: 15,
  });
  const root = file('go.mod', [
    hunk(7, [[7, 'replace example.com/textkit => ./third_party/textkit-v2']], [], C2),
  ]);
  const other = file(
    'third_party/textkit-v2/go.mod',
    [hunk(1, [[1, 'module example.com/textkit']], [], C1)],
    {
      status: 'added',
    },
  );
  const ranked = rankSuspects([err], [], changeSet([other, root], COMMITS, { imports: {} }), { minScore: 0 });
  expect(ranked.map((s) => s.path)).toEqual(['go.mod', 'third_party/textkit-v2/go.mod']);
  expect(ranked[1].reasons.join('\n')).toContain(
    '(counted less: the file is not in a folder above the failing file)',
  );
});
