// End-to-end: the BUILT action (dist/index.js, copied without node_modules) runs as a separate process,
// exactly as the runner runs it, against an emulated GitHub whose compare answers come from a real git
// repository and whose failing logs come from really running tsc and node in it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import { internalWordIn } from '../../scripts/eval/first-screen.js';
import * as f from './emulator/factories.js';
import { validateResponses } from './emulator/openapi.js';
import {
  branchCommit,
  addFeaturePull,
  workflowRunEvent,
  expectWithinBudget,
  failedJobsOf,
  buildProject,
  failedJob,
  jobLog,
  passedJob,
  installedAction,
  runAction,
  runCli,
  tscAt,
  type ActionRun,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_e2eTestToken0123456789abcdefABCDEF';
const counts: Record<string, number> = {};
let project: Project;
let root: string;
let forkSha: string;
let forkTsc: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'crc-e2e-'));
  project = buildProject(root);
  // A fork whose branch is also called `main`, with its own faulty commit on top of the green one.
  forkSha = branchCommit(project.dir, 'fork-main', project.green, 'Return the length instead', {
    'src/format.ts':
      'export function formatName(first: string, last: string): number {\n  return `${first} ${last}`;\n}\n',
  });
  forkTsc = tscAt(project.dir, forkSha);
});

afterAll(() => {
  const file = join(tmpdir(), 'ci-root-cause-e2e-requests.json');
  writeFileSync(file, JSON.stringify(counts, null, 2));
  console.log(
    `API requests per analysis (also in ${file}):\n` +
      Object.entries(counts)
        .map(([k, v]) => `  ${v}\t${k}`)
        .join('\n'),
  );
});

interface World {
  emu: Emulator;
  base: f.RepoState;
  fork: f.RepoState;
}

const emus: Emulator[] = [];
async function world(deny?: ('actions' | 'contents' | 'pull-requests')[]): Promise<World> {
  const emu = new Emulator({ token: TOKEN, gitDir: project.dir, deny });
  await emu.start();
  emus.push(emu);
  const base = emu.addRepo('octo', 'demo');
  const fork = emu.addRepo('stranger', 'demo', { fork: true });
  return { emu, base, fork };
}

afterEach(async () => {
  const list = emus.splice(0);
  try {
    for (const emu of list) checkEmulator(emu);
  } finally {
    for (const emu of list) await emu.stop();
  }
});

function checkEmulator(emu: Emulator): void {
  {
    // Every JSON answer the emulator gave conforms to GitHub's OpenAPI description.
    expect(validateResponses(emu.responses)).toEqual([]);
    // The token went to the API host only: never to the log storage host.
    const blob = emu.requests.filter((r) => r.host === 'blob');
    for (const r of blob) {
      expect(r.authorization).toBeUndefined();
      expect(JSON.stringify(r)).not.toContain(TOKEN);
    }
    // Every API request carried the pinned version.
    for (const r of emu.apiRequests()) expect(r.headers['x-github-api-version']).toBe('2022-11-28');
  }
}

function tscLog(output = project.tscOutput, start = '2026-11-20T10:00:00Z') {
  return jobLog({ start, command: 'npx tsc --noEmit', output, exitCode: 2, setup: ['npm ci'] });
}

async function act(
  w: World,
  label: string,
  event: string,
  payload: unknown,
  inputs: Record<string, string> = {},
): Promise<ActionRun> {
  const from = w.emu.requests.length;
  const res = await runAction({
    apiUrl: w.emu.urls.api,
    serverUrl: w.emu.server,
    repository: 'octo/demo',
    event,
    payload,
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
  });
  counts[label] = w.emu.apiRequests(from).length;
  // Every analysis stays within 6 + 2 × (failed jobs) + 16 (repository context) requests.
  const runId =
    (payload as { workflow_run?: { id?: number } })?.workflow_run?.id ??
    Number(/(?:runs\/)?(\d+)(?:\/attempts\/\d+)?$/.exec(inputs['run-id'] ?? '')?.[1]);
  expectWithinBudget(label, counts[label], failedJobsOf(w.emu.runs.find((r) => r.id === runId)));
  // Nothing we print, write or output contains the token.
  expect(res.stdout + res.stderr + res.summary + JSON.stringify(res.outputs)).not.toContain(TOKEN);
  return res;
}

