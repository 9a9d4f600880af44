// Our failure categories against BugSwarm's `failure_category` labels. The labels seen in the data are
// Test, Compilation, Checkstyle, Unknown, Missing library, Compare version, Unable to clone,
// Documentation and Execution. Used by the evaluation only; the product speaks its own categories.
import type { RuleCategory } from '../../src/types.js';

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

/** BugSwarm's label for one of our categories. */
export function toBugSwarm(category: RuleCategory | string | undefined): string {
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
