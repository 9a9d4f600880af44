// `npm run eval -- --data ../shared/data [--check] [--set logchunks|cidiff|pytorch|bugswarm|tools]...`
//
// Runs the real analysis core in-process on every labelled log of ../shared/data and scores it as the
// data's README.md says (see scripts/eval/score.ts); BugSwarm is scored on the failure category. Prints
// a table per set and per language/tool, with the naive reference (the last 50 lines of the log)
// computed in the same run, writes eval/results.json and eval/RESULTS.md, and with --check exits 1 when
// a figure is below its floor in eval/floors.json. A log whose analysis throws counts as a miss.
// The `tools` set (scripts/eval/tools.ts) scores single tools' real outputs of tool-outputs/: the recall of
// errorformat's expected entries per tool, go test -json failing tests, node-core-utils Jenkins consoles.
//
// Every extraction set is scored on the FIRST finding alone (what a reader sees first) beside the first five.
//
// The unseen-tool estimate (on by default, `--no-unseen` skips it): the held-back half of each set has tools
// no extractor here was written for, so each extraction set is also scored
// - with the tool-independent layer alone (src/log/extractors/index.ts TOOL_INDEPENDENT: the failing
//   command's output, the runner's lines, the generic error grammar): every tool-specific extractor off;
// - with its own extractor off (leave one family out): each log whose first finding came from a tool
//   extractor is analysed again without that extractor (the family that "mattered" there); the figures per
//   family say how the rest of the core reads that family's logs without it.
//
// Options: --set NAME (repeatable; default all), --check, --no-write, --misses (print the missed logs and
// the logs whose first finding misses), --partial (print the logs hit but not fully shown: labelled vs shown
// ranges and the first findings), --dump FILE (per-log JSON lines, for studying misses), --limit N (first N
// logs per set, for a quick look), --generic-only (the whole run with the tool-independent layer alone:
// study its misses; nothing written), --no-unseen.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runAnalysis } from '../src/core.js';
import { builtinRules } from '../src/rules/load.js';
import { classifyFailure } from '../src/log/category.js';
import { parseLog } from '../src/log/read.js';
import type { Finding, LineRange, Report, Rule } from '../src/types.js';
import type { Extractor } from '../src/log/extractors/types.js';
import {
  extractors as registry,
  extractorsWithout,
  TOOL_INDEPENDENT,
  toolIndependentExtractors,
} from '../src/log/extractors/index.js';
import { runExtractors } from '../src/log/extract.js';
import {
  aggregate,
  aggregateByGroup,
  countLines,
  errorScore,
  lastErrorLines,
  lastLines,
  mdTable,
  median,
  rangeSet,
  scoreLog,
  shownLines,
  table,
  type Aggregate,
  type LogScore,
  universalToNewlineRanges,
} from './eval/score.js';
import { loadSet, SET_NAMES, type Case, type SetName } from './eval/sets.js';
import { confusion, toBugSwarm, type Confusion } from './eval/bugswarm.js';
import { checkFloors, type Floors } from './eval/floors.js';
import { loadToolCases, scoreTools, type ToolsResult } from './eval/tools.js';
import { countFirstScreen, firstScreenLine, newFirstScreen, type FirstScreen } from './eval/first-screen.js';

interface Timing {
  logs: number;
  totalMs: number;
  medianMs: number;
  maxMs: number;
  slowest: string;
}

interface ExtractionResult {
  n: number;
  skipped: number;
  analysis: Aggregate;
  withBaseline?: Aggregate;
  naiveLast50: Aggregate;
  naiveLastErrors50: Aggregate;
  /** CiDiff: the naive reference against the labels as stored (universal-newline numbering), as README.md scores it. */
  naiveLast50LabelsAsStored?: Aggregate;
  byGroup: Record<string, Aggregate>;
  byGroupWithBaseline?: Record<string, Aggregate>;
  naiveByGroup: Record<string, Aggregate>;
  /** The unseen-tool estimate: the tool-independent layer alone (every tool extractor off). */
  genericOnly?: Aggregate;
  genericOnlyWithBaseline?: Aggregate;
  genericOnlyByGroup?: Record<string, Aggregate>;
  /** Each log analysed without the extractor its first finding came from (leave one family out). */
  ownExtractorOff?: Aggregate;
  /** Per family: the logs whose first finding it gave, first/hit with it on and off. */
  byFamilyOff?: Record<string, FamilyOff>;
  errors: string[];
  misses: string[];
  /** Repeats in the first five findings, internal words in the comment (scripts/eval/first-screen.ts). */
  firstScreen?: FirstScreen;
  firstMisses: string[];
}

