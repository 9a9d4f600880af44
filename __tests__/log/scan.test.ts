import fc from 'fast-check';
import {
  BlockSplitter,
  Candidates,
  PIECE,
  hintKey,
  lineStarts,
  lineStartsJs,
  lineStartsWasm,
  scanBlock,
  scanHints,
  scanMemory,
  scanModule,
} from '../../src/log/scan.js';
import { candidatePattern } from '../../src/log/prefilter.js';

// The stream's scan of a block as it was written before the bytes were scanned (src/log/stream.ts up to
// session 5): one latin1 string per block, indexOf per line, the candidate regex run on from each
// candidate line's end, each hint part searched from each hint line's end. The byte scan must agree.
const PARTS: Record<number, { part: string; at?: (s: string, i: number) => boolean }[]> = {
  0: [{ part: '##[' }],
  1: [{ part: '##[' }, { part: 'job cleanup.' }, { part: 'Cleaning up orphan processes' }],
  2: [
    { part: '##[' },
    {
      part: 'vis_',
      at: (s, i) => s.startsWith('travis_fold:', i - 3) || s.startsWith('travis_time:start', i - 3),
    },
  ],
  3: [{ part: '##[' }, { part: '[Pipeline] ' }],
  4: [],
};

function oracle(s: string, re: RegExp, key: number) {
  const starts: number[] = [];
  const cands: number[] = [];
  const hints: number[] = [];
  re.lastIndex = 0;
  let m = re.exec(s);
  let nextCand = m ? m.index : Infinity;
  const parts = PARTS[key];
  const next = (p: (typeof parts)[number], from: number) => {
    for (let i = s.indexOf(p.part, from); i >= 0; i = s.indexOf(p.part, i + 1))
      if (!p.at || p.at(s, i)) return i;
    return Infinity;
  };
  const hintAt = parts.map((p) => next(p, 0));
  for (let start = 0, k = 0; start < s.length; k++) {
    const nl = s.indexOf('\n', start);
    starts.push(start);
    if (nextCand < nl) {
      cands.push(k);
      re.lastIndex = nl + 1;
      m = re.exec(s);
      nextCand = m ? m.index : Infinity;
    }
    let hint = false;
    parts.forEach((p, j) => {
      if (hintAt[j] < nl) {
        hint = true;
        hintAt[j] = next(p, nl + 1);
      }
    });
    if (hint) hints.push(k);
    start = nl + 1;
  }
  re.lastIndex = 0;
  return { starts, cands, hints };
}

const FRAGMENTS = [
  'a',
  'error',
  'ERR',
  ' ',
  '\n',
  '\n',
  '\r',
  '##[',
  '##[group]Run x',
  'travis_fold:start:x',
  'travis_time:start:1',
  'vis_',
  'travis_',
  'tra',
  'job cleanup.',
  '[Pipeline] ',
  '\u00e9',
  'fail',
];
const blockArb = fc
  .array(fc.constantFrom(...FRAGMENTS), { minLength: 0, maxLength: 60 })
  .map((xs) => Buffer.from(xs.join('') + '\n', 'utf8'));

