import { parseRules } from '../../src/rules/parse.js';
import { compilePattern, requiredLiterals, translatePattern } from '../../src/rules/regex.js';
import { documentOf, matchRules, MAX_PATTERN_MATCHES } from '../../src/rules/match.js';
import { fillHint } from '../../src/rules/hint.js';
import type { LogDocument, Rule } from '../../src/types.js';

function rules(yaml: string): Rule[] {
  return parseRules(yaml, 'test.yml');
}

/** A document whose original line numbers are not 1..n (normalisation dropped some lines). */
function docWithNumbers(entries: [number, string][]): LogDocument {
  return { format: 'plain', lines: entries.map(([n, text]) => ({ n, text })), segments: [], totalLines: 100 };
}

describe('matchRules', () => {
  const missing = rules(`
rules:
  - id: missing-export
    category: compile
    title: Missing export
    pattern: "does not provide an export named '(?<name>[^']+)'"
    hint: "\`$<name>\` is gone (also $1, \${1}, $$5)"
    suspects: ['src/**']
`);

  it('reports the first occurrence with ORIGINAL line numbers, captures, filled hint and count', () => {
    const doc = docWithNumbers([
      [3, 'building'],
      [7, "SyntaxError: The requested module './a.js' does not provide an export named 'parse'"],
      [12, "SyntaxError: The requested module './b.js' does not provide an export named 'format'"],
    ]);
    expect(matchRules(doc, missing)).toEqual([
      {
        id: 'missing-export',
        category: 'compile',
        title: 'Missing export',
        hint: '`parse` is gone (also parse, parse, $5)',
        logLines: [7, 7],
        captures: ['parse'],
        suspects: ['src/**'],
        occurrences: 2,
      },
    ]);
  });

  it('returns nothing when no rule matches, and ignores empty input', () => {
    expect(matchRules(documentOf('all good\nDone in 3s'), missing)).toEqual([]);
    expect(matchRules(documentOf(''), missing)).toEqual([]);
    expect(matchRules(documentOf('x'), [])).toEqual([]);
  });

  describe('sequences', () => {
    const seq = rules(`
rules:
  - id: go-fail
    category: test
    title: Go test failed
    patterns:
      - sequence: ['^--- FAIL: (\\w+)', '^\\s+(\\S+_test\\.go):(\\d+): (.+)', '^FAIL\\s+(\\S+)']
        within: 5
    hint: '$1 failed at $2:$3 ($4) in package $5'
`);

    it('matches steps on later lines within the window and fills captures from every step', () => {
      const doc = documentOf(
        [
          '=== RUN   TestAdd',
          '--- FAIL: TestAdd (0.00s)',
          '    add_test.go:9: got 3, want 4',
          'FAIL',
          'FAIL\texample.com/calc\t0.002s',
        ].join('\n'),
      );
      const [m] = matchRules(doc, seq);
      expect(m.logLines).toEqual([2, 5]);
      expect(m.captures).toEqual(['TestAdd', 'add_test.go', '9', 'got 3, want 4', 'example.com/calc']);
      expect(m.hint).toBe('TestAdd failed at add_test.go:9 (got 3, want 4) in package example.com/calc');
    });

    it('does not match when the steps are spread over more than `within` original lines', () => {
      const doc = docWithNumbers([
        [1, '--- FAIL: TestAdd (0.00s)'],
        [2, '    add_test.go:9: got 3, want 4'],
        [6, 'FAIL\texample.com/calc\t0.002s'],
      ]);
      expect(matchRules(doc, seq)).toEqual([]);
      const near = docWithNumbers([
        [1, '--- FAIL: TestAdd (0.00s)'],
        [2, '    add_test.go:9: got 3, want 4'],
        [5, 'FAIL\texample.com/calc\t0.002s'],
      ]);
      expect(matchRules(near, seq)[0].logLines).toEqual([1, 5]);
    });

    it('needs the steps in order, each on a later line', () => {
      const twoStep = rules(`
rules:
  - id: ab
    category: test
    title: AB
    patterns: [{sequence: ['alpha', 'beta'], within: 3}]
    hint: h
`);
      expect(matchRules(documentOf('beta\nalpha'), twoStep)).toEqual([]);
      expect(matchRules(documentOf('alpha beta'), twoStep)).toEqual([]);
      expect(matchRules(documentOf('alpha\nalpha beta'), twoStep)[0].logLines).toEqual([1, 2]);
      // A restart of the first step keeps the window alive.
      const lines = ['alpha', 'x', 'x', 'alpha', 'x', 'beta'];
      expect(matchRules(documentOf(lines.join('\n')), twoStep)[0].logLines).toEqual([4, 6]);
    });
  });

  it('orders matches by log line and caps their number', () => {
    const many: Rule[] = Array.from({ length: MAX_PATTERN_MATCHES + 10 }, (_, i) => ({
      id: `r-${i}`,
      category: 'runtime',
      title: `r${i}`,
      patterns: [{ regex: `marker-${i}\\b` }],
      hint: 'h',
    }));
    const doc = documentOf(
      Array.from(
        { length: MAX_PATTERN_MATCHES + 10 },
        (_, i) => `marker-${MAX_PATTERN_MATCHES + 9 - i}`,
      ).join('\n'),
    );
    const out = matchRules(doc, many);
    expect(out).toHaveLength(MAX_PATTERN_MATCHES);
    expect(out[0]).toMatchObject({ id: `r-${MAX_PATTERN_MATCHES + 9}`, logLines: [1, 1] });
    expect(out.map((m) => m.logLines[0])).toEqual(out.map((_, i) => i + 1));
  });

  it('case-insensitive rules match across case, also next to non-ASCII text', () => {
    const ci = rules(`
rules:
  - id: disk
    category: infra
    title: Disk
    flags: i
    pattern: 'no space left'
    hint: h
`);
    expect(matchRules(documentOf('ENOSPC: NO SPACE LEFT on device'), ci)).toHaveLength(1);
    expect(matchRules(documentOf('✗ No Space Left on device'), ci)).toHaveLength(1);
    expect(matchRules(documentOf('space left: none'), ci)).toHaveLength(0);
  });

  it('skips a hand-made rule whose pattern does not compile instead of throwing', () => {
    const bad: Rule = {
      id: 'bad',
      category: 'runtime',
      title: 'b',
      patterns: [{ regex: '(?=x)' }],
      hint: 'h',
    };
    expect(matchRules(documentOf('x'), [bad, ...missing])).toEqual([]);
  });
});

