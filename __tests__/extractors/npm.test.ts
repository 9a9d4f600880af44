import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { npm } from '../../src/log/extractors/npm.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/node-build/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return npm.extract(doc.lines, doc);
}

const PEER =
  'ERESOLVE unable to resolve dependency tree: peer react@"^18.3.1" from react-dom@18.3.1 (found react@17.0.2)';
const E404 =
  "404 Not Found - GET https://registry.npmjs.org/@ci-root-cause-fixture%2fno-such-package: '@ci-root-cause-fixture/no-such-package@^1.0.0' not found";

describe('npm / pnpm / yarn extractor', () => {
  test.each([
    // npm 10 prints the sentence on one line (14 lines); npm 9 wraps it over three (16 lines).
    ['npm10-eresolve.log', [1, 14]],
    ['npm9-eresolve.log', [1, 16]],
    ['gh-npm-eresolve.log', [5, 18]],
  ])(
    'ERESOLVE (%s): the conflicting peer dependency is named; the log-file trailer is left out',
    (name, lines) => {
      expect(extract(name)).toEqual([
        {
          kind: 'dependency',
          tool: 'npm',
          code: 'ERESOLVE',
          message: PEER,
          logLines: lines,
          weight: 88,
          segment: expect.any(Number),
        },
      ]);
    },
  );

  test.each(['npm10-e404.log', 'npm9-e404.log'])('E404 (%s): the request and the package spec', (name) => {
    expect(extract(name)).toEqual([
      {
        kind: 'dependency',
        tool: 'npm',
        code: 'E404',
        message: E404,
        logLines: [1, 7],
        weight: 85,
        segment: 0,
      },
    ]);
  });

  test.each(['npm10-missing-script.log', 'npm9-missing-script.log'])('missing script (%s)', (name) => {
    expect(extract(name)).toEqual([
      {
        kind: 'build-error',
        tool: 'npm',
        message: 'Missing script: "build"',
        logLines: [1, 4],
        weight: 80,
        segment: 0,
      },
    ]);
  });

  test('npm 10 workspace script failure: the closer is an exit finding with the lowest weight', () => {
    expect(extract('npm10-workspace-script.log')).toEqual([
      {
        kind: 'exit',
        tool: 'npm',
        code: 'ELIFECYCLE',
        message: 'Lifecycle script `build` failed: sh -c node build.cjs (exit status 1)',
        logLines: [27, 33],
        weight: 1,
        segment: 0,
      },
    ]);
  });

  test('npm 9 workspace script failure (`Error: command failed`)', () => {
    const [f, ...rest] = extract('npm9-workspace-script.log');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      kind: 'exit',
      weight: 1,
      message: 'Lifecycle script `build` failed',
      logLines: [27, 30],
    });
  });

  test('npm 6 ELIFECYCLE after tsc output', () => {
    expect(extract('tsc-npm6-run.log')).toEqual([
      {
        kind: 'exit',
        tool: 'npm',
        code: 'ELIFECYCLE',
        message: 'demo-tsc@ typecheck: `tsc -p .` (exit status 2)',
        logLines: [14, 20],
        weight: 1,
        segment: 0,
      },
    ]);
  });

  test('pnpm: ERR_PNPM_ codes (thin spaces around the code)', () => {
    expect(extract('pnpm-e404.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'pnpm',
        code: 'ERR_PNPM_FETCH_404',
        message:
          'ERR_PNPM_FETCH_404: GET https://registry.npmjs.org/@ci-root-cause-fixture%2Fno-such-package: Not Found - 404',
        logLines: [1, 1],
        weight: 85,
        segment: 0,
      },
    ]);
    expect(extract('pnpm-missing-script.log')).toMatchObject([
      {
        kind: 'build-error',
        tool: 'pnpm',
        code: 'ERR_PNPM_NO_SCRIPT',
        message: 'ERR_PNPM_NO_SCRIPT: Missing script: build',
      },
    ]);
  });

  test('yarn 1: `error` lines after the yarn banner', () => {
    expect(extract('yarn1-e404.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'yarn',
        message: 'Couldn\'t find package "@ci-root-cause-fixture/no-such-package" on the "npm" registry.',
        logLines: [4, 4],
        weight: 85,
        segment: 0,
      },
    ]);
  });

  test('yarn-style `error` lines without a yarn banner are not yarn findings', () => {
    const real = readFileSync(new URL('yarn1-e404.log', CAPTURES), 'utf8').split('\n').slice(1).join('\n');
    const doc = parseLog(real);
    expect(npm.extract(doc.lines, doc)).toEqual([]);
  });

  test('other tools output gives nothing', () => {
    for (const name of ['tsc-plain.log', 'eslint-stylish.log', 'node-missing-package-cjs.log']) {
      expect(extract(name)).toEqual([]);
    }
  });
});
