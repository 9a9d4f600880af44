// The GitHub Action: analyse a failed run (workflow_run or workflow_dispatch), keep ONE comment on its PR,
// write the job summary and the outputs; on a green workflow_run, mark the PR's comment resolved.
import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { InputError } from './errors.js';
import { builtinRules, mergeRules } from './rules/load.js';
import { render } from './report/render.js';
import type { Rule } from './types.js';
import type { Api, Logger, RepoRef } from './github/api.js';
import { fullName, parseFullName } from './github/api.js';
import { analyseRun } from './github/analysis.js';
import { actionClient } from './github/client.js';
import { countRequests, RequestBudget } from './github/budget.js';
import {
  DEFAULT_AUTHORS,
  findStickyComments,
  resolveComment,
  upsertComment,
  writesNeeded,
  type StickyComment,
} from './github/comment.js';
import { describeApiFailure, GitHubAccessError } from './github/errors.js';
import { commentBody, outputsOf, summaryBody } from './github/publish.js';
import { findPullRequest } from './github/pulls.js';
import { memoryStamp } from './github/memory.js';
import { checkCommand, latestFailedRun, pullHead } from './github/command.js';
import { recordHit } from './github/known-issues.js';
import { isRealError } from './analyze/verdict.js';
import { checkRulesPath, defaultBranch, loadRepoRules } from './github/rules.js';
import { parseRunInput } from './github/runRef.js';
import { toRunInfo } from './github/runs.js';
import { neutralise, writeUntrusted } from './github/safeLog.js';
import { baselineWasm } from './memory.js';
import { shortRunCompiler } from './compiler.js';
import { Deadline, deadlineFlag } from './deadline.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Payload = Record<string, any>;

function readPayload(): Payload {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Payload;
  } catch {
    return {};
  }
}

function positiveInput(name: string, fallback: number): number {
  const raw = core.getInput(name);
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError(`the ${name} input must be a positive number, not '${raw.slice(0, 40)}'`);
  return n;
}

function countInput(name: string, fallback: number): number {
  const raw = core.getInput(name).trim();
  if (!raw) return fallback;
  if (!/^\d{1,4}$/.test(raw))
    throw new InputError(`the ${name} input must be a whole number, not '${raw.slice(0, 40)}'`);
  return Number(raw);
}

function booleanInput(name: string, fallback: boolean): boolean {
  const raw = core.getInput(name).trim().toLowerCase();
  if (!raw) return fallback;
  if (['true', 'yes', '1', 'on'].includes(raw)) return true;
  if (['false', 'no', '0', 'off'].includes(raw)) return false;
  throw new InputError(`the ${name} input must be true or false, not '${raw.slice(0, 40)}'`);
}

const logger: Logger = {
  info: (m) => core.info(neutralise(m)),
  warn: (m) => core.warning(neutralise(m)),
};

/** The logins whose marker comments are ours: github-actions[bot], and the token's user for a PAT. */
async function commentAuthors(api: Api, token: string): Promise<string[]> {
  if (token.startsWith('ghs_')) return DEFAULT_AUTHORS;
  try {
    const me = await api.request('GET /user');
    return [...DEFAULT_AUTHORS, me.data.login];
  } catch {
    return DEFAULT_AUTHORS;
  }
}

function setOutputs(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) core.setOutput(k, v);
}

/** The outputs of a run that did not fail (or a `/root-cause` with no failed run to analyse). */
const NOT_FAILED_OUTPUTS = {
  report: '',
  suspects: '[]',
  verdict: 'not-failed',
  'comment-url': '',
  'last-green-sha': '',
};

