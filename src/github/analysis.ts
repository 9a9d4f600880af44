// One failed run → one Report: run and attempt → jobs → failed jobs' logs → last green → change set →
// core → job/step locations. Shared by the action (src/action.ts) and the terminal (src/github/remote.ts).
import { runAnalysis } from '../core.js';
import type { ChangeSet, Report, Rule } from '../types.js';
import type { Api, Logger, RepoRef } from './api.js';
import { fullName } from './api.js';
import { commitChangeSet, compareChangeSet } from './compare.js';
import { findLastGreen } from './lastGreen.js';
import { combine, locateReport } from './locate.js';
import { downloadJobLog, type BlobFetcher } from './logs.js';
import { findPullRequest, type PullInfo } from './pulls.js';
import type { JobInfo, RunInfo } from './runs.js';
import { failedJobs, failedSteps, getRun, listJobs, runFailed } from './runs.js';
import { locateSteps } from './steps.js';

/** At most this many failed jobs have their logs downloaded (a matrix can fail 200 times the same way). */
export const MAX_JOBS_ANALYSED = 20;

export interface RunTarget {
  repo: RepoRef;
  /** The web server (GITHUB_SERVER_URL), for links. */
  server: string;
  runId: number;
  /** The attempt to analyse; default: the run's latest. */
  attempt?: number;
}

export interface AnalyseOptions {
  /** The rules, or how to load them (only once the run is known to have failed). */
  rules: Rule[] | (() => Promise<Rule[]>);
  maxSuspects?: number;
  /** Cap per job log, in bytes: the tail is kept. */
  maxLogBytes: number;
  prNumber?: number;
  log: Logger;
  blob?: BlobFetcher;
}

export type RunOutcome =
  | { kind: 'not-failed'; run: RunInfo; message: string }
  | {
      kind: 'analysed';
      run: RunInfo;
      report: Report;
      pr?: PullInfo;
      jobs: JobInfo[];
      failed: JobInfo[];
      changeSet?: ChangeSet;
      /** The head sha of the last green run, when the range starts there. */
      lastGreenSha?: string;
    };

function shortSha(sha?: string): string {
  return sha ? sha.slice(0, 7) : '?';
}

/** The change set: last green run → the PR's base (merge base) → the head commit alone. */
async function chooseChangeSet(
  api: Api,
  repo: RepoRef,
  run: RunInfo,
  pr: PullInfo | undefined,
  notes: string[],
  log: Logger,
): Promise<{ changeSet: ChangeSet; lastGreenSha?: string }> {
  const green = await findLastGreen(api, repo, run);
  if (green.sameCommitSuccess) {
    notes.push(
      `Run ${green.sameCommitSuccess.id} of this workflow passed on the same commit ${shortSha(run.headSha)}: the failure may be flaky.`,
    );
  }
  if (green.run) {
    log.info(`Last green run: ${green.run.id} at ${shortSha(green.run.headSha)}`);
    const changeSet = await compareChangeSet(
      api,
      repo,
      green.run.headSha,
      run.headSha,
      `last green run ${green.run.id}`,
    );
    return { changeSet, lastGreenSha: green.run.headSha };
  }
  if (pr?.baseSha) {
    log.info(`No earlier green run: comparing with the base of pull request #${pr.number}`);
    const cs = await compareChangeSet(
      api,
      repo,
      pr.baseSha,
      run.headSha,
      `merge base with ${pr.baseRef ?? 'the base branch'} (no earlier green run)`,
    );
    notes.push(
      `No earlier green run of this workflow on this branch: the range starts at the merge base with the pull request's base.`,
    );
    return { changeSet: cs };
  }
  log.info('No earlier green run and no pull request: analysing the head commit alone');
  notes.push('No earlier green run and no pull request: the range is the head commit alone.');
  return {
    changeSet: await commitChangeSet(
      api,
      repo,
      run.headSha,
      'parent commit (no earlier green run, no pull request)',
    ),
  };
}

