// The verdict: what kind of failure this is, whether the change caused it, and one line saying so.
import type { Finding, FindingKind, PatternMatch, RuleCategory, Verdict, VerdictOrigin } from '../types.js';
import { failureKey } from './fingerprint.js';
import { CAUSE_CONFIDENCE, LEAD_CONFIDENCE } from './confidence.js';
import { findingLabel, type RankedSuspect } from './suspects.js';
import { isTestFinding, testsOf } from './labels.js';
import { INFRA_WHAT, infraLayer, type InfraCode } from '../log/extractors/infra.js';

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
  /**
   * Names of the failing tests that passed on the last green commit. Not evidence of flakiness (every
   * regression passed there): kept for callers, no longer read by the verdict.
   */
  passedOnGreen?: string[];
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

/** What to do about each infrastructure layer. */
const INFRA_ADVICE: Record<InfraCode, string> = {
  network: 'rerun',
  server: 'rerun',
  runner: 'rerun',
  canceled: 'rerun if nothing else failed',
  timeout: 'find what hangs, or rerun',
  memory: 'use less memory (fewer parallel workers) or a larger runner, then rerun',
  disk: 'free disk space on the runner, then rerun',
  docker: 'rerun',
  credentials: 'check the secrets and permissions: a rerun alone will not help',
};

/** What the job was doing, read from the infrastructure line (a download, a fetch, an upload). */
function activityOf(message: string): string {
  const m = message.slice(0, 500);
  if (/\bupload|\bpush(?:ing)?\b/i.test(m)) return ' while uploading';
  if (/\bclone\b|\bfetch\b|\.git\b|git-upload-pack/i.test(m)) return ' while fetching a repository';
  if (
    /download|\bpull(?:ing)?\b|\.(?:zip|tar|tgz|gz|whl|jar|pom)\b|proxy\.golang|registry|pypi|npmjs|\/simple\/|maven|\bmod\b/i.test(
      m,
    )
  )
    return ' while downloading';
  return '';
}

/**
 * The verdict line of an infrastructure failure: `infrastructure: the network dropped or timed out while
 * downloading (curl: (56) Recv failure: …) — rerun`. The layer comes from the finding's message (see
 * src/log/extractors/infra.ts), else the pattern's title names what happened.
 */
export function infraSummary(f: Finding | undefined, p: PatternMatch | undefined): string {
  const message = typeof f?.message === 'string' ? f.message.replace(/\s+/g, ' ').trim() : '';
  const layer = message ? infraLayer(message) : undefined;
  const clipped = message.length > 140 ? `${message.slice(0, 139)}…` : message;
  if (layer) {
    // the rule that matched the line names it in the user's terms (`Network connection reset or timed out`)
    const said = p?.title && clipped ? `${p.title}: ${clipped}` : clipped;
    return `infrastructure: ${INFRA_WHAT[layer]}${activityOf(message)}${said ? ` (${said})` : ''} — ${INFRA_ADVICE[layer]}`;
  }
  const what = p?.title ?? (clipped || 'the CI infrastructure failed');
  return `infrastructure: ${what}${p?.title && clipped ? ` (${clipped})` : ''} — rerun`;
}

