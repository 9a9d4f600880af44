import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { builtinRules } from '../../src/rules/load.js';
import {
  matchJobGlob,
  matchKnownIssues,
  parseKnownIssue,
  topIsKnown,
  type KnownIssue,
} from '../../src/analyze/known-issues.js';

// The real pytest output of __tests__/fixtures/memory (capture.sh), located in a matrix job.
const findings = runAnalysis({
  logText: readFileSync(join(process.cwd(), '__tests__/fixtures/memory/captures/gh-pytest-run1.log'), 'utf8'),
  rules: builtinRules(),
}).findings.map((f) => ({ ...f, location: { jobId: 1, job: 'test (ubuntu-latest, 3.11)' } }));

const issue = (body: string, number = 5): KnownIssue => {
  const k = parseKnownIssue({ number, title: 't', body });
  if ('error' in k) throw new Error(k.error);
  return k;
};
const block = (yaml: string) => `Seen on shared runners.\n\n\`\`\`ci-root-cause\n${yaml}\n\`\`\`\n`;

describe('known issues', () => {
  test('a message (case-insensitive substring) matches the finding, with the job glob', () => {
    const k = issue(block('message: "UNSUPPORTED OPERAND type"\njobs: "test*"'));
    const m = matchKnownIssues([k], findings);
    expect(m).toHaveLength(1);
    // the test's finding, and the failing step's output that quotes its `E` line
    expect(m[0].findings.map((i) => findings[i].test).filter(Boolean)).toEqual(['test_empty_name']);
    expect(m[0].findings.map((i) => findings[i].message)).toContain(
      "TypeError: unsupported operand type(s) for /: 'str' and 'str'",
    );
    // the job glob also matches the name without its matrix values
    expect(
      matchKnownIssues([issue(block('message: "unsupported operand"\njobs: "test"'))], findings),
    ).toHaveLength(1);
    expect(
      matchKnownIssues([issue(block('message: "unsupported operand"\njobs: "lint*"'))], findings),
    ).toEqual([]);
  });

  test('a pattern runs on the linear-time engine', () => {
    // (test_save_path's detail lines name a Store object too: the pattern says which failure it means)
    const k = issue(block("pattern: 'Store object at 0x[0-9a-f]+> is not <'"));
    const m = matchKnownIssues([k], findings);
    expect(m.map((x) => findings[x.findings[0]].test)).toEqual(['tests/test_store.py::test_store_identity']);
    expect(topIsKnown(m, findings)).toBe(false);
    const first = matchKnownIssues([issue(block('message: "b.txt"'))], findings);
    expect(topIsKnown(first, findings)).toBe(true);
  });

  test('untrusted blocks: each problem is named, none throws', () => {
    const err = (body: string) => {
      const k = parseKnownIssue({ number: 1, title: 't', body });
      return 'error' in k ? k.error : 'parsed';
    };
    expect(err('no block here')).toBe('no ci-root-cause block');
    expect(err(block('message: [1, 2'))).toMatch(/not valid YAML/);
    expect(err(block('message: a\npattern: b'))).toBe(
      "the ci-root-cause block needs one of 'message' or 'pattern'",
    );
    expect(err(block('pattern: "(a+)+\\\\1"'))).toMatch(
      /its pattern uses an unsupported construct: backreferences/,
    );
    expect(err(block('pattern: "x*"'))).toMatch(/matches the empty string/);
    expect(err(block('message: !!js/function "function () {}"'))).toMatch(/not valid YAML/);
    expect(err(block(`message: "${'a'.repeat(600)}"`))).toMatch(/at most 500 characters/);
    expect(err(block('- message: a'))).toBe('the ci-root-cause block is not a mapping');
    expect(err('~~~ci-root-cause\nmessage: reset\n~~~')).toBe('parsed');
  });

  test('job globs: * and ? over the whole name, linear', () => {
    expect(matchJobGlob('build*', 'build (ubuntu, 20)')).toBe(true);
    expect(matchJobGlob('*/ test', 'ci / test')).toBe(true);
    expect(matchJobGlob('*/ lint', 'ci / test')).toBe(false);
    expect(matchJobGlob('ci / te?t', 'ci / test')).toBe(true);
    expect(matchJobGlob('a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false);
  });
});
