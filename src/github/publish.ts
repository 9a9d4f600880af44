// What the action publishes: the comment body (marker, the analysed run/attempt/commit, the failed jobs and
// steps, the rendered report), the job summary (under 1 MiB), and the outputs.
import { clipCodePoints, codeSpan, oneLine } from '../report/escape.js';
import { redactReport } from '../report/redact.js';
import { render } from '../report/render.js';
import type { Report } from '../types.js';
import { MARKER, MAX_COMMENT_CHARS } from './comment.js';

/** GitHub drops a job summary over 1 MiB entirely: stay well under. */
export const MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;

/**
 * Untrusted text (job and step names come from the PR's workflow file) as inline code that cannot break
 * out: unsafe characters stripped, mentions and references neutralised, ticks longer than any run inside.
 */
export function inlineCode(text: string): string {
  const clean = clipCodePoints(oneLine(text).replace(/`/g, "'"), 200);
  return clean.trim() ? codeSpan(clean) : '`?`';
}

export interface CommentContext {
  report: Report;
  runUrl?: string;
  /** The workflow of the analysed run: only a green run of the SAME workflow resolves the comment. */
  workflowId?: number;
  /** The hidden failure-memory stamp (src/github/memory.ts memoryStamp), read by later analyses. */
  stamp?: string;
}

/** Hidden stamp naming the workflow a comment diagnoses. */
export const workflowStamp = (id: number) => `<!-- ci-root-cause:workflow ${id} -->`;

function failedJobs(report: Report): string {
  const jobs = report.source?.jobs ?? [];
  if (!jobs.length) return '';
  const parts = jobs.slice(0, 10).map((j) => {
    const steps = (j.failedSteps ?? []).map((s) => `step ${s.number} ${inlineCode(s.name)}`).join(', ');
    const missing = j.logMissing ? ` (log ${j.logMissing === 'expired' ? 'expired' : 'unavailable'})` : '';
    return `${inlineCode(j.name)}${steps ? ` › ${steps}` : ''}${missing}`;
  });
  const more = jobs.length > 10 ? ` and ${jobs.length - 10} more` : '';
  return `**Failed:** ${parts.join('; ')}${more} · `;
}

/** The line every comment and summary starts with: what was analysed (never a stale diagnosis). */
export function header(ctx: CommentContext): string {
  const r = ctx.report;
  const run = r.source?.run;
  const runText = run ? (ctx.runUrl ? `[run ${run}](${ctx.runUrl})` : `run ${run}`) : 'run ?';
  const sha = r.head?.sha ? `\`${r.head.sha.slice(0, 12)}\`` : 'unknown commit';
  return `${failedJobs(r)}${runText}, attempt ${r.source?.attempt ?? 1}, commit ${sha}\n\n`;
}

export function commentBody(ctx: CommentContext): string {
  const head = `${MARKER}\n${ctx.workflowId ? workflowStamp(ctx.workflowId) + '\n' : ''}${ctx.stamp ? ctx.stamp + '\n' : ''}${header(ctx)}`;
  const footer = `\n---\n<sub>Updated on every failed run of this workflow by ci-root-cause ${ctx.report.tool.version}.</sub>\n`;
  const links = linksOf(ctx.report);
  const body = render(ctx.report, 'markdown', {
    links,
    maxChars: MAX_COMMENT_CHARS - head.length - footer.length - 200,
  });
  return head + body + footer;
}

export function linksOf(report: Report) {
  const s = report.source;
  if (!s?.server || !s.repo) return undefined;
  return { server: s.server, repo: s.repo, headSha: report.head?.sha, run: s.run };
}

export function summaryBody(ctx: CommentContext): string {
  const text = header(ctx) + render(ctx.report, 'markdown', { links: linksOf(ctx.report) });
  return fitBytes(text, MAX_SUMMARY_BYTES);
}

/** Cuts text to a byte budget on a character boundary, saying so. */
export function fitBytes(text: string, max: number): string {
  if (Buffer.byteLength(text, 'utf8') <= max) return text;
  const note = '\n\n_… cut: a job summary holds at most 1 MiB._\n';
  const buf = Buffer.from(text, 'utf8').subarray(0, max - note.length - 8);
  let cut = buf.toString('utf8');
  if (cut.endsWith('\ufffd')) cut = cut.slice(0, -1);
  return cut + note;
}

export interface Outputs {
  report: string;
  suspects: string;
  verdict: string;
  'comment-url': string;
  'last-green-sha': string;
}

export function outputsOf(report: Report, commentUrl?: string, lastGreenSha?: string): Outputs {
  // Outputs flow into later steps and their logs: no secret printed by the failing job goes there either.
  report = redactReport(report);
  return {
    report: JSON.stringify(report),
    suspects: JSON.stringify(report.suspects.map((s) => s.path)),
    verdict: report.verdict.origin,
    'comment-url': commentUrl ?? '',
    'last-green-sha': lastGreenSha ?? '',
  };
}
