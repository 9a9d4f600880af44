// The request budget against a hostile or overloaded API (issue 16, rows 7 and 11): listings stop at a
// page that points back or at MAX_PAGES, a run never sends more than MAX_REQUESTS, and a secondary rate
// limit is never reported as a missing permission.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from '../e2e/emulator/server.js';
import { buildProject, failedJob, jobLog, passedJob, type Project } from '../e2e/emulator/scenario.js';
import { restClient } from '../../src/github/client.js';
import { getRun, listJobs } from '../../src/github/runs.js';
import { countRequests, MAX_REQUESTS, RequestBudget, RequestCapError } from '../../src/github/budget.js';
import { MAX_PAGES } from '../../src/github/pages.js';

const TOKEN = 'ghs_budgetTestToken00000000000000000000';
const repo = { owner: 'octo', repo: 'demo' };
const JOBS = /attempts\/\{attempt_number\}\/jobs$/;
let project: Project;
let emu: Emulator;

beforeAll(() => {
  project = buildProject(mkdtempSync(join(tmpdir(), 'crc-budget-')));
});
beforeEach(async () => {
  emu = new Emulator({ token: TOKEN, gitDir: project.dir });
  await emu.start();
  const base = emu.addRepo('octo', 'demo');
  const built = jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'npx tsc --noEmit',
    output: project.tscOutput,
    exitCode: 2,
  });
  emu.addRun({
    workflowId: 55,
    event: 'pull_request',
    status: 'completed',
    headBranch: 'feature',
    repo: base,
    headRepo: base,
    pullRequests: [],
    commitMessage: 'm',
    id: 7,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.culprit,
    jobs: [passedJob(69, 'lint'), failedJob(70, 'build', built)],
  });
});
afterEach(async () => {
  await emu.stop();
});

const api = () => restClient({ token: TOKEN, baseUrl: emu.urls.api, retryBaseMs: 1 });

describe('listings (row 7)', () => {
  test('a Link rel="next" pointing back to the page just read stops the listing at once', async () => {
    emu.fault({ route: JOBS, link: 'self' });
    const notes: string[] = [];
    const jobs = await listJobs(api(), repo, 7, 1, notes);
    expect(jobs.map((j) => j.id)).toEqual([69, 70]);
    expect(emu.apiRequests().length).toBe(2);
    expect(notes).toEqual([
      "The jobs of run 7: the server's next page pointed back to a page already read: the analysis used the jobs listed so far.",
    ]);
  });

  test('a next page that never ends stops at MAX_PAGES, each job once', async () => {
    emu.fault({ route: JOBS, link: 'endless' });
    const notes: string[] = [];
    const jobs = await listJobs(api(), repo, 7, 1, notes);
    expect(jobs.map((j) => j.id)).toEqual([69, 70]);
    expect(emu.apiRequests().length).toBe(MAX_PAGES);
    expect(notes).toEqual([
      `The jobs of run 7: only the first ${MAX_PAGES} pages were read: the analysis used the jobs listed so far.`,
    ]);
  });
});

test('no request is sent beyond the cap of a run', async () => {
  const client = api();
  const budget = new RequestBudget();
  countRequests(client, budget, 3);
  for (let i = 0; i < 3; i++) await getRun(client, repo, 7);
  await expect(getRun(client, repo, 7)).rejects.toThrow(RequestCapError);
  await expect(getRun(client, repo, 7)).rejects.toThrow(/cap of 3 GitHub API requests/);
  expect(emu.apiRequests().length).toBe(3);
  expect(MAX_REQUESTS).toBeGreaterThanOrEqual(2 * MAX_PAGES + 6 + 2 * 20);
});

describe('a secondary rate limit is a rate limit, never a missing permission (row 11)', () => {
  test.each([
    [
      'retry-after too long to wait',
      { 'retry-after': '3600' },
      'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
    ],
    ['retry-after with another message', { 'retry-after': '3600' }, 'Forbidden'],
    ['the abuse-detection message', {}, 'You have triggered an abuse detection mechanism.'],
  ])('%s', async (_name, headers, message) => {
    emu.fault({
      route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      status: 403,
      headers,
      body: { message },
    });
    const err = await getRun(api(), repo, 7).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/secondary rate limit hit while reading run 7 \(403\)/);
    expect(String((err as Error).message)).not.toMatch(/Permission missing/);
  });

  test('a secondary limit that persists after the retries: a rate limit too', async () => {
    emu.fault({
      route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      status: 403,
      headers: { 'retry-after': '1' },
      body: { message: 'You have exceeded a secondary rate limit.' },
    });
    const err = await getRun(api(), repo, 7).catch((e: Error) => e);
    expect(String((err as Error).message)).toMatch(/secondary rate limit hit/);
    // retried by the throttle (onSecondaryRateLimit) before giving up
    expect(emu.apiRequests().length).toBeGreaterThan(1);
  });
});
