// Runs git with an argument array (never a shell), reading only. Options that could make git run a
// program (external diff drivers, textconv filters, fsmonitor hooks, signature checks) are turned off.
import { execFile } from 'node:child_process';

/** Generous: a large range's patch text can run to hundreds of megabytes. */
const MAX_BUFFER = 512 * 1024 * 1024;
const TIMEOUT_MS = 5 * 60 * 1000;

/** `-c` settings placed before every command so user or repository config cannot change what we read. */
const SAFE_CONFIG = [
  '-c',
  'core.fsmonitor=false',
  '-c',
  'core.quotePath=true',
  '-c',
  'diff.noprefix=false',
  '-c',
  'diff.mnemonicPrefix=false',
  '-c',
  'diff.relative=false',
  '-c',
  'log.showSignature=false',
  '-c',
  'color.ui=false',
  '-c',
  'core.pager=cat',
];

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly args: string[],
    readonly exitCode: number | string | undefined,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface GitOptions {
  /** Resolve with '' instead of rejecting when git exits non-zero. */
  allowFailure?: boolean;
}

/** Runs `git <args>` in `cwd` and returns its stdout. Rejects with GitError when git fails. */
export function git(cwd: string, args: string[], opts: GitOptions = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      [...SAFE_CONFIG, ...args],
      {
        cwd,
        maxBuffer: MAX_BUFFER,
        timeout: TIMEOUT_MS,
        encoding: 'utf8',
        windowsHide: true,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: '0',
          GIT_OPTIONAL_LOCKS: '0',
          GIT_PAGER: 'cat',
          LC_ALL: 'C',
        },
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (opts.allowFailure && typeof err.code === 'number') return resolve('');
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' && !stderr) {
          return reject(new GitError('git is not installed or not on PATH', args, code, ''));
        }
        const first = String(stderr ?? '')
          .split('\n')
          .map((l) => l.trim())
          .find((l) => l.length > 0);
        reject(
          new GitError(first ?? `git ${args[0]} failed`, args, err.code ?? undefined, String(stderr ?? '')),
        );
      },
    );
  });
}
