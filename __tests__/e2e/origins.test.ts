// End-to-end, one scenario per verdict origin: the BUILT action against the emulator, each failing log the
// real output of a real command (tsc, node --test, a real OOM, a real SIGKILL, curl against a real socket
// that resets or answers 429), framed as the runner frames a job log. Each test asserts the origin AND the
// evidence the posted comment gives for it, and that the analysis stays within its request budget.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import * as f from './emulator/factories.js';
import { validateResponses } from './emulator/openapi.js';
import {
  addFeaturePull,
  workflowRunEvent,
  branchCommit,
  buildProject,
  capture,
  captureAt,
  expectWithinBudget,
  failedJob,
  failedJobsOf,
  jobLog,
  passedJob,
  requestBudget,
  runAction,
  tscAt,
  type ActionRun,
  type BuiltLog,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_e2eOriginsToken0123456789abcdefABCD';
const counts: Record<string, { requests: number; budget: number }> = {};
let project: Project;
/** `docs` branch on top of the culprit (main is broken there): its real tsc output. */
let docsSha: string;
let docsTsc: string;
/** `timing` branch: a commit adding a deadline test, then a docs-only commit; the test's real failure. */
let testSha: string;
let timingDocsSha: string;
let deadlineOutput: string;

const DEADLINE_TEST = `import test from 'node:test';
import assert from 'node:assert/strict';

// Waits for a simulated upstream answer and checks it came within the deadline.
test('answers within the deadline', async () => {
  const start = Date.now();
  await new Promise((resolve) => setTimeout(resolve, 40));
  const took = Date.now() - start;
  assert.ok(took < 25, \`took \${took} ms, deadline 25 ms\`);
});
`;

beforeAll(() => {
  const root = mkdtempSync(join(tmpdir(), 'crc-origins-'));
  project = buildProject(root);
  docsSha = branchCommit(project.dir, 'docs', project.culprit, 'docs: usage', {
    'docs/usage.md': '# Usage\n\nCall `formatName(first, last)`.\n',
  });
  docsTsc = tscAt(project.dir, docsSha);
  testSha = branchCommit(project.dir, 'timing', project.green, 'test: answer within the deadline', {
    'test/deadline.test.mjs': DEADLINE_TEST,
  });
  timingDocsSha = branchCommit(project.dir, 'timing', testSha, 'docs: mention the deadline', {
    'README.md': '# demo\n\nA small project. Upstream answers must come within 25 ms.\n',
  });
  const run = captureAt(project.dir, timingDocsSha, process.execPath, [
    '--test',
    '--test-reporter=spec',
    'test/deadline.test.mjs',
  ]);
  if (run.code === 0) throw new Error('the deadline test unexpectedly passed');
  deadlineOutput = run.output;
});

afterAll(() => {
  const file = join(tmpdir(), 'ci-root-cause-e2e-origins-requests.json');
  writeFileSync(file, JSON.stringify(counts, null, 2));
  console.log(
    `API requests per analysis (budget in brackets; also in ${file}):\n` +
      Object.entries(counts)
        .map(([k, v]) => `  ${v.requests} [${v.budget}]\t${k}`)
        .join('\n'),
  );
});

interface World {
  emu: Emulator;
  base: f.RepoState;
}

const emus: Emulator[] = [];
async function world(): Promise<World> {
  const emu = new Emulator({ token: TOKEN, gitDir: project.dir });
  await emu.start();
  emus.push(emu);
  return { emu, base: emu.addRepo('octo', 'demo') };
}

afterEach(async () => {
  const list = emus.splice(0);
  try {
    for (const emu of list) expect(validateResponses(emu.responses)).toEqual([]);
  } finally {
    for (const emu of list) await emu.stop();
  }
});

async function act(
  w: World,
  label: string,
  run: f.RunState,
  opts: { event?: string; payload?: unknown; inputs?: Record<string, string> } = {},
): Promise<ActionRun> {
  const from = w.emu.requests.length;
  const res = await runAction({
    apiUrl: w.emu.urls.api,
    serverUrl: w.emu.server,
    repository: 'octo/demo',
    event: opts.event ?? 'workflow_run',
    payload: opts.payload ?? workflowRunEvent(w, run),
    inputs: { 'github-token': TOKEN, comment: 'true', ...opts.inputs },
  });
  const requests = w.emu.apiRequests(from).length;
  const failed = failedJobsOf(run.pastAttempts?.find((a) => a.conclusion === 'failure') ?? run);
  counts[label] = { requests, budget: requestBudget(failed) };
  expectWithinBudget(label, requests, failed);
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return res;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const reportOf = (r: ActionRun): any => JSON.parse(r.outputs.report);
const commentOn = (w: World, pr: number): string => {
  const mine = w.emu.comments.filter((c) => c.issue === pr && c.author === 'github-actions[bot]');
  expect(mine).toHaveLength(1);
  return mine[0].body;
};
const runUrl = (w: World, id: number, attempt = 1) =>
  `${w.emu.server}/octo/demo/actions/runs/${id}/attempts/${attempt}`;

const common = (w: World) => ({
  workflowId: 55,
  status: 'completed' as const,
  headRepo: w.base,
  repo: w.base,
  commitMessage: 'm',
});

/** A pull request from a branch of this repository into main, opened by octo-dev. */
function branchPull(
  w: World,
  pr: { number: number; title: string; headRef: string; headSha: string; baseSha: string },
) {
  return w.emu.addPull({
    ...pr,
    state: 'open',
    headRepo: w.base,
    baseRef: 'main',
    baseRepo: w.base,
    author: 'octo-dev',
  });
}

/** The job log of the failing deadline test (the real `node --test` output captured in beforeAll). */
function deadlineLog() {
  return jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'node --test --test-reporter=spec test/deadline.test.mjs',
    output: deadlineOutput,
    exitCode: 1,
  });
}

