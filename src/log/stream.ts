// Reading a log of any size in bounded memory: the streaming counterpart of parseLog + extractFindings +
// matchRules. Text arrives in chunks (a file or HTTP stream, decoded incrementally); lines are split out
// of each block of text without building a whole-log string or an array of every line.
//
// - A cheap first pass (src/log/prefilter.ts: one global regex over each block) marks CANDIDATE lines.
// - A ring buffer keeps the last `before` raw lines; a candidate opens a WINDOW made of those lines, the
//   candidate and the `after` lines that follow; overlapping windows merge. The last `tail` lines of the
//   log always form a window (many failures are explained at the end).
// - Each window is normalised (normalizeLine, the same as LogReader) and handed, as soon as it closes, to
//   every extractor as its `lines` (contiguous original `n` inside a window, so index arithmetic on `n`
//   holds; a finding cannot span two windows) and to the rules engine (RuleMatcher, one pass across all
//   windows in order). Only the findings and the lines their excerpts show are kept.
// - Every line goes through the job/step Segmenter; lines that cannot change the segmentation (no marker,
//   no gh columns: segmentHintPattern) skip normalisation.
//
// Memory is bounded by: the ring (before/tail lines), one window (at most maxWindowLines lines /
// maxWindowChars characters: a longer window is processed in parts), the findings (at most maxFindings,
// pruned to the most explanatory half beyond that) and the lines cut to maxLineLength characters (a
// longer line keeps its first and last half). What was cut is said in `notes`.
//
// V8 keeps the whole parent string alive behind every slice of it: lines kept beyond the current block
// (window lines, excerpts, long-line parts) are copied with `flat`.
//
// Pure: no I/O. The caller passes chunks (Buffer/Uint8Array or string) or an async iterable of them.
import { StringDecoder } from 'node:string_decoder';
import type { Finding, LogDocument, LogFormat, LogLine, LogSegment, PatternMatch, Rule } from '../types.js';
import { normalizeLine, timestampLength, type NormalizedLine } from './normalize.js';
import { JOB_HEADER, Segmenter } from './segment.js';
import { extractors as registry } from './extractors/index.js';
import type { Extractor } from './extractors/types.js';
import { orderFindings } from './extract.js';
import { extendFindings } from './extent.js';
import { failingSegments } from './extractors/region.js';
import { RuleMatcher } from '../rules/match.js';
import { builtinRules } from '../rules/load.js';
import { candidatePattern, extraVocabulary, segmentHintPattern } from './prefilter.js';
import { lastBuildToolSummary } from './category.js';

export interface StreamOptions {
  /** The job the whole text belongs to (see ParseOptions.job). */
  job?: string;
  /** Rules to match on the windows (none: no patterns). */
  rules?: Rule[];
  extractors?: Extractor[];
  /** Lines kept before a candidate line (default 200). */
  before?: number;
  /** Lines kept after a candidate line (default 200). */
  after?: number;
  /**
   * Candidates of each step (segment) read with the full before/after context (default: all; 8 read 60%
   * instead of 79% of the lines of ../shared/data but changed the first 5 findings of 76 more logs); later ones in
   * the same step are read with the narrow context, and the lines after the step's last candidate with
   * the full `after` again (a step's first errors and its closing summary explain; the middle repeats).
   */
  wideCandidates?: number;
  /** Lines kept before / after a candidate beyond the first wideCandidates of its step (default 20). */
  narrow?: number;
  /** Last lines of the log always read (default 100). */
  tail?: number;
  /** Longest line read, in characters; longer lines keep their first and last half (default 64 Ki). */
  maxLineLength?: number;
  /** Largest window handed to the extractors at once (default 20,000 lines, 8 Mi characters). */
  maxWindowLines?: number;
  maxWindowChars?: number;
  /** Findings kept while reading; beyond, the least explanatory are dropped (default 2,000). */
  maxFindings?: number;
  /**
   * Lines the extractors read with the full before/after context (default 40,000: more than the longest
   * real log of ../shared/data has, so their findings do not depend on it). Beyond it, a huge log dense
   * with errors is read with `budgetBefore` / `budgetAfter` lines around each candidate, a candidate line
   * repeating one already read (timestamp aside) is not read again, the small windows are handed to the
   * extractors in batches, and the extractors read at most `budgetShare` of the log's lines in all
   * (further candidates are skipped until the log is long enough again; a note says how many): the time
   * stays linear, close to one scan of the text plus a bounded share of lines read closely.
   */
  contextBudget?: number;
  /** Lines before / after a candidate once the budget is spent (default 1 / 4). */
  budgetBefore?: number;
  budgetAfter?: number;
  /** Share of the log's lines the extractors may read beyond contextBudget (default 1/64). */
  budgetShare?: number;
}

