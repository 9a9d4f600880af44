// One failed run → one Report: run and attempt → jobs → failed jobs' logs (in parallel) → the workflow's
// recent runs (last green run, base branch, same commit) → change set → core → job/step locations.
// Shared by the action (src/action.ts) and the terminal (src/github/remote.ts).
//
// Requests: at most 6 + 4 (failure memory) + 2 × (failed jobs) per analysis, plus at most 32 reads of files
// at head for the repository context (src/github/budget.ts, src/github/context.ts). The run comes from the
// workflow_run event when there is one; ONE list-runs request serves the last green run, the base branch
// and the same-commit check; requests that only add detail are made while the budget allows.
//
// Logs are never held whole (issue 6): each is spooled to a file in a temporary folder as it downloads
// (src/github/spool.ts), then read back as a stream into ONE analysis (src/log/stream.ts), job after job.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { runAnalysisStream } from '../core.js';
import { analyzeLogStream } from '../log/stream.js';
import { findingSignature, isRealError, withFlakyElsewhere } from '../analyze/verdict.js';
import { matchElsewhere, readPastFailures } from './memory.js';
import { loadKnownIssues, matchKnownIssues } from './known-issues.js';
import { attachFingerprints, matrixGroups } from '../analyze/fingerprint.js';
import { evidenceLine, sharedFailure, signaturesOf } from '../history.js';
import type { ChangeSet, Finding, Report, Rule, RunEvidence } from '../types.js';
import type { Api, Logger, RepoRef } from './api.js';
import { fullName } from './api.js';
import { BUDGET_CONTEXT, budgetFor, RequestBudget } from './budget.js';
import { commitChangeSet, compareChangeSet } from './compare.js';
import { apiContext, type ContextCost, type RepoTree } from './context.js';
import { ATTRIBUTED_SUSPECTS, attributeSuspectCommits } from './attribute.js';
import { attachImports } from '../diff/context.js';
import { withPermission } from './errors.js';
import {
  greenOnBranch,
  pickHistory,
  previousAttemptPassed,
  recentRuns,
  type WorkflowHistory,
} from './history.js';
import { locateReport, type JobSlice } from './locate.js';
import { downloadJobLog, type BlobFetcher, type JobLog } from './logs.js';
import { readSpooled, removeSpool, spooledLine, type SpooledLog } from './spool.js';
import { findPullRequest, type PullInfo } from './pulls.js';
import type { JobInfo, RunInfo, StepInfo } from './runs.js';
import { failedJobs, failedSteps, getRun, listJobs, runFailed, toJobInfo } from './runs.js';
import { StepScanner, stepStarts } from './steps.js';
import { memoryGuard } from '../memory.js';
import { Deadline } from '../deadline.js';

/** At most this many failed jobs have their logs downloaded (a matrix can fail 200 times the same way). */
export const MAX_JOBS_ANALYSED = 20;
/** Log downloads in flight at once. */
export const LOG_CONCURRENCY = 4;
const NEWLINE = Buffer.from('\n');
/** Bytes of a log decoded at once for the step scan. */
const SCAN_PIECE = 32 * 1024;

/**
 * Resident memory above which the action collects while it downloads and reads job logs (src/memory.ts),
 * at most once per 8 MiB: its floor is higher than the CLI's (octokit and undici are loaded, ~75 MiB
 * before the first log), and each downloaded 64 KiB socket buffer is garbage once spooled. On the e2e
 * 64 MB job log the peak RSS was 113–116 MiB with the ceiling at 96 MiB, 108–110 MiB at 88 or 80 MiB
 * (same time), 126 MiB without it.
 */
const ACTION_RSS_CEILING = 88 * 1024 * 1024;
const ACTION_COLLECT_EVERY = 8 * 1024 * 1024;

export interface RunTarget {
  repo: RepoRef;
  /** The web server (GITHUB_SERVER_URL), for links. */
  server: string;
  runId: number;
  /** The attempt to analyse; default: the run's latest. */
  attempt?: number;
  /** The run as the workflow_run event gives it: not fetched again. */
  run?: RunInfo;
  /** The repository's default branch, when known (the event's repository): the base of a push run. */
  defaultBranch?: string;
}

