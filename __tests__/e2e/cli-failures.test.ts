// The CLI's failures against the local emulation of GitHub (no outside network): each ends with ONE line on
// stderr that says what to do, exit code 1 (2 for a wrong command line), and no stack trace unless --debug.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import { runCli } from './emulator/scenario.js';

const TOKEN = 'ghp_cliFailureToken0123456789abcdefABCD';
const scratch = mkdtempSync(join(tmpdir(), 'crc-cli-failures-'));
const emus: Emulator[] = [];

async function emulator(deny?: ('actions' | 'contents' | 'pull-requests')[]): Promise<Emulator> {
  const emu = new Emulator({ token: TOKEN, gitDir: scratch, deny });
  await emu.start();
  emus.push(emu);
  emu.addRepo('octo', 'demo');
  return emu;
}

afterEach(async () => {
  for (const emu of emus.splice(0)) await emu.stop();
});

function env(emu: Emulator, token = TOKEN): Record<string, string> {
  return { GITHUB_TOKEN: token, GITHUB_API_URL: emu.urls.api };
}

/** One line, no stack frame, the token nowhere. */
function expectOneLine(res: { stderr: string; stdout: string }) {
  const lines = res.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^ci-root-cause: /);
  expect(res.stderr).not.toMatch(/^\s+at /m);
  expect(res.stderr).not.toContain('internal error');
  expect(res.stderr + res.stdout).not.toContain(TOKEN);
}

describe('analyze --run: every failure is one line with what to do', () => {
  test('401: the token is wrong, expired or revoked; how to pass another', async () => {
    const emu = await emulator();
    const res = await runCli(
      ['analyze', '--run', `${emu.server}/octo/demo/actions/runs/5`],
      env(emu, 'ghp_wrong'),
    );
    expectOneLine(res);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /GitHub rejected the token \(401\) while reading run 5: .*--token or GITHUB_TOKEN/,
    );
  });

  test('403: the permission a personal token needs, in its own names', async () => {
    const emu = await emulator(['actions']);
    const res = await runCli(['analyze', '--run', `${emu.server}/octo/demo/actions/runs/5`], env(emu));
    expectOneLine(res);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /Permission missing \(403\) while reading run 5: .*"Actions: Read-only".*`repo` scope/,
    );
    expect(res.stderr).not.toContain("workflow's permissions block"); // the action's advice, not a terminal's
  });

  test('404: the run id, and why a private repository answers 404', async () => {
    const emu = await emulator();
    const res = await runCli(['analyze', '--run', `${emu.server}/octo/demo/actions/runs/424242`], env(emu));
    expectOneLine(res);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /Run 424242 was not found in octo\/demo \(404\): check the run id; a private repository/,
    );
  });

  test('rate limit: the reset time, from x-ratelimit-reset', async () => {
    const emu = await emulator();
    const reset = Math.floor(Date.now() / 1000) + 3600; // beyond the 120 s the client waits for
    emu.fault({
      route: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(reset),
      },
      body: {
        message: 'API rate limit exceeded for user ID 1.',
        documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      },
    });
    const res = await runCli(['analyze', '--run', `${emu.server}/octo/demo/actions/runs/5`], env(emu));
    expectOneLine(res);
    expect(res.code).toBe(1);
    const hhmmss = new Date(reset * 1000).toISOString().slice(11, 19);
    expect(res.stderr).toContain(
      `rate limit exhausted while reading run 5; it resets at ${hhmmss} UTC (in 60 min)`,
    );
  });

  test('no server listening: cannot reach the host (ECONNREFUSED); --debug adds the stack trace', async () => {
    const emu = await emulator();
    const args = ['analyze', '--run', `${emu.server}/octo/demo/actions/runs/5`];
    await emu.stop(); // the port is closed now
    emus.splice(0);
    const res = await runCli(args, env(emu));
    expectOneLine(res);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^ci-root-cause: cannot reach 127\.0\.0\.1:\d+ \(ECONNREFUSED\): check the network/,
    );

    const debug = await runCli([...args, '--debug'], env(emu));
    expect(debug.code).toBe(1);
    expect(debug.stderr.split('\n')[0]).toBe(res.stderr.trimEnd());
    expect(debug.stderr).toMatch(/^\s+at /m);
  });

  test('no DNS: cannot resolve api.github.com (every lookup fails in this process; nothing leaves the machine)', async () => {
    // a preloaded module answers every DNS lookup as getaddrinfo does without a network, and notes the names
    const seen = join(scratch, 'lookups.txt');
    const preload = join(scratch, 'no-dns.cjs');
    writeFileSync(
      preload,
      `const dns = require('node:dns'); const fs = require('node:fs');
dns.lookup = function (host, options, callback) {
  const cb = typeof options === 'function' ? options : callback;
  fs.appendFileSync(${JSON.stringify(seen)}, host + '\\n');
  const e = Object.assign(new Error('getaddrinfo ENOTFOUND ' + host), { code: 'ENOTFOUND', errno: -3008, syscall: 'getaddrinfo', hostname: host });
  process.nextTick(cb, e);
};\n`,
    );
    writeFileSync(seen, '');
    const res = await runCli(['analyze', '--run', 'https://github.com/octo/demo/actions/runs/5'], {
      GITHUB_TOKEN: TOKEN,
      NODE_OPTIONS: `--require ${preload}`,
    });
    expect(readFileSync(seen, 'utf8')).toContain('api.github.com');
    expectOneLine(res);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(
      /^ci-root-cause: cannot resolve api\.github\.com \(ENOTFOUND\): no network or no DNS/,
    );
  });

  test('a wrong command line exits 2, still one line', async () => {
    const res = await runCli(['analyze', '--run', 'not a run'], { GITHUB_TOKEN: TOKEN });
    expectOneLine(res);
    expect(res.code).toBe(2);
  });
});
