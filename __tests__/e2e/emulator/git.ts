// A real git repository for the emulator's compare, commit and tree answers.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function git(dir: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Octo Dev',
      GIT_AUTHOR_EMAIL: 'octo@example.com',
      GIT_COMMITTER_NAME: 'Octo Dev',
      GIT_COMMITTER_EMAIL: 'octo@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: dir,
    },
  });
}

export function initRepo(dir: string, branch = 'main'): void {
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', branch]);
  git(dir, ['config', 'commit.gpgsign', 'false']);
}

/** Writes files (null deletes) and commits them; returns the sha. */
export function commit(
  dir: string,
  message: string,
  files: Record<string, string | null>,
  date?: string,
): string {
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    if (content === null) git(dir, ['rm', '-q', path]);
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, content);
      git(dir, ['add', path]);
    }
  }
  git(dir, ['commit', '-q', '-m', message, ...(date ? ['--date', date] : [])]);
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export interface GitFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed' | 'copied' | 'changed' | 'unchanged';
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  binary: boolean;
}

/** The files of base..head as the compare API lists them, patch = the hunks without the file headers. */
export function diffFiles(dir: string, base: string, head: string): GitFile[] {
  const status = git(dir, ['diff', '--name-status', '-M', base, head]).trim();
  if (!status) return [];
  const numstat = git(dir, ['diff', '--numstat', '-M', base, head]).trim().split('\n');
  return status.split('\n').map((line, i) => {
    const parts = line.split('\t');
    const code = parts[0][0];
    const filename = parts[parts.length - 1];
    const [a, d] = numstat[i].split('\t');
    const binary = a === '-';
    const additions = binary ? 0 : Number(a);
    const deletions = binary ? 0 : Number(d);
    const st: GitFile['status'] =
      code === 'A'
        ? 'added'
        : code === 'D'
          ? 'removed'
          : code === 'R'
            ? 'renamed'
            : code === 'C'
              ? 'copied'
              : 'modified';
    const file: GitFile = {
      filename,
      status: st,
      additions,
      deletions,
      changes: additions + deletions,
      binary,
    };
    if (code === 'R') file.previous_filename = parts[1];
    if (!binary) {
      const paths = code === 'R' ? [parts[1], filename] : [filename];
      const text = git(dir, ['diff', '-M', base, head, '--', ...paths]);
      const at = text.indexOf('\n@@');
      if (at >= 0) file.patch = text.slice(at + 1).replace(/\n$/, '');
    }
    return file;
  });
}

export interface GitCommit {
  sha: string;
  parents: string[];
  author: string;
  email: string;
  date: string;
  message: string;
}

export function commitsBetween(dir: string, base: string, head: string): GitCommit[] {
  const out = git(dir, [
    'log',
    '--reverse',
    '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x1e',
    `${base}..${head}`,
  ]);
  return parseLog(out);
}

export function commitInfo(dir: string, sha: string): GitCommit {
  return parseLog(git(dir, ['log', '-1', '--format=%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x1e', sha]))[0];
}

function parseLog(out: string): GitCommit[] {
  return out
    .split('\x1e')
    .map((s) => s.replace(/^\n/, ''))
    .filter((s) => s.includes('\x00'))
    .map((s) => {
      const [sha, parents, author, email, date, message] = s.split('\x00');
      return {
        sha,
        parents: parents ? parents.split(' ') : [],
        author,
        email,
        date,
        message: message.replace(/\n+$/, ''),
      };
    });
}

export function resolve(dir: string, ref: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--verify', '-q', `${ref}^{commit}`]).trim();
  } catch {
    return undefined;
  }
}
