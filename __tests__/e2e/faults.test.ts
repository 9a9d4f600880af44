// Fault injection, end to end: the BUILT action (dist/index.js) runs as the runner runs it against the
// emulated GitHub, whose routes fail on demand (5xx, connection resets, rate limits, missing permissions,
// expired or missing logs, comment writes that fail after the server acted). Whatever happens: the action
// exits 0 with one correct comment, or 1 with one clear line; it never leaves two comments, never leaves
// none when one was due and the API recovered, and never leaks the token.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator, type Fault } from './emulator/server.js';
import * as f from './emulator/factories.js';
import { validateResponses } from './emulator/openapi.js';
import {
  addFeaturePull,
  buildProject,
  capture,
  failedJob,
  jobLog,
  passedJob,
  runAction,
  type ActionRun,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_faultTestToken0123456789abcdefABCDEF';
const MARKER = '<!-- ci-root-cause -->';
let project: Project;

beforeAll(() => {
  project = buildProject(mkdtempSync(join(tmpdir(), 'crc-faults-')));
});

interface World {
  emu: Emulator;
  base: f.RepoState;
}

const emus: Emulator[] = [];
async function world(deny?: ('actions' | 'contents' | 'pull-requests')[]): Promise<World> {
  const emu = new Emulator({ token: TOKEN, gitDir: project.dir, deny });
  await emu.start();
  emus.push(emu);
  return { emu, base: emu.addRepo('octo', 'demo') };
}

afterEach(async () => {
  const list = emus.splice(0);
  try {
    for (const emu of list) {
      expect(validateResponses(emu.responses)).toEqual([]);
      // The token never reaches the log storage host, and no request carries it anywhere but the header.
      for (const r of emu.requests.filter((x) => x.host === 'blob')) {
        expect(r.authorization).toBeUndefined();
        expect(JSON.stringify(r)).not.toContain(TOKEN);
      }
      for (const r of emu.apiRequests()) expect(r.path).not.toContain(TOKEN);
    }
  } finally {
    for (const emu of list) await emu.stop();
  }
});

function tscLog(start = '2026-11-20T10:00:00Z') {
  return jobLog({ start, command: 'npx tsc --noEmit', output: project.tscOutput, exitCode: 2 });
}

function scenario(w: World, extraJobs: f.JobState[] = []) {
  const pr = addFeaturePull(w.emu, project, w.base, { number: 7, title: 'Count characters' });
  const common = {
    workflowId: 55,
    event: 'pull_request',
    status: 'completed' as const,
    headBranch: 'feature',
    headRepo: w.base,
    repo: w.base,
    commitMessage: 'msg',
    pullRequests: [pr],
  };
  w.emu.addRun({
    ...common,
    id: 101,
    attempt: 1,
    conclusion: 'success',
    headSha: project.innocent,
    jobs: [passedJob(4001, 'build')],
  });
  const failing = w.emu.addRun({
    ...common,
    id: 102,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.culprit,
    jobs: [passedJob(5000, 'lint'), failedJob(5001, 'build', tscLog()), ...extraJobs],
  });
  return { pr, failing };
}

function event(w: World, run: f.RunState) {
  return {
    action: 'completed',
    workflow_run: f.workflowRun(w.emu.urls, run),
    workflow: { id: run.workflowId, name: run.name, path: run.path, state: 'active' },
    repository: f.fullRepo(w.emu.urls, w.base),
    sender: f.user(w.emu.urls, 'octo-dev', 501),
  };
}

async function act(
  w: World,
  run: f.RunState,
  env: Record<string, string> = {},
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  const res = await runAction({
    apiUrl: w.emu.urls.api,
    serverUrl: w.emu.server,
    repository: 'octo/demo',
    event: 'workflow_run',
    payload: event(w, run),
    inputs: {
      'github-token': TOKEN,
      comment: 'true',
      'max-suspects': '5',
      'max-log-mb': '32',
      'run-id': '',
      'pr-number': '',
      rules: '',
      ...inputs,
    },
    env,
  });
  // The token appears in nothing we print, write or output.
  expect(res.stdout + res.stderr + res.summary + JSON.stringify(res.outputs)).not.toContain(TOKEN);
  // No unhandled exception, nothing on stderr.
  expect(res.stderr).toBe('');
  expect(res.stdout).not.toContain('internal error');
  return res;
}

const ours = (w: World) => w.emu.comments.filter((c) => c.issue === 7 && c.body.includes(MARKER));
const hits = (w: World, template: string, method = 'GET') =>
  w.emu.apiRequests().filter((r) => r.template === template && r.method === method);
const errorLines = (r: ActionRun) => r.stdout.split('\n').filter((l) => l.startsWith('::error'));

/** The run analysed correctly: exit 0, ONE comment naming the job and the commit, the culprit suspected. */
function expectGood(w: World, res: ActionRun): string {
  expect(errorLines(res)).toEqual([]);
  expect(res.code).toBe(0);
  const mine = ours(w);
  expect(mine).toHaveLength(1);
  expect(mine[0].author).toBe('github-actions[bot]');
  const body = mine[0].body;
  expect(body).toContain('`build` › step 3 `Run npx tsc --noEmit`');
  expect(body).toContain(project.culprit.slice(0, 12));
  expect(body).toContain('src/total.ts');
  expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toContain('src/total.ts');
  expect(res.outputs['comment-url']).toContain(`#issuecomment-${mine[0].id}`);
  return body;
}

const ROUTES = {
  attempt: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}',
  jobs: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}/attempts/{attempt_number}/jobs',
  logs: 'GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs',
  compare: 'GET /repos/{owner}/{repo}/compare/{basehead}',
  greenRuns: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  comments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
  post: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
  patch: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
};
const template = (route: string) => route.slice(route.indexOf(' ') + 1);

