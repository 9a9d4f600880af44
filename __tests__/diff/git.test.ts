import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { changeSetFromGit } from '../../src/diff/git.js';
import { InputError } from '../../src/errors.js';
import type { ChangedFile, ChangeSet } from '../../src/types.js';
import { makeRepo, numbered, text, type TestRepo } from './gitrepo.js';

const PNG_1 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 1, 2, 3, 4]);
const PNG_2 = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 9, 8, 7, 6, 5]);

let repo: TestRepo;
let c0: string, c1: string, c2: string, c3: string;

/**
 * main:    c0 (green)
 * feature: c0 ← c1 ← c2 ← c3
 *   c1 'add feature': math.ts line 3 and appends 11-12, shared.ts line 1, adds 'src/new file.ts' and a name with
 *      a newline, renames 'docs/old name.md' → 'docs/new name.md' editing line 8
 *   c2 'tweak util':  util.ts line 2 and removes line 5, math.ts line 8, re-indents shared.ts line 4 (whitespace only)
 *   c3 'cleanup':     deletes remove.txt, changes logo.png, util.ts line 8, adds src/ünïcödé.ts, re-indents math.ts
 *      line 11 (added by c1: `blame -w` still gives it to c1)
 */
beforeAll(() => {
  repo = makeRepo();
  const math = numbered('math', 10);
  const util = numbered('util', 8);
  const shared = numbered('shared', 5);
  repo.write('src/math.ts', text(math));
  repo.write('src/util.ts', text(util));
  repo.write('src/shared.ts', text(shared));
  repo.write('docs/old name.md', text(numbered('doc line', 8)));
  repo.write('remove.txt', text(numbered('bye', 3)));
  repo.write('logo.png', PNG_1);
  c0 = repo.commit('green');
  repo.git('checkout', '-q', '-b', 'feature');

  math[2] = 'math 3 changed by c1';
  math.push('math 11 c1', 'math 12 c1');
  repo.write('src/math.ts', text(math));
  shared[0] = 'shared 1 c1';
  repo.write('src/shared.ts', text(shared));
  repo.write('src/new file.ts', 'export const a = 1;\nexport const b = 2;\n');
  repo.write('odd\nname.txt', 'odd\n');
  repo.remove('docs/old name.md');
  const doc = numbered('doc line', 8);
  doc[7] = 'doc line 8 edited';
  repo.write('docs/new name.md', text(doc));
  c1 = repo.commit('add feature');

  util[1] = 'util 2 c2';
  util.splice(4, 1); // removes 'util 5'
  repo.write('src/util.ts', text(util));
  math[7] = 'math 8 c2';
  repo.write('src/math.ts', text(math));
  shared[3] = '    shared 4';
  repo.write('src/shared.ts', text(shared));
  c2 = repo.commit('tweak util');

  repo.remove('remove.txt');
  repo.write('logo.png', PNG_2);
  util[6] = 'util 8 c3';
  repo.write('src/util.ts', text(util));
  repo.write('src/ünïcödé.ts', 'export const u = "ü";\n');
  math[10] = '  math 11 c1';
  repo.write('src/math.ts', text(math));
  c3 = repo.commit('cleanup');
});

afterAll(() => repo.cleanup());

