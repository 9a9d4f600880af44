// The labelled sets of ../shared/data (formats in its README.md), read into one shape: a log, its
// labelled lines (or category), the group it is reported under and, for pairs, the green log.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LineRange } from '../../src/types.js';

export type SetName = 'logchunks' | 'cidiff' | 'pytorch' | 'bugswarm' | 'tools';
export const SET_NAMES: SetName[] = ['logchunks', 'cidiff', 'pytorch', 'bugswarm', 'tools'];

export interface Case {
  id: string;
  group: string;
  logFile: string;
  /** The log of the same job's passing run, when the set has one. */
  baselineFile?: string;
  /** Labelled line ranges (extraction sets). */
  labels?: LineRange[];
  /** The labelled failure category (bugswarm). */
  category?: string;
}

export interface LoadedSet {
  name: SetName;
  cases: Case[];
  /** Labelled entries that could not be used, with the reason. */
  skipped: string[];
}

function jsonl(file: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a broken label line is skipped, never fatal
    }
  }
  return out;
}

const isLine = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x > 0;

function logchunks(dir: string): LoadedSet {
  const set: LoadedSet = { name: 'logchunks', cases: [], skipped: [] };
  for (const r of jsonl(join(dir, 'labels.jsonl'))) {
    const log = String(r.log ?? '');
    if (!isLine(r.start_line) || !isLine(r.end_line)) {
      set.skipped.push(`${log}: no line range in the label`);
      continue;
    }
    set.cases.push({
      id: log,
      group: String(r.language ?? '?'),
      logFile: join(dir, log),
      labels: [[r.start_line, r.end_line]],
    });
  }
  return set;
}

function cidiff(dir: string): LoadedSet {
  const set: LoadedSet = { name: 'cidiff', cases: [], skipped: [] };
  for (const r of jsonl(join(dir, 'labels.jsonl'))) {
    const ranges = (Array.isArray(r.error_ranges) ? r.error_ranges : []).filter(
      (x): x is LineRange => Array.isArray(x) && isLine(x[0]) && isLine(x[1]),
    );
    const id = String(r.case ?? r.fail_log);
    if (!ranges.length) {
      set.skipped.push(`${id}: no error range`);
      continue;
    }
    set.cases.push({
      id,
      group: String(r.format ?? '?'),
      logFile: join(dir, String(r.fail_log)),
      baselineFile: r.pass_log ? join(dir, String(r.pass_log)) : undefined,
      labels: ranges,
    });
  }
  return set;
}

function pytorch(dir: string): LoadedSet {
  const set: LoadedSet = { name: 'pytorch', cases: [], skipped: [] };
  for (const r of jsonl(join(dir, 'labels.jsonl'))) {
    const id = String(r.rule_case ?? r.clean_log);
    if (!isLine(r.match_line)) {
      set.skipped.push(`${id}: no match_line`);
      continue;
    }
    set.cases.push({
      id,
      group: id,
      logFile: join(dir, String(r.clean_log)),
      labels: [[r.match_line, r.match_line]],
    });
  }
  return set;
}

function bugswarm(dir: string): LoadedSet {
  const set: LoadedSet = { name: 'bugswarm', cases: [], skipped: [] };
  for (const name of readdirSync(dir).sort()) {
    const meta = join(dir, name, 'meta.json');
    if (!existsSync(meta)) continue;
    let category: string | undefined;
    try {
      category = String(
        (JSON.parse(readFileSync(meta, 'utf8')) as { failure_category?: unknown }).failure_category,
      );
    } catch {
      set.skipped.push(`${name}: unreadable meta.json`);
      continue;
    }
    const passing = join(dir, name, 'passing.log');
    set.cases.push({
      id: name,
      group: category.replace(/\s+/g, ' ').trim(),
      logFile: join(dir, name, 'failing.log'),
      baselineFile: existsSync(passing) ? passing : undefined,
      category: category.replace(/\s+/g, ' ').trim(),
    });
  }
  return set;
}

const FOLDERS: Record<SetName, string> = {
  logchunks: 'logchunks',
  cidiff: 'cidiff',
  pytorch: 'pytorch-log-classifier',
  bugswarm: 'bugswarm',
  tools: 'tool-outputs',
};

/**
 * Loads a set from the data folder, or undefined when the folder is missing. The `tools` set has its own
 * shape and loader (scripts/eval/tools.ts loadToolCases); here it has no cases.
 */
export function loadSet(data: string, name: SetName): LoadedSet | undefined {
  const dir = join(data, FOLDERS[name]);
  if (!existsSync(dir)) return undefined;
  if (name === 'tools') return { name, cases: [], skipped: [] };
  if (name === 'logchunks') return logchunks(dir);
  if (name === 'cidiff') return cidiff(dir);
  if (name === 'pytorch') return pytorch(dir);
  return bugswarm(dir);
}
