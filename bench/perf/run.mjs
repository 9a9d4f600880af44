// `npm run bench:perf [-- --sizes 1,10,100,200] [--runs 5] [--no-pathological] [--write]`
//
// Builds large logs in the temp folder by concatenating the real logs of ../shared/data (or the project's
// own captured fixtures when that folder is absent), then, for each, in the same run: the CLI
// (`node dist/cli.js analyze --log FILE --format json`, after `npm run build`), `grep -c -iE
// 'error|fail|exception'` (the floor of one pass) and the naive Node.js reference (bench/perf/naive.mjs:
// read whole, split, regex per line). Prints wall time, throughput, peak RSS (GNU time's maximum resident
// set size) and the ratio to grep, checks linearity (time per MB at the largest size against 10 MB), and
// the largest log still read whole (the whole-read path's worst case), and the pathological inputs: one 50 MB line without a newline, a million identical lines, binary garbage, a
// log of only ANSI sequences. Each measurement is repeated `--runs` times (CLI and grep alternately) and the
// median kept: the machine may be shared. The last lines say whether the targets hold. With --write, the
// table goes to bench/perf/RESULTS.md.
import { spawnSync, execFileSync } from 'node:child_process';
import {
  existsSync,
  readFileSync,
  mkdtempSync,
  rmSync,
  writeFileSync,
  openSync,
  writeSync,
  closeSync,
  statSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLines, buildLog, option, sourceLogs } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, def) => option(name, def, args);
const sizes = opt('--sizes', '1,10,100,200').split(',').map(Number);
const write = args.includes('--write');
const pathological = !args.includes('--no-pathological');
const runs = Math.max(1, Number(opt('--runs', '5')) || 1);
const MiB = 1024 * 1024;
/** The defaults of src/log/stream.ts (wholeBytes, wholeLines): a log within both is read whole. */
const WHOLE_BYTES = 4 * MiB;
const WHOLE_LINES = 40_000;

const TIME = '/usr/bin/time';
if (!existsSync(TIME)) {
  console.error('bench:perf needs GNU time at /usr/bin/time (apt-get install -y time)');
  process.exit(2);
}
execFileSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });

