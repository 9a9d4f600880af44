import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'cli.js');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli usage errors exit 2 with one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crc-cli-'));
  const empty = join(dir, 'empty.log');
  writeFileSync(empty, '');

  test.each([
    [['analyze', '--bogus'], /Unknown option '--bogus'/],
    [['analyze', '--log', join(dir, 'nope.log')], /log file not found/],
    [['analyze', '--log', empty], /the log is empty/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['analyze'], /--log FILE\|- is required/],
  ])('%j', (args, message) => {
    const r = cli(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
  });
});

describe('the compiler set for a short run (src/compiler.ts)', () => {
  it('analyses a log without TurboFan inlining, where this Node.js inlines otherwise', () => {
    // a real capture repeated to 8 MB: enough lines for V8 to optimise the scan and the normalisation
    const dir = mkdtempSync(join(tmpdir(), 'crc-cli-'));
    const log = join(dir, 'big.log');
    const capture = readFileSync(
      join(process.cwd(), '__tests__/fixtures/jvm/captures/gh-gradle-test.log'),
      'utf8',
    );
    writeFileSync(log, capture.repeat(Math.ceil((8 << 20) / capture.length)));
    const traced = (args: string[]) =>
      spawnSync(process.execPath, ['--trace-turbo-inlining', ...args], {
        encoding: 'utf8',
        maxBuffer: 256 << 20,
      });
    const control = traced([
      '-e',
      'function f(x) { return x + 1 } let s = 0; for (let i = 0; i < 1e7; i++) s = f(s)',
    ]);
    // an inlining decision: `Considering <fn> for inlining` / `Inlining <fn> into <fn>` (Node 20 to 24); Node 22
    // also traces `Cannot consider <fn> for inlining (no feedback vector)` where it decides nothing
    const DECISION = /^(?:Considering|Inlining)\b/m;
    expect(control.stdout).toMatch(DECISION);
    const r = traced([CLI, 'analyze', '--log', log, '--format', 'json']);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toMatch(DECISION);
    const json = r.stdout.replace(/^Cannot consider .*\n/gm, '');
    expect(JSON.parse(json).findings.length).toBeGreaterThan(0);
  });
});
