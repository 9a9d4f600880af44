// The repository context (src/diff/context.ts) of a local git repository: reads (never runs) blobs at
// head with `git cat-file`. Nothing is checked out.
import { resolve } from 'node:path';
import type { ChangeSet } from '../types.js';
import { git } from './exec.js';
import { attachImports as attach, MAX_FILE_BYTES, type RepositoryContext } from './context.js';

/** Files of `repo` at commit `head`. */
export function gitContext(repo: string, head: string): RepositoryContext {
  const root = resolve(repo);
  return {
    async read(path) {
      try {
        const size = Number(
          (await git(root, ['cat-file', '-s', `${head}:${path}`], { allowFailure: true })).trim(),
        );
        if (!(size > 0) || size > MAX_FILE_BYTES) return undefined;
        return await git(root, ['cat-file', 'blob', `${head}:${path}`], { allowFailure: true });
      } catch {
        return undefined;
      }
    },
  };
}

/** ChangeSet.imports from the local repository `repo` for the files the findings name (`named`). */
export async function attachImports(repo: string, changeSet: ChangeSet, named: string[]): Promise<void> {
  if (!changeSet.head) return;
  await attach(gitContext(repo, changeSet.head), changeSet, named);
}
