// Ranking the changed files of the change set by how well they explain the findings.
//
// Every signal adds a Contribution to one changed file: its points, the reason shown to the reader
// and the hunks it implicates. Points (w = weight of the finding's rank: 1 / (1 + 0.6·rank), so
// finding 1 counts 1, finding 2 0.63, finding 3 0.45 ...; warnings count a quarter):
//   location    the finding's file:line          10·w·p   p = 1 on a changed line, 0.75 within NEAR_LINES,
//                                                           0.4 elsewhere in the file, 0.45 no line, 0.5 no patch
//   frame       a non-vendored stack frame        8·w·p·0.55^depth (depth among the non-vendored frames)
//   identifier  a term of the message / test name in added or removed lines
//                                                 5·w·quality·rarity (rarity: normalised IDF over all changed lines)
//   module      a module specifier of the message resolving to the file
//                                                 9·w deleted or renamed away, 6·w changed
//   mention     a path in the message             5·w deleted, 3·w changed
//   test-source the source under test of a failing test file
//                                                 7·w·fit when the test file did not change, 4·w·fit when it did
//   rule        a suspect glob of a matched pattern  6 / (1 + 0.5·pattern rank)
//   dependency  a manifest or lockfile, for a dependency finding no rule glob covered   4·w
//   caller      the finding's file (or a frame's) did not change and imports this file (ChangeSet.imports)
//                                                 6·w·site·0.65^(d-1)/√n at import depth d (1 directly, up to 4)
//                                                 (site: 1 the location, 0.55^depth a frame; n: changed files reached
//                                                 at that depth)
//   config      a build or tool configuration file, when the finding's file did not change and nothing it
//               imports changed                   4·w (compile, build, lint errors), 2.5·w (others)
//   symbol      a name the message says is missing (`cannot find symbol` with javac's `symbol:` line,
//               `has no exported member`, `undefined: X`, `has no attribute`, `cannot import name` ...) in
//               removed lines: its declaration was removed or renamed   9·w·p·owner, half when the failing
//               file changed too (see scoreMissingSymbols)
//   config      (also) a configuration file of the tool that failed (tsconfig for tsc, jest.config for jest,
//               pytest.ini for pytest ...) when the finding is not in a changed file   4·w / 3·w
//   dependency  (also) a manifest or lockfile whose changed lines declare a package the failure names  7·w
//   value       a number of the message (a timeout, a port: 3+ digits, not a line number) set by added
//               lines of a configuration or data file that did not hold it before   8·w
// The identifier signal counts a fifth for prose (README.md, docs) and half for a test file when the
// finding is not in a test: a name mentioned there rarely breaks the code that failed.
// Several contributions of the same signal to one file are summed with decay (1, 1/2, 1/4 ...), so
// ten errors in one file do not drown one precise piece of evidence. A tiny size prior
// (≤ 0.2, log of the lines changed) breaks ties between files that have evidence; it is never a reason.
import type {
  ChangeSet,
  ChangedFile,
  Commit,
  Finding,
  Hunk,
  LineRange,
  PatternMatch,
  Suspect,
} from '../types.js';
import { CAUSE_CONFIDENCE, confidence, MIN_SCORE } from './confidence.js';
import { compileGlob } from './glob.js';
import {
  addsSeparateDeclarationAfter,
  onlyAddsDeclarations,
  changedRange,
  formatRange,
  mergeRanges,
  NEAR_LINES,
  nearestHunk,
} from './hunks.js';
import { isTestPath, sourceFit, stemOf, testTarget } from './relations.js';
import { callerEdges, failureSites, isBuildConfig, isToolConfig } from './callers.js';
import {
  codeTokens,
  isStopWord,
  messageTerms,
  MIN_TOKEN_LENGTH,
  missingSymbols,
  pathReferences,
  TokenRarity,
} from './tokens.js';
import { findingKindText, isTestFinding } from './labels.js';

export type SignalKind =
  | 'location'
  | 'frame'
  | 'identifier'
  | 'module'
  | 'mention'
  | 'test-source'
  | 'rule'
  | 'dependency'
  | 'caller'
  | 'config'
  | 'value'
  | 'symbol';

export interface Contribution {
  kind: SignalKind;
  points: number;
  /** The reason shown to the reader. */
  reason: string;
  /** A few words for the verdict's summary: "renamed export `parse` in abc1234". */
  short: string;
  /** Indices into ChangedFile.hunks; empty: the whole file. */
  hunks: number[];
  /** Commits of the exact lines that gave the evidence (HunkLine.commit), most likely first. */
  commits?: string[];
  /** Index of the finding (or pattern, for 'rule') that gave the evidence. */
  source?: number;
}

export interface RankedSuspect extends Suspect {
  /** The contributions the score used, most important first, with their effective points. */
  contributions: (Contribution & { effective: number })[];
  /** Listed as a lead: no signal reached the usual bar, the file is one of the best candidates left. */
  lead?: boolean;
}

export interface SuspectOptions {
  maxSuspects?: number;
  minScore?: number;
}

export const DEFAULT_MAX_SUSPECTS = 5;
/** Findings beyond this rank are not scored. */
const MAX_FINDINGS = 40;
/** Terms per finding, frames per finding. */
const MAX_TERMS = 12;
const MAX_FRAMES = 12;
/** Changed lines indexed for the identifier signal (a huge range is sampled from its start). */
const MAX_INDEXED_LINES = 60_000;
const MAX_REASONS = 4;
const DECAY = 0.5;

const DEPENDENCY_GLOBS = [
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'pnpm-workspace.yaml',
  '.npmrc',
  '.yarnrc{,.yml}',
  'requirements*.txt',
  'pyproject.toml',
  'poetry.lock',
  'Pipfile{,.lock}',
  'setup.{py,cfg}',
  'go.{mod,sum}',
  'Cargo.{toml,lock}',
  'pom.xml',
  'build.gradle{,.kts}',
  'gradle.properties',
  'Gemfile{,.lock}',
  'composer.{json,lock}',
];
const isDependencyFile = (
  (globs) => (p: string) =>
    globs.some((g) => g(p))
)(DEPENDENCY_GLOBS.map(compileGlob));

// ───────────────────────────── wording ─────────────────────────────

const MAX_QUOTE = 80;

function clip(s: string, max = MAX_QUOTE): string {
  const cps = Array.from(s);
  return cps.length > max ? cps.slice(0, max - 1).join('') + '…' : s;
}

/** "TS2305", "jest test failure 'adds numbers'", "TypeError" ... */
export function findingLabel(f: Finding): string {
  if (f.code) return f.code;
  if ((f.kind === 'test-failure' || f.kind === 'assertion') && f.test)
    return `failing test '${clip(f.test, 60)}'`;
  const head = /^([A-Z][A-Za-z]*(?:Error|Exception)|Error)\b/.exec(f.message);
  if (head) return head[1];
  return findingKindText(f);
}

/**
 * How a reason names the finding it rests on, so a reader finds it among the findings shown:
 * `TS2305 at src/cart.ts:1`, `failing test 'adds numbers'`, `build error at log line 14`.
 */
export function findingRef(f: Finding): string {
  const label = findingLabel(f);
  if (f.file) return `${label} at ${f.file}${f.line ? ':' + f.line : ''}`;
  if (isTestFinding(f)) return label;
  return `${label} at log line ${f.logLines[0]}`;
}