export interface StreamResult {
  /** The findings, ordered (as extractFindings orders them), without excerpts. */
  findings: Finding[];
  patterns: PatternMatch[];
  /**
   * The document as far as it is kept: format, segments and totalLines are those of the whole log; `lines`
   * holds only the lines the findings' excerpts show (enough for attachExcerpts) and the last build-tool
   * failure summary with its next 3 lines (enough for classifyFailure), NOT every line.
   */
  doc: LogDocument;
  /** How much of the log the extractors read. */
  stats: { windows: number; linesRead: number; candidates: number; longLines: number };
  /** What was cut, for Report.notes (empty when nothing was). */
  notes: string[];
}

const JENKINS_START = /^(?:Started by |Running as SYSTEM$|Building (?:remotely )?(?:on|in workspace) )/;
const JENKINS_END = /^Finished: (?:SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)$/;
const EMPTY: NormalizedLine = { text: '' };
/** The first lines are normalised in full (format detection, the job's prelude). */
const FULL_LINES = 1000;
/** Characters of an excerpt line kept (attachExcerpts clips at 300 and must still see that it clipped). */
const EXCERPT_CHARS = 301;
/** Lines of a finding's excerpt (attachExcerpts shows 15). */
const EXCERPT_LINES = 15;
/** Context kept across block boundaries when scanning a line too long to hold. */
const OVERLAP = 256;
/** Bytes (or characters) of input decoded and split at once (see write). */
const PIECE = 32 * 1024;
/** Lines of small windows handed to the extractors at once once the context budget is spent. */
const BATCH = 1024;
/** Characters of recent candidate lines remembered to skip their repetitions once the budget is spent. */
const RECENT_CHARS = 1 << 18;

/** A copy of s that does not keep the string it was sliced from alive. */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

interface LongLine {
  head: string;
  tail: string;
  length: number;
  candidate: boolean;
}

/** The streaming analysis of one log: `write` chunks, then `end`. */
export class LogStream {
  private readonly decoder = new StringDecoder('utf8');
  private readonly segmenter: Segmenter;
  private readonly extractors: Extractor[];
  /** Segments of the failing steps seen so far (their closers), for ordering the findings. */
  private readonly failing = new Set<number>();
  private readonly matcher: RuleMatcher;
  private readonly candidate: RegExp;
  private readonly hint = segmentHintPattern();
  private readonly before: number;
  private readonly after: number;
  private readonly wide: number;
  private readonly narrow: number;
  private readonly tail: number;
  private readonly maxLine: number;
  private readonly maxWindowLines: number;
  private readonly maxWindowChars: number;
  private readonly maxFindings: number;
  private readonly budget: number;
  private readonly budgetBefore: number;
  private readonly budgetAfter: number;
  private readonly budgetShare: number;
  /** Candidates not read because the budget was spent. */
  private skipped = 0;
  /** Candidate lines read beyond the budget (timestamp removed), to skip their repetitions. */
  private recent = new Set<string>();
  private recentChars = 0;
  /** Small windows read beyond the budget, waiting to be handed to the extractors together. */
  private batch: LogLine[] = [];
  /** Blank lines put between the windows of a batch (not log lines: never shown in excerpts). */
  private readonly separators = new Set<LogLine>();

  private format: LogFormat | undefined;
  private n = 0;
  private carry = '';
  private long: LongLine | undefined;
  private prevHint = false;

