// A local emulation of the GitHub REST endpoints the action uses (node:http on 127.0.0.1, random ports):
// an API host and a separate log-storage ("blob") host the logs endpoint redirects to. Every request is
// recorded (to count them and to check where the token went); every JSON response is recorded for the
// OpenAPI validation; faults (status, delay, connection reset) are injectable per route.
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import * as f from './factories.js';
import { commitInfo, commitsBetween, diffFiles, git, resolve } from './git.js';
import type { RecordedResponse } from './openapi.js';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface Fault {
  /** Matches `${METHOD} ${template}` (e.g. 'GET /repos/{owner}/{repo}/actions/runs/{run_id}') or a RegExp over it. */
  route: string | RegExp;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** How many times (default: always). */
  times?: number;
  /**
   * Apply the fault AFTER the route has done its work (the server created the comment, then the answer was
   * lost): the client sees the fault, the state has changed.
   */
  after?: boolean;
  /**
   * Answer normally, with a hostile `Link` header: 'self' names the page just served as the next one,
   * 'endless' always names one more page (page=N+1) serving the same items.
   */
  link?: 'self' | 'endless';
}

export interface RequestRecord {
  host: 'api' | 'blob';
  method: string;
  path: string;
  template?: string;
  status: number;
  authorization?: string;
  headers: Record<string, string | string[] | undefined>;
  /** When the request arrived (ms since the epoch). */
  at: number;
}

export interface EmulatorOptions {
  token: string;
  /** Directory of the real git repository the compare answers come from. */
  gitDir: string;
  /** Permissions the token lacks: its routes answer 403. */
  deny?: ('actions' | 'contents' | 'pull-requests' | 'issues')[];
}

interface Route {
  method: string;
  template: string;
  re: RegExp;
  perm: 'actions' | 'contents' | 'pull-requests' | 'issues' | 'none';
  handle: (
    m: string[],
    q: URLSearchParams,
    body: any,
  ) => { status: number; body?: unknown; headers?: Record<string, string> };
}

function tpl(template: string): RegExp {
  const src = template
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{\+?[a-z_]+\\?\}/g, (m) =>
      m.includes('+') || m.includes('path') || m.includes('basehead') ? '(.+)' : '([^/]+)',
    );
  return new RegExp(`^${src}$`);
}

