import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import {
  compareWithBaseline,
  demoteKnownFindings,
  GreenCounter,
  maskLine,
  newLineFindings,
  wantedKeys,
} from '../../src/log/baseline.js';
import { extractFindings } from '../../src/log/extract.js';
import type { Finding } from '../../src/types.js';

// A green and a failing run of the same `node --test` job (see fixtures/baseline/capture.sh).
const dir = new URL('../fixtures/baseline/captures/', import.meta.url);
const greenText = readFileSync(new URL('green.log', dir), 'utf8');
const failingText = readFileSync(new URL('failing.log', dir), 'utf8');
const green = parseLog(greenText);
const failing = parseLog(failingText);
const lineOf = (doc: typeof failing, re: RegExp) => doc.lines.find((l) => re.test(l.text))!.n;

describe('maskLine', () => {
  it('masks what varies between runs', () => {
    expect(maskLine('2024-05-01T10:31:07.1234Z started')).toBe('<ts> started');
    expect(maskLine('on 2024-05-01 at 10:31:07')).toBe('on <date> at <time>');
    expect(maskLine('Tests run: 3, Failures: 0, Time elapsed: 1.23 s')).toBe(
      maskLine('Tests run: 3, Failures: 0, Time elapsed: 0.4 s'),
    );
    expect(maskLine('done in 45 ms')).toBe('done in <dur>');
    expect(maskLine('✔ slow test (32.617728ms)')).toBe('✔ slow test (<dur>)');
    expect(maskLine('ℹ duration_ms 408.210507')).toBe('ℹ <dur>');
    expect(maskLine('HEAD is now at 3f2a9c1d fix')).toBe('HEAD is now at <hex> fix');
    expect(maskLine('id 123e4567-e89b-12d3-a456-426614174000')).toBe('id <uuid>');
    expect(maskLine('wrote /tmp/tmp.Xyz123/out.txt')).toBe('wrote <tmp>');
    expect(maskLine('listening on 127.0.0.1:54321')).toBe('listening on <addr>');
    expect(maskLine('Downloaded 12.5 MB (45 kB/s) 42%')).toBe('Downloaded <size> (<size>) <pct>');
    expect(maskLine('[12/345] Building')).toBe('[<count>] Building');
    expect(maskLine('worker run312 job-1234 started')).toBe('worker run<n> job-<n> started');
    expect(maskLine('  a   b  ')).toBe('a b');
  });

  it('keeps what matters: bare counts, words, versions of words', () => {
    expect(maskLine('Failures: 1')).not.toBe(maskLine('Failures: 0'));
    expect(maskLine('ℹ pass 2')).not.toBe(maskLine('ℹ pass 3'));
    expect(maskLine('deadbeef is a word')).toBe('deadbeef is a word');
  });

  it('is linear on hostile input', () => {
    const t = Date.now();
    maskLine('1'.repeat(100_000) + 'a'.repeat(100_000));
    maskLine('/tmp/' + 'x'.repeat(100_000));
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('compareWithBaseline on a real green/failing pair', () => {
  const { known, newLines } = compareWithBaseline(failing, green);

  it('marks the lines the green run also printed as known, durations masked', () => {
    expect(known.has(lineOf(failing, /mul multiplies/))).toBe(true);
    expect(known.has(lineOf(failing, /slow test/))).toBe(true);
    expect(known.has(lineOf(failing, /ℹ tests 3/))).toBe(true);
    expect(known.has(lineOf(failing, /duration_ms/))).toBe(true);
  });

  it('keeps the failure new', () => {
    expect(known.has(lineOf(failing, /✖ add adds/))).toBe(false);
    expect(known.has(lineOf(failing, /AssertionError/))).toBe(false);
    expect(known.has(lineOf(failing, /ℹ pass 2/))).toBe(false);
    expect(known.has(lineOf(failing, /ℹ fail 1/))).toBe(false);
    expect(newLines).toBeGreaterThan(10);
  });

  it('counts occurrences (multiset): a line printed once in green absorbs one occurrence only', () => {
    const twice = parseLog('same line\nsame line\nother\n');
    const once = parseLog('same line\n');
    const r = compareWithBaseline(twice, once);
    expect([...r.known]).toEqual([1]);
  });
});

describe('demoteKnownFindings', () => {
  const f = (kind: Finding['kind'], a: number, b: number, weight = 50): Finding => ({
    kind,
    tool: 't',
    message: `${kind} ${a}`,
    logLines: [a, b],
    weight,
  });

  it('moves findings whose lines the green log had after the new ones and cuts their weight', () => {
    const knownLine = lineOf(failing, /mul multiplies/);
    const newLine = lineOf(failing, /AssertionError/);
    const out = demoteKnownFindings(
      [f('error', knownLine, knownLine), f('assertion', newLine, newLine)],
      failing,
      green,
    );
    expect(out[0].logLines[0]).toBe(newLine);
    expect(out[out.length - 1].logLines[0]).toBe(knownLine);
    expect(out[out.length - 1].weight).toBeCloseTo(10);
  });

  it('with the real extractors, the first finding shows the failing assertion', () => {
    const out = demoteKnownFindings(extractFindings(failing), failing, green);
    const first = out[0];
    const assertion = lineOf(failing, /AssertionError/);
    expect(first.logLines[0]).toBeLessThanOrEqual(assertion);
    expect(first.logLines[1]).toBeGreaterThanOrEqual(assertion);
  });

  it('adds a finding for a new error-ish block no finding shows', () => {
    const blocks = newLineFindings(failing, compareWithBaseline(failing, green).known);
    expect(blocks[0]).toMatchObject({ tool: 'baseline', kind: 'error' });
    expect(blocks[0].logLines[0]).toBeLessThanOrEqual(lineOf(failing, /✖ add adds/));
  });

  it('returns the findings unchanged without a green log', () => {
    const list = [f('error', 1, 1)];
    expect(demoteKnownFindings(list, failing, parseLog(''))).toBe(list);
    expect(demoteKnownFindings(list, failing, new GreenCounter(wantedKeys(failing)))).toBe(list);
  });

  it('counts the same when a chunk is larger than the piece it is decoded in (32 KiB)', () => {
    const big = Buffer.from(greenText.repeat(Math.ceil(200_000 / greenText.length)), 'utf8');
    expect(big.length).toBeGreaterThan(4 * 32 * 1024);
    expect(big.toString('utf8')).toMatch(/[^\u0000-\u007f]/); // pieces may split a character
    const once = new GreenCounter(wantedKeys(failing));
    once.write(big);
    once.end();
    const small = new GreenCounter(wantedKeys(failing));
    for (let i = 0; i < big.length; i += 4096) small.write(big.subarray(i, i + 4096));
    small.end();
    expect(once.lines).toBe(small.lines);
    expect(once.lines).toBe(big.toString('utf8').replace(/\n$/, '').split('\n').length);
    expect([...once.counts]).toEqual([...small.counts]);
    expect(once.counts.size).toBeGreaterThan(0);
  });

  it('gives the same order from the green log read as a stream (only the wanted lines counted)', () => {
    const whole = demoteKnownFindings(extractFindings(failing), failing, green);
    const bytes = Buffer.from(greenText, 'utf8');
    for (const size of [1, 7, 4096]) {
      const counter = new GreenCounter(wantedKeys(failing));
      for (let i = 0; i < bytes.length; i += size) counter.write(bytes.subarray(i, i + size));
      counter.end();
      expect(counter.lines).toBe(green.totalLines);
      expect(counter.counts.size).toBeLessThanOrEqual(wantedKeys(failing).size);
      const streamed = demoteKnownFindings(extractFindings(failing), failing, counter);
      expect(streamed.map((x) => [x.tool, x.logLines, x.weight])).toEqual(
        whole.map((x) => [x.tool, x.logLines, x.weight]),
      );
    }
  });
});
