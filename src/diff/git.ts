import type { ChangeSet } from '../types.js';

export interface GitRangeOptions {
  repo: string;
  /** The last green commit; default: merge base of head with the default branch. */
  base?: string;
  /** Default: HEAD. */
  head?: string;
}

/** Builds the change set base..head from a local git repository (reads only; never runs repository code). */
export async function changeSetFromGit(_opts: GitRangeOptions): Promise<ChangeSet> {
  return { files: [], commits: [] };
}
