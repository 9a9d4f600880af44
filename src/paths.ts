// Path normalisation: a path as printed in a log → a repository-relative path. Pure and linear.
//
//   /home/runner/work/app/app/src/a.ts   D:\a\app\app\src\a.ts   /__w/app/app/src/a.ts
//   file:///github/workspace/src/a.ts    webpack:///./src/a.ts    ./src/a.ts          → src/a.ts
//   /home/runner/work/app/app/node_modules/x/index.js, node:internal/..., /usr/lib/... → vendored

export interface PathContext {
  /** Every file in the repository at head, repository-relative with `/` separators. */
  repoFiles?: string[];
  /** Paths changed in the range. */
  changedFiles?: string[];
}

export interface MappedPath {
  /** Repository-relative path, when the raw path maps to one. */
  path?: string;
  /** node_modules, site-packages, vendor/, the runtime ...: context, never a suspect. */
  vendored: boolean;
}

export type PathMapper = (raw: string) => MappedPath;

/**
 * CI workspace roots: what follows is the repository. Matched at the start of the normalised path (`/`
 * separators, drive letters kept). No nested quantifiers: each is linear.
 */
const WORKSPACE_PREFIXES: RegExp[] = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//, // GitHub-hosted Linux
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//, // GitHub-hosted macOS
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//, // GitHub-hosted Windows (D:\a\repo\repo\)
  /^\/__w\/[^/]+\/[^/]+\//, // GitHub container jobs
  /^\/github\/workspace\//, // Docker actions
  /^\/home\/travis\/build\/[^/]+\/[^/]+\//, // Travis
  /^\/builds\/[^/]+\/[^/]+\//, // GitLab
  /^\/var\/lib\/jenkins\/workspace\/[^/]+\//, // Jenkins
  /^\/var\/jenkins_home\/workspace\/[^/]+\//,
  /^\/home\/jenkins\/agent\/workspace\/[^/]+\//,
  /^[A-Za-z]:\/Jenkins\/workspace\/[^/]+\//,
  /^\/home\/circleci\/project\//, // CircleCI
  /^\/(?:opt|var\/lib)\/buildkite-agent\/builds\/[^/]+\/[^/]+\/[^/]+\//, // Buildkite
  /^\/drone\/src\//, // Drone / Woodpecker
  /^\/woodpecker\/src\/[^/]+\/[^/]+\/[^/]+\//,
];

/** Path segments that mark third-party or runtime code. */
const VENDORED_SEGMENTS = new Set([
  'node_modules',
  'bower_components',
  'jspm_packages',
  'site-packages',
  'dist-packages',
  'vendor',
  '.yarn',
  '.pnpm-store',
  '.m2',
  '.gradle',
  '.ivy2',
  '.nuget',
  '.rustup',
  '.pyenv',
  '.nvm',
  '.cache',
  'hostedtoolcache',
]);

/** Prefixes of ABSOLUTE paths (leading `/` or drive removed) that are the runtime, a toolchain or the system. */
const VENDORED_PREFIXES = [
  'usr/lib/',
  'usr/local/lib/',
  'usr/include/',
  'usr/local/include/',
  'usr/share/',
  'usr/local/go/',
  'usr/lib/go/',
  'opt/hostedtoolcache/',
  'rustc/',
  'nix/store/',
  'library/frameworks/',
  'system/library/',
  'program files/',
  'program files (x86)/',
  'windows/',
  'go/pkg/mod/',
  'go/src/runtime/',
];

/** Segment pairs inside a path that mark a package cache: `.cargo/registry`, `go/pkg/mod`, `~/.m2`. */
const VENDORED_INFIXES = ['/.cargo/registry/', '/.cargo/git/', '/go/pkg/mod/', '/.local/lib/'];

/** A Python installation's standard library: `.../lib/python3.12/`. */
const PYTHON_LIB = /\/lib\/python\d(?:\.\d+)?\//;

/** Node's own modules as older Node versions print them (`internal/modules/cjs/loader.js`), relative. */
const NODE_INTERNAL =
  /^internal\/(?:modules|process|main|bootstrap|timers|streams|fs|util|errors|async_hooks|url|console|event_target|child_process|vm|webstreams|test_runner)\/(?:[^/]+\/)?[^/]+\.js$|^internal\/[a-z_]+\.js$/;

