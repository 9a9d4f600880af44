// Fingerprints measured on real pairs of runs (the data set folder given with --data, never copied here):
// - DIFFERENT failures must get different fingerprints:
//   · a fixed failure must not reappear in the passing run of the same job (BugSwarm and CiDiff
//     fail/pass pairs): the failing run's first real error looked up among the passing run's errors;
//   · the first real errors of failing runs of different repositories must not collide.
// - The SAME failure in two runs must get the same fingerprint:
//   · the same failing test (same tool, same test identity, same code) in two runs of a repository:
//     the failing runs of different BugSwarm artifacts, and fail/pass pairs where it persists;
//   · the same window of a PyTorch job log raw (timestamps, ANSI) and cleaned (fixtures-classify vs clean).
// Each figure is printed for the fingerprint and for the signature it replaces (paths and numbers blurred).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { builtinRules } from '../../src/rules/load.js';
import { fingerprint } from '../../src/analyze/fingerprint.js';
import { isRealError } from '../../src/analyze/verdict.js';
import type { Finding } from '../../src/types.js';

/** The signature before fingerprints (src/analyze/verdict.ts until this change), for comparison. */
function oldSignature(f: Finding): string {
  const msg = f.message
    .slice(0, 500)
    .replace(/(?:[A-Za-z]:)?[\w.-]*[/\\][\w./\\-]*/g, '<path>')
    .replace(/0x[0-9a-f]+|\d+(?:\.\d+)?/gi, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  return [f.tool, f.code ?? '', f.test ?? '', msg].join('|');
}

type Fp = (f: Finding) => string;
const METHODS: [string, Fp][] = [
  ['fingerprint', (f) => fingerprint(f)],
  ['old signature', oldSignature],
];

interface Run {
  id: string;
  repo: string;
  errors: Finding[];
}

const rules = builtinRules();
function read(id: string, repo: string, file: string): Run | undefined {
  if (!existsSync(file)) return undefined;
  const report = runAnalysis({ logText: readFileSync(file, 'utf8'), rules });
  return { id, repo, errors: report.findings.filter(isRealError) };
}

const pct = (a: number, n: number) => (n ? `${((100 * a) / n).toFixed(1)}%` : 'n/a');

export async function run(args: string[]): Promise<void> {
  const di = args.indexOf('--data');
  const data = di >= 0 ? args[di + 1] : '/work/shared/data';
  const show = args.includes('--show');
  const pairs: { fail: Run; pass: Run; set: string }[] = [];
  const bs = join(data, 'bugswarm');
  for (const a of readdirSync(bs).sort()) {
    const repo = a.replace(/-\d+$/, '');
    const fail = read(a, repo, join(bs, a, 'failing.log'));
    const pass = read(a, repo, join(bs, a, 'passing.log'));
    if (fail && pass) pairs.push({ fail, pass, set: 'bugswarm' });
  }
  const cd = join(data, 'cidiff');
  for (const line of readFileSync(join(cd, 'labels.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { case: string; fail_log: string; pass_log: string };
    const repo = c.case.split('/').pop()!.replace(/_\d+$/, '');
    const fail = read(c.case, repo, join(cd, c.fail_log));
    const pass = read(c.case, repo, join(cd, c.pass_log));
    if (fail && pass) pairs.push({ fail, pass, set: 'cidiff' });
  }
  const ep = join(data, 'pytorch-log-classifier', 'experimental-pairs');
  for (const n of [3, 5, 7, 8]) {
    const fail = read(`pytorch log${n}`, 'pytorch', join(ep, `log${n}_failures.txt`));
    const pass = read(`pytorch log${n}`, 'pytorch', join(ep, `log${n}_success.txt`));
    if (fail && pass) pairs.push({ fail, pass, set: 'pytorch' });
  }
  console.log(
    `fail/pass pairs read: ${pairs.length} (${pairs.filter((p) => p.fail.errors.length).length} with a real error in the failing run)`,
  );

  for (const [name, fp] of METHODS) {
    console.log(`\n== ${name}`);
    // 1. A fixed failure reappearing in the passing run (a false "same").
    let n = 0;
    let again = 0;
    const againIds: string[] = [];
    for (const p of pairs) {
      const top = p.fail.errors[0];
      if (!top) continue;
      n++;
      const passFps = new Set(p.pass.errors.map(fp));
      if (passFps.has(fp(top))) {
        again++;
        againIds.push(`${p.fail.id}: ${top.tool} ${top.message.slice(0, 100)}`);
      }
    }
    console.log(`fixed failure found again in the passing run: ${again}/${n} (${pct(again, n)})`);
    if (show) for (const s of againIds) console.log(`   ${s}`);
    // 2. Collisions between first errors of different repositories' failing runs.
    const tops = pairs
      .filter((p) => p.fail.errors[0])
      .map((p) => ({ run: p.fail, fp: fp(p.fail.errors[0]) }));
    let cross = 0;
    let crossPairs = 0;
    let sameRepoEqual = 0;
    let sameRepoPairs = 0;
    const collide: string[] = [];
    for (let i = 0; i < tops.length; i++)
      for (let j = i + 1; j < tops.length; j++) {
        const eq = tops[i].fp === tops[j].fp;
        if (tops[i].run.repo !== tops[j].run.repo) {
          crossPairs++;
          if (eq) {
            cross++;
            collide.push(
              `${tops[i].run.id} ~ ${tops[j].run.id}: ${tops[i].run.errors[0].message.slice(0, 80)}`,
            );
          }
        } else {
          sameRepoPairs++;
          if (eq) sameRepoEqual++;
        }
      }
    console.log(
      `first errors of different repositories colliding: ${cross}/${crossPairs} pairs (${pct(cross, crossPairs)})`,
    );
    if (show) for (const s of collide.slice(0, 20)) console.log(`   ${s}`);
    console.log(
      `first errors of the same repository equal (different commits, often the same failure): ${sameRepoEqual}/${sameRepoPairs}`,
    );
    // 3. The same failing test in two runs of a repository → same fingerprint?
    const byRepo = new Map<string, Run[]>();
    for (const p of pairs) {
      for (const r of [p.fail, p.pass]) {
        const list = byRepo.get(r.repo) ?? [];
        list.push(r);
        byRepo.set(r.repo, list);
      }
    }
    let same = 0;
    let sameN = 0;
    const differ: string[] = [];
    const testKey = (f: Finding) => (f.test ? `${f.tool}|${f.code ?? ''}|${f.test}` : '');
    for (const runs of byRepo.values()) {
      for (let i = 0; i < runs.length; i++)
        for (let j = i + 1; j < runs.length; j++) {
          if (runs[i] === runs[j]) continue;
          const b = new Map(runs[j].errors.filter((f) => f.test).map((f) => [testKey(f), f]));
          const seen = new Set<string>();
          for (const f of runs[i].errors) {
            const k = testKey(f);
            const g = k ? b.get(k) : undefined;
            if (!g || seen.has(k)) continue;
            seen.add(k);
            sameN++;
            if (fp(f) === fp(g)) same++;
            else
              differ.push(
                `${runs[i].id} / ${runs[j].id}: ${f.test}\n      ${f.message.slice(0, 140)}\n      ${g.message.slice(0, 140)}`,
              );
          }
        }
    }
    console.log(
      `same failing test (tool, test, code) in two runs with the same fingerprint: ${same}/${sameN} (${pct(same, sameN)})`,
    );
    if (show) for (const s of differ.slice(0, 30)) console.log(`   ${s}`);
    // 4. PyTorch windows raw vs clean.
    const pl = join(data, 'pytorch-log-classifier');
    let w = 0;
    let wSame = 0;
    for (const line of readFileSync(join(pl, 'labels.jsonl'), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line) as { fixture: string; clean_log: string };
      const raw = read(c.fixture, 'pytorch', join(pl, c.fixture));
      const clean = read(c.clean_log, 'pytorch', join(pl, c.clean_log));
      if (!raw || !clean) continue;
      const a = raw.errors[0];
      const b = clean.errors[0];
      if (!a || !b) continue;
      w++;
      if (fp(a) === fp(b)) wSame++;
    }
    console.log(`PyTorch window raw vs clean, first real error, same fingerprint: ${wSame}/${w}`);
  }
}
