// The npm package holds what runs (dist/, rules/, schema/, action.yml, README, LICENSE) and its bin works
// from an install and from a clone: `npm pack`, installed into an empty folder, then `ci-root-cause`
// analyses the bundled example's real tsc log from there. Needs dist/ built (npm test builds it first).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = process.cwd();
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

interface PackResult {
  entryCount: number;
  files: { path: string; mode: number }[];
}

test('npm pack lists only what runs, the CLI executable', () => {
  const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as PackResult[];
  const paths = pack.files.map((f) => f.path);
  for (const p of paths)
    expect(p).toMatch(
      /^(dist\/.+\.js|rules\/.+\.(yml|md)|schema\/.+\.json|action\.yml|README\.md|LICENSE|package\.json)$/,
    );
  for (const p of ['dist/cli.js', 'dist/index.js', 'dist/action.js', 'action.yml', 'LICENSE', 'README.md'])
    expect(paths).toContain(p);
  expect(paths).toContain('schema/report.schema.json');
  expect(paths.filter((p) => p.startsWith('rules/') && p.endsWith('.yml')).length).toBeGreaterThan(0);
  expect(pack.files.find((f) => f.path === 'dist/cli.js')!.mode & 0o111).toBe(0o111);
  // every file of dist/ (the chunks the entries import) is in the package
  const chunks = readdirSync(join(ROOT, 'dist', 'chunks')).map((f) => `dist/chunks/${f}`);
  expect(paths).toEqual(expect.arrayContaining(chunks));
  expect(pack.entryCount).toBe(paths.length);
});

test('the built CLI is executable in the clone (npx ci-root-cause from the repository)', () => {
  expect(statSync(join(ROOT, 'dist', 'cli.js')).mode & 0o111).toBe(0o111);
  const r = spawnSync('npx', ['--no-install', 'ci-root-cause', '--version'], { cwd: ROOT, encoding: 'utf8' });
  expect(r.stderr).not.toContain('Permission denied');
  expect(r.status).toBe(0);
  expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
});

test('installed from the packed tarball, `ci-root-cause` runs the analysis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crc-package-'));
  const [pack] = JSON.parse(
    npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT),
  ) as (PackResult & { filename: string })[];
  const app = join(dir, 'app');
  execFileSync('mkdir', [app]);
  // its dependencies come from npm's cache where `npm ci` left them (the registry only when missing)
  npm(['init', '-y'], app);
  npm(
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, pack.filename)],
    app,
  );
  const r = spawnSync(
    'npx',
    [
      '--no-install',
      'ci-root-cause',
      'analyze',
      '--log',
      join(ROOT, 'examples/broken-export/ci.log'),
      '--format',
      'json',
    ],
    { cwd: app, encoding: 'utf8' },
  );
  expect(r.stderr).not.toContain('Permission denied');
  expect(r.status).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report.findings[0]).toMatchObject({ code: 'TS2305', file: 'src/cart.ts', line: 1 });
  expect(report.patterns.map((p: { id: string }) => p.id)).toContain('js-missing-export');
}, 180_000);
