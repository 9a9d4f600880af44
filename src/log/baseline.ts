// Noise filtering against the last green log (the idea of LogJuicer and CiDiff, done cheaply): a line of
// the failing log that also occurs in the log of the same job's last successful run, once what varies
// from run to run is masked, is "known" and explains nothing; lines new in the failing log are where
// the failure is. Pure and linear: one pass over each document, regexes without nested quantifiers.
import { StringDecoder } from 'node:string_decoder';
import type { Finding, LogDocument } from '../types.js';
import { normalizeLine } from './normalize.js';
import { JOB_HEADER } from './segment.js';

/** Longest line prefix compared: a very long line is told apart by its first 2000 characters. */
const MAX_COMPARED = 2000;

// Order matters: the wider shapes (timestamps, UUIDs) go before the parts they contain (dates, numbers).
const MASKS: [RegExp, string | ((m: string) => string)][] = [
  // 2024-05-01T10:31:07.123Z, 2024-05-01 10:31:07,123 +0200
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:Z|\s?[+-]\d\d:?\d\d\b)?/g, '<ts>'],
  // dates: 2024-05-01, 01/05/2024, 2024/05/01
  [/\b(?:\d{4}[-/]\d\d[-/]\d\d|\d\d?\/\d\d?\/\d{4})\b/g, '<date>'],
  // Mon May  6 10:31:07 UTC 2024-style pieces: the clock time
  [/\b\d\d?:\d\d:\d\d(?:[.,]\d+)?\b/g, '<time>'],
  // UUIDs
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, '<uuid>'],
  // temp paths: /tmp/xyz123, /var/folders/..., C:\Users\x\AppData\Local\Temp\...
  [/(?:\/tmp|\/var\/folders|\/private\/var\/folders|\\Temp)[/\\][^\s'"`:,;)\]]*/g, '<tmp>'],
  // hex hashes (7+ hex digits with at least one digit: commit shas, digests, object ids) and long numbers
  [/\b(?:sha\d*:)?[0-9a-fA-F]{7,}\b/g, (m) => (/\d/.test(m) ? '<hex>' : m)],
  // addresses with ports: 127.0.0.1:54321, localhost:4000, [::1]:8080
  [/\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]*\])(?::\d{2,5})?\b/g, '<addr>'],
  // durations: 1.23s, 45 ms, in 3m 2s, 0.5 sec, (12.3 seconds), 00:01:23 is a <time> above
  [/\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?)\b/g, '<dur>'],
  // named durations: duration_ms 408.21, elapsed: 12.5, Time elapsed: 0.12
  [/\b(?:duration|elapsed|took|time)(?:_[a-z]+)?:?\s?[=:]?\s?\d+(?:\.\d+)?/gi, '<dur>'],
  // sizes and rates: 12.3 MB, 456 kB/s, 1.2MiB
  [/\b\d+(?:\.\d+)?\s?(?:[kKMGT]i?B|[kKMGT]?bytes|B)(?:\/s)?\b/g, '<size>'],
  // percentages and progress counters: 42%, [12/345], (3/10)
  [/\b\d+(?:\.\d+)?\s?%/g, '<pct>'],
  [/\b\d+\s?\/\s?\d+\b/g, '<count>'],
  // numbers inside identifiers: run312, job-1234, worker_7, pid=4711, #1234
  [/([A-Za-z_#=-])\d+/g, '$1<n>'],
  [/\b\d+([A-Za-z_])/g, '<n>$1'],
];

/**
 * Masks what varies between two runs of the same job (timestamps, dates, durations, hashes, UUIDs,
 * temp paths, addresses and ports, sizes, percentages, counters, numbers inside identifiers) and
 * collapses whitespace. Bare numbers stay: `Failures: 1` must differ from `Failures: 0`.
 */
export function maskLine(text: string): string {
  let s = typeof text === 'string' ? text : '';
  if (s.length > MAX_COMPARED) s = s.slice(0, MAX_COMPARED);
  for (const [re, by] of MASKS) s = s.replace(re, by as string);
  return s.replace(/\s+/g, ' ').trim();
}

/** Which lines of the failing log also occur in the green one. */
export interface BaselineComparison {
  /** Original line numbers of the failing log that also occur in the green log (blank lines included). */
  known: Set<number>;
  /** Non-blank lines of the failing log that the green log does not have. */
  newLines: number;
}

/**
 * Marks the lines of the failing log that also occur in the green log after masking. Multiset: a line the
 * green log has 3 times absorbs at most 3 occurrences in the failing log (earliest first). Blank lines are
 * always known: they explain nothing.
 */
export function compareWithBaseline(
  failing: LogDocument,
  green: LogDocument | GreenCounts,
): BaselineComparison {
  const counts = green instanceof Map ? new Map(green) : new Map<string, number>();
  if (!(green instanceof Map))
    for (const line of green?.lines ?? []) {
      const key = maskLine(line.text);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const known = new Set<number>();
  let newLines = 0;
  for (const line of failing?.lines ?? []) {
    const key = maskLine(line.text);
    if (!key) {
      known.add(line.n);
      continue;
    }
    const c = counts.get(key) ?? 0;
    if (c > 0) {
      counts.set(key, c - 1);
      known.add(line.n);
    } else newLines++;
  }
  return { known, newLines };
}

/**
 * The green log reduced to what a comparison needs: how many times it has each masked line that the
 * failing document has (the `wanted` keys). Built by GreenCounter from a stream.
 */
export type GreenCounts = Map<string, number>;

/** The masked lines of a failing document: the only green lines a comparison looks up. */
export function wantedKeys(failing: LogDocument): Set<string> {
  const keys = new Set<string>();
  for (const line of failing?.lines ?? []) {
    const key = maskLine(line.text);
    if (key) keys.add(key);
  }
  return keys;
}

/** Bytes of a green log decoded at once. */
const GREEN_PIECE = 32 * 1024;

/** Characters of a line read by GreenCounter (maskLine compares 2,000; CR progress parts come first). */
const GREEN_LINE_CHARS = 64 * 1024;

/**
 * Reads a green log as a stream (chunks of UTF-8 bytes or strings) and counts its lines whose masked text
 * is `wanted`: memory is bounded by the failing document's lines, not by the green log's size.
 */
export class GreenCounter {
  readonly counts: GreenCounts = new Map();
  /** Lines read (blank ones included). */
  lines = 0;
  private readonly decoder = new StringDecoder('utf8');
  private carry = '';

  constructor(private readonly wanted: ReadonlySet<string>) {}

  write(chunk: Uint8Array | string): void {
    if (typeof chunk !== 'string' && chunk.length > GREEN_PIECE) {
      // decoded in pieces small enough for V8's young generation: a string over 128 KiB goes to the
      // large-object space and stays there until a full collection (a 1 MiB chunk at a time, a 10 MB
      // green log left ~20 MiB of them)
      for (let i = 0; i < chunk.length; i += GREEN_PIECE) this.write(chunk.subarray(i, i + GREEN_PIECE));
      return;
    }
    let text = this.carry + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk as Buffer));
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    text = text.slice(start);
    this.carry = text.length > GREEN_LINE_CHARS ? text.slice(0, GREEN_LINE_CHARS) : text;
  }

  end(): GreenCounts {
    const rest = this.carry + this.decoder.end();
    this.carry = '';
    if (rest) this.line(rest);
    return this.counts;
  }

  private line(raw: string): void {
    this.lines++;
    if (raw.startsWith(JOB_HEADER)) return;
    const key = maskLine(
      normalizeLine(raw.length > GREEN_LINE_CHARS ? raw.slice(0, GREEN_LINE_CHARS) : raw).text,
    );
    if (key && this.wanted.has(key)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/** How much of its weight a finding keeps when all its lines are known. */
export const KNOWN_WEIGHT_FACTOR = 0.2;

/** True when every line of the finding also occurs in the green log. */
export function isKnownFinding(f: Finding, known: ReadonlySet<number>): boolean {
  const [a, b] = f.logLines;
  for (let n = a; n <= b; n++) if (!known.has(n)) return false;
  return true;
}

/** Words that make a block of new lines worth showing. */
const ERRORISH =
  /\b(?:error|errors|failed|failure|fail|fatal|exception|panic|denied|refused|aborted|timed? ?out|not found|no such|cannot|can't|unable|missing|violations?|traceback|caused by|what went wrong|no space left)\b|\bE\d{3,}\b|exit(?:ed)? (?:code|status|with)|[a-z](?:Error|Exception)\b|[✖✗✘×]/i;
/** Blank or known lines a block of new lines may skip over. */
const MAX_GAP = 2;
/** Longest range a new-lines finding shows, and the context kept before its first error-ish line. */
const MAX_BLOCK = 40;
const LEAD = 2;
/** At most this many new-lines findings. */
const MAX_BLOCKS = 5;
/** Weight of a new-lines finding (a generic `Error:` line weighs about 20). */
const BLOCK_WEIGHT = 12;

/**
 * Blocks of lines new in the failing log (consecutive, skipping at most MAX_GAP known or blank lines) that
 * say error, fail, exception ...: each becomes a finding (tool 'baseline', kind 'error') covering the block
 * from just before its first error-ish line, at most MAX_BLOCK lines. Earliest first, at most MAX_BLOCKS.
 */
export function newLineFindings(failing: LogDocument, known: ReadonlySet<number>): Finding[] {
  const out: Finding[] = [];
  const lines = failing?.lines ?? [];
  let i = 0;
  while (i < lines.length && out.length < MAX_BLOCKS) {
    if (known.has(lines[i].n)) {
      i++;
      continue;
    }
    // a block: from lines[i] to the last new line not followed by more than MAX_GAP known lines
    const start = i;
    let end = i;
    let j = i + 1;
    while (j < lines.length && j - end - 1 <= MAX_GAP) {
      if (!known.has(lines[j].n)) end = j;
      j++;
    }
    let first = -1;
    for (let k = start; k <= end; k++) {
      if (!known.has(lines[k].n) && ERRORISH.test(lines[k].text.slice(0, 500))) {
        first = k;
        break;
      }
    }
    if (first >= 0) {
      const a = Math.max(start, first - LEAD);
      const b = Math.min(end, a + MAX_BLOCK - 1);
      const f: Finding = {
        kind: 'error',
        tool: 'baseline',
        message: lines[first].text.replace(/\s+/g, ' ').trim().slice(0, 300),
        logLines: [lines[a].n, lines[b].n],
        weight: BLOCK_WEIGHT,
      };
      if (lines[first].segment !== undefined) f.segment = lines[first].segment;
      out.push(f);
    }
    i = end + 1;
  }
  return out;
}

function overlaps(a: Finding, b: Finding): boolean {
  return a.logLines[0] <= b.logLines[1] && b.logLines[0] <= a.logLines[1];
}

/**
 * Re-orders findings with the green log: findings showing at least one new line keep their order and come
 * first; then the blocks of new error-ish lines no such finding shows (newLineFindings); then the new `exit`
 * and `warning` findings; last the findings whose lines the green log already had, their weight cut to
 * KNOWN_WEIGHT_FACTOR. Returns new arrays and objects; the input is not modified. Without a green log that
 * has any line, the findings are returned unchanged.
 */
export function demoteKnownFindings(
  findings: Finding[],
  failing: LogDocument,
  green: LogDocument | GreenCounter,
): Finding[] {
  if (!Array.isArray(findings)) return findings;
  if (green instanceof GreenCounter) {
    if (green.lines === 0) return findings;
  } else if (!green?.lines?.length) return findings;
  const { known } = compareWithBaseline(failing, green instanceof GreenCounter ? green.counts : green);
  const fresh: Finding[] = [];
  const closers: Finding[] = [];
  const stale: Finding[] = [];
  for (const f of findings) {
    if (isKnownFinding(f, known)) stale.push({ ...f, weight: f.weight * KNOWN_WEIGHT_FACTOR });
    else if (f.kind === 'exit' || f.kind === 'warning') closers.push(f);
    else fresh.push(f);
  }
  const blocks = newLineFindings(failing, known).filter((b) => !fresh.some((f) => overlaps(f, b)));
  return [...fresh, ...blocks, ...closers, ...stale];
}