  /** Ring of raw lines not in a window: contiguous line numbers ringFirst .. ringFirst + ringLen - 1. */
  private readonly ringRaw: string[];
  private readonly ringSeg: Int32Array;
  private readonly ringNorm: (NormalizedLine | undefined)[];
  private ringStart = 0;
  private ringLen = 0;
  private ringFirst = 1;

  private window: LogLine[] = [];
  private windowChars = 0;
  /** Lines up to this number belong to the current window (0: none open). */
  private windowEnd = 0;
  /** The current step (segment index), its candidates so far and its last candidate line. */
  private stepSeg = -2;
  private stepCands = 0;
  private stepLastCand = 0;

  private findings: Finding[] = [];
  private readonly excerptLines = new Map<number, string>();
  /** The last build-tool failure summary seen (Maven goal, Gradle task) and the 3 lines after it. */
  private summaryLines: LogLine[] = [];
  private readonly notes: string[] = [];
  private stats = { windows: 0, linesRead: 0, candidates: 0, longLines: 0 };
  private splitWindows = 0;
  private pruned = 0;
  private ended = false;

  constructor(options: StreamOptions = {}) {
    this.segmenter = new Segmenter(options.job);
    this.extractors = options.extractors ?? registry;
    this.matcher = new RuleMatcher(options.rules ?? []);
    // The built-in rules match on the windows only (their anchors sit next to error words in real logs; a
    // scan for all their literals costs more than the rest of the analysis). A user's rules add the
    // literals the vocabulary misses, so they see every line that can match them.
    const builtin = new Set(builtinRules());
    const user = (options.rules ?? []).filter((r) => !builtin.has(r));
    const lits = new RuleMatcher(user).literals();
    this.candidate = candidatePattern(extraVocabulary([...lits.exact, ...lits.folded]));
    this.before = Math.max(0, options.before ?? 200);
    this.after = Math.max(0, options.after ?? 200);
    this.wide = Math.max(0, options.wideCandidates ?? Infinity);
    this.narrow = Math.max(0, Math.min(options.narrow ?? 20, this.before, this.after));
    this.tail = Math.max(1, options.tail ?? 100);
    this.maxLine = Math.max(2 * OVERLAP, options.maxLineLength ?? 64 * 1024);
    this.maxWindowLines = Math.max(100, options.maxWindowLines ?? 20_000);
    this.maxWindowChars = Math.max(this.maxLine, options.maxWindowChars ?? 8 * 1024 * 1024);
    this.maxFindings = Math.max(100, options.maxFindings ?? 2000);
    this.budget = Math.max(0, options.contextBudget ?? 40_000);
    this.budgetBefore = Math.max(0, Math.min(options.budgetBefore ?? 1, this.before));
    this.budgetAfter = Math.max(0, Math.min(options.budgetAfter ?? 4, this.after));
    this.budgetShare = Math.max(0, options.budgetShare ?? 1 / 64);
    const size = Math.max(this.before, this.tail) + 1;
    this.ringRaw = new Array<string>(size).fill('');
    this.ringSeg = new Int32Array(size);
    this.ringNorm = new Array<NormalizedLine | undefined>(size).fill(undefined);
  }

