// Builds what an e2e test needs: a real git repository (green commit, an innocent commit, the culprit),
// a failing log produced by really running a tool (tsc, node) in it, wrapped in the runner's job-log
// framing, and runs the BUILT action (dist/index.js) as the runner would.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { constants as osConstants, tmpdir } from 'node:os';
import { join, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { commit, git, initRepo } from './git.js';
import {
  fullRepo,
  user,
  workflowRun,
  type JobState,
  type PullState,
  type RepoState,
  type RunState,
  type StepState,
} from './factories.js';
import type { Emulator } from './server.js';

export const ROOT = resolvePath(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

export const TSCONFIG = JSON.stringify(
  { compilerOptions: { strict: true, noEmit: true, target: 'ES2022', module: 'NodeNext' }, include: ['src'] },
  null,
  2,
);

export interface Project {
  dir: string;
  green: string;
  innocent: string;
  culprit: string;
  /** The real output of `tsc --noEmit --pretty false` at the culprit commit. */
  tscOutput: string;
  /** A second failure: `node scripts/check.mjs` throwing at the culprit commit. */
  nodeOutput: string;
}

/** Runs a command, returning its combined output and exit code (never throws). */
export function capture(cmd: string, args: string[], cwd: string): { output: string; code: number } {
  try {
    const out = execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { output: out, code: 0 };
  } catch (e) {
    const err = e as {
      stdout?: string;
      stderr?: string;
      status?: number | null;
      signal?: NodeJS.Signals | null;
    };
    // Killed by a signal: the exit status a shell (and so the runner) reports, 128 + the signal's number.
    const code = err.status ?? (err.signal ? 128 + (osConstants.signals[err.signal] ?? 0) : 1);
    return { output: `${err.stdout ?? ''}${err.stderr ?? ''}`, code };
  }
}

export function buildProject(root: string): Project {
  const dir = join(root, 'repo');
  initRepo(dir);
  const green = commit(dir, 'Initial project', {
    'tsconfig.json': TSCONFIG,
    'README.md': '# demo\n\nA small project.\n',
    'src/format.ts':
      'export function formatName(first: string, last: string): string {\n  return `${first} ${last}`;\n}\n',
    'src/total.ts':
      'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n',
    'src/index.ts':
      "import { formatName } from './format.js';\nimport { total } from './total.js';\n\nexport const who = formatName('Ada', 'Lovelace');\nexport const sum: number = total([1, 2, 3]);\n",
    'scripts/check.mjs':
      "const limits = { max: 10 };\nif (limits.max < 5) throw new Error('limit too low');\nconsole.log('ok');\n",
  });
  const innocent = commit(dir, 'docs: describe the project', {
    'README.md': '# demo\n\nA small project that formats names and adds numbers.\n',
  });
  const culprit = commit(dir, 'feat: count characters of the name', {
    'src/total.ts':
      'export function total(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0);\n}\n\nexport function count(name: string): string {\n  return name.length;\n}\n',
    'scripts/check.mjs':
      "const limits = { max: 3 };\nif (limits.max < 5) throw new Error('limit too low: ' + limits.max);\nconsole.log('ok');\n",
  });
  const tsc = capture(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], dir);
  if (tsc.code === 0) throw new Error('tsc unexpectedly passed at the culprit commit');
  const node = capture(process.execPath, ['scripts/check.mjs'], dir);
  if (node.code === 0) throw new Error('check.mjs unexpectedly passed');
  // main stays at the green commit; the work is on the branch `feature`.
  git(dir, ['branch', 'feature', culprit]);
  git(dir, ['reset', '-q', '--hard', green]);
  return { dir, green, innocent, culprit, tscOutput: tsc.output, nodeOutput: node.output };
}

/** The real output of tsc at a commit (checked out in a scratch worktree). */
export function tscAt(dir: string, sha: string): string {
  return captureAt(dir, sha, process.execPath, [TSC, '-p', '.', '--pretty', 'false']).output;
}

/** Runs a command in a scratch worktree of the repository at `sha`: its real output and exit code. */
export function captureAt(
  dir: string,
  sha: string,
  cmd: string,
  args: string[],
): { output: string; code: number } {
  const wt = mkdtempSync(join(tmpdir(), 'crc-wt-'));
  git(dir, ['worktree', 'add', '-q', '--detach', wt, sha]);
  try {
    return capture(cmd, args, wt);
  } finally {
    git(dir, ['worktree', 'remove', '--force', wt]);
  }
}

/**
 * The request budget of one analysis (src/github/budget.ts): 6 + 4 (failure memory) + 2 × (failed jobs),
 * plus 32 reads of files at head for the repository context.
 */
export const requestBudget = (failedJobs: number): number => 10 + 2 * Math.max(1, failedJobs) + 32;

/** Fails the test when an analysis sent more API requests than its budget allows. */
export function expectWithinBudget(label: string, requests: number, failedJobs: number): void {
  const limit = requestBudget(failedJobs);
  if (requests > limit)
    throw new Error(
      `${label}: ${requests} API requests, over the budget of ${limit} (6 + 4 + 2 × ${failedJobs} failed jobs + 32 context reads)`,
    );
}

const FAILED = new Set(['failure', 'timed_out', 'startup_failure']);

/** The failed jobs of a run of the emulator, as the action counts them (cancelled ones when none failed). */
export function failedJobsOf(run: { jobs: JobState[] } | undefined): number {
  if (!run) return 0;
  const failed = run.jobs.filter((j) => FAILED.has(j.conclusion)).length;
  return failed || run.jobs.filter((j) => j.conclusion === 'cancelled').length;
}

/** Moves the repository to a new branch with one more commit (fork PR, feature branches). */
export function branchCommit(
  dir: string,
  branch: string,
  from: string,
  message: string,
  files: Record<string, string | null>,
): string {
  git(dir, ['checkout', '-q', '-B', branch, from]);
  const sha = commit(dir, message, files);
  git(dir, ['checkout', '-q', 'main']);
  return sha;
}

export interface BuiltLog {
  log: string;
  steps: StepState[];
  /** Step number of the failing command, and the line within that step of each tool output line. */
  failingStep: number;
  /** 1-based line in the job log of the first line of the tool output. */
  firstOutputLine: number;
  /** Line within the failing step of the first line of the tool output. */
  firstOutputLineInStep: number;
}

const pad7 = (n: number) => String(n).padStart(7, '0');

/**
 * Frames real tool output as the runner writes a job log: BOM, 7-digit timestamps, `##[group]Run …`
 * per step, ANSI in the echoed command, `##[error]Process completed with exit code N.`, post steps.
 */
export function jobLog(opts: {
  start: string;
  command: string;
  output: string;
  exitCode: number;
  setup?: string[];
  /**
   * What the RUNNER writes when the step ends, instead of `##[error]Process completed with exit code N.`
   * (e.g. its time-limit and cancellation lines: only GitHub writes those, so they are framed here).
   */
  runnerEnd?: string[];
}): BuiltLog {
  let t = Date.parse(opts.start);
  const lines: string[] = [];
  const stamp = () => {
    t += 37;
    const d = new Date(t);
    return `${d.toISOString().slice(0, 19)}.${pad7((d.getMilliseconds() * 10000) % 10_000_000)}Z`;
  };
  const iso = () => new Date(t).toISOString().replace(/\.\d+Z$/, 'Z');
  const push = (text: string) => lines.push(`${stamp()} ${text}`);
  const steps: StepState[] = [];
  const step = (name: string, body: () => void, conclusion: StepState['conclusion'] = 'success') => {
    t = Math.ceil(t / 1000) * 1000 + 1000;
    const startedAt = iso();
    body();
    steps.push({ number: steps.length + 1, name, conclusion, startedAt, completedAt: iso() });
  };
  step('Set up job', () => {
    push("Current runner version: '2.330.0'");
    push('##[group]Operating System');
    push('Ubuntu');
    push('24.04.1');
    push('##[endgroup]');
    push('Prepare workflow directory');
  });
  step('Run actions/checkout@v4', () => {
    push('##[group]Run actions/checkout@v4');
    push('with:');
    push('##[endgroup]');
    push('Syncing repository: octo/demo');
    push('##[group]Getting Git version info');
    push('git version 2.47.0');
    push('##[endgroup]');
  });
  for (const s of opts.setup ?? []) {
    step(`Run ${s}`, () => {
      push(`##[group]Run ${s}`);
      push(`\u001b[36;1m${s}\u001b[0m`);
      push('shell: /usr/bin/bash -e {0}');
      push('##[endgroup]');
      push('done');
    });
  }
  let firstOutputLine = 0;
  let firstOutputLineInStep = 0;
  const failingStep = steps.length + 1;
  step(
    `Run ${opts.command}`,
    () => {
      const stepStart = lines.length + 1;
      push(`##[group]Run ${opts.command}`);
      push(`\u001b[36;1m${opts.command}\u001b[0m`);
      push('shell: /usr/bin/bash -e {0}');
      push('##[endgroup]');
      firstOutputLine = lines.length + 1;
      firstOutputLineInStep = firstOutputLine - stepStart + 1;
      for (const l of opts.output.replace(/\n$/, '').split('\n')) push(l);
      for (const l of opts.runnerEnd ?? [`##[error]Process completed with exit code ${opts.exitCode}.`])
        push(l);
    },
    'failure',
  );
  step('Post Run actions/checkout@v4', () => {
    push('Post job cleanup.');
    push('[command]/usr/bin/git version');
  });
  step('Complete job', () => {
    push('Cleaning up orphan processes');
  });
  return {
    log: '\uFEFF' + lines.join('\n') + '\n',
    steps,
    failingStep,
    firstOutputLine,
    firstOutputLineInStep,
  };
}

export function failedJob(id: number, name: string, built: BuiltLog): JobState {
  return {
    id,
    name,
    conclusion: 'failure',
    steps: built.steps,
    log: built.log,
    startedAt: built.steps[0].startedAt,
    completedAt: built.steps[built.steps.length - 1].completedAt,
  };
}

export function passedJob(id: number, name: string, start = '2026-11-20T10:00:00Z'): JobState {
  return {
    id,
    name,
    conclusion: 'success',
    steps: [{ number: 1, name: 'Set up job', conclusion: 'success', startedAt: start, completedAt: start }],
    log: `${start.replace('Z', '.0000000Z')} ok\n`,
    startedAt: start,
    completedAt: start,
  };
}

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/** Copies dist/ alone (no node_modules) into a fresh folder once. */
let actionDir: string | undefined;
export function installedAction(): string {
  if (!actionDir) {
    actionDir = mkdtempSync(join(tmpdir(), 'crc-action-'));
    cpSync(join(ROOT, 'dist'), join(actionDir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'action.yml'), join(actionDir, 'action.yml'));
  }
  return actionDir;
}

/** Parses the GITHUB_OUTPUT file (`name<<DELIM` … `DELIM` blocks). */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<=]+)<<(.+)$/.exec(lines[i]);
    if (m) {
      const end = lines.indexOf(m[2], i + 1);
      out[m[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i].includes('=')) {
      const k = lines[i].indexOf('=');
      out[lines[i].slice(0, k)] = lines[i].slice(k + 1);
    }
  }
  return out;
}

