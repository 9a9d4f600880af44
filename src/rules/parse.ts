// Parsing a user rule pack: YAML text → validated rules. Kept apart from src/rules/load.ts (the built-in
// packs, embedded already parsed): the CLI loads js-yaml only when it is given a YAML pack.
import { load } from 'js-yaml';
import { InputError } from '../errors.js';
import type { Rule } from '../types.js';
import { checkExamples } from './match.js';
import { validateRulePack } from './validate.js';

export interface ParseOptions {
  /** Run each rule's examples and reject the pack when one fails (default true). */
  checkExamples?: boolean;
  /**
   * The pack is known valid (the built-in packs: the test suite gives them the full validation): check
   * its shape only and compile each pattern on first use. User rule files are always compiled up front.
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
