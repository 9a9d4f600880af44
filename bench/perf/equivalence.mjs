// `node bench/perf/equivalence.mjs [--verbose] [--defaults-only] [FILE...]`: the streaming path against the whole-document
// path on every real log of ../shared/data (or the project's captured fixtures when it is absent), or on
// the given files. Exits 1 when the first 5 findings differ on any log.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTsModule } from '../../scripts/run-ts.mjs';
import { sourceLogs } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const given = args.filter((a) => !a.startsWith('--'));
const files = given.length ? given : sourceLogs(root).files;
await withTsModule(join(root, 'bench', 'perf', 'equivalence.ts'), (mod) => {
  // the defaults must agree on every log; reading in windows is measured (printed), not required
  process.exitCode = mod.run(files, verbose) > 0 ? 1 : 0;
  if (!args.includes('--defaults-only')) mod.run(files, verbose, true);
});
