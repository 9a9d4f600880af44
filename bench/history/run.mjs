// Launcher for bench/history/replay.ts (bundled with esbuild, as scripts/eval.mjs does):
//   node bench/history/run.mjs --data /work/shared/data [--show]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-history-'));
const outfile = join(dir, 'replay.mjs');
try {
  await build({
    entryPoints: [join(here, 'replay.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  await mod.run(process.argv.slice(2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
