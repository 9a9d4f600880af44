// `ci-root-cause analyze --run <run URL | owner/repo#id>`: the action's analysis from a terminal, through
// the same GitHub layer on @octokit/rest. Prints the report; posts or updates the PR comment only with --comment.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { InputError } from '../errors.js';
import { printable } from '../report/escape.js';
import { render, type Format } from '../report/render.js';
import { builtinRules, mergeRules } from '../rules/load.js';
import { parseRules } from '../rules/parse.js';
import type { Report, Rule } from '../types.js';
import type { Logger } from './api.js';
import { fullName } from './api.js';
import { analyseRun, type RunOutcome } from './analysis.js';
import { restClient } from './client.js';
import { DEFAULT_AUTHORS, upsertComment, type Published } from './comment.js';
import { commentBody, linksOf } from './publish.js';
import { parseRunArg } from './runRef.js';
import { baselineWasm } from '../memory.js';
import { DEFAULT_DEADLINE_SECONDS, Deadline, deadlineFlag } from '../deadline.js';
import { countRequests, RequestBudget } from './budget.js';

export interface RemoteOptions {
  run: string;
  token?: string;
  /** The REST API to use (and send the token to): default GITHUB_API_URL, else api.github.com. */
  apiUrl?: string;
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

const isLoopback = (hostname: string) =>
  hostname === 'localhost' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === '[::1]';

/** Where the token may go, and the web server whose runs that API serves. */
export interface ApiTarget {
  api: string;
  server: string;
}

/**
 * The API a token is sent to: `api.github.com`, or the API named EXPLICITLY (`--api-url`, else
 * `GITHUB_API_URL`) — never a host taken from the run URL, which anyone can write. https only, except to a
 * loopback address. The run must live on that API's server (github.com for api.github.com, the API's own
 * host otherwise): a run URL on another host is refused before any request.
 */
export function apiTarget(runServer: string | undefined, explicitApi: string | undefined): ApiTarget {
  const named = explicitApi?.trim() || process.env.GITHUB_API_URL?.trim() || '';
  const apiText = named || 'https://api.github.com';
  let api: URL;
  try {
    api = new URL(apiText);
  } catch {
    throw new InputError(`the API URL is not a URL: '${apiText.slice(0, 120)}'`);
  }
  if (api.username || api.password || api.search || api.hash)
    throw new InputError('the API URL must not carry credentials, a query or a fragment');
  if (api.protocol !== 'https:' && !(api.protocol === 'http:' && isLoopback(api.hostname)))
    throw new InputError(
      `refusing to send a token to ${api.origin}: the API URL must be https (http only to a loopback address)`,
    );
  const dotcom = api.hostname.toLowerCase() === 'api.github.com';
  const base = `${api.origin}${api.pathname.replace(/\/+$/, '')}`;
  const own = dotcom ? 'https://github.com' : api.origin;
  const server = (runServer ?? process.env.GITHUB_SERVER_URL ?? own).replace(/\/+$/, '');
  let host: string;
  try {
    host = new URL(server).host.toLowerCase();
  } catch {
    throw new InputError(`the server URL is not a URL: '${server.slice(0, 120)}'`);
  }
  const expected = dotcom ? 'github.com' : api.host.toLowerCase();
  if (host !== expected) {
    throw new InputError(
      dotcom && !named
        ? `the run is on ${host}, not github.com: to send your token there, name its API with --api-url https://${host}/api/v3 (or GITHUB_API_URL)`
        : `the run is on ${host}, but the API is ${api.host}: give a run of ${expected}, or the API of ${host} with --api-url`,
    );
  }
  return {
    api: base,
    server: dotcom ? 'https://github.com' + new URL(server).pathname.replace(/\/+$/, '') : server,
  };
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
  const target = apiTarget(ref.server, opts.apiUrl);
  const server = target.server;
  // Server text (error messages, names) reaches the terminal: no escape sequences (OSC 52, title, erase).
  const log = opts.log ?? {
    info: (m: string) => process.stderr.write(printable(m) + '\n'),
    warn: (m: string) => process.stderr.write(`warning: ${printable(m)}\n`),
  };
  const api = restClient({ token: tokenFor(opts.token, server), baseUrl: target.api, warn: log.warn });
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
        'api-url': { type: 'string' },
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
  // its failures (GitHubAccessError, network, API) are worded for a terminal by src/failure.ts
  const result: RemoteResult = await analyseRemote({
    run: values.run,
    token: values.token,
    apiUrl: values['api-url'],
    comment: values.comment,
    rules,
    maxSuspects: num('max-suspects', values['max-suspects']),
    maxLogMb: num('max-log-mb', values['max-log-mb']),
    deadlineSeconds: deadlineFlag(values.deadline),
  });
  if (result.outcome.kind === 'not-failed') {
    process.stderr.write(`ci-root-cause: ${printable(result.outcome.message)}\n`);
    return 0;
  }
  const report: Report = result.outcome.report;
  process.stdout.write(render(report, format, { links: linksOf(report) }));
  return 0;
}
