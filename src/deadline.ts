// The time budget of one analysis: a deadline after which it stops reading (logs, optional API requests)
// and reports what it has, saying so in the report's notes. The clock is injectable (tests).
import { InputError } from './errors.js';

/** Seconds an analysis may take by default: well under any job's timeout (GitHub's default is 6 hours). */
export const DEFAULT_DEADLINE_SECONDS = 300;

export class Deadline {
  private readonly end: number;

  /** `seconds` from now (Infinity or 0: never). */
  constructor(
    readonly seconds: number,
    private readonly now: () => number = Date.now,
  ) {
    this.end = seconds > 0 && Number.isFinite(seconds) ? now() + seconds * 1000 : Number.POSITIVE_INFINITY;
  }

  /** True once the deadline has passed. */
  get passed(): boolean {
    return this.now() >= this.end;
  }

  /** The report's note: `what` was not done because the deadline passed. */
  note(what: string): string {
    return `The analysis reached its deadline (${this.seconds} s): ${what}.`;
  }
}

/**
 * A deadline in seconds given by a user (the deadline-seconds input, the --deadline flag): a number,
 * 0 for none; empty or absent: DEFAULT_DEADLINE_SECONDS. Throws InputError naming `name` otherwise.
 */
export function deadlineFlag(raw: string | undefined, name = '--deadline'): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_DEADLINE_SECONDS;
  const n = /^\s*\d{1,9}(?:\.\d{1,9})?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n))
    throw new InputError(`${name} must be a number of seconds (0: none), not '${raw.slice(0, 40)}'`);
  return n;
}
