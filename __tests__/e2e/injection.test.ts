// Injection corpus, end to end: a failing job whose REAL log (a node script committed in the test's git
// repository, really run, printing hostile strings and throwing) carries mentions, references, HTML,
// fences, workflow commands, bidi and zero-width characters and fake secrets; the branch name, the commit
// message and a file name are hostile too. The BUILT action must post a comment and a summary with no live
// mention, no raw HTML beyond its own tags, balanced fences and no secret, keep its outputs, and never let
// the log run workflow commands in its own job log.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Emulator } from './emulator/server.js';
import * as f from './emulator/factories.js';
import { commit, git, initRepo } from './emulator/git.js';
import { capture, failedJob, jobLog, passedJob, runAction, type ActionRun } from './emulator/scenario.js';
import { onlyLinksTo } from '../report/gfm.js';

const TOKEN = 'ghs_injectionToken0123456789abcdefABCDE';
// Fake secrets, assembled so no scanner mistakes this file for a leak.
const SECRETS = {
  ghp: 'ghp_' + 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8',
  pat: 'github_pat_' + '11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ',
  aws: 'AKIA' + 'IOSFODNN7EXAMPLE',
  slack: 'xoxb-' + '123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  jwt:
    'eyJhbGciOiJIUzI1NiJ9' + '.eyJzdWIiOiIxMjM0NTY3ODkwIn0' + '.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
  pemBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  password: 'hunter2',
  basic: 'user:pass@',
  // issue 16 row 9: shapes the hand-written list missed
  google: 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q',
  stripe: 'sk_live_' + '51H8x9yZ0aB1cD2eF3gH4iJ5kL',
  openai: 'sk-proj-' + 'Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5uX8',
  anthropic: 'sk-ant-api03-' + 'Xy9Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5',
  gitlab: 'glpat-' + 'xY7zA9bC3dE5fG1hJ2kL',
  sendgrid: 'SG.' + 'ngeVfQFYQlKU0ufo8x5d1A' + '.' + 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr',
  azure: 'Qm9ndXNLZXk0MjBmb3J0ZXN0cytvbmx5L25vdGFyZWFsa2V5' + 'MDEyMzQ1Njc4OWFiY2RlZmdoaWprbG1ub3BxcnN0dQ==',
  awsSecret: 'kL9pQ2rS5tU8vW1xY4zA7bC0dE3fG6hJ9kM2nP5q',
  huggingface: 'hf_' + 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh',
};
const HOSTILE_FILE = 'scripts/@org-team <img src=x>.mjs';
// issue 16 row 2: a file name that would close a markdown link and open an autolink after it
const LINK_BREAKER = 'scripts/x)(www.evil.example/pwn.mjs';
const BRANCH = 'feat/@org/team-<img>-#1';

const SCRIPT = `// Prints a hostile corpus and fails.
const s = ${JSON.stringify(SECRETS)};
const lines = [
  'ping @org/team and @someone about #1 and owner/repo#2',
  'close </details> then <img src=x onerror=alert(1)> and <script>alert(1)</script>',
  'fence breakers: \`\`\`\`\`\` and ~~~ and \`\`\`\`',
  '##[set-output name=x]y',
  '::add-mask::everything',
  '::set-output name=verdict::pwned',
  '::stop-commands::x',
  'bidi \\u202Eevil\\u202C and zero\\u200Bwidth\\u200Dchars\\uFEFF',
  'token ' + s.ghp + ' pat ' + s.pat,
  'aws ' + s.aws + ' slack ' + s.slack,
  'jwt ' + s.jwt,
  '-----BEGIN RSA PRIVATE KEY-----',
  s.pemBody,
  '-----END RSA PRIVATE KEY-----',
  'password=' + s.password + ' url https://' + s.basic + 'host.example/x',
  'keys ' + s.google + ' ' + s.stripe + ' ' + s.openai,
  'more ' + s.anthropic + ' ' + s.gitlab + ' ' + s.sendgrid + ' ' + s.huggingface,
  'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=' + s.azure + ';EndpointSuffix=core.windows.net',
  'aws_secret_access_key ' + s.awsSecret,
  // issue 16 rows 3 and 10: autolinks after punctuation, NEL before a command, tag characters
  'sign in at _www.evil.example/login or *www.evil.example* or (https://evil.example) ~mailto:a@evil.example',
  '\u0085::set-output name=verdict::pwned',
  'tags \u{E0041}\u{E0042}\u{E007F} end',
];
for (const l of lines) console.log(l);
await import('./x)(www.evil.example/pwn.mjs');
`;
const LINK_BREAKER_SCRIPT = `// Throws from a file whose name breaks markdown links.
throw new Error('boom @org/team #1 <img src=x> ' + ${JSON.stringify(SECRETS.ghp)});
`;

