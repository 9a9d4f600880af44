import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { joinJobLogs, locateLine, parseLog, parseLogBytes } from '../../src/log/read.js';
import type { LogDocument } from '../../src/types.js';

// Captured by __tests__/fixtures/log/capture.sh (real git, tsc and node output framed by
// scripts/runner-log.mjs).
const CAPTURES = join(process.cwd(), '__tests__', 'fixtures', 'log', 'captures');
const read = (name: string) => readFileSync(join(CAPTURES, name), 'utf8');

const TSC_ERROR = "src/index.ts:3:24 - error TS2322: Type 'string' is not assignable to type 'number'.";
const CLONE = 'git clone --progress --no-local ../origin checkout';

/** The invariants every document keeps, whatever the input. */
function expectInvariants(doc: LogDocument, text: string) {
  const parts = text.split('\n');
  const expected = text === '' ? 0 : text.endsWith('\n') ? parts.length - 1 : parts.length;
  expect(doc.totalLines).toBe(expected);
  expect(doc.lines).toHaveLength(expected);
  let next = 1;
  for (const seg of doc.segments) {
    expect(seg.lines[0]).toBe(next);
    expect(seg.lines[1]).toBeGreaterThanOrEqual(seg.lines[0]);
    next = seg.lines[1] + 1;
  }
  expect(next).toBe(expected + 1);
  doc.lines.forEach((line, i) => {
    expect(line.n).toBe(i + 1);
    const seg = doc.segments[line.segment!];
    expect(line.n).toBeGreaterThanOrEqual(seg.lines[0]);
    expect(line.n).toBeLessThanOrEqual(seg.lines[1]);
    expect(line.text).not.toMatch(/[\r\n\x1b\x00-\x08\x0b-\x1f\x7f]/);
  });
}

describe('GitHub Actions job log (actions-tsc.log)', () => {
  const text = read('actions-tsc.log');
  const doc = parseLog(text);

  test('the capture is what it claims: BOM, 7-digit timestamps, ANSI', () => {
    expect(text.startsWith('\uFEFF2')).toBe(true);
    expect(text.split('\n')[32]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}Z \x1b\[96msrc\/index\.ts/);
  });

  test('format, line count and invariants', () => {
    expect(doc.format).toBe('github-actions');
    expect(doc.totalLines).toBe(46);
    expectInvariants(doc, text);
  });

  test('BOM, timestamps, ANSI and markers are removed; line numbers are original', () => {
    expect(doc.lines[0]).toEqual({ n: 1, text: `Run ${CLONE}`, marker: 'group', segment: 0 });
    expect(doc.lines[1]).toEqual({ n: 2, text: CLONE, segment: 0 });
    expect(doc.lines[3]).toEqual({ n: 4, text: '', marker: 'endgroup', segment: 0 });
    expect(doc.lines[26].text).toBe('Receiving objects: 100% (6/6)');
    expect(doc.lines[32]).toEqual({ n: 33, text: TSC_ERROR, segment: 1 });
    expect(doc.lines[34].text).toBe("3 const total: Price = { amount: '12.50', currency: 'EUR' };");
    expect(doc.lines[35].text).toBe('                         ~~~~~~');
    expect(doc.lines[37].text).toBe('  src/price.ts:2:3');
    expect(doc.lines[43].text).toBe('Found 1 error in src/index.ts:3');
    expect(doc.lines[45]).toEqual({
      n: 46,
      text: 'Process completed with exit code 2.',
      marker: 'error',
      segment: 1,
    });
  });

  test('each `##[group]Run` starts a step', () => {
    expect(doc.segments).toEqual([
      { step: `Run ${CLONE}`, lines: [1, 28] },
      { step: 'Run tsc -p . --pretty', lines: [29, 46] },
    ]);
  });

  test('the CRLF variant reads exactly like the LF original', () => {
    const crlf = read('actions-tsc-crlf.log');
    expect(crlf.split('\n')[32].endsWith('\r')).toBe(true);
    expect(parseLog(crlf)).toEqual(doc);
  });

  test('a job name given by the caller labels every segment', () => {
    const named = parseLog(text, { job: 'build' });
    expect(named.segments.map((s) => s.job)).toEqual(['build', 'build']);
    expect(named.lines).toEqual(doc.lines);
  });
});

