// End-to-end, failure memory (issue 18): the BUILT action against the emulator, the failing logs the
// real output of real commands (tsc, node --test). A broken base branch "since run N", a failure seen on
// another pull request that passed there on a re-run (flaky, linked), "first seen here", and a known
// issue (labelled issue with a ci-root-cause block) with its hit table. Request counts are printed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import * as f from './emulator/factories.js';
import { validateResponses } from './emulator/openapi.js';
import {
  branchCommit,
  buildProject,
  captureAt,
  expectWithinBudget,
  failedJob,
  failedJobsOf,
  jobLog,
  passedJob,
  requestBudget,
  runAction,
  tscAt,
  workflowRunEvent,
  type ActionRun,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_e2eMemoryToken0123456789abcdefABCDEF';
const counts: Record<string, { requests: number; budget: number; memory: number }> = {};
let project: Project;
let docsSha: string;
let docsTsc: string;
let testSha: string;
let timingDocsSha: string;
let otherSha: string;
let deadlineOutput: string;
let otherOutput: string;

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
  const root = mkdtempSync(join(tmpdir(), 'crc-memory-'));
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
  otherSha = branchCommit(project.dir, 'other', timingDocsSha, 'docs: changelog', {
    'CHANGELOG.md': '# Changelog\n\n- deadline documented\n',
  });
  // Two real runs of the same failing test, at two commits (their timings differ).
  const a = captureAt(project.dir, timingDocsSha, process.execPath, [
    '--test',
    '--test-reporter=spec',
    'test/deadline.test.mjs',
  ]);
  const b = captureAt(project.dir, otherSha, process.execPath, [
    '--test',
    '--test-reporter=spec',
    'test/deadline.test.mjs',
  ]);
  if (a.code === 0 || b.code === 0) throw new Error('the deadline test unexpectedly passed');
  deadlineOutput = a.output;
  otherOutput = b.output;
});

afterAll(() => {
  const file = join(tmpdir(), 'ci-root-cause-e2e-memory-requests.json');
  writeFileSync(file, JSON.stringify(counts, null, 2));
  console.log(
    `API requests per analysis (budget in brackets; of which failure memory and known issues):\n` +
      Object.entries(counts)
        .map(([k, v]) => `  ${v.requests} [${v.budget}] (${v.memory})\t${k}`)
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

const MEMORY = /\/issues\/comments$|\/issues$|\/issues\/\{issue_number\}\/comments$/;
async function act(
  w: World,
  label: string,
  run: f.RunState,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  const from = w.emu.requests.length;
  const res = await runAction({
    apiUrl: w.emu.urls.api,
    serverUrl: w.emu.server,
    repository: 'octo/demo',
    event: 'workflow_run',
    payload: workflowRunEvent(w, run),
    inputs: { 'github-token': TOKEN, comment: 'true', ...inputs },
  });
  const reqs = w.emu.apiRequests(from);
  const failed = failedJobsOf(run);
  if (run.conclusion !== 'success') {
    counts[label] = {
      requests: reqs.length,
      budget: requestBudget(failed),
      memory: reqs.filter(
        (r) =>
          r.method === 'GET' &&
          MEMORY.test(r.template ?? '') &&
          !/pulls|\/\d+\/comments/.test(r.path) &&
          !r.path.endsWith(`/issues/${run.pullRequests[0]?.number}/comments`),
      ).length,
    };
    // (the opt-in hit tables of known issues have their own allowance: 2 requests per matched issue)
    const hitWrites = reqs.filter(
      (r) => /\/issues\/77\/comments|\/issues\/comments\/\d+$/.test(r.path) && label.includes('hit table'),
    ).length;
    expectWithinBudget(label, reqs.length - hitWrites, failed);
  }
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
function pull(w: World, pr: { number: number; headRef: string; headSha: string; baseSha: string }) {
  return w.emu.addPull({
    ...pr,
    title: 'A change',
    state: 'open',
    headRepo: w.base,
    baseRef: 'main',
    baseRepo: w.base,
    author: 'octo-dev',
  });
}
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
const tscLog = (output: string) =>
  jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'npx tsc --noEmit',
    output,
    exitCode: 2,
    setup: ['npm ci'],
  });
const nodeTestLog = (output: string) =>
  jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'node --test --test-reporter=spec test/deadline.test.mjs',
    output,
    exitCode: 1,
  });

