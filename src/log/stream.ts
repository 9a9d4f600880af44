// Reading a log of any size in bounded memory: the streaming counterpart of parseLog + extractFindings +
// matchRules. Bytes arrive in chunks (a file or HTTP stream); nothing holds the whole log.
//
// Two ways of reading, chosen by the size of the log alone (never by a hint from the caller):
// - WHOLE: a log of at most `wholeBytes` bytes and `wholeLines` lines (4 MiB, 40,000 lines: more than
//   any real log of ../shared/data, whose largest has 3.9 MB and 32,738 lines) is held and read exactly
//   as the whole-document path reads it (parseLog + extractFindings + matchRules): same findings, same
//   patterns, same document. The bounds keep this path under the 128 MiB target too: a whole read
//   costs ~1 KiB of heap per line at its peak (8 MiB and 50,000 lines peaked at 138 MiB).
// - WINDOWS: once a log passes either bound, everything (the head held so far, then the rest as it
//   arrives) is scanned as bytes:
//   - each block (a run of whole lines of one chunk, at most 64 KiB: src/log/scan.ts) is searched in its
//     bytes for its newlines and for the lines that can change the job/step segmentation (a few fixed
//     strings; which ones depends on the log's format, known from its first lines); CANDIDATE lines are
//     found by one global regex (src/log/prefilter.ts) over the block's latin1 view, made only when the
//     stream searches it (not while the share below is spent);
//   - an ordinary line costs a newline search and an integer write: it is never decoded, split out or
//     normalised; the ring of the last `before` / `tail` lines takes the positions (block, offset) of the
//     last lines of each block only;
//   - a candidate opens a WINDOW from `before` lines above it to `after` lines below it; overlapping
//     windows merge; a window is decoded (UTF-8), split and normalised only when it closes, from the
//     blocks it spans (kept until then), and handed to every extractor and to the rules engine
//     (RuleMatcher, one pass across all windows in order). The last `tail` lines (within `tailBytes`)
//     are always read: the failing command's output usually ends a job log.
//   - beyond `contextBudget` lines read, windows are narrow and batched, repeated candidate lines are
//     skipped, and the extractors read at most `budgetShare` of the log's lines: while that share is
//     spent, the candidate regex does not even run (the scan resumes at the line where the share allows
//     a new window), so a log dense with errors costs little more than counting its lines.
//
// Memory is bounded by: the head held before the choice (wholeBytes), the blocks a window spans (at most
// maxWindowLines lines / maxWindowChars bytes: a longer window is processed in parts), the ring, the
// findings (at most maxFindings, pruned to the most explanatory half beyond that) and lines cut to
// maxLineLength bytes (a longer line keeps its first and last half). What was cut is said in `notes`.
//
// The stream keeps references to the chunks it is given (no copy): a caller must not reuse a chunk's
// memory after write(), unless it says so (write's `reused`: the stream then copies the blocks it keeps,
// into memory of blocks it dropped). Pure: no I/O.
import type { Finding, LogDocument, LogFormat, LogLine, LogSegment, PatternMatch, Rule } from '../types.js';
import { normalizeLine, timestampLength, type NormalizedLine } from './normalize.js';
import { JOB_HEADER, Segmenter } from './segment.js';
import { extractors as registry } from './extractors/index.js';
import type { Extractor } from './extractors/types.js';
import { extractFindings, orderFindings, runExtractors as runExtractorsOn } from './extract.js';
import { extendFindings } from './extent.js';
import { failingSegments } from './extractors/region.js';
import { parseLogBytes } from './read.js';
import { RuleMatcher } from '../rules/match.js';
import { builtinRules } from '../rules/load.js';
import { candidatePattern, extraVocabulary } from './prefilter.js';
import { lastBuildToolSummary } from './category.js';
import type { Deadline } from '../deadline.js';
import {
  BlockSplitter,
  Candidates,
  OVERLAP,
  PIECE,
  TRAVIS_FOLD,
  hintKey,
  lineEnd,
  scanBlock,
  scanHints,
  startsWithBytes,
} from './scan.js';

