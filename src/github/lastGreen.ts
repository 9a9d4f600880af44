// The last green run: the newest successful run of the same workflow, on the same head branch AND head
// repository (a fork's branch can share a name with a base branch), created before the failing run.
import type { Api, RepoRef } from './api.js';
import { withPermission } from './errors.js';
import type { RunInfo } from './runs.js';
import { toRunInfo } from './runs.js';

export interface LastGreen {
  run?: RunInfo;
  /** A successful run on the very same commit (a flakiness signal), when one was seen. */
  sameCommitSuccess?: RunInfo;
}

const MAX_PAGES = 3;

export async function findLastGreen(api: Api, repo: RepoRef, failing: RunInfo): Promise<LastGreen> {
  if (!failing.headBranch) return {};
  const created = Date.parse(failing.createdAt);
  const out: LastGreen = {};
  return withPermission('actions: read', `the runs of workflow ${failing.workflowId}`, async () => {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const res = await api.request('GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', {
        ...repo,
        workflow_id: failing.workflowId,
        branch: failing.headBranch,
        status: 'success',
        created: `<${failing.createdAt}`,
        exclude_pull_requests: true,
        per_page: 100,
        page,
      });
      const runs = (res.data.workflow_runs ?? []).map(toRunInfo);
      for (const r of runs) {
        if (r.id === failing.id || r.conclusion !== 'success') continue;
        if (failing.headRepo && r.headRepo && r.headRepo.toLowerCase() !== failing.headRepo.toLowerCase())
          continue;
        if (r.headBranch !== failing.headBranch) continue;
        if (!(Date.parse(r.createdAt) < created)) continue;
        if (r.headSha === failing.headSha) {
          out.sameCommitSuccess ??= r;
          continue;
        }
        out.run = r;
        return out;
      }
      if (runs.length < 100) break;
    }
    return out;
  });
}
