import fc from 'fast-check';
import {
  normalizeLine,
  stripAnsi,
  takeTravisMarkers,
  timestampLength,
  type NormalizedLine,
} from '../../src/log/normalize.js';

// Single-line inputs to the pure line normaliser, for the framing variants the captured fixtures
// (see read.test.ts) cannot produce: other runner versions' markers and timestamp precisions.
describe('normalizeLine', () => {
  test.each([
    ['2026-11-20T10:31:07.1234567Z ##[section]Starting: Prepare job', 'section', 'Starting: Prepare job'],
    ['2026-11-20T10:31:07.123Z ##[debug]Evaluating: success()', 'debug', 'Evaluating: success()'],
    ['2026-11-20T10:31:07Z ##[command]/usr/bin/git version', 'command', '/usr/bin/git version'],
    [
      '2026-11-20T10:31:07.1234567Z [command]/usr/bin/tar -xf cache.tzst',
      'command',
      '/usr/bin/tar -xf cache.tzst',
    ],
    ['2026-11-20T10:31:07,1234567Z ##[ERROR]upper case', 'error', 'upper case'],
    ['##[warning]no timestamp', 'warning', 'no timestamp'],
  ])('%j', (raw, marker, text) => {
    expect(normalizeLine(raw)).toMatchObject({
      marker,
      text,
      ...(raw.startsWith('2') && { timestamp: true }),
    });
  });

  test('only the runner timestamp is removed, not the one the tool printed', () => {
    const n = normalizeLine('2026-07-30T09:15:16.0378842Z 2026-07-30T09:15:16Z cherry-pick failed');
    expect(n.text).toBe('2026-07-30T09:15:16Z cherry-pick failed');
  });

  test('unknown ##[...] markers and workflow commands stay text', () => {
    expect(normalizeLine('##[add-matcher]/tmp/tsc.json')).toEqual({ text: '##[add-matcher]/tmp/tsc.json' });
    expect(normalizeLine('::error file=a.ts::boom')).toEqual({ text: '::error file=a.ts::boom' });
  });

  test('Travis markers glued to text without a CR', () => {
    const n = normalizeLine(
      '\x1b[0mtravis_time:end:0a:start=1,finish=2,duration=1\x1b[0KThe command "make" exited with 2.\r',
    );
    expect(n.text).toBe('The command "make" exited with 2.');
    expect(n.folds).toBeUndefined();
  });

  test('gh columns with a BOM before the timestamp', () => {
    expect(
      normalizeLine('build\tSet up job\t\uFEFF2026-11-20T10:31:07.1234567Z Current runner version'),
    ).toEqual({
      job: 'build',
      step: 'Set up job',
      timestamp: true,
      text: 'Current runner version',
    });
  });

  test('a line that only looks like gh columns keeps its tabs', () => {
    expect(normalizeLine('a\tb\tc').text).toBe('a\tb\tc');
  });
});

describe('stripAnsi and timestampLength', () => {
  test('CSI, OSC hyperlinks, charset selection, keypad modes and stray controls', () => {
    expect(stripAnsi('\x1b]8;;https://x.test\x07link\x1b]8;;\x07 \x1b(Bdone\x1b[m\x1b= \x00\x08ok')).toBe(
      'link done ok',
    );
  });

  test('lenient fractional digits, strict shape', () => {
    expect(timestampLength('2026-11-20T10:31:07.1Z x')).toBe(23);
    expect(timestampLength('2026-11-20T10:31:07Z')).toBe(20);
    expect(timestampLength('2026-11-20 10:31:07Z x')).toBe(0);
    expect(timestampLength('2026-11-20T10:31:07.123+01:00 x')).toBe(0);
  });
});

describe('takeTravisMarkers', () => {
  // what it replaced: one String.replace with a global regex and a callback
  const oracle = (part: string, out: NormalizedLine): string =>
    part.replace(
      /travis_(fold|time):(start|end):([^\s\x1b]*)/g,
      (_all, kind: string, edge: string, name: string) => {
        if (kind === 'fold') (out.folds ??= []).push({ type: edge as 'start' | 'end', name });
        else if (edge === 'start') out.timeStart = true;
        return '';
      },
    );
  it('removes and records the markers as a replace of every match did', () => {
    const piece = fc.constantFrom(
      'travis_fold:start:',
      'travis_fold:end:',
      'travis_time:start:',
      'travis_time:end:',
      'travis_',
      'travis_fold:',
      'trav',
      'is_',
      'install.1',
      'x',
      ' ',
      '\x1b[0K',
      '\t',
      '\v',
      '\u00a0',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u00e9',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const part = pieces.join('');
        const got: NormalizedLine = { text: '' };
        const want: NormalizedLine = { text: '' };
        expect(takeTravisMarkers(part, got)).toBe(oracle(part, want));
        expect(got).toEqual(want);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalizeLine on CR-separated parts and Travis markers', () => {
  // what it was: each CR-separated part's markers taken, then ANSI stripped; the last non-blank part wins
  const blank = (t: string) => /^[ \t\u00a0\ufeff]*$/.test(t);
  const travisOf = (part: string, out: NormalizedLine): string =>
    part.replace(
      /travis_(fold|time):(start|end):([^\s\x1b]*)/g,
      (_all, kind: string, edge: string, name: string) => {
        if (kind === 'fold') (out.folds ??= []).push({ type: edge as 'start' | 'end', name });
        else if (edge === 'start') out.timeStart = true;
        return '';
      },
    );
  const oracle = (raw: string) => {
    const out: NormalizedLine = { text: '' };
    const s = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    let text = '';
    if (s.includes('\r') || s.includes('travis_'))
      for (const part of s.split('\r')) {
        const p = stripAnsi(part.includes('travis_') ? travisOf(part, out) : part);
        if (!blank(p)) text = p;
      }
    else text = stripAnsi(s);
    if (!out.marker && out.folds) out.marker = 'fold';
    out.text = text;
    return out;
  };
  it('gives the text, folds and timing marks the part by part reading gave', () => {
    const piece = fc.constantFrom(
      'travis_fold:start:install.1',
      'travis_fold:end:install.1',
      'travis_time:start:2e1f',
      'travis_time:end:2e1f:start=1,finish=2',
      'travis_',
      '\r',
      '\r',
      '\x1b[0K',
      '\x1b[33;1m',
      '\x1b[',
      '\x1b',
      '$ npm test',
      'text',
      ' ',
      '\u00a0',
      '\x07',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 14 }), (pieces) => {
        const raw = pieces.join('');
        expect(normalizeLine(raw)).toEqual(oracle(raw));
      }),
      { numRuns: 3000 },
    );
  });
});
