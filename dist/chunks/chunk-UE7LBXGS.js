import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/diff/imports.ts
var MAX_SCAN = 2e5;
var MAX_SPECS = 200;
var JS_EXT = /\.[cm]?[jt]sx?$/;
var SOURCE_EXT = /\.([cm]?[jt]sx?|py|go|rs|java|kt|c|cc|cpp|cxx|h|hh|hpp|m|cs|rb|php|scala|swift)$/;
function importIndex(repoFiles) {
  const byBase = /* @__PURE__ */ new Map();
  for (const f of repoFiles) {
    const base = f.slice(f.lastIndexOf("/") + 1);
    const list = byBase.get(base);
    if (list) list.push(f);
    else byBase.set(base, [f]);
  }
  return { files: repoFiles, byBase, set: new Set(repoFiles) };
}
function dirOf(p) {
  const i = p.lastIndexOf("/");
  return i < 0 ? "" : p.slice(0, i);
}
function normalize(p) {
  const out = [];
  for (const seg of p.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}
function byTail(idx, tail) {
  const base = tail.slice(tail.lastIndexOf("/") + 1);
  return (idx.byBase.get(base) ?? []).filter((f) => f === tail || f.endsWith("/" + tail));
}
function importSpecifiers(path, text) {
  const s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const out = [];
  const push = (x) => {
    if (x && out.length < MAX_SPECS && x.length < 300) out.push(x);
  };
  if (JS_EXT.test(path) || /\.(vue|svelte)$/.test(path)) {
    for (const m of s.matchAll(/\bfrom\s*['"]([^'"\n]+)['"]/g)) push(m[1]);
    for (const m of s.matchAll(/\b(?:require|import)\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) push(m[1]);
    for (const m of s.matchAll(/^\s*import\s+['"]([^'"\n]+)['"]/gm)) push(m[1]);
  } else if (path.endsWith(".py")) {
    for (const m of s.matchAll(/^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+([\w, \t]+)/gm)) {
      push(m[1]);
      for (const name of m[2].split(",")) push(`${m[1]}${m[1].endsWith(".") ? "" : "."}${name.trim()}`);
    }
    for (const m of s.matchAll(/^[ \t]*import[ \t]+([\w.]+)/gm)) push(m[1]);
  } else if (path.endsWith(".go")) {
    for (const m of s.matchAll(/^\s*(?:import\s+)?(?:[\w.]+\s+)?"([^"\n]+)"\s*$/gm)) push(m[1]);
  } else if (path.endsWith(".rs")) {
    for (const m of s.matchAll(/^\s*(?:pub(?:\([^)\n]*\))?\s+)?mod\s+(\w+)\s*;/gm)) push(`mod:${m[1]}`);
    for (const m of s.matchAll(/^\s*(?:pub\s+)?use\s+([\w:]+)/gm)) push(`use:${m[1]}`);
  } else if (/\.(java|kt|scala)$/.test(path)) {
    for (const m of s.matchAll(/^\s*import\s+(?:static\s+)?([\w.]+)/gm)) push(`java:${m[1]}`);
    for (const m of s.matchAll(/\b([A-Z][A-Za-z0-9_]*)\s*(?:\.|\()/g)) push(`class:${m[1]}`);
  } else if (/\.(c|cc|cpp|cxx|h|hh|hpp|m)$/.test(path)) {
    for (const m of s.matchAll(/^\s*#\s*include\s*"([^"\n]+)"/gm)) push(m[1]);
  }
  return out;
}
function resolveSpecifier(from, spec, idx) {
  const dir = dirOf(from);
  if (JS_EXT.test(from) || /\.(vue|svelte)$/.test(from)) {
    if (!spec.startsWith(".") && !spec.startsWith("/")) {
      const alias = spec.replace(/^[@~#]\//, "");
      if (alias === spec && !spec.includes("/")) return [];
      return jsCandidates(alias).flatMap((c) => byTail(idx, c)).slice(0, 2);
    }
    const target = normalize(`${dir}/${spec}`);
    for (const c of jsCandidates(target)) if (idx.set.has(c)) return [c];
    return [];
  }
  if (from.endsWith(".py")) {
    let mod = spec;
    let base = "";
    const dots = /^\.+/.exec(mod)?.[0].length ?? 0;
    if (dots) {
      base = dir.split("/").slice(0, Math.max(0, dir.split("/").length - (dots - 1))).join("/");
      mod = mod.slice(dots);
    }
    const rel = mod.replace(/\./g, "/");
    const full = base ? rel ? `${base}/${rel}` : base : rel;
    if (!full) return [];
    for (const c of [`${full}.py`, `${full}/__init__.py`]) {
      if (idx.set.has(c)) return [c];
      const t = dots ? [] : byTail(idx, c);
      if (t.length === 1) return t;
    }
    return [];
  }
  if (from.endsWith(".go")) {
    const parts = spec.split("/");
    for (let k = 0; k < parts.length; k++) {
      const tail = parts.slice(k).join("/");
      const files = idx.files.filter(
        (f) => f.endsWith(".go") && !f.endsWith("_test.go") && (dirOf(f) === tail || dirOf(f).endsWith("/" + tail))
      );
      if (files.length) return files.slice(0, 20);
    }
    return [];
  }
  if (from.endsWith(".rs")) {
    if (spec.startsWith("mod:")) {
      const name = spec.slice(4);
      const own = /(?:^|\/)(?:mod|lib|main)\.rs$/.test(from) ? dir : `${dir}/${from.slice(dir.length + 1, -3)}`;
      const d = own ? `${own}/` : "";
      return [`${d}${name}.rs`, `${d}${name}/mod.rs`].filter((c) => idx.set.has(c));
    }
    const path = spec.slice(4).split("::").filter(Boolean);
    const segs = path[0] === "crate" || path[0] === "super" || path[0] === "self" ? path.slice(1) : path.slice(1);
    const out = [];
    for (let k = segs.length; k >= 1 && !out.length; k--) {
      const rel = segs.slice(0, k).join("/");
      for (const c of [`${rel}.rs`, `${rel}/mod.rs`])
        out.push(...byTail(idx, c).filter((f) => !f.includes("/tests/")));
    }
    return out.slice(0, 2);
  }
  if (/\.(java|kt|scala)$/.test(from)) {
    if (spec.startsWith("class:")) {
      const name = spec.slice(6);
      return ["java", "kt", "scala"].map((e) => `${dir}/${name}.${e}`).filter((c) => idx.set.has(c) && c !== from);
    }
    const rel = spec.slice(5).replace(/\./g, "/");
    return ["java", "kt", "scala"].flatMap((e) => byTail(idx, `${rel}.${e}`)).slice(0, 2);
  }
  if (/\.(c|cc|cpp|cxx|h|hh|hpp|m)$/.test(from)) {
    const local = normalize(`${dir}/${spec}`);
    const hits = idx.set.has(local) ? [local] : byTail(idx, normalize(spec)).slice(0, 2);
    const out = [...hits];
    for (const h of hits) {
      const stem = h.replace(/\.(h|hh|hpp)$/, "");
      if (stem !== h) {
        for (const e of ["c", "cc", "cpp", "cxx"]) if (idx.set.has(`${stem}.${e}`)) out.push(`${stem}.${e}`);
      }
    }
    return out;
  }
  return [];
}
function jsCandidates(target) {
  const out = [target];
  const noJs = target.replace(/\.[cm]?js$/, "");
  for (const e of [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts", ".json", ".d.ts"])
    out.push(noJs + e);
  const folder = target ? `${target}/` : "";
  for (const e of ["ts", "tsx", "js", "jsx", "mjs", "cjs"]) out.push(`${folder}index.${e}`);
  return out;
}
function literalReferences(text, candidates) {
  const s = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  const byBase = /* @__PURE__ */ new Map();
  for (const c of candidates) {
    const base = c.slice(c.lastIndexOf("/") + 1);
    if (base.length < 4) continue;
    byBase.set(base, [...byBase.get(base) ?? [], c]);
  }
  if (!byBase.size) return [];
  const out = /* @__PURE__ */ new Set();
  for (const m of s.matchAll(/['"`]([^'"`\n]{1,200})['"`]/g)) {
    const lit = m[1].replace(/\\/g, "/");
    const base = lit.slice(lit.lastIndexOf("/") + 1);
    const hits = byBase.get(base);
    if (!hits) continue;
    const exact = hits.filter((h) => h === normalize(lit) || h.endsWith("/" + normalize(lit)));
    if (exact.length) exact.forEach((h) => out.add(h));
    else if (hits.length === 1) out.add(hits[0]);
  }
  return [...out];
}
function fileReferences(path, text, idx, changed = []) {
  const out = /* @__PURE__ */ new Set();
  try {
    if (SOURCE_EXT.test(path)) {
      for (const spec of importSpecifiers(path, text))
        for (const r of resolveSpecifier(path, spec, idx)) if (r !== path) out.add(r);
    }
    for (const r of literalReferences(text, changed)) if (r !== path) out.add(r);
  } catch {
  }
  return [...out];
}

// src/diff/context.ts
var MAX_NAMED = 12;
var MAX_READ = 32;
var IMPORT_LEVELS = 4;
var MAX_FILE_BYTES = 512 * 1024;
async function attachImports(ctx, changeSet, named, limits = {}) {
  const repoFiles = changeSet.repoFiles ?? [];
  if (!repoFiles.length || !named.length || !changeSet.head) return 0;
  const maxRead = limits.maxRead ?? MAX_READ;
  const levels = limits.levels ?? IMPORT_LEVELS;
  const idx = importIndex(repoFiles);
  const changed = new Set(changeSet.files.map((f) => f.path));
  const changedList = [...changed];
  const imports = changeSet.imports ?? {};
  let reads = 0;
  const read = async (path) => {
    if (path in imports) return imports[path];
    if (!idx.set.has(path) || reads >= maxRead) return void 0;
    reads++;
    try {
      const text = await ctx.read(path);
      if (text === void 0) return void 0;
      const refs = fileReferences(path, text, idx, changedList);
      imports[path] = refs;
      return refs;
    } catch {
      return void 0;
    }
  };
  let level = [...new Set(named)].filter((p) => idx.set.has(p)).slice(0, MAX_NAMED);
  const seen = new Set(level);
  for (let depth = 1; depth <= levels && level.length && reads < maxRead; depth++) {
    const got = await Promise.all(level.slice(0, maxRead - reads).map(read));
    const next = [];
    for (const refs of got)
      for (const r of refs ?? [])
        if (!changed.has(r) && !seen.has(r)) {
          seen.add(r);
          next.push(r);
        }
    level = next;
  }
  if (Object.keys(imports).length) changeSet.imports = imports;
  return reads;
}

export {
  MAX_FILE_BYTES,
  attachImports
};
