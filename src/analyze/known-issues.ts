// Known issues (pure): maintainers describe a known failure in an issue's body, in a fenced block
//
//     ```ci-root-cause
//     message: "connection reset by peer"    # a case-insensitive substring, or
//     pattern: "ECONNRESET|socket hang up"   # a linear-time regular expression (re2js, as rules use)
//     jobs: "build*"                         # optional: a glob on the job's name (* and ?)
//     ```
//
// and a finding whose message (or test name) matches links that issue. Issue text is untrusted: the block is
// parsed with js-yaml's JSON schema (no tags, no functions), sizes are capped, the pattern goes through
// the rules' compiler (no backtracking engine, no empty match) and a bad block is skipped with a reason.
import { JSON_SCHEMA, load } from 'js-yaml';
import { compilePattern, PatternError, type CompiledPattern } from '../rules/regex.js';
import type { Finding } from '../types.js';
import { jobBase } from './fingerprint.js';
import { isRealError } from './verdict.js';

/** The largest block read, and the longest message, pattern and glob. */
const MAX_BLOCK = 4096;
const MAX_FIELD = 500;
const BLOCK = /^(`{3,}|~{3,})[ \t]*ci-root-cause[ \t]*\r?\n([\s\S]*?)\r?\n\1[ \t]*$/m;

export interface KnownIssueSource {
  number: number;
  title: string;
  body: string;
  url?: string;
}

export interface KnownIssue {
  number: number;
  title: string;
  url?: string;
  message?: string;
  pattern?: CompiledPattern;
  jobs?: string;
}

/** The issue's description of its failure, or why it has none usable. */
export function parseKnownIssue(src: KnownIssueSource): KnownIssue | { error: string } {
  const m = BLOCK.exec(src.body ?? '');
  if (!m) return { error: 'no ci-root-cause block' };
  if (m[2].length > MAX_BLOCK) return { error: `the ci-root-cause block is over ${MAX_BLOCK} characters` };
  let data: unknown;
  try {
    data = load(m[2], { schema: JSON_SCHEMA });
  } catch (e) {
    return {
      error: `the ci-root-cause block is not valid YAML: ${String((e as Error).message).split('\n')[0]}`,
    };
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    return { error: 'the ci-root-cause block is not a mapping' };
  const o = data as Record<string, unknown>;
  const field = (k: string): string | undefined => {
    const v = o[k];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' || !v.trim() || v.length > MAX_FIELD)
      throw new Error(`'${k}' must be a non-empty string of at most ${MAX_FIELD} characters`);
    return v;
  };
  try {
    const message = field('message');
    const pattern = field('pattern');
    const jobs = field('jobs');
    if (!message === !pattern)
      return { error: "the ci-root-cause block needs one of 'message' or 'pattern'" };
    const out: KnownIssue = { number: src.number, title: src.title, ...(src.url ? { url: src.url } : {}) };
    if (message) out.message = message.toLowerCase();
    if (pattern) out.pattern = compilePattern(pattern);
    if (jobs) out.jobs = jobs;
    return out;
  } catch (e) {
    const why = e instanceof PatternError ? `its pattern ${e.message}` : (e as Error).message;
    return { error: `the ci-root-cause block: ${why}` };
  }
}

/** `*` (any run) and `?` (one character) against the whole name; linear, no backtracking. */
export function matchJobGlob(glob: string, name: string): boolean {
  // Two-pointer wildcard matching: O(glob × name) in the worst case, no recursion.
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && (glob[g] === '?' || glob[g] === name[n])) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (g < glob.length && glob[g] === '*') g++;
  return g === glob.length;
}

function jobMatches(issue: KnownIssue, job: string | undefined): boolean {
  if (!issue.jobs) return true;
  if (!job) return false;
  return matchJobGlob(issue.jobs, job) || matchJobGlob(issue.jobs, jobBase(job));
}

/**
 * What a description is matched against: the finding's message and its test's name. Not its excerpt: an
 * excerpt can reach into the next failure's lines, and a known issue must not claim a failure it does
 * not describe.
 */
function textsOf(f: Finding): string[] {
  return [f.message, ...(f.test ? [f.test] : [])].map((t) => t.slice(0, 2000));
}

function textMatches(issue: KnownIssue, f: Finding): boolean {
  const texts = textsOf(f);
  if (issue.message) return texts.some((t) => t.toLowerCase().includes(issue.message!));
  return texts.some((t) => issue.pattern!.re.test(t));
}

export interface KnownIssueMatch {
  number: number;
  title: string;
  url?: string;
  /** Indices of the matching findings in the report's order. */
  findings: number[];
}

/**
 * The known issues the findings match, in the order of the first finding each matches. Findings that
 * only report an exit code are not matched (every failed job has one).
 */
export function matchKnownIssues(issues: KnownIssue[], findings: Finding[]): KnownIssueMatch[] {
  const out: KnownIssueMatch[] = [];
  for (const issue of issues) {
    const hit: number[] = [];
    findings.forEach((f, i) => {
      if (f.kind === 'exit') return;
      if (jobMatches(issue, f.location?.job) && textMatches(issue, f)) hit.push(i);
    });
    if (hit.length) out.push({ number: issue.number, title: issue.title, url: issue.url, findings: hit });
  }
  return out.sort((a, b) => a.findings[0] - b.findings[0]);
}

/** True when the failure that failed the job (the first real error, else the first finding) is known. */
export function topIsKnown(matches: KnownIssueMatch[], findings: Finding[]): boolean {
  const top = findings.findIndex(isRealError);
  const idx = top >= 0 ? top : findings.findIndex((f) => f.kind !== 'exit');
  return idx >= 0 && matches.some((m) => m.findings.includes(idx));
}
