// The PR comment / job summary: GitHub-flavoured markdown, safe for untrusted text, under a size limit.
//
// Layout: the verdict line; the suspects (table: file with a link to the changed lines, confidence,
// reasons); the key findings (label, location, message, a link to the job log line, the excerpt in a
// collapsible <details>); the recognised patterns with hints; the range analysed; notes.
//
// Size: the comment must stay under `maxChars` UTF-16 units. When it does not, the least important parts
// go first — excerpts of later findings, excerpt lines, later findings, patterns (from the last),
// reasons beyond two per suspect, later suspects, the last excerpt, notes — and the comment says what
// was left out. Every untrusted string is clipped first so that the smallest shape always fits.
import type { Finding, PatternMatch, Report, Suspect } from '../types.js';
import {
  clipCodePoints,
  codeSpan,
  cutUtf16,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownWithCode,
  fence,
} from './escape.js';
import { evidenceSection } from './evidence.js';
import { fileLink, jobLogLink, mdLink as link, ownUrl, runLink, type LinkTarget } from './links.js';
import { findingKindText, repeatText, testsOf } from '../analyze/labels.js';
import { isRealError } from '../analyze/verdict.js';
import {
  findingTitle,
  findingWhere,
  percent,
  rangesText,
  shortSha,
  suspectWord,
  verdictLabel,
} from './wording.js';

export const DEFAULT_MAX_CHARS = 60_000;
/** Kept free below maxChars for the caller's marker and footer. */
const MARGIN = 500;
const MAX_FINDINGS_SHOWN = 10;
const MAX_PATTERNS_SHOWN = 10;
const MAX_EXCERPT_LINES = 15;
const MAX_REASONS = 6;
const MAX_NOTES = 10;
const MAX_TESTS_LISTED = 10;

/**
 * A report that names no cause but found a test or build error is headed by what failed
 * (Verdict.summary, src/analyze/verdict.ts whatFailed).
 */
export function headedByWhatFailed(r: Report): boolean {
  return r.verdict.origin === 'unknown' && r.findings.some(isRealError);
}

export interface MarkdownOptions {
  links?: LinkTarget;
  maxChars?: number;
}

interface Shape {
  suspects: number;
  reasons: number;
  findings: number;
  /** The first `excerpts` findings shown get their excerpt. */
  excerpts: number;
  excerptLines: number;
  patterns: number;
  notes: number;
}

const clip = (s: unknown, n: number) => clipCodePoints(String(s ?? ''), n);
const md = (s: unknown, n = 500) => escapeMarkdown(clip(s, n));

function verdictSection(r: Report): string {
  const v = r.verdict;
  // no cause named: the report is headed by what failed (the summary), not by "Cause unknown"
  // the summary quotes names and tests in backticks: they render as code, the rest is escaped
  const summary = escapeMarkdownWithCode(clip(v.summary, 600));
  if (headedByWhatFailed(r)) return `### CI root cause\n\n**${summary}**\n`;
  const conf = v.origin !== 'unknown' && v.confidence > 0 ? `${percent(v.confidence)} confident` : '';
  const cat = v.category && v.category !== 'unknown' ? md(v.category, 30) : '';
  const detail = [cat, conf].filter(Boolean).join(', ');
  return `### CI root cause\n\n**${verdictLabel(v)}**${detail ? ` (${detail})` : ''}: ${summary}\n`;
}

function suspectsSection(r: Report, shape: Shape, links?: LinkTarget): string {
  const shown = r.suspects.slice(0, shape.suspects);
  if (!shown.length) return '';
  const rows = shown.map((s: Suspect, i) => {
    const url = fileLink(links, s.path, s.lines?.[0]);
    const file = link(codeSpan(clip(s.path, 300), true), url);
    const where = rangesText(s.lines ?? []);
    const reasons = s.reasons.slice(0, shape.reasons).map((x) => escapeMarkdownWithCode(clip(x, 500)));
    const cut = s.reasons.length - reasons.length;
    if (cut > 0) reasons.push(`_${cut} more reason${cut === 1 ? '' : 's'} left out_`);
    const shas = (s.commits ?? []).map(shortSha).filter(Boolean).slice(0, 3);
    if (shas.length) reasons.push(`commit${shas.length === 1 ? '' : 's'}: ${shas.join(', ')}`);
    return `| ${i + 1} | ${file}${where ? `<br>${where}` : ''} | **${percent(s.confidence)}** ${suspectWord(s.confidence)} | ${reasons.join('<br>')} |`;
  });
  const more = r.suspects.length - shown.length;
  const tail = more > 0 ? `\n_${more} more suspect${more === 1 ? '' : 's'} left out._\n` : '';
  return `#### Suspects\n\n| # | File | Confidence | Why |\n| ---: | --- | --- | --- |\n${rows.join('\n')}\n${tail}`;
}

