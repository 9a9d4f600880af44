import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { analyze } from '../../src/analyze/index.js';
import { render, renderJson, renderMarkdown, renderText } from '../../src/report/render.js';
import type { Finding, Report, Suspect } from '../../src/types.js';
import { C1, C2, C3, COMMITS, changeSet, file, finding, hunk } from '../analyze/helpers.js';
import { liveIn } from './gfm.js';
import { validate } from './schema-validator.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schema = JSON.parse(readFileSync(join(root, 'schema', 'report.schema.json'), 'utf8'));
const LINKS = { server: 'https://github.com', repo: 'octo/app', headSha: 'f'.repeat(40), run: 42 };

function renameReport(extra: Partial<Finding> = {}): Report {
  const findings = [
    finding({
      kind: 'compile-error',
      code: 'TS2305',
      message: "Module '\"./util\"' has no exported member 'parse'.",
      file: 'src/app.ts',
      line: 1,
      logLines: [10, 11],
      excerpt: [
        "src/app.ts(1,10): error TS2305: Module '\"./util\"' has no exported member 'parse'.",
        '  exit 2',
      ],
      ...extra,
    }),
  ];
  const cs = changeSet(
    [
      file('src/util.ts', [
        hunk(
          3,
          [[3, 'export function parseValue(s: string) {']],
          [[3, 'export function parse(s: string) {']],
          C2,
        ),
      ]),
    ],
    COMMITS,
  );
  return analyze({ findings, patterns: [], changeSet: cs });
}

function reportWith(suspects: Suspect[], over: Partial<Report> = {}): Report {
  return {
    ...analyze({ findings: [], patterns: [] }),
    suspects,
    verdict: {
      category: 'test',
      origin: 'caused-by-change',
      summary: 'x',
      confidence: suspects[0]?.confidence ?? 0,
    },
    ...over,
  };
}

const suspect = (path: string, confidence: number): Suspect => ({
  path,
  score: 5,
  confidence,
  reasons: ['a reason'],
  lines: [[40, 44]],
  commits: [C1],
});

