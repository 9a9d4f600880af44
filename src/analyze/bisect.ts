// The git bisect suggestion: when the culprit is uncertain and the range holds several commits, the exact
// commands that settle it, with the failing step's command (from the log's `Run <cmd>` step name) to run.
import type { ChangeSet, Finding, LogSegment, Report, Suspect, Verdict } from '../types.js';
import { CAUSE_CONFIDENCE } from './confidence.js';

const MAX_COMMAND = 200;

/** The failing command of the segment the finding sits in: GitHub names an unnamed step `Run <command>`. */
export function failingCommand(
  finding: Finding | undefined,
  segments: LogSegment[] | undefined,
): string | undefined {
  if (!finding || finding.segment === undefined || !Array.isArray(segments)) return undefined;
  const step = segments[finding.segment]?.step;
  if (typeof step !== 'string') return undefined;
  const m = /^Run (.+)$/.exec(step.split('\n')[0].trim());
  if (!m) return undefined;
  // untrusted text: one printable line, no control characters, bounded
  const cmd = m[1].replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (!cmd || cmd.length > MAX_COMMAND) return undefined;
  return cmd;
}

function shellWord(cmd: string): string {
  return /^[\w@%+=:,./ -]+$/.test(cmd) ? cmd : `sh -c '${cmd.replace(/'/g, `'\\''`)}'`;
}

/**
 * The suggestion, or undefined when it is not needed: the range has one commit, the base or head is
 * unknown, the top suspect is confident enough, or the failure is not about the change (infra, flaky, base).
 */
export function bisectSuggestion(
  cs: ChangeSet | undefined,
  suspects: Suspect[],
  verdict: Verdict,
  findings: Finding[],
  segments?: LogSegment[],
): Report['bisect'] {
  if (!cs?.base || !cs.head || (cs.commits?.length ?? 0) < 2) return undefined;
  if (verdict.origin !== 'caused-by-change' && verdict.origin !== 'unknown') return undefined;
  if (suspects[0] && suspects[0].confidence >= CAUSE_CONFIDENCE) return undefined;
  const top = findings.find((f) => f.kind !== 'exit' && f.kind !== 'warning' && f.kind !== 'infra');
  const run = failingCommand(top, segments);
  const head = cs.head.slice(0, 12);
  const base = cs.base.slice(0, 12);
  const start = `git bisect start ${head} ${base}`;
  const commands = [start];
  if (run) commands.push(`git bisect run ${shellWord(run)}`);
  else commands.push('# at each step: run the failing command, then `git bisect good` or `git bisect bad`');
  commands.push('git bisect reset');
  return run ? { start, run, commands } : { start, commands };
}
