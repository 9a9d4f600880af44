// What the action publishes: the comment body (marker, the analysed run/attempt/commit, the failed jobs and
// steps, the rendered report), the job summary (under 1 MiB), and the outputs.
import { clipCodePoints, codeSpan, oneLine } from '../report/escape.js';
import { mdLink } from '../report/links.js';
import { redactReport } from '../report/redact.js';
import { render } from '../report/render.js';
import type { Report } from '../types.js';
import { MARKER, MAX_COMMENT_CHARS, workflowStamp } from './comment.js';

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

export { workflowStamp };

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
  const runText = run ? mdLink(`run ${Number(run) || '?'}`, ctx.runUrl) : 'run ?';
  const sha =
    r.head?.sha && /^[0-9a-f]{7,64}$/i.test(r.head.sha) ? `\`${r.head.sha.slice(0, 12)}\`` : 'unknown commit';
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
  // Whole lines only (see fitComment), and an open fence closed.
  const nl = cut.lastIndexOf('\n');
  if (nl > 0) cut = cut.slice(0, nl);
  const fences = cut.match(/^(`{3,}|~{3,})/gm) ?? [];
  if (fences.length % 2 === 1) cut += '\n' + fences[fences.length - 1] + '\n';
  return cut + note;
}

export interface Outputs {
  report: string;
  suspects: string;
  verdict: string;
  'comment-url': string;
  'last-green-sha': string;
}

/**
 * The `report` output's ceiling in bytes: GitHub's limit is 1 MB per job output (and 50 MB per run); a
 * report beyond this is summarised (summariseReport) and says so in its notes.
 */
export const MAX_REPORT_OUTPUT_BYTES = 256 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/**
 * The report cut to `max` bytes of JSON, least important first: excerpts, findings beyond 20, patterns
 * beyond 10, commits beyond 20, notes beyond 20, suspects beyond 10 (and their reasons beyond 3), then every
 * string clipped to 200 code points. A note says what was left out. The schema still holds.
 */
export function summariseReport(report: Report, max = MAX_REPORT_OUTPUT_BYTES): Report {
  if (bytes(JSON.stringify(report)) <= max) return report;
  const r: Report = JSON.parse(JSON.stringify(report)) as Report;
  const note = (what: string) =>
    `The report output was summarised to stay under ${Math.round(max / 1024)} KiB (${what} left out); the job summary and the comment show the rest.`;
  const steps: [string, () => void][] = [
    ['log excerpts', () => r.findings.forEach((f) => delete f.excerpt)],
    ['findings beyond 20', () => (r.findings = r.findings.slice(0, 20))],
    ['patterns beyond 10', () => (r.patterns = r.patterns.slice(0, 10))],
    ['commits beyond 20', () => r.commits && (r.commits = r.commits.slice(0, 20))],
    ['notes beyond 20', () => (r.notes = r.notes.slice(0, 20))],
    [
      'suspects beyond 10 and reasons beyond 3',
      () => (r.suspects = r.suspects.slice(0, 10).map((x) => ({ ...x, reasons: x.reasons.slice(0, 3) }))),
    ],
    ['text beyond 200 characters per field', () => clipStrings(r, 200)],
  ];
  const done: string[] = [];
  for (const [what, cut] of steps) {
    cut();
    done.push(what);
    const withNote = { ...r, notes: [...r.notes, note(done.join(', '))] };
    if (bytes(JSON.stringify(withNote)) <= max) return withNote;
  }
  // Nothing left to cut but counts: the verdict, the top findings and suspects.
  return {
    ...r,
    findings: r.findings.slice(0, 3),
    suspects: r.suspects.slice(0, 3),
    patterns: [],
    commits: undefined,
    notes: [note('all but the verdict, three findings and three suspects')],
  };
}

function clipStrings(v: unknown, n: number, depth = 0): unknown {
  if (depth > 12 || v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    if (typeof x === 'string') o[k] = clipCodePoints(x, n);
    else if (Array.isArray(x))
      o[k] = x.map((y) => (typeof y === 'string' ? clipCodePoints(y, n) : clipStrings(y, n, depth + 1)));
    else clipStrings(x, n, depth + 1);
  }
  return v;
}

/**
 * JSON whose strings hold no character a shell or a workflow expression would act on: `$` `` ` `` `'` `"`
 * `\` `;` `|` `&` `<` `>` `(` `)` `{` `}` `!` `*` `?` `#` `~` `[` `]` and newlines are written as `\uXXXX`
 * escapes inside the JSON strings. JSON.parse gives back exactly the same value; a workflow that pastes the
 * output into a `run:` script (which it should not: use `env:`) gets inert text.
 */
export function shellInertJson(value: unknown): string {
  return JSON.stringify(value).replace(/"(?:[^"\\]|\\.)*"/g, (lit) => {
    const inner = lit.slice(1, -1).replace(/\\(?:u[0-9a-fA-F]{4}|.)|[$`'\\;|&<>(){}!*?#~[\]]/g, (m) => {
      if (m.length === 1) return '\\u' + m.charCodeAt(0).toString(16).padStart(4, '0');
      if (m === '\\"' || m === '\\\\') return '\\u' + m.charCodeAt(1).toString(16).padStart(4, '0');
      return m;
    });
    return `"${inner}"`;
  });
}

/** A URL output: only an http(s) URL without credentials, else empty. */
function urlOutput(url: string | undefined): string {
  if (!url) return '';
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && !u.username && !u.password ? u.href : '';
  } catch {
    return '';
  }
}

/**
 * The action's outputs. Every one is untrusted text (paths, messages and log lines of a pull request): the
 * README says how to use them (`env:`, never `${{ }}` inside `run:`). Redacted; `report` summarised beyond
 * MAX_REPORT_OUTPUT_BYTES; the JSON outputs carry no shell-active character (shellInertJson); the others
 * are validated (a verdict word, a URL, a commit sha).
 */
export function outputsOf(report: Report, commentUrl?: string, lastGreenSha?: string): Outputs {
  // Outputs flow into later steps and their logs: no secret printed by the failing job goes there either.
  report = redactReport(report);
  return {
    report: shellInertJson(summariseReport(report)),
    suspects: shellInertJson(report.suspects.map((s) => s.path)),
    verdict: /^[a-z-]{1,40}$/.test(report.verdict.origin) ? report.verdict.origin : 'unknown',
    'comment-url': urlOutput(commentUrl),
    'last-green-sha': lastGreenSha && /^[0-9a-f]{7,64}$/i.test(lastGreenSha) ? lastGreenSha : '',
  };
}