function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

class Wording {
  private subjects = new Map<string, string>();
  constructor(commits: Commit[]) {
    for (const c of commits) this.subjects.set(c.sha, c.subject);
  }
  /** "abc1234 'refactor parser'" */
  commit(sha: string | undefined): string {
    if (!sha) return '';
    const subject =
      this.subjects.get(sha) ?? [...this.subjects].find(([k]) => k.startsWith(sha) || sha.startsWith(k))?.[1];
    return subject ? `${shortSha(sha)} '${clip(subject.split('\n')[0], 72)}'` : shortSha(sha);
  }
}

/** The commit of a hunk, or the file's only commit. */
function hunkCommit(file: ChangedFile, h: Hunk | undefined): string | undefined {
  return h?.commit ?? (file.commits.length === 1 ? file.commits[0] : undefined);
}

// ───────────────────────── comment-only changes ─────────────────────────

/** Line comments by language: a file whose changed lines are all comments or blank changed no behaviour. */
const LINE_COMMENTS: [RegExp, RegExp][] = [
  [
    /\.(?:[cm]?[jt]sx?|go|rs|java|kt|kts|scala|swift|cs|c|h|cc|cpp|cxx|hpp|hh|dart|php|groovy)$/i,
    /^\s*(?:\/\/|\/\*|\*)/,
  ],
  [/\.(?:py|pyi|rb|sh|bash|pl|ex|exs|r|jl)$/i, /^\s*#/],
];
/** Comments that steer a tool (type checker, linter, build tags, encodings) are not inert. */
const DIRECTIVE =
  /@ts-|eslint|tslint|biome-|deno-|prettier|jshint|istanbul|\bc8\b|noqa|type:\s*ignore|pylint|mypy|pyright|pyre|\bfmt:|isort|\bgo:|\+build|NOLINT|pragma|coverage|@flow|<reference|^\s*#!|coding[:=]|@jsx|@vitest|@jest/i;

/** Every added and removed line of the file is blank or a plain comment (a file of a known language). */
export function onlyCommentsChanged(file: ChangedFile): boolean {
  if (
    file.binary ||
    file.patchMissing ||
    !file.hunks.length ||
    (file.status !== 'modified' && file.status !== 'changed')
  )
    return false;
  const comment = LINE_COMMENTS.find(([ext]) => ext.test(file.path))?.[1];
  if (!comment) return false;
  let seen = 0;
  for (const h of file.hunks) {
    for (const l of [...h.added, ...h.removed]) {
      if (!l.text.trim()) continue;
      if (!comment.test(l.text) || DIRECTIVE.test(l.text)) return false;
      seen++;
    }
  }
  return seen > 0;
}

/**
 * Links by structure (the failing file imports this one, or tests it) and a failing line outside the
 * changed hunks, for a file that only gained new declarations: existing code did not change, so they say
 * less. Scaled by this.
 */
const ADDITIVE_FACTOR = 0.5;
const LINK_SIGNALS: ReadonlySet<SignalKind> = new Set(['test-source', 'caller']);

/** Signals about the code of a file, which a comment-only change does not explain: scaled by this. */
const COMMENT_ONLY_FACTOR = 0.25;
const CODE_SIGNALS: ReadonlySet<SignalKind> = new Set([
  'location',
  'symbol',
  'frame',
  'identifier',
  'test-source',
  'caller',
]);

// ───────────────────────────── scoring ─────────────────────────────

interface Ctx {
  files: ChangedFile[];
  imports?: Record<string, string[]>;
  /** Every file at head, when known. */
  repoFiles?: string[];
  byPath: Map<string, ChangedFile>;
  words: Wording;
  add(file: ChangedFile, c: Contribution): void;
}

function rankWeight(findings: Finding[]): number[] {
  let rank = 0;
  return findings.map((f) => {
    if (f.kind === 'exit') return 0;
    const w = 1 / (1 + 0.6 * rank);
    if (f.kind !== 'warning') rank++;
    return f.kind === 'warning' ? w * 0.25 : w;
  });
}

interface Placement {
  p: number;
  hunk?: number;
  /** "; lines 40-44 changed in abc1234 'x'" */
  detail: string;
  /** "changed line" | "next to a change" | "elsewhere" */
  where: 'in' | 'near' | 'far' | 'unknown';
  commit?: string;
}

function place(ctx: Ctx, file: ChangedFile, line: number | undefined): Placement {
  if (file.patchMissing || file.binary || !file.hunks.length) {
    return { p: 0.5, detail: ' (no patch available to place the line)', where: 'unknown' };
  }
  if (line === undefined || !(line > 0)) return { p: 0.45, detail: '', where: 'unknown' };
  const near = nearestHunk(file, line)!;
  const range = formatRange(changedRange(near.hunk));
  const exact = near.distance === 0 ? near.hunk.added.find((l) => l.line === line)?.commit : undefined;
  const sha = exact ?? hunkCommit(file, near.hunk);
  const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : '';
  if (near.distance === 0)
    return { p: 1, hunk: near.index, detail: `; ${range} changed${inCommit}`, where: 'in', commit: sha };
  const separate = near.distance <= NEAR_LINES && addsSeparateDeclarationAfter(near.hunk, line);
  if (near.distance <= NEAR_LINES && !separate) {
    const d = near.distance === 1 ? '1 line' : `${near.distance} lines`;
    return {
      p: 0.75,
      hunk: near.index,
      detail: `, ${d} from ${range} changed${inCommit}`,
      where: 'near',
      commit: sha,
    };
  }
  return {
    p: 0.4,
    detail: separate
      ? `; the nearest change (${range}${inCommit}) only adds a separate declaration after it`
      : `; the file changed elsewhere (nearest: ${range}${inCommit})`,
    where: 'far',
    commit: sha,
  };
}

function shortPlace(pl: Placement, what: string): string {
  const c = pl.commit ? ` in ${shortSha(pl.commit)}` : '';
  if (pl.where === 'in') return `${what} changed${c}`;
  if (pl.where === 'near') return `change next to the ${what}${c}`;
  return `${what} in this changed file`;
}

function scoreLocations(ctx: Ctx, findings: Finding[], w: number[]): void {
  findings.forEach((f, i) => {
    if (!w[i]) return;
    const label = findingLabel(f);
    const isTest = f.kind === 'test-failure' || f.kind === 'assertion';
    const noun = isTest
      ? 'failure location'
      : f.kind === 'lint-error'
        ? 'lint error location'
        : 'error location';
    const loc = f.file ? ctx.byPath.get(f.file) : undefined;
    if (loc && loc.status !== 'deleted') {
      const pl = place(ctx, loc, f.line);
      const at = f.line ? `line ${f.line} is the ${noun}` : `the file is the ${noun}`;
      ctx.add(loc, {
        kind: 'location',
        commits: pl.where === 'in' && pl.commit ? [pl.commit] : undefined,
        points: 10 * w[i] * pl.p,
        reason: `${at} (${label})${pl.detail}`,
        short: shortPlace(pl, isTest ? 'failing line' : 'error line'),
        hunks: pl.hunk === undefined ? [] : [pl.hunk],
        source: i,
      });
    }
    let depth = 0;
    (f.frames ?? []).slice(0, MAX_FRAMES).forEach((fr, k) => {
      if (fr.vendored || !fr.file) return;
      const d = depth++;
      if (fr.file === f.file && (fr.line === f.line || f.line === undefined)) return; // the location itself
      const cf = ctx.byPath.get(fr.file);
      if (!cf || cf.status === 'deleted') return;
      const pl = place(ctx, cf, fr.line);
      const where =
        pl.where === 'in'
          ? ' is in a changed hunk'
          : pl.where === 'near'
            ? ' is next to a changed hunk'
            : ' is in this changed file';
      const fn = fr.function ? ` in ${clip(fr.function, 60)}` : '';
      ctx.add(cf, {
        kind: 'frame',
        commits: pl.where === 'in' && pl.commit ? [pl.commit] : undefined,
        points: 8 * w[i] * pl.p * Math.pow(0.55, d),
        reason: `frame ${k + 1} of the stack trace (${fr.file}${fr.line ? ':' + fr.line : ''}${fn}) of ${findingRef(f)}${where}${pl.detail}`,
        short:
          pl.where === 'in'
            ? `frame ${k + 1} in a change${pl.commit ? ' of ' + shortSha(pl.commit) : ''}`
            : `frame ${k + 1} of the stack trace`,
        hunks: pl.hunk === undefined ? [] : [pl.hunk],
        source: i,
      });
    });
  });
}

const MISSING =
  /no exported member|not exported|does not provide an export|has no attribute|cannot import name|is not defined|cannot find name|is not a function|not found|does not exist|no member|missing|undefined|unresolved/i;

/** Prose: a name mentioned in documentation does not break code. */
const PROSE =
  /\.(?:md|markdown|mdx|txt|rst|adoc|asciidoc)$|(?:^|\/)(?:CHANGELOG|CHANGES|AUTHORS|LICENSE|NOTICE)(?:\.|$)/i;

interface TokenHits {
  added: Set<number>;
  removed: Set<number>;
  /** HunkLine.commit of the lines holding the token. */
  commits: Set<string>;
}

interface LineIndex {
  rarity: TokenRarity;
  index: Map<string, Map<ChangedFile, TokenHits>>;
}

/** The identifiers of the changed lines: which hunks of which file add or remove each. */
function indexChangedLines(files: ChangedFile[]): LineIndex {
  const rarity = new TokenRarity();
  const index = new Map<string, Map<ChangedFile, TokenHits>>();
  let budget = MAX_INDEXED_LINES;
  for (const file of files) {
    if (file.binary) continue;
    file.hunks.forEach((h, hi) => {
      for (const side of ['added', 'removed'] as const) {
        for (const l of h[side]) {
          if (budget-- <= 0) return;
          const toks = codeTokens(l.text);
          rarity.addLine(toks);
          for (const t of toks) {
            let byFile = index.get(t);
            if (!byFile) index.set(t, (byFile = new Map()));
            let hits = byFile.get(file);
            if (!hits)
              byFile.set(file, (hits = { added: new Set(), removed: new Set(), commits: new Set() }));
            hits[side].add(hi);
            if (l.commit) hits.commits.add(l.commit);
          }
        }
      }
    });
  }
  return { rarity, index };
}

function scoreIdentifiers(ctx: Ctx, findings: Finding[], w: number[], lines: LineIndex): void {
  const { rarity, index } = lines;
  if (!index.size) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra') return;
    const label = findingLabel(f);
    // "X is missing" errors are explained by lines that removed X more than by lines that use it
    const missing = MISSING.test(f.message.slice(0, 2000));
    const sideFactor = { removed: missing ? 1 : 0.8, both: missing ? 0.9 : 1, added: missing ? 0.6 : 0.9 };
    const terms = messageTerms(f.message, f.test).slice(0, MAX_TERMS);
    const inTest = [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)].some(
      (p) => !!p && isTestPath(p),
    );
    for (const term of terms) {
      const byFile = index.get(term.token);
      if (!byFile) continue;
      const r = rarity.weight(term.token);
      for (const [file, hits] of byFile) {
        const side = hits.removed.size && hits.added.size ? 'both' : hits.removed.size ? 'removed' : 'added';
        const hunks = [...new Set([...hits.removed, ...hits.added])].sort((a, b) => a - b);
        const ranges = mergeRanges(hunks.map((h) => changedRange(file.hunks[h])));
        const shas = hits.commits.size
          ? [...hits.commits]
          : [...new Set(hunks.map((h) => hunkCommit(file, file.hunks[h])).filter((s): s is string => !!s))];
        const inCommits = shas.length
          ? ` in ${shas
              .slice(0, 2)
              .map((s) => ctx.words.commit(s))
              .join(', ')}`
          : '';
        const from = f.test && !f.message.includes(term.token) ? `the name of ${label}` : findingRef(f);
        const at = `${ranges.slice(0, 3).map(formatRange).join(', ')}${inCommits}`;
        const what =
          side === 'removed'
            ? `is in removed lines (at ${at})`
            : side === 'both'
              ? `is in removed and added lines (${at})`
              : `is in added lines (${at})`;
        const rare = r >= 0.75 ? ', a rare token among the changed lines' : '';
        const verb = side === 'removed' ? 'removed' : side === 'both' ? 'changed' : 'added';
        const kindFactor = PROSE.test(file.path) ? 0.2 : !inTest && isTestPath(file.path) ? 0.5 : 1;
        ctx.add(file, {
          kind: 'identifier',
          commits: hits.commits.size ? [...hits.commits] : undefined,
          points: 5 * w[i] * term.quality * r * sideFactor[side] * kindFactor,
          reason: `\`${clip(term.token, 60)}\` (from ${from}) ${what}${rare}`,
          short: `${verb} \`${clip(term.token, 40)}\`${shas[0] ? ' in ' + shortSha(shas[0]) : ''}`,
          hunks,
          source: i,
        });
      }
    }
  });
}