describe('markers from workflow commands (actions-node-test.log)', () => {
  const text = read('actions-node-test.log');
  const doc = parseLog(text);

  test('group, warning and notice markers; nested groups are not steps', () => {
    expectInvariants(doc, text);
    expect(doc.lines.slice(8, 14)).toEqual([
      { n: 9, text: 'Node version', marker: 'group', segment: 0 },
      { n: 10, text: expect.stringMatching(/^v\d+\.\d+\.\d+$/), segment: 0 },
      { n: 11, text: '', marker: 'endgroup', segment: 0 },
      { n: 12, text: 'slug uses underscores', marker: 'warning', segment: 0 },
      { n: 13, text: 'running tests', marker: 'notice', segment: 0 },
      { n: 14, text: 'checked', segment: 0 },
    ]);
    expect(doc.segments).toEqual([
      { step: 'Run echo "::group::Node version"; node --version; echo "::endgroup::"', lines: [1, 14] },
      { step: 'Run node --test --test-reporter=spec', lines: [15, 76] },
    ]);
  });

  test('tput leftovers (ESC ( B) and colours are stripped', () => {
    expect(text.split('\n')[13]).toContain('\x1b(B');
    expect(text.split('\n')[27]).toContain('\x1b[90m');
    expect(doc.lines[20].text).toMatch(/^✖ slug joins words with dashes \(\d+(\.\d+)?ms\)$/);
    expect(doc.lines[27].text).toMatch(
      /^ {6}at TestContext\.<anonymous> \(file:\/\/\/.*\/test\/slug\.test\.js:6:10\)$/,
    );
  });
});

