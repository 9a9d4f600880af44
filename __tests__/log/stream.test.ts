import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeLogText, LogStream } from '../../src/log/stream.js';
import { candidatePattern, extraVocabulary, isCandidate } from '../../src/log/prefilter.js';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { matchRules } from '../../src/rules/match.js';
import { builtinRules } from '../../src/rules/load.js';
import type { Finding } from '../../src/types.js';
import type { Extractor } from '../../src/log/extractors/types.js';

const FIXTURES = join(process.cwd(), '__tests__', 'fixtures');

function captures(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules') continue;
    if (statSync(p).isDirectory()) out.push(...captures(p));
    else if (/\.(log|txt)$/.test(name)) out.push(p);
  }
  return out.sort();
}

const top = (fs: Finding[]) =>
  fs.slice(0, 5).map((f) => [f.kind, f.tool, f.logLines, f.message, f.file, f.line]);

describe('streaming analysis against the whole-document path', () => {
  const files = captures(FIXTURES);
  const rules = builtinRules();

  it('has fixtures to compare', () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [f.slice(FIXTURES.length + 1), f]))('%s: same first 5 findings', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const doc = parseLog(text);
    const res = analyzeLogText(text, { rules }, 4096);
    expect(top(res.findings)).toEqual(top(extractFindings(doc)));
    expect(res.doc.totalLines).toBe(doc.totalLines);
    expect(res.doc.segments).toEqual(doc.segments);
    expect(res.doc.format).toBe(doc.format);
    expect(res.stats.mode).toBe('whole');
  });

  // the same logs read in windows (as a log over wholeBytes is): the scan of bytes, the windows and the
  // lazy segmentation give the findings and segments of the whole-document path
  it.each(files.map((f) => [f.slice(FIXTURES.length + 1), f]))('%s: read in windows', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const doc = parseLog(text);
    const res = analyzeLogText(text, { rules, wholeBytes: 0 }, 4096);
    expect(res.stats.mode).toBe('windows');
    expect(top(res.findings)).toEqual(top(extractFindings(doc)));
    expect(res.doc.totalLines).toBe(doc.totalLines);
    expect(res.doc.segments).toEqual(doc.segments);
    expect(res.doc.format).toBe(doc.format);
  });
});

