import { createPathMapper, isVendoredPath, mapPath } from '../src/paths.js';

describe('mapPath without repository files: strips CI prefixes and URL schemes', () => {
  it.each([
    ['/home/runner/work/app/app/src/a.ts', 'src/a.ts'],
    ['/home/runner/work/my-repo/checkout-dir/lib/x.py', 'lib/x.py'],
    ['/Users/runner/work/app/app/src/a.ts', 'src/a.ts'],
    ['D:\\a\\app\\app\\src\\a.ts', 'src/a.ts'],
    ['C:\\a\\app\\app\\src\\deep\\b.ts', 'src/deep/b.ts'],
    ['D:/a/app/app/src/a.ts', 'src/a.ts'],
    ['/__w/app/app/packages/core/index.ts', 'packages/core/index.ts'],
    ['/github/workspace/src/a.ts', 'src/a.ts'],
    ['/home/travis/build/owner/app/test/a.test.js', 'test/a.test.js'],
    ['/builds/group/app/src/main.go', 'src/main.go'],
    ['/var/lib/jenkins/workspace/app-pipeline/src/a.ts', 'src/a.ts'],
    ['/home/circleci/project/src/a.ts', 'src/a.ts'],
    ['file:///home/runner/work/app/app/src/a.ts', 'src/a.ts'],
    ['file:///D:/a/app/app/src/a.ts', 'src/a.ts'],
    ['file:///github/workspace/src/with%20space.ts', 'src/with space.ts'],
    ['webpack:///./src/x.ts', 'src/x.ts'],
    ['webpack:///src/x.ts', 'src/x.ts'],
    ['webpack://my-app/./src/x.ts', 'src/x.ts'],
    ['webpack://my-app/./src/x.ts?a1b2', 'src/x.ts'],
    ['./src/a.ts', 'src/a.ts'],
    ['././src/./a.ts', 'src/a.ts'],
    ['src\\win\\a.ts', 'src/win/a.ts'],
    ['src/lib/../a.ts', 'src/a.ts'],
    ['  src/a.ts  ', 'src/a.ts'],
    ['/tmp/build/x/src/a.ts', '/tmp/build/x/src/a.ts'],
  ])('%s → %s', (raw, expected) => {
    expect(mapPath(raw)).toEqual({ path: expected, vendored: false });
  });
});

describe('vendored paths are context, never suspects', () => {
  it.each([
    '/home/runner/work/app/app/node_modules/lodash/index.js',
    'node_modules/.pnpm/react@19.0.0/node_modules/react/index.js',
    'D:\\a\\app\\app\\node_modules\\jest-circus\\build\\run.js',
    'node:internal/modules/cjs/loader',
    'node:fs',
    'internal/modules/cjs/loader.js',
    'internal/process/task_queues.js',
    '<anonymous>',
    'evalmachine.<anonymous>',
    '<frozen importlib._bootstrap>',
    'native',
    '/usr/lib/python3.12/unittest/case.py',
    '/opt/hostedtoolcache/Python/3.12.1/x64/lib/python3.12/site-packages/pytest/main.py',
    '/home/runner/.local/lib/python3.11/site-packages/requests/api.py',
    '/home/runner/work/app/app/.venv/lib/python3.12/site-packages/x.py',
    '/usr/lib/python3/dist-packages/apt/cache.py',
    '/home/runner/work/app/app/vendor/github.com/pkg/errors/errors.go',
    '/usr/local/go/src/runtime/panic.go',
    '/opt/hostedtoolcache/go/1.22.1/x64/src/testing/testing.go',
    '/home/runner/go/pkg/mod/github.com/stretchr/testify@v1.9.0/assert/assertions.go',
    '/home/runner/.cargo/registry/src/index.crates.io-6f17d22bba15001f/serde-1.0.0/src/lib.rs',
    '/rustc/90b35a6239c3d8bdabc530a6a0816f7ff89a0aaf/library/core/src/panicking.rs',
    '~/.m2/repository/org/junit/junit/4.13/junit-4.13.jar',
    '/home/runner/.m2/repository/org/x.jar',
    'webpack:///webpack/bootstrap',
    'C:\\Program Files\\nodejs\\node_modules\\npm\\lib\\cli.js',
  ])('%s', (raw) => {
    expect(isVendoredPath(raw)).toBe(true);
    const m = mapPath(raw, { repoFiles: ['src/a.ts'] });
    expect(m).toEqual({ vendored: true });
  });

  it.each([
    'internal/server/handler.go',
    'src/lib/python_helpers.py',
    'pkg/mod/resolve.go',
    'windows/build.ps1',
    'usr/lib/readme.md',
    '/home/runner/work/app/app/src/internal/a.ts',
  ])('%s is not vendored', (raw) => {
    expect(isVendoredPath(raw)).toBe(false);
  });
});

