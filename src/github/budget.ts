// The request budget of one analysis: at most 6 + 4 + 2 × (failed jobs) REST requests (GITHUB_TOKEN has 1,000
// an hour for the whole repository). Every request the client sends is counted; requests that only add
// detail (the repository tree, each commit's own file list, re-reading the comments after posting) are
// made only while the budget still holds what the required ones need.
import type { Api } from './api.js';

/** Requests an analysis may make whatever happens, and per failed job. */
export const BUDGET_BASE = 6;
export const BUDGET_PER_FAILED_JOB = 2;
/**
 * Failure memory (src/github/memory.ts, known-issues.ts, analysis.ts failingSince): one page of the
 * repository's recent comments, one list of the known issues, and the job list and log of the oldest
 * failed run of the base branch's streak. Optional: each is made only while the budget allows it.
 */
export const BUDGET_MEMORY = 4;

export const budgetFor = (failedJobs: number): number =>
  BUDGET_BASE + BUDGET_MEMORY + BUDGET_PER_FAILED_JOB * Math.max(1, failedJobs);

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

interface Hookable {
  hook: { before: (name: 'request', fn: () => void) => void };
}

/** Counts every request the client sends into `budget`. */
export function countRequests(api: Api, budget: RequestBudget): void {
  (api as unknown as Hookable).hook.before('request', () => {
    budget.used++;
  });
}
