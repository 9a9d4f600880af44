// Which commit of the range changed a suspect file, when the change set could not say (the compare API
// lists no files per commit, and one request per commit did not fit the request budget): one
// `GET /repos/{o}/{r}/commits?sha={head}&path={file}` per top suspect, kept to the range's commits (newest
// first, as the CLI's file commits), then the commits ranked again from the suspects (rankCommits, the
// analyzer's own). The suspects' scores do not depend on their commits: only Suspect.commits and
// Report.commits change.
import { rankCommits } from '../analyze/suspects.js';
import type { ChangeSet, Report } from '../types.js';
import type { Api, RepoRef } from './api.js';

/** Suspects whose commits are looked up at most. */
export const ATTRIBUTED_SUSPECTS = 3;

/** Fills the commits of the top suspects that have none; returns the requests sent. */
export async function attributeSuspectCommits(
  api: Api,
  repo: RepoRef,
  report: Report,
  cs: ChangeSet,
  maxRequests: number,
): Promise<number> {
  const range = cs.commits ?? [];
  if (range.length < 2 || !cs.head) return 0;
  const inRange = new Map(range.map((c) => [c.sha, c]));
  const wanted = report.suspects
    .slice(0, ATTRIBUTED_SUSPECTS)
    .filter((s) => !s.commits.length)
    .slice(0, Math.max(0, maxRequests));
  let sent = 0;
  for (const s of wanted) {
    sent++;
    try {
      const res = await api.request('GET /repos/{owner}/{repo}/commits', {
        ...repo,
        sha: cs.head,
        path: s.path,
        per_page: Math.min(100, range.length + 1),
      });
      const shas = res.data.map((c) => c.sha).filter((sha) => inRange.has(sha));
      if (!shas.length) continue;
      s.commits = shas;
      const file = cs.files.find((f) => f.path === s.path);
      if (file && !file.commits.length) file.commits = [...shas];
    } catch {
      // the suspect keeps no commit
    }
  }
  if (sent) {
    const ranked = rankCommits(report.suspects, range);
    if (ranked.length) report.commits = ranked;
  }
  return sent;
}