export interface AnalyseOptions {
  /** The rules, or how to load them (only once the run is known to have failed). */
  rules: Rule[] | (() => Promise<Rule[]>);
  maxSuspects?: number;
  /** Cap per job log, in bytes: the tail is kept (the disk holds at most about twice as much per job). */
  maxLogBytes: number;
  /** Where the logs are spooled while analysed (a new folder, removed afterwards); default os.tmpdir(). */
  tempDir?: string;
  prNumber?: number;
  log: Logger;
  blob?: BlobFetcher;
  /** Read the latest run on the base branch to tell a broken base from this change (default true). */
  baseCheck?: boolean;
  /**
   * Failure memory (src/github/memory.ts): read the repository's comments updated in the last `days` days
   * for the same failures on other pull requests, at most `pages` requests. `authors`: whose comments are
   * ours (asked once the comments of the pull request were listed).
   */
  memory?: { days: number; pages?: number; authors: () => string[] };
  /** Known issues: the label of the issues that describe known failures (one request). */
  knownIssueLabel?: string;
  /** Counts the requests (countRequests) and limits the optional ones; its limit is set here. */
  budget?: RequestBudget;
  /**
   * Called once the pull request is known, before any optional request: does the caller's own reading
   * (e.g. listing the comments) and returns how many requests it will still make afterwards.
   */
  reserve?: (pr: PullInfo | undefined, run: RunInfo) => Promise<number>;
  /**
   * Once passed, nothing more is read: logs not yet downloaded are skipped, the optional requests are not
   * made and the log is read no further; the report's notes say what was left (src/deadline.ts).
   */
  deadline?: Deadline;
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
      /** What the repository context cost (files read at head through the API; ms: wall time), when it was read. */
      context?: { files: number } & ContextCost;
    };

function shortSha(sha?: string): string {
  return sha ? sha.slice(0, 7) : '?';
}

const same = (a?: string, b?: string) => !!a && !!b && a.toLowerCase() === b.toLowerCase();

/** A job log's line without its timestamp and colours. */
function cleanLogLine(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const line = stripVTControlCharacters(raw)
    .replace(/^\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z ?/, '')
    .replace(/^##\[(?:error|warning|notice)\]/, '')
    .trim();
  return line || undefined;
}

/** Runs `fn` over `items` with at most `limit` in flight; results in the items' order. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The branch whose latest run tells whether the base is broken, or why there is none. */
function baseBranchOf(
  run: RunInfo,
  repo: RepoRef,
  pr: PullInfo | undefined,
  defaultBranch: string | undefined,
): { branch?: string; skipped?: string } {
  const branch = pr?.baseRef ?? (run.event.startsWith('pull_request') ? undefined : defaultBranch);
  if (!branch) return { skipped: 'the base branch is not known' };
  if (run.headBranch === branch && (!run.headRepo || same(run.headRepo, fullName(repo))))
    return { skipped: 'the failing run is on the base branch' };
  return { branch };
}

/** The failed job of the base run to compare with: named like one of ours, else its first failed job. */
async function baseJob(
  api: Api,
  repo: RepoRef,
  base: RunInfo,
  ours: JobInfo[],
): Promise<JobInfo | undefined> {
  const res = await withPermission('actions: read', `the jobs of run ${base.id}`, () =>
    api.request('GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs', {
      ...repo,
      run_id: base.id,
      attempt_number: base.attempt,
      per_page: 100,
    }),
  );
  const failed = failedJobs(res.data.jobs.map(toJobInfo));
  const names = new Set(ours.map((j) => j.name));
  return failed.find((j) => names.has(j.name)) ?? failed[0];
}

/** The chunks of a source, each told to the memory guard on its way. */
async function* guarded(
  source: AsyncIterable<Uint8Array>,
  guard: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    guard(chunk.length);
    yield chunk;
  }
}

interface BaseCheck {
  evidence: NonNullable<RunEvidence['base']>;
  signatures: string[];
}

async function checkBase(
  api: Api,
  repo: RepoRef,
  base: RunInfo,
  branch: string,
  ours: JobInfo[],
  opts: AnalyseOptions,
  dir: string,
  guard: (bytes: number) => void,
): Promise<BaseCheck> {
  const evidence: BaseCheck['evidence'] = {
    branch,
    run: base.id,
    attempt: base.attempt,
    conclusion: base.conclusion ?? 'unknown',
  };
  if (!runFailed(base)) return { evidence, signatures: [] };
  const job = await baseJob(api, repo, base, ours);
  if (!job) return { evidence, signatures: [] };
  evidence.job = { id: job.id, name: job.name };
  const got = await downloadJobLog(api, repo, job.id, {
    maxBytes: opts.maxLogBytes,
    dir,
    name: 'base',
    blob: opts.blob,
    guard,
  });
  if (got.missing || !got.spool) {
    evidence.logMissing = got.missing ?? 'missing';
    return { evidence, signatures: [] };
  }
  if (!got.spool.bytes) return { evidence, signatures: [] };
  const read = await analyzeLogStream(guarded(readSpooled(got.spool, true), guard), {
    reusedChunks: true,
    size: got.spool.bytes,
  });
  return { evidence, signatures: signaturesOf(read.findings) };
}

