// End-to-end: the action knows what the CLI knows (issue 15). A node:test assertion fails in
// test/cart.test.js because src/discounts.js changed (imported by src/cart.js, which the test imports):
// the log names only the test. The BUILT action reads those imports at head through the blobs API
// (src/github/context.ts) and the BUILT CLI reads them from the local repository (src/diff/imports-git.ts);
// both run the same function on them (src/diff/context.ts) and must rank the same suspects.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import { validateResponses } from './emulator/openapi.js';
import { commit, initRepo } from './emulator/git.js';
import {
  captureAt,
  expectWithinBudget,
  failedJob,
  jobLog,
  passedJob,
  runAction,
  runCli,
  workflowRunEvent,
} from './emulator/scenario.js';

const TOKEN = 'ghs_e2eContextToken0123456789abcdefABCDE';

const CART = `import { discountFor } from './discounts.js';

export function total(items) {
  const gross = items.reduce((sum, i) => sum + i.price * i.qty, 0);
  return Math.round(gross * (1 - discountFor(gross)) * 100) / 100;
}
`;
const discounts = (rate: string) => `// Volume discounts: 10% from 100.
export function discountFor(gross) {
  return gross >= 100 ? ${rate} : 0;
}
`;
const TEST = `import test from 'node:test';
import assert from 'node:assert/strict';
import { total } from '../src/cart.js';

test('a cart over 100 gets 10% off', () => {
  assert.equal(total([{ price: 60, qty: 2 }]), 108);
});

test('a small cart pays full price', () => {
  assert.equal(total([{ price: 5, qty: 3 }]), 15);
});
`;

let dir: string;
let green: string;
let culprit: string;
let head: string;
let output: string;

beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'crc-context-')), 'repo');
  initRepo(dir);
  green = commit(dir, 'Cart with volume discounts', {
    'package.json': '{ "name": "shop", "type": "module", "private": true }\n',
    'src/cart.js': CART,
    'src/discounts.js': discounts('0.1'),
    'test/cart.test.js': TEST,
    'README.md': '# shop\n',
  });
  commit(dir, 'docs: usage', { 'README.md': '# shop\n\nCall `total(items)`.\n' });
  culprit = commit(dir, 'feat: bigger discounts', { 'src/discounts.js': discounts('0.15') });
  commit(dir, 'docs: changelog', { 'CHANGELOG.md': '# Changes\n\n- Bigger discounts.\n' });
  head = commit(dir, 'docs: contributing', { 'CONTRIBUTING.md': '# Contributing\n\nRun `node --test`.\n' });
  const run = captureAt(dir, head, process.execPath, ['--test', '--test-reporter=spec', 'test/cart.test.js']);
  if (run.code === 0) throw new Error('the cart test unexpectedly passed');
  output = run.output;
});

test('a failure in a test that imports the changed file through an unchanged one: same suspects on both paths', async () => {
  const emu = new Emulator({ token: TOKEN, gitDir: dir });
  await emu.start();
  try {
    const base = emu.addRepo('octo', 'shop');
    const common = { workflowId: 77, status: 'completed' as const, headRepo: base, repo: base };
    emu.addRun({
      ...common,
      id: 300,
      attempt: 1,
      event: 'push',
      headBranch: 'main',
      conclusion: 'success',
      headSha: green,
      pullRequests: [],
      jobs: [passedJob(3000, 'test')],
      commitMessage: 'Cart with volume discounts',
    });
    const built = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: 'node --test --test-reporter=spec test/cart.test.js',
      output,
      exitCode: 1,
    });
    const failing = emu.addRun({
      ...common,
      id: 301,
      attempt: 1,
      event: 'push',
      headBranch: 'main',
      conclusion: 'failure',
      headSha: head,
      pullRequests: [],
      jobs: [failedJob(3010, 'test', built)],
      commitMessage: 'feat: bigger discounts',
    });
    const from = emu.requests.length;
    const res = await runAction({
      apiUrl: emu.urls.api,
      serverUrl: emu.server,
      repository: 'octo/shop',
      event: 'workflow_run',
      payload: workflowRunEvent({ emu, base }, failing),
      inputs: { 'github-token': TOKEN, comment: 'false' },
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const requests = emu.apiRequests(from);
    expectWithinBudget('context', requests.length, 1);
    // the test file and src/cart.js were read at head (src/discounts.js changed: not needed)
    const blobs = requests.filter((r) => r.template === '/repos/{owner}/{repo}/git/blobs/{file_sha}');
    expect(blobs.length).toBe(2);
    // four commits: which one changed the top suspect is read either from each commit's own file list (when
    // the budget allows it) or by asking which commits changed the top suspects (src/github/attribute.ts)
    const perCommit = requests.filter((r) => r.template === '/repos/{owner}/{repo}/commits/{ref}').length;
    const perSuspect = requests.filter((r) => r.template === '/repos/{owner}/{repo}/commits').length;
    expect(perCommit + perSuspect).toBeGreaterThan(0);
    expect(res.stdout).toMatch(/Repository context: 2 file\(s\) at head, 2 request\(s\), \d+ bytes/);
    const action = JSON.parse(res.outputs.report);
    expect(action.suspects[0].path).toBe('src/discounts.js');
    expect(action.verdict.origin).not.toBe('flaky');
    expect(action.suspects[0].reasons.join(' ')).toMatch(/src\/cart\.js/);

    const logFile = join(dir, '..', 'job.log');
    writeFileSync(logFile, built.log);
    const cli = await runCli(
      ['analyze', '--log', logFile, '--repo', dir, '--base', green, '--head', head, '--format', 'json'],
      {},
    );
    expect(cli.stderr).toBe('');
    const local = JSON.parse(cli.stdout);
    const ranked = (r: { suspects: { path: string; score: number }[] }) =>
      r.suspects.map((s) => [s.path, s.score]);
    expect(ranked(action)).toEqual(ranked(local));
    expect(local.commits[0].sha).toBe(culprit);
    expect(action.commits[0].sha).toBe(culprit);
    expect(validateResponses(emu.responses)).toEqual([]);
  } finally {
    await emu.stop();
  }
});