export async function analyseRun(api: Api, target: RunTarget, opts: AnalyseOptions): Promise<RunOutcome> {
  const { repo } = target;
  const log = opts.log;
  const run = await getRun(api, repo, target.runId, target.attempt);
  if (run.status && run.status !== 'completed') {
    return {
      kind: 'not-failed',
      run,
      message: `Run ${run.id} is still ${run.status}: nothing to analyse yet.`,
    };
  }
  if (!runFailed(run)) {
    return {
      kind: 'not-failed',
      run,
      message: `Run ${run.id} (attempt ${run.attempt}) did not fail (conclusion: ${run.conclusion ?? 'none'}): nothing to analyse.`,
    };
  }
  log.info(`Analysing run ${run.id} attempt ${run.attempt} of ${fullName(repo)} at ${shortSha(run.headSha)}`);
  const notes: string[] = [];
  const jobs = await listJobs(api, repo, run.id, run.attempt);
  const failed = failedJobs(jobs);
  log.info(`${jobs.length} job(s), ${failed.length} failed`);
  const analysed = failed.slice(0, MAX_JOBS_ANALYSED);
  if (failed.length > analysed.length) {
    notes.push(`${failed.length} jobs failed; the logs of the first ${analysed.length} were analysed.`);
  }

  const texts: {
    jobId: number;
    job: string;
    text: string;
    dropped: number;
    steps: ReturnType<typeof locateSteps>;
  }[] = [];
  const jobsOut: NonNullable<NonNullable<Report['source']>['jobs']> = [];
  for (const job of analysed) {
    const got = await downloadJobLog(api, repo, job.id, opts.maxLogBytes, opts.blob);
    const entry: (typeof jobsOut)[number] = {
      id: job.id,
      name: job.name,
      url: `${target.server.replace(/\/+$/, '')}/${fullName(repo)}/actions/runs/${run.id}/job/${job.id}`,
      failedSteps: failedSteps(job).map((s) => ({ number: s.number, name: s.name })),
    };
    if (got.missing) {
      entry.logMissing = got.missing;
      notes.push(
        got.missing === 'expired'
          ? `The log of job '${job.name}' has expired (410): it is not in the analysis.`
          : `The log of job '${job.name}' could not be read (${got.missing}): it is not in the analysis.`,
      );
    } else {
      if (got.droppedBytes > 0) {
        notes.push(
          `The log of job '${job.name}' exceeds the max-log-mb cap: its first ${got.droppedLines} lines (${Math.round(got.droppedBytes / 1024)} KiB) were skipped, the tail analysed.`,
        );
      }
      const firstLine = got.droppedLines + 1;
      texts.push({
        jobId: job.id,
        job: job.name,
        text: got.text,
        dropped: got.droppedLines,
        steps: locateSteps(got.text, job.steps, firstLine),
      });
    }
    jobsOut.push(entry);
  }

  const pr = await findPullRequest(api, repo, run, opts.prNumber);
  if (pr) log.info(`Pull request #${pr.number} (found through ${pr.via})`);
  const { changeSet, lastGreenSha } = await chooseChangeSet(api, repo, run, pr, notes, log);
  const rules = typeof opts.rules === 'function' ? await opts.rules() : opts.rules;

  const combined = combine(texts);
  const report = runAnalysis({ logText: combined.text, changeSet, rules, maxSuspects: opts.maxSuspects });
  locateReport(report, combined, { server: target.server, repo: fullName(repo), run: run.id });
  report.source = {
    server: target.server,
    repo: fullName(repo),
    run: run.id,
    attempt: run.attempt,
    jobs: jobsOut,
  };
  report.head ??= { sha: run.headSha };
  if (!report.base && changeSet?.base) report.base = { sha: changeSet.base, source: changeSet.baseSource };
  for (const n of [...notes, ...(changeSet?.notes ?? [])])
    if (!report.notes.includes(n)) report.notes.push(n);
  return { kind: 'analysed', run, report, pr, jobs, failed, changeSet, lastGreenSha };
}
