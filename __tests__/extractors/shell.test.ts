import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { shell } from '../../src/log/extractors/shell.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/shell/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');

function extract(name: string): Finding[] {
  const doc = parseLog(read(name));
  return shell.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [
  f.kind,
  f.tool,
  f.code,
  f.file,
  f.line,
  f.column,
  f.message,
  f.logLines,
];

describe('shell extractor', () => {
  test('shellcheck tty: one finding per caret row, errors and warnings as lint errors, info as warnings', () => {
    const findings = extract('shellcheck.log');
    expect(findings.map(row)).toEqual([
      [
        'warning',
        'shellcheck',
        'SC2086',
        'deploy.sh',
        3,
        19,
        'Double quote to prevent globbing and word splitting.',
        [2, 4],
      ],
      [
        'warning',
        'shellcheck',
        'SC2086',
        'deploy.sh',
        4,
        16,
        'Double quote to prevent globbing and word splitting.',
        [10, 12],
      ],
      [
        'warning',
        'shellcheck',
        'SC2086',
        'deploy.sh',
        5,
        6,
        'Double quote to prevent globbing and word splitting.',
        [18, 20],
      ],
      [
        'warning',
        'shellcheck',
        'SC1091',
        'build.sh',
        4,
        8,
        'Not following: ./env.sh was not specified as input (see shellcheck -x).',
        [26, 28],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC3014',
        'posix.sh',
        3,
        11,
        'In POSIX sh, == in place of = is undefined.',
        [31, 33],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC2034',
        'posix.sh',
        4,
        3,
        'count appears unused. Verify use (or export if used externally).',
        [36, 38],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC1073',
        'broken.sh',
        3,
        1,
        "Couldn't parse this for loop. Fix to allow more checks.",
        [41, 43],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC1061',
        'broken.sh',
        3,
        17,
        "Couldn't find 'done' for this 'do'.",
        [41, 44],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC1062',
        'broken.sh',
        5,
        1,
        "Expected 'done' matching previously mentioned 'do'.",
        [47, 49],
      ],
      [
        'lint-error',
        'shellcheck',
        'SC1072',
        'broken.sh',
        5,
        1,
        "Expected 'done'. Fix any mentioned problems and try again.",
        [47, 50],
      ],
    ]);
    expect(findings[6].weight).toBeGreaterThan(findings[4].weight);
  });

  test('shellcheck -f gcc', () => {
    expect(extract('shellcheck-gcc.log').map((f) => [f.code, f.file, f.line, f.column, f.kind])).toEqual([
      ['SC2086', 'deploy.sh', 3, 19, 'warning'],
      ['SC2086', 'deploy.sh', 4, 16, 'warning'],
      ['SC2086', 'deploy.sh', 5, 6, 'warning'],
      ['SC1091', 'build.sh', 4, 8, 'warning'],
    ]);
  });

  test('bash and dash errors in script files: the script and its line', () => {
    expect(extract('bash-build.log').map(row)).toEqual([
      [
        'build-error',
        'shell',
        undefined,
        './build.sh',
        4,
        undefined,
        './env.sh: No such file or directory',
        [2, 2],
      ],
    ]);
    expect(extract('dash-run.log').map(row)).toEqual([
      [
        'build-error',
        'shell',
        undefined,
        './run.sh',
        3,
        undefined,
        './scripts/prepare.sh: not found',
        [1, 1],
      ],
    ]);
  });

  test('GitHub Actions: a workflow script (`bash: line N`) has no file; the shell error leads the exit line', () => {
    expect(extract('gh-bash-c.log').map(row)).toEqual([
      [
        'build-error',
        'shell',
        undefined,
        undefined,
        undefined,
        undefined,
        'deploy_site: command not found',
        [5, 5],
      ],
    ]);
    const ordered = extractFindings(parseLog(read('gh-shell.log')));
    expect(ordered.slice(0, 2).map((f) => [f.tool, f.message, f.logLines])).toEqual([
      ['shell', './noexec.sh: Permission denied', [5, 5]],
      ['shell', './env.sh: No such file or directory', [12, 12]],
    ]);
  });

  test('hostile input does not throw; ordinary output gives nothing', () => {
    const doc = parseLog(
      'In x line 1:\n' +
        '^-- SC1 (error): '.repeat(3000) +
        '\n[-] ' +
        'at a, b:'.repeat(4000) +
        '\nAt line:1 char:1\n',
    );
    expect(() => shell.extract(doc.lines, doc)).not.toThrow();
    const cc = parseLog(
      readFileSync(new URL('../fixtures/cc/captures/make-gcc.log', import.meta.url), 'utf8'),
    );
    expect(shell.extract(cc.lines, cc)).toEqual([]);
  });
});