/** Runs a command under GNU time: wall seconds, peak RSS bytes, exit status, stdout. */
function measure(cmd, cmdArgs) {
  const r = spawnSync(TIME, ['-f', '@@%e %M %U %S', cmd, ...cmdArgs], {
    cwd: root,
    maxBuffer: 256 * MiB,
    encoding: 'utf8',
  });
  const m = /@@([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(r.stderr ?? '');
  return {
    seconds: m ? Number(m[1]) : NaN,
    cpu: m ? Number(m[3]) + Number(m[4]) : NaN,
    rss: m ? Number(m[2]) * 1024 : NaN,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
  };
}

/** The run of median wall time among measurements (the highest peak RSS of all). */
function middle(all) {
  const sorted = [...all].sort((x, y) => x.seconds - y.seconds);
  const mid = sorted[(sorted.length - 1) >> 1];
  return { ...mid, rss: Math.max(...all.map((r) => r.rss)) };
}

/** The run of median wall time among `runs` measurements (each made by `once`). */
function median(once) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(once());
  return middle(all);
}

/**
 * `runs` measurements of each of `a` and `b`, made alternately (a machine whose speed changes over a
 * minute slows both alike), and the median of each.
 */
function sideBySide(a, b) {
  const as = [];
  const bs = [];
  for (let i = 0; i < runs; i++) {
    as.push(a());
    bs.push(b());
  }
  return [middle(as), middle(bs)];
}

function analyze(file, extra = []) {
  const r = measure(process.execPath, [
    join(root, 'dist', 'cli.js'),
    'analyze',
    '--log',
    file,
    '--format',
    'json',
    ...extra,
  ]);
  let findings = NaN;
  try {
    findings = JSON.parse(r.stdout).findings.length;
  } catch {
    // reported as NaN
  }
  return { ...r, findings };
}

const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-perf-'));
const rows = [];
const out = [];
const say = (s) => {
  console.log(s);
  out.push(s);
};
try {
  const { from, files } = sourceLogs(root);
  say(
    `Logs built from ${files.length} real logs of ${from}; machine: ${process.platform} ${process.arch}, node ${process.version}.\n`,
  );
  const load = () =>
    loadavg()
      .map((x) => x.toFixed(1))
      .join(' ');
  say(
    `Load average (1, 5, 15 min) at the start: ${load()} (the machine is shared: compare CPU s as well).\n`,
  );
  say(
    '| log | MB | analysis s | CPU s | MB/s | peak RSS MiB | findings | grep s | grep CPU s | analysis / grep | CPU / grep CPU | naive s | naive RSS MiB |',
  );
  say('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const perMb = {};
  for (const mb of sizes) {
    const file = join(dir, `concat-${mb}.log`);
    buildLog(files, mb * 1e6, file);
    const [a, g] = sideBySide(
      () => analyze(file),
      () => measure('grep', ['-c', '-iE', 'error|fail|exception', file]),
    );
    const nv = measure(process.execPath, [join(root, 'bench', 'perf', 'naive.mjs'), file]);
    perMb[mb] = a.seconds / mb;
    rows.push({ mb, a, g, nv });
    say(
      `| concatenated | ${mb} | ${a.seconds.toFixed(2)} | ${a.cpu.toFixed(2)} | ${(mb / a.seconds).toFixed(1)} | ${(a.rss / MiB).toFixed(0)} | ${a.findings} | ${g.seconds.toFixed(2)} | ${g.cpu.toFixed(2)} | ${(a.seconds / Math.max(g.seconds, 0.01)).toFixed(1)}× | ${(a.cpu / Math.max(g.cpu, 0.01)).toFixed(1)}× | ${nv.seconds.toFixed(2)} | ${(nv.rss / MiB).toFixed(0)} |`,
    );
    rmSync(file, { force: true });
  }
  // The whole-read path (src/log/stream.ts): a log within wholeBytes AND wholeLines is held and read as one
  // document, which costs ~1 KiB of heap per line at its peak, so its worst case is the largest log it
  // still takes: real lines of ~105 bytes up to both bounds at once; then the same with a 10 MB green log
  // as --baseline-log (read after it, while its document is alive). Beside them, the same lines up to the
  // old bounds (8 MiB, 50,000 lines), now past them and read in windows.
  say(
    '\n| whole-read bound (real lines of 52–157 characters) | MB | lines | analysis s | CPU s | peak RSS MiB | findings |',
  );
  say('|---|---|---|---|---|---|---|');
  const green = join(dir, 'green-10.log');
  buildLog(files, 10e6, green);
  const wholeName = `largest log read whole (≤ ${WHOLE_BYTES / MiB} MiB and ≤ ${WHOLE_LINES.toLocaleString('en-US')} lines)`;
  for (const [name, maxBytes, maxLines, extra] of [
    [wholeName, WHOLE_BYTES, WHOLE_LINES, []],
    [`${wholeName}, --baseline-log of 10 MB`, WHOLE_BYTES, WHOLE_LINES, ['--baseline-log', green]],
    ['the same lines up to 8 MiB / 50,000 lines (read in windows)', 8 * MiB, 50_000, []],
  ]) {
    const file = join(dir, 'whole.log');
    const { bytes, lines } = buildLines(files, maxBytes, maxLines, file);
    const a = median(() => analyze(file, extra));
    rows.push({ mb: bytes / 1e6, a, whole: true });
    say(
      `| ${name} | ${(bytes / 1e6).toFixed(1)} | ${lines} | ${a.seconds.toFixed(2)} | ${a.cpu.toFixed(2)} | ${(a.rss / MiB).toFixed(0)} | ${a.findings} |`,
    );
    rmSync(file, { force: true });
  }
  rmSync(green, { force: true });

  const big = Math.max(...sizes);
  if (perMb[10] && perMb[big] && big !== 10)
    say(
      `\nLinearity: ${(perMb[big] * 1000).toFixed(0)} ms/MB at ${big} MB against ${(perMb[10] * 1000).toFixed(0)} ms/MB at 10 MB (ratio ${(perMb[big] / perMb[10]).toFixed(2)}; ≤ 1 means no growth beyond linear).`,
    );
  const largest = rows.find((r) => !r.whole && r.mb === big);
  const peak = Math.max(...rows.map((r) => r.a.rss)) / MiB;
  if (largest) {
    const ratio = largest.a.seconds / Math.max(largest.g.seconds, 0.01);
    say(
      `\nTargets (median of ${runs} run${runs === 1 ? '' : 's'}): analysis / grep at ${big} MB ${ratio.toFixed(1)}× (≤ 4: ${ratio <= 4 ? 'met' : 'NOT met'}); ` +
        `peak RSS over every log above ${peak.toFixed(0)} MiB (≤ 128: ${peak <= 128 ? 'met' : 'NOT met'}); ` +
        `linear growth: ${perMb[10] && perMb[big] / perMb[10] <= 1.2 ? 'met' : perMb[10] ? 'NOT met' : 'not measured (no 10 MB size)'}.`,
    );
  }

  if (pathological) {
    say('\n| pathological input | MB | analysis s | CPU s | peak RSS MiB | exit | findings |');
    say('|---|---|---|---|---|---|---|');
    const cases = [
      [
        'one 50 MB line without a newline, starting with an error',
        (f) => {
          const fd = openSync(f, 'w');
          writeSync(fd, 'Error: boom at the start of a huge line ');
          const chunk = 'x'.repeat(MiB);
          for (let i = 0; i < 50; i++) writeSync(fd, chunk);
          closeSync(fd);
        },
      ],
      [
        'a million identical error lines',
        (f) => {
          const fd = openSync(f, 'w');
          const block = 'Error: connect ECONNREFUSED 127.0.0.1:5432\n'.repeat(10_000);
          for (let i = 0; i < 100; i++) writeSync(fd, block);
          closeSync(fd);
        },
      ],
      [
        '50 MB of binary garbage, then an error',
        (f) => {
          const fd = openSync(f, 'w');
          let x = 12345;
          const buf = Buffer.alloc(MiB);
          for (let i = 0; i < 50; i++) {
            for (let k = 0; k < buf.length; k++) {
              x = (x * 1103515245 + 12345) & 0x7fffffff;
              buf[k] = x >> 16;
            }
            writeSync(fd, buf);
          }
          writeSync(
            fd,
            "\nsrc/index.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n",
          );
          closeSync(fd);
        },
      ],
      [
        '50 MB of only ANSI sequences',
        (f) => {
          const fd = openSync(f, 'w');
          const line = '\x1b[31m\x1b[1m\x1b[0m\x1b[2K\x1b[1G\x1b[?25l\x1b[0m\n';
          const block = line.repeat(Math.floor(MiB / line.length));
          for (let i = 0; i < 50; i++) writeSync(fd, block);
          closeSync(fd);
        },
      ],
    ];
    for (const [name, make] of cases) {
      const file = join(dir, 'pathological.log');
      make(file);
      const mb = statSync(file).size / 1e6;
      const a = median(() => analyze(file));
      say(
        `| ${name} | ${mb.toFixed(0)} | ${a.seconds.toFixed(2)} | ${a.cpu.toFixed(2)} | ${(a.rss / MiB).toFixed(0)} | ${a.status} | ${a.findings} |`,
      );
      rmSync(file, { force: true });
    }
  }
  say(`\nLoad average at the end: ${load()}.`);
  if (write) {
    const target = join(root, 'bench', 'perf', 'RESULTS.md');
    const before = existsSync(target) ? readFileSync(target, 'utf8') : '';
    const at = before.search(/^## /m);
    const kept = at >= 0 ? before.slice(at).trimEnd() + '\n' : '';
    const md = [
      '# Performance: streaming analysis against one grep pass',
      '',
      `Measured by \`npm run bench:perf -- --write\` (bench/perf/run.mjs); median of ${runs} run${runs === 1 ? '' : 's'} per figure, the CLI and grep run alternately.`,
      'Targets (issue 6): analysis ≤ 4 × grep on the 200 MB file, peak RSS ≤ 128 MiB at every size, linear growth.',
      '',
      ...out,
      '',
      // The notes written by hand (from the first `## ` heading on) survive a new measurement.
      ...(kept ? ['', kept] : []),
    ].join('\n');
    writeFileSync(target, md);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
