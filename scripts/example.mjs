// `npm start`: runs the analyzer on the bundled example — a real failing tsc log and the small git
// repository it came from (stored as a git bundle, cloned into a temporary folder here).
// Extra arguments are passed to the CLI, e.g. `npm start -- --format json`.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const example = join(root, 'examples', 'broken-export');
const dir = mkdtempSync(join(tmpdir(), 'ci-root-cause-example-'));
try {
  execFileSync('git', ['clone', '-q', join(example, 'repo.bundle'), dir], { stdio: 'inherit' });
  execFileSync('git', ['-C', dir, 'fetch', '-q', 'origin', 'refs/tags/*:refs/tags/*'], { stdio: 'inherit' });
  const args = process.argv.slice(2);
  const r = spawnSync(
    process.execPath,
    [
      join(root, 'dist', 'cli.js'),
      'analyze',
      '--log',
      join(example, 'ci.log'),
      '--repo',
      dir,
      '--base',
      'green',
      ...(args.some((a) => a.startsWith('--format')) ? [] : ['--format', 'text']),
      ...args,
    ],
    { stdio: 'inherit' },
  );
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