async function runAction(): Promise<void> {
  const deadline = new Deadline(
    deadlineFlag(core.getInput('deadline-seconds'), 'the deadline-seconds input'),
  );
  const token = core.getInput('github-token', { required: true });
  const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const apiUrl = process.env.GITHUB_API_URL || 'https://api.github.com';
  const repo: RepoRef | undefined = parseFullName(process.env.GITHUB_REPOSITORY ?? '');
  if (!repo) throw new InputError('GITHUB_REPOSITORY is not set: this runs inside a GitHub Actions job');
  const event = process.env.GITHUB_EVENT_NAME ?? '';
  const payload = readPayload();
  const maxSuspects = Math.floor(positiveInput('max-suspects', 5));
  const maxLogBytes = Math.floor(positiveInput('max-log-mb', 32) * 1024 * 1024);
  const comment = booleanInput('comment', true);
  const baseCheck = booleanInput('base-branch-check', true);
  const historyDays = countInput('history-days', 14);
  const historyPages = Math.max(1, countInput('history-pages', 1));
  // (the runner gives action.yml's default; run by hand without it, the same default applies)
  const labelInput = core.getInput('known-issue-label').trim() || 'ci-known-issue';
  const knownIssueLabel = ['none', 'false'].includes(labelInput.toLowerCase()) ? '' : labelInput;
  if (knownIssueLabel.length > 50 || /[,\u0000-\u001f]/.test(knownIssueLabel))
    throw new InputError(
      'the known-issue-label input must be one label name (at most 50 characters, no comma)',
    );
  const knownIssueHits = booleanInput('known-issue-hits', false);
  const prInput = core.getInput('pr-number').trim();
  let prNumber: number | undefined;
  if (prInput) {
    if (!/^[1-9][0-9]{0,9}$/.test(prInput))
      throw new InputError(`the pr-number input must be a positive integer, not '${prInput.slice(0, 40)}'`);
    prNumber = Number(prInput);
  }
  const rulesPath = core.getInput('rules').trim();
  if (rulesPath) checkRulesPath(rulesPath);
  const api = actionClient({ token, baseUrl: apiUrl, warn: logger.warn });
  const budget = new RequestBudget();
  countRequests(api, budget);

  // Which run: the run-id input, else the workflow_run of the event.
  const runInput =
    core.getInput('run-id').trim() ||
    (event === 'workflow_dispatch' ? String(payload.inputs?.['run-id'] ?? '').trim() : '');
  const wr = event === 'workflow_run' ? payload.workflow_run : undefined;
  let runId: number;
  let attempt: number | undefined;
  let commandRun: ReturnType<typeof toRunInfo> | undefined;
  if (runInput) {
    const ref = parseRunInput(runInput, repo, server);
    runId = ref.runId;
    attempt = ref.attempt;
  } else if (wr && typeof wr.id === 'number') {
    runId = wr.id;
    attempt = typeof wr.run_attempt === 'number' ? wr.run_attempt : undefined;
    if (wr.conclusion === 'success') {
      await resolveFixed(api, repo, token, wr, comment, prNumber);
      return;
    }
  } else if (event === 'issue_comment') {
    // `/root-cause` from a collaborator: the pull request's latest failed run at its head commit.
    const c = checkCommand(payload);
    if (!c.ok) {
      core.info(`Nothing to do: ${neutralise(c.reason)}.`);
      return;
    }
    prNumber ??= c.pr;
    const sha = await pullHead(api, repo, c.pr);
    const failedRun = await latestFailedRun(api, repo, sha);
    if (!failedRun) {
      core.notice(
        `/root-cause: no failed run at the head commit ${sha.slice(0, 12)} of pull request #${c.pr}.`,
      );
      setOutputs(NOT_FAILED_OUTPUTS);
      return;
    }
    core.info(`/root-cause on pull request #${c.pr}: analysing run ${failedRun.id} (${failedRun.event})`);
    commandRun = failedRun;
    runId = failedRun.id;
    attempt = failedRun.attempt;
  } else {
    throw new InputError(
      `no run to analyse: use this action on workflow_run or issue_comment (/root-cause), or give the run-id input (event: '${event || 'none'}')`,
    );
  }

  const rules = async (): Promise<Rule[]> => {
    const path = rulesPath;
    if (!path) return builtinRules();
    // From the DEFAULT branch only: never the PR head's copy.
    const branch =
      (payload.repository?.default_branch as string | undefined) ?? (await defaultBranch(api, repo));
    return mergeRules(builtinRules(), await loadRepoRules(api, repo, path, branch));
  };

  // The comments are listed as soon as the PR is known, so the analysis knows what publishing will cost.
  let authors: string[] = DEFAULT_AUTHORS;
  let sticky: StickyComment[] | undefined;
  let listPages = 1;
  const reserve = async (
    pr: { number: number } | undefined,
    run: { workflowId: number },
  ): Promise<number> => {
    if (!comment || !pr) return 0;
    authors = await commentAuthors(api, token);
    const before = budget.used;
    sticky = await findStickyComments(api, repo, pr.number, authors, run.workflowId);
    listPages = Math.max(1, budget.used - before);
    return writesNeeded(sticky);
  };
  const defaultBranchName = payload.repository?.default_branch;
  const outcome = await analyseRun(
    api,
    {
      repo,
      server,
      runId,
      attempt,
      // The event's run: not fetched again (the payload is the attempt that completed).
      run: commandRun ?? (wr && !runInput ? toRunInfo(wr) : undefined),
      defaultBranch: typeof defaultBranchName === 'string' ? defaultBranchName : undefined,
    },
    {
      rules,
      maxSuspects,
      maxLogBytes,
      // The runner's temporary folder (emptied after each job); the logs are spooled there.
      tempDir: process.env.RUNNER_TEMP || undefined,
      prNumber,
      log: logger,
      baseCheck,
      budget,
      reserve,
      deadline,
      ...(knownIssueLabel ? { knownIssueLabel } : {}),
      ...(historyDays > 0
        ? { memory: { days: historyDays, pages: historyPages, authors: () => authors } }
        : {}),
    },
  );
  if (outcome.kind === 'not-failed') {
    core.notice(neutralise(outcome.message));
    setOutputs(NOT_FAILED_OUTPUTS);
    return;
  }
  const { report, pr, run } = outcome;
  const runUrl = `${server}/${fullName(repo)}/actions/runs/${run.id}/attempts/${run.attempt}`;

  // The text report in our own log: downloaded text inside stop-commands, never raw.
  core.startGroup('Root-cause report');
  writeUntrusted((line) => process.stdout.write(line + '\n'), render(report, 'text'));
  core.endGroup();

  let commentUrl: string | undefined;
  if (comment && pr) {
    const published = await upsertComment(
      api,
      repo,
      pr.number,
      commentBody({
        report,
        runUrl,
        workflowId: run.workflowId,
        stamp: memoryStamp({
          wf: run.workflowId,
          run: run.id,
          attempt: run.attempt,
          sha: run.headSha,
          at: run.createdAt,
          fps: report.findings.filter(isRealError).flatMap((f) => (f.fingerprint ? [f.fingerprint] : [])),
        }),
      }),
      authors,
      // Re-reading the comments after posting (racing analyses) only when the budget allows it.
      { existing: sticky, verify: budget.allows(listPages) },
    );
    commentUrl = published.url;
    core.info(`Comment ${published.action} on pull request #${pr.number}: ${published.url}`);
  } else if (!pr) {
    core.info('No pull request for this run: the report is in the job summary and the outputs.');
  }
  if (knownIssueHits && report.knownIssues?.length) {
    // The hit tables have their own allowance (known-issue-hits is opt-in): 2 requests for each of the
    // first 3 matched issues.
    budget.limit += 2 * Math.min(3, report.knownIssues.length);
    for (const k of report.knownIssues.slice(0, 3)) {
      if (!budget.allows(2)) {
        core.info(`Known issue #${k.number}: hit not recorded (request budget spent).`);
        continue;
      }
      try {
        const url = await recordHit(
          api,
          repo,
          k.number,
          { run: run.id, attempt: run.attempt, at: run.createdAt, ...(pr ? { pr: pr.number } : {}) },
          { authors, now: Date.parse(run.createdAt) || Date.now(), server },
        );
        core.info(`Known issue #${k.number}: hit recorded (${url}).`);
      } catch (e) {
        core.warning(
          neutralise(
            `Known issue #${k.number}: hit not recorded: ${(e as Error)?.message ?? e}`.split('\n')[0],
          ),
        );
      }
    }
  }
  await core.summary.addRaw(summaryBody({ report, runUrl })).write();
  setOutputs({ ...outputsOf(report, commentUrl, outcome.lastGreenSha) });
  core.info(`GitHub API requests: ${budget.used} (budget ${budget.limit})`);
}

