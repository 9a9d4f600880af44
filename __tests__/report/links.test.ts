// Issue 16 rows 2, 3, 10 and issue 17 item 6: one link builder and one escaper for every rendered output
// (the PR comment, the job summary, the CLI's markdown), checked against GitHub's autolink, mention and
// reference rules (./gfm.ts) with hostile names after every punctuation character and with file names
// from a fuzzer. The README's promise "links point only to your GitHub server" is the last test.
import fc from 'fast-check';
import { analyze } from '../../src/analyze/index.js';
import { commentBody, summaryBody } from '../../src/github/publish.js';
import { neutralise as neutraliseJobLog } from '../../src/github/safeLog.js';
import { codeSpan, escapeMarkdown, fence, safeText, stripUnsafe } from '../../src/report/escape.js';
import { fileLink, href } from '../../src/report/links.js';
import { renderMarkdown, renderText } from '../../src/report/render.js';
import type { Report } from '../../src/types.js';
import { C3, changeSet, file, finding, hunk, pattern } from '../analyze/helpers.js';
import { liveIn, onlyLinksTo } from './gfm.js';

const SERVER = 'https://github.com';
const REPO = 'octo/app';
const HEAD = 'f'.repeat(40);
const LINKS = { server: SERVER, repo: REPO, headSha: HEAD, run: 42 };
const OWN = `${SERVER}/${REPO}/`;

/** A report whose every untrusted string is `evil` (file name, message, excerpt, commit, branch, hint…). */
function hostileReport(evil: string, path = `src/${evil}.ts`): Report {
  const findings = [
    finding({
      kind: 'exception',
      tool: 'node',
      message: `boom ${evil}`,
      test: evil,
      file: path,
      line: 3,
      logLines: [1, 2],
      excerpt: [`at ${evil}`, evil],
    }),
  ];
  const cs = changeSet([file(path, [hunk(1, [[3, evil]], [], C3)])], [{ sha: C3, subject: evil }], {
    baseSource: evil,
  });
  const r = analyze({
    findings,
    patterns: [pattern({ id: 'p1', category: 'config', hint: evil })],
    changeSet: cs,
  });
  r.patterns[0].title = evil;
  r.notes.push(evil);
  r.source = {
    server: SERVER,
    repo: REPO,
    run: 42,
    attempt: 1,
    jobs: [{ id: 7, name: evil, failedSteps: [{ number: 2, name: evil }] }],
  };
  r.findings[0].location = { job: evil, jobId: 7, step: 2, stepName: evil, lineInStep: 5 } as never;
  r.head = { sha: HEAD };
  return r;
}

/** The three rendered outputs of a report: the PR comment, the job summary, the CLI's markdown. */
function outputs(r: Report): [string, string][] {
  const runUrl = `${SERVER}/${REPO}/actions/runs/42/attempts/1`;
  return [
    ['comment', commentBody({ report: r, runUrl, workflowId: 55 })],
    ['summary', summaryBody({ report: r, runUrl })],
    ['cli', renderMarkdown(r, { links: LINKS })],
  ];
}

function expectOnlyOwnLinks(r: Report, label = ''): void {
  for (const [name, md] of outputs(r)) {
    expect([label, name, onlyLinksTo(md, OWN)]).toEqual([label, name, { foreignLinks: [], autolinks: [] }]);
  }
}

const TOKENS = [
  'www.evil.example/login',
  'WWW.evil.example',
  'https://evil.example/x',
  'http://evil.example',
  'ftp://evil.example',
  'mailto:a@evil.example',
  'xmpp:a@evil.example',
  'someone@evil.example',
  '@someone',
  '@org/team',
  '#12',
  'octo/other#3',
  'GH-12',
];
const PUNCTUATION = [...'!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~'];

describe('links (row 2)', () => {
  test('a changed file named `src/x)(www.evil.example/pwn.js` does not close the suspects link', () => {
    const path = 'src/x)(www.evil.example/pwn.js';
    const url = fileLink(LINKS, path, [3, 3])!;
    expect(url).toBe(`${OWN}blob/${HEAD}/src/x%29%28www.evil.example/pwn.js#L3`);
    const r = hostileReport('plain', path);
    const md = renderMarkdown(r, { links: LINKS });
    expect(md).toContain(`[\`${path}\`](${url})`);
    expectOnlyOwnLinks(r);
  });

  test('href: only absolute http(s) URLs without credentials; every destination-breaking character encoded', () => {
    expect(href('javascript:alert(1)')).toBeUndefined();
    expect(href('https://u:p@github.com/x')).toBeUndefined();
    expect(href('https://github.com/o/r/a b(c)<d>[e]"f\'|g\\h`')).toBe(
      'https://github.com/o/r/a%20b%28c%29%3Cd%3E%5Be%5D%22f%27%7Cg/h%60',
    );
  });
});

