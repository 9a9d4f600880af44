// The unified-diff parser on real `git diff` / `diff -u` output, generated here from a repository the
// test builds, and on malformed input.
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parsePatch, parseUnifiedDiff } from '../../src/diff/unified.js';
import type { ChangedFile } from '../../src/types.js';
import { makeRepo, numbered, text, type TestRepo } from './gitrepo.js';

let repo: TestRepo;

beforeAll(() => {
  repo = makeRepo();
  const app = numbered('app', 20);
  repo.write('src/app.ts', text(app));
  repo.write('old name.txt', text(numbered('old', 6)));
  repo.write('gone.txt', 'gone\n');
  repo.write('img.bin', Buffer.from([0, 1, 2, 3, 255]));
  repo.write('run.sh', 'echo hi\n');
  repo.write('tab\tname.txt', 'x\n');
  repo.commit('c0');
  app[4] = 'app 5 changed';
  app[14] = 'app 15 changed';
  repo.write('src/app.ts', text(app));
  repo.write('src/copy.ts', text(numbered('app', 20)));
  repo.remove('old name.txt');
  repo.write('new näme.txt', text(numbered('old', 6)));
  repo.remove('gone.txt');
  repo.write('img.bin', Buffer.from([0, 1, 2, 3, 254, 9]));
  repo.write('no-eol.txt', 'first\nlast');
  repo.write('tab\tname.txt', 'y\n');
  chmodSync(join(repo.dir, 'run.sh'), 0o755);
  repo.commit('c1');
});

afterAll(() => repo.cleanup());

const diff = (...args: string[]): string => repo.git('diff', ...args, 'HEAD~1', 'HEAD');

function summary(files: ChangedFile[]): [string, string, string | undefined, number, number][] {
  return files.map((f) => [f.path, f.status, f.previousPath, f.additions, f.deletions]);
}

const EXPECTED: ReturnType<typeof summary> = [
  ['gone.txt', 'deleted', undefined, 0, 1],
  ['img.bin', 'modified', undefined, 0, 0],
  ['new näme.txt', 'renamed', 'old name.txt', 0, 0],
  ['no-eol.txt', 'added', undefined, 2, 0],
  ['run.sh', 'changed', undefined, 0, 0],
  ['src/app.ts', 'modified', undefined, 2, 2],
  ['src/copy.ts', 'copied', 'src/app.ts', 0, 0],
  ['tab\tname.txt', 'modified', undefined, 1, 1],
];