/** A removed line that declares `name` (a function, method, class, variable, field, export). */
function declares(text: string, name: string): boolean {
  const at = text.search(new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`));
  if (at < 0) return false;
  const before = text.slice(0, at);
  const after = text.slice(at + name.length);
  return (
    /\b(?:def|function|func|fn|fun|class|interface|type|struct|enum|trait|const|let|var|val|export|public|private|protected|static|final|module|record|object)\b[^=(]*$/.test(
      before,
    ) ||
    /\bfunc\s*\([^)]*\)\s*$/.test(before) ||
    /^\s*(?:[:=]|\(.*\)\s*(?:[:{]|->|=>|throws\b|$))/.test(after)
  );
}

/** Does the owner a message names (`Stock`, `app.helpers`, `./util`) name this file? */
function ownerNames(owner: string, file: ChangedFile): boolean {
  const tail = owner
    .replace(/^["'`./]+|["'`]+$/g, '')
    .split(/[./\\]|::/)
    .filter(Boolean)
    .pop()
    ?.toLowerCase();
  if (!tail) return false;
  return [file.path, file.previousPath].some((p) => !!p && stemOf(p).toLowerCase() === tail);
}

/**
 * A name the message says is missing (javac's `symbol: method foo(int)`, `has no exported member 'X'`,
 * `undefined: X`, `has no attribute 'x'`, `cannot import name 'x'` ...) that the range removed from a file:
 * the declaration was removed or renamed, and its users, unchanged, broke.
 *   9·w·p·owner   p = 1 removed and not added back in the file, 0.6 also in added lines (a changed signature);
 *                 ×0.7 when no removed line declares it (only uses of it were removed);
 *                 owner 1.3 when the message names the class or module and it is this file, 0.8 another one;
 *                 half when the failing file changed too
 */
function scoreMissingSymbols(ctx: Ctx, findings: Finding[], w: number[], lines: LineIndex): void {
  const done = new Set<string>();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra' || f.kind === 'warning') return;
    for (const sym of missingSymbols(f.message, f.excerpt)) {
      if (done.has(sym.name)) continue;
      const byFile = lines.index.get(sym.name);
      if (!byFile) continue;
      done.add(sym.name);
      const where = f.file ? `${f.file}${f.line ? ':' + f.line : ''}` : 'the failing code';
      const unchanged = f.file && !ctx.byPath.has(f.file) ? ' (unchanged)' : '';
      // the failing file changed too: its own change (a new use of the name) may be the fault
      const site = f.file && ctx.byPath.has(f.file) ? 0.5 : 1;
      for (const [file, hits] of byFile) {
        if (!hits.removed.size) continue;
        const removedHunks = [...hits.removed].sort((a, b) => a - b);
        const decl = removedHunks.some((h) => file.hunks[h]?.removed.some((l) => declares(l.text, sym.name)));
        const p = (hits.added.size ? 0.6 : 1) * (decl ? 1 : 0.7);
        const owner = sym.owner ? (ownerNames(sym.owner, file) ? 1.3 : 0.8) : 1;
        const shas = [
          ...new Set(
            removedHunks.map((h) => hunkCommit(file, file.hunks[h])).filter((x): x is string => !!x),
          ),
        ];
        const at = mergeRanges(removedHunks.map((h) => changedRange(file.hunks[h])))
          .slice(0, 2)
          .map(formatRange)
          .join(', ');
        const verb = hits.added.size ? 'changed' : decl ? 'removed or renamed' : 'removed';
        const what = decl ? `its declaration was ${verb}` : `lines using it were ${verb}`;
        ctx.add(file, {
          kind: 'symbol',
          points: 9 * w[i] * p * owner * site,
          commits: shas.length ? shas : undefined,
          reason: `\`${clip(sym.name, 60)}\`, which ${findingLabel(f)} at ${where}${unchanged} says is missing${sym.owner && owner > 1 ? ` from ${clip(sym.owner, 60)}` : ''}: ${what} here (${at}${shas[0] ? ' in ' + ctx.words.commit(shas[0]) : ''})`,
          short: `${verb} \`${clip(sym.name, 40)}\`${shas[0] ? ' in ' + shortSha(shas[0]) : ''}, still used`,
          hunks: removedHunks,
          source: i,
        });
      }
    }
  });
}

