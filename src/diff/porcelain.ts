// Parsers for git's machine-readable outputs used by the change set: `diff --raw -z`, `log -z` with a
// record format, and `blame --porcelain`. Pure, linear, never throw.
import type { Commit, FileStatus } from '../types.js';

export interface RawEntry {
  status: FileStatus;
  path: string;
  previousPath?: string;
  /** The new mode (160000: a submodule). */
  mode?: string;
}

const RAW_STATUS: Record<string, FileStatus> = {
  A: 'added',
  D: 'deleted',
  M: 'modified',
  T: 'changed',
  R: 'renamed',
  C: 'copied',
  U: 'modified',
  X: 'changed',
};

/** Parses `git diff --raw -z` (`:oldmode newmode oldsha newsha S[score]\0path\0[path2\0]`). */
export function parseRawZ(text: string): RawEntry[] {
  const out: RawEntry[] = [];
  const parts = text.split('\0');
  let i = 0;
  while (i < parts.length) {
    const head = parts[i].replace(/^\n/, '');
    if (!head.startsWith(':')) {
      i++;
      continue;
    }
    const fields = head.slice(1).split(' ');
    const letter = (fields[4] ?? '').charAt(0);
    const status = RAW_STATUS[letter] ?? 'modified';
    if (letter === 'R' || letter === 'C') {
      const from = parts[i + 1];
      const to = parts[i + 2];
      if (from !== undefined && to !== undefined)
        out.push({ status, path: to, previousPath: from, mode: fields[1] });
      i += 3;
    } else {
      const path = parts[i + 1];
      if (path !== undefined && path !== '') {
        out.push({ status, path, mode: letter === 'D' ? fields[0] : fields[1] });
      }
      i += 2;
    }
  }
  return out;
}

export interface LogRecord extends Commit {
  parents: string[];
  files: string[];
}

/**
 * The `--format` that parseLogZ reads, with `-z` and WITHOUT `--name-only`: NUL-separated records whose
 * fields cannot contain NUL. The fields git controls come first; the subject (free text) last.
 */
export const LOG_FORMAT = '%H%x1f%P%x1f%aI%x1f%an%x1f%s';

/** Parses `git log -z --format=LOG_FORMAT`. */
export function parseLogZ(text: string): LogRecord[] {
  const out: LogRecord[] = [];
  for (const raw of text.split('\0')) {
    const rec = raw.replace(/^\n/, '');
    const [sha, parents, date, author, ...subject] = rec.split('\x1f');
    if (!sha || !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) continue;
    const c: LogRecord = {
      sha,
      subject: subject.join('\x1f'),
      parents: parents ? parents.split(' ').filter(Boolean) : [],
      files: [],
    };
    if (author) c.author = author;
    if (date) c.date = date;
    out.push(c);
  }
  return out;
}

/**
 * Fills `files` of each record from `git log -z --name-only --format=%H` run over the same range (same
 * order). Shas are matched in the expected order, so a file name cannot pass for a commit header.
 */
export function attachLogFiles(records: LogRecord[], text: string): void {
  let k = -1;
  let afterHeader = false;
  for (const tok of text.split('\0')) {
    const next = records[k + 1];
    if (next && (tok === next.sha || tok === '\n' + next.sha)) {
      k++;
      afterHeader = true;
      continue;
    }
    if (k < 0) continue;
    const file = afterHeader && tok.startsWith('\n') ? tok.slice(1) : tok;
    afterHeader = false;
    if (file !== '') records[k].files.push(file);
  }
}

export interface BlameResult {
  /** Final (head) line number → sha of the commit blamed for it. */
  lines: Map<number, string>;
  /** Commits marked `boundary`: outside the blamed range. */
  boundary: Set<string>;
}

const BLAME_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;

/** Parses `git blame --porcelain` output (with any number of -L ranges). */
export function parseBlamePorcelain(text: string): BlameResult {
  const lines = new Map<number, string>();
  const boundary = new Set<string>();
  let sha: string | undefined;
  for (const line of text.split('\n')) {
    if (line.startsWith('\t')) continue; // the line's content
    const m = BLAME_HEADER.exec(line);
    if (m) {
      sha = m[1];
      lines.set(Number(m[3]), sha);
      continue;
    }
    if (line === 'boundary' && sha) boundary.add(sha);
  }
  return { lines, boundary };
}