interface Normalised {
  /** `/` separators, URL schemes and `./` removed, `..` resolved where possible. */
  path: string;
  /** A drive letter or backslashes: compare case-insensitively. */
  windows: boolean;
  /** What follows a recognised CI workspace root, if any. */
  workspaceRelative?: string;
  /** Not an absolute path. */
  relative: boolean;
}

/** Strips URL schemes, separators and `./` and recognises workspace roots. */
export function normalisePath(raw: string): Normalised {
  let p = raw.trim();
  if (p.startsWith('file://')) {
    p = p.slice(7);
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1); // file:///C:/x
    p = safeDecode(p);
  } else if (p.startsWith('webpack://') || p.startsWith('webpack-internal://')) {
    p = p.slice(p.indexOf('://') + 3);
    // webpack:///./src/x.ts, webpack:///src/x.ts, webpack://name/./src/x.ts, webpack://name/src/x.ts
    if (p.startsWith('/')) p = p.slice(1);
    else {
      const slash = p.indexOf('/');
      p = slash >= 0 ? p.slice(slash + 1) : p;
    }
    const q = p.indexOf('?');
    if (q >= 0) p = p.slice(0, q);
  }
  const windows = /^[A-Za-z]:[\\/]/.test(p) || p.includes('\\');
  if (windows) p = p.replace(/\\/g, '/');
  p = collapse(p);
  let workspaceRelative: string | undefined;
  for (const re of WORKSPACE_PREFIXES) {
    const m = re.exec(p);
    if (m) {
      workspaceRelative = p.slice(m[0].length);
      break;
    }
  }
  const relative = !p.startsWith('/') && !/^[A-Za-z]:\//.test(p) && !p.startsWith('~');
  return { path: p, windows, workspaceRelative, relative };
}

