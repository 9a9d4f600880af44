// The pull request a run belongs to. `workflow_run.pull_requests` is empty for PRs from forks: then ask
// for open PRs whose head is {fork owner}:{branch}, then the head repository's commits/{sha}/pulls, and
// accept a PR only if its base repository is this one and its head sha is the run's head sha.
import type { Api, RepoRef } from './api.js';
import { fullName } from './api.js';
import { statusOf, withPermission } from './errors.js';
import type { PullRef, RunInfo } from './runs.js';

export interface PullInfo {
  number: number;
  baseSha?: string;
  baseRef?: string;
  headSha?: string;
  /** owner/name of the head repository and the head branch, when the API said. */
  headRepo?: string;
  headRef?: string;
  /** How it was found, for the log. */
  via: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const fromApi = (p: any, via: string): PullInfo => ({
  number: p.number,
  baseSha: p.base?.sha,
  baseRef: p.base?.ref,
  headSha: p.head?.sha,
  headRepo: typeof p.head?.repo?.full_name === 'string' ? p.head.repo.full_name : undefined,
  headRef: typeof p.head?.ref === 'string' ? p.head.ref : undefined,
  via,
});
/* eslint-enable @typescript-eslint/no-explicit-any */

const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/**
 * Whether a pull request's head is the run's: the same commit, or the same head repository AND branch (a
 * later push moved the PR on). A PR named by the `pr-number` input is used only then: the input cannot send
 * one PR's diagnosis to another.
 */
export function headMatches(pr: PullInfo, run: RunInfo): boolean {
  if (pr.headSha && pr.headSha === run.headSha) return true;
  return same(pr.headRepo, run.headRepo) && !!pr.headRef && pr.headRef === run.headBranch;
}

const where = (sha?: string, repo?: string, ref?: string) =>
  `${sha ? sha.slice(0, 7) : '?'}${repo || ref ? ` on ${repo ?? '?'}:${ref ?? '?'}` : ''}`;

export async function findPullRequest(
  api: Api,
  repo: RepoRef,
  run: RunInfo,
  override?: number,
  warn?: (message: string) => void,
): Promise<PullInfo | undefined> {
  const here = fullName(repo);
  if (override) {
    const res = await withPermission(
      'pull-requests: write',
      `pull request #${override}`,
      () => api.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...repo, pull_number: override }),
      `Pull request #${override} was not found in ${here} (404): check the pr-number input.`,
    );
    const pr = fromApi(res.data, 'the pr-number input');
    if (!headMatches(pr, run)) {
      warn?.(
        `pr-number ${override} ignored: the head of pull request #${override} (${where(pr.headSha, pr.headRepo, pr.headRef)}) is not the run's (${where(run.headSha, run.headRepo, run.headBranch)}); no comment is written.`,
      );
      return undefined;
    }
    return pr;
  }
  const listed = run.pullRequests.find(
    (p: PullRef) =>
      p.headSha === run.headSha &&
      (!p.baseRepo || same(p.baseRepo, here)) &&
      (p.baseRepoId === undefined || run.repoId === undefined || p.baseRepoId === run.repoId),
  );
  if (listed)
    return {
      number: listed.number,
      baseSha: listed.baseSha,
      baseRef: listed.baseRef,
      headSha: listed.headSha,
      via: 'the run',
    };
  if (!run.event.startsWith('pull_request') || !run.headRepo || !run.headBranch) return undefined;

  const accept = (list: unknown[], via: string): PullInfo | undefined => {
    /* eslint-disable-next-line @typescript-eslint/no-explicit-any */
    const p = (list as any[]).find(
      (x) => same(x?.base?.repo?.full_name, here) && x?.head?.sha === run.headSha,
    );
    return p ? fromApi(p, via) : undefined;
  };
  const headOwner = run.headRepo.split('/')[0];
  const open = await withPermission('pull-requests: write', 'the pull requests', () =>
    api.request('GET /repos/{owner}/{repo}/pulls', {
      ...repo,
      state: 'open',
      head: `${headOwner}:${run.headBranch}`,
      per_page: 100,
    }),
  );
  const found = accept(open.data, `the head ${headOwner}:${run.headBranch}`);
  if (found) return found;
  const [hOwner, hRepo] = run.headRepo.split('/');
  try {
    const res = await api.request('GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls', {
      owner: hOwner,
      repo: hRepo,
      commit_sha: run.headSha,
      per_page: 100,
    });
    return accept(res.data, `the head repository's commit ${run.headSha.slice(0, 7)}`);
  } catch (e) {
    // The head repository may be gone or private: no PR found.
    if (statusOf(e) === 404 || statusOf(e) === 403 || statusOf(e) === 422) return undefined;
    throw e;
  }
}
