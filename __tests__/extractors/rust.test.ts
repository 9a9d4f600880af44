import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { rust, isVendoredRustPath } from '../../src/log/extractors/rust.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/rust/captures/', import.meta.url);

function extract(name: string): Finding[] {
  const doc = parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
  return rust.extract(doc.lines, doc);
}

describe('rust extractor', () => {
  test('cargo build: rustc errors with code, location and code frame; the closer and the warning low', () => {
    const findings = extract('cargo-build.log');
    expect(
      findings.map((f) => [f.kind, f.tool, f.code, f.file, f.line, f.column, f.message, f.logLines]),
    ).toEqual([
      [
        'compile-error',
        'rust',
        'E0425',
        'src/lib.rs',
        4,
        26,
        'cannot find value `unknown_value` in this scope; not found in this scope',
        [2, 6],
      ],
      // the frame down to the labels, not the `help:` suggestion below it
      [
        'compile-error',
        'rust',
        'E0308',
        'src/lib.rs',
        3,
        25,
        'mismatched types; expected `String`, found `u32`; help: try using a conversion method',
        [8, 15],
      ],
      [
        'warning',
        'rust',
        undefined,
        'src/lib.rs',
        8,
        9,
        'unused variable: `x`; help: if this is intentional, prefix it with an underscore: `_x`',
        [21, 27],
      ],
      [
        'build-error',
        'cargo',
        undefined,
        undefined,
        undefined,
        undefined,
        'could not compile `broken` (lib) due to 2 previous errors; 1 warning emitted',
        [32, 32],
      ],
    ]);
    expect(findings[0].weight).toBe(90);
    expect(findings[3].weight).toBeLessThan(10);
  });

  test('cargo test: one finding per panicking test, from `---- x stdout ----` to the assertion values', () => {
    const findings = extract('cargo-test.log').filter((f) => f.kind === 'test-failure');
    const byTest = Object.fromEntries(findings.map((f) => [f.test, f]));
    expect(Object.keys(byTest).sort()).toEqual(['tests::average_of_nothing', 'tests::totals']);
    expect(byTest['tests::totals']).toMatchObject({
      tool: 'rust',
      message: 'assertion `left == right` failed',
      file: 'src/lib.rs',
      line: 15,
      column: 9,
      weight: 85,
    });
    const t = byTest['tests::totals'].logLines;
    expect(t[1] - t[0]).toBe(5); // ---- stdout ----, blank, thread ... panicked, message, left, right
    expect(byTest['tests::average_of_nothing']).toMatchObject({
      message: 'attempt to divide by zero',
      line: 6,
    });
    const summary = extract('cargo-test.log').find((f) => f.kind === 'exit');
    expect(summary?.message).toMatch(/^test result: FAILED\. 1 passed; 2 failed;/);
  });

  test('RUST_BACKTRACE=1: frames parsed, std frames vendored, logLines stay on the message', () => {
    const findings = extract('cargo-test-backtrace.log').filter((f) => f.kind === 'test-failure');
    const totals = findings.find((f) => f.test === 'tests::totals');
    expect(
      totals?.frames?.filter((fr) => !fr.vendored).map((fr) => [fr.function, fr.rawFile, fr.line]),
    ).toEqual([
      ['demo::tests::totals', './src/lib.rs', 15],
      ['demo::tests::totals::{{closure}}', './src/lib.rs', 14],
    ]);
    expect(totals?.frames?.[0]).toMatchObject({ function: '__rustc::rust_begin_unwind', vendored: true });
    expect(totals!.logLines[1] - totals!.logLines[0]).toBe(5);
  });

  test('clippy: lint errors recognised by their clippy:: notes', () => {
    const findings = extract('clippy.log').filter((f) => f.kind === 'lint-error');
    expect(findings.map((f) => [f.tool, f.file, f.line, f.message])).toEqual([
      [
        'clippy',
        'src/lib.rs',
        1,
        'writing `&String` instead of `&str` involves a new object where a slice will do; help: change this to',
      ],
      [
        'clippy',
        'src/lib.rs',
        2,
        'length comparison to zero; help: using `is_empty` is clearer and more explicit: `name.is_empty()`',
      ],
    ]);
  });

  test('--message-format short: one finding per line with code, location and severity', () => {
    const brief = (f: Finding) => [f.kind, f.tool, f.code, f.file, f.line, f.column, f.logLines, f.weight];
    const build = extract('cargo-build-short.log');
    expect(build.filter((f) => f.kind !== 'build-error').map(brief)).toEqual([
      ['compile-error', 'rust', 'E0425', 'src/lib.rs', 4, 26, [2, 2], 90],
      ['compile-error', 'rust', 'E0308', 'src/lib.rs', 3, 25, [3, 3], 90],
      ['warning', 'rust', undefined, 'src/lib.rs', 8, 9, [4, 4], 20],
    ]);
    expect(build[1].message).toBe('mismatched types: expected `String`, found `u32`');
    const clippy = extract('clippy-short.log').filter((f) => f.kind !== 'build-error');
    expect(clippy.map((f) => [f.file, f.line, f.column, f.message.slice(0, 22)])).toEqual([
      ['src/lib.rs', 1, 28, 'writing `&String` inst'],
      ['src/lib.rs', 2, 8, 'length comparison to z'],
    ]);
  });

  test('GitHub Actions log (colour): the first rustc error comes first', () => {
    const doc = parseLog(readFileSync(new URL('gh-cargo-build.log', CAPTURES), 'utf8'));
    const [first, second] = extractFindings(doc);
    expect(first).toMatchObject({ tool: 'rust', code: 'E0425', file: 'src/lib.rs', line: 4 });
    expect(second).toMatchObject({ tool: 'rust', code: 'E0308' });
  });

  test('vendored paths', () => {
    expect(isVendoredRustPath('/rustc/59807616e1fa/library/core/src/panicking.rs')).toBe(true);
    expect(isVendoredRustPath('C:\\Users\\travis\\.cargo\\registry\\src\\x\\lib.rs')).toBe(true);
    expect(isVendoredRustPath('./src/lib.rs')).toBe(false);
  });
});
