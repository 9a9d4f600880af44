// A job log spooled to disk as it downloads, never held in memory whole (issue 6). The bytes go to
// numbered segment files in a temporary folder; only the last `maxBytes` are kept: once a segment holds
// `maxBytes`, the next one starts, and a third segment deletes the oldest (its bytes and newlines are
// counted as dropped). The disk used per job stays under about 2 × maxBytes.
//
// When anything was dropped, the kept text starts at the first whole line of the last `maxBytes` bytes
// (the tail, as the in-memory cap kept it). Reading gives a new buffer per chunk, or with `reuse` one
// buffer filled again for each chunk (the log stream copies what it keeps: its `reusedChunks`), which
// leaves no garbage of 256 KiB buffers behind a read of tens of MB.
import { open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

/** Bytes read at once from a spooled log. */
const CHUNK = 256 * 1024;

interface Segment {
  path: string;
  bytes: number;
}

/** A spooled log, ready to read: its kept segments and where the kept text starts. */
export interface SpooledLog {
  segments: Segment[];
  /** Offset in the concatenated segments of the first byte kept. */
  start: number;
  /** Bytes kept (from `start` to the end). */
  bytes: number;
  /** Bytes and lines dropped from the head (the cap keeps the tail). */
  droppedBytes: number;
  droppedLines: number;
}

function countNewlines(b: Uint8Array, from = 0, to = b.length): number {
  const buf = Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  let n = 0;
  for (let i = buf.indexOf(10, from); i >= 0 && i < to; i = buf.indexOf(10, i + 1)) n++;
  return n;
}

/** Writes one log to `dir` under names made of `name` (a number) and a counter: nothing from the log. */
export class SpoolWriter {
  private readonly segments: (Segment & { newlines: number })[] = [];
  private handle: FileHandle | undefined;
  private droppedBytes = 0;
  private droppedLines = 0;
  private count = 0;

  constructor(
    private readonly dir: string,
    private readonly name: string,
    private readonly maxBytes: number,
  ) {}

  async write(chunk: Uint8Array): Promise<void> {
    if (!chunk.length) return;
    let cur = this.segments[this.segments.length - 1];
    if (!this.handle || cur.bytes >= this.maxBytes) {
      await this.handle?.close();
      cur = { path: join(this.dir, `${this.name}.${this.count++}.log`), bytes: 0, newlines: 0 };
      this.handle = await open(cur.path, 'w');
      this.segments.push(cur);
      if (this.segments.length > 2) {
        const old = this.segments.shift()!;
        this.droppedBytes += old.bytes;
        this.droppedLines += old.newlines;
        await rm(old.path, { force: true });
      }
    }
    await this.handle.write(chunk);
    cur.bytes += chunk.length;
    cur.newlines += countNewlines(chunk);
  }

  /** Closes the files and finds where the kept text starts. */
  async finish(): Promise<SpooledLog> {
    await this.handle?.close();
    this.handle = undefined;
    const segments = this.segments.map(({ path, bytes }) => ({ path, bytes }));
    const total = segments.reduce((n, s) => n + s.bytes, 0);
    const log: SpooledLog = {
      segments,
      start: 0,
      bytes: total,
      droppedBytes: this.droppedBytes,
      droppedLines: this.droppedLines,
    };
    if (total <= this.maxBytes && this.droppedBytes === 0) return log;
    const cut = Math.max(0, total - this.maxBytes);
    // The newlines before the cut, then the first whole line at or after it.
    let offset = 0;
    let nl = -1;
    for await (const chunk of readSegments(segments, 0)) {
      const end = offset + chunk.length;
      if (end <= cut) log.droppedLines += countNewlines(chunk);
      else {
        const from = Math.max(0, cut - offset);
        log.droppedLines += countNewlines(chunk, 0, from);
        const at = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).indexOf(10, from);
        if (at >= 0) {
          nl = offset + at;
          break;
        }
      }
      offset = end;
    }
    // Start at a whole line (also avoids a split UTF-8 sequence); no newline after the cut: keep it all.
    log.start = nl >= 0 ? nl + 1 : cut;
    if (nl >= 0) log.droppedLines += 1;
    log.droppedBytes += log.start;
    log.bytes = total - log.start;
    return log;
  }

  /** Removes what was written (a failed attempt). */
  async discard(): Promise<void> {
    await this.handle?.close().catch(() => {});
    this.handle = undefined;
    await Promise.all(this.segments.map((s) => rm(s.path, { force: true })));
    this.segments.length = 0;
  }
}

async function* readSegments(segments: Segment[], from: number, reuse = false): AsyncGenerator<Uint8Array> {
  let skip = from;
  let buf: Buffer | undefined;
  for (const seg of segments) {
    if (skip >= seg.bytes) {
      skip -= seg.bytes;
      continue;
    }
    const handle = await open(seg.path, 'r');
    try {
      let pos = skip;
      skip = 0;
      for (;;) {
        if (!reuse || !buf) buf = Buffer.allocUnsafe(CHUNK);
        const { bytesRead } = await handle.read(buf, 0, buf.length, pos);
        if (bytesRead <= 0) break;
        pos += bytesRead;
        yield buf.subarray(0, bytesRead);
      }
    } finally {
      await handle.close();
    }
  }
}

/**
 * The kept text of a spooled log as chunks. With `reuse`, every chunk is a view of the same buffer, filled
 * again when the next is asked for: the consumer copies what it keeps.
 */
export function readSpooled(log: SpooledLog, reuse = false): AsyncGenerator<Uint8Array> {
  return readSegments(log.segments, log.start, reuse);
}

/**
 * Line `n` (1-based) of the kept text, at most `maxChars` characters of it (undefined past the end).
 * Reads the log up to that line.
 */
export async function spooledLine(
  log: SpooledLog,
  n: number,
  maxChars = 64 * 1024,
): Promise<string | undefined> {
  let line = 1;
  const parts: Buffer[] = [];
  let kept = 0;
  for await (const chunk of readSpooled(log)) {
    const buf = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let i = 0;
    while (line < n) {
      const nl = buf.indexOf(10, i);
      if (nl < 0) {
        i = buf.length;
        break;
      }
      line++;
      i = nl + 1;
    }
    if (line < n) continue;
    const nl = buf.indexOf(10, i);
    const end = nl < 0 ? buf.length : nl;
    if (kept < maxChars * 4) {
      const part = Buffer.from(buf.subarray(i, Math.min(end, i + maxChars * 4 - kept)));
      parts.push(part);
      kept += part.length;
    }
    if (nl >= 0) break;
  }
  if (line < n) return undefined;
  return Buffer.concat(parts).toString('utf8').slice(0, maxChars);
}

/** Removes a folder of spooled logs. */
export async function removeSpool(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