export class Emulator {
  readonly repos: f.RepoState[] = [];
  readonly runs: f.RunState[] = [];
  readonly pulls: f.PullState[] = [];
  readonly comments: f.CommentState[] = [];
  readonly issues: f.IssueState[] = [];
  readonly requests: RequestRecord[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly faults: Fault[] = [];
  /** Files served by the contents API on the default branch (path → text). */
  readonly contents = new Map<string, string>();
  private api!: Server;
  private blob!: Server;
  private blobTokens = new Map<string, number>();
  private nextComment = 9000;
  private clock = Date.parse('2026-11-20T12:00:00Z');
  urls!: f.Urls;
  blobUrl!: string;
  private routes: Route[];

  constructor(readonly opts: EmulatorOptions) {
    this.routes = this.buildRoutes();
  }

  async start(): Promise<void> {
    this.api = createServer((req, res) => void this.onApi(req, res));
    this.blob = createServer((req, res) => this.onBlob(req, res));
    await new Promise<void>((r) => this.api.listen(0, '127.0.0.1', r));
    await new Promise<void>((r) => this.blob.listen(0, '127.0.0.1', r));
    const port = (this.api.address() as AddressInfo).port;
    this.urls = { api: `http://127.0.0.1:${port}`, web: `http://127.0.0.1:${port}/web` };
    // Another host name for the log storage: the redirect crosses origins, as on GitHub.
    this.blobUrl = `http://localhost:${(this.blob.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.api.closeAllConnections?.();
    this.blob.closeAllConnections?.();
    await Promise.all([new Promise((r) => this.api.close(r)), new Promise((r) => this.blob.close(r))]);
  }

  /** The web server URL (GITHUB_SERVER_URL). */
  get server(): string {
    return this.urls.web;
  }

  fault(fault: Fault): void {
    this.faults.push(fault);
  }

  addRepo(owner: string, name: string, opts: { fork?: boolean; defaultBranch?: string } = {}): f.RepoState {
    const r: f.RepoState = {
      owner,
      name,
      id: 1000 + this.repos.length,
      ownerId: 2000 + this.repos.length,
      fork: !!opts.fork,
      defaultBranch: opts.defaultBranch ?? 'main',
    };
    this.repos.push(r);
    return r;
  }

  addRun(
    run: Omit<f.RunState, 'createdAt' | 'runNumber' | 'name' | 'path'> & Partial<f.RunState>,
  ): f.RunState {
    this.clock += 60_000;
    const full: f.RunState = {
      name: 'CI',
      path: '.github/workflows/ci.yml',
      runNumber: this.runs.length + 1,
      createdAt: new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z'),
      ...run,
    };
    this.runs.push(full);
    return full;
  }

  addPull(p: f.PullState): f.PullState {
    this.pulls.push(p);
    return p;
  }

  addComment(issue: number, author: string, body: string): f.CommentState {
    this.clock += 1000;
    const at = new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
    const c: f.CommentState = { id: this.nextComment++, issue, author, body, createdAt: at, updatedAt: at };
    this.comments.push(c);
    return c;
  }

  addIssue(i: Omit<f.IssueState, 'createdAt' | 'updatedAt' | 'state' | 'author'> & Partial<f.IssueState>) {
    this.clock += 1000;
    const at = new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
    const full: f.IssueState = {
      state: 'open',
      author: 'octo-maintainer',
      createdAt: at,
      updatedAt: at,
      ...i,
    };
    this.issues.push(full);
    return full;
  }

  /** Requests the API host received since `from` (index into `requests`). */
  apiRequests(from = 0): RequestRecord[] {
    return this.requests.slice(from).filter((r) => r.host === 'api');
  }

  // ───────────────────────────── HTTP ─────────────────────────────

  private send(res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}) {
    const json = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, {
      'content-type':
        typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'x-ratelimit-limit': '1000',
      'x-ratelimit-remaining': '900',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(json);
  }

  private async onApi(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.urls.api);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    const path = decodeURIComponent(url.pathname);
    const record: RequestRecord = {
      host: 'api',
      method,
      path: url.pathname + url.search,
      status: 0,
      authorization: req.headers.authorization,
      headers: req.headers,
      at: Date.now(),
    };
    this.requests.push(record);
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of this.routes) {
      if (r.method !== method) continue;
      match = r.re.exec(path);
      if (match) {
        route = r;
        break;
      }
    }
    if (!route || !match) {
      record.status = 404;
      return this.send(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    }
    record.template = route.template;
    const key = `${method} ${route.template}`;
    const fault = this.faults.find(
      (x) =>
        (typeof x.route === 'string' ? x.route === key : x.route.test(key)) &&
        (x.times === undefined || x.times > 0),
    );
    if (fault && !fault.after && !fault.link) {
      if (fault.times !== undefined) fault.times--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      if (fault.status) {
        record.status = fault.status;
        return this.send(
          res,
          fault.status,
          fault.body ?? { message: 'Injected fault', documentation_url: 'https://docs.github.com/rest' },
          fault.headers,
        );
      }
    }
    const auth = req.headers.authorization ?? '';
    if (auth !== `token ${this.opts.token}` && auth !== `Bearer ${this.opts.token}`) {
      record.status = 401;
      return this.send(res, 401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
        status: '401',
      });
    }
    if (req.headers['x-github-api-version'] !== '2022-11-28') {
      record.status = 400;
      return this.send(res, 400, { message: 'missing or unsupported X-GitHub-Api-Version' });
    }
    if (route.perm !== 'none' && this.opts.deny?.includes(route.perm)) {
      record.status = 403;
      return this.send(res, 403, {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
        status: '403',
      });
    }
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      record.status = 400;
      return this.send(res, 400, { message: 'Problems parsing JSON' });
    }
    let out: ReturnType<Route['handle']>;
    try {
      out = route.handle(match.slice(1), url.searchParams, body);
    } catch (e) {
      out = { status: 500, body: { message: `emulator error: ${(e as Error).message}` } };
    }
    if (fault?.after) {
      if (fault.times !== undefined) fault.times--;
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      if (fault.reset) {
        record.status = -1;
        req.socket.destroy();
        return;
      }
      record.status = fault.status ?? 502;
      return this.send(
        res,
        record.status,
        fault.body ?? { message: 'Injected fault', documentation_url: 'https://docs.github.com/rest' },
        fault.headers,
      );
    }
    if (fault?.link) {
      if (fault.times !== undefined) fault.times--;
      const next = new URL(url);
      if (fault.link === 'endless')
        next.searchParams.set('page', String((Number(url.searchParams.get('page')) || 1) + 1));
      out = { ...out, headers: { ...out.headers, link: `<${next.href}>; rel="next"` } };
    }
    record.status = out.status;
    if (out.body !== undefined && typeof out.body !== 'string') {
      this.responses.push({ method, template: route.template, status: out.status, body: out.body });
    }
    this.send(res, out.status, out.body, out.headers);
  }

  private onBlob(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.blobUrl);
    const record: RequestRecord = {
      host: 'blob',
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      status: 0,
      authorization: req.headers.authorization,
      headers: req.headers,
      at: Date.now(),
    };
    this.requests.push(record);
    const jobId = this.blobTokens.get(url.searchParams.get('sig') ?? '');
    const job = jobId === undefined ? undefined : this.findJob(jobId)?.job;
    if (!job || (job.log === undefined && job.logFile === undefined)) {
      record.status = 403;
      res.writeHead(403, { 'content-type': 'application/xml' });
      res.end('<Error><Code>AuthenticationFailed</Code></Error>');
      return;
    }
    record.status = 200;
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
    if (job.logFile !== undefined) createReadStream(job.logFile).pipe(res);
    else res.end(job.log);
  }

  // ──────────────────────────── state ─────────────────────────────

  private repo(owner: string, name: string): f.RepoState | undefined {
    return this.repos.find(
      (r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase(),
    );
  }

  private findJob(id: number): { run: f.RunState; job: f.JobState } | undefined {
    for (const run of this.runs) {
      const job = [...run.jobs, ...(run.pastAttempts ?? []).flatMap((p) => p.jobs)].find((j) => j.id === id);
      if (job) return { run, job };
    }
    return undefined;
  }

  private notFound() {
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  }

  private page<T>(
    items: T[],
    q: URLSearchParams,
    path: string,
  ): { items: T[]; headers: Record<string, string> } {
    const per = Math.min(100, Number(q.get('per_page') ?? 30) || 30);
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / per));
    const headers: Record<string, string> = {};
    if (page < last) {
      const next = new URLSearchParams(q);
      next.set('page', String(page + 1));
      next.set('per_page', String(per));
      const lastQ = new URLSearchParams(next);
      lastQ.set('page', String(last));
      headers.link = `<${this.urls.api}${path}?${next}>; rel="next", <${this.urls.api}${path}?${lastQ}>; rel="last"`;
    }
    return { items: items.slice((page - 1) * per, page * per), headers };
  }

  private commitObject(repo: f.RepoState, sha: string): any {
    const c = commitInfo(this.opts.gitDir, sha);
    const api = `${this.urls.api}/repos/${repo.owner}/${repo.name}`;
    return {
      url: `${api}/commits/${c.sha}`,
      sha: c.sha,
      node_id: `C_${c.sha.slice(0, 12)}`,
      html_url: `${this.urls.web}/${repo.owner}/${repo.name}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      commit: {
        url: `${api}/git/commits/${c.sha}`,
        author: { name: c.author, email: c.email, date: c.date },
        committer: { name: c.author, email: c.email, date: c.date },
        message: c.message,
        comment_count: 0,
        tree: {
          sha: git(this.opts.gitDir, ['rev-parse', `${c.sha}^{tree}`]).trim(),
          url: `${api}/git/trees/${c.sha}`,
        },
      },
      author: f.user(this.urls, 'octo-dev', 501),
      committer: f.user(this.urls, 'octo-dev', 501),
      parents: c.parents.map((p) => ({
        sha: p,
        url: `${api}/commits/${p}`,
        html_url: `${this.urls.web}/${repo.owner}/${repo.name}/commit/${p}`,
      })),
    };
  }

