import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { node, parseFrames } from '../../src/log/extractors/node.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/node-build/captures/', import.meta.url);
const ROOT = '/home/runner/work/demo/demo';

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return node.extract(doc.lines, doc);
}

function only(name: string): Finding {
  const findings = extract(name);
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ kind: 'exception', tool: 'node' });
  return findings[0];
}

describe('node extractor', () => {
  test('ESM TypeError: location from the first frame, file:// kept raw, logLines from header to last frame', () => {
    const f = only('node-type-error-esm.log');
    expect(f).toMatchObject({
      message: "TypeError: Cannot read properties of undefined (reading 'name')",
      file: `file://${ROOT}/lib/report.mjs`,
      rawFile: `file://${ROOT}/lib/report.mjs`,
      line: 3,
      column: 38,
      logLines: [1, 10],
      weight: 92,
    });
    expect(f.code).toBeUndefined();
    expect(f.frames!.slice(0, 3)).toEqual([
      { rawFile: `file://${ROOT}/lib/report.mjs`, line: 3, column: 38, function: 'summary', vendored: false },
      { rawFile: `file://${ROOT}/src/type-error.mjs`, line: 4, column: 13, vendored: false },
      {
        rawFile: 'node:internal/modules/esm/module_job',
        line: 325,
        column: 25,
        function: 'ModuleJob.run',
        vendored: true,
      },
    ]);
    expect(f.frames).toHaveLength(5);
  });

  test('GitHub Actions job log: the same finding at the original line numbers', () => {
    const f = only('gh-node.log');
    expect(f).toMatchObject({
      file: `file://${ROOT}/lib/report.mjs`,
      line: 3,
      column: 38,
      logLines: [5, 14],
    });
  });

  test('CJS TypeError: plain paths', () => {
    const f = only('node-cjs-type-error-cjs.log');
    expect(f).toMatchObject({
      message: "TypeError: Cannot read properties of undefined (reading 'port')",
      file: `${ROOT}/src/cjs-type-error.cjs`,
      line: 2,
      column: 26,
      logLines: [1, 13],
    });
    expect(f.frames!.map((fr) => fr.vendored)).toEqual([false, false, true, true, true, true, true, true]);
  });

  test('a throw inside node_modules points at the first frame outside it', () => {
    const f = only('node-vendored-throw-esm.log');
    expect(f).toMatchObject({
      message: 'Error: Missing required configuration key: API_URL',
      file: `file://${ROOT}/src/vendored-throw.mjs`,
      line: 4,
      column: 13,
      logLines: [1, 10],
    });
    expect(f.frames![0]).toMatchObject({
      rawFile: `file://${ROOT}/node_modules/tiny-config/index.js`,
      vendored: true,
    });
  });

  test('a throw inside node:fs: the header is vendored, the caller is the location; props block included', () => {
    const f = only('node-read-settings-cjs.log');
    expect(f).toMatchObject({
      message: `Error: ENOENT: no such file or directory, open '${ROOT}/src/settings.json'`,
      code: 'ENOENT',
      file: `${ROOT}/lib/settings.cjs`,
      line: 6,
      column: 24,
      logLines: [1, 19],
    });
  });

  test('ERR_MODULE_NOT_FOUND with only internal frames: the importer is the location', () => {
    const f = only('node-missing-file-esm.log');
    expect(f).toMatchObject({
      message: `Error [ERR_MODULE_NOT_FOUND]: Cannot find module '${ROOT}/lib/helpers.mjs' imported from ${ROOT}/src/missing-file.mjs`,
      code: 'ERR_MODULE_NOT_FOUND',
      file: `${ROOT}/src/missing-file.mjs`,
      logLines: [1, 16],
    });
    expect(f.line).toBeUndefined();
    expect(f.frames!.every((fr) => fr.vendored)).toBe(true);
  });

  test('CJS Cannot find module with Require stack: the requiring frame, code from the props block', () => {
    const f = only('node-missing-package-cjs.log');
    expect(f).toMatchObject({
      message: "Error: Cannot find module 'left-pad'",
      code: 'MODULE_NOT_FOUND',
      file: `${ROOT}/src/missing-package.cjs`,
      line: 1,
      column: 17,
      logLines: [1, 20],
    });
    // The `- /path` line of the Require stack is not a frame.
    expect(f.frames).toHaveLength(10);
  });

  test('missing ESM export: the header and caret give file, line and column', () => {
    const f = only('node-missing-export-esm.log');
    expect(f).toMatchObject({
      message:
        "SyntaxError: The requested module '../lib/report.mjs' does not provide an export named 'formatDate'",
      file: `file://${ROOT}/src/missing-export.mjs`,
      line: 1,
      column: 19,
      logLines: [1, 8],
    });
  });

  test('under `npm run -w`: the error is found between the npm banner and npm closer', () => {
    for (const name of ['npm10-workspace-script.log', 'npm9-workspace-script.log']) {
      const f = only(name);
      expect(f).toMatchObject({
        message: "Error: Cannot find module './manifest.json'",
        file: `${ROOT}/packages/app/build.cjs`,
        line: 1,
        column: 18,
        logLines: [5, 24],
      });
    }
  });

  test('parseFrames only sees `at` lines; non-frames such as `Require stack` entries are not parsed', () => {
    expect(parseFrames(['    at f (/w/a.js:1:2) {', '    at async Promise.all (index 0)'])).toEqual([
      { rawFile: '/w/a.js', line: 1, column: 2, function: 'f', vendored: false },
    ]);
  });

  test('other tools output gives nothing', () => {
    for (const name of ['tsc-pretty.log', 'eslint-stylish.log', 'npm10-eresolve.log', 'npm9-e404.log']) {
      expect(extract(name)).toEqual([]);
    }
  });

  test('stays linear on hostile input', () => {
    const hostile = ('TypeError: x\n' + `    at ${'a:1'.repeat(20000)}\n`.repeat(5)).repeat(200);
    const doc = parseLog(hostile);
    const t = Date.now();
    node.extract(doc.lines, doc);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