describe('transient faults are retried: exit 0, one correct comment', () => {
  // The run itself comes from the workflow_run event: the first request is the jobs list.
  const GETS: [string, string][] = [
    ['the jobs', ROUTES.jobs],
    ['the job log', ROUTES.logs],
    ['the green runs', ROUTES.greenRuns],
    ['the compare', ROUTES.compare],
    ['the comments list', ROUTES.comments],
  ];

  test('every GET route answers 5xx twice, then succeeds', async () => {
    const w = await world();
    const { failing } = scenario(w);
    const statuses = [503, 500, 504, 502, 503];
    GETS.forEach(([, route], i) => w.emu.fault({ route, status: statuses[i], times: 2 }));
    const res = await act(w, failing);
    expectGood(w, res);
    GETS.forEach(([name, route], i) => {
      const tries = hits(w, template(route)).map((r) => r.status);
      expect([name, tries.slice(0, 2)]).toEqual([name, [statuses[i], statuses[i]]]);
      expect([name, tries[2] < 400]).toEqual([name, true]);
    });
  });

  test('the connection of every GET route is reset once, then it answers', async () => {
    const w = await world();
    const { failing } = scenario(w);
    for (const [, route] of GETS) w.emu.fault({ route, reset: true, times: 1 });
    const res = await act(w, failing);
    expectGood(w, res);
    for (const [name, route] of GETS) {
      const tries = hits(w, template(route)).map((r) => r.status);
      expect([name, tries[0], tries[1] < 400]).toEqual([name, -1, true]);
    }
  });

  test('slow answers (300 ms on the first reads) still complete', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: /^GET /, delayMs: 300, times: 4 });
    expectGood(w, await act(w, failing));
  });
});

