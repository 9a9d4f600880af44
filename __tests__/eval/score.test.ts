import {
  aggregate,
  countLines,
  lastErrorLines,
  lastLines,
  median,
  rangeSet,
  scoreLog,
  shownLines,
  universalToNewlineRanges,
} from '../../scripts/eval/score.js';
import { checkFloors } from '../../scripts/eval/floors.js';
import { confusion, toBugSwarm } from '../../scripts/eval/bugswarm.js';

describe('shownLines', () => {
  it('is the union of logLines over the first 5 findings only', () => {
    const findings = [
      { logLines: [10, 12] as [number, number] },
      { logLines: [11, 13] as [number, number] },
      { logLines: [1, 1] as [number, number] },
      { logLines: [40, 40] as [number, number] },
      { logLines: [50, 51] as [number, number] },
      { logLines: [90, 99] as [number, number] },
    ];
    expect([...shownLines(findings)].sort((a, b) => a - b)).toEqual([1, 10, 11, 12, 13, 40, 50, 51]);
  });

  it('ignores malformed ranges and tolerates a missing list', () => {
    expect(shownLines(undefined).size).toBe(0);
    expect([
      ...shownLines([{ logLines: [NaN, 3] as [number, number] }, { logLines: [5, 4] as [number, number] }]),
    ]).toEqual([4, 5]);
  });
});

describe('scoreLog', () => {
  it('scores hit, full and precision', () => {
    const s = scoreLog('a', 'g', new Set([5, 6, 7, 8]), rangeSet([[6, 7]]));
    expect(s).toMatchObject({ hit: true, full: true, precision: 0.5, shown: 4, labelled: 2 });
    const partial = scoreLog('b', 'g', new Set([6]), rangeSet([[6, 7]]));
    expect(partial).toMatchObject({ hit: true, full: false, precision: 1 });
    const miss = scoreLog('c', 'g', new Set(), rangeSet([[6, 7]]));
    expect(miss).toMatchObject({ hit: false, full: false, precision: 0 });
  });

  it('scores the first finding on its own lines', () => {
    // the first five show the label, the first finding alone does not
    const s = scoreLog('a', 'g', new Set([2, 3, 6, 7]), rangeSet([[6, 7]]), new Set([2, 3]));
    expect(s).toMatchObject({ hit: true, full: true, first: false });
    const t = scoreLog('b', 'g', new Set([2, 3, 6, 7]), rangeSet([[6, 7]]), new Set([7]));
    expect(t).toMatchObject({ hit: true, first: true });
    expect(aggregate([s, t]).first).toBe(50);
  });

  it('aggregates percentages, mean precision and the median of lines shown', () => {
    const a = aggregate([
      scoreLog('a', 'g', new Set([1, 2]), new Set([1])),
      scoreLog('b', 'g', new Set([3, 4, 5, 6]), new Set([3, 4, 5, 6])),
      scoreLog('c', 'g', new Set([9]), new Set([1])),
      { ...scoreLog('d', 'g', new Set(), new Set([1])), error: 'boom' },
    ]);
    expect(a).toEqual({ n: 4, first: 50, hit: 50, full: 50, precision: 0.375, medianShown: 1.5, errors: 1 });
    expect(median([3, 1, 2])).toBe(2);
  });
});

describe('line counting and the naive references', () => {
  it('counts \\n-separated lines without a final empty remainder', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a')).toBe(1);
    expect(countLines('a\nb\n')).toBe(2);
    expect(countLines('a\r\nb\rc')).toBe(2);
  });

  it('takes the last k lines, and the last k error-ish lines', () => {
    expect([...lastLines(5, 3)]).toEqual([3, 4, 5]);
    expect([...lastLines(2, 50)]).toEqual([1, 2]);
    expect([...lastErrorLines('ok\nError: x\nfine\nTest failed\nok', 50)].sort()).toEqual([2, 4]);
  });

  it('maps universal-newline label numbers onto \\n-numbered lines', () => {
    // lines (\n): 1 "a\rb", 2 "c\r\nd"... : universal lines a=1 b=2 c=3 d=4
    const text = 'a\rb\nc\r\nd\n';
    expect(universalToNewlineRanges(text, [[2, 3]])).toEqual([[1, 2]]);
    expect(universalToNewlineRanges(text, [[4, 4]])).toEqual([[3, 3]]);
    expect(universalToNewlineRanges('x\ny\n', [[2, 2]])).toEqual([[2, 2]]);
  });
});

describe('floors', () => {
  it('reports figures below a floor or above a ceiling, and skips sets not run', () => {
    const results = { logchunks: { analysis: { hit: 80, medianShown: 12 } } };
    expect(
      checkFloors(results, {
        'logchunks.analysis.hit': { min: 85 },
        'logchunks.analysis.medianShown': { max: 10 },
        'cidiff.analysis.hit': { min: 99 },
      }),
    ).toEqual(['logchunks.analysis.hit = 80 < floor 85', 'logchunks.analysis.medianShown = 12 > ceiling 10']);
    expect(checkFloors(results, { 'logchunks.analysis.hit': { min: 79.5 } })).toEqual([]);
    expect(checkFloors(results, { 'logchunks.analysis.nope': { min: 1 } })).toEqual([
      'logchunks.analysis.nope: no such figure in the results',
    ]);
  });
});

describe('BugSwarm labels', () => {
  it('maps our categories onto BugSwarm failure categories', () => {
    expect(toBugSwarm('compile')).toBe('Compilation');
    expect(toBugSwarm('test')).toBe('Test');
    expect(toBugSwarm('lint')).toBe('Checkstyle');
    expect(toBugSwarm('dependency')).toBe('Missing library');
    expect(toBugSwarm('runtime')).toBe('Unknown');
    expect(toBugSwarm('nonsense')).toBe('Unknown');
  });

  it('computes accuracy and a confusion matrix', () => {
    const c = confusion([
      { label: 'Test', predicted: 'Test' },
      { label: 'Test', predicted: 'Unknown' },
      { label: 'Compilation', predicted: 'Compilation' },
    ]);
    expect(c.accuracy).toBe(66.7);
    expect(c.matrix.Test).toEqual({ Test: 1, Unknown: 1 });
  });
});
