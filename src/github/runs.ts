// A workflow run, the attempt that failed, its jobs and their failed steps.
import type { Api, RepoRef } from './api.js';
import { fullName } from './api.js';
import { withPermission } from './errors.js';
import { listAll } from './pages.js';

export interface PullRef {
  number: number;
  headSha?: string;
  headRef?: string;
  baseSha?: string;
  baseRef?: string;
  /** owner/name of the base repository, when the API says. */
  baseRepo?: string;
  /** Id of the base repository (the run's pull_requests give only id, url, name). */
  baseRepoId?: number;
}

export interface RunInfo {
  id: number;
  attempt: number;
  name?: string;
  workflowId: number;
  event: string;
  status?: string;
  conclusion?: string | null;
  headSha: string;
  headBranch?: string;
  /** owner/name of the repository the head commit lives in (a fork for fork PRs). */
  headRepo?: string;
  /** Id of the repository the run belongs to. */
  repoId?: number;
  createdAt: string;
  htmlUrl?: string;
  pullRequests: PullRef[];
}

export interface StepInfo {
  number: number;
  name: string;
  conclusion?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
}

export interface JobInfo {
  id: number;
  name: string;
  conclusion?: string | null;
  htmlUrl?: string;
  startedAt?: string | null;
  steps: StepInfo[];
}

/* eslint-disable @typescript-eslint/no-explicit-any */
function toPull(p: any): PullRef {
  return {
    number: p.number,
    headSha: p.head?.sha,
    headRef: p.head?.ref,
    baseSha: p.base?.sha,
    baseRef: p.base?.ref,
    baseRepo:
      p.base?.repo?.full_name ??
      (p.base?.repo?.name && p.base?.repo?.owner?.login
        ? `${p.base.repo.owner.login}/${p.base.repo.name}`
        : undefined),
  };
}

/** Builds RunInfo from a workflow-run object (the API's or the workflow_run event payload's). */
export function toRunInfo(r: any): RunInfo {
  return {
    id: r.id,
    attempt: r.run_attempt ?? 1,
    name: r.name ?? undefined,
    workflowId: r.workflow_id,
    event: r.event,
    status: r.status ?? undefined,
    conclusion: r.conclusion ?? null,
    headSha: r.head_sha,
    headBranch: r.head_branch ?? undefined,
    headRepo: r.head_repository?.full_name ?? undefined,
    repoId: typeof r.repository?.id === 'number' ? r.repository.id : undefined,
    createdAt: r.created_at,
    htmlUrl: r.html_url,
    pullRequests: Array.isArray(r.pull_requests) ? r.pull_requests.map(toPull) : [],
  };
}

export function toJobInfo(j: any): JobInfo {
  return {
    id: j.id,
    name: String(j.name ?? j.id),
    conclusion: j.conclusion ?? null,
    htmlUrl: j.html_url ?? undefined,
    startedAt: j.started_at ?? null,
    steps: (Array.isArray(j.steps) ? j.steps : []).map((s: any) => ({
      number: s.number,
      name: String(s.name ?? ''),
      conclusion: s.conclusion ?? null,
      startedAt: s.started_at ?? null,
      completedAt: s.completed_at ?? null,
    })),
  };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** Reads a run, or one attempt of it when `attempt` is given. */
export async function getRun(api: Api, repo: RepoRef, runId: number, attempt?: number): Promise<RunInfo> {
  const notFound = `Run ${runId}${attempt ? ` attempt ${attempt}` : ''} was not found in ${fullName(repo)} (404): check the run id.`;
  return withPermission(
    'actions: read',
    `run ${runId}`,
    async () => {
      const res = attempt
        ? await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}', {
            ...repo,
            run_id: runId,
            attempt_number: attempt,
            exclude_pull_requests: false,
          })
        : await api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}', { ...repo, run_id: runId });
      return toRunInfo(res.data);
    },
    notFound,
  );
}

/**
 * Every job of one attempt (paginated: matrices exceed 100 jobs), within MAX_PAGES pages (src/github/pages.ts);
 * why the listing stopped early, if it did, goes to `notes`.
 */
export async function listJobs(
  api: Api,
  repo: RepoRef,
  runId: number,
  attempt: number,
  notes?: string[],
): Promise<JobInfo[]> {
  const notFound = `Run ${runId} attempt ${attempt} was not found in ${fullName(repo)} (404): check the run id.`;
  return withPermission(
    'actions: read',
    `the jobs of run ${runId}`,
    async () => {
      const listed = await listAll<{ id: number }>(
        api,
        'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
        { ...repo, run_id: runId, attempt_number: attempt },
        `The jobs of run ${runId}`,
      );
      if (listed.cut) notes?.push(`${listed.cut}: the analysis used the jobs listed so far.`);
      return listed.items.map(toJobInfo);
    },
    notFound,
  );
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);

/** The jobs that failed; when none failed but some were cancelled, those. */
export function failedJobs(jobs: JobInfo[]): JobInfo[] {
  const failed = jobs.filter((j) => FAILED.has(j.conclusion ?? ''));
  return failed.length ? failed : jobs.filter((j) => j.conclusion === 'cancelled');
}

export function failedSteps(job: JobInfo): StepInfo[] {
  return job.steps.filter((s) => FAILED.has(s.conclusion ?? '') || s.conclusion === 'cancelled');
}

/** True when the run's conclusion calls for an analysis. */
export function runFailed(run: RunInfo): boolean {
  return FAILED.has(run.conclusion ?? '');
}