function normalizePath(p: string): string {
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return out.join('/');
}

const stripExt = (p: string) => p.replace(/\.[A-Za-z0-9]+$/, '');

/** Does the specifier (as written in a message of a finding located in `from`) name this path? */
export function specifierNames(spec: string, from: string | undefined, path: string): boolean {
  const s = spec.replace(/\\/g, '/').replace(/^file:\/\//, '');
  const relative = s.startsWith('./') || s.startsWith('../');
  const candidates = [path, stripExt(path), stripExt(path).replace(/\/(?:index|__init__)$/, '')];
  if (relative && from) {
    const dir = from.includes('/') ? from.slice(0, from.lastIndexOf('/')) : '';
    const target = normalizePath(`${dir}/${s}`);
    return candidates.includes(target) || candidates.includes(stripExt(target));
  }
  const bare = normalizePath(s);
  if (!bare) return false;
  if (candidates.includes(bare) || candidates.includes(stripExt(bare))) return true;
  if (s.startsWith('/')) return candidates.some((c) => bare.endsWith('/' + c) && c.includes('/')); // absolute path
  // relative without a known importer, or a path printed from another directory: match the tail
  return candidates.some((c) => c.endsWith('/' + bare) || c.endsWith('/' + stripExt(bare)));
}

function scoreReferences(ctx: Ctx, findings: Finding[], w: number[]): void {
  findings.forEach((f, i) => {
    if (!w[i]) return;
    for (const ref of pathReferences(f.message).slice(0, 6)) {
      for (const file of ctx.files) {
        const viaOld = file.previousPath && specifierNames(ref.spec, f.file, file.previousPath);
        const viaNew = !viaOld && specifierNames(ref.spec, f.file, file.path);
        if (!viaOld && !viaNew) continue;
        const gone = file.status === 'deleted' || !!viaOld;
        const sha = file.commits[0];
        const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : '';
        const state =
          file.status === 'deleted'
            ? `was deleted${inCommit}`
            : viaOld
              ? `was renamed to ${file.path}${inCommit}`
              : file.status === 'added'
                ? `was added${inCommit}`
                : `changed${inCommit}`;
        const subject = viaOld ? file.previousPath : 'this file';
        const kind: SignalKind = ref.module ? 'module' : 'mention';
        const points = ref.module ? (gone ? 9 : 6) : gone ? 5 : 3;
        ctx.add(file, {
          kind,
          points: points * w[i],
          reason: `'${clip(ref.spec)}' (${ref.module ? 'the module' : 'the path'} named by ${findingRef(f)}) resolves to ${subject}, which ${state}`,
          short:
            file.status === 'deleted'
              ? `deleted${sha ? ' in ' + shortSha(sha) : ''}`
              : viaOld
                ? `renamed${sha ? ' in ' + shortSha(sha) : ''}`
                : `imported module, changed${sha ? ' in ' + shortSha(sha) : ''}`,
          hunks: [],
          source: i,
        });
      }
    }
  });
}

function scoreTestRelations(ctx: Ctx, findings: Finding[], w: number[], unresolved: Set<number>): void {
  const tests = new Map<string, number>(); // test file → finding index (best rank)
  findings.forEach((f, i) => {
    if (!w[i] || unresolved.has(i)) return;
    const candidates = [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)];
    if (f.kind === 'lint-error') return; // a lint error in a test file is about the test file
    const p = candidates.find((c) => c && isTestPath(c));
    if (p && !tests.has(p)) tests.set(p, i);
  });
  for (const [test, i] of tests) {
    const target = testTarget(test);
    if (!target) continue;
    const testChanged = ctx.byPath.has(test);
    for (const file of ctx.files) {
      if (file.path === test || file.status === 'deleted') continue;
      const fit = sourceFit(target, file.path);
      if (!fit) continue;
      ctx.add(file, {
        kind: 'test-source',
        points: (testChanged ? 4 : 7) * w[i] * fit,
        reason: `source under test of the failing test file ${test}, which ${testChanged ? 'changed too' : 'did not change'}`,
        short: `source under test of ${test}`,
        hunks: [],
        source: i,
      });
    }
  }
}

