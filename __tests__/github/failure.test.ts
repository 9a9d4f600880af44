// src/failure.ts: the CLI's one line for errors that reach it without an emulated server (the e2e test
// __tests__/e2e/cli-failures.test.ts runs the real ones against the emulator).
import { InputError } from '../../src/errors.js';
import { cliFailure } from '../../src/failure.js';
import { explainApiError, GitHubAccessError, networkFailure } from '../../src/github/errors.js';

const NOW = Date.parse('2026-12-08T03:00:00Z');

function apiError(status: number, headers: Record<string, string> = {}, message = 'Injected') {
  return Object.assign(new Error(message), {
    status,
    request: { method: 'GET', url: 'https://api.github.com/repos/o/r/actions/runs/1?x=1' },
    response: { headers },
  });
}

test('a wrong command line exits 2 with its message', () => {
  expect(cliFailure(new InputError('--log FILE|- is required'))).toEqual({
    message: '--log FILE|- is required',
    exitCode: 2,
  });
});

test("undici's `fetch failed` with its cause, and a bare system error, are network failures", () => {
  const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
  const fetchFailed = new TypeError('fetch failed', { cause });
  expect(networkFailure(fetchFailed)).toEqual({ kind: 'connection', code: 'ECONNREFUSED', host: undefined });
  const dns = Object.assign(new Error('getaddrinfo EAI_AGAIN ghe.example.com'), {
    code: 'EAI_AGAIN',
    hostname: 'ghe.example.com',
  });
  expect(cliFailure(dns).message).toMatch(
    /^cannot resolve ghe\.example\.com \(EAI_AGAIN\): no network or no DNS/,
  );
  expect(networkFailure(new Error('Bad credentials'))).toBeUndefined();
});

test('a 5xx that outlived the retries names the call, without its query string', () => {
  const f = cliFailure(apiError(502, {}, 'Bad Gateway'));
  expect(f).toEqual({
    exitCode: 1,
    message:
      'GitHub API failed (502) on GET /repos/o/r/actions/runs/1 after retries: Bad Gateway. Try again later.',
  });
});

test('a 429 nobody translated gives the reset time from retry-after', () => {
  const e = apiError(429, { 'retry-after': '600' });
  expect(cliFailure(e, NOW).message).toBe(
    'GitHub API rate limit exhausted while reading the API; it resets at 03:10:00 UTC (in 10 min): run again then.',
  );
});

test("the action's rate-limit line carries the reset time too", () => {
  const reset = String(NOW / 1000 + 1800);
  const e = explainApiError(
    apiError(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }),
    'actions: read',
    'run 1',
  );
  expect(e).toBeInstanceOf(GitHubAccessError);
  expect((e as GitHubAccessError).message).toMatch(
    /^GitHub API rate limit exhausted while reading run 1 \(403\); it resets at 03:30:00 UTC \(in \d+ min\): try again later\.$/,
  );
});

test('anything else is an internal error in one line, pointing at --debug', () => {
  const f = cliFailure(new TypeError("Cannot read properties of undefined (reading 'x')\n    at frame"));
  expect(f.exitCode).toBe(1);
  expect(f.message).toBe(
    "internal error: Cannot read properties of undefined (reading 'x'). Run again with --debug for the stack trace, and report it as a bug.",
  );
});