export interface StreamOptions {
  /** The job the whole text belongs to (see ParseOptions.job). */
  job?: string;
  /** Rules to match (none: no patterns). */
  rules?: Rule[];
  extractors?: Extractor[];
  /** analyzeLogStream: the source reuses each chunk's memory once the next is asked for (see write). */
  reusedChunks?: boolean;
  /** Logs of at most this many bytes AND wholeLines lines are read whole (default 4 MiB; 0: never). */
  wholeBytes?: number;
  /** See wholeBytes (default 40,000 lines). */
  wholeLines?: number;
  /**
   * The log's size in bytes (or a lower bound) when the caller knows it (a file): a log bigger than
   * wholeBytes is read in windows from its first chunk on, without holding (and copying) its head first.
   * The result is the same.
   */
  size?: number;
  /** Lines kept before a candidate line (default 200). */
  before?: number;
  /** Lines kept after a candidate line (default 200). */
  after?: number;
  /**
   * Last lines of the log always read (default 1,000: the failing command's output usually ends a job log,
   * followed by a few hundred lines of cleanup or after-script), within `tailBytes`.
   */
  tail?: number;
  /** Bytes kept for the tail and the context before a candidate, at most (default 4 MiB). */
  tailBytes?: number;
  /** Longest line read, in bytes; longer lines keep their first and last half (default 64 KiB). */
  maxLineLength?: number;
  /** Largest window handed to the extractors at once (default 20,000 lines, 8 MiB). */
  maxWindowLines?: number;
  maxWindowChars?: number;
  /** Findings kept while reading; beyond, the least explanatory are dropped (default 2,000). */
  maxFindings?: number;
  /**
   * Lines the extractors read with the full before/after context (default 2,000: a log read in windows is
   * over 4 MiB or 40,000 lines; each line read closely costs ~10–40 µs, the scan of an ordinary line
   * ~0.05 µs; at 4,000 the windows cost a 10 MB log 0.09 s more, and the top findings of a failure at the
   * end of a huge log were the same: bench/perf/tail.mjs). Beyond it, a huge log
   * dense with errors is read with `budgetBefore` / `budgetAfter` lines around each candidate, a candidate
   * line repeating one already read (timestamp aside) is not read again, the small windows are handed to
   * the extractors in batches, and the extractors read at most `budgetShare` of the log's lines in all
   * (while that share is spent, the log is only counted, not searched; a note says how much).
   */
  contextBudget?: number;
  /** Lines before / after a candidate once the budget is spent (default 1 / 4). */
  budgetBefore?: number;
  budgetAfter?: number;
  /**
   * Share of the log's lines the extractors may read beyond contextBudget (default 1/4096: 1/2048 cost a 200 MB
   * log 0.05 s more, ~7 %, for ~450 more sampled lines out of 1.9 million).
   */
  budgetShare?: number;
  /**
   * analyzeLogStream: once it passes, no more chunks are read; the result holds what was read and a
   * note says where the reading stopped (src/deadline.ts).
   */
  deadline?: Deadline;
}

export interface StreamResult {
  /** The findings, ordered (as extractFindings orders them), without excerpts. */
  findings: Finding[];
  patterns: PatternMatch[];
  /**
   * The document as far as it is kept: format, segments and totalLines are those of the whole log. A log
   * read whole keeps every line; a log read in windows keeps in `lines` only the lines the findings'
   * excerpts show (enough for attachExcerpts) and the last build-tool failure summary with its next 3
   * lines (enough for classifyFailure).
   */
  doc: LogDocument;
  /** How the log was read and how much of it the extractors read. */
  stats: {
    mode: 'whole' | 'windows';
    windows: number;
    linesRead: number;
    candidates: number;
    longLines: number;
  };
  /** What was cut, for Report.notes (empty when nothing was). */
  notes: string[];
}

const JENKINS_START = /^(?:Started by |Running as SYSTEM$|Building (?:remotely )?(?:on|in workspace) )/;
const JENKINS_END = /^Finished: (?:SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)$/;
/** The first lines are normalised in full (format detection, the job's prelude). */
const FULL_LINES = 1000;
/** Lines after a marker read in full at most while the segmenter waits for them (a Travis `$ command`). */
const FOLLOW = 8;
/** Characters of an excerpt line kept (attachExcerpts clips at 300 and must still see that it clipped). */
const EXCERPT_CHARS = 301;
/** Lines of a finding's excerpt (attachExcerpts shows 15). */
const EXCERPT_LINES = 15;
/** Lines of small windows handed to the extractors at once once the context budget is spent. */
const BATCH = 1024;
/** Characters of recent candidate lines remembered to skip their repetitions once the budget is spent. */
const RECENT_CHARS = 1 << 18;

