import fc from 'fast-check';
import { expandBraces, matchGlob } from '../../src/analyze/glob.js';

describe('matchGlob', () => {
  test.each([
    ['package.json', 'package.json', true],
    ['package.json', 'packages/web/package.json', true],
    ['package.json', 'package.json5', false],
    ['.env*', '.env', true],
    ['.env*', 'config/.env.production', true],
    ['.env*', 'src/env.ts', false],
    ['*.config.*', 'vite.config.ts', true],
    ['*.config.*', 'src/app.config.json', true],
    ['*.config.*', 'config.ts', false],
    ['.github/workflows/*', '.github/workflows/ci.yml', true],
    ['.github/workflows/*', '.github/workflows/sub/ci.yml', false],
    ['.github/workflows/**', '.github/workflows/sub/ci.yml', true],
    ['**/requirements*.txt', 'requirements-dev.txt', true],
    ['**/requirements*.txt', 'py/deps/requirements.txt', true],
    ['src/**/*.ts', 'src/a.ts', true],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'lib/a.ts', false],
    ['{yarn,pnpm}.lock', 'yarn.lock', true],
    ['{package-lock.json,yarn.lock,pnpm-lock.yaml}', 'pnpm-lock.yaml', true],
    ['{a,b{c,d}}.txt', 'bd.txt', true],
    ['?.ts', 'a.ts', true],
    ['?.ts', 'ab.ts', false],
    ['[ab].ts', 'b.ts', true],
    ['[!ab].ts', 'b.ts', false],
    ['./Dockerfile', 'Dockerfile', true],
  ])('%s ~ %s: %s', (pattern, path, expected) => {
    expect(matchGlob(pattern, path)).toBe(expected);
  });

  test('brace expansion is capped', () => {
    expect(expandBraces('{a,b}{c,d}')).toEqual(['ac', 'ad', 'bc', 'bd']);
    expect(expandBraces('{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}{a,b}').length).toBe(64);
  });

  test('linear time on hostile globs and paths', () => {
    const t = Date.now();
    expect(matchGlob('*a*a*a*a*a*a*a*a*a*a*b', 'a'.repeat(3000))).toBe(false);
    expect(matchGlob('**/**/**/**/**/x', 'a/'.repeat(1000) + 'y')).toBe(false);
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  test('never throws', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (p, s) => typeof matchGlob(p, s) === 'boolean'));
  });
});
