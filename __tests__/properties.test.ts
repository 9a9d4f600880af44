// Property-based tests (fast-check) over the untrusted-input boundaries: the rule loader, the markdown
// renderer, the diff parser and the log normaliser. Each never throws anything but InputError, never hangs,
// and rendered text never escapes its fence or creates a mention or HTML. numRuns keep each under ~10 s.
import fc from 'fast-check';
import { dump } from 'js-yaml';
import { analyze } from '../src/analyze/index.js';
import { parseUnifiedDiff, parsePatch } from '../src/diff/unified.js';
import { InputError } from '../src/errors.js';
import { normalizeLine } from '../src/log/normalize.js';
import { renderMarkdown } from '../src/report/render.js';
import { parseRules } from '../src/rules/parse.js';
import type { Report } from '../src/types.js';
import { finding } from './analyze/helpers.js';
import { liveIn } from './report/gfm.js';

const HOSTILE = [
  '@org/team',
  '@someone',
  '#1',
  'owner/repo#2',
  '</details>',
  '``````',
  '~~~~',
  '<img src=x onerror=alert(1)>',
  '<script>',
  '##[set-output name=x]y',
  '::add-mask::',
  '\u202e',
  '\u200b',
  '|',
  '\n',
  '\r',
  '\\',
  '*',
  '_',
  '[a](javascript:x)',
  'https://evil.example',
  'ghp_' + 'A'.repeat(36),
  '-----BEGIN PRIVATE KEY-----',
];
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.string({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 8 }),
    ),
    {
      maxLength: 12,
    },
  )
  .map((parts) => parts.join(''));

describe('the rule loader', () => {
  const outcome = (text: string) => {
    try {
      return Array.isArray(parseRules(text, 'fuzz.yml')) ? 'rules' : 'other';
    } catch (e) {
      if (e instanceof InputError) return 'input-error';
      throw e;
    }
  };
  test('random text: rules or an InputError, never another exception', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (t) => expect(outcome(t)).not.toBe('other')),
      {
        numRuns: 400,
      },
    );
  });
  test('random YAML-ish rule packs: rules or an InputError', () => {
    const value = fc.oneof(
      hostileText,
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(hostileText, { maxLength: 3 }),
    );
    const rule = fc.record(
      {
        id: value,
        category: fc.oneof(fc.constantFrom('compile', 'test', 'lint', 'dependency'), value),
        title: value,
        patterns: fc.oneof(
          fc.array(fc.oneof(hostileText, fc.constantFrom('(a+)+$', '(?=x)', '\\1', '[', 'a{99999}')), {
            maxLength: 3,
          }),
          value,
        ),
        hint: value,
      },
      { requiredKeys: [] },
    );
    const pack = fc.oneof(
      fc.record({ rules: fc.array(rule, { maxLength: 3 }) }),
      fc.anything({ maxDepth: 3 }),
    );
    fc.assert(
      fc.property(pack, (p) => {
        let text: string;
        try {
          text = dump(p);
        } catch {
          return;
        }
        expect(outcome(text)).not.toBe('other');
      }),
      { numRuns: 300 },
    );
  });
});

/** Every fenced block is closed by a fence of its own kind at least as long; the text ends outside one. */
function fencesBalanced(md: string): boolean {
  let open: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^(`{3,}|~{3,})(.*)$/.exec(line);
    if (!m) continue;
    if (!open) open = m[1];
    else if (m[1][0] === open[0] && m[1].length >= open.length && !m[2].trim()) open = undefined;
  }
  return open === undefined;
}

/** The markdown with fenced blocks and code spans removed (a span closes at a run of exactly its length). */
function withoutCode(md: string): string {
  const noFences = md.replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?\n\1\s*$/gm, '');
  let out = '';
  let i = 0;
  while (i < noFences.length) {
    if (noFences[i] === '\\') {
      // A backslash escape: `\`` is a literal backtick, not a code span.
      out += noFences.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (noFences[i] !== '`') {
      out += noFences[i++];
      continue;
    }
    let n = 0;
    while (noFences[i + n] === '`') n++;
    let k = i + n;
    let close = -1;
    while (k < noFences.length) {
      if (noFences[k] === '`') {
        let m = 0;
        while (noFences[k + m] === '`') m++;
        if (m === n) {
          close = k;
          break;
        }
        k += m;
      } else k++;
    }
    if (close < 0) {
      out += noFences.slice(i, i + n);
      i += n;
    } else i = close + n;
  }
  return out;
}

describe('the markdown renderer over random reports', () => {
  test('no fence left open, no live mention or reference, no raw HTML but its own tags', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            message: hostileText,
            file: hostileText,
            excerpt: fc.array(hostileText, { maxLength: 4 }),
          }),
          {
            minLength: 1,
            maxLength: 3,
          },
        ),
        (items) => {
          const findings = items.map((x, i) =>
            finding({
              kind: 'compile-error',
              message: x.message || 'm',
              file: x.file || 'f',
              line: i + 1,
              logLines: [i + 1, i + 1],
              excerpt: x.excerpt,
            }),
          );
          const report: Report = analyze({ findings, patterns: [] });
          report.notes.push(items[0].message);
          const md = renderMarkdown(report, { links: { server: 'https://github.com', repo: 'o/r', run: 1 } });
          expect(fencesBalanced(md)).toBe(true);
          // nothing live outside code (inside code GitHub makes no mention or link: the text is kept exact)
          expect(liveIn(md).autolinks).toEqual([]);
          const prose = withoutCode(md);
          const tags = [...prose.matchAll(/<\/?([A-Za-z][\w-]*)/g)].map((m) => m[1].toLowerCase());
          expect(tags.filter((t) => !['details', 'summary', 'br', 'sub'].includes(t))).toEqual([]);
          expect(md).not.toContain('\u202e');
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the diff parser and the log normaliser', () => {
  const diffish = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          'diff --git a/x b/x',
          '--- a/x',
          '+++ b/x',
          '@@ -1,3 +1,4 @@',
          '@@ -0,0 +1 @@',
          '@@ -99999999999 +1,-2 @@',
          '\\ No newline at end of file',
          'rename from a',
          'Binary files a and b differ',
        ),
        fc.string({ maxLength: 20 }).map((s) => ['+', '-', ' ', ''][s.length % 4] + s),
        fc.string({ unit: 'binary', maxLength: 20 }),
      ),
      { maxLength: 40 },
    )
    .map((l) => l.join('\n'));
  test('random and malformed diffs never throw', () => {
    fc.assert(
      fc.property(diffish, (t) => {
        expect(Array.isArray(parseUnifiedDiff(t))).toBe(true);
        expect(Array.isArray(parsePatch(t))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
  test('random bytes never throw the normaliser; a 1 MB line finishes fast', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (t) => {
        expect(typeof normalizeLine(t).text).toBe('string');
      }),
      { numRuns: 1000 },
    );
    for (const unit of ['\u001b[', '\r', '##[', '2026-11-20T10:00:00.0000000Z ', '\t', 'a']) {
      const line = unit.repeat(Math.ceil(1_000_000 / unit.length));
      const t0 = performance.now();
      normalizeLine(line);
      parseUnifiedDiff('@@ -1 +1 @@\n+' + line);
      expect(performance.now() - t0).toBeLessThan(10_000);
    }
  });
});
