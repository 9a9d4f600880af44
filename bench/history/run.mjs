// Launcher for bench/history/replay.ts (bundled with esbuild by scripts/run-ts.mjs):
//   node bench/history/run.mjs --data /work/shared/data [--show]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTsModule } from '../../scripts/run-ts.mjs';

const here = dirname(fileURLToPath(import.meta.url));
await withTsModule(join(here, 'replay.ts'), (mod) => mod.run(process.argv.slice(2)));
