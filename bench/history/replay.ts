// Replays sequences of runs built from real logs (the data set folder given with --data, never copied
// here) through the verdict's history logic, and prints precision and recall of the labels
// NEW / BASE BROKEN / FLAKY / KNOWN. Each scenario is a pull request's failing run plus what the action
// would find elsewhere:
//  - regression (truth NEW): the PR fails with a BugSwarm/CiDiff/PyTorch failing log; the base branch's
//    latest run FAILED too, with another failure of the same repository (or, alone in its repository,
//    with the passing log of the same job); every other failure of the repository is in the memory as
//    "passed on a re-run" and filed as a known issue (adversarial). Any other label is a wrong "not your
//    fault".
//  - base broken (truth BASE BROKEN): the same failing test (same tool, test, code) in two failing runs
//    of one repository (different commits): one is the base branch's latest run, the other the PR's.
//  - flaky (truth FLAKY): the same pairs; the other run is a PR whose comment says it passed on a re-run.
//  - known (truth KNOWN): the same pairs; a maintainer filed the other run's first error message as a
//    known issue (`message:` its text up to the first digit or quote, at least 25 characters and 4 words: a specific description).
// The "same failure" truth of the pairs is the tool's own test identity, not the fingerprint's masking.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalysis } from '../../src/core.js';
import { builtinRules } from '../../src/rules/load.js';
import { isRealError, withFlakyElsewhere } from '../../src/analyze/verdict.js';
import { signaturesOf } from '../../src/history.js';
import {
  matchKnownIssues,
  parseKnownIssue,
  topIsKnown,
  type KnownIssue,
} from '../../src/analyze/known-issues.js';
import type { Finding, Report } from '../../src/types.js';

type Label = 'NEW' | 'BASE BROKEN' | 'FLAKY' | 'KNOWN';
const LABELS: Label[] = ['NEW', 'BASE BROKEN', 'FLAKY', 'KNOWN'];

interface Log {
  id: string;
  repo: string;
  text: string;
  findings: Finding[];
}

const rules = builtinRules();
function read(id: string, repo: string, file: string): Log | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  return { id, repo, text, findings: runAnalysis({ logText: text, rules }).findings };
}

/** The report of the PR's run given what the action found elsewhere, and its label. */
function label(pr: Log, ctx: { base?: Log; passedOnRerun?: string[]; known?: KnownIssue[] }): Label {
  const report: Report = runAnalysis({
    logText: pr.text,
    rules,
    history: { baseFailureSignatures: ctx.base ? signaturesOf(ctx.base.findings) : [] },
  });
  const matches = matchKnownIssues(ctx.known ?? [], report.findings);
  if (topIsKnown(matches, report.findings)) return 'KNOWN';
  const v = withFlakyElsewhere(report.verdict, report.findings, new Set(ctx.passedOnRerun ?? []));
  if (v.origin === 'base-broken') return 'BASE BROKEN';
  if (v.origin === 'flaky') return 'FLAKY';
  return 'NEW';
}

const fps = (l: Log) => l.findings.filter(isRealError).flatMap((f) => (f.fingerprint ? [f.fingerprint] : []));
const testKey = (f: Finding) => (f.test ? `${f.tool}|${f.code ?? ''}|${f.test}` : '');

