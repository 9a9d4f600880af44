// Rust: rustc / cargo diagnostics, clippy, and panics (cargo test and programs).
//
//   error[E0308]: mismatched types               ← header: severity, optional code, message
//    --> src/lib.rs:3:25                          ← the location (Windows paths too)
//     |
//   3 |     let label: String = sum;              ← the code frame: `N |`, ` |`, `= note:` lines
//     |                ------   ^^^ expected `String`, found `u32`
//   <blank>                                      ← ends the diagnostic
//   error: could not compile `x` (lib) due to 2 previous errors   ← cargo's closer: low weight
//   src/lib.rs:3:25: error[E0308]: mismatched types: expected …    ← `--message-format short`: one line
//
// clippy prints the same shape; its diagnostics mention `clippy::` (`#[warn(clippy::x)]`, `-D clippy::x`)
// or the rust-clippy documentation in their notes.
//
// cargo test:
//   ---- tests::totals stdout ----
//   thread 'tests::totals' (20461) panicked at src/lib.rs:15:9:     ← Rust ≥ 1.73 (the tid since 1.88)
//   assertion `left == right` failed                                ← the message, on the next lines
//     left: 6
//    right: 7
//   thread 'x' panicked at 'Ref test failed', tests/ref.rs:126:9   ← older: message inline
//   stack backtrace: / `  N: func` + `at path:line:col` frames (RUST_BACKTRACE=1)
//   failures: (the names again) / test result: FAILED. 1 passed; 2 failed; ...
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_UNLOCATED = 70;
export const WEIGHT_DEPENDENCY = 80;
export const WEIGHT_LINT = 70;
export const WEIGHT_TEST = 85;
export const WEIGHT_PANIC = 88;
export const WEIGHT_WARNING = 20;
export const WEIGHT_SUMMARY = 3;

const MAX_LINE = 2000;
/** Lines of one diagnostic we follow at most. */
const MAX_BLOCK = 40;
/** Message lines of a panic we show at most (assert_eq's left/right included). */
const MAX_MESSAGE = 8;
const MAX_FRAMES = 100;

const HEADER = /^(error|warning)(?:\[([A-Z]\d{4})\])?: (.+)$/;
/** `--message-format short`: `src/lib.rs:3:25: error[E0308]: mismatched types: expected …`, one line. */
const SHORT = /^((?:[A-Za-z]:)?[^\s:][^:]*?\.rs):(\d+):(\d+): (error|warning)(?:\[([A-Z]\d{4})\])?: (.+)$/;
const ARROW = /^\s*--> (.+?):(\d+):(\d+)\s*$/;
/** Code frame rows: `  |`, `3 |  code`, `  = note: ...`, `...`, `::: path` (related locations). */
const FRAME_ROW = /^\s*(?:\d+\s*)?\|(?:\s|$)|^\s*\d+\s*[|+-] |^\s+= |^\s*\.\.\.\s*$|^\s*::: /;
const CLOSER =
  /^(?:could not compile|aborting due to|Some errors have detailed|build failed|test failed, to rerun)/i;
const WARNING_SUMMARY = /^`[^`]+` \([^)]*\) generated \d+ warnings?/;
const DEPENDENCY =
  /failed to (?:select a version|download|fetch|load source|get `|parse manifest|resolve)|no matching package|failed to read .*Cargo\.toml|could not find `Cargo\.toml`|the lock file .* needs to be updated|failed to update registry|can't find crate for/;
const CLIPPY = /clippy::|rust-clippy/;

const PANIC_NEW = /^thread '([^']*)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/;
const PANIC_OLD = /^thread '([^']*)'(?: \(\d+\))? panicked at '(.*)', (.+?):(\d+):(\d+)$/;
const TEST_STDOUT = /^---- (\S+) stdout ----$/;
const TEST_RESULT = /^test result: FAILED\./;
const BT_FRAME = /^\s+\d+: (.+)$/;
const BT_AT = /^\s+at (.+?):(\d+)(?::(\d+))?$/;

const isBlank = (s: string): boolean => s.trim() === '';

/** The standard library, the cargo registry and git checkouts, rustc's own sources: never suspects. */
export function isVendoredRustPath(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  return (
    p.startsWith('/rustc/') ||
    p.includes('/.cargo/registry/') ||
    p.includes('/.cargo/git/') ||
    p.includes('/rustlib/src/') ||
    p.startsWith('<') ||
    p.includes('/library/std/') ||
    p.includes('/library/core/')
  );
}

function push(findings: Finding[], f: Finding, first: LogLine): void {
  if (first.segment !== undefined) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}

