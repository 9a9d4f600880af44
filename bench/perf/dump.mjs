// `node bench/perf/dump.mjs [--out FILE] [--stream] [--repeat N] [FILE...]`: runs parseLog +
// extractFindings + matchRules (and with --stream the streaming path) on every real log of ../shared/data
// and the project's captured fixtures (or on the given files), prints the time per line and writes the
// findings and rule matches as JSON to FILE: two versions must write identical files (diff them).
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTsModule } from '../../scripts/run-ts.mjs';
import { sourceLogs } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const out = opt('--out');
const repeat = Number(opt('--repeat') ?? 1);
const stream = args.includes('--stream');
const rulesOnly = args.includes('--rules-only');
const given = args.filter((a) => !a.startsWith('--'));
let files = given;
if (!files.length) {
  files = sourceLogs(root).files;
  // the captured fixtures too (sourceLogs falls back to them only when ../shared/data is absent)
  const walk = (dir) => {
    for (const d of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules') walk(p);
      } else if (/\.(log|txt)$/.test(p) && !files.includes(p)) files.push(p);
    }
  };
  walk(join(root, '__tests__', 'fixtures'));
}
await withTsModule(join(root, 'bench', 'perf', 'dump.ts'), (mod) => {
  mod.run(files, { out, stream, repeat, root, rulesOnly });
});
