import { analyze, attachExcerpts, findingSignature } from '../../src/analyze/index.js';
import type { LogDocument } from '../../src/types.js';
import { C1, C2, COMMITS, changeSet, file, finding, hunk, pattern } from './helpers.js';

const renameOnly = () =>
  changeSet(
    [
      file('src/util.ts', [
        hunk(
          3,
          [[3, 'export function parseValue(s: string) {']],
          [[3, 'export function parse(s: string) {']],
          C2,
        ),
      ]),
    ],
    COMMITS,
  );
const ts2305 = finding({
  kind: 'compile-error',
  code: 'TS2305',
  message: "Module '\"./util\"' has no exported member 'parse'.",
  file: 'src/app.ts',
  line: 3,
});

describe('verdict', () => {
  test('caused by the change, stated as the cause at high confidence', () => {
    const r = analyze({ findings: [ts2305], patterns: [], changeSet: renameOnly() });
    expect(r.verdict).toEqual({
      category: 'compile',
      origin: 'caused-by-change',
      summary:
        'TS2305 in src/app.ts:3 — caused by src/util.ts (removed or renamed `parse` in 2222222, still used; imported module, changed in 2222222)',
      confidence: r.suspects[0].confidence,
    });
    expect(r.suspects[0].confidence).toBeGreaterThanOrEqual(0.8);
  });

  test('a weak lead is worded as one', () => {
    const f = finding({
      kind: 'exception',
      tool: 'node',
      message: 'Error: boom',
      frames: [{ rawFile: 'a.js', file: 'a.js', line: 90 }],
    });
    const r = analyze({
      findings: [f],
      patterns: [],
      changeSet: changeSet([file('a.js', [hunk(1, [[2, 'x']], [], C1)])], COMMITS),
    });
    expect(r.suspects[0].confidence).toBeLessThan(0.4);
    expect(r.verdict.summary).toBe('Error — no clear cause; worth a look: a.js (frame 1 of the stack trace)');
  });

  test('infrastructure: only timeouts or runner loss, no test or build error', () => {
    const r = analyze({
      findings: [
        finding({ kind: 'infra', tool: 'runner', message: 'The action has timed out.' }),
        finding({ kind: 'exit', tool: 'runner', message: 'Process completed with exit code 1.' }),
      ],
      patterns: [pattern({ id: 'gha-timeout', category: 'infra', title: 'Job timed out' })],
      changeSet: renameOnly(),
    });
    expect(r.verdict.origin).toBe('infrastructure');
    expect(r.verdict.category).toBe('infra');
    expect(r.verdict.summary).toBe('infrastructure: Job timed out (The action has timed out.) — rerun');
    expect(r.suspects).toEqual([]);
  });

  test('an infra pattern next to a real error does not make it infrastructure', () => {
    const r = analyze({
      findings: [ts2305],
      patterns: [pattern({ id: 'oom', category: 'infra', title: 'Out of memory', logLines: [50, 50] })],
      changeSet: renameOnly(),
    });
    expect(r.verdict.origin).toBe('caused-by-change');
    expect(r.verdict.category).toBe('compile');
  });

  test('the category comes from the pattern on the top finding lines, then the finding kind', () => {
    const f = finding({
      kind: 'exception',
      tool: 'node',
      message: 'Error: connect ECONNREFUSED 127.0.0.1:5432',
      logLines: [5, 8],
    });
    const onTop = analyze({
      findings: [f],
      patterns: [pattern({ id: 'econnrefused', category: 'config', logLines: [6, 6] })],
    });
    expect(onTop.verdict.category).toBe('config');
    const elsewhere = analyze({
      findings: [f],
      patterns: [pattern({ id: 'x', category: 'network', logLines: [90, 90] })],
    });
    expect(elsewhere.verdict.category).toBe('runtime');
  });

  test('history hooks: flaky and base-broken', () => {
    const flaky = analyze({
      findings: [ts2305],
      patterns: [],
      changeSet: renameOnly(),
      history: { headPassedInOtherAttempt: true },
    });
    expect(flaky.verdict.origin).toBe('flaky');
    // the same error in the same file, at another line: the same failure
    const base = analyze({
      findings: [{ ...ts2305, line: 9 }],
      patterns: [],
      changeSet: renameOnly(),
      history: { baseFailureSignatures: [findingSignature(ts2305)] },
    });
    expect(base.verdict.origin).toBe('base-broken');
    expect(base.verdict.summary).toBe(
      'TS2305 in src/app.ts:9 — fails on the base branch too: not caused by this change',
    );
    // the same message in another file is another failure
    const other = analyze({
      findings: [{ ...ts2305, file: 'src/other.ts', line: 9 }],
      patterns: [],
      changeSet: renameOnly(),
      history: { baseFailureSignatures: [findingSignature(ts2305)] },
    });
    expect(other.verdict.origin).not.toBe('base-broken');
  });

  test('unknown without a change set, and the notes say why', () => {
    const r = analyze({ findings: [ts2305], patterns: [] });
    expect(r.verdict.origin).toBe('unknown');
    expect(r.verdict.summary).toBe(
      "TS2305 in src/app.ts:3: Module '\"./util\"' has no exported member 'parse'. No change set given, so no suspects.",
    );
    expect(r.notes).toEqual(['No repository given: findings only.']);
    expect(r.range).toBeUndefined();
    const empty = analyze({ findings: [], patterns: [] });
    expect(empty.verdict.summary).toBe('No error found in the log');
  });

  test('range and notes: truncated file lists and missing patches', () => {
    const cs = renameOnly();
    cs.totalFiles = 340;
    cs.files.push(file('assets/big.json', [], { patchMissing: true }));
    cs.notes = ['compare: 250 commits shown'];
    const r = analyze({ findings: [ts2305], patterns: [], changeSet: cs });
    expect(r.range).toEqual({ commits: 3, files: 340, filesAnalysed: 2, baseSource: 'last green run' });
    expect(r.base).toEqual({ sha: 'a'.repeat(40), source: 'last green run' });
    expect(r.notes).toEqual([
      '340 files changed, 2 analysed (the source listed no more).',
      'No patch for 1 file (assets/big.json): only names and line counts were used.',
      'compare: 250 commits shown',
    ]);
  });
});

describe('excerpts', () => {
  test('the normalised lines of the finding, capped', () => {
    const doc: LogDocument = {
      format: 'plain',
      totalLines: 40,
      segments: [],
      lines: Array.from({ length: 40 }, (_, i) => ({ n: i + 1, text: `line ${i + 1}` })),
    };
    const [a, b] = attachExcerpts(
      [
        finding({ kind: 'error', message: 'x', logLines: [3, 4] }),
        finding({ kind: 'error', message: 'y', logLines: [1, 40] }),
      ],
      doc,
    );
    expect(a.excerpt).toEqual(['line 3', 'line 4']);
    expect(b.excerpt).toHaveLength(16);
    expect(b.excerpt![15]).toBe('… 25 more lines');
  });
});

describe('the verdict line names each reason once', () => {
  test('a reason whose quoted names an earlier one already named is skipped', async () => {
    const { distinctShorts } = await import('../../src/analyze/verdict.js');
    expect(
      distinctShorts([
        'removed `orderTotal` in efffe68',
        'removed or renamed `orderTotal` in efffe68, still used',
        'imported module, changed in efffe68',
      ]),
    ).toEqual(['removed `orderTotal` in efffe68', 'imported module, changed in efffe68']);
    expect(distinctShorts(['a', 'a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(distinctShorts(['uses `x`', 'uses `x` and `y`'])).toEqual(['uses `x`', 'uses `x` and `y`']);
  });
});
