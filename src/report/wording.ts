// Words shared by the markdown and text renderers: how sure the report sounds.
import { CAUSE_CONFIDENCE, LEAD_CONFIDENCE } from '../analyze/confidence.js';
import type { Finding, LineRange, Verdict } from '../types.js';
import { kindWords, testsOf } from '../analyze/labels.js';

export { CAUSE_CONFIDENCE, LEAD_CONFIDENCE };

/** The verdict's label: stated as the cause only at CAUSE_CONFIDENCE, as a lead below LEAD_CONFIDENCE. */
export function verdictLabel(v: Verdict): string {
  switch (v.origin) {
    case 'caused-by-change':
      return v.confidence >= CAUSE_CONFIDENCE
        ? 'Caused by this change'
        : v.confidence >= LEAD_CONFIDENCE
          ? 'Likely caused by this change'
          : 'No clear cause found';
    case 'base-broken':
      return 'Failing on the base branch too';
    case 'flaky':
      return 'Flaky';
    case 'infrastructure':
      return 'Infrastructure failure';
    default:
      return 'Cause unknown';
  }
}

/** How a suspect is worded next to its confidence. */
export function suspectWord(confidence: number): string {
  return confidence >= CAUSE_CONFIDENCE
    ? 'the cause'
    : confidence >= LEAD_CONFIDENCE
      ? 'likely'
      : 'worth a look';
}

export function percent(x: number): string {
  return `${Math.round(Math.max(0, Math.min(1, Number(x) || 0)) * 100)}%`;
}

export function rangesText(lines: LineRange[]): string {
  if (!lines?.length) return '';
  const parts = lines.slice(0, 4).map(([a, b]) => (a === b ? `${a}` : `${a}-${b}`));
  const more = lines.length > 4 ? ` +${lines.length - 4}` : '';
  return `${lines.length === 1 && lines[0][0] === lines[0][1] ? 'line' : 'lines'} ${parts.join(', ')}${more}`;
}

/** A finding's title: its code, else its test (or `3 tests failed` for a group of tests), else its kind in words. */
export function findingTitle(f: Finding): string {
  const tests = testsOf(f);
  if (tests.length > 1) return `${tests.length} tests failed`;
  return f.code ?? (tests[0] || kindWords(f.kind));
}

export function findingWhere(f: Finding): string {
  if (!f.file) return '';
  return `${f.file}${f.line ? ':' + f.line : ''}${f.line && f.column ? ':' + f.column : ''}`;
}

const HEX = /^[0-9a-f]{7,64}$/i;
export function shortSha(sha: string | undefined): string | undefined {
  return sha && HEX.test(sha) ? sha.slice(0, 7) : undefined;
}
