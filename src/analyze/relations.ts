// Test ↔ source relations by naming convention:
//   foo.test.ts, foo.spec.js, __tests__/foo.ts, tests/foo.ts  ↔ foo.ts
//   test_foo.py, foo_test.py                                  ↔ foo.py
//   foo_test.go                                               ↔ foo.go
//   FooTest.java, FooTests.kt, FooSpec.scala, FooIT.java       ↔ Foo.java

export interface TestTarget {
  /** The stem of the source under test, lower-cased: `foo`. */
  stem: string;
  /** The test file's directory with test folders (`__tests__`, `test`, `tests`, `spec`) removed. */
  dir: string;
}

const TEST_DIRS = new Set(['__tests__', '__test__', 'test', 'tests', 'spec', 'specs', '__specs__']);

function splitPath(path: string): { dir: string; base: string } {
  const p = path.replace(/\\/g, '/');
  const i = p.lastIndexOf('/');
  return { dir: i < 0 ? '' : p.slice(0, i), base: p.slice(i + 1) };
}

/** The base name without its extension(s) of source code: `util.ts` → `util`, `a.d.ts` → `a`. */
export function stemOf(path: string): string {
  const { base } = splitPath(path);
  return base.replace(/(?:\.d)?\.[A-Za-z0-9]+$/, '');
}

function dirWithoutTestFolders(dir: string): string {
  return dir
    .split('/')
    .filter((s) => s && !TEST_DIRS.has(s))
    .join('/');
}

/** The source a test file tests, by convention; undefined when the path is not a test file. */
export function testTarget(path: string): TestTarget | undefined {
  const { dir, base } = splitPath(path);
  const inTestDir = dir.split('/').some((s) => TEST_DIRS.has(s));
  const cleanDir = dirWithoutTestFolders(dir);
  let m = /^(.+?)[.-](?:test|spec|e2e|unit|int)\.[A-Za-z0-9]+$/i.exec(base);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  m = /^test_(.+)\.py$/.exec(base) ?? /^(.+)_test\.(?:py|go|rb|exs?|c|cc|cpp|rs)$/.exec(base);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  m = /^(.+?)(?:Tests?|Spec|IT)\.(?:java|kt|scala|groovy|cs|swift)$/.exec(base);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir.replace(/(^|\/)src\/test\//, '$1src/main/') };
  m = /^(.+?)_spec\.rb$/.exec(base);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  if (inTestDir && /\.[cm]?[jt]sx?$|\.py$/.test(base))
    return { stem: stemOf(base).toLowerCase(), dir: cleanDir };
  return undefined;
}

export function isTestPath(path: string): boolean {
  return testTarget(path) !== undefined;
}

/**
 * How well a source file fits a test target: 0 no match, 1 same stem in a related directory
 * (the same one, or one is the other with `src`/`lib`/`main` folders removed), 0.7 same stem elsewhere.
 */
export function sourceFit(target: TestTarget, sourcePath: string): number {
  if (isTestPath(sourcePath)) return 0;
  if (stemOf(sourcePath).toLowerCase() !== target.stem) {
    // foo/index.ts tested by foo.test.ts
    const { dir } = splitPath(sourcePath);
    if (!(stemOf(sourcePath) === 'index' && dir.split('/').pop()?.toLowerCase() === target.stem)) return 0;
  }
  const strip = (d: string) =>
    d
      .split('/')
      .filter((s) => s && !['src', 'lib', 'main', 'java', 'kotlin', 'app', 'source'].includes(s))
      .join('/');
  const { dir } = splitPath(sourcePath);
  const srcDir = stemOf(sourcePath) === 'index' ? splitPath(dir).dir : dir;
  if (srcDir === target.dir || strip(srcDir) === strip(target.dir)) return 1;
  if (srcDir.endsWith('/' + target.dir) || target.dir.endsWith('/' + srcDir)) return 1;
  return 0.7;
}