function logUrl(r: Report, f: Finding, links?: LinkTarget): string | undefined {
  if (!links) return undefined;
  const loc = f.location;
  if (!loc) return undefined;
  return (
    ownUrl(links, loc.url) ??
    (loc.jobId ? jobLogLink(links, r.source?.run, loc.jobId, loc.step, loc.lineInStep) : undefined)
  );
}

function findingBlock(
  r: Report,
  f: Finding,
  i: number,
  withExcerpt: boolean,
  excerptLines: number,
  links?: LinkTarget,
): string {
  const where = findingWhere(f);
  const url = logUrl(r, f, links);
  const place = f.location
    ? ` · ${link(`job ${md(f.location.job, 80)}${f.location.stepName ? `, step ${md(f.location.stepName, 80)}` : ''}`, url)}`
    : '';
  const repeat = repeatText(f);
  const head = `**${i + 1}. ${md(findingTitle(f), 120)}**${where ? ` in ${codeSpan(clip(where, 300))}` : ''} · ${md(findingKindText(f), 60)}${repeat ? ` · ${md(repeat, 80)}` : ''}${place}`;
  let out = `${head}\n\n> ${md(f.message, 500)}\n`;
  const tests = testsOf(f);
  if (tests.length > 1) {
    const names = tests.slice(0, MAX_TESTS_LISTED).map((t) => codeSpan(clip(t, 200)));
    const more = tests.length - names.length;
    out += `\n${tests.length} tests failed with this message: ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}\n`;
  }
  const lines = f.excerpt ?? [];
  if (withExcerpt && lines.length) {
    const shown = lines.slice(0, excerptLines).map((l) => clip(l, 300));
    const rest = lines.length - shown.length;
    if (rest > 0) shown.push(`… ${rest} more line${rest === 1 ? '' : 's'}`);
    const [a, b] = f.logLines ?? [0, 0];
    const range = a === b ? `line ${a}` : `lines ${a}-${b}`;
    out += `\n<details><summary>${escapeHtml(`Log excerpt (${range})`)}</summary>\n\n${fence(shown)}\n</details>\n`;
  }
  return out;
}

/**
 * The findings a reader is shown, in order (numbered 1, 2, 3 … as shown): not the exit closers
 * (`Process completed with exit code 1` explains nothing) when anything else was found, and not the
 * failing command's output region (the fallback) when a tool's own finding lies inside it — the region
 * would only repeat that error. `i` is the finding's index in Report.findings.
 */
export function keyFindings(r: Report): { f: Finding; i: number }[] {
  const all = r.findings.map((f, i) => ({ f, i }));
  const tools = all.filter(({ f }) => f.kind !== 'exit' && f.tool !== 'region');
  const repeats = (f: Finding): boolean =>
    f.tool === 'region' &&
    tools.some(({ f: t }) => t.logLines[0] <= f.logLines[1] && t.logLines[1] >= f.logLines[0]);
  const key = all.filter(({ f }) => f.kind !== 'exit' && !repeats(f));
  return key.length ? key : all;
}

function findingsSection(r: Report, shape: Shape, links?: LinkTarget): string {
  const key = keyFindings(r);
  const shown = key.slice(0, shape.findings);
  if (!shown.length) return '';
  const blocks = shown.map(({ f }, k) =>
    findingBlock(r, f, k, k < shape.excerpts, shape.excerptLines, links),
  );
  const more = key.length - shown.length;
  const tail = more > 0 ? `\n_${more} more finding${more === 1 ? '' : 's'} not shown._\n` : '';
  return `#### Key findings\n\n${blocks.join('\n')}${tail}`;
}

