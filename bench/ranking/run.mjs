#!/usr/bin/env node
// The ranking benchmark (`npm run bench:ranking`): builds real failing projects in several languages into
// a temporary folder (each a git repository: a green commit, then 1-20 commits one of which breaks it),
// runs the real tool to get the failing log (framed as a GitHub Actions log by scripts/runner-log.mjs),
// runs the CLI on it as a user would, and scores where the culprit file and commit rank.
//
// Usage: node bench/ranking/run.mjs [--cli dist/cli.js] [--only SUBSTR[,SUBSTR...]] [--jobs N] [--keep] [--write] [--check-green]
//   --check-green  also runs the steps at the green commit and drops a scenario whose green fails
//   --from FILE    only re-renders RESULTS.md from a results.json
//   --write   also writes bench/ranking/RESULTS.md and results.json (the committed figures)
//   --keep    keeps the temporary folder (its path is printed)
// Caches nothing outside the temporary folder; a language whose toolchain is missing is skipped (said so).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { VOCABS, buildRepository, checkout, cleanTree, numstat, runSteps } from './lib.mjs';
import { typescriptScenarios } from './templates/typescript.mjs';
import { javascriptScenarios } from './templates/javascript.mjs';
import { pythonScenarios } from './templates/python.mjs';
import { rustScenarios } from './templates/rust.mjs';
import { goScenarios } from './templates/go.mjs';
import { javaScenarios } from './templates/java.mjs';
import { cScenarios } from './templates/c.mjs';
import { largeScenarios } from './templates/large.mjs';
import { variedScenarios } from './templates/varied.mjs';
import { reachScenarios } from './templates/reach.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const { values: opts } = parseArgs({
  options: {
    cli: { type: 'string', default: join(ROOT, 'dist/cli.js') },
    only: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    keep: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    'check-green': { type: 'boolean', default: false },
    from: { type: 'string' },
    verbose: { type: 'boolean', short: 'v', default: false },
  },
});

const TOOLCHAINS = {
  node: {
    cmds: [
      ['node', '--version'],
      [join(ROOT, 'node_modules/.bin/tsc'), '--version'],
    ],
    what: 'node + tsc (npm ci)',
  },
  python: { cmds: [['python3', '-m', 'pytest', '--version']], what: 'python3 + pytest' },
  rust: { cmds: [['cargo', '--version']], what: 'cargo' },
  go: { cmds: [['go', 'version']], what: 'go (apt-get install golang-go)' },
  java: {
    cmds: [
      ['javac', '-version'],
      ['java', '-version'],
    ],
    what: 'javac + java',
  },
  c: {
    cmds: [
      ['gcc', '--version'],
      ['make', '--version'],
    ],
    what: 'gcc + make',
  },
};
function available(tc) {
  return TOOLCHAINS[tc].cmds.every(([c, ...a]) => spawnSync(c, a, { stdio: 'ignore' }).status === 0);
}

const work = mkdtempSync(join(tmpdir(), 'ci-rc-bench-'));
const cacheEnv = {
  ...process.env,
  CI: 'true',
  GOCACHE: join(work, '.cache/go-build'),
  GOPATH: join(work, '.cache/gopath'),
  GOFLAGS: '-mod=mod',
  GOTOOLCHAIN: 'local',
  GOPROXY: 'off',
  CARGO_TARGET_DIR: join(work, '.cache/cargo-target'),
  CARGO_NET_OFFLINE: 'true',
  npm_config_cache: join(work, '.cache/npm'),
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHONPYCACHEPREFIX: join(work, '.cache/pycache'),
  PATH: `${join(ROOT, 'node_modules/.bin')}:${process.env.PATH}`,
};

const all = [
  ...typescriptScenarios(VOCABS),
  ...javascriptScenarios(VOCABS),
  ...pythonScenarios(VOCABS),
  ...rustScenarios(VOCABS),
  ...goScenarios(VOCABS),
  ...javaScenarios(VOCABS),
  ...cScenarios(VOCABS),
  ...largeScenarios(VOCABS),
  ...variedScenarios(VOCABS),
  ...reachScenarios(VOCABS),
];
const ids = new Set();
for (const s of all) {
  if (ids.has(s.id)) throw new Error(`duplicate scenario id ${s.id}`);
  ids.add(s.id);
}
const selected = all.filter((s) => !opts.only || opts.only.split(',').some((x) => s.id.includes(x)));
const skippedLangs = new Map();
const okToolchain = new Map();
for (const s of selected) {
  if (!okToolchain.has(s.toolchain)) okToolchain.set(s.toolchain, available(s.toolchain));
  if (!okToolchain.get(s.toolchain)) skippedLangs.set(s.lang, TOOLCHAINS[s.toolchain].what);
}

