// The per-byte part of the streaming reader (src/log/stream.ts), apart from its state: splitting chunks
// into BLOCKS of whole lines, finding where each line of a block starts and which lines may change the
// job/step segmentation (a HINT), all in the bytes (no string is made of an ordinary block), and finding
// the lines holding a candidate (src/log/prefilter.ts) only where the stream asks: while the share of
// lines read is spent (StreamOptions.budgetShare), it asks for none.
import type { LogFormat } from '../types.js';
import { isCandidate } from './prefilter.js';
import { SCAN_WASM } from './scan-wasm.generated.js';

/** Bytes scanned at once: a block's latin1 view stays in V8's young generation. */
export const PIECE = 64 * 1024;
/** Bytes kept across chunk boundaries when scanning a line too long to hold. */
export const OVERLAP = 256;
const NEWLINE = Buffer.from('\n');

// ───────────────────────── segmentation hints ─────────────────────────

/**
 * The lines that can change the segmentation (src/log/segment.ts), by format: GitHub `##[group]` markers
 * and the joined-log job header (`##[ci-root-cause:job]`) in every format, the runner's post/cleanup lines,
 * Travis fold/time markers, Jenkins stages (gh cli logs are segmented by their columns: no hint). Fixed
 * strings searched in the bytes with Buffer.indexOf, each by a part that starts with an uncommon
 * character (`vis_`, not `travis_`: `t` is everywhere). `at` tells a real marker from a chance occurrence
 * of the part (false: skip to the next one).
 */
interface SegmentHint {
  part: Buffer;
  at?: (buf: Buffer, i: number) => boolean;
}

export const TRAVIS_FOLD = 'travis_fold:';
const TRAVIS_FOLD_BYTES = Buffer.from(TRAVIS_FOLD);
const TRAVIS_TIME_BYTES = Buffer.from('travis_time:start');
const hint = (part: string, at?: SegmentHint['at']): SegmentHint => ({ part: Buffer.from(part), at });

/** The hint sets, by key (see hintKey). */
const HINTS: SegmentHint[][] = [
  [hint('##[')],
  [hint('##['), hint('job cleanup.'), hint('Cleaning up orphan processes')],
  [
    hint('##['),
    hint(
      'vis_',
      (buf, i) =>
        startsWithBytes(buf, i - 3, TRAVIS_FOLD_BYTES) || startsWithBytes(buf, i - 3, TRAVIS_TIME_BYTES),
    ),
  ],
  [hint('##['), hint('[Pipeline] ')],
  [],
];

/** The key of the hints searched in a log of this format (0: not known yet, or one without its own). */
export function hintKey(format: LogFormat | undefined): number {
  return format === 'github-actions'
    ? 1
    : format === 'travis'
      ? 2
      : format === 'jenkins'
        ? 3
        : format === 'gh-cli'
          ? 4
          : 0;
}

// ───────────────────────── what a block holds ─────────────────────────

/** What the scan of one block found. Line indices count from the block's first line (0). */
export interface BlockInfo {
  /** Offset of each line's start. */
  starts: Int32Array;
  /** Lines holding a hint of the set `key`. */
  hints: Int32Array;
  /** Lines longer than maxLine bytes. */
  longLines: number;
}

let startsScratch: Int32Array = new Int32Array(4096);
let hintsScratch: Int32Array = new Int32Array(256);

/**
 * Scans a block of whole lines (ending with `\n`): where its lines start, its hints of set `key`. The
 * arrays are views of memory the next call fills again (the stream reads one block at a time).
 */
export function scanBlock(buf: Buffer, maxLine: number, key: number): BlockInfo {
  const lines = lineStarts(buf, maxLine);
  return { starts: lines.starts, hints: scanHints(buf, lines.starts, key, 0), longLines: lines.longLines };
}

/** Where the lines of a block start, and how many are longer than maxLine bytes. */
interface LineStarts {
  starts: Int32Array;
  longLines: number;
}

/**
 * The line starts of a block of whole lines, found by the WebAssembly module of scan.wat (64 bytes at a
 * time with SIMD compares) where this Node.js runs WebAssembly, else by lineStartsJs. A 200 MB log has
 * ~2 million lines: a Buffer.indexOf call per line cost ~60 ms of it, the module ~20 ms, and ~20 ms more
 * to copy each block into its memory unless the block is read there (scanMemory).
 */
export function lineStarts(buf: Buffer, maxLine: number): LineStarts {
  const wasm = buf.length <= SCAN_ROOM ? scanModule() : null;
  return wasm ? lineStartsWasm(wasm, buf, maxLine) : lineStartsJs(buf, maxLine);
}

/** lineStarts with a Buffer.indexOf call per line. */
export function lineStartsJs(buf: Buffer, maxLine: number): LineStarts {
  const end = buf.length;
  let count = 0;
  let longLines = 0;
  for (let start = 0; start < end;) {
    const nl = buf.indexOf(10, start);
    if (count === startsScratch.length) startsScratch = grow(startsScratch);
    startsScratch[count++] = start;
    if (nl - start > maxLine) longLines++;
    start = nl + 1;
  }
  return { starts: startsScratch.subarray(0, count), longLines };
}

