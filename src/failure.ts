// What the CLI prints when it stops: one line that says what went wrong and what to do, and the exit code
// (2: the command line is wrong; 1: the command could not complete). The stack trace only with --debug.
import { InputError } from './errors.js';
import {
  describeApiFailure,
  describeReset,
  GitHubAccessError,
  networkFailure,
  rateLimitReset,
  statusOf,
  type Permission,
} from './github/errors.js';

export interface Failure {
  message: string;
  exitCode: 1 | 2;
}

/** A personal access token's names for a workflow permission (fine-grained, then classic scopes). */
const TOKEN_PERMISSION: Record<Permission, string> = {
  'actions: read':
    'read access to Actions (fine-grained token: repository permission "Actions: Read-only"; classic token: the `repo` scope for a private repository)',
  'contents: read':
    'read access to Contents (fine-grained token: repository permission "Contents: Read-only"; classic token: the `repo` scope for a private repository)',
  'pull-requests: write':
    'write access to pull requests, for --comment (fine-grained token: repository permission "Pull requests: Read and write"; classic token: `public_repo`, or `repo` for a private repository)',
  'issues: read':
    'read access to issues, for the known issues (fine-grained token: repository permission "Issues: Read-only"; classic token: the `repo` scope for a private repository)',
  'issues: write':
    'write access to issues, for the known issues\' hit tables (fine-grained token: repository permission "Issues: Read and write"; classic token: `public_repo`, or `repo` for a private repository)',
};

const TOKEN_HELP = 'pass a valid token with --token or GITHUB_TOKEN, or log in with `gh auth login`';

function rateLimited(e: unknown, status: number | undefined): boolean {
  const headers = (e as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  return status === 429 || (status === 403 && String(headers['x-ratelimit-remaining']) === '0');
}

function rateLimitLine(what: string, resetAt: Date | undefined, now: number): string {
  return `GitHub API rate limit exhausted while reading ${what}${
    resetAt ? `; it resets at ${describeReset(resetAt, now)}: run again then.` : ': run again later.'
  }`;
}

/** The CLI's one line (and exit code) for anything `main` threw. */
export function cliFailure(e: unknown, now = Date.now()): Failure {
  if (e instanceof InputError) return { message: e.message, exitCode: 2 };

  const network = networkFailure(e);
  if (network) {
    const host = network.host ?? 'GitHub';
    return {
      exitCode: 1,
      message:
        network.kind === 'dns'
          ? `cannot resolve ${host} (${network.code}): no network or no DNS; check the connection, the run URL's host and GITHUB_API_URL, then run again.`
          : `cannot reach ${host} (${network.code}): check the network connection (and the GitHub Enterprise host or GITHUB_API_URL), then run again.`,
    };
  }

  const status = statusOf(e);
  if (e instanceof GitHubAccessError) {
    const what = e.detail?.what ?? 'the run';
    if (status === 401)
      return {
        exitCode: 1,
        message: `GitHub rejected the token (401) while reading ${what}: it is wrong, expired or revoked; ${TOKEN_HELP}.`,
      };
    if (status === 429 || (status === 403 && e.detail?.resetAt) || /rate limit/i.test(e.message))
      return { exitCode: 1, message: rateLimitLine(what, e.detail?.resetAt, now) };
    if (status === 403 && e.detail?.need)
      return {
        exitCode: 1,
        message: `Permission missing (403) while reading ${what}: the token needs ${TOKEN_PERMISSION[e.detail.need]}.`,
      };
    if (status === 404)
      return {
        exitCode: 1,
        message: `${e.message.replace(/\.$/, '')}; a private repository answers 404 to a token without access to it.`,
      };
    return { exitCode: 1, message: e.message };
  }

  // An API error nothing translated on the way (e.g. GET /user for --comment, or a call outside withPermission).
  if (status !== undefined) {
    if (status === 401) return { exitCode: 1, message: `GitHub rejected the token (401): ${TOKEN_HELP}.` };
    if (rateLimited(e, status)) {
      const headers = (e as { response?: { headers?: Record<string, string> } }).response?.headers ?? {};
      return { exitCode: 1, message: rateLimitLine('the API', rateLimitReset(headers, now), now) };
    }
    if (status === 403)
      return {
        exitCode: 1,
        message: `Permission missing (403): the token needs ${TOKEN_PERMISSION['actions: read']}.`,
      };
    if (status === 404)
      return {
        exitCode: 1,
        message:
          'Not found (404): check the run URL; a private repository answers 404 to a token without access to it.',
      };
    const line = describeApiFailure(e);
    if (line) return { exitCode: 1, message: line.replace(/ Re-run the job later\.$/, ' Try again later.') };
  }

  const first = String((e as Error)?.message ?? e).split('\n')[0];
  return {
    exitCode: 1,
    message: `internal error: ${first}. Run again with --debug for the stack trace, and report it as a bug.`,
  };
}
