// The streaming path (src/log/stream.ts) against the whole-document path (parseLog + extractFindings +
// matchRules) on every real log: the first 5 findings must show the same lines (logLines), and the rules
// the same matches. Bundled and run by bench/perf/equivalence.mjs; prints each mismatch and a summary.
import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { matchRules } from '../../src/rules/match.js';
import { builtinRules } from '../../src/rules/load.js';
import { analyzeLogText } from '../../src/log/stream.js';
import type { Finding, PatternMatch } from '../../src/types.js';

const TOP = 5;

function key(fs: Finding[]): string {
  return fs
    .slice(0, TOP)
    .map((f) => `${f.logLines[0]}-${f.logLines[1]}`)
    .join(' ');
}

function pkey(ps: PatternMatch[]): string {
  return ps.map((p) => `${p.id}@${p.logLines[0]}-${p.logLines[1]}x${p.occurrences}`).join(' ');
}

/**
 * `windows`: every log is read in windows (as a log over the whole-reading bound is), the scan of bytes,
 * the candidate windows and the lazy segmentation against the whole document; else with the defaults
 * (every real log is under the bound: read whole, identical by construction).
 */
export function run(files: string[], verbose: boolean, windows = false): number {
  const rules = builtinRules();
  let same = 0;
  let samePatterns = 0;
  let sameSegments = 0;
  let read = 0;
  let total = 0;
  const mismatches: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const doc = parseLog(text);
    const whole = key(extractFindings(doc));
    const wholeP = pkey(matchRules(doc, rules));
    const res = analyzeLogText(text, windows ? { rules, wholeBytes: 0 } : { rules });
    const streamed = key(res.findings);
    read += res.stats.linesRead;
    total += res.doc.totalLines;
    if (whole === streamed) same++;
    else mismatches.push(`${file}\n  whole:  ${whole}\n  stream: ${streamed}`);
    if (JSON.stringify(doc.segments) === JSON.stringify(res.doc.segments) && doc.format === res.doc.format)
      sameSegments++;
    else if (verbose) mismatches.push(`${file} (segments)`);
    if (wholeP === pkey(res.patterns)) samePatterns++;
    else if (verbose)
      mismatches.push(`${file} (rules)\n  whole:  ${wholeP}\n  stream: ${pkey(res.patterns)}`);
  }
  for (const m of mismatches) console.log(m);
  console.log(
    `\n${windows ? 'read in windows' : 'defaults'}: ${files.length} logs: first ${TOP} findings identical on ${same} (${((100 * same) / files.length).toFixed(1)}%), ` +
      `rule matches identical on ${samePatterns} (${((100 * samePatterns) / files.length).toFixed(1)}%), ` +
      `format and job/step segments on ${sameSegments}; ` +
      `lines read by the extractors: ${read} of ${total} (${((100 * read) / Math.max(1, total)).toFixed(1)}%)`,
  );
  return files.length - same;
}