/** A copy of s that does not keep the string it was sliced from alive. */
export function flat(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** A run of whole lines (ending with `\n`) and the number of its first line. */
interface Block {
  id: number;
  buf: Buffer;
  first: number;
  /** buf is a copy in memory of PIECE bytes the stream owns (see keep). */
  spare?: boolean;
}

/** Memory for copies kept for reuse at most (see LogStream.keep). */
const SPARE = 64;

/** The streaming analysis of one log: `write` chunks, then `end`. */
export class LogStream {
  private readonly options: StreamOptions;
  private readonly segmenter: Segmenter;
  private readonly extractors: Extractor[];
  private readonly rules: Rule[];
  /** Segments of the failing steps seen so far (their closers), for ordering the findings. */
  private readonly failing = new Set<number>();
  private readonly matcher: RuleMatcher;
  private readonly candidate: RegExp;
  private readonly wholeBytes: number;
  private readonly wholeLines: number;
  private readonly before: number;
  private readonly after: number;
  private readonly tail: number;
  private readonly tailBytes: number;
  private readonly maxLine: number;
  private readonly maxWindowLines: number;
  private readonly maxWindowChars: number;
  private readonly maxFindings: number;
  private readonly budget: number;
  private readonly budgetBefore: number;
  private readonly budgetAfter: number;
  private readonly budgetShare: number;

  /** Chunks held while the log may still be read whole. */
  private held: Buffer[] = [];
  /** Memory of dropped copies, for the next (see keep). */
  private spare: ArrayBuffer[] = [];
  private heldBytes = 0;
  private heldLines = 0;
  private windowed = false;

  /** Candidates not read because the share was spent, and lines only counted. */
  private skipped = 0;
  private unsearched = 0;
  /** Candidate lines not read because they repeat one read since the budget was spent. */
  private repeats = 0;
  private unsearchedFrom = 0;
  /** Candidate lines read beyond the budget (timestamp removed), to skip their repetitions. */
  private recent = new Set<string>();
  private recentChars = 0;
  /** Small windows read beyond the budget, waiting to be handed to the extractors together. */
  private batch: LogLine[] = [];
  /** Blank lines put between the windows of a batch (not log lines: never shown in excerpts). */
  private readonly separators = new Set<LogLine>();

  private format: LogFormat | undefined;
  /** The hint set searched (scan.ts hintKey of the format). */
  private key = 0;
  private n = 0;
  private readonly splitter: BlockSplitter;
  /** Lines still read in full after a marker while the segmenter waits (a new segment, its `$ command` name). */
  private follow = 0;
  /** gh cli logs: the `job<TAB>step<TAB>` bytes of the current segment (latin1, and as bytes). */
  private ghPrefix: string | undefined;
  private ghPrefixBytes: Buffer = Buffer.alloc(0);

  /** Blocks still needed (by the open window or the ring), oldest first. */
  private blocks: Block[] = [];
  private nextBlockId = 0;
  /** Ring of the positions (block id, offset) of the last lines: line n at n % ringSize. */
  private readonly ringSize: number;
  private readonly ringBlk: Int32Array;
  private readonly ringOff: Int32Array;

  /** The open window: lines wStart .. windowEnd (0: none open), wStart at (wBlk, wOff). */
  private windowEnd = 0;
  private wStart = 0;
  private wBlk = 0;
  private wOff = 0;
  /** The open window reached maxWindowChars: its part so far is read at the next line. */
  private splitNext = false;
  /** Lines up to this number were handed to a window. */
  private readUpTo = 0;
  /** While the budget's share is spent, candidates are not searched before this line (0: they are). */
  private resumeLine = 0;
  /** Next line number at which the fast loop must stop for the window, the budget or the head. */
  private nextEvent = 1;

  private findings: Finding[] = [];
  private readonly excerptLines = new Map<number, string>();
  /** The last build-tool failure summary seen (Maven goal, Gradle task) and the 3 lines after it. */
  private summaryLines: LogLine[] = [];
  private stats = { windows: 0, linesRead: 0, candidates: 0, longLines: 0 };
  private splitWindows = 0;
  private pruned = 0;
  private ended = false;
  private outcome: StreamResult | undefined;

  constructor(options: StreamOptions = {}) {
    this.options = options;
    this.segmenter = new Segmenter(options.job);
    this.extractors = options.extractors ?? registry;
    this.rules = options.rules ?? [];
    this.matcher = new RuleMatcher(this.rules);
    // The built-in rules match on the windows only (their anchors sit next to error words in real logs; a
    // scan for all their literals costs more than the rest of the analysis). A user's rules add the
    // literals the vocabulary misses, so they see every line that can match them. The scan runs over the
    // bytes seen as latin1: a literal is searched as its UTF-8 bytes.
    const builtin = new Set(builtinRules());
    const user = this.rules.filter((r) => !builtin.has(r));
    const lits = new RuleMatcher(user).literals();
    this.candidate = candidatePattern(
      extraVocabulary([...lits.exact, ...lits.folded]).map((l) => Buffer.from(l, 'utf8').toString('latin1')),
    );
    this.wholeBytes = Math.max(0, options.wholeBytes ?? 4 * 1024 * 1024);
    this.wholeLines = Math.max(0, options.wholeLines ?? 40_000);
    if (options.size !== undefined && options.size > this.wholeBytes) this.windowed = true;
    this.before = Math.max(0, options.before ?? 200);
    this.after = Math.max(0, options.after ?? 200);
    this.tail = Math.max(1, options.tail ?? 1000);
    this.tailBytes = Math.max(0, options.tailBytes ?? 4 * 1024 * 1024);
    this.maxLine = Math.max(2 * OVERLAP, options.maxLineLength ?? 64 * 1024);
    this.maxWindowLines = Math.max(100, options.maxWindowLines ?? 20_000);
    this.maxWindowChars = Math.max(this.maxLine, options.maxWindowChars ?? 8 * 1024 * 1024);
    this.maxFindings = Math.max(100, options.maxFindings ?? 2000);
    this.budget = Math.max(0, options.contextBudget ?? 2000);
    this.budgetBefore = Math.max(0, Math.min(options.budgetBefore ?? 1, this.before));
    this.budgetAfter = Math.max(0, Math.min(options.budgetAfter ?? 4, this.after));
    this.budgetShare = Math.max(0, options.budgetShare ?? 1 / 4096);
    this.ringSize = Math.max(this.before, this.tail) + 2;
    this.ringBlk = new Int32Array(this.ringSize);
    this.ringOff = new Int32Array(this.ringSize);
    this.splitter = new BlockSplitter(this.candidate, this.maxLine, (b, force) => this.block(b, force));
  }

  /**
   * Adds the next chunk of the log (UTF-8 bytes; a string is encoded). The stream keeps a reference to
   * the chunk, unless `reused` says the caller reuses its memory after this call: then the stream copies
   * what it keeps (the head while the log may be read whole, the blocks an open window or the ring still
   * needs: a few 64 KiB blocks). A reader that fills one buffer again and again saves the page faults of
   * a new buffer per chunk.
   */
  write(chunk: Uint8Array | string, reused = false): void {
    if (this.ended) return;
    const buf =
      typeof chunk === 'string'
        ? Buffer.from(chunk, 'utf8')
        : Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length === 0) return;
    reused &&= typeof chunk !== 'string';
    if (!this.windowed) {
      let lines = 0;
      for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
      if (this.heldBytes + buf.length <= this.wholeBytes && this.heldLines + lines <= this.wholeLines) {
        this.held.push(reused ? Buffer.from(buf) : buf);
        this.heldBytes += buf.length;
        this.heldLines += lines;
        return;
      }
      // past a bound: the log is read in windows, from its first chunk on
      this.windowed = true;
      const held = this.held;
      this.held = [];
      for (const b of held) this.splitter.push(b);
    }
    this.splitter.push(buf);
    if (reused) for (const b of this.blocks) if (b.buf.buffer === buf.buffer) this.keep(b);
  }

  /**
   * Copies a block of a reused chunk that the stream still needs. A block of at most PIECE bytes is
   * copied into memory of a block dropped before (the ring and the windows keep a few dozen at most):
   * a new buffer for each would cost its page faults, again and again.
   */
  private keep(b: Block): void {
    if (b.buf.length > PIECE) {
      b.buf = Buffer.from(b.buf);
      return;
    }
    const memory = this.spare.pop() ?? new ArrayBuffer(PIECE);
    const copy = Buffer.from(memory, 0, b.buf.length);
    copy.set(b.buf);
    b.buf = copy;
    b.spare = true;
  }

  /** Ends the log and returns the analysis. */
  end(): StreamResult {
    if (this.outcome) return this.outcome;
    this.ended = true;
    if (!this.windowed) {
      this.outcome = this.readWhole();
      return this.outcome;
    }
    this.splitter.end();
    this.closeAtEnd();
    this.outcome = this.result();
    return this.outcome;
  }

  // ───────────────────────── a log read whole ─────────────────────────

  private readWhole(): StreamResult {
    const held = this.held;
    this.held = [];
    const doc = parseLogBytes(held, { job: this.options.job });
    const findings = extractFindings(doc, this.extractors);
    // (the constructor's matcher: it has seen no line in this mode)
    for (const line of this.rules.length ? doc.lines : []) this.matcher.push(line);
    const patterns = this.rules.length ? this.matcher.finish() : [];
    return {
      findings,
      patterns,
      doc,
      stats: {
        mode: 'whole',
        windows: doc.totalLines ? 1 : 0,
        linesRead: doc.totalLines,
        candidates: 0,
        longLines: 0,
      },
      notes: this.matcher.notes(),
    };
  }

  // ───────────────────────── the lines of a block ─────────────────────────

  /**
   * Reads a block of whole lines; `forceCand` marks its first line as a candidate (a cut long line). Its
   * scan (scan.ts) gives where its lines start and which hold a hint; candidates are searched only while
   * the stream needs them (Candidates), from the line it stands at.
   */
  private block(buf: Buffer, forceCand: boolean): void {
    const id = this.nextBlockId++;
    const first = this.n + 1;
    const blk: Block = { id, buf, first };
    this.blocks.push(blk);
    const info = scanBlock(buf, this.maxLine, this.key);
    const starts = info.starts;
    const count = starts.length;
    const cands = new Candidates(buf, starts, this.candidate);
    let hints = info.hints;
    let key = this.key;
    this.stats.longLines += info.longLines;
    const ringSize = this.ringSize;
    const ringBlk = this.ringBlk;
    const ringOff = this.ringOff;
    let hi = 0;
    let i = 0;
    while (i < count) {
      // the next line that needs a look: a candidate, a hint, an event; ordinary lines before it only move
      // the ring on (the last ringSize of them)
      let j = i;
      if (this.ghPrefix === undefined && this.follow === 0 && !forceCand) {
        while (hi < hints.length && hints[hi] < i) hi++;
        j = Math.min(
          count,
          this.resumeLine === 0 ? cands.next(i) : count,
          hi < hints.length ? hints[hi] : count,
          Math.max(i, this.nextEvent - first),
        );
        for (let k = Math.max(i, j - ringSize); k < j; k++) {
          const r = (first + k) % ringSize;
          ringBlk[r] = id;
          ringOff[r] = starts[k];
        }
        this.n = first + j - 1;
        if (j >= count) break;
      }
      const start = starts[j];
      const nl = lineEnd(starts, j, buf.length);
      const n = ++this.n;
      const r = n % ringSize;
      ringBlk[r] = id;
      ringOff[r] = start;
      if (n >= this.nextEvent) this.event(n, id, start);
      while (hi < hints.length && hints[hi] < j) hi++;
      let isCand = this.resumeLine === 0 && cands.next(j) === j;
      let isHint = hi < hints.length && hints[hi] === j;
      if (this.ghPrefix !== undefined && !startsWithBytes(buf, start, this.ghPrefixBytes)) isHint = true;
      if (forceCand) {
        isCand = true;
        forceCand = false;
      }
      if (isCand || isHint || this.follow > 0 || n <= FULL_LINES) {
        this.line(blk, start, nl, isCand, isHint);
        if (this.key !== key) {
          // the format is known now (from the first lines): its markers are searched in the rest
          key = this.key;
          hints = scanHints(buf, starts, key, j + 1);
          hi = 0;
        }
      }
      i = j + 1;
    }
    this.n = first + count - 1;
    // a window spanning too many bytes is read in parts (at the next line)
    if (this.windowEnd && !this.splitNext && this.windowBytes() >= this.maxWindowChars) {
      this.splitNext = true;
      this.nextEvent = this.n + 1;
    }
    this.dropBlocks();
  }

  /** Bytes of the open window so far. */
  private windowBytes(): number {
    let bytes = 0;
    for (const b of this.blocks) if (b.id >= this.wBlk) bytes += b.buf.length;
    return bytes - this.wOff;
  }

  /** The first line from `from` on whose block is still held (beyond tailBytes the ring names released blocks). */
  private heldFrom(from: number): number {
    const first = this.blocks.length > 0 ? this.blocks[0].id : this.nextBlockId;
    while (from < this.n && this.ringBlk[from % this.ringSize] < first) from++;
    return from;
  }

  /** Releases the blocks no window or ring line needs any more. */
  private dropBlocks(): void {
    const first = Math.max(this.readUpTo + 1, this.n - this.ringSize + 2);
    let oldest = first > this.n ? this.nextBlockId : this.ringBlk[first % this.ringSize];
    // the ring's lines are kept within tailBytes (long lines: up to maxLine bytes each); the newest block stays
    let bytes = 0;
    for (let k = this.blocks.length - 1; k > 0; k--) {
      bytes += this.blocks[k].buf.length;
      if (bytes >= this.tailBytes) {
        oldest = Math.max(oldest, this.blocks[k].id);
        break;
      }
    }
    if (this.windowEnd) oldest = Math.min(oldest, this.wBlk);
    let k = 0;
    for (; k < this.blocks.length && this.blocks[k].id < oldest; k++) {
      const b = this.blocks[k];
      if (b.spare && this.spare.length < SPARE) this.spare.push(b.buf.buffer as ArrayBuffer);
    }
    if (k > 0) this.blocks = this.blocks.slice(k);
  }

  /** What the fast loop stops for at line n (at offset `start` of block `id`), before reading its flags. */
  private event(n: number, id: number, start: number): void {
    if (this.windowEnd && n > this.windowEnd + this.before) this.closeWindow();
    if (this.windowEnd && (this.splitNext || n - this.wStart >= this.maxWindowLines)) {
      // the window's part so far (up to line n - 1) is read; the window goes on from line n
      this.splitNext = false;
      this.splitWindows++;
      this.readWindow(this.wStart, this.wBlk, this.wOff, n - 1);
      this.processWindow();
      this.wStart = n;
      this.wBlk = id;
      this.wOff = start;
    }
    if (this.resumeLine && n >= this.resumeLine) {
      this.resumeLine = 0;
      this.unsearched += n - this.unsearchedFrom;
    }
    this.setNextEvent();
  }

  private setNextEvent(): void {
    let next = this.n < FULL_LINES ? this.n + 1 : Infinity;
    if (this.windowEnd) {
      next = Math.min(next, this.windowEnd + this.before + 1, this.wStart + this.maxWindowLines);
      if (this.splitNext) next = this.n + 1;
    }
    if (this.resumeLine) next = Math.min(next, this.resumeLine);
    this.nextEvent = Math.max(next, this.n + 1);
  }

  // ───────────────────────── a line that matters ─────────────────────────

  /** A candidate, a line that may change the segmentation, or one of the first lines. */
  private line(blk: Block, start: number, nl: number, isCand: boolean, isHint: boolean): void {
    const n = this.n;
    const full = isHint || this.follow > 0 || n <= FULL_LINES;
    if (full) this.segment(blk, start, nl, n);
    // the lines after a marker are read in full while the segmenter waits for them (a new segment, its name)
    this.follow = !this.segmenter.wantsNextLine ? 0 : isHint ? FOLLOW : Math.max(0, this.follow - 1);
    if (!isCand) return;
    if (this.overBudget()) {
      if (!this.firstRead(blk.buf.toString('latin1', start, Math.min(nl, start + 4096)))) {
        this.repeats++;
        return;
      }
      if (this.read() >= this.budget + n * this.budgetShare) {
        // the share of lines read is spent: skip this candidate, and stop searching until the line where
        // the share allows a new window
        this.skipped++;
        const resume = Math.ceil((this.read() - this.budget) / Math.max(this.budgetShare, 1e-9)) + 1;
        if (resume > n + 1) {
          this.resumeLine = resume;
          this.unsearchedFrom = n + 1;
        }
        this.setNextEvent();
        return;
      }
    }
    this.stats.candidates++;
    let before = this.before;
    let after = this.after;
    if (this.overBudget()) {
      before = this.budgetBefore;
      after = this.budgetAfter;
    }
    if (this.windowEnd && n <= this.windowEnd) {
      this.windowEnd = Math.max(this.windowEnd, n + after);
    } else {
      // a window is contiguous: a candidate whose context does not reach the open window starts a new one
      if (this.windowEnd && n - before > this.windowEnd + 1) this.closeWindow();
      if (this.windowEnd) this.windowEnd = n + after;
      else {
        const from = this.heldFrom(Math.max(1, n - before, this.readUpTo + 1, n - this.ringSize + 2));
        this.wStart = from;
        this.wBlk = this.ringBlk[from % this.ringSize];
        this.wOff = this.ringOff[from % this.ringSize];
        this.windowEnd = n + after;
      }
    }
    this.setNextEvent();
  }

  /** Feeds line n to the segmenter (and the format detection). */
  private segment(blk: Block, start: number, nl: number, n: number): void {
    const end = nl - start > this.maxLine ? start + this.maxLine : nl;
    const f = this.format;
    const buf = blk.buf;
    // inside a Travis fold, only a fold marker changes the segmentation (a timed command there does not)
    if (
      f === 'travis' &&
      n > FULL_LINES &&
      this.segmenter.inTravisFold &&
      !this.segmenter.wantsNextLine &&
      buf.subarray(start, end).indexOf(TRAVIS_FOLD) < 0
    )
      return;
    // (the tab is looked for within the line only: indexOf from `start` would run on to the block's end)
    if (
      (f === undefined || f === 'github-actions' || f === 'gh-cli') &&
      buf[start] !== 0xef &&
      buf.subarray(start, Math.min(end, start + 1200)).includes(9)
    ) {
      // a `gh run view --log` line: the segmenter needs only its job and step columns
      const m = GH_COLUMNS.exec(buf.toString('latin1', start, Math.min(end, start + 1200)));
      if (m) {
        this.segmenter.extendTo(n - 1);
        this.segmenter.add(n, {
          text: '',
          job: Buffer.from(m[1], 'latin1').toString('utf8'),
          step: Buffer.from(m[2], 'latin1').toString('utf8'),
        });
        if (this.format === undefined || this.format === 'github-actions') this.setFormat('gh-cli');
        if (this.format === 'gh-cli' && this.ghPrefix !== `${m[1]}\t${m[2]}\t`) {
          this.ghPrefix = `${m[1]}\t${m[2]}\t`;
          this.ghPrefixBytes = Buffer.from(this.ghPrefix, 'latin1');
        }
        return;
      }
    }
    const raw = blk.buf.toString('utf8', start, end);
    this.segmenter.extendTo(n - 1);
    if (raw.startsWith(JOB_HEADER)) {
      const job = raw.slice(JOB_HEADER.length).replace(/\r$/, '').trim();
      this.segmenter.add(n, EMPTY, job);
      return;
    }
    const norm = normalizeLine(raw);
    this.segmenter.add(n, norm);
    this.detectFormat(n, norm);
  }

  private setFormat(format: LogFormat): void {
    this.format = format;
    this.key = hintKey(format);
  }

  private detectFormat(n: number, norm: NormalizedLine): void {
    if (this.format !== undefined && this.format !== 'github-actions') return;
    if (norm.job !== undefined) this.setFormat('gh-cli');
    else if (this.format === undefined) {
      if (norm.timestamp || (norm.marker && norm.marker !== 'fold' && norm.marker !== 'command'))
        this.setFormat('github-actions');
      else if (norm.folds || norm.timeStart) this.setFormat('travis');
      else if (
        (n <= 10 && JENKINS_START.test(norm.text)) ||
        JENKINS_END.test(norm.text) ||
        norm.text.startsWith('[Pipeline] ')
      )
        this.setFormat('jenkins');
    }
  }

  /** True once the extractors have read the lines the full context may take (see contextBudget). */
  private overBudget(): boolean {
    return this.read() > this.budget;
  }

  /** Lines read by the extractors so far, or waiting to be (the open window up to now included). */
  private read(): number {
    const open = this.windowEnd ? Math.min(this.windowEnd, this.n) - this.wStart + 1 : 0;
    return this.stats.linesRead + open + this.window.length + this.batch.length;
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

  // ───────────────────────── windows ─────────────────────────

  /** Lines of the window being read (decoded and normalised), waiting for processWindow. */
  private window: LogLine[] = [];

  /** Decodes lines from..to (from at block blkId, offset off) into this.window. */
  private readWindow(from: number, blkId: number, off: number, to: number): void {
    if (to < from) return;
    this.segmenter.extendTo(to);
    const segs = this.segmenter.segments;
    let seg = segmentOf(segs, from);
    let n = from;
    let k = this.blocks.findIndex((b) => b.id === blkId);
    let pos = off;
    while (n <= to && k >= 0 && k < this.blocks.length) {
      const b = this.blocks[k];
      if (pos >= b.buf.length) {
        k++;
        pos = 0;
        continue;
      }
      let e = pos;
      // (every block ends with a newline: the end of the buffer stands for it all the same)
      for (let c = n; c <= to && e < b.buf.length; c++) e = b.buf.indexOf(10, e) + 1 || b.buf.length;
      const text = b.buf.toString('utf8', pos, e);
      let i = 0;
      while (i < text.length) {
        let j = text.indexOf('\n', i);
        if (j < 0) j = text.length;
        while (seg + 1 < segs.length && segs[seg + 1].lines[0] <= n) seg++;
        this.window.push(this.materialise(n, text.slice(i, j), seg));
        n++;
        i = j + 1;
      }
      pos = e;
    }
    this.readUpTo = Math.max(this.readUpTo, to);
  }

  private materialise(n: number, raw: string, seg: number): LogLine {
    if (raw.length > this.maxLine) {
      const half = this.maxLine >> 1;
      raw = raw.slice(0, half) + ' … ' + raw.slice(raw.length - half);
    }
    // most lines carry nothing normalizeLine removes: their text is the raw line
    if (isPlain(raw)) return { n, text: flat(raw), segment: seg };
    if (raw.startsWith(JOB_HEADER)) return { n, text: '', marker: 'section', segment: seg };
    const nl = normalizeLine(raw);
    const line: LogLine = { n, text: flat(nl.text) };
    if (nl.marker) line.marker = nl.marker;
    line.segment = seg;
    return line;
  }

  private closeWindow(): void {
    if (!this.windowEnd) return;
    const end = Math.min(this.windowEnd, this.n);
    this.readWindow(this.wStart, this.wBlk, this.wOff, end);
    this.windowEnd = 0;
    this.splitNext = false;
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
      if (this.batch.length >= BATCH) this.flushBatch();
    } else this.processWindow();
  }

  private flushBatch(): void {
    const lines = this.batch;
    if (lines.length === 0) return;
    this.batch = [];
    this.runExtractors(lines);
    this.separators.clear();
  }

  /** The end of the log: the open window takes the lines after it and the tail above it; else the tail forms a window. */
  private closeAtEnd(): void {
    const from = this.heldFrom(
      Math.max(1, this.n - this.tail + 1, this.readUpTo + 1, this.n - this.ringSize + 2),
    );
    if (this.windowEnd) {
      // the tail above the open window is read with it (one window, in order)
      if (from < this.wStart)
        this.readWindow(
          from,
          this.ringBlk[from % this.ringSize],
          this.ringOff[from % this.ringSize],
          this.wStart - 1,
        );
      this.windowEnd = this.n;
      this.closeWindow();
      this.flushBatch();
      return;
    }
    this.flushBatch();
    if (from <= this.n) {
      this.readWindow(from, this.ringBlk[from % this.ringSize], this.ringOff[from % this.ringSize], this.n);
      this.processWindow();
    }
  }

  private processWindow(): void {
    const lines = this.window;
    this.window = [];
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
    for (const f of runExtractorsOn(lines, doc, this.extractors))
      if (f && typeof f === 'object' && Array.isArray(f.logLines)) inWindow.push(f);
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
    this.segmenter.extendTo(this.n);
    const segments: LogSegment[] = this.segmenter.segments;
    const byLine = new Map(this.excerptLines);
    for (const l of this.summaryLines) byLine.set(l.n, l.text);
    const lines: LogLine[] = [...byLine.entries()]
      .sort((x, y) => x[0] - y[0])
      .map(([n, text]) => ({ n, text }));
    const doc: LogDocument = { format: this.format ?? 'plain', lines, segments, totalLines: this.n };
    const findings = orderFindings(this.findings, { ...doc, lines: [] }, this.failing);
    const notes: string[] = [];
    if (this.stats.longLines > 0)
      notes.push(
        `${this.stats.longLines} log line${this.stats.longLines === 1 ? ' was' : 's were'} longer than ${this.maxLine} bytes: only the first and last ${this.maxLine >> 1} bytes of each were read.`,
      );
    if (this.splitWindows > 0)
      notes.push(
        `Parts of the log dense with errors were read in pieces of at most ${this.maxWindowLines} lines: a finding spanning two pieces may be split.`,
      );
    if (this.resumeLine) this.unsearched += this.n - this.unsearchedFrom + 1;
    if (this.skipped > 0 || this.unsearched > 0)
      notes.push(
        `The log is dense with errors: beyond the first ${this.budget} lines read, the extractors read at most one line in ${Math.round(1 / Math.max(this.budgetShare, 1e-9))} of the rest (${this.skipped} candidate line${this.skipped === 1 ? ' was' : 's were'} not read closely; ${this.unsearched} line${this.unsearched === 1 ? ' was' : 's were'} only counted).`,
      );
    if (this.repeats > 0)
      notes.push(
        `${this.repeats} candidate line${this.repeats === 1 ? '' : 's'} repeating a line already read (timestamps aside) ${this.repeats === 1 ? 'was' : 'were'} not read again.`,
      );
    notes.push(...this.matcher.notes());
    if (this.pruned > 0)
      notes.push(
        `The log produced more findings than are kept while reading: ${this.pruned} of the least explanatory were dropped.`,
      );
    return {
      findings,
      patterns: this.matcher.finish(),
      doc,
      stats: { mode: 'windows', ...this.stats },
      notes,
    };
  }
}

