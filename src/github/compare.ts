// The change set green...head through the compare API: files (at most 300 for the whole comparison, patch
// omitted for binary and very large diffs), commits (at most 250), and which commit touched which file.
import type { ChangeSet, ChangedFile, Commit, FileStatus } from '../types.js';
import { parsePatch } from '../diff/unified.js';
import type { Api, RepoRef } from './api.js';
import { withPermission } from './errors.js';
import type { RepoTree, TreeBlob } from './context.js';

/** The compare API lists at most this many files for a whole comparison. */
export const COMPARE_FILE_CAP = 300;
/** Commits whose own file lists are fetched (one request each) to say which commit touched which file. */
export const MAX_COMMITS_DETAILED = 20;

/* eslint-disable @typescript-eslint/no-explicit-any */
const STATUS: Record<string, FileStatus> = {
  added: 'added',
  removed: 'deleted',
  modified: 'modified',
  renamed: 'renamed',
  copied: 'copied',
  changed: 'changed',
  unchanged: 'unchanged',
};

function toFile(f: any): ChangedFile {
  const patch = typeof f.patch === 'string' ? f.patch : undefined;
  const changes = Number(f.changes ?? 0);
  let hunks: ChangedFile['hunks'];
  try {
    hunks = patch ? parsePatch(patch) : [];
  } catch {
    hunks = [];
  }
  const file: ChangedFile = {
    path: String(f.filename),
    status: STATUS[f.status] ?? 'changed',
    additions: Number(f.additions ?? 0),
    deletions: Number(f.deletions ?? 0),
    hunks,
    commits: [],
  };
  if (f.previous_filename) file.previousPath = String(f.previous_filename);
  if (!patch && (changes > 0 || f.status === 'added' || f.status === 'removed')) {
    file.patchMissing = true;
    if (changes === 0) file.binary = true;
  }
  return file;
}

function toCommit(c: any): Commit {
  const message = String(c.commit?.message ?? '');
  return {
    sha: c.sha,
    subject: message.split('\n')[0],
    author: c.commit?.author?.name ?? c.author?.login ?? undefined,
    date: c.commit?.author?.date ?? undefined,
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Fills Commit.files and ChangedFile.commits (newest first) from each commit's own file list. */
async function detailCommits(api: Api, repo: RepoRef, cs: ChangeSet): Promise<Set<string>> {
  const all = new Set<string>();
  const byPath = new Map(cs.files.map((f) => [f.path, f]));
  for (const c of cs.commits) {
    const res = await api.request('GET /repos/{owner}/{repo}/commits/{ref}', {
      ...repo,
      ref: c.sha,
      per_page: 300,
    });
    const files = (res.data.files ?? []).map((f) => f.filename);
    c.files = files;
    for (const p of files) {
      all.add(p);
      byPath.get(p)?.commits.push(c.sha);
    }
    // Attribute hunks to the newest commit that added one of their lines.
    for (const f of res.data.files ?? []) {
      const target = byPath.get(f.filename);
      if (!target || !f.patch) continue;
      const added = new Set(
        f.patch
          .split('\n')
          .filter((l) => l.startsWith('+') && l.trim().length > 1)
          .map((l) => l.slice(1)),
      );
      for (const h of target.hunks) {
        if (!h.commit && h.added.some((l) => added.has(l.text))) h.commit = c.sha;
      }
    }
  }
  return all;
}

/** The repository's tree at `sha` (paths, blob shas and sizes); undefined when unavailable. */
export async function repoTreeAt(api: Api, repo: RepoRef, sha: string): Promise<RepoTree | undefined> {
  try {
    const res = await api.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      ...repo,
      tree_sha: sha,
      recursive: 'true',
    });
    const files: string[] = [];
    const blobs = new Map<string, TreeBlob>();
    for (const t of res.data.tree) {
      if (t.type !== 'blob' || !t.path || !t.sha) continue;
      files.push(t.path);
      blobs.set(t.path, { sha: t.sha, ...(typeof t.size === 'number' ? { size: t.size } : {}) });
    }
    return { files, blobs, truncated: !!res.data.truncated };
  } catch {
    return undefined;
  }
}

/** Every path in the repository at `sha` (for mapping log paths); undefined when unavailable. */
export async function repoFilesAt(api: Api, repo: RepoRef, sha: string): Promise<string[] | undefined> {
  return (await repoTreeAt(api, repo, sha))?.files;
}

