// The memory guard (src/memory.ts): when it reads the resident size and when it collects, as bytes go by.
import { memoryGuard } from '../src/memory.js';

function watched(sizes: number[]) {
  const seen = { reads: 0, collections: 0 };
  let i = 0;
  const guard = memoryGuard({
    ceiling: 100,
    checkEvery: 4,
    collectEvery: 16,
    rss: () => {
      seen.reads++;
      return sizes[Math.min(i++, sizes.length - 1)];
    },
    collect: () => {
      seen.collections++;
    },
  });
  return { guard, seen };
}

describe('memoryGuard', () => {
  it('under the ceiling: reads the resident size once per checkEvery bytes, never collects', () => {
    const { guard, seen } = watched([50]);
    for (let k = 0; k < 40; k++) guard(1); // reads at bytes 1, 5, 9, … 37
    expect(seen).toEqual({ reads: 10, collections: 0 });
  });

  it('over the ceiling: collects, then waits collectEvery bytes before reading again', () => {
    const { guard, seen } = watched([150, 150, 50]);
    for (let k = 0; k < 16; k++) guard(1); // read at byte 1: over, collect
    expect(seen).toEqual({ reads: 1, collections: 1 });
    guard(1); // byte 17: read again, still over
    expect(seen).toEqual({ reads: 2, collections: 2 });
    for (let k = 0; k < 16; k++) guard(1); // byte 33: under
    expect(seen).toEqual({ reads: 3, collections: 2 });
  });

  it('`last` checks at once; a chunk bigger than the interval counts as one', () => {
    const { guard, seen } = watched([150]);
    guard(1000);
    guard(0, true);
    expect(seen).toEqual({ reads: 2, collections: 2 });
  });

  it('the default collector runs a real full collection without throwing', () => {
    const guard = memoryGuard({ ceiling: 0 });
    expect(() => guard(1)).not.toThrow();
  });
});
