// Bundles the CLI and the action into ESM files under dist/: the entries dist/cli.js, dist/index.js and
// dist/action.js, and the chunks they share in dist/chunks/ (code splitting). The runner executes
// dist/index.js with no `npm install`, so everything is bundled; dist/ (the whole folder) runs alone.
// Splitting keeps each path's start-up to the code it runs (every module is parsed at load): a local
// `analyze --log` loads neither octokit/undici (~1.1 MB, only behind the CLI's dynamic imports of
// src/github/ and in dist/action.js) nor js-yaml (src/rules/parse.ts, for user packs only), and
// dist/index.js outside a runner loads only its own few lines.
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const banner = {
  js: [
    "import { createRequire as __crcCreateRequire } from 'node:module';",
    'const require = __crcCreateRequire(import.meta.url);',
  ].join('\n'),
};

// chunk names carry a content hash: stale ones from an earlier build must not stay behind
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
// the CLI is the package's bin: a shebang, and executable so that `npx ci-root-cause` (and
// ./node_modules/.bin/ci-root-cause, a symlink to it in a clone) can run it; git keeps the mode (100755)
writeFileSync('dist/cli.js', '#!/usr/bin/env node\n' + readFileSync('dist/cli.js', 'utf8'));
chmodSync('dist/cli.js', 0o755);
