// docker build (BuildKit and the legacy builder), docker run / pull daemon errors. What they print:
//
//   #12 [stage 3/5] RUN make                            ← BuildKit step (plain progress)
//   #12 0.345 make: *** [all] Error 2                    ← its output
//   #12 ERROR: process "/bin/sh -c make" did not complete successfully: exit code: 2
//   ------                                               ← the excerpt: the failed step and the last
//    > [stage 3/5] RUN make:                             ←   lines of its output
//   #12 0.345 make: *** [all] Error 2
//   ------
//   Dockerfile:12                                        ← where, with a code frame
//   ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2
//   Step 5/9 : RUN make                                  ← legacy builder
//   The command '/bin/sh -c make' returned a non-zero code: 2
//   docker: Error response from daemon: manifest for x:y not found: manifest unknown
//   COPY failed: file not found in build context ...: stat x: file does not exist   ← legacy COPY/ADD
// Docker 20.10's BuildKit prints `#8 ERROR: executor failed running [/bin/sh -c make]: exit code: 2` and
// repeats it bare below the excerpt (`failed to compute cache key: ...` for a COPY). Captured with a real
// engine: __tests__/fixtures/docker (newer engines' `process ... did not complete successfully` and the
// `Dockerfile:12` code frame follow the formats seen in real CI logs).
import type { Finding, FindingKind, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_EXCERPT = 60;
export const WEIGHT_STEP_ERROR = 55;
export const WEIGHT_DAEMON = 45;
export const WEIGHT_REPEAT = 5;
export const WEIGHT_SOLVE = 30;
export const WEIGHT_LEGACY = 40;

const MAX_LINE = 2000;
const MAX_EXCERPT = 14;

const STEP_ERROR = /^#\d+ ERROR: (.+)$/;
const EXCERPT_STEP = /^ > (\[.*\] .+|.+):$/;
/** The rule around the Dockerfile code frame. */
const FRAME_RULE = /^-{8,}$/;
const MAX_FRAME = 12;
const DOCKERFILE_AT = /^(\S*Dockerfile[\w.-]*):(\d+)$/;
const SOLVE = /^(?:ERROR: |error: )?failed to solve(?: with frontend dockerfile\.v0)?: (.+)$/;
const LEGACY = /^The command '(.+)' returned a non-zero code: (\d+)$/;
/** Legacy builder: `Step 4/5 : COPY config/x /etc/x`, ` ---> Running in 0a2dc5c56427`, `COPY failed: ...`. */
const LEGACY_STEP = /^Step \d+\/\d+ : /;
const LEGACY_RUNNING = /^---> Running in [0-9a-f]+$/;
const LEGACY_COPY = /^(?:COPY|ADD) failed: (.+)$/;
/** BuildKit step output: `#8 0.156 text`. */
const STEP_OUTPUT = /^#\d+ \d+(?:\.\d+)? /;
/** Output lines of a failed step shown with its error, at most. */
const MAX_STEP_OUTPUT = 10;
const DAEMON = /^(?:docker: )?Error response from daemon: (.+)$/;
const PULL_DENIED = /^(?:docker: )?(?:Error: )?pull access denied for (\S+)/;

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'docker', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

/** `#12 0.345 text` → `text`. */
const stripStepPrefix = (t: string): string => t.replace(/^#\d+ (?:\d+(?:\.\d+)? )?/, '');

export const docker: Extractor = {
  name: 'docker',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** Daemon answers already reported: scripts retry and print the same answer again. */
    const seen = new Set<string>();
    /** Index of the last `#N ERROR:` line. */
    let prevStepError = -1;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trim();
      if (text === '') continue;

      if (text === '------' && i + 1 < lines.length) {
        const step = EXCERPT_STEP.exec(lines[i + 1].text.trimEnd());
        if (!step) continue;
        let end = i + 1;
        let last: string | undefined;
        for (let j = i + 2; j < lines.length && j - i <= MAX_EXCERPT; j++) {
          const t = lines[j].text.trim();
          end = j;
          if (t === '------') break;
          if (t !== '') last = stripStepPrefix(t);
        }
        // `Dockerfile:12` right below the excerpt, then its `----` code frame
        let file: string | undefined;
        let line: number | undefined;
        if (end + 1 < lines.length) {
          const at = DOCKERFILE_AT.exec(lines[end + 1].text.trim());
          if (at) {
            file = at[1];
            line = +at[2];
            end++;
            if (end + 1 < lines.length && FRAME_RULE.test(lines[end + 1].text.trim())) {
              for (let j = end + 2; j < lines.length && j <= end + 1 + MAX_FRAME; j++) {
                if (FRAME_RULE.test(lines[j].text.trim())) {
                  end = j;
                  break;
                }
              }
            }
          }
        }
        // the `#N ERROR:` line just above the excerpt is the same story: extend it rather than add one
        const prev = findings[findings.length - 1];
        const joined = prev !== undefined && prevStepError === i - 1;
        // the `failed to solve` verdict right below repeats the error (Docker 20.10 prints the bare error
        // again, without the prefix): part of the same finding
        if (end + 1 < lines.length) {
          const next = lines[end + 1].text.trim();
          if (SOLVE.test(next) || (joined && next !== '' && next.endsWith(prev.message))) end++;
        }
        const f = joined ? prev : make('build-error', last ?? step[1], lines[i], lines[end], WEIGHT_EXCERPT);
        f.logLines = [f.logLines[0], lines[end].n];
        f.weight = WEIGHT_EXCERPT;
        f.code = step[1];
        if (file !== undefined) {
          f.file = file;
          f.rawFile = file;
          f.line = line;
        }
        if (!joined) findings.push(f);
        i = end;
        continue;
      }
      let m = STEP_ERROR.exec(text);
      if (m) {
        prevStepError = i;
        // the step's last output lines (`#12 0.345 ...`, same step number) above say why it failed
        const step = /^#(\d+) /.exec(text)?.[1];
        let from = i;
        while (
          from > 0 &&
          i - from < MAX_STEP_OUTPUT &&
          lines[from - 1].text.startsWith(`#${step} `) &&
          STEP_OUTPUT.test(lines[from - 1].text)
        )
          from--;
        findings.push(make('build-error', m[1], lines[from], lines[i], WEIGHT_STEP_ERROR));
        continue;
      }
      m = SOLVE.exec(text);
      if (m) {
        findings.push(make('build-error', text, lines[i], lines[i], WEIGHT_SOLVE));
        continue;
      }
      m = LEGACY.exec(text);
      if (m) {
        // the step's output: from below ` ---> Running in <id>` (or `Step N/M :`) down to this line
        let from = i;
        for (let j = i - 1; j >= 0 && i - j <= MAX_STEP_OUTPUT; j--) {
          const t = lines[j].text.trim();
          if (LEGACY_RUNNING.test(t) || LEGACY_STEP.test(t)) {
            from = j + 1 < i ? j + 1 : i;
            break;
          }
        }
        const f = make('build-error', text, lines[from], lines[i], WEIGHT_LEGACY);
        f.code = m[2];
        findings.push(f);
        continue;
      }
      m = LEGACY_COPY.exec(text);
      if (m) {
        // `Step 4/5 : COPY x y` right above names the instruction
        const above = i > 0 && LEGACY_STEP.test(lines[i - 1].text.trim()) ? i - 1 : i;
        const f = make('build-error', text, lines[above], lines[i], WEIGHT_LEGACY);
        if (above < i) f.code = lines[above].text.trim().replace(LEGACY_STEP, '');
        findings.push(f);
        continue;
      }
      m = DAEMON.exec(text) ?? PULL_DENIED.exec(text);
      if (m) {
        const kind: FindingKind = /manifest|not found|pull access denied|repository does not exist/.test(text)
          ? 'dependency'
          : 'build-error';
        const message = text.replace(/^docker: /, '');
        const key = message.replace(/\.$/, '');
        findings.push(make(kind, message, lines[i], lines[i], seen.has(key) ? WEIGHT_REPEAT : WEIGHT_DAEMON));
        seen.add(key);
      }
    }
    return findings;
  },
};