interface FamilyOff {
  logs: number;
  firstOn: number;
  firstOff: number;
  hitOn: number;
  hitOff: number;
}

/** What the unseen-tool estimate needs of a log analysed with every extractor. */
interface Analysed {
  c: Case;
  text: string;
  labelled: Set<number>;
  score: LogScore;
  first?: Finding;
}

interface CategoryResult {
  n: number;
  skipped: number;
  /** verdict.category of the report (the analyzer's own categorisation), with the passing log as baseline. */
  verdict: Confusion;
  /** classifyFailure (src/log/category.ts) on the report's findings and patterns, with the passing log. */
  classifier: Confusion;
  /** classifyFailure without the passing log. */
  classifierWithoutBaseline: Confusion;
  errors: string[];
}

type Results = Partial<Record<SetName, ExtractionResult | CategoryResult | ToolsResult>>;

/** eval/ of the repository (set by run(); the launcher passes the repository root). */
let EVAL_DIR = join(process.cwd(), 'eval');

function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

function timingOf(samples: { id: string; ms: number }[]): Timing {
  const ms = samples.map((s) => s.ms);
  const slow = samples.reduce((a, s) => (s.ms > a.ms ? s : a), { id: '', ms: -1 });
  return {
    logs: samples.length,
    totalMs: Math.round(ms.reduce((a, b) => a + b, 0)),
    medianMs: Math.round(median(ms) * 10) / 10,
    maxMs: Math.round(slow.ms),
    slowest: slow.id,
  };
}

function analyse(logText: string, rules: Rule[], baselineLogText?: string, extractors?: Extractor[]): Report {
  return runAnalysis({
    logText,
    rules,
    ...(baselineLogText !== undefined ? { baselineLogText } : {}),
    ...(extractors ? { extractors } : {}),
  });
}

function scoreReport(c: Case, report: Report, labelled: ReadonlySet<number>): LogScore {
  return scoreLog(c.id, c.group, shownLines(report.findings), labelled, shownLines(report.findings, 1));
}

