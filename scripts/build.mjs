// Bundles the CLI and the action into self-contained ESM files under dist/.
// The runner executes dist/index.js with no `npm install`, so everything is bundled.
import { build } from 'esbuild';

const banner = {
  js: [
    "import { createRequire as __crcCreateRequire } from 'node:module';",
    'const require = __crcCreateRequire(import.meta.url);',
  ].join('\n'),
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  banner,
};

await build({ ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + banner.js } });
await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/index.js' });
