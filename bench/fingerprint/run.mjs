// Launcher for bench/fingerprint/pairs.ts (bundled with esbuild, as scripts/eval.mjs does):
//   node bench/fingerprint/run.mjs --data /work/shared/data [--show]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-fp-'));
const outfile = join(dir, 'pairs.mjs');
try {
  await build({
    entryPoints: [join(here, 'pairs.ts')],
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
