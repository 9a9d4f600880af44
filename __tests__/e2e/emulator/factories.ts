// Response objects shaped like GitHub's (every field the OpenAPI description requires), built from the
// emulator's small state.
/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Urls {
  api: string;
  web: string;
}

let nextNode = 1;
const nodeId = (kind: string) => `${kind}_kwDO${(nextNode++).toString(36).padStart(8, '0')}`;

export function user(u: Urls, login: string, id: number, type = 'User'): any {
  const api = `${u.api}/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: nodeId('U'),
    avatar_url: `${u.web}/avatars/u/${id}`,
    gravatar_id: '',
    url: api,
    html_url: `${u.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

const REPO_URLS: [string, string][] = [
  ['archive_url', '/{archive_format}{/ref}'],
  ['assignees_url', '/assignees{/user}'],
  ['blobs_url', '/git/blobs{/sha}'],
  ['branches_url', '/branches{/branch}'],
  ['collaborators_url', '/collaborators{/collaborator}'],
  ['comments_url', '/comments{/number}'],
  ['commits_url', '/commits{/sha}'],
  ['compare_url', '/compare/{base}...{head}'],
  ['contents_url', '/contents/{+path}'],
  ['contributors_url', '/contributors'],
  ['deployments_url', '/deployments'],
  ['downloads_url', '/downloads'],
  ['events_url', '/events'],
  ['forks_url', '/forks'],
  ['git_commits_url', '/git/commits{/sha}'],
  ['git_refs_url', '/git/refs{/sha}'],
  ['git_tags_url', '/git/tags{/sha}'],
  ['hooks_url', '/hooks'],
  ['issue_comment_url', '/issues/comments{/number}'],
  ['issue_events_url', '/issues/events{/number}'],
  ['issues_url', '/issues{/number}'],
  ['keys_url', '/keys{/key_id}'],
  ['labels_url', '/labels{/name}'],
  ['languages_url', '/languages'],
  ['merges_url', '/merges'],
  ['milestones_url', '/milestones{/number}'],
  ['notifications_url', '/notifications{?since,all,participating}'],
  ['pulls_url', '/pulls{/number}'],
  ['releases_url', '/releases{/id}'],
  ['stargazers_url', '/stargazers'],
  ['statuses_url', '/statuses/{sha}'],
  ['subscribers_url', '/subscribers'],
  ['subscription_url', '/subscription'],
  ['tags_url', '/tags'],
  ['teams_url', '/teams'],
  ['trees_url', '/git/trees{/sha}'],
];

export interface RepoState {
  owner: string;
  name: string;
  id: number;
  ownerId: number;
  fork: boolean;
  defaultBranch: string;
}

export function minimalRepo(u: Urls, r: RepoState): any {
  const api = `${u.api}/repos/${r.owner}/${r.name}`;
  const out: any = {
    id: r.id,
    node_id: nodeId('R'),
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    owner: user(u, r.owner, r.ownerId),
    private: false,
    html_url: `${u.web}/${r.owner}/${r.name}`,
    description: null,
    fork: r.fork,
    url: api,
  };
  for (const [k, suffix] of REPO_URLS) out[k] = api + suffix;
  return out;
}

export function fullRepo(u: Urls, r: RepoState): any {
  const now = '2026-11-01T00:00:00Z';
  return {
    ...minimalRepo(u, r),
    clone_url: `${u.web}/${r.owner}/${r.name}.git`,
    default_branch: r.defaultBranch,
    forks: 0,
    forks_count: 0,
    git_url: `git://example.invalid/${r.owner}/${r.name}.git`,
    has_issues: true,
    has_downloads: true,
    has_projects: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    homepage: null,
    language: 'TypeScript',
    archived: false,
    disabled: false,
    mirror_url: null,
    open_issues: 0,
    open_issues_count: 0,
    license: null,
    pushed_at: now,
    size: 10,
    ssh_url: `git@example.invalid:${r.owner}/${r.name}.git`,
    stargazers_count: 0,
    svn_url: `${u.web}/${r.owner}/${r.name}`,
    watchers: 0,
    watchers_count: 0,
    created_at: now,
    updated_at: now,
    network_count: 0,
    subscribers_count: 0,
  };
}

export interface StepState {
  number: number;
  name: string;
  conclusion: 'success' | 'failure' | 'skipped' | 'cancelled';
  startedAt: string;
  completedAt: string;
}

export interface JobState {
  id: number;
  name: string;
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out';
  steps: StepState[];
  /** The job log (plain text); undefined (and no logFile) → 404. */
  log?: string;
  /** A file the log storage host streams as the job log (a log too big to hold as a string). */
  logFile?: string;
  /** Status the logs endpoint answers instead of the redirect (410 expired ...). */
  logStatus?: number;
  startedAt: string;
  completedAt: string;
}

export interface PullState {
  number: number;
  title: string;
  state: 'open' | 'closed';
  headSha: string;
  headRef: string;
  headRepo: RepoState;
  baseRef: string;
  baseSha: string;
  baseRepo: RepoState;
  author: string;
}

export interface RunState {
  id: number;
  attempt: number;
  workflowId: number;
  name: string;
  path: string;
  runNumber: number;
  event: string;
  status: 'completed' | 'in_progress' | 'queued';
  conclusion: 'success' | 'failure' | 'cancelled' | 'timed_out' | null;
  headSha: string;
  headBranch: string;
  headRepo: RepoState;
  repo: RepoState;
  createdAt: string;
  /** PRs listed in the run object (empty for fork PRs and pushes, as on GitHub). */
  pullRequests: PullState[];
  jobs: JobState[];
  commitMessage: string;
  /** Earlier attempts of the run (served by the attempts endpoints; the run object shows the latest). */
  pastAttempts?: { attempt: number; conclusion: RunState['conclusion']; jobs: JobState[] }[];
}

export function pullMinimal(u: Urls, p: PullState): any {
  const ref = (r: RepoState) => ({ id: r.id, url: `${u.api}/repos/${r.owner}/${r.name}`, name: r.name });
  return {
    id: 100000 + p.number,
    number: p.number,
    url: `${u.api}/repos/${p.baseRepo.owner}/${p.baseRepo.name}/pulls/${p.number}`,
    head: { ref: p.headRef, sha: p.headSha, repo: ref(p.headRepo) },
    base: { ref: p.baseRef, sha: p.baseSha, repo: ref(p.baseRepo) },
  };
}

export function workflowRun(u: Urls, r: RunState): any {
  const api = `${u.api}/repos/${r.repo.owner}/${r.repo.name}/actions/runs/${r.id}`;
  return {
    id: r.id,
    name: r.name,
    node_id: nodeId('WFR'),
    check_suite_id: r.id + 7,
    check_suite_node_id: nodeId('CS'),
    head_branch: r.headBranch,
    head_sha: r.headSha,
    path: r.path,
    run_number: r.runNumber,
    run_attempt: r.attempt,
    display_title: r.commitMessage.split('\n')[0],
    event: r.event,
    status: r.status,
    conclusion: r.conclusion,
    workflow_id: r.workflowId,
    url: api,
    html_url: `${u.web}/${r.repo.owner}/${r.repo.name}/actions/runs/${r.id}`,
    pull_requests: r.pullRequests.map((p) => pullMinimal(u, p)),
    created_at: r.createdAt,
    updated_at: r.createdAt,
    run_started_at: r.createdAt,
    actor: user(u, 'octo-dev', 501),
    triggering_actor: user(u, 'octo-dev', 501),
    jobs_url: `${api}/jobs`,
    logs_url: `${api}/logs`,
    check_suite_url: `${u.api}/repos/${r.repo.owner}/${r.repo.name}/check-suites/${r.id + 7}`,
    artifacts_url: `${api}/artifacts`,
    cancel_url: `${api}/cancel`,
    rerun_url: `${api}/rerun`,
    previous_attempt_url: r.attempt > 1 ? `${api}/attempts/${r.attempt - 1}` : null,
    workflow_url: `${u.api}/repos/${r.repo.owner}/${r.repo.name}/actions/workflows/${r.workflowId}`,
    head_commit: {
      id: r.headSha,
      tree_id: r.headSha,
      message: r.commitMessage,
      timestamp: r.createdAt,
      author: { name: 'Octo Dev', email: 'octo@example.com' },
      committer: { name: 'Octo Dev', email: 'octo@example.com' },
    },
    repository: minimalRepo(u, r.repo),
    head_repository: minimalRepo(u, r.headRepo),
  };
}

export function job(u: Urls, r: RunState, j: JobState): any {
  const repoApi = `${u.api}/repos/${r.repo.owner}/${r.repo.name}`;
  return {
    id: j.id,
    run_id: r.id,
    run_url: `${repoApi}/actions/runs/${r.id}`,
    run_attempt: r.attempt,
    node_id: nodeId('CR'),
    head_sha: r.headSha,
    url: `${repoApi}/actions/jobs/${j.id}`,
    html_url: `${u.web}/${r.repo.owner}/${r.repo.name}/actions/runs/${r.id}/job/${j.id}`,
    status: 'completed',
    conclusion: j.conclusion,
    created_at: j.startedAt,
    started_at: j.startedAt,
    completed_at: j.completedAt,
    name: j.name,
    steps: j.steps.map((s) => ({
      name: s.name,
      status: 'completed',
      conclusion: s.conclusion,
      number: s.number,
      started_at: s.startedAt,
      completed_at: s.completedAt,
    })),
    check_run_url: `${repoApi}/check-runs/${j.id}`,
    labels: ['ubuntu-latest'],
    runner_id: 1,
    runner_name: 'GitHub Actions 1',
    runner_group_id: 1,
    runner_group_name: 'GitHub Actions',
    workflow_name: r.name,
    head_branch: r.headBranch,
  };
}

export function pullSimple(u: Urls, p: PullState): any {
  const api = `${u.api}/repos/${p.baseRepo.owner}/${p.baseRepo.name}`;
  const web = `${u.web}/${p.baseRepo.owner}/${p.baseRepo.name}/pull/${p.number}`;
  const side = (ref: string, sha: string, r: RepoState) => ({
    label: `${r.owner}:${ref}`,
    ref,
    sha,
    user: user(u, r.owner, r.ownerId),
    repo: fullRepo(u, r),
  });
  const link = (href: string) => ({ href });
  return {
    url: `${api}/pulls/${p.number}`,
    id: 100000 + p.number,
    node_id: nodeId('PR'),
    html_url: web,
    diff_url: `${web}.diff`,
    patch_url: `${web}.patch`,
    issue_url: `${api}/issues/${p.number}`,
    commits_url: `${api}/pulls/${p.number}/commits`,
    review_comments_url: `${api}/pulls/${p.number}/comments`,
    review_comment_url: `${api}/pulls/comments{/number}`,
    comments_url: `${api}/issues/${p.number}/comments`,
    statuses_url: `${api}/statuses/${p.headSha}`,
    number: p.number,
    state: p.state,
    locked: false,
    title: p.title,
    user: user(u, p.author, 900),
    body: null,
    labels: [],
    milestone: null,
    active_lock_reason: null,
    created_at: '2026-11-01T00:00:00Z',
    updated_at: '2026-11-01T00:00:00Z',
    closed_at: null,
    merged_at: null,
    merge_commit_sha: null,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    head: side(p.headRef, p.headSha, p.headRepo),
    base: side(p.baseRef, p.baseSha, p.baseRepo),
    _links: {
      self: link(`${api}/pulls/${p.number}`),
      html: link(web),
      issue: link(`${api}/issues/${p.number}`),
      comments: link(`${api}/issues/${p.number}/comments`),
      review_comments: link(`${api}/pulls/${p.number}/comments`),
      review_comment: link(`${api}/pulls/comments{/number}`),
      commits: link(`${api}/pulls/${p.number}/commits`),
      statuses: link(`${api}/statuses/${p.headSha}`),
    },
    author_association: 'CONTRIBUTOR',
    auto_merge: null,
    draft: false,
  };
}

export interface CommentState {
  id: number;
  issue: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export function issueComment(u: Urls, repo: RepoState, c: CommentState): any {
  const api = `${u.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: c.id,
    node_id: nodeId('IC'),
    url: `${api}/issues/comments/${c.id}`,
    html_url: `${u.web}/${repo.owner}/${repo.name}/pull/${c.issue}#issuecomment-${c.id}`,
    body: c.body,
    user: user(
      u,
      c.author,
      c.author === 'github-actions[bot]' ? 41898282 : 777,
      c.author.endsWith('[bot]') ? 'Bot' : 'User',
    ),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    issue_url: `${api}/issues/${c.issue}`,
    author_association: c.author.endsWith('[bot]') ? 'NONE' : 'CONTRIBUTOR',
  };
}

export interface IssueState {
  number: number;
  title: string;
  body: string;
  labels: string[];
  state: 'open' | 'closed';
  author: string;
  createdAt: string;
  updatedAt: string;
}

export function issue(u: Urls, repo: RepoState, i: IssueState): any {
  const api = `${u.api}/repos/${repo.owner}/${repo.name}`;
  return {
    id: 50_000 + i.number,
    node_id: nodeId('I'),
    url: `${api}/issues/${i.number}`,
    repository_url: api,
    labels_url: `${api}/issues/${i.number}/labels{/name}`,
    comments_url: `${api}/issues/${i.number}/comments`,
    events_url: `${api}/issues/${i.number}/events`,
    html_url: `${u.web}/${repo.owner}/${repo.name}/issues/${i.number}`,
    number: i.number,
    state: i.state,
    title: i.title,
    body: i.body,
    user: user(u, i.author, 777),
    labels: i.labels.map((name, k) => ({
      id: 60_000 + k,
      node_id: nodeId('LA'),
      url: `${api}/labels/${encodeURIComponent(name)}`,
      name,
      description: null,
      color: 'd73a4a',
      default: false,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    comments: 0,
    closed_at: null,
    created_at: i.createdAt,
    updated_at: i.updatedAt,
    author_association: 'MEMBER',
  };
}