describe('markdown', () => {
  test('the comment: verdict line, suspects with links to the changed lines, findings with excerpts, range', () => {
    const md = renderMarkdown(renameReport(), { links: LINKS });
    const lines = md.split('\n');
    expect(lines[0]).toBe('### CI root cause');
    expect(lines[2]).toBe(
      '**Caused by this change** (compile, 96% confident): TS2305 in src/app.ts:1 — caused by src/util.ts \\(removed or renamed `parse` in 2222222, still used; imported module, changed in 2222222\\)'.replace(
        /\\\(|\\\)/g,
        (m) => m[1],
      ),
    );
    expect(md).toContain(
      '| 1 | [`src/util.ts`](https://github.com/octo/app/blob/ffffffffffffffffffffffffffffffffffffffff/src/util.ts#L3)<br>line 3 | **96%** the cause |',
    );
    expect(md).toContain('<details><summary>Log excerpt (lines 10-11)</summary>');
    expect(md).toContain('```text\nsrc/app.ts(1,10): error TS2305');
    expect(md).toContain('aaaaaaa (last green run) → fffffff · 3 commits · 1 file changed');
    expect(md).toContain('**Most likely commit:** 2222222 rename parse to parseValue');
  });

  test('exit-code findings are left out when something else was found; the findings shown are numbered 1, 2, 3 as shown', () => {
    const r = renameReport();
    r.findings.unshift(
      finding({ kind: 'exit', tool: 'generic', message: 'Process completed with exit code 2.' }),
    );
    const md = renderMarkdown(r);
    expect(md).not.toContain('exit code 2');
    expect(md).toContain('**1. TS2305**');
    expect(md).not.toContain('**2.');
    expect(renderText(r)).toContain('  1. TS2305 at src/app.ts:1');
  });

  test('confidence wording: ≥ 0.8 the cause, 0.4..0.8 likely, < 0.4 a lead', () => {
    const high = renderMarkdown(reportWith([suspect('a.ts', 0.85)]));
    expect(high).toContain('**Caused by this change**');
    expect(high).toContain('**85%** the cause');
    const mid = renderMarkdown(reportWith([suspect('a.ts', 0.6)]));
    expect(mid).toContain('**Likely caused by this change**');
    expect(mid).toContain('**60%** likely');
    const low = renderMarkdown(reportWith([suspect('a.ts', 0.3), suspect('b.ts', 0.2)]));
    expect(low).toContain('**No clear cause found**');
    expect(low).toContain('**30%** worth a look');
    expect(low).not.toMatch(/the cause|Caused by/);
    expect(renderText(reportWith([suspect('a.ts', 0.3)]))).toContain('30% worth a look');
  });

  test('links only to the given server, and only when they validate', () => {
    const r = renameReport({
      location: {
        jobId: 7,
        job: 'build',
        step: 4,
        stepName: 'Test',
        lineInStep: 12,
        url: 'https://evil.example/octo/app/x',
      },
    });
    const md = renderMarkdown(r, { links: LINKS });
    expect(md).not.toContain('evil.example');
    expect(md).toContain(
      '[job build, step Test](https://github.com/octo/app/actions/runs/42/job/7#step:4:12)',
    );
    const good = renameReport({
      location: {
        jobId: 7,
        job: 'build',
        url: 'https://github.com/octo/app/actions/runs/42/job/7#step:4:12',
      },
    });
    expect(renderMarkdown(good, { links: LINKS })).toContain(
      '(https://github.com/octo/app/actions/runs/42/job/7#step:4:12)',
    );
    const bad = renderMarkdown(renameReport(), { links: { ...LINKS, server: 'javascript:alert(1)' } });
    expect(bad).not.toMatch(/\]\(/);
    expect(renderMarkdown(renameReport())).not.toMatch(/\]\(/);
  });

  test('size: least important parts are cut first and the comment says so', () => {
    const many: Finding[] = Array.from({ length: 30 }, (_, i) =>
      finding({
        kind: 'compile-error',
        code: `TS${2300 + i}`,
        message: `error number ${i} ` + 'x'.repeat(300),
        file: `src/f${i}.ts`,
        line: i + 1,
        logLines: [i * 20 + 1, i * 20 + 15],
        excerpt: Array.from({ length: 15 }, (_, k) => `line ${k} ` + 'y'.repeat(250)),
      }),
    );
    const r = analyze({
      findings: many,
      patterns: Array.from({ length: 8 }, (_, i) => ({
        id: `p${i}`,
        category: 'compile' as const,
        title: `Pattern ${i}`,
        hint: 'h'.repeat(300),
        logLines: [1, 1] as [number, number],
        captures: [],
      })),
      changeSet: changeSet([file('src/f0.ts', [hunk(1, [[1, 'a']], [], C1)])], COMMITS),
    });
    const full = renderMarkdown(r);
    expect(full.length).toBeGreaterThan(20_000);
    const cut = renderMarkdown(r, { maxChars: 12_000 });
    expect(cut.length).toBeLessThanOrEqual(12_000);
    expect(cut).toContain('Shortened to fit the size limit: left out the log excerpts of');
    // the first finding keeps its excerpt; later findings lose theirs first
    expect(cut).toContain('**1. TS2300**');
    expect(cut.match(/<details>/g)?.length).toBe(1);
    expect(cut).toContain('#### Suspects');
    const tiny = renderMarkdown(r, { maxChars: 2_000 });
    expect(tiny.length).toBeLessThanOrEqual(2_000);
    expect(tiny).toContain('#### Suspects');
    expect(tiny).toMatch(/Shortened to fit the size limit: left out .*\d+ findings.*\d+ patterns/);
    expect(tiny).not.toContain('<details>');
  });

  test('size is measured in UTF-16 units and cut on code-point boundaries', () => {
    const emoji = '😀'.repeat(5000);
    const r = renameReport({ message: emoji, excerpt: [emoji, emoji] });
    r.verdict.summary = emoji;
    const out = renderMarkdown(r, { maxChars: 3000 });
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe('untrusted text', () => {
  const evil = [
    '@org/team please look',
    'fixes #1 and octo/app#2 and GH-3',
    '</details><img src=x onerror=alert(1)>',
    '```` ~~~~ `` ```',
    'a\u202Egnp.exe\u202C b\u200Bc\u0007d\u001b[31mred',
    'token ghp_0123456789abcdefghijABCDEFGHIJ012345 and github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    'AKIAIOSFODNN7EXAMPLE xoxb-1234567890-abcdefghij',
    'jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
    'password=hunter22 and "api_key": "sk-live-1234" https://user:s3cretpass@example.com/x',
    '-----BEGIN RSA PRIVATE KEY-----',
    'MIIEowIBAAKCAQEAsecretkeymaterial',
    '-----END RSA PRIVATE KEY-----',
    'see https://evil.example/phish and www.evil.example',
    '| a | b |',
  ];
  const secrets = [
    'ghp_0123456789abcdefghijABCDEFGHIJ012345',
    'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz',
    'AKIAIOSFODNN7EXAMPLE',
    'xoxb-1234567890-abcdefghij',
    'eyJhbGciOiJIUzI1NiJ9',
    'hunter22',
    'sk-live-1234',
    's3cretpass',
    'secretkeymaterial',
  ];

  function evilReport(): Report {
    const findings = [
      finding({
        kind: 'exception',
        tool: 'node',
        message: evil.join(' '),
        test: '@org/team #5',
        file: 'src/@org/team#1.ts',
        line: 3,
        logLines: [1, evil.length],
        excerpt: evil,
      }),
    ];
    const cs = changeSet(
      [
        file('src/@org/team#1.ts', [hunk(1, [[3, 'x']], [], C3)]),
        file('src/x|y.ts', [hunk(1, [[1, 'z']], [], C3)]),
      ],
      [{ sha: C3, subject: evil.join(' ') }],
      { baseSource: '@admin #9 <b>' },
    );
    const r = analyze({ findings, patterns: [], changeSet: cs });
    r.patterns.push({
      id: 'p|1',
      category: 'config',
      title: '@org/team <script>',
      hint: evil.join(' '),
      logLines: [1, 1],
      captures: [],
    });
    r.notes.push(...evil);
    return r;
  }

  test('markdown: no live mention, reference, HTML, link to another host, control/bidi character or secret', () => {
    const md = renderMarkdown(evilReport(), { links: LINKS });
    // no mention, reference or autolink live outside code (inside code GitHub makes none: kept exact)
    expect(liveIn(md).autolinks).toEqual([]);
    // HTML and links: inside fenced code they are text; outside only our own tags and links
    const outside = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
    expect(md).toContain('&lt;img src=x');
    const tags = outside.match(/<\/?[A-Za-z][^>]*>/g) ?? [];
    expect(new Set(tags.map((t) => t.replace(/\s.*/, '').toLowerCase()))).toEqual(
      new Set(['<br>', '<details>', '</details>', '<summary>', '</summary>']),
    );
    expect(outside).not.toMatch(/https?:\/\/(?!github\.com\/octo\/app\/)/);
    expect(outside).not.toMatch(/www\.evil/);
    expect(md).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F]/);
    for (const s of secrets) expect(md).not.toContain(s);
    // every table row keeps 4 cells: `|` in names and reasons is escaped
    for (const row of md.split('\n').filter((l) => /^\| \d/.test(l))) {
      expect(row.replace(/\\\|/g, '').split('|').length).toBe(6);
    }
    // fences are longer than any backtick run inside, and there are exactly two <details> blocks closed
    const fences = md.match(/^`{3,}text$/gm) ?? [];
    expect(fences).toEqual(['`````text']);
    expect(md.match(/<details>/g)?.length).toBe(
      md.match(/<\/details>/g)!.length - 1 /* the one inside the fence */,
    );
  });

  test('text and json: secrets redacted, no terminal escapes or workflow commands', () => {
    const r = evilReport();
    r.findings[0].excerpt!.push('##[set-output name=x]y', '::add-mask::abc');
    const text = renderText(r);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E]/);
    expect(text).not.toContain('##[set-output');
    expect(text).not.toMatch(/^\s*::add-mask::/m);
    const json = renderJson(r);
    for (const s of secrets) expect(json).not.toContain(s);
    expect(JSON.parse(json).findings[0].excerpt).toContain('[REDACTED]');
  });

  test('property: escaped markdown never contains a live mention, tag or fence break', () => {
    const piece = fc.constantFrom(
      '@',
      '#',
      '1',
      'a',
      '`',
      '~',
      '<',
      '>',
      '|',
      '&',
      '\u202E',
      '\u200B',
      '\n',
      ' ',
      '/',
      'x',
      ':',
      'ghp_',
    );
    const text = fc.array(piece, { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 5 }), (message, excerpt) => {
        const r = renameReport({ message, excerpt, test: message });
        const md = renderMarkdown(r);
        const fenceMatch = md.match(/^(`{3,})text\n([\s\S]*?)\n\1$/m);
        if (excerpt.length) {
          expect(fenceMatch).not.toBeNull();
          // the fenced body holds exactly the excerpt lines (nothing closed the fence early)
          expect(fenceMatch![2].split('\n').length).toBe(excerpt.length);
        }
        expect(liveIn(md).autolinks).toEqual([]);
        const outside = md.replace(/^(`{3,})text\n[\s\S]*?\n\1$/gm, '');
        expect(outside).not.toMatch(/<(?!\/?(?:details|summary|br)>)[A-Za-z/]/);
        expect(md).not.toContain('\u202E');
      }),
      { numRuns: 300 },
    );
  });
});

