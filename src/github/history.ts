// Other runs of the same workflow, read from ONE list-runs request (per_page=100, filtered here): the last
// green run of the failing run's branch (the range's start), the latest completed run on the base branch
// (is the base broken too?), and a run or attempt on the same head commit that passed (flaky).
import type { Api, RepoRef } from './api.js';
import { fullName } from './api.js';
import { withPermission } from './errors.js';
import type { RunInfo } from './runs.js';
import { toRunInfo } from './runs.js';

export interface WorkflowHistory {
  /** Newest successful run on the same head branch AND head repository, created before the failing run, at another commit. */
  green?: RunInfo;
  /** A successful run (or, for the failing run itself, a later attempt) on the very same head commit. */
  passedSameCommit?: RunInfo;
  /** Latest completed run on the base branch of this repository (not the failing run). */
  base?: RunInfo;
  /** True when the page was full: older runs exist that were not seen. */
  truncated: boolean;
}

const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();
const GREEN = 'success';

/** The recent runs of the failing run's workflow (one request). */
export async function recentRuns(api: Api, repo: RepoRef, workflowId: number): Promise<RunInfo[]> {
  return withPermission('actions: read', `the runs of workflow ${workflowId}`, async () => {
    const res = await api.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      ...repo,
      workflow_id: workflowId,
      exclude_pull_requests: true,
      per_page: 100,
    });
    return (res.data.workflow_runs ?? []).map(toRunInfo);
  });
}

/**
 * Picks the runs that matter from a list of recent runs (newest first). Pure.
 * `baseBranch`: the branch to check for a broken base, or undefined to skip that check.
 */
export function pickHistory(
  runs: RunInfo[],
  failing: RunInfo,
  repo: RepoRef,
  baseBranch: string | undefined,
  pageFull = false,
): WorkflowHistory {
  const out: WorkflowHistory = { truncated: pageFull };
  const created = Date.parse(failing.createdAt);
  const here = fullName(repo);
  const sorted = [...runs].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  for (const r of sorted) {
    if (r.workflowId !== failing.workflowId) continue;
    if (r.id === failing.id) {
      // The list shows a run's LATEST attempt: a later attempt of the failing run that passed.
      if (r.attempt !== failing.attempt && r.conclusion === GREEN && r.headSha === failing.headSha)
        out.passedSameCommit ??= r;
      continue;
    }
    const sameHead =
      r.headBranch === failing.headBranch &&
      (!failing.headRepo || !r.headRepo || same(r.headRepo, failing.headRepo));
    if (r.conclusion === GREEN && r.headSha === failing.headSha && sameHead) out.passedSameCommit ??= r;
    else if (
      !out.green &&
      r.conclusion === GREEN &&
      sameHead &&
      failing.headBranch &&
      Date.parse(r.createdAt) < created
    )
      out.green = r;
    if (
      !out.base &&
      baseBranch &&
      r.headBranch === baseBranch &&
      (!r.headRepo || same(r.headRepo, here)) &&
      r.status === 'completed' &&
      r.conclusion
    )
      out.base = r;
  }
  return out;
}

/** The old way, one more request: the branch's successful runs only (when the recent runs did not reach back far enough). */
export async function greenOnBranch(api: Api, repo: RepoRef, failing: RunInfo): Promise<RunInfo | undefined> {
  if (!failing.headBranch) return undefined;
  return withPermission('actions: read', `the runs of workflow ${failing.workflowId}`, async () => {
    const res = await api.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
      ...repo,
      workflow_id: failing.workflowId,
      branch: failing.headBranch,
      status: 'success',
      created: `<${failing.createdAt}`,
      exclude_pull_requests: true,
      per_page: 100,
    });
    return pickHistory((res.data.workflow_runs ?? []).map(toRunInfo), failing, repo, undefined).green;
  });
}

/** The previous attempt of the failing run, when it passed (one request). */
export async function previousAttemptPassed(
  api: Api,
  repo: RepoRef,
  failing: RunInfo,
): Promise<RunInfo | undefined> {
  if (failing.attempt <= 1) return undefined;
  try {
    const res = await api.request(
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}',
      {
        ...repo,
        run_id: failing.id,
        attempt_number: failing.attempt - 1,
        exclude_pull_requests: true,
      },
    );
    const r = toRunInfo(res.data);
    return r.conclusion === GREEN && r.headSha === failing.headSha ? r : undefined;
  } catch {
    return undefined;
  }
}
