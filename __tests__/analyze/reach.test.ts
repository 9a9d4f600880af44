// Reaching past the failing file: a name a compiler or runtime says is missing, matched against the lines the
// range removed; the configuration of the tool that failed; a dependency the failure names; imports several
// levels deep; and leads when nothing reaches the bar. Messages are the real output of javac 17, tsc 5.9,
// CPython 3, gcc and rustc, captured on small projects (the bench's reach.mjs scenarios build such projects).
import { missingSymbols } from '../../src/analyze/tokens.js';
import { callerEdges, isToolConfig } from '../../src/analyze/callers.js';
import { dependencyNames, onlyVersionChanged, rankSuspects } from '../../src/analyze/suspects.js';
import { decideVerdict } from '../../src/analyze/verdict.js';
import { C1, C2, C3, COMMITS, changeSet, file, finding, hunk } from './helpers.js';

describe('missingSymbols', () => {
  test('javac: the name is on the symbol: detail line of the excerpt, the owner on the location: line', () => {
    const excerpt = [
      'j/p/Warehouse.java:4: error: cannot find symbol',
      '    public int get(int n) { return stock.reserve(n); }',
      '                                        ^',
      '  symbol:   method reserve(int)',
      '  location: variable stock of type Stock',
    ];
    expect(missingSymbols('cannot find symbol')).toEqual([]);
    expect(missingSymbols('cannot find symbol', excerpt)).toEqual([{ name: 'reserve', owner: 'Stock' }]);
  });

  test('TypeScript, Python, C, Rust', () => {
    expect(missingSymbols(`Module '"./util"' has no exported member 'parse'.`)).toEqual([
      { name: 'parse', owner: './util' },
    ]);
    expect(
      missingSymbols(`Property 'toFixd' does not exist on type 'number'. Did you mean 'toFixed'?`),
    ).toEqual([{ name: 'toFixd', owner: 'number' }]);
    expect(missingSymbols(`AttributeError: module 'pkg.rates' has no attribute 'apply_rate'`)).toEqual([
      { name: 'apply_rate', owner: 'pkg.rates' },
    ]);
    expect(
      missingSymbols(
        `ImportError: cannot import name 'apply_rate' from 'pkg.rates' (/tmp/ranking-msgs/py/pkg/rates.py)`,
      ),
    ).toEqual([{ name: 'apply_rate', owner: 'pkg.rates' }]);
    expect(
      missingSymbols('implicit declaration of function ‘apply_rate’ [-Wimplicit-function-declaration]'),
    ).toEqual([{ name: 'apply_rate' }]);
    expect(missingSymbols('cannot find function `apply_rate` in this scope')).toEqual([
      { name: 'apply_rate' },
    ]);
    expect(missingSymbols("ModuleNotFoundError: No module named 'pkg.helpers'")).toEqual([]);
  });
});

describe('a removed name still used by an unchanged file', () => {
  const javac = finding({
    kind: 'compile-error',
    tool: 'javac',
    message: 'cannot find symbol',
    file: 'src/p/Warehouse.java',
    line: 4,
    excerpt: [
      'src/p/Warehouse.java:4: error: cannot find symbol',
      '    public int get(int n) { return stock.reserve(n); }',
      '                                        ^',
      '  symbol:   method reserve(int)',
      '  location: variable stock of type Stock',
    ],
  });
  const stock = file('src/p/Stock.java', [
    hunk(10, [[10, '    public int take(int wanted) {']], [[10, '    public int reserve(int wanted) {']], C2),
  ]);
  const catalog = file('src/p/Catalog.java', [
    hunk(
      9,
      [[9, '        return names.getOrDefault(item, item.toUpperCase());']],
      [[9, '        return names.getOrDefault(item, item);']],
      C1,
    ),
  ]);

  test('the file that removed the declaration is first, and the reason quotes the name and where it is used', () => {
    const cs = changeSet([catalog, stock], COMMITS, {
      imports: { 'src/p/Warehouse.java': ['src/p/Stock.java', 'src/p/Catalog.java'] },
    });
    const [top, second] = rankSuspects([javac], [], cs);
    expect(top.path).toBe('src/p/Stock.java');
    expect(top.reasons[0]).toBe(
      "`reserve`, which javac compile error at src/p/Warehouse.java:4 (unchanged) says is missing from Stock: its declaration was removed or renamed here (line 10 in 2222222 'rename parse to parseValue')",
    );
    expect(top.commits).toEqual([C2]);
    expect(second.path).toBe('src/p/Catalog.java');
    expect(top.confidence).toBeGreaterThan(second.confidence);
  });

  test('without the import graph the removed name alone ranks it', () => {
    const [top, ...rest] = rankSuspects([javac], [], changeSet([catalog, stock], COMMITS));
    expect(top.path).toBe('src/p/Stock.java');
    expect(top.lead).toBeUndefined();
    expect(rest).toEqual([]);
  });
});

