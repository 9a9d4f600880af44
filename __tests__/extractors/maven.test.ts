import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { maven } from '../../src/log/extractors/maven.js';
import type { Finding, LogDocument, LogLine } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/jvm/captures/', import.meta.url);
const CART = 'src/main/java/com/example/shop/Cart.java';

function doc(name: string): LogDocument {
  return parseLog(readFileSync(new URL(name, CAPTURES), 'utf8'));
}
function extract(name: string): Finding[] {
  const d = doc(name);
  return maven.extract(d.lines, d);
}
function fromLines(texts: string[]): Finding[] {
  const lines: LogLine[] = texts.map((text, k) => ({ n: k + 1, text }));
  return maven.extract(lines, { format: 'plain', lines, segments: [], totalLines: lines.length });
}
const row = (f: Finding) => [f.kind, f.tool, f.file, f.line, f.column, f.message, f.logLines];

describe('maven extractor', () => {
  test('compiler plugin: one finding per error, symbol/location lines and the block header shown; the goal after', () => {
    const root = '/home/runner/work/shop/shop/';
    expect(extract('gh-maven-compile.log').map(row)).toEqual([
      // `[ERROR] COMPILATION ERROR :` (19) down to `  location: class com.example.shop.Cart` (23)
      [
        'compile-error',
        'javac',
        root + CART,
        18,
        22,
        'cannot find symbol; symbol: variable shippingCents; location: class com.example.shop.Cart',
        [19, 23],
      ],
      [
        'compile-error',
        'javac',
        root + CART,
        23,
        23,
        'incompatible types: int cannot be converted to java.lang.String',
        [24, 24],
      ],
      // the goal with the errors it repeats (33-37), not the `-> [Help 1]` advice below them
      [
        'build-error',
        'maven',
        undefined,
        undefined,
        undefined,
        'Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.10.1:compile (default-compile) on project shop: Compilation failure: Compilation failure:',
        [33, 37],
      ],
    ]);
    const goal = extract('gh-maven-compile.log')[2];
    expect(goal.code).toBe('org.apache.maven.plugins:maven-compiler-plugin:3.10.1:compile');
    expect(goal.weight).toBe(72);
  });

  test('Travis log: the same findings; in the ordered report the errors come first and the goal third', () => {
    const findings = extractFindings(doc('travis-maven-compile.log'));
    expect(findings.slice(0, 3).map((f) => [f.tool, f.line, f.logLines])).toEqual([
      // the first error's block runs on over the second (one run of [ERROR] lines, the [INFO] count ends it)
      ['javac', 18, [16, 21]],
      ['javac', 23, [21, 21]],
      // the goal's block takes in the failing command's tail, which now reaches the Travis closer naming
      // the command (`The command "mvn …" exited with 1.`, line 42)
      ['maven', undefined, [30, 42]],
    ]);
    expect(findings[0].file).toBe('/home/travis/build/shop/shop/' + CART);
  });

  test('surefire: one finding per failing test with the assertion, the test name and the test frame', () => {
    const findings = extract('maven-test.log');
    const tests = findings.filter((f) => f.weight === 85);
    expect(tests.map((f) => [f.test, f.message, f.file, f.rawFile, f.line, f.logLines])).toEqual([
      [
        'com.example.shop.PriceParserTest.parsesEuroComma',
        'java.lang.IllegalArgumentException: bad price: 12,50',
        'com/example/shop/PriceParserTest.java',
        'PriceParserTest.java',
        15,
        [29, 31], // header, exception, its frame (the trimmed cause below it is not shown)
      ],
      [
        'com.example.shop.CartTest.cheapestOfEmptyCart',
        'java.lang.NullPointerException: Cannot invoke "com.example.shop.Item.name()" because the return value of "com.example.shop.Cart.cheapest()" is null',
        'com/example/shop/CartTest.java',
        'CartTest.java',
        23,
        [37, 39],
      ],
      [
        'com.example.shop.CartTest.totalAddsPrices',
        'java.lang.AssertionError: expected:<750> but was:<675>',
        'com/example/shop/CartTest.java',
        'CartTest.java',
        13,
        [41, 43],
      ],
    ]);
    for (const f of tests) expect(f).toMatchObject({ kind: 'test-failure', tool: 'surefire' });
    // the `Results:` summary: reprints, lower
    expect(findings.filter((f) => f.weight === 64).map((f) => [f.test, f.message, f.logLines])).toEqual([
      [
        'CartTest.totalAddsPrices',
        'Failures: CartTest.totalAddsPrices:13 expected:<750> but was:<675>',
        [48, 49],
      ],
      [
        'CartTest.cheapestOfEmptyCart',
        'Errors: CartTest.cheapestOfEmptyCart:23 NullPointer Cannot invoke "com.example.shop.It...',
        [50, 52],
      ],
    ]);
    expect(findings.find((f) => f.kind === 'build-error')).toMatchObject({
      message:
        'Failed to execute goal org.apache.maven.plugins:maven-surefire-plugin:2.22.3:test (default-test) on project shop: There are test failures.',
      logLines: [62, 62],
    });
  });

  test('surefire with full traces: the throw site in the source is the location, the lines stay few', () => {
    const findings = extract('maven-test-full-trace.log').filter((f) => f.weight === 85);
    expect(findings.map((f) => [f.test, f.file, f.line, f.logLines])).toEqual([
      ['com.example.shop.PriceParserTest.parsesEuroComma', 'com/example/shop/PriceParser.java', 10, [27, 32]],
      ['com.example.shop.CartTest.cheapestOfEmptyCart', 'com/example/shop/CartTest.java', 23, [68, 73]],
      ['com.example.shop.CartTest.totalAddsPrices', 'com/example/shop/CartTest.java', 13, [100, 106]],
    ]);
    // the frames include the cause's: NumberFormatException thrown in PriceParser.parseCents (line 8)
    const own = findings[0].frames!.filter((fr) => !fr.vendored).map((fr) => `${fr.file}:${fr.line}`);
    expect(own).toEqual([
      'com/example/shop/PriceParser.java:10',
      'com/example/shop/PriceParserTest.java:15',
      'com/example/shop/PriceParser.java:8',
    ]);
  });

  test('ordered report of a test run: the failures first, the summary and the goal among the next', () => {
    const mine = new Set(['surefire', 'maven']);
    const findings = extractFindings(doc('maven-test.log')).filter((f) => mine.has(f.tool));
    const order = findings.map((f) => `${f.tool}/${f.kind}/${f.test ?? ''}`);
    expect(order.slice(0, 3)).toEqual([
      'surefire/test-failure/com.example.shop.PriceParserTest.parsesEuroComma',
      'surefire/test-failure/com.example.shop.CartTest.cheapestOfEmptyCart',
      'surefire/test-failure/com.example.shop.CartTest.totalAddsPrices',
    ]);
    // the order among these three depends on the global ordering policy (src/log/extract.ts)
    expect(order.slice(3, 6).sort()).toEqual([
      'maven/build-error/',
      'surefire/test-failure/CartTest.cheapestOfEmptyCart',
      'surefire/test-failure/CartTest.totalAddsPrices',
    ]);
    const shown = findings.slice(0, 5).reduce((n, f) => n + f.logLines[1] - f.logLines[0] + 1, 0);
    // the first failure's block runs over the failures that follow it (one section): still a short read
    expect(shown).toBeLessThanOrEqual(40);
  });

  test('after the first three failed tests the rest rank below the summary and the goal', () => {
    const text = readFileSync(new URL('maven-test.log', CAPTURES), 'utf8');
    // the same run twice in one log (a retried build): six failed tests
    const d = parseLog(text + text);
    const found = maven.extract(d.lines, d);
    expect(found.filter((f) => f.weight === 85)).toHaveLength(3);
    expect(found.filter((f) => f.weight === 55).map((f) => f.test)).toEqual([
      'com.example.shop.PriceParserTest.parsesEuroComma',
      'com.example.shop.CartTest.cheapestOfEmptyCart',
      'com.example.shop.CartTest.totalAddsPrices',
    ]);
  });

  test('unresolvable dependency: a dependency finding from the goal line', () => {
    expect(extract('maven-dependency.log')).toEqual([
      {
        kind: 'dependency',
        tool: 'maven',
        message:
          'Failed to execute goal on project shop: Could not resolve dependencies for project com.example:shop:jar:1.0-SNAPSHOT: Cannot access central (https://repo.maven.apache.org/maven2) in offline mode and the artifact junit:junit:jar:4.99.1 has not been downloaded from it before.',
        logLines: [14, 14],
        weight: 85,
        segment: 0,
      },
    ]);
  });

  test('checkstyle CLI: one lint finding per violation with its check name', () => {
    const file = '/home/runner/work/shop/shop/src/com/example/shop/Cart.java';
    expect(
      extract('checkstyle.log').map((f) => [f.kind, f.tool, f.code, f.file, f.line, f.column, f.message]),
    ).toEqual([
      ['lint-error', 'checkstyle', 'UnusedImports', file, 5, 8, 'Unused import - java.util.Map.'],
      [
        'lint-error',
        'checkstyle',
        'LeftCurly',
        file,
        10,
        34,
        "'{' at column 34 should have line break after.",
      ],
      [
        'lint-error',
        'checkstyle',
        'LocalVariableName',
        file,
        13,
        13,
        "Name 'Count' must match pattern '^[a-z][a-zA-Z0-9]*$'.",
      ],
    ]);
  });

  test('no findings on a log without Maven output, and no throw on hostile input', () => {
    expect(extract('kotlinc.log')).toEqual([]);
    expect(extract('javac.log')).toEqual([]);
    const hostile = [
      '[ERROR] ' + ':['.repeat(50000),
      '[ERROR] Failed to execute goal ' + 'x'.repeat(100000),
      '[ERROR] a.java:[1,2] ' + ' '.repeat(50000),
      'Rule 0: ' + 'a.'.repeat(30000) + ' failed with message:',
      '<<< FAILURE!'.repeat(2000),
    ];
    const started = Date.now();
    expect(Array.isArray(fromLines(hostile))).toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
