// The analysis deadline (src/deadline.ts): past it, the log is read no further and the report says so.
import { analyzeLogStream } from '../../src/log/stream.js';
import { Deadline, deadlineFlag, DEFAULT_DEADLINE_SECONDS } from '../../src/deadline.js';
import { InputError } from '../../src/errors.js';

/** Chunks of a log: `n` pieces of 64 KiB of filler, each ending with one tsc error line naming its piece. */
async function* pieces(n: number, counter: { read: number }): AsyncGenerator<string> {
  for (let i = 0; i < n; i++) {
    counter.read++;
    yield 'x'.repeat(64 * 1024 - 100) + `\nsrc/piece${i}.ts(1,1): error TS2322: Type 'a' is not 'b'.\n`;
  }
}

test('past the deadline no more chunks are read; the notes say where the reading stopped', async () => {
  let now = 0;
  // the clock advances one second per chunk read; the deadline is 3 s
  const counter = { read: 0 };
  const deadline = new Deadline(3, () => now);
  async function* ticking() {
    for await (const c of pieces(50, counter)) {
      yield c;
      now += 1000;
    }
  }
  const res = await analyzeLogStream(ticking(), { deadline });
  expect(counter.read).toBe(4);
  const files = res.findings.map((f) => f.file).filter(Boolean);
  expect(new Set(files)).toEqual(new Set(['src/piece0.ts', 'src/piece1.ts', 'src/piece2.ts']));
  expect(res.notes).toEqual([
    expect.stringMatching(
      /^The analysis reached its deadline \(3 s\): the log was read up to line 6 \(0\.2 MiB\), the rest was not read\.$/,
    ),
  ]);
});

test('no deadline (0) reads everything', async () => {
  const counter = { read: 0 };
  const res = await analyzeLogStream(pieces(20, counter), { deadline: new Deadline(0) });
  expect(counter.read).toBe(20);
  expect(res.notes.some((n) => n.includes('deadline'))).toBe(false);
});

test('the --deadline flag and the deadline-seconds input', () => {
  expect(deadlineFlag(undefined)).toBe(DEFAULT_DEADLINE_SECONDS);
  expect(deadlineFlag('')).toBe(DEFAULT_DEADLINE_SECONDS);
  expect(deadlineFlag('90')).toBe(90);
  expect(deadlineFlag('0')).toBe(0);
  expect(deadlineFlag('1.5')).toBe(1.5);
  expect(() => deadlineFlag('-1')).toThrow(InputError);
  expect(() => deadlineFlag('soon', 'the deadline-seconds input')).toThrow(
    "the deadline-seconds input must be a number of seconds (0: none), not 'soon'",
  );
});