describe('linear time', () => {
  it('a pathological pattern on a 1 MB line finishes in under a second', () => {
    const line = 'a'.repeat(1024 * 1024) + '!';
    const p = compilePattern('(a+)+$');
    let t = performance.now();
    expect(p.re.test(line)).toBe(false);
    expect(p.re.exec(line)).toBeNull();
    expect(performance.now() - t).toBeLessThan(10_000);

    const evil: Rule = {
      id: 'evil',
      category: 'runtime',
      title: 'e',
      patterns: [{ regex: '(a|aa)+b' }, { regex: '(x+x+)+y' }],
      hint: 'h',
    };
    t = performance.now();
    expect(matchRules(documentOf(`${line}\n${'x'.repeat(1024 * 1024)}`), [evil])).toEqual([]);
    expect(performance.now() - t).toBeLessThan(10_000);
  });

  it('JavaScript runs the same pattern for far longer (the reason for re2js)', () => {
    const line = 'a'.repeat(26) + '!';
    const t = performance.now();
    expect(/(a+)+$/.test(line)).toBe(false);
    expect(performance.now() - t).toBeGreaterThan(5);
  });
});

describe('regex helpers', () => {
  it('translates JavaScript-only escapes to RE2', () => {
    expect(translatePattern('\\u00e9t\\u{1F600}\\\\u1234')).toBe('\\x{00e9}t\\x{1F600}\\\\u1234');
    expect(compilePattern('caf\\u00e9').re.test('café')).toBe(true);
  });

  it.each([
    ["Cannot find module '(\\S+)'", ["Cannot find module '"]],
    ['error TS\\d+: (.+)', ['error TS']],
    ['colou?r is (red|blue)', ['r is ']],
    ['ECONNRESET|ETIMEDOUT', ['ECONNRESET', 'ETIMEDOUT']],
    ['a|ETIMEDOUT', []],
    ['x{2,3}yz{0,}abc', ['abc']],
    ['(foo)bar+baz', ['bar']],
    ['\\d+ tests? failed', [' failed']],
    ['[abc]+', []],
  ])('required literals of %s', (pattern, expected) => {
    expect(requiredLiterals(pattern)).toEqual(expected);
  });

  it('literals are a sound prefilter: a pattern never matches a line that lacks them', () => {
    const cases: [string, string][] = [
      ['colou?r is (red|blue)', 'the color is red'],
      ['Error 1\\d{2} in (?:x|y)', 'Error 137 in y'],
      ['a\\.b\\+c', 'xa.b+c'],
      ['fo+bar', 'foooobar'],
    ];
    for (const [pattern, line] of cases) {
      const p = compilePattern(pattern);
      expect(p.re.test(line)).toBe(true);
      expect(p.literals.some((l) => line.includes(l))).toBe(true);
    }
  });
});

describe('fillHint', () => {
  it('fills numbered, braced and named captures and tidies absent ones', () => {
    expect(fillHint('$1-${2}-$<n>-$$', ['a', 'b'], { n: 'c' })).toBe('a-b-c-$');
    expect(fillHint('Nothing accepted the connection (`$<address>`): start it', [], {})).toBe(
      'Nothing accepted the connection: start it',
    );
  });
});
