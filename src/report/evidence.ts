// The evidence behind the verdict, from the other runs of the workflow (Report.history) and the log:
// the base branch's latest run failing with the same error, a passing attempt on the same commit, the
// infrastructure line, or — for an unknown cause — what was checked and found nothing. Untrusted text
// (branch, job and test names, log lines) goes in code spans and fences; links only to the server's runs.
import type { Finding, Report } from '../types.js';
import { clipCodePoints, codeSpan, escapeMarkdown, fence, oneLine, safeText } from './escape.js';
import { mdLink, ownUrl, runLink, type LinkTarget } from './links.js';
import { shortSha } from './wording.js';

const clip = (s: unknown, n: number) => clipCodePoints(String(s ?? ''), n);
const code = (s: unknown, n = 120) => codeSpan(clip(s, n));

/** The infrastructure line the verdict rests on: the first infra finding, else the first infra pattern. */
function infraEvidence(r: Report): string | undefined {
  const f: Finding | undefined = r.findings.find((x) => x.kind === 'infra');
  if (f) return f.message;
  return r.patterns.find((p) => p.category === 'infra' || p.category === 'network')?.title;
}

interface Item {
  /** Markdown with links. */
  md: string;
  /** Plain text for the terminal. */
  text: string;
  /** An untrusted log line shown under the item. */
  line?: string;
}

