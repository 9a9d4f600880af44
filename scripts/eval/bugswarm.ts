// Our failure categories against BugSwarm's `failure_category` labels. The labels seen in the data are
// Test, Compilation, Checkstyle, Unknown, Missing library, Compare version, Unable to clone,
// Documentation and Execution. Used by the evaluation only; the product speaks its own categories.
import type { Finding, RuleCategory } from '../../src/types.js';

export const BUGSWARM_OF: Record<RuleCategory, string> = {
  compile: 'Compilation',
  test: 'Test',
  lint: 'Checkstyle',
  dependency: 'Missing library',
  network: 'Unable to clone',
  config: 'Unknown',
  environment: 'Unknown',
  infra: 'Unknown',
  'data-shape': 'Unknown',
  compatibility: 'Compare version',
  runtime: 'Unknown',
  unknown: 'Unknown',
};

/**
 * Tools whose lint failures BugSwarm's labels do not file under 'Checkstyle' (its name for the Java style
 * and static-analysis plugins: Checkstyle, PMD, license checks ...): on the development half every log that
 * failed on flake8 (3 projects, 7 logs; none labelled 'Checkstyle') is labelled 'Unknown'. A convention of
 * the labels, applied by tool here in the translation only: the product still says 'lint'.
 */
const LINT_NOT_CHECKSTYLE = new Set(['flake8']);

/**
 * BugSwarm's label for one of our categories; with the findings (most explanatory first), a lint verdict
 * whose first lint finding comes from a tool of LINT_NOT_CHECKSTYLE is 'Unknown'.
 */
export function toBugSwarm(
  category: RuleCategory | string | undefined,
  findings: readonly Pick<Finding, 'kind' | 'tool'>[] = [],
): string {
  if (category === 'lint') {
    const first = findings.find((f) => f?.kind === 'lint-error');
    if (first && LINT_NOT_CHECKSTYLE.has(first.tool)) return 'Unknown';
  }
  return BUGSWARM_OF[category as RuleCategory] ?? 'Unknown';
}

/** BugSwarm's label as written, with its spacing normalised ('Compare  version' → 'Compare version'). */
export function normaliseLabel(label: string): string {
  return label.replace(/\s+/g, ' ').trim();
}

export interface Confusion {
  n: number;
  correct: number;
  /** Percentage, one decimal. */
  accuracy: number;
  /** label → predicted label → count */
  matrix: Record<string, Record<string, number>>;
}

export function confusion(pairs: { label: string; predicted: string }[]): Confusion {
  const matrix: Record<string, Record<string, number>> = {};
  let correct = 0;
  for (const { label, predicted } of pairs) {
    const row = (matrix[label] ??= {});
    row[predicted] = (row[predicted] ?? 0) + 1;
    if (label === predicted) correct++;
  }
  const n = pairs.length;
  return { n, correct, accuracy: n ? Math.round((1000 * correct) / n) / 10 : 0, matrix };
}
