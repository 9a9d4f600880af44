// The slice of an Octokit instance the GitHub layer uses, so the action (getOctokit) and the terminal
// (@octokit/rest) share every module.
import type { Octokit } from '@octokit/core';
import type { PaginateInterface } from '@octokit/plugin-paginate-rest';

export interface Api {
  request: Octokit['request'];
  paginate: PaginateInterface;
}

/** owner/name of a repository. */
export interface RepoRef {
  owner: string;
  repo: string;
}

export const fullName = (r: RepoRef): string => `${r.owner}/${r.repo}`;

export function parseFullName(name: string): RepoRef | undefined {
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(name);
  return m ? { owner: m[1], repo: m[2] } : undefined;
}

/** Things the run analysis tells its caller while it works (the action: core.info/warning; the CLI: stderr). */
export interface Logger {
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Logger = { info: () => undefined, warn: () => undefined };
