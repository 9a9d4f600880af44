import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { pip, WEIGHT_BUILD, WEIGHT_RESOLVE } from '../../src/log/extractors/pip.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/python/captures/', import.meta.url);

function read(name: string) {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const doc = read(name);
  return pip.extract(doc.lines, doc);
}

describe('pip extractor', () => {
  test('no matching distribution: the two ERROR lines as one dependency finding', () => {
    expect(extract('pip-no-version.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'pip',
        message: 'Could not find a version that satisfies the requirement ruff==99.0 (from versions: 0.16.9)',
        code: 'no-matching-distribution',
        logLines: [2, 3],
        weight: WEIGHT_RESOLVE,
        segment: 0,
      },
    ]);
  });

  test('conflicting requirements: the message and the conflict explanation', () => {
    const found = extract('pip-conflict.log');
    expect(found.map((f) => [f.code, f.message, f.logLines])).toEqual([
      [
        'ResolutionImpossible',
        'Cannot install ruff<0.16 and ruff==0.16.9 because these package versions have conflicting dependencies.',
        [3, 7],
      ],
    ]);
  });

  test('missing requirements file', () => {
    expect(extract('pip-requirements.log').map((f) => [f.code, f.message])).toEqual([
      [
        'requirements-file',
        "Could not open requirements file: [Errno 2] No such file or directory: 'requirements-ci.txt'",
      ],
    ]);
  });

  test('a failed package build: the × line, and the build output traceback found by the python extractor', () => {
    expect(extract('pip-build.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'pip',
        message: 'Preparing metadata (pyproject.toml) did not run successfully.',
        code: 'subprocess-exited-with-error',
        logLines: [5, 9],
        weight: WEIGHT_BUILD,
        segment: 0,
      },
    ]);
    const all = extractFindings(read('pip-build.log'));
    expect(all.slice(0, 2).map((f) => f.tool)).toEqual(['pip', 'python']);
    expect(all[1].message).toBe("ModuleNotFoundError: No module named 'missing_build_helper'");
  });

  test('nothing from test or lint output', () => {
    for (const name of ['pytest-default.log', 'unittest.log', 'flake8.log'])
      expect(extract(name)).toEqual([]);
  });
});
