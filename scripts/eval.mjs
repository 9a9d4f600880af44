// Launcher for scripts/eval.ts: Node 20 cannot run TypeScript directly, so the evaluation is bundled with
// esbuild into a temporary file and imported. Arguments are passed through:
//   npm run eval -- --data ../shared/data [--check] [--set logchunks|cidiff|pytorch|bugswarm]
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withTsModule } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
await withTsModule(join(root, 'scripts', 'eval.ts'), (mod) => mod.run(process.argv.slice(2), root));
