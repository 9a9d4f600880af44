// Ruby: rspec, minitest, rubocop, uncaught exceptions, bundler and rake.
//
// rspec (`Failures:` section):
//     1) Cart totals price times quantity                 ← the example's full description
//        Failure/Error: expect(cart.total).to eq(6)       ← the failing line of code
//          expected: 6 / got: 2   or   NoMethodError: / undefined method ...   ← the message
//        # ./spec/cart_spec.rb:6:in `block (2 levels) in <top (required)>'   ← backtrace
//   `An error occurred while loading ./spec/x_spec.rb.` blocks have the same shape without a number;
//   `rspec ./spec/x_spec.rb:4 # Cart totals ...` lines at the end re-list the failures.
//
// minitest:
//     1) Failure:                                   (older: `Failure:` alone)
//   CartTest#test_total [test/cart_test.rb:6]:
//   Expected: 6 / Actual: 2
//     2) Error:
//   CartTest#test_find_missing:
//   NoMethodError: undefined method `fetch' for nil:NilClass
//       /path/lib/cart.rb:21:in `find'             ← backtrace, indented
//
// standardrb: `standard: Use Ruby Standard Style (…)` then `  app/x.rb:45:5: Style/Cop: message` lines.
// rubocop: `format.rb:2:12: C: [Correctable] Style/NilComparison: message` + source line + caret line
// (without the cop name when cop names are not displayed).
// Uncaught exceptions: `lib/cart.rb:21:in 'find': message (NoMethodError)` + `\tfrom file:line:in ...`.
import type { Finding, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_TEST = 85;
export const WEIGHT_LOAD_ERROR = 88;
export const WEIGHT_EXCEPTION = 88;
export const WEIGHT_LINT = 60;
export const WEIGHT_LINT_ERROR = 75;
export const WEIGHT_DEPENDENCY = 80;
export const WEIGHT_SUMMARY_ONLY = 60;
export const WEIGHT_RAKE = 30;

const MAX_LINE = 2000;
const MAX_BLOCK = 60;
const MAX_FRAMES = 100;
/** Vendored frames shown when no repository frame comes first. */
const SHOWN_VENDORED = 2;

const RSPEC_HEADER = /^\s*(\d+)\) (\S.*)$/;
const RSPEC_LOAD = /^An error occurred while loading (\S+?)\.?$/;
const FAILURE_ERROR = /^\s*Failure\/Error: ?(.*)$/;
const RSPEC_FRAME = /^\s*# (\S+?):(\d+)(?::in [`'](.*)')?/;
const RSPEC_RERUN = /^rspec (\.\/\S+?):(\d+) # (.+)$/;
const RSPEC_END = /^(?:Finished in |Failed examples:|\d+ examples?, )/;

