// Loading rule packs. The built-in packs (rules/*.yml) are embedded in builtin.generated.ts by
// scripts/gen-rules.mjs, already parsed: the bundle in dist/ runs without the rules/ folder, and loading
// them needs no YAML parser, so the CLI's start-up does not load js-yaml (src/rules/parse.ts parses the
// YAML packs users give).
import type { Rule } from '../types.js';
import { BUILTIN_PACKS } from './builtin.generated.js';
import { validateRulePack } from './validate.js';

/**
 * Adds `extra` rules to `base`: a rule whose id already exists replaces it (a user pack overrides a
 * built-in rule of the same id), others are appended.
 */
export function mergeRules(base: Rule[], extra: Rule[]): Rule[] {
  const byId = new Map(base.map((r) => [r.id, r] as const));
  for (const r of extra) byId.set(r.id, r);
  return [...byId.values()];
}

let builtins: Rule[] | undefined;

/**
 * The built-in packs shipped in rules/ (validated once; their patterns and hints are checked by the
 * test suite with the full validation a user pack gets, so here each pattern is compiled only when a
 * log line first passes its literal gate).
 */
export function builtinRules(): Rule[] {
  if (!builtins) {
    builtins = [];
    for (const pack of BUILTIN_PACKS) {
      const document: unknown = JSON.parse(pack.json);
      builtins = mergeRules(builtins, validateRulePack(document, pack.source, { precompiled: true }));
    }
  }
  return [...builtins];
}
