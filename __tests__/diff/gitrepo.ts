// Builds real git repositories in a temporary folder for the change-set tests.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TestRepo {
  dir: string;
  git(...args: string[]): string;
  write(path: string, content: string | Buffer): void;
  remove(path: string): void;
  /** Commits everything (git add -A) and returns the new sha. */
  commit(message: string): string;
  cleanup(): void;
}

export function makeRepo(): TestRepo {
  const dir = mkdtempSync(join(tmpdir(), 'crc-git-'));
  let tick = 0;
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Tester',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Tester',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
  };
  const git = (...args: string[]): string =>
    execFileSync('git', args, {
      cwd: dir,
      env: {
        ...env,
        GIT_AUTHOR_DATE: `2026-01-01T10:${String(tick).padStart(2, '0')}:00Z`,
        GIT_COMMITTER_DATE: `2026-01-01T10:${String(tick).padStart(2, '0')}:00Z`,
      },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove(path) {
      unlinkSync(join(dir, path));
    },
    commit(message) {
      tick++;
      git('add', '-A');
      git('commit', '-q', '--no-verify', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` numbered lines `prefix 1` … `prefix n`, newline-terminated. */
export function numbered(prefix: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`);
}

export function text(lines: string[]): string {
  return lines.map((l) => l + '\n').join('');
}
