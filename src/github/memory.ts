// Failure memory without a server: each analysis leaves the fingerprints of the failures it found in
// its own sticky PR comment (a hidden stamp), and a later analysis reads the repository's recently
// updated comments — ONE request lists 100 of them across every pull request — to tell whether the
// same failure was seen on other pull requests, and whether it passed there on a re-run at the same
// commit (the comment's "fixed" stamp names the commit of the green run: the same commit as the
// failure means it passed without a change — flaky, with the comment as the evidence).
//
// Why comments (README "Failure memory"): they are written anyway, so they cost no extra write; reading
// them costs 1 request per 100 recently updated comments (~5–20 KB each: at most ~2 MB per page), where
// reading the failed logs of past runs costs 2 requests and megabytes per run, and an artifact or a
// cache entry per analysis costs a write to a service outside the REST API plus a request per run to read.
import type { Api, RepoRef } from './api.js';
import { MARKER } from './comment.js';
import { withPermission } from './errors.js';

export const MEMORY_VERSION = 1;
/** Fingerprints kept per stamp (the first failures of the report). */
export const STAMP_FINGERPRINTS = 20;
const STAMP = /<!-- ci-root-cause:memory (\{[^<>]{1,2000}\}) -->/;
const FIXED = /<!-- ci-root-cause:fixed ([0-9a-f]{7,64}) -->/;
const FP = /^[0-9a-f]{16}$/;
const SHA = /^[0-9a-f]{7,64}$/;

export interface MemoryStamp {
  /** The workflow analysed. */
  wf: number;
  run: number;
  attempt: number;
  /** The head commit of the failing run. */
  sha: string;
  /** When the analysed run was created (ISO). */
  at: string;
  /** Fingerprints of the report's failures, most important first. */
  fps: string[];
}

/** The hidden stamp an analysis leaves in its comment: JSON of digits and hex only (cannot close the comment). */
export function memoryStamp(m: MemoryStamp): string {
  const fps = [...new Set(m.fps.filter((x) => FP.test(x)))].slice(0, STAMP_FINGERPRINTS);
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z$/.test(m.at) ? m.at : '';
  const sha = SHA.test(m.sha) ? m.sha : '';
  const json = JSON.stringify({ v: MEMORY_VERSION, wf: m.wf, run: m.run, attempt: m.attempt, sha, at, fps });
  return `<!-- ci-root-cause:memory ${json} -->`;
}

const posInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;

/** The stamp of a comment body, validated field by field (the body is only as trusted as its author check). */
export function parseMemoryStamp(body: string): MemoryStamp | undefined {
  const m = STAMP.exec(body);
  if (!m) return undefined;
  let o: Record<string, unknown>;
  try {
    o = JSON.parse(m[1]) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (o.v !== MEMORY_VERSION || !posInt(o.wf) || !posInt(o.run) || !posInt(o.attempt)) return undefined;
  if (typeof o.sha !== 'string' || !SHA.test(o.sha) || typeof o.at !== 'string') return undefined;
  if (!Array.isArray(o.fps)) return undefined;
  const fps = o.fps
    .filter((x): x is string => typeof x === 'string' && FP.test(x))
    .slice(0, STAMP_FINGERPRINTS);
  return { wf: o.wf, run: o.run, attempt: o.attempt, sha: o.sha, at: o.at, fps };
}

/** A failure remembered by one of our comments on another pull request. */
export interface PastFailure extends MemoryStamp {
  pr: number;
  /** The comment (its html_url). */
  url: string;
  /** The commit a later green run of the workflow passed at, when the comment was marked fixed. */
  fixedSha?: string;
  updatedAt: string;
}

export interface PastComments {
  failures: PastFailure[];
  /** Comments read (all authors), pages read, and whether older ones exist that were not read. */
  read: number;
  pages: number;
  truncated: boolean;
}

/**
 * The repository's comments updated in the last `days` days, newest first, `pages` × 100 at most: our
 * stamped ones (author and marker checked) as past failures.
 */
export async function readPastFailures(
  api: Api,
  repo: RepoRef,
  opts: { authors: string[]; now: number; days: number; pages: number },
): Promise<PastComments> {
  const who = new Set(opts.authors.map((a) => a.toLowerCase()));
  const since = new Date(opts.now - opts.days * 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
  const out: PastComments = { failures: [], read: 0, pages: 0, truncated: false };
  for (let page = 1; page <= opts.pages; page++) {
    const res = await withPermission('issues: read', 'the comments of the repository', () =>
      api.request('GET /repos/{owner}/{repo}/issues/comments', {
        ...repo,
        sort: 'updated',
        direction: 'desc',
        since,
        per_page: 100,
        page,
      }),
    );
    out.pages++;
    const list = res.data;
    out.read += list.length;
    for (const c of list) {
      const body = c.body ?? '';
      if (!body.includes(MARKER) || !who.has((c.user?.login ?? '').toLowerCase())) continue;
      const stamp = parseMemoryStamp(body);
      const pr = Number(/\/issues\/(\d+)$/.exec(c.issue_url ?? '')?.[1]);
      if (!stamp || !posInt(pr)) continue;
      const fixed = FIXED.exec(body)?.[1];
      out.failures.push({
        ...stamp,
        pr,
        url: c.html_url,
        updatedAt: c.updated_at,
        ...(fixed ? { fixedSha: fixed } : {}),
      });
    }
    if (list.length < 100) return out;
  }
  out.truncated = true;
  return out;
}

export interface ElsewhereMatch {
  pr: number;
  run: number;
  attempt: number;
  sha: string;
  url: string;
  at: string;
  /** The comment was marked fixed by a green run at the same commit: the failure passed on a re-run. */
  passedOnRerun: boolean;
  /** The fingerprints shared with this run's failures. */
  fingerprints: string[];
}

/**
 * The past failures of OTHER pull requests of the same workflow sharing one of `fingerprints` (pure),
 * newest first; the current pull request and the analysed run are left out.
 */
export function matchElsewhere(
  past: PastFailure[],
  fingerprints: string[],
  current: { workflowId: number; pr?: number; run: number },
): ElsewhereMatch[] {
  const want = new Set(fingerprints);
  const out: ElsewhereMatch[] = [];
  for (const p of past) {
    if (p.wf !== current.workflowId || p.pr === current.pr || p.run === current.run) continue;
    const shared = p.fps.filter((x) => want.has(x));
    if (!shared.length) continue;
    out.push({
      pr: p.pr,
      run: p.run,
      attempt: p.attempt,
      sha: p.sha,
      url: p.url,
      at: p.at,
      passedOnRerun: !!p.fixedSha && p.fixedSha === p.sha,
      fingerprints: shared,
    });
  }
  return out.sort((a, b) => b.at.localeCompare(a.at));
}
