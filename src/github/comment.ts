// The one sticky PR comment: a hidden marker identifies it; it is found by paginating ALL the PR's
// comments, updated on every analysis, and never duplicated: after creating one, the comments are listed
// again and only the oldest is kept (two analyses can race). A comment is ours only when its author is one
// of ours AND its body OPENS with the marker followed by this workflow's stamp: another workflow's comment
// that merely quotes the marker (a PR title, a log line) is never updated, resolved or deleted.
import type { Api, RepoRef } from './api.js';
import { mdLink } from '../report/links.js';
import { retryBaseMs } from './client.js';
import { statusOf, withPermission } from './errors.js';
import { listAll } from './pages.js';

/** The fields of an issue comment read here. */
interface IssueComment {
  id: number;
  html_url: string;
  body?: string | null;
  user?: { login?: string } | null;
  created_at?: string;
}

export const MARKER = '<!-- ci-root-cause -->';
export const RESOLVED_MARKER = '<!-- ci-root-cause:resolved -->';
/** GitHub rejects comment bodies over 65,536 characters; keep a margin. */
export const MAX_COMMENT_CHARS = 65_000;
export const DEFAULT_AUTHORS = ['github-actions[bot]'];

/** Hidden stamp naming the workflow a comment diagnoses (the line after the marker). */
export const workflowStamp = (id: number) => `<!-- ci-root-cause:workflow ${id} -->`;

/** The workflow id stamped on a body of ours (the line after the marker), if any. */
export function stampOf(body: string): number | undefined {
  const m = /^<!-- ci-root-cause -->\r?\n<!-- ci-root-cause:workflow (\d{1,20}) -->/.exec(body);
  return m ? Number(m[1]) : undefined;
}

/**
 * Whether a comment body is one of ours: it OPENS with the marker and, when the workflow is known, the
 * marker is followed by that workflow's stamp.
 */
export function isOurs(body: string, workflowId?: number): boolean {
  if (!body.startsWith(MARKER)) return false;
  return workflowId === undefined || stampOf(body) === workflowId;
}

export interface StickyComment {
  id: number;
  url: string;
  body: string;
  author?: string;
  createdAt?: string;
}

export interface Published {
  id: number;
  url: string;
  action: 'created' | 'updated' | 'unchanged';
  /** Extra marker comments deleted (left over by racing analyses). */
  deleted: number;
}

/** Cuts `body` to `max` UTF-16 units on a code-point boundary, with a note saying so. */
export function fitComment(body: string, max = MAX_COMMENT_CHARS): string {
  if (body.length <= max) return body;
  const note =
    '\n\n_… the rest of this report was cut: a comment holds at most 65,536 characters. The job summary has the full report._\n';
  let end = max - note.length;
  const code = body.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  let cut = body.slice(0, end);
  // Whole lines only: a code span cut before its closing backticks would leave its text live (mentions
  // and links are inert only inside code).
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  // Close an open code fence so the note is not swallowed by it.
  const fences = cut.match(/^(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) cut += '\n' + fences[fences.length - 1] + '\n';
  return cut + note;
}

/**
 * Every comment of ours on the PR (isOurs: written by one of `authors`, opening with the marker and, when
 * `workflowId` is given, that workflow's stamp), oldest first.
 */
export async function findStickyComments(
  api: Api,
  repo: RepoRef,
  pr: number,
  authors: string[],
  workflowId?: number,
): Promise<StickyComment[]> {
  const who = new Set(authors.map((a) => a.toLowerCase()));
  const all = await withPermission('pull-requests: write', `the comments of pull request #${pr}`, () =>
    listAll<IssueComment>(
      api,
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { ...repo, issue_number: pr },
      `the comments of pull request #${pr}`,
    ).then((l) => l.items),
  );
  return all
    .filter((c) => isOurs(c.body ?? '', workflowId) && who.has((c.user?.login ?? '').toLowerCase()))
    .map((c) => ({
      id: c.id,
      url: c.html_url,
      body: c.body ?? '',
      author: c.user?.login,
      createdAt: c.created_at,
    }))
    .sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? '') || a.id - b.id);
}

async function update(api: Api, repo: RepoRef, id: number, body: string) {
  const res = await withPermission('pull-requests: write', 'the root-cause comment', () =>
    api.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      ...repo,
      comment_id: id,
      body,
    }),
  );
  return res.data;
}

async function remove(api: Api, repo: RepoRef, ids: number[]): Promise<number> {
  let n = 0;
  for (const id of ids) {
    try {
      await api.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repo,
        comment_id: id,
      });
      n++;
    } catch {
      // Already deleted by a racing analysis.
    }
  }
  return n;
}

const CREATE_TRIES = 4;

/**
 * POSTs the comment WITHOUT the client's blind retries: a POST whose answer is lost (5xx, reset, timeout)
 * may have created the comment, so before each new try the comments are listed again, and an existing
 * marker comment ends the loop (never two comments).
 */
