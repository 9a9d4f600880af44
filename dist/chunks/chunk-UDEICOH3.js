import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/diff/quote.ts
var SIMPLE_ESCAPES = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  "\\": 92
};
var decoder = new TextDecoder("utf-8");
function readQuoted(text, start) {
  const bytes = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value: decodeBytes(bytes), end: i + 1 };
    if (ch === "\\" && i + 1 < text.length) {
      const next = text[i + 1];
      if (next >= "0" && next <= "7") {
        let n = 0;
        let j = i + 1;
        while (j < text.length && j < i + 4 && text[j] >= "0" && text[j] <= "7") {
          n = n * 8 + (text.charCodeAt(j) - 48);
          j++;
        }
        bytes.push(n & 255);
        i = j;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== void 0) {
        bytes.push(simple);
        i += 2;
        continue;
      }
      pushUtf8(bytes, "\\");
      i++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code < 128) {
      bytes.push(code);
      i++;
      continue;
    }
    const s = String.fromCodePoint(text.codePointAt(i));
    pushUtf8(bytes, s);
    i += s.length;
  }
  return { value: decodeBytes(bytes), end: text.length };
}
function unquotePath(token) {
  const t = token;
  if (t.startsWith('"')) return readQuoted(t, 0).value;
  return t;
}
function pushUtf8(bytes, s) {
  for (const b of Buffer.from(s, "utf8")) bytes.push(b);
}
function decodeBytes(bytes) {
  return decoder.decode(Uint8Array.from(bytes));
}