/** Collapses `//`, `/./`, leading `./` and resolves `..` where a parent segment exists. */
function collapse(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') {
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function safeDecode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

/** Third-party or runtime code (node_modules, site-packages, the Go root, node:internal, <anonymous> ...). */
export function isVendoredPath(raw: string): boolean {
  const r = raw.trim();
  if (r === '' || r === 'native' || r === 'unknown') return true;
  if (r.startsWith('<') || r.includes('<anonymous>') || r.startsWith('node:')) return true;
  if (r.startsWith('webpack:///webpack/') || r.startsWith('webpack/runtime/')) return true;
  const n = normalisePath(r);
  const lower = n.path.toLowerCase();
  if (n.relative && NODE_INTERNAL.test(n.path)) return true;
  const body = lower.replace(/^\/+/, '').replace(/^[a-z]:\//, '');
  if (!n.relative && n.workspaceRelative === undefined) {
    for (const pre of VENDORED_PREFIXES) if (body.startsWith(pre)) return true;
  }
  const padded = '/' + lower + '/';
  for (const inf of VENDORED_INFIXES) if (padded.includes(inf)) return true;
  if (!n.relative && PYTHON_LIB.test(padded)) return true;
  const inRepo = n.workspaceRelative !== undefined ? n.workspaceRelative.toLowerCase() : body;
  for (const seg of inRepo.split('/')) if (VENDORED_SEGMENTS.has(seg)) return true;
  return false;
}

interface Entry {
  path: string;
  /** Split on first use (only candidates are ever compared). */
  segs?: string[];
  changed: boolean;
}

/**
 * Builds a mapper for one repository: the files are indexed by basename once, so each lookup only looks
 * at the files sharing its basename. Results are memoised per raw path.
 */
export function createPathMapper(ctx: PathContext = {}): PathMapper {
  const changed = new Set(ctx.changedFiles ?? []);
  const all = new Set([...(ctx.repoFiles ?? []), ...changed]);
  const known = all.size > 0;
  // Built on first use; the lower-cased index only when a Windows-looking path needs it.
  let exactIx: NameIndex | undefined;
  let lowerIx: NameIndex | undefined;
  const build = (fold?: (s: string) => string): NameIndex => {
    const ix: NameIndex = { byName: new Map(), byTail: new Map(), topLevel: new Map() };
    for (const path of all) {
      addToIndex(ix, path, { path, changed: changed.has(path) }, fold);
    }
    return ix;
  };
  const indexFor = (windows: boolean): NameIndex =>
    windows ? (lowerIx ??= build((x) => x.toLowerCase())) : (exactIx ??= build());
  const memo = new Map<string, MappedPath>();

  const lookup = (raw: string): MappedPath => {
    if (typeof raw !== 'string') return { vendored: false };
    if (isVendoredPath(raw)) return { vendored: true };
    const n = normalisePath(raw);
    const remainder = n.workspaceRelative ?? (n.relative ? n.path : undefined);
    if (!known) return { path: remainder ?? n.path, vendored: false };
    if (n.path === '') return { vendored: false };
    if (remainder !== undefined) {
      const exact = exactMatch(remainder, all, n.windows ? indexFor(true).byName : undefined);
      if (exact) return { path: exact, vendored: false };
    }
    const best = suffixMatch(n.path.split('/').filter(Boolean), n.relative, n.windows, indexFor(n.windows));
    if (best) return { path: best, vendored: false };
    return remainder !== undefined && !remainder.startsWith('..')
      ? { path: remainder, vendored: false }
      : { vendored: false };
  };

  return (raw: string): MappedPath => {
    const hit = memo.get(raw);
    if (hit) return { ...hit };
    const m = lookup(raw);
    if (memo.size < 100_000) memo.set(raw, m);
    return { ...m };
  };
}

/**
 * Files by basename, and by their last two segments: a path of two or more segments only needs the files
 * sharing its last two segments, plus the top-level files sharing its basename.
 */
interface NameIndex {
  byName: Map<string, Entry[]>;
  byTail: Map<string, Entry[]>;
  /** Files at the top of the repository, by name. */
  topLevel: Map<string, Entry[]>;
}

function tailKey(segs: string[]): string {
  return segs[segs.length - 2] + '/' + segs[segs.length - 1];
}

function addToIndex(ix: NameIndex, path: string, e: Entry, fold?: (s: string) => string): void {
  const last = path.lastIndexOf('/');
  const name = path.slice(last + 1);
  push(ix.byName, fold ? fold(name) : name, e);
  if (last >= 0) {
    const tail = path.slice(path.lastIndexOf('/', last - 1) + 1);
    push(ix.byTail, fold ? fold(tail) : tail, e);
  } else push(ix.topLevel, fold ? fold(name) : name, e);
}

function push(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function exactMatch(p: string, all: Set<string>, lowerIndex?: Map<string, Entry[]>): string | undefined {
  if (all.has(p)) return p;
  if (!lowerIndex) return undefined;
  const lower = p.toLowerCase();
  const name = lower.slice(lower.lastIndexOf('/') + 1);
  return lowerIndex.get(name)?.find((e) => e.path.toLowerCase() === lower)?.path;
}

/**
 * The repository file sharing the longest trailing run of segments with the path. The file must be a
 * whole suffix of the path (`/tmp/build/x/src/a.ts` → `src/a.ts`) or, for a relative path printed from a
 * subdirectory, the path a whole suffix of the file (`src/a.ts` → `packages/app/src/a.ts`). Among equals,
 * changed files win; a tie that remains is ambiguous and maps to nothing.
 */
function suffixMatch(segs: string[], relative: boolean, windows: boolean, ix: NameIndex): string | undefined {
  if (segs.length === 0) return undefined;
  const fold = windows ? (x: string) => x.toLowerCase() : (x: string) => x;
  const name = fold(segs[segs.length - 1]);
  let candidates: Entry[];
  if (segs.length >= 2) {
    candidates = [...(ix.byTail.get(fold(tailKey(segs))) ?? []), ...(ix.topLevel.get(name) ?? [])];
  } else candidates = ix.byName.get(name) ?? [];
  const eq = windows
    ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase()
    : (a: string, b: string) => a === b;
  let best: Entry[] = [];
  let bestK = 0;
  for (const c of candidates) {
    const cs = (c.segs ??= c.path.split('/'));
    let k = 0;
    while (k < segs.length && k < cs.length && eq(segs[segs.length - 1 - k], cs[cs.length - 1 - k])) k++;
    const whole = k === cs.length || (relative && k === segs.length);
    if (!whole || k === 0) continue;
    if (k > bestK) {
      bestK = k;
      best = [c];
    } else if (k === bestK) best.push(c);
  }
  if (best.length === 1) return best[0].path;
  const changed = best.filter((e) => e.changed);
  if (changed.length === 1) return changed[0].path;
  return undefined;
}

/** Maps a path as printed in a log to a repository-relative path (builds a mapper per call: prefer createPathMapper). */
export function mapPath(raw: string, ctx: PathContext = {}): MappedPath {
  return createPathMapper(ctx)(raw);
}