const EMPTY: NormalizedLine = { text: '' };

/** Index of the segment holding line n (segments partition the lines, in order). */
function segmentOf(segs: LogSegment[], n: number): number {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].lines[0] <= n) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
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

/** The gh cli columns (normalize.ts GH_COLUMNS): `job<TAB>step<TAB>` and a timestamp. */
const GH_COLUMNS =
  /^([^\t]*)\t([^\t]*)\t(?:\xef\xbb\xbf)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;

/** What normalizeLine may act on: controls (TAB, CR, ESC ...), C1 controls, a BOM, Travis markers. */
const SPECIAL = /[\x00-\x1f\x7f-\x9f\ufeff]|travis_/;

/**
 * True when normalizeLine(raw) would be `{ text: raw }`: no timestamp (first character a digit), no
 * `##[marker]` or `[command]` start, nothing SPECIAL.
 */
function isPlain(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if ((c >= 48 && c <= 57) || c === 35 /* # */ || c === 91 /* [ */) return false;
  return !SPECIAL.test(raw);
}

/** Reads a whole stream of chunks (a file or HTTP stream, stdin) and analyses it. */
export async function analyzeLogStream(
  source: AsyncIterable<Uint8Array | string>,
  options: StreamOptions = {},
): Promise<StreamResult> {
  const stream = new LogStream(options);
  let read = 0;
  let stopped = false;
  for await (const chunk of source) {
    if (options.deadline?.passed) {
      stopped = true;
      break;
    }
    stream.write(chunk, options.reusedChunks);
    read += chunk.length;
  }
  const res = stream.end();
  if (stopped)
    res.notes.push(
      options.deadline!.note(
        `the log was read up to line ${res.doc.totalLines} (${(read / 1048576).toFixed(1)} MiB), the rest was not read`,
      ),
    );
  return res;
}

/** Analyses a log given as one string through the streaming path, in chunks of `chunkSize` bytes. */
export function analyzeLogText(
  text: string,
  options: StreamOptions = {},
  chunkSize = 64 * 1024,
): StreamResult {
  const stream = new LogStream(options);
  const bytes = Buffer.from(typeof text === 'string' ? text : '', 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize) stream.write(bytes.subarray(i, i + chunkSize));
  return stream.end();
}
