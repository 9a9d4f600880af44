// The reader's words in the markdown of `npm start` (scripts/example.mjs through dist/cli.js): no
// internal vocabulary, findings numbered as shown, reasons citing findings by what and where they are.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { internalWordIn } from '../../scripts/eval/first-screen.js';

const root = process.cwd();

test('npm start --format markdown shows the reader no internal words', () => {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'example.mjs'), '--format', 'markdown'], {
    cwd: root,
    encoding: 'utf8',
  });
  const md = r.stdout;
  expect(md).toContain('### CI root cause');
  expect(md).toContain('**1. TS2305** in `src/cart.ts:1:10` · tsc compile error');
  // reasons cite the finding by what it is and where, never "finding 2"
  expect(md).toContain('(from TS2305 at src/cart.ts:1)');
  expect(md).not.toMatch(/\bfinding \d/);
  expect(md).not.toMatch(/\bregion\b|\bgeneric\b|compile-error|build-error/);
  expect(internalWordIn(md)).toBeUndefined();
  const numbers = [...md.matchAll(/^\*\*(\d+)\. /gm)].map((m) => Number(m[1]));
  expect(numbers).toEqual(numbers.map((_, k) => k + 1));
});