/** The diagnostic whose header is at `i`: its location and the last line of its block. */
function readDiagnostic(
  lines: LogLine[],
  i: number,
): { end: number; loc?: RegExpExecArray; clippy: boolean } {
  let end = i;
  let loc: RegExpExecArray | undefined;
  let clippy = false;
  // Multi-line messages are rare; the location arrow is the next line (allow blank lines from CRLF doubling).
  let j = i + 1;
  while (j < lines.length && j - i < MAX_BLOCK) {
    const t = lines[j].text;
    if (t.length > MAX_LINE) break;
    if (isBlank(t)) {
      // A blank line ends the diagnostic unless the frame goes on right after it (logs that double newlines).
      const next = lines[j + 1]?.text ?? '';
      if (!(ARROW.test(next) || FRAME_ROW.test(next))) break;
      j++;
      continue;
    }
    const a = loc ? null : ARROW.exec(t);
    if (a) loc = a;
    else if (!FRAME_ROW.test(t)) break;
    if (CLIPPY.test(t)) clippy = true;
    end = j;
    j++;
  }
  // cargo's error chain: `Caused by:` blocks with indented causes (blank lines between them).
  if (!loc) {
    let k = end + 1;
    while (k < lines.length && k - i < MAX_BLOCK) {
      while (k < lines.length && isBlank(lines[k].text)) k++;
      if (lines[k]?.text.trim() !== 'Caused by:') break;
      end = k;
      k++;
      while (k < lines.length && k - i < MAX_BLOCK && /^\s+\S/.test(lines[k].text)) end = k++;
    }
  }
  // clippy's notes can come after a top-level `help:` block: look a little further for the marker.
  if (!clippy) {
    for (let k = end + 1; k < lines.length && k <= end + 12 && !HEADER.test(lines[k].text); k++) {
      if (CLIPPY.test(lines[k].text)) {
        clippy = true;
        break;
      }
    }
  }
  return { end, loc, clippy };
}

/** The primary label under a code frame's carets: `  |      ^^^ expected \`String\`, found \`u32\``. */
const PRIMARY_LABEL = /^\s*\d*\s*\|[\s|-]*\^+\s+(\S.*)$/;
/** A note or help of the diagnostic: `  = note: …`, `  = help: …`, or a top-level `help: …` / `note: …`. */
const NOTE = /^\s*(?:= )?(note|help): (\S.*)$/;
/** Notes about the lint level or a link: true of every diagnostic of the kind, they say nothing of this one. */
const NOTE_NOISE =
  /^(?:for further information visit |`#\[(?:warn|deny)\(|`-D [\w:-]+` implied by |to override `-D warnings`)/;
/** How far below its header a diagnostic's labels and notes are looked for, and how many are kept. */
const DETAIL_SPAN = 24;
const MAX_DETAILS = 3;
const MAX_MESSAGE_CHARS = 500;

function clipMessage(s: string): string {
  return s.length > MAX_MESSAGE_CHARS ? s.slice(0, MAX_MESSAGE_CHARS - 1) + '…' : s;
}

/**
 * What rustc says under the header of the diagnostic at `i` (rustc's human output, see
 * rustc-dev-guide "Errors and lints"): the primary labels (`^^^ expected \`String\`, found \`u32\``),
 * then the `note:` and `help:` lines, up to the next diagnostic or the end of the block.
 */
function diagnosticDetails(lines: LogLine[], i: number): string[] {
  const labels: string[] = [];
  const notes: string[] = [];
  for (let j = i + 1; j < lines.length && j <= i + DETAIL_SPAN; j++) {
    const t = lines[j].text;
    if (t.length > MAX_LINE || HEADER.test(t) || /^For more information about this error/.test(t)) break;
    if (isBlank(t) && !FRAME_ROW.test(lines[j + 1]?.text ?? '') && !NOTE.test(lines[j + 1]?.text ?? ''))
      break;
    const l = PRIMARY_LABEL.exec(t);
    if (l) labels.push(l[1].trim());
    const n = NOTE.exec(t);
    if (n && !NOTE_NOISE.test(n[2])) notes.push(`${n[1]}: ${n[2].trim()}`);
  }
  return [...labels, ...notes].slice(0, MAX_DETAILS);
}

/** Reads the backtrace starting at `i` (the line after `stack backtrace:`). */
function readBacktrace(lines: LogLine[], i: number): { frames: StackFrame[]; end: number } {
  const frames: StackFrame[] = [];
  let j = i;
  let end = i - 1;
  while (j < lines.length && frames.length < MAX_FRAMES) {
    const fm = BT_FRAME.exec(lines[j].text);
    if (!fm) break;
    const at = j + 1 < lines.length ? BT_AT.exec(lines[j + 1].text) : null;
    if (at) {
      const frame: StackFrame = {
        rawFile: at[1],
        line: +at[2],
        function: fm[1].trim(),
        vendored: isVendoredRustPath(at[1]),
      };
      if (at[3]) frame.column = +at[3];
      frames.push(frame);
      end = j + 1;
      j += 2;
    } else {
      end = j;
      j++;
    }
  }
  return { frames, end };
}

