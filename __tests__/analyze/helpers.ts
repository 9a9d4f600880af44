// Builders of plain data (findings, change sets) for the analyzer tests.
import type { ChangedFile, ChangeSet, Commit, Finding, Hunk, PatternMatch } from '../../src/types.js';

export function finding(p: Partial<Finding> & Pick<Finding, 'kind' | 'message'>): Finding {
  return { tool: 'tsc', logLines: [1, 1], weight: 1, ...p };
}

/** A hunk whose added lines are `added` (head line → text) and removed lines `removed` (base line → text). */
export function hunk(
  newStart: number,
  added: [number, string][],
  removed: [number, string][] = [],
  commit?: string,
  oldStart = newStart,
): Hunk {
  return {
    oldStart,
    oldLines: removed.length + 3,
    newStart,
    newLines: added.length + 3,
    added: added.map(([line, text]) => ({ line, text })),
    removed: removed.map(([line, text]) => ({ line, text })),
    ...(commit ? { commit } : {}),
  };
}

export function file(path: string, hunks: Hunk[], extra: Partial<ChangedFile> = {}): ChangedFile {
  const additions = hunks.reduce((s, h) => s + h.added.length, 0);
  const deletions = hunks.reduce((s, h) => s + h.removed.length, 0);
  const commits = [...new Set(hunks.map((h) => h.commit).filter((c): c is string => !!c))];
  return { path, status: 'modified', additions, deletions, hunks, commits, ...extra };
}

export function changeSet(
  files: ChangedFile[],
  commits: Commit[] = [],
  extra: Partial<ChangeSet> = {},
): ChangeSet {
  return {
    base: 'a'.repeat(40),
    head: 'f'.repeat(40),
    baseSource: 'last green run',
    files,
    commits,
    ...extra,
  };
}

export function pattern(p: Partial<PatternMatch> & Pick<PatternMatch, 'id' | 'category'>): PatternMatch {
  return { title: p.id, hint: '', logLines: [1, 1], captures: [], ...p };
}

export const C1 = '1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
export const C2 = '2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const C3 = '3333333ccccccccccccccccccccccccccccccccc';
export const COMMITS: Commit[] = [
  { sha: C3, subject: 'update docs' },
  { sha: C2, subject: 'rename parse to parseValue' },
  { sha: C1, subject: 'refactor parser' },
];