  private diffEntries(repo: f.RepoState, base: string, head: string): any[] {
    const api = `${this.urls.api}/repos/${repo.owner}/${repo.name}`;
    return diffFiles(this.opts.gitDir, base, head)
      .slice(0, 300)
      .map((d) => ({
        sha:
          d.status === 'removed'
            ? '0000000000000000000000000000000000000000'
            : git(this.opts.gitDir, ['rev-parse', `${head}:${d.filename}`]).trim(),
        filename: d.filename,
        status: d.status,
        additions: d.additions,
        deletions: d.deletions,
        changes: d.changes,
        blob_url: `${this.urls.web}/${repo.owner}/${repo.name}/blob/${head}/${d.filename}`,
        raw_url: `${this.urls.web}/${repo.owner}/${repo.name}/raw/${head}/${d.filename}`,
        contents_url: `${api}/contents/${d.filename}?ref=${head}`,
        ...(d.patch !== undefined ? { patch: d.patch } : {}),
        ...(d.previous_filename ? { previous_filename: d.previous_filename } : {}),
      }));
  }

  private buildRoutes(): Route[] {
    const R = (method: string, template: string, perm: Route['perm'], handle: Route['handle']): Route => ({
      method,
      template,
      re: tpl(template),
      perm,
      handle,
    });
    const run = (o: string, r: string, id: string) =>
      this.runs.find((x) => x.id === Number(id) && x.repo === this.repo(o, r));
    /** The run as it was at attempt n (the latest, or one of its past attempts). */
    const attempt = (o: string, r: string, id: string, n: string): f.RunState | undefined => {
      const x = run(o, r, id);
      if (!x) return undefined;
      if (Number(n) === x.attempt) return x;
      const past = x.pastAttempts?.find((p) => p.attempt === Number(n));
      return past ? { ...x, ...past, pastAttempts: undefined } : undefined;
    };
    return [
      R('GET', '/repos/{owner}/{repo}/actions/runs/{run_id}', 'actions', ([o, r, id]) => {
        const x = run(o, r, id);
        return x ? { status: 200, body: f.workflowRun(this.urls, x) } : this.notFound();
      }),
      R(
        'GET',
        '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}',
        'actions',
        ([o, r, id, n]) => {
          const x = attempt(o, r, id, n);
          return x ? { status: 200, body: f.workflowRun(this.urls, x) } : this.notFound();
        },
      ),
      R(
        'GET',
        '/repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
        'actions',
        ([o, r, id, n], q) => {
          const x = attempt(o, r, id, n);
          if (!x) return this.notFound();
          const { items, headers } = this.page(
            x.jobs,
            q,
            `/repos/${o}/${r}/actions/runs/${id}/attempts/${n}/jobs`,
          );
          return {
            status: 200,
            body: { total_count: x.jobs.length, jobs: items.map((j) => f.job(this.urls, x, j)) },
            headers,
          };
        },
      ),
      R('GET', '/repos/{owner}/{repo}/actions/jobs/{job_id}/logs', 'actions', ([o, r, id]) => {
        const found = this.findJob(Number(id));
        if (!found || found.run.repo !== this.repo(o, r)) return this.notFound();
        if (found.job.logStatus)
          return {
            status: found.job.logStatus,
            body: {
              message: found.job.logStatus === 410 ? 'Gone' : 'Error',
              documentation_url: 'https://docs.github.com/rest',
            },
          };
        if (found.job.log === undefined && found.job.logFile === undefined) return this.notFound();
        const sig = randomBytes(12).toString('hex');
        this.blobTokens.set(sig, found.job.id);
        return {
          status: 302,
          headers: { location: `${this.blobUrl}/logs/${found.job.id}.txt?sig=${sig}&se=short-lived` },
        };
      }),
      // Every workflow's runs of the repository: head_sha, branch, status filters.
      R('GET', '/repos/{owner}/{repo}/actions/runs', 'actions', ([o, r], q) => {
        const repo = this.repo(o, r);
        let list = this.runs.filter((x) => x.repo === repo);
        if (q.get('head_sha')) list = list.filter((x) => x.headSha === q.get('head_sha'));
        if (q.get('branch')) list = list.filter((x) => x.headBranch === q.get('branch'));
        const status = q.get('status');
        if (status)
          list = list.filter((x) =>
            status === 'success' || status === 'failure' ? x.conclusion === status : x.status === status,
          );
        list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/actions/runs`);
        return {
          status: 200,
          body: { total_count: list.length, workflow_runs: items.map((x) => f.workflowRun(this.urls, x)) },
          headers,
        };
      }),
      R('GET', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs', 'actions', ([o, r, wid], q) => {
        const repo = this.repo(o, r);
        let list = this.runs.filter((x) => x.repo === repo && x.workflowId === Number(wid));
        if (q.get('branch')) list = list.filter((x) => x.headBranch === q.get('branch'));
        if (q.get('event')) list = list.filter((x) => x.event === q.get('event'));
        const status = q.get('status');
        if (status)
          list = list.filter((x) =>
            status === 'success' || status === 'failure' ? x.conclusion === status : x.status === status,
          );
        const created = q.get('created');
        if (created?.startsWith('<')) list = list.filter((x) => x.createdAt < created.slice(1));
        list = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/actions/workflows/${wid}/runs`);
        return {
          status: 200,
          body: { total_count: list.length, workflow_runs: items.map((x) => f.workflowRun(this.urls, x)) },
          headers,
        };
      }),
      R('GET', '/repos/{owner}/{repo}/pulls', 'pull-requests', ([o, r], q) => {
        const repo = this.repo(o, r);
        let list = this.pulls.filter((p) => p.baseRepo === repo);
        const state = q.get('state') ?? 'open';
        if (state !== 'all') list = list.filter((p) => p.state === state);
        const head = q.get('head');
        if (head)
          list = list.filter((p) => `${p.headRepo.owner}:${p.headRef}`.toLowerCase() === head.toLowerCase());
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/pulls`);
        return { status: 200, body: items.map((p) => f.pullSimple(this.urls, p)), headers };
      }),
      R('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', 'pull-requests', ([o, r, n]) => {
        const p = this.pulls.find((x) => x.baseRepo === this.repo(o, r) && x.number === Number(n));
        return p
          ? {
              status: 200,
              body: {
                ...f.pullSimple(this.urls, p),
                merged: false,
                mergeable: null,
                rebaseable: null,
                mergeable_state: 'unknown',
                merged_by: null,
                comments: 0,
                review_comments: 0,
                maintainer_can_modify: false,
                commits: 1,
                additions: 1,
                deletions: 0,
                changed_files: 1,
              },
            }
          : this.notFound();
      }),
      R('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', 'contents', ([o, r, sha]) => {
        const repo = this.repo(o, r);
        if (!repo) return this.notFound();
        const list = this.pulls.filter(
          (p) => p.headSha === sha && (p.headRepo === repo || p.baseRepo === repo),
        );
        return { status: 200, body: list.map((p) => f.pullSimple(this.urls, p)) };
      }),
      R('GET', '/repos/{owner}/{repo}/compare/{basehead}', 'contents', ([o, r, bh]) => {
        const repo = this.repo(o, r);
        const m = /^(.+?)\.\.\.(.+)$/.exec(bh);
        if (!repo || !m) return this.notFound();
        const dir = this.opts.gitDir;
        const base = resolve(dir, m[1]);
        const head = resolve(dir, m[2]);
        if (!base || !head) return this.notFound();
        const mb = git(dir, ['merge-base', base, head]).trim();
        const ahead = Number(git(dir, ['rev-list', '--count', `${mb}..${head}`]).trim());
        const behind = Number(git(dir, ['rev-list', '--count', `${mb}..${base}`]).trim());
        const status = ahead && behind ? 'diverged' : ahead ? 'ahead' : behind ? 'behind' : 'identical';
        const commits = commitsBetween(dir, mb, head);
        const web = `${this.urls.web}/${repo.owner}/${repo.name}`;
        return {
          status: 200,
          body: {
            url: `${this.urls.api}/repos/${repo.owner}/${repo.name}/compare/${bh}`,
            html_url: `${web}/compare/${bh}`,
            permalink_url: `${web}/compare/${repo.owner}:${base.slice(0, 7)}...${repo.owner}:${head.slice(0, 7)}`,
            diff_url: `${web}/compare/${bh}.diff`,
            patch_url: `${web}/compare/${bh}.patch`,
            base_commit: this.commitObject(repo, base),
            merge_base_commit: this.commitObject(repo, mb),
            status,
            ahead_by: ahead,
            behind_by: behind,
            total_commits: commits.length,
            commits: commits.slice(0, 250).map((c) => this.commitObject(repo, c.sha)),
            files: this.diffEntries(repo, mb, head),
          },
        };
      }),
      R('GET', '/repos/{owner}/{repo}/commits', 'contents', ([o, r], q) => {
        const repo = this.repo(o, r);
        const sha = repo && resolve(this.opts.gitDir, q.get('sha') || repo.defaultBranch);
        if (!repo || !sha) return this.notFound();
        const perPage = Math.min(100, Number(q.get('per_page') ?? 30) || 30);
        const path = q.get('path');
        const out = git(this.opts.gitDir, [
          'log',
          '--format=%H',
          `-n${perPage}`,
          sha,
          ...(path ? ['--', path] : []),
        ]);
        return {
          status: 200,
          body: out
            .split('\n')
            .filter(Boolean)
            .map((c) => this.commitObject(repo, c)),
        };
      }),
      R('GET', '/repos/{owner}/{repo}/commits/{ref}', 'contents', ([o, r, ref]) => {
        const repo = this.repo(o, r);
        const sha = repo && resolve(this.opts.gitDir, ref);
        if (!repo || !sha) return this.notFound();
        const c = this.commitObject(repo, sha);
        const parent =
          c.parents[0]?.sha ?? git(this.opts.gitDir, ['hash-object', '-t', 'tree', '/dev/null']).trim();
        const files = this.diffEntries(repo, parent, sha);
        const additions = files.reduce((n, x) => n + x.additions, 0);
        const deletions = files.reduce((n, x) => n + x.deletions, 0);
        return {
          status: 200,
          body: { ...c, stats: { additions, deletions, total: additions + deletions }, files },
        };
      }),
      R('GET', '/repos/{owner}/{repo}/git/trees/{tree_sha}', 'contents', ([o, r, sha], q) => {
        const repo = this.repo(o, r);
        const tree = repo && resolve(this.opts.gitDir, sha);
        if (!repo || !tree) return this.notFound();
        const args = ['ls-tree', '-l', ...(q.get('recursive') ? ['-r'] : []), tree];
        const entries = git(this.opts.gitDir, args)
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((line) => {
            const [meta, path] = line.split('\t');
            const [mode, type, osha, size] = meta.split(/\s+/);
            return {
              path,
              mode,
              type,
              sha: osha,
              ...(type === 'blob' ? { size: Number(size) } : {}),
              url: `${this.urls.api}/repos/${o}/${r}/git/${type}s/${osha}`,
            };
          });
        return {
          status: 200,
          body: {
            sha: tree,
            url: `${this.urls.api}/repos/${o}/${r}/git/trees/${tree}`,
            tree: entries,
            truncated: false,
          },
        };
      }),
      R('GET', '/repos/{owner}/{repo}/git/blobs/{file_sha}', 'contents', ([o, r, sha]) => {
        const repo = this.repo(o, r);
        if (!repo || !/^[0-9a-f]{40}$/.test(sha)) return this.notFound();
        let type: string;
        try {
          type = git(this.opts.gitDir, ['cat-file', '-t', sha]).trim();
        } catch {
          return this.notFound();
        }
        if (type !== 'blob') return this.notFound();
        const bytes = execFileSync('git', ['cat-file', 'blob', sha], {
          cwd: this.opts.gitDir,
          maxBuffer: 64 * 1024 * 1024,
        });
        return {
          status: 200,
          body: {
            sha,
            node_id: `B_${sha.slice(0, 12)}`,
            size: bytes.length,
            url: `${this.urls.api}/repos/${o}/${r}/git/blobs/${sha}`,
            // GitHub wraps the base64 text at 60 characters
            content: (bytes.toString('base64').match(/.{1,60}/g) ?? []).join('\n') + '\n',
            encoding: 'base64',
          },
        };
      }),
      R('GET', '/repos/{owner}/{repo}', 'none', ([o, r]) => {
        const repo = this.repo(o, r);
        return repo ? { status: 200, body: f.fullRepo(this.urls, repo) } : this.notFound();
      }),
      R('GET', '/repos/{owner}/{repo}/contents/{path}', 'contents', ([o, r, path], q) => {
        const repo = this.repo(o, r);
        if (!repo || (q.get('ref') && q.get('ref') !== repo.defaultBranch)) return this.notFound();
        const text = this.contents.get(path);
        if (text === undefined) return this.notFound();
        const api = `${this.urls.api}/repos/${o}/${r}`;
        const sha = 'a'.repeat(40);
        return {
          status: 200,
          body: {
            type: 'file',
            encoding: 'base64',
            size: Buffer.byteLength(text),
            name: path.split('/').pop(),
            path,
            content: Buffer.from(text).toString('base64'),
            sha,
            url: `${api}/contents/${path}?ref=${repo.defaultBranch}`,
            git_url: `${api}/git/blobs/${sha}`,
            html_url: `${this.urls.web}/${o}/${r}/blob/${repo.defaultBranch}/${path}`,
            download_url: `${this.urls.web}/${o}/${r}/raw/${repo.defaultBranch}/${path}`,
            _links: {
              git: `${api}/git/blobs/${sha}`,
              self: `${api}/contents/${path}`,
              html: `${this.urls.web}/${o}/${r}/blob/${repo.defaultBranch}/${path}`,
            },
          },
        };
      }),
      // Every comment of the repository (issues and pull requests): since, sort=created|updated, direction.
      R('GET', '/repos/{owner}/{repo}/issues/comments', 'pull-requests', ([o, r], q) => {
        const repo = this.repo(o, r);
        if (!repo) return this.notFound();
        const key = q.get('sort') === 'updated' ? 'updatedAt' : 'createdAt';
        const since = q.get('since');
        let list = this.comments.filter((c) => !since || c.updatedAt >= since);
        list = [...list].sort((a, b) => a[key].localeCompare(b[key]) || a.id - b.id);
        if (q.get('direction') === 'desc') list.reverse();
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/issues/comments`);
        return { status: 200, body: items.map((c) => f.issueComment(this.urls, repo, c)), headers };
      }),
      R('GET', '/repos/{owner}/{repo}/issues', 'issues', ([o, r], q) => {
        const repo = this.repo(o, r);
        if (!repo) return this.notFound();
        const state = q.get('state') ?? 'open';
        const labels = (q.get('labels') ?? '').split(',').filter(Boolean);
        const list = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => labels.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.number - a.number);
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/issues`);
        return { status: 200, body: items.map((i) => f.issue(this.urls, repo, i)), headers };
      }),
      R('GET', '/repos/{owner}/{repo}/issues/{issue_number}/comments', 'pull-requests', ([o, r, n], q) => {
        const repo = this.repo(o, r);
        if (!repo) return this.notFound();
        const list = this.comments.filter((c) => c.issue === Number(n)).sort((a, b) => a.id - b.id);
        const { items, headers } = this.page(list, q, `/repos/${o}/${r}/issues/${n}/comments`);
        return { status: 200, body: items.map((c) => f.issueComment(this.urls, repo, c)), headers };
      }),
      R(
        'POST',
        '/repos/{owner}/{repo}/issues/{issue_number}/comments',
        'pull-requests',
        ([o, r, n], _q, body) => {
          const repo = this.repo(o, r);
          if (
            !repo ||
            (!this.pulls.some((p) => p.number === Number(n) && p.baseRepo === repo) &&
              !this.issues.some((i) => i.number === Number(n)))
          )
            return this.notFound();
          if (typeof body?.body !== 'string') return { status: 422, body: { message: 'Validation Failed' } };
          if (body.body.length > 65536)
            return {
              status: 422,
              body: {
                message: 'Validation Failed',
                errors: [{ message: 'Body is too long (maximum is 65536 characters)' }],
              },
            };
          const c = this.addComment(Number(n), 'github-actions[bot]', body.body);
          return { status: 201, body: f.issueComment(this.urls, repo, c) };
        },
      ),
      R(
        'PATCH',
        '/repos/{owner}/{repo}/issues/comments/{comment_id}',
        'pull-requests',
        ([o, r, id], _q, body) => {
          const repo = this.repo(o, r);
          const c = this.comments.find((x) => x.id === Number(id));
          if (!repo || !c) return this.notFound();
          if (typeof body?.body !== 'string' || body.body.length > 65536)
            return { status: 422, body: { message: 'Validation Failed' } };
          this.clock += 1000;
          c.body = body.body;
          c.updatedAt = new Date(this.clock).toISOString().replace(/\.\d+Z$/, 'Z');
          return { status: 200, body: f.issueComment(this.urls, repo, c) };
        },
      ),
      R('DELETE', '/repos/{owner}/{repo}/issues/comments/{comment_id}', 'pull-requests', ([, , id]) => {
        const i = this.comments.findIndex((x) => x.id === Number(id));
        if (i < 0) return this.notFound();
        this.comments.splice(i, 1);
        return { status: 204 };
      }),
      R('GET', '/user', 'none', () => ({
        status: 403,
        body: {
          message: 'Resource not accessible by integration',
          documentation_url: 'https://docs.github.com/rest',
        },
      })),
    ];
  }
}
