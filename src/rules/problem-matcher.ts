// GitHub problem matchers (the JSON files given to `::add-matcher::`) loaded as rules, so the
// matchers a project already has become failure patterns. Multi-line matchers become sequences of
// adjacent lines; `loop` (repeat the last line) is best effort: the first occurrence is reported.
import { InputError } from '../errors.js';
import type { Rule, RuleCategory } from '../types.js';
import { compilePattern, PatternError } from './regex.js';

const MATCHER_KEYS = new Set(['owner', 'severity', 'pattern', 'fromPath']);
const PATTERN_KEYS = new Set([
  'regexp',
  'file',
  'fromPath',
  'line',
  'endLine',
  'column',
  'endColumn',
  'severity',
  'code',
  'message',
  'loop',
]);
const FIELDS = ['file', 'line', 'column', 'severity', 'code', 'message'] as const;
type Field = (typeof FIELDS)[number];

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The category a matcher's findings belong to, from its owner name (linters are 'lint'). */
export function matcherCategory(owner: string): RuleCategory {
  const o = owner.toLowerCase();
  if (
    /lint|eslint|stylelint|flake8|pylint|ruff|rubocop|checkstyle|shellcheck|prettier|clippy|hadolint|vet/.test(
      o,
    )
  )
    return 'lint';
  if (/test|jest|mocha|pytest|junit|vitest|spec/.test(o)) return 'test';
  return 'compile';
}

function kebab(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'matcher'
  );
}

/** The number of capture groups of a matcher regexp; `fail` when re2js cannot compile it. */
function groupCount(regexp: string, fail: (problem: string) => never): number {
  try {
    return compilePattern(regexp).groups;
  } catch (e) {
    if (e instanceof PatternError) fail(e.message);
    throw e;
  }
}

/** Builds the hint from the capture fields: `<message> [<code>] at <file>:<line>:<column>`. */
function matcherHint(owner: string, groups: Partial<Record<Field, number>>): string {
  const ref = (f: Field) => (groups[f] ? `$${groups[f]}` : '');
  let hint = `Reported by the '${owner}' problem matcher`;
  if (groups.message) hint += `: ${ref('message')}`;
  if (groups.code) hint += ` [${ref('code')}]`;
  if (groups.file) {
    hint += ` at ${ref('file')}`;
    if (groups.line) hint += `:${ref('line')}`;
    if (groups.column) hint += `:${ref('column')}`;
  }
  return `${hint}. Fix it at that location, or check the change that touched it.`;
}

/**
 * Parses a problem-matcher JSON file (`{problemMatcher: [{owner, pattern: [{regexp, file, line, ...}]}]}`)
 * into rules with ids `matcher-<owner>`. `source` names the file in error messages (InputError).
 */
export function parseProblemMatchers(jsonText: string, source: string): Rule[] {
  let data: unknown;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new InputError(`${source}: not valid JSON: ${String((e as Error).message).split('\n')[0]}`);
  }
  if (!isPlainObject(data) || !Array.isArray(data.problemMatcher))
    throw new InputError(`${source}: expected {"problemMatcher": [...]} (a GitHub problem matcher file)`);
  const rules: Rule[] = [];
  const ids = new Set<string>();
  data.problemMatcher.forEach((m: unknown, mi: number) => {
    let where = `${source}: problem matcher ${mi + 1}`;
    const fail = (problem: string): never => {
      throw new InputError(`${where}: ${problem}`.replace(/\s+/g, ' ').slice(0, 400));
    };
    if (!isPlainObject(m)) return fail('must be an object with owner and pattern');
    if (typeof m.owner !== 'string' || m.owner.trim() === '') return fail("has no 'owner'");
    const owner = m.owner.slice(0, 100);
    where = `${source}: problem matcher '${owner}'`;
    for (const k of Object.keys(m)) if (!MATCHER_KEYS.has(k)) fail(`unknown key '${k}'`);
    const entries = Array.isArray(m.pattern) ? m.pattern : isPlainObject(m.pattern) ? [m.pattern] : [];
    if (entries.length === 0) fail("'pattern' must be a non-empty list of {regexp, ...}");
    if (entries.length > 20) fail("'pattern' has more than 20 entries");
    const steps: string[] = [];
    const fields: Partial<Record<Field, number>> = {};
    let offset = 0;
    entries.forEach((p: unknown, pi: number) => {
      const what = `pattern ${pi + 1}`;
      if (!isPlainObject(p)) return fail(`${what} must be an object with 'regexp'`);
      for (const k of Object.keys(p)) if (!PATTERN_KEYS.has(k)) fail(`${what} has unknown key '${k}'`);
      if (typeof p.regexp !== 'string') return fail(`${what} has no 'regexp' string`);
      const groups = groupCount(p.regexp, (problem) => fail(`${what} ${problem}`));
      for (const f of FIELDS) {
        const g = p[f];
        if (g === undefined) continue;
        if (typeof g !== 'number' || !Number.isInteger(g) || g < 1 || g > groups)
          fail(`${what}: '${f}' must be a group number from 1 to ${groups}`);
        fields[f] = offset + (g as number);
      }
      if (p.loop !== undefined && typeof p.loop !== 'boolean') fail(`${what}: 'loop' must be true or false`);
      steps.push(p.regexp);
      offset += groups;
    });
    let id = `matcher-${kebab(owner)}`;
    for (let n = 2; ids.has(id); n++) id = `matcher-${kebab(owner)}-${n}`;
    ids.add(id);
    rules.push({
      id,
      category: matcherCategory(owner),
      title: `Problem matcher '${owner}'`,
      patterns: steps.length === 1 ? [{ regex: steps[0] }] : [{ sequence: steps, within: steps.length }],
      hint: matcherHint(owner, fields),
      source,
    });
  });
  return rules;
}