function file(cs: ChangeSet, path: string): ChangedFile {
  const f = cs.files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${JSON.stringify(path)} in ${cs.files.map((x) => x.path).join(', ')}`);
  return f;
}

/** Hunks as [oldStart, oldLines, newStart, newLines, commit]. */
function shape(f: ChangedFile): [number, number, number, number, string | undefined][] {
  return f.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines, h.commit]);
}

describe('changeSetFromGit with a given base', () => {
  let cs: ChangeSet;
  beforeAll(async () => {
    cs = await changeSetFromGit({ repo: repo.dir, base: c0, head: 'feature' });
  });

  it('resolves base and head to shas and says the base was given', () => {
    expect(cs.base).toBe(c0);
    expect(cs.head).toBe(c3);
    expect(cs.baseSource).toBe('given');
    expect(cs.notes).toBeUndefined();
  });

  it('lists every changed file with its status', () => {
    const statuses = Object.fromEntries(cs.files.map((f) => [f.path, f.status]));
    expect(statuses).toEqual({
      'docs/new name.md': 'renamed',
      'logo.png': 'modified',
      'odd\nname.txt': 'added',
      'remove.txt': 'deleted',
      'src/math.ts': 'modified',
      'src/new file.ts': 'added',
      'src/shared.ts': 'modified',
      'src/util.ts': 'modified',
      'src/ünïcödé.ts': 'added',
    });
    expect(file(cs, 'docs/new name.md').previousPath).toBe('docs/old name.md');
  });

  it('lists the commits of the range newest first with subject, author, date and files', () => {
    expect(cs.commits.map((c) => [c.sha, c.subject])).toEqual([
      [c3, 'cleanup'],
      [c2, 'tweak util'],
      [c1, 'add feature'],
    ]);
    expect(cs.commits[0].author).toBe('Ada Tester');
    expect(cs.commits[0].date).toBe('2026-01-01T10:04:00+00:00');
    expect(cs.commits[1].files).toEqual(['src/math.ts', 'src/shared.ts', 'src/util.ts']);
    expect(cs.commits[2].files).toContain('odd\nname.txt');
    expect(cs.commits[2].files).toContain('docs/new name.md');
  });

  it('gives exact -U0 hunks with added lines (new numbers) and removed lines (old numbers)', () => {
    const math = file(cs, 'src/math.ts');
    expect(shape(math)).toEqual([
      [3, 1, 3, 1, c1],
      [8, 1, 8, 1, c2],
      [10, 0, 11, 2, c1], // line 11 was re-indented by c3: blame -w keeps it with c1
    ]);
    // each added line carries the commit blame gave it (HunkLine.commit)
    expect(math.hunks[2].added).toEqual([
      { line: 11, text: '  math 11 c1', commit: c1 },
      { line: 12, text: 'math 12 c1', commit: c1 },
    ]);
    // the removed line takes the commit of the line that replaced it
    expect(math.hunks[1].removed).toEqual([{ line: 8, text: 'math 8', commit: c2 }]);
    expect(math.additions).toBe(4);
    expect(math.deletions).toBe(2);
    expect(math.commits).toEqual([c3, c2, c1]);
  });

  it('assigns a removal-only hunk to the commit that removed the lines (reverse blame)', () => {
    const util = file(cs, 'src/util.ts');
    expect(shape(util)).toEqual([
      [2, 1, 2, 1, c2],
      [5, 1, 4, 0, c2],
      [8, 1, 7, 1, c3],
    ]);
    expect(util.hunks[1].removed).toEqual([{ line: 5, text: 'util 5' }]);
    expect(util.commits).toEqual([c3, c2]);
  });

  it('gives a whitespace-only hunk to the commit that made it (blame without -w for what -w leaves out)', () => {
    expect(shape(file(cs, 'src/shared.ts'))).toEqual([
      [1, 1, 1, 1, c1],
      [4, 1, 4, 1, c2],
    ]);
  });

  it('handles renames, deletions, binary files and unusual names', () => {
    const doc = file(cs, 'docs/new name.md');
    expect(shape(doc)).toEqual([[8, 1, 8, 1, c1]]);
    expect(doc.commits).toEqual([c1]);

    const removed = file(cs, 'remove.txt');
    expect(shape(removed)).toEqual([[1, 3, 0, 0, c3]]);
    expect(removed.deletions).toBe(3);

    const logo = file(cs, 'logo.png');
    expect(logo).toMatchObject({ binary: true, patchMissing: true, hunks: [], additions: 0, commits: [c3] });

    expect(file(cs, 'odd\nname.txt').hunks[0].added).toEqual([{ line: 1, text: 'odd' }]);
    expect(shape(file(cs, 'src/new file.ts'))).toEqual([[0, 0, 1, 2, c1]]);
    expect(shape(file(cs, 'src/ünïcödé.ts'))).toEqual([[0, 0, 1, 1, c3]]);
  });

  it('lists the files of the repository at head', () => {
    expect([...(cs.repoFiles ?? [])].sort()).toEqual(
      [
        'docs/new name.md',
        'logo.png',
        'odd\nname.txt',
        'src/math.ts',
        'src/new file.ts',
        'src/shared.ts',
        'src/util.ts',
        'src/ünïcödé.ts',
      ].sort(),
    );
  });
});

describe('changeSetFromGit ranges', () => {
  it('limits the range to the given head', async () => {
    const cs = await changeSetFromGit({ repo: repo.dir, base: c0, head: c1 });
    expect(cs.head).toBe(c1);
    expect(cs.commits.map((c) => c.sha)).toEqual([c1]);
    expect(shape(file(cs, 'src/math.ts'))).toEqual([
      [3, 1, 3, 1, c1],
      [10, 0, 11, 2, c1],
    ]);
    expect(cs.repoFiles).toContain('remove.txt');
  });

  it('defaults the base to the merge base with main', async () => {
    repo.git('checkout', '-q', 'feature');
    const cs = await changeSetFromGit({ repo: repo.dir });
    expect(cs.base).toBe(c0);
    expect(cs.head).toBe(c3);
    expect(cs.baseSource).toBe('merge base with main');
    expect(cs.commits).toHaveLength(3);
  });

  it('uses the last commit when HEAD is on the default branch, and says so', async () => {
    const cs = await changeSetFromGit({ repo: repo.dir, head: 'main' });
    // main is at c0, a root commit: nothing to compare against.
    expect(cs.base).toBeUndefined();
    expect(cs.baseSource).toBe('root commit');
    expect(cs.files.every((f) => f.status === 'added')).toBe(true);
    expect(cs.files.map((f) => f.path)).toContain('remove.txt');
    expect(cs.commits.map((c) => c.sha)).toEqual([c0]);
    expect(cs.notes?.[0]).toMatch(/root commit/);

    const other = makeRepo();
    try {
      other.write('a.txt', 'one\n');
      const g0 = other.commit('first');
      other.write('a.txt', 'one\ntwo\n');
      const g1 = other.commit('second');
      const cs2 = await changeSetFromGit({ repo: other.dir });
      expect(cs2).toMatchObject({ base: g0, head: g1, baseSource: 'parent commit (HEAD is on main)' });
      expect(cs2.notes).toEqual(["no base given and HEAD is on main: analysing HEAD's last commit only"]);
      expect(shape(file(cs2, 'a.txt'))).toEqual([[1, 0, 2, 1, g1]]);
    } finally {
      other.cleanup();
    }
  });

  it('returns an empty change set when base and head are the same commit', async () => {
    const cs = await changeSetFromGit({ repo: repo.dir, base: c2, head: c2 });
    expect(cs.files).toEqual([]);
    expect(cs.commits).toEqual([]);
    expect(cs.notes).toEqual(['base and head are the same commit: nothing changed']);
    expect(cs.repoFiles?.length).toBeGreaterThan(0);
  });

  it('notes a base that is not an ancestor of head (trees compared directly)', async () => {
    const cs = await changeSetFromGit({ repo: repo.dir, base: c3, head: c1 });
    expect(cs.notes).toEqual([
      `base ${c3.slice(0, 7)} is not an ancestor of head: the diff compares their trees directly`,
    ]);
    expect(cs.commits).toEqual([]);
    expect(file(cs, 'remove.txt').status).toBe('added');
  });

  it('notes the cap on blamed files', async () => {
    const cs = await changeSetFromGit({ repo: repo.dir, base: c0, head: c3, maxBlameFiles: 1 });
    expect(cs.notes).toEqual(['per-hunk commits were found for 1 files only; 2 more files were not blamed']);
    // Files touched by a single commit need no blame and keep their commit.
    expect(shape(file(cs, 'docs/new name.md'))).toEqual([[8, 1, 8, 1, c1]]);
  });
});

describe('changeSetFromGit input errors', () => {
  it('rejects a base that is not a commit', async () => {
    await expect(changeSetFromGit({ repo: repo.dir, base: 'no-such-rev' })).rejects.toThrow(
      new InputError('base is not a commit: no-such-rev'),
    );
    await expect(changeSetFromGit({ repo: repo.dir, base: `${c1}^{tree}` })).rejects.toBeInstanceOf(
      InputError,
    );
    await expect(changeSetFromGit({ repo: repo.dir, base: '--output=/tmp/x' })).rejects.toThrow(
      'base is not a commit: --output=/tmp/x',
    );
  });

  it('rejects a head that is not a commit', async () => {
    await expect(changeSetFromGit({ repo: repo.dir, head: 'nope' })).rejects.toThrow(
      'head is not a commit: nope',
    );
  });

  it('rejects a directory that is not a repository, and one that does not exist', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crc-norepo-'));
    try {
      await expect(changeSetFromGit({ repo: dir })).rejects.toThrow(
        new InputError(`not a git repository: ${dir}`),
      );
      await expect(changeSetFromGit({ repo: join(dir, 'missing') })).rejects.toBeInstanceOf(InputError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('changeSetFromGit runs no program the repository configures', () => {
  it('ignores external diff drivers, textconv filters and fsmonitor hooks', async () => {
    const r = makeRepo();
    const marker = join(r.dir, '..', `${r.dir.split('/').pop()}-ran`);
    const script = join(r.dir, '..', `${r.dir.split('/').pop()}-evil.sh`);
    try {
      writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\ncat "$1" 2>/dev/null\n`);
      chmodSync(script, 0o755);
      r.write('.gitattributes', '*.ts diff=evil\n');
      r.write('a.ts', 'one\n');
      const g0 = r.commit('first');
      r.write('a.ts', 'one\ntwo\n');
      r.commit('second');
      r.write('a.ts', 'one\ntwo\nthree\n');
      const g2 = r.commit('third');
      r.git('config', 'diff.external', script);
      r.git('config', 'diff.evil.textconv', script);
      r.git('config', 'core.fsmonitor', script);
      r.git('diff', 'HEAD~1', 'HEAD'); // plain git runs the script ...
      expect(existsSync(marker)).toBe(true);
      rmSync(marker); // ... changeSetFromGit does not

      const cs = await changeSetFromGit({ repo: r.dir, base: g0 });
      expect(existsSync(marker)).toBe(false);
      expect(cs.head).toBe(g2);
      // Two lines added by two commits: the tie goes to the newer.
      expect(shape(file(cs, 'a.ts'))).toEqual([[1, 0, 2, 2, g2]]);
      expect(file(cs, 'a.ts').hunks[0].added.map((l) => l.text)).toEqual(['two', 'three']);
    } finally {
      r.cleanup();
      rmSync(marker, { force: true });
      rmSync(script, { force: true });
    }
  });
});
