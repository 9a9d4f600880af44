import { matchElsewhere, memoryStamp, parseMemoryStamp, type PastFailure } from '../../src/github/memory.js';
import { addHit, hitsBody, parseHits } from '../../src/github/known-issues.js';

const SHA = 'a'.repeat(40);
const FP = ['0123456789abcdef', 'fedcba9876543210'];

describe('failure memory stamps', () => {
  test('round trip, and only digits, hex and the fixed keys survive', () => {
    const stamp = memoryStamp({
      wf: 55,
      run: 7,
      attempt: 2,
      sha: SHA,
      at: '2026-11-20T12:00:00Z',
      fps: [...FP, 'not-a-fp', FP[0]],
    });
    expect(stamp).toBe(
      `<!-- ci-root-cause:memory {"v":1,"wf":55,"run":7,"attempt":2,"sha":"${SHA}","at":"2026-11-20T12:00:00Z","fps":["0123456789abcdef","fedcba9876543210"]} -->`,
    );
    expect(parseMemoryStamp(`x\n${stamp}\ny`)).toEqual({
      wf: 55,
      run: 7,
      attempt: 2,
      sha: SHA,
      at: '2026-11-20T12:00:00Z',
      fps: FP,
    });
  });

  test('forged or broken stamps are ignored', () => {
    const bad = (json: string) => parseMemoryStamp(`<!-- ci-root-cause:memory ${json} -->`);
    expect(bad('{"v":1,"wf":55,"run":7,"attempt":1,"sha":"zz","at":"","fps":[]}')).toBeUndefined();
    expect(bad('{"v":2,"wf":55,"run":7,"attempt":1,"sha":"abcdef1","at":"","fps":[]}')).toBeUndefined();
    expect(bad('{"v":1,"wf":-1,"run":7,"attempt":1,"sha":"abcdef1","at":"","fps":[]}')).toBeUndefined();
    expect(bad('{not json}')).toBeUndefined();
    expect(bad('{"v":1,"wf":5,"run":7,"attempt":1,"sha":"abcdef1","at":"","fps":["zz",1]}')?.fps).toEqual([]);
  });

  test('matches on other pull requests of the same workflow; passed on a re-run only at the same commit', () => {
    const past = (o: Partial<PastFailure>): PastFailure => ({
      wf: 55,
      run: 1,
      attempt: 1,
      sha: SHA,
      at: '2026-11-20T10:00:00Z',
      fps: [FP[0]],
      pr: 2,
      url: 'https://github.com/o/r/pull/2#issuecomment-1',
      updatedAt: '2026-11-20T10:00:00Z',
      ...o,
    });
    const list = [
      past({ pr: 2, run: 10, fixedSha: SHA }),
      past({ pr: 3, run: 11, fixedSha: 'b'.repeat(40), at: '2026-11-20T11:00:00Z' }),
      past({ pr: 4, run: 12, wf: 56 }),
      past({ pr: 9, run: 13 }),
      past({ pr: 5, run: 14, fps: [FP[1]] }),
    ];
    const m = matchElsewhere(list, [FP[0]], { workflowId: 55, pr: 9, run: 99 });
    expect(m.map((x) => [x.pr, x.passedOnRerun])).toEqual([
      [3, false],
      [2, true],
    ]);
  });

  test('known-issue hits: counted over 24 h, 7 and 30 days, one per run attempt, stamped for the next time', () => {
    const now = Date.parse('2026-11-30T12:00:00Z');
    let hits = addHit([], { run: 1, attempt: 1, at: '2026-10-25T00:00:00Z' }, now); // beyond 30 days: dropped
    hits = addHit(hits, { run: 2, attempt: 1, at: '2026-11-25T00:00:00Z' }, now);
    hits = addHit(hits, { run: 3, attempt: 1, at: '2026-11-30T10:00:00Z', pr: 4 }, now);
    hits = addHit(hits, { run: 3, attempt: 1, at: '2026-11-30T10:00:00Z', pr: 4 }, now);
    const body = hitsBody(hits, now, { server: 'https://github.com', repo: 'o/r' });
    expect(body).toContain('| 1 | 2 | 2 |');
    expect(body).toContain('[run 3, attempt 1](https://github.com/o/r/actions/runs/3/attempts/1)');
    expect(parseHits(body)).toEqual(hits);
  });
});
