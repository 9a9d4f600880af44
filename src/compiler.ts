// V8's optimising compiler set for what the entry points are: runs of a few hundred milliseconds, most
// of whose code runs only a few thousand times (the normalisation of the lines that open steps, the
// extractors on a few thousand lines), where V8 compiles more than it gains.
import { setFlagsFromString } from 'node:v8';

/**
 * Turns TurboFan's inlining off. V8 optimises a hot function in a background thread, inlining what it
 * calls; a function that meets a case its first calls did not show is deoptimised and compiled again.
 * The line normaliser (src/log/normalize.ts) inlined its callees and took ~40 ms per compilation, three to
 * four times in a 200 MB log: ~0.5 s of compilation on a 2-core runner, beside the reading, for a run of
 * 0.7 s. Without inlining (measured on node 20, 10 runs each, alternated): 200 MB 0.725 → 0.650 s wall and
 * 1.00 → 0.81 s CPU; the largest log read whole 0.98 → 0.93 s; 600 MB 1.14 → 1.06 s (the steady state does
 * not lose either). Set before the work starts; V8 reads the flag at each compilation. Harmless where it
 * is unknown.
 */
export function shortRunCompiler(): void {
  try {
    setFlagsFromString('--no-turbo-inlining');
  } catch {
    // not a V8 that has the flag: compiled as before
  }
}