function patternsSection(r: Report, shape: Shape): string {
  const shown = r.patterns.slice(0, shape.patterns);
  if (!shown.length) return '';
  const items = shown.map((p: PatternMatch) => {
    const n = p.occurrences && p.occurrences > 1 ? `, ${p.occurrences}×` : '';
    const [a, b] = p.logLines ?? [0, 0];
    const at = a ? ` (log ${a === b ? `line ${a}` : `lines ${a}-${b}`}${n})` : '';
    // a hint's `code` renders as code (the rule's author wrote markdown code spans)
    const hint = p.hint ? `: ${escapeMarkdownWithCode(clip(p.hint, 500))}` : '';
    return `- **${md(p.title, 120)}** ${codeSpan(clip(p.id, 80))} · ${md(p.category, 30)}${at}${hint}`;
  });
  const more = r.patterns.length - shown.length;
  const tail = more > 0 ? `\n_${more} more pattern${more === 1 ? '' : 's'} left out._\n` : '';
  return `#### Recognised patterns\n\n${items.join('\n')}\n${tail}`;
}

function rangeSection(r: Report, links?: LinkTarget): string {
  const parts: string[] = [];
  const base = shortSha(r.base?.sha);
  const head = shortSha(r.head?.sha);
  const source = r.base?.source ?? r.range?.baseSource;
  if (base || head) {
    parts.push(`${base ?? '?'}${source ? ` (${md(source, 80)})` : ''} → ${head ?? '?'}`);
  }
  if (r.range) {
    const files =
      r.range.files > r.range.filesAnalysed
        ? `${r.range.files} files changed, ${r.range.filesAnalysed} analysed`
        : `${r.range.files} file${r.range.files === 1 ? '' : 's'} changed`;
    parts.push(`${r.range.commits} commit${r.range.commits === 1 ? '' : 's'}`, files);
  }
  const top = r.commits?.[0];
  const culprit =
    top && shortSha(top.sha)
      ? `\n\n**Most likely commit:** ${shortSha(top.sha)} ${md(top.subject, 100)}`
      : '';
  const runUrl = r.source?.run ? runLink(links, r.source.run) : undefined;
  const run = r.source?.run
    ? `\n\nAnalysed ${link(`run ${Number(r.source.run) || '?'}`, runUrl)}${r.source.attempt ? `, attempt ${Number(r.source.attempt) || '?'}` : ''}${head ? ` at ${head}` : ''}.`
    : '';
  const commands = Array.isArray(r.bisect?.commands)
    ? r.bisect.commands.slice(0, 6).map((c) => clip(String(c), 300))
    : [];
  const bisect = commands.length
    ? `\n\n**Not sure which commit?** Let git bisect settle it${r.bisect?.run ? '' : ' (run the failing command at each step)'}:\n\n${fence(commands)}`
    : '';
  if (!parts.length && !culprit && !run && !bisect) return '';
  return `#### Range analysed\n\n${parts.join(' · ')}${culprit}${bisect}${run}\n`;
}

function notesSection(r: Report, shape: Shape): string {
  const notes = [...r.notes];
  for (const j of r.source?.jobs ?? [])
    if (j.logMissing) notes.push(`Log of job ${j.name} not analysed: ${j.logMissing}`);
  const shown = notes.slice(0, shape.notes);
  if (!shown.length) return '';
  const more = notes.length - shown.length;
  return `#### Notes\n\n${shown.map((n) => `- ${md(n, 300)}`).join('\n')}${more > 0 ? `\n- _${more} more notes left out._` : ''}\n`;
}

function build(r: Report, shape: Shape, links: LinkTarget | undefined, cutNote: string): string {
  const sections = [
    verdictSection(r),
    evidenceSection(r, links),
    suspectsSection(r, shape, links),
    findingsSection(r, shape, links),
    patternsSection(r, shape),
    rangeSection(r, links),
    notesSection(r, shape),
    cutNote ? `_${cutNote}_\n` : '',
  ].filter(Boolean);
  return sections.join('\n');
}

