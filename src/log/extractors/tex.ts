// TeX / LaTeX: pdflatex, xelatex, lualatex, latexmk, bibtex. What they print:
//
//   ! Undefined control sequence.                      ← an error: `!` + message
//   l.7 The result is \foo                             ← where: the input line number and the text read
//                         {42} as expected.            ←   so far / the rest of the line
//   ./paper.tex:7: Undefined control sequence.         ← the same with -file-line-error
//   ! LaTeX Error: File `nosuchpackage.sty' not found. ← a missing package: dependency
//   ! Emergency stop.                                  ← after another error: a consequence, low weight
//   Latexmk: Errors, so I did not complete making targets   ← closer, low weight
//   Overfull \hbox (19.6pt too wide) in paragraph at lines 7256--7268   ← warnings (some builds fail on
//   LaTeX Warning: There were undefined references.                   ← them): kind 'warning'
//   I was expecting a `,' or a `}'---line 12 of file refs.bib          ← bibtex
// The file of a `!` error is not printed (TeX's open-file stack is not followed here), only its line.
import type { Finding, FindingKind, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 85;
export const WEIGHT_MISSING = 80;
export const WEIGHT_BIBTEX = 70;
export const WEIGHT_CONSEQUENCE = 15;
export const WEIGHT_OVERFULL = 12;
export const WEIGHT_WARNING = 10;
export const WEIGHT_CLOSER = 5;

const MAX_LINE = 2000;
/** How far below the error its `l.N` context may be (help text, `Enter file name:` prompts ...). */
const MAX_CONTEXT = 10;

const BANG = /^! (.+)$/;
const FILE_LINE = /^(\S+\.(?:tex|sty|cls|ltx|dtx|bib|bbl|def|cfg)):(\d+): (.+)$/;
const CONTEXT = /^l\.(\d+)(?: |$)/;
const MISSING = /^(?:! )?LaTeX Error: File `([^']+)' not found\.$/;
const LATEXMK_CLOSER = /^Latexmk: Errors, so I did not complete making targets$/;
const OVERFULL =
  /^Overfull \\[hv]box \([\d.]+pt too (?:wide|high)\) (?:in paragraph|in alignment|detected) at lines? (\d+)/;
const WARNING = /^(?:LaTeX|Package \w+|Class \w+) Warning: (.+)$/;
const TEX_BANG = /^(?:(?:LaTeX|Package \S+|Class \S+) Error:|Emergency stop|TeX capacity exceeded)/;
const BIBTEX = /^(.+)---line (\d+) of file (\S+)$/;

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'tex', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

/** The `l.N` line below an error (and the continuation line under it): [index of last line, N]. */
function context(lines: LogLine[], i: number): [number, number] | undefined {
  for (let j = i + 1; j < lines.length && j <= i + MAX_CONTEXT; j++) {
    const t = lines[j].text;
    const m = CONTEXT.exec(t);
    if (m) {
      const next = j + 1 < lines.length ? lines[j + 1].text : '';
      // the rest of the input line is printed below, indented to where reading stopped
      const end = next.startsWith(' ') && next.trim() !== '' ? j + 1 : j;
      return [end, +m[1]];
    }
    if (BANG.test(t) || FILE_LINE.test(t)) return undefined;
  }
  return undefined;
}

export const tex: Extractor = {
  name: 'tex',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** Index of the last error's line: an `Emergency stop` soon after it is its consequence. */
    let lastError = -Infinity;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      if (text === '' || text[0] === ' ') continue;
      const trimmed = text.trimEnd();

      const missing = MISSING.exec(trimmed);
      if (missing) {
        const f = make('dependency', trimmed.replace(/^! /, ''), lines[i], lines[i], WEIGHT_MISSING);
        f.code = missing[1];
        findings.push(f);
        lastError = i;
        continue;
      }
      const fl = FILE_LINE.exec(trimmed);
      const bang = fl ? null : BANG.exec(trimmed);
      if (fl || bang) {
        const message = fl ? fl[3] : bang![1];
        if (message.startsWith(' ==> Fatal error occurred')) continue;
        const ctx = context(lines, i);
        // other tools print `! ` lines too: without TeX's `l.N` context only TeX's own error families
        if (bang && !ctx && !TEX_BANG.test(message)) continue;
        const consequence = /^(?:Emergency stop|==> Fatal error)/.test(message) && i - lastError <= 20;
        const f = make(
          'compile-error',
          message,
          lines[i],
          lines[ctx ? ctx[0] : i],
          consequence ? WEIGHT_CONSEQUENCE : WEIGHT_ERROR,
        );
        if (fl) {
          f.file = fl[1];
          f.rawFile = fl[1];
          f.line = +fl[2];
        } else if (ctx) {
          f.line = ctx[1];
        }
        findings.push(f);
        if (!consequence) lastError = i;
        if (ctx) i = ctx[0];
        continue;
      }
      const bib = BIBTEX.exec(trimmed);
      if (bib) {
        const f = make('compile-error', bib[1].trim(), lines[i], lines[i], WEIGHT_BIBTEX);
        f.file = bib[3];
        f.rawFile = bib[3];
        f.line = +bib[2];
        findings.push(f);
        continue;
      }
      if (LATEXMK_CLOSER.test(trimmed)) {
        findings.push(make('build-error', trimmed, lines[i], lines[i], WEIGHT_CLOSER));
        continue;
      }
      const of = OVERFULL.exec(trimmed);
      if (of) {
        const f = make('warning', trimmed, lines[i], lines[i], WEIGHT_OVERFULL);
        f.line = +of[1];
        findings.push(f);
        continue;
      }
      const w = WARNING.exec(trimmed);
      if (w) {
        const f = make('warning', trimmed, lines[i], lines[i], WEIGHT_WARNING);
        const at = / on input line (\d+)\.?$/.exec(w[1]);
        if (at) f.line = +at[1];
        findings.push(f);
      }
    }
    return findings;
  },
};
