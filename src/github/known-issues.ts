// Known issues through the REST API: the open issues with the label (ONE request, 100 issues), parsed
// by src/analyze/known-issues.ts; and, with `issues: write`, a hit table kept in one comment of each
// matched issue (list its comments + create or update: 2 requests per matched issue). The hits are kept
// in the comment itself (a hidden stamp of run ids and times): no other storage.
import { matchKnownIssues, parseKnownIssue, type KnownIssue } from '../analyze/known-issues.js';
import type { Api, Logger, RepoRef } from './api.js';
import { fullName } from './api.js';
import { withPermission } from './errors.js';
import { clipCodePoints } from '../report/escape.js';
import { runLink } from '../report/links.js';

export const HITS_MARKER = '<!-- ci-root-cause:known-issue-hits -->';
const HITS = /<!-- ci-root-cause:hits (\[[^<>]{0,20000}\]) -->/;
/** Hits kept per issue (the newest), and their horizon. */
const MAX_HITS = 200;
const DAY = 86_400_000;
const HORIZON = 30 * DAY;

export { matchKnownIssues };

/** The labelled open issues that describe a failure; the others are named in the log with the reason. */
export async function loadKnownIssues(
  api: Api,
  repo: RepoRef,
  label: string,
  log: Logger,
): Promise<KnownIssue[]> {
  const res = await withPermission('issues: read', `the issues labelled '${label}'`, () =>
    api.request('GET /repos/{owner}/{repo}/issues', {
      ...repo,
      labels: label,
      state: 'open',
      per_page: 100,
    }),
  );
  const out: KnownIssue[] = [];
  for (const i of res.data) {
    if (i.pull_request) continue;
    const parsed = parseKnownIssue({
      number: i.number,
      title: i.title ?? '',
      body: i.body ?? '',
      url: i.html_url,
    });
    if ('error' in parsed) log.info(`Known issue #${i.number} skipped: ${parsed.error}`);
    else out.push(parsed);
  }
  return out;
}

export interface Hit {
  run: number;
  attempt: number;
  /** When the run was created (ISO). */
  at: string;
  pr?: number;
}

const posInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x > 0;

/** The hits stored in a comment body (validated), newest first. */
export function parseHits(body: string): Hit[] {
  const m = HITS.exec(body);
  if (!m) return [];
  let list: unknown;
  try {
    list = JSON.parse(m[1]);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list
    .filter(
      (h): h is Hit =>
        !!h &&
        posInt(h.run) &&
        posInt(h.attempt) &&
        typeof h.at === 'string' &&
        !Number.isNaN(Date.parse(h.at)) &&
        (h.pr === undefined || posInt(h.pr)),
    )
    .map((h) => ({ run: h.run, attempt: h.attempt, at: h.at, ...(h.pr ? { pr: h.pr } : {}) }));
}

/** The hits with `hit` added (once per run attempt), within 30 days of `now`, newest first. Pure. */
export function addHit(hits: Hit[], hit: Hit, now: number): Hit[] {
  const all = [hit, ...hits.filter((h) => !(h.run === hit.run && h.attempt === hit.attempt))];
  return all
    .filter((h) => now - Date.parse(h.at) <= HORIZON)
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, MAX_HITS);
}

/** The comment: counts over 24 h / 7 d / 30 d and the latest runs, with the hits stamped. Pure. */
export function hitsBody(hits: Hit[], now: number, links: { server: string; repo: string }): string {
  const within = (ms: number) => hits.filter((h) => now - Date.parse(h.at) <= ms).length;
  const latest = hits
    .slice(0, 5)
    .map((h) => {
      const url = runLink(links, h.run, h.attempt);
      const label = `run ${h.run}, attempt ${h.attempt}`;
      return `- ${url ? `[${label}](${url})` : label} — ${clipCodePoints(h.at.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC'), 30)}`;
    })
    .join('\n');
  const stamp = `<!-- ci-root-cause:hits ${JSON.stringify(hits)} -->`;
  return `${HITS_MARKER}\n${stamp}\n### Seen by ci-root-cause\n\n| last 24 h | last 7 days | last 30 days |\n|---:|---:|---:|\n| ${within(DAY)} | ${within(7 * DAY)} | ${within(HORIZON)} |\n\nLatest runs:\n\n${latest}\n`;
}

/** Adds the hit to the issue's hit comment (created on the first hit). 2 requests. */
export async function recordHit(
  api: Api,
  repo: RepoRef,
  issue: number,
  hit: Hit,
  opts: { authors: string[]; now: number; server: string },
): Promise<string> {
  const who = new Set(opts.authors.map((a) => a.toLowerCase()));
  const comments = await withPermission('issues: write', `the comments of issue #${issue}`, () =>
    api.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repo,
      issue_number: issue,
      per_page: 100,
    }),
  );
  const mine = comments.data.find(
    (c) => (c.body ?? '').includes(HITS_MARKER) && who.has((c.user?.login ?? '').toLowerCase()),
  );
  const hits = addHit(mine ? parseHits(mine.body ?? '') : [], hit, opts.now);
  const body = hitsBody(hits, opts.now, { server: opts.server, repo: fullName(repo) });
  if (mine) {
    const res = await withPermission('issues: write', `the hit table of issue #${issue}`, () =>
      api.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        ...repo,
        comment_id: mine.id,
        body,
      }),
    );
    return res.data.html_url;
  }
  const res = await withPermission('issues: write', `the hit table of issue #${issue}`, () =>
    api.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
      ...repo,
      issue_number: issue,
      body,
    }),
  );
  return res.data.html_url;
}
