import type { LogDocument, PatternMatch, Rule } from '../types.js';

/** Matches rules against the normalised lines of a log. */
export function matchRules(_doc: LogDocument, _rules: Rule[]): PatternMatch[] {
  return [];
}