describe('mapping against repository files', () => {
  const repoFiles = [
    'src/a.ts',
    'src/util/index.ts',
    'packages/web/src/index.ts',
    'packages/api/src/index.ts',
    'packages/api/src/server.ts',
    'README.md',
    'Src/Win.cs',
  ];
  const mapper = createPathMapper({ repoFiles, changedFiles: ['packages/api/src/index.ts'] });

  it.each([
    // an unknown absolute root: the longest suffix that is a repository file
    ['/tmp/build/x/src/a.ts', 'src/a.ts'],
    ['/app/src/util/index.ts', 'src/util/index.ts'],
    ['/home/runner/work/app/app/src/a.ts', 'src/a.ts'],
    // printed from a package directory: the only file ending in that path
    ['src/server.ts', 'packages/api/src/server.ts'],
    // ambiguous: packages/web and packages/api both have src/index.ts; the changed one wins
    ['src/index.ts', 'packages/api/src/index.ts'],
    ['/work/packages/web/src/index.ts', 'packages/web/src/index.ts'],
    // case differences only on Windows-looking paths
    ['D:\\a\\app\\app\\src\\A.ts', 'src/a.ts'],
    ['C:\\build\\src\\win.cs', 'Src/Win.cs'],
  ])('%s → %s', (raw, expected) => {
    expect(mapper(raw)).toEqual({ path: expected, vendored: false });
  });

  it('does not ignore case on POSIX paths', () => {
    expect(mapper('/tmp/x/src/A.ts')).toEqual({ vendored: false });
  });

  it('maps nothing for an absolute path outside the repository, keeps an unknown relative path', () => {
    expect(mapper('/etc/hosts')).toEqual({ vendored: false });
    expect(mapper('lib/generated.ts')).toEqual({ path: 'lib/generated.ts', vendored: false });
  });

  it('leaves an ambiguity between unchanged files unresolved', () => {
    const m = createPathMapper({ repoFiles });
    expect(m('/elsewhere/index.ts')).toEqual({ vendored: false });
    expect(m('src/index.ts')).toEqual({ path: 'src/index.ts', vendored: false });
  });

  it('prefers the workspace remainder when it is a repository file', () => {
    const m = createPathMapper({ repoFiles: ['a.ts', 'src/a.ts'] });
    expect(m('/home/runner/work/r/r/src/a.ts').path).toBe('src/a.ts');
    expect(m('/home/runner/work/r/r/a.ts').path).toBe('a.ts');
  });

  it('maps deleted files through the changed files', () => {
    const m = createPathMapper({ repoFiles: ['src/a.ts'], changedFiles: ['src/gone.ts'] });
    expect(m('/__w/r/r/src/gone.ts').path).toBe('src/gone.ts');
  });

  it('is fast on a large repository', () => {
    const files: string[] = [];
    for (let i = 0; i < 100_000; i++) files.push(`pkg${i % 500}/src/mod${i}/index.ts`);
    const t0 = performance.now();
    const m = createPathMapper({ repoFiles: files, changedFiles: ['pkg7/src/mod7/index.ts'] });
    for (let i = 0; i < 2000; i++) m(`/tmp/elsewhere/pkg${i % 500}/src/mod${i}/index.ts`);
    expect(m('/tmp/pkg7/src/mod7/index.ts').path).toBe('pkg7/src/mod7/index.ts');
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('never throws on odd input', () => {
    for (const raw of [
      '',
      '/',
      '\\',
      '..',
      '../../x',
      'file://',
      'webpack://',
      '%E0%A4%A',
      'C:',
      '~',
      '\0',
    ]) {
      expect(() => mapper(raw)).not.toThrow();
      expect(() => mapPath(raw)).not.toThrow();
    }
  });
});
