import type { Report } from '../types.js';

export type Format = 'markdown' | 'text' | 'json';

export interface RenderOptions {
  /** Build links to files at head and to log lines (the action sets these). */
  links?: {
    server: string;
    repo: string;
    headSha?: string;
    run?: number;
  };
  maxChars?: number;
}

export function renderJson(report: Report): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export function renderText(report: Report): string {
  return report.verdict.summary + '\n';
}

export function renderMarkdown(report: Report, _opts: RenderOptions = {}): string {
  return report.verdict.summary + '\n';
}

export function render(report: Report, format: Format, opts: RenderOptions = {}): string {
  if (format === 'json') return renderJson(report);
  if (format === 'text') return renderText(report);
  return renderMarkdown(report, opts);
}
