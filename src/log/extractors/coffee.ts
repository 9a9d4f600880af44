// CoffeeScript compiler errors (coffee -c, cake, coffee-loader/-register print the same form):
//
//   /path/src/receipt.coffee:5:35: error: missing "      ← file:line:col: error: message
//     lines.push "total: #{total items"                  ← the source line
//                                     ^                  ← the caret
//
// Test runners that compile the tests print it indented; `[stdin]:1:6: error:` (code compiled from a
// string, as in assertion messages about error output) has no file and is not a finding.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { finding } from './finding.js';

export const WEIGHT_COMPILE = 90;

const MAX_LINE = 2000;
const ERROR = /^\s*(\S+?\.(?:coffee|litcoffee|coffee\.md|cson)):(\d+):(\d+): error: (.+)$/;
const CARET = /^\s*\^+\s*$/;

export const coffee: Extractor = {
  name: 'coffee',
  // every finding is a CoffeeScript file location with : error:
  triggers: /\.coffee:|\.litcoffee:|\.coffee\.md:|\.cson:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE || !text.includes(': error: ')) continue;
      const m = ERROR.exec(text.trimEnd());
      if (!m) continue;
      // the source line and the caret under it, when they follow
      const end = i + 2 < lines.length && CARET.test(lines[i + 2].text) ? i + 2 : i;
      findings.push(
        finding(lines, i, end, {
          kind: 'compile-error',
          tool: 'coffee',
          message: m[4].trim(),
          file: m[1],
          line: +m[2],
          column: +m[3],
          weight: WEIGHT_COMPILE,
        }),
      );
      i = end;
    }
    return findings;
  },
};
