// Runs a TypeScript entry point of the evaluation or a benchmark: Node 20 cannot run TypeScript directly, so
// the entry is bundled with esbuild into a temporary file, imported, handed to `use`, and removed afterwards.
// The one launcher for scripts/eval.mjs and the bench/*/run.mjs, dump.mjs, equivalence.mjs scripts.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Bundles `entry` (an absolute path to a .ts file), imports it and calls `use(module)`; returns its result. */
export async function withTsModule(entry, use) {
  const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-ts-'));
  const outfile = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
  try {
    await build({
      entryPoints: [entry],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'warning',
    });
    return await use(await import(pathToFileURL(outfile).href));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
