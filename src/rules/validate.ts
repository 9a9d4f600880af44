// Strict validation of a parsed rule pack: every key known, every value of the right shape, every
// pattern compilable on the linear-time engine. Errors are one line naming the file, the rule and the problem.
import { InputError } from '../errors.js';
import type { Rule, RuleCategory, RulePattern } from '../types.js';
import { compilePattern, PatternError, type CompiledPattern } from './regex.js';

export const RULE_CATEGORIES: readonly RuleCategory[] = [
  'compile',
  'test',
  'lint',
  'dependency',
  'config',
  'environment',
  'network',
  'infra',
  'data-shape',
  'compatibility',
  'runtime',
];

const RULE_KEYS = new Set([
  'id',
  'category',
  'title',
  'pattern',
  'patterns',
  'hint',
  'suspects',
  'flags',
  'examples',
]);
const ID_RE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const DEFAULT_WITHIN = 20;
const MAX_WITHIN = 1000;
const MAX_RULES = 2000;
const MAX_LIST = 100;
const MAX_TEXT = 2000;

type Fail = (problem: string) => never;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 200 ? t.slice(0, 197) + '...' : t;
}

function text(v: unknown, what: string, fail: Fail, max = MAX_TEXT): string {
  if (typeof v !== 'string' || v.trim() === '') fail(`${what} must be a non-empty string`);
  if (v.length > max) fail(`${what} is longer than ${max} characters`);
  return v;
}

function stringList(v: unknown, what: string, fail: Fail): string[] {
  if (!Array.isArray(v)) fail(`${what} must be a list of strings`);
  if (v.length > MAX_LIST) fail(`${what} has more than ${MAX_LIST} entries`);
  return v.map((s, i) => text(s, `${what} entry ${i + 1}`, fail));
}

/** Compiles a pattern, turning an engine error into a validation failure. */
function compile(pattern: string, ci: boolean, what: string, fail: Fail): CompiledPattern {
  try {
    return compilePattern(pattern, ci);
  } catch (e) {
    if (e instanceof PatternError) fail(`${what} ${e.message}`);
    throw e;
  }
}

function validatePatterns(
  raw: Record<string, unknown>,
  ci: boolean,
  fail: Fail,
  precompiled: boolean,
): { patterns: RulePattern[]; compiled: CompiledPattern[][] } {
  const hasOne = raw.pattern !== undefined;
  const hasMany = raw.patterns !== undefined;
  if (hasOne && hasMany) fail("has both 'pattern' and 'patterns': use one");
  if (!hasOne && !hasMany) fail("has no 'pattern' or 'patterns'");
  const entries: unknown[] = hasOne ? [raw.pattern] : (raw.patterns as unknown[]);
  if (hasMany && (!Array.isArray(raw.patterns) || raw.patterns.length === 0))
    fail("'patterns' must be a non-empty list");
  if (entries.length > MAX_LIST) fail(`has more than ${MAX_LIST} patterns`);
  const patterns: RulePattern[] = [];
  const compiled: CompiledPattern[][] = [];
  entries.forEach((entry, i) => {
    const what = hasOne ? 'pattern' : `pattern ${i + 1}`;
    if (typeof entry === 'string') {
      if (!precompiled) compiled.push([compile(entry, ci, what, fail)]);
      patterns.push({ regex: entry });
      return;
    }
    if (hasOne) fail("'pattern' must be a string (use 'patterns' for sequences)");
    if (!isPlainObject(entry)) fail(`${what} must be a string or {sequence: [...], within: N}`);
    for (const k of Object.keys(entry)) {
      if (k !== 'sequence' && k !== 'within')
        fail(`${what} has unknown key '${k}' (allowed: sequence, within)`);
    }
    const seq = entry.sequence;
    if (!Array.isArray(seq) || seq.length < 2)
      fail(`${what}: 'sequence' must be a list of 2 or more regular expressions`);
    if (seq.length > MAX_LIST) fail(`${what}: 'sequence' has more than ${MAX_LIST} steps`);
    const steps = seq.map((s, j) => {
      if (typeof s !== 'string') fail(`${what} step ${j + 1} must be a string`);
      return precompiled ? undefined : compile(s, ci, `${what} step ${j + 1}`, fail);
    });
    let within = DEFAULT_WITHIN;
    if (entry.within !== undefined) {
      if (typeof entry.within !== 'number' || !Number.isInteger(entry.within) || entry.within > MAX_WITHIN)
        fail(`${what}: 'within' must be an integer up to ${MAX_WITHIN}`);
      within = entry.within;
    }
    if (within < seq.length)
      fail(`${what}: 'within' (${within}) is smaller than the number of steps (${seq.length})`);
    if (!precompiled) compiled.push(steps as CompiledPattern[]);
    patterns.push({ sequence: seq as string[], within });
  });
  return { patterns, compiled };
}

/** Every `$N` / `$<name>` of the hint must exist in at least one pattern. */
function validateHint(hint: string, compiled: CompiledPattern[][], fail: Fail): void {
  const groupsOf = (steps: CompiledPattern[]) => steps.reduce((n, s) => n + s.groups, 0);
  const maxGroups = Math.max(...compiled.map(groupsOf));
  const names = new Set(compiled.flatMap((steps) => steps.flatMap((s) => Object.keys(s.names))));
  for (const m of hint.matchAll(/\$(?:(\d+)|<([^>]*)>|\{(\d+)\}|\$)/g)) {
    if (m[0] === '$$') continue;
    const num = m[1] ?? m[3];
    if (num !== undefined) {
      const n = Number(num);
      if (n === 0 || n > maxGroups)
        fail(
          `hint refers to $${num} but ${maxGroups === 0 ? 'no pattern has a capture group' : `the patterns have at most ${maxGroups} groups`}`,
        );
    } else if (!names.has(m[2])) {
      fail(`hint refers to $<${m[2]}> but no pattern has a group named '${m[2]}'`);
    }
  }
}

