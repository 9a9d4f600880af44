// Which step of a job a line of its log belongs to. The job log does not say: combine the lines that open
// a step (`##[group]Run …`, `Post job cleanup.`, `Cleaning up orphan processes`) with the steps'
// started_at times (second granularity). Lines before the first located step belong to step 1 (Set up job).
import type { StepInfo } from './runs.js';

export interface StepStart {
  number: number;
  name: string;
  /** 1-based line in the job log where the step starts. */
  line: number;
}

export interface LineLocation {
  step?: number;
  stepName?: string;
  /** 1-based line within the step, as the web UI numbers it (`#step:{n}:{line}`). */
  lineInStep?: number;
}

const TS = /^\uFEFF?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z /;
const OPENS_STEP = /^\uFEFF?\S+Z (?:##\[group\]Run |Post job cleanup\.|Cleaning up orphan processes)/;

function second(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso.slice(0, 19) + 'Z');
  return Number.isNaN(t) ? undefined : t / 1000;
}

/**
 * Finds where each step starts in a job log. `firstLine` is the number of the first line of `text` in the
 * whole log (greater than 1 when the head of a long log was dropped).
 */
export function locateSteps(text: string, steps: StepInfo[], firstLine = 1): StepStart[] {
  const lines = text.split('\n');
  const ordered = steps.filter((s) => typeof s.number === 'number').sort((a, b) => a.number - b.number);
  const openers: { line: number; at?: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (OPENS_STEP.test(lines[i])) {
      const m = TS.exec(lines[i]);
      openers.push({ line: i + firstLine, at: m ? second(m[1]) : undefined });
    }
  }
  const starts: StepStart[] = [];
  if (ordered.length === 0) return starts;
  if (firstLine === 1) starts.push({ number: ordered[0].number, name: ordered[0].name, line: 1 });
  let next = 0;
  for (const step of ordered.slice(1)) {
    const at = second(step.startedAt);
    if (step.conclusion === 'skipped' || at === undefined) continue;
    let k = next;
    // started_at has second granularity and may be rounded: allow one second.
    while (k < openers.length && openers[k].at !== undefined && openers[k].at! < at - 1) k++;
    if (k >= openers.length) break;
    // The step ended before this opener: its start is not in the text (the head of the log was dropped).
    const end = second(step.completedAt);
    if (end !== undefined && openers[k].at !== undefined && openers[k].at! > end + 1) continue;
    starts.push({ number: step.number, name: step.name, line: openers[k].line });
    next = k + 1;
  }
  // Logs without timestamps: pair openers with the steps that ran, in order.
  if (starts.length <= 1 && openers.length > 0 && openers.every((o) => o.at === undefined)) {
    const ran = ordered.slice(1).filter((s) => s.conclusion !== 'skipped');
    openers
      .slice(0, ran.length)
      .forEach((o, i) => starts.push({ number: ran[i].number, name: ran[i].name, line: o.line }));
  }
  return starts;
}

/** The step containing a 1-based line of the job log. */
export function locateLine(starts: StepStart[], line: number): LineLocation {
  let found: StepStart | undefined;
  for (const s of starts) {
    if (s.line <= line) found = s;
    else break;
  }
  if (!found) return {};
  return { step: found.number, stepName: found.name, lineInStep: line - found.line + 1 };
}
