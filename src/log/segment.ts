// Splitting a log into job/step segments as lines go by. The segmenter keeps only the segment list
// and a little state, so a streaming reader can feed it one line at a time.
//
// The segments of a document are a partition of its lines: contiguous, in order, non-overlapping,
// together covering lines 1..totalLines. Rules, by what a line carries:
// - a job header written by joinJobLogs: a new job (its steps start afresh);
// - gh cli columns (`job<TAB>step<TAB>`): a new segment whenever job or step changes;
// - `##[group]Run …` / `##[group]Post …` (GitHub Actions): a new step named by the group title. Groups
//   an action opens inside its step (`##[group]Getting Git version info`) are not steps. Lines before
//   the first step of a GitHub Actions job are its 'Set up job' step; `Post job cleanup.` starts a
//   post step, `Cleaning up orphan processes` the 'Complete job' step;
// - Travis `travis_fold:start:NAME`: a step NAME until `travis_fold:end:NAME`; outside folds, each
//   `travis_time:start` (one script command) starts a step named by its `$ command` line;
// - Jenkins `[Pipeline] { (Stage)`: a step named Stage.
import type { LogSegment } from '../types.js';
import type { NormalizedLine } from './normalize.js';

/** A line whose text is exactly this (before the name) starts a job in a joined log. */
export const JOB_HEADER = '##[ci-root-cause:job]';

/** The first lines a GitHub runner writes for a job: what precedes the first step is 'Set up job'. */
const JOB_START =
  /^(?:Current runner version|Requested labels|Job defined at|Waiting for a runner|Job is about to start|Runner name|Starting: )/;
const STAGE = /^\[Pipeline\] \{ \((.{1,200})\)$/;

export class Segmenter {
  readonly segments: LogSegment[] = [];
  private job: string | undefined;
  /** No step-starting marker seen yet in the current job. */
  private prelude = true;
  /** Inside a Travis fold. */
  private inFold = false;
  /** The current segment was opened by `travis_time:start` and has no name yet. */
  private nameFromCommand = false;
  /** Force the next line into a new segment. */
  private pendingBreak = false;

  constructor(job?: string) {
    this.job = job;
  }

  /** Assigns line n (1-based, consecutive) to a segment and returns the segment's index. */
  add(n: number, line: NormalizedLine, headerJob?: string): number {
    if (headerJob !== undefined) {
      this.job = headerJob;
      this.prelude = true;
      this.inFold = false;
      this.open(n, undefined);
      this.pendingBreak = true;
      return this.current();
    }
    if (line.job !== undefined) return this.addColumns(n, line);
    if (line.folds || line.timeStart) return this.addTravis(n, line);

    const t = line.text;
    if (line.marker === 'group' && (t.startsWith('Run ') || t.startsWith('Post '))) {
      this.prelude = false;
      this.open(n, t);
    } else if (!line.marker && (t === 'Post job cleanup.' || t === 'Cleaning up orphan processes')) {
      this.prelude = false;
      this.open(n, t === 'Post job cleanup.' ? 'Post job cleanup' : 'Complete job');
    } else if (t.length > 0 && t.charCodeAt(0) === 91 /* [ */ && t.startsWith('[Pipeline] { (')) {
      const m = STAGE.exec(t);
      if (m) this.open(n, m[1]);
      else this.extend(n, undefined);
    } else {
      if (this.nameFromCommand && t.startsWith('$ ')) {
        this.segments[this.segments.length - 1].step = t.slice(2, 202);
        this.nameFromCommand = false;
      }
      this.extend(n, this.prelude && line.timestamp && JOB_START.test(t) ? 'Set up job' : undefined);
    }
    return this.current();
  }

  /** Inside a Travis fold: only a fold marker can change the segmentation. */
  get inTravisFold(): boolean {
    return this.inFold;
  }

  /** The next line may open or name a segment (after a Travis fold's end, a job header, a timed command). */
  get wantsNextLine(): boolean {
    return this.pendingBreak || this.nameFromCommand;
  }

  /**
   * Lines up to n extend the current segment, as `add(k, { text: '' })` would for each: a streaming reader
   * calls it instead of adding the lines that cannot change the segmentation one by one.
   */
  extendTo(n: number): void {
    const last = this.segments[this.segments.length - 1];
    if (last && !this.pendingBreak && last.lines[1] < n) last.lines[1] = n;
  }

  private addColumns(n: number, line: NormalizedLine): number {
    const last = this.segments[this.segments.length - 1];
    if (!this.pendingBreak && last && last.job === line.job && last.step === line.step) last.lines[1] = n;
    else {
      this.segments.push({ job: line.job, step: line.step, lines: [n, n] });
      this.pendingBreak = false;
    }
    return this.current();
  }

  private addTravis(n: number, line: NormalizedLine): number {
    const folds = line.folds ?? [];
    const lastFold = folds[folds.length - 1];
    if (lastFold && lastFold.type === 'end' && line.text === '') {
      // the fold's closing line: it belongs to the fold; what follows does not
      this.extend(n, undefined);
      this.inFold = false;
      this.pendingBreak = true;
      return this.current();
    }
    if (lastFold && lastFold.type === 'start') {
      this.inFold = true;
      this.nameFromCommand = false;
      this.open(n, lastFold.name || undefined);
    } else if (lastFold) {
      this.inFold = false;
      this.open(n, undefined);
      this.nameFromCommand = true;
    } else if (!this.inFold) {
      // travis_time outside a fold: one script command
      this.open(n, undefined);
      this.nameFromCommand = true;
    } else this.extend(n, undefined);
    if (this.nameFromCommand && line.text.startsWith('$ ')) {
      this.segments[this.segments.length - 1].step = line.text.slice(2, 202);
      this.nameFromCommand = false;
    }
    return this.current();
  }

  private open(n: number, step: string | undefined): void {
    const last = this.segments[this.segments.length - 1];
    const seg: LogSegment = { lines: [n, n] };
    if (this.job !== undefined) seg.job = this.job;
    if (step !== undefined) seg.step = step;
    // several boundaries on one line: the last one wins
    if (last && last.lines[0] === n) this.segments[this.segments.length - 1] = seg;
    else this.segments.push(seg);
    this.pendingBreak = false;
    if (step !== undefined) this.nameFromCommand = false;
  }

  private extend(n: number, stepIfNew: string | undefined): void {
    const last = this.segments[this.segments.length - 1];
    if (!last || this.pendingBreak) {
      this.open(n, stepIfNew);
      return;
    }
    last.lines[1] = n;
  }

  private current(): number {
    return this.segments.length - 1;
  }
}
