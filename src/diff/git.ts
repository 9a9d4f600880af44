// The change set base..head from a local git repository. Reads only: never checks out, never runs
// repository code, always passes argument arrays (no shell).
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ChangedFile, ChangeSet, Commit, Hunk } from '../types.js';
import { InputError } from '../errors.js';
import { git, GitError } from './exec.js';
import { parseUnifiedDiff } from './unified.js';
import {
  attachLogFiles,
  LOG_FORMAT,
  parseBlamePorcelain,
  parseLogZ,
  parseRawZ,
  type LogRecord,
} from './porcelain.js';

export interface GitRangeOptions {
  repo: string;
  /** The last green commit; default: merge base of head with the default branch. */
  base?: string;
  /** Default: HEAD. */
  head?: string;
  /** At most this many files are blamed for per-hunk commits (default 200). */
  maxBlameFiles?: number;
  /** At most this many commits are listed (default 1000). */
  maxCommits?: number;
}

const DEFAULT_MAX_BLAME_FILES = 200;
const DEFAULT_MAX_COMMITS = 1000;
const BLAME_CONCURRENCY = 8;
/** More -L ranges than this and one blame covers the span from the first to the last added line. */
const MAX_BLAME_RANGES = 400;

/** Builds the change set base..head from a local git repository (reads only; never runs repository code). */
export async function changeSetFromGit(opts: GitRangeOptions): Promise<ChangeSet> {
  const dir = resolve(opts.repo);
  const root = await openRepository(dir);
  const notes: string[] = [];

  const headRev = opts.head ?? 'HEAD';
  const head = await resolveCommit(root, headRev, 'head');
  let base: string | undefined;
  let baseSource: string;
  if (opts.base !== undefined) {
    base = await resolveCommit(root, opts.base, 'base');
    baseSource = 'given';
  } else {
    const chosen = await defaultBase(root, head, headRev);
    base = chosen.base;
    baseSource = chosen.source;
    if (chosen.note) notes.push(chosen.note);
  }

  const [files, repoFiles] = await Promise.all([
    base === head ? Promise.resolve([]) : diffFiles(root, base, head),
    listFiles(root, head),
  ]);
  if (base === head) notes.push('base and head are the same commit: nothing changed');
  else if (base && !(await isAncestor(root, base, head))) {
    notes.push(`base ${base.slice(0, 7)} is not an ancestor of head: the diff compares their trees directly`);
  }

  const maxCommits = opts.maxCommits ?? DEFAULT_MAX_COMMITS;
  const records = base === head ? [] : await rangeCommits(root, base, head, maxCommits);
  if (records.length >= maxCommits)
    notes.push(`the range has more than ${maxCommits} commits: only the newest ${maxCommits} are listed`);
  assignFileCommits(files, records);
  await assignHunkCommits(
    root,
    base,
    head,
    files,
    records,
    opts.maxBlameFiles ?? DEFAULT_MAX_BLAME_FILES,
    notes,
  );

  const commits: Commit[] = records.map(({ sha, subject, author, date, files: touched }) => {
    const c: Commit = { sha, subject, files: touched };
    if (author) c.author = author;
    if (date) c.date = date;
    return c;
  });
  const cs: ChangeSet = { base, head, baseSource, files, commits, repoFiles };
  if (notes.length) cs.notes = notes;
  return cs;
}

/** Checks the directory is a git repository and returns the directory git commands run in (its top level). */
async function openRepository(dir: string): Promise<string> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`not a directory: ${dir}`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`no such directory: ${dir}`);
  }
  let top: string;
  try {
    await git(dir, ['rev-parse', '--git-dir']);
    top = (await git(dir, ['rev-parse', '--show-toplevel'], { allowFailure: true })).replace(/\n$/, '');
  } catch (e) {
    if (e instanceof GitError) {
      if (/not a git repository/i.test(e.message)) throw new InputError(`not a git repository: ${dir}`);
      throw new InputError(`cannot read the git repository ${dir}: ${e.message}`);
    }
    throw e;
  }
  return top || dir; // a bare repository has no top level
}

