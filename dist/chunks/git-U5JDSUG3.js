import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  parseUnifiedDiff
} from "./chunk-UDEICOH3.js";
import {
  InputError
} from "./chunk-6YJQBB6I.js";
import {
  GitError,
  git
} from "./chunk-UH2ZHXQK.js";
import "./chunk-CZYETK37.js";

// src/diff/git.ts
import { stat } from "node:fs/promises";
import { resolve } from "node:path";

// src/diff/porcelain.ts
var RAW_STATUS = {
  A: "added",
  D: "deleted",
  M: "modified",
  T: "changed",
  R: "renamed",
  C: "copied",
  U: "modified",
  X: "changed"
};
function parseRawZ(text) {
  const out = [];
  const parts = text.split("\0");
  let i = 0;
  while (i < parts.length) {
    const head = parts[i].replace(/^\n/, "");
    if (!head.startsWith(":")) {
      i++;
      continue;
    }
    const fields = head.slice(1).split(" ");
    const letter = (fields[4] ?? "").charAt(0);
    const status = RAW_STATUS[letter] ?? "modified";
    if (letter === "R" || letter === "C") {
      const from = parts[i + 1];
      const to = parts[i + 2];
      if (from !== void 0 && to !== void 0)
        out.push({ status, path: to, previousPath: from, mode: fields[1] });
      i += 3;
    } else {
      const path = parts[i + 1];
      if (path !== void 0 && path !== "") {
        out.push({ status, path, mode: letter === "D" ? fields[0] : fields[1] });
      }
      i += 2;
    }
  }
  return out;
}
var LOG_FORMAT = "%H%x1f%P%x1f%aI%x1f%an%x1f%s";
function parseLogZ(text) {
  const out = [];
  for (const raw of text.split("\0")) {
    const rec = raw.replace(/^\n/, "");
    const [sha, parents, date, author, ...subject] = rec.split("");
    if (!sha || !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha)) continue;
    const c = {
      sha,
      subject: subject.join(""),
      parents: parents ? parents.split(" ").filter(Boolean) : [],
      files: []
    };
    if (author) c.author = author;
    if (date) c.date = date;
    out.push(c);
  }
  return out;
}
function attachLogFiles(records, text) {
  let k = -1;
  let afterHeader = false;
  for (const tok of text.split("\0")) {
    const next = records[k + 1];
    if (next && (tok === next.sha || tok === "\n" + next.sha)) {
      k++;
      afterHeader = true;
      continue;
    }
    if (k < 0) continue;
    const file = afterHeader && tok.startsWith("\n") ? tok.slice(1) : tok;
    afterHeader = false;
    if (file !== "") records[k].files.push(file);
  }
}
var BLAME_HEADER = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d+) (\d+)(?: (\d+))?$/;
function parseBlamePorcelain(text) {
  const lines = /* @__PURE__ */ new Map();
  const boundary = /* @__PURE__ */ new Set();
  let sha;
  for (const line of text.split("\n")) {
    if (line.startsWith("	")) continue;
    const m = BLAME_HEADER.exec(line);
    if (m) {
      sha = m[1];
      lines.set(Number(m[3]), sha);
      continue;
    }
    if (line === "boundary" && sha) boundary.add(sha);
  }
  return { lines, boundary };
}

