// The GitHub REST client: @actions/github's getOctokit (in the action) or @octokit/rest (in a terminal),
// both with retries (5xx, resets), the rate-limit throttle, and the API version pinned.
import { getOctokit } from '@actions/github';
import { Octokit as RestOctokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Api } from './api.js';

export const API_VERSION = '2022-11-28';

export interface ClientOptions {
  token: string;
  /** REST base URL: GITHUB_API_URL, https://api.github.com, or https://HOST/api/v3 on GHES. */
  baseUrl: string;
  /** Where warnings go (rate limits hit, retries). */
  warn?: (message: string) => void;
  /** Base of the retry back-off in ms (default 1000). Lowered by tests through CI_ROOT_CAUSE_RETRY_BASE_MS. */
  retryBaseMs?: number;
}

/** The longest wait for a primary rate limit we accept before giving up (a job should not sleep for an hour). */
const MAX_RATE_LIMIT_WAIT_S = 120;

/** The back-off base in ms: CI_ROOT_CAUSE_RETRY_BASE_MS (tests) or 1000. */
export function retryBaseMs(): number {
  const envBase = Number(process.env.CI_ROOT_CAUSE_RETRY_BASE_MS);
  return Number.isFinite(envBase) && envBase >= 0 && process.env.CI_ROOT_CAUSE_RETRY_BASE_MS ? envBase : 1000;
}

function pluginOptions(opts: ClientOptions) {
  const warn = opts.warn ?? (() => undefined);
  const base = opts.retryBaseMs ?? retryBaseMs();
  return {
    baseUrl: opts.baseUrl.replace(/\/+$/, ''),
    userAgent: 'ci-root-cause',
    // Failed requests are reported by us, in one line: octokit's own request log stays quiet.
    log: { debug: () => undefined, info: () => undefined, warn, error: () => undefined },
    // 429 is left to the throttle, which waits for `retry-after` / `x-ratelimit-reset` instead of a fixed back-off.
    retry: { retryAfterBaseValue: base, doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
    throttle: {
      retryAfterBaseValue: base,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: (
        retryAfter: number,
        options: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        // warned only when it waits: a limit it gives up on ends the run with its own line (reset time included)
        const waits = retryCount < 2 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
        if (waits)
          warn(`GitHub API rate limit reached on ${options.method} ${options.url}; retry in ${retryAfter}s`);
        return waits;
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        options: { method: string; url: string },
        _o: unknown,
        retryCount: number,
      ) => {
        const waits = retryCount < 3 && retryAfter <= MAX_RATE_LIMIT_WAIT_S;
        if (waits)
          warn(
            `GitHub API secondary rate limit on ${options.method} ${options.url}; retry in ${retryAfter}s`,
          );
        return waits;
      },
    },
  };
}

function pinVersion(api: {
  hook: { before: (name: 'request', fn: (o: { headers: Record<string, unknown> }) => void) => void };
}) {
  api.hook.before('request', (options) => {
    options.headers['x-github-api-version'] = API_VERSION;
  });
}

/** The client used inside the action (proxy settings of the runner honoured by @actions/github). */
export function actionClient(opts: ClientOptions): Api {
  const api = getOctokit(opts.token, pluginOptions(opts), retry, throttling);
  pinVersion(api as never);
  return api as unknown as Api;
}

/** The client used from a terminal (`ci-root-cause analyze --run`). */
export function restClient(opts: ClientOptions): Api {
  const Octokit = RestOctokit.plugin(retry, throttling);
  const api = new Octokit({ auth: opts.token, ...pluginOptions(opts) });
  pinVersion(api as never);
  return api as unknown as Api;
}
