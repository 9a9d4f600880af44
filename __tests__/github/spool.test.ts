// Spooling a job log to disk in pieces (src/github/spool.ts) and finding its steps as it streams
// (StepScanner): the same text, dropped lines and step starts as the in-memory versions.
import { mkdtempSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readSpooled,
  removeSpool,
  spooledLine,
  SpoolWriter,
  type SpooledLog,
} from '../../src/github/spool.js';
import { locateSteps, StepScanner, stepStarts } from '../../src/github/steps.js';
import { jobLog } from '../e2e/emulator/scenario.js';

async function textOf(log: SpooledLog): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of readSpooled(log)) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts).toString('utf8');
}

/** A framed job log around several lines of (node's own) output, with non-ASCII text. */
const built = jobLog({
  start: '2026-11-20T10:00:00Z',
  command: 'node check.mjs',
  output: Array.from({ length: 40 }, (_, i) => `ligne ${i} — état ✓ ${'x'.repeat(i * 3)}`).join('\n'),
  exitCode: 1,
  setup: ['npm ci', 'npm test'],
});
const bytes = Buffer.from(built.log);

async function spoolIn(pieces: number, maxBytes: number): Promise<{ log: SpooledLog; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'crc-spool-test-'));
  const w = new SpoolWriter(dir, '1', maxBytes);
  const size = Math.ceil(bytes.length / pieces);
  for (let i = 0; i < bytes.length; i += size) await w.write(bytes.subarray(i, i + size));
  return { log: await w.finish(), dir };
}

describe('SpoolWriter', () => {
  test('under the cap: the whole log, nothing dropped', async () => {
    const { log, dir } = await spoolIn(7, 1 << 20);
    expect(await textOf(log)).toBe(built.log);
    expect(log).toMatchObject({ droppedBytes: 0, droppedLines: 0, bytes: bytes.length });
    await removeSpool(dir);
  });

  test.each([
    [1, 700],
    [13, 700],
    [97, 300],
    [500, 1000],
  ])(
    'over the cap (%i pieces, cap %i): the tail from a whole line, the dropped lines counted, at most 2 segment files',
    async (pieces, cap) => {
      const { log, dir } = await spoolIn(pieces, cap);
      const text = await textOf(log);
      const all = built.log.split('\n');
      expect(log.droppedLines).toBeGreaterThan(0);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(cap);
      expect(all.slice(log.droppedLines).join('\n')).toBe(text);
      expect(log.droppedBytes).toBe(bytes.length - Buffer.byteLength(text));
      expect(log.bytes).toBe(Buffer.byteLength(text));
      expect(readdirSync(dir).length).toBeLessThanOrEqual(2);
      // Line 3 of the kept text, read again from the disk.
      expect(await spooledLine(log, 3)).toBe(all[log.droppedLines + 2]);
      await removeSpool(dir);
      expect(() => readdirSync(dir)).toThrow();
    },
  );
});

describe('readSpooled', () => {
  test('with reuse: one buffer filled again per chunk, the same bytes when each is copied in time', async () => {
    const { log, dir } = await spoolIn(97, 300);
    expect(log.segments.length).toBe(2);
    const copies: Buffer[] = [];
    const views: Uint8Array[] = [];
    for await (const chunk of readSpooled(log, true)) {
      copies.push(Buffer.from(chunk));
      views.push(chunk);
    }
    expect(views.length).toBe(2);
    expect(views[1].buffer).toBe(views[0].buffer);
    expect(Buffer.concat(copies).toString('utf8')).toBe(await textOf(log));
    // without reuse, each chunk is its own buffer
    const own: Uint8Array[] = [];
    for await (const chunk of readSpooled(log)) own.push(chunk);
    expect(own[1].buffer).not.toBe(own[0].buffer);
    await removeSpool(dir);
  });
});

describe('StepScanner', () => {
  test.each([1, 5, 64, 1000])(
    'text in pieces of %i characters: the same step starts and line count',
    (size) => {
      for (const firstLine of [1, 4]) {
        const text = built.log
          .split('\n')
          .slice(firstLine - 1)
          .join('\n');
        const scanner = new StepScanner(firstLine);
        for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
        expect(scanner.end()).toBe(text.replace(/\n$/, '').split('\n').length);
        // The openers, found line by line in the whole text.
        const opening = text
          .split('\n')
          .flatMap((l, i) =>
            /^\uFEFF?\S+Z (?:##\[group\]Run |Post job cleanup\.|Cleaning up orphan processes)/.test(l)
              ? [i + firstLine]
              : [],
          );
        expect(scanner.openers.map((o) => o.line)).toEqual(opening);
        expect(opening.length).toBe(6);
        const starts = stepStarts(scanner.openers, built.steps, firstLine);
        expect(starts.slice(firstLine === 1 ? 1 : 0).map((s) => s.line)).toEqual(opening);
        expect(locateSteps(text, built.steps, firstLine)).toEqual(starts);
        expect(starts.map((s) => s.number)).toEqual(
          firstLine === 1 ? [1, 2, 3, 4, 5, 6, 7] : [2, 3, 4, 5, 6, 7],
        );
      }
    },
  );

  test('the bytes read as latin1 (how the action feeds it): the same lines and openers, times included', () => {
    const decoded = new StepScanner();
    decoded.push(built.log);
    const lines = decoded.end();
    expect(built.log).toMatch(/^\uFEFF/);
    for (const size of [1, 7, 4096]) {
      const raw = new StepScanner();
      for (let i = 0; i < bytes.length; i += size) raw.push(bytes.toString('latin1', i, i + size));
      expect(raw.end()).toBe(lines);
      expect(raw.openers).toEqual(decoded.openers);
    }
    expect(decoded.openers.every((o) => typeof o.at === 'number')).toBe(true);
  });

  test('any mix of markers, stamps, spaces and BOMs: the openers the line-by-line pattern finds', () => {
    const OPENER = /^\uFEFF?\S+Z (?:##\[group\]Run |Post job cleanup\.|Cleaning up orphan processes)/;
    const pieces = [
      '##[group]Run ',
      'Post job cleanup.',
      'Cleaning up orphan processes',
      'Z ',
      'Z',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\uFEFF',
      '\u00a0',
      '2026-11-20T10:00:05.0370000',
      'x',
      'é',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 40 }),
        fc.integer({ min: 1, max: 9 }),
        (parts, size) => {
          const text = parts.join('');
          const scanner = new StepScanner();
          for (let i = 0; i < text.length; i += size) scanner.push(text.slice(i, i + size));
          scanner.end();
          const expected = text.split('\n').flatMap((l, i) => (OPENER.test(l) ? [i + 1] : []));
          expect(scanner.openers.map((o) => o.line)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('a line of 200,000 markers is read once, not once per marker', () => {
    const scanner = new StepScanner();
    scanner.push('2026-11-20T10:00:05.0370000Z ' + '##[group]Run '.repeat(200_000) + '\n');
    expect(scanner.end()).toBe(1);
    expect(scanner.openers).toEqual([{ line: 1, at: Date.parse('2026-11-20T10:00:05Z') / 1000 }]);
  });

  test('a last line without a newline is counted; an empty text has no lines', () => {
    const a = new StepScanner();
    a.push('one\ntwo');
    expect(a.end()).toBe(2);
    const b = new StepScanner();
    expect(b.end()).toBe(0);
  });
});