  /** Adds the next chunk of the log (bytes are decoded as UTF-8, split characters included). */
  write(chunk: Uint8Array | string): void {
    if (this.ended) return;
    if (typeof chunk === 'string') {
      for (let i = 0; i < chunk.length; i += PIECE)
        this.feed(chunk.length <= PIECE ? chunk : chunk.slice(i, i + PIECE));
      return;
    }
    // Decoded in pieces small enough for V8's young generation: a string of more than 128 KiB goes to the
    // large-object space, where it stays until a full GC (hundreds of MiB of dead chunks on a big log).
    const buf = Buffer.isBuffer(chunk)
      ? chunk
      : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let i = 0; i < buf.length; i += PIECE) {
      const text = this.decoder.write(buf.length <= PIECE ? buf : buf.subarray(i, i + PIECE));
      if (text) this.feed(text);
    }
  }

  /** Ends the log and returns the analysis. */
  end(): StreamResult {
    if (!this.ended) {
      this.ended = true;
      const rest = this.decoder.end();
      if (rest) this.feed(rest);
      if (this.long) this.finishLong();
      if (this.carry) {
        const last = this.carry + '\n';
        this.carry = '';
        this.scanBlock(last, last.length);
      }
      this.closeAtEnd();
    }
    return this.result();
  }

  // ───────────────────────── splitting ─────────────────────────

  private feed(text: string): void {
    if (this.long) {
      const nl = text.indexOf('\n');
      if (nl < 0) {
        this.appendLong(text);
        return;
      }
      this.appendLong(text.slice(0, nl));
      this.finishLong();
      text = text.slice(nl + 1);
      if (!text) return;
    }
    const block = this.carry ? this.carry + text : text;
    const last = block.lastIndexOf('\n');
    if (last < 0) {
      this.carry = '';
      if (block.length > this.maxLine) this.startLong(block);
      else this.carry = flat(block);
      return;
    }
    const rest = block.slice(last + 1);
    this.scanBlock(block, last + 1);
    this.carry = '';
    if (rest.length > this.maxLine) this.startLong(rest);
    else this.carry = flat(rest);
  }

  /** Splits block[0, end) (which ends with `\n`) into lines, with their candidate and hint flags. */
  private scanBlock(block: string, end: number): void {
    const cand = this.candidate;
    const hint = this.hint;
    cand.lastIndex = 0;
    hint.lastIndex = 0;
    let nextCand = nextMatch(cand, block, end);
    let nextHint = nextMatch(hint, block, end);
    let start = 0;
    while (start < end) {
      const nl = block.indexOf('\n', start);
      let isCand = false;
      let isHint = false;
      if (nextCand < nl) {
        isCand = true;
        cand.lastIndex = nl + 1;
        nextCand = nextMatch(cand, block, end);
      }
      if (nextHint < nl) {
        isHint = true;
        hint.lastIndex = nl + 1;
        nextHint = nextMatch(hint, block, end);
      }
      let raw: string;
      if (nl - start > this.maxLine) {
        const half = this.maxLine >> 1;
        raw = flat(block.slice(start, start + half) + ' … ' + block.slice(nl - half, nl));
        this.stats.longLines++;
      } else raw = block.slice(start, nl);
      this.line(raw, isCand, isHint);
      start = nl + 1;
    }
  }

  private startLong(text: string): void {
    const half = this.maxLine >> 1;
    this.long = {
      head: flat(text.slice(0, half)),
      tail: flat(text.slice(-half)),
      length: text.length,
      candidate: test(this.candidate, text),
    };
  }

  private appendLong(text: string): void {
    const long = this.long!;
    if (!long.candidate) long.candidate = test(this.candidate, long.tail.slice(-OVERLAP) + text);
    long.tail = flat((long.tail + text).slice(-(this.maxLine >> 1)));
    long.length += text.length;
  }

  private finishLong(): void {
    const long = this.long!;
    this.long = undefined;
    this.stats.longLines++;
    const raw = flat(long.head + ' … ' + long.tail);
    this.line(raw, long.candidate, test(this.hint, long.head));
  }

  // ───────────────────────── one line ─────────────────────────

  private line(raw: string, isCand: boolean, isHint: boolean): void {
    if (isCand && this.overBudget()) {
      if (!this.firstRead(raw)) isCand = false;
      else if (this.read() >= this.budget + this.n * this.budgetShare) {
        isCand = false;
        this.skipped++;
      }
    }
    const n = ++this.n;
    let norm: NormalizedLine | undefined;
    let seg: number;
    // a `gh run view --log` line: the segmenter needs only its job and step columns
    const cols = isHint && n > FULL_LINES && raw.charCodeAt(0) !== 0xfeff ? columns(raw) : undefined;
    if (cols) isHint = false;
    const full =
      isHint ||
      this.prevHint ||
      n <= FULL_LINES ||
      (this.format === undefined && isDigit(raw.charCodeAt(0))) ||
      (this.format === undefined && raw.includes('Finished: '));
    this.prevHint = isHint;
    // the segmenter keeps step and job names: sliced from the block, they would keep the block alive
    if (full) raw = flat(raw);
    if (cols) {
      seg = this.segmenter.add(n, cols);
      if (this.format === undefined || this.format === 'github-actions') this.format = 'gh-cli';
    } else if (!full) seg = this.segmenter.add(n, EMPTY);
    else if (raw.startsWith(JOB_HEADER)) {
      const job = raw.slice(JOB_HEADER.length).replace(/\r$/, '').trim();
      seg = this.segmenter.add(n, EMPTY, job);
    } else {
      norm = normalizeLine(raw);
      seg = this.segmenter.add(n, norm);
      this.detectFormat(n, norm);
    }
    if (seg !== this.stepSeg) this.endStep(seg);
    let after = this.after;
    let before = this.before;
    if (isCand) {
      this.stats.candidates++;
      if (++this.stepCands > this.wide) {
        after = this.narrow;
        before = this.narrow;
      }
      if (this.overBudget()) {
        after = Math.min(after, this.budgetAfter);
        before = Math.min(before, this.budgetBefore);
      }
      this.stepLastCand = n;
    }

    if (this.windowEnd && n <= this.windowEnd) {
      this.addToWindow(this.materialise(n, raw, seg, norm));
      if (isCand) this.windowEnd = Math.max(this.windowEnd, n + after);
      return;
    }
    // a window is contiguous: a candidate whose context does not reach the open window starts a new one
    if (this.windowEnd && (n > this.windowEnd + this.before || (isCand && n - before > this.windowEnd + 1)))
      this.closeWindow();
    if (isCand) {
      // the ring lines within `before` of the candidate join the window (all of them when it is still open)
      const from = n - before;
      for (let k = 0; k < this.ringLen; k++) {
        const ln = this.ringFirst + k;
        if (ln < from) continue;
        const at = (this.ringStart + k) % this.ringRaw.length;
        this.addToWindow(this.materialise(ln, this.ringRaw[at], this.ringSeg[at], this.ringNorm[at]));
      }
      this.clearRing(n + 1);
      this.addToWindow(this.materialise(n, raw, seg, norm));
      this.windowEnd = n + after;
      return;
    }
    this.pushRing(n, raw, seg, norm);
  }

  /**
   * A new step starts: when the step that ends had narrowed candidates, the ring lines within `after` of
   * its last candidate (its closing summary) are read, joining the open window when contiguous with it.
   */
  private endStep(seg: number): void {
    const narrowed = this.stepCands > this.wide;
    const last = this.stepLastCand;
    this.stepSeg = seg;
    this.stepCands = 0;
    if (!narrowed || this.ringLen === 0) return;
    const until = last + this.after;
    if (this.ringFirst > until) return;
    if (this.windowEnd && this.ringFirst > this.windowEnd + 1) this.closeWindow();
    for (let k = 0; k < this.ringLen; k++) {
      const ln = this.ringFirst + k;
      if (ln > until) {
        // the rest stay in the ring for the next window's `before` context
        this.dropRingHead(k);
        this.windowEnd = ln - 1;
        return;
      }
      const at = (this.ringStart + k) % this.ringRaw.length;
      this.addToWindow(this.materialise(ln, this.ringRaw[at], this.ringSeg[at], this.ringNorm[at]));
    }
    this.windowEnd = this.ringFirst + this.ringLen - 1;
    this.clearRing(this.windowEnd + 1);
  }

  /** True once the extractors have read the lines the full context may take (see contextBudget). */
  private overBudget(): boolean {
    return this.read() > this.budget;
  }

  /** Lines read by the extractors so far, or waiting to be. */
  private read(): number {
    return this.stats.linesRead + this.window.length + this.batch.length;
  }

  /** False when a candidate line repeats one read since the budget was spent (a timestamp aside). */
  private firstRead(raw: string): boolean {
    const ts = timestampLength(raw);
    const key = ts ? raw.slice(ts) : raw;
    if (this.recent.has(key)) return false;
    if (this.recentChars + key.length > RECENT_CHARS) {
      this.recent.clear();
      this.recentChars = 0;
    }
    this.recent.add(flat(key));
    this.recentChars += key.length;
    return true;
  }

  /** Removes the first k lines of the ring. */
  private dropRingHead(k: number): void {
    const size = this.ringRaw.length;
    for (let i = 0; i < k; i++) {
      const at = (this.ringStart + i) % size;
      this.ringRaw[at] = '';
      this.ringNorm[at] = undefined;
    }
    this.ringStart = (this.ringStart + k) % size;
    this.ringLen -= k;
    this.ringFirst += k;
  }

  private detectFormat(n: number, norm: NormalizedLine): void {
    if (this.format !== undefined && this.format !== 'github-actions') return;
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

  private materialise(n: number, raw: string, seg: number, norm: NormalizedLine | undefined): LogLine {
    // most lines carry nothing normalizeLine removes: their text is the raw line (no allocation there)
    if (!norm && isPlain(raw)) return { n, text: flat(raw), segment: seg };
    if (!norm && raw.startsWith(JOB_HEADER)) return { n, text: '', marker: 'section', segment: seg };
    const nl = norm ?? normalizeLine(raw);
    const line: LogLine = { n, text: flat(nl.text) };
    if (nl.marker) line.marker = nl.marker;
    line.segment = seg;
    return line;
  }

  private pushRing(n: number, raw: string, seg: number, norm: NormalizedLine | undefined): void {
    const size = this.ringRaw.length;
    if (this.ringLen === 0) this.ringFirst = n;
    let at: number;
    if (this.ringLen < size) {
      at = (this.ringStart + this.ringLen) % size;
      this.ringLen++;
    } else {
      at = this.ringStart;
      this.ringStart = (this.ringStart + 1) % size;
      this.ringFirst++;
    }
    this.ringRaw[at] = raw;
    this.ringSeg[at] = seg;
    this.ringNorm[at] = norm;
  }

  private clearRing(nextFirst: number): void {
    for (let k = 0; k < this.ringRaw.length; k++) {
      this.ringRaw[k] = '';
      this.ringNorm[k] = undefined;
    }
    this.ringStart = 0;
    this.ringLen = 0;
    this.ringFirst = nextFirst;
  }

  // ───────────────────────── windows ─────────────────────────

  private addToWindow(line: LogLine): void {
    this.window.push(line);
    this.windowChars += line.text.length;
    if (this.window.length >= this.maxWindowLines || this.windowChars >= this.maxWindowChars) {
      this.splitWindows++;
      this.processWindow();
    }
  }

  private closeWindow(): void {
    if (this.window.length > 0 && this.window.length < BATCH && this.overBudget()) {
      // a small window beyond the budget joins the batch (a blank line apart from the previous one)
      const last = this.batch[this.batch.length - 1];
      if (last) {
        const sep: LogLine = { n: last.n + 1, text: '', segment: last.segment };
        this.separators.add(sep);
        this.batch.push(sep);
      }
      for (const l of this.window) this.batch.push(l);
      this.window = [];
      this.windowChars = 0;
      if (this.batch.length >= BATCH) this.flushBatch();
    } else this.processWindow();
    this.windowEnd = 0;
  }

  private flushBatch(): void {
    const lines = this.batch;
    if (lines.length === 0) return;
    this.batch = [];
    this.runExtractors(lines);
    this.separators.clear();
  }

  /** The end of the log: the open window takes the lines after it; else the tail forms a window. */
  private closeAtEnd(): void {
    this.endStep(-3);
    if (this.windowEnd) {
      for (let k = 0; k < this.ringLen; k++) {
        const at = (this.ringStart + k) % this.ringRaw.length;
        this.addToWindow(
          this.materialise(this.ringFirst + k, this.ringRaw[at], this.ringSeg[at], this.ringNorm[at]),
        );
      }
      this.clearRing(this.n + 1);
      this.closeWindow();
      this.flushBatch();
      return;
    }
    const skip = Math.max(0, this.ringLen - this.tail);
    for (let k = skip; k < this.ringLen; k++) {
      const at = (this.ringStart + k) % this.ringRaw.length;
      this.addToWindow(
        this.materialise(this.ringFirst + k, this.ringRaw[at], this.ringSeg[at], this.ringNorm[at]),
      );
    }
    this.clearRing(this.n + 1);
    this.processWindow();
  }

  private processWindow(): void {
    const lines = this.window;
    this.window = [];
    this.windowChars = 0;
    this.flushBatch();
    if (lines.length === 0) return;
    this.runExtractors(lines);
  }

  /** Hands lines (one window, or a batch of windows) to the extractors and the rules. */
  private runExtractors(lines: LogLine[]): void {
    this.stats.windows++;
    this.stats.linesRead += lines.length;
    const doc: LogDocument = {
      format: this.format ?? 'plain',
      lines,
      segments: this.segmenter.segments,
      totalLines: this.n,
    };
    for (const seg of failingSegments(doc)) this.failing.add(seg);
    const contiguous = lines[lines.length - 1].n - lines[0].n === lines.length - 1;
    const base = lines[0].n;
    const indexOf = (n: number): number => (contiguous ? n - base : lineIndex(lines, n));
    const inWindow: Finding[] = [];
    for (const ex of this.extractors) {
      let found: Finding[];
      try {
        if (ex.triggers instanceof RegExp && !anyLine(lines, ex.triggers)) continue;
        found = ex.extract(lines, doc);
      } catch {
        continue; // an extractor must not throw; if one does, the others' findings still stand
      }
      if (!Array.isArray(found)) continue;
      for (const f of found) if (f && typeof f === 'object' && Array.isArray(f.logLines)) inWindow.push(f);
    }
    // the blocks of the findings (extractFindings does the same on the whole document); a batch of small
    // windows (the context budget of huge logs) is not contiguous: its findings keep their own ranges
    for (const f of contiguous ? extendFindings(inWindow, lines) : inWindow) {
      const a = Math.trunc(Math.min(f.logLines[0], f.logLines[1] ?? f.logLines[0]));
      const at = indexOf(a);
      if (f.segment === undefined) {
        const seg = lines[at]?.segment;
        if (seg !== undefined) f.segment = seg;
      }
      for (let k = Math.max(0, at), end = Math.min(lines.length, k + EXCERPT_LINES); k < end; k++) {
        const l = lines[k];
        if (l.n >= a + EXCERPT_LINES) break;
        if (!this.excerptLines.has(l.n) && !this.separators.has(l))
          this.excerptLines.set(l.n, flat(l.text.slice(0, EXCERPT_CHARS)));
      }
      this.findings.push(f);
    }
    for (const line of lines) this.matcher.push(line);
    const summary = lastBuildToolSummary(doc);
    if (summary) {
      const k = indexOf(summary.line);
      this.summaryLines = lines.slice(k, k + 4).map((l) => ({ n: l.n, text: flat(l.text) }));
    }
    if (this.findings.length > this.maxFindings) this.prune();
  }

  /** Keeps the most explanatory half of the findings (and the excerpt lines they show). */
  private prune(): void {
    const ordered = orderFindings(this.findings, undefined, this.failing);
    const keep = ordered.slice(0, this.maxFindings >> 1);
    this.pruned += this.findings.length - keep.length;
    this.findings = keep;
    const wanted = new Set<number>();
    for (const f of keep) for (let k = 0; k < EXCERPT_LINES; k++) wanted.add(f.logLines[0] + k);
    for (const n of [...this.excerptLines.keys()]) if (!wanted.has(n)) this.excerptLines.delete(n);
  }

  private result(): StreamResult {
    const segments: LogSegment[] = this.segmenter.segments;
    const byLine = new Map(this.excerptLines);
    for (const l of this.summaryLines) byLine.set(l.n, l.text);
    const lines: LogLine[] = [...byLine.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([n, text]) => ({ n, text }));
    const doc: LogDocument = { format: this.format ?? 'plain', lines, segments, totalLines: this.n };
    const findings = orderFindings(this.findings, { ...doc, lines: [] }, this.failing);
    const notes = [...this.notes];
    if (this.stats.longLines > 0)
      notes.push(
        `${this.stats.longLines} log line${this.stats.longLines === 1 ? ' was' : 's were'} longer than ${this.maxLine} characters: only the first and last ${this.maxLine >> 1} characters of each were read.`,
      );
    if (this.splitWindows > 0)
      notes.push(
        `Parts of the log dense with errors were read in pieces of at most ${this.maxWindowLines} lines: a finding spanning two pieces may be split.`,
      );
    if (this.skipped > 0)
      notes.push(
        `The log is dense with errors: beyond the first ${this.budget} lines read, ${this.skipped} candidate line${this.skipped === 1 ? ' was' : 's were'} not read closely (the extractors read at most one line in ${Math.round(1 / Math.max(this.budgetShare, 1e-9))} of the rest).`,
      );
    if (this.pruned > 0)
      notes.push(
        `The log produced more findings than are kept while reading: ${this.pruned} of the least explanatory were dropped.`,
      );
    return {
      findings,
      patterns: this.matcher.finish(),
      doc,
      stats: { ...this.stats },
      notes,
    };
  }
}

