import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseLog } from '../../src/log/read.js';
import { runExtractors } from '../../src/log/extract.js';
import { extractors } from '../../src/log/extractors/index.js';
import type { Extractor } from '../../src/log/extractors/types.js';
import type { LogDocument, LogLine } from '../../src/types.js';

function docOf(texts: string[]): LogDocument {
  const lines: LogLine[] = texts.map((text, i) => ({ n: i + 1, text }));
  return { format: 'plain', lines, segments: [], totalLines: lines.length };
}

/** An extractor that reports every line containing `word`, gated by `triggers`. */
function spy(word: string, triggers: RegExp, calls: string[]): Extractor {
  return {
    name: word,
    triggers,
    extract(lines) {
      calls.push(word);
      return lines
        .filter((l) => l.text.includes(word))
        .map((l) => ({ kind: 'error', tool: word, message: l.text, logLines: [l.n, l.n], weight: 1 }));
    },
  };
}

describe('runExtractors', () => {
  test('runs an extractor only when its triggers occur in some line', () => {
    const calls: string[] = [];
    const doc = docOf(['building', 'boom: it broke', 'done']);
    const found = runExtractors(doc.lines, doc, [spy('boom', /boom/, calls), spy('bang', /bang/, calls)]);
    expect(calls).toEqual(['boom']);
    expect(found.map((f) => `${f.tool}@${f.logLines[0]}`)).toEqual(['boom@2']);
  });

  test('a trigger on the last line of a long log (more than one piece of joined text) counts', () => {
    const calls: string[] = [];
    const filler = 'x'.repeat(999);
    const doc = docOf([...Array.from({ length: 3000 }, () => filler), 'boom at the end']);
    const found = runExtractors(doc.lines, doc, [spy('boom', /boom/, calls), spy('bang', /bang/, calls)]);
    expect(calls).toEqual(['boom']);
    expect(found.map((f) => f.logLines[0])).toEqual([3001]);
  });

  test('an extractor that throws is skipped, the others still run', () => {
    const calls: string[] = [];
    const doc = docOf(['boom']);
    const broken: Extractor = {
      name: 'broken',
      extract() {
        throw new Error('bug');
      },
    };
    const found = runExtractors(doc.lines, doc, [broken, spy('boom', /boom/, calls)]);
    expect(found.map((f) => f.tool)).toEqual(['boom']);
  });
});

// Triggers are tested on the lines joined by '\n' (src/log/extract.ts): a line that matches must make the
// joined text match, so no anchors and no lookarounds (escaped characters and negated classes aside).
function unsafe(source: string): string[] {
  const plain = source.replace(/\\./g, '').replace(/\[\^/g, '[');
  return ['^', '$', '(?=', '(?!', '(?<'].filter((s) => plain.includes(s));
}

describe('the registered extractors’ triggers', () => {
  const gated = extractors.filter((ex) => ex.triggers);

  test('several extractors have triggers', () => {
    expect(gated.map((ex) => ex.name)).toEqual(expect.arrayContaining(['xcode', 'pyflakes']));
  });

  test.each(gated.map((ex) => [ex.name, ex.triggers!] as const))(
    '%s: its triggers hold on the joined text (no anchors, no lookarounds)',
    (_name, re) => {
      expect(re.flags.replace(/[iu]/g, '')).toBe('');
      expect(unsafe(re.source)).toEqual([]);
    },
  );
});

describe('the triggers on the captured fixtures', () => {
  const root = join(import.meta.dirname, '..', 'fixtures');
  const logs: string[] = [];
  const walk = (dir: string) => {
    for (const d of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, d.name);
      if (d.isDirectory()) walk(p);
      else if (/\.(?:log|txt)$/.test(d.name)) logs.push(p);
    }
  };
  walk(root);
  const gated = extractors.filter((ex) => ex.triggers);

  test('every extractor that finds something in a log has its triggers in that log', () => {
    expect(logs.length).toBeGreaterThan(100);
    const missed: string[] = [];
    let found = 0;
    for (const file of logs) {
      const doc = parseLog(readFileSync(file, 'utf8'));
      const text = doc.lines.map((l) => l.text).join('\n');
      for (const ex of gated) {
        if (ex.extract(doc.lines, doc).length === 0) continue;
        found++;
        if (!ex.triggers!.test(text)) missed.push(`${ex.name}: ${file}`);
      }
    }
    expect(missed).toEqual([]);
    expect(found).toBeGreaterThan(50);
  });
});
