// Rule patterns compiled with re2js: a linear-time engine, so no pattern (ours or a user's) can
// backtrack catastrophically on a hostile log line. Also derives a cheap literal prefilter per pattern.
import { RE2JS } from 're2js';

export interface CompiledPattern {
  source: string;
  re: RE2JS;
  /** Number of capture groups. */
  groups: number;
  /** Named groups → group index. */
  names: Record<string, number>;
  /** Strings one of which every matching line must contain (empty: no prefilter, test every line). */
  literals: string[];
  /** True when the literals are lower-cased and must be looked up in the lower-cased line. */
  foldCase: boolean;
}

/** Thrown by compilePattern; the loader turns it into an InputError naming file and rule. */
export class PatternError extends Error {
  override name = 'PatternError';
}

const MAX_PATTERN_LENGTH = 4000;

/**
 * Compiled engines by source (re2js compilation is most of the start-up time: ~0.5 s for the built-in
 * rules). An RE2JS object keeps no match state, so one serves every rule that uses its pattern.
 */
const engines = new Map<string, RE2JS>();
const MAX_ENGINES = 4096;

/**
 * Rewrites the JavaScript-only escapes RE2 lacks: `\uXXXX` → `\x{XXXX}`, `\u{X}` → `\x{X}`,
 * `\cX` stays unsupported. Everything else (named groups `(?<n>..)` included) is accepted by re2js as is.
 */
export function translatePattern(pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if (next === 'u') {
      const braced = /^\{([0-9A-Fa-f]{1,6})\}/.exec(pattern.slice(i + 2, i + 10));
      if (braced) {
        out += `\\x{${braced[1]}}`;
        i += 1 + braced[0].length;
        continue;
      }
      const hex = pattern.slice(i + 2, i + 6);
      if (/^[0-9A-Fa-f]{4}$/.test(hex)) {
        out += `\\x{${hex}}`;
        i += 5;
        continue;
      }
    }
    out += c + (next ?? '');
    i++;
  }
  return out;
}