function runnerLog(dir, sc) {
  const args = [
    join(ROOT, 'scripts/runner-log.mjs'),
    '--format',
    'actions',
    '--job',
    sc.job ?? 'test',
    '--cwd',
    dir,
  ];
  for (const st of sc.steps) {
    if (st.name) args.push('--step', st.name);
    args.push('--run', st.run);
  }
  return execFileSync(process.execPath, args, {
    env: cacheEnv,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 300_000,
  });
}

function runCli(logFile, dir, green) {
  const r = spawnSync(
    process.execPath,
    [
      opts.cli,
      'analyze',
      '--log',
      logFile,
      '--repo',
      dir,
      '--base',
      green,
      '--format',
      'json',
      '--max-suspects',
      '10',
    ],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`CLI exit ${r.status}: ${r.stderr.trim().split('\n')[0]}`);
  return JSON.parse(r.stdout);
}

const rankOf = (list, culprit) => {
  const i = list.indexOf(culprit);
  return i < 0 ? Infinity : i + 1;
};

/** Naive baselines over the changed files: by lines changed; by first mention of the path (or its base name) in the log. */
function baselines(changed, logText, culprits) {
  const rankOfAny = (list) => Math.min(...culprits.map((c) => rankOf(list, c)));
  const byLines = [...changed]
    .sort((a, b) => b.lines - a.lines || a.path.localeCompare(b.path))
    .map((f) => f.path);
  const pos = (p) => {
    const full = logText.indexOf(p);
    if (full >= 0) return full;
    const base = p.split('/').pop();
    const re = new RegExp(`(^|[^\\w.-])${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'm');
    const m = re.exec(logText);
    return m ? m.index : Infinity;
  };
  const withPos = changed.map((f) => ({ ...f, pos: pos(f.path) }));
  const byMention = withPos
    .sort((a, b) => a.pos - b.pos || b.lines - a.lines || a.path.localeCompare(b.path))
    .map((f) => f.path);
  return { linesChanged: rankOfAny(byLines), firstMention: rankOfAny(byMention) };
}

async function runScenario(sc) {
  const dir = join(work, sc.id);
  const repo = buildRepository(dir, sc);
  const res = {
    id: sc.id,
    lang: sc.lang,
    fault: sc.fault,
    tags: sc.tags ?? [],
    commits: sc.commits.length,
    culprit: sc.culprit,
  };
  if (opts['check-green']) {
    checkout(dir, repo.green);
    const green = runSteps(dir, sc.steps, cacheEnv);
    if (!green.ok)
      return {
        ...res,
        invalid: `green commit fails: ${green.output.trim().split('\n').slice(-3).join(' | ')}`,
      };
    cleanTree(dir); // build products of the green run must not leak into the failing run
  }
  checkout(dir, repo.head);
  const log = runnerLog(dir, sc);
  if (!/##\[error\]Process completed with exit code/.test(log))
    return { ...res, invalid: 'head does not fail' };
  const logFile = join(work, `${sc.id}.log`);
  writeFileSync(logFile, log);
  const report = runCli(logFile, dir, repo.green);
  const paths = report.suspects.map((s) => s.path);
  // culpritAlso: files the breaking commit changed together with the culprit, equally at fault (a C function's
  // declaration in the header and its definition): the best rank among them counts
  const culprits = [sc.culprit, ...(sc.culpritAlso ?? [])];
  const rank = Math.min(...culprits.map((c) => rankOf(paths, c)));
  const top = report.suspects[0];
  const changed = numstat(dir, repo.green, repo.head);
  const topCommit = report.commits?.[0]?.sha;
  const subjects = new Map((report.commits ?? []).map((c) => [c.sha, c.subject]));
  return {
    ...res,
    changedFiles: changed.length,
    rank: Number.isFinite(rank) ? rank : null,
    top: top ? { path: top.path, confidence: top.confidence, right: culprits.includes(top.path) } : null,
    culpritCommitTop1: sc.commits.length > 1 ? topCommit === repo.culpritSha : null,
    commitNote: `first ${topCommit ? `'${subjects.get(topCommit)}'` : 'none'}; culprit at ${
      (report.commits ?? []).findIndex((c) => c.sha === repo.culpritSha) + 1 || '-'
    }`,
    verdict: report.verdict.summary,
    lead: top && top.confidence < 0.4 ? /worth a look/.test(report.verdict.summary) : null,
    bisect: report.bisect ?? null,
    reasons: top?.reasons ?? [],
    culpritReasons: report.suspects.find((s) => s.path === sc.culprit)?.reasons ?? [],
    firstFinding: report.findings[0]
      ? `${report.findings[0].tool} ${report.findings[0].kind} ${report.findings[0].file ?? ''}:${report.findings[0].line ?? ''} ${report.findings[0].message.slice(0, 100)}`
      : null,
    baselines: (() => {
      const b = baselines(changed, log, culprits);
      return {
        linesChanged: Number.isFinite(b.linesChanged) ? b.linesChanged : null,
        firstMention: Number.isFinite(b.firstMention) ? b.firstMention : null,
      };
    })(),
  };
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, n) }, async () => {
      while (next < items.length) {
        const i = next++;
        try {
          out[i] = await fn(items[i]);
        } catch (e) {
          out[i] = {
            id: items[i].id,
            lang: items[i].lang,
            fault: items[i].fault,
            tags: items[i].tags ?? [],
            invalid: `error: ${String(e.message).split('\n')[0]}`,
          };
        }
        const r = out[i];
        const mark = r.invalid
          ? `INVALID ${r.invalid}`
          : r.rank === 1
            ? 'ok'
            : `rank ${r.rank ?? '-'} (top: ${r.top?.path ?? 'none'})`;
        process.stderr.write(`  ${r.id.padEnd(44)} ${mark}\n`);
        if (opts.verbose && !r.invalid && r.rank !== 1)
          process.stderr.write(`      ${r.firstFinding}\n      ${r.verdict}\n`);
        if (opts.verbose && !r.invalid && r.culpritCommitTop1 === false)
          process.stderr.write(`      culprit commit not first: ${r.commitNote}\n`);
      }
    }),
  );
  return out;
}

// spawnSync blocks the event loop: run scenarios in worker processes would be faster; a sync pool of one
// is simple and predictable. `--jobs` > 1 runs chunks in child processes.
async function main() {
  const started = Date.now();
  const runnable = selected.filter((s) => okToolchain.get(s.toolchain));
  let results;
  const jobs = Math.max(1, Number(opts.jobs) || 1);
  if (process.env.CI_RC_BENCH_CHILD || jobs === 1) {
    results = await pool(runnable, 1, runScenario);
  } else {
    const chunks = Array.from({ length: jobs }, (_, j) =>
      runnable.filter((_, i) => i % jobs === j).map((s) => s.id),
    );
    const parts = await Promise.all(
      chunks.map(
        (idList) =>
          new Promise((res, rej) => {
            const out = join(work, `part-${Math.random().toString(36).slice(2)}.json`);
            const child = spawn(
              process.execPath,
              [
                fileURLToPath(import.meta.url),
                '--cli',
                opts.cli,
                ...(opts.verbose ? ['-v'] : []),
                ...(opts.keep ? ['--keep'] : []),
                ...(opts['check-green'] ? ['--check-green'] : []),
              ],
              {
                env: {
                  ...process.env,
                  CI_RC_BENCH_CHILD: '1',
                  CI_RC_BENCH_IDS: idList.join(','),
                  CI_RC_BENCH_OUT: out,
                  CI_RC_BENCH_WORK: work,
                },
                stdio: ['ignore', 'inherit', 'inherit'],
              },
            );
            child.on('exit', (code) =>
              code === 0 ? res(JSON.parse(readFileSync(out, 'utf8'))) : rej(new Error(`worker exit ${code}`)),
            );
          }),
      ),
    );
    const byId = new Map(parts.flat().map((r) => [r.id, r]));
    results = runnable.map((s) => byId.get(s.id));
  }
  const summary = summarise(results, (Date.now() - started) / 1000);
  printSummary(summary);
  if (opts.write) {
    writeFileSync(join(HERE, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
    writeFileSync(join(HERE, 'RESULTS.md'), markdown(summary));
    process.stdout.write(`\nwrote ${join('bench/ranking', 'RESULTS.md')} and results.json\n`);
  }
  if (opts.keep) process.stdout.write(`kept ${work}\n`);
  else rmSync(work, { recursive: true, force: true });
}

function pct(n, d) {
  return d ? Math.round((1000 * n) / d) / 10 : null;
}

function metrics(rows, key) {
  const ranks = rows.map((r) => (key ? r.baselines[key] : r.rank));
  const n = ranks.length;
  return {
    n,
    top1: pct(ranks.filter((r) => r === 1).length, n),
    top3: pct(ranks.filter((r) => r !== null && r <= 3).length, n),
    mrr: n ? Math.round((1000 * ranks.reduce((s, r) => s + (r ? 1 / r : 0), 0)) / n) / 1000 : null,
  };
}

function summarise(results, seconds) {
  const valid = results.filter((r) => r && !r.invalid);
  const multi = valid.filter((r) => r.culpritCommitTop1 !== null);
  const bands = [
    ['>= 0.8', (c) => c >= 0.8],
    ['0.4 - 0.8', (c) => c >= 0.4 && c < 0.8],
    ['< 0.4', (c) => c < 0.4],
  ].map(([band, inBand]) => {
    const rows = valid.filter((r) => r.top && inBand(r.top.confidence));
    return { band, n: rows.length, right: pct(rows.filter((r) => r.top.right).length, rows.length) };
  });
  const group = (key) =>
    [...new Set(valid.map((r) => r[key]))]
      .sort()
      .map((g) => ({ [key]: g, ...metrics(valid.filter((r) => r[key] === g)) }));
  const tags = [...new Set(valid.flatMap((r) => r.tags))]
    .sort()
    .map((t) => ({ tag: t, ...metrics(valid.filter((r) => r.tags.includes(t))) }));
  const leads = valid.filter((r) => r.lead !== null);
  return {
    date: new Date().toISOString().slice(0, 10),
    seconds: Math.round(seconds),
    greenChecked: !!opts['check-green'],
    scenarios: results.length,
    valid: valid.length,
    invalid: results.filter((r) => r?.invalid).map((r) => ({ id: r.id, why: r.invalid })),
    skipped: [...skippedLangs].map(([lang, need]) => ({ lang, need })),
    culpritFile: metrics(valid),
    culpritCommit: {
      n: multi.length,
      top1: pct(multi.filter((r) => r.culpritCommitTop1).length, multi.length),
    },
    calibration: bands,
    leadWording: { n: leads.length, worded: pct(leads.filter((r) => r.lead).length, leads.length) },
    baselines: { linesChanged: metrics(valid, 'linesChanged'), firstMention: metrics(valid, 'firstMention') },
    byLanguage: group('lang'),
    byFault: group('fault'),
    byTag: tags,
    results,
  };
}

function printSummary(s) {
  const f = (m) => `top-1 ${m.top1}%  top-3 ${m.top3}%  MRR ${m.mrr}  (n=${m.n})`;
  const lines = [
    '',
    `ranking benchmark: ${s.valid} scenarios (${s.scenarios} built) in ${s.seconds}s`,
    ...s.skipped.map((x) => `  skipped ${x.lang}: toolchain missing (${x.need})`),
    ...s.invalid.map((x) => `  invalid ${x.id}: ${x.why}`),
    `culprit file     ${f(s.culpritFile)}`,
    `culprit commit   top-1 ${s.culpritCommit.top1}% (n=${s.culpritCommit.n}, ranges with several commits)`,
    `calibration (top suspect right, by its confidence):`,
    ...s.calibration.map((b) => `  ${b.band.padEnd(10)} ${b.right ?? '-'}% (n=${b.n})`),
    `below 0.4 worded as a lead: ${s.leadWording.worded ?? '-'}% (n=${s.leadWording.n})`,
    `baseline: lines changed   ${f(s.baselines.linesChanged)}`,
    `baseline: first mention   ${f(s.baselines.firstMention)}`,
    'by language:',
    ...s.byLanguage.map((g) => `  ${g.lang.padEnd(12)} ${f(g)}`),
    'by fault:',
    ...s.byFault.map((g) => `  ${g.fault.padEnd(16)} ${f(g)}`),
    'hard cases:',
    ...s.byTag.map((g) => `  ${g.tag.padEnd(28)} ${f(g)}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function markdown(s) {
  const row = (name, m) => `| ${name} | ${m.n} | ${m.top1}% | ${m.top3}% | ${m.mrr} |`;
  const head = '| | n | top-1 | top-3 | MRR |\n|---|---|---|---|---|';
  return `# Ranking benchmark results

Generated by \`npm run bench:ranking -- --write${s.greenChecked ? ' --check-green' : ''}\` on ${s.date} (${s.seconds}s). Each scenario is a real
project in a fresh git repository: a green commit, then 1-20 commits, one of which breaks it; the failing log is
the real output of the real tool (tsc, node --test, jest, eslint, npm ci, pytest/unittest, cargo test, go test,
javac + java, gcc + make) framed as a GitHub Actions log, and the CLI runs on it as a user would
(\`ci-root-cause analyze --log … --repo … --base <green> --format json\`). Lockfile scenarios install a
small real package (filesize 6 / 8 / 10) from the npm registry with \`npm ci\`.
${s.greenChecked ? 'Every green commit was checked to pass (`--check-green`).' : 'Green commits were not re-checked in this run (`--check-green` does).'}
When the breaking commit changed two files that are equally at fault (a C function's declaration in its header
and its definition), either counts as the culprit file (\`culpritAlso\` in the template).
${s.skipped.length ? `\nSkipped (toolchain missing): ${s.skipped.map((x) => `${x.lang} (${x.need})`).join(', ')}.\n` : ''}${s.invalid.length ? `\nInvalid scenarios (not scored): ${s.invalid.map((x) => `${x.id} (${x.why})`).join('; ')}.\n` : ''}
## Culprit file

${head}
${row('**ci-root-cause**', s.culpritFile)}
${row('baseline: changed files by lines changed', s.baselines.linesChanged)}
${row('baseline: changed files by first mention in the log', s.baselines.firstMention)}

Culprit commit top-1 (ranges with several commits): **${s.culpritCommit.top1}%** (n=${s.culpritCommit.n}).

## Calibration (is the top suspect the culprit, by its confidence)

| confidence | n | right |
|---|---|---|
${s.calibration.map((b) => `| ${b.band} | ${b.n} | ${b.right ?? '-'}% |`).join('\n')}

Top suspects below 0.4 worded as a lead ("worth a look") in the verdict: ${s.leadWording.worded ?? '-'}% (n=${s.leadWording.n}).

## By language

${head}
${s.byLanguage.map((g) => row(g.lang, g)).join('\n')}

## By fault

${head}
${s.byFault.map((g) => row(g.fault, g)).join('\n')}

## Hard cases

Tags: \`caller\` the error surfaces in a file that did not change (a caller, a test, a loader);
\`culprit-touched-by-innocent\` innocent commits also changed the culprit file;
\`error-file-touched-by-innocent\` an innocent commit changed the file where the error surfaces;
\`config-only\` only a build/tool/test configuration file explains it (tsconfig, jest, eslint, pytest.ini,
pyproject, go.mod replace, Cargo.toml, Makefile, a service port); \`lockfile-only\` a lockfile (with or without
its manifest) moved a dependency; \`data-only\` a data file changed shape; \`large-range\` ~50 files over
20 commits; \`monorepo\` workspaces / several packages; \`rename\` the culprit file was renamed in the range.

${head}
${s.byTag.map((g) => row(g.tag, g)).join('\n')}

## Misses (culprit file not first)

${
  s.results
    .filter((r) => r && !r.invalid && r.rank !== 1)
    .map(
      (r) =>
        `- ${r.id}: rank ${r.rank ?? '-'} (top: \`${r.top?.path ?? 'none'}\`, ${r.top?.confidence ?? '-'}); first finding: ${String(r.firstFinding ?? 'none').replace(/[|`]/g, ' ')}`,
    )
    .join('\n') || 'None.'
}

## Scenarios

| scenario | commits | files | culprit | rank | top confidence | commit top-1 |
|---|---|---|---|---|---|---|
${s.results
  .filter((r) => r && !r.invalid)
  .map(
    (r) =>
      `| ${r.id} | ${r.commits} | ${r.changedFiles} | \`${r.culprit}\` | ${r.rank ?? '-'} | ${r.top?.confidence ?? '-'} | ${r.culpritCommitTop1 === null ? '' : r.culpritCommitTop1 ? 'yes' : 'no'} |`,
  )
  .join('\n')}
`;
}

if (opts.from) {
  writeFileSync(join(HERE, 'RESULTS.md'), markdown(JSON.parse(readFileSync(opts.from, 'utf8'))));
  rmSync(work, { recursive: true, force: true });
} else if (process.env.CI_RC_BENCH_CHILD) {
  // a worker: run the scenarios named by the parent, write their results
  const want = new Set(process.env.CI_RC_BENCH_IDS.split(',').filter(Boolean));
  const mine = all.filter((s) => want.has(s.id));
  const results = await pool(mine, 1, runScenario);
  writeFileSync(process.env.CI_RC_BENCH_OUT, JSON.stringify(results));
  if (opts.keep) process.stderr.write(`  (worker kept ${work})\n`);
  else rmSync(work, { recursive: true, force: true });
} else {
  process.stdout.write(`ranking benchmark: ${selected.length} scenarios in ${work}\n`);
  await main();
}
