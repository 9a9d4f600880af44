// The whole analysis as one pure function: text and plain data in, a report out.
// The entry points (src/cli.ts, src/main.ts) call runAnalysisStream; the evaluation calls runAnalysis.
import type { ChangeSet, Finding, LogDocument, Report, Rule } from './types.js';
import type { Extractor } from './log/extractors/types.js';
import type { RunHistory } from './analyze/verdict.js';
import type { Deadline } from './deadline.js';
import { parseLog } from './log/read.js';
import { demoteKnownFindings, GreenCounter, wantedKeys } from './log/baseline.js';
import { classifyFailure } from './log/category.js';
import { groupRepeats } from './log/group.js';
import { createPathMapper } from './paths.js';
import { analyze, attachExcerpts, namedFiles } from './analyze/index.js';
import { attachFingerprints } from './analyze/fingerprint.js';
import { analyzeLogStream, analyzeLogText, type StreamResult } from './log/stream.js';

export interface AnalysisInput {
  /** The failed log (one or more jobs concatenated). */
  logText: string;
  changeSet?: ChangeSet;
  rules: Rule[];
  maxSuspects?: number;
  /** The log of the same job in the last successful run: findings it already had are demoted (src/log/baseline.ts). */
  baselineLogText?: string;
  /** Other runs of the workflow (the action): enables the 'base-broken' and 'flaky' verdicts. */
  history?: RunHistory;
  /**
   * The extractors to run, in registry order (default: every one of src/log/extractors/index.ts). The
   * evaluation passes a subset to estimate how a tool nobody wrote an extractor for is read.
   */
  extractors?: Extractor[];
}

/** Maps every path a finding mentions to a repository path (or marks it vendored). */
export function mapFindingPaths(findings: Finding[], changeSet?: ChangeSet): Finding[] {
  const mapPath = createPathMapper({
    repoFiles: changeSet?.repoFiles,
    changedFiles: changeSet?.files.map((f) => f.path),
  });
  for (const f of findings) {
    if (f.rawFile ?? f.file) {
      const raw = f.rawFile ?? f.file!;
      f.rawFile = raw;
      const m = mapPath(raw);
      f.file = m.path ?? raw;
    }
    for (const fr of f.frames ?? []) {
      const m = mapPath(fr.rawFile);
      fr.file = m.path;
      fr.vendored = fr.vendored || m.vendored;
    }
  }
  return findings;
}

/**
 * The whole analysis of a log given as one string: the same reader as the streaming entry points
 * (src/log/stream.ts; a log of at most 4 MiB is read whole, exactly as parseLog + extractFindings +
 * matchRules), so the evaluation measures what the CLI and the action run.
 */
export function runAnalysis(input: AnalysisInput): Report {
  const res = analyzeLogText(typeof input.logText === 'string' ? input.logText : '', {
    rules: input.rules,
    ...(input.extractors ? { extractors: input.extractors } : {}),
  });
  const green = input.baselineLogText ? parseLog(input.baselineLogText) : undefined;
  return reportOf(res, findingsOf(res, input, green), input);
}

/** The findings of a read log: demoted with the green log (if any), paths mapped, excerpts attached. */
function findingsOf(
  res: StreamResult,
  input: Pick<AnalysisInput, 'changeSet'>,
  green: LogDocument | GreenCounter | undefined,
): Finding[] {
  const extracted = green ? demoteKnownFindings(res.findings, res.doc, green) : res.findings;
  // repeats are grouped once the order is final (the green log may demote some) and paths are mapped
  return attachFingerprints(
    attachExcerpts(groupRepeats(mapFindingPaths(extracted, input.changeSet), res.doc.segments), res.doc),
  );
}

/** The report: suspects, verdict, the category read from the whole log, the reader's notes. */
function reportOf(res: StreamResult, findings: Finding[], input: Omit<AnalysisInput, 'logText'>): Report {
  const report = analyze({
    findings,
    patterns: res.patterns,
    changeSet: input.changeSet,
    maxSuspects: input.maxSuspects,
    segments: res.doc.segments,
    history: input.history,
  });
  // The category is read from the whole log (the build tool's own failure summary first), not only
  // from the top finding: measured on BugSwarm's labels (eval/RESULTS.md).
  report.verdict.category = classifyFailure(findings, res.patterns, res.doc);
  report.notes.push(...res.notes);
  return report;
}

export interface StreamAnalysisInput extends Omit<AnalysisInput, 'logText'> {
  /** The failed log as a stream of chunks (a file or HTTP stream, stdin): read in bounded memory. */
  log: AsyncIterable<Uint8Array | string>;
  /**
   * Called with the repository paths the findings name (most important first) before suspects are ranked:
   * the CLI reads what those files import into changeSet.imports (src/diff/imports-git.ts).
   */
  beforeRanking?: (namedFiles: string[]) => Promise<void>;
  /**
   * The green log as a stream (instead of baselineLogText): read after the failed log, counting only the
   * lines the failed log kept, so it is never held whole either.
   */
  baselineLog?: AsyncIterable<Uint8Array | string>;
  /** The log's source fills the same buffer again for each chunk (see LogStream.write). */
  reusedChunks?: boolean;
  /** The log's size in bytes (or a lower bound), when known (a file): see StreamOptions.size. */
  logSize?: number;
  /** Once passed, the log is read no further (the report's notes say so): see StreamOptions.deadline. */
  deadline?: Deadline;
}

/**
 * runAnalysis on a log read as a stream (src/log/stream.ts): the extractors and rules run on windows
 * around candidate lines, so memory is bounded by the windows kept, not by the log's size. With a baseline
 * log, only the lines kept for excerpts are compared with it (the failing log is never held whole).
 */
export async function runAnalysisStream(input: StreamAnalysisInput): Promise<Report> {
  const res = await analyzeLogStream(input.log, {
    rules: input.rules,
    reusedChunks: input.reusedChunks,
    size: input.logSize,
    deadline: input.deadline,
    ...(input.extractors ? { extractors: input.extractors } : {}),
  });
  let green: LogDocument | GreenCounter | undefined;
  if (input.baselineLog) {
    green = new GreenCounter(wantedKeys(res.doc));
    for await (const chunk of input.baselineLog) green.write(chunk);
    green.end();
  } else if (input.baselineLogText) green = parseLog(input.baselineLogText);
  const findings = findingsOf(res, input, green);
  if (input.beforeRanking && input.changeSet)
    await input.beforeRanking(namedFiles(findings, input.changeSet));
  return reportOf(res, findings, input);
}
