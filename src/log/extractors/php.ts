// PHP: PHPUnit failure and error reports, and PHP's own fatal errors.
//
// PHPUnit:
//   There were 2 failures:                       ← section: failure(s) / error(s) (warnings, risky: ignored)
//   <blank>
//   1) CartTest::testReceipt                     ← the test
//   Failed asserting that two strings are equal. ← the message, then the diff (--- Expected / +++ Actual)
//   <blank>
//   /home/runner/work/demo/demo/tests/CartTest.php:24   ← locations, innermost first
//   <blank>
//   FAILURES! / ERRORS!  +  Tests: 4, Assertions: 3, Errors: 1, Failures: 2.   ← the summary: low weight
//
// PHP:
//   PHP Fatal error:  Uncaught Error: Call to a member function label() on null in /path/src/Cart.php:20
//   Stack trace:
//   #0 /path/report.php(5): Cart->label()
//   #1 {main}
//     thrown in /path/src/Cart.php on line 20
//   PHP Parse error:  syntax error, unexpected ... in /path/x.php on line 3
//
// run-tests.php (php-src's runner for .phpt tests, also used by extensions):
//   ========DIFF========                         ← with --show-diff: the output diff of the test
//   003+ Fatal error: Uncaught DivisionByZeroError: ...   (NNN+ actual, NNN- expected)
//   ========DONE========
//   FAIL ratio() divides [tests/ratio.phpt]      ← the result: FAIL, BORK, LEAK, LEAK&FAIL (XFAIL, SKIP,
//                                                   PASS are not failures; their diff blocks are ignored)
//   Illegal switch 'z' specified!                ← the runner's own usage error
// The finding covers the diff (its start when it is long) and the result line; the FAILED TEST SUMMARY
// at the end only repeats the titles.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_FATAL = 88;
export const WEIGHT_PARSE = 90;
export const WEIGHT_WARNING = 15;
export const WEIGHT_SUMMARY = 2;

const MAX_LINE = 2000;
/** Lines of one PHPUnit entry we show at most (long diffs are cut). */
const MAX_SHOWN = 12;
const MAX_BLOCK = 400;
const MAX_FRAMES = 100;

const SECTION = /^There (?:was|were) \d+ (failure|error|warning|risky test|skipped test|incomplete test)s?:$/;
const ENTRY = /^(\d+)\) (\S.*)$/;
const LOCATION = /^(\S+?\.php\w*):(\d+)$/;
const SUMMARY = /^(?:FAILURES!|ERRORS!)$/;
const COUNTS = /^Tests: \d+, Assertions: \d+/;
const PHP_ERROR =
  /^(?:PHP )?(Fatal error|Parse error|Warning|Notice|Deprecated|Recoverable fatal error):\s+(.*?) in (\S+?)(?::(\d+)| on line (\d+))$/;
const TRACE_FRAME = /^#\d+ (\S+?)\((\d+)\): (.*)$/;
const THROWN = /^\s+thrown in (\S+) on line (\d+)$/;

// (no `[` in the file name and nothing read after the bracket: the former `[^\]]+?` and `\s+(.*)$` made it
// cubic in the line's length, 134 s on one hostile 4 KiB line)
const PHPT_RESULT = /^(FAIL|BORK|LEAK|LEAK&FAIL) (.*?) ?\[([^\][]+\.phpt)\](?:\s|$)/;
const PHPT_DIFF = '========DIFF========';
const PHPT_DONE = '========DONE========';
/** An output line of the diff: `003+ actual` / `003- expected`. */
const PHPT_DIFF_LINE = /^\d{3,}([+-]) ?(.*)$/;
const PHPT_BAD_SWITCH = /^Illegal switch '.{1,40}' specified!$/;
/** How far back from a result line its diff block may start. */
const PHPT_MAX_DIFF = 5000;
/** At most this many lines of one .phpt failure are shown (the diff's start, then the result line). */
const PHPT_SHOWN = 20;
export const WEIGHT_PHPT_USAGE = 60;

const isBlank = (s: string): boolean => s.trim() === '';

/** run-tests.php: the failure of one .phpt test, its diff block (when shown) included. */
function phptFailure(lines: LogLine[], i: number, m: RegExpExecArray): Finding {
  let start = i;
  let firstActual: string | undefined;
  if (i > 0 && lines[i - 1].text.trim() === PHPT_DONE) {
    for (let j = i - 2; j >= 0 && i - j <= PHPT_MAX_DIFF; j--) {
      const t = lines[j].text.trim();
      if (t === PHPT_DIFF) {
        start = Math.min(j + 1, i);
        break;
      }
      if (t === PHPT_DONE || PHPT_RESULT.test(t)) break;
    }
    for (let j = start; j < i - 1 && firstActual === undefined; j++) {
      const d = PHPT_DIFF_LINE.exec(lines[j].text.trim());
      if (d && d[1] === '+' && d[2].trim() !== '') firstActual = d[2].trim();
    }
  }
  const title = m[2].trim() || m[3];
  const range: [number, number] =
    i - start + 1 <= PHPT_SHOWN
      ? [lines[start].n, lines[i].n]
      : [lines[start].n, lines[start + PHPT_SHOWN - 1].n];
  const f: Finding = {
    kind: 'test-failure',
    tool: 'phpt',
    message: firstActual ? `${m[1]} ${title}: ${firstActual}` : `${m[1]} ${title}`,
    test: m[3],
    file: m[3],
    logLines: range,
    weight: WEIGHT_TEST,
  };
  return f;
}

