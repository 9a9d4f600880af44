// The run to analyse, as a user gives it: a positive integer, or a run URL of THIS repository
// (`{server}/{owner}/{repo}/actions/runs/{id}[/attempts/{n}][/job/{job}]`), or `owner/repo#id` (terminal).
import { InputError } from '../errors.js';
import type { RepoRef } from './api.js';

export interface RunRef {
  repo: RepoRef;
  runId: number;
  attempt?: number;
  /** The server of a URL, when one was given. */
  server?: string;
}

const ID = /^[1-9][0-9]{0,18}$/;
const NAME = /^[A-Za-z0-9_.-]+$/;

function positive(text: string, what: string): number {
  if (!ID.test(text)) throw new InputError(`${what} must be a positive integer, not '${text.slice(0, 80)}'`);
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new InputError(`${what} is too large: '${text.slice(0, 80)}'`);
  return n;
}

/** Parses a run URL (any server). */
export function parseRunUrl(text: string): RunRef | undefined {
  if (text.length > 2000) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // A server may live under a path prefix: {prefix}/{owner}/{repo}/actions/runs/{id}...
  const m =
    /^((?:\/[^/]+)*?)\/([^/]+)\/([^/]+)\/actions\/runs\/([^/]+)(?:\/attempts\/([^/]+))?(?:\/job\/[0-9]+)?\/?$/.exec(
      url.pathname,
    );
  if (!m || !NAME.test(m[2]) || !NAME.test(m[3])) return undefined;
  return {
    repo: { owner: m[2], repo: m[3] },
    runId: positive(m[4], 'the run id in the URL'),
    attempt: m[5] ? positive(m[5], 'the attempt in the URL') : undefined,
    server: url.origin + m[1],
  };
}

/** The `run-id` input of the action: an id, or a URL that must point to `repo` on `server`. */
export function parseRunInput(text: string, repo: RepoRef, server: string): RunRef {
  const t = text.trim();
  if (ID.test(t)) return { repo, runId: positive(t, 'run-id') };
  const ref = parseRunUrl(t);
  if (!ref) throw new InputError(`run-id must be a positive integer or a run URL, not '${t.slice(0, 120)}'`);
  const norm = (u: string) => u.replace(/\/+$/, '').toLowerCase();
  const sameServer = norm(server) === norm(ref.server!);
  const sameRepo =
    `${ref.repo.owner}/${ref.repo.repo}`.toLowerCase() === `${repo.owner}/${repo.repo}`.toLowerCase();
  if (!sameServer || !sameRepo) {
    throw new InputError(
      `run-id must be a run of ${repo.owner}/${repo.repo} on ${server}, not '${t.slice(0, 120)}'`,
    );
  }
  return { ...ref, repo };
}

/** The terminal's `--run`: a run URL or `owner/repo#id`. */
export function parseRunArg(text: string): RunRef {
  const t = text.trim();
  const short = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)#([0-9]+)$/.exec(t);
  if (short) return { repo: { owner: short[1], repo: short[2] }, runId: positive(short[3], 'the run id') };
  const ref = parseRunUrl(t);
  if (!ref) throw new InputError(`--run must be a run URL or owner/repo#run-id, not '${t.slice(0, 120)}'`);
  return ref;
}
