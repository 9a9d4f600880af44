// The repository context of an analysis: the files at head that the log's findings name, and the files
// those import (a few levels), read into ChangeSet.imports. ONE function for both entry points; only how
// a file is read differs: the CLI reads the local repository (src/diff/imports-git.ts, `git cat-file`),
// the action reads blobs through the REST API (src/github/context.ts). Same inputs → same imports → the
// same ranking on both paths.
import type { ChangeSet } from '../types.js';
import { fileReferences, importIndex } from './imports.js';

/** Reads files of the repository at the change set's head. */
export interface RepositoryContext {
  /** The text of `path` at head; undefined when it is not a file there, too large, or cannot be read. */
  read(path: string): Promise<string | undefined>;
}

/**
 * Files read at most, the same on both paths (the action pays a request per file: src/github/budget.ts):
 * the named ones (first level), then what they import, level after level.
 */
export const MAX_NAMED = 12;
export const MAX_READ = 32;
/**
 * Levels of imports read: the named files, then what they import, as deep as the analyzer follows
 * (src/analyze: up to four edges from a failing file). MAX_READ bounds the cost on both paths alike: on the
 * ranking benchmark a third level wanted 40 files for one failing test (semver's index.js requires every
 * module), so a wide level is cut at the same place in the CLI and the action.
 */
export const IMPORT_LEVELS = 4;
/** Files larger than this are not read (both implementations). */
export const MAX_FILE_BYTES = 512 * 1024;

/**
 * Fills `changeSet.imports` for `named` (repository paths the findings point at, most important first)
 * and, level after level, for the unchanged files they import. Never throws: a file that cannot be read
 * is left out. Returns how many files were read.
 */
export async function attachImports(
  ctx: RepositoryContext,
  changeSet: ChangeSet,
  named: string[],
  limits: { levels?: number; maxRead?: number } = {},
): Promise<number> {
  const repoFiles = changeSet.repoFiles ?? [];
  if (!repoFiles.length || !named.length || !changeSet.head) return 0;
  const maxRead = limits.maxRead ?? MAX_READ;
  const levels = limits.levels ?? IMPORT_LEVELS;
  const idx = importIndex(repoFiles);
  const changed = new Set(changeSet.files.map((f) => f.path));
  const changedList = [...changed];
  const imports: Record<string, string[]> = changeSet.imports ?? {};
  let reads = 0;
  const read = async (path: string): Promise<string[] | undefined> => {
    if (path in imports) return imports[path];
    if (!idx.set.has(path) || reads >= maxRead) return undefined;
    reads++;
    try {
      const text = await ctx.read(path);
      if (text === undefined) return undefined;
      const refs = fileReferences(path, text, idx, changedList);
      imports[path] = refs;
      return refs;
    } catch {
      return undefined;
    }
  };
  let level = [...new Set(named)].filter((p) => idx.set.has(p)).slice(0, MAX_NAMED);
  const seen = new Set(level);
  for (let depth = 1; depth <= levels && level.length && reads < maxRead; depth++) {
    const got = await Promise.all(level.slice(0, maxRead - reads).map(read));
    const next: string[] = [];
    for (const refs of got)
      for (const r of refs ?? [])
        if (!changed.has(r) && !seen.has(r)) {
          seen.add(r);
          next.push(r);
        }
    level = next;
  }
  if (Object.keys(imports).length) changeSet.imports = imports;
  return reads;
}
