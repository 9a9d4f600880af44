// The domain model shared by every stage of the pipeline:
//   logs → findings → (× change set × rules) → suspects → report → comment
// Everything here is plain data: no I/O, no classes, so the core is tested without mocks.

/** An inclusive range of 1-based line numbers. */
export type LineRange = [start: number, end: number];

// ───────────────────────────── logs ─────────────────────────────

/** What a GitHub Actions / Travis marker said about a line. */
export type LineMarker =
  'group' | 'endgroup' | 'error' | 'warning' | 'notice' | 'section' | 'command' | 'debug' | 'fold';

/** One line of a log after normalisation. */
export interface LogLine {
  /** 1-based line number in the ORIGINAL input (as stored: `\n`-separated). */
  n: number;
  /** The text with timestamps, BOM, ANSI sequences, `##[...]` prefixes and CR progress removed. */
  text: string;
  /** The marker the line carried (`##[error]` → 'error'), if any. */
  marker?: LineMarker;
  /** Index into LogDocument.segments of the job/step this line belongs to. */
  segment?: number;
}

/** A job or step of the log, as far as the markers allow. */
export interface LogSegment {
  job?: string;
  step?: string;
  /** Original 1-based line numbers. */
  lines: LineRange;
}

export type LogFormat = 'github-actions' | 'gh-cli' | 'travis' | 'jenkins' | 'plain';

export interface LogDocument {
  format: LogFormat;
  lines: LogLine[];
  segments: LogSegment[];
  /** Number of lines in the original input. */
  totalLines: number;
}

// ─────────────────────────── findings ───────────────────────────

export type FindingKind =
  | 'compile-error' // a compiler or type checker error with a location
  | 'lint-error'
  | 'test-failure' // a named failing test
  | 'assertion' // an assertion message of a failing test
  | 'exception' // an uncaught error / panic / traceback
  | 'dependency' // package manager / module resolution failure
  | 'build-error' // build tool failure (make, gradle, maven ...)
  | 'infra' // runner lost, timeout, cancellation, OOM, rate limit
  | 'error' // a generic error line (`##[error]`, `Error:`)
  | 'warning'
  | 'exit'; // `Process completed with exit code 1` and friends: never explains anything alone

export interface StackFrame {
  /** The path as printed in the log. */
  rawFile: string;
  /** Repository-relative path, when it maps to one. */
  file?: string;
  line?: number;
  column?: number;
  function?: string;
  /** node_modules, site-packages, the runtime itself ...: context, never a suspect. */
  vendored?: boolean;
}

export interface Finding {
  kind: FindingKind;
  /** The tool family that produced it: 'tsc', 'eslint', 'jest', 'npm', 'node', 'generic' ... */
  tool: string;
  /** The error message, one line, as the tool printed it (normalised whitespace). */
  message: string;
  /** Tool-specific code: TS2305, no-unused-vars, E0308, ERESOLVE ... */
  code?: string;
  /** Repository-relative path after path normalisation, or the raw path when it does not map. */
  file?: string;
  /** The path as printed in the log. */
  rawFile?: string;
  line?: number;
  column?: number;
  /** The failing test's full name, for test findings. */
  test?: string;
  /** Stack frames, innermost first. */
  frames?: StackFrame[];
  /** Original 1-based log lines the finding covers (what a reader is shown). */
  logLines: LineRange;
  /** Index into LogDocument.segments. */
  segment?: number;
  /** Importance used for ordering: higher first. Set by the extractor, adjusted by the ranker. */
  weight: number;
  /**
   * The normalised log lines of `logLines` (at most ~15, each clipped), shown as the finding's excerpt in
   * the report. Set by the core (src/analyze/excerpt.ts attachExcerpts) after extraction; optional.
   * Untrusted text: renderers fence, sanitise and redact it.
   */
  excerpt?: string[];
  /** Job, step and log link of the finding (set by the action; logLines are then lines of THAT job's log). */
  location?: RunLocation;
  /**
   * How many identical findings this one stands for (same tool, kind, code, file and message with numbers
   * masked; failing tests: the same message), when more than one. Set by src/log/group.ts.
   */
  count?: number;
  /** Where each of those `count` findings is (at most 50, in log order; the first is this finding's own). */
  places?: FindingPlace[];
  /**
   * The failure's identity across runs (src/analyze/fingerprint.ts): 16 hex digits over the tool, code,
   * test, the message with run-specific parts masked, and the job's name without its matrix values.
   */
  fingerprint?: string;
}

/** One occurrence of a repeated finding: its line in the file, its test, its log lines. */
export interface FindingPlace {
  line?: number;
  column?: number;
  test?: string;
  /** Its own message, when its numbers differ from the finding's. */
  message?: string;
  logLines: LineRange;
}