export const rust: Extractor = {
  name: 'rust',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** The test whose `---- x stdout ----` section we are in. */
    let section: { name: string; index: number } | undefined;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE) continue;

      const ts = TEST_STDOUT.exec(text);
      if (ts) {
        section = { name: ts[1], index: i };
        continue;
      }

      // ── panics ──
      const pn = text.startsWith('thread ') ? (PANIC_NEW.exec(text) ?? PANIC_OLD.exec(text)) : null;
      if (pn) {
        const old = pn.length === 6;
        const thread = pn[1];
        const file = old ? pn[3] : pn[2];
        const line = +(old ? pn[4] : pn[3]);
        const column = +(old ? pn[5] : pn[4]);
        let message = old ? pn[2] : '';
        let end = i;
        if (!old) {
          const parts: string[] = [];
          for (let j = i + 1; j < lines.length && j <= i + MAX_MESSAGE; j++) {
            const t = lines[j].text;
            if (isBlank(t) || t.startsWith('note: ') || t === 'stack backtrace:' || TEST_STDOUT.test(t))
              break;
            if (t.startsWith('thread ')) break;
            parts.push(t.trim());
            end = j;
          }
          message = parts[0] ?? '';
        }
        let frames: StackFrame[] = [];
        let last = end;
        if (lines[end + 1]?.text === 'stack backtrace:') {
          const bt = readBacktrace(lines, end + 2);
          frames = bt.frames;
          last = bt.end;
        }
        // cargo test names each test's thread after the test; a program's panics happen on 'main'.
        const sectionHere = section !== undefined && section.index >= i - 3 ? section : undefined;
        const inTest =
          sectionHere !== undefined || (thread !== 'main' && thread !== '<unnamed>' && !thread.includes(' '));
        const from = sectionHere ? sectionHere.index : i;
        const f: Finding = {
          kind: inTest ? 'test-failure' : 'exception',
          tool: 'rust',
          message: message || `thread '${thread}' panicked`,
          file,
          line,
          column,
          logLines: [lines[from].n, lines[end].n],
          weight: inTest ? WEIGHT_TEST : WEIGHT_PANIC,
        };
        if (sectionHere) f.test = sectionHere.name;
        else if (inTest) f.test = thread;
        if (frames.length) f.frames = frames;
        push(findings, f, lines[from]);
        section = undefined;
        i = last;
        continue;
      }

      if (TEST_RESULT.test(text)) {
        push(
          findings,
          {
            kind: 'exit',
            tool: 'rust',
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_SUMMARY,
          },
          lines[i],
        );
        continue;
      }

      // ── diagnostics in the short format: one line each, no code frame ──
      const sh = text[0] !== ' ' && text[0] !== '\t' ? SHORT.exec(text) : null;
      if (sh) {
        const warning = sh[4] === 'warning';
        const f: Finding = {
          kind: warning ? 'warning' : 'compile-error',
          tool: 'rust',
          message: sh[6].trim(),
          file: sh[1],
          line: +sh[2],
          column: +sh[3],
          logLines: [lines[i].n, lines[i].n],
          weight: warning ? WEIGHT_WARNING : WEIGHT_ERROR,
        };
        if (sh[5]) f.code = sh[5];
        if (!warning && isVendoredRustPath(sh[1])) f.weight = WEIGHT_UNLOCATED;
        push(findings, f, lines[i]);
        continue;
      }

      // ── diagnostics ──
      const h = text[0] === 'e' || text[0] === 'w' ? HEADER.exec(text) : null;
      if (!h) continue;
      const severity = h[1];
      const code = h[2];
      const message = h[3].trim();
      if (severity === 'warning' && WARNING_SUMMARY.test(message)) continue;
      const { end, loc, clippy } = readDiagnostic(lines, i);
      // `error: …` / `warning: …` alone is what many tools print (setuptools, pip, git): without an
      // error code, a `-->` location, a cargo closer or a cargo dependency message it is not rustc's.
      if (!code && !loc && !CLOSER.test(message) && !DEPENDENCY.test(message)) continue;
      let kind: FindingKind;
      let weight: number;
      let tool = 'rust';
      if (CLOSER.test(message)) {
        kind = 'build-error';
        weight = WEIGHT_SUMMARY;
        tool = 'cargo';
      } else if (severity === 'warning') {
        kind = 'warning';
        weight = WEIGHT_WARNING;
        if (clippy) tool = 'clippy';
      } else if (clippy) {
        kind = 'lint-error';
        weight = WEIGHT_LINT;
        tool = 'clippy';
      } else if (DEPENDENCY.test(message)) {
        kind = 'dependency';
        weight = WEIGHT_DEPENDENCY;
        tool = loc ? 'rust' : 'cargo';
      } else {
        kind = 'compile-error';
        weight = loc ? WEIGHT_ERROR : WEIGHT_UNLOCATED;
      }
      const details = kind === 'build-error' ? [] : diagnosticDetails(lines, i);
      const f: Finding = {
        kind,
        tool,
        message: details.length ? clipMessage(`${message}; ${details.join('; ')}`) : message,
        logLines: [lines[i].n, lines[end].n],
        weight,
      };
      if (code) f.code = code;
      if (loc) {
        f.file = loc[1];
        f.line = +loc[2];
        f.column = +loc[3];
        if (isVendoredRustPath(loc[1]) && kind === 'compile-error') f.weight = WEIGHT_UNLOCATED;
      }
      push(findings, f, lines[i]);
      i = end;
    }
    return findings;
  },
};