let dir: string;
let green: string;
let culprit: string;
let output: string;
beforeAll(() => {
  dir = join(mkdtempSync(join(tmpdir(), 'crc-inject-')), 'repo');
  initRepo(dir);
  green = commit(dir, 'Initial', { 'README.md': '# demo\n' });
  culprit = commit(
    dir,
    'feat: @someone <script>alert(1)</script> fixes #1 ::set-output name=verdict::pwned',
    {
      [HOSTILE_FILE]: SCRIPT,
      [LINK_BREAKER]: LINK_BREAKER_SCRIPT,
    },
  );
  const run = capture(process.execPath, [HOSTILE_FILE], dir);
  expect(run.code).not.toBe(0);
  output = run.output;
  git(dir, ['branch', BRANCH, culprit]);
  git(dir, ['reset', '-q', '--hard', green]);
});

const ALLOWED_TAGS = new Set(['details', 'summary', 'br', 'sub']);

function checkMarkdown(name: string, md: string, server: string): void {
  // No live mention, reference or autolink outside code (inside code GitHub makes none: kept exact), and
  // every link goes to the repository on the server (issue 16 rows 2, 3).
  expect([name, onlyLinksTo(md, `${server}/octo/demo/`)]).toEqual([
    name,
    { foreignLinks: [], autolinks: [] },
  ]);
  // No raw HTML beyond the renderer's own tags.
  // (Inside code spans and fences `<` is text: GitHub renders no HTML there.)
  const prose = md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '').replace(/(`+)[^`\n]*?\1/g, '');
  const tags = [...prose.matchAll(/<\/?([A-Za-z][\w-]*)/g)].map((m) => m[1].toLowerCase());
  expect([name, tags.filter((t) => !ALLOWED_TAGS.has(t))]).toEqual([name, []]);
  expect(prose).not.toMatch(/<img|onerror=alert/);
  // Balanced fences: every fence opened is closed by a fence of the same kind at least as long.
  let open: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    if (!open) open = m[1];
    else if (m[1][0] === open[0] && m[1].length >= open.length && !m[2].trim()) open = undefined;
  }
  expect([name, open]).toEqual([name, undefined]);
  // No bidi, zero-width or tag characters except our own U+200B, and none inside code (issue 17 item 6).
  expect([
    name,
    // eslint-disable-next-line no-misleading-character-class
    md.match(/[\u202A-\u202E\u2066-\u2069\u200C\u200D\uFEFF\u0085]|[\u{E0000}-\u{E007F}]/gu),
  ]).toEqual([name, null]);
  const fenced = [...md.matchAll(/^(`{3,})text\n([\s\S]*?)\n\1$/gm)].map((m) => m[2]).join('\n');
  expect([name, fenced.includes('\u200B')]).toEqual([name, false]);
  // No secret.
  for (const [k, v] of Object.entries(SECRETS)) expect([name, k, md.includes(v)]).toEqual([name, k, false]);
}

test('a hostile log, branch, commit message and file name: safe comment, summary, outputs and job log', async () => {
  const emu = new Emulator({ token: TOKEN, gitDir: dir });
  await emu.start();
  try {
    const base = emu.addRepo('octo', 'demo');
    const pr = emu.addPull({
      number: 4,
      title: '@org/team <img src=x> #1',
      state: 'open',
      headSha: culprit,
      headRef: BRANCH,
      headRepo: base,
      baseRef: 'main',
      baseSha: green,
      baseRepo: base,
      author: 'stranger',
    });
    const built = jobLog({
      start: '2026-11-20T10:00:00Z',
      command: `node '${HOSTILE_FILE}'`,
      output,
      exitCode: 1,
    });
    const common = {
      workflowId: 55,
      event: 'pull_request',
      status: 'completed' as const,
      headBranch: BRANCH,
      headRepo: base,
      repo: base,
      commitMessage: 'feat: @someone <script>',
      pullRequests: [pr],
    };
    emu.addRun({
      ...common,
      id: 1,
      attempt: 1,
      conclusion: 'success',
      headSha: green,
      jobs: [passedJob(1, 'ok')],
    });
    const failing = emu.addRun({
      ...common,
      id: 2,
      attempt: 1,
      conclusion: 'failure',
      headSha: culprit,
      jobs: [failedJob(2, 'test @org/team <img> ``` #1', built)],
    });
    const res: ActionRun = await runAction({
      apiUrl: emu.urls.api,
      serverUrl: emu.server,
      repository: 'octo/demo',
      event: 'workflow_run',
      payload: {
        action: 'completed',
        workflow_run: f.workflowRun(emu.urls, failing),
        repository: f.fullRepo(emu.urls, base),
      },
      inputs: { 'github-token': TOKEN, comment: 'true', 'max-suspects': '5', 'max-log-mb': '32' },
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const comments = emu.comments.filter((c) => c.issue === 4);
    expect(comments).toHaveLength(1);
    const body = comments[0].body;
    // The analysis did happen: the thrown error and the hostile file are there, made inert.
    expect(body).toContain('boom');
    expect(body).toContain('org-team');
    checkMarkdown('comment', body, emu.server);
    checkMarkdown('summary', res.summary, emu.server);
    // the link-breaking file is a suspect, its link encoded (row 2)
    expect(body).toContain('x%29%28www.evil.example/pwn.mjs');
    // excerpts copy exactly: the file URL of the stack trace is in a fence, whole (issue 17 item 6)
    expect(body).toMatch(/^file:\/\/\/\S+\/scripts\/x\)\(www\.evil\.example\/pwn\.mjs:2$/m);
    // The outputs are ours: the log's ::set-output did not run.
    expect(res.outputs.verdict).not.toBe('pwned');
    expect(Object.keys(res.outputs).sort()).toEqual(
      ['comment-url', 'last-green-sha', 'report', 'suspects', 'verdict'].sort(),
    );
    const report = JSON.parse(res.outputs.report);
    for (const v of Object.values(SECRETS)) expect(res.outputs.report).not.toContain(v);
    expect(report.findings.length).toBeGreaterThan(0);
    // Our job log: no legacy command anywhere, and only our own commands at a line start.
    const all = res.stdout + res.stderr + res.summary + JSON.stringify(res.outputs);
    expect(all).not.toContain(TOKEN);
    for (const v of Object.values(SECRETS)) expect(res.stdout).not.toContain(v);
    const lines = res.stdout.split('\n');
    expect(lines.filter((l) => l.includes('##['))).toEqual([]);
    // the runner trims .NET white space (U+0085 among it) before looking for a command (row 10)
    const commands = lines.filter((l) => /^[\s\u0085]*::/.test(l));
    for (const l of commands)
      expect(l).toMatch(
        /^::(group::|endgroup::|stop-commands::[0-9a-f]{32}$|[0-9a-f]{32}::$|debug::|warning::|notice::)/,
      );
    // The token reached the API host only.
    for (const r of emu.requests.filter((x) => x.host === 'blob')) expect(r.authorization).toBeUndefined();
  } finally {
    await emu.stop();
  }
});
