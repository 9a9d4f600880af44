// Reading a raw log into normalised lines with their ORIGINAL 1-based numbers, markers and job/step
// segments. The work is done line by line by LogReader (normalize.ts + segment.ts), which keeps no
// whole-log state besides what it returns, so a streaming reader can later feed it chunk by chunk;
// parseLog is the whole-string convenience used today.
//
// Invariants of the returned document:
// - lines[i].n === i + 1: every original line is present, even when it normalises to '';
// - totalLines counts `\n`-separated lines; a final empty remainder after a trailing `\n` is not a line;
// - segments partition 1..totalLines (contiguous, in order) and every line has a segment index.
//
// Several job logs in one text: `joinJobLogs` puts a header line `##[ci-root-cause:job]<name>` before
// each job. parseLog turns each header into a one-line segment of its own (text '', marker 'section')
// and labels that job's segments with its name; line numbers stay those of the joined text, and
// `locateLine` gives the line number inside the job's own log and inside its step (for links).
import { StringDecoder } from 'node:string_decoder';
import type { LogDocument, LogFormat, LogLine, LogSegment } from '../types.js';
import { normalizeLine } from './normalize.js';
import { JOB_HEADER, Segmenter } from './segment.js';

export interface ParseOptions {
  /** The job the whole text belongs to (when the caller knows it): set on every segment. */
  job?: string;
}

const JENKINS_START = /^(?:Started by |Running as SYSTEM$|Building (?:remotely )?(?:on|in workspace) )/;
const JENKINS_END = /^Finished: (?:SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)$/;

/** Normalises lines one at a time; `finish()` returns the document. */
export class LogReader {
  private readonly lines: LogLine[] = [];
  private readonly segmenter: Segmenter;
  private format: LogFormat | undefined;

  constructor(options: ParseOptions = {}) {
    this.segmenter = new Segmenter(options.job);
  }

  /** Adds the next original line (without its `\n`) and returns its normalised form. */
  push(raw: string): LogLine {
    const n = this.lines.length + 1;
    let line: LogLine;
    if (raw.startsWith(JOB_HEADER)) {
      const job = raw.slice(JOB_HEADER.length).replace(/\r$/, '').trim();
      line = { n, text: '', marker: 'section' };
      line.segment = this.segmenter.add(n, { text: '' }, job);
    } else {
      const norm = normalizeLine(raw);
      line = { n, text: norm.text };
      if (norm.marker) line.marker = norm.marker;
      line.segment = this.segmenter.add(n, norm);
      if (this.format === undefined || this.format === 'github-actions') {
        if (norm.job !== undefined) this.format = 'gh-cli';
        else if (this.format === undefined) {
          if (norm.timestamp || (norm.marker && norm.marker !== 'fold' && norm.marker !== 'command'))
            this.format = 'github-actions';
          else if (norm.folds || norm.timeStart) this.format = 'travis';
          else if (
            (n <= 10 && JENKINS_START.test(norm.text)) ||
            JENKINS_END.test(norm.text) ||
            norm.text.startsWith('[Pipeline] ')
          )
            this.format = 'jenkins';
        }
      }
    }
    this.lines.push(line);
    return line;
  }

  finish(): LogDocument {
    return {
      format: this.format ?? 'plain',
      lines: this.lines,
      segments: this.segmenter.segments,
      totalLines: this.lines.length,
    };
  }
}

/**
 * Splits text given in pieces (cut anywhere) into its `\n`-separated lines, each handed to `line`; a last
 * remainder after the final `\n` is a line only when it is not empty.
 */
class LineSplitter {
  private carry = '';

  constructor(private readonly line: (text: string) => void) {}

  take(s: string): void {
    let start = 0;
    for (let end = s.indexOf('\n'); end >= 0; end = s.indexOf('\n', start)) {
      this.line(this.carry ? this.carry + s.slice(start, end) : s.slice(start, end));
      this.carry = '';
      start = end + 1;
    }
    if (start < s.length) this.carry += s.slice(start);
  }

  end(): void {
    if (this.carry) this.line(this.carry);
    this.carry = '';
  }
}

/**
 * Normalises a raw log (GitHub Actions, `gh run view --log`, Travis, Jenkins, plain) into lines with
 * their original 1-based numbers, markers and job/step segments. Never throws on malformed input.
 */
export function parseLog(text: string, options: ParseOptions = {}): LogDocument {
  const reader = new LogReader(options);
  const lines = new LineSplitter((line) => reader.push(line));
  lines.take(typeof text === 'string' ? text : '');
  lines.end();
  return reader.finish();
}

/**
 * parseLog over the UTF-8 bytes of a log in chunks, decoded one chunk at a time: no joined copy of the
 * bytes, and only the chunks holding characters beyond Latin-1 become two-byte strings (one such
 * character made a whole-log string twice its size). Each chunk is released as soon as it is decoded.
 * Gives the same document as parseLog(Buffer.concat(chunks).toString('utf8')).
 */
export function parseLogBytes(chunks: Uint8Array[], options: ParseOptions = {}): LogDocument {
  const reader = new LogReader(options);
  const lines = new LineSplitter((line) => reader.push(line));
  const decoder = new StringDecoder('utf8');
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    (chunks as (Uint8Array | undefined)[])[i] = undefined;
    lines.take(decoder.write(chunk));
  }
  lines.take(decoder.end());
  lines.end();
  return reader.finish();
}

/**
 * Joins several job logs into one text that parseLog reads back with each job's segments labelled
 * by its name. Each job is preceded by one header line; newlines in names become spaces.
 */
export function joinJobLogs(jobs: { name: string; text: string }[]): string {
  const parts: string[] = [];
  for (const job of jobs) {
    const name = job.name.replace(/[\r\n]+/g, ' ');
    const body = job.text.endsWith('\n') || job.text === '' ? job.text : job.text + '\n';
    parts.push(`${JOB_HEADER}${name}\n${body}`);
  }
  return parts.join('');
}

/** Where an original line of a document sits inside its job and its step. */
export interface LineLocation {
  segment?: number;
  job?: string;
  step?: string;
  /** 1-based line number inside the job's own log (what the job's raw log shows). */
  lineInJob: number;
  /** 1-based line number inside the step (GitHub's `#step:S:L` anchors count this way). */
  lineInStep: number;
}

function isJobHeader(doc: LogDocument, seg: LogSegment): boolean {
  const [a, b] = seg.lines;
  const line = doc.lines[a - 1];
  return a === b && seg.step === undefined && line?.marker === 'section' && line.text === '';
}

/** Locates original line n (1-based) of doc inside its job and step. */
export function locateLine(doc: LogDocument, n: number): LineLocation {
  const idx = doc.lines[n - 1]?.segment;
  const seg = idx === undefined ? undefined : doc.segments[idx];
  if (idx === undefined || !seg) return { lineInJob: n, lineInStep: n };
  let first = idx;
  while (first > 0) {
    const prev = doc.segments[first - 1];
    if (prev.job !== seg.job || isJobHeader(doc, prev)) break;
    first--;
  }
  if (isJobHeader(doc, doc.segments[first]) && first < idx) first++;
  const loc: LineLocation = {
    segment: idx,
    lineInJob: n - doc.segments[first].lines[0] + 1,
    lineInStep: n - seg.lines[0] + 1,
  };
  if (seg.job !== undefined) loc.job = seg.job;
  if (seg.step !== undefined) loc.step = seg.step;
  return loc;
}