async function resolveFixed(
  api: Api,
  repo: RepoRef,
  token: string,
  wr: Payload,
  comment: boolean,
  prNumber?: number,
) {
  const run = toRunInfo(wr);
  setOutputs({
    report: '',
    suspects: '[]',
    verdict: 'passed',
    'comment-url': '',
    'last-green-sha': run.headSha ?? '',
  });
  if (!comment) {
    core.info(`Run ${run.id} passed: nothing to analyse.`);
    return;
  }
  const pr = await findPullRequest(api, repo, run, prNumber, logger.warn);
  if (!pr) {
    core.info(`Run ${run.id} passed and belongs to no pull request: nothing to do.`);
    return;
  }
  // "Fixed" only when this green run ran the PR's head commit itself.
  if (pr.headSha !== run.headSha) {
    core.info(
      `Run ${run.id} passed on ${run.headSha.slice(0, 12)}, which is not the head of pull request #${pr.number}: its comment is left as it is.`,
    );
    return;
  }
  const server = (process.env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '');
  const done = await resolveComment(api, repo, pr.number, await commentAuthors(api, token), {
    sha: run.headSha,
    runId: run.id,
    runUrl: `${server}/${fullName(repo)}/actions/runs/${run.id}`,
    workflowId: run.workflowId,
  });
  if (done && done.action === 'unchanged' && done.deleted === 0) {
    core.info(`Run ${run.id} passed; the comment on pull request #${pr.number} needs no change.`);
  } else if (done) {
    core.setOutput('comment-url', done.url);
    core.info(
      `Run ${run.id} passed: the comment on pull request #${pr.number} is marked fixed in ${run.headSha.slice(0, 12)}.`,
    );
  } else {
    core.info(`Run ${run.id} passed; pull request #${pr.number} has no root-cause comment to resolve.`);
  }
}

export async function run(): Promise<void> {
  baselineWasm(); // before the first request (src/memory.ts)
  shortRunCompiler(); // (src/compiler.ts)
  try {
    await runAction();
  } catch (e) {
    if (e instanceof GitHubAccessError || e instanceof InputError) {
      core.setFailed(neutralise(e.message));
    } else if (describeApiFailure(e)) {
      core.debug(neutralise(String((e as Error)?.stack ?? e)));
      core.setFailed(neutralise(describeApiFailure(e)!));
    } else {
      const err = e as Error;
      core.debug(neutralise(String(err?.stack ?? err)));
      core.setFailed(
        neutralise(`ci-root-cause: internal error: ${err?.message ?? String(err)}`.split('\n')[0]),
      );
    }
  }
}
