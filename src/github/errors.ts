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
  ) {
    super(message);
  }
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined> };
}

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
    );
  }
  if (status === 403 || status === 429) {
    const headers = (e as ErrorLike).response?.headers ?? {};
    if (headers['x-ratelimit-remaining'] === '0' || status === 429) {
      return new GitHubAccessError(
        `GitHub API rate limit exhausted while reading ${what} (${status}): try again later.`,
        status,
      );
    }
    return new GitHubAccessError(
      `Permission missing (${status}) while reading ${what}: grant \`${need}\` in the workflow's permissions block.`,
      status,
    );
  }
  if (status === 404 && notFound) return new GitHubAccessError(notFound, 404);
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
