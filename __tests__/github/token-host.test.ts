// Issue 16 row 4, through the BUILT CLI (dist/cli.js): `analyze --run URL` sends the token only to
// api.github.com or to an API named explicitly (--api-url, GITHUB_API_URL), never to the host a run URL
// names; http only to a loopback address; a server's error text reaches the terminal without escape
// sequences (OSC 52 clipboard, window title, erase).
import { spawn } from 'node:child_process';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

const CLI = join(process.cwd(), 'dist', 'cli.js');
const TOKEN = 'ghp_' + 'TokenHostTest0123456789abcdefABCDEFGH';
const ESCAPES = '\u001b]52;c;ZXZpbA==\u0007\u001b]0;pwned title\u0007\u001b[2J\u001b[31m\u009b1m';

interface Seen {
  path: string;
  authorization?: string;
}

let server: Server;
let base: string;
const seen: Seen[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ path: req.url ?? '', authorization: req.headers.authorization });
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ message: `Bad request ${ESCAPES} end`, documentation_url: 'x' }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen.length = 0;
});

function cli(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const clean = { ...process.env };
    delete clean.GITHUB_API_URL;
    delete clean.GITHUB_SERVER_URL;
    const child = spawn(process.execPath, [CLI, 'analyze', ...args], {
      env: { ...clean, GITHUB_TOKEN: TOKEN, CI_ROOT_CAUSE_RETRY_BASE_MS: '0', PATH: '/nonexistent', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

test('a run URL on another host: refused before any request, the token goes nowhere', async () => {
  const r = await cli(['--run', `${base}/octo/demo/actions/runs/1`]);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/the run is on 127\.0\.0\.1:\d+, not github\.com: .*--api-url/);
  expect(seen).toEqual([]);
  const r2 = await cli(['--run', 'https://evil.example/octo/demo/actions/runs/1']);
  expect(r2.code).toBe(2);
  expect(r2.stderr).toMatch(/the run is on evil\.example, not github\.com/);
});

test('an API named explicitly must be https, or http to a loopback address', async () => {
  const r = await cli(['--run', 'octo/demo#1', '--api-url', 'http://api.evil.example']);
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/refusing to send a token to http:\/\/api\.evil\.example/);
  const r2 = await cli(['--run', 'octo/demo#1'], { GITHUB_API_URL: 'http://10.0.0.1:8080' });
  expect(r2.code).toBe(2);
  expect(r2.stderr).toMatch(/refusing to send a token to http:\/\/10\.0\.0\.1:8080/);
  // a run URL on github.com while the API is another host: refused (the run would be looked up elsewhere)
  const r3 = await cli(['--run', 'https://github.com/octo/demo/actions/runs/1', '--api-url', base]);
  expect(r3.code).toBe(2);
  expect(r3.stderr).toMatch(/the run is on github\.com, but the API is 127\.0\.0\.1/);
  expect(seen).toEqual([]);
});

test('the explicit API gets the token; its error text is printed without escape sequences', async () => {
  for (const [args, env] of [
    [['--run', `${base}/octo/demo/actions/runs/1`, '--api-url', base], {}],
    [['--run', 'octo/demo#1'], { GITHUB_API_URL: base }],
  ] as [string[], Record<string, string>][]) {
    seen.length = 0;
    const r = await cli(args, env);
    expect(r.code).not.toBe(0);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen[0].path).toBe('/repos/octo/demo/actions/runs/1');
    expect(seen[0].authorization).toBe(`token ${TOKEN}`);
    expect(r.stderr).toContain('Bad request');
    expect(r.stderr + r.stdout).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
    expect(r.stderr).not.toContain(TOKEN);
  }
});