/**
 * Where evidence sits in a GitHub Actions run, filled in by the action (src/github/locate.ts) after analysing
 * the failed jobs' logs together. Renderers should prefer `url` for the log link.
 */
export interface RunLocation {
  jobId: number;
  job: string;
  step?: number;
  stepName?: string;
  /** 1-based line within the step, as the web UI numbers it. */
  lineInStep?: number;
  /** `{server}/{repo}/actions/runs/{run}/job/{job}#step:{n}:{line}` */
  url?: string;
}

// ────────────────────────── change set ──────────────────────────

export type FileStatus = 'added' | 'modified' | 'deleted' | 'renamed' | 'copied' | 'changed' | 'unchanged';

export interface HunkLine {
  /** Line number in the new file (added) or the old file (removed). */
  line: number;
  text: string;
  /**
   * The commit of the range that added this line (blame over the range), when known; for a removed line of a
   * hunk that also adds lines, the commit of the added line at its position (its likely replacement).
   * Refines Hunk.commit when several commits wrote one hunk. Optional (src/diff/git.ts fills it).
   */
  commit?: string;
}

export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** The text after the second `@@`, usually the enclosing function. */
  header?: string;
  added: HunkLine[];
  removed: HunkLine[];
  /** The sha of the commit in the range that introduced this hunk, when known. */
  commit?: string;
}

export interface ChangedFile {
  path: string;
  previousPath?: string;
  status: FileStatus;
  additions: number;
  deletions: number;
  hunks: Hunk[];
  binary?: boolean;
  /** True when the source gave no patch for this file (binary, too large, compare API limits). */
  patchMissing?: boolean;
  /** Shas of the commits in the range that touched this file, newest first. */
  commits: string[];
}

export interface Commit {
  sha: string;
  subject: string;
  author?: string;
  date?: string;
  /** Paths touched by this commit. */
  files?: string[];
}

export interface ChangeSet {
  /** The last green commit (or merge base). */
  base?: string;
  head?: string;
  /** How the base was chosen, said in the report: 'last green run', 'merge base with main', 'given' ... */
  baseSource?: string;
  files: ChangedFile[];
  /** Commits in the range, newest first. */
  commits: Commit[];
  /** Total files changed when the source truncated the list (compare API: 300). */
  totalFiles?: number;
  /** Every file in the repository at head, when known: used to map log paths to repository paths. */
  repoFiles?: string[];
  /**
   * What some files refer to (imports, includes, string literals naming a repository file): path at head →
   * repository paths. Filled by the source of the change set for the files the log's findings name (and
   * one level of their imports), so the analyzer can follow an error in an unchanged file to the changed
   * files it uses (src/diff/imports-git.ts for a local repository). Optional; absent means unknown.
   */
  imports?: Record<string, string[]>;
  notes?: string[];
}

// ──────────────────────────── rules ─────────────────────────────

export type RuleCategory =
  | 'compile'
  | 'test'
  | 'lint'
  | 'dependency'
  | 'config'
  | 'environment'
  | 'network'
  | 'infra'
  | 'data-shape'
  | 'compatibility'
  | 'runtime'
  | 'unknown';

export interface RulePattern {
  /** One regular expression (single line) ... */
  regex?: string;
  /** ... or an ordered sequence of regular expressions on successive (not necessarily adjacent) lines. */
  sequence?: string[];
  /** For sequences: the most lines the whole sequence may span (default 20). */
  within?: number;
}

export interface Rule {
  id: string;
  category: RuleCategory;
  title: string;
  patterns: RulePattern[];
  /** Remediation hint; `$1`, `$<name>` refer to captured groups of the matching pattern. */
  hint: string;
  /** Globs of files that become suspects when the rule matches (package.json, .env*, ...). */
  suspects?: string[];
  examples?: { match?: string[]; noMatch?: string[] };
  /** Where the rule came from, for error messages: 'rules/node.yml'. */
  source?: string;
}

export interface PatternMatch {
  id: string;
  category: RuleCategory;
  title: string;
  /** The hint with captures filled in. */
  hint: string;
  logLines: LineRange;
  captures: string[];
  /** Suspect globs of the rule. */
  suspects?: string[];
  /** Job, step and log link of the match (set by the action, like Finding.location). */
  location?: RunLocation;
  /** How many times the rule matched in the log (the match above is the first). Added by the rules engine. */
  occurrences?: number;
}

// ─────────────────────────── analysis ───────────────────────────