/** The exports of scan.wat's module (typed here: the project's TypeScript libs have no WebAssembly). */
interface ScanModule {
  memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  long: { readonly value: number };
  scan(at: number, len: number, out: number, maxLine: number): number;
}

/** The little of the WebAssembly API the scanner uses. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}

/**
 * The module's memory: a block of at most SCAN_ROOM bytes is copied to offset 0 (the stream's blocks are
 * at most PIECE bytes, but for a long line's), its line starts follow, then the optional read area
 * (scanMemory). Fixed at the start: growing the memory would detach the read area from its reader.
 */
const SCAN_ROOM = 2 * PIECE;
const STARTS_AT = SCAN_ROOM;
const PAGE = 65536;
const READ_AT = Math.ceil((STARTS_AT + 4 * (SCAN_ROOM + 1)) / PAGE) * PAGE;

/** The module (undefined: not made yet; null: this Node.js cannot run it). */
let scanWasm: ScanModule | null | undefined;
/** The read area (see scanMemory). */
let readArea: Buffer | undefined;

/** The WebAssembly scanner, made at the first call, or null where WebAssembly (or its SIMD) is missing. */
export function scanModule(): ScanModule | null {
  if (scanWasm === undefined) {
    try {
      const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
      if (!api) throw new Error('no WebAssembly');
      const wasm = new api.Instance(new api.Module(Buffer.from(SCAN_WASM, 'base64'))).exports as ScanModule;
      wasm.memory.grow(READ_AT / PAGE - wasm.memory.buffer.byteLength / PAGE);
      scanWasm = wasm;
    } catch {
      scanWasm = null; // (node --jitless has no WebAssembly)
    }
  }
  return scanWasm;
}

/**
 * A buffer of `bytes` bytes in the scanner's memory, for a reader that fills one buffer again and again
 * (the CLI's file reads): the blocks of its chunks are scanned where they are, without a copy. One per
 * process, made at the first call (later calls return it, whatever its size); a plain buffer where the
 * scanner cannot run.
 */
export function scanMemory(bytes: number): Buffer {
  if (readArea) return readArea;
  const wasm = scanModule();
  if (!wasm) return (readArea = Buffer.allocUnsafe(bytes));
  const pages = Math.ceil((READ_AT + bytes) / PAGE) - wasm.memory.buffer.byteLength / PAGE;
  if (pages > 0) wasm.memory.grow(pages);
  return (readArea = Buffer.from(wasm.memory.buffer, READ_AT, bytes));
}

/** lineStarts by the module (a block of at most SCAN_ROOM bytes): the starts are a view of its memory. */
export function lineStartsWasm(wasm: ScanModule, buf: Buffer, maxLine: number): LineStarts {
  const memory = wasm.memory.buffer;
  let at = buf.byteOffset;
  if (buf.buffer !== memory) {
    new Uint8Array(memory, 0, buf.length).set(buf);
    at = 0;
  }
  const count = wasm.scan(at, buf.length, STARTS_AT, Math.min(maxLine, 0x7fffffff));
  return { starts: new Int32Array(memory, STARTS_AT, count), longLines: wasm.long.value };
}

/**
 * The candidate lines of one block, as a stream reads them (lines in increasing order), searched only as
 * far as the next candidate from the line asked (the block's latin1 view is made at the first search): a
 * line holds a candidate when a match of the global `candidate` regex starts in it (a match starting at a
 * line's newline counts for the next line, as the stream always counted it).
 */
export class Candidates {
  private text: string | undefined;
  /** The last search: from line from, the next candidate is at (the line count: none). */
  private from = -1;
  private at = -1;

  constructor(
    private readonly buf: Buffer,
    private readonly starts: Int32Array,
    private readonly candidate: RegExp,
  ) {}

  /** The first line from index i on holding a candidate, or the line count. */
  next(i: number): number {
    const starts = this.starts;
    const count = starts.length;
    if (i >= count) return count;
    if (i >= this.from && i <= this.at) return this.at;
    this.text ??= this.buf.toString('latin1');
    const re = this.candidate;
    re.lastIndex = starts[i];
    const m = re.exec(this.text);
    re.lastIndex = 0;
    let at = count;
    if (m) {
      // the line holding p + 1: a match at a newline counts for the next line
      const p = m.index;
      const k = lineOf(starts, i, p + 1);
      if (p < lineEnd(starts, k, this.buf.length)) at = k; // else: the block's last newline
    }
    this.from = i;
    this.at = at;
    return at;
  }
}

