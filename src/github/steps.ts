// Which step of a job a line of its log belongs to. The job log does not say: combine the lines that open
// a step (`##[group]Run …`, `Post job cleanup.`, `Cleaning up orphan processes`) with the steps'
// started_at times (second granularity). Lines before the first located step belong to step 1 (Set up job).
import type { StepInfo } from './runs.js';

export interface StepStart {
  number: number;
  name: string;
  /** 1-based line in the job log where the step starts. */
  line: number;
}

export interface LineLocation {
  step?: number;
  stepName?: string;
  /** 1-based line within the step, as the web UI numbers it (`#step:{n}:{line}`). */
  lineInStep?: number;
}

// The BOM of a job log's first line, decoded (U+FEFF) or read as latin1 bytes (EF BB BF).
const TS = /^(?:\uFEFF|\xEF\xBB\xBF)?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.\d+)?Z /;

function second(iso: string | null | undefined): number | undefined {
  if (!iso) return undefined;
  const t = Date.parse(iso.slice(0, 19) + 'Z');
  return Number.isNaN(t) ? undefined : t / 1000;
}

/** A line that opens a step: its 1-based line in the job log and its time (seconds), when stamped. */
export interface StepOpener {
  line: number;
  at?: number;
}

/** What follows the timestamp on a line that opens a step. */
const OPENERS = ['##[group]Run ', 'Post job cleanup.', 'Cleaning up orphan processes'];
const SPACE = /\s/;

/**
 * The start of the line if the marker at h opens a step: the line is `\uFEFF?\S+Z ` then the marker (a
 * timestamp: no spaces, ending in `Z `); else -1. Reads back only to the first whitespace, so a line full
 * of markers costs no more than its length.
 */
function openerLineAt(block: string, h: number): number {
  if (h < 3 || block.charCodeAt(h - 1) !== 32 || block.charCodeAt(h - 2) !== 90) return -1;
  let j = h - 3;
  while (j >= 0 && !SPACE.test(block[j])) j--;
  if (j === h - 3) return -1; // nothing before the Z
  if (j < 0 || block[j] === '\n') return j + 1;
  // a BOM (whitespace to \s) may start the line
  return block[j] === '\uFEFF' && (j === 0 || block[j - 1] === '\n') ? j : -1;
}

/**
 * Reads a job log's text as it streams (blocks of any size, lines split anywhere) and keeps only what
 * locating steps needs: the lines that open a step, and the number of lines. `firstLine` is the number
 * of the first line given in the whole log. The text may be the log's characters or its UTF-8 bytes read
 * as latin1 (cheaper: no decoding, always one-byte strings): the markers and timestamps are ASCII.
 */
export class StepScanner {
  readonly openers: StepOpener[] = [];
  /** Newlines seen (the lines before the unfinished one). */
  private newlines = 0;
  private carry = '';
  private chars = 0;
  private lastChar = '';

  constructor(private readonly firstLine = 1) {}

  push(text: string): void {
    if (!text) return;
    this.chars += text.length;
    this.lastChar = text[text.length - 1];
    const block = this.carry + text;
    const last = block.lastIndexOf('\n');
    if (last < 0) {
      // A line too long to be a step opener need not be kept whole.
      this.carry = block.length > 4096 ? block.slice(0, 4096) : block;
      return;
    }
    this.scan(block, last + 1);
    const rest = block.slice(last + 1);
    this.carry = rest.length > 4096 ? rest.slice(0, 4096) : rest;
  }

  /** Finishes the text; returns its number of lines (as `text.split('\n')` counts them without a final newline). */
  end(): number {
    if (this.carry) this.scan(this.carry + '\n', this.carry.length + 1, false);
    this.carry = '';
    if (this.chars === 0) return 0;
    return this.newlines + (this.lastChar === '\n' ? 0 : 1);
  }

  /** Scans block[0, end) (whole lines): the markers are searched as literals, then their line checked. */
  private scan(block: string, end: number, count = true): void {
    const starts: number[] = [];
    for (const marker of OPENERS)
      for (let h = block.indexOf(marker); h >= 0 && h < end; h = block.indexOf(marker, h + 1)) {
        const at = openerLineAt(block, h);
        if (at >= 0) starts.push(at);
      }
    starts.sort((a, b) => a - b);
    let pos = 0;
    let line = this.newlines;
    for (const at of starts) {
      line += newlinesIn(block, pos, at);
      pos = at;
      const nl = block.indexOf('\n', at);
      const text = block.slice(at, nl < 0 ? undefined : nl);
      const ts = TS.exec(text);
      this.openers.push({ line: line + this.firstLine, at: ts ? second(ts[1]) : undefined });
    }
    // the newlines up to the last opener are counted already
    if (count) this.newlines = line + newlinesIn(block, pos, end);
  }
}

function newlinesIn(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Finds where each step starts in a job log. `firstLine` is the number of the first line of `text` in the
 * whole log (greater than 1 when the head of a long log was dropped).
 */
export function locateSteps(text: string, steps: StepInfo[], firstLine = 1): StepStart[] {
  const scanner = new StepScanner(firstLine);
  scanner.push(text);
  scanner.end();
  return stepStarts(scanner.openers, steps, firstLine);
}

/** Pairs the lines that open steps (StepScanner) with the job's steps. */
export function stepStarts(openers: StepOpener[], steps: StepInfo[], firstLine = 1): StepStart[] {
  const ordered = steps.filter((s) => typeof s.number === 'number').sort((a, b) => a.number - b.number);
  const starts: StepStart[] = [];
  if (ordered.length === 0) return starts;
  if (firstLine === 1) starts.push({ number: ordered[0].number, name: ordered[0].name, line: 1 });
  let next = 0;
  for (const step of ordered.slice(1)) {
    const at = second(step.startedAt);
    if (step.conclusion === 'skipped' || at === undefined) continue;
    let k = next;
    // started_at has second granularity and may be rounded: allow one second.
    while (k < openers.length && openers[k].at !== undefined && openers[k].at! < at - 1) k++;
    if (k >= openers.length) break;
    // The step ended before this opener: its start is not in the text (the head of the log was dropped).
    const end = second(step.completedAt);
    if (end !== undefined && openers[k].at !== undefined && openers[k].at! > end + 1) continue;
    starts.push({ number: step.number, name: step.name, line: openers[k].line });
    next = k + 1;
  }
  // Logs without timestamps: pair openers with the steps that ran, in order.
  if (starts.length <= 1 && openers.length > 0 && openers.every((o) => o.at === undefined)) {
    const ran = ordered.slice(1).filter((s) => s.conclusion !== 'skipped');
    openers
      .slice(0, ran.length)
      .forEach((o, i) => starts.push({ number: ran[i].number, name: ran[i].name, line: o.line }));
  }
  return starts;
}

/** The step containing a 1-based line of the job log. */
export function locateLine(starts: StepStart[], line: number): LineLocation {
  let found: StepStart | undefined;
  for (const s of starts) {
    if (s.line <= line) found = s;
    else break;
  }
  if (!found) return {};
  return { step: found.number, stepName: found.name, lineInStep: line - found.line + 1 };
}