/**
 * Asked before each request that only adds detail (the repository tree, each commit's file list): true
 * when `n` more requests fit in the analysis' budget. Default: always.
 */
export type AllowOptional = (n: number) => boolean;
const always: AllowOptional = () => true;

/** A range of ONE commit: that commit's files are the comparison's (no request per commit). */
function singleCommit(cs: ChangeSet): void {
  const [c] = cs.commits;
  c.files = cs.files.map((f) => f.path);
  for (const f of cs.files) {
    f.commits = [c.sha];
    for (const h of f.hunks) h.commit ??= c.sha;
  }
}

/** The change set base...head (three dots: from their merge base). */
export async function compareChangeSet(
  api: Api,
  repo: RepoRef,
  base: string,
  head: string,
  baseSource: string,
  allow: AllowOptional = always,
  onTree?: (tree: RepoTree) => void,
): Promise<ChangeSet> {
  const res = await withPermission(
    'contents: read',
    `the comparison ${base.slice(0, 7)}...${head.slice(0, 7)}`,
    () =>
      api.request('GET /repos/{owner}/{repo}/compare/{basehead}', { ...repo, basehead: `${base}...${head}` }),
  );
  const data = res.data;
  const notes: string[] = [];
  const files = (data.files ?? []).map(toFile);
  const commits = (data.commits ?? []).map(toCommit).reverse();
  const cs: ChangeSet = {
    base: data.merge_base_commit?.sha ?? base,
    head,
    baseSource,
    files,
    commits,
    notes,
  };
  if (data.total_commits > commits.length) {
    notes.push(`${data.total_commits} commits in the range; the compare API listed ${commits.length}.`);
  }
  // The tree first (it maps the log's paths to files), then the commits' own file lists.
  const tree = allow(1) ? await repoTreeAt(api, repo, head) : undefined;
  cs.repoFiles = tree?.files;
  if (tree) onTree?.(tree);
  if (commits.length === 1 && data.total_commits === 1) singleCommit(cs);
  else if (commits.length > 0 && commits.length <= MAX_COMMITS_DETAILED && allow(commits.length)) {
    try {
      const touched = await detailCommits(api, repo, cs);
      if (files.length >= COMPARE_FILE_CAP && touched.size > files.length) cs.totalFiles = touched.size;
    } catch {
      notes.push('Which commit changed which file could not be read.');
    }
  }
  if (files.length >= COMPARE_FILE_CAP) {
    cs.totalFiles ??= files.length;
    notes.push(
      cs.totalFiles > files.length
        ? `${cs.totalFiles} files changed, ${files.length} analysed (the compare API lists at most ${COMPARE_FILE_CAP}).`
        : `At least ${files.length} files changed; the compare API lists at most ${COMPARE_FILE_CAP}: ${files.length} analysed.`,
    );
  }
  const noPatch = files.filter((f) => f.patchMissing);
  if (noPatch.length) {
    notes.push(
      `${noPatch.length} file(s) without a patch (binary or too large): ${noPatch
        .slice(0, 5)
        .map((f) => f.path)
        .join(', ')}${noPatch.length > 5 ? ', …' : ''}.`,
    );
  }
  return cs;
}

/** The change set of a single commit against its first parent (no green run and no pull request). */
export async function commitChangeSet(
  api: Api,
  repo: RepoRef,
  sha: string,
  baseSource: string,
  allow: AllowOptional = always,
  onTree?: (tree: RepoTree) => void,
): Promise<ChangeSet> {
  const res = await withPermission('contents: read', `commit ${sha.slice(0, 7)}`, () =>
    api.request('GET /repos/{owner}/{repo}/commits/{ref}', { ...repo, ref: sha }),
  );
  const data = res.data;
  const commit = toCommit(data);
  const files = (data.files ?? []).map(toFile);
  for (const f of files) {
    f.commits = [sha];
    for (const h of f.hunks) h.commit = sha;
  }
  commit.files = files.map((f) => f.path);
  const cs: ChangeSet = {
    base: data.parents?.[0]?.sha,
    head: sha,
    baseSource,
    files,
    commits: [commit],
    notes: [],
  };
  if (files.length >= COMPARE_FILE_CAP)
    cs.notes!.push(`At least ${files.length} files changed: ${files.length} analysed.`);
  const tree = allow(1) ? await repoTreeAt(api, repo, sha) : undefined;
  cs.repoFiles = tree?.files;
  if (tree) onTree?.(tree);
  return cs;
}