describe('rate limits are honoured', () => {
  // The real back-off base (1 s) so the waits can be measured: retry-after and the reset time are small.
  const realBackoff = { CI_ROOT_CAUSE_RETRY_BASE_MS: '1000' };

  test.each([403, 429])(
    'primary limit (%i, x-ratelimit-remaining: 0): waits for x-ratelimit-reset, then succeeds',
    async (status) => {
      const w = await world();
      const { failing } = scenario(w);
      const reset = Math.floor(Date.now() / 1000) + 1;
      w.emu.fault({
        route: ROUTES.compare,
        status,
        times: 1,
        headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(reset) },
        body: {
          message: 'API rate limit exceeded for installation ID 1.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
        },
      });
      const res = await act(w, failing, realBackoff);
      expectGood(w, res);
      const [limited, next] = hits(w, template(ROUTES.compare));
      expect(limited.status).toBe(status);
      // Not before the reset time.
      expect(next.at).toBeGreaterThanOrEqual(reset * 1000);
      expect(res.stdout).toMatch(
        /::warning::GitHub API rate limit reached on GET .*compare.*; retry in \d+s/,
      );
    },
  );

  test('secondary limit (403, retry-after: 1): waits a second, then succeeds', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({
      route: ROUTES.jobs,
      status: 403,
      times: 1,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    });
    const res = await act(w, failing, realBackoff);
    expectGood(w, res);
    const [limited, next] = hits(w, template(ROUTES.jobs));
    expect(limited.status).toBe(403);
    expect(next.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(res.stdout).toMatch(/::warning::GitHub API secondary rate limit on GET .*jobs.*; retry in 1s/);
  });

  test('secondary limit on the comment POST: the comment is posted once', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({
      route: ROUTES.post,
      status: 403,
      times: 1,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    expectGood(w, await act(w, failing));
  });

  test('a primary limit that resets in an hour: one clear line, no endless wait', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({
      route: ROUTES.jobs,
      status: 403,
      headers: {
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      },
      body: { message: 'API rate limit exceeded for installation ID 1.' },
    });
    const started = Date.now();
    const res = await act(w, failing);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      expect.stringMatching(/rate limit exhausted .*run 102.*try again later/),
    ]);
    expect(w.emu.comments).toHaveLength(0);
  });
});

describe('permissions and missing things: one clear line', () => {
  test('401 on the first request: the token is named, no comment', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.jobs, status: 401, body: { message: 'Bad credentials' } });
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      expect.stringMatching(/GitHub rejected the token \(401\).*github-token/),
    ]);
    expect(hits(w, template(ROUTES.jobs))).toHaveLength(1);
    expect(hits(w, template(ROUTES.attempt))).toHaveLength(0);
    expect(w.emu.comments).toHaveLength(0);
  });

  test.each([
    ['actions', '`actions: read`'],
    ['contents', '`contents: read`'],
    ['pull-requests', '`pull-requests: write`'],
  ] as const)('the token lacks %s: one line naming %s, no comment', async (perm, named) => {
    const w = await world([perm]);
    const { failing } = scenario(w);
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    const errors = errorLines(res);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Permission missing (403)');
    expect(errors[0]).toContain(named);
    expect(w.emu.comments).toHaveLength(0);
  });

  test('403 on the comment POST alone: one line naming pull-requests: write, no retry storm', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({
      route: ROUTES.post,
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      expect.stringMatching(/Permission missing \(403\).*`pull-requests: write`/),
    ]);
    expect(hits(w, template(ROUTES.post), 'POST')).toHaveLength(1);
    expect(w.emu.comments).toHaveLength(0);
  });

  test('404 on the run (its jobs): a clear error', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.jobs, status: 404, body: { message: 'Not Found' } });
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      expect.stringMatching(/Run 102 attempt 1 was not found in octo\/demo \(404\)/),
    ]);
    expect(w.emu.comments).toHaveLength(0);
  });

  test('a 5xx that never ends: one clear line naming the call, no comment', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.compare, status: 503 });
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    const errors = errorLines(res);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/503/);
    expect(errors[0]).toMatch(/compare/);
    // Retried with back-off, then given up (1 try + 3 retries).
    expect(hits(w, template(ROUTES.compare))).toHaveLength(4);
    expect(w.emu.comments).toHaveLength(0);
  });
});