describe('gh run view --log format (gh-node-test.log)', () => {
  const text = read('gh-node-test.log');
  const doc = parseLog(text);

  test('job and step columns become segments; the columns are removed', () => {
    expect(text.split('\n')[0]).toMatch(/^test \(20\)\tRun node --version\t\d{4}-.*Z ##\[group\]/);
    expectInvariants(doc, text);
    expect(doc.format).toBe('gh-cli');
    expect(doc.segments).toEqual([
      { job: 'test (20)', step: 'Run node --version', lines: [1, 7] },
      { job: 'test (20)', step: 'Run node --test --test-reporter=spec', lines: [8, 69] },
    ]);
    expect(doc.lines[0]).toEqual({ n: 1, text: 'Run node --version', marker: 'group', segment: 0 });
    expect(doc.lines[13].text).toMatch(/^✖ slug joins words with dashes/);
    expect(doc.lines[14]).toEqual({
      n: 15,
      text: '  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:',
      segment: 1,
    });
    expect(locateLine(doc, 15)).toEqual({
      segment: 1,
      job: 'test (20)',
      step: 'Run node --test --test-reporter=spec',
      lineInJob: 15,
      lineInStep: 8,
    });
  });
});

describe('Travis log (travis-tsc.log)', () => {
  const text = read('travis-tsc.log');
  const doc = parseLog(text);

  test('the capture has CRLF, bare-CR progress and markers mid-line', () => {
    const raw = text.split('\n');
    expect(raw[3].split('\r').length).toBeGreaterThan(5);
    expect(raw[7]).toMatch(
      /^travis_time:end:\w+:start=\d+,finish=\d+,duration=\d+\r\x1b\[0Ktravis_fold:end:/,
    );
  });

  test('folds and script commands become steps; CR progress keeps its last state', () => {
    expect(doc.format).toBe('travis');
    expectInvariants(doc, text);
    expect(doc.segments).toEqual([
      { step: 'git.checkout', lines: [1, 7] },
      { step: 'tsc -p . --pretty', lines: [8, 25] },
    ]);
    expect(doc.lines[0]).toEqual({ n: 1, text: `$ ${CLONE}`, marker: 'fold', segment: 0 });
    expect(doc.lines[3].text).toBe('remote: Counting objects: 100% (6/6), done.        ');
    expect(doc.lines[6].text).toBe('Receiving objects: 100% (6/6), done.');
    expect(doc.lines[7]).toEqual({ n: 8, text: '$ tsc -p . --pretty', marker: 'fold', segment: 1 });
    expect(doc.lines[8].text).toBe(TSC_ERROR);
    expect(doc.lines[21].text).toBe('The command "tsc -p . --pretty" exited with 2.');
    expect(doc.lines[24].text).toBe('Done. Your build exited with 1.');
  });
});

describe('plain terminal output (plain-git-clone.log)', () => {
  const text = read('plain-git-clone.log');
  const doc = parseLog(text);

  test('bare-CR progress lines show what the terminal showed last', () => {
    expect(doc.format).toBe('plain');
    expectInvariants(doc, text);
    expect(doc.segments).toEqual([{ lines: [1, 6] }]);
    expect(doc.lines[0].text).toBe("Cloning into 'checkout'...");
    const counting = doc.lines.find((l) => l.text.startsWith('remote: Counting'));
    expect(counting?.text).toBe('remote: Counting objects: 100% (6/6), done.        ');
    const receiving = doc.lines.find((l) => l.text.startsWith('Receiving'));
    expect(receiving?.text).toMatch(/^Receiving objects: 100% \(6\/6\), .*done\.$/);
    expect(text.split('\n')[receiving!.n - 1]).toContain('Receiving objects:  16% (1/6)\r');
  });
});

describe('several jobs in one text', () => {
  const tsc = read('actions-tsc.log');
  const node = read('actions-node-test.log');
  const joined = joinJobLogs([
    { name: 'build', text: tsc },
    { name: 'test (20)', text: node },
  ]);
  const doc = parseLog(joined);

  test('a header line before each job; every segment carries its job', () => {
    expectInvariants(doc, joined);
    expect(doc.totalLines).toBe(1 + 46 + 1 + 76);
    expect(doc.lines[0]).toEqual({ n: 1, text: '', marker: 'section', segment: 0 });
    expect(doc.segments.map((s) => [s.job, s.step ?? null, s.lines])).toEqual([
      ['build', null, [1, 1]],
      ['build', `Run ${CLONE}`, [2, 29]],
      ['build', 'Run tsc -p . --pretty', [30, 47]],
      ['test (20)', null, [48, 48]],
      ['test (20)', 'Run echo "::group::Node version"; node --version; echo "::endgroup::"', [49, 62]],
      ['test (20)', 'Run node --test --test-reporter=spec', [63, 124]],
    ]);
  });

  test('locateLine gives the line inside the job and the step', () => {
    expect(doc.lines[33].text).toBe(TSC_ERROR);
    expect(locateLine(doc, 34)).toEqual({
      segment: 2,
      job: 'build',
      step: 'Run tsc -p . --pretty',
      lineInJob: 33,
      lineInStep: 5,
    });
    expect(doc.lines[68].text).toMatch(/^✖ slug joins/);
    expect(locateLine(doc, 69)).toMatchObject({ job: 'test (20)', lineInJob: 21, lineInStep: 7 });
  });

  test('names with newlines cannot break the header', () => {
    const d = parseLog(joinJobLogs([{ name: 'a\nb', text: 'x' }]));
    expect(d.segments[0].job).toBe('a b');
    expect(d.totalLines).toBe(2);
  });
});

describe('robustness', () => {
  const pieces = [
    '\n',
    '\r',
    '\r\n',
    '\uFEFF',
    '\t',
    '\x1b',
    '\x1b[',
    '31m',
    '\x1b[0K',
    '\x1b(B',
    '\x1b]8;;',
    '\x07',
    '\x00',
    '##[group]',
    '##[endgroup]',
    '##[error]',
    'Run ',
    'Post ',
    '[command]',
    'travis_fold:start:',
    'travis_fold:end:',
    'travis_time:start:',
    '$ npm test',
    '2026-11-20T10:31:07.1234567Z ',
    '2026-11-20T10:31:07Z',
    'job\tstep\t',
    '##[ci-root-cause:job]',
    '[Pipeline] { (Build)',
    'Post job cleanup.',
    'error',
    ' ',
    'é',
    '\uD800',
  ];

  test('arbitrary mixes of framing pieces never throw and keep the invariants', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        expectInvariants(parseLog(text), text);
      }),
      { numRuns: 400 },
    );
  });

  test('arbitrary strings never throw and keep the invariants', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectInvariants(parseLog(text), text);
      }),
      { numRuns: 300 },
    );
  });

  test('random bytes decoded as UTF-8 and latin1', () => {
    let seed = 42;
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = seed >>> 24;
    }
    for (const enc of ['utf8', 'latin1'] as const) {
      const text = bytes.toString(enc);
      expectInvariants(parseLog(text), text);
    }
  });

  test('a 5 MB line without a newline: CR progress, and one long coloured line', () => {
    const progress =
      '2026-11-20T10:31:07.1234567Z ' + '\x1b[31mred\x1b[0m progress\r'.repeat(250_000) + 'end';
    const coloured = '##[error]' + '\x1b[31mred\x1b[0m '.repeat(400_000);
    for (const [line, text] of [
      [progress, 'end'],
      [coloured, 'red '.repeat(400_000)],
    ]) {
      expect(line.length).toBeGreaterThan(5_000_000);
      const t0 = Date.now();
      const doc = parseLog(line);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(doc.totalLines).toBe(1);
      expect(doc.lines[0].text).toBe(text);
    }
  });

  test('a log of only ANSI sequences', () => {
    const text = '\x1b[0K\x1b[31;1m\x1b[0m\x1b(B\x1b[m\r\n'.repeat(50_000);
    const doc = parseLog(text);
    expect(doc.totalLines).toBe(50_000);
    expect(doc.lines.every((l) => l.text === '')).toBe(true);
    expect(doc.format).toBe('plain');
  });

  test('empty input and non-string input', () => {
    expect(parseLog('')).toEqual({ format: 'plain', lines: [], segments: [], totalLines: 0 });
    expect(parseLog(undefined as unknown as string).totalLines).toBe(0);
  });
});

