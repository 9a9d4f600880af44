import type { ChangedFile, Hunk } from '../types.js';

/** Parses `git diff` / unified-diff text into changed files with hunks. */
export function parseUnifiedDiff(_text: string): ChangedFile[] {
  return [];
}

/** Parses the hunks of one file's patch (the compare API's per-file `patch`). */
export function parsePatch(_patch: string): Hunk[] {
  return [];
}