/**
 * The base branch's runs of the current streak of failures, newest first, from the recent runs (pure):
 * the latest completed run on the base branch, then the older ones while they failed too.
 */
export function baseStreak(recent: RunInfo[], latest: RunInfo, failing: RunInfo): RunInfo[] {
  if (!runFailed(latest)) return [];
  const onBase = recent
    .filter(
      (r) =>
        r.workflowId === failing.workflowId &&
        r.headBranch === latest.headBranch &&
        r.status === 'completed' &&
        r.conclusion &&
        Date.parse(r.createdAt) <= Date.parse(latest.createdAt),
    )
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const out: RunInfo[] = [];
  for (const r of onBase) {
    if (!runFailed(r)) break;
    out.push(r);
  }
  return out;
}

/**
 * Since when the base branch fails with `shared`: the oldest run of the streak, when its log (2 requests,
 * only while the budget allows) shows the same failure; else the latest run.
 */
async function failingSince(
  api: Api,
  repo: RepoRef,
  streak: RunInfo[],
  shared: Finding,
  ours: JobInfo[],
  opts: AnalyseOptions,
  dir: string,
  guard: (bytes: number) => void,
  budget: RequestBudget,
): Promise<NonNullable<NonNullable<RunEvidence['base']>['since']> | undefined> {
  const latest = streak[0];
  if (!latest) return undefined;
  const at = (r: RunInfo) => ({ run: r.id, attempt: r.attempt, sha: r.headSha, failedInARow: streak.length });
  const oldest = streak[streak.length - 1];
  if (oldest === latest) return at(latest);
  budget.reserved = Math.max(0, budget.reserved - 2); // kept aside for this read (analyse, memoryNeeds)
  if (!budget.allows(2)) return at(latest);
  const older = await checkBase(api, repo, oldest, oldest.headBranch ?? '', ours, opts, dir, guard);
  const sig = findingSignature(shared);
  return older.signatures.includes(sig) ? at(oldest) : at(latest);
}

/** The change set: last green run → the PR's base (merge base) → the head commit alone. */
async function chooseChangeSet(
  api: Api,
  repo: RepoRef,
  run: RunInfo,
  pr: PullInfo | undefined,
  green: RunInfo | undefined,
  notes: string[],
  log: Logger,
  allow: (n: number) => boolean,
  onTree: (tree: RepoTree) => void,
): Promise<{ changeSet: ChangeSet; lastGreenSha?: string }> {
  if (green) {
    log.info(`Last green run: ${green.id} at ${shortSha(green.headSha)}`);
    const changeSet = await compareChangeSet(
      api,
      repo,
      green.headSha,
      run.headSha,
      `last green run ${green.id}`,
      allow,
      onTree,
    );
    return { changeSet, lastGreenSha: green.headSha };
  }
  if (pr?.baseSha) {
    log.info(`No earlier green run: comparing with the base of pull request #${pr.number}`);
    const cs = await compareChangeSet(
      api,
      repo,
      pr.baseSha,
      run.headSha,
      `merge base with ${pr.baseRef ?? 'the base branch'} (no earlier green run)`,
      allow,
      onTree,
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
      allow,
      onTree,
    ),
  };
}

export async function analyseRun(api: Api, target: RunTarget, opts: AnalyseOptions): Promise<RunOutcome> {
  const spool: { dir?: string } = {};
  try {
    return await analyse(api, target, opts, spool);
  } finally {
    if (spool.dir) await removeSpool(spool.dir);
  }
}