describe('parseLogBytes: the same document from the bytes in chunks', () => {
  const asChunks = (bytes: Buffer, cuts: number[]) => {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const chunks: Uint8Array[] = [];
    let from = 0;
    for (const c of [...at, bytes.length]) {
      chunks.push(bytes.subarray(from, c));
      from = c;
    }
    return chunks;
  };

  test.each([
    'actions-tsc.log',
    'actions-tsc-crlf.log',
    'actions-node-test.log',
    'gh-node-test.log',
    'travis-tsc.log',
    'plain-git-clone.log',
  ])('%s in chunks of 1 to 7 bytes (split inside characters beyond ASCII and inside CRLF)', (name) => {
    const bytes = readFileSync(join(CAPTURES, name));
    const expected = parseLog(bytes.toString('utf8'));
    for (let size = 1; size <= 7; size++) {
      const chunks: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      expect(parseLogBytes(chunks, {})).toEqual(expected);
    }
    // with a job name, and the chunks released as they are read
    const chunks = [bytes.subarray(0, 1000), bytes.subarray(1000)];
    expect(parseLogBytes(chunks, { job: 'build' })).toEqual(
      parseLog(bytes.toString('utf8'), { job: 'build' }),
    );
    expect(chunks).toEqual([undefined, undefined]);
  });

  test('the captures hold characters beyond Latin-1, split by the 1-byte chunks above', () => {
    expect(read('actions-node-test.log')).toMatch(/[^\u0000-\u00ff]/);
  });

  test('arbitrary bytes (invalid UTF-8 too) cut anywhere', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 12 }), (raw, cuts) => {
        const bytes = Buffer.from(raw.map((b) => (b % 5 === 0 ? 10 : b)));
        expect(parseLogBytes(asChunks(bytes, cuts))).toEqual(parseLog(bytes.toString('utf8')));
      }),
      { numRuns: 1000 },
    );
  });

  test('no final newline, only newlines, nothing', () => {
    for (const text of ['a\nb', 'a\nb\n', '\n\n', '', 'é']) {
      const bytes = Buffer.from(text, 'utf8');
      expect(parseLogBytes(asChunks(bytes, [1, 2]))).toEqual(parseLog(text));
    }
    expect(parseLogBytes([]).totalLines).toBe(0);
  });
});
