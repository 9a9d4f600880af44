// The report's three formats. Every format is rendered from a redacted copy of the report: secrets
// (tokens, keys, passwords, credentials in URLs) never leave in any format.
import type { Report } from '../types.js';
import { renderMarkdownReport, DEFAULT_MAX_CHARS } from './markdown.js';
import { redactReport } from './redact.js';
import { renderTextReport } from './text.js';
import type { LinkTarget } from './links.js';

export type Format = 'markdown' | 'text' | 'json';
export { DEFAULT_MAX_CHARS };
export { redact, redactReport } from './redact.js';
export { fileLink, jobLogLink } from './links.js';

export interface RenderOptions {
  /**
   * Build links to files at head and to log lines (the action sets these). Links go only to this
   * server and repository. Log links come from Finding.location (`url`, or jobId/step/lineInStep with
   * `run`, or Report.source.run).
   */
  links?: LinkTarget;
  /** Markdown only: the most UTF-16 units of the output (default 60,000, a margin is kept below it). */
  maxChars?: number;
}

export function renderJson(report: Report): string {
  return JSON.stringify(redactReport(report), null, 2) + '\n';
}

export function renderText(report: Report): string {
  return renderTextReport(redactReport(report));
}

export function renderMarkdown(report: Report, opts: RenderOptions = {}): string {
  return renderMarkdownReport(redactReport(report), { links: opts.links, maxChars: opts.maxChars });
}

export function render(report: Report, format: Format, opts: RenderOptions = {}): string {
  if (format === 'json') return renderJson(report);
  if (format === 'text') return renderText(report);
  return renderMarkdown(report, opts);
}
