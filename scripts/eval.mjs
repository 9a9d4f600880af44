// Launcher for scripts/eval.ts: Node 20 cannot run TypeScript directly, so the evaluation is bundled with
// esbuild into a temporary file and imported. Arguments are passed through:
//   npm run eval -- --data ../shared/data [--check] [--set logchunks|cidiff|pytorch|bugswarm]
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-eval-'));
const outfile = join(dir, 'eval.mjs');
try {
  await build({
    entryPoints: [join(root, 'scripts', 'eval.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const mod = await import(pathToFileURL(outfile).href);
  await mod.run(process.argv.slice(2), root);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