describe('LogStream', () => {
  const rules = builtinRules();

  it('reads only windows around candidate lines, with their original line numbers', () => {
    const filler = Array.from({ length: 5000 }, (_, i) => `ok ${i} compiled module number ${i}`);
    filler[2999] = "src/app.ts(12,5): error TS2304: Cannot find name 'foo'.";
    const res = analyzeLogText(filler.join('\n') + '\n', {
      rules,
      before: 20,
      after: 20,
      tail: 10,
      wholeBytes: 0,
    });
    expect(res.findings[0]).toMatchObject({
      tool: 'tsc',
      file: 'src/app.ts',
      line: 12,
      logLines: [3000, 3000],
    });
    expect(res.doc.totalLines).toBe(5000);
    expect(res.stats.linesRead).toBe(41 + 10);
    expect(res.stats.windows).toBe(2);
    expect(res.doc.lines.find((l) => l.n === 3000)?.text).toContain('error TS2304');
  });

  it('beyond the context budget, reads narrow windows in batches, skips repeats and caps the lines read', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `ok ${i + 1} compiled module`);
    lines[99] = 'error early one';
    lines[199] = 'error early two';
    lines[999] = 'error A happened';
    lines[1499] = 'error A happened'; // a repeat: not read again
    lines[1999] = 'error B happened';
    lines[2499] = 'error C happened'; // the share of lines read is spent: skipped
    const windows: [number, number, number][] = [];
    let separator: { n: number; text: string } | undefined;
    const spy: Extractor = {
      name: 'spy',
      extract(ls) {
        windows.push([ls[0].n, ls[ls.length - 1].n, ls.length]);
        if (ls.length === 31) separator = { n: ls[21].n, text: ls[21].text };
        return [];
      },
    };
    const opts = {
      extractors: [spy],
      before: 10,
      after: 10,
      tail: 5,
      contextBudget: 40,
      budgetBefore: 1,
      budgetAfter: 2,
      budgetShare: 1 / 250,
      wholeBytes: 0,
    };
    const res = analyzeLogText(lines.join('\n') + '\n', opts);
    expect(windows).toEqual([
      [90, 110, 21],
      // the second window ends past the budget: it and the narrow ones after it make one batch
      [190, 2002, 21 + 1 + 4 + 1 + 4],
      [2996, 3000, 5],
    ]);
    expect(separator).toEqual({ n: 211, text: '' });
    expect(res.stats).toMatchObject({ linesRead: 57, candidates: 4 });
    expect(res.notes.join('\n')).toContain('1 candidate line was not read closely');
  });

  // the failing command's output usually ends a job log, a few hundred lines above its end (cleanup,
  // after-script): the tail is read even when the budget skipped that output and a window is open at the end
  it('reads the last `tail` lines, above a window still open at the end too', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `ok ${i + 1} compiled module`);
    lines[99] = 'error early one'; // read (21 lines): the budget of 20 is spent
    lines[2949] = "src/app.ts(12,5): error TS2304: Cannot find name 'foo'."; // the share is spent: skipped
    lines[2997] = 'error late'; // the share allows it: a narrow window still open at the end
    const text = lines.join('\n') + '\n';
    const opts = {
      rules,
      before: 10,
      after: 10,
      contextBudget: 20,
      budgetShare: 1 / 2970,
      wholeBytes: 0,
    };
    const tsc = (fs: Finding[]) =>
      fs.filter((f) => f.tool === 'tsc').map((f) => [f.file, f.line, f.logLines]);
    const res = analyzeLogText(text, { ...opts, tail: 100 });
    expect(tsc(res.findings)).toEqual([['src/app.ts', 12, [2950, 2950]]]);
    expect(res.notes.join('\n')).toContain('1 candidate line was not read closely');
    expect(res.stats.linesRead).toBe(21 + 1 + 100); // the tail joins the batch of narrow windows (a blank line apart)
    expect(tsc(analyzeLogText(text, { ...opts, tail: 10 }).findings)).toEqual([]);
    // the tail is bounded in bytes too: 64 KiB keep the last two blocks (~32 lines of 4 KB)
    const wide = lines.map((l) => (l.startsWith('ok ') ? l + ' '.repeat(4000) : l)).join('\n') + '\n';
    expect(tsc(analyzeLogText(wide, { ...opts, tail: 100 }).findings)).toHaveLength(1);
    expect(tsc(analyzeLogText(wide, { ...opts, tail: 100, tailBytes: 65536 }).findings)).toEqual([]);
  });

  it('reads a log whole up to wholeBytes and wholeLines, and in windows beyond either', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `ok ${i + 1} compiled module`);
    lines[199] = "src/app.ts(12,5): error TS2304: Cannot find name 'foo'.";
    const text = lines.join('\n') + '\n';
    const bytes = Buffer.byteLength(text);
    const opts = { rules, before: 20, after: 20, tail: 10 };
    const whole = analyzeLogText(text, { ...opts, wholeBytes: bytes, wholeLines: 400 }, 1000);
    expect(whole.stats).toMatchObject({ mode: 'whole', linesRead: 400 });
    expect(whole.doc.lines).toHaveLength(400);
    for (const bound of [{ wholeBytes: bytes - 1 }, { wholeLines: 399 }]) {
      const res = analyzeLogText(text, { ...opts, ...bound }, 1000);
      expect(res.stats).toMatchObject({ mode: 'windows', linesRead: 41 + 10, windows: 2 });
      expect(top(res.findings).slice(0, 1)).toEqual(top(whole.findings).slice(0, 1));
    }
    expect(whole.findings[0]).toMatchObject({
      tool: 'tsc',
      file: 'src/app.ts',
      line: 12,
      logLines: [200, 200],
    });
  });

  it('reads a log its caller says is bigger than wholeBytes in windows from the first chunk, with the same result', () => {
    const lines = Array.from({ length: 400 }, (_, i) => `ok ${i + 1} compiled module`);
    lines[199] = "src/app.ts(12,5): error TS2304: Cannot find name 'foo'.";
    const text = lines.join('\n') + '\n';
    const bytes = Buffer.byteLength(text);
    const opts = { rules, before: 20, after: 20, tail: 10, wholeBytes: bytes - 1 };
    const plain = analyzeLogText(text, opts, 1000);
    const told = analyzeLogText(text, { ...opts, size: bytes }, 1000);
    expect(told.stats).toEqual(plain.stats);
    expect(told.findings).toEqual(plain.findings);
    expect(told.doc).toEqual(plain.doc);
    // the size decides before any byte is read: a log that would fit is read in windows all the same
    expect(analyzeLogText(text, { ...opts, wholeBytes: bytes }, 1000).stats.mode).toBe('whole');
    expect(analyzeLogText(text, { ...opts, wholeBytes: bytes, size: bytes + 1 }, 1000).stats).toEqual(
      plain.stats,
    );
    expect(analyzeLogText(text, { ...opts, wholeBytes: bytes, size: bytes }, 1000).stats.mode).toBe('whole');
  });

  it('by default reads whole at most 4 MiB and 40,000 lines (the bounds the memory target sets)', () => {
    const line = 'ok compiled module';
    const mode = (text: string) => analyzeLogText(text, { rules }, 1 << 20).stats.mode;
    expect(mode(`${line}\n`.repeat(40_000))).toBe('whole');
    expect(mode(`${line}\n`.repeat(40_001))).toBe('windows');
    const wide = 'x'.repeat(1023) + '\n';
    expect(mode(wide.repeat(4096))).toBe('whole');
    expect(mode(wide.repeat(4096) + 'x\n')).toBe('windows');
  });

  it('once the share of lines read is spent, only counts lines until the share allows a new window', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `ok ${i + 1} compiled module`);
    lines[99] = 'error early one';
    lines[199] = 'error early two';
    lines[999] = 'error A happened';
    lines[1499] = 'error B happened'; // 47 lines read, 40 + 1500/250 allowed: skipped; resumes at 1751
    lines[1599] = 'error C happened'; // in the stretch only counted: never seen
    lines[1999] = 'error D happened'; // 47 read, 48 allowed: read
    const windows: [number, number][] = [];
    const spy: Extractor = {
      name: 'spy',
      extract(ls) {
        windows.push([ls[0].n, ls[ls.length - 1].n]);
        return [];
      },
    };
    const opts = {
      extractors: [spy],
      before: 10,
      after: 10,
      tail: 5,
      contextBudget: 40,
      budgetBefore: 1,
      budgetAfter: 2,
      budgetShare: 1 / 250,
      wholeBytes: 0,
    };
    const res = analyzeLogText(lines.join('\n') + '\n', opts);
    expect(windows).toEqual([
      [90, 110],
      [190, 2002],
      [2996, 3000],
    ]);
    expect(res.stats).toMatchObject({ mode: 'windows', candidates: 4, linesRead: 21 + 31 + 5 });
    expect(res.notes.join('\n')).toContain(
      '1 candidate line was not read closely; 250 lines were only counted',
    );
  });

  it('skips, for an extractor with triggers, the windows where none of its words occur', () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `ok ${i + 1}`);
    lines[299] = 'error: plain failure';
    lines[1199] = 'error: BOOM went the build';
    const seen: Record<string, number[]> = { picky: [], every: [] };
    const spy = (name: string, triggers?: RegExp): Extractor => ({
      name,
      triggers,
      extract(ls) {
        seen[name].push(ls[0].n);
        return [];
      },
    });
    const opts = {
      extractors: [spy('picky', /BOOM/), spy('every')],
      before: 10,
      after: 10,
      tail: 5,
      wholeBytes: 0,
    };
    analyzeLogText(lines.join('\n') + '\n', opts);
    expect(seen.every).toEqual([290, 1190, 1996]);
    expect(seen.picky).toEqual([1190]);
  });

  it('gives the same result whatever the chunking, multi-byte characters split across chunks included', () => {
    const text =
      'héllo wörld ✓\n'.repeat(50) +
      "src/ä.ts(1,1): error TS2322: Type 'string' is not assignable to type 'number'.\n" +
      '✖ done\n'.repeat(10);
    const bytes = Buffer.from(text, 'utf8');
    const whole = analyzeLogText(text, { rules });
    for (const size of [1, 2, 3, 7, 1000]) {
      const s = new LogStream({ rules });
      for (let i = 0; i < bytes.length; i += size) s.write(bytes.subarray(i, i + size));
      const res = s.end();
      expect(top(res.findings)).toEqual(top(whole.findings));
      expect(res.doc.totalLines).toBe(51 + 10);
    }
    // the error's block runs on over the lines printed right after it (no blank line between: its paragraph)
    expect(whole.findings[0]).toMatchObject({ file: 'src/ä.ts', logLines: [51, 61] });
  });

  it('gives the same result when the caller fills one buffer again for each chunk (reused)', () => {
    const file = join(FIXTURES, 'node-build', 'captures', 'tsc-pretty.log');
    const text = readFileSync(file, 'utf8').repeat(20);
    const bytes = Buffer.from(text, 'utf8');
    for (const opts of [{ rules }, { rules, wholeBytes: 0, before: 30, after: 30 }]) {
      const fresh = analyzeLogText(text, opts, 4096);
      const s = new LogStream(opts);
      const one = Buffer.alloc(4096);
      for (let i = 0; i < bytes.length; i += one.length) {
        const n = bytes.copy(one, 0, i, i + one.length);
        s.write(one.subarray(0, n), true);
        one.fill(0x58); // what the stream kept must not change with the buffer
      }
      const res = s.end();
      expect(top(res.findings)).toEqual(top(fresh.findings));
      expect(res.doc.lines).toEqual(fresh.doc.lines);
      expect(res.stats).toEqual(fresh.stats);
    }
  });

  it('keeps the blocks of a reused buffer in memory of dropped blocks, and reads the same', () => {
    // thousands of lines of several formats: blocks are kept (the ring, the windows) and dropped again
    // and again, so the memory of dropped copies is filled again with blocks still needed
    const text = [
      'node-build/captures/tsc-pretty.log',
      'log/captures/travis-tsc.log',
      'github/captures/gh-killed.log',
    ]
      .map((f) => readFileSync(join(FIXTURES, f), 'utf8'))
      .join('\n')
      .repeat(60);
    const bytes = Buffer.from(text, 'utf8');
    const opts = { rules, wholeBytes: 0, before: 20, after: 20, tail: 300, contextBudget: 500 };
    for (const size of [1000, 4096, 70_000]) {
      const fresh = analyzeLogText(text, opts, size);
      const s = new LogStream(opts);
      const one = Buffer.alloc(size);
      for (let i = 0; i < bytes.length; i += one.length) {
        const n = bytes.copy(one, 0, i, i + one.length);
        s.write(one.subarray(0, n), true);
        one.fill(0x58);
      }
      const res = s.end();
      expect(res.findings).toEqual(fresh.findings);
      expect(res.patterns).toEqual(fresh.patterns);
      expect(res.doc).toEqual(fresh.doc);
      expect(res.stats).toEqual(fresh.stats);
      expect(res.stats.linesRead).toBeGreaterThan(500);
    }
  });

  it('matches the built-in rules on the windows as the whole-document path does', () => {
    const text = [
      'npm ci',
      'npm ERR! code ERESOLVE',
      'npm ERR! ERESOLVE unable to resolve dependency tree',
      'done',
    ].join('\n');
    const res = analyzeLogText(text, { rules });
    expect(res.patterns.map((p) => [p.id, p.logLines])).toEqual(
      matchRules(parseLog(text), rules).map((p) => [p.id, p.logLines]),
    );
    expect(res.patterns.length).toBeGreaterThan(0);
  });

  it('cuts a huge line without a newline to its first and last parts and still finds the errors', () => {
    const s = new LogStream({ rules, maxLineLength: 4096, wholeBytes: 0 });
    s.write('Error: boom at the start ');
    const junk = 'x'.repeat(10_000);
    for (let i = 0; i < 100; i++) s.write(junk);
    s.write(" and the end\nsrc/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.");
    const res = s.end();
    expect(res.doc.totalLines).toBe(2);
    expect(res.stats.longLines).toBe(1);
    expect(res.notes.join(' ')).toMatch(/longer than 4096 bytes/);
    expect(res.findings[0]).toMatchObject({ tool: 'tsc', logLines: [2, 2] });
    const first = res.findings.find((f) => f.logLines[0] === 1);
    expect(first?.message).toMatch(/Error: boom at the start x+/);
    expect(res.doc.lines.every((l) => l.text.length <= 301)).toBe(true);
  });

  it('bounds a window of a million identical lines and still reports the error', () => {
    const s = new LogStream({ rules, maxWindowLines: 5000, contextBudget: 20_000 });
    const block = 'Error: connect ECONNREFUSED 127.0.0.1:5432\n'.repeat(10_000);
    for (let i = 0; i < 20; i++) s.write(block);
    const res = s.end();
    expect(res.doc.totalLines).toBe(200_000);
    expect(res.findings[0].message).toContain('ECONNREFUSED');
    expect(res.findings[0].logLines[0]).toBe(1);
    expect(res.notes.join(' ')).toMatch(/read in pieces of at most 5000 lines/);
  });

  it('reads binary garbage and ANSI-only logs without throwing', () => {
    let x = 7;
    const garbage = Buffer.alloc(200_000);
    for (let k = 0; k < garbage.length; k++) {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      garbage[k] = x >> 16;
    }
    const s = new LogStream({ rules });
    s.write(garbage);
    s.write("\nsrc/a.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n");
    const res = s.end();
    expect(res.findings.some((f) => f.tool === 'tsc' && f.file === 'src/a.ts' && f.line === 3)).toBe(true);

    const ansi = analyzeLogText('\x1b[31m\x1b[1m\x1b[0m\x1b[2K\x1b[1G\n'.repeat(10_000), { rules });
    expect(ansi.findings).toEqual([]);
    expect(ansi.doc.totalLines).toBe(10_000);
  });

  it('counts a final line without a newline, and no line after a trailing newline', () => {
    expect(analyzeLogText('a\nb').doc.totalLines).toBe(2);
    expect(analyzeLogText('a\nb\n').doc.totalLines).toBe(2);
    expect(analyzeLogText('').doc.totalLines).toBe(0);
  });
});

describe('prefilter', () => {
  it('marks the lines extractors anchor on, and not ordinary output', () => {
    for (const line of [
      "src/a.ts(1,2): error TS2304: Cannot find name 'x'.",
      'FAIL src/sum.test.ts',
      '--- FAIL: TestSum (0.00s)',
      'Traceback (most recent call last):',
      "thread 'main' panicked at src/main.rs:2:5:",
      'npm ERR! code E404',
      '##[error]Process completed with exit code 1.',
      'not ok 1 - adds',
      '* What went wrong:',
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
    ])
      expect([line, isCandidate(line)]).toEqual([line, true]);
    for (const line of [
      'Compiling foo v0.1.0',
      'ok  	example.com/pkg	0.003s',
      'Downloading lodash-4.17.21.tgz',
    ])
      expect([line, isCandidate(line)]).toEqual([line, false]);
  });

  it('adds the literals of a rule the vocabulary misses', () => {
    expect(extraVocabulary(['Killed', 'ERESOLVE ', 'Bus stopped'])).toEqual(['ERESOLVE ', 'Bus stopped']);
    expect(candidatePattern(['Bus stopped']).test('the Bus stopped here')).toBe(true);
  });
});