// src/diff/git.ts
var DEFAULT_MAX_BLAME_FILES = 200;
var DEFAULT_MAX_COMMITS = 1e3;
var BLAME_CONCURRENCY = 8;
var MAX_BLAME_RANGES = 400;
async function changeSetFromGit(opts) {
  const dir = resolve(opts.repo);
  const root = await openRepository(dir);
  const notes = [];
  const headRev = opts.head ?? "HEAD";
  const head = await resolveCommit(root, headRev, "head");
  let base;
  let baseSource;
  if (opts.base !== void 0) {
    base = await resolveCommit(root, opts.base, "base");
    baseSource = "given";
  } else {
    const chosen = await defaultBase(root, head, headRev);
    base = chosen.base;
    baseSource = chosen.source;
    if (chosen.note) notes.push(chosen.note);
  }
  const [files, repoFiles] = await Promise.all([
    base === head ? Promise.resolve([]) : diffFiles(root, base, head),
    listFiles(root, head)
  ]);
  if (base === head) notes.push("base and head are the same commit: nothing changed");
  else if (base && !await isAncestor(root, base, head)) {
    notes.push(`base ${base.slice(0, 7)} is not an ancestor of head: the diff compares their trees directly`);
  }
  const maxCommits = opts.maxCommits ?? DEFAULT_MAX_COMMITS;
  const records = base === head ? [] : await rangeCommits(root, base, head, maxCommits);
  if (records.length >= maxCommits)
    notes.push(`the range has more than ${maxCommits} commits: only the newest ${maxCommits} are listed`);
  assignFileCommits(files, records);
  await assignHunkCommits(
    root,
    base,
    head,
    files,
    records,
    opts.maxBlameFiles ?? DEFAULT_MAX_BLAME_FILES,
    notes
  );
  const commits = records.map(({ sha, subject, author, date, files: touched }) => {
    const c = { sha, subject, files: touched };
    if (author) c.author = author;
    if (date) c.date = date;
    return c;
  });
  const cs = { base, head, baseSource, files, commits, repoFiles };
  if (notes.length) cs.notes = notes;
  return cs;
}
async function openRepository(dir) {
  try {
    if (!(await stat(dir)).isDirectory()) throw new InputError(`not a directory: ${dir}`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`no such directory: ${dir}`);
  }
  let top;
  try {
    await git(dir, ["rev-parse", "--git-dir"]);
    top = (await git(dir, ["rev-parse", "--show-toplevel"], { allowFailure: true })).replace(/\n$/, "");
  } catch (e) {
    if (e instanceof GitError) {
      if (/not a git repository/i.test(e.message)) throw new InputError(`not a git repository: ${dir}`);
      throw new InputError(`cannot read the git repository ${dir}: ${e.message}`);
    }
    throw e;
  }
  return top || dir;
}
async function resolveCommit(root, rev, what) {
  if (!rev || rev.startsWith("-") || /[\0\n]/.test(rev))
    throw new InputError(`${what} is not a commit: ${oneLine(rev)}`);
  const out = await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], {
    allowFailure: true
  });
  const sha = out.trim();
  if (!/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(sha))
    throw new InputError(`${what} is not a commit: ${oneLine(rev)}`);
  return sha;
}
function oneLine(s) {
  return s.replace(/[\r\n\0]+/g, " ").slice(0, 100);
}
async function tryCommit(root, rev) {
  const out = (await git(root, ["rev-parse", "--verify", "--quiet", `${rev}^{commit}`], { allowFailure: true })).trim();
  return /^([0-9a-f]{40}|[0-9a-f]{64})$/.test(out) ? out : void 0;
}
async function defaultBranch(root) {
  const sym = (await git(root, ["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"], { allowFailure: true })).trim();
  if (sym.startsWith("refs/remotes/")) {
    const ref = sym.slice("refs/remotes/".length);
    if (await tryCommit(root, `refs/remotes/${ref}`))
      return { ref: `refs/remotes/${ref}`, name: ref.replace(/^origin\//, "") };
  }
  for (const name of ["main", "master"]) {
    for (const ref of [`refs/heads/${name}`, `refs/remotes/origin/${name}`]) {
      if (await tryCommit(root, ref)) return { ref, name };
    }
  }
  return void 0;
}
async function defaultBase(root, head, headRev) {
  const branch = await defaultBranch(root);
  const parent = await tryCommit(root, `${head}^1`);
  const parentBase = (why) => parent ? {
    base: parent,
    source: `parent commit (${why})`,
    note: `no base given and ${why}: analysing ${headRev}'s last commit only`
  } : { source: "root commit", note: `no base given and ${headRev} is a root commit: every file is new` };
  if (!branch) return parentBase("no default branch (origin/HEAD, main, master) found");
  const mb = (await git(root, ["merge-base", head, branch.ref], { allowFailure: true })).trim();
  if (!mb) return parentBase(`${headRev} shares no history with ${branch.name}`);
  if (mb === head) return parentBase(`${headRev} is on ${branch.name}`);
  return { base: mb, source: `merge base with ${branch.name}` };
}
async function isAncestor(root, a, b) {
  try {
    await git(root, ["merge-base", "--is-ancestor", a, b]);
    return true;
  } catch {
    return false;
  }
}
async function emptyTree(root) {
  return (await git(root, ["hash-object", "-t", "tree", "/dev/null"])).trim();
}
var DIFF_OPTS = [
  "--no-color",
  "--no-ext-diff",
  "--no-textconv",
  "--find-renames",
  "--src-prefix=a/",
  "--dst-prefix=b/"
];
async function diffFiles(root, base, head) {
  const from = base ?? await emptyTree(root);
  const [raw, patch] = await Promise.all([
    git(root, ["diff", "--raw", "-z", "--no-abbrev", ...DIFF_OPTS, from, head, "--"]),
    git(root, ["diff", "-U0", ...DIFF_OPTS, from, head, "--"])
  ]);
  const parsed = /* @__PURE__ */ new Map();
  for (const f of parseUnifiedDiff(patch)) parsed.set(key(f.previousPath, f.path, f.status), f);
  const files = [];
  for (const e of parseRawZ(raw)) {
    const p = parsed.get(key(e.previousPath, e.path, e.status)) ?? parsed.get(key(void 0, e.path, void 0));
    const f = {
      path: e.path,
      status: e.status,
      additions: p?.additions ?? 0,
      deletions: p?.deletions ?? 0,
      hunks: p?.hunks ?? [],
      commits: []
    };
    if (e.previousPath !== void 0) f.previousPath = e.previousPath;
    if (p?.binary) f.binary = true;
    if (!p || p.binary) f.patchMissing = true;
    if (e.mode === "160000") f.patchMissing = f.hunks.length === 0;
    files.push(f);
  }
  return files;
}
function key(previous, path, status) {
  const renamed = status === "renamed" || status === "copied";
  return `${renamed ? previous ?? "" : ""}\0${path}`;
}
async function listFiles(root, head) {
  const out = await git(root, ["ls-tree", "-r", "-z", "--full-tree", "--name-only", head]);
  return out.split("\0").filter((p) => p.length > 0);
}
async function rangeCommits(root, base, head, max) {
  const range = base ? [`${base}..${head}`] : [head];
  const limit = [`--max-count=${max}`, "--no-show-signature", "--no-color"];
  const [meta, names] = await Promise.all([
    git(root, ["log", "-z", `--format=${LOG_FORMAT}`, ...limit, ...range, "--"]),
    git(root, [
      "log",
      "-z",
      "--name-only",
      "--format=%H",
      "--find-renames",
      "--no-ext-diff",
      "--no-textconv",
      ...limit,
      ...range,
      "--"
    ])
  ]);
  const records = parseLogZ(meta);
  attachLogFiles(records, names);
  return records;
}
function assignFileCommits(files, records) {
  const byPath = /* @__PURE__ */ new Map();
  for (const r of records) {
    for (const p of r.files) {
      let list = byPath.get(p);
      if (!list) byPath.set(p, list = []);
      list.push(r.sha);
    }
  }
  const order = new Map(records.map((r, i) => [r.sha, i]));
  for (const f of files) {
    const shas = /* @__PURE__ */ new Set([
      ...byPath.get(f.path) ?? [],
      ...f.previousPath ? byPath.get(f.previousPath) ?? [] : []
    ]);
    f.commits = [...shas].sort((a, b) => order.get(a) - order.get(b));
  }
}
async function assignHunkCommits(root, base, head, files, records, maxFiles, notes) {
  const inRange = new Set(records.map((r) => r.sha));
  const order = new Map(records.map((r, i) => [r.sha, i]));
  const jobs = [];
  let capped = 0;
  for (const f of files) {
    if (f.hunks.length === 0 || f.commits.length === 0) continue;
    if (f.commits.length === 1 || f.status === "deleted") {
      for (const h of f.hunks) h.commit = f.commits[0];
      continue;
    }
    if (jobs.length >= maxFiles) {
      capped++;
      continue;
    }
    jobs.push(() => blameFile(root, base, head, f, inRange, order, records));
  }
  if (capped)
    notes.push(
      `per-hunk commits were found for ${maxFiles} files only; ${capped} more files were not blamed`
    );
  await runPool(jobs, BLAME_CONCURRENCY);
}
async function blameFile(root, base, head, f, inRange, order, records) {
  const range = base ? `${base}..${head}` : head;
  const withAdded = f.hunks.filter((h) => h.added.length > 0);
  await blameAdded(root, range, f.path, withAdded, ["-w"], inRange, order);
  const unresolved = withAdded.filter((h) => !h.commit);
  if (unresolved.length) await blameAdded(root, range, f.path, unresolved, [], inRange, order);
  const removalsOnly = f.hunks.filter((h) => h.added.length === 0 && h.removed.length > 0);
  if (removalsOnly.length && base) await blameRemoved(root, base, head, f, removalsOnly, records);
}
async function blameAdded(root, range, path, hunks, extra, inRange, order) {
  if (hunks.length === 0) return;
  const ranges = hunks.map((h) => [h.added[0].line, h.added[h.added.length - 1].line]);
  const out = await git(
    root,
    ["blame", "--porcelain", "--no-textconv", ...extra, ...lineArgs(ranges), range, "--", path],
    { allowFailure: true }
  );
  const blame = parseBlamePorcelain(out);
  for (const h of hunks) {
    const votes = /* @__PURE__ */ new Map();
    for (const l of h.added) {
      const sha = blame.lines.get(l.line);
      if (!sha || blame.boundary.has(sha) || !inRange.has(sha)) continue;
      votes.set(sha, (votes.get(sha) ?? 0) + 1);
      l.commit = sha;
    }
    h.removed.forEach((r, k) => {
      const c = h.added[Math.min(k, h.added.length - 1)]?.commit;
      if (c) r.commit = c;
    });
    let best;
    for (const [sha, n] of votes) {
      const b = best === void 0 ? 0 : votes.get(best);
      if (n > b || n === b && order.get(sha) < order.get(best)) best = sha;
    }
    if (best) h.commit = best;
  }
}
async function blameRemoved(root, base, head, f, hunks, records) {
  const oldPath = f.previousPath ?? f.path;
  const ranges = hunks.map((h) => [
    h.removed[0].line,
    h.removed[h.removed.length - 1].line
  ]);
  const out = await git(
    root,
    [
      "blame",
      "--porcelain",
      "--no-textconv",
      "--reverse",
      ...lineArgs(ranges),
      `${base}..${head}`,
      "--",
      oldPath
    ],
    { allowFailure: true }
  );
  const blame = parseBlamePorcelain(out);
  const touching = new Set(f.commits);
  const childOf = /* @__PURE__ */ new Map();
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!touching.has(r.sha)) continue;
    for (const p of r.parents) if (!childOf.has(p)) childOf.set(p, r.sha);
  }
  for (const h of hunks) {
    const lastSeen = blame.lines.get(h.removed[0].line);
    const remover = lastSeen ? childOf.get(lastSeen) ?? nextTouching(lastSeen, records, touching) : void 0;
    if (remover) h.commit = remover;
  }
}
function nextTouching(sha, records, touching) {
  const i = records.findIndex((r) => r.sha === sha);
  if (i < 0) return void 0;
  for (let j = i - 1; j >= 0; j--) if (touching.has(records[j].sha)) return records[j].sha;
  return void 0;
}
function lineArgs(ranges) {
  const valid = ranges.filter(([a, b]) => a >= 1 && b >= a);
  if (valid.length === 0) return [];
  if (valid.length > MAX_BLAME_RANGES) {
    let lo = valid[0][0];
    let hi = valid[0][1];
    for (const [a, b] of valid) {
      if (a < lo) lo = a;
      if (b > hi) hi = b;
    }
    return ["-L", `${lo},${hi}`];
  }
  return valid.flatMap(([a, b]) => ["-L", `${a},${b}`]);
}
async function runPool(jobs, limit) {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      await job();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}
export {
  changeSetFromGit
};
