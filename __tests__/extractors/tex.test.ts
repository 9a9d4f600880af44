import { readFileSync } from 'node:fs';
import { parseLog } from '../../src/log/read.js';
import { extractFindings } from '../../src/log/extract.js';
import { tex } from '../../src/log/extractors/tex.js';
import type { Finding } from '../../src/types.js';

const CAPTURES = new URL('../fixtures/tex/captures/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, CAPTURES), 'utf8');

function extract(name: string): Finding[] {
  const doc = parseLog(read(name));
  return tex.extract(doc.lines, doc);
}
const row = (f: Finding): unknown[] => [f.kind, f.message, f.file, f.line, f.logLines];

describe('tex extractor', () => {
  test('pdflatex: the error with its l.N context, warnings as warnings', () => {
    expect(extract('pdflatex.log').map(row)).toEqual([
      [
        'warning',
        "LaTeX Warning: Reference `sec:none' on page 1 undefined on input line 5.",
        undefined,
        5,
        [13, 13],
      ],
      ['compile-error', 'Undefined control sequence.', undefined, 7, [15, 17]],
      ['warning', 'LaTeX Warning: There were undefined references.', undefined, undefined, [20, 20]],
    ]);
  });

  test('-file-line-error: the file and line come from the error line', () => {
    const errors = extract('pdflatex-fle.log').filter((f) => f.kind === 'compile-error');
    expect(errors.map(row)).toEqual([
      ['compile-error', 'Undefined control sequence.', './paper.tex', 7, [15, 17]],
    ]);
  });

  test('a missing package is a dependency; the Emergency stop after it is a low-weight consequence', () => {
    const findings = extract('missing-package.log');
    expect(findings.map((f) => [...row(f), f.code, f.weight])).toEqual([
      [
        'dependency',
        "LaTeX Error: File `nosuchpackage.sty' not found.",
        undefined,
        undefined,
        [11, 11],
        'nosuchpackage.sty',
        80,
      ],
      ['compile-error', 'Emergency stop.', undefined, 3, [17, 21], undefined, 15],
    ]);
  });

  test('latexmk in a GitHub Actions log: the TeX error first, the latexmk closer low', () => {
    const doc = parseLog(read('gh-latexmk.log'));
    const ordered = extractFindings(doc);
    expect(row(ordered[0])).toEqual(['compile-error', 'Undefined control sequence.', undefined, 7, [34, 37]]);
    const closer = ordered.find((f) => f.message.startsWith('Latexmk: Errors'));
    // latexmk's closer with the lines it prints right under it
    expect(closer?.logLines).toEqual([58, 61]);
    expect(closer!.weight).toBeLessThan(ordered[0].weight);
  });

  test('a document that only warns: overfull boxes and undefined references, no errors', () => {
    const findings = extract('warnings.log');
    expect(findings.every((f) => f.kind === 'warning')).toBe(true);
    expect(findings.find((f) => f.message.startsWith('Overfull'))).toMatchObject({
      message: 'Overfull \\hbox (258.34525pt too wide) in paragraph at lines 6--6',
      line: 6,
      logLines: [19, 19],
    });
    expect(findings).toHaveLength(5);
  });

  test('`! ` lines of other tools without TeX context are not TeX errors; hostile input does not throw', () => {
    const doc = parseLog(
      '! [rejected]        main -> main (fetch first)\n! something odd\n' + '! '.repeat(10000),
    );
    expect(tex.extract(doc.lines, doc)).toEqual([]);
  });
});