/** Composer's vendor/, PHPUnit's own files, PHP's phar archives: context, never a suspect. */
export function isVendoredPhpPath(path: string): boolean {
  return (
    path.includes('/vendor/') ||
    path.startsWith('vendor/') ||
    path.startsWith('phar://') ||
    path.includes('/usr/share/php/')
  );
}

function push(findings: Finding[], f: Finding, first: LogLine): void {
  if (first.segment !== undefined) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}

export const php: Extractor = {
  name: 'php',
  // each finding needs one of: a .phpt result, run-tests' usage error, PHPUnit's summary or There was/were
  // section, a PHP error level with its colon
  triggers:
    /\.phpt\]|Illegal switch '|FAILURES!|ERRORS!|There was |There were |Fatal error:|fatal error:|Parse error:|Warning:|Notice:|Deprecated:/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** The PHPUnit section we are in: 'failure', 'error', or another kind we skip. */
    let section: string | undefined;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trimEnd();
      if (text.length > MAX_LINE) continue;

      if (text.startsWith('FAIL') || text.startsWith('BORK') || text.startsWith('LEAK')) {
        const r = PHPT_RESULT.exec(text);
        if (r) {
          push(findings, phptFailure(lines, i, r), lines[i]);
          continue;
        }
      }
      if (text.startsWith('Illegal switch') && PHPT_BAD_SWITCH.test(text)) {
        push(
          findings,
          {
            kind: 'build-error',
            tool: 'phpt',
            message: text,
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_PHPT_USAGE,
          },
          lines[i],
        );
        continue;
      }

      const sec = SECTION.exec(text);
      if (sec) {
        section = sec[1];
        continue;
      }
      if (SUMMARY.test(text)) {
        section = undefined;
        const next = lines[i + 1]?.text ?? '';
        const end = COUNTS.test(next) ? i + 1 : i;
        push(
          findings,
          {
            kind: 'exit',
            tool: 'phpunit',
            message: `${text} ${COUNTS.test(next) ? next.trim() : ''}`.trim(),
            logLines: [lines[i].n, lines[end].n],
            weight: WEIGHT_SUMMARY,
          },
          lines[i],
        );
        i = end;
        continue;
      }

      const entry = section ? ENTRY.exec(text) : null;
      if (entry && (section === 'failure' || section === 'error')) {
        const message: string[] = [];
        const frames: StackFrame[] = [];
        let end = i;
        let j = i + 1;
        // The message (and diff) up to the first blank line followed by locations.
        for (; j < lines.length && j - i < MAX_BLOCK; j++) {
          const t = lines[j].text.trimEnd();
          if (ENTRY.test(t) || t === '--' || SUMMARY.test(t) || SECTION.test(t)) break;
          const loc = LOCATION.exec(t.trim());
          if (loc) {
            if (frames.length < MAX_FRAMES)
              frames.push({ rawFile: loc[1], line: +loc[2], vendored: isVendoredPhpPath(loc[1]) });
            end = j;
            continue;
          }
          if (isBlank(t)) continue;
          if (frames.length) break; // text after the locations: the next thing
          if (message.length < MAX_SHOWN) message.push(t.trim());
          end = j;
        }
        const top = frames.find((f) => !f.vendored) ?? frames[0];
        const f: Finding = {
          kind: 'test-failure',
          tool: 'phpunit',
          message: message[0] ?? entry[2],
          test: entry[2].trim(),
          logLines: [lines[i].n, lines[Math.min(end, i + MAX_SHOWN - 1)].n],
          weight: WEIGHT_TEST,
        };
        if (top) {
          f.file = top.rawFile;
          f.line = top.line;
        }
        if (frames.length) f.frames = frames;
        push(findings, f, lines[i]);
        i = end;
        continue;
      }

      const pe = text.includes(' in ') ? PHP_ERROR.exec(text.trim()) : null;
      if (pe) {
        const level = pe[1];
        const frames: StackFrame[] = [
          { rawFile: pe[3], line: +(pe[4] ?? pe[5]), vendored: isVendoredPhpPath(pe[3]) },
        ];
        let end = i;
        if (lines[i + 1]?.text.trim() === 'Stack trace:') {
          let j = i + 2;
          for (; j < lines.length && j - i < MAX_BLOCK; j++) {
            const t = lines[j].text.trim();
            const fr = TRACE_FRAME.exec(t);
            if (fr) {
              if (frames.length < MAX_FRAMES)
                frames.push({
                  rawFile: fr[1],
                  line: +fr[2],
                  function: fr[3],
                  vendored: isVendoredPhpPath(fr[1]),
                });
              end = j;
              continue;
            }
            if (/^#\d+ /.test(t)) {
              end = j;
              continue;
            }
            break;
          }
          if (j < lines.length && THROWN.test(lines[j].text)) end = j;
        }
        const fatal = level !== 'Warning' && level !== 'Notice' && level !== 'Deprecated';
        const top = frames.find((f) => !f.vendored) ?? frames[0];
        const f: Finding = {
          kind: level === 'Parse error' ? 'compile-error' : fatal ? 'exception' : 'warning',
          tool: 'php',
          message: pe[2].trim(),
          file: top.rawFile,
          line: top.line,
          frames,
          logLines: [lines[i].n, lines[Math.min(end, i + MAX_SHOWN - 1)].n],
          weight: level === 'Parse error' ? WEIGHT_PARSE : fatal ? WEIGHT_FATAL : WEIGHT_WARNING,
        };
        const uncaught = /^Uncaught ([\w\\]+):/.exec(f.message);
        if (uncaught) f.code = uncaught[1];
        push(findings, f, lines[i]);
        i = end;
      }
    }
    return findings;
  },
};
