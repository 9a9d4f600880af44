import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { lua } from '../../src/log/extractors/lua.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/lua/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');

function extract(name: string): Finding[] {
  const doc = parseLog(read(name));
  return lua.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.message, f.file, f.line, f.test, f.logLines];

describe('lua extractor', () => {
  test.each(['busted.log', 'busted-plain.log'])(
    '%s: the failure and the error blocks, the summary low',
    (name) => {
      const findings = extract(name);
      expect(findings.map(row)).toEqual([
        [
          'test-failure',
          expect.stringMatching(/^1 success \/ 1 failure \/ 1 error \/ 0 pending/),
          undefined,
          undefined,
          undefined,
          [2, 2],
        ],
        [
          'test-failure',
          'Expected objects to be the same.',
          'spec/calc_spec.lua',
          6,
          'calc adds two numbers',
          [4, 10],
        ],
        [
          'exception',
          "attempt to index field 'owner' (a nil value)",
          './src/calc.lua',
          13,
          'calc describes a config',
          [12, 14],
        ],
      ]);
      expect(findings[0].weight).toBeLessThan(findings[1].weight);
    },
  );

  test('busted in a GitHub Actions log: ranked first, ahead of the exit closer', () => {
    const doc = parseLog(read('gh-busted.log'));
    const [first, second] = extractFindings(doc);
    expect(row(first)).toEqual([
      'test-failure',
      'Expected objects to be the same.',
      'spec/calc_spec.lua',
      6,
      'calc adds two numbers',
      [8, 14],
    ]);
    expect(second.tool).toBe('lua');
    expect(second.logLines).toEqual([16, 19]);
  });

  test('luacheck: codes, errors above warnings, the Total line is not a finding', () => {
    const findings = extract('luacheck-codes.log');
    expect(
      findings.map((f) => [f.kind, f.code, f.file, f.line, f.column, f.message, f.logLines[0], f.weight]),
    ).toEqual([
      ['warning', 'W211', 'src/calc.lua', 12, 9, "unused variable 'unused'", 3, 45],
      ['lint-error', 'E011', 'lint/broken.lua', 5, 1, "expected expression near 'end'", 7, 60],
      ['warning', 'W212', 'lint/globals.lua', 3, 17, "unused argument 'b'", 11, 45],
      ['warning', 'W111', 'lint/globals.lua', 4, 3, "setting non-standard global variable 'total'", 12, 45],
    ]);
    // without --codes
    expect(extract('luacheck.log').map((f) => [f.code, f.file, f.line, f.message])).toEqual([
      [undefined, 'src/calc.lua', 12, "unused variable 'unused'"],
    ]);
  });

  test('luacheck --formatter plain: one issue a line at the start, errors told by their wording', () => {
    expect(
      extract('luacheck-plain.log').map((f) => [
        f.kind,
        f.code,
        f.file,
        f.line,
        f.column,
        f.message,
        f.logLines,
      ]),
    ).toEqual([
      ['warning', undefined, 'src/calc.lua', 12, 9, "unused variable 'unused'", [1, 1]],
      ['lint-error', undefined, 'lint/broken.lua', 5, 1, "expected expression near 'end'", [2, 2]],
      ['warning', undefined, 'lint/globals.lua', 3, 17, "unused argument 'b'", [3, 3]],
      [
        'warning',
        undefined,
        'lint/globals.lua',
        4,
        3,
        "setting non-standard global variable 'total'",
        [4, 4],
      ],
    ]);
  });

  test('an uncaught Lua error: message, location and frames; the [C] and tail-call rows are not frames', () => {
    const [f] = extract('lua.log');
    expect(row(f)).toEqual([
      'exception',
      "attempt to concatenate a nil value (field 'name')",
      './src/calc.lua',
      13,
      undefined,
      [1, 5],
    ]);
    expect(f.frames?.map((fr) => [fr.rawFile, fr.line, fr.function])).toEqual([
      ['./src/calc.lua', 13, 'calc.describe'],
      ['main.lua', 8, 'main chunk'],
    ]);
  });

  test('the same error in a Travis log (CRLF line ends)', () => {
    const findings = extract('travis-lua.log');
    expect(findings.map(row)).toEqual([
      [
        'exception',
        "attempt to concatenate a nil value (field 'name')",
        './src/calc.lua',
        13,
        undefined,
        [2, 6],
      ],
    ]);
  });

  test('no findings in unrelated output; hostile input does not throw', () => {
    const doc = parseLog(
      'stack traceback:\n\tfoo\n' + 'x:'.repeat(5000) + '\nstack traceback:\n' + '[string "'.repeat(2000),
    );
    expect(() => lua.extract(doc.lines, doc)).not.toThrow();
    const cc = parseLog(
      readFileSync(new URL('../fixtures/cc/captures/make-gcc.log', import.meta.url), 'utf8'),
    );
    expect(lua.extract(cc.lines, cc)).toEqual([]);
  });
});
