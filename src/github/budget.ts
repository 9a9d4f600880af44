// The request budget of one analysis: at most 6 + 4 + 2 × (failed jobs) REST requests, plus at most 32 reads
// of files at head for the repository context (src/github/context.ts; GITHUB_TOKEN has 1,000 an hour for the
// whole repository). Every request the client sends is counted; requests that only add
// detail (the repository tree, each commit's own file list, re-reading the comments after posting) are
// made only while the budget still holds what the required ones need.
import type { Api } from './api.js';
import { GitHubAccessError } from './errors.js';

/** Requests an analysis may make whatever happens, and per failed job. */
export const BUDGET_BASE = 6;
export const BUDGET_PER_FAILED_JOB = 2;
/**
 * Failure memory (src/github/memory.ts, known-issues.ts, analysis.ts failingSince): one page of the
 * repository's recent comments, one list of the known issues, and the job list and log of the oldest
 * failed run of the base branch's streak. Optional: each is made only while the budget allows it.
 */
export const BUDGET_MEMORY = 4;
/**
 * Files at head read for the repository context (what the failing files import, src/github/context.ts):
 * kept aside while the change set is read, so each commit's file list cannot take them.
 */
export const BUDGET_CONTEXT = 32;

export const budgetFor = (failedJobs: number): number =>
  BUDGET_BASE + BUDGET_MEMORY + BUDGET_PER_FAILED_JOB * Math.max(1, failedJobs) + BUDGET_CONTEXT;

export class RequestBudget {
  /** Requests sent so far (retries included). */
  used = 0;
  /** Requests still needed after the optional ones (e.g. writing the comment). */
  reserved = 0;
  constructor(public limit = Number.POSITIVE_INFINITY) {}

  /** Requests left for optional detail once the reserved ones are kept aside. */
  spare(): number {
    return this.limit - this.used - this.reserved;
  }

  /** True when `n` optional requests fit. */
  allows(n = 1): boolean {
    return this.spare() >= n;
  }
}

/**
 * Requests one run of the action or the CLI sends at most, whatever the server answers (retries and
 * listing pages included): the analysis needs 6 + 2 × 20 jobs, two listings of up to 20 pages (MAX_PAGES)
 * and the comment's writes; past this cap every further request fails with RequestCapError.
 */
export const MAX_REQUESTS = 200;

/** Thrown instead of sending a request beyond MAX_REQUESTS (reported in one line, like a missing permission). */
export class RequestCapError extends GitHubAccessError {
  override name = 'RequestCapError';
  constructor(readonly cap: number) {
    super(`The analysis reached its cap of ${cap} GitHub API requests and stopped.`);
  }
}

interface Hookable {
  hook: { before: (name: 'request', fn: () => void) => void };
}

/** Counts every request the client sends into `budget`, and refuses those beyond `cap`. */
export function countRequests(api: Api, budget: RequestBudget, cap = MAX_REQUESTS): void {
  (api as unknown as Hookable).hook.before('request', () => {
    if (budget.used >= cap) throw new RequestCapError(cap);
    budget.used++;
  });
}
