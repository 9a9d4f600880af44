// Our own job log runs workflow commands: `::cmd::` at a line start and legacy `##[cmd]` ANYWHERE in a
// line. Text from logs, branches, file names or commit messages must never reach it raw.
import { randomBytes } from 'node:crypto';
import { safeText } from '../report/escape.js';

/**
 * Makes untrusted text inert in our job log: control, zero-width, bidi and tag characters stripped (the
 * runner trims U+0085 before `::` like white space), then `##[` and a leading `::` lose their meaning (a
 * zero-width space is inserted). The same escaper as the text report (src/report/escape.ts safeText).
 */
export function neutralise(text: string): string {
  return safeText(text);
}

/**
 * Writes a block of untrusted text between `::stop-commands::TOKEN` and `::TOKEN::` (commands are not
 * processed in between), with every line also neutralised for the legacy `##[` syntax.
 */
export function writeUntrusted(write: (line: string) => void, text: string): void {
  let token = randomBytes(16).toString('hex');
  while (text.includes(token)) token = randomBytes(16).toString('hex');
  write(`::stop-commands::${token}`);
  for (const line of text.split('\n')) write(neutralise(line));
  write(`::${token}::`);
}