describe('autolinks, mentions and references in prose (row 3)', () => {
  test('`_www.host` and every other autolink token stay inert after every punctuation character', () => {
    for (const token of TOKENS)
      for (const p of PUNCTUATION) {
        const evil = `x${p}${token}`;
        expect([evil, liveIn(escapeMarkdown(evil)).autolinks]).toEqual([evil, []]);
      }
    expect(liveIn(escapeMarkdown('sign in at _www.evil.example/login')).autolinks).toEqual([]);
  });

  test('a hostile report, rendered: every output links only to the server, nothing else is live', () => {
    for (const token of TOKENS)
      for (const p of ['_', '*', '~', '(', ' ', ''])
        expectOnlyOwnLinks(hostileReport(`a${p}${token}`), token);
  });

  test('fuzzed file names and texts: links only to the server, nothing else live (fast-check)', () => {
    const piece = fc.oneof(
      fc.constantFrom(...TOKENS, ...PUNCTUATION, ' ', '/', '.', 'a', 'x)(', '\u200B', '\u0085', '\u{E0041}'),
      fc.string({ maxLength: 6 }),
    );
    const text = fc.array(piece, { minLength: 1, maxLength: 12 }).map((a) => a.join(''));
    const path = fc
      .array(text, { minLength: 1, maxLength: 3 })
      .map((segs) => segs.map((s) => s.replace(/[\n\r/]/g, '_') || 'x').join('/'));
    fc.assert(
      fc.property(text, path, (evil, p) => expectOnlyOwnLinks(hostileReport(evil, p))),
      { numRuns: 150 },
    );
  });
});

describe('invisible characters (row 10)', () => {
  test('Unicode tag characters do not survive escaping', () => {
    const tags = 'a\u{E0001}\u{E0041}\u{E0042}\u{E007F}b';
    for (const out of [
      stripUnsafe(tags),
      escapeMarkdown(tags),
      codeSpan(tags),
      fence([tags]),
      safeText(tags),
    ])
      expect(out).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
    const r = hostileReport(tags);
    for (const [, md] of outputs(r)) expect(md).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
    expect(renderText(r)).not.toMatch(/[\u{E0000}-\u{E007F}]/u);
  });

  test('U+0085 (trimmed by the runner) before `::` does not pass the job-log neutraliser', () => {
    // The runner trims .NET white space (U+0085 among it) before looking for `::` at a line start.
    const dotnetTrim = (l: string) => l.replace(/^[\s\u0085\u180E]+/u, '');
    for (const evil of [
      '\u0085::add-mask::x',
      'a\n\u0085::set-output name=v::p',
      '\u0085 \u2028::error::x',
    ]) {
      for (const out of [neutraliseJobLog(evil), safeText(evil)])
        for (const line of out.split('\n'))
          expect([evil, dotnetTrim(line).startsWith('::')]).toEqual([evil, false]);
    }
  });
});

describe('code copies exactly (issue 17 item 6)', () => {
  test('no invisible character inside code spans and fences; the fence is long enough instead', () => {
    const line = 'go: downloading https://proxy.golang.org/x @v1.2.3 #12 www.example.com ```';
    const f = fence([line]);
    expect(f).toBe('````text\n' + line + '\n````\n');
    expect(codeSpan('@scope/pkg#1')).toBe('`@scope/pkg#1`');
    const r = hostileReport('x');
    r.findings[0].excerpt = [line];
    const md = renderMarkdown(r, { links: LINKS });
    expect(md).toContain('\n' + line + '\n');
    // and still nothing live outside code
    expect(onlyLinksTo(md, OWN)).toEqual({ foreignLinks: [], autolinks: [] });
  });

  test('a pattern hint renders its code as code', () => {
    const r = hostileReport('x');
    r.patterns[0].hint = 'rename `orderTotal` back, or run ``npm i `x` `` first; a lone ` stays text';
    const md = renderMarkdown(r, { links: LINKS });
    expect(md).toContain(': rename `orderTotal` back, or run ``npm i `x` `` first; a lone \\` stays text');
    expect(md).not.toContain('\\`orderTotal\\`');
  });
});