function scoreRules(ctx: Ctx, patterns: PatternMatch[], findings: Finding[], w: number[]): void {
  const covered = new Set<ChangedFile>();
  patterns.forEach((pm, j) => {
    if (!pm.suspects?.length) return;
    const globs = pm.suspects.slice(0, 32).map((g) => ({ g, test: compileGlob(g) }));
    for (const file of ctx.files) {
      const hit = globs.find(
        (x) => x.test(file.path) || (file.previousPath ? x.test(file.previousPath) : false),
      );
      if (!hit) continue;
      covered.add(file);
      ctx.add(file, {
        kind: 'rule',
        points: 6 / (1 + 0.5 * j),
        reason: `matches \`${clip(hit.g, 60)}\`, a suspect of the recognised pattern '${clip(pm.title)}' (${pm.id}, ${pm.category})`,
        short: `matched by the ${pm.category} pattern ${pm.id}`,
        hunks: [],
        source: j,
      });
    }
  });
  const dep = findings.findIndex((f, i) => w[i] > 0 && f.kind === 'dependency');
  if (dep < 0) return;
  for (const file of ctx.files) {
    if (covered.has(file) || !isDependencyFile(file.path)) continue;
    ctx.add(file, {
      kind: 'dependency',
      points: 4 * w[dep],
      reason: `a dependency manifest or lockfile, and ${findingRef(findings[dep])} is a dependency error`,
      short: 'dependency manifest changed',
      hunks: [],
      source: dep,
    });
  }
}

/**
 * Each unchanged file between the failing file and the changed one keeps this share: an import chain is a
 * structural link at any depth, a little weaker with each file in between.
 */
const CALLER_DEPTH_DECAY = 0.65;

/** Findings that surfaced in unchanged files reach the changed files those import. */
function scoreCallers(ctx: Ctx, findings: Finding[], w: number[], unresolved: Set<number>): Set<number> {
  const reached = new Set<number>();
  if (!ctx.imports) return reached;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra' || unresolved.has(i)) return;
    const label = findingLabel(f);
    for (const e of callerEdges(f, ctx.byPath, ctx.imports!)) {
      reached.add(i);
      const sha = e.file.commits[0];
      const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : '';
      const how = e.path.length
        ? `imports ${e.path.join(', which imports ')}, which imports this file`
        : 'imports this file';
      ctx.add(e.file, {
        kind: 'caller',
        points: 6 * Math.pow(CALLER_DEPTH_DECAY, e.path.length) * w[i] * e.site.weight * e.share,
        reason: `${e.site.what}, where ${label} surfaced, did not change and ${how} (changed${inCommit})`,
        short: `used by ${e.site.path}, where the error surfaced${sha ? '; changed in ' + shortSha(sha) : ''}`,
        hunks: [],
        source: i,
      });
    }
  });
  return reached;
}

/** Configuration and data files, where a number of a message may have been set. */
const SETTINGS_FILE =
  /\.(?:json|jsonc|ya?ml|toml|ini|cfg|conf|env|properties|xml)$|(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)\.?[\w-]*rc$/i;
const MAX_VALUES = 6;

/** Numbers of a message that can be settings: 3-6 digits, not a line or column (`file.ts:120`, `line 120`). */
export function messageValues(message: string): string[] {
  const text = message.slice(0, 2000);
  const out: string[] = [];
  for (const m of text.matchAll(/(?<![\w.])\d{3,6}(?![\w.]|:\d)/g)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (/[A-Za-z_][\w-]*\.[A-Za-z]\w*:(?:\d+:)?$|\bline:? ?$|\bcol(?:umn)?:? ?$|[(,]$/i.test(before))
      continue;
    if (!out.includes(m[0])) out.push(m[0]);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}

/** A number of the message that a configuration or data file just set: the setting behind the failure. */
function scoreValues(ctx: Ctx, findings: Finding[], w: number[]): void {
  const settings = ctx.files.filter(
    (f) => f.status !== 'deleted' && !f.binary && (SETTINGS_FILE.test(f.path) || isBuildConfig(f.path)),
  );
  if (!settings.length) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra') return;
    for (const value of messageValues(f.message)) {
      const word = new RegExp(`(?<![\\w.])${value}(?![\\w]|\\.\\d)`);
      for (const file of settings) {
        const hunks = file.hunks
          .map((h, k) => ({ h, k }))
          .filter(
            ({ h }) => h.added.some((l) => word.test(l.text)) && !h.removed.some((l) => word.test(l.text)),
          );
        if (!hunks.length) continue;
        const sha = hunkCommit(file, hunks[0].h) ?? hunks[0].h.added.find((l) => word.test(l.text))?.commit;
        const ranges = mergeRanges(hunks.map(({ h }) => changedRange(h)));
        ctx.add(file, {
          kind: 'value',
          points: 8 * w[i],
          commits: sha ? [sha] : undefined,
          reason: `${value} (from ${findingRef(f)}) is set by added lines (${ranges.slice(0, 2).map(formatRange).join(', ')}${sha ? ' in ' + ctx.words.commit(sha) : ''}) of this configuration file`,
          short: `sets the ${value} of the error${sha ? ' in ' + shortSha(sha) : ''}`,
          hunks: hunks.map(({ k }) => k),
          source: i,
        });
      }
    }
  });
}

const BUILD_KINDS = new Set(['compile-error', 'build-error', 'lint-error']);
/** A configuration file outside the failing file's folders (another package's) counts this much. */
const OTHER_FOLDER_CONFIG = 0.3;

const MODULE_NOT_FOUND =
  /cannot find module|no module named|module not found|can't resolve|could not resolve|unresolved import|failed to resolve import|cannot import/i;
/** Files of the repository scanned for a module that was not found. */
const MAX_REPO_SCAN = 200_000;

/**
 * Findings saying a module was not found although the module exists in the repository, unchanged (not
 * deleted, not moved): what changed is how modules are resolved (a search path, an alias), not the
 * code that imports them, so the callers and the source under test are no evidence for them.
 */
function unresolvedModules(ctx: Ctx, findings: Finding[], w: number[]): Set<number> {
  const out = new Set<number>();
  const repo = ctx.repoFiles;
  if (!repo?.length) return out;
  findings.forEach((f, i) => {
    if (!w[i] || !MODULE_NOT_FOUND.test(f.message.slice(0, 2000))) return;
    const refs = pathReferences(f.message).filter((r) => r.module);
    if (!refs.length) return;
    const resolvesToChange = refs.some((r) =>
      ctx.files.some(
        (c) =>
          specifierNames(r.spec, f.file, c.path) ||
          (!!c.previousPath && specifierNames(r.spec, f.file, c.previousPath)),
      ),
    );
    if (resolvesToChange) return;
    const exists = refs.some((r) =>
      repo.slice(0, MAX_REPO_SCAN).some((p) => specifierNames(r.spec, f.file, p)),
    );
    if (exists) out.add(i);
  });
  return out;
}

/**
 * Errors in unchanged files that nothing changed explains through imports: the build configuration, or the
 * dependencies (a manifest or lockfile changes the code that runs without changing a source file).
 */