describe('missing logs', () => {
  test('410: the only failed job log expired: the comment says so and analyses the change set', async () => {
    const w = await world();
    const { failing } = scenario(w);
    failing.jobs[1].logStatus = 410;
    const res = await act(w, failing);
    expect(res.code).toBe(0);
    const mine = ours(w);
    expect(mine).toHaveLength(1);
    const body = mine[0].body;
    expect(body).toContain('`build` › step 3 `Run npx tsc --noEmit` (log expired)');
    expect(body).toMatch(/The log of job 'build' has expired/);
    // What remains is analysed: the range (1 commit, 2 files) is there.
    expect(body).toMatch(
      /#### Range analysed\n\n\w+ \(last green run 101\) → \w+ · 1 commit · 2 files changed/,
    );
    const report = JSON.parse(res.outputs.report);
    expect(report.findings).toEqual([]);
    expect(report.source.jobs[0].logMissing).toBe('expired');
  });

  test('one job log missing (404) of three: the others analysed, the missing one named', async () => {
    const w = await world();
    const other = failedJob(5003, 'build (node 22)', tscLog('2026-11-20T10:05:00Z'));
    const lost = failedJob(5002, 'lost job', tscLog('2026-11-20T10:03:00Z'));
    lost.log = undefined;
    const { failing } = scenario(w, [lost, other]);
    const res = await act(w, failing);
    expect(res.code).toBe(0);
    const body = ours(w)[0].body;
    expect(ours(w)).toHaveLength(1);
    expect(body).toContain('`lost job` › step 3 `Run npx tsc --noEmit` (log unavailable)');
    expect(body).toMatch(/The log of job 'lost job' could not be read/);
    const report = JSON.parse(res.outputs.report);
    expect(report.source.jobs.map((j: { id: number }) => j.id)).toEqual([5001, 5002, 5003]);
    const located = report.findings.filter((x: { file?: string }) => x.file === 'src/total.ts');
    expect(located.length).toBeGreaterThan(0);
    expect(JSON.parse(res.outputs.suspects)[0]).toBe('src/total.ts');
  });

  test('the log storage host fails once: a fresh URL is asked for and the log read', async () => {
    const w = await world();
    const { failing } = scenario(w);
    // The API itself answers, but its first redirect points at an expired signature.
    w.emu.fault({
      route: ROUTES.logs,
      status: 302,
      times: 1,
      headers: { location: `${w.emu.blobUrl}/logs/5001.txt?sig=expired` },
      body: '',
    });
    const res = await act(w, failing);
    expectGood(w, res);
    expect(w.emu.requests.filter((r) => r.host === 'blob').map((r) => r.status)).toEqual([403, 200]);
  });
});

describe('comment writes: never two, never none', () => {
  test('the POST answers 502 twice without creating: retried, exactly one comment', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.post, status: 502, times: 2 });
    expectGood(w, await act(w, failing));
    expect(hits(w, template(ROUTES.post), 'POST').map((r) => r.status)).toEqual([502, 502, 201]);
  });

  test.each([
    ['a 502', { status: 502 }],
    ['a connection reset', { reset: true }],
    ['a 504 after a slow answer', { status: 504, delayMs: 200 }],
  ] as [string, Partial<Fault>][])(
    'the server CREATES the comment but the client sees %s: still exactly one comment',
    async (_name, fault) => {
      const w = await world();
      const { failing } = scenario(w);
      w.emu.fault({ route: ROUTES.post, times: 1, after: true, ...fault });
      const res = await act(w, failing);
      const body = expectGood(w, res);
      expect(body).toContain('run 102');
    },
  );

  test('every POST creates the comment and then fails: still one comment (or a clear failure)', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.post, after: true, status: 502 });
    const res = await act(w, failing);
    expect(ours(w)).toHaveLength(1);
    expect(res.code).toBe(0);
    // One POST: the list after its lost answer found the comment.
    expect(hits(w, template(ROUTES.post), 'POST')).toHaveLength(1);
  });

  test('the PATCH of the existing comment fails twice: retried, the one comment updated', async () => {
    const w = await world();
    const { failing } = scenario(w);
    const old = w.emu.addComment(
      7,
      'github-actions[bot]',
      `${MARKER}\n<!-- ci-root-cause:workflow 55 -->\nan older diagnosis`,
    );
    w.emu.fault({ route: ROUTES.patch, status: 502, times: 2 });
    const res = await act(w, failing);
    const body = expectGood(w, res);
    expect(ours(w)[0].id).toBe(old.id);
    expect(body).not.toContain('an older diagnosis');
    expect(hits(w, template(ROUTES.patch), 'PATCH').map((r) => r.status)).toEqual([502, 502, 200]);
  });

  test('the PATCH is applied but its answer is lost: the comment is still the one, with the new body', async () => {
    const w = await world();
    const { failing } = scenario(w);
    const old = w.emu.addComment(
      7,
      'github-actions[bot]',
      `${MARKER}\n<!-- ci-root-cause:workflow 55 -->\nan older diagnosis`,
    );
    w.emu.fault({ route: ROUTES.patch, reset: true, after: true, times: 1 });
    expectGood(w, await act(w, failing));
    expect(ours(w)[0].id).toBe(old.id);
  });

  test('the PATCH fails for good: one clear line, the old comment kept (not deleted, not duplicated)', async () => {
    const w = await world();
    const { failing } = scenario(w);
    const old = w.emu.addComment(
      7,
      'github-actions[bot]',
      `${MARKER}\n<!-- ci-root-cause:workflow 55 -->\nan older diagnosis`,
    );
    w.emu.fault({ route: ROUTES.patch, status: 500 });
    const res = await act(w, failing);
    expect(res.code).toBe(1);
    expect(errorLines(res)).toHaveLength(1);
    expect(errorLines(res)[0]).toMatch(/500/);
    expect(ours(w).map((c) => c.id)).toEqual([old.id]);
  });
});

