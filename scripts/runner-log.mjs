#!/usr/bin/env node
// runner-log: runs real commands and writes their output framed the way a CI runner stores it, so
// fixtures are the real output of real tools in the real log format.
//
// Usage:
//   node scripts/runner-log.mjs [--format actions|gh|travis|plain] [--job NAME] [--plan FILE]
//        [--cwd DIR] [--env K=V]... [--path DIR]... [--keep-going]
//        [--step NAME] --run 'SCRIPT'  [[--cwd DIR] [--step NAME] --run 'SCRIPT']...
//        [[--step NAME] -- COMMAND ARGS...]
// writes the log to stdout; its own exit code is 0 unless its arguments are wrong.
//
// Steps: each `--run SCRIPT` is one step, run like a workflow `run:` step (`bash -e`, stderr merged
// into stdout); `-- COMMAND ARGS...` (last) is a step running that command. `--step NAME` names the
// next step (default: `Run <first line of the script>`, as GitHub names unnamed steps). `--cwd`,
// `--env` and `--path` apply to the steps that follow them. `--env` variables are shown in the step's
// `env:` block like workflow env; `--path DIR` is prepended to PATH silently (like a setup action).
// CI=true and GITHUB_ACTIONS=true are set, as on a runner. After a failing step the remaining steps
// are skipped (as GitHub does) unless --keep-going.
// `--plan FILE` reads {format?, job?, steps: [{name?, run, cwd?, env?}]} instead (paths relative to FILE).
//
// Formats:
//   actions  GitHub Actions job log (what the API and the web UI's raw log give): a BOM on the first
//            line, every line prefixed `YYYY-MM-DDTHH:MM:SS.fffffffZ `, each step
//            `##[group]Run <cmd>` + script lines + `shell: /usr/bin/bash -e {0}` (+ `env:`) +
//            `##[endgroup]`, the output split into lines the way the runner splits them (at \n, \r\n
//            AND bare \r), workflow commands (::error::, ::group::, ...) turned into `##[...]` lines,
//            and on failure `##[error]Process completed with exit code N.`
//   gh       `gh run view --log` / `--log-failed`: `<job>\t<step>\t<timestamp> <line>` for the same lines.
//   travis   a Travis CI job log as stored: terminal line ends (\r\n), bare-\r progress kept,
//            `travis_fold` / `travis_time` markers and `The command "..." exited with N.` lines;
//            a named step (--step) is a fold (install phase), an unnamed one a script command.
//   plain    the commands' output as it is, nothing added.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { StringDecoder } from 'node:string_decoder';

const USAGE =
  'usage: runner-log.mjs [--format actions|gh|travis|plain] [--job NAME] [--plan FILE] ' +
  '[--cwd DIR] [--env K=V] [--path DIR] [--keep-going] [--step NAME] (--run SCRIPT)... [-- COMMAND ARGS...]';