function scoreBuildConfig(
  ctx: Ctx,
  findings: Finding[],
  w: number[],
  reached: Set<number>,
  unresolved: Set<number>,
): void {
  const configs = ctx.files.filter(
    (f) =>
      f.status !== 'deleted' && (isBuildConfig(f.path) || isDependencyFile(f.path)) && !onlyVersionChanged(f),
  );
  if (!configs.length) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra' || f.kind === 'dependency' || reached.has(i)) return;
    if (!f.file || ctx.byPath.has(f.file)) return;
    if (!failureSites(f, ctx.byPath).length) return;
    if ((f.frames ?? []).some((fr) => fr.file && !fr.vendored && ctx.byPath.has(fr.file))) return;
    const label = findingLabel(f);
    const build = BUILD_KINDS.has(f.kind);
    for (const file of configs) {
      const sha = file.commits[0];
      const what = isBuildConfig(file.path) ? 'build configuration' : 'dependency manifest or lockfile';
      // a configuration governs its folder: one beside the failing file's folders says less
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      const governs = f.file!.startsWith(dir);
      const why = unresolved.has(i)
        ? `, which did not change, and the module it names exists unchanged in the repository (its resolution changed)`
        : `, which did not change${ctx.imports?.[f.file] ? ' and imports no changed file' : ''}`;
      ctx.add(file, {
        kind: 'config',
        points: (build || unresolved.has(i) ? 4 : 2.5) * w[i] * (governs ? 1 : OTHER_FOLDER_CONFIG),
        reason: `a ${what} file that changed${sha ? ' in ' + ctx.words.commit(sha) : ''}, and ${label} is in ${f.file}${f.line ? ':' + f.line : ''}${why}${governs ? '' : ' (counted less: the file is not in a folder above the failing file)'}`,
        short: `${what} changed${sha ? ' in ' + shortSha(sha) : ''}; the error is in an unchanged file`,
        hunks: [],
        source: i,
      });
    }
  });
}

const LOCKFILE = /(?:^|\/)[^/]*(?:lock|shrinkwrap)[^/]*$|(?:^|\/)go\.sum$/i;

/** A project's own version field (`"version": "1.4.0"`, `version = "1.4.0"`, `__version__ = "1.4.0"`). */
const VERSION_LINE = /^\s*["']?(?:version|__version__|VERSION)["']?\s*[:=]/;

/**
 * Every changed line of the file sets a version: a release bump, which changes no setting any tool reads.
 * (A dependency's version is a line naming the dependency, not a bare version field.)
 */
export function onlyVersionChanged(file: ChangedFile): boolean {
  if (file.binary || file.patchMissing || !file.hunks.length) return false;
  // in a lockfile every version line is a dependency's
  if (LOCKFILE.test(file.path)) return false;
  let seen = 0;
  for (const h of file.hunks)
    for (const l of [...h.added, ...h.removed]) {
      if (!l.text.trim()) continue;
      if (!VERSION_LINE.test(l.text)) return false;
      seen++;
    }
  return seen > 0;
}

/**
 * A configuration file of the tool that failed (tsconfig for tsc, jest.config for jest, pytest.ini or
 * pyproject.toml for pytest, pom.xml for javac ...) that changed, when the finding is not in a changed file:
 * the tool reads it on every run, so it changes what the tool reports without a line of the code changing.
 *   4·w (compile, build, lint errors and findings without a file), 3·w (others); ×0.3 outside the folders
 *   above the failing file
 */
function scoreToolConfig(ctx: Ctx, findings: Finding[], w: number[]): void {
  const done = new Set<string>();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'infra' || f.kind === 'warning' || !f.tool) return;
    if (f.file && ctx.byPath.has(f.file)) return;
    for (const file of ctx.files) {
      if (file.status === 'deleted' || done.has(file.path) || !isToolConfig(f.tool, file.path)) continue;
      if (onlyVersionChanged(file)) continue;
      done.add(file.path);
      const dir = file.path.includes('/') ? file.path.slice(0, file.path.lastIndexOf('/') + 1) : '';
      const governs = !f.file || f.file.startsWith(dir);
      const sha = file.commits[0];
      const at = f.file
        ? ` (the error is in ${f.file}${f.line ? ':' + f.line : ''}, which did not change)`
        : '';
      ctx.add(file, {
        kind: 'config',
        points: (BUILD_KINDS.has(f.kind) || !f.file ? 4 : 3) * w[i] * (governs ? 1 : OTHER_FOLDER_CONFIG),
        reason: `a configuration file that ${f.tool} reads, changed${sha ? ' in ' + ctx.words.commit(sha) : ''}, and ${f.tool} reported ${findingLabel(f)}${at}`,
        short: `${f.tool} configuration changed${sha ? ' in ' + shortSha(sha) : ''}`,
        hunks: [],
        source: i,
      });
    }
  });
}

