// Joins findings, change set and matched patterns into ranked suspects and a verdict. Pure.
import type { ChangeSet, Finding, LogSegment, PatternMatch, Report } from '../types.js';
import { REPORT_VERSION, TOOL_NAME, TOOL_VERSION } from '../version.js';
import { rankCommits, rankSuspects, type RankedSuspect } from './suspects.js';
import { decideVerdict, type RunHistory } from './verdict.js';
import { bisectSuggestion } from './bisect.js';

export type { RunHistory } from './verdict.js';
export { findingSignature } from './verdict.js';
export { attachExcerpts } from './excerpt.js';
export { namedFiles } from './callers.js';

export interface AnalyzeInput {
  findings: Finding[];
  patterns: PatternMatch[];
  changeSet?: ChangeSet;
  maxSuspects?: number;
  /**
   * Other runs of the workflow, when the caller (the action) knows them: enables the 'base-broken'
   * and 'flaky' origins of the verdict. Optional; without it those origins are never concluded.
   */
  history?: RunHistory;
  /** The log's job/step segments (LogDocument.segments): the failing step's command for the bisect suggestion. */
  segments?: LogSegment[];
}

function rangeNotes(cs: ChangeSet): string[] {
  const notes: string[] = [];
  if (cs.totalFiles !== undefined && cs.totalFiles > cs.files.length) {
    notes.push(`${cs.totalFiles} files changed, ${cs.files.length} analysed (the source listed no more).`);
  }
  const noPatch = cs.files.filter((f) => f.patchMissing && !f.binary);
  if (noPatch.length) {
    const names = noPatch.slice(0, 5).map((f) => f.path);
    const more = noPatch.length > names.length ? ` and ${noPatch.length - names.length} more` : '';
    notes.push(
      `No patch for ${noPatch.length} file${noPatch.length === 1 ? '' : 's'} (${names.join(', ')}${more}): only names and line counts were used.`,
    );
  }
  if (!cs.files.length)
    notes.push('The change set is empty: the head is the last green commit, or the range is unknown.');
  for (const n of cs.notes ?? []) if (typeof n === 'string' && n) notes.push(n);
  return notes;
}

/** Joins findings, change set and matched patterns into ranked suspects and a verdict. Pure. */
export function analyze(input: AnalyzeInput): Report {
  const findings = Array.isArray(input.findings) ? input.findings : [];
  const patterns = Array.isArray(input.patterns) ? input.patterns : [];
  const cs = input.changeSet;
  const ranked: RankedSuspect[] = rankSuspects(findings, patterns, cs, { maxSuspects: input.maxSuspects });
  const verdict = decideVerdict(findings, patterns, ranked, input.history, !!cs);
  // RankedSuspect carries its contributions for the verdict; the report keeps the Suspect fields only.
  const suspects = ranked.map(({ path, score, confidence, reasons, lines, commits }) => ({
    path,
    score,
    confidence,
    reasons,
    lines,
    commits,
  }));
  const notes: string[] = [];
  if (!cs) notes.push('No repository given: findings only.');
  else notes.push(...rangeNotes(cs));
  if (!findings.length) notes.push('No error was recognised in the log.');

  const report: Report = {
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    verdict,
    findings,
    suspects,
    patterns,
    notes,
  };
  if (cs?.base) report.base = { sha: cs.base, ...(cs.baseSource ? { source: cs.baseSource } : {}) };
  if (cs?.head) report.head = { sha: cs.head };
  if (cs) {
    report.range = {
      commits: cs.commits?.length ?? 0,
      files: Math.max(cs.totalFiles ?? 0, cs.files.length),
      filesAnalysed: cs.files.length,
      ...(cs.baseSource ? { baseSource: cs.baseSource } : {}),
    };
    const commits = rankCommits(suspects, cs.commits ?? []);
    if (commits.length) report.commits = commits;
    const bisect = bisectSuggestion(cs, suspects, verdict, findings, input.segments);
    if (bisect) report.bisect = bisect;
  }
  return report;
}
