// A full garbage collection when the process's resident memory passes a ceiling, asked for as bytes of a
// log go by (issue 6: 128 MiB at any log size). The streaming reader keeps ~20 MB alive, but V8 lets
// garbage pile up before it collects: the lines a long read promoted to the old generation, and the
// buffers of a download (each socket read is a new 64 KiB buffer, freed only when its small JS wrapper
// is collected). Freed memory stays resident (V8 and malloc keep it for reuse), so what counts is that
// the garbage stops growing past the ceiling. A collection costs a few ms: the live heap is small.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const MiB = 1024 * 1024;

export interface MemoryGuardOptions {
  /** Resident bytes above which a collection is asked for. */
  ceiling: number;
  /** Bytes between two readings of the resident size (a reading costs ~0.25 ms: /proc). Default 4 MiB. */
  checkEvery?: number;
  /** Bytes between two collections at most. Default 16 MiB. */
  collectEvery?: number;
  /** The resident size (default: process.memoryUsage.rss) and the collection (default: V8's full GC). */
  rss?: () => number;
  collect?: () => void;
}

/**
 * Returns a function to call with the size of each chunk read (`last`: check now, whatever the count).
 * The collector is fetched the first time it is needed: a new context costs ~5 ms of start-up, and a
 * small log never passes the ceiling.
 */
export function memoryGuard(options: MemoryGuardOptions): (bytes: number, last?: boolean) => void {
  const { ceiling, checkEvery = 4 * MiB, collectEvery = 16 * MiB } = options;
  const rss = options.rss ?? (() => process.memoryUsage.rss());
  let gc: (() => void) | undefined | null;
  const collect =
    options.collect ??
    (() => {
      if (gc === undefined) {
        try {
          setFlagsFromString('--expose-gc');
          gc = runInNewContext('gc') as () => void;
        } catch {
          gc = null;
        }
      }
      gc?.();
    });
  let until = 0;
  return (bytes, last = false) => {
    until -= bytes;
    if (until > 0 && !last) return;
    if (rss() < ceiling) {
      until = checkEvery;
      return;
    }
    collect();
    until = collectEvery;
  };
}

/**
 * Compiles WebAssembly with V8's baseline compiler only. The HTTP client behind octokit (undici) parses
 * with llhttp built to WebAssembly, and V8's optimising compiler for it takes ~29 MiB of memory at the
 * first request, released afterwards but counted in the peak: `node -e "fetch(url)"` peaks at 84 MiB,
 * 55 MiB with this (node 20). llhttp reads headers and chunk framing only (job logs are downloaded by
 * node's own http, not through WebAssembly), so the slower baseline code costs nothing measurable.
 * Set before the first request; V8 reads the flag when it compiles. Harmless where it is unknown.
 */
export function baselineWasm(): void {
  try {
    setFlagsFromString('--liftoff-only');
  } catch {
    // not a V8 that has the flag: the optimising compiler is used, as before
  }
}
