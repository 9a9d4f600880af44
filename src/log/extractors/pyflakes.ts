// pyflakes run on its own (not through flake8): the same `path:line:col: message` lines as flake8, but
// without a code, and older releases leave out the column:
//
//   shop/cart.py:2:1: 'os' imported but unused
//   shop/cart.py:11:28: undefined name 'rate'
//   verktyg/test.py:26: '_get_environ' imported but unused        ← pyflakes < 2.2, no column
//   ./bad_call.py:2:10: '(' was never closed                       ← a syntax error: the source line and
//       print("hello", name                                           a caret follow
//            ^
//
// Without a code, a `path:line: text` line is also a pytest frame (`path:12: in func`), a warning
// (`path:3: DeprecationWarning: ...`) or a mypy line (`path:3: error: ...`), so a line is taken only when
// its message is one of pyflakes's own (a closed set: pyflakes/messages.py) or, for a syntax error, when
// the source line and caret follow. One finding per line; undefined names and syntax errors stop code
// from running and weigh more.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';
import { WEIGHT_BROKEN, WEIGHT_LINT } from './flake8.js';

const MAX_LINE = 2000;
/** `path.py:line[:col]: message` (a POSIX or Windows path). */
const LOCATED = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+)(?::(\d+))?: (\S.*)$/;
/** pyflakes's messages (pyflakes/messages.py), by their fixed words. */
const MESSAGE =
  /(?:^'[^']*' imported but unused|^'[^']*' may be undefined, or defined from star imports|^undefined name '|^redefinition of (?:unused )?'|^import '[^']*' from line \d+ shadowed by loop variable|^'from [\w.]+ import \*' used; unable to detect undefined names|^local variable '[^']*' (?:is assigned to but never used|defined (?:in enclosing scope on line \d+ )?referenced before assignment)|^duplicate argument '|^dictionary key .{1,200} repeated with different values|^from __future__ imports must occur at the beginning of the file|^future feature \w+ is not defined|^syntax error in (?:doctest|forward annotation)|^'(?:return|yield|continue|break)' (?:outside (?:function|loop)|not properly in loop)|^default 'except:' must be last|^two starred expressions in assignment|^too many expressions in star-unpacking assignment|^use ==\/!= to compare constant literals|^'if tuple literal' is always true|^assertion is always true, perhaps remove parentheses|^f-string is missing placeholders|^'raise NotImplemented' should be 'raise NotImplementedError'|^unused annotation|^list comprehension redefines '|^'\.\.\.'(?: %|\.format\())/;
/** Messages of code that cannot run. */
const BROKEN =
  /^(?:undefined name|syntax error|'(?:return|yield|continue|break)' |two starred|too many expressions)/;
/** A diagnostic's own label (`error:`, `note:`) or a Python warning/exception name: not pyflakes. */
const LABELLED = /^(?:[a-z]+|\w*(?:Warning|Error|Exception)):(?: |$)|^in \S/;
const CARET = /^\s*\^+\s*$/;

export const pyflakes: Extractor = {
  name: 'pyflakes',
  triggers: /\.pyi?:\d+/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE || !text.includes('.py')) continue;
      const m = LOCATED.exec(text.trim());
      if (!m) continue;
      const message = m[4].trim();
      let end = i;
      let broken = false;
      if (!MESSAGE.test(message)) {
        // a syntax error: `path:line:col: message`, the source line, then a caret under the column
        if (m[3] === undefined || LABELLED.test(message)) continue;
        const caret = [i + 1, i + 2].find((j) => j < lines.length && CARET.test(lines[j].text));
        if (caret === undefined) continue;
        end = caret;
        broken = true;
      }
      const f: Finding = {
        kind: 'lint-error',
        tool: 'pyflakes',
        message,
        file: m[1],
        rawFile: m[1],
        line: +m[2],
        logLines: [lines[i].n, lines[end].n],
        weight: broken || BROKEN.test(message) ? WEIGHT_BROKEN : WEIGHT_LINT,
      };
      if (m[3] !== undefined) f.column = +m[3];
      if (lines[i].segment !== undefined) f.segment = lines[i].segment;
      findings.push(f);
      i = end;
    }
    return findings;
  },
};
