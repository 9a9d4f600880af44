// The GitHub layer in-process against the emulator (faults injected per route) and its pure helpers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../e2e/emulator/server.js';
import { buildProject, failedJob, jobLog, passedJob, type Project } from '../e2e/emulator/scenario.js';
import { restClient } from '../../src/github/client.js';
import { downloadJobLog, type JobLog } from '../../src/github/logs.js';
import { readSpooled } from '../../src/github/spool.js';
import { getRun, listJobs, type RunInfo } from '../../src/github/runs.js';
import { pickHistory, recentRuns } from '../../src/github/history.js';
import { compareChangeSet } from '../../src/github/compare.js';
import { fitComment, upsertComment, MARKER } from '../../src/github/comment.js';
import { locateLine, locateSteps } from '../../src/github/steps.js';
import { parseRunArg, parseRunInput } from '../../src/github/runRef.js';
import { neutralise, writeUntrusted } from '../../src/github/safeLog.js';
import { GitHubAccessError } from '../../src/github/errors.js';
import { combine, locate } from '../../src/github/locate.js';
import { inlineCode } from '../../src/github/publish.js';

const TOKEN = 'ghs_unitTestToken000000000000000000000';
/** Download options: a fresh spool folder. */
const spool = (maxBytes: number) => ({ maxBytes, dir: mkdtempSync(join(tmpdir(), 'crc-spool-')), name: '1' });
/** The kept text of a downloaded log, read back from its spool. */
async function textOf(got: JobLog): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of readSpooled(got.spool!)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}
const repo = { owner: 'octo', repo: 'demo' };
let project: Project;
let emu: Emulator;

beforeAll(() => {
  project = buildProject(mkdtempSync(join(tmpdir(), 'crc-gh-')));
});

beforeEach(async () => {
  emu = new Emulator({ token: TOKEN, gitDir: project.dir });
  await emu.start();
});
afterEach(async () => {
  await emu.stop();
});

const api = () => restClient({ token: TOKEN, baseUrl: emu.urls.api, retryBaseMs: 1 });

function world() {
  const base = emu.addRepo('octo', 'demo');
  const fork = emu.addRepo('stranger', 'demo', { fork: true });
  const built = jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'npx tsc --noEmit',
    output: project.tscOutput,
    exitCode: 2,
  });
  const common = {
    workflowId: 55,
    event: 'pull_request',
    status: 'completed' as const,
    headBranch: 'feature',
    repo: base,
    pullRequests: [],
    commitMessage: 'm',
  };
  return { base, fork, built, common };
}

