// End-to-end, issue 6: a failed job whose log is tens of MB (the real output of a passing test run,
// repeated as a long verbose step would print it, then the real failing tsc step). The BUILT action
// reads it as a stream: the comment still names the failure at the end, linked to its job line and
// step, and the action's peak resident memory stays bounded (measured by a probe loaded before the
// bundle: process.resourceUsage().maxRSS at exit).
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import * as f from './emulator/factories.js';
import { validateResponses } from './emulator/openapi.js';
import {
  addFeaturePull,
  buildProject,
  expectWithinBudget,
  failedJob,
  jobLog,
  passedJob,
  ROOT,
  runAction,
  workflowRunEvent,
  type Project,
} from './emulator/scenario.js';

const TOKEN = 'ghs_e2eTestToken0123456789abcdefABCDEF';
/** Size of the generated log. */
const LOG_BYTES = 64 * 1024 * 1024;
/**
 * Peak resident memory allowed to the action, in MiB: the 128 MiB target of issue 6. Measured on this log
 * (node 20, 2 shared cores): 757 MiB (29.6 s) when each job log was read into a string and analysed whole;
 * 139–149 MiB (2.5–3.4 s) spooled to disk and read as a stream; 108–116 MiB (2.0–2.5 s) once the first
 * request no longer compiles undici's WebAssembly parser with the optimising compiler, the spooled log is
 * read into one reused buffer, its steps are found in its bytes, and the downloads' garbage is collected
 * (src/memory.ts). The same action on a 1 MiB log: 104–108 MiB.
 */
const PEAK_RSS_MIB = 128;

let project: Project;
let root: string;
let emu: Emulator;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'crc-e2e-big-'));
  project = buildProject(root);
  emu = new Emulator({ token: TOKEN, gitDir: project.dir });
  await emu.start();
});

afterAll(async () => {
  await emu?.stop();
});

/**
 * The job log of a run whose `npm test` step printed the real output of a passing node:test run (the
 * baseline fixture's green capture) over and over, before `tsc` failed: written to a file in ~1 MB
 * pieces. Returns where the tsc output starts in it.
 */
function bigJobLog(file: string) {
  const built = jobLog({
    start: '2026-11-20T10:00:00Z',
    command: 'npx tsc --noEmit',
    output: project.tscOutput,
    exitCode: 2,
    setup: ['npm test'],
  });
  const lines = built.log.replace(/\n$/, '').split('\n');
  const open = lines.findIndex((l) => l.endsWith('##[group]Run npm test'));
  const done = lines.findIndex((l, i) => i > open && l.endsWith(' done'));
  const stamp = lines[done].slice(0, lines[done].indexOf(' ') + 1);
  const green = readFileSync(join(ROOT, '__tests__/fixtures/baseline/captures/green.log'), 'utf8')
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => stamp + l)
    .join('\n');
  const fd = openSync(file, 'w');
  let bytes = 0;
  let inserted = 0;
  const write = (text: string) => {
    writeSync(fd, text);
    bytes += Buffer.byteLength(text);
  };
  write(lines.slice(0, done).join('\n') + '\n');
  const perGreen = green.split('\n').length;
  const piece = (green + '\n').repeat(Math.ceil((1 << 20) / (green.length + 1)));
  const perPiece = piece.split('\n').length - 1;
  while (bytes < LOG_BYTES) {
    write(piece);
    inserted += perPiece;
  }
  write(lines.slice(done).join('\n') + '\n');
  closeSync(fd);
  expect(inserted % perGreen).toBe(0);
  return { built, inserted, bytes };
}

