#!/usr/bin/env node
// The ranking benchmark (`npm run bench:ranking`): builds real failing projects in several languages into
// a temporary folder (each a git repository: a green commit, then 1-20 commits one of which breaks it),
// runs the real tool to get the failing log (framed as a GitHub Actions log by scripts/runner-log.mjs),
// runs the CLI on it as a user would AND the built action against the emulated GitHub API on the same log
// and repository (bench/ranking/action.mjs), and scores where the culprit file and commit rank on each path.
//
// Usage: node bench/ranking/run.mjs [--cli dist/cli.js] [--only SUBSTR[,SUBSTR...]] [--jobs N] [--keep] [--write] [--check-green] [--no-action]
//   --no-action    the CLI path only
//   --check-green  also runs the steps at the green commit and drops a scenario whose green fails
//   --from FILE    only re-renders RESULTS.md from a results.json
//   --add FILE     with --from: joins the results of scenarios run since (a worker's output) and summarises again
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
import { runActionPath } from './action.mjs';
import { realNpmScenarios } from './templates/real-npm.mjs';
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
    'no-action': { type: 'boolean', default: false },
    from: { type: 'string' },
    add: { type: 'string' },
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
  ...realNpmScenarios(),
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
    suite: sc.suite ?? 'written here',
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
  let action = null;
  if (!opts['no-action']) {
    try {
      const a = await runActionPath(dir, repo, log, sc.job ?? 'test');
      const aPaths = a.report.suspects.map((s) => s.path);
      const aRank = Math.min(...culprits.map((c) => rankOf(aPaths, c)));
      const aTop = a.report.suspects[0];
      action = {
        rank: Number.isFinite(aRank) ? aRank : null,
        top: aTop
          ? { path: aTop.path, confidence: aTop.confidence, right: culprits.includes(aTop.path) }
          : null,
        culpritCommitTop1: sc.commits.length > 1 ? a.report.commits?.[0]?.sha === repo.culpritSha : null,
        verdict: a.report.verdict.summary,
        origin: a.report.verdict.origin,
        requests: a.requests,
        context: a.context,
        seconds: Math.round(a.ms / 100) / 10,
        openapiErrors: a.openapiErrors,
        same:
          JSON.stringify(a.report.suspects.map((s) => [s.path, s.score])) ===
          JSON.stringify(report.suspects.map((s) => [s.path, s.score])),
      };
    } catch (e) {
      action = { error: String(e.message).split('\n')[0], rank: null, top: null, culpritCommitTop1: null };
    }
  }
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
    origin: report.verdict.origin,
    action,
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
        const amark =
          !r.action || r.invalid
            ? ''
            : r.action.error
              ? `  action ERROR ${r.action.error}`
              : `  action ${r.action.rank === 1 ? 'ok' : `rank ${r.action.rank ?? '-'} (top: ${r.action.top?.path ?? 'none'})`}${r.action.same ? '' : ' [differs]'}`;
        process.stderr.write(`  ${r.id.padEnd(44)} ${mark}${amark}\n`);
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
  const ranks = rows.map((r) =>
    key === 'action' ? (r.action?.rank ?? null) : key ? r.baselines[key] : r.rank,
  );
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
  const both = (rows) => ({ ...metrics(rows), action: metrics(rows, 'action') });
  const group = (key) =>
    [...new Set(valid.map((r) => r[key]))]
      .sort()
      .map((g) => ({ [key]: g, ...both(valid.filter((r) => r[key] === g)) }));
  const tags = [...new Set(valid.flatMap((r) => r.tags))]
    .sort()
    .map((t) => ({ tag: t, ...both(valid.filter((r) => r.tags.includes(t))) }));
  // the action path: the same scenarios through the built action against the emulated API
  const acted = valid.filter((r) => r.action && !r.action.error);
  const aMulti = acted.filter((r) => r.action.culpritCommitTop1 !== null);
  const aBands = bands.map(({ band }, i) => {
    const inBand = [(c) => c >= 0.8, (c) => c >= 0.4 && c < 0.8, (c) => c < 0.4][i];
    const rows = acted.filter((r) => r.action.top && inBand(r.action.top.confidence));
    return { band, n: rows.length, right: pct(rows.filter((r) => r.action.top.right).length, rows.length) };
  });
  const stat = (xs) =>
    xs.length
      ? {
          mean: Math.round((100 * xs.reduce((a, b) => a + b, 0)) / xs.length) / 100,
          max: Math.max(...xs),
          total: Math.round(100 * xs.reduce((a, b) => a + b, 0)) / 100,
        }
      : null;
  const ctx = acted.map((r) => r.action.context).filter(Boolean);
  const action = {
    n: acted.length,
    errors: valid.filter((r) => r.action?.error).map((r) => ({ id: r.id, why: r.action.error })),
    // a scenario the action failed on counts as a miss
    culpritFile: metrics(valid, 'action'),
    culpritCommit: {
      n: aMulti.length,
      top1: pct(aMulti.filter((r) => r.action.culpritCommitTop1).length, aMulti.length),
    },
    calibration: aBands,
    sameSuspects: { n: acted.length, same: acted.filter((r) => r.action.same).length },
    rankDiffers: acted
      .filter((r) => r.action.rank !== r.rank)
      .map((r) => ({ id: r.id, cli: r.rank, action: r.action.rank })),
    commitDiffers: acted
      .filter((r) => r.action.culpritCommitTop1 !== r.culpritCommitTop1)
      .map((r) => ({ id: r.id, cli: r.culpritCommitTop1, action: r.action.culpritCommitTop1 })),
    flakyRegressions: acted
      .filter((r) => r.action.origin === 'flaky' || r.action.origin === 'base-broken')
      .map((r) => r.id),
    requests: stat(acted.map((r) => r.action.requests)),
    seconds: stat(acted.map((r) => r.action.seconds)),
    openapiErrors: acted.reduce((n, r) => n + (r.action.openapiErrors ?? 0), 0),
    context: {
      n: ctx.length,
      files: stat(ctx.map((c) => c.files)),
      requests: stat(ctx.map((c) => c.requests)),
      bytes: stat(ctx.map((c) => c.bytes)),
      seconds: stat(ctx.map((c) => c.seconds)),
      refused: ctx.reduce((n, c) => n + c.refused, 0),
    },
  };
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
    action,
    bySuite: group('suite'),
    byLanguage: group('lang'),
    byFault: group('fault'),
    byTag: tags,
    results,
  };
}