// src/diff/unified.ts
var HUNK_RE = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@(.*)$/;
function parseUnifiedDiff(text) {
  const out = [];
  for (const d of parseDrafts(text)) {
    const f = toChangedFile(d);
    if (f) out.push(f);
  }
  return out;
}
function parsePatch(patch) {
  const hunks = [];
  for (const d of parseDrafts(patch)) for (const h of d.hunks) hunks.push(h);
  return hunks;
}
function parseDrafts(text) {
  const drafts = [];
  if (typeof text !== "string" || text.length === 0) return drafts;
  const lines = text.split("\n");
  let cur;
  let hunk;
  let oldLeft = 0;
  let newLeft = 0;
  let oldNo = 0;
  let newNo = 0;
  let skipping = false;
  const start = (d) => {
    drafts.push(d);
    hunk = void 0;
    skipping = false;
    return d;
  };
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (hunk && (oldLeft > 0 || newLeft > 0)) {
      const c = line.charAt(0);
      if (c === " " || line === "" && oldLeft > 0 && newLeft > 0) {
        if (oldLeft > 0) oldLeft--;
        if (newLeft > 0) newLeft--;
        oldNo++;
        newNo++;
        continue;
      }
      if (c === "+" && newLeft > 0) {
        hunk.added.push({ line: newNo++, text: line.slice(1) });
        newLeft--;
        continue;
      }
      if (c === "-" && oldLeft > 0) {
        hunk.removed.push({ line: oldNo++, text: line.slice(1) });
        oldLeft--;
        continue;
      }
      if (c === "\\") continue;
      hunk = void 0;
    }
    if (line.startsWith("diff --git ")) {
      const names = parseGitHeaderNames(line.slice("diff --git ".length));
      cur = start({ git: true, hunks: [], headerOld: names?.[0], headerNew: names?.[1] });
      continue;
    }
    if (skipping) continue;
    if (line.startsWith("@@ ")) {
      const m = HUNK_RE.exec(line);
      if (!m) continue;
      if (!cur) cur = start({ git: false, hunks: [] });
      const h = {
        oldStart: toInt(m[1]),
        oldLines: m[2] === void 0 ? 1 : toInt(m[2]),
        newStart: toInt(m[3]),
        newLines: m[4] === void 0 ? 1 : toInt(m[4]),
        added: [],
        removed: []
      };
      const header = m[5].startsWith(" ") ? m[5].slice(1) : m[5];
      if (header.trim()) h.header = header.trim();
      cur.hunks.push(h);
      hunk = h;
      oldLeft = h.oldLines;
      newLeft = h.newLines;
      oldNo = h.oldStart;
      newNo = h.newStart;
      continue;
    }
    if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
      const minus = headerPath(line.slice(4));
      const plus = headerPath(stripCr(lines[i + 1]).slice(4));
      const sameFile = cur && cur.git && cur.minus === void 0 && cur.hunks.length === 0;
      const d = sameFile ? cur : cur = start({ git: false, hunks: [] });
      const [m, p] = stripPrefixes(minus, plus, d.git);
      d.minus = m;
      d.plus = p;
      i++;
      continue;
    }
    if (line.startsWith("Binary files ") && line.endsWith(" differ")) {
      if (!cur || cur.hunks.length > 0 || cur.binary) {
        cur = start({ git: false, hunks: [] });
        const body = line.slice("Binary files ".length, -" differ".length);
        const and = body.indexOf(" and ");
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
    if (line === "GIT binary patch") {
      cur.binary = true;
      skipping = true;
    } else if (line.startsWith("new file mode ")) cur.newFile = true;
    else if (line.startsWith("deleted file mode ")) cur.deletedFile = true;
    else if (line.startsWith("old mode ") || line.startsWith("new mode ")) cur.modeChange = true;
    else if (line.startsWith("rename from ")) cur.renameFrom = unquotePath(line.slice(12));
    else if (line.startsWith("rename to ")) cur.renameTo = unquotePath(line.slice(10));
    else if (line.startsWith("rename old ")) cur.renameFrom = unquotePath(line.slice(11));
    else if (line.startsWith("rename new ")) cur.renameTo = unquotePath(line.slice(11));
    else if (line.startsWith("copy from ")) cur.copyFrom = unquotePath(line.slice(10));
    else if (line.startsWith("copy to ")) cur.copyTo = unquotePath(line.slice(8));
  }
  return drafts;
}
function toChangedFile(d) {
  const oldPath = d.renameFrom ?? d.copyFrom ?? nonNull(d.minus) ?? d.headerOld;
  const newPath = d.renameTo ?? d.copyTo ?? nonNull(d.plus) ?? d.headerNew;
  const deleted = d.deletedFile === true || d.plus === null && d.minus !== null;
  const added = d.newFile === true || d.minus === null && d.plus !== null;
  let status;
  let path;
  let previousPath;
  if (deleted) {
    status = "deleted";
    path = oldPath ?? newPath;
  } else if (added) {
    status = "added";
    path = newPath ?? oldPath;
  } else if (d.renameFrom !== void 0 || d.renameTo !== void 0) {
    status = "renamed";
    path = newPath;
    previousPath = oldPath;
  } else if (d.copyFrom !== void 0 || d.copyTo !== void 0) {
    status = "copied";
    path = newPath;
    previousPath = oldPath;
  } else {
    path = newPath ?? oldPath;
    status = d.hunks.length === 0 && !d.binary && d.modeChange ? "changed" : "modified";
  }
  if (path === void 0 || path === "") return void 0;
  let additions = 0;
  let deletions = 0;
  for (const h of d.hunks) {
    additions += h.added.length;
    deletions += h.removed.length;
  }
  const f = { path, status, additions, deletions, hunks: d.hunks, commits: [] };
  if (previousPath !== void 0 && previousPath !== path) f.previousPath = previousPath;
  if (d.binary) {
    f.binary = true;
    f.patchMissing = true;
  }
  return f;
}
function parseGitHeaderNames(rest) {
  let a;
  let b;
  if (rest.startsWith('"')) {
    const q = readQuoted(rest, 0);
    a = q.value;
    const tail = rest.slice(q.end).replace(/^ /, "");
    b = unquotePath(tail);
  } else {
    const q = rest.indexOf(' "');
    if (q >= 0 && rest.endsWith('"')) {
      a = rest.slice(0, q);
      b = readQuoted(rest, q + 1).value;
    } else {
      const half = (rest.length - 1) / 2;
      if (Number.isInteger(half) && rest.charAt(half) === " ") {
        const [x2, y2] = stripPrefixes(rest.slice(0, half), rest.slice(half + 1), true);
        if (x2 === y2 && x2 !== null) return [x2, x2];
      }
      const sp = rest.indexOf(" b/");
      if (sp < 0) return void 0;
      a = rest.slice(0, sp);
      b = rest.slice(sp + 1);
    }
  }
  const [x, y] = stripPrefixes(a, b, true);
  if (x === null || y === null) return void 0;
  return [x, y];
}
function headerPath(s) {
  if (s.startsWith('"')) return devNull(readQuoted(s, 0).value);
  const tab = s.indexOf("	");
  return devNull(tab >= 0 ? s.slice(0, tab) : s);
}
function devNull(p) {
  return p === "/dev/null" ? null : p;
}
var MNEMONIC = /* @__PURE__ */ new Set(["a", "b", "c", "i", "w", "o", "1", "2"]);
function stripPrefixes(minus, plus, git) {
  const pre = (p) => p !== null && p.length > 2 && p.charAt(1) === "/" && MNEMONIC.has(p.charAt(0)) ? p.charAt(0) : void 0;
  const pm = pre(minus);
  const pp = pre(plus);
  const strip = (git || pm === "a" || pp === "b") && (pm !== void 0 || minus === null) && (pp !== void 0 || plus === null) && (pm === void 0 || pp === void 0 || pm !== pp);
  if (!strip) return [minus, plus];
  return [minus === null ? null : minus.slice(2), plus === null ? null : plus.slice(2)];
}
function nonNull(p) {
  return p === null || p === void 0 ? void 0 : p;
}
function stripCr(s) {
  return s.endsWith("\r") ? s.slice(0, -1) : s;
}
function toInt(s) {
  const n = Number.parseInt(s, 10);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

export {
  parseUnifiedDiff,
  parsePatch
};
