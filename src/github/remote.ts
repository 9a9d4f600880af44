// `ci-root-cause analyze --run <run URL | owner/repo#id>`: the action's analysis from a terminal, through
// the same GitHub layer on @octokit/rest. Prints the report; posts or updates the PR comment only with --comment.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { render, type Format } from '../report/render.js';
import { builtinRules, mergeRules } from '../rules/load.js';
import { parseRules } from '../rules/parse.js';
import type { Report, Rule } from '../types.js';
import type { Logger } from './api.js';
import { fullName } from './api.js';
import { analyseRun, type RunOutcome } from './analysis.js';
import { restClient } from './client.js';
import { DEFAULT_AUTHORS, upsertComment, type Published } from './comment.js';
import { GitHubAccessError } from './errors.js';
import { commentBody, linksOf } from './publish.js';
import { parseRunArg } from './runRef.js';
import { baselineWasm } from '../memory.js';
import { DEFAULT_DEADLINE_SECONDS, Deadline, deadlineFlag } from '../deadline.js';
import { countRequests, RequestBudget } from './budget.js';

export interface RemoteOptions {
  run: string;
  token?: string;
  comment?: boolean;
  rules?: Rule[];
  maxSuspects?: number;
  maxLogMb?: number;
  log?: Logger;
  /** Seconds before the analysis stops reading (src/deadline.ts; default DEFAULT_DEADLINE_SECONDS, 0: none). */
  deadlineSeconds?: number;
}

export interface RemoteResult {
  outcome: RunOutcome;
  comment?: Published;
}

function apiUrlFor(server: string): string {
  if (process.env.GITHUB_API_URL) return process.env.GITHUB_API_URL;
  const host = new URL(server).host.toLowerCase();
  return host === 'github.com' ? 'https://api.github.com' : `${server}/api/v3`;
}

function tokenFor(given: string | undefined, server: string): string {
  if (given) return given;
  if (process.env.GITHUB_TOKEN) return process.env.GITHUB_TOKEN;
  try {
    const t = execFileSync('gh', ['auth', 'token', '--hostname', new URL(server).host], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    }).trim();
    if (t) return t;
  } catch {
    // gh is not installed or not logged in.
  }
  throw new InputError('no GitHub token: pass --token, set GITHUB_TOKEN, or log in with `gh auth login`');
}

/** Runs the analysis of a remote run; returns the outcome (and the comment, with `comment`). */
export async function analyseRemote(opts: RemoteOptions): Promise<RemoteResult> {
  const ref = parseRunArg(opts.run);
  const server = (ref.server ?? process.env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const log = opts.log ?? {
    info: (m: string) => process.stderr.write(m + '\n'),
    warn: (m: string) => process.stderr.write(`warning: ${m}\n`),
  };
  const api = restClient({ token: tokenFor(opts.token, server), baseUrl: apiUrlFor(server), warn: log.warn });
  countRequests(api, new RequestBudget());
  const outcome = await analyseRun(
    api,
    { repo: ref.repo, server, runId: ref.runId, attempt: ref.attempt },
    {
      rules: opts.rules ?? builtinRules(),
      maxSuspects: opts.maxSuspects,
      maxLogBytes: Math.floor((opts.maxLogMb ?? 32) * 1024 * 1024),
      log,
      deadline: new Deadline(opts.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS),
    },
  );
  if (outcome.kind !== 'analysed' || !opts.comment) return { outcome };
  if (!outcome.pr) {
    log.info('No pull request for this run: no comment posted.');
    return { outcome };
  }
  let authors = DEFAULT_AUTHORS;
  try {
    authors = [...DEFAULT_AUTHORS, (await api.request('GET /user')).data.login];
  } catch {
    // An installation token: comments are github-actions[bot]'s or the app's.
  }
  const runUrl = `${server}/${fullName(ref.repo)}/actions/runs/${outcome.run.id}/attempts/${outcome.run.attempt}`;
  const comment = await upsertComment(
    api,
    ref.repo,
    outcome.pr.number,
    commentBody({ report: outcome.report, runUrl, workflowId: outcome.run.workflowId }),
    authors,
  );
  log.info(`Comment ${comment.action} on pull request #${outcome.pr.number}: ${comment.url}`);
  return { outcome, comment };
}

/** The `analyze --run` command: parses its own arguments, prints the report, returns the exit code. */
export async function remoteCommand(args: string[]): Promise<number> {
  baselineWasm(); // before the first request (src/memory.ts)
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        run: { type: 'string' },
        token: { type: 'string' },
        comment: { type: 'boolean' },
        rules: { type: 'string', multiple: true },
        format: { type: 'string' },
        'max-suspects': { type: 'string' },
        'max-log-mb': { type: 'string' },
        deadline: { type: 'string' },
      },
    }));
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0]);
  }
  if (!values.run) throw new InputError('--run RUN_URL|OWNER/REPO#RUN_ID is required');
  const format = (values.format ?? 'markdown') as Format;
  if (!['markdown', 'text', 'json'].includes(format))
    throw new InputError(`--format must be markdown, text or json, not '${values.format}'`);
  const num = (name: string, v?: string) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InputError(`--${name} must be a positive number`);
    return n;
  };
  let rules = builtinRules();
  for (const file of values.rules ?? []) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read rules file ${file}: ${(e as Error).message}`);
    }
    rules = mergeRules(rules, parseRules(text, file));
  }
  let result: RemoteResult;
  try {
    result = await analyseRemote({
      run: values.run,
      token: values.token,
      comment: values.comment,
      rules,
      maxSuspects: num('max-suspects', values['max-suspects']),
      maxLogMb: num('max-log-mb', values['max-log-mb']),
      deadlineSeconds: deadlineFlag(values.deadline),
    });
  } catch (e) {
    if (e instanceof GitHubAccessError) {
      process.stderr.write(`ci-root-cause: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  if (result.outcome.kind === 'not-failed') {
    process.stderr.write(`ci-root-cause: ${result.outcome.message}\n`);
    return 0;
  }
  const report: Report = result.outcome.report;
  process.stdout.write(render(report, format, { links: linksOf(report) }));
  return 0;
}
