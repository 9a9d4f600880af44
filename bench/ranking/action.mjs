// The ranking benchmark's second path: the BUILT action (dist/index.js, copied without node_modules) run
// as the runner runs it, against the local emulation of GitHub's REST API (__tests__/e2e/emulator, bundled
// here with esbuild), on the same repository and the same failing log as the CLI. Two runs of the workflow:
// a green push run at the green commit, then the failing push run at head (job log = the runner log).
// Returns the report (the `report` output), the requests the analysis sent and what the repository context
// cost (the action's own log line).
import { buildSync } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const TOKEN = 'ghs_benchRankingToken0123456789abcdefABCD';

let mod;
/** The emulator and the e2e helpers, bundled once (three folders below the root: scenario.ts finds dist/ from there). */
async function emulator() {
  if (mod) return mod;
  const out = join(HERE, '.emulator', 'emulator.mjs');
  mkdirSync(dirname(out), { recursive: true });
  buildSync({
    stdin: {
      contents: `export { Emulator } from './__tests__/e2e/emulator/server.ts';
export { validateResponses } from './__tests__/e2e/emulator/openapi.ts';
export { runAction, workflowRunEvent, passedJob } from './__tests__/e2e/emulator/scenario.ts';`,
      resolveDir: join(HERE, '../..'),
      loader: 'ts',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile: out,
    logLevel: 'error',
  });
  mod = await import(out);
  return mod;
}

/** The steps of an Actions job log, from its `##[group]Run …` lines (numbers from 2: 1 is "Set up job"). */
function stepsOf(log) {
  const lines = log.replace(/^\uFEFF/, '').split('\n');
  const stamp = (l) => /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)/.exec(l)?.[1];
  const first = stamp(lines[0]) ?? '2026-11-20T10:00:00';
  const last = stamp(lines.filter((l) => stamp(l)).pop() ?? '') ?? first;
  const steps = [
    {
      number: 1,
      name: 'Set up job',
      conclusion: 'success',
      startedAt: `${first}Z`,
      completedAt: `${first}Z`,
    },
  ];
  for (const l of lines) {
    const m = /^\S+ ##\[group\](Run .*)$/.exec(l);
    if (!m) continue;
    const at = `${stamp(l)}Z`;
    if (steps.length > 1) steps[steps.length - 1].completedAt = at;
    steps.push({
      number: steps.length + 1,
      name: m[1].slice(0, 100),
      conclusion: 'success',
      startedAt: at,
      completedAt: at,
    });
  }
  steps[steps.length - 1].completedAt = `${last}Z`;
  // the step that printed "Process completed with exit code" failed, the ones after it were skipped
  const failedAt = lines.findIndex((l) => /##\[error\]Process completed with exit code/.test(l));
  const failedStamp = failedAt >= 0 ? `${stamp(lines[failedAt])}Z` : undefined;
  let failed = false;
  for (const s of steps) {
    if (failed) s.conclusion = 'skipped';
    else if (failedStamp && s.number > 1 && s.startedAt <= failedStamp && failedStamp <= s.completedAt) {
      s.conclusion = 'failure';
      failed = true;
    }
  }
  if (!failed) steps[steps.length - 1].conclusion = 'failure';
  return steps;
}

/** Runs the built action on the failing log of a scenario; {report, requests, context, ms}. */
export async function runActionPath(dir, { green, head }, log, jobName = 'test') {
  const { Emulator, runAction, workflowRunEvent, passedJob, validateResponses } = await emulator();
  const emu = new Emulator({ token: TOKEN, gitDir: dir });
  await emu.start();
  try {
    const base = emu.addRepo('octo', 'bench');
    const common = {
      workflowId: 91,
      status: 'completed',
      headRepo: base,
      repo: base,
      event: 'push',
      headBranch: 'main',
      pullRequests: [],
    };
    emu.addRun({
      ...common,
      id: 500,
      attempt: 1,
      conclusion: 'success',
      headSha: green,
      jobs: [passedJob(5000, jobName)],
      commitMessage: 'green',
    });
    const steps = stepsOf(log);
    const failing = emu.addRun({
      ...common,
      id: 501,
      attempt: 1,
      conclusion: 'failure',
      headSha: head,
      commitMessage: 'head',
      jobs: [
        {
          id: 5010,
          name: jobName,
          conclusion: 'failure',
          steps,
          log,
          startedAt: steps[0].startedAt,
          completedAt: steps[steps.length - 1].completedAt,
        },
      ],
    });
    const started = Date.now();
    const res = await runAction({
      apiUrl: emu.urls.api,
      serverUrl: emu.server,
      repository: 'octo/bench',
      event: 'workflow_run',
      payload: workflowRunEvent({ emu, base }, failing),
      inputs: { 'github-token': TOKEN, comment: 'false', 'max-suspects': '10' },
    });
    const ms = Date.now() - started;
    if (res.code !== 0 || !res.outputs.report)
      throw new Error(
        `action exit ${res.code}: ${(res.stderr || res.stdout).trim().split('\n').slice(-2).join(' | ')}`,
      );
    const m =
      /Repository context: (\d+) file\(s\) at head, (\d+) request\(s\), (\d+) bytes, ([\d.]+) s(?:; (\d+) read)?/.exec(
        res.stdout,
      );
    const invalid = validateResponses(emu.responses);
    return {
      report: JSON.parse(res.outputs.report),
      requests: emu.apiRequests().length,
      context: m
        ? { files: +m[1], requests: +m[2], bytes: +m[3], seconds: +m[4], refused: +(m[5] ?? 0) }
        : null,
      ms,
      openapiErrors: invalid.length,
    };
  } finally {
    await emu.stop();
  }
}