describe('the configuration of the tool that failed', () => {
  test('isToolConfig: by the tool that reported the finding', () => {
    expect(isToolConfig('jest', 'jest.config.js')).toBe(true);
    expect(isToolConfig('jest', 'packages/a/babel.config.json')).toBe(true);
    expect(isToolConfig('pytest', 'pyproject.toml')).toBe(true);
    expect(isToolConfig('pytest', 'tests/conftest.py')).toBe(true);
    expect(isToolConfig('tsc', 'tsconfig.test.json')).toBe(true);
    expect(isToolConfig('javac', 'pom.xml')).toBe(true);
    expect(isToolConfig('tsc', 'jest.config.js')).toBe(false);
    expect(isToolConfig('pytest', 'src/app.py')).toBe(false);
  });

  test('a finding without a file reaches the changed configuration of its tool over changed code', () => {
    const f = finding({
      kind: 'error',
      tool: 'pytest',
      message: 'ERROR: usage: pytest [options] [file_or_dir] [file_or_dir] [...]',
    });
    const pyproject = file('pyproject.toml', [hunk(12, [[12, 'addopts = "--strict-marker"']], [], C2)]);
    const code = file('app/models.py', [hunk(3, [[3, '    name = "x"']], [], C1)]);
    const ranked = rankSuspects([f], [], changeSet([code, pyproject], COMMITS));
    expect(ranked[0].path).toBe('pyproject.toml');
    expect(ranked[0].reasons[0]).toMatch(/^a configuration file that pytest reads, changed in 2222222/);
  });
});

describe('a dependency the failure names', () => {
  test('dependencyNames: manifests and lockfiles of several ecosystems', () => {
    expect(dependencyNames('package.json', '    "filesize": "^10.1.6",')).toEqual(['filesize']);
    expect(
      dependencyNames(
        'package-lock.json',
        '      "resolved": "https://registry.npmjs.org/filesize/-/filesize-10.1.6.tgz",',
      ),
    ).toEqual(['filesize']);
    expect(dependencyNames('requirements.txt', 'requests==2.31.0')).toEqual(['requests']);
    expect(dependencyNames('go.mod', '\tgolang.org/x/text v0.14.0')).toEqual(['golang.org/x/text', 'text']);
    expect(dependencyNames('Cargo.toml', 'serde = { version = "1.0", features = ["derive"] }')).toEqual([
      'serde',
    ]);
    expect(dependencyNames('package.json', '  "name": "my-tool",')).toEqual([]);
  });

  test('the lockfile that moved the package a stack frame runs in is first', () => {
    const f = finding({
      kind: 'exception',
      tool: 'node',
      message: 'TypeError: filesize is not a function',
      file: 'src/size.js',
      line: 3,
      frames: [
        { file: 'src/size.js', rawFile: 'src/size.js', line: 3 },
        {
          file: 'node_modules/filesize/dist/filesize.cjs',
          rawFile: 'node_modules/filesize/dist/filesize.cjs',
          line: 40,
          vendored: true,
        },
      ],
    });
    const lock = file('package-lock.json', [
      hunk(
        20,
        [[20, '      "resolved": "https://registry.npmjs.org/filesize/-/filesize-10.1.6.tgz",']],
        [[20, '      "resolved": "https://registry.npmjs.org/filesize/-/filesize-8.0.7.tgz",']],
        C2,
      ),
    ]);
    const other = file('src/units.js', [hunk(2, [[2, 'const KB = 1000;']], [[2, 'const KB = 1024;']], C1)]);
    const ranked = rankSuspects([f], [], changeSet([other, lock], COMMITS));
    expect(ranked[0].path).toBe('package-lock.json');
    expect(ranked[0].reasons[0]).toMatch(
      /^declares the dependency `filesize`, which changed here in 2222222/,
    );
  });
});