const MINI_HEADER = /^\s*(?:\d+\) )?(Failure|Error):$/;
// (the first `#` of the first word, one space before the location: `\S+#` and `\s+\[(\S+?)` made it cubic,
// 16 s on one hostile 4 KiB line)
const MINI_NAME = /^(\S[^\s#]*#\S.*?)(?: \[([^\s\]]+):(\d+)\])?:?$/;
const MINI_FRAME = /^\s+(\S+?\.rb):(\d+):in [`'](.*)'$/;

// The cop name is left out with DisplayCopNames: false (`--no-display-cop-names`) and by old versions.
const RUBOCOP =
  /^(\S+?):(\d+):(\d+): ([CWEFR]): (?:\[(?:Correctable|Corrected|Todo)\] )?(?:([A-Z][A-Za-z]*\/[A-Za-z0-9]+): )?(.+)$/;
const STANDARDRB_BANNER = /^standard: (?:Use Ruby Standard Style|Run `standardrb)/;
const STANDARDRB = /^\s+(\S+?):(\d+):(\d+): (?:([A-Z][A-Za-z]*\/[A-Za-z0-9]+): )?(\S.*)$/;
const CARET = /^\s*\^+\s*$/;
const SYNTAX_LOCATION = /(\S+\.rb):(\d+): (?:syntax error|warning)/;

const UNCAUGHT = /^(\S+?):(\d+):in [`'](.+?)': (.*) \(([A-Z][\w:]*)\)$/;
const FROM = /^\s+from (\S+?):(\d+)(?::in [`'](.*)')?/;

const BUNDLER =
  /^(?:Could not find (?:gem '[^']+'|[\w.-]+-\d\S* in)|Bundler could not find compatible versions for gem|Your bundle is locked to|An error occurred while installing [\w.-]+|Could not locate Gemfile|Bundler::GemNotFound|Gem::MissingSpecError|The gemspec at .* is not valid)/;

const isBlank = (s: string): boolean => s.trim() === '';

/** Installed gems, bundler's vendor/bundle, the interpreter's own library: context, never a suspect. */
export function isVendoredRubyPath(path: string): boolean {
  return (
    path.includes('/gems/') ||
    path.includes('vendor/bundle/') ||
    path.includes('/rubygems/') ||
    path.includes('/lib/ruby/') ||
    path.startsWith('<internal:') ||
    path.includes('/.rbenv/') ||
    path.includes('/.rvm/')
  );
}

function push(findings: Finding[], f: Finding, first: LogLine): void {
  if (first.segment !== undefined) f.segment = first.segment;
  if (f.file && !f.rawFile) f.rawFile = f.file;
  findings.push(f);
}

function frame(rawFile: string, line: number, fn?: string): StackFrame {
  const f: StackFrame = { rawFile, line, vendored: isVendoredRubyPath(rawFile) };
  if (fn) f.function = fn;
  return f;
}

/** An rspec failure block starting at `i` (the `1) desc` or `An error occurred ...` line). */
function readRspec(lines: LogLine[], i: number): { finding: Finding; end: number } | undefined {
  // Failure/Error must follow within two lines: otherwise this is not an rspec block.
  let fe = -1;
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
    if (FAILURE_ERROR.test(lines[j].text)) {
      fe = j;
      break;
    }
  }
  if (fe < 0) return undefined;
  const header = RSPEC_HEADER.exec(lines[i].text);
  const load = header ? null : RSPEC_LOAD.exec(lines[i].text);
  const message: string[] = [];
  const frames: StackFrame[] = [];
  let firstFrame = -1;
  let shownRepoFrame = false;
  let shownEnd = fe;
  let end = fe;
  for (let j = fe + 1; j < lines.length && j - i < MAX_BLOCK; j++) {
    const t = lines[j].text;
    if (t.length > MAX_LINE) continue;
    if (RSPEC_HEADER.test(t) || RSPEC_END.test(t) || RSPEC_LOAD.test(t)) break;
    const fr = RSPEC_FRAME.exec(t);
    if (fr) {
      if (frames.length < MAX_FRAMES) frames.push(frame(fr[1], +fr[2], fr[3]));
      if (firstFrame < 0) firstFrame = j;
      // Shown: down to the first frame in the repository, or the first few when all are vendored.
      if (!shownRepoFrame && (frames.length <= SHOWN_VENDORED || !frames[frames.length - 1].vendored))
        shownEnd = j;
      if (!frames[frames.length - 1].vendored) shownRepoFrame = true;
      end = j;
      continue;
    }
    if (firstFrame >= 0 && !isBlank(t)) break;
    if (isBlank(t)) continue;
    if (firstFrame < 0) {
      if (message.length < 2 && !CARET.test(t)) message.push(t.trim());
      shownEnd = j;
    }
    end = j;
  }
  const top = frames.find((x) => !x.vendored);
  const name = header ? header[2].trim() : load ? load[1] : lines[i].text.trim();
  const f: Finding = {
    kind: header ? 'test-failure' : 'exception',
    tool: 'rspec',
    message: message.join(' ').replace(/\s+/g, ' ') || lines[fe].text.trim(),
    logLines: [lines[i].n, lines[shownEnd].n],
    weight: header ? WEIGHT_TEST : WEIGHT_LOAD_ERROR,
  };
  if (header) f.test = name;
  else if (load) {
    f.file = load[1];
    f.message = `An error occurred while loading ${load[1]}: ${f.message}`;
  }
  const inMessage = SYNTAX_LOCATION.exec(f.message);
  if (top) {
    f.file = top.rawFile;
    f.line = top.line;
  } else if (inMessage) {
    // `SyntaxError: /path/spec/x_spec.rb:3520: syntax error, ...` raised while loading: the file is in the message.
    f.file = inMessage[1];
    f.line = +inMessage[2];
  }
  if (frames.length) f.frames = frames;
  return { finding: f, end };
}

/** A minitest Failure/Error block starting at `i` (the `1) Failure:` line). */
function readMinitest(
  lines: LogLine[],
  i: number,
  kind: string,
): { finding: Finding; end: number } | undefined {
  const nameLine = lines[i + 1]?.text ?? '';
  const nm = nameLine.length <= MAX_LINE ? MINI_NAME.exec(nameLine.trim()) : null;
  if (!nm) return undefined;
  const message: string[] = [];
  let shownEnd = i + 1;
  let end = i + 1;
  const frames: StackFrame[] = [];
  let j = i + 2;
  for (; j < lines.length && j - i < MAX_BLOCK; j++) {
    const t = lines[j].text;
    if (isBlank(t)) break;
    if (message.length < 3) message.push(t.trim());
    shownEnd = j;
    end = j;
  }
  // Errors: code highlight and backtrace after a blank line, indented.
  if (kind === 'Error') {
    for (; j < lines.length && j - i < MAX_BLOCK; j++) {
      const t = lines[j].text;
      if (isBlank(t)) {
        if (frames.length) break;
        continue;
      }
      if (!/^\s/.test(t)) break;
      const fr = MINI_FRAME.exec(t);
      if (fr && frames.length < MAX_FRAMES) frames.push(frame(fr[1], +fr[2], fr[3]));
      end = j;
    }
  }
  const top = frames.find((x) => !x.vendored);
  const f: Finding = {
    kind: 'test-failure',
    tool: 'minitest',
    test: nm[1],
    message:
      (kind === 'Failure' ? message.join(' ') : (message[0] ?? '')).replace(/\s+/g, ' ') ||
      `${kind}: ${nm[1]}`,
    logLines: [lines[i].n, lines[shownEnd].n],
    weight: WEIGHT_TEST,
  };
  if (nm[2]) {
    f.file = nm[2];
    f.line = +nm[3];
  } else if (top) {
    f.file = top.rawFile;
    f.line = top.line;
  }
  if (frames.length) f.frames = frames;
  return { finding: f, end };
}

export const ruby: Extractor = {
  name: 'ruby',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    const rspecTests = new Set<string>();
    const reruns: { i: number; file: string; line: number; test: string }[] = [];
    /** Below standardrb's banner: its indented offense lines follow. */
    let standardrb = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;

      // ── rspec ──
      if (RSPEC_HEADER.test(text) || RSPEC_LOAD.test(text)) {
        const r = readRspec(lines, i);
        if (r) {
          if (r.finding.test) rspecTests.add(r.finding.test);
          push(findings, r.finding, lines[i]);
          i = r.end;
          continue;
        }
      }
      const rr = RSPEC_RERUN.exec(text);
      if (rr) {
        reruns.push({ i, file: rr[1], line: +rr[2], test: rr[3].trim() });
        continue;
      }

      // ── minitest ──
      const mh = MINI_HEADER.exec(text);
      if (mh) {
        const r = readMinitest(lines, i, mh[1]);
        if (r) {
          push(findings, r.finding, lines[i]);
          i = r.end;
          continue;
        }
      }

      // ── standardrb (rubocop underneath): indented `path:line:col: Cop/Name: message` below its banner ──
      if (STANDARDRB_BANNER.test(text)) {
        standardrb = true;
        continue;
      }
      const sr = standardrb ? STANDARDRB.exec(text) : null;
      if (sr) {
        push(
          findings,
          {
            kind: 'lint-error',
            tool: 'standardrb',
            message: sr[5].trim(),
            ...(sr[4] ? { code: sr[4] } : {}),
            file: sr[1],
            line: +sr[2],
            column: +sr[3],
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_LINT,
          },
          lines[i],
        );
        continue;
      }
      if (text.trim() && text[0] !== ' ' && text[0] !== '\t') standardrb = false;

      // ── rubocop ──
      const rc = text[0] !== ' ' ? RUBOCOP.exec(text) : null;
      if (rc) {
        let end = i;
        // The source line and the caret line (some logs double the newlines: allow blank lines between).
        for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
          if (CARET.test(lines[j].text)) {
            end = j;
            break;
          }
          if (RUBOCOP.test(lines[j].text)) break;
        }
        const severe = rc[4] === 'E' || rc[4] === 'F';
        push(
          findings,
          {
            kind: 'lint-error',
            tool: 'rubocop',
            message: rc[6].trim(),
            ...(rc[5] ? { code: rc[5] } : {}),
            file: rc[1],
            line: +rc[2],
            column: +rc[3],
            logLines: [lines[i].n, lines[end].n],
            weight: severe ? WEIGHT_LINT_ERROR : WEIGHT_LINT,
          },
          lines[i],
        );
        i = end;
        continue;
      }

      // ── uncaught exceptions ──
      const ux = text[0] !== ' ' && text[0] !== '\t' ? UNCAUGHT.exec(text) : null;
      if (ux) {
        const frames: StackFrame[] = [frame(ux[1], +ux[2], ux[3])];
        let end = i;
        let shownEnd = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK && frames.length < MAX_FRAMES; j++) {
          const t = lines[j].text;
          const fm = FROM.exec(t);
          if (fm) {
            frames.push(frame(fm[1], +fm[2], fm[3]));
            end = j;
            if (frames.length === 2 || !frames.slice(0, -1).some((x) => !x.vendored)) shownEnd = j;
            continue;
          }
          // error_highlight: blank, the source line, the caret line, blank.
          if (frames.length === 1 && j <= i + 4 && (isBlank(t) || /^\s/.test(t))) continue;
          break;
        }
        const top = frames.find((x) => !x.vendored) ?? frames[0];
        const f: Finding = {
          kind: 'exception',
          tool: 'ruby',
          message: `${ux[5]}: ${ux[4].trim()}`,
          code: ux[5],
          file: top.rawFile,
          line: top.line,
          frames,
          logLines: [lines[i].n, lines[Math.max(shownEnd, i)].n],
          weight: WEIGHT_EXCEPTION,
        };
        push(findings, f, lines[i]);
        i = end;
        continue;
      }

      // ── bundler ──
      if (BUNDLER.test(text.trim())) {
        let end = i;
        while (end + 1 < lines.length && end - i < 8 && /^\s+\S/.test(lines[end + 1].text)) end++;
        push(
          findings,
          {
            kind: 'dependency',
            tool: 'bundler',
            message: text.trim(),
            logLines: [lines[i].n, lines[end].n],
            weight: WEIGHT_DEPENDENCY,
          },
          lines[i],
        );
        i = end;
        continue;
      }

      // ── rake aborted! + the reason on the next line ──
      if (text.trim() === 'rake aborted!') {
        const next = lines[i + 1]?.text.trim() ?? '';
        push(
          findings,
          {
            kind: 'build-error',
            tool: 'rake',
            message: next ? `rake aborted! ${next}` : 'rake aborted!',
            logLines: [lines[Math.max(0, i - 1)].n, lines[Math.min(lines.length - 1, i + 1)].n],
            weight: WEIGHT_RAKE,
          },
          lines[i],
        );
      }
    }
    // `rspec ./spec/x_spec.rb:4 # desc` lines whose failure block was not in the log (truncated output).
    for (const r of reruns) {
      if (rspecTests.has(r.test)) continue;
      push(
        findings,
        {
          kind: 'test-failure',
          tool: 'rspec',
          message: r.test,
          test: r.test,
          file: r.file,
          line: r.line,
          logLines: [lines[r.i].n, lines[r.i].n],
          weight: WEIGHT_SUMMARY_ONLY,
        },
        lines[r.i],
      );
    }
    return findings;
  },
};
