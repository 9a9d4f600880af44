import { messageTerms, pathReferences, TokenRarity } from '../../src/analyze/tokens.js';
import { sourceFit, testTarget } from '../../src/analyze/relations.js';

describe('terms of a finding', () => {
  test('quoted identifiers first, paths left out, stop words dropped', () => {
    const terms = messageTerms("Module '\"./util\"' has no exported member 'parse'.");
    expect(terms.map((t) => t.token)).toEqual(['parse']);
    expect(terms[0].quality).toBe(1.5);
  });

  test('the undefined property, even when it is a common word', () => {
    const terms = messageTerms("TypeError: Cannot read properties of undefined (reading 'name')");
    expect(terms[0]).toEqual({ token: 'name', quality: 1.5, quoted: true });
    expect(terms.map((t) => t.token)).not.toContain('undefined');
  });

  test('member calls and identifiers of test names', () => {
    const terms = messageTerms('TypeError: cart.totalPrice is not a function', 'cart › computes totals');
    const byToken = Object.fromEntries(terms.map((t) => [t.token, t.quality]));
    expect(byToken).toMatchObject({ totalPrice: 1.2, cart: 1.2, TypeError: 1.2, computes: 0.6, totals: 0.6 });
    expect(byToken.not).toBeUndefined();
  });

  test('module specifiers and paths', () => {
    expect(pathReferences("Error: Cannot find module './utils'")).toEqual([
      { spec: './utils', module: true },
    ]);
    expect(pathReferences("ModuleNotFoundError: No module named 'app.models'")).toEqual([
      { spec: 'app/models', module: true },
    ]);
    expect(pathReferences("ENOENT: no such file or directory, open 'config/app.json'")).toEqual([
      { spec: 'config/app.json', module: false },
    ]);
    expect(pathReferences("Cannot find package 'lodash'")).toEqual([]);
  });

  test('rarity: a token in one changed line weighs 1, a token in every line less', () => {
    const r = new TokenRarity();
    r.addLine(['const', 'parse']);
    r.addLine(['const', 'value']);
    r.addLine(['const', 'other']);
    expect(r.weight('parse')).toBe(1);
    expect(r.weight('const')).toBeCloseTo(Math.log(2) / Math.log(4));
    expect(r.weight('missing')).toBe(0);
  });
});

describe('test ↔ source relations', () => {
  test.each([
    ['src/foo.test.ts', 'src/foo.ts', 1],
    ['src/__tests__/foo.test.ts', 'src/foo.ts', 1],
    ['__tests__/foo.ts', 'src/foo.ts', 1],
    ['test/foo.spec.js', 'lib/foo.js', 1],
    ['tests/test_foo.py', 'pkg/foo.py', 0.7],
    ['tests/test_foo.py', 'foo.py', 1],
    ['foo_test.go', 'foo.go', 1],
    ['src/test/java/com/x/FooTest.java', 'src/main/java/com/x/Foo.java', 1],
    ['src/foo.test.ts', 'src/foo/index.ts', 1],
    ['src/foo.test.ts', 'src/bar.ts', 0],
    ['src/foo.test.ts', 'src/foo.spec.ts', 0],
  ])('%s tests %s: %s', (test, source, fit) => {
    const target = testTarget(test);
    expect(target).toBeDefined();
    expect(sourceFit(target!, source)).toBe(fit);
  });

  test('plain sources are not tests', () => {
    expect(testTarget('src/foo.ts')).toBeUndefined();
    expect(testTarget('src/contest.ts')).toBeUndefined();
  });
});
