// The close reading's output and its cost on every real log: parseLog + extractFindings + matchRules (the
// whole-document path), and the streaming path (analyzeLogText), dumped as JSON so that two versions of the
// extractors or the rules engine can be compared byte for byte. Bundled and run by bench/perf/dump.mjs.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { matchRules } from '../../src/rules/match.js';
import { builtinRules } from '../../src/rules/load.js';
import { analyzeLogText } from '../../src/log/stream.js';
import type { LogDocument } from '../../src/types.js';

export interface DumpOptions {
  out?: string;
  stream: boolean;
  /** Skip the extractors (time the rules only). */
  rulesOnly?: boolean;
  repeat: number;
  /** The project's root: the dump names the logs relative to it. */
  root: string;
}

export function run(files: string[], opts: DumpOptions): void {
  const rules = builtinRules();
  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const docs: LogDocument[] = [];
  let lines = 0;
  let t0 = performance.now();
  for (const text of texts) {
    const doc = parseLog(text);
    docs.push(doc);
    lines += doc.lines.length;
  }
  const parseMs = performance.now() - t0;
  const dump: Record<string, unknown> = {};
  let extractMs = Infinity;
  let rulesMs = Infinity;
  let streamMs = Infinity;
  for (let r = 0; r < opts.repeat; r++) {
    t0 = performance.now();
    const findings = opts.rulesOnly ? [] : docs.map((d) => extractFindings(d));
    extractMs = Math.min(extractMs, performance.now() - t0);
    t0 = performance.now();
    const patterns = docs.map((d) => matchRules(d, rules));
    rulesMs = Math.min(rulesMs, performance.now() - t0);
    let streamed: unknown[] = [];
    if (opts.stream) {
      t0 = performance.now();
      streamed = texts.map((t) => {
        const res = analyzeLogText(t, { rules });
        return { findings: res.findings, patterns: res.patterns, notes: res.notes };
      });
      streamMs = Math.min(streamMs, performance.now() - t0);
    }
    if (r === 0)
      files.forEach((f, i) => {
        dump[relative(opts.root, f)] = {
          findings: findings[i],
          patterns: patterns[i],
          ...(opts.stream ? { stream: streamed[i] } : {}),
        };
      });
  }
  if (opts.out) writeFileSync(opts.out, JSON.stringify(dump, null, 1) + '\n');
  const per = (ms: number) => ((1000 * ms) / Math.max(1, lines)).toFixed(2);
  console.log(
    `${files.length} logs, ${lines} lines (best of ${opts.repeat}): parseLog ${parseMs.toFixed(0)} ms; ` +
      `extractFindings ${extractMs.toFixed(0)} ms (${per(extractMs)} µs/line); ` +
      `matchRules ${rulesMs.toFixed(0)} ms (${per(rulesMs)} µs/line); ` +
      `extract+rules ${per(extractMs + rulesMs)} µs/line` +
      (opts.stream ? `; analyzeLogText ${streamMs.toFixed(0)} ms (${per(streamMs)} µs/line)` : ''),
  );
}