/** Resolves a revision to a commit sha; InputError when it is not one. */
async function resolveCommit(root: string, rev: string, what: 'base' | 'head'): Promise<string> {
  if (!rev || rev.startsWith('-') || /[\0\n]/.test(rev))
    throw new InputError(`${what} is not a commit: ${oneLine(rev)}`);
  const out = await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], {
    allowFailure: true,
  });
  const sha = out.trim();
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha))
    throw new InputError(`${what} is not a commit: ${oneLine(rev)}`);
  return sha;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n\0]+/g, ' ').slice(0, 100);
}

async function tryCommit(root: string, rev: string): Promise<string | undefined> {
  const out = (
    await git(root, ['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], { allowFailure: true })
  ).trim();
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(out) ? out : undefined;
}

/** The default branch: what origin/HEAD points at, else main, else master (local or origin's). */
async function defaultBranch(root: string): Promise<{ ref: string; name: string } | undefined> {
  const sym = (
    await git(root, ['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], { allowFailure: true })
  ).trim();
  if (sym.startsWith('refs/remotes/')) {
    const ref = sym.slice('refs/remotes/'.length);
    if (await tryCommit(root, `refs/remotes/${ref}`))
      return { ref: `refs/remotes/${ref}`, name: ref.replace(/^origin\//, '') };
  }
  for (const name of ['main', 'master']) {
    for (const ref of [`refs/heads/${name}`, `refs/remotes/origin/${name}`]) {
      if (await tryCommit(root, ref)) return { ref, name };
    }
  }
  return undefined;
}

interface ChosenBase {
  base?: string;
  source: string;
  note?: string;
}

/**
 * No base given: the merge base of head with the default branch. When head is on the default branch
 * (the merge base is head itself) the range is head's last commit (its first parent).
 */
async function defaultBase(root: string, head: string, headRev: string): Promise<ChosenBase> {
  const branch = await defaultBranch(root);
  const parent = await tryCommit(root, `${head}^1`);
  const parentBase = (why: string): ChosenBase =>
    parent
      ? {
          base: parent,
          source: `parent commit (${why})`,
          note: `no base given and ${why}: analysing ${headRev}'s last commit only`,
        }
      : { source: 'root commit', note: `no base given and ${headRev} is a root commit: every file is new` };
  if (!branch) return parentBase('no default branch (origin/HEAD, main, master) found');
  const mb = (await git(root, ['merge-base', head, branch.ref], { allowFailure: true })).trim();
  if (!mb) return parentBase(`${headRev} shares no history with ${branch.name}`);
  if (mb === head) return parentBase(`${headRev} is on ${branch.name}`);
  return { base: mb, source: `merge base with ${branch.name}` };
}

async function isAncestor(root: string, a: string, b: string): Promise<boolean> {
  try {
    await git(root, ['merge-base', '--is-ancestor', a, b]);
    return true;
  } catch {
    return false;
  }
}

/** The empty tree, so a root commit diffs against nothing (works for sha1 and sha256 repositories). */
async function emptyTree(root: string): Promise<string> {
  return (await git(root, ['hash-object', '-t', 'tree', '/dev/null'])).trim();
}

const DIFF_OPTS = [
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--find-renames',
  '--src-prefix=a/',
  '--dst-prefix=b/',
];

/** Files changed base..head with exact hunks (-U0: added lines' new numbers, removed lines' old numbers). */
async function diffFiles(root: string, base: string | undefined, head: string): Promise<ChangedFile[]> {
  const from = base ?? (await emptyTree(root));
  const [raw, patch] = await Promise.all([
    git(root, ['diff', '--raw', '-z', '--no-abbrev', ...DIFF_OPTS, from, head, '--']),
    git(root, ['diff', '-U0', ...DIFF_OPTS, from, head, '--']),
  ]);
  const parsed = new Map<string, ChangedFile>();
  for (const f of parseUnifiedDiff(patch)) parsed.set(key(f.previousPath, f.path, f.status), f);
  const files: ChangedFile[] = [];
  for (const e of parseRawZ(raw)) {
    const p =
      parsed.get(key(e.previousPath, e.path, e.status)) ?? parsed.get(key(undefined, e.path, undefined));
    const f: ChangedFile = {
      path: e.path,
      status: e.status,
      additions: p?.additions ?? 0,
      deletions: p?.deletions ?? 0,
      hunks: p?.hunks ?? [],
      commits: [],
    };
    if (e.previousPath !== undefined) f.previousPath = e.previousPath;
    if (p?.binary) f.binary = true;
    if (!p || p.binary) f.patchMissing = true;
    if (e.mode === '160000') f.patchMissing = f.hunks.length === 0;
    files.push(f);
  }
  return files;
}

function key(previous: string | undefined, path: string, status: string | undefined): string {
  const renamed = status === 'renamed' || status === 'copied';
  return `${renamed ? (previous ?? '') : ''}\0${path}`;
}

async function listFiles(root: string, head: string): Promise<string[]> {
  const out = await git(root, ['ls-tree', '-r', '-z', '--full-tree', '--name-only', head]);
  return out.split('\0').filter((p) => p.length > 0);
}

/** The commits of the range, newest first, with the files each touched. */
async function rangeCommits(
  root: string,
  base: string | undefined,
  head: string,
  max: number,
): Promise<LogRecord[]> {
  const range = base ? [`${base}..${head}`] : [head];
  const limit = [`--max-count=${max}`, '--no-show-signature', '--no-color'];
  const [meta, names] = await Promise.all([
    git(root, ['log', '-z', `--format=${LOG_FORMAT}`, ...limit, ...range, '--']),
    git(root, [
      'log',
      '-z',
      '--name-only',
      '--format=%H',
      '--find-renames',
      '--no-ext-diff',
      '--no-textconv',
      ...limit,
      ...range,
      '--',
    ]),
  ]);
  const records = parseLogZ(meta);
  attachLogFiles(records, names);
  return records;
}

/** ChangedFile.commits: the commits that touched the file (under its new or previous name), newest first. */
function assignFileCommits(files: ChangedFile[], records: LogRecord[]): void {
  const byPath = new Map<string, string[]>();
  for (const r of records) {
    for (const p of r.files) {
      let list = byPath.get(p);
      if (!list) byPath.set(p, (list = []));
      list.push(r.sha);
    }
  }
  const order = new Map(records.map((r, i) => [r.sha, i]));
  for (const f of files) {
    const shas = new Set([
      ...(byPath.get(f.path) ?? []),
      ...(f.previousPath ? (byPath.get(f.previousPath) ?? []) : []),
    ]);
    f.commits = [...shas].sort((a, b) => order.get(a)! - order.get(b)!);
  }
}

/**
 * Hunk.commit: the commit of the range that introduced the hunk. Added lines are blamed over the range
 * only (one `git blame -w` per file, all hunks as -L ranges); the commit blamed for most of a hunk's lines
 * wins (ties: the newer). Lines blamed to the boundary are not in the range: when -w leaves a hunk without
 * a commit (a whitespace-only change), the file is blamed again without -w for those hunks. A hunk that
 * only removes lines gets the commit whose parent last had them (`blame --reverse`). A file touched by
 * one commit of the range needs no blame.
 */
async function assignHunkCommits(
  root: string,
  base: string | undefined,
  head: string,
  files: ChangedFile[],
  records: LogRecord[],
  maxFiles: number,
  notes: string[],
): Promise<void> {
  const inRange = new Set(records.map((r) => r.sha));
  const order = new Map(records.map((r, i) => [r.sha, i]));
  const jobs: (() => Promise<void>)[] = [];
  let capped = 0;
  for (const f of files) {
    if (f.hunks.length === 0 || f.commits.length === 0) continue;
    if (f.commits.length === 1 || f.status === 'deleted') {
      // One commit touched it, or the file is gone (the newest commit that touched it removed it).
      for (const h of f.hunks) h.commit = f.commits[0];
      continue;
    }
    if (jobs.length >= maxFiles) {
      capped++;
      continue;
    }
    jobs.push(() => blameFile(root, base, head, f, inRange, order, records));
  }
  if (capped)
    notes.push(
      `per-hunk commits were found for ${maxFiles} files only; ${capped} more files were not blamed`,
    );
  await runPool(jobs, BLAME_CONCURRENCY);
}

async function blameFile(
  root: string,
  base: string | undefined,
  head: string,
  f: ChangedFile,
  inRange: Set<string>,
  order: Map<string, number>,
  records: LogRecord[],
): Promise<void> {
  const range = base ? `${base}..${head}` : head;
  const withAdded = f.hunks.filter((h) => h.added.length > 0);
  await blameAdded(root, range, f.path, withAdded, ['-w'], inRange, order);
  const unresolved = withAdded.filter((h) => !h.commit);
  if (unresolved.length) await blameAdded(root, range, f.path, unresolved, [], inRange, order);

  const removalsOnly = f.hunks.filter((h) => h.added.length === 0 && h.removed.length > 0);
  if (removalsOnly.length && base) await blameRemoved(root, base, head, f, removalsOnly, records);
}

async function blameAdded(
  root: string,
  range: string,
  path: string,
  hunks: Hunk[],
  extra: string[],
  inRange: Set<string>,
  order: Map<string, number>,
): Promise<void> {
  if (hunks.length === 0) return;
  const ranges = hunks.map((h): [number, number] => [h.added[0].line, h.added[h.added.length - 1].line]);
  const out = await git(
    root,
    ['blame', '--porcelain', '--no-textconv', ...extra, ...lineArgs(ranges), range, '--', path],
    { allowFailure: true },
  );
  const blame = parseBlamePorcelain(out);
  for (const h of hunks) {
    const votes = new Map<string, number>();
    for (const l of h.added) {
      const sha = blame.lines.get(l.line);
      if (!sha || blame.boundary.has(sha) || !inRange.has(sha)) continue;
      votes.set(sha, (votes.get(sha) ?? 0) + 1);
      l.commit = sha;
    }
    // a removed line of a hunk that also adds lines: the commit of the added line at its position
    h.removed.forEach((r, k) => {
      const c = h.added[Math.min(k, h.added.length - 1)]?.commit;
      if (c) r.commit = c;
    });
    let best: string | undefined;
    for (const [sha, n] of votes) {
      const b = best === undefined ? 0 : votes.get(best)!;
      if (n > b || (n === b && order.get(sha)! < order.get(best!)!)) best = sha;
    }
    if (best) h.commit = best;
  }
}

/**
 * Lines only removed: `blame --reverse base..head` names, for each old line, the last commit that still
 * had it; the commit of the range whose parent that is (and that touched the file) removed it.
 */
async function blameRemoved(
  root: string,
  base: string,
  head: string,
  f: ChangedFile,
  hunks: Hunk[],
  records: LogRecord[],
): Promise<void> {
  const oldPath = f.previousPath ?? f.path;
  const ranges = hunks.map((h): [number, number] => [
    h.removed[0].line,
    h.removed[h.removed.length - 1].line,
  ]);
  const out = await git(
    root,
    [
      'blame',
      '--porcelain',
      '--no-textconv',
      '--reverse',
      ...lineArgs(ranges),
      `${base}..${head}`,
      '--',
      oldPath,
    ],
    { allowFailure: true },
  );
  const blame = parseBlamePorcelain(out);
  const touching = new Set(f.commits);
  const childOf = new Map<string, string>();
  // records are newest first: iterate oldest first so the first child that touched the file wins.
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!touching.has(r.sha)) continue;
    for (const p of r.parents) if (!childOf.has(p)) childOf.set(p, r.sha);
  }
  for (const h of hunks) {
    const lastSeen = blame.lines.get(h.removed[0].line);
    const remover = lastSeen
      ? (childOf.get(lastSeen) ?? nextTouching(lastSeen, records, touching))
      : undefined;
    if (remover) h.commit = remover;
  }
}

/** The oldest commit newer than `sha` (in log order) that touched the file. */
function nextTouching(sha: string, records: LogRecord[], touching: Set<string>): string | undefined {
  const i = records.findIndex((r) => r.sha === sha);
  if (i < 0) return undefined;
  for (let j = i - 1; j >= 0; j--) if (touching.has(records[j].sha)) return records[j].sha;
  return undefined;
}

function lineArgs(ranges: [number, number][]): string[] {
  const valid = ranges.filter(([a, b]) => a >= 1 && b >= a);
  if (valid.length === 0) return [];
  if (valid.length > MAX_BLAME_RANGES) {
    let lo = valid[0][0];
    let hi = valid[0][1];
    for (const [a, b] of valid) {
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    return ['-L', `${lo},${hi}`];
  }
  return valid.flatMap(([a, b]) => ['-L', `${a},${b}`]);
}

async function runPool(jobs: (() => Promise<void>)[], limit: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
