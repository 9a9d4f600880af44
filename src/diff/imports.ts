// The files a source file refers to: its imports (JS/TS, Python, Go, Rust, Java, C/C++) resolved to
// repository paths, plus string literals that name a file of the repository ("data/rates.json").
// Pure and linear: the I/O that reads the file lives in imports-git.ts. Feeds ChangeSet.imports, which
// the analyzer follows from an error in an unchanged file to the changed files it uses (callers).

/** At most this many characters of a file are scanned (imports sit at the top; literals anywhere). */
const MAX_SCAN = 200_000;
const MAX_SPECS = 200;

const JS_EXT = /\.[cm]?[jt]sx?$/;
const SOURCE_EXT = /\.([cm]?[jt]sx?|py|go|rs|java|kt|c|cc|cpp|cxx|h|hh|hpp|m|cs|rb|php|scala|swift)$/;

export interface ImportIndex {
  /** Repository files (head). */
  files: string[];
  byBase: Map<string, string[]>;
  set: Set<string>;
}

export function importIndex(repoFiles: string[]): ImportIndex {
  const byBase = new Map<string, string[]>();
  for (const f of repoFiles) {
    const base = f.slice(f.lastIndexOf('/') + 1);
    const list = byBase.get(base);
    if (list) list.push(f);
    else byBase.set(base, [f]);
  }
  return { files: repoFiles, byBase, set: new Set(repoFiles) };
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function normalize(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

/** Repository files whose path ends with `/tail` (or is `tail`). */
function byTail(idx: ImportIndex, tail: string): string[] {
  const base = tail.slice(tail.lastIndexOf('/') + 1);
  return (idx.byBase.get(base) ?? []).filter((f) => f === tail || f.endsWith('/' + tail));
}

/** The module specifiers a file's text imports, by language (from the path's extension). */
export function importSpecifiers(path: string, text: string): string[] {
  const s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const out: string[] = [];
  const push = (x: string | undefined) => {
    if (x && out.length < MAX_SPECS && x.length < 300) out.push(x);
  };
  if (JS_EXT.test(path) || /\.(vue|svelte)$/.test(path)) {
    for (const m of s.matchAll(/\bfrom\s*['"]([^'"\n]+)['"]/g)) push(m[1]);
    for (const m of s.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) push(m[1]);
    for (const m of s.matchAll(/^\s*import\s+['"]([^'"\n]+)['"]/gm)) push(m[1]);
  } else if (path.endsWith('.py')) {
    for (const m of s.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+([\w, \t]+)/gm)) {
      push(m[1]);
      for (const name of m[2].split(',')) push(`${m[1]}${m[1].endsWith('.') ? '' : '.'}${name.trim()}`);
    }
    for (const m of s.matchAll(/^[ \t]*import[ \t]+([\w.]+)/gm)) push(m[1]);
  } else if (path.endsWith('.go')) {
    for (const m of s.matchAll(/^\s*(?:import\s+)?(?:[\w.]+\s+)?"([^"\n]+)"\s*$/gm)) push(m[1]);
  } else if (path.endsWith('.rs')) {
    for (const m of s.matchAll(/^\s*(?:pub(?:\([^)\n]*\))?\s+)?mod\s+(\w+)\s*;/gm)) push(`mod:${m[1]}`);
    for (const m of s.matchAll(/^\s*(?:pub\s+)?use\s+([\w:]+)/gm)) push(`use:${m[1]}`);
  } else if (/\.(java|kt|scala)$/.test(path)) {
    for (const m of s.matchAll(/^\s*import\s+(?:static\s+)?([\w.]+)/gm)) push(`java:${m[1]}`);
    // classes of the same package are used without an import: `Names.defaults()`, `new Report(`
    for (const m of s.matchAll(/\b([A-Z][A-Za-z0-9_]*)\s*(?:\.|\()/g)) push(`class:${m[1]}`);
  } else if (/\.(c|cc|cpp|cxx|h|hh|hpp|m)$/.test(path)) {
    for (const m of s.matchAll(/^\s*#\s*include\s*"([^"\n]+)"/gm)) push(m[1]);
  }
  return out;
}

/** Resolves one specifier written in `from` to repository paths (empty: external or unknown). */
export function resolveSpecifier(from: string, spec: string, idx: ImportIndex): string[] {
  const dir = dirOf(from);
  if (JS_EXT.test(from) || /\.(vue|svelte)$/.test(from)) {
    if (!spec.startsWith('.') && !spec.startsWith('/')) {
      // a bare specifier: a package, or a path alias (`@/x`, `src/x`) we try by tail
      const alias = spec.replace(/^[@~#]\//, '');
      if (alias === spec && !spec.includes('/')) return [];
      return jsCandidates(alias)
        .flatMap((c) => byTail(idx, c))
        .slice(0, 2);
    }
    const target = normalize(`${dir}/${spec}`);
    for (const c of jsCandidates(target)) if (idx.set.has(c)) return [c];
    return [];
  }
  if (from.endsWith('.py')) {
    let mod = spec;
    let base = '';
    const dots = /^\.+/.exec(mod)?.[0].length ?? 0;
    if (dots) {
      base = dir
        .split('/')
        .slice(0, Math.max(0, dir.split('/').length - (dots - 1)))
        .join('/');
      mod = mod.slice(dots);
    }
    const rel = mod.replace(/\./g, '/');
    const full = base ? (rel ? `${base}/${rel}` : base) : rel;
    if (!full) return [];
    for (const c of [`${full}.py`, `${full}/__init__.py`]) {
      if (idx.set.has(c)) return [c];
      const t = dots ? [] : byTail(idx, c);
      if (t.length === 1) return t;
    }
    return [];
  }
  if (from.endsWith('.go')) {
    // an import path: the repository directory it ends with (longest match), its non-test .go files
    const parts = spec.split('/');
    for (let k = 0; k < parts.length; k++) {
      const tail = parts.slice(k).join('/');
      const files = idx.files.filter(
        (f) =>
          f.endsWith('.go') &&
          !f.endsWith('_test.go') &&
          (dirOf(f) === tail || dirOf(f).endsWith('/' + tail)),
      );
      if (files.length) return files.slice(0, 20);
    }
    return [];
  }
  if (from.endsWith('.rs')) {
    if (spec.startsWith('mod:')) {
      const name = spec.slice(4);
      const own = /(?:^|\/)(?:mod|lib|main)\.rs$/.test(from)
        ? dir
        : `${dir}/${from.slice(dir.length + 1, -3)}`;
      const d = own ? `${own}/` : '';
      return [`${d}${name}.rs`, `${d}${name}/mod.rs`].filter((c) => idx.set.has(c));
    }
    const path = spec.slice(4).split('::').filter(Boolean);
    // use crate::a::b / use my_crate::a::b / use super::a: the first module segment after the root
    const segs =
      path[0] === 'crate' || path[0] === 'super' || path[0] === 'self' ? path.slice(1) : path.slice(1);
    const out: string[] = [];
    for (let k = segs.length; k >= 1 && !out.length; k--) {
      const rel = segs.slice(0, k).join('/');
      for (const c of [`${rel}.rs`, `${rel}/mod.rs`])
        out.push(...byTail(idx, c).filter((f) => !f.includes('/tests/')));
    }
    return out.slice(0, 2);
  }
  if (/\.(java|kt|scala)$/.test(from)) {
    if (spec.startsWith('class:')) {
      const name = spec.slice(6);
      return ['java', 'kt', 'scala']
        .map((e) => `${dir}/${name}.${e}`)
        .filter((c) => idx.set.has(c) && c !== from);
    }
    const rel = spec.slice(5).replace(/\./g, '/');
    return ['java', 'kt', 'scala'].flatMap((e) => byTail(idx, `${rel}.${e}`)).slice(0, 2);
  }
  if (/\.(c|cc|cpp|cxx|h|hh|hpp|m)$/.test(from)) {
    const local = normalize(`${dir}/${spec}`);
    const hits = idx.set.has(local) ? [local] : byTail(idx, normalize(spec)).slice(0, 2);
    // a header's functions are defined in the source file beside it
    const out = [...hits];
    for (const h of hits) {
      const stem = h.replace(/\.(h|hh|hpp)$/, '');
      if (stem !== h)
        for (const e of ['c', 'cc', 'cpp', 'cxx']) if (idx.set.has(`${stem}.${e}`)) out.push(`${stem}.${e}`);
    }
    return out;
  }
  return [];
}

function jsCandidates(target: string): string[] {
  const out = [target];
  const noJs = target.replace(/\.[cm]?js$/, '');
  for (const e of ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json', '.d.ts'])
    out.push(noJs + e);
  // the folder's index; `require('..')` from test/ names the repository root (target '')
  const folder = target ? `${target}/` : '';
  for (const e of ['ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs']) out.push(`${folder}index.${e}`);
  return out;
}

/**
 * String literals naming a file of `candidates` (usually the changed files): `"data/rates.json"`,
 * `/ "data" / "rates.json"` (its base name, when unique among the candidates).
 */
export function literalReferences(text: string, candidates: string[]): string[] {
  const s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const byBase = new Map<string, string[]>();
  for (const c of candidates) {
    const base = c.slice(c.lastIndexOf('/') + 1);
    if (base.length < 4) continue;
    byBase.set(base, [...(byBase.get(base) ?? []), c]);
  }
  if (!byBase.size) return [];
  const out = new Set<string>();
  for (const m of s.matchAll(/['"`]([^'"`\n]{1,200})['"`]/g)) {
    const lit = m[1].replace(/\\/g, '/');
    const base = lit.slice(lit.lastIndexOf('/') + 1);
    const hits = byBase.get(base);
    if (!hits) continue;
    const exact = hits.filter((h) => h === normalize(lit) || h.endsWith('/' + normalize(lit)));
    if (exact.length) exact.forEach((h) => out.add(h));
    else if (hits.length === 1) out.add(hits[0]);
  }
  return [...out];
}

/** The repository files `path` refers to, given its text. Never throws. */
export function fileReferences(
  path: string,
  text: string,
  idx: ImportIndex,
  changed: string[] = [],
): string[] {
  const out = new Set<string>();
  try {
    if (SOURCE_EXT.test(path)) {
      for (const spec of importSpecifiers(path, text))
        for (const r of resolveSpecifier(path, spec, idx)) if (r !== path) out.add(r);
    }
    for (const r of literalReferences(text, changed)) if (r !== path) out.add(r);
  } catch {
    // malformed input: what was found so far
  }
  return [...out];
}
