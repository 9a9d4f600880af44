// The `/root-cause` comment command: on an `issue_comment` event, a pull request's collaborator writes a
// comment whose first line is `/root-cause`, and the action analyses the pull request's latest failed run
// (of any workflow) at its head commit. Only OWNER, MEMBER and COLLABORATOR associations may ask: anyone
// can comment on a public repository, and each analysis spends the repository's request budget.
import type { Api, RepoRef } from './api.js';
import { withPermission } from './errors.js';
import type { RunInfo } from './runs.js';
import { runFailed, toRunInfo } from './runs.js';

export const COMMAND = '/root-cause';
export const TRUSTED_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/* eslint-disable @typescript-eslint/no-explicit-any */
export type CommandCheck =
  | { ok: true; pr: number }
  | { ok: false; reason: string; /** not a command at all: stay silent */ quiet?: boolean };

/** Whether an issue_comment event is a `/root-cause` command this action should act on (pure). */
export function checkCommand(payload: any): CommandCheck {
  const body = typeof payload?.comment?.body === 'string' ? payload.comment.body : '';
  const first = body.replace(/^\s+/, '').split(/\r?\n/, 1)[0].trim();
  if (first !== COMMAND && !first.startsWith(`${COMMAND} `))
    return { ok: false, reason: 'the comment is not a /root-cause command', quiet: true };
  if (payload?.action && payload.action !== 'created')
    return {
      ok: false,
      reason: `the comment was ${String(payload.action).slice(0, 20)}, not created`,
      quiet: true,
    };
  const pr = payload?.issue?.number;
  if (!payload?.issue?.pull_request || !Number.isSafeInteger(pr) || pr <= 0)
    return { ok: false, reason: '/root-cause works on pull requests only' };
  const association = String(payload?.comment?.author_association ?? 'NONE');
  if (!TRUSTED_ASSOCIATIONS.has(association))
    return {
      ok: false,
      reason: `/root-cause is for the repository's collaborators (the author's association is ${association.slice(0, 30)})`,
    };
  return { ok: true, pr };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** The pull request's head commit (1 request). */
export async function pullHead(api: Api, repo: RepoRef, pr: number): Promise<string> {
  const res = await withPermission('pull-requests: write', `pull request #${pr}`, () =>
    api.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: pr }),
  );
  return res.data.head.sha;
}

/** The newest completed, failed run of any workflow at `sha` (1 request: 100 runs at that commit). */
export async function latestFailedRun(api: Api, repo: RepoRef, sha: string): Promise<RunInfo | undefined> {
  const res = await withPermission('actions: read', `the runs of commit ${sha.slice(0, 12)}`, () =>
    api.request('GET /repos/{owner}/{repo}/actions/runs', {
      ...repo,
      head_sha: sha,
      status: 'completed',
      per_page: 100,
    }),
  );
  return (res.data.workflow_runs ?? [])
    .map(toRunInfo)
    .filter((r) => r.headSha === sha && runFailed(r))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
}