function knownIssueOf(l: Log, n: number): KnownIssue | undefined {
  const top = l.findings.find(isRealError);
  if (!top) return undefined;
  const text = top.message.split(/[0-9'"`]/)[0].trim();
  // a specific description, as maintainers write one: an exception's name alone describes no failure
  if (text.length < 25 || (text.match(/[A-Za-z]{2,}/g) ?? []).length < 4) return undefined;
  const k = parseKnownIssue({
    number: n,
    title: l.id,
    body: '```ci-root-cause\n' + `message: ${JSON.stringify(text)}\n` + '```',
  });
  return 'error' in k ? undefined : k;
}

export async function run(args: string[]): Promise<void> {
  const di = args.indexOf('--data');
  const data = di >= 0 ? args[di + 1] : '/work/shared/data';
  const show = args.includes('--show');
  const pairs: { fail: Log; pass: Log }[] = [];
  const bs = join(data, 'bugswarm');
  for (const a of readdirSync(bs).sort()) {
    const repo = a.replace(/-\d+$/, '');
    const fail = read(a, repo, join(bs, a, 'failing.log'));
    const pass = read(a, repo, join(bs, a, 'passing.log'));
    if (fail && pass) pairs.push({ fail, pass });
  }
  const cd = join(data, 'cidiff');
  for (const line of readFileSync(join(cd, 'labels.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line) as { case: string; fail_log: string; pass_log: string };
    const repo = c.case.split('/').pop()!.replace(/_\d+$/, '');
    const fail = read(c.case, repo, join(cd, c.fail_log));
    const pass = read(c.case, repo, join(cd, c.pass_log));
    if (fail && pass) pairs.push({ fail, pass });
  }
  const ep = join(data, 'pytorch-log-classifier', 'experimental-pairs');
  for (const n of [3, 5, 7, 8]) {
    const fail = read(`pytorch log${n}`, 'pytorch', join(ep, `log${n}_failures.txt`));
    const pass = read(`pytorch log${n}`, 'pytorch', join(ep, `log${n}_success.txt`));
    if (fail && pass) pairs.push({ fail, pass });
  }
  const failing = pairs.filter((p) => p.fail.findings.some(isRealError));
  const results: { truth: Label; got: Label; id: string }[] = [];
  // Regressions, against adversarial history from the SAME repository (comments, known issues and the
  // base branch are per repository): the base branch's latest run failed with another run's failure of
  // the repository (else with this job's passing log), every other failure of the repository passed on a
  // re-run elsewhere and is filed as a known issue. Runs whose first error is a test the PR fails too
  // are left out (the same failure: the positive scenarios below).
  const sameTest = (a: Log, b: Log) => {
    const top = b.findings.find(isRealError);
    const k = top && testKey(top);
    return !!k && a.findings.some((f) => isRealError(f) && testKey(f) === k);
  };
  // BugSwarm artifacts are Travis job ids: ids a few apart are jobs of ONE build (the same commit, often
  // the same failure in each job of a matrix), not runs of other commits: left out of the adversaries.
  const jobId = (l: Log) => Number(/-(\d+)$/.exec(l.id)?.[1] ?? NaN);
  const sameBuild = (a: Log, b: Log) => Math.abs(jobId(a) - jobId(b)) < 20;
  for (const p of failing) {
    const others = failing
      .filter((q) => q !== p && q.fail.repo === p.fail.repo && !sameBuild(q.fail, p.fail))
      .filter((q) => !sameTest(q.fail, p.fail) && !sameTest(p.fail, q.fail));
    results.push({
      truth: 'NEW',
      id: p.fail.id,
      got: label(p.fail, {
        base: others[0]?.fail ?? p.pass,
        passedOnRerun: others.flatMap((q) => fps(q.fail)),
        known: others.flatMap((q, i) => {
          const k = knownIssueOf(q.fail, i + 1);
          return k ? [k] : [];
        }),
      }),
    });
  }
  // Same failing test in two runs of one repository: the first real error of one is a test the other fails.
  const byRepo = new Map<string, Log[]>();
  for (const p of failing) byRepo.set(p.fail.repo, [...(byRepo.get(p.fail.repo) ?? []), p.fail]);
  let n = 0;
  for (const logs of byRepo.values())
    for (const a of logs)
      for (const b of logs) {
        if (a === b) continue;
        const top = b.findings.find(isRealError);
        const k = top && testKey(top);
        if (!k || !a.findings.some((f) => isRealError(f) && testKey(f) === k)) continue;
        n++;
        results.push({ truth: 'BASE BROKEN', id: `${b.id} (base ${a.id})`, got: label(b, { base: a }) });
        results.push({
          truth: 'FLAKY',
          id: `${b.id} (re-run passed on ${a.id})`,
          got: label(b, { passedOnRerun: fps(a) }),
        });
        const known = knownIssueOf(a, 1);
        if (known)
          results.push({
            truth: 'KNOWN',
            id: `${b.id} (known from ${a.id})`,
            got: label(b, { known: [known] }),
          });
      }
  console.log(
    `scenarios: ${results.length} (${failing.length} regressions; ${n} same-test pairs of one repository)`,
  );
  const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)}%` : 'n/a');
  console.log('label        truth  given  right  precision  recall');
  for (const l of LABELS) {
    const truth = results.filter((r) => r.truth === l).length;
    const given = results.filter((r) => r.got === l).length;
    const right = results.filter((r) => r.got === l && r.truth === l).length;
    console.log(
      `${l.padEnd(12)} ${String(truth).padStart(5)}  ${String(given).padStart(5)}  ${String(right).padStart(5)}  ${pct(right, given).padStart(9)}  ${pct(right, truth).padStart(6)}`,
    );
  }
  const notYou = results.filter((r) => r.got !== 'NEW');
  const wrong = notYou.filter((r) => r.truth === 'NEW');
  console.log(
    `"not caused by you" labels given: ${notYou.length}, of them on a regression: ${wrong.length} (precision ${pct(notYou.length - wrong.length, notYou.length)})`,
  );
  if (show)
    for (const r of results.filter((x) => x.truth !== x.got))
      console.log(`   ${r.truth} -> ${r.got}: ${r.id}`);
}