function fail(msg) {
  process.stderr.write(`runner-log: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function shellQuote(a) {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

function parseArgs(argv) {
  const opts = { format: 'actions', job: 'build', keepGoing: false, steps: [] };
  let cwd = process.cwd();
  let env = {};
  let paths = [];
  let name;
  const addStep = (run) => {
    opts.steps.push({ name, run, cwd, env: { ...env }, paths: [...paths] });
    name = undefined;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--format') opts.format = value();
    else if (a === '--job') opts.job = value();
    else if (a === '--cwd') cwd = resolve(value());
    else if (a === '--env') {
      const kv = value();
      const eq = kv.indexOf('=');
      if (eq <= 0) fail(`--env wants K=V, got '${kv}'`);
      env = { ...env, [kv.slice(0, eq)]: kv.slice(eq + 1) };
    } else if (a === '--path') paths = [...paths, resolve(value())];
    else if (a === '--step') name = value();
    else if (a === '--run') addStep(value());
    else if (a === '--keep-going') opts.keepGoing = true;
    else if (a === '--plan') {
      const file = resolve(value());
      const plan = JSON.parse(readFileSync(file, 'utf8'));
      if (plan.format) opts.format = plan.format;
      if (plan.job) opts.job = plan.job;
      for (const s of plan.steps ?? []) {
        opts.steps.push({
          name: s.name,
          run: s.run,
          cwd: resolve(dirname(file), s.cwd ?? '.'),
          env: { ...(s.env ?? {}) },
          paths: (s.path ?? []).map((p) => resolve(dirname(file), p)),
        });
      }
    } else if (a === '--') {
      if (i + 1 >= argv.length) fail('-- needs a command');
      addStep(
        argv
          .slice(i + 1)
          .map(shellQuote)
          .join(' '),
      );
      break;
    } else fail(`unknown option '${a}'`);
  }
  if (!['actions', 'gh', 'travis', 'plain'].includes(opts.format)) fail(`unknown format '${opts.format}'`);
  if (!opts.steps.length) fail('no step to run');
  return opts;
}

/** `2026-11-20T10:31:07.1234567Z`: the runner's 7 fractional digits. */
function timestamp() {
  const now = performance.timeOrigin + performance.now();
  const ms = Math.floor(now);
  const sub = String(Math.min(9999, Math.floor((now - ms) * 10000))).padStart(4, '0');
  return new Date(ms).toISOString().replace('Z', `${sub}Z`);
}

function nanoseconds() {
  return (BigInt(Math.floor((performance.timeOrigin + performance.now()) * 1000)) * 1000n).toString();
}

/** Runs one step's script; calls onData with decoded text chunks (stdout and stderr on one pipe). */
function runScript(step, onData) {
  return new Promise((resolvePromise) => {
    const env = { ...process.env, CI: 'true', GITHUB_ACTIONS: 'true', ...step.env };
    if (step.paths.length) env.PATH = [...step.paths, env.PATH ?? ''].join(':');
    const child = spawn('bash', ['--noprofile', '--norc', '-e', '-c', `exec 2>&1\n${step.run}`], {
      cwd: step.cwd,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const decoder = new StringDecoder('utf8');
    child.stdout.on('data', (b) => onData(decoder.write(b)));
    child.on('error', (e) => {
      onData(`${e.message}\n`);
      resolvePromise(127);
    });
    child.on('close', (code, signal) => {
      const rest = decoder.end();
      if (rest) onData(rest);
      resolvePromise(code ?? 128 + ((signal && constants.signals[signal]) || 1));
    });
  });
}

/** Splits text into lines the way the runner's reader does (\n, \r\n and bare \r end a line). */
class RunnerLines {
  constructor(emit) {
    this.emit = emit;
    this.buf = '';
    this.cr = false;
  }
  write(chunk) {
    for (const ch of chunk) {
      if (this.cr) {
        this.cr = false;
        if (ch === '\n') continue;
      }
      if (ch === '\n' || ch === '\r') {
        this.emit(this.buf);
        this.buf = '';
        this.cr = ch === '\r';
      } else this.buf += ch;
    }
  }
  end() {
    if (this.buf) this.emit(this.buf);
    this.buf = '';
  }
}

/** The runner's handling of workflow commands in output lines. */
function workflowCommand(line) {
  const m = /^::([a-z-]+)(?: [^:]*)?::(.*)$/.exec(line);
  if (!m) return line;
  const [, cmd, msg] = m;
  if (['error', 'warning', 'notice', 'group'].includes(cmd)) return `##[${cmd}]${msg}`;
  if (cmd === 'endgroup') return '##[endgroup]';
  if (['debug', 'add-mask', 'add-matcher', 'remove-matcher', 'set-output', 'save-state'].includes(cmd))
    return null;
  return line;
}

function stepTitle(step) {
  return step.name ?? `Run ${step.run.split('\n')[0]}`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const out = [];
  const write = (s) => out.push(s);
  let first = true;
  const timed = (step, line) => {
    const bom = first ? '\uFEFF' : '';
    first = false;
    if (opts.format === 'gh') write(`${opts.job}\t${stepTitle(step)}\t${timestamp()} ${line}\n`);
    else write(`${bom}${timestamp()} ${line}\n`);
  };
  let failed = 0;
  for (const step of opts.steps) {
    if (failed && !opts.keepGoing) break;
    if (opts.format === 'actions' || opts.format === 'gh') {
      if (opts.format === 'gh') first = false;
      timed(step, `##[group]Run ${step.run.split('\n')[0]}`);
      for (const l of step.run.replace(/\n$/, '').split('\n')) timed(step, `\x1b[36;1m${l}\x1b[0m`);
      timed(step, 'shell: /usr/bin/bash -e {0}');
      const env = Object.entries(step.env);
      if (env.length) {
        timed(step, 'env:');
        for (const [k, v] of env) timed(step, `  ${k}: ${v}`);
      }
      timed(step, '##[endgroup]');
      const lines = new RunnerLines((l) => {
        const c = workflowCommand(l);
        if (c !== null) timed(step, c);
      });
      const code = await runScript(step, (s) => lines.write(s));
      lines.end();
      if (code !== 0) {
        timed(step, `##[error]Process completed with exit code ${code}.`);
        failed = code;
      }
    } else if (opts.format === 'travis') {
      const id = Math.floor(Math.random() * 0xffffffff)
        .toString(16)
        .padStart(8, '0');
      const fold = step.name;
      if (fold) write(`travis_fold:start:${fold}\r\x1b[0K`);
      write(`travis_time:start:${id}\r\x1b[0K$ ${step.run}\r\n`);
      const start = nanoseconds();
      const code = await runScript(step, (s) => write(s.replace(/\r?\n/g, '\r\n')));
      const finish = nanoseconds();
      const duration = (BigInt(finish) - BigInt(start)).toString();
      write(`travis_time:end:${id}:start=${start},finish=${finish},duration=${duration}\r\x1b[0K`);
      if (fold) {
        if (code !== 0)
          write(`\r\n\x1b[31;1mThe command "${step.run}" failed and exited with ${code} during .\x1b[0m\r\n`);
        else write(`travis_fold:end:${fold}\r\x1b[0K`);
      } else {
        const colour = code === 0 ? '32;1' : '31;1';
        write(`\x1b[${colour}mThe command "${step.run}" exited with ${code}.\x1b[0m\r\n\r\n`);
      }
      if (code !== 0) failed = code;
    } else {
      const code = await runScript(step, write);
      if (code !== 0) failed = code;
    }
  }
  if (opts.format === 'travis') write(`\r\nDone. Your build exited with ${failed ? 1 : 0}.\r\n`);
  process.stdout.write(out.join(''));
}

main().catch((e) => fail(e && e.message ? e.message : String(e)));
