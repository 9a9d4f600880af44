import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { tsc } from '../../src/log/extractors/tsc.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/node-build/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return tsc.extract(doc.lines, doc);
}

/** The six diagnostics tsc reports for __tests__/fixtures/node-build/project-tsc, in order. */
const EXPECTED = [
  ['src/config.ts', 3, 14, 'TS2322', "Type 'string | undefined' is not assignable to type 'number'."],
  ['src/index.ts', 1, 22, 'TS2305', `Module '"./format.js"' has no exported member 'formatEmail'.`],
  [
    'src/index.ts',
    4,
    43,
    'TS2353',
    "Object literal may only specify known properties, and 'role' does not exist in type 'User'.",
  ],
  ['src/index.ts', 7, 9, 'TS2322', "Type 'string' is not assignable to type 'number'."],
  ['src/index.ts', 12, 23, 'TS2322', "Type 'string' is not assignable to type 'number'."],
  [
    'src/index.ts',
    18,
    7,
    'TS2345',
    "Argument of type '{ id: string; name: string; }' is not assignable to parameter of type 'User'.",
  ],
] as const;

function expectDiagnostics(findings: Finding[]): void {
  expect(findings.map((f) => [f.file, f.line, f.column, f.code, f.message])).toEqual(EXPECTED);
  for (const f of findings) {
    expect(f).toMatchObject({ kind: 'compile-error', tool: 'tsc', weight: 90 });
    expect(f.rawFile).toBe(f.file);
  }
}

describe('tsc extractor', () => {
  test('--pretty false: one finding per diagnostic, indented elaboration lines belong to it', () => {
    const findings = extract('tsc-plain.log');
    expectDiagnostics(findings);
    expect(findings.map((f) => f.logLines)).toEqual([
      [1, 2],
      [3, 3],
      [4, 4],
      [5, 5],
      [6, 6],
      [7, 9],
    ]);
  });

  test('--pretty true (colour): logLines cover the code frame and related information, not the summary', () => {
    const findings = extract('tsc-pretty.log');
    expectDiagnostics(findings);
    // 22-30: the header, the frame of line 12 and the related "expected type comes from" block (27-30).
    // 32-37: the header, two elaboration lines and the frame; `Found 6 errors in 2 files.` (40) is not in it.
    expect(findings.map((f) => f.logLines)).toEqual([
      [1, 5],
      [7, 10],
      [12, 15],
      [17, 20],
      [22, 30],
      [32, 37],
    ]);
  });

  test('behind `npm run`: the npm banner is skipped, line numbers are those of the log', () => {
    const findings = extract('tsc-npm-run.log');
    expectDiagnostics(findings);
    expect(findings[0].logLines).toEqual([5, 6]);
    expect(extract('tsc-npm6-run.log').map((f) => f.logLines[0])).toEqual([5, 7, 8, 9, 10, 11]);
  });

  test('GitHub Actions job log: timestamps and groups removed, original line numbers kept', () => {
    const findings = extract('gh-tsc.log');
    expectDiagnostics(findings);
    expect(findings.map((f) => f.logLines)).toEqual([
      [14, 15],
      [16, 16],
      [17, 17],
      [18, 18],
      [19, 19],
      [20, 22],
    ]);
  });

  test('the `Found N errors` summary and its table give nothing', () => {
    const real = readFileSync(new URL('tsc-pretty.log', CAPTURES), 'utf8').split('\n');
    expect(real[39]).toContain('Found 6 errors in 2 files.');
    const doc = parseLog(real.slice(38).join('\n'));
    expect(tsc.extract(doc.lines, doc)).toEqual([]);
  });

  test('a diagnostic without a location (TS18003)', () => {
    const [f, ...rest] = extract('tsc-no-inputs.log');
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ kind: 'compile-error', code: 'TS18003', logLines: [1, 1], weight: 85 });
    expect(f.message).toMatch(
      /^No inputs were found in config file '\/home\/runner\/work\/demo\/demo\/tsconfig.no-inputs.json'/,
    );
    expect(f.file).toBeUndefined();
  });

  test('lines prefixed by a monorepo runner (turbo: `app:typecheck: `) keep their locations', () => {
    const real = readFileSync(new URL('tsc-plain.log', CAPTURES), 'utf8');
    const prefixed = real
      .split('\n')
      .map((l) => (l ? `@demo/app:typecheck: ${l}` : l))
      .join('\n');
    const doc = parseLog(prefixed);
    const findings = tsc.extract(doc.lines, doc);
    expect(findings.map((f) => [f.file, f.line, f.column, f.code])).toEqual(
      EXPECTED.map((e) => e.slice(0, 4)),
    );
  });

  test('stays linear on hostile lines', () => {
    const hostile = `${'a('.repeat(50000)} - error TS1: ${'x'.repeat(50000)}\n`.repeat(20);
    const doc = parseLog(hostile);
    const t = Date.now();
    tsc.extract(doc.lines, doc);
    expect(Date.now() - t).toBeLessThan(10_000);
  });
});
