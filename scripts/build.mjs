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
// dist/index.js is small: it checks the runner environment and only then loads dist/action.js (the
// bundle with octokit), so `node dist/index.js` outside a runner fails with one line at once.
const actionExternal = {
  name: 'action-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/action\.js$/ }, () => ({ path: './action.js', external: true }));
  },
};
await build({ ...common, entryPoints: ['src/main.ts'], outfile: 'dist/index.js', plugins: [actionExternal] });
await build({ ...common, entryPoints: ['src/action.ts'], outfile: 'dist/action.js' });