/** Package names a changed line of a manifest or lockfile declares (npm, PyPI, Go, Cargo, RubyGems, Composer). */
export function dependencyNames(path: string, text: string): string[] {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const out = new Set<string>();
  const t = text.slice(0, 1000);
  let m: RegExpExecArray | null;
  // a registry tarball (package-lock, yarn.lock): .../name/-/name-1.2.3.tgz
  for (const u of t.matchAll(/\/((?:@[\w.-]+\/)?[\w.-]+)\/-\/[\w.-]+\.tgz/g)) out.add(u[1]);
  if (/\.json$/.test(base) && (m = /^\s*"((?:@[\w.-]+\/)?[\w.-]+)"\s*:\s*"[~^<>=*\dvx]/.exec(t)))
    out.add(m[1]);
  if (/\.json$/.test(base) && (m = /"node_modules\/((?:@[\w.-]+\/)?[\w.-]+)"/.exec(t))) out.add(m[1]);
  if (/\.ya?ml$|\.lock$/.test(base) && (m = /^\s*['"]?\/?((?:@[\w.-]+\/)?[\w.-]+)@[~^\d]/.exec(t)))
    out.add(m[1]);
  if (
    /requirements.*\.(?:txt|in)$|constraints.*\.txt$/.test(base) &&
    (m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~]=|[<>]|@|;|$)/.exec(t))
  )
    out.add(m[1]);
  if (/\.toml$|\.cfg$|^setup\.py$/.test(base)) {
    if ((m = /^\s*['"]([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~]=|[<>])/.exec(t))) out.add(m[1]); // "pkg>=1"
    if ((m = /^\s*([A-Za-z0-9][\w-]*)\s*=\s*(?:["'][~^=<>*\d]|\{)/.exec(t))) out.add(m[1]); // pkg = "1.2" / { version
    if ((m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:[=<>!~]=|[<>])\s*\d/.exec(t))) out.add(m[1]); // setup.cfg install_requires
  }
  if (/^go\.(?:mod|sum)$/.test(base) && (m = /^\s*(?:require\s+)?([\w.-]+(?:\/[\w.~-]+)+)\s+v\d/.exec(t))) {
    out.add(m[1]);
    out.add(m[1].slice(m[1].lastIndexOf('/') + 1));
  }
  if (/^Gemfile/.test(base) && (m = /^\s*gem\s+['"]([\w.-]+)['"]|^\s{2,}([\w.-]+) \(\d/.exec(t)))
    out.add(m[1] ?? m[2]);
  if (
    /^pom\.xml$|\.gradle(?:\.kts)?$/.test(base) &&
    (m = /<artifactId>([\w.-]+)<\/artifactId>|['"][\w.-]+:([\w.-]+):[\d$]/.exec(t))
  )
    out.add(m[1] ?? m[2]);
  return [...out].filter((n) => n.replace(/^@[\w.-]+\//, '').length >= MIN_TOKEN_LENGTH && !isStopWord(n));
}

/**
 * A dependency whose declared version changed in a manifest or lockfile, named by the failure (its message,
 * the lines printed with it, a frame inside the package: node_modules/NAME/, site-packages/NAME/).
 *   7·w
 */
function scoreDependencyNames(ctx: Ctx, findings: Finding[], w: number[]): void {
  const deps = new Map<string, { file: ChangedFile; hunks: Set<number> }[]>();
  for (const file of ctx.files) {
    if (file.binary || !isDependencyFile(file.path)) continue;
    file.hunks.forEach((h, k) => {
      for (const l of [...h.added, ...h.removed].slice(0, 2000))
        for (const name of dependencyNames(file.path, l.text)) {
          const key = name.toLowerCase().replace(/[-_.]+/g, '-');
          const list = deps.get(key) ?? [];
          let e = list.find((x) => x.file === file);
          if (!e) list.push((e = { file, hunks: new Set() }));
          e.hunks.add(k);
          deps.set(key, list);
        }
    });
  }
  if (!deps.size) return;
  const done = new Set<ChangedFile>();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === 'warning') return;
    const text = [
      f.message.slice(0, 2000),
      ...(f.excerpt ?? []).slice(0, 15),
      ...(f.frames ?? []).slice(0, MAX_FRAMES).map((fr) => `${fr.file ?? ''} ${fr.function ?? ''}`),
    ]
      .join('\n')
      .toLowerCase()
      .replace(/[-_.]+/g, '-');
    for (const [name, list] of deps) {
      const at = text.indexOf(name);
      if (at < 0) continue;
      const before = text[at - 1];
      const after = text[at + name.length];
      if ((before && /[\w@-]/.test(before)) || (after && /[\w-]/.test(after))) continue;
      for (const { file, hunks } of list) {
        if (done.has(file)) continue;
        done.add(file);
        const sha = file.commits[0];
        ctx.add(file, {
          kind: 'dependency',
          points: 7 * w[i],
          reason: `declares the dependency \`${clip(name, 60)}\`, which changed here${sha ? ' in ' + ctx.words.commit(sha) : ''}, and ${findingLabel(f)}${f.file ? ' in ' + f.file : ''} names it`,
          short: `changed the dependency \`${clip(name, 40)}\`${sha ? ' in ' + shortSha(sha) : ''}`,
          hunks: [...hunks].sort((a, b) => a - b),
          source: i,
        });
      }
    }
  });
}

// ───────────────────────────── ranking ─────────────────────────────

/** Ranks the changed files as suspects (most likely first). Pure; never throws on odd input. */
export function rankSuspects(
  findings: Finding[],
  patterns: PatternMatch[],
  changeSet: ChangeSet | undefined,
  opts: SuspectOptions = {},
): RankedSuspect[] {
  if (!changeSet?.files?.length) return [];
  const files = changeSet.files.filter((f) => f && typeof f.path === 'string' && f.status !== 'unchanged');
  const evidence = new Map<ChangedFile, Contribution[]>();
  const commentOnly = new Set(files.filter(onlyCommentsChanged));
  const additive = new Set(
    files.filter(
      (f) => !commentOnly.has(f) && f.status !== 'added' && !f.binary && onlyAddsDeclarations(f.hunks),
    ),
  );
  const ctx: Ctx = {
    files,
    byPath: new Map(files.map((f) => [f.path, f])),
    imports: changeSet.imports && typeof changeSet.imports === 'object' ? changeSet.imports : undefined,
    repoFiles: Array.isArray(changeSet.repoFiles) ? changeSet.repoFiles : undefined,
    words: new Wording(changeSet.commits ?? []),
    add(file, c) {
      if (commentOnly.has(file) && CODE_SIGNALS.has(c.kind))
        c = {
          ...c,
          points: c.points * COMMENT_ONLY_FACTOR,
          reason: `${c.reason} — counted a quarter: only comments changed in this file`,
        };
      else if (
        additive.has(file) &&
        (LINK_SIGNALS.has(c.kind) || ((c.kind === 'location' || c.kind === 'frame') && !c.hunks.length))
      )
        c = {
          ...c,
          points: c.points * ADDITIVE_FACTOR,
          reason: `${c.reason} — counted half: the file only gained new declarations`,
        };
      if (!(c.points > 0) || !Number.isFinite(c.points)) return;
      const list = evidence.get(file) ?? [];
      list.push(c);
      evidence.set(file, list);
    },
  };
  const scored = findings.slice(0, MAX_FINDINGS);
  const w = rankWeight(scored);
  const lines = indexChangedLines(files);
  scoreLocations(ctx, scored, w);
  scoreIdentifiers(ctx, scored, w, lines);
  scoreMissingSymbols(ctx, scored, w, lines);
  scoreReferences(ctx, scored, w);
  scoreValues(ctx, scored, w);
  const unresolved = unresolvedModules(ctx, scored, w);
  scoreTestRelations(ctx, scored, w, unresolved);
  scoreRules(ctx, patterns, scored, w);
  scoreToolConfig(ctx, scored, w);
  scoreDependencyNames(ctx, scored, w);
  scoreBuildConfig(ctx, scored, w, scoreCallers(ctx, scored, w, unresolved), unresolved);

  const maxSize = Math.max(1, ...files.map((f) => (f.additions || 0) + (f.deletions || 0)));
  const ranked: RankedSuspect[] = [];
  for (const [file, list] of evidence) {
    const byKind = new Map<SignalKind, Contribution[]>();
    for (const c of list) byKind.set(c.kind, [...(byKind.get(c.kind) ?? []), c]);
    const used: (Contribution & { effective: number })[] = [];
    for (const group of byKind.values()) {
      group.sort((a, b) => b.points - a.points);
      group.forEach((c, k) => used.push({ ...c, effective: c.points * Math.pow(DECAY, k) }));
    }
    used.sort((a, b) => b.effective - a.effective);
    const evidenceScore = used.reduce((s, c) => s + c.effective, 0);
    const prior = (0.2 * Math.log1p((file.additions || 0) + (file.deletions || 0))) / Math.log1p(maxSize);
    const score = evidenceScore + prior;
    ranked.push({ ...buildSuspect(file, used, score), contributions: used });
  }
  ranked.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  const min = opts.minScore ?? MIN_SCORE;
  const max = Math.max(0, opts.maxSuspects ?? DEFAULT_MAX_SUSPECTS);
  const listed = ranked.filter((s) => s.score >= min).slice(0, max);
  listed.forEach((s, k) => {
    const rival = k === 0 ? (ranked[1]?.score ?? 0) : ranked[0].score;
    s.confidence = confidence(s.score, rival);
  });
  if (listed.length || !max) return listed;
  return rankLeads(files, scored, ranked, commentOnly, max);
}

// ───────────────────────────── leads ─────────────────────────────

/** Leads are listed with at most this confidence: below LEAD_CONFIDENCE, so the report words them as leads. */
const MAX_LEAD_CONFIDENCE = 0.3;
const MAX_LEADS = 3;

/** Source code (not documentation, not data, not a picture): a file whose change can break a run. */
const CODE_FILE =
  /\.(?:[cm]?[jt]sx?|py|pyi|go|rs|java|kt|kts|scala|groovy|swift|cs|fs|c|h|cc|cpp|cxx|hpp|hh|m|mm|rb|php|ex|exs|erl|hrl|hs|clj|cljs|lua|pl|pm|r|jl|dart|sh|bash|vue|svelte)$/i;

function extension(path: string): string {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m
    ? m[1]
        .toLowerCase()
        .replace(/^(?:[cm]?js|jsx)$/, 'js')
        .replace(/^(?:[cm]?ts|tsx)$/, 'ts')
    : '';
}

function folder(path: string): string {
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}

/**
 * When no changed file reaches the bar, the best candidates left, as leads: the files with some evidence
 * below the bar first, then changed code named anywhere in what the findings printed (message, lines
 * printed with it, frames), then code in the failing file's folder, then code of the failing file's
 * language. Documentation and comment-only changes are never leads. Their confidence stays low.
 */
function rankLeads(
  files: ChangedFile[],
  findings: Finding[],
  ranked: RankedSuspect[],
  commentOnly: Set<ChangedFile>,
  max: number,
): RankedSuspect[] {
  const real = findings
    .filter((f) => f.kind !== 'exit' && f.kind !== 'warning' && f.kind !== 'infra')
    .slice(0, 8);
  if (!real.length) return []; // an infrastructure failure, or no error at all: no code to suspect
  const sites = [
    ...new Set(
      real.flatMap((f) => [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)]),
    ),
  ].filter((p): p is string => !!p);
  const printed = real
    .map((f) => [f.message.slice(0, 2000), f.test ?? '', ...(f.excerpt ?? []).slice(0, 15)].join('\n'))
    .join('\n');
  const siteDirs = new Set(
    sites.flatMap((p) => [folder(p), testTarget(p)?.dir].filter((d) => d !== undefined)),
  );
  const siteExts = new Set(sites.map(extension).filter(Boolean));
  const byPath = new Map(ranked.map((r) => [r.path, r]));
  const maxSize = Math.max(1, ...files.map((f) => (f.additions || 0) + (f.deletions || 0)));
  const candidates: { file: ChangedFile; score: number; why: string; weak?: RankedSuspect }[] = [];
  for (const file of files) {
    if (file.status === 'deleted' && !CODE_FILE.test(file.path)) continue;
    if (commentOnly.has(file) || PROSE.test(file.path)) continue;
    const weak = byPath.get(file.path);
    const base = file.path.slice(file.path.lastIndexOf('/') + 1);
    const named =
      printed.includes(file.path) ||
      (base.length >= 4 &&
        new RegExp(`(?<![\\w.-])${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(printed));
    const code = CODE_FILE.test(file.path);
    const config = (isBuildConfig(file.path) || isDependencyFile(file.path)) && !onlyVersionChanged(file);
    if (!weak && !named && !code && !config) continue;
    const sameDir = siteDirs.has(folder(file.path));
    const sameLang = siteExts.has(extension(file.path));
    const size = Math.log1p((file.additions || 0) + (file.deletions || 0)) / Math.log1p(maxSize);
    const score =
      (weak ? 1 + Math.min(weak.score, MIN_SCORE) : 0) +
      (named ? 1 : 0) +
      (sameDir ? 0.5 : 0) +
      (sameLang ? 0.3 : 0) +
      (config ? 0.2 : 0) +
      0.1 * size;
    const why = weak
      ? `lead: ${weak.reasons[0] ?? 'weak evidence'}`
      : named
        ? `lead: the failure's output names this file, but no signal ties it to the error`
        : sameDir
          ? `lead: changed code in the folder of the failing code (${folder(file.path) || 'the top folder'}), with no direct link to the error`
          : sameLang
            ? `lead: changed code in the language of the failing code, with no direct link to the error`
            : config
              ? `lead: a changed build, tool or dependency file, with no direct link to the error`
              : `lead: changed code, with no direct link to the error`;
    candidates.push({ file, score, why, weak });
  }
  candidates.sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
  const top = candidates.slice(0, Math.min(max, MAX_LEADS));
  return top.map((c, k) => {
    const rival = k === 0 ? (candidates[1]?.score ?? 0) : candidates[0].score;
    // the lead's share of the evidence, kept under the lead bar
    const conf =
      Math.round(MAX_LEAD_CONFIDENCE * (c.score / (c.score + Math.max(rival, 0.5))) * 2 * 50) / 100;
    const base = c.weak ?? { ...buildSuspect(c.file, [], 0), contributions: [] };
    return {
      ...base,
      score: Math.round(c.score * 1000) / 1000,
      confidence: Math.min(MAX_LEAD_CONFIDENCE, Math.max(0.05, conf)),
      reasons: [c.why, ...(c.weak ? c.weak.reasons.slice(1) : [])],
      lead: true,
    };
  });
}

function buildSuspect(
  file: ChangedFile,
  used: (Contribution & { effective: number })[],
  score: number,
): Suspect {
  const reasons = used
    .slice(0, MAX_REASONS)
    .filter((c, k) => k === 0 || c.effective >= 0.05 * score)
    .map((c) => c.reason);
  const rest = used.length - reasons.length;
  if (rest > 0) reasons.push(`and ${rest} weaker signal${rest === 1 ? '' : 's'} of the same kinds`);
  const top = used[0]?.effective ?? 0;
  const implicated: number[] = [];
  for (const c of used) {
    if (c.effective < 0.2 * top) continue;
    for (const h of c.hunks) if (!implicated.includes(h)) implicated.push(h);
  }
  const hunks = implicated.length ? implicated.map((h) => file.hunks[h]).filter(Boolean) : file.hunks;
  const lines: LineRange[] = file.status === 'deleted' ? [] : mergeRanges(hunks.map(changedRange));
  // the commits of the exact lines the strongest evidence points at, then those of the implicated hunks
  const commits: string[] = [];
  for (const c of used) {
    if (c.effective < 0.2 * top) continue;
    for (const sha of c.commits ?? []) if (!commits.includes(sha)) commits.push(sha);
  }
  for (const h of hunks) if (h.commit && !commits.includes(h.commit)) commits.push(h.commit);
  if (!commits.length) commits.push(...(file.commits ?? []));
  return {
    path: file.path,
    score: Math.round(score * 1000) / 1000,
    confidence: 0,
    reasons,
    lines,
    commits,
  };
}

/**
 * Commits ranked by the suspects' scores they carry: each suspect's score is split over its commits (the
 * first listed, the most likely, gets a double share), and a commit's shares are summed with decay (1, 1/2,
 * 1/4 ... largest first), so a commit that touched many weak suspects does not outweigh the commit of a
 * strong one.
 */
export function rankCommits(suspects: Suspect[], commits: Commit[]): Commit[] {
  const parts = new Map<string, number[]>();
  for (const s of suspects) {
    if (!s.commits.length) continue;
    const shares = s.commits.map((_, k) => (k === 0 ? 2 : 1));
    const total = shares.reduce((a, b) => a + b, 0);
    s.commits.forEach((sha, k) => parts.set(sha, [...(parts.get(sha) ?? []), (s.score * shares[k]) / total]));
  }
  const score = new Map<string, number>();
  for (const [sha, list] of parts)
    score.set(
      sha,
      list.sort((a, b) => b - a).reduce((sum, x, k) => sum + x * Math.pow(DECAY, k), 0),
    );
  const known = new Map(commits.map((c) => [c.sha, c]));
  return [...score]
    .sort((a, b) => b[1] - a[1])
    .map(([sha]) => known.get(sha) ?? commits.find((c) => c.sha.startsWith(sha)) ?? { sha, subject: '' })
    .filter((c, k, all) => all.findIndex((x) => x.sha === c.sha) === k);
}

export { CAUSE_CONFIDENCE };
