// The failed jobs' logs are analysed together (one ranking over all the evidence) as one text; this maps
// each line of that text back to its job, the job's own line number, the step, and a link to the line.
import type { LineRange, Report, RunLocation } from '../types.js';
import type { StepStart } from './steps.js';
import { locateLine } from './steps.js';

export interface JobSlice {
  jobId: number;
  job: string;
  /** First line of this job's text in the combined text (1-based). */
  start: number;
  /** Number of lines of this job's text. */
  lines: number;
  /** Lines dropped from the head of this job's log (the cap keeps the tail). */
  dropped: number;
  steps: StepStart[];
}

export interface Combined {
  text: string;
  slices: JobSlice[];
}

/** Where each job's lines are in the analysed text (the text itself may never have been held). */
export type JobSlices = Pick<Combined, 'slices'>;

/**
 * Joins the jobs' texts, remembering where each starts: the in-memory form of what src/github/analysis.ts
 * streams from the spooled logs (same line numbers; used by tests).
 */
export function combine(
  jobs: { jobId: number; job: string; text: string; dropped: number; steps: StepStart[] }[],
): Combined {
  const parts: string[] = [];
  const slices: JobSlice[] = [];
  let next = 1;
  for (const j of jobs) {
    if (!j.text) continue;
    const text = j.text.endsWith('\n') ? j.text.slice(0, -1) : j.text;
    const lines = text.split('\n').length;
    slices.push({ jobId: j.jobId, job: j.job, start: next, lines, dropped: j.dropped, steps: j.steps });
    parts.push(text);
    next += lines;
  }
  return { text: parts.join('\n') + (parts.length ? '\n' : ''), slices };
}

export interface LinkBase {
  server: string;
  repo: string;
  run: number;
}

/** Where a line of the combined text is: its job, the job log's line number, and the step. */
export function locate(
  combined: JobSlices,
  line: number,
  link?: LinkBase,
): { location?: RunLocation; jobLine?: number } {
  const slice = combined.slices.find((s) => line >= s.start && line < s.start + s.lines);
  if (!slice) return {};
  const jobLine = line - slice.start + 1 + slice.dropped;
  const at = locateLine(slice.steps, jobLine);
  const location: RunLocation = { jobId: slice.jobId, job: slice.job };
  if (at.step !== undefined) {
    location.step = at.step;
    location.stepName = at.stepName;
    location.lineInStep = at.lineInStep;
  }
  if (link) {
    const base = `${link.server.replace(/\/+$/, '')}/${link.repo}/actions/runs/${link.run}/job/${slice.jobId}`;
    location.url = at.step !== undefined ? `${base}#step:${at.step}:${at.lineInStep}` : base;
  }
  return { location, jobLine };
}

function shift(range: LineRange, combined: JobSlices, line: number, jobLine: number): LineRange {
  const slice = combined.slices.find((s) => line >= s.start && line < s.start + s.lines)!;
  const end = Math.min(range[1], slice.start + slice.lines - 1);
  return [jobLine, jobLine + Math.max(0, end - range[0])];
}

/** Rewrites the report's log lines to per-job numbers and adds each finding's and pattern's location. */
export function locateReport(report: Report, combined: JobSlices, link?: LinkBase): void {
  // the places of a repeated finding (all in its job: src/log/group.ts groups within a job)
  for (const f of report.findings)
    for (const p of f.places ?? []) {
      const at = p.logLines?.[0];
      const jobLine = typeof at === 'number' ? locate(combined, at).jobLine : undefined;
      if (jobLine !== undefined) p.logLines = shift(p.logLines, combined, at!, jobLine);
    }
  for (const item of [...report.findings, ...report.patterns]) {
    const first = item.logLines?.[0];
    if (typeof first !== 'number') continue;
    const { location, jobLine } = locate(combined, first, link);
    if (!location || jobLine === undefined) continue;
    item.location = location;
    item.logLines = shift(item.logLines, combined, first, jobLine);
  }
}
