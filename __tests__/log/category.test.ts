// The failure category on the findings of real captured logs (__tests__/fixtures/category/capture.sh and
// the other families' captures): the whole analysis runs, then classifyFailure decides.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { classifyFailure, findingCategory } from '../../src/log/category.js';
import { parseLog } from '../../src/log/read.js';
import { builtinRules } from '../../src/rules/load.js';
import type { Report } from '../../src/types.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const rules = builtinRules();
const read = (family: string, name: string) => readFileSync(join(FIXTURES, family, 'captures', name), 'utf8');
const analyse = (family: string, name: string): Report => runAnalysis({ logText: read(family, name), rules });

describe('failure category of captured logs', () => {
  it('calls a submodule that git could not clone a network failure', () => {
    const report = analyse('category', 'travis-submodule-clone.log');
    expect(report.verdict.category).toBe('network');
    // ssh's line of the last attempt says what failed: it comes first, an infrastructure finding
    const ssh = report.findings[0];
    expect([ssh.kind, ssh.logLines]).toEqual(['infra', [12, 12]]);
    expect(ssh.message).toBe('ssh: Could not resolve hostname github.com: Name or service not known');
    expect(findingCategory(ssh, [])).toBe('network');
    // the command's output block (its first line says nothing; git's lines inside it say what failed)
    const clone = report.findings.find((f) => f.tool === 'region')!;
    expect(clone.excerpt).toContain('fatal: Could not read from remote repository.');
    expect(findingCategory(clone, report.patterns)).toBe('network');
  });

  it('calls pyflakes output (no codes) a lint failure', () => {
    const report = analyse('category', 'travis-pyflakes.log');
    expect(report.verdict.category).toBe('lint');
    // pyflakes's own lines are findings with a file and line (the block extends to the listing's end)
    const f = report.findings[0];
    expect([f.tool, f.kind, f.file, f.line, f.logLines]).toEqual([
      'pyflakes',
      'lint-error',
      'inventory/stock.py',
      1,
      [2, 4],
    ]);
    expect(findingCategory(f, [])).toBe('lint');
    expect(report.findings[0].excerpt).toContain("inventory/stock.py:15:18: undefined name 'totl'");
  });

  it('calls a Clirr API check a compatibility failure, not a compile or lint one', () => {
    const report = analyse('category', 'travis-clirr.log');
    expect(report.verdict.category).toBe('compatibility');
    expect(report.findings[0].excerpt?.join('\n')).toContain(
      "ERROR: 7002: com.example.shop.Cart: Method 'public void remove(java.lang.String)' has been removed",
    );
  });

  it("calls a missing submodule of the project's own package a code error, a missing library a dependency", () => {
    const own = analyse('category', 'travis-own-module.log');
    const f = own.findings[0];
    expect([f.kind, f.tool, f.file, f.line]).toEqual(['exception', 'python', 'inventory/__init__.py', 1]);
    expect(f.message).toBe("ModuleNotFoundError: No module named 'inventory.pricing'");
    // the rule pack still names the pattern, but the traceback runs in inventory/ itself
    expect(own.patterns.map((p) => p.id)).toContain('python-module-not-found');
    expect(own.verdict.category).toBe('runtime');

    const lib = analyse('category', 'travis-missing-library.log');
    expect(lib.findings[0].message).toBe("ModuleNotFoundError: No module named 'tabulate_rows'");
    expect(lib.verdict.category).toBe('dependency');
  });

  it('calls a JVM launcher that cannot find the main class an environment failure', () => {
    const report = analyse('category', 'travis-java-main-class.log');
    expect(report.findings[0].excerpt).toContain(
      'Error: Could not find or load main class com.example.shop.Main',
    );
    expect(report.verdict.category).toBe('environment');
  });

  it('keeps the categories of the other families: compile, test, lint, dependency', () => {
    expect(analyse('jvm', 'travis-maven-compile.log').verdict.category).toBe('compile');
    expect(analyse('jvm', 'maven-test.log').verdict.category).toBe('test');
    expect(analyse('jvm', 'maven-dependency.log').verdict.category).toBe('dependency');
    expect(analyse('jvm', 'checkstyle.log').verdict.category).toBe('lint');
  });

  it('is the same decision when classifyFailure is given the findings directly', () => {
    const text = read('category', 'travis-clirr.log');
    const report = runAnalysis({ logText: text, rules });
    expect(classifyFailure(report.findings, report.patterns, parseLog(text))).toBe('compatibility');
  });
});