export interface Suspect {
  path: string;
  /** Raw score before normalisation. */
  score: number;
  /** 0..1 */
  confidence: number;
  /** Human-readable reasons, each one a contribution the score actually used. */
  reasons: string[];
  /** Changed line ranges of the file at head implicated by the evidence (or all hunks). */
  lines: LineRange[];
  /** Commits of the range that touched the implicated lines, most likely first. */
  commits: string[];
}

export type VerdictOrigin = 'caused-by-change' | 'base-broken' | 'flaky' | 'infrastructure' | 'unknown';

export interface Verdict {
  category: RuleCategory;
  origin: VerdictOrigin;
  summary: string;
  confidence: number;
}

/**
 * What other runs of the workflow say (filled in by the action from the GitHub API): the evidence behind
 * the 'base-broken' and 'flaky' origins, and what was checked when the verdict stays 'unknown'.
 */
export interface RunEvidence {
  /** The latest completed run of the workflow on the base branch. */
  base?: {
    branch: string;
    run: number;
    attempt?: number;
    conclusion: string;
    /** The failed job of that run that was read (the one named like a failing job here, else the first). */
    job?: { id: number; name: string };
    /** Its failure that is also a failure here (normalised: paths and numbers blurred). */
    matched?: { message: string; test?: string; tool: string; code?: string };
    /** Why its log could not be read. */
    logMissing?: string;
    /**
     * The oldest run of the base branch's current streak of failed runs whose log showed the same failure
     * ("also failing on main since run N, commit X"); the latest run itself when it starts the streak or
     * the older one could not be read. `failedInARow`: the failed runs of the streak among the recent runs.
     */
    since?: { run: number; attempt: number; sha: string; failedInARow: number };
  };
  /** Why the base branch was not checked ('the failing run is on the base branch', 'disabled', ...). */
  baseSkipped?: string;
  /** A run or an attempt on the same head commit that passed. */
  passed?: { run: number; attempt: number; via: 'attempt' | 'run' };
  /** The last green run of the branch (the start of the range). */
  green?: { run: number; sha: string };
  /**
   * The same failures (fingerprints) on other pull requests of the workflow, from the ci-root-cause
   * comments updated in the last `days` days (src/github/memory.ts): the runs, and whether the failure
   * passed there on a re-run at the same commit. `firstSeen`: checked, and seen nowhere else.
   */
  elsewhere?: {
    days: number;
    commentsRead: number;
    truncated: boolean;
    matches: {
      pr: number;
      run: number;
      attempt: number;
      sha: string;
      url: string;
      passedOnRerun: boolean;
    }[];
  };
  /** Checked (base branch, other pull requests) and this failure was seen nowhere else. */
  firstSeen?: boolean;
  /** The log line an 'infrastructure' verdict rests on (a rule's match: the runner, the machine, the network). */
  infraLine?: string;
}

export interface Report {
  version: string;
  tool: { name: string; version: string };
  base?: { sha: string; source?: string };
  head?: { sha: string };
  verdict: Verdict;
  findings: Finding[];
  suspects: Suspect[];
  patterns: PatternMatch[];
  range?: { commits: number; files: number; filesAnalysed: number; baseSource?: string };
  commits?: Commit[];
  /**
   * When the culprit is uncertain and the range holds several commits: how to settle it with git bisect
   * (`git bisect start <head> <base>`, and `git bisect run <the failing step's command>` when the log
   * shows it). Set by the analyzer (src/analyze/bisect.ts).
   */
  bisect?: { start: string; run?: string; commands: string[] };
  /** Things the reader should know: truncations, missing logs, assumptions made. */
  notes: string[];
  /** Other runs of the workflow: the evidence behind a 'base-broken' or 'flaky' verdict (set by the action). */
  history?: RunEvidence;
  /**
   * The known issues (labelled issues describing a failure, src/analyze/known-issues.ts) the findings
   * match, set by the action: the issue, and the indices of the matching findings.
   */
  knownIssues?: { number: number; title: string; url?: string; findings: number[] }[];
  /**
   * Jobs of one matrix failing with the same fingerprint (src/analyze/fingerprint.ts matrixGroups), set by
   * the action: the job without its matrix values, each job's values, the group's first finding.
   */
  matrix?: { fingerprint: string; job: string; values: string[]; finding: number }[];
  /** Where the log came from, for links: filled in by the action. */
  source?: {
    server?: string;
    repo?: string;
    run?: number;
    attempt?: number;
    jobs?: {
      id: number;
      name: string;
      url?: string;
      /** The steps that failed (set by the action). */
      failedSteps?: { number: number; name: string }[];
      /** Why this job's log is not in the analysis: 'expired', 'missing', an error (set by the action). */
      logMissing?: string;
    }[];
  };
}
