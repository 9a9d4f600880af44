// Every built-in rule's examples: each `match` example must match, each `no_match` must not.
// One test per rule id, so a failure names the rule.
import { builtinRules } from '../../src/rules/load.js';
import { checkExamples, compileRule } from '../../src/rules/match.js';

const rules = builtinRules();

describe('built-in rule packs', () => {
  it('load, with unique ids, from every pack', () => {
    expect(rules.length).toBeGreaterThanOrEqual(40);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    const sources = new Set(rules.map((r) => r.source));
    expect([...sources].sort()).toEqual([
      'rules/compile-test-lint.yml',
      'rules/configuration.yml',
      'rules/data-shape.yml',
      'rules/dependencies.yml',
      'rules/environment.yml',
      'rules/infrastructure.yml',
    ]);
  });

  describe.each(rules.map((r) => [r.id, r] as const))('%s', (_id, rule) => {
    it('has 2+ match and 1+ no_match examples', () => {
      expect(rule.examples?.match?.length ?? 0).toBeGreaterThanOrEqual(2);
      expect(rule.examples?.noMatch?.length ?? 0).toBeGreaterThanOrEqual(1);
    });
    it('passes its examples', () => {
      expect(checkExamples(rule)).toEqual([]);
    });
    it('has a prefilter literal for every pattern (so it does not run on every line)', () => {
      const compiled = compileRule(rule)!;
      for (const p of compiled.patterns)
        for (const s of p.steps) expect([s.source, s.literals.length > 0]).toEqual([s.source, true]);
    });
    it('names in its hint only captures every pattern can provide, or tolerates their absence', () => {
      // Every `$<name>` used must be a group of at least one pattern (the loader checks this too).
      const compiled = compileRule(rule)!;
      const names = new Set(compiled.patterns.flatMap((p) => p.steps.flatMap((s) => Object.keys(s.names))));
      for (const m of rule.hint.matchAll(/\$<([^>]+)>/g)) expect(names.has(m[1])).toBe(true);
    });
  });
});
