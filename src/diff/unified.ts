// Unified diff parser: `git diff` output, plain `diff -u` output, and bare patches (just hunks, as the
// compare API's per-file `patch` field gives). Pure, linear in the input, never throws: what cannot be
// read is skipped.
import type { ChangedFile, FileStatus, Hunk } from '../types.js';
import { readQuoted, unquotePath } from './quote.js';

/** A file being read: what its headers said so far. */
interface FileDraft {
  /** Paths from the `diff --git` line (prefixes stripped). */
  headerOld?: string;
  headerNew?: string;
  /** Paths from `---` / `+++` (null: /dev/null). */
  minus?: string | null;
  plus?: string | null;
  renameFrom?: string;
  renameTo?: string;
  copyFrom?: string;
  copyTo?: string;
  newFile?: boolean;
  deletedFile?: boolean;
  modeChange?: boolean;
  binary?: boolean;
  /** Started by `diff --git` (so `---`/`+++` that follow belong to it). */
  git: boolean;
  hunks: Hunk[];
}

const HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;

/** Parses `git diff` / unified-diff text into changed files with hunks. */
export function parseUnifiedDiff(text: string): ChangedFile[] {
  const out: ChangedFile[] = [];
  for (const d of parseDrafts(text)) {
    const f = toChangedFile(d);
    if (f) out.push(f);
  }
  return out;
}

/** Parses the hunks of one file's patch (the compare API's per-file `patch`). */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = [];
  for (const d of parseDrafts(patch)) for (const h of d.hunks) hunks.push(h);
  return hunks;
}

function parseDrafts(text: string): FileDraft[] {
  const drafts: FileDraft[] = [];
  if (typeof text !== 'string' || text.length === 0) return drafts;
  const lines = text.split('\n');
  let cur: FileDraft | undefined;
  let hunk: Hunk | undefined;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  /** Inside a `GIT binary patch` body: skip until the next file. */
  let skipping = false;

  const start = (d: FileDraft): FileDraft => {
    drafts.push(d);
    hunk = undefined;
    skipping = false;
    return d;
  };

  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;

    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const c = line.charAt(0);
      if (c === ' ' || (line === '' && oldLeft > 0 && newLeft > 0)) {
        if (oldLeft > 0) oldLeft--;
        if (newLeft > 0) newLeft--;
        oldNo++;
        newNo++;
        continue;
      }
      if (c === '+' && newLeft > 0) {
        hunk.added.push({ line: newNo++, text: line.slice(1) });
        newLeft--;
        continue;
      }
      if (c === '-' && oldLeft > 0) {
        hunk.removed.push({ line: oldNo++, text: line.slice(1) });
        oldLeft--;
        continue;
      }
      if (c === '\\') continue;
      // The hunk ended before its counts said: read the line as a header.
      hunk = undefined;
    }

    if (line.startsWith('diff --git ')) {
      const names = parseGitHeaderNames(line.slice('diff --git '.length));
      cur = start({ git: true, hunks: [], headerOld: names?.[0], headerNew: names?.[1] });
      continue;
    }
    if (skipping) continue;

    if (line.startsWith('@@ ')) {
      const m = HUNK_RE.exec(line);
      if (!m) continue;
      if (!cur) cur = start({ git: false, hunks: [] });
      const h: Hunk = {
        oldStart: toInt(m[1]),
        oldLines: m[2] === undefined ? 1 : toInt(m[2]),
        newStart: toInt(m[3]),
        newLines: m[4] === undefined ? 1 : toInt(m[4]),
        added: [],
        removed: [],
      };
      const header = m[5].startsWith(' ') ? m[5].slice(1) : m[5];
      if (header.trim()) h.header = header.trim();
      cur.hunks.push(h);
      hunk = h;
      oldLeft = h.oldLines;
      newLeft = h.newLines;
      oldNo = h.oldStart;
      newNo = h.newStart;
      continue;
    }

    if (line.startsWith('--- ') && i + 1 < lines.length && lines[i + 1].startsWith('+++ ')) {
      const minus = headerPath(line.slice(4));
      const plus = headerPath(stripCr(lines[i + 1]).slice(4));
      const sameFile = cur && cur.git && cur.minus === undefined && cur.hunks.length === 0;
      const d = sameFile ? cur! : (cur = start({ git: false, hunks: [] }));
      const [m, p] = stripPrefixes(minus, plus, d.git);
      d.minus = m;
      d.plus = p;
      i++;
      continue;
    }

    if (line.startsWith('Binary files ') && line.endsWith(' differ')) {
      if (!cur || cur.hunks.length > 0 || cur.binary) {
        cur = start({ git: false, hunks: [] });
        const body = line.slice('Binary files '.length, -' differ'.length);
        const and = body.indexOf(' and ');
        if (and >= 0) {
          const [m, p] = stripPrefixes(devNull(body.slice(0, and)), devNull(body.slice(and + 5)), true);
          cur.minus = m;
          cur.plus = p;
        }
      }
      cur.binary = true;
      continue;
    }

    if (!cur) continue;
    if (line === 'GIT binary patch') {
      cur.binary = true;
      skipping = true;
    } else if (line.startsWith('new file mode ')) cur.newFile = true;
    else if (line.startsWith('deleted file mode ')) cur.deletedFile = true;
    else if (line.startsWith('old mode ') || line.startsWith('new mode ')) cur.modeChange = true;
    else if (line.startsWith('rename from ')) cur.renameFrom = unquotePath(line.slice(12));
    else if (line.startsWith('rename to ')) cur.renameTo = unquotePath(line.slice(10));
    else if (line.startsWith('rename old ')) cur.renameFrom = unquotePath(line.slice(11));
    else if (line.startsWith('rename new ')) cur.renameTo = unquotePath(line.slice(11));
    else if (line.startsWith('copy from ')) cur.copyFrom = unquotePath(line.slice(10));
    else if (line.startsWith('copy to ')) cur.copyTo = unquotePath(line.slice(8));
    // index, similarity index, dissimilarity index and anything else: nothing we need.
  }
  return drafts;
}