/** Runs dist/index.js exactly as the runner does: env, event file, INPUT_* with hyphens kept, an EMPTY workspace. */
export async function runAction(opts: {
  apiUrl: string;
  serverUrl: string;
  repository: string;
  event: string;
  payload: unknown;
  inputs: Record<string, string>;
  /** Extra environment (e.g. CI_ROOT_CAUSE_RETRY_BASE_MS to time the back-off). */
  env?: Record<string, string>;
  /** Options for node before the bundle (e.g. `--require` of a probe). */
  execArgv?: string[];
}): Promise<ActionRun> {
  const dir = installedAction();
  const work = mkdtempSync(join(tmpdir(), 'crc-job-'));
  const workspace = join(work, 'workspace');
  mkdirSync(workspace);
  const eventPath = join(work, 'event.json');
  const outputPath = join(work, 'output');
  const summaryPath = join(work, 'summary');
  writeFileSync(eventPath, JSON.stringify(opts.payload));
  writeFileSync(outputPath, '');
  writeFileSync(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: work,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: opts.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: opts.repository,
    GITHUB_API_URL: opts.apiUrl,
    GITHUB_SERVER_URL: opts.serverUrl,
    GITHUB_GRAPHQL_URL: `${opts.apiUrl}/graphql`,
    GITHUB_WORKSPACE: workspace,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_RUN_ID: '999999',
    RUNNER_TEMP: work,
    CI_ROOT_CAUSE_RETRY_BASE_MS: '5',
  };
  for (const [k, v] of Object.entries(opts.inputs)) env[`INPUT_${k.toUpperCase()}`] = v;
  Object.assign(env, opts.env ?? {});
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(opts.execArgv ?? []), join(dir, 'dist', 'index.js')], {
      cwd: workspace,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({
        code: code ?? -1,
        stdout,
        stderr,
        outputs: parseOutputs(readFileSync(outputPath, 'utf8')),
        summary: readFileSync(summaryPath, 'utf8'),
      }),
    );
  });
}

/** Runs the built CLI (dist/cli.js) with the given arguments and environment. */
export async function runCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = installedAction();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(dir, 'dist', 'cli.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), CI_ROOT_CAUSE_RETRY_BASE_MS: '5', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The open same-repository pull request `feature` → `main` whose head is the project's culprit commit. */
export function addFeaturePull(
  emu: Emulator,
  project: Project,
  base: RepoState,
  pr: { number: number; title: string },
): PullState {
  return emu.addPull({
    ...pr,
    state: 'open',
    headSha: project.culprit,
    headRef: 'feature',
    headRepo: base,
    baseRef: 'main',
    baseSha: project.green,
    baseRepo: base,
    author: 'octo-dev',
  });
}

/** The `workflow_run` (completed) event of a run, as GitHub delivers it to the workflow that analyses it. */
export function workflowRunEvent(w: { emu: Emulator; base: RepoState }, run: RunState) {
  return {
    action: 'completed',
    workflow_run: workflowRun(w.emu.urls, run),
    workflow: { id: run.workflowId, name: run.name, path: run.path, state: 'active' },
    repository: fullRepo(w.emu.urls, w.base),
    sender: user(w.emu.urls, 'octo-dev', 501),
  };
}
