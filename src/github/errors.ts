// Turns GitHub API failures into one-line messages a user can act on.

/** Which permission an API call needs: named in the message when GitHub answers 401/403. */
export type Permission =
  'actions: read' | 'contents: read' | 'pull-requests: write' | 'issues: read' | 'issues: write';

/** A failure the action reports in one line and stops on (missing permission, unknown run ...). */
export class GitHubAccessError extends Error {
  override name = 'GitHubAccessError';
  constructor(
    message: string,
    readonly status?: number,
    /** What was read and the permission it needs: the CLI words its own advice from them (src/failure.ts). */
    readonly detail?: { need?: Permission; what?: string; resetAt?: Date },
  ) {
    super(message);
  }
}

/**
 * When a rate limit resets: `x-ratelimit-reset` (epoch seconds), else `retry-after` (seconds from `now`).
 * Undefined when GitHub sent neither.
 */
export function rateLimitReset(
  headers: Record<string, string | number | undefined>,
  now = Date.now(),
): Date | undefined {
  const reset = Number(headers['x-ratelimit-reset']);
  if (headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset > 0)
    return new Date(reset * 1000);
  const after = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(after) && after >= 0)
    return new Date(now + after * 1000);
  return undefined;
}

/** `12:34:56 UTC (in 5 min)`: a reset time a user can wait for. */
export function describeReset(at: Date, now = Date.now()): string {
  const minutes = Math.max(0, Math.ceil((at.getTime() - now) / 60_000));
  return `${at.toISOString().slice(11, 19)} UTC (in ${minutes} min)`;
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

/** GitHub's words for a secondary rate limit (and its older name, abuse detection). */
const SECONDARY_LIMIT = /secondary rate limit|abuse detection/i;

export function statusOf(e: unknown): number | undefined {
  const s = (e as ErrorLike | undefined)?.status;
  return typeof s === 'number' ? s : undefined;
}

/**
 * Wraps an API error: 401 → the token; 403 → the missing permission (or the rate limit); 404 → `notFound`.
 * Other errors are returned unchanged.
 */
export function explainApiError(e: unknown, need: Permission, what: string, notFound?: string): unknown {
  const status = statusOf(e);
  if (status === 401) {
    return new GitHubAccessError(
      `GitHub rejected the token (401) while reading ${what}: check the github-token input.`,
      401,
      { need, what },
    );
  }
  if (status === 403 || status === 429) {
    const headers = (e as ErrorLike).response?.headers ?? {};
    if (String(headers['x-ratelimit-remaining']) === '0' || status === 429) {
      const resetAt = rateLimitReset(headers);
      return new GitHubAccessError(
        `GitHub API rate limit exhausted while reading ${what} (${status})${resetAt ? `; it resets at ${describeReset(resetAt)}` : ''}: try again later.`,
        status,
        { need, what, resetAt },
      );
    }
    // A secondary rate limit: a 403 with retry-after, or GitHub's message (the client retried it while
    // the wait was short: src/github/client.ts onSecondaryRateLimit). Never a missing permission.
    if (
      headers['retry-after'] !== undefined ||
      SECONDARY_LIMIT.test(String((e as ErrorLike).message ?? ''))
    ) {
      return new GitHubAccessError(
        `GitHub API secondary rate limit hit while reading ${what} (${status}): too many requests in a short time; try again in a few minutes.`,
        status,
      );
    }
    return new GitHubAccessError(
      `Permission missing (${status}) while reading ${what}: grant \`${need}\` in the workflow's permissions block.`,
      status,
      { need, what },
    );
  }
  if (status === 404 && notFound) return new GitHubAccessError(notFound, 404, { need, what });
  return e;
}

interface RequestErrorLike extends ErrorLike {
  request?: { method?: string; url?: string };
}

/**
 * One line for an API failure nobody translated (5xx after every retry, a connection that kept failing):
 * the status, the call (method and path, no query string) and GitHub's message.
 */
export function describeApiFailure(e: unknown): string | undefined {
  const status = statusOf(e);
  if (status === undefined) return undefined;
  const req = (e as RequestErrorLike).request;
  let where = '';
  if (req?.url) {
    try {
      where = ` on ${req.method ?? 'GET'} ${new URL(req.url).pathname}`;
    } catch {
      where = '';
    }
  }
  const network = networkFailure(e);
  if (network)
    return `Could not reach GitHub (${network.code}${network.host ? ` ${network.host}` : ''})${where} after retries. Re-run the job later.`;
  const message = String((e as ErrorLike).message ?? '')
    .split('\n')[0]
    .replace(/ - https:\/\/docs\.github\.com\S*$/, '')
    .slice(0, 200);
  return `GitHub API failed (${status})${where} after retries${message ? `: ${message}` : ''}. Re-run the job later.`;
}

/** Runs `fn`, translating its API errors with explainApiError. */
export async function withPermission<T>(
  need: Permission,
  what: string,
  fn: () => Promise<T>,
  notFound?: string,
): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw explainApiError(e, need, what, notFound);
  }
}

/** System error codes of a connection that failed before any HTTP answer (DNS, refused, reset, timed out). */
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

export interface NetworkFailure {
  kind: 'dns' | 'connection';
  /** The system code (ENOTFOUND, ECONNREFUSED ...). */
  code: string;
  /** The host that could not be reached, when known. */
  host?: string;
}

/**
 * A request that got no HTTP answer: a Node system error, undici's `fetch failed` (its cause carries the
 * code), or octokit's RequestError for it (status 500, the cause's message: "getaddrinfo ENOTFOUND host").
 */
export function networkFailure(e: unknown): NetworkFailure | undefined {
  const seen = new Set<unknown>();
  let host: string | undefined;
  const url = (e as RequestErrorLike | undefined)?.request?.url;
  if (url) {
    try {
      host = new URL(url).host;
    } catch {
      host = undefined;
    }
  }
  for (let x: unknown = e; x && typeof x === 'object' && !seen.has(x); x = (x as { cause?: unknown }).cause) {
    seen.add(x);
    const err = x as { code?: unknown; hostname?: unknown; message?: unknown };
    const codes = [
      typeof err.code === 'string' ? err.code : undefined,
      ...(String(err.message ?? '').match(/\b(?:E[A-Z_]{3,}|UND_ERR_[A-Z_]+)\b/g) ?? []),
    ];
    for (const code of codes) {
      if (!code) continue;
      const named =
        typeof err.hostname === 'string'
          ? err.hostname
          : /getaddrinfo \w+ (\S+)/.exec(String(err.message ?? ''))?.[1];
      if (DNS_CODES.has(code)) return { kind: 'dns', code, host: named ?? host };
      if (CONNECTION_CODES.has(code)) return { kind: 'connection', code, host };
    }
    if (err.message === 'fetch failed' && !(x as { cause?: unknown }).cause)
      return { kind: 'connection', code: 'fetch failed', host };
  }
  return undefined;
}
