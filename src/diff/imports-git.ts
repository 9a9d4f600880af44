// ChangeSet.imports from a local git repository: reads (never runs) the files at head that the log's
// findings name, and the files those import, and records which repository files each refers to.
// The analyzer follows these edges from an error in an unchanged file to the changed files it uses.
import { resolve } from 'node:path';
import type { ChangeSet } from '../types.js';
import { git } from './exec.js';
import { fileReferences, importIndex } from './imports.js';

/** Files read at most (first level: the named files; then what they import, level by level). */
const MAX_NAMED = 12;
const MAX_READ = 80;
/** Levels of imports read from the named files (the analyzer follows up to MAX_IMPORT_DEPTH edges). */
const LEVELS = 4;
/** Files larger than this are not read. */
const MAX_BYTES = 512 * 1024;

/**
 * Fills `changeSet.imports` for `named` (repository paths the findings point at, most important first)
 * and, up to LEVELS - 1 levels further, for the unchanged files they import. Never throws: a file that cannot be
 * read is left out.
 */
export async function attachImports(repo: string, changeSet: ChangeSet, named: string[]): Promise<void> {
  const repoFiles = changeSet.repoFiles ?? [];
  if (!repoFiles.length || !named.length || !changeSet.head) return;
  const idx = importIndex(repoFiles);
  const changed = new Set(changeSet.files.map((f) => f.path));
  const changedList = [...changed];
  const imports: Record<string, string[]> = changeSet.imports ?? {};
  const root = resolve(repo);
  let reads = 0;
  const read = async (path: string): Promise<string[] | undefined> => {
    if (path in imports || !idx.set.has(path) || reads >= MAX_READ) return imports[path];
    reads++;
    try {
      const size = Number(
        (await git(root, ['cat-file', '-s', `${changeSet.head}:${path}`], { allowFailure: true })).trim(),
      );
      if (!(size > 0) || size > MAX_BYTES) return undefined;
      const text = await git(root, ['cat-file', 'blob', `${changeSet.head}:${path}`], { allowFailure: true });
      const refs = fileReferences(path, text, idx, changedList);
      imports[path] = refs;
      return refs;
    } catch {
      return undefined;
    }
  };
  const first = [...new Set(named)].filter((p) => idx.set.has(p)).slice(0, MAX_NAMED);
  let level = await Promise.all(first.map(read));
  for (let k = 1; k < LEVELS && reads < MAX_READ; k++) {
    const next = new Set<string>();
    for (const refs of level)
      for (const r of refs ?? []) if (!changed.has(r) && !(r in imports) && idx.set.has(r)) next.add(r);
    if (!next.size) break;
    level = await Promise.all([...next].slice(0, MAX_READ - reads).map(read));
  }
  if (Object.keys(imports).length) changeSet.imports = imports;
}
