// Issue 16 rows 5 and 6, end to end through the BUILT action (dist/index.js) against the emulated API:
// only our comment (its body OPENS with the marker and carries this workflow's stamp), only the right PR
// (a `pr-number` whose head is not the run's is ignored) and "Fixed" only on a green run of that PR's head.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import * as f from './emulator/factories.js';
import {
  addFeaturePull,
  buildProject,
  failedJob,
  jobLog,
  passedJob,
  runAction,
  workflowRunEvent,
  type ActionRun,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_ownershipToken0123456789abcdefABCDEF';
const MARKER = '<!-- ci-root-cause -->';
const STAMP = '<!-- ci-root-cause:workflow 55 -->';
let project: Project;

beforeAll(() => {
  project = buildProject(mkdtempSync(join(tmpdir(), 'crc-owner-')));
});

const emus: Emulator[] = [];
afterEach(async () => {
  for (const emu of emus.splice(0)) await emu.stop();
});

interface World {
  emu: Emulator;
  base: f.RepoState;
}

async function world(): Promise<World> {
  const emu = new Emulator({ token: TOKEN, gitDir: project.dir });
  await emu.start();
  emus.push(emu);
  return { emu, base: emu.addRepo('octo', 'demo') };
}

/** PR #7 (branch `feature`, head = the culprit) fails; PR #8 is another PR on another branch and commit. */
function scenario(w: World) {
  const pr7 = addFeaturePull(w.emu, project, w.base, { number: 7, title: 'Count characters' });
  const pr8 = w.emu.addPull({
    number: 8,
    title: 'Docs',
    state: 'open',
    headSha: project.innocent,
    headRef: 'docs',
    headRepo: w.base,
    baseRef: 'main',
    baseSha: project.green,
    baseRepo: w.base,
    author: 'someone',
  });
  const common = {
    workflowId: 55,
    event: 'pull_request',
    status: 'completed' as const,
    headBranch: 'feature',
    headRepo: w.base,
    repo: w.base,
    commitMessage: 'msg',
  };
  const log = jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'npx tsc --noEmit',
    output: project.tscOutput,
    exitCode: 2,
  });
  const failing = w.emu.addRun({
    ...common,
    id: 102,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.culprit,
    pullRequests: [pr7],
    jobs: [failedJob(5001, 'build', log)],
  });
  return { pr7, pr8, failing, common };
}

async function act(w: World, run: f.RunState, inputs: Record<string, string> = {}): Promise<ActionRun> {
  const res = await runAction({
    apiUrl: w.emu.urls.api,
    serverUrl: w.emu.server,
    repository: 'octo/demo',
    event: 'workflow_run',
    payload: workflowRunEvent(w, run),
    inputs: { 'github-token': TOKEN, comment: 'true', 'pr-number': '', ...inputs },
  });
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  return res;
}

const on = (w: World, pr: number) => w.emu.comments.filter((c) => c.issue === pr);

test('row 6: comments that quote the marker, or carry another workflow stamp, are not ours', async () => {
  const w = await world();
  const { failing } = scenario(w);
  const quoting = w.emu.addComment(
    7,
    'github-actions[bot]',
    `Welcome bot: thanks for "${MARKER} Count characters"!`,
  );
  const otherWorkflow = w.emu.addComment(
    7,
    'github-actions[bot]',
    `${MARKER}\n<!-- ci-root-cause:workflow 66 -->\nthe lint workflow's diagnosis`,
  );
  const before = on(w, 7).map((c) => ({ id: c.id, body: c.body }));
  await act(w, failing);
  const now = on(w, 7);
  // the two comments are untouched (not updated, not deleted) and ours is a third one
  for (const b of before) expect(now.find((c) => c.id === b.id)?.body).toBe(b.body);
  const mine = now.filter((c) => c.id !== quoting.id && c.id !== otherWorkflow.id);
  expect(mine).toHaveLength(1);
  expect(mine[0].body.startsWith(`${MARKER}\n${STAMP}\n`)).toBe(true);
  expect(mine[0].body).toContain('src/total.ts');
  expect(w.emu.apiRequests().filter((r) => r.method === 'PATCH' || r.method === 'DELETE')).toEqual([]);
});

test('row 5: a pr-number whose head is not the run is ignored: no comment there, a warning', async () => {
  const w = await world();
  const { failing } = scenario(w);
  const res = await act(w, failing, { 'pr-number': '8' });
  expect(on(w, 8)).toEqual([]);
  expect(on(w, 7)).toEqual([]);
  expect(res.stdout).toMatch(
    /::warning::pr-number 8 ignored: the head of pull request #8 \([0-9a-f]{7} on octo\/demo:docs\) is not the run's/,
  );
  // the report is still in the job summary and the outputs
  expect(res.summary).toContain('src/total.ts');
  expect(JSON.parse(res.outputs.suspects)).toContain('src/total.ts');
  // the PR's own number works (its head is the run's)
  await act(w, failing, { 'pr-number': '7' });
  expect(on(w, 7)).toHaveLength(1);
});

test('row 5: "Fixed" only on a green run of the PR head, never through another PR\'s pr-number', async () => {
  const w = await world();
  const { failing, common, pr7 } = scenario(w);
  await act(w, failing);
  const diagnosis = on(w, 7)[0].body;
  // PR #8 diagnosed by hand (its own head) …
  const failing8 = w.emu.addRun({
    ...common,
    id: 110,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.innocent,
    headBranch: 'docs',
    pullRequests: [],
    jobs: [
      failedJob(
        5101,
        'build',
        jobLog({
          start: '2026-11-20T11:00:00Z',
          command: 'npx tsc --noEmit',
          output: project.tscOutput,
          exitCode: 2,
        }),
      ),
    ],
  });
  await act(w, failing8, { 'pr-number': '8' });
  expect(on(w, 8)).toHaveLength(1);
  const diagnosis8 = on(w, 8)[0].body;
  // … then a green push run of ANOTHER commit, with pr-number 8: PR #8 is not "Fixed"
  const greenElsewhere = w.emu.addRun({
    ...common,
    id: 111,
    attempt: 1,
    event: 'push',
    conclusion: 'success',
    headSha: project.green,
    headBranch: 'main',
    pullRequests: [],
    jobs: [passedJob(5102, 'build')],
  });
  await act(w, greenElsewhere, { 'pr-number': '8' });
  expect(on(w, 8)[0].body).toBe(diagnosis8);
  // a green run on PR #7's branch whose commit is not the PR's head: not "Fixed" either
  const greenOlder = w.emu.addRun({
    ...common,
    id: 112,
    attempt: 1,
    conclusion: 'success',
    headSha: project.innocent,
    pullRequests: [{ ...pr7 }],
    jobs: [passedJob(5103, 'build')],
  });
  await act(w, greenOlder);
  expect(on(w, 7)[0].body).toBe(diagnosis);
  // the green run of the PR's head itself: "Fixed"
  const greenHead = w.emu.addRun({
    ...common,
    id: 113,
    attempt: 2,
    conclusion: 'success',
    headSha: project.culprit,
    pullRequests: [pr7],
    jobs: [passedJob(5104, 'build')],
  });
  await act(w, greenHead);
  expect(on(w, 7)[0].body).toContain(`Fixed in \`${project.culprit.slice(0, 12)}\``);
});
