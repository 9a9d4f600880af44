import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