describe('parseUnifiedDiff on git diff output', () => {
  it('reads statuses, renames, copies, quoted names, binary files and mode changes', () => {
    const files = parseUnifiedDiff(diff('-M', '-C', '--find-copies-harder'));
    expect(summary(files)).toEqual(EXPECTED);
    const img = files.find((f) => f.path === 'img.bin')!;
    expect(img).toMatchObject({ binary: true, patchMissing: true, hunks: [] });
    expect(files.filter((f) => f.binary).map((f) => f.path)).toEqual(['img.bin']);
  });

  it('reads hunks with their header, added lines (new numbers) and removed lines (old numbers)', () => {
    const app = parseUnifiedDiff(diff('-M')).find((f) => f.path === 'src/app.ts')!;
    expect(app.hunks).toEqual([
      {
        oldStart: 2,
        oldLines: 7,
        newStart: 2,
        newLines: 7,
        header: 'app 1',
        added: [{ line: 5, text: 'app 5 changed' }],
        removed: [{ line: 5, text: 'app 5' }],
      },
      {
        oldStart: 12,
        oldLines: 7,
        newStart: 12,
        newLines: 7,
        header: 'app 11',
        added: [{ line: 15, text: 'app 15 changed' }],
        removed: [{ line: 15, text: 'app 15' }],
      },
    ]);
  });

  it('reads omitted counts, /dev/null sides and "\\ No newline at end of file"', () => {
    const files = parseUnifiedDiff(diff('-U0', '-M'));
    const gone = files.find((f) => f.path === 'gone.txt')!;
    expect(gone.hunks).toEqual([
      { oldStart: 1, oldLines: 1, newStart: 0, newLines: 0, added: [], removed: [{ line: 1, text: 'gone' }] },
    ]);
    const noEol = files.find((f) => f.path === 'no-eol.txt')!;
    expect(noEol.hunks[0].added).toEqual([
      { line: 1, text: 'first' },
      { line: 2, text: 'last' },
    ]);
    const tab = files.find((f) => f.path === 'tab\tname.txt')!;
    expect(tab.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([[1, 1, 1, 1]]);
  });

  it('skips a GIT binary patch body and reads the files after it', () => {
    const files = parseUnifiedDiff(diff('--binary', '-M', '-C', '--find-copies-harder'));
    expect(diff('--binary')).toContain('GIT binary patch');
    expect(summary(files)).toEqual(EXPECTED);
    expect(files.find((f) => f.path === 'img.bin')!.hunks).toEqual([]);
  });

  it('reads the same files without prefixes and with mnemonic prefixes', () => {
    const plain = summary(parseUnifiedDiff(diff('-M', '-C', '--find-copies-harder')));
    expect(summary(parseUnifiedDiff(diff('--no-prefix', '-M', '-C', '--find-copies-harder')))).toEqual(plain);
    const mnemonic = repo.git(
      '-c',
      'diff.mnemonicPrefix=true',
      'diff',
      '-M',
      '-C',
      '--find-copies-harder',
      'HEAD~1',
    );
    expect(mnemonic).toContain('--- c/src/app.ts');
    expect(summary(parseUnifiedDiff(mnemonic))).toEqual(plain);
  });

  it('reads `git show` and `git log -p` output (commit text before the diff)', () => {
    const files = parseUnifiedDiff(repo.git('log', '-p', '-M', '-C', '--find-copies-harder', '-1'));
    expect(summary(files)).toEqual(EXPECTED);
  });

  it('reads CRLF line endings', () => {
    const files = parseUnifiedDiff(diff('-M', '-C', '--find-copies-harder').replace(/\n/g, '\r\n'));
    expect(summary(files)).toEqual(EXPECTED);
  });
});

describe('parseUnifiedDiff on diff -u output', () => {
  it('reads plain unified diffs with timestamps after the names', () => {
    const a = join(repo.dir, 'src/app.ts');
    let out = '';
    try {
      execFileSync('diff', ['-u', join(repo.dir, 'src/copy.ts'), a], { encoding: 'utf8' });
    } catch (e) {
      out = (e as { stdout: string }).stdout; // diff exits 1 when the files differ
    }
    expect(out).toMatch(/^--- .*copy\.ts\t\d{4}-/);
    const files = parseUnifiedDiff(out);
    expect(files).toHaveLength(1);
    expect(files[0].path).toBe(a);
    expect(files[0].status).toBe('modified');
    expect(files[0].hunks.flatMap((h) => h.added.map((l) => l.line))).toEqual([5, 15]);
  });
});

describe('parsePatch (the compare API per-file patch)', () => {
  it('reads a bare patch (hunks only) exactly as the hunks of the full diff', () => {
    for (const args of [['-U0'], ['-U3'], ['-U10']]) {
      const full = parseUnifiedDiff(diff(...args, '-M'));
      for (const path of ['src/app.ts', 'gone.txt', 'no-eol.txt', 'tab\tname.txt']) {
        const one = repo.git('diff', ...args, 'HEAD~1', 'HEAD', '--', path);
        const bare = one.slice(one.indexOf('@@ '));
        expect(bare.startsWith('@@ ')).toBe(true);
        // The compare API gives no trailing newline.
        expect(parsePatch(bare.replace(/\n$/, ''))).toEqual(full.find((f) => f.path === path)!.hunks);
      }
    }
  });

  it('reads a context line that lost its leading space (empty line) as context', () => {
    const hunks = parsePatch('@@ -1,3 +1,3 @@\n a\n\n-b\n+B');
    expect(hunks[0].removed).toEqual([{ line: 3, text: 'b' }]);
    expect(hunks[0].added).toEqual([{ line: 3, text: 'B' }]);
  });

  it('returns no hunks for an empty or missing patch', () => {
    expect(parsePatch('')).toEqual([]);
    expect(parsePatch(undefined as unknown as string)).toEqual([]);
    expect(parseUnifiedDiff('')).toEqual([]);
  });
});

describe('malformed input', () => {
  it('never throws, on arbitrary text or on a real diff cut, shuffled and corrupted', () => {
    const real = diff('--binary', '-M', '-C', '--find-copies-harder');
    const realLines = real.split('\n');
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expect(Array.isArray(parseUnifiedDiff(s))).toBe(true);
        expect(Array.isArray(parsePatch(s))).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.nat(realLines.length - 1), { maxLength: 80 }),
        fc.array(
          fc.constantFrom('@@ -x +1 @@', '@@ -1,99999 +1 @@', '"', 'diff --git "a/\\', '--- ', '+++ ', ''),
          {
            maxLength: 5,
          },
        ),
        (idx, junk) => {
          const input = [...idx.map((i) => realLines[i]), ...junk].join('\n');
          const files = parseUnifiedDiff(input);
          for (const f of files) {
            expect(typeof f.path).toBe('string');
            for (const h of f.hunks) expect(h.added.length).toBeLessThanOrEqual(h.newLines);
          }
          parsePatch(input);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('skips hunks whose counts run past the end, and unreadable headers', () => {
    expect(parsePatch('@@ -1,5 +1,5 @@\n-a\n+b')).toEqual([
      {
        oldStart: 1,
        oldLines: 5,
        newStart: 1,
        newLines: 5,
        removed: [{ line: 1, text: 'a' }],
        added: [{ line: 1, text: 'b' }],
      },
    ]);
    expect(parseUnifiedDiff('diff --git nonsense\n@@ garbage @@\n+x\n')).toEqual([]);
  });

  it('is linear: a 20 MB diff and pathological header lines parse quickly', () => {
    const big = repo.git('diff', '-U3', 'HEAD~1', 'HEAD', '--', 'src/app.ts');
    const lines = [
      'diff --git a/big.ts b/big.ts',
      '--- a/big.ts',
      '+++ b/big.ts',
      '@@ -1,200000 +1,200000 @@',
    ];
    for (let i = 0; i < 200000; i++) lines.push(i % 2 ? `-old ${i}` : ` same ${i}`, i % 2 ? `+new ${i}` : '');
    const input = big + lines.join('\n') + '\n' + big.repeat(20000);
    const spaces =
      'diff --git ' + 'a/x '.repeat(200000) + '\n' + 'Binary files ' + ' and '.repeat(200000) + ' differ\n';
    const t0 = performance.now();
    const files = parseUnifiedDiff(input + spaces);
    const ms = performance.now() - t0;
    expect(files.length).toBeGreaterThan(20000);
    expect(ms).toBeLessThan(5000);
  });
});