describe('a hostile API or log costs at most the budget (issue 16)', () => {
  test('row 7: a Link rel="next" pointing back to itself on the jobs and the comments: 2 requests per listing', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.jobs, link: 'self' });
    w.emu.fault({ route: ROUTES.comments, link: 'self' });
    const res = await act(w, failing);
    const body = expectGood(w, res);
    expect(hits(w, template(ROUTES.jobs))).toHaveLength(2);
    // each listing of the comments (before posting, and again after) stops at its second page
    const lists = hits(w, template(ROUTES.comments)).length;
    expect(lists % 2).toBe(0);
    expect(lists).toBeLessThanOrEqual(4);
    expect(body).toContain("The jobs of run 102: the server's next page pointed back to a page already read");
    expect(w.emu.apiRequests().length).toBeLessThan(20);
  });

  test('row 7: a next page that never ends: the jobs are listed from MAX_PAGES pages, each job once', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.jobs, link: 'endless' });
    const res = await act(w, failing);
    const body = expectGood(w, res);
    expect(hits(w, template(ROUTES.jobs))).toHaveLength(20);
    expect(body).toContain('The jobs of run 102: only the first 20 pages were read');
    expect(w.emu.apiRequests().length).toBeLessThan(40);
  });

  test('row 1: a job log of 8 lines of 65,000 digits (a real run of a script) is read in seconds', async () => {
    const w = await world();
    const printed = capture(
      process.execPath,
      ['-e', "for (let i = 0; i < 8; i++) console.log('1'.repeat(65000)); process.exit(1)"],
      project.dir,
    );
    expect(printed.code).toBe(1);
    const hostile = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: 'node digits.js',
      output: printed.output,
      exitCode: 1,
    });
    const { failing } = scenario(w, [failedJob(5002, 'digits', hostile)]);
    const started = Date.now();
    const res = await act(w, failing);
    const took = Date.now() - started;
    expectGood(w, res);
    // before: 61 s (6-11 s per line in the eslint and clojure triggers); the action starts in ~1 s
    expect(took).toBeLessThan(20_000);
  });

  test('the deadline: logs that arrive after it are not read, the comment says so, the job ends', async () => {
    const w = await world();
    const { failing } = scenario(w);
    w.emu.fault({ route: ROUTES.logs, delayMs: 2500, times: 1 });
    const res = await act(w, failing, {}, { 'deadline-seconds': '1' });
    expect(errorLines(res)).toEqual([]);
    expect(res.code).toBe(0);
    const mine = ours(w);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain('The analysis reached its deadline (1 s): the log was read up to line 0');
  });

  test('a deadline that is not a number: one clear line', async () => {
    const w = await world();
    const { failing } = scenario(w);
    const res = await act(w, failing, {}, { 'deadline-seconds': 'soon' });
    expect(res.code).toBe(1);
    expect(errorLines(res)).toEqual([
      expect.stringContaining("the deadline-seconds input must be a number of seconds (0: none), not 'soon'"),
    ]);
  });
});
