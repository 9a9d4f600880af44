// The terminal version: plain text, no markdown, no control characters or workflow commands.
import type { Report } from '../types.js';
import { clipCodePoints, oneLine, safeText } from './escape.js';
import { evidenceText } from './evidence.js';
import { findingKindText, repeatText, testsOf } from '../analyze/labels.js';
import { headedByWhatFailed, keyFindings } from './markdown.js';
import {
  findingTitle,
  findingWhere,
  percent,
  rangesText,
  shortSha,
  suspectWord,
  verdictLabel,
} from './wording.js';

const t = (s: unknown, n = 500) => safeText(oneLine(clipCodePoints(String(s ?? ''), n)));

export function renderTextReport(r: Report): string {
  const out: string[] = [];
  const v = r.verdict;
  const conf = v.confidence > 0 && v.origin !== 'unknown' ? `, ${percent(v.confidence)} confident` : '';
  if (headedByWhatFailed(r)) out.push(t(v.summary, 600));
  else {
    out.push(`${verdictLabel(v)} (${t(v.category, 30)}${conf})`);
    out.push(t(v.summary, 600));
  }
  const evidence = evidenceText(r);
  if (evidence.length) out.push('', 'Evidence:', ...evidence);
  if (r.suspects.length) {
    out.push('', 'Suspects:');
    r.suspects.forEach((s, i) => {
      const where = rangesText(s.lines ?? []);
      out.push(
        `  ${i + 1}. ${t(s.path, 300)}${where ? ` (${where})` : ''}  ${percent(s.confidence)} ${suspectWord(s.confidence)}`,
      );
      for (const reason of s.reasons) out.push(`     - ${t(reason)}`);
      const shas = (s.commits ?? []).map(shortSha).filter(Boolean);
      if (shas.length) out.push(`     commits: ${shas.join(', ')}`);
    });
  }
  const key = keyFindings(r);
  if (key.length) {
    out.push('', 'Findings:');
    key.slice(0, 20).forEach(({ f }, k) => {
      const where = findingWhere(f);
      const [a, b] = f.logLines ?? [0, 0];
      const lines = a ? ` [log ${a === b ? `line ${a}` : `lines ${a}-${b}`}]` : '';
      const repeat = repeatText(f);
      out.push(
        `  ${k + 1}. ${t(findingTitle(f), 120)}${where ? ` at ${t(where, 300)}` : ''} (${t(findingKindText(f), 60)}${repeat ? `, ${t(repeat, 80)}` : ''})${lines}`,
      );
      out.push(`     ${t(f.message)}`);
      const tests = testsOf(f);
      if (tests.length > 1)
        out.push(
          `     ${tests.length} tests failed with this message: ${tests
            .slice(0, 10)
            .map((x) => t(x, 200))
            .join(', ')}${tests.length > 10 ? ` and ${tests.length - 10} more` : ''}`,
        );
      if (k < 3) for (const l of (f.excerpt ?? []).slice(0, 8)) out.push(`     | ${t(l, 300)}`);
    });
    if (key.length > 20) out.push(`  … ${key.length - 20} more findings`);
  }
  if (r.patterns.length) {
    out.push('', 'Recognised patterns:');
    for (const p of r.patterns) {
      out.push(
        `  - ${t(p.title, 120)} [${t(p.id, 80)}, ${t(p.category, 30)}]${p.hint ? `: ${t(p.hint)}` : ''}`,
      );
    }
  }
  const base = shortSha(r.base?.sha);
  const head = shortSha(r.head?.sha);
  if (base || head || r.range) {
    out.push('', 'Range analysed:');
    if (base || head) {
      const src = r.base?.source ?? r.range?.baseSource;
      out.push(`  ${base ?? '?'}${src ? ` (${t(src, 80)})` : ''} -> ${head ?? '?'}`);
    }
    if (r.range) {
      const files =
        r.range.files > r.range.filesAnalysed
          ? `${r.range.files} files changed, ${r.range.filesAnalysed} analysed`
          : `${r.range.files} files changed`;
      out.push(`  ${r.range.commits} commits, ${files}`);
    }
    const top = r.commits?.[0];
    if (top && shortSha(top.sha))
      out.push(`  most likely commit: ${shortSha(top.sha)} ${t(top.subject, 100)}`);
    if (r.bisect?.commands?.length) {
      out.push('  not sure which commit? let git bisect settle it:');
      for (const c of r.bisect.commands.slice(0, 6)) out.push(`    ${t(c, 300)}`);
    }
  }
  if (r.notes.length) {
    out.push('', 'Notes:');
    for (const n of r.notes) out.push(`  - ${t(n, 300)}`);
  }
  return out.join('\n') + '\n';
}
