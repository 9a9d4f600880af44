import type { Finding, LogDocument } from '../types.js';
import { extractors } from './extractors/index.js';

/** Runs every extractor over the document and returns the findings, the most explanatory first. */
export function extractFindings(doc: LogDocument): Finding[] {
  const all: Finding[] = [];
  for (const ex of extractors) all.push(...ex.extract(doc.lines, doc));
  return all.sort((a, b) => b.weight - a.weight || a.logLines[0] - b.logLines[0]);
}