function printSummary(s) {
  const f = (m) => `top-1 ${m.top1}%  top-3 ${m.top3}%  MRR ${m.mrr}  (n=${m.n})`;
  const two = (g) => `cli ${f(g)}   action ${g.action.n ? f(g.action) : '-'}`;
  const a = s.action;
  const st = (x, unit = '') => (x ? `mean ${x.mean}${unit}, max ${x.max}${unit}` : '-');
  const lines = [
    '',
    `ranking benchmark: ${s.valid} scenarios (${s.scenarios} built) in ${s.seconds}s`,
    ...s.skipped.map((x) => `  skipped ${x.lang}: toolchain missing (${x.need})`),
    ...s.invalid.map((x) => `  invalid ${x.id}: ${x.why}`),
    `culprit file     cli    ${f(s.culpritFile)}`,
    `                 action ${f(a.culpritFile)}`,
    `culprit commit   cli top-1 ${s.culpritCommit.top1}% (n=${s.culpritCommit.n}); action top-1 ${a.culpritCommit.top1}% (n=${a.culpritCommit.n})`,
    `gap: top-1 ${Math.round(10 * ((s.culpritFile.top1 ?? 0) - (a.culpritFile.top1 ?? 0))) / 10} points, top-3 ${Math.round(10 * ((s.culpritFile.top3 ?? 0) - (a.culpritFile.top3 ?? 0))) / 10} points; same suspects and scores ${a.sameSuspects.same}/${a.sameSuspects.n}; culprit rank differs in ${a.rankDiffers.length}, culprit-commit top-1 differs in ${a.commitDiffers.length}`,
    ...a.rankDiffers.map((x) => `  rank differs ${x.id}: cli ${x.cli ?? '-'}, action ${x.action ?? '-'}`),
    ...a.commitDiffers.map((x) => `  commit top-1 differs ${x.id}: cli ${x.cli}, action ${x.action}`),
    ...a.errors.map((x) => `  action error ${x.id}: ${x.why}`),
    `action requests per analysis: ${st(a.requests)}; OpenAPI shape errors: ${a.openapiErrors}; seconds per run: ${st(a.seconds, ' s')}`,
    `repository context (action): files ${st(a.context.files)}; blob requests ${st(a.context.requests)}; bytes ${st(a.context.bytes)}; seconds ${st(a.context.seconds, ' s')}; reads refused by the budget ${a.context.refused}`,
    `regressions labelled flaky/base-broken by the action: ${a.flakyRegressions.length}`,
    `calibration (top suspect right, by its confidence), cli | action:`,
    ...s.calibration.map(
      (b, i) =>
        `  ${b.band.padEnd(10)} ${b.right ?? '-'}% (n=${b.n}) | ${a.calibration[i].right ?? '-'}% (n=${a.calibration[i].n})`,
    ),
    `below 0.4 worded as a lead: ${s.leadWording.worded ?? '-'}% (n=${s.leadWording.n})`,
    `baseline: lines changed   ${f(s.baselines.linesChanged)}`,
    `baseline: first mention   ${f(s.baselines.firstMention)}`,
    'by suite:',
    ...s.bySuite.map((g) => `  ${g.suite.padEnd(16)} ${two(g)}`),
    'by language:',
    ...s.byLanguage.map((g) => `  ${g.lang.padEnd(12)} ${two(g)}`),
    'by fault:',
    ...s.byFault.map((g) => `  ${g.fault.padEnd(16)} ${two(g)}`),
    'hard cases:',
    ...s.byTag.map((g) => `  ${g.tag.padEnd(28)} ${two(g)}`),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

function markdown(s) {
  const row = (name, m) => `| ${name} | ${m.n} | ${m.top1}% | ${m.top3}% | ${m.mrr} |`;
  const head = '| | n | top-1 | top-3 | MRR |\n|---|---|---|---|---|';
  const head2 = '| | n | CLI top-1 | CLI top-3 | action top-1 | action top-3 |\n|---|---|---|---|---|---|';
  const row2 = (name, g) =>
    `| ${name} | ${g.n} | ${g.top1}% | ${g.top3}% | ${g.action?.n ? `${g.action.top1}%` : '-'} | ${g.action?.n ? `${g.action.top3}%` : '-'} |`;
  const a = s.action ?? null;
  const st = (x, unit = '') => (x ? `mean ${x.mean}${unit}, max ${x.max}${unit}` : '-');
  const cell = (x) => (x === null || x === undefined ? '' : x ? 'yes' : 'no');
  return `# Ranking benchmark results

Generated by \`npm run bench:ranking -- --write${s.greenChecked ? ' --check-green' : ''}\` on ${s.date} (${s.seconds}s). Each scenario is a real
project in a fresh git repository: a green commit, then 1-20 commits, one of which breaks it; the failing log is
the real output of the real tool (tsc, node --test, jest, eslint, npm ci, pytest/unittest, cargo test, go test,
javac + java, gcc + make) framed as a GitHub Actions log. Every scenario is analysed on TWO paths: the CLI as a
user would run it (\`ci-root-cause analyze --log … --repo … --base <green> --format json\`), and the built action
(dist/index.js) against the emulated GitHub REST API (__tests__/e2e/emulator) holding the same repository, a green
push run at the green commit and the failing push run at head whose job log is the same log (bench/ranking/action.mjs).
Lockfile scenarios install a small real package (filesize 6 / 8 / 10) from the npm registry with \`npm ci\`.
Suite "real code (npm)": published libraries (semver, js-yaml, picomatch) at two consecutive releases, the real
release diff as the innocent part of the range and one injected maintainer's mistake (templates/real-npm.mjs).
${s.greenChecked ? 'Every green commit was checked to pass (`--check-green`).' : 'Green commits were not re-checked in this run (`--check-green` does): the scenarios written here passed it on 2026-11-28 and the real-code ones were built with it.'}
When the breaking commit changed two files that are equally at fault (a C function's declaration in its header
and its definition), either counts as the culprit file (\`culpritAlso\` in the template).
${s.skipped.length ? `\nSkipped (toolchain missing): ${s.skipped.map((x) => `${x.lang} (${x.need})`).join(', ')}.\n` : ''}${s.invalid.length ? `\nInvalid scenarios (not scored): ${s.invalid.map((x) => `${x.id} (${x.why})`).join('; ')}.\n` : ''}
## Culprit file

${head}
${row('**ci-root-cause, CLI**', s.culpritFile)}
${a ? row('**ci-root-cause, action (emulated API)**', a.culpritFile) + '\n' : ''}${row('baseline: changed files by lines changed', s.baselines.linesChanged)}
${row('baseline: changed files by first mention in the log', s.baselines.firstMention)}

Culprit commit top-1 (ranges with several commits): CLI **${s.culpritCommit.top1}%** (n=${s.culpritCommit.n})${a ? `, action **${a.culpritCommit.top1}%** (n=${a.culpritCommit.n})` : ''}.
${
  a
    ? `
## The two paths

- Same suspects with the same scores: ${a.sameSuspects.same} / ${a.sameSuspects.n}; culprit rank differs in ${a.rankDiffers.length}${a.rankDiffers.length ? ` (${a.rankDiffers.map((x) => `${x.id}: CLI ${x.cli ?? '-'}, action ${x.action ?? '-'}`).join('; ')})` : ''}; culprit-commit top-1 differs in ${a.commitDiffers.length}${a.commitDiffers.length ? ` (${a.commitDiffers.map((x) => `${x.id}: CLI ${cell(x.cli)}, action ${cell(x.action)}`).join('; ')})` : ''}.
- Action failures: ${a.errors.length ? a.errors.map((x) => `${x.id} (${x.why})`).join('; ') : 'none'}. OpenAPI shape errors in the emulator's answers: ${a.openapiErrors}.
- Regressions the action labelled flaky or base-broken: ${a.flakyRegressions.length}${a.flakyRegressions.length ? ` (${a.flakyRegressions.join(', ')})` : ''}.
- API requests per analysis (one failed job, no pull request, comment off): ${st(a.requests)}; wall time of one action run: ${st(a.seconds, ' s')}.
- Repository context through the API (blob reads of the files the findings name and what they import, src/github/context.ts): files ${st(a.context.files)}; requests ${st(a.context.requests)} (total ${a.context.requests?.total ?? 0} over ${a.context.n} analyses); bytes ${st(a.context.bytes)}; wall time ${st(a.context.seconds, ' s')} (emulator on a loaded 2-core machine); reads refused by the request budget: ${a.context.refused}.
`
    : ''
}
## Calibration (is the top suspect the culprit, by its confidence)

| confidence | CLI n | CLI right |${a ? ' action n | action right |' : ''}
|---|---|---|${a ? '---|---|' : ''}
${s.calibration.map((b, i) => `| ${b.band} | ${b.n} | ${b.right ?? '-'}% |${a ? ` ${a.calibration[i].n} | ${a.calibration[i].right ?? '-'}% |` : ''}`).join('\n')}

Top suspects below 0.4 worded as a lead ("worth a look") in the verdict (CLI): ${s.leadWording.worded ?? '-'}% (n=${s.leadWording.n}).

## By suite

${head2}
${(s.bySuite ?? []).map((g) => row2(g.suite, g)).join('\n')}

## By language

${head2}
${s.byLanguage.map((g) => row2(g.lang, g)).join('\n')}

## By fault (scenario kind)

${head2}
${s.byFault.map((g) => row2(g.fault, g)).join('\n')}

## Hard cases

Tags: \`caller\` the error surfaces in a file that did not change (a caller, a test, a loader);
\`culprit-touched-by-innocent\` innocent commits also changed the culprit file;
\`error-file-touched-by-innocent\` an innocent commit changed the file where the error surfaces;
\`config-only\` only a build/tool/test configuration file explains it (tsconfig, jest, eslint, pytest.ini,
pyproject, go.mod replace, Cargo.toml, Makefile, a service port, package.json); \`lockfile-only\` a lockfile (with or without
its manifest) moved a dependency; \`data-only\` a data file changed shape; \`large-range\` ~50 files over
20 commits; \`monorepo\` workspaces / several packages; \`rename\` the culprit file was renamed in the range;
\`real-code\` published library code nobody here wrote; \`not-named\` the log never names the culprit file.

${head2}
${s.byTag.map((g) => row2(g.tag, g)).join('\n')}

## Misses (culprit file not first, on either path)

${
  s.results
    .filter((r) => r && !r.invalid && (r.rank !== 1 || (r.action && r.action.rank !== 1)))
    .map(
      (r) =>
        `- ${r.id}: CLI rank ${r.rank ?? '-'} (top: \`${r.top?.path ?? 'none'}\`, ${r.top?.confidence ?? '-'})${r.action ? `; action rank ${r.action.rank ?? '-'} (top: \`${r.action.top?.path ?? 'none'}\`)` : ''}; first finding: ${String(r.firstFinding ?? 'none').replace(/[|`]/g, ' ')}; verdict: ${String(
          r.verdict ?? '',
        )
          .replace(/[|`]/g, ' ')
          .slice(0, 200)}`,
    )
    .join('\n') || 'None.'
}

## Scenarios

| scenario | suite | commits | files | culprit | CLI rank | action rank | CLI top confidence | CLI commit top-1 | action commit top-1 | context reads |
|---|---|---|---|---|---|---|---|---|---|---|
${s.results
  .filter((r) => r && !r.invalid)
  .map(
    (r) =>
      `| ${r.id} | ${r.suite ?? ''} | ${r.commits} | ${r.changedFiles} | \`${r.culprit}\` | ${r.rank ?? '-'} | ${r.action ? (r.action.rank ?? '-') : ''} | ${r.top?.confidence ?? '-'} | ${cell(r.culpritCommitTop1)} | ${cell(r.action?.culpritCommitTop1)} | ${r.action?.context?.requests ?? ''} |`,
  )
  .join('\n')}
`;
}

if (opts.from) {
  let summary = JSON.parse(readFileSync(opts.from, 'utf8'));
  if (opts.add) {
    // scenarios run since (a worker's results array: CI_RC_BENCH_OUT) replace or join the stored ones
    const added = JSON.parse(readFileSync(opts.add, 'utf8'));
    const ids = new Set(added.map((r) => r.id));
    summary = summarise([...summary.results.filter((r) => !ids.has(r.id)), ...added], summary.seconds);
    writeFileSync(join(HERE, 'results.json'), JSON.stringify(summary, null, 2) + '\n');
  }
  writeFileSync(join(HERE, 'RESULTS.md'), markdown(summary));
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