/** analyseRun; the logs are spooled to a folder it creates and names in `spool.dir`. */
async function analyse(
  api: Api,
  target: RunTarget,
  opts: AnalyseOptions,
  spool: { dir?: string },
): Promise<RunOutcome> {
  const { repo } = target;
  const log = opts.log;
  const budget = opts.budget ?? new RequestBudget();
  const deadline = opts.deadline ?? new Deadline(0);
  const run =
    target.run && target.run.id === target.runId && (!target.attempt || target.attempt === target.run.attempt)
      ? target.run
      : await getRun(api, repo, target.runId, target.attempt);
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
  const jobs = await listJobs(api, repo, run.id, run.attempt, notes);
  const failed = failedJobs(jobs);
  budget.limit = Math.min(budget.limit, budgetFor(failed.length));
  log.info(`${jobs.length} job(s), ${failed.length} failed`);
  const analysed = failed.slice(0, MAX_JOBS_ANALYSED);
  if (failed.length > analysed.length) {
    notes.push(`${failed.length} jobs failed; the logs of the first ${analysed.length} were analysed.`);
  }

  const pr = await findPullRequest(api, repo, run, opts.prNumber, log.warn);
  if (pr) log.info(`Pull request #${pr.number} (found through ${pr.via})`);
  const baseWanted =
    opts.baseCheck === false
      ? { skipped: 'the base-branch check is disabled' }
      : baseBranchOf(run, repo, pr, target.defaultBranch);

  // ONE request for the workflow's recent runs: last green, base branch, same commit.
  const recent = await recentRuns(api, repo, run.workflowId);
  const history: WorkflowHistory = pickHistory(recent, run, repo, baseWanted.branch, recent.length >= 100);

  // What must still be sent: the caller's own (the comment), the logs, the comparison.
  const callerNeeds = opts.reserve ? await opts.reserve(pr, run) : 0;
  // The rules (a file on the default branch may cost a request) before anything optional.
  const rules = typeof opts.rules === 'function' ? await opts.rules() : opts.rules;
  const dir = await mkdtemp(join(opts.tempDir ?? tmpdir(), 'ci-root-cause-'));
  spool.dir = dir;
  const guard = memoryGuard({
    ceiling: ACTION_RSS_CEILING,
    checkEvery: 1024 * 1024,
    collectEvery: ACTION_COLLECT_EVERY,
  });
  budget.reserved = callerNeeds + analysed.length + 1;

  const downloaded: JobLog[] = await mapLimit(analysed, LOG_CONCURRENCY, async (job) =>
    deadline.passed
      ? { droppedLines: 0, droppedBytes: 0, missing: 'not downloaded: the analysis reached its deadline' }
      : downloadJobLog(api, repo, job.id, {
          maxBytes: opts.maxLogBytes,
          dir,
          name: `job${analysed.indexOf(job) + 1}`,
          blob: opts.blob,
          guard,
        }),
  );
  budget.reserved = callerNeeds + 1;

  const evidence: RunEvidence = {};
  let baseSignatures: string[] = [];
  let baseRuns: RunInfo[] = [];
  if (baseWanted.skipped) evidence.baseSkipped = baseWanted.skipped;
  else if (!history.base)
    evidence.baseSkipped = `no completed run of this workflow on '${baseWanted.branch}' among the recent runs`;
  else if (runFailed(history.base) && !budget.allows(2))
    evidence.baseSkipped = 'the request budget of this analysis is spent';
  else if (runFailed(history.base) && deadline.passed)
    evidence.baseSkipped = 'the analysis reached its deadline';
  else {
    const base = await checkBase(api, repo, history.base, baseWanted.branch!, analysed, opts, dir, guard);
    evidence.base = base.evidence;
    baseSignatures = base.signatures;
    baseRuns = baseStreak(recent, history.base, run);
    log.info(`Base branch: run ${history.base.id} on '${baseWanted.branch}' ${history.base.conclusion}`);
  }
  if (!history.green && history.truncated && budget.allows(1) && !deadline.passed) {
    history.green = await greenOnBranch(api, repo, run);
  }
  if (!history.passedSameCommit && run.attempt > 1 && budget.allows(1) && !deadline.passed) {
    history.passedSameCommit = await previousAttemptPassed(api, repo, run);
  }
  if (history.passedSameCommit) {
    const p = history.passedSameCommit;
    evidence.passed = { run: p.id, attempt: p.attempt, via: p.id === run.id ? 'attempt' : 'run' };
  }

  const texts: { jobId: number; job: string; log: SpooledLog; dropped: number; steps: StepInfo[] }[] = [];
  const jobsOut: NonNullable<NonNullable<Report['source']>['jobs']> = [];
  analysed.forEach((job, i) => {
    const got = downloaded[i];
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
    } else if (got.spool) {
      if (got.droppedBytes > 0) {
        notes.push(
          `The log of job '${job.name}' exceeds the max-log-mb cap: its first ${got.droppedLines} lines (${Math.round(got.droppedBytes / 1024)} KiB) were skipped, the tail analysed.`,
        );
      }
      texts.push({
        jobId: job.id,
        job: job.name,
        log: got.spool,
        dropped: got.droppedLines,
        steps: job.steps,
      });
    }
    jobsOut.push(entry);
  });

  // The failure memory's own reads (a page of comments, the known issues) and the repository context's
  // reads are kept aside from the change set's optional detail (each commit's file list); the base streak's
  // older run comes after the change set.
  const memoryNeeds =
    (opts.memory ? 1 : 0) +
    (opts.knownIssueLabel ? 1 : 0) +
    (baseSignatures.length && baseRuns.length > 1 ? 2 : 0);
  budget.reserved = callerNeeds + memoryNeeds + BUDGET_CONTEXT;
  let tree: RepoTree | undefined;
  const { changeSet, lastGreenSha } = await chooseChangeSet(
    api,
    repo,
    run,
    pr,
    history.green,
    notes,
    log,
    (n) => budget.allows(n) && !deadline.passed,
    (t) => (tree = t),
  );
  // the context's reads may now use what the change set left, but not the failure memory's
  budget.reserved = callerNeeds + memoryNeeds;
  if (history.green) evidence.green = { run: history.green.id, sha: history.green.headSha };

  // The jobs' logs one after the other, each ending with a newline (as one text): where each job's lines
  // are and the lines that open its steps are found on the way.
  const slices: JobSlice[] = [];
  async function* jobsText(): AsyncGenerator<Uint8Array> {
    let next = 1;
    for (const t of texts) {
      if (!t.log.bytes) continue;
      const scanner = new StepScanner(t.dropped + 1);
      let last = NEWLINE[0];
      for await (const chunk of guarded(readSpooled(t.log, true), guard)) {
        // Read as latin1 (a byte per character: no decoding; the step markers are ASCII), in pieces small
        // enough for V8's young generation (a string over 128 KiB stays in the large-object space until a
        // full collection).
        for (let i = 0; i < chunk.length; i += SCAN_PIECE)
          scanner.push((chunk as Buffer).toString('latin1', i, Math.min(chunk.length, i + SCAN_PIECE)));
        last = chunk[chunk.length - 1];
        yield chunk;
      }
      if (last !== NEWLINE[0]) yield NEWLINE;
      const lines = scanner.end();
      const steps = stepStarts(scanner.openers, t.steps, t.dropped + 1);
      slices.push({ jobId: t.jobId, job: t.job, start: next, lines, dropped: t.dropped, steps });
      next += lines;
    }
  }
  let contextCost: ({ files: number } & ContextCost) | undefined;
  const report = await runAnalysisStream({
    log: jobsText(),
    // one read buffer, filled again per chunk (the stream copies what it keeps)
    reusedChunks: true,
    // (the job headers and last newlines add a few bytes: a lower bound is enough)
    logSize: texts.reduce((n, t) => n + t.log.bytes, 0),
    deadline,
    changeSet,
    rules,
    maxSuspects: opts.maxSuspects,
    history: { baseFailureSignatures: baseSignatures, headPassedInOtherAttempt: !!evidence.passed },
    // What the files the findings name import, read at head through the blobs API: the same function
    // the CLI runs on its local repository (src/diff/context.ts).
    beforeRanking: tree
      ? async (named) => {
          const started = Date.now();
          // (a few requests stay for the suspects' commits, below)
          const ctx = apiContext(api, repo, tree!, Math.max(0, budget.spare() - ATTRIBUTED_SUSPECTS));
          const files = await attachImports(ctx, changeSet, named);
          const c = { ...ctx.cost, ms: Date.now() - started };
          log.info(
            `Repository context: ${files} file(s) at head, ${c.requests} request(s), ${c.bytes} bytes, ${(c.ms / 1000).toFixed(2)} s${c.refused ? `; ${c.refused} read(s) over the request budget` : ''}`,
          );
          contextCost = { files, ...c };
        }
      : undefined,
  });
  // Which commit changed the top suspects, when each commit's own file list did not fit the budget.
  if (changeSet.commits.length > 1 && !changeSet.commits.some((c) => c.files))
    await attributeSuspectCommits(api, repo, report, changeSet, Math.max(0, budget.spare()));
  if (evidence.base && baseSignatures.length) {
    const shared = sharedFailure(report.findings, baseSignatures);
    if (shared) {
      evidence.base.matched = {
        message: evidenceLine(shared),
        tool: shared.tool,
        ...(shared.test ? { test: shared.test } : {}),
        ...(shared.code ? { code: shared.code } : {}),
      };
      evidence.base.since = await failingSince(
        api,
        repo,
        baseRuns,
        shared,
        analysed,
        opts,
        dir,
        guard,
        budget,
      );
    }
  }
  /** Line `n` (1-based) of the analysed text, read again from its job's spooled log. */
  const analysedLine = async (n: number): Promise<string | undefined> => {
    const slice = slices.find((x) => n >= x.start && n < x.start + x.lines);
    const log = slice && texts.find((t) => t.jobId === slice.jobId)?.log;
    return log ? cleanLogLine(await spooledLine(log, n - slice.start + 1)) : undefined;
  };
  if (report.verdict.origin === 'infrastructure' && !report.findings.some((f) => f.kind === 'infra')) {
    const p = report.patterns.find((x) => x.category === 'infra' || x.category === 'network');
    const line = p ? await analysedLine(p.logLines[0]) : undefined;
    if (line) evidence.infraLine = line;
  }
  locateReport(report, { slices }, { server: target.server, repo: fullName(repo), run: run.id });
  // Located: each finding's fingerprint now includes its job (without the matrix values).
  attachFingerprints(report.findings);
  const matrix = matrixGroups(report.findings);
  if (matrix.length) report.matrix = matrix.slice(0, 10);
  budget.reserved = callerNeeds;
  if (opts.memory && budget.allows(1)) {
    const fps = [
      ...new Set(report.findings.filter(isRealError).flatMap((f) => (f.fingerprint ? [f.fingerprint] : []))),
    ];
    if (fps.length) {
      const past = await readPastFailures(api, repo, {
        authors: opts.memory.authors(),
        now: Date.parse(run.createdAt) || Date.now(),
        days: opts.memory.days,
        pages: Math.max(1, Math.min(opts.memory.pages ?? 1, budget.spare())),
      }).catch((e: unknown) => {
        log.warn(`Failure memory not read: ${(e as Error)?.message ?? String(e)}`.split('\n')[0]);
        return undefined;
      });
      if (past) {
        const matches = matchElsewhere(past.failures, fps, {
          workflowId: run.workflowId,
          pr: pr?.number,
          run: run.id,
        });
        evidence.elsewhere = {
          days: opts.memory.days,
          commentsRead: past.read,
          truncated: past.truncated,
          matches: matches.slice(0, 10).map(({ pr: n, run: r, attempt, sha, url, passedOnRerun }) => ({
            pr: n,
            run: r,
            attempt,
            sha,
            url,
            passedOnRerun,
          })),
        };
        const passed = new Set(matches.filter((m) => m.passedOnRerun).flatMap((m) => m.fingerprints));
        report.verdict = {
          ...withFlakyElsewhere(report.verdict, report.findings, passed),
          category: report.verdict.category,
        };
        log.info(
          `Failure memory: ${past.read} comment(s) read, the same failure on ${matches.length} other run(s)`,
        );
      }
    }
  }
  if (opts.knownIssueLabel && budget.allows(1)) {
    const known = await loadKnownIssues(api, repo, opts.knownIssueLabel, log).catch((e: unknown) => {
      log.warn(`Known issues not read: ${(e as Error)?.message ?? String(e)}`.split('\n')[0]);
      return [];
    });
    const matched = matchKnownIssues(known, report.findings);
    if (matched.length) {
      report.knownIssues = matched.slice(0, 10);
      log.info(`Known issues matched: ${matched.map((m) => `#${m.number}`).join(', ')}`);
    }
  }
  if (
    report.findings.some(isRealError) &&
    !report.knownIssues?.length &&
    evidence.elsewhere &&
    !evidence.elsewhere.matches.length &&
    evidence.base &&
    !evidence.base.matched
  )
    evidence.firstSeen = true;
  report.source = {
    server: target.server,
    repo: fullName(repo),
    run: run.id,
    attempt: run.attempt,
    jobs: jobsOut,
  };
  report.history = evidence;
  report.head ??= { sha: run.headSha };
  if (!report.base && changeSet?.base) report.base = { sha: changeSet.base, source: changeSet.baseSource };
  for (const n of [...notes, ...(changeSet?.notes ?? [])])
    if (!report.notes.includes(n)) report.notes.push(n);
  return {
    kind: 'analysed',
    run,
    report,
    pr,
    jobs,
    failed,
    changeSet,
    lastGreenSha,
    ...(contextCost ? { context: contextCost } : {}),
  };
}