function rangesOf(set: ReadonlySet<number>): LineRange[] {
  const xs = [...set].sort((a, b) => a - b);
  const out: LineRange[] = [];
  for (const n of xs) {
    const last = out[out.length - 1];
    if (last && last[1] === n - 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}

interface Dump {
  set: string;
  id: string;
  group: string;
  labels?: LineRange[];
  shown?: LineRange[];
  shownWithBaseline?: LineRange[];
  hit?: boolean;
  full?: boolean;
  first?: boolean;
  hitWithBaseline?: boolean;
  top?: string[];
  category?: string;
  predicted?: string;
  error?: string;
}

function describeTop(report: Report): string[] {
  return report.findings
    .slice(0, 5)
    .map((f) => `${f.tool}/${f.kind} ${f.logLines[0]}-${f.logLines[1]} w${Math.round(f.weight * 100) / 100}`);
}

function runExtraction(
  name: SetName,
  cases: Case[],
  skipped: number,
  rules: Rule[],
  timings: { id: string; ms: number }[],
  dump: Dump[],
  extractors?: Extractor[],
  analysed?: Analysed[],
): ExtractionResult {
  const scores: LogScore[] = [];
  const withBase: LogScore[] = [];
  const naive: LogScore[] = [];
  const naiveErr: LogScore[] = [];
  const errors: string[] = [];
  const pairs = name === 'cidiff';
  const naiveStored: LogScore[] = [];
  const firstScreen = newFirstScreen();
  for (const c of cases) {
    let labelled = rangeSet(c.labels ?? []);
    const d: Dump = { set: name, id: c.id, group: c.group, labels: c.labels };
    let text: string;
    try {
      text = readText(c.logFile);
    } catch (e) {
      const msg = `${c.id}: cannot read the log: ${(e as Error).message}`;
      errors.push(msg);
      scores.push(errorScore(c.id, c.group, labelled.size, msg));
      if (pairs) withBase.push(errorScore(c.id, c.group, labelled.size, msg));
      naive.push(errorScore(c.id, c.group, labelled.size, msg));
      naiveErr.push(errorScore(c.id, c.group, labelled.size, msg));
      dump.push({ ...d, error: msg });
      continue;
    }
    if (pairs) {
      // CiDiff counts lines in universal newlines: score against the same lines in `\n` numbering.
      naiveStored.push(scoreLog(c.id, c.group, lastLines(countLines(text)), labelled));
      d.labels = universalToNewlineRanges(text, c.labels ?? []);
      labelled = rangeSet(d.labels);
    }
    naive.push(scoreLog(c.id, c.group, lastLines(countLines(text)), labelled));
    naiveErr.push(scoreLog(c.id, c.group, lastErrorLines(text), labelled));
    const t0 = performance.now();
    try {
      const report = analyse(text, rules, undefined, extractors);
      const s = scoreReport(c, report, labelled);
      scores.push(s);
      d.shown = rangesOf(shownLines(report.findings));
      d.hit = s.hit;
      d.full = s.full;
      d.first = s.first;
      d.top = describeTop(report);
      countFirstScreen(firstScreen, c.id, report);
      analysed?.push({ c, text, labelled, score: s, first: report.findings[0] });
    } catch (e) {
      const msg = `${c.id}: ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`;
      errors.push(msg);
      scores.push(errorScore(c.id, c.group, labelled.size, msg));
      d.error = msg;
    }
    timings.push({ id: `${name}:${c.id}`, ms: performance.now() - t0 });
    if (pairs) {
      let baseText: string | undefined;
      try {
        baseText = c.baselineFile ? readText(c.baselineFile) : undefined;
      } catch {
        baseText = undefined;
      }
      const t1 = performance.now();
      try {
        const report = analyse(text, rules, baseText, extractors);
        const s = scoreReport(c, report, labelled);
        withBase.push(s);
        d.shownWithBaseline = rangesOf(shownLines(report.findings));
        d.hitWithBaseline = s.hit;
      } catch (e) {
        const msg = `${c.id} (with baseline): ${(e as Error)?.message ?? String(e)}`;
        errors.push(msg);
        withBase.push(errorScore(c.id, c.group, labelled.size, msg));
      }
      timings.push({ id: `${name}:${c.id}+baseline`, ms: performance.now() - t1 });
    }
    dump.push(d);
  }
  const result: ExtractionResult = {
    n: cases.length,
    skipped,
    analysis: aggregate(scores),
    naiveLast50: aggregate(naive),
    naiveLastErrors50: aggregate(naiveErr),
    byGroup: aggregateByGroup(scores),
    naiveByGroup: aggregateByGroup(naive),
    errors,
    misses: scores.filter((s) => !s.hit).map((s) => s.id),
    firstScreen,
    firstMisses: scores.filter((s) => !s.first).map((s) => s.id),
  };
  if (pairs) {
    result.naiveLast50LabelsAsStored = aggregate(naiveStored);
    result.withBaseline = aggregate(withBase);
    result.byGroupWithBaseline = aggregateByGroup(withBase);
  }
  return result;
}

/** The tool extractors whose own findings include `f` (same tool name, overlapping lines) on this log. */
function ownersOf(f: Finding | undefined, text: string): string[] {
  if (!f || TOOL_INDEPENDENT.has(f.tool)) return [];
  const doc = parseLog(text);
  const owners: string[] = [];
  for (const ex of registry) {
    if (TOOL_INDEPENDENT.has(ex.name)) continue;
    const found = runExtractors(doc.lines, doc, [ex]);
    if (
      found.some((g) => g.tool === f.tool && g.logLines[0] <= f.logLines[1] && f.logLines[0] <= g.logLines[1])
    )
      owners.push(ex.name);
  }
  return owners;
}

/**
 * The unseen-tool estimate of an extraction set (see the top of this file): the tool-independent layer
 * alone, and each log without the extractor its first finding came from.
 */
function runUnseen(
  name: SetName,
  analysed: Analysed[],
  rules: Rule[],
  timings: { id: string; ms: number }[],
): Pick<
  ExtractionResult,
  'genericOnly' | 'genericOnlyWithBaseline' | 'genericOnlyByGroup' | 'ownExtractorOff' | 'byFamilyOff'
> {
  const layer = toolIndependentExtractors();
  const generic: LogScore[] = [];
  const genericBase: LogScore[] = [];
  const own: LogScore[] = [];
  const families = new Map<string, { on: LogScore[]; off: LogScore[] }>();
  const pairs = name === 'cidiff';
  for (const a of analysed) {
    const t0 = performance.now();
    const safely = (f: () => LogScore): LogScore => {
      try {
        return f();
      } catch (e) {
        return errorScore(a.c.id, a.c.group, a.labelled.size, (e as Error)?.message ?? String(e));
      }
    };
    generic.push(safely(() => scoreReport(a.c, analyse(a.text, rules, undefined, layer), a.labelled)));
    if (pairs) {
      let baseText: string | undefined;
      try {
        baseText = a.c.baselineFile ? readText(a.c.baselineFile) : undefined;
      } catch {
        baseText = undefined;
      }
      genericBase.push(safely(() => scoreReport(a.c, analyse(a.text, rules, baseText, layer), a.labelled)));
    }
    const owners = ownersOf(a.first, a.text);
    if (!owners.length) own.push(a.score);
    else {
      const off = safely(() =>
        scoreReport(a.c, analyse(a.text, rules, undefined, extractorsWithout(owners)), a.labelled),
      );
      own.push(off);
      const key = owners.join('+');
      const fam = families.get(key) ?? { on: [], off: [] };
      fam.on.push(a.score);
      fam.off.push(off);
      families.set(key, fam);
    }
    timings.push({ id: `${name}:${a.c.id} unseen`, ms: performance.now() - t0 });
  }
  const byFamilyOff: Record<string, FamilyOff> = {};
  for (const key of [...families.keys()].sort()) {
    const { on, off } = families.get(key)!;
    const a = aggregate(on);
    const b = aggregate(off);
    byFamilyOff[key] = { logs: a.n, firstOn: a.first, firstOff: b.first, hitOn: a.hit, hitOff: b.hit };
  }
  return {
    genericOnly: aggregate(generic),
    ...(pairs ? { genericOnlyWithBaseline: aggregate(genericBase) } : {}),
    genericOnlyByGroup: aggregateByGroup(generic),
    ownExtractorOff: aggregate(own),
    byFamilyOff,
  };
}

function runCategory(
  cases: Case[],
  skipped: number,
  rules: Rule[],
  timings: { id: string; ms: number }[],
  dump: Dump[],
  extractors?: Extractor[],
): CategoryResult {
  const verdict: { label: string; predicted: string }[] = [];
  const classifier: { label: string; predicted: string }[] = [];
  const classifierNoBase: { label: string; predicted: string }[] = [];
  const errors: string[] = [];
  for (const c of cases) {
    const label = c.category ?? 'Unknown';
    const d: Dump = { set: 'bugswarm', id: c.id, group: c.group, category: label };
    const t0 = performance.now();
    try {
      const text = readText(c.logFile);
      let baseText: string | undefined;
      try {
        baseText = c.baselineFile ? readText(c.baselineFile) : undefined;
      } catch {
        baseText = undefined;
      }
      const report = analyse(text, rules, baseText, extractors);
      const doc = parseLog(text);
      verdict.push({ label, predicted: toBugSwarm(report.verdict?.category) });
      const predicted = toBugSwarm(classifyFailure(report.findings, report.patterns, doc));
      classifier.push({ label, predicted });
      d.predicted = predicted;
      d.top = describeTop(report);
      timings.push({ id: `bugswarm:${c.id}+baseline`, ms: performance.now() - t0 });
      const t1 = performance.now();
      const plain = analyse(text, rules, undefined, extractors);
      classifierNoBase.push({
        label,
        predicted: toBugSwarm(classifyFailure(plain.findings, plain.patterns, doc)),
      });
      timings.push({ id: `bugswarm:${c.id}`, ms: performance.now() - t1 });
    } catch (e) {
      const msg = `${c.id}: ${(e as Error)?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e)}`;
      errors.push(msg);
      d.error = msg;
      for (const arr of [verdict, classifier, classifierNoBase]) arr.push({ label, predicted: '(error)' });
    }
    dump.push(d);
  }
  return {
    n: cases.length,
    skipped,
    verdict: confusion(verdict),
    classifier: confusion(classifier),
    classifierWithoutBaseline: confusion(classifierNoBase),
    errors,
  };
}

// ───────────────────────────── output ─────────────────────────────

const pct = (x: number) => `${x.toFixed(1)}%`;
const AGG_HEADER = ['', 'logs', 'first', 'hit', 'full', 'precision', 'median shown', 'errors'];
const aggRow = (name: string, a: Aggregate) => [
  name,
  a.n,
  pct(a.first),
  pct(a.hit),
  pct(a.full),
  a.precision.toFixed(3),
  a.medianShown,
  a.errors,
];

function extractionRows(r: ExtractionResult): (string | number)[][] {
  const rows = [aggRow('analysis', r.analysis)];
  if (r.withBaseline) rows.push(aggRow('analysis + green log', r.withBaseline));
  rows.push(aggRow('naive: last 50 lines', r.naiveLast50));
  rows.push(aggRow('naive: last 50 error/fail lines', r.naiveLastErrors50));
  if (r.naiveLast50LabelsAsStored)
    rows.push(aggRow('naive: last 50 lines, labels as stored', r.naiveLast50LabelsAsStored));
  return rows;
}

function groupRows(r: ExtractionResult): (string | number)[][] {
  return Object.entries(r.byGroup).map(([g, a]) => {
    const b = r.byGroupWithBaseline?.[g];
    const nv = r.naiveByGroup[g];
    const go = r.genericOnlyByGroup?.[g];
    return [
      g,
      a.n,
      pct(a.first),
      pct(a.hit),
      pct(a.full),
      a.precision.toFixed(3),
      a.medianShown,
      ...(b ? [pct(b.hit)] : []),
      ...(r.genericOnlyByGroup ? [go ? pct(go.first) : ''] : []),
      nv ? pct(nv.hit) : '',
    ];
  });
}

function groupHeader(r: ExtractionResult): string[] {
  return [
    'group',
    'logs',
    'first',
    'hit',
    'full',
    'precision',
    'median shown',
    ...(r.byGroupWithBaseline ? ['hit + green log'] : []),
    ...(r.genericOnlyByGroup ? ['first, generic only'] : []),
    'naive hit',
  ];
}

function unseenRows(r: ExtractionResult): (string | number)[][] {
  const rows = [aggRow('every extractor', r.analysis)];
  if (r.ownExtractorOff) rows.push(aggRow('own extractor off', r.ownExtractorOff));
  if (r.genericOnly) rows.push(aggRow('tool-independent layer only', r.genericOnly));
  if (r.genericOnlyWithBaseline)
    rows.push(aggRow('tool-independent layer only + green log', r.genericOnlyWithBaseline));
  return rows;
}

const FAMILY_HEADER = ['family (gave the first finding)', 'logs', 'first', 'first, off', 'hit', 'hit, off'];
function familyRows(r: ExtractionResult): (string | number)[][] {
  return Object.entries(r.byFamilyOff ?? {}).map(([k, f]) => [
    k,
    f.logs,
    pct(f.firstOn),
    pct(f.firstOff),
    pct(f.hitOn),
    pct(f.hitOff),
  ]);
}

function confusionRows(c: Confusion): (string | number)[][] {
  const labels = [
    ...new Set([...Object.keys(c.matrix), ...Object.values(c.matrix).flatMap((r) => Object.keys(r))]),
  ].sort();
  return Object.keys(c.matrix)
    .sort()
    .map((label) => {
      const row = c.matrix[label];
      const n = Object.values(row).reduce((a, b) => a + b, 0);
      const top = labels
        .filter((p) => row[p])
        .sort((a, b) => row[b] - row[a])
        .map((p) => `${p} ${row[p]}`)
        .join(', ');
      return [label, n, pct(n ? (100 * (row[label] ?? 0)) / n : 0), top];
    });
}

function printResults(results: Results, timing: Record<string, Timing>): void {
  for (const [name, r] of Object.entries(results)) {
    console.log(`\n=== ${name}`);
    if ('byTool' in r) {
      console.log(table(TOOLS_HEADER, toolRows(r)));
      console.log(
        `\nnode-core-utils Jenkins consoles: ${r.jenkins.hit}/${r.jenkins.n} show the failure's first line`,
      );
      for (const c of r.jenkins.cases)
        console.log(`  ${c.hit ? 'hit ' : 'miss'} ${c.id}${c.error ? ` (${c.error})` : ''}`);
      console.log(`\nnot scored (${r.skipped.length}):`);
      for (const s of r.skipped) console.log(`  ${s}`);
    } else if ('analysis' in r) {
      console.log(table(AGG_HEADER, extractionRows(r)));
      console.log();
      console.log(table(groupHeader(r), groupRows(r)));
      if (r.firstScreen) console.log(`\n${firstScreenLine(r.firstScreen)}`);
      if (r.genericOnly) {
        console.log('\nunseen tools (estimate):');
        console.log(table(AGG_HEADER, unseenRows(r)));
        if (Object.keys(r.byFamilyOff ?? {}).length) {
          console.log();
          console.log(table(FAMILY_HEADER, familyRows(r)));
        }
      }
    } else {
      const c = r as CategoryResult;
      console.log(
        table(
          ['category', 'logs', 'accuracy', 'errors'],
          [
            ['classifyFailure + green log', c.classifier.n, pct(c.classifier.accuracy), c.errors.length],
            [
              'classifyFailure',
              c.classifierWithoutBaseline.n,
              pct(c.classifierWithoutBaseline.accuracy),
              c.errors.length,
            ],
            ['verdict.category', c.verdict.n, pct(c.verdict.accuracy), c.errors.length],
          ],
        ),
      );
      console.log();
      console.log(
        table(
          ['label (classifyFailure + green log)', 'logs', 'recall', 'predicted'],
          confusionRows(c.classifier),
        ),
      );
    }
    const errs = r.errors;
    if (errs.length) {
      console.log(`\n${errs.length} error(s):`);
      for (const e of errs.slice(0, 20)) console.log(`  ${e}`);
    }
    const t = timing[name];
    if (t)
      console.log(
        `\ntiming: ${t.logs} analyses in ${(t.totalMs / 1000).toFixed(1)} s, median ${t.medianMs} ms, max ${t.maxMs} ms (${t.slowest})`,
      );
  }
}

const TOOLS_HEADER = ['tool', 'extractor', 'entries', 'recalled', 'recall', 'findings'];
function toolRows(r: ToolsResult): (string | number)[][] {
  return [
    ...r.byTool.map((t) => [
      t.tool,
      t.family,
      t.entries,
      t.recalled,
      pct(t.recall),
      t.error ? 'error' : t.findings,
    ]),
    ['all', '', r.entries, r.recalled, pct(r.recall), ''],
  ];
}

function markdown(results: Results): string {
  const out: string[] = [
    '# Extraction and category evaluation',
    '',
    'Generated by `npm run eval -- --data ../shared/data` (do not edit by hand). Scoring as in the data',
    "set's README.md: the lines shown are the union of `findings[i].logLines` over the first 5 findings; hit =",
    'they overlap the labelled lines, full = they contain all of them, precision = labelled lines shown / lines',
    "shown (mean over logs); first = the FIRST finding's lines alone overlap the labelled lines (what a reader",
    'sees first). The naive references are computed in the same run (they show one block: first = hit).',
    'Figures are for the development half of each set; the targets are judged on the held-back half.',
  ];
  for (const [name, r] of Object.entries(results)) {
    out.push('', `## ${name}`, '');
    if ('byTool' in r) {
      out.push(
        'reviewdog/errorformat testdata of the tools an extractor claims: the share of expected entries ' +
          '(file, line, message) some finding recalls; node-core-utils Jenkins consoles: the failure is shown.',
        '',
      );
      out.push(mdTable(TOOLS_HEADER, toolRows(r)), '');
      out.push(
        `node-core-utils Jenkins consoles: ${r.jenkins.hit}/${r.jenkins.n} show the failure's first line.`,
        '',
      );
      out.push('Not scored:', '', ...r.skipped.map((x) => `- ${x}`));
    } else if ('analysis' in r) {
      out.push(
        `${r.n} labelled logs${r.skipped ? ` (${r.skipped} label(s) without lines skipped)` : ''}.`,
        '',
      );
      out.push(mdTable(AGG_HEADER, extractionRows(r)), '');
      out.push(mdTable(groupHeader(r), groupRows(r)));
      if (r.firstScreen) out.push('', `${firstScreenLine(r.firstScreen)}.`);
      if (r.genericOnly) {
        out.push(
          '',
          '### Unseen tools (estimate)',
          '',
          'The same logs with every tool-specific extractor off (the tool-independent layer alone: the failing ' +
            "command's output, the runner's lines, the generic error grammar), and each log without the " +
            'extractor its first finding came from (leave one family out).',
          '',
          mdTable(AGG_HEADER, unseenRows(r)),
        );
        if (Object.keys(r.byFamilyOff ?? {}).length) out.push('', mdTable(FAMILY_HEADER, familyRows(r)));
      }
    } else {
      const c = r as CategoryResult;
      out.push(
        `${c.n} failing logs; BugSwarm's \`failure_category\` against our category mapped to its labels ` +
          '(compile → Compilation, test → Test, lint → Checkstyle, dependency → Missing library, network → ' +
          'Unable to clone, anything else → Unknown). The passing log is the green baseline.',
        '',
      );
      out.push(
        mdTable(
          ['', 'logs', 'accuracy', 'errors'],
          [
            ['classifyFailure + green log', c.classifier.n, pct(c.classifier.accuracy), c.errors.length],
            [
              'classifyFailure',
              c.classifierWithoutBaseline.n,
              pct(c.classifierWithoutBaseline.accuracy),
              c.errors.length,
            ],
            ['verdict.category', c.verdict.n, pct(c.verdict.accuracy), c.errors.length],
          ],
        ),
        '',
      );
      out.push(
        mdTable(
          ['label', 'logs', 'recall', 'predicted (classifyFailure + green log)'],
          confusionRows(c.classifier),
        ),
      );
    }
    if (r.errors.length) out.push('', `Errors: ${r.errors.length}.`);
  }
  return out.join('\n') + '\n';
}

/** JSON with objects of plain values on one line each, so a change of one figure is a one-line diff. */
function compactJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + compactJson(v, inner)).join(',\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  if (entries.every(([, v]) => v === null || typeof v !== 'object'))
    return `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;
  return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`).join(',\n')}\n${indent}}`;
}

function stableJson(results: Results): string {
  return compactJson({ generatedBy: 'npm run eval -- --data ../shared/data', sets: results }) + '\n';
}

// ───────────────────────────── main ─────────────────────────────

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      data: { type: 'string', default: '../shared/data' },
      set: { type: 'string', multiple: true },
      check: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
      misses: { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      dump: { type: 'string' },
      limit: { type: 'string' },
      'generic-only': { type: 'boolean', default: false },
      'no-unseen': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'npm run eval -- --data DIR [--set logchunks|cidiff|pytorch|bugswarm|tools]... [--check] [--no-write] [--misses] [--partial] [--dump FILE] [--limit N] [--generic-only] [--no-unseen]',
    );
    return 0;
  }
  const data = resolve(values.data!);
  if (!existsSync(data)) {
    console.error(`eval: data folder not found: ${data}`);
    return 2;
  }
  const wanted = (values.set ?? SET_NAMES)
    .flatMap((s) => s.split(','))
    .map((s) => (s === 'pytorch-log-classifier' ? 'pytorch' : s));
  for (const s of wanted)
    if (!SET_NAMES.includes(s as SetName)) {
      console.error(`eval: unknown set '${s}' (one of ${SET_NAMES.join(', ')})`);
      return 2;
    }
  const limit = values.limit ? Number(values.limit) : undefined;
  const genericOnly = values['generic-only'] === true;
  const extractors = genericOnly ? toolIndependentExtractors() : undefined;
  const unseen = !genericOnly && !values['no-unseen'];
  const rules = builtinRules();
  const results: Results = {};
  const timing: Record<string, Timing> = {};
  const dump: Dump[] = [];
  const started = performance.now();
  for (const name of SET_NAMES.filter((s) => wanted.includes(s))) {
    if (name === 'tools') {
      const cases = loadToolCases(data);
      if (!cases) {
        console.log(`(tools: not in ${data}, skipped)`);
        continue;
      }
      const samples: { id: string; ms: number }[] = [];
      results.tools = scoreTools(cases, (text) => {
        const t0 = performance.now();
        const findings = analyse(text, rules, undefined, extractors).findings;
        samples.push({ id: `tools:${samples.length}`, ms: performance.now() - t0 });
        return findings;
      });
      timing.tools = timingOf(samples);
      continue;
    }
    const set = loadSet(data, name);
    if (!set) {
      console.log(`(${name}: not in ${data}, skipped)`);
      continue;
    }
    const cases = limit ? set.cases.slice(0, limit) : set.cases;
    const samples: { id: string; ms: number }[] = [];
    if (name === 'bugswarm')
      results[name] = runCategory(cases, set.skipped.length, rules, samples, dump, extractors);
    else {
      const analysed: Analysed[] = [];
      const r = runExtraction(name, cases, set.skipped.length, rules, samples, dump, extractors, analysed);
      if (unseen) Object.assign(r, runUnseen(name, analysed, rules, []));
      results[name] = r;
    }
    timing[name] = timingOf(samples);
  }
  printResults(results, timing);
  console.log(`\ntotal: ${((performance.now() - started) / 1000).toFixed(1)} s`);

  if (values.misses) {
    console.log('\nlogs whose FIRST finding misses (first five hit or not):');
    for (const d of dump)
      if (d.first === false)
        console.log(
          `  ${d.set} ${d.id} [${d.group}]${d.hit ? '' : ' (five miss too)'} labels=${JSON.stringify(d.labels)}\n    top: ${(d.top ?? []).join(' | ')}`,
        );
    console.log('\nmissed logs:');
    for (const d of dump)
      if (d.hit === false || (d.predicted && d.predicted !== d.category) || d.error)
        console.log(
          `  ${d.set} ${d.id} [${d.group}] labels=${JSON.stringify(d.labels ?? d.category)} shown=${JSON.stringify(d.shown ?? d.predicted)}`,
        );
  }
  if (values.partial) {
    console.log('\nlogs hit but not fully shown:');
    for (const d of dump)
      if (d.hit && d.full === false)
        console.log(
          `  ${d.set} ${d.id} [${d.group}] labels=${JSON.stringify(d.labels)} shown=${JSON.stringify(d.shown)}\n    top: ${(d.top ?? []).join(' | ')}`,
        );
  }
  const tools = results.tools;
  if (values.misses && tools && 'byTool' in tools)
    for (const t of tools.byTool) for (const m of t.missed) console.log(`  tools ${t.tool}: ${m}`);
  if (values.dump) writeFileSync(values.dump, dump.map((d) => JSON.stringify(d)).join('\n') + '\n');

  const complete =
    !limit &&
    !genericOnly &&
    unseen &&
    wanted.length === SET_NAMES.length &&
    Object.keys(results).length === SET_NAMES.length;
  if (!values['no-write']) {
    if (complete) {
      mkdirSync(EVAL_DIR, { recursive: true });
      writeFileSync(join(EVAL_DIR, 'results.json'), stableJson(results));
      writeFileSync(join(EVAL_DIR, 'RESULTS.md'), markdown(results));
      console.log(`\nwrote eval/results.json and eval/RESULTS.md`);
    } else console.log('\n(partial or --generic-only/--no-unseen run: eval/results.json not written)');
  }

  if (values.check) {
    const floorsFile = join(EVAL_DIR, 'floors.json');
    if (!existsSync(floorsFile)) {
      console.error('eval --check: eval/floors.json not found');
      return 1;
    }
    const floors = JSON.parse(readFileSync(floorsFile, 'utf8')) as Floors;
    const failures = checkFloors(results as Record<string, unknown>, floors);
    if (failures.length) {
      console.error(`\neval --check: ${failures.length} figure(s) below the floor:`);
      for (const f of failures) console.error(`  ${f}`);
      return 1;
    }
    console.log('\neval --check: every figure at or above its floor');
  }
  return 0;
}

/** Runs the evaluation; `root` is the repository root (eval/ is written there). --data is relative to the cwd. */
export async function run(argv: string[], root = process.cwd()): Promise<void> {
  EVAL_DIR = join(root, 'eval');
  try {
    process.exitCode = await main(argv);
  } catch (e) {
    console.error(`eval: ${(e as Error)?.stack ?? String(e)}`);
    process.exitCode = 2;
  }
}
