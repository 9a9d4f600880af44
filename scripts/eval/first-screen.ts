// What a reader sees first, counted over the reports of the extraction sets (issue 14):
// - repeats: the first five findings say one message about one file more than once (the message with
//   numbers masked, whatever the tool);
// - internal words: the markdown comment shows the analysis' own vocabulary (the `region`/`generic`
//   readers as tools, kinds as identifiers like `build-error`, "finding N") outside the log's own text
//   (excerpts, quoted messages and code spans are left out of the search: a log may say "region").
import { maskNumbers } from '../../src/log/mask.js';
import { renderMarkdown } from '../../src/report/render.js';
import type { Report } from '../../src/types.js';

export interface FirstScreen {
  reports: number;
  /** Reports whose first five findings repeat one message about one file. */
  repeats: number;
  /** Comments that show internal words. */
  internal: number;
  /** A few ids of each, for a look. */
  repeatIds: string[];
  internalIds: string[];
}

const INTERNAL = /\bregion\b|\bgeneric\b|\bfinding \d+\b|\b(?:compile|build|lint)-error\b|\btest-failure\b/;

export function newFirstScreen(): FirstScreen {
  return { reports: 0, repeats: 0, internal: 0, repeatIds: [], internalIds: [] };
}

/** True when two of the first five findings have the same file and the same message, numbers masked. */
export function repeatsOneMessage(report: Report): boolean {
  const seen = new Set<string>();
  for (const f of report.findings.slice(0, 5)) {
    if (!f.file) continue;
    const key = `${f.file}\u0000${maskNumbers(f.message)}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** The first internal word the comment shows outside the log's own text, if any. */
export function internalWord(report: Report): string | undefined {
  return internalWordIn(renderMarkdown(report));
}

/** The first internal word a rendered comment (markdown) shows outside the log's own text, if any. */
export function internalWordIn(markdown: string): string | undefined {
  const md = markdown
    .replace(/(`{3,})text\n[\s\S]*?\n\1\n/g, '') // excerpts
    .replace(/^> .*$/gm, '') // quoted messages
    .replace(/`[^`\n]*`/g, ''); // code spans: paths, test names, pattern ids
  return INTERNAL.exec(md)?.[0];
}

export function countFirstScreen(acc: FirstScreen, id: string, report: Report): void {
  acc.reports++;
  if (repeatsOneMessage(report)) {
    acc.repeats++;
    if (acc.repeatIds.length < 5) acc.repeatIds.push(id);
  }
  const word = internalWord(report);
  if (word) {
    acc.internal++;
    if (acc.internalIds.length < 5) acc.internalIds.push(`${id} (${word})`);
  }
}

export function firstScreenLine(s: FirstScreen): string {
  const pct = (n: number) => (s.reports ? ((100 * n) / s.reports).toFixed(1) : '0.0');
  return (
    `first screen: ${s.repeats}/${s.reports} reports (${pct(s.repeats)}%) repeat one message about one file in ` +
    `the first five findings; ${s.internal}/${s.reports} comments show internal words` +
    (s.repeatIds.length || s.internalIds.length
      ? ` (e.g. ${[...s.repeatIds.slice(0, 3), ...s.internalIds.slice(0, 3)].join(', ')})`
      : '')
  );
}
