import { readdirSync, readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { InputError } from '../../src/errors.js';
import { BUILTIN_PACKS } from '../../src/rules/builtin.generated.js';
import { builtinRules, mergeRules } from '../../src/rules/load.js';
import { parseRules } from '../../src/rules/parse.js';
import { matchRules, documentOf } from '../../src/rules/match.js';
import { lazyPattern } from '../../src/rules/regex.js';

const ok = `
rules:
  - id: db-down
    category: config
    title: Database down
    pattern: 'connect ECONNREFUSED (\\S+)'
    hint: 'nothing listens on $1'
    suspects: ['.env*']
    examples: { match: ['connect ECONNREFUSED 127.0.0.1:5432'], no_match: ['connected'] }
`;

/** The one-line message parseRules throws for `yaml`. */
function errorOf(yaml: string, source = 'rules/x.yml'): string {
  try {
    parseRules(yaml, source);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const message = (e as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('parseRules accepted the pack');
}

/** A pack with one rule: the valid rule above with `patch` applied. */
function rule(patch: string): string {
  return `rules:\n  - id: foo\n    category: config\n    title: T\n    hint: h\n${patch}`;
}

describe('parseRules', () => {
  it('parses a valid pack into plain rules', () => {
    const [r] = parseRules(ok, 'my.yml');
    expect(r).toEqual({
      id: 'db-down',
      category: 'config',
      title: 'Database down',
      patterns: [{ regex: 'connect ECONNREFUSED (\\S+)' }],
      hint: 'nothing listens on $1',
      suspects: ['.env*'],
      examples: { match: ['connect ECONNREFUSED 127.0.0.1:5432'], noMatch: ['connected'] },
      source: 'my.yml',
    });
  });

  it('accepts a top-level list, sequences and the i flag', () => {
    const rules = parseRules(
      `- id: seq
  category: test
  title: S
  flags: i
  patterns:
    - 'panic: (.+)'
    - sequence: ['^FAIL', 'exit status (\\d+)']
      within: 5
  hint: 'x $1'
`,
      'list.yml',
    );
    expect(rules[0].patterns).toEqual([
      { regex: '(?i)panic: (.+)' },
      { sequence: ['(?i)^FAIL', '(?i)exit status (\\d+)'], within: 5 },
    ]);
  });

  it.each([
    ['not YAML', 'rules: [\n  - id: x\n bad', /^rules\/x\.yml: not valid YAML: .+\(line \d+, column \d+\)$/],
    ['an empty file', '', /^rules\/x\.yml: the file is empty/],
    ['a scalar', 'hello', /^rules\/x\.yml: expected 'rules:' followed by a list of rules$/],
    ['an unknown top-level key', 'rule: []', /^rules\/x\.yml: unknown top-level key 'rule'/],
    ['a rule that is not a mapping', 'rules: [3]', /^rules\/x\.yml: rule 1: must be a mapping/],
    ['a missing id', 'rules:\n  - category: config\n', /^rules\/x\.yml: rule 1: has no 'id'$/],
    [
      'an id that is not kebab-case',
      'rules:\n  - id: Foo_Bar\n',
      /^rules\/x\.yml: rule 'Foo_Bar': 'id' must be kebab-case/,
    ],
    [
      'an unknown key (typo)',
      rule("    pattern: 'x+y'\n    sugestions: []\n"),
      /^rules\/x\.yml: rule 'foo': unknown key 'sugestions'/,
    ],
    [
      'a bad category',
      rule("    pattern: 'xy'\n").replace('config', 'configuration'),
      /rule 'foo': 'category' must be one of compile, test, .*not "configuration"/,
    ],
    ['no pattern', rule(''), /^rules\/x\.yml: rule 'foo': has no 'pattern' or 'patterns'$/],
    [
      'both pattern and patterns',
      rule("    pattern: 'a'\n    patterns: ['b']\n"),
      /rule 'foo': has both 'pattern' and 'patterns'/,
    ],
    [
      'an invalid regex',
      rule("    patterns: ['ok', 'a(b']\n"),
      /^rules\/x\.yml: rule 'foo': pattern 2 is not a valid regular expression: missing closing \)/,
    ],
    [
      'a lookahead',
      rule("    pattern: 'foo(?=bar)'\n"),
      /rule 'foo': pattern uses an unsupported construct: lookaround .* linear-time engine/,
    ],
    [
      'a backreference',
      rule("    pattern: '(a)x\\1'\n"),
      /rule 'foo': pattern uses an unsupported construct: backreferences/,
    ],
    [
      'a pattern matching everything',
      rule("    pattern: 'x*'\n"),
      /rule 'foo': pattern matches the empty string/,
    ],
    [
      'a bad sequence',
      rule('    patterns: [{sequence: [a]}]\n'),
      /rule 'foo': pattern 1: 'sequence' must be a list of 2 or more/,
    ],
    [
      'a sequence step that is not a string',
      rule('    patterns: [{sequence: [abc, [x]]}]\n'),
      /rule 'foo': pattern 1 step 2 must be a string/,
    ],
    [
      'a sequence with an unknown key',
      rule('    patterns: [{sequence: [abc, def], whithin: 3}]\n'),
      /pattern 1 has unknown key 'whithin'/,
    ],
    [
      'a window smaller than the sequence',
      rule('    patterns: [{sequence: [abc, def, ghi], within: 2}]\n'),
      /'within' \(2\) is smaller than the number of steps \(3\)/,
    ],
    [
      'an unknown flag',
      rule("    pattern: 'abc'\n    flags: g\n"),
      /rule 'foo': 'flags' may only be 'i', not "g"/,
    ],
    [
      'a hint naming a missing group',
      rule("    pattern: '(a)bc'\n    hint: 'see $2'\n").replace('    hint: h\n', ''),
      /rule 'foo': hint refers to \$2 but the patterns have at most 1 groups/,
    ],
    [
      'a hint naming a missing named group',
      rule("    pattern: '(?<mod>a)bc'\n    hint: 'see $<module>'\n").replace('    hint: h\n', ''),
      /hint refers to \$<module> but no pattern has a group named 'module'/,
    ],
    [
      'a non-string suspect',
      rule("    pattern: 'abc'\n    suspects: [{a: 1}]\n"),
      /'suspects' entry 1 must be a non-empty string/,
    ],
    [
      'examples with an unknown key',
      rule("    pattern: 'abc'\n    examples: {matches: [abc]}\n"),
      /'examples' has unknown key 'matches'/,
    ],
    [
      'a failing match example',
      rule("    pattern: 'abc'\n    examples: {match: [abd]}\n"),
      /^rules\/x\.yml: rule 'foo': example match 1 does not match: "abd"$/,
    ],
    [
      'a failing no_match example',
      rule("    pattern: 'abc'\n    examples: {no_match: [xabcx]}\n"),
      /rule 'foo': example no_match 1 matches: "xabcx"/,
    ],
    [
      'a duplicate id',
      rule("    pattern: 'abc'\n") + rule("    pattern: 'abc'\n").replace('rules:\n', ''),
      /rule 'foo': duplicate id in the same file/,
    ],
    [
      'an alias standing in for a pattern',
      rule('    suspects: &s [a, b]\n    pattern: *s\n'),
      /rule 'foo': 'pattern' must be a string/,
    ],
    [
      'an aliased rule repeated',
      rule("    pattern: 'abc'\n").replace('  - id: foo', '  - &r\n    id: foo') + '  - *r\n',
      /rule 'foo': duplicate id/,
    ],
    [
      'a merge key smuggling fields',
      rule("    pattern: 'abc'\n    <<: {evil: 1}\n"),
      /rule 'foo': unknown key 'evil'/,
    ],
  ])('rejects %s with a one-line message naming file, rule and problem', (_what, yaml, expected) => {
    expect(errorOf(yaml)).toMatch(expected);
  });

  it('never throws anything but InputError on junk', () => {
    for (const junk of [
      '{',
      ']]]',
      '- - - -',
      '!!js/function "f"',
      'rules: {a: 1}',
      '\u0000\u0001',
      'rules:\n  - null',
    ]) {
      try {
        parseRules(junk, 'junk.yml');
      } catch (e) {
        expect(e).toBeInstanceOf(InputError);
      }
    }
  });
});

describe('user packs and built-in packs', () => {
  it('a user rule with a built-in id overrides the built-in rule', () => {
    const user = parseRules(
      `rules:
  - id: disk-full
    category: infra
    title: Our disk
    pattern: 'disk quota exceeded'
    hint: 'ask ops'
`,
      'ours.yml',
    );
    const merged = mergeRules(builtinRules(), user);
    expect(merged.filter((r) => r.id === 'disk-full')).toEqual([
      expect.objectContaining({ title: 'Our disk' }),
    ]);
    // matchRules applies the same precedence when given the concatenation (the CLI appends user packs).
    const doc = documentOf('write: No space left on device\nerror: disk quota exceeded');
    const matches = matchRules(doc, [...builtinRules(), ...user]).filter((m) => m.id === 'disk-full');
    expect(matches).toEqual([
      expect.objectContaining({ title: 'Our disk', hint: 'ask ops', logLines: [2, 2] }),
    ]);
  });

  it('the generated module embeds exactly the packs in rules/', () => {
    const files = readdirSync('rules')
      .filter((f) => f.endsWith('.yml'))
      .sort();
    expect(BUILTIN_PACKS.map((p) => p.source)).toEqual(files.map((f) => `rules/${f}`));
    // each pack is embedded as its parsed YAML document (so the CLI loads no YAML parser at start-up)
    for (const p of BUILTIN_PACKS)
      expect(JSON.parse(p.json)).toEqual(load(readFileSync(p.source, 'utf8'), { filename: p.source }));
  });

  it('the built-in rules are the rules the YAML files give', () => {
    let fromYaml: ReturnType<typeof parseRules> = [];
    for (const p of BUILTIN_PACKS) {
      const text = readFileSync(p.source, 'utf8');
      fromYaml = mergeRules(
        fromYaml,
        parseRules(text, p.source, { checkExamples: false, precompiled: true }),
      );
    }
    expect(fromYaml.length).toBeGreaterThan(40);
    expect(builtinRules()).toEqual(fromYaml);
  });

  it('every built-in pack passes the full validation a user pack gets (the CLI skips it at run time)', () => {
    // builtinRules() checks the shape only and compiles patterns on first use; this is the guard that
    // every built-in pattern compiles, matches no empty string, and backs every hint reference.
    for (const p of BUILTIN_PACKS) {
      const full = parseRules(readFileSync(p.source, 'utf8'), p.source);
      expect(full.map((r) => r.id)).toEqual(
        builtinRules()
          .filter((r) => r.source === p.source)
          .map((r) => r.id),
      );
    }
    expect(() => parseRules(BAD_BUILTIN_LIKE, 'rules/x.yml', { precompiled: true })).not.toThrow();
    expect(() => parseRules(BAD_BUILTIN_LIKE, 'rules/x.yml')).toThrow(/is not a valid regular expression/);
  });

  it('a precompiled (built-in) rule compiles its pattern only when a line passes its literal gate', () => {
    const [rule] = parseRules(BAD_BUILTIN_LIKE, 'rules/x.yml', { precompiled: true });
    // No line contains the literal: the broken pattern is never compiled, nothing matches, nothing throws.
    expect(matchRules(documentOf('all good\nnothing here'), [rule])).toEqual([]);
    const lazy = lazyPattern('boom here (');
    expect(lazy.literals).toEqual(['boom here ']);
    expect(() => lazy.re).toThrow(/not a valid regular expression/);
    // A line passes the gate: the compilation fails, and the rule is dropped rather than failing the analysis.
    expect(matchRules(documentOf('boom here ('), [rule])).toEqual([]);
  });
});

const BAD_BUILTIN_LIKE = `rules:
  - id: broken
    category: config
    title: Broken
    pattern: 'boom here ('
    hint: h
`;
