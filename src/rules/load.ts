// Loading rule packs: YAML text → validated rules. The built-in packs (rules/*.yml) are embedded in
// builtin.generated.ts by scripts/gen-rules.mjs, so the bundle in dist/ runs without the rules/ folder.
import { load } from 'js-yaml';
import { InputError } from '../errors.js';
import type { Rule } from '../types.js';
import { BUILTIN_PACKS } from './builtin.generated.js';
import { checkExamples } from './match.js';
import { validateRulePack } from './validate.js';

export interface ParseOptions {
  /** Run each rule's examples and reject the pack when one fails (default true). */
  checkExamples?: boolean;
  /**
   * The pack was validated at build time (the built-in packs, see scripts/gen-rules.mjs): check its
   * shape only and compile each pattern on first use. User rule files are always compiled up front.
   */
  precompiled?: boolean;
}

const MAX_PACK_BYTES = 2 * 1024 * 1024;

/** Parses and validates one YAML rule pack. `source` names the file in error messages. */
export function parseRules(yamlText: string, source: string, options: ParseOptions = {}): Rule[] {
  if (yamlText.length > MAX_PACK_BYTES) throw new InputError(`${source}: rule pack larger than 2 MB`);
  let data: unknown;
  try {
    // js-yaml 4 `load` uses the safe default schema (no functions, no custom tags). Aliases are
    // resolved by reference, and validateRulePack accepts only strings where text is expected.
    data = load(yamlText, { filename: source });
  } catch (e) {
    const reason = String((e as { reason?: string }).reason ?? (e as Error).message).split('\n')[0];
    const mark = (e as { mark?: { line: number; column: number } }).mark;
    const at = mark ? ` (line ${mark.line + 1}, column ${mark.column + 1})` : '';
    throw new InputError(`${source}: not valid YAML: ${reason}${at}`);
  }
  const rules = validateRulePack(data, source, { precompiled: options.precompiled === true });
  if (options.checkExamples !== false) {
    for (const rule of rules) {
      const problems = checkExamples(rule);
      if (problems.length > 0)
        throw new InputError(`${source}: rule '${rule.id}': ${problems[0]}`.slice(0, 300));
    }
  }
  return rules;
}

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
 * The built-in packs shipped in rules/ (parsed once; their patterns and hints are validated by
 * scripts/gen-rules.mjs at build time, their examples by the test suite, so here each pattern is
 * compiled only when a log line first passes its literal gate).
 */
export function builtinRules(): Rule[] {
  if (!builtins) {
    builtins = [];
    for (const pack of BUILTIN_PACKS) {
      builtins = mergeRules(
        builtins,
        parseRules(pack.text, pack.source, { checkExamples: false, precompiled: true }),
      );
    }
  }
  return [...builtins];
}
