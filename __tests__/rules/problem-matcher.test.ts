import { readFileSync } from 'node:fs';
import { InputError } from '../../src/errors.js';
import { parseProblemMatchers } from '../../src/rules/problem-matcher.js';
import { documentOf, matchRules } from '../../src/rules/match.js';

const fixtures = '__tests__/fixtures/rules';
const read = (f: string) => readFileSync(`${fixtures}/${f}`, 'utf8');

describe('parseProblemMatchers', () => {
  it("loads actions/setup-node's tsc matcher and matches real tsc output", () => {
    const rules = parseProblemMatchers(read('setup-node-tsc.json'), 'tsc.json');
    expect(rules).toEqual([
      expect.objectContaining({
        id: 'matcher-tsc',
        category: 'compile',
        title: "Problem matcher 'tsc'",
        source: 'tsc.json',
      }),
    ]);
    const [m] = matchRules(documentOf(read('captures/tsc.log')), rules);
    expect(m.logLines).toEqual([1, 1]);
    expect(m.occurrences).toBe(2);
    expect(m.hint).toBe(
      "Reported by the 'tsc' problem matcher: '\"./format\"' has no exported member named 'formatDay'. Did you mean 'formatDate'? [TS2724] at app.ts:1:10. Fix it at that location, or check the change that touched it.",
    );
  });

  it('loads the two-line eslint-stylish matcher as a sequence of adjacent lines (loop: first occurrence)', () => {
    const rules = parseProblemMatchers(read('setup-node-eslint-stylish.json'), 'eslint.json');
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ id: 'matcher-eslint-stylish', category: 'lint' });
    expect(rules[0].patterns[0].sequence).toHaveLength(2);
    expect(rules[0].patterns[0].within).toBe(2);
    const [m] = matchRules(documentOf(read('captures/eslint-stylish.log')), rules);
    expect(m.logLines).toEqual([2, 3]);
    expect(m.captures.slice(0, 3)).toEqual(['/work/main/__tests__/fixtures/rules/project/lint.js', '1', '7']);
    expect(m.hint).toContain(
      "'unused' is assigned a value but never used [no-unused-vars] at /work/main/__tests__/fixtures/rules/project/lint.js:1:7",
    );
  });

  it.each([
    ['not JSON', '{problemMatcher:', /^m\.json: not valid JSON: /],
    ['not a matcher file', '{"rules": []}', /^m\.json: expected \{"problemMatcher": \[\.\.\.\]\}/],
    [
      'a matcher without owner',
      '{"problemMatcher": [{"pattern": [{"regexp": "x"}]}]}',
      /^m\.json: problem matcher 1: has no 'owner'$/,
    ],
    [
      'a pattern without regexp',
      '{"problemMatcher": [{"owner": "o", "pattern": [{"file": 1}]}]}',
      /^m\.json: problem matcher 'o': pattern 1 has no 'regexp' string$/,
    ],
    [
      'a lookahead',
      '{"problemMatcher": [{"owner": "o", "pattern": [{"regexp": "a(?!b)"}]}]}',
      /^m\.json: problem matcher 'o': pattern 1 uses an unsupported construct: lookaround/,
    ],
    [
      'a group number out of range',
      '{"problemMatcher": [{"owner": "o", "pattern": [{"regexp": "(a)b", "line": 2}]}]}',
      /'line' must be a group number from 1 to 1/,
    ],
    [
      'an unknown key',
      '{"problemMatcher": [{"owner": "o", "pattern": [{"regexp": "ab", "lines": 1}]}]}',
      /pattern 1 has unknown key 'lines'/,
    ],
  ])('rejects %s with a one-line InputError', (_what, json, expected) => {
    let err: unknown;
    try {
      parseProblemMatchers(json, 'm.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toMatch(expected);
  });
});