describe('scanBlock', () => {
  it('finds the lines, long lines and hints of every format as the string scan did', () => {
    fc.assert(
      fc.property(
        blockArb,
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 30 }),
        (buf, key, max) => {
          const s = buf.toString('latin1');
          const want = oracle(s, candidatePattern(), key);
          const info = scanBlock(buf, max, key);
          expect([...info.starts]).toEqual(want.starts);
          expect([...info.hints]).toEqual(want.hints);
          const long = want.starts.filter((st, k) => (want.starts[k + 1] ?? s.length) - 1 - st > max).length;
          expect(info.longLines).toBe(long);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('searches hints from a given line on (the format learnt in the middle of a block)', () => {
    const buf = Buffer.from('##[group]a\nb\n##[endgroup]\ntravis_fold:start:x\n');
    const { starts } = scanBlock(buf, 100, 0);
    expect([...scanHints(buf, starts, hintKey('travis'), 0)]).toEqual([0, 2, 3]);
    expect([...scanHints(buf, starts, hintKey('travis'), 1)]).toEqual([2, 3]);
    expect([...scanHints(buf, starts, hintKey('gh-cli'), 0)]).toEqual([]);
  });
});

describe('lineStarts', () => {
  /** Where the lines of a block (ending with a newline) start, and how many are longer than max bytes. */
  const want = (buf: Buffer, max: number) => {
    const starts: number[] = [];
    let long = 0;
    for (let start = 0; start < buf.length;) {
      const nl = buf.indexOf(10, start);
      starts.push(start);
      if (nl - start > max) long++;
      start = nl + 1;
    }
    return { starts, long };
  };
  // lines of 0 to 150 bytes: newlines at every position of the module's 64-byte steps and in its tail
  const lineArb = fc.oneof(
    fc.constantFrom('', 'a', '\r', 'error: x', '\u00e9\u00e9'),
    fc.integer({ min: 0, max: 150 }).map((n) => 'x'.repeat(n)),
  );
  const linesArb = fc
    .array(lineArb, { minLength: 1, maxLength: 80 })
    .map((ls) => Buffer.from(ls.join('\n') + '\n', 'utf8'));

  it('runs on the WebAssembly module in this Node.js', () => {
    expect(scanModule()).not.toBeNull();
  });

  it('finds the same lines and long lines with the module, whether copied or read in its memory, as without', () => {
    const wasm = scanModule()!;
    const area = scanMemory(1 << 20);
    fc.assert(
      fc.property(
        linesArb,
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (buf, max, at) => {
          const w = want(buf, max);
          const js = lineStartsJs(buf, max);
          expect({ starts: [...js.starts], long: js.longLines }).toEqual(w);
          const copied = lineStartsWasm(wasm, buf, max);
          expect({ starts: [...copied.starts], long: copied.longLines }).toEqual(w);
          // the block where a reader put it in the module's memory, at any alignment
          buf.copy(area, at);
          const inPlace = lineStartsWasm(wasm, area.subarray(at, at + buf.length), max);
          expect({ starts: [...inPlace.starts], long: inPlace.longLines }).toEqual(w);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('scans the biggest blocks the stream makes, and bigger ones without the module', () => {
    // a block of PIECE bytes of one-byte lines: a line start per byte; a long line's block of 3 × PIECE
    const dense = Buffer.from('\n'.repeat(PIECE));
    expect(lineStarts(dense, 0).starts).toHaveLength(PIECE);
    expect(lineStarts(dense, 0).starts[PIECE - 1]).toBe(PIECE - 1);
    const wide = Buffer.from('x'.repeat(3 * PIECE) + '\nab\n');
    const res = lineStarts(wide, PIECE);
    expect([...res.starts]).toEqual([0, 3 * PIECE + 1]);
    expect(res.longLines).toBe(1);
  });

  it("gives the CLI one read buffer in the module's memory", () => {
    const area = scanMemory(1 << 20);
    expect(scanMemory(4 << 20)).toBe(area);
    expect(area.length).toBe(1 << 20);
  });
});

describe('Candidates', () => {
  it('gives, line after line, the candidates the regex run through the block gave', () => {
    const patterns = [candidatePattern(), /\nerror|a a|rr/gi];
    fc.assert(
      fc.property(blockArb, fc.array(fc.boolean(), { maxLength: 80 }), fc.nat(1), (buf, skips, p) => {
        const re = patterns[p];
        const want = oracle(buf.toString('latin1'), re, 0).cands;
        const { starts } = scanBlock(buf, 1000, 0);
        const c = new Candidates(buf, starts, re);
        // the stream asks from each line it reaches: after a candidate, or skipping some (resumed later)
        for (let i = 0, k = 0; i < starts.length; i++, k++) {
          if (skips[k]) continue;
          const next = c.next(i);
          expect(next).toBe(want.find((x) => x >= i) ?? starts.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('counts a match starting at a line end for the next line, and none at the block end', () => {
    const buf = Buffer.from('a\nxb\nc\n');
    const { starts } = scanBlock(buf, 100, 0);
    expect(new Candidates(buf, starts, /\nx/g).next(0)).toBe(1);
    expect(new Candidates(buf, starts, /c\n/g).next(0)).toBe(2);
    expect(new Candidates(buf, starts, /\n$/g).next(0)).toBe(3);
  });
});

describe('BlockSplitter', () => {
  it('cuts chunks into blocks of whole lines, at most PIECE bytes unless one line is longer', () => {
    const line = (n: number) => 'x'.repeat(n) + '\n';
    const text = [line(10), line(PIECE + 5), line(3), line(70_000), line(1)].join('').repeat(3) + 'tail';
    const bytes = Buffer.from(text);
    for (const size of [7, 4096, 1 << 20]) {
      const blocks: Buffer[] = [];
      const s = new BlockSplitter(/error/g, 1 << 20, (b) => blocks.push(Buffer.from(b)));
      for (let i = 0; i < bytes.length; i += size) s.push(bytes.subarray(i, i + size));
      s.end();
      expect(Buffer.concat(blocks).toString()).toBe(text + '\n');
      for (const b of blocks) {
        expect(b[b.length - 1]).toBe(10);
        if (b.length > PIECE) expect(b.indexOf(10)).toBe(b.length - 1);
      }
    }
  });

  it('keeps the ends of a line longer than maxLine, a candidate when any part of it matches', () => {
    const got: [string, boolean][] = [];
    const s = new BlockSplitter(/error/g, 512, (b, force) => got.push([b.toString(), force]));
    const middle = 'a'.repeat(2000) + 'error' + 'b'.repeat(2000);
    for (let i = 0; i < middle.length; i += 100) s.push(Buffer.from(middle.slice(i, i + 100)));
    s.push(Buffer.from('\nok\n'));
    s.end();
    expect(got[0][1]).toBe(true);
    expect(got[0][0]).toBe('a'.repeat(256) + ' … ' + 'b'.repeat(256) + '\n');
    expect(got[1]).toEqual(['ok\n', false]);
  });
});
