// User rules: read through the contents API from the DEFAULT branch only, never from the PR head.
import { InputError } from '../errors.js';
import { parseRules } from '../rules/parse.js';
import type { Rule } from '../types.js';
import type { Api, RepoRef } from './api.js';
import { fullName } from './api.js';
import { statusOf, withPermission } from './errors.js';

/** The default branch of the repository (one request, unless the event payload already said). */
export async function defaultBranch(api: Api, repo: RepoRef): Promise<string> {
  const res = await withPermission('contents: read', `repository ${fullName(repo)}`, () =>
    api.request('GET /repos/{owner}/{repo}', { ...repo }),
  );
  return res.data.default_branch;
}

export function checkRulesPath(path: string): string {
  const p = path.trim().replace(/^\.\//, '');
  if (!p || p.startsWith('/') || p.split('/').includes('..') || /[\0\n\r]/.test(p)) {
    throw new InputError(`the rules input must be a path inside the repository, not '${path}'`);
  }
  return p;
}

export async function loadRepoRules(api: Api, repo: RepoRef, path: string, branch: string): Promise<Rule[]> {
  const p = checkRulesPath(path);
  let data: unknown;
  try {
    data = (
      await withPermission('contents: read', `the rules file ${p}`, () =>
        api.request('GET /repos/{owner}/{repo}/contents/{path}', { ...repo, path: p, ref: branch }),
      )
    ).data;
  } catch (e) {
    if (statusOf(e) === 404)
      throw new InputError(`the rules file '${p}' was not found on the default branch '${branch}'`);
    throw e;
  }
  const file = data as { type?: string; content?: string; encoding?: string };
  if (Array.isArray(data) || file.type !== 'file' || typeof file.content !== 'string') {
    throw new InputError(`the rules input '${p}' is not a file on the default branch '${branch}'`);
  }
  const text =
    file.encoding === 'base64' ? Buffer.from(file.content, 'base64').toString('utf8') : file.content;
  return parseRules(text, `${p}@${branch}`);
}