function validateExamples(v: unknown, fail: Fail): Rule['examples'] {
  if (!isPlainObject(v)) fail("'examples' must be a mapping with 'match' and 'no_match' lists");
  for (const k of Object.keys(v)) {
    if (k !== 'match' && k !== 'no_match')
      fail(`'examples' has unknown key '${k}' (allowed: match, no_match)`);
  }
  const out: NonNullable<Rule['examples']> = {};
  if (v.match !== undefined) out.match = stringList(v.match, "'examples.match'", fail);
  if (v.no_match !== undefined) out.noMatch = stringList(v.no_match, "'examples.no_match'", fail);
  return out;
}

/** Validates one rule; `where` is `file: rule 'id'` or `file: rule 3` for messages. */
function validateRule(
  raw: unknown,
  index: number,
  source: string,
  precompiled: boolean,
): { rule: Rule; compiled: CompiledPattern[][] } {
  let where = `${source}: rule ${index + 1}`;
  const fail: Fail = (problem) => {
    throw new InputError(oneLine(`${where}: ${problem}`));
  };
  if (!isPlainObject(raw)) fail('must be a mapping with id, category, title, pattern(s) and hint');
  if (typeof raw.id === 'string' && raw.id.length <= 100) where = `${source}: rule '${raw.id}'`;
  for (const k of Object.keys(raw)) {
    if (!RULE_KEYS.has(k)) fail(`unknown key '${k}' (allowed: ${[...RULE_KEYS].join(', ')})`);
  }
  if (raw.id === undefined) fail("has no 'id'");
  if (typeof raw.id !== 'string' || !ID_RE.test(raw.id) || raw.id.length > 100)
    fail(`'id' must be kebab-case (like 'missing-module'), not ${JSON.stringify(raw.id)}`);
  if (!RULE_CATEGORIES.includes(raw.category as RuleCategory))
    fail(
      `'category' must be one of ${RULE_CATEGORIES.join(', ')}, not ${JSON.stringify(raw.category ?? null)}`,
    );
  const title = text(raw.title, "'title'", fail, 200);
  const hint = text(raw.hint, "'hint'", fail);
  let ci = false;
  if (raw.flags !== undefined) {
    if (raw.flags !== 'i' && raw.flags !== '')
      fail(`'flags' may only be 'i', not ${JSON.stringify(raw.flags)}`);
    ci = raw.flags === 'i';
  }
  const { patterns, compiled } = validatePatterns(raw, ci, fail, precompiled);
  if (!precompiled) validateHint(hint, compiled, fail);
  const rule: Rule = {
    id: raw.id,
    category: raw.category as RuleCategory,
    title,
    // The `i` flag travels inside each pattern as RE2's inline `(?i)`, so a Rule stays plain data.
    patterns: ci ? patterns.map(withInlineFlag) : patterns,
    hint,
    source,
  };
  if (raw.suspects !== undefined) rule.suspects = stringList(raw.suspects, "'suspects'", fail);
  if (raw.examples !== undefined) rule.examples = validateExamples(raw.examples, fail);
  return { rule, compiled };
}

function withInlineFlag(p: RulePattern): RulePattern {
  return p.regex !== undefined
    ? { regex: `(?i)${p.regex}` }
    : { ...p, sequence: p.sequence!.map((s) => `(?i)${s}`) };
}

/**
 * Rules whose patterns were validated (compiled here, or at build time for the built-in packs): the
 * matcher may compile their patterns lazily, on first use (see lazyPattern in regex.ts).
 */
export const validatedRules = new WeakSet<Rule>();

export interface ValidateOptions {
  /**
   * The patterns were already compiled and the hints checked (the built-in packs: by
   * scripts/gen-rules.mjs at build time and by the test suite): check the shape only, and let the
   * matcher compile each pattern when it first needs it. Never set for user rule files.
   */
  precompiled?: boolean;
}

/** Validates the loaded YAML value of a whole pack (`rules: [...]` or a top-level list). */
export function validateRulePack(data: unknown, source: string, options: ValidateOptions = {}): Rule[] {
  const precompiled = options.precompiled === true;
  let list: unknown;
  if (Array.isArray(data)) list = data;
  else if (isPlainObject(data)) {
    for (const k of Object.keys(data)) {
      if (k !== 'rules')
        throw new InputError(`${source}: unknown top-level key '${oneLine(k)}' (expected 'rules')`);
    }
    list = data.rules;
  } else if (data === undefined || data === null) {
    throw new InputError(`${source}: the file is empty (expected 'rules: [...]')`);
  }
  if (!Array.isArray(list)) throw new InputError(`${source}: expected 'rules:' followed by a list of rules`);
  if (list.length > MAX_RULES) throw new InputError(`${source}: more than ${MAX_RULES} rules`);
  const seen = new Set<string>();
  const rules: Rule[] = [];
  list.forEach((raw, i) => {
    const { rule } = validateRule(raw, i, source, precompiled);
    if (seen.has(rule.id))
      throw new InputError(`${source}: rule '${rule.id}': duplicate id in the same file`);
    seen.add(rule.id);
    validatedRules.add(rule);
    rules.push(rule);
  });
  return rules;
}
