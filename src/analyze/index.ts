import type { ChangeSet, Finding, PatternMatch, Report } from '../types.js';

export interface AnalyzeInput {
  findings: Finding[];
  patterns: PatternMatch[];
  changeSet?: ChangeSet;
  maxSuspects?: number;
}

/** Joins findings, change set and matched patterns into ranked suspects and a verdict. Pure. */
export function analyze(input: AnalyzeInput): Report {
  return {
    version: '1.0.0',
    tool: { name: 'ci-root-cause', version: '0.1.0' },
    verdict: { category: 'unknown', origin: 'unknown', summary: 'No analysis yet.', confidence: 0 },
    findings: input.findings,
    suspects: [],
    patterns: input.patterns,
    notes: [],
  };
}
