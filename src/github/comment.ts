// The one sticky PR comment: a hidden marker identifies it; it is found by paginating ALL the PR's
// comments (marker AND author), updated on every analysis, and never duplicated: after creating one, the
// comments are listed again and only the oldest is kept (two analyses can race).
import type { Api, RepoRef } from './api.js';
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
  // Close an open code fence so the note is not swallowed by it.
  const fences = cut.match(/^(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) cut += '\n' + fences[fences.length - 1] + '\n';
  return cut + note;
}

/** Every marker comment on the PR written by one of `authors`, oldest first. */
export async function findStickyComments(
  api: Api,
  repo: RepoRef,
  pr: number,
  authors: string[],
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
    .filter((c) => (c.body ?? '').includes(MARKER) && who.has((c.user?.login ?? '').toLowerCase()))
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
      const now = await findStickyComments(api, repo, pr, authors);
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

/** Creates or updates THE comment. `body` must already contain MARKER. */
export async function upsertComment(
  api: Api,
  repo: RepoRef,
  pr: number,
  body: string,
  authors: string[],
  opts: UpsertOptions = {},
): Promise<Published> {
  body = fitComment(body.includes(MARKER) ? body : `${MARKER}\n${body}`);
  const existing = opts.existing ?? (await findStickyComments(api, repo, pr, authors));
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
  const after = await findStickyComments(api, repo, pr, authors);
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
  const existing = await findStickyComments(api, repo, pr, authors);
  if (!existing.length) return undefined;
  const [keep, ...extras] = existing;
  // Another workflow's diagnosis: a green run of THIS workflow does not fix it.
  const diagnosed = /<!-- ci-root-cause:workflow (\d+) -->/.exec(keep.body)?.[1];
  if (diagnosed && fixed.workflowId !== undefined && Number(diagnosed) !== fixed.workflowId) {
    return { id: keep.id, url: keep.url, action: 'unchanged', deleted: 0 };
  }
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
  const runLink = fixed.runUrl ? ` ([run ${fixed.runId}](${fixed.runUrl}))` : ` (run ${fixed.runId})`;
  const body = fitComment(
    `${MARKER}\n${diagnosed ? `<!-- ci-root-cause:workflow ${diagnosed} -->\n` : ''}${RESOLVED_MARKER}\n${stamp}\n### ✅ Fixed in \`${fixed.sha.slice(0, 12)}\`${runLink}\n\nThe workflow passes again on this pull request.\n\n${inner}\n`,
  );
  const data = await update(api, repo, keep.id, body);
  return { id: Number(data.id), url: data.html_url, action: 'updated', deleted };
}