function items(r: Report, links?: LinkTarget): Item[] {
  const h = r.history ?? {};
  const v = r.verdict;
  const out: Item[] = [];
  const run = (n: number, attempt?: number, label = `run ${n}${attempt ? `, attempt ${attempt}` : ''}`) => {
    const url = runLink(links, n, attempt);
    return { md: mdLink(label, url), text: url ? `${label} (${url})` : label };
  };
  for (const k of (r.knownIssues ?? []).slice(0, 3)) {
    const url = ownUrl(links, k.url);
    const f = r.findings[k.findings[0]];
    const label = `known issue #${k.number}`;
    out.push({
      md: `Matches ${mdLink(label, url)} ${code(k.title, 120)}${k.findings.length > 1 ? ` (${k.findings.length} findings)` : ''}:`,
      text: `Matches ${label} '${clip(k.title, 120)}'${url ? ` (${url})` : ''}${k.findings.length > 1 ? ` (${k.findings.length} findings)` : ''}:`,
      line: f?.message,
    });
  }
  for (const g of (r.matrix ?? []).slice(0, 3)) {
    const f = r.findings[g.finding];
    const values = g.values.slice(0, 10);
    const more = g.values.length > values.length ? `, and ${g.values.length - values.length} more` : '';
    out.push({
      md: `The same failure in ${g.values.length} jobs of ${code(g.job)}: ${values.map((x) => code(x, 60)).join(', ')}${more}${f ? ` (${code(f.message, 100)})` : ''}.`,
      text: `The same failure in ${g.values.length} jobs of '${g.job}': ${values.join('; ')}${more}.`,
    });
  }
  const base = h.base;
  if (v.origin === 'base-broken' && base) {
    const b = run(base.run, base.attempt);
    const job = base.job ? ` in job ${code(base.job.name)}` : '';
    const test = base.matched?.test ? `, failing test ${code(base.matched.test, 200)}` : '';
    out.push({
      md: `The latest run of this workflow on the base branch ${code(base.branch)}, ${b.md}, fails too${job}${test}, with the same error:`,
      text: `The latest run on the base branch '${base.branch}', ${b.text}, fails too${base.job ? ` in job '${base.job.name}'` : ''}${base.matched?.test ? `, failing test '${base.matched.test}'` : ''}, with the same error:`,
      line: base.matched?.message,
    });
    const since = base.since;
    if (since && since.run !== base.run) {
      const r = run(since.run, since.attempt);
      out.push({
        md: `Failing on ${code(base.branch)} since ${r.md} (commit \`${shortSha(since.sha) ?? '?'}\`, the same error): ${since.failedInARow} failed runs in a row.`,
        text: `Failing on '${base.branch}' since ${r.text} (commit ${shortSha(since.sha) ?? '?'}, the same error): ${since.failedInARow} failed runs in a row.`,
      });
    }
  }
  if (v.origin === 'flaky' && h.passed) {
    const p = run(h.passed.run, h.passed.attempt);
    const sha = shortSha(r.head?.sha) ?? 'this commit';
    out.push({
      md: `The same commit \`${sha}\` passed in ${p.md}${h.passed.via === 'attempt' ? ' (another attempt of this run)' : ''}.`,
      text: `The same commit ${sha} passed in ${p.text}.`,
    });
  }
  const elsewhere = h.elsewhere?.matches ?? [];
  const rerun = elsewhere.filter((m) => m.passedOnRerun);
  const pull = (m: (typeof elsewhere)[number]) => {
    const r = run(m.run, m.attempt);
    const c = ownUrl(links, m.url);
    const label = `pull request ${m.pr}`;
    return {
      md: `${c ? `[${label}](${c})` : label} (${r.md}, commit \`${shortSha(m.sha) ?? '?'}\`)`,
      text: `${label} (${r.text}, commit ${shortSha(m.sha) ?? '?'})`,
    };
  };
  if (v.origin === 'flaky' && !h.passed && rerun.length) {
    const shown = rerun.slice(0, 3).map(pull);
    out.push({
      md: `The same failure occurred on ${shown.map((x) => x.md).join(', ')}, and passed there when re-run at the same commit.`,
      text: `The same failure occurred on ${shown.map((x) => x.text).join(', ')}, and passed there when re-run at the same commit.`,
    });
  } else if (elsewhere.length) {
    const shown = elsewhere.slice(0, 3).map(pull);
    const prs = new Set(elsewhere.map((m) => m.pr)).size;
    const days = h.elsewhere?.days ?? 0;
    const passed = rerun.length ? `; passed on a re-run in ${new Set(rerun.map((m) => m.pr)).size}` : '';
    out.push({
      md: `Seen on ${prs} other pull request${prs === 1 ? '' : 's'} in the last ${days} days${passed}: ${shown.map((x) => x.md).join(', ')}.`,
      text: `Seen on ${prs} other pull request${prs === 1 ? '' : 's'} in the last ${days} days${passed}: ${shown.map((x) => x.text).join(', ')}.`,
    });
  }
  if (h.firstSeen) {
    const days = h.elsewhere?.days ?? 0;
    const text = `First seen here: not in the base branch's latest run, nor on other pull requests in the last ${days} days (${h.elsewhere?.commentsRead ?? 0} comments read${h.elsewhere?.truncated ? ', older ones not read' : ''}).`;
    out.push({ md: escapeMarkdown(text), text });
  }
  if (v.origin === 'infrastructure') {
    const line = h.infraLine ?? infraEvidence(r);
    out.push({
      md: 'The log shows an infrastructure failure (runner, machine or network) and no test or build error:',
      text: 'The log shows an infrastructure failure (runner, machine or network) and no test or build error:',
      line,
    });
  }
  // The base branch as supporting (or missing) evidence for the other verdicts.
  if (v.origin !== 'base-broken' && base) {
    const b = run(base.run, base.attempt);
    if (base.conclusion === 'success')
      out.push({
        md: `The latest run on the base branch ${code(base.branch)}, ${b.md}, passed.`,
        text: `The latest run on the base branch '${base.branch}', ${b.text}, passed.`,
      });
    else
      out.push({
        md: `The latest run on the base branch ${code(base.branch)}, ${b.md}, ended ${code(base.conclusion, 30)}${base.logMissing ? ' (its log could not be read)' : ', but not with these errors'}.`,
        text: `The latest run on the base branch '${base.branch}', ${b.text}, ended ${base.conclusion}${base.logMissing ? ' (its log could not be read)' : ', but not with these errors'}.`,
      });
  }
  // Only the action checks other runs: without them (the terminal), nothing is claimed about them.
  if (v.origin === 'unknown' && r.history) {
    const checked: string[] = [];
    if (r.findings.length)
      checked.push(
        r.suspects.length
          ? 'no changed file is clearly tied to the errors found (the files listed are leads)'
          : 'no changed file relates to the errors found',
      );
    else checked.push('no error was recognised in the log');
    if (!base && h.baseSkipped)
      checked.push(`the base branch was not checked (${clip(oneLine(h.baseSkipped), 120)})`);
    if (!h.passed) checked.push('no other attempt or run passed on this commit');
    const text = `No evidence points to a cause, so none is guessed: ${checked.join('; ')}.`;
    out.push({ md: escapeMarkdown(text), text });
  }
  return out;
}

/** The `#### Evidence` section (markdown), or '' when there is nothing to show. */
export function evidenceSection(r: Report, links?: LinkTarget): string {
  const list = items(r, links);
  if (!list.length) return '';
  const body = list
    .map((i) => `- ${i.md}${i.line ? `\n\n${indent(fence([clip(i.line, 300)]))}` : ''}`)
    .join('\n');
  return `#### Evidence\n\n${body}\n`;
}

const indent = (s: string) =>
  s
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');

/** The evidence as plain lines for the terminal report. */
export function evidenceText(r: Report): string[] {
  return items(r).flatMap((i) => [
    `  - ${safeText(oneLine(clip(i.text, 600)))}`,
    ...(i.line ? [`      ${safeText(oneLine(clip(i.line, 300)))}`] : []),
  ]);
}
