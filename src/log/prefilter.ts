// The cheap first pass of the streaming reader (src/log/stream.ts): which raw lines are worth reading
// closely. Most lines of a big log explain nothing; the extractors and rules only run on windows of
// lines around CANDIDATE lines, so a candidate pattern must match (at least) every line an extractor or
// a built-in rule anchors on. The scan runs over whole blocks of raw text with one global regex, so its
// cost is close to one pass of V8's regex engine over the bytes (no per-line work for most lines).
//
// The vocabulary comes from what the extractors (src/log/extractors/) and the built-in rules (rules/*.yml)
// look for: error words, test-failure marks of each runner, exit closers, and the anchors of the rules
// whose literals say none of these words (`Killed`, `ECONNRESET`, `rate limit` ...). A test checks that
// every `match` example of every built-in rule contains a candidate (__tests__/log/prefilter.test.ts).
// Rules given by the user whose literals the vocabulary misses add their literals (extraVocabulary).
//
// Every alternative is a plain word or a short fixed string: no quantifier nests, so the scan is linear.

/**
 * Case-insensitive words a candidate line contains. Kept short on purpose: the scan's speed depends on
 * the number of alternatives (V8 tries them one by one at each position), and the windows around each
 * candidate (src/log/stream.ts) bring the lines without these words that extractors and rules also read
 * (a flake8 or go vet listing before `Error: Process completed with exit code 1`, a stack trace after a
 * `Traceback`).
 */
const WORDS = [
  'error', // error, errors, ERROR, TypeError, error[E0308], error TS2305, npm ERR!, ##[error], mypy `Found 2 errors`
  'err!',
  'fail', // fail, failed, FAILED, failure, --- FAIL:, FAILURES!, N failing, assertion failed
  'exception',
  'traceback',
  'panic', // panic:, panicked at
  'fatal',
  'abort',
  'assert', // AssertionError, assert x == y
  'killed',
  'timed out',
  'timeout',
  'denied',
  'refused',
  'not found',
  'cannot',
  'not ok', // TAP
  'exit code',
  'what went wrong', // gradle
];

// Test runners' marks (jest ●, vitest ×, node --test ✖) are not in the scan: a case-insensitive scan for
// non-ASCII characters costs as much as all the words together, and each runner prints `FAIL` or
// `failing` next to them, whose window brings them.

export const CANDIDATE_SOURCE = WORDS.map(escape).join('|');

/** Escapes a string for use inside a RegExp. */
export function escape(literal: string): string {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The global, case-insensitive candidate pattern (a new RegExp each call: global regexes keep state). */
export function candidatePattern(extra: string[] = []): RegExp {
  const more = extra.filter((l) => l.length > 0).map(escape);
  return new RegExp(more.length ? `${CANDIDATE_SOURCE}|${more.join('|')}` : CANDIDATE_SOURCE, 'gi');
}

/** True when a single line (raw or normalised) is a candidate. */
export function isCandidate(line: string, pattern: RegExp = candidatePattern()): boolean {
  pattern.lastIndex = 0;
  const hit = pattern.test(line);
  pattern.lastIndex = 0;
  return hit;
}

/**
 * Literals of rules that no candidate covers: each must become part of the vocabulary, or lines matching
 * those rules would never reach the rules engine. Takes the rules' required literals (see src/rules/regex.ts).
 */
export function extraVocabulary(literals: string[]): string[] {
  const base = candidatePattern();
  const out: string[] = [];
  for (const lit of literals) if (!isCandidate(lit, base)) out.push(lit);
  return [...new Set(out)];
}

/**
 * Raw lines the job/step segmenter (src/log/segment.ts) must see normalised: gh cli columns (a TAB then a
 * timestamp), Travis markers, `##[...]` markers (GitHub groups, the joined-log job header), the runner's
 * post/cleanup lines, Jenkins stages. Every other line only extends the current segment.
 */
export function segmentHintPattern(): RegExp {
  // The gh cli branch (a class-led sequence) comes last: V8 tries the alternatives in order at each
  // position, and the fixed strings first scan ~40% faster (the leftmost match, all the scan uses, is
  // the same whatever the order).
  return /##\[|travis_|\[Pipeline\] |Post job cleanup\.|Cleaning up orphan processes|\t\uFEFF?\d{4}-\d\d-\d\dT/g;
}