function describeCut(full: Shape, s: Shape, r: Report): string {
  const parts: string[] = [];
  const key = keyFindings(r).map((x) => x.f);
  const shownFindings = Math.min(full.findings, key.length);
  const withExcerpt = key.slice(0, Math.min(s.excerpts, s.findings)).filter((f) => f.excerpt?.length).length;
  const couldHave = key.slice(0, shownFindings).filter((f) => f.excerpt?.length).length;
  if (withExcerpt < couldHave)
    parts.push(
      `the log excerpts of ${couldHave - withExcerpt} finding${couldHave - withExcerpt === 1 ? '' : 's'}`,
    );
  if (s.excerptLines < full.excerptLines && withExcerpt) parts.push(`excerpt lines beyond ${s.excerptLines}`);
  if (s.findings < shownFindings)
    parts.push(`${shownFindings - s.findings} finding${shownFindings - s.findings === 1 ? '' : 's'}`);
  const shownPatterns = Math.min(full.patterns, r.patterns.length);
  if (s.patterns < shownPatterns)
    parts.push(`${shownPatterns - s.patterns} pattern${shownPatterns - s.patterns === 1 ? '' : 's'}`);
  if (s.reasons < full.reasons && r.suspects.some((x) => x.reasons.length > s.reasons))
    parts.push(`reasons beyond ${s.reasons} per suspect`);
  const shownSuspects = Math.min(full.suspects, r.suspects.length);
  if (s.suspects < shownSuspects)
    parts.push(`${shownSuspects - s.suspects} suspect${shownSuspects - s.suspects === 1 ? '' : 's'}`);
  if (s.notes < Math.min(full.notes, r.notes.length)) parts.push('notes');
  return parts.length
    ? `Shortened to fit the size limit: left out ${parts.join(', ')}. The JSON report has everything.`
    : '';
}

/** One reduction step, least important first; false when nothing is left to cut. */
function reduce(s: Shape, r: Report): boolean {
  if (s.excerpts > 1) s.excerpts--;
  else if (s.excerptLines > 5) s.excerptLines = 5;
  else if (s.findings > 1) s.findings--;
  else if (s.patterns > 0) s.patterns--;
  else if (s.reasons > 2) s.reasons = 2;
  else if (s.suspects > 1) s.suspects--;
  else if (s.excerpts > 0) s.excerpts = 0;
  else if (s.notes > 0) s.notes = 0;
  else if (s.reasons > 1) s.reasons = 1;
  else if (s.findings > 0 && r.suspects.length) s.findings = 0;
  else return false;
  return true;
}

/** Renders the report as markdown of at most `maxChars` UTF-16 units (default 60,000). */
export function renderMarkdownReport(r: Report, opts: MarkdownOptions = {}): string {
  const max = Math.max(200, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const budget = Math.max(100, max - Math.min(MARGIN, Math.floor(max / 10)));
  const full: Shape = {
    suspects: r.suspects.length,
    reasons: MAX_REASONS,
    findings: Math.min(MAX_FINDINGS_SHOWN, keyFindings(r).length),
    excerpts: Math.min(MAX_FINDINGS_SHOWN, keyFindings(r).length),
    excerptLines: MAX_EXCERPT_LINES,
    patterns: Math.min(MAX_PATTERNS_SHOWN, r.patterns.length),
    notes: MAX_NOTES,
  };
  const shape = { ...full };
  let out = build(r, shape, opts.links, '');
  while (out.length > budget) {
    if (!reduce(shape, r)) break;
    out = build(r, shape, opts.links, describeCut(full, shape, r));
  }
  if (out.length > budget) {
    // Last resort: keep whole lines only (no open code span or fence: the smallest shape has none).
    const note =
      '\n_Shortened to fit the size limit: the rest of the report was cut. The JSON report has everything._\n';
    const head = cutUtf16(out, Math.max(0, budget - note.length));
    const nl = head.lastIndexOf('\n');
    out = (nl > 0 ? head.slice(0, nl) : '') + note;
  }
  return out;
}
