import { redact, redactLines, REDACTED } from '../../src/report/redact.js';
import {
  codeSpan,
  escapeMarkdown,
  fence,
  neutralise,
  safeText,
  stripUnsafe,
} from '../../src/report/escape.js';
import { fileLink, jobLogLink, ownUrl } from '../../src/report/links.js';

describe('redact', () => {
  test.each([
    ['ghp_0123456789abcdefghijABCDEFGHIJ012345', REDACTED],
    ['x=gho_0123456789abcdefghijABCDEFGHIJ012345;', `x=${REDACTED};`],
    ['github_pat_11AAAAAAA0123456789_abcdefghijABCDEFGHIJ', REDACTED],
    ['key AKIAIOSFODNN7EXAMPLE here', `key ${REDACTED} here`],
    ['xoxp-123456789012-abcdefghijkl', REDACTED],
    ['Authorization: Bearer abcdefghijklmnopqrstuvwxyz012345', `Authorization: Bearer ${REDACTED}`],
    ['password=hunter22', `password=${REDACTED}`],
    ['DB_PASSWORD: "correct horse"', `DB_PASSWORD: "${REDACTED}"`],
    ['NPM_TOKEN=abcd1234efgh', `NPM_TOKEN=${REDACTED}`],
    ['git clone https://bob:s3cret@github.com/x/y', `git clone https://${REDACTED}@github.com/x/y`],
    [
      "TS2305: Module '\"./util\"' has no exported member 'parse'.",
      "TS2305: Module '\"./util\"' has no exported member 'parse'.",
    ],
    ['commit 1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'commit 1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
  ])('%s', (input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  test('PEM private key blocks, also when the END is cut off', () => {
    expect(
      redactLines([
        'before',
        '-----BEGIN OPENSSH PRIVATE KEY-----',
        'b3BlbnNzaC1rZXk',
        '-----END OPENSSH PRIVATE KEY-----',
        'after',
      ]),
    ).toEqual(['before', REDACTED, 'after']);
    expect(redactLines(['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBg'])).toEqual([REDACTED]);
    expect(redact('-----BEGIN PRIVATE KEY-----MIIE-----END PRIVATE KEY----- ok')).toBe(`${REDACTED} ok`);
  });

  test('linear time on a 1 MB line', () => {
    const t = Date.now();
    redact('a'.repeat(1 << 20));
    redact('password'.repeat(1 << 17));
    redact('eyJ' + 'a'.repeat(1 << 20));
    redact('https://'.repeat(1 << 17));
    redact('-'.repeat(1 << 20));
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});

describe('escape', () => {
  test('strip control, zero-width and bidi characters', () => {
    expect(stripUnsafe('a\u202Eb\u200Bc\u0007d\u001b[0m\r\te\n')).toBe('abcd[0m\te\n');
  });
  test('mentions, references and autolinks are neutralised', () => {
    expect(neutralise('@org/team #12 o/r#3 GH-4 https://x.y www.x.y')).toBe(
      '@\u200Borg/team #\u200B12 o/r#\u200B3 GH-\u200B4 https:\u200B//x.y www\u200B.x.y',
    );
  });
  test('markdown text: no HTML, no link syntax, no emphasis', () => {
    expect(escapeMarkdown('<img src=x> & [a](b) *c* _d_ `e` | ~f~')).toBe(
      '&lt;img src=x&gt; &amp; \\[a\\](b) \\*c\\* \\_d\\_ \\`e\\` \\| \\~f\\~',
    );
    expect(escapeMarkdown('# title')).toBe('\\# title');
    expect(escapeMarkdown('1. item')).toBe('1\\. item');
  });
  test('code spans and fences are longer than the backtick runs inside', () => {
    expect(codeSpan('a``b')).toBe('```a``b```');
    expect(codeSpan('`x`')).toBe('`` `x` ``');
    expect(codeSpan('a|b', true)).toBe('`a\\|b`');
    expect(fence(['```', '~~~~~'])).toBe('``````text\n```\n~~~~~\n``````\n');
  });
  test('text: workflow commands neutralised', () => {
    expect(safeText('x ##[set-output name=a]b\n::add-mask::c')).toBe(
      'x #\u200B#[set-output name=a]b\n:\u200B:add-mask::c',
    );
  });
});

describe('links', () => {
  const t = { server: 'https://github.example.com/', repo: 'o/r', headSha: 'abcdef1234567', run: 9 };
  test('file and job log links', () => {
    expect(fileLink(t, 'src/a b(1).ts', [40, 44])).toBe(
      'https://github.example.com/o/r/blob/abcdef1234567/src/a%20b%281%29.ts#L40-L44',
    );
    expect(fileLink(t, '../etc/passwd')).toBeUndefined();
    expect(fileLink({ ...t, headSha: 'main' }, 'a.ts')).toBeUndefined();
    expect(fileLink({ ...t, repo: 'o/r/../x' }, 'a.ts')).toBeUndefined();
    expect(jobLogLink(t, undefined, 77, 3, 12)).toBe(
      'https://github.example.com/o/r/actions/runs/9/job/77#step:3:12',
    );
  });
  test('foreign URLs are refused', () => {
    expect(ownUrl(t, 'https://evil.com/o/r/x')).toBeUndefined();
    expect(ownUrl(t, 'https://github.example.com.evil.com/o/r/x')).toBeUndefined();
    expect(ownUrl(t, 'https://u:p@github.example.com/o/r/x')).toBeUndefined();
    expect(ownUrl(t, 'https://github.example.com/o/other/x')).toBeUndefined();
    expect(ownUrl(t, 'https://github.example.com/o/r/x)y')).toBe('https://github.example.com/o/r/x%29y');
    expect(ownUrl({ ...t, server: 'javascript:alert(1)' }, 'javascript:alert(1)//o/r/')).toBeUndefined();
  });
});

// Issue 16 row 9: the shapes a failing log prints that the hand-written list missed. Fake values,
// assembled from parts so that no scanner mistakes this file for a leak; each has the documented shape.
describe('redact: a maintained rule set and the neighbours of secret names (row 9)', () => {
  const b64 = (n: number) => 'Qm9ndXNLZXk0Mj' + 'k5ZGF0YStmb3I/dGVzdHM9'.repeat(8).slice(0, n - 14);
  const SHAPES: [string, string, string][] = [
    ['Google API key', 'key=', 'AIza' + 'SyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q'],
    ['Stripe secret key', 'stripe ', 'sk_live_' + '51H8x9yZ0aB1cD2eF3gH4iJ5kL'],
    ['OpenAI project key', 'OPENAI ', 'sk-proj-' + 'Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5uX8'],
    ['Anthropic key', 'using ', 'sk-ant-api03-' + 'Xy9Ab3dE6gH9jK2mN5pQ8sT1vW4yZ7bC0eF3hJ6kM9nP2rS5'],
    ['GitLab token', 'CI_JOB ', 'glpat-' + 'xY7zA9bC3dE5fG1hJ2kL'],
    [
      'SendGrid key',
      'mail ',
      'SG.' + 'ngeVfQFYQlKU0ufo8x5d1A' + '.' + 'TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr',
    ],
    ['Azure AccountKey', 'DefaultEndpointsProtocol=https;AccountName=demo;AccountKey=', b64(88)],
    ['bare AWS secret', 'aws_secret_access_key ', 'kL9pQ2rS5tU8vW1xY4zA7bC0dE3fG6hJ9kM2nP5q'],
    ['AWS secret, quoted', '"aws_secret_access_key": "', 'kL9pQ2rS5tU8vW1xY4zA7bC0dE3fG6hJ9kM2nP5q'],
    // only the maintained preset knows these two
    ['Hugging Face token (preset)', 'HF ', 'hf_' + 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh'],
    ['Shopify token (preset)', 'shop ', 'shpat_' + 'r8TRc9ZXAvcVvcrmtr7qoVw69WeeY1ex'],
  ];
  test.each(SHAPES)('%s', (_name, before, secret) => {
    const line = `${before}${secret};EndpointSuffix=core.windows.net done`;
    const out = redact(line);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(secret.slice(-12));
    expect(out).toContain(REDACTED);
    expect(out).toContain('done');
  });

  test('names next to ordinary words, paths and hashes are left alone', () => {
    for (const line of [
      'the access key was rotated yesterday by the admin team',
      'the secret file src/github/components/authentication.ts changed',
      'secret scanning found nothing in commit 1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      'auth middleware rejected the request with status code 401',
    ])
      expect(redact(line)).toBe(line);
  });

  test('a log line cannot switch the rule set off (secretlint-disable is not honoured)', () => {
    const hf = 'hf_' + 'AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh';
    expect(redact(`// secretlint-disable\n${hf}`)).not.toContain(hf);
  });
});