function samePrWorld(w: World, opts: { green?: boolean } = {}) {
  const pr = addFeaturePull(w.emu, project, w.base, { number: 7, title: 'Count characters' });
  const common = {
    workflowId: 55,
    event: 'pull_request',
    status: 'completed' as const,
    headBranch: 'feature',
    headRepo: w.base,
    repo: w.base,
    commitMessage: 'msg',
  };
  if (opts.green !== false) {
    w.emu.addRun({
      ...common,
      id: 101,
      attempt: 1,
      conclusion: 'success',
      headSha: project.innocent,
      pullRequests: [pr],
      jobs: [passedJob(4001, 'build')],
    });
  }
  const built = tscLog();
  const failing = w.emu.addRun({
    ...common,
    id: 102,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.culprit,
    pullRequests: [pr],
    jobs: [passedJob(5000, 'lint'), failedJob(5001, 'build', built)],
  });
  return { pr, failing, built };
}

/* eslint-disable @typescript-eslint/no-explicit-any */
const reportOf = (r: ActionRun): any => JSON.parse(r.outputs.report);
const ours = (w: World, pr: number) =>
  w.emu.comments.filter((c) => c.issue === pr && c.body.includes('<!-- ci-root-cause -->'));

describe('the action, run as the runner runs it', () => {
  test('same-repository PR: one comment naming the job and step, culprit among the top suspects, outputs set', async () => {
    const w = await world();
    const { failing, built } = samePrWorld(w);
    const res = await act(w, 'same-repo PR (first analysis)', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const comments = ours(w, 7);
    expect(comments).toHaveLength(1);
    const body = comments[0].body;
    writeFileSync(join(tmpdir(), 'ci-root-cause-e2e-comment.md'), body);
    expect(body).toContain('`build` › step 4 `Run npx tsc --noEmit`');
    expect(body).toContain('run 102');
    // the reader's words: no internal vocabulary, findings numbered 1, 2, 3 as shown
    expect(internalWordIn(body)).toBeUndefined();
    const numbers = [...body.matchAll(/^\*\*(\d+)\. /gm)].map((m) => Number(m[1]));
    expect(numbers.length).toBeGreaterThan(0);
    expect(numbers).toEqual(numbers.map((_, k) => k + 1));
    expect(body).toContain(project.culprit.slice(0, 12));
    expect(res.outputs['comment-url']).toMatch(/\/octo\/demo\/pull\/7#issuecomment-\d+$/);
    expect(res.outputs['last-green-sha']).toBe(project.innocent);
    expect(res.summary).toContain('CI root cause');
    const report = reportOf(res);
    expect(report.source).toMatchObject({
      repo: 'octo/demo',
      run: 102,
      attempt: 1,
      jobs: [{ id: 5001, name: 'build', failedSteps: [{ number: 4 }] }],
    });
    expect(report.base).toMatchObject({ sha: project.innocent });
    // The tsc error is found and linked to its line in the step (the line numbers are the job log's own).
    const finding = report.findings.find((x: any) => x.file === 'src/total.ts' && x.line === 6);
    expect(finding).toBeDefined();
    const outLine = built.log.split('\n').findIndex((l) => l.includes('src/total.ts(6,')) + 1;
    expect(finding.logLines[0]).toBe(outLine);
    expect(finding.location).toMatchObject({
      jobId: 5001,
      step: 4,
      lineInStep: outLine - (built.firstOutputLine - built.firstOutputLineInStep),
    });
    expect(finding.location.url).toBe(
      `${w.emu.server}/octo/demo/actions/runs/102/job/5001#step:4:${finding.location.lineInStep}`,
    );
    // The culprit is among the top suspects (depends on the ranker).
    expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toContain('src/total.ts');
    // Our own job log never shows downloaded text outside stop-commands.
    expect(res.stdout).toMatch(/::stop-commands::[0-9a-f]{32}/);
  });

  test('a second analysis updates the comment instead of posting another; extras from races are removed', async () => {
    const w = await world();
    const { failing } = samePrWorld(w);
    // Earlier noise: 120 unrelated comments (the marker comment is on page 2), a marker comment by a stranger.
    for (let i = 0; i < 120; i++) w.emu.addComment(7, 'someone', `comment ${i}`);
    w.emu.addComment(7, 'stranger', '<!-- ci-root-cause --> fake');
    await act(w, 'same-repo PR (first analysis, 122 comments)', 'workflow_run', workflowRunEvent(w, failing));
    expect(ours(w, 7).filter((c) => c.author === 'github-actions[bot]')).toHaveLength(1);
    const first = ours(w, 7).find((c) => c.author === 'github-actions[bot]')!;
    failing.attempt = 2;
    const res = await act(
      w,
      'same-repo PR (second analysis: update)',
      'workflow_run',
      workflowRunEvent(w, failing),
    );
    expect(res.code).toBe(0);
    const mine = ours(w, 7).filter((c) => c.author === 'github-actions[bot]');
    expect(mine).toHaveLength(1);
    expect(mine[0].id).toBe(first.id);
    expect(mine[0].body).toContain('attempt 2');
    // A duplicate left by a racing analysis is removed on the next run, the oldest kept.
    w.emu.addComment(
      7,
      'github-actions[bot]',
      '<!-- ci-root-cause -->\n<!-- ci-root-cause:workflow 55 -->\nraced',
    );
    await act(
      w,
      'same-repo PR (third analysis, one duplicate)',
      'workflow_run',
      workflowRunEvent(w, failing),
    );
    const after = ours(w, 7).filter((c) => c.author === 'github-actions[bot]');
    expect(after.map((c) => c.id)).toEqual([first.id]);
    expect(w.emu.comments.some((c) => c.author === 'stranger')).toBe(true);
  });

  test('a later green run marks the comment fixed; a green run without a comment posts nothing', async () => {
    const w = await world();
    const { failing, pr } = samePrWorld(w);
    await act(w, 'same-repo PR (analysis before the fix)', 'workflow_run', workflowRunEvent(w, failing));
    const green = w.emu.addRun({
      id: 103,
      attempt: 1,
      workflowId: 55,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'success',
      headSha: project.innocent,
      headBranch: 'feature',
      headRepo: w.base,
      repo: w.base,
      pullRequests: [{ ...pr, headSha: project.innocent }],
      jobs: [passedJob(6001, 'build')],
      commitMessage: 'fix',
    });
    // A green run of ANOTHER workflow on the same PR does not fix this workflow's failure.
    const otherWorkflow = w.emu.addRun({
      ...green,
      id: 104,
      workflowId: 66,
      jobs: [passedJob(6002, 'lint')],
    });
    await act(
      w,
      'green run of another workflow (no change)',
      'workflow_run',
      workflowRunEvent(w, otherWorkflow),
    );
    expect(ours(w, 7)[0].body).not.toContain('Fixed in');
    const res = await act(w, 'green run: resolve', 'workflow_run', workflowRunEvent(w, green));
    expect(res.code).toBe(0);
    const mine = ours(w, 7);
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain(`Fixed in \`${project.innocent.slice(0, 12)}\``);
    expect(mine[0].body).toContain('<details><summary>Previous diagnosis</summary>');
    expect(res.outputs['comment-url']).toContain('#issuecomment-');
    // Again: idempotent.
    await act(w, 'green run: resolve again (no change)', 'workflow_run', workflowRunEvent(w, green));
    expect(ours(w, 7)).toHaveLength(1);

    const w2 = await world();
    const { pr: pr2 } = samePrWorld(w2);
    const green2 = w2.emu.addRun({ ...green, pullRequests: [{ ...pr2, headSha: project.innocent }] });
    const res2 = await act(w2, 'green run: nothing to resolve', 'workflow_run', workflowRunEvent(w2, green2));
    expect(res2.code).toBe(0);
    expect(w2.emu.comments).toHaveLength(0);
  });

  test('rules input: read through the contents API from the DEFAULT branch; a missing file is a one-line error', async () => {
    const w = await world();
    const { failing } = samePrWorld(w);
    w.emu.contents.set(
      '.github/ci-root-cause.yml',
      [
        'rules:',
        '  - id: team-count-returns-string',
        '    category: compile',
        '    title: count() must return a number',
        "    patterns: ['error TS2322: Type .number. is not assignable to type .string.']",
        "    hint: 'Our convention: counting helpers return numbers.'",
        '',
      ].join('\n'),
    );
    const res = await act(w, 'same-repo PR with a rules file', 'workflow_run', workflowRunEvent(w, failing), {
      rules: '.github/ci-root-cause.yml',
    });
    expect(res.code).toBe(0);
    const contents = w.emu
      .apiRequests()
      .filter((r) => r.template === '/repos/{owner}/{repo}/contents/{path}');
    expect(contents.map((r) => r.path)).toEqual([
      '/repos/octo/demo/contents/.github%2Fci-root-cause.yml?ref=main',
    ]);
    expect(reportOf(res).patterns.map((p: any) => p.id)).toContain('team-count-returns-string');

    const missing = await act(w, 'rules file missing', 'workflow_run', workflowRunEvent(w, failing), {
      rules: 'nope.yml',
    });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(
      /::error::the rules file 'nope.yml' was not found on the default branch 'main'/,
    );
    const escape = await act(
      w,
      'rules path escaping the repository',
      'workflow_run',
      workflowRunEvent(w, failing),
      { rules: '../x.yml' },
    );
    expect(escape.code).toBe(1);
    expect(escape.stdout).toMatch(/::error::the rules input must be a path inside the repository/);
    expect(counts['rules path escaping the repository']).toBe(0);
  });

  test('fork PR: found through the head repository and branch, base from the PR (no green run in the fork)', async () => {
    const w = await world();
    // A green run on the BASE repository's `main`: same branch name, other head repository: must not be used.
    w.emu.addRun({
      id: 201,
      attempt: 1,
      workflowId: 55,
      event: 'push',
      status: 'completed',
      conclusion: 'success',
      headSha: project.green,
      headBranch: 'main',
      headRepo: w.base,
      repo: w.base,
      pullRequests: [],
      jobs: [passedJob(7000, 'build')],
      commitMessage: 'green',
    });
    // An open PR from another fork with the same branch name: wrong head sha, must not be chosen.
    w.emu.addPull({
      number: 3,
      title: 'other',
      state: 'open',
      headSha: project.green,
      headRef: 'main',
      headRepo: w.fork,
      baseRef: 'main',
      baseSha: project.green,
      baseRepo: w.base,
      author: 'stranger',
    });
    w.emu.addPull({
      number: 8,
      title: 'Fork change',
      state: 'open',
      headSha: forkSha,
      headRef: 'main',
      headRepo: w.fork,
      baseRef: 'main',
      baseSha: project.green,
      baseRepo: w.base,
      author: 'stranger',
    });
    const built = tscLog(forkTsc);
    const failing = w.emu.addRun({
      id: 202,
      attempt: 1,
      workflowId: 55,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'failure',
      headSha: forkSha,
      headBranch: 'main',
      headRepo: w.fork,
      repo: w.base,
      pullRequests: [],
      jobs: [failedJob(7001, 'build', built)],
      commitMessage: 'fork',
    });
    const res = await act(w, 'fork PR', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(0);
    expect(ours(w, 8)).toHaveLength(1);
    expect(ours(w, 3)).toHaveLength(0);
    expect(res.outputs['last-green-sha']).toBe('');
    const report = reportOf(res);
    expect(report.base.sha).toBe(project.green);
    expect(report.notes.join(' ')).toMatch(/No earlier green run/);
    expect(JSON.parse(res.outputs.suspects)[0]).toBe('src/format.ts');
  });

  test('no earlier green run: the range starts at the merge base with the PR base', async () => {
    const w = await world();
    const { failing } = samePrWorld(w, { green: false });
    const res = await act(w, 'same-repo PR, no green run', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(0);
    const report = reportOf(res);
    expect(report.base.sha).toBe(project.green);
    expect(report.notes.join(' ')).toMatch(/No earlier green run/);
    expect(res.outputs['last-green-sha']).toBe('');
    expect(ours(w, 7)).toHaveLength(1);
    expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toContain('src/total.ts');
  });

  test('push without a PR: job summary and outputs, no comment', async () => {
    const w = await world();
    const common = {
      workflowId: 55,
      event: 'push',
      status: 'completed' as const,
      headBranch: 'feature',
      headRepo: w.base,
      repo: w.base,
      pullRequests: [],
      commitMessage: 'push',
    };
    w.emu.addRun({
      ...common,
      id: 301,
      attempt: 1,
      conclusion: 'success',
      headSha: project.innocent,
      jobs: [passedJob(8000, 'build')],
    });
    const failing = w.emu.addRun({
      ...common,
      id: 302,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      jobs: [failedJob(8001, 'build', tscLog())],
    });
    const res = await act(w, 'push without PR', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(0);
    expect(w.emu.comments).toHaveLength(0);
    expect(res.stdout).toContain('No pull request for this run');
    expect(res.summary).toContain('run 302');
    expect(res.outputs['comment-url']).toBe('');
    expect(res.outputs['last-green-sha']).toBe(project.innocent);
    expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toContain('src/total.ts');
  });

  test('workflow_dispatch with a run URL of this repository (and a URL of another repository is refused)', async () => {
    const w = await world();
    samePrWorld(w);
    const url = `${w.emu.server}/octo/demo/actions/runs/102/attempts/1`;
    const res = await act(
      w,
      'workflow_dispatch with a run URL',
      'workflow_dispatch',
      {
        inputs: { 'run-id': url },
        ref: 'refs/heads/main',
        repository: f.fullRepo(w.emu.urls, w.base),
        sender: f.user(w.emu.urls, 'octo-dev', 501),
        workflow: '.github/workflows/why.yml',
      },
      { 'run-id': url },
    );
    expect(res.code).toBe(0);
    expect(ours(w, 7)).toHaveLength(1);
    expect(reportOf(res).source.run).toBe(102);

    const other = await act(
      w,
      'workflow_dispatch, foreign URL (refused)',
      'workflow_dispatch',
      { inputs: {} },
      { 'run-id': `${w.emu.server}/evil/demo/actions/runs/102` },
    );
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/::error::run-id must be a run of octo\/demo/);
    expect(counts['workflow_dispatch, foreign URL (refused)']).toBe(0);
    const bad = await act(
      w,
      'workflow_dispatch, bad id (refused)',
      'workflow_dispatch',
      { inputs: {} },
      { 'run-id': '-3' },
    );
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/::error::run-id must be a positive integer or a run URL/);
  });

  test('a matrix with several failed jobs: each finding linked to its own job, step and line', async () => {
    const w = await world();
    const pr = addFeaturePull(w.emu, project, w.base, { number: 9, title: 'matrix' });
    const a = tscLog(project.tscOutput, '2026-11-20T10:00:00Z');
    const b = tscLog(project.tscOutput, '2026-11-20T10:05:00Z');
    const c = jobLog({
      start: '2026-11-20T10:07:00Z',
      command: 'node scripts/check.mjs',
      output: project.nodeOutput,
      exitCode: 1,
    });
    const failing = w.emu.addRun({
      id: 402,
      attempt: 1,
      workflowId: 55,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'failure',
      headSha: project.culprit,
      headBranch: 'feature',
      headRepo: w.base,
      repo: w.base,
      pullRequests: [pr],
      commitMessage: 'm',
      jobs: [
        failedJob(9001, 'test (node 20)', a),
        passedJob(9002, 'lint'),
        failedJob(9003, 'test (node 22)', b),
        failedJob(9004, 'check', c),
      ],
    });
    const res = await act(w, 'matrix, 3 failed jobs of 4', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(0);
    const report = reportOf(res);
    expect(report.source.jobs.map((j: any) => j.id)).toEqual([9001, 9003, 9004]);
    const body = ours(w, 9)[0].body;
    expect(body).toContain('`test (node 20)` › step 4');
    expect(body).toContain('`check` › step 3 `Run node scripts/check.mjs`');
    // Every located finding points into its OWN job's log: the line it names there holds its file.
    const logs: Record<number, string[]> = {
      9001: a.log.split('\n'),
      9003: b.log.split('\n'),
      9004: c.log.split('\n'),
    };
    const located = report.findings.filter((x: any) => x.location && x.rawFile);
    expect(located.length).toBeGreaterThanOrEqual(2);
    for (const x of located) {
      const text = logs[x.location.jobId].slice(x.logLines[0] - 1, x.logLines[1]).join('\n');
      expect(text).toContain(x.rawFile.replace(/^.*\/repo\//, ''));
    }
    const tsc = report.findings.find((x: any) => x.file === 'src/total.ts');
    expect([9001, 9003]).toContain(tsc.location.jobId);
    // The thrown error of check.mjs: linked into job 9004, step 3, at its line within the step.
    const thrown = report.findings.find(
      (x: any) => x.location?.jobId === 9004 && /limit too low/.test(x.message),
    );
    expect(thrown).toBeDefined();
    const errorLine = c.log.split('\n').findIndex((l) => l.includes('Error: limit too low')) + 1;
    expect(thrown.logLines[0]).toBeLessThanOrEqual(errorLine);
    expect(thrown.logLines[1]).toBeGreaterThanOrEqual(errorLine);
    const stepStart = c.firstOutputLine - c.firstOutputLineInStep + 1;
    expect(thrown.location).toMatchObject({ step: 3, lineInStep: thrown.logLines[0] - stepStart + 1 });
    expect(thrown.location.url).toBe(
      `${w.emu.server}/octo/demo/actions/runs/402/job/9004#step:3:${thrown.logLines[0] - stepStart + 1}`,
    );
    expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toEqual(
      expect.arrayContaining(['src/total.ts', 'scripts/check.mjs']),
    );
  });

  test('more than 100 jobs: the failed one on the second page is found', async () => {
    const w = await world();
    const pr = addFeaturePull(w.emu, project, w.base, { number: 10, title: 'big matrix' });
    const jobs = Array.from({ length: 130 }, (_, i) => passedJob(10000 + i, `shard ${i + 1}`));
    jobs[117] = failedJob(10117, 'shard 118', tscLog());
    const failing = w.emu.addRun({
      id: 502,
      attempt: 1,
      workflowId: 55,
      event: 'pull_request',
      status: 'completed',
      conclusion: 'failure',
      headSha: project.culprit,
      headBranch: 'feature',
      headRepo: w.base,
      repo: w.base,
      pullRequests: [pr],
      commitMessage: 'm',
      jobs,
    });
    const res = await act(w, '130 jobs, 1 failed on page 2', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(0);
    expect(reportOf(res).source.jobs).toEqual([expect.objectContaining({ id: 10117, name: 'shard 118' })]);
    expect(w.emu.apiRequests().filter((r) => r.template?.endsWith('/jobs'))).toHaveLength(2);
    expect(ours(w, 10)[0].body).toContain('`shard 118` › step 4');
  });

  test('expired logs (410) are noted and the other jobs analysed; a log over max-log-mb keeps its tail', async () => {
    const w = await world();
    const { failing } = samePrWorld(w);
    const gone = failedJob(5002, 'old', tscLog());
    gone.logStatus = 410;
    failing.jobs.push(gone);
    const res = await act(w, 'one log expired (410)', 'workflow_run', workflowRunEvent(w, failing), {
      'max-log-mb': '0.001',
    });
    expect(res.code).toBe(0);
    const report = reportOf(res);
    expect(report.source.jobs.find((j: any) => j.id === 5002).logMissing).toBe('expired');
    expect(report.notes.join('\n')).toMatch(/'old' has expired/);
    expect(report.notes.join('\n')).toMatch(/max-log-mb cap/);
    expect(ours(w, 7)[0].body).toContain('(log expired)');
  });

  test('the terminal --run mode against the same emulator (prints the report; --comment updates the PR)', async () => {
    const w = await world();
    samePrWorld(w);
    const from = w.emu.requests.length;
    const env = { GITHUB_TOKEN: TOKEN, GITHUB_API_URL: w.emu.urls.api };
    const res = await runCli(
      ['analyze', '--run', `${w.emu.server}/octo/demo/actions/runs/102`, '--format', 'json'],
      env,
    );
    counts['terminal --run'] = w.emu.apiRequests(from).length;
    expectWithinBudget('terminal --run', counts['terminal --run'], 1);
    expect(res.stderr).not.toContain('internal error');
    expect(res.code).toBe(0);
    const report = JSON.parse(res.stdout);
    expect(report.source.run).toBe(102);
    expect(report.suspects.slice(0, 3).map((s: any) => s.path)).toContain('src/total.ts');
    expect(w.emu.comments).toHaveLength(0);
    const withComment = await runCli(['analyze', '--run', 'octo/demo#102', '--comment', '--format', 'text'], {
      ...env,
      GITHUB_SERVER_URL: w.emu.server,
    });
    expect(withComment.code).toBe(0);
    expect(ours(w, 7)).toHaveLength(1);
  });

  test('403: one line naming the missing permission, no comment', async () => {
    const w = await world(['actions']);
    const { failing } = samePrWorld(w);
    const res = await act(w, '403 on the run', 'workflow_run', workflowRunEvent(w, failing));
    expect(res.code).toBe(1);
    const errors = res.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/Permission missing \(403\).*`actions: read`/);
    expect(w.emu.comments).toHaveLength(0);

    const w2 = await world(['pull-requests']);
    const s2 = samePrWorld(w2);
    const res2 = await act(w2, '403 on the comments', 'workflow_run', workflowRunEvent(w2, s2.failing));
    expect(res2.code).toBe(1);
    expect(res2.stdout).toMatch(/::error::Permission missing \(403\).*`pull-requests: write`/);
  });

  test('404: a run that does not exist ends with a clear error', async () => {
    const w = await world();
    samePrWorld(w);
    const res = await act(
      w,
      '404 run',
      'workflow_dispatch',
      { inputs: { 'run-id': '424242' } },
      { 'run-id': '424242' },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/::error::Run 424242 was not found in octo\/demo \(404\)/);
    expect(w.emu.comments).toHaveLength(0);
  });

  test('a run that did not fail: a clear message, no comment, exit 0', async () => {
    const w = await world();
    samePrWorld(w);
    const res = await act(
      w,
      'run did not fail (dispatch)',
      'workflow_dispatch',
      { inputs: { 'run-id': '101' } },
      { 'run-id': '101' },
    );
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/::notice::Run 101 \(attempt 1\) did not fail \(conclusion: success\)/);
    expect(res.outputs.verdict).toBe('not-failed');
    expect(w.emu.comments).toHaveLength(0);
  });

  test('outside a runner: one clear line and exit code 1, before loading the bundle', () => {
    const res = spawnSync(process.execPath, [join(installedAction(), 'dist', 'index.js')], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^ci-root-cause: not running in a GitHub Actions job \(GITHUB_REPOSITORY/),
    ]);
  });
});