/** Lines from index `from` of a block (its bytes, its line starts) holding a hint of set `key`. */
export function scanHints(buf: Buffer, starts: Int32Array, key: number, from: number): Int32Array {
  const parts = HINTS[key] ?? HINTS[0];
  const count = starts.length;
  let n = 0;
  if (parts.length === 0 || from >= count) return hintsScratch.subarray(0, 0);
  for (const h of parts) {
    let k = from;
    for (let i = buf.indexOf(h.part, starts[from]); i >= 0; i = buf.indexOf(h.part, i + 1)) {
      if (h.at && !h.at(buf, i)) continue;
      k = lineOf(starts, k, i);
      if (n === hintsScratch.length) hintsScratch = grow(hintsScratch);
      hintsScratch[n++] = k;
      if (k + 1 >= count) break;
      i = starts[k + 1] - 1; // the next occurrence in a later line
    }
  }
  const found = hintsScratch.subarray(0, n);
  if (parts.length > 1) found.sort();
  let m = 0;
  for (let k = 0; k < n; k++) if (m === 0 || found[m - 1] !== found[k]) found[m++] = found[k];
  return found.subarray(0, m);
}

/** The line holding offset `at`: the last line from line `from` on that starts at or before it. */
function lineOf(starts: Int32Array, from: number, at: number): number {
  let lo = from;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Offset of the newline ending line k of a block. */
export function lineEnd(starts: Int32Array, k: number, length: number): number {
  return k + 1 < starts.length ? starts[k + 1] - 1 : length - 1;
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

// ───────────────────────── splitting chunks into blocks ─────────────────────────

interface LongLine {
  head: Buffer;
  tail: Buffer;
  candidate: boolean;
}

/**
 * Cuts a stream of chunks into blocks of whole lines of at most PIECE bytes (a longer line is a block
 * alone). A line cut by a chunk boundary is joined (copied); a line longer than maxLine bytes keeps its
 * first and last halves, joined by ` … ` (it is a candidate when any part of it holds a match: `force`).
 * Blocks are views of the chunks where they can be: the caller copies what it keeps of a reused chunk.
 */
export class BlockSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private long: LongLine | undefined;

  constructor(
    private readonly candidate: RegExp,
    private readonly maxLine: number,
    private readonly emit: (block: Buffer, force: boolean) => void,
  ) {}

  push(buf: Buffer): void {
    let from = 0;
    if (this.long) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.appendLong(buf);
        return;
      }
      this.appendLong(buf.subarray(0, nl));
      this.finishLong();
      from = nl + 1;
    } else if (this.carry.length) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.addCarry(buf);
        return;
      }
      const joined = Buffer.concat([this.carry, buf.subarray(0, nl + 1)]);
      this.carry = Buffer.alloc(0);
      this.emit(joined, false);
      from = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    while (from <= last) {
      let to = last + 1;
      if (to - from > PIECE) {
        to = buf.lastIndexOf(10, from + PIECE - 1) + 1;
        if (to <= from) to = buf.indexOf(10, from + PIECE) + 1; // a line longer than PIECE
      }
      this.emit(from === 0 && to === buf.length ? buf : buf.subarray(from, to), false);
      from = to;
    }
    if (from < buf.length) this.addCarry(buf.subarray(from));
  }

  /** The end of the log: the line still open (without its newline) is the last block. */
  end(): void {
    if (this.long) this.finishLong();
    if (this.carry.length) {
      const last = Buffer.concat([this.carry, NEWLINE]);
      this.carry = Buffer.alloc(0);
      this.emit(last, false);
    }
  }

  /** The start of a line whose end is not seen yet (copied: the chunk may be large). */
  private addCarry(b: Buffer): void {
    const joined = Buffer.concat([this.carry, b]);
    if (joined.length > this.maxLine) {
      this.carry = Buffer.alloc(0);
      this.startLong(joined);
    } else this.carry = joined;
  }

  private startLong(b: Buffer): void {
    const half = this.maxLine >> 1;
    this.long = {
      head: Buffer.from(b.subarray(0, half)),
      tail: Buffer.from(b.subarray(b.length - half)),
      candidate: isCandidate(b.toString('latin1'), this.candidate),
    };
  }

  private appendLong(b: Buffer): void {
    const long = this.long!;
    if (!long.candidate) {
      const edge = long.tail.subarray(Math.max(0, long.tail.length - OVERLAP));
      long.candidate = isCandidate(edge.toString('latin1') + b.toString('latin1'), this.candidate);
    }
    const half = this.maxLine >> 1;
    const both = Buffer.concat([long.tail, b]);
    long.tail = Buffer.from(both.subarray(Math.max(0, both.length - half)));
  }

  private finishLong(): void {
    const long = this.long!;
    this.long = undefined;
    // the cut may split a character: the decoder puts U+FFFD there
    const text = long.head.toString('utf8') + ' … ' + long.tail.toString('utf8') + '\n';
    this.emit(Buffer.from(text, 'utf8'), long.candidate); // counted as a long line by its scan
  }
}

/** True when buf holds the bytes of `prefix` at `at`. */
export function startsWithBytes(buf: Uint8Array, at: number, prefix: Uint8Array): boolean {
  if (at < 0 || at + prefix.length > buf.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[at + k] !== prefix[k]) return false;
  return true;
}