/** An infrastructure finding whose words name no layer (the pattern's title says what happened). */
function layerless(f: Finding): boolean {
  return typeof f.message !== 'string' || !infraLayer(f.message);
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

/** At most this many characters of the message in a headline. */
const HEADLINE_MESSAGE = 200;

function clipText(s: string, n: number): string {
  const t = s.replace(/\s+/g, ' ').trim();
  const cps = Array.from(t);
  return cps.length > n ? cps.slice(0, n - 1).join('') + '…' : t;
}

/**
 * What failed, in one line, for a report that names no cause: `1 test failed: \`adds numbers\` —
 * AssertionError: expected 720, got 72000`, `3 tests failed: \`a\`, \`b\`, \`c\` — …`,
 * `TS2305 in src/cart.ts:1: Module … has no exported member 'x'`.
 */
export function whatFailed(top: Finding | undefined, real: Finding[]): string {
  if (!top) return 'The job failed';
  const message = clipText(top.message, HEADLINE_MESSAGE);
  if (isTestFinding(top)) {
    const tests = [...new Set(real.flatMap(testsOf))];
    const first = testsOf(top);
    const names = [...first, ...tests.filter((t) => !first.includes(t))];
    const shown = names.slice(0, 3).map((t) => `\`${clipText(t, 80)}\``);
    const more = names.length - shown.length;
    const list = `${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
    const n = Math.max(names.length, 1);
    const what = message && !names.includes(message) ? ` — ${message}` : '';
    return `${n} test${n === 1 ? '' : 's'} failed: ${list}${what}`;
  }
  const label = findingLabel(top);
  const rest = message.startsWith(label) ? message.slice(label.length).replace(/^[:\s]+/, '') : message;
  return `${label}${where(top)}${rest ? `: ${rest}` : ''}`;
}

/** How many of a run's first real errors must all be found in another run to call it the same failure. */
export const SAME_FAILURE = 3;

/** True when the run has real errors and each of its first SAME_FAILURE ones is `known`. */
export function sameFailure(real: Finding[], known: (f: Finding) => boolean): boolean {
  return real.length > 0 && real.slice(0, SAME_FAILURE).every(known);
}

/**
 * The first two short reasons that say something new: a reason whose quoted names (`name`) were all named
 * by an earlier one (the same removed symbol seen as a rare token and as a missing declaration) is skipped.
 */
export function distinctShorts(shorts: string[], n = 2): string[] {
  const out: string[] = [];
  const named = new Set<string>();
  for (const s of shorts) {
    if (out.length >= n) break;
    if (!s || out.includes(s)) continue;
    const names = [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (names.length && names.every((x) => named.has(x))) continue;
    for (const x of names) named.add(x);
    out.push(s);
  }
  return out;
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
  const first = findings.find((f) => f.kind !== 'exit' && f.kind !== 'warning');
  // the finding that explains the exit is the infrastructure's (extract.ts ranks it first only then)
  const infraFirst = first?.kind === 'infra' ? first : undefined;
  const top = real[0] ?? first ?? findings[0];
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

  if (infraFirst || (!real.length && (infraFindings.length || infraPatterns.length))) {
    origin = 'infrastructure';
    const f = infraFirst ?? infraFindings[0];
    const onIt = f ? infraPatterns.find((p) => overlaps(p.logLines, f.logLines)) : undefined;
    confidence = infraPatterns.length && infraFindings.length ? 0.9 : 0.75;
    summary = infraSummary(f, f ? (onIt ?? (layerless(f) ? infraPatterns[0] : undefined)) : infraPatterns[0]);
  } else if (history?.headPassedInOtherAttempt) {
    origin = 'flaky';
    confidence = 0.85;
    summary = `${topText} — flaky: the same commit passed in another attempt`;
  } else if (onBase) {
    origin = 'base-broken';
    confidence = 0.8;
    summary = `${topText} — fails on the base branch too: not caused by this change`;
  } else if (lead?.lead) {
    // weak evidence only: leads, never a cause (nor flaky: a regression passed on the last green commit too)
    confidence = lead.confidence;
    const names = suspects
      .filter((s) => s.lead)
      .slice(0, 3)
      .map((s) => s.path);
    summary = `${topText} — no changed file clearly explains it; worth a look (leads): ${names.join(', ')}`;
  } else if (lead) {
    origin = 'caused-by-change';
    confidence = lead.confidence;
    const why = distinctShorts(lead.contributions.map((c) => c.short)).join('; ');
    const because = why ? ` (${why})` : '';
    if (lead.confidence >= CAUSE_CONFIDENCE) summary = `${topText} — caused by ${lead.path}${because}`;
    else if (lead.confidence >= LEAD_CONFIDENCE)
      summary = `${topText} — most likely caused by ${lead.path}${because}`;
    else summary = `${topText} — no clear cause; worth a look: ${lead.path}${because}`;
  } else {
    // no candidate at all: the range changed nothing that can break a run (documentation, comments), or
    // nothing; a test or build error a tool reported heads the report, the failing step's output alone does not
    const unrelated = hasChangeSet
      ? 'nothing in the range relates to it (only documentation or comments changed, or nothing)'
      : 'no change set given, so no suspects';
    summary = !findings.length
      ? 'No error found in the log'
      : real.length
        ? `${whatFailed(top, real).replace(/[.:;,\s]+$/, '')}. ${unrelated[0].toUpperCase()}${unrelated.slice(1)}.`
        : `${topText} — ${unrelated}`;
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
