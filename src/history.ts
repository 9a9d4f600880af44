// Failures compared across runs (pure): the signatures of another run's failures, the failure of this
// run they share, and the failing tests. The action feeds them to the verdict as RunHistory.
import { extractFindings } from './log/extract.js';
import { parseLog } from './log/read.js';
import { findingSignature, isRealError, sameFailure } from './analyze/verdict.js';
import type { Finding } from './types.js';

/** How many of a run's real errors are compared (the verdict looks at the first five). */
const COMPARED = 5;

const realErrors = (findings: Finding[]) => findings.filter(isRealError);

/** The signatures of the test and build errors in a log (another run's). */
export function failureSignatures(logText: string): string[] {
  if (!logText) return [];
  return signaturesOf(extractFindings(parseLog(logText)));
}

/**
 * The signatures of the first test and build errors among a log's findings (e.g. read as a stream): the
 * failures that failed that run, not every error it printed.
 */
export function signaturesOf(findings: Finding[]): string[] {
  return [...new Set(realErrors(findings).slice(0, COMPARED).map(findingSignature))];
}

/** This run's first real error, when the other run had it and the next ones too (sameFailure). */
export function sharedFailure(findings: Finding[], signatures: string[]): Finding | undefined {
  if (!signatures.length) return undefined;
  const sigs = new Set(signatures);
  const real = realErrors(findings);
  return sameFailure(real, (f) => sigs.has(findingSignature(f))) ? real[0] : undefined;
}

/** The names of the failing tests among the findings. */
export function failingTests(findings: Finding[]): string[] {
  return [...new Set(realErrors(findings).flatMap((f) => (f.test ? [f.test] : [])))];
}

/** A finding's message as shown for evidence: paths and numbers kept, whitespace collapsed, one line. */
export function evidenceLine(f: Finding): string {
  return f.message.replace(/\s+/g, ' ').trim().slice(0, 300);
}