describe('imports several levels deep', () => {
  const discounts = file('src/discounts.js', [
    hunk(3, [[3, '  return count > 3 ? 0.1 : 0;']], [[3, '  return count >= 3 ? 0.1 : 0;']], C2),
  ]);
  const f = finding({
    kind: 'assertion',
    tool: 'node:test',
    message: 'Expected values to be strictly equal: 30 !== 27',
    file: 'test/cart.test.js',
    line: 6,
  });
  const imports = {
    'test/cart.test.js': ['src/cart.js'],
    'src/cart.js': ['src/pricing.js'],
    'src/pricing.js': ['src/discounts.js'],
  };

  test('callerEdges: breadth first, with the unchanged files between', () => {
    const edges = callerEdges(f, new Map([['src/discounts.js', discounts]]), imports);
    expect(edges.map((e) => [e.file.path, e.path, e.share])).toEqual([
      ['src/discounts.js', ['src/cart.js', 'src/pricing.js'], 1],
    ]);
  });

  test('three imports down ranks over a changed file outside the import chain, and says the chain', () => {
    const users = file('src/users.js', [
      hunk(2, [[2, '  return String(u.name).trim();']], [[2, '  return u.name;']], C1),
    ]);
    const [top] = rankSuspects([f], [], changeSet([users, discounts], COMMITS, { imports }));
    expect(top.path).toBe('src/discounts.js');
    expect(top.lead).toBeUndefined();
    expect(top.reasons[0]).toBe(
      "test/cart.test.js:6, where node:test assertion failure surfaced, did not change and imports src/cart.js, which imports src/pricing.js, which imports this file (changed in 2222222 'rename parse to parseValue')",
    );
  });
});

describe('leads, never an empty list when code changed', () => {
  const f = finding({
    kind: 'assertion',
    tool: 'node:test',
    message: 'Expected values to be strictly equal: 30 !== 27',
    file: 'test/cart.test.js',
    line: 6,
  });
  const discounts = file('src/discounts.js', [
    hunk(3, [[3, '  return count > 3 ? 0.1 : 0;']], [[3, '  return count >= 3 ? 0.1 : 0;']], C2),
  ]);
  const readme = file('README.md', [hunk(3, [[3, 'Notes.']], [], C3)]);

  test('without evidence the changed code is a lead, below the lead bar, and the verdict is unknown, not flaky', () => {
    const ranked = rankSuspects([f], [], changeSet([readme, discounts], COMMITS));
    expect(ranked.map((s) => [s.path, s.lead])).toEqual([['src/discounts.js', true]]);
    expect(ranked[0].confidence).toBeLessThanOrEqual(0.3);
    expect(ranked[0].reasons[0]).toMatch(/^lead: /);
    const v = decideVerdict([f], [], ranked, { passedOnGreen: [f.test ?? 'x'] });
    expect(v.origin).toBe('unknown');
    expect(v.summary).toBe(
      'failing test — no changed file clearly explains it; worth a look (leads): src/discounts.js'.replace(
        'failing test',
        'node:test assertion failure in test/cart.test.js:6',
      ),
    );
  });

  test('only documentation changed: no lead, and the verdict says nothing in the range relates', () => {
    const ranked = rankSuspects([f], [], changeSet([readme], COMMITS));
    expect(ranked).toEqual([]);
    const v = decideVerdict([f], [], ranked, { passedOnGreen: ['x'] });
    expect(v.origin).toBe('unknown');
    expect(v.summary).toMatch(/nothing in the range relates to it/i);
  });

  test('a test that passed on the last green commit is not flaky for it', () => {
    const t = { ...f, test: 'cart total' };
    const v = decideVerdict([t], [], [], { passedOnGreen: ['cart total'] });
    expect(v.origin).toBe('unknown');
  });
});

describe('a release bump of the project version is no configuration change', () => {
  const f = finding({
    kind: 'assertion',
    tool: 'pytest',
    message: 'assert 3 == 2',
    file: 'tests/test_quote.py',
    line: 8,
  });
  const bump = file('pyproject.toml', [hunk(3, [[3, 'version = "2.4.1"']], [[3, 'version = "2.4.0"']], C1)]);
  const marker = file('pyproject.toml', [hunk(20, [[20, 'addopts = "-p no:randomly"']], [], C1)]);
  const code = file('src/labels.py', [hunk(3, [[3, '    return a.title()']], [[3, '    return a']], C2)]);

  test('onlyVersionChanged', () => {
    expect(onlyVersionChanged(bump)).toBe(true);
    expect(onlyVersionChanged(marker)).toBe(false);
  });

  test('a bumped pyproject.toml is not read as pytest configuration; a changed option is', () => {
    const cs = (p: typeof bump) => changeSet([p, code], COMMITS, { imports: { 'tests/test_quote.py': [] } });
    expect(rankSuspects([f], [], cs(bump)).map((s) => s.path)).not.toContain('pyproject.toml');
    expect(rankSuspects([f], [], cs(marker))[0].path).toBe('pyproject.toml');
  });
});

test('a lockfile whose changed lines are version lines moved dependencies: not a release bump', () => {
  const lock = file('package-lock.json', [
    hunk(12, [[12, '      "version": "8.0.7",']], [[12, '      "version": "6.4.0",']], C2),
  ]);
  expect(onlyVersionChanged(lock)).toBe(false);
});