describe('failure memory', () => {
  test('base broken since run N: the streak of failed runs on main, the oldest read too, linked', async () => {
    const w = await world();
    mainRun(w, 800, project.green, passedJob(8000, 'build'));
    mainRun(w, 801, project.culprit, failedJob(8010, 'build', tscLog(project.tscOutput)));
    mainRun(w, 802, project.culprit, failedJob(8020, 'build', tscLog(project.tscOutput)));
    const pr = pull(w, { number: 31, headRef: 'docs', headSha: docsSha, baseSha: project.culprit });
    const failing = w.emu.addRun({
      ...common(w),
      id: 803,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'docs',
      conclusion: 'failure',
      headSha: docsSha,
      pullRequests: [pr],
      jobs: [failedJob(8030, 'build', tscLog(docsTsc))],
    });
    const res = await act(w, 'base broken since run 801', failing);
    expect(res.outputs.verdict).toBe('base-broken');
    expect(reportOf(res).history.base.since).toEqual({
      run: 801,
      attempt: 1,
      sha: project.culprit,
      failedInARow: 2,
    });
    const body = commentOn(w, 31);
    expect(body).toContain(
      `Failing on \`main\` since [run 801, attempt 1](${runUrl(w, 801)}) (commit \`${project.culprit.slice(0, 7)}\`, the same error): 2 failed runs in a row.`,
    );
    // the oldest failed run's log was read to say so
    expect(w.emu.apiRequests().some((r) => r.path === '/repos/octo/demo/actions/jobs/8010/logs')).toBe(true);
  });

  test('flaky with evidence: the same failure on another pull request passed there on a re-run', async () => {
    const w = await world();
    mainRun(w, 900, project.green, passedJob(9000, 'test'));
    // Pull request 41 (branch timing): the deadline test fails ...
    const pr41 = pull(w, { number: 41, headRef: 'timing', headSha: timingDocsSha, baseSha: project.green });
    w.emu.addRun({
      ...common(w),
      id: 901,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'success',
      headSha: testSha,
      pullRequests: [pr41],
      jobs: [passedJob(9010, 'test')],
    });
    const first = w.emu.addRun({
      ...common(w),
      id: 902,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'failure',
      headSha: timingDocsSha,
      pullRequests: [pr41],
      jobs: [failedJob(9020, 'test (20)', nodeTestLog(deadlineOutput))],
    });
    const r1 = await act(w, 'first seen here (no other pull request had it)', first);
    expect(r1.outputs.verdict).toBe('unknown');
    expect(reportOf(r1).history.firstSeen).toBe(true);
    const c1 = commentOn(w, 41);
    expect(c1).toContain('First seen here: not in the base branch');
    expect(c1).toMatch(/<!-- ci-root-cause:memory \{"v":1,"wf":55,"run":902,[^<>]*"fps":\["[0-9a-f]{16}"/);
    // ... and passes when re-run at the same commit: the comment is marked fixed at that commit.
    const rerun = w.emu.addRun({
      ...common(w),
      id: 903,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'success',
      headSha: timingDocsSha,
      pullRequests: [pr41],
      jobs: [passedJob(9030, 'test (20)')],
    });
    await act(w, 'green re-run on pull request 41', rerun);
    expect(commentOn(w, 41)).toContain(`<!-- ci-root-cause:fixed ${timingDocsSha} -->`);

    // Pull request 42 (branch other, a docs-only range after its last green run) fails the same way.
    const pr42 = pull(w, { number: 42, headRef: 'other', headSha: otherSha, baseSha: project.green });
    w.emu.addRun({
      ...common(w),
      id: 904,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'other',
      conclusion: 'success',
      headSha: timingDocsSha,
      pullRequests: [pr42],
      jobs: [passedJob(9040, 'test (22)')],
    });
    const second = w.emu.addRun({
      ...common(w),
      id: 905,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'other',
      conclusion: 'failure',
      headSha: otherSha,
      pullRequests: [pr42],
      jobs: [failedJob(9050, 'test (22)', nodeTestLog(otherOutput))],
    });
    const r2 = await act(w, 'flaky: same failure passed on a re-run of another pull request', second);
    expect(r2.outputs.verdict).toBe('flaky');
    const report = reportOf(r2);
    expect(report.history.elsewhere.matches).toEqual([
      expect.objectContaining({ pr: 41, run: 902, attempt: 1, sha: timingDocsSha, passedOnRerun: true }),
    ]);
    const c2 = commentOn(w, 42);
    expect(c2).toContain('flaky: the same failure passed on a re-run of another pull request');
    const link = w.emu.comments.find((c) => c.issue === 41)!.id;
    expect(c2).toContain(
      `The same failure occurred on [pull request 41](${w.emu.server}/octo/demo/pull/41#issuecomment-${link}) ([run 902, attempt 1](${runUrl(w, 902)}), commit \`${timingDocsSha.slice(0, 7)}\`), and passed there when re-run at the same commit.`,
    );
  });

  test('a known issue: the labelled issue matching the failure is linked, and its hit table kept', async () => {
    const w = await world();
    mainRun(w, 1100, project.green, passedJob(11000, 'test'));
    w.emu.addIssue({
      number: 77,
      title: 'Upstream deadline test is slow on shared runners',
      labels: ['ci-known-issue'],
      body: 'The upstream mock answers late under load.\n\n```ci-root-cause\nmessage: "deadline 25 ms"\njobs: "test*"\n```\n',
    });
    // a labelled issue with a pattern that cannot run on a linear-time engine is skipped, not fatal
    w.emu.addIssue({
      number: 78,
      title: 'bad block',
      labels: ['ci-known-issue'],
      body: '```ci-root-cause\npattern: "(a+)+\\\\1"\n```\n',
    });
    const pr = pull(w, { number: 51, headRef: 'timing', headSha: timingDocsSha, baseSha: project.green });
    w.emu.addRun({
      ...common(w),
      id: 1101,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'success',
      headSha: testSha,
      pullRequests: [pr],
      jobs: [passedJob(11010, 'test (20)')],
    });
    const failing = w.emu.addRun({
      ...common(w),
      id: 1102,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'timing',
      conclusion: 'failure',
      headSha: timingDocsSha,
      pullRequests: [pr],
      jobs: [failedJob(11020, 'test (20)', nodeTestLog(deadlineOutput))],
    });
    const res = await act(w, 'known issue #77 (hit table kept)', failing, { 'known-issue-hits': 'true' });
    expect(reportOf(res).knownIssues).toEqual([
      expect.objectContaining({ number: 77, url: `${w.emu.server}/octo/demo/issues/77` }),
    ]);
    expect(res.stdout).toContain('Known issue #78 skipped: the ci-root-cause block: its pattern');
    const body = commentOn(w, 51);
    expect(body).toContain(
      `Matches [known issue #77](${w.emu.server}/octo/demo/issues/77) \`Upstream deadline test is slow on shared runners\``,
    );
    const hits = w.emu.comments.filter((c) => c.issue === 77);
    expect(hits).toHaveLength(1);
    expect(hits[0].body).toContain('| last 24 h | last 7 days | last 30 days |');
    expect(hits[0].body).toContain('| 1 | 1 | 1 |');
    expect(hits[0].body).toContain(`[run 1102, attempt 1](${runUrl(w, 1102)})`);
  });

  test('/root-cause from a collaborator re-analyses the latest failed run; others are ignored', async () => {
    const w = await world();
    mainRun(w, 1200, project.green, passedJob(12000, 'build'));
    const pr = pull(w, { number: 61, headRef: 'docs', headSha: docsSha, baseSha: project.culprit });
    w.emu.addRun({
      ...common(w),
      id: 1201,
      attempt: 1,
      event: 'pull_request',
      headBranch: 'docs',
      conclusion: 'failure',
      headSha: docsSha,
      pullRequests: [pr],
      jobs: [failedJob(12010, 'build', tscLog(docsTsc))],
    });
    const event = (association: string, body = '/root-cause') => ({
      action: 'created',
      issue: { number: 61, pull_request: { url: `${w.emu.urls.api}/repos/octo/demo/pulls/61` } },
      comment: { id: 1, body, author_association: association, user: { login: 'someone' } },
      repository: f.fullRepo(w.emu.urls, w.base),
    });
    const ask = (payload: unknown) =>
      runAction({
        apiUrl: w.emu.urls.api,
        serverUrl: w.emu.server,
        repository: 'octo/demo',
        event: 'issue_comment',
        payload,
        inputs: { 'github-token': TOKEN, comment: 'true' },
      });
    for (const p of [event('NONE'), event('CONTRIBUTOR'), event('MEMBER', 'please /root-cause')]) {
      const from = w.emu.requests.length;
      const res = await ask(p);
      expect(res.code).toBe(0);
      expect(w.emu.apiRequests(from)).toHaveLength(0);
    }
    expect(w.emu.comments.filter((c) => c.issue === 61)).toHaveLength(0);
    const from = w.emu.requests.length;
    const res = await ask(event('COLLABORATOR', '/root-cause\nplease'));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const requests = w.emu.apiRequests(from).length;
    counts['/root-cause by a collaborator'] = { requests, budget: requestBudget(1) + 2, memory: 0 };
    // the command's own 2 requests (the pull request's head, the runs at that commit) come on top
    expect(requests).toBeLessThanOrEqual(requestBudget(1) + 2);
    expect(reportOf(res).source).toMatchObject({ run: 1201, attempt: 1 });
    expect(commentOn(w, 61)).toContain(`[run 1201](${runUrl(w, 1201)})`);
  });
});
