// Repeats grouped (src/log/group.ts) and whole messages, on real captures of
// __tests__/fixtures/repeats (capture.sh): node --test, tsc, javac, pytest, cargo.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAnalysis } from '../../src/core.js';
import { groupRepeats } from '../../src/log/group.js';
import { maskNumbers } from '../../src/log/mask.js';
import { renderMarkdown, renderText } from '../../src/report/render.js';
import { builtinRules } from '../../src/rules/load.js';
import type { Finding } from '../../src/types.js';
import { C2, COMMITS, changeSet, file, hunk } from '../analyze/helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const capture = (name: string) =>
  readFileSync(join(here, '..', 'fixtures', 'repeats', 'captures', name), 'utf8');
const rules = builtinRules();

describe('repeats are one finding with a count and its places', () => {
  test('tsc: one error four times in one file is one finding, ×4 at lines 4-7', () => {
    const r = runAnalysis({ logText: capture('tsc.log'), rules });
    const ts = r.findings.filter((f) => f.code === 'TS2304');
    expect(ts).toHaveLength(1);
    expect(ts[0]).toMatchObject({ file: 'src/report.ts', line: 4, count: 4 });
    expect(ts[0].places!.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(ts[0].places!.map((p) => p.logLines[0])).toEqual([1, 2, 3, 4]);
    const md = renderMarkdown(r);
    expect(md).toContain('**1. TS2304** in `src/report.ts:4:12` · tsc compile error · ×4, lines 4-7');
    expect(md).not.toContain('**2. TS2304**');
    expect(renderText(r)).toContain('1. TS2304 at src/report.ts:4:12 (tsc compile error, ×4, lines 4-7)');
  });

  test('node --test: three tests failing with one message are one finding, the names listed', () => {
    const r = runAnalysis({ logText: capture('nodetest.log'), rules });
    const tests = r.findings.filter((f) => f.tool === 'node:test' && f.kind === 'test-failure' && f.test);
    // the three `Expected values to be strictly equal` failures, and `empty cart` on its own
    expect(tests.map((f) => [f.test, f.count])).toEqual([
      ['total of one item', 3],
      ['empty cart', undefined],
    ]);
    // node's own reading of the same failures (the bare AssertionError under each `✖ name`) says nothing more
    expect(r.findings.filter((f) => f.tool === 'node')).toEqual([]);
    expect(r.findings.slice(0, 2)).toEqual(tests);
    expect(tests[0].places!.map((p) => p.test)).toEqual([
      'total of one item',
      'total of two items',
      'total of three items',
    ]);
    expect(tests[0].message).toBe(
      'AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: 72000 !== 720',
    );
    const md = renderMarkdown(r);
    expect(md).toContain(
      '3 tests failed with this message: `total of one item`, `total of two items`, `total of three items`',
    );
    // headed by what failed, not "Cause unknown"
    expect(md).toContain(
      '### CI root cause\n\n**4 tests failed: `total of one item`, `total of two items`, `total of three items` and 1 more — AssertionError \\[ERR\\_ASSERTION\\]: Expected values to be strictly equal: 72000 !== 720. No change set given, so no suspects.**\n',
    );
    expect(md).not.toContain('Cause unknown');
  });

  test('different messages, files or tools are never grouped; numbers alone do not tell repeats apart', () => {
    const base: Finding = {
      kind: 'compile-error',
      tool: 'tsc',
      code: 'TS2304',
      message: "Cannot find name 'a'.",
      file: 'src/a.ts',
      line: 3,
      logLines: [10, 10],
      weight: 90,
    };
    const at = (n: number, p: Partial<Finding> = {}): Finding => ({
      ...base,
      line: n,
      logLines: [n + 7, n + 7],
      ...p,
    });
    const out = groupRepeats([
      at(3),
      at(9, { message: "Cannot find name 'b'." }),
      at(12),
      at(14, { file: 'src/b.ts' }),
      at(20, { tool: 'eslint' }),
      at(30, { message: "Cannot find name 'a'. (30 times)" }),
      at(40, { message: "Cannot find name 'a'. (41 times)" }),
    ]);
    expect(out.map((f) => [f.line, f.count])).toEqual([
      [3, 2],
      [9, undefined],
      [14, undefined],
      [20, undefined],
      [30, 2],
    ]);
    expect(maskNumbers('expected 720, got 72000 at 0x1f  in 1.5 s')).toBe('expected #, got # at # in # s');
    // a place keeps its own numbers when they differ from the first's
    expect(out[4].places!.map((p) => p.message)).toEqual([undefined, "Cannot find name 'a'. (41 times)"]);
  });

  test('jobs analysed together keep their own findings: repeats are grouped within a job only', () => {
    const at = (n: number, segment: number): Finding => ({
      kind: 'compile-error',
      tool: 'tsc',
      code: 'TS2322',
      message: "Type 'number' is not assignable to type 'string'.",
      file: 'src/total.ts',
      line: 6,
      logLines: [n, n],
      segment,
      weight: 90,
    });
    const segments = [
      { job: 'test (node 20)', lines: [1, 50] as [number, number] },
      { job: 'test (node 20)', step: 'Run npm test', lines: [51, 99] as [number, number] },
      { job: 'test (node 22)', lines: [100, 200] as [number, number] },
    ];
    const out = groupRepeats([at(10, 0), at(60, 1), at(120, 2)], segments);
    expect(out.map((f) => [f.logLines[0], f.count])).toEqual([
      [10, 2],
      [120, undefined],
    ]);
  });
});

describe('whole messages: the detail lines of a multi-line error are in the message', () => {
  test('javac: symbol and location lines, and the ranking finds the removed method through them', () => {
    const r = runAnalysis({ logText: capture('javac.log'), rules });
    const javac = r.findings.find((f) => f.tool === 'javac')!;
    expect(javac).toMatchObject({
      file: 'src/shop/Cart.java',
      line: 5,
      message: 'cannot find symbol; symbol: method total(int); location: class Pricing',
    });
    // Cart.java did not change; Pricing.java lost total(int) (and another file changed too)
    const cs = changeSet(
      [
        file('src/shop/Pricing.java', [
          hunk(
            4,
            [[4, '    public static int subtotal(int cents, int qty) {']],
            [
              [4, '    public static int total(int cents) {'],
              [5, '        return cents;'],
              [6, '    }'],
            ],
            C2,
          ),
        ]),
        file('src/shop/Inventory.java', [hunk(10, [[10, '    private int stock = 3;']], [], C2)]),
      ],
      COMMITS,
    );
    const withDetails = runAnalysis({ logText: capture('javac.log'), rules, changeSet: cs });
    expect(withDetails.suspects[0].path).toBe('src/shop/Pricing.java');
    expect(withDetails.suspects[0].reasons.join('\n')).toMatch(
      /`total` \(from javac compile error at src\/shop\/Cart\.java:5\) is in removed lines/,
    );
    // the same log without the detail lines: nothing names `total`; Pricing.java is at most a lead
    const bare = capture('javac.log').replace(/^\s+(?:symbol|location):.*\n/gm, '');
    const without = runAnalysis({ logText: bare, rules, changeSet: cs });
    const p = without.suspects.find((s) => s.path === 'src/shop/Pricing.java');
    expect(p?.reasons.join('\n') ?? '').not.toMatch(/`total`/);
    expect(p?.confidence ?? 0).toBeLessThan(0.4);
  });

  test('pytest: the E lines after the first say what differed', () => {
    const r = runAnalysis({ logText: capture('pytest.log'), rules });
    const py = r.findings.filter((f) => f.tool === 'pytest');
    expect(py.map((f) => [f.test, f.message])).toEqual([
      [
        'tests/test_cart.py::test_total',
        'AssertionError: total in cents; assert 720.0 == (720 * 100); + where 720.0 = total([(720, 1)])',
      ],
      ['tests/test_cart.py::test_discount', 'assert 200.0 == 180; + where 200.0 = total([(100, 2)])'],
    ]);
  });

  test('rustc: the primary label and the help line', () => {
    const r = runAnalysis({ logText: capture('rustc.log'), rules });
    expect(r.findings[0]).toMatchObject({
      tool: 'rust',
      code: 'E0308',
      file: 'src/main.rs',
      line: 8,
      message: 'mismatched types; expected `String`, found `u32`; help: try using a conversion method',
    });
  });
});