/** A first attempt of a run on the `timing` branch (the deadline test's branch). */
function timingRun(
  w: World,
  run: Omit<Parameters<Emulator['addRun']>[0], keyof ReturnType<typeof common> | 'attempt' | 'headBranch'>,
) {
  return w.emu.addRun({ ...common(w), attempt: 1, headBranch: 'timing', ...run });
}

/** A completed push run of the workflow on `main`. */
function mainRun(w: World, id: number, sha: string, job: f.JobState) {
  return w.emu.addRun({
    ...common(w),
    id,
    attempt: 1,
    event: 'push',
    headBranch: 'main',
    conclusion: job.conclusion === 'success' ? 'success' : 'failure',
    headSha: sha,
    pullRequests: [],
    jobs: [job],
  });
}

function tscLog(output: string, start = '2026-11-20T10:00:00Z'): BuiltLog {
  return jobLog({ start, command: 'npx tsc --noEmit', output, exitCode: 2, setup: ['npm ci'] });
}

describe('each verdict origin, with its evidence in the posted comment', () => {
  test('caused by this change: the culprit is the suspect, and the base branch passes', async () => {
    const w = await world();
    mainRun(w, 100, project.green, passedJob(1000, 'build'));
    const pr = addFeaturePull(w.emu, project, w.base, { number: 7, title: 'Count characters' });
    w.emu.addRun({
      ...common(w),
      id: 101,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'feature',
      conclusion: 'success',
      headSha: project.innocent,
      pullRequests: [pr],
      jobs: [passedJob(1010, 'build')],
    });
    const failing = w.emu.addRun({
      ...common(w),
      id: 102,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'feature',
      conclusion: 'failure',
      headSha: project.culprit,
      pullRequests: [pr],
      jobs: [failedJob(1020, 'build', tscLog(project.tscOutput))],
    });
    const res = await act(w, 'caused by this change (base passes)', failing);
    expect(res.outputs.verdict).toBe('caused-by-change');
    expect(JSON.parse(res.outputs.suspects)[0]).toBe('src/total.ts');
    const body = commentOn(w, 7);
    expect(body).toMatch(/\*\*(?:Likely c|C)aused by this change\*\*/);
    expect(body).toContain('#### Evidence');
    expect(body).toContain(
      `The latest run on the base branch \`main\`, [run 100, attempt 1](${runUrl(w, 100)}), passed.`,
    );
    expect(reportOf(res).history).toMatchObject({
      base: { branch: 'main', run: 100, conclusion: 'success' },
      green: { run: 101, sha: project.innocent },
    });
  });

  test('failing on the base branch too: the same tsc error in the latest run on main, linked', async () => {
    const w = await world();
    // main already has the culprit: its latest run fails with the same error.
    mainRun(w, 200, project.culprit, failedJob(2000, 'build', tscLog(project.tscOutput)));
    const pr = branchPull(w, {
      number: 11,
      title: 'Document the usage',
      headRef: 'docs',
      headSha: docsSha,
      baseSha: project.culprit,
    });
    const failing = w.emu.addRun({
      ...common(w),
      id: 201,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'docs',
      conclusion: 'failure',
      headSha: docsSha,
      pullRequests: [pr],
      jobs: [passedJob(2010, 'lint'), failedJob(2011, 'build', tscLog(docsTsc, '2026-11-20T11:00:00Z'))],
    });
    const res = await act(w, 'failing on the base branch too', failing);
    expect(res.outputs.verdict).toBe('base-broken');
    const body = commentOn(w, 11);
    expect(body).toContain('**Failing on the base branch too**');
    expect(body).toContain('fails on the base branch too: not caused by this change');
    expect(body).toContain(
      `The latest run of this workflow on the base branch \`main\`, [run 200, attempt 1](${runUrl(w, 200)}), fails too in job \`build\`, with the same error:`,
    );
    expect(body).toMatch(/```text\n\s*Type 'number' is not assignable to type 'string'\.\n\s*```/);
    expect(reportOf(res).history.base).toMatchObject({
      branch: 'main',
      run: 200,
      conclusion: 'failure',
      job: { id: 2000, name: 'build' },
      matched: { tool: 'tsc', code: 'TS2322' },
    });
    // Exactly one more job list and one more log than a plain analysis: the base run's failed job.
    const logs = w.emu.apiRequests().filter((r) => r.template?.endsWith('/logs'));
    expect(logs.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/repos/octo/demo/actions/jobs/2011/logs',
        '/repos/octo/demo/actions/jobs/2000/logs',
      ]),
    );
  });

  test('the base-branch check can be turned off (base-branch-check: false)', async () => {
    const w = await world();
    mainRun(w, 210, project.culprit, failedJob(2100, 'build', tscLog(project.tscOutput)));
    const pr = branchPull(w, {
      number: 12,
      title: 'Document the usage',
      headRef: 'docs',
      headSha: docsSha,
      baseSha: project.culprit,
    });
    const failing = w.emu.addRun({
      ...common(w),
      id: 211,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'docs',
      conclusion: 'failure',
      headSha: docsSha,
      pullRequests: [pr],
      jobs: [failedJob(2111, 'build', tscLog(docsTsc))],
    });
    const res = await act(w, 'base-branch check disabled', failing, {
      inputs: { 'base-branch-check': 'false' },
    });
    expect(res.outputs.verdict).not.toBe('base-broken');
    expect(reportOf(res).history.baseSkipped).toBe('the base-branch check is disabled');
    expect(w.emu.apiRequests().some((r) => r.path === '/repos/octo/demo/actions/jobs/2100/logs')).toBe(false);
  });

  test('flaky: the same commit passed in another run of the workflow (no extra request)', async () => {
    const w = await world();
    const pr = branchPull(w, {
      number: 13,
      title: 'Deadline test',
      headRef: 'timing',
      headSha: timingDocsSha,
      baseSha: project.green,
    });
    timingRun(w, {
      id: 300,
      event: 'push',
      conclusion: 'success',
      headSha: timingDocsSha,
      pullRequests: [],
      jobs: [passedJob(3000, 'test')],
    });
    const built = deadlineLog();
    const failing = timingRun(w, {
      id: 301,
      event: 'pull_request',
      conclusion: 'failure',
      headSha: timingDocsSha,
      pullRequests: [pr],
      jobs: [failedJob(3010, 'test', built)],
    });
    const res = await act(w, 'flaky: same commit passed in another run', failing);
    expect(res.outputs.verdict).toBe('flaky');
    const body = commentOn(w, 13);
    expect(body).toContain('**Flaky**');
    expect(body).toContain('flaky: the same commit passed in another attempt');
    expect(body).toContain(
      `The same commit \`${timingDocsSha.slice(0, 7)}\` passed in [run 300, attempt 1](${runUrl(w, 300)}).`,
    );
    expect(reportOf(res).history.passed).toEqual({ run: 300, attempt: 1, via: 'run' });
  });

  test('flaky: an earlier attempt failed and the re-run passed (analysed by URL of attempt 1)', async () => {
    const w = await world();
    const pr = branchPull(w, {
      number: 14,
      title: 'Deadline test',
      headRef: 'timing',
      headSha: timingDocsSha,
      baseSha: project.green,
    });
    const built = deadlineLog();
    const rerun = w.emu.addRun({
      ...common(w),
      id: 400,
      attempt: 2,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'success',
      headSha: timingDocsSha,
      pullRequests: [pr],
      jobs: [passedJob(4002, 'test')],
      pastAttempts: [{ attempt: 1, conclusion: 'failure', jobs: [failedJob(4001, 'test', built)] }],
    });
    const url = `${w.emu.server}/octo/demo/actions/runs/400/attempts/1`;
    const res = await act(w, 'flaky: attempt 1 failed, attempt 2 passed', rerun, {
      event: 'workflow_dispatch',
      payload: { inputs: { 'run-id': url }, repository: f.fullRepo(w.emu.urls, w.base) },
      inputs: { 'run-id': url },
    });
    expect(res.outputs.verdict).toBe('flaky');
    const body = commentOn(w, 14);
    expect(body).toContain('attempt 1');
    expect(body).toContain(
      `The same commit \`${timingDocsSha.slice(0, 7)}\` passed in [run 400, attempt 2](${runUrl(w, 400, 2)}) (another attempt of this run).`,
    );
  });

  test('not flaky: a failing test that passed on the last green commit, with a range that only touches docs, is a cause unknown', async () => {
    const w = await world();
    const pr = branchPull(w, {
      number: 15,
      title: 'Deadline test',
      headRef: 'timing',
      headSha: timingDocsSha,
      baseSha: project.green,
    });
    timingRun(w, {
      id: 500,
      event: 'pull_request',
      conclusion: 'success',
      headSha: testSha,
      pullRequests: [],
      jobs: [passedJob(5000, 'test')],
    });
    const built = deadlineLog();
    const failing = timingRun(w, {
      id: 501,
      event: 'pull_request',
      conclusion: 'failure',
      headSha: timingDocsSha,
      pullRequests: [pr],
      jobs: [failedJob(5010, 'test', built)],
    });
    const res = await act(w, 'not flaky: test passed on the last green commit', failing);
    // every regression passed on the last green commit: that is no evidence of flakiness
    expect(res.outputs.verdict).toBe('unknown');
    expect(JSON.parse(res.outputs.suspects)).toEqual([]);
    const body = commentOn(w, 15);
    expect(body).not.toMatch(/flaky/i);
    expect(body).toMatch(/nothing in the range relates to it/i);
  });

  // Infrastructure: real failures of real processes. Only the runner's own time-limit and cancellation
  // lines (the last case) cannot come from a command: they are framed as the runner writes them.
  // the server is up before curl runs (a fixed sleep lost the race on a loaded machine: "Connection refused");
  // the probe's own connection prints nothing. The resetting server waits for the request before it resets:
  // a reset straight after accept raced curl's connect (about 1 run in 20: "Couldn't connect to server").
  // Ports below 32768 stay out of Linux's ephemeral range, where other tests' servers listen.
  const WAIT_PORT =
    'for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done;';
  const INFRA: {
    name: string;
    script: string;
    expected: RegExp;
    evidence: RegExp;
    runnerEnd?: string[];
  }[] = [
    {
      name: 'out of memory (a real V8 heap limit)',
      script: 'node --max-old-space-size=16 -e "const a = []; for (;;) a.push(new Array(1e5).fill(0))"',
      expected: /JavaScript heap out of memory/,
      evidence: /Reached heap limit|JavaScript heap out of memory/,
    },
    {
      name: 'killed (a real SIGKILL from timeout)',
      script: 'timeout -s KILL 1 node -e "setInterval(() => console.log(\'still indexing\'), 300)"',
      expected: /killed/i,
      evidence: /Process completed with exit code 137|Exit code 137: the process was killed/,
    },
    {
      name: 'network reset (curl against a socket that resets)',
      script:
        "port=$((20000 + RANDOM % 12000)); timeout 3 node -e \"require('net').createServer((s) => s.on('error', () => {}).once('data', () => s.resetAndDestroy())).listen(process.argv[1])\" $port & " +
        WAIT_PORT +
        ' curl -sS http://127.0.0.1:$port/health',
      expected: /Network connection reset/,
      evidence: /Connection reset by peer/,
    },
    {
      name: 'rate limit (a real 429 answer)',
      script:
        "port=$((20000 + RANDOM % 12000)); timeout 3 node -e \"require('http').createServer((q, s) => { s.writeHead(429, 'Too Many Requests'); s.end(); }).listen(process.argv[1])\" $port & " +
        WAIT_PORT +
        ' curl -sSfi http://127.0.0.1:$port/api/packages',
      expected: /Rate limit exceeded/,
      evidence: /429 Too Many Requests/,
    },
    {
      name: 'time limit reached and the job cancelled by the runner',
      script:
        'timeout 2 bash -c "while :; do echo waiting for the database on 127.0.0.1:5432; sleep 0.4; done"',
      runnerEnd: [
        '##[error]The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 1 minutes.',
        '##[error]The operation was canceled.',
      ],
      expected: /infrastructure: the job ran out of time \(/,
      evidence: /has exceeded the maximum execution time/,
    },
  ];

  test.each(INFRA)('infrastructure: $name', async (c) => {
    const w = await world();
    const out = capture('bash', ['-c', c.script], project.dir);
    expect(out.code).not.toBe(0);
    const built = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: c.script.split('\n')[0],
      output: out.output || '\n',
      exitCode: out.code,
      runnerEnd: c.runnerEnd,
    });
    // the real command printed what the case is about (else the failure below would only say "unknown")
    expect(built.log).toMatch(c.evidence);
    mainRun(w, 600, project.green, passedJob(6000, 'build'));
    const pr = addFeaturePull(w.emu, project, w.base, { number: 16, title: 'Count characters' });
    const failing = w.emu.addRun({
      ...common(w),
      id: 601,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'feature',
      conclusion: 'failure',
      headSha: project.culprit,
      pullRequests: [pr],
      jobs: [failedJob(6010, 'build', built)],
    });
    const res = await act(w, `infrastructure: ${c.name}`, failing);
    expect(res.outputs.verdict).toBe('infrastructure');
    const body = commentOn(w, 16);
    expect(body).toContain('**Infrastructure failure**');
    expect(body).toMatch(c.expected);
    expect(body).toContain(
      'The log shows an infrastructure failure (runner, machine or network) and no test or build error:',
    );
    const evidence = body.slice(body.indexOf('#### Evidence'));
    expect(evidence.slice(0, evidence.indexOf('\n####'))).toMatch(c.evidence);
  });

  test('unknown: a step that fails without a word, no related change, base green — the comment says so', async () => {
    const w = await world();
    const script = 'test -f dist/bundle.js';
    const out = capture('bash', ['-c', script], project.dir);
    expect(out.code).toBe(1);
    const built = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: script,
      output: out.output || '\n',
      exitCode: 1,
    });
    mainRun(w, 700, project.green, passedJob(7000, 'build'));
    const pr = branchPull(w, {
      number: 17,
      title: 'Document the deadline',
      headRef: 'timing',
      headSha: timingDocsSha,
      baseSha: project.green,
    });
    timingRun(w, {
      id: 701,
      event: 'pull_request',
      conclusion: 'success',
      headSha: testSha,
      pullRequests: [],
      jobs: [passedJob(7010, 'build')],
    });
    const failing = timingRun(w, {
      id: 702,
      event: 'pull_request',
      conclusion: 'failure',
      headSha: timingDocsSha,
      pullRequests: [pr],
      jobs: [failedJob(7020, 'build', built)],
    });
    const res = await act(w, 'unknown: no evidence', failing);
    expect(res.outputs.verdict).toBe('unknown');
    const body = commentOn(w, 17);
    expect(body).toContain('**Cause unknown**');
    expect(body).toContain('No evidence points to a cause, so none is guessed:');
    expect(body).toContain('no other attempt or run passed on this commit');
    expect(body).toContain(
      `The latest run on the base branch \`main\`, [run 700, attempt 1](${runUrl(w, 700)}), passed.`,
    );
    expect(body).not.toMatch(/caused by|Flaky|Infrastructure/);
  });
});
