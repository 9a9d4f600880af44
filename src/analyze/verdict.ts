// The verdict: what kind of failure this is, whether the change caused it, and one line saying so.
import type { Finding, FindingKind, PatternMatch, RuleCategory, Verdict, VerdictOrigin } from '../types.js';
import { failureKey } from './fingerprint.js';
import { CAUSE_CONFIDENCE, LEAD_CONFIDENCE } from './confidence.js';
import { findingLabel, type RankedSuspect } from './suspects.js';

/**
 * What is known about other runs (filled in by the action from the workflow's runs and its own earlier
 * comments, src/github/history.ts and src/github/memory.ts): positive evidence only. Signatures come from
 * `findingSignature`. Without any of it, no 'flaky' or 'base-broken' origin is given.
 */
export interface RunHistory {
  /** Signatures of the failures of the latest completed run of the same workflow on the base branch. */
  baseFailureSignatures?: string[];
  /** The same head sha passed in another attempt of the run. */
  headPassedInOtherAttempt?: boolean;
}

const KIND_CATEGORY: Record<FindingKind, RuleCategory> = {
  'compile-error': 'compile',
  'build-error': 'compile',
  'lint-error': 'lint',
  'test-failure': 'test',
  assertion: 'test',
  exception: 'runtime',
  dependency: 'dependency',
  infra: 'infra',
  error: 'unknown',
  warning: 'unknown',
  exit: 'unknown',
};

/** Kinds that are a real test or build error (their presence rules out an infrastructure verdict). */
export const REAL_ERROR: ReadonlySet<FindingKind> = new Set([
  'compile-error',
  'build-error',
  'lint-error',
  'test-failure',
  'assertion',
  'exception',
  'dependency',
]);

/** Pattern categories that are not the code's fault: the runner, the machine, the network. */
const INFRA_CATEGORIES: ReadonlySet<RuleCategory> = new Set(['infra', 'network']);

/**
 * A test or build error a tool reported. The failing-region fallback (tool 'region': "the output above the
 * exit line") is not one: it also wraps an OOM trace or a runner's kill, so it must not rule out infrastructure.
 */
export function isRealError(f: Finding): boolean {
  return REAL_ERROR.has(f.kind) && f.tool !== 'region';
}

/**
 * A failure's identity across runs, whatever job it is in: the readable key of its fingerprint
 * (src/analyze/fingerprint.ts), with the job left out.
 */
export function findingSignature(f: Finding): string {
  return failureKey(f);
}

function overlaps(a: [number, number], b: [number, number]): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

/** The category: the pattern on the top finding's lines, else the top finding's kind, else the first pattern. */
export function categorise(findings: Finding[], patterns: PatternMatch[]): RuleCategory {
  const top = findings.find((f) => f.kind !== 'exit' && f.kind !== 'warning');
  if (top) {
    const onTop = patterns.find((p) => overlaps(p.logLines, top.logLines));
    if (onTop) return onTop.category;
    const byKind = KIND_CATEGORY[top.kind];
    if (byKind && byKind !== 'unknown') return byKind;
  }
  const real = patterns.find((p) => p.category !== 'unknown');
  if (real) return real.category;
  return top ? (KIND_CATEGORY[top.kind] ?? 'unknown') : 'unknown';
}

function where(f: Finding): string {
  if (!f.file) return '';
  return ` in ${f.file}${f.line ? ':' + f.line : ''}`;
}

/** How many of a run's first real errors must all be found in another run to call it the same failure. */
export const SAME_FAILURE = 3;

/** True when the run has real errors and each of its first SAME_FAILURE ones is `known`. */
export function sameFailure(real: Finding[], known: (f: Finding) => boolean): boolean {
  return real.length > 0 && real.slice(0, SAME_FAILURE).every(known);
}

/** Builds the verdict from what the analysis found. */
export function decideVerdict(
  findings: Finding[],
  patterns: PatternMatch[],
  suspects: RankedSuspect[],
  history?: RunHistory,
  hasChangeSet = true,
): Verdict {
  const category = categorise(findings, patterns);
  const real = findings.filter(isRealError);
  const infraFindings = findings.filter((f) => f.kind === 'infra');
  const infraPatterns = patterns.filter((p) => INFRA_CATEGORIES.has(p.category));
  const top = real[0] ?? findings.find((f) => f.kind !== 'exit' && f.kind !== 'warning') ?? findings[0];
  const topText = top ? `${findingLabel(top)}${where(top)}` : 'The job failed';
  const lead = suspects[0];

  let origin: VerdictOrigin = 'unknown';
  let confidence = 0;
  let summary: string;
  const sigs = new Set(history?.baseFailureSignatures ?? []);
  // The failure that failed the job must be on the base branch too: its first real errors (up to
  // SAME_FAILURE), every one of them — an error both logs print among others, or a build tool's generic
  // "failed to execute" line over different errors, is no evidence.
  const onBase = sameFailure(real, (f) => sigs.has(findingSignature(f)));

  if (!real.length && (infraFindings.length || infraPatterns.length)) {
    origin = 'infrastructure';
    const what = infraPatterns[0]?.title ?? infraFindings[0]?.message ?? 'infrastructure failure';
    confidence = infraPatterns.length && infraFindings.length ? 0.9 : 0.75;
    summary = `${what} — an infrastructure problem, not a test or build error: re-run the job`;
  } else if (history?.headPassedInOtherAttempt) {
    origin = 'flaky';
    confidence = 0.85;
    summary = `${topText} — flaky: the same commit passed in another attempt`;
  } else if (onBase) {
    origin = 'base-broken';
    confidence = 0.8;
    summary = `${topText} — fails on the base branch too: not caused by this change`;
  } else if (lead) {
    origin = 'caused-by-change';
    confidence = lead.confidence;
    const why = [...new Set(lead.contributions.slice(0, 2).map((c) => c.short))].join('; ');
    const because = why ? ` (${why})` : '';
    if (lead.confidence >= CAUSE_CONFIDENCE) summary = `${topText} — caused by ${lead.path}${because}`;
    else if (lead.confidence >= LEAD_CONFIDENCE)
      summary = `${topText} — most likely caused by ${lead.path}${because}`;
    else summary = `${topText} — no clear cause; worth a look: ${lead.path}${because}`;
  } else {
    summary = !findings.length
      ? 'No error found in the log'
      : hasChangeSet
        ? `${topText} — no changed file explains it`
        : `${topText} — no change set given, so no suspects`;
  }
  return { category, origin, summary, confidence };
}

/**
 * The verdict once the failures of other pull requests are known (their fingerprints, src/github/memory.ts):
 * 'flaky' when the first real errors — what failed the job, up to SAME_FAILURE — have the fingerprints of
 * a failure that passed on a re-run at the same commit there. Only over an 'unknown' verdict or a cause that is not confident
 * (a change can break a test that was flaky before); never over infrastructure, base-broken or flaky.
 */
export function withFlakyElsewhere(
  verdict: Verdict,
  findings: Finding[],
  passedOnRerun: Set<string>,
): Verdict {
  const real = findings.filter(isRealError);
  const first = real[0];
  if (!first || !sameFailure(real, (f) => !!f.fingerprint && passedOnRerun.has(f.fingerprint)))
    return verdict;
  if (
    verdict.origin !== 'unknown' &&
    !(verdict.origin === 'caused-by-change' && verdict.confidence < CAUSE_CONFIDENCE)
  )
    return verdict;
  return {
    ...verdict,
    origin: 'flaky',
    confidence: 0.7,
    summary: `${findingLabel(first)}${where(first)} — flaky: the same failure passed on a re-run of another pull request`,
  };
}
