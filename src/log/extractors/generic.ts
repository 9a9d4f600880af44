// The fallback for logs no tool extractor understands:
// - `##[error]` lines (LogLine.marker === 'error'), weighted a little above plain error lines because the
//   runner or a problem matcher flagged them explicitly;
// - unindented lines starting with `Error:` / `error:` / `ERROR` / `[ERROR]` / `FATAL` / `fatal:`;
//   consecutive ones become one finding (a Maven `[ERROR]` block is one story);
// - closers: `Process completed with exit code N.`, `The operation was canceled.`, and Travis'
//   `The command "X" exited with N.` when N says the command was killed (124: `timeout` expired, 137:
//   SIGKILL, 143: SIGTERM; its output then stops mid-way and explains nothing): kind 'exit', weight 1;
// - runner trouble (time limit, shutdown signal, lost runner): kind 'infra'.
// Weights stay low so that any tool finding about the same lines wins.
import type { Finding, FindingKind, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_INFRA = 35;
export const WEIGHT_MARKER = 28;
export const WEIGHT_ERROR_LINE = 20;
export const WEIGHT_EXIT = 1;

const MAX_LINE = 2000;
const MAX_GROUP = 20;

const EXIT = /^(?:Error: )?Process completed with exit code (\d+)\.?$/;
/** npm-run-all / run-p closers: `ERROR: "lint:css" exited with 1.` */
const RUN_ALL_EXIT = /^ERROR: "[^"]*" exited with \d+\.$/;
/** Travis' closer of a script command that was killed (one line). Other closers: the output above explains. */
const TRAVIS_KILLED = /^The command ".*" exited with (?:124|137|143)\.$/;
const CANCELED = /^(?:Error: )?The operation was canceled\.?$/;
const INFRA =
  /^(?:Error: )?(?:The job running on runner .* has exceeded the maximum execution time|The runner has received a shutdown signal|The self-hosted runner: .* lost communication|The hosted runner: .* lost communication|No space left on device|You are running out of disk space)/;
const ERROR_LINE =
  /^(?:Error(?: \[[A-Z][A-Z0-9_]*\])?:|error:|ERROR\b|\[ERROR\]|FATAL\b|\[FATAL\]|fatal:|Fatal error:)/;
/** Maven's advice after a failed build: never the explanation. */
const MAVEN_ADVICE =
  /^\[ERROR\]\s*(?:$|-> \[Help|Re-run Maven|To see the full stack trace|For more information about the errors|\[Help \d+\]|After correcting the problems|mvn <args>|Failed to execute goal.*-> \[Help 1\]$)/;

function finding(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'generic', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

type Family = 'marker' | 'line';

export const generic: Extractor = {
  name: 'generic',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    /** The open group of consecutive error lines. */
    let group: { family: Family; from: LogLine; to: LogLine; message: string; count: number } | undefined;
    const close = (): void => {
      if (!group) return;
      const weight = group.family === 'marker' ? WEIGHT_MARKER : WEIGHT_ERROR_LINE;
      findings.push(finding('error', group.message, group.from, group.to, weight));
      group = undefined;
    };
    for (const line of lines) {
      const raw = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
      const text = raw.trim();
      const marked = line.marker === 'error';
      if (
        EXIT.test(text) ||
        RUN_ALL_EXIT.test(text) ||
        (marked && CANCELED.test(text)) ||
        (text.startsWith('The command "') && TRAVIS_KILLED.test(text))
      ) {
        close();
        findings.push(finding('exit', text, line, line, WEIGHT_EXIT));
        continue;
      }
      if (INFRA.test(text)) {
        close();
        findings.push(finding('infra', text, line, line, WEIGHT_INFRA));
        continue;
      }
      let family: Family | undefined;
      if (marked && text !== '') family = 'marker';
      else if (raw[0] !== ' ' && raw[0] !== '\t' && ERROR_LINE.test(text) && !MAVEN_ADVICE.test(text))
        family = 'line';
      if (!family) {
        close();
        continue;
      }
      if (group && group.family === family && group.count < MAX_GROUP) {
        group.to = line;
        group.count++;
      } else {
        close();
        group = { family, from: line, to: line, message: text, count: 1 };
      }
    }
    close();
    return findings;
  },
};