describe('json', () => {
  test('the JSON report validates against schema/report.schema.json', () => {
    for (const r of [renameReport(), analyze({ findings: [], patterns: [] })]) {
      const parsed = JSON.parse(render(r, 'json'));
      expect(validate(schema, parsed)).toEqual([]);
    }
    const broken = JSON.parse(renderJson(renameReport()));
    delete broken.verdict.summary;
    broken.suspects[0].confidence = 2;
    expect(validate(schema, broken)).toEqual([
      '$.verdict: missing summary',
      '$.suspects[0].confidence: above maximum',
    ]);
  });

  test('the schema version is the REPORT_VERSION', async () => {
    const { REPORT_VERSION } = await import('../../src/version.js');
    expect(renameReport().version).toBe(REPORT_VERSION);
    expect(new RegExp(schema.properties.version.pattern).test(REPORT_VERSION)).toBe(true);
  });
});

void C2;

describe('bisect suggestion in the report', () => {
  const C1 = '1'.repeat(40);
  const C2 = '2'.repeat(40);
  const report = analyze({
    findings: [
      {
        kind: 'assertion',
        tool: 'jest',
        message: 'expected 2 but got 3',
        logLines: [12, 12],
        weight: 50,
        segment: 1,
      },
    ],
    patterns: [],
    changeSet: {
      base: 'a'.repeat(40),
      head: 'b'.repeat(40),
      files: [],
      commits: [
        { sha: C2, subject: 'two' },
        { sha: C1, subject: 'one' },
      ],
    },
    segments: [
      { job: 'test', lines: [1, 5] },
      { job: 'test', step: 'Run npm test', lines: [6, 20] },
    ],
  });

  test('markdown and text show the commands; the JSON validates', () => {
    expect(report.bisect?.commands).toEqual([
      `git bisect start ${'b'.repeat(12)} ${'a'.repeat(12)}`,
      'git bisect run npm test',
      'git bisect reset',
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain(
      `**Not sure which commit?** Let git bisect settle it:\n\n\`\`\`text\ngit bisect start ${'b'.repeat(12)} ${'a'.repeat(12)}\ngit bisect run npm test\ngit bisect reset\n\`\`\``,
    );
    const text = renderText(report);
    expect(text).toContain('  not sure which commit? let git bisect settle it:\n    git bisect start');
    expect(validate(schema, JSON.parse(renderJson(report)))).toEqual([]);
  });
});

describe('evidence from other runs (Report.history)', () => {
  const hostile = '@octocat `x` <img src=x onerror=alert(1)> #12 | owner/repo#3';
  function baseBroken(): Report {
    const r = analyze({
      findings: [finding({ kind: 'test-failure', message: `expected 1 got 2 ${hostile}`, test: hostile })],
      patterns: [],
      history: { baseFailureSignatures: [] },
    });
    r.verdict = { ...r.verdict, origin: 'base-broken', summary: 'fails on the base branch too' };
    r.history = {
      base: {
        branch: `main${hostile}`,
        run: 77,
        attempt: 2,
        conclusion: 'failure',
        job: { id: 5, name: `build ${hostile}` },
        matched: { message: `expected 1 got 2 ${'`'.repeat(5)} ${hostile}`, test: hostile, tool: 'jest' },
      },
    };
    return r;
  }

  test('markdown: the base run linked on the server, every untrusted string inert; the JSON validates', () => {
    const md = renderMarkdown(baseBroken(), { links: LINKS });
    const evidence = md.slice(
      md.indexOf('#### Evidence'),
      md.indexOf('####', md.indexOf('#### Evidence') + 5),
    );
    expect(evidence).toContain('[run 77, attempt 2](https://github.com/octo/app/actions/runs/77/attempts/2)');
    // Untrusted text only inside code spans and fences: outside them, no HTML; mentions and references dead.
    const outside = evidence
      .replace(/^\s*(`{3,})text\n[\s\S]*?\n\s*\1$/gm, '')
      .replace(/``(?:(?!``).)*``/g, '');
    expect(outside).not.toContain('<img');
    expect(outside).not.toContain('octocat');
    expect(liveIn(evidence).autolinks).toEqual([]);
    // The error line is fenced with a fence longer than the backtick run inside it.
    expect(evidence).toMatch(/``````text\n\s*expected 1 got 2 `````/);
    expect(validate(schema, JSON.parse(renderJson(baseBroken())))).toEqual([]);
  });

  test('text: the evidence lines, no link without a server', () => {
    const text = renderText(baseBroken());
    expect(text).toContain("Evidence:\n  - The latest run on the base branch 'main@");
    expect(text).toContain('run 77, attempt 2, fails too');
    expect(text).not.toContain('http');
  });
});

describe('key findings of a real log', () => {
  it('leave out the failing step region when a tool finding lies inside it (it would repeat the tsc error)', async () => {
    const { runAnalysis } = await import('../../src/core.js');
    const { builtinRules } = await import('../../src/rules/load.js');
    const logText = readFileSync(
      join(root, '__tests__', 'fixtures', 'log', 'captures', 'actions-tsc.log'),
      'utf8',
    );
    const report = runAnalysis({ logText, rules: builtinRules() });
    const region = report.findings.find((f) => f.tool === 'region');
    const tsc = report.findings.find((f) => f.tool === 'tsc');
    expect(region && tsc).toBeTruthy();
    expect(tsc!.logLines[0]).toBeGreaterThanOrEqual(region!.logLines[0]);
    const md = renderMarkdown(report);
    expect(md).toContain('tsc compile error');
    expect(md).not.toMatch(/region|generic/);
    expect(renderText(report)).not.toMatch(/region/);
  });
});