function toChangedFile(d: FileDraft): ChangedFile | undefined {
  const oldPath = d.renameFrom ?? d.copyFrom ?? nonNull(d.minus) ?? d.headerOld;
  const newPath = d.renameTo ?? d.copyTo ?? nonNull(d.plus) ?? d.headerNew;
  const deleted = d.deletedFile === true || (d.plus === null && d.minus !== null);
  const added = d.newFile === true || (d.minus === null && d.plus !== null);
  let status: FileStatus;
  let path: string | undefined;
  let previousPath: string | undefined;
  if (deleted) {
    status = 'deleted';
    path = oldPath ?? newPath;
  } else if (added) {
    status = 'added';
    path = newPath ?? oldPath;
  } else if (d.renameFrom !== undefined || d.renameTo !== undefined) {
    status = 'renamed';
    path = newPath;
    previousPath = oldPath;
  } else if (d.copyFrom !== undefined || d.copyTo !== undefined) {
    status = 'copied';
    path = newPath;
    previousPath = oldPath;
  } else {
    path = newPath ?? oldPath;
    status = d.hunks.length === 0 && !d.binary && d.modeChange ? 'changed' : 'modified';
  }
  if (path === undefined || path === '') return undefined;
  let additions = 0;
  let deletions = 0;
  for (const h of d.hunks) {
    additions += h.added.length;
    deletions += h.removed.length;
  }
  const f: ChangedFile = { path, status, additions, deletions, hunks: d.hunks, commits: [] };
  if (previousPath !== undefined && previousPath !== path) f.previousPath = previousPath;
  if (d.binary) {
    f.binary = true;
    f.patchMissing = true;
  }
  return f;
}

/**
 * The two names of a `diff --git` line. Either may be quoted; unquoted names may contain spaces, so an
 * unquoted pair is split where both halves name the same file (the common case), else at ` b/`.
 */
function parseGitHeaderNames(rest: string): [string, string] | undefined {
  let a: string;
  let b: string;
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    a = q.value;
    const tail = rest.slice(q.end).replace(/^ /, '');
    b = unquotePath(tail);
  } else {
    const q = rest.indexOf(' "');
    if (q >= 0 && rest.endsWith('"')) {
      a = rest.slice(0, q);
      b = readQuoted(rest, q + 1).value;
    } else {
      const half = (rest.length - 1) / 2;
      if (Number.isInteger(half) && rest.charAt(half) === ' ') {
        const [x, y] = stripPrefixes(rest.slice(0, half), rest.slice(half + 1), true);
        if (x === y && x !== null) return [x, x];
      }
      const sp = rest.indexOf(' b/');
      if (sp < 0) return undefined;
      a = rest.slice(0, sp);
      b = rest.slice(sp + 1);
    }
  }
  const [x, y] = stripPrefixes(a, b, true);
  if (x === null || y === null) return undefined;
  return [x, y];
}

/** The path of a `---` / `+++` line: quoted or not, without git's trailing tab or a diff -u timestamp. */
function headerPath(s: string): string | null {
  if (s.startsWith('"')) return devNull(readQuoted(s, 0).value);
  const tab = s.indexOf('\t');
  return devNull(tab >= 0 ? s.slice(0, tab) : s);
}

function devNull(p: string): string | null {
  return p === '/dev/null' ? null : p;
}

const MNEMONIC = new Set(['a', 'b', 'c', 'i', 'w', 'o', '1', '2']);

/** Strips `a/` and `b/` (or git's mnemonic prefixes `c/ i/ w/ o/`) when both sides carry one. */
function stripPrefixes(
  minus: string | null,
  plus: string | null,
  git: boolean,
): [string | null, string | null] {
  const pre = (p: string | null): string | undefined =>
    p !== null && p.length > 2 && p.charAt(1) === '/' && MNEMONIC.has(p.charAt(0)) ? p.charAt(0) : undefined;
  const pm = pre(minus);
  const pp = pre(plus);
  const strip =
    (git || pm === 'a' || pp === 'b') &&
    (pm !== undefined || minus === null) &&
    (pp !== undefined || plus === null) &&
    (pm === undefined || pp === undefined || pm !== pp);
  if (!strip) return [minus, plus];
  return [minus === null ? null : minus.slice(2), plus === null ? null : plus.slice(2)];
}

function nonNull(p: string | null | undefined): string | undefined {
  return p === null || p === undefined ? undefined : p;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function toInt(s: string): number {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}