/** Index of the line numbered n in lines (increasing n), or of the first line after it. */
function lineIndex(lines: LogLine[], n: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when some line's text matches `re` (tested line by line; a global regex is reset). */
function anyLine(lines: LogLine[], re: RegExp): boolean {
  const sticky = re.global || re.sticky;
  for (const l of lines) {
    if (sticky) re.lastIndex = 0;
    if (re.test(l.text)) {
      if (sticky) re.lastIndex = 0;
      return true;
    }
  }
  return false;
}

/** The gh cli columns (normalize.ts GH_COLUMNS): `job<TAB>step<TAB>` and a timestamp. */
const GH_COLUMNS = /^([^\t]*)\t([^\t]*)\t\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;

/** The job and step columns of a gh cli line (what the segmenter reads of it), without normalising it. */
function columns(raw: string): NormalizedLine | undefined {
  const m = GH_COLUMNS.exec(raw.length > 1200 ? raw.slice(0, 1200) : raw);
  return m ? { text: '', job: flat(m[1]), step: flat(m[2]) } : undefined;
}

/** What normalizeLine may act on: controls (TAB, CR, ESC ...), C1 controls, a BOM, Travis markers. */
const SPECIAL = /[\x00-\x1f\x7f-\x9f\ufeff]|travis_/;

/**
 * True when normalizeLine(raw) would be `{ text: raw }`: no timestamp (first character a digit), no
 * `##[marker]` or `[command]` start, nothing SPECIAL.
 */
function isPlain(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (isDigit(c) || c === 35 /* # */ || c === 91 /* [ */) return false;
  return !SPECIAL.test(raw);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Index of the next match of the global re in s before `end` (from re.lastIndex), or Infinity. */
function nextMatch(re: RegExp, s: string, end: number): number {
  const m = re.exec(s);
  return m && m.index < end ? m.index : Infinity;
}

function test(re: RegExp, s: string): boolean {
  re.lastIndex = 0;
  const hit = re.test(s);
  re.lastIndex = 0;
  return hit;
}

/** Reads a whole stream of chunks (a file or HTTP stream, stdin) and analyses it. */
export async function analyzeLogStream(
  source: AsyncIterable<Uint8Array | string>,
  options: StreamOptions = {},
): Promise<StreamResult> {
  const stream = new LogStream(options);
  for await (const chunk of source) stream.write(chunk);
  return stream.end();
}

/** Analyses a log given as one string through the streaming path (tests, equivalence checks). */
export function analyzeLogText(
  text: string,
  options: StreamOptions = {},
  chunkSize = 64 * 1024,
): StreamResult {
  const stream = new LogStream(options);
  const s = typeof text === 'string' ? text : '';
  for (let i = 0; i < s.length; i += chunkSize) stream.write(s.slice(i, i + chunkSize));
  return stream.end();
}
