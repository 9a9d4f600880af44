// Bundles the CLI and the action into self-contained ESM files under dist/.
// The runner executes dist/index.js with no `npm install`, so everything is bundled.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const banner = {
  js: [
    "import { createRequire as __crcCreateRequire } from 'node:module';",
    'const require = __crcCreateRequire(import.meta.url);',
  ].join('\n'),
};

rmSync('dist', { recursive: true, force: true });
await build({
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner,
  entryPoints: { cli: 'src/cli.ts', index: 'src/main.ts', action: 'src/action.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
});
writeFileSync('dist/cli.js', '#!/usr/bin/env node\n' + readFileSync('dist/cli.js', 'utf8'));