describe('client and faults', () => {
  test('5xx and a connection reset are retried; the API version header is pinned', async () => {
    const { base, built, common } = world();
    emu.addRun({
      ...common,
      id: 7,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      headRepo: base,
      jobs: [failedJob(70, 'build', built)],
    });
    emu.fault({ route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}', status: 502, times: 1 });
    emu.fault({ route: /attempts\/\{attempt_number\}\/jobs$/, reset: true, times: 1 });
    const run = await getRun(api(), repo, 7);
    expect(run).toMatchObject({ id: 7, attempt: 1, conclusion: 'failure', headSha: project.culprit });
    const jobs = await listJobs(api(), repo, 7, 1);
    expect(jobs.map((j) => j.id)).toEqual([70]);
    const statuses = emu.apiRequests().map((r) => r.status);
    expect(statuses).toEqual([502, 200, -1, 200]);
    expect(emu.apiRequests().every((r) => r.headers['x-github-api-version'] === '2022-11-28')).toBe(true);
  });

  test('403 names the permission; 404 says the run does not exist; neither is retried', async () => {
    world();
    emu.fault({ route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}', status: 403, times: 1 });
    await expect(getRun(api(), repo, 7)).rejects.toThrow(/Permission missing \(403\).*`actions: read`/);
    await expect(getRun(api(), repo, 7)).rejects.toThrow(GitHubAccessError);
    await expect(getRun(api(), repo, 7)).rejects.toThrow(
      'Run 7 was not found in octo/demo (404): check the run id.',
    );
    expect(emu.apiRequests()).toHaveLength(3);
  });
});

describe('job logs', () => {
  test('the redirect is followed without the token; the log storage host never sees it', async () => {
    const { base, built, common } = world();
    emu.addRun({
      ...common,
      id: 7,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      headRepo: base,
      jobs: [failedJob(70, 'build', built)],
    });
    const got = await downloadJobLog(api(), repo, 70, spool(1 << 20));
    expect(await textOf(got)).toBe(built.log);
    const blob = emu.requests.filter((r) => r.host === 'blob');
    expect(blob).toHaveLength(1);
    expect(blob[0].authorization).toBeUndefined();
    expect(JSON.stringify(blob[0].headers)).not.toContain(TOKEN);
  });

  test('over the cap the tail is kept, starting at a whole line, and the dropped lines are counted', async () => {
    const { base, built, common } = world();
    emu.addRun({
      ...common,
      id: 7,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      headRepo: base,
      jobs: [failedJob(70, 'build', built)],
    });
    const got = await downloadJobLog(api(), repo, 70, spool(600));
    const text = await textOf(got);
    const all = built.log.split('\n');
    expect(got.droppedLines).toBeGreaterThan(0);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(600);
    expect(text.split('\n')[0]).toBe(all[got.droppedLines]);
    expect(all.slice(got.droppedLines).join('\n')).toBe(text);
    expect(got.droppedBytes).toBe(Buffer.byteLength(built.log) - Buffer.byteLength(text));
  });

  test('410 → expired, 404 → missing, both without throwing', async () => {
    const { base, built, common } = world();
    const gone = failedJob(71, 'old', built);
    gone.logStatus = 410;
    const none = failedJob(72, 'none', built);
    none.log = undefined;
    emu.addRun({
      ...common,
      id: 7,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      headRepo: base,
      jobs: [gone, none],
    });
    expect((await downloadJobLog(api(), repo, 71, spool(1000))).missing).toBe('expired');
    expect((await downloadJobLog(api(), repo, 72, spool(1000))).missing).toBe('missing');
  });
});

describe('last green run', () => {
  test('same branch AND head repository, created before the failing run; a success on the same commit is a flakiness hint', async () => {
    const { base, fork, common } = world();
    const jobs = [passedJob(1, 'b')];
    emu.addRun({
      ...common,
      id: 1,
      attempt: 1,
      conclusion: 'success',
      headSha: project.green,
      headRepo: base,
      jobs,
    });
    emu.addRun({
      ...common,
      id: 2,
      attempt: 1,
      conclusion: 'success',
      headSha: project.innocent,
      headRepo: fork,
      jobs,
    }); // a fork's `feature`
    emu.addRun({
      ...common,
      id: 3,
      attempt: 1,
      conclusion: 'success',
      headSha: project.culprit,
      headRepo: base,
      jobs,
    }); // same commit
    const failing = emu.addRun({
      ...common,
      id: 4,
      attempt: 1,
      conclusion: 'failure',
      headSha: project.culprit,
      headRepo: base,
      jobs,
    });
    emu.addRun({
      ...common,
      id: 5,
      attempt: 1,
      conclusion: 'success',
      headSha: project.innocent,
      headRepo: base,
      jobs,
    }); // later
    const run = await getRun(api(), repo, failing.id);
    const runs = await recentRuns(api(), repo, run.workflowId);
    const history = pickHistory(runs, run, repo, 'main');
    expect(history.green?.id).toBe(1);
    expect(history.passedSameCommit?.id).toBe(3);
    // No run on `main` in this world: nothing to say about the base branch.
    expect(history.base).toBeUndefined();
    expect(emu.apiRequests()).toHaveLength(2);
  });
});

describe('the runs that matter, from one list of recent runs', () => {
  const run = (over: Partial<RunInfo>): RunInfo => ({
    id: 1,
    attempt: 1,
    workflowId: 55,
    event: 'pull_request',
    status: 'completed',
    conclusion: 'success',
    headSha: 'a'.repeat(40),
    headBranch: 'feature',
    headRepo: 'octo/demo',
    createdAt: '2026-11-20T10:00:00Z',
    pullRequests: [],
    ...over,
  });
  const failing = run({
    id: 10,
    conclusion: 'failure',
    headSha: 'f'.repeat(40),
    createdAt: '2026-11-20T12:00:00Z',
  });

  test("the base branch's latest completed run of THIS repository, not a fork's branch of the same name", () => {
    const runs = [
      run({
        id: 9,
        headBranch: 'main',
        headRepo: 'stranger/demo',
        conclusion: 'failure',
        createdAt: '2026-11-20T11:59:00Z',
      }),
      run({
        id: 8,
        headBranch: 'main',
        status: 'in_progress',
        conclusion: null,
        createdAt: '2026-11-20T11:58:00Z',
      }),
      run({
        id: 7,
        headBranch: 'main',
        event: 'push',
        conclusion: 'failure',
        createdAt: '2026-11-20T11:00:00Z',
      }),
      run({
        id: 6,
        headBranch: 'main',
        event: 'push',
        conclusion: 'success',
        createdAt: '2026-11-20T10:00:00Z',
      }),
    ];
    expect(pickHistory(runs, failing, repo, 'main').base?.id).toBe(7);
    expect(pickHistory(runs, failing, repo, undefined).base).toBeUndefined();
  });

  test('a later attempt of the failing run itself that passed is a passing attempt; other workflows are ignored', () => {
    const rerun = run({ id: 10, attempt: 2, headSha: failing.headSha, createdAt: failing.createdAt });
    const other = run({ id: 11, workflowId: 66, headSha: failing.headSha });
    const h = pickHistory([other, rerun], failing, repo, 'main');
    expect(h.passedSameCommit?.id).toBe(10);
    expect(h.passedSameCommit?.attempt).toBe(2);
    expect(pickHistory([other], failing, repo, 'main').passedSameCommit).toBeUndefined();
  });
});

describe('compare → change set', () => {
  test('files with hunks from the real repository, commits newest first, which commit touched which file', async () => {
    world();
    const cs = await compareChangeSet(api(), repo, project.green, project.culprit, 'last green run 1');
    expect(cs.base).toBe(project.green);
    expect(cs.commits.map((c) => c.sha)).toEqual([project.culprit, project.innocent]);
    expect(cs.files.map((f) => f.path).sort()).toEqual(['README.md', 'scripts/check.mjs', 'src/total.ts']);
    const total = cs.files.find((f) => f.path === 'src/total.ts')!;
    expect(total.commits).toEqual([project.culprit]);
    expect(total.additions).toBe(4);
    expect(cs.repoFiles).toEqual(expect.arrayContaining(['src/index.ts', 'src/total.ts', 'tsconfig.json']));
    // Hunks come from parsePatch (src/diff/unified.ts): the added function at lines 5-7.
    expect(total.hunks.flatMap((h) => h.added.map((l) => l.line))).toEqual(expect.arrayContaining([5, 6, 7]));
  });
});

describe('the sticky comment', () => {
  test('found across pages by marker AND author; created once; a raced duplicate is removed, the oldest kept', async () => {
    const { base } = world();
    emu.addPull({
      number: 7,
      title: 't',
      state: 'open',
      headSha: project.culprit,
      headRef: 'feature',
      headRepo: base,
      baseRef: 'main',
      baseSha: project.green,
      baseRepo: base,
      author: 'x',
    });
    for (let i = 0; i < 150; i++)
      emu.addComment(7, 'someone', i === 3 ? `${MARKER} quoting the bot` : `c${i}`);
    const first = await upsertComment(api(), repo, 7, `${MARKER}\none`, ['github-actions[bot]']);
    expect(first.action).toBe('created');
    const second = await upsertComment(api(), repo, 7, `${MARKER}\ntwo`, ['github-actions[bot]']);
    expect(second).toMatchObject({ id: first.id, action: 'updated' });
    // Simulate a race: another analysis created one between our list and our post.
    emu.addComment(7, 'github-actions[bot]', `${MARKER}\nrace`);
    const third = await upsertComment(api(), repo, 7, `${MARKER}\nthree`, ['github-actions[bot]']);
    expect(third).toMatchObject({ id: first.id, deleted: 1 });
    const mine = emu.comments.filter((c) => c.author === 'github-actions[bot]');
    expect(mine.map((c) => c.body)).toEqual([`${MARKER}\nthree`]);
    expect(emu.comments.filter((c) => c.author === 'someone')).toHaveLength(150);
  });

  test('a body over the limit is cut on a code-point boundary, its fence closed, and says so', () => {
    const body = 'x'.repeat(100) + '\n```\n' + '😀'.repeat(40_000);
    const cut = fitComment(body, 20_000);
    expect(cut.length).toBeLessThanOrEqual(20_000 + 10);
    expect(cut).toMatch(/\n```\n+_… the rest of this report was cut/);
    expect(cut).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('steps and locations', () => {
  test("lines are attributed to steps by the `##[group]Run` lines and the steps' start times", () => {
    const built = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: 'npx tsc --noEmit',
      output: 'a\nb\nc',
      exitCode: 2,
      setup: ['npm ci'],
    });
    const starts = locateSteps(built.log, built.steps);
    expect(starts.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(locateLine(starts, built.firstOutputLine)).toEqual({
      step: 4,
      stepName: 'Run npx tsc --noEmit',
      lineInStep: built.firstOutputLineInStep,
    });
    expect(locateLine(starts, 2)).toMatchObject({ step: 1, lineInStep: 2 });
    // With the head of the log dropped (cap), numbering stays the job log's.
    const lines = built.log.split('\n');
    const tail = lines.slice(10).join('\n');
    const tailStarts = locateSteps(tail, built.steps, 11);
    expect(locateLine(tailStarts, built.firstOutputLine)).toEqual(locateLine(starts, built.firstOutputLine));
  });

  test('combined logs map back to their job and job line', () => {
    const a = jobLog({ start: '2026-11-20T10:00:00Z', command: 'one', output: 'x', exitCode: 1 });
    const b = jobLog({ start: '2026-11-20T11:00:00Z', command: 'two', output: 'y\nz', exitCode: 1 });
    const combined = combine([
      { jobId: 1, job: 'a', text: a.log, dropped: 0, steps: locateSteps(a.log, a.steps) },
      { jobId: 2, job: 'b', text: b.log, dropped: 5, steps: locateSteps(b.log, b.steps, 6) },
    ]);
    const aLines = a.log.split('\n').length - 1;
    const at = locate(combined, aLines + b.firstOutputLine, {
      server: 'https://github.com',
      repo: 'o/r',
      run: 9,
    });
    expect(at.jobLine).toBe(b.firstOutputLine + 5);
    expect(at.location).toMatchObject({ jobId: 2, job: 'b' });
    expect(locate(combined, a.firstOutputLine).location).toMatchObject({
      jobId: 1,
      step: 3,
      lineInStep: a.firstOutputLineInStep,
    });
  });
});

describe('run references', () => {
  const server = 'https://github.com';
  test('an id or a URL of this repository; anything else refused', () => {
    expect(parseRunInput(' 12345 ', repo, server)).toEqual({ repo, runId: 12345 });
    expect(
      parseRunInput('https://github.com/Octo/Demo/actions/runs/12/attempts/3', repo, server),
    ).toMatchObject({ runId: 12, attempt: 3 });
    expect(parseRunInput('https://github.com/octo/demo/actions/runs/12/job/99', repo, server)).toMatchObject({
      runId: 12,
    });
    for (const bad of [
      '0',
      '-1',
      '1.5',
      '1e3',
      'abc',
      'https://github.com/evil/demo/actions/runs/12',
      'https://evil.example/octo/demo/actions/runs/12',
      'javascript:alert(1)',
      '99999999999999999999',
    ]) {
      expect(() => parseRunInput(bad, repo, server)).toThrow(/run-id|too large/);
    }
  });
  test('the terminal form owner/repo#id, or a URL on any server (GHES)', () => {
    expect(parseRunArg('octo/demo#42')).toEqual({ repo, runId: 42 });
    expect(parseRunArg('https://ghe.example.com/octo/demo/actions/runs/42')).toMatchObject({
      repo,
      runId: 42,
      server: 'https://ghe.example.com',
    });
    expect(() => parseRunArg('octo/demo')).toThrow(/--run/);
  });
});

describe('untrusted text in our own log and in the comment header', () => {
  test('workflow commands are neutralised and blocks are wrapped in stop-commands', () => {
    expect(neutralise('::set-output name=x::y')).not.toMatch(/^::/);
    expect(neutralise('text ##[error]boom')).not.toContain('##[');
    const out: string[] = [];
    writeUntrusted((l) => out.push(l), 'ok\n::add-mask::secret\n##[set-output name=a]b');
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(out[0])![1];
    expect(out[out.length - 1]).toBe(`::${token}::`);
    expect(out.slice(1, -1).some((l) => l.startsWith('::') || l.includes('##['))).toBe(false);
  });
  test('job and step names become inline code that cannot break out', () => {
    // inside code nothing is a mention or a reference: the text is kept exactly (issue 17 item 6)
    expect(inlineCode('a`b\u202e@team #1')).toBe("`a'b@team #1`");
  });
});