async function createOnce(
  api: Api,
  repo: RepoRef,
  pr: number,
  body: string,
  authors: string[],
): Promise<{ data: { id: number | bigint; html_url: string } } | { existing: StickyComment }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await withPermission('pull-requests: write', `a comment on pull request #${pr}`, () =>
        api.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
          ...repo,
          issue_number: pr,
          body,
          request: { retries: 0 },
        }),
      );
    } catch (e) {
      const status = statusOf(e);
      // Only a failure that may hide a created comment is retried (5xx, no answer at all).
      const transient = status === undefined || status >= 500;
      if (!transient || attempt >= CREATE_TRIES) throw e;
      await new Promise((r) => setTimeout(r, retryBaseMs() * attempt * attempt));
      const now = await findStickyComments(api, repo, pr, authors, stampOf(body));
      if (now.length) return { existing: now[0] };
    }
  }
}

export interface UpsertOptions {
  /** The marker comments, when the caller already listed them (findStickyComments): not listed again. */
  existing?: StickyComment[];
  /**
   * After creating the comment, list the comments again to remove a duplicate a racing analysis may have
   * posted (default true). Without it, the next analysis removes such a duplicate.
   */
  verify?: boolean;
}

/** The requests upsertComment will make with an already listed `existing` (update or create, plus deletions). */
export function writesNeeded(existing: StickyComment[]): number {
  return 1 + Math.max(0, existing.length - 1);
}

/** Creates or updates THE comment. `body` opens with MARKER (added otherwise) and the workflow's stamp. */
export async function upsertComment(
  api: Api,
  repo: RepoRef,
  pr: number,
  body: string,
  authors: string[],
  opts: UpsertOptions = {},
): Promise<Published> {
  body = fitComment(body.startsWith(MARKER) ? body : `${MARKER}\n${body}`);
  const workflowId = stampOf(body);
  const existing = opts.existing ?? (await findStickyComments(api, repo, pr, authors, workflowId));
  if (existing.length) {
    const [keep, ...extras] = existing;
    const deleted = await remove(
      api,
      repo,
      extras.map((c) => c.id),
    );
    if (keep.body === body) return { id: keep.id, url: keep.url, action: 'unchanged', deleted };
    const data = await update(api, repo, keep.id, body);
    return { id: Number(data.id), url: data.html_url, action: 'updated', deleted };
  }
  const created = await createOnce(api, repo, pr, body, authors);
  if ('existing' in created) {
    // A POST whose answer was lost had created it: make that one ours (the body may differ by nothing).
    return upsertComment(api, repo, pr, body, authors);
  }
  if (opts.verify === false)
    return { id: Number(created.data.id), url: created.data.html_url, action: 'created', deleted: 0 };
  // A racing analysis may have created one too: keep the oldest, carry our body over, delete the rest.
  const after = await findStickyComments(api, repo, pr, authors, workflowId);
  if (after.length <= 1 || after[0].id === Number(created.data.id)) {
    const deleted = await remove(
      api,
      repo,
      after.slice(1).map((c) => c.id),
    );
    return { id: Number(created.data.id), url: created.data.html_url, action: 'created', deleted };
  }
  const keep = after[0];
  const data = await update(api, repo, keep.id, body);
  const deleted = await remove(
    api,
    repo,
    after.slice(1).map((c) => c.id),
  );
  return { id: Number(data.id), url: data.html_url, action: 'updated', deleted };
}

/**
 * Marks the comment resolved after a later green run: the diagnosis is kept, folded, under a line saying
 * which commit fixed it. Returns undefined when there is no comment (nothing to resolve).
 */
export async function resolveComment(
  api: Api,
  repo: RepoRef,
  pr: number,
  authors: string[],
  fixed: { sha: string; runUrl?: string; runId: number; workflowId?: number },
): Promise<Published | undefined> {
  // Only this workflow's diagnosis: a green run of THIS workflow does not fix another's.
  const existing = await findStickyComments(api, repo, pr, authors, fixed.workflowId);
  if (!existing.length) return undefined;
  const [keep, ...extras] = existing;
  const diagnosed = stampOf(keep.body);
  const deleted = await remove(
    api,
    repo,
    extras.map((c) => c.id),
  );
  const stamp = `<!-- ci-root-cause:fixed ${fixed.sha} -->`;
  if (keep.body.includes(stamp)) return { id: keep.id, url: keep.url, action: 'unchanged', deleted };
  const previous = keep.body
    .replace(MARKER, '')
    .replace(RESOLVED_MARKER, '')
    .replace(/<!-- ci-root-cause:workflow \d+ -->/g, '')
    .replace(/<!-- ci-root-cause:fixed [0-9a-f]+ -->/g, '')
    .replace(/^### ✅ Fixed in .*\n/m, '')
    .trim();
  const inner = previous.startsWith('<details><summary>Previous diagnosis</summary>')
    ? previous
    : `<details><summary>Previous diagnosis</summary>\n\n${previous}\n\n</details>`;
  const runLink = ` (${mdLink(`run ${Number(fixed.runId) || '?'}`, fixed.runUrl)})`;
  const body = fitComment(
    `${MARKER}\n${diagnosed !== undefined ? `${workflowStamp(diagnosed)}\n` : ''}${RESOLVED_MARKER}\n${stamp}\n### ✅ Fixed in \`${/^[0-9a-f]{7,64}$/i.test(fixed.sha) ? fixed.sha.slice(0, 12) : '?'}\`${runLink}\n\nThe workflow passes again on this pull request.\n\n${inner}\n`,
  );
  const data = await update(api, repo, keep.id, body);
  return { id: Number(data.id), url: data.html_url, action: 'updated', deleted };
}