test('a 64 MB job log: the failure at its end is named and linked, in bounded memory', async () => {
  const logFile = join(root, 'big-job.log');
  const { built, inserted, bytes } = bigJobLog(logFile);
  expect(bytes).toBeGreaterThanOrEqual(LOG_BYTES);
  const base = emu.addRepo('octo', 'demo');
  const pr = addFeaturePull(emu, project, base, { number: 7, title: 'Count characters' });
  const common = {
    workflowId: 55,
    event: 'pull_request',
    status: 'completed' as const,
    headBranch: 'feature',
    headRepo: base,
    repo: base,
    commitMessage: 'msg',
  };
  emu.addRun({
    ...common,
    id: 101,
    attempt: 1,
    conclusion: 'success',
    headSha: project.innocent,
    pullRequests: [pr],
    jobs: [passedJob(4001, 'build')],
  });
  const job: f.JobState = { ...failedJob(5001, 'build', built), log: undefined, logFile };
  const failing = emu.addRun({
    ...common,
    id: 102,
    attempt: 1,
    conclusion: 'failure',
    headSha: project.culprit,
    pullRequests: [pr],
    jobs: [passedJob(5000, 'lint'), job],
  });

  // The probe: the process's peak resident memory, written when it exits.
  const probe = join(root, 'rss-probe.cjs');
  const rssFile = join(root, 'rss');
  const runnerTemp = join(root, 'runner-temp');
  mkdirSync(runnerTemp);
  writeFileSync(
    probe,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.CRC_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  const t0 = Date.now();
  const res = await runAction({
    apiUrl: emu.urls.api,
    serverUrl: emu.server,
    repository: 'octo/demo',
    event: 'workflow_run',
    payload: workflowRunEvent({ emu, base }, failing),
    inputs: {
      'github-token': TOKEN,
      comment: 'true',
      'max-suspects': '5',
      'max-log-mb': '128',
      'run-id': '',
      'pr-number': '',
      rules: '',
    },
    env: { CRC_RSS_FILE: rssFile, RUNNER_TEMP: runnerTemp },
    execArgv: ['--require', probe],
  });
  const seconds = (Date.now() - t0) / 1000;
  const peakMiB = Number(readFileSync(rssFile, 'utf8')) / 1024;
  console.log(
    `${(bytes / 1024 / 1024).toFixed(0)} MiB job log: peak RSS ${peakMiB.toFixed(0)} MiB, ${seconds.toFixed(1)} s`,
  );
  expect(res.stderr).toBe('');
  expect(res.code).toBe(0);
  expectWithinBudget('64 MB log', emu.apiRequests().length, 1);
  expect(validateResponses(emu.responses)).toEqual([]);
  for (const r of emu.requests.filter((x) => x.host === 'blob')) expect(r.authorization).toBeUndefined();

  const body = emu.comments.find((c) => c.issue === 7 && c.body.includes('<!-- ci-root-cause -->'))!.body;
  expect(body).toContain(`\`build\` › step ${built.failingStep} \`Run npx tsc --noEmit\``);
  expect(body).toContain('src/total.ts');
  const report = JSON.parse(res.outputs.report);
  // Nothing was cut: the whole log was read (max-log-mb 128).
  expect(report.notes.join('\n')).not.toMatch(/max-log-mb/);
  // The tsc error, at the job log's own line (after the inserted lines), in its step.
  const finding = report.findings.find(
    (x: { file?: string; line?: number }) => x.file === 'src/total.ts' && x.line === 6,
  );
  expect(finding).toBeDefined();
  const outLine = built.log.split('\n').findIndex((l) => l.includes('src/total.ts(6,')) + 1 + inserted;
  expect(finding.logLines[0]).toBe(outLine);
  expect(finding.location).toMatchObject({
    jobId: 5001,
    step: built.failingStep,
    lineInStep: outLine - (built.firstOutputLine + inserted - built.firstOutputLineInStep),
  });
  expect(finding.location.url).toBe(
    `${emu.server}/octo/demo/actions/runs/102/job/5001#step:${built.failingStep}:${finding.location.lineInStep}`,
  );
  expect(JSON.parse(res.outputs.suspects).slice(0, 3)).toContain('src/total.ts');
  // The spooled log was removed from RUNNER_TEMP.
  expect(readdirSync(runnerTemp)).toEqual([]);
  expect(peakMiB).toBeLessThan(PEAK_RSS_MIB);
}, 240_000);