/** Names the construct that makes a pattern unusable on a linear-time engine, if any. */
function unsupportedConstruct(pattern: string): string | undefined {
  if (/\(\?<?[=!]/.test(pattern)) return 'lookaround assertions ((?=, (?!, (?<=, (?<!) are not supported';
  if (/\(\?>/.test(pattern)) return 'atomic groups (?>...) are not supported';
  if (/(^|[^\\])(\\\\)*\\([1-9]|k<)/.test(pattern))
    return 'backreferences (\\1, \\k<name>) are not supported';
  if (/[*+?}][+]/.test(pattern.replace(/\\./g, '')))
    return 'possessive quantifiers (a++, a*+) are not supported';
  return undefined;
}

/**
 * Compiles one pattern. `caseInsensitive` adds the `i` flag. Throws PatternError with a message that
 * says what is wrong (unsupported construct or the engine's syntax error).
 */
export function compilePattern(pattern: string, caseInsensitive = false): CompiledPattern {
  if (pattern.length === 0) throw new PatternError('is empty');
  if (pattern.length > MAX_PATTERN_LENGTH)
    throw new PatternError(`is longer than ${MAX_PATTERN_LENGTH} characters`);
  const translated = translatePattern(pattern);
  // The `i` flag and an inline `(?i)` prefix compile to the same program: one compilation serves both
  // (the loader validates `flags: i` patterns, the matcher then compiles them with `(?i)` prepended).
  const key = caseInsensitive ? `(?i)${translated}` : translated;
  let re = engines.get(key);
  try {
    if (!re) {
      re = RE2JS.compile(translated, caseInsensitive ? RE2JS.CASE_INSENSITIVE : 0);
      if (engines.size >= MAX_ENGINES) engines.clear();
      engines.set(key, re);
    }
  } catch (e) {
    const construct = unsupportedConstruct(pattern);
    const detail = String((e as Error).message ?? e)
      .replace(/^error parsing regexp: /, '')
      .split('\n')[0];
    throw new PatternError(
      construct
        ? `uses an unsupported construct: ${construct} (patterns run on a linear-time engine)`
        : `is not a valid regular expression: ${detail}`,
    );
  }
  if (re.test('')) throw new PatternError('matches the empty string, so it would match every line');
  const { literals, foldCase } = patternGate(pattern, caseInsensitive);
  return {
    source: pattern,
    re,
    groups: re.groupCount(),
    names: { ...(re.namedGroups() as Record<string, number>) },
    literals,
    foldCase,
  };
}

/** The literal prefilter of a pattern (no compilation). */
function patternGate(pattern: string, caseInsensitive: boolean): { literals: string[]; foldCase: boolean } {
  const foldCase = caseInsensitive || /\(\?[a-zA-Z]*i/.test(pattern);
  const literals = requiredLiterals(pattern).map((l) => (foldCase ? l.toLowerCase() : l));
  return { literals, foldCase };
}

/**
 * A pattern already validated (the built-in packs, checked at build time and by the tests): its literal
 * prefilter is derived now, the engine is compiled on first use — most rules never see a line that
 * passes their literal gate, and re2js compilation is most of the start-up time. Throws PatternError on
 * first use if the pattern does not compile after all.
 */
export function lazyPattern(pattern: string): CompiledPattern {
  const { literals, foldCase } = patternGate(pattern, false);
  let compiled: CompiledPattern | undefined;
  const get = () => (compiled ??= compilePattern(pattern));
  return {
    source: pattern,
    get re() {
      return get().re;
    },
    get groups() {
      return get().groups;
    },
    get names() {
      return get().names;
    },
    literals,
    foldCase,
  };
}

const MIN_LITERAL = 3;

/** Characters that, escaped, stand for a class or an assertion rather than themselves. */
const ESCAPE_CLASSES = new Set('dDwWsSbBpPAzxQEnrtfv0123456789'.split(''));

/** Index just past the group or class that starts at `i` (pattern[i] is `(` or `[`). */
function skipBalanced(p: string, i: number): number {
  if (p[i] === '[') {
    let j = i + 1;
    if (p[j] === '^') j++;
    if (p[j] === ']') j++;
    for (; j < p.length; j++) {
      if (p[j] === '\\') j++;
      else if (p[j] === '[' && p[j + 1] === ':') {
        const close = p.indexOf(':]', j + 2);
        if (close > 0) j = close + 1;
      } else if (p[j] === ']') return j + 1;
    }
    return p.length;
  }
  let depth = 0;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '[') j = skipBalanced(p, j) - 1;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return p.length;
}

/** Splits a pattern at its top-level `|`. */
function topLevelAlternatives(p: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let j = 0; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') j++;
    else if (c === '[' || c === '(') j = skipBalanced(p, j) - 1;
    else if (c === '|') {
      parts.push(p.slice(start, j));
      start = j + 1;
    }
  }
  parts.push(p.slice(start));
  return parts;
}

/** The longest run of literal text that every match of one alternative must contain. */
function longestLiteral(p: string): string {
  let best = '';
  let run = '';
  const flush = () => {
    if (run.length > best.length) best = run;
    run = '';
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    let lit: string | undefined;
    let next = i + 1;
    if (c === '\\') {
      const e = p[i + 1];
      if (e === undefined || ESCAPE_CLASSES.has(e) || /[a-zA-Z]/.test(e)) {
        flush();
        i++;
        continue;
      }
      lit = e;
      next = i + 2;
    } else if (c === '(' || c === '[') {
      flush();
      i = skipBalanced(p, i) - 1;
      continue;
    } else if ('.^$)'.includes(c)) {
      flush();
      continue;
    } else if ('*?{+'.includes(c)) {
      // A quantifier with nothing literal before it (after a group, a class or `.`): skip `{n,m}` whole.
      flush();
      const rep = c === '{' ? /^\{\d*(?:,\d*)?\}/.exec(p.slice(i, i + 24)) : null;
      if (rep) i += rep[0].length - 1;
      continue;
    } else {
      lit = c;
    }
    const q = p[next];
    if (q === '*' || q === '?' || q === '{') {
      // The character is optional (or repeated a variable number of times): the run ends before it.
      flush();
      i = next - 1;
      continue;
    }
    run += lit;
    if (q === '+') flush();
    i = next - 1;
  }
  flush();
  return best;
}

/**
 * Literal strings such that every line the pattern matches contains at least one of them; empty when
 * no useful literal exists (then the pattern runs on every line). Conservative by construction:
 * groups, classes and optional characters break a literal run.
 */
export function requiredLiterals(pattern: string): string[] {
  const alternatives = topLevelAlternatives(pattern);
  const literals: string[] = [];
  for (const alt of alternatives) {
    const lit = longestLiteral(alt);
    if (lit.length < MIN_LITERAL) return [];
    literals.push(lit);
  }
  return [...new Set(literals)];
}
