// GitHub Actions runner-level failures not covered by generic.ts (which already reports the time limit,
// the shutdown signal, lost runners, `No space left on device` and the cancellation closer):
//
//   Error: Unable to resolve action `owner/repo@v9`, unable to find version `v9`
//   Error: Unable to download artifact(s): Artifact not found for name: dist
//   "message": "API rate limit exceeded for user ID 1. ..."       ← a REST answer printed by a script
//   Error: The process '/usr/bin/git' failed with exit code 128   ← actions/checkout (+ the `fatal:` above)
//   Killed  /  Process completed with exit code 137.              ← the OOM killer or a SIGKILL
//   Error: Failed to download action '...'                        ← action download
// Kind 'infra', tool 'github': they explain a failure that is not the code's.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_INFRA = 40;
export const WEIGHT_KILLED = 30;

const MAX_LINE = 2000;

const RESOLVE_ACTION = /^(?:Error: )?Unable to resolve action [`'"]?[\w.-]+\/[\w./-]+@?/;
const DOWNLOAD_ACTION = /^(?:Error: )?(?:Failed to download action|An action could not be found at the URI) /;
const ARTIFACT = /^(?:Error: )?Unable to download artifact\(s\)?: /;
const RATE_LIMIT =
  /(?:API rate limit exceeded|You have exceeded a secondary rate limit|secondary rate limit)/;
const GIT_PROCESS = /^(?:Error: )?The process '[^']*\bgit' failed with exit code (\d+)$/;
const KILLED = /^(?:\S+: line \d+: +\d+ Killed\b.*|Killed)$/;
const EXIT_137 = /^(?:Error: )?Process completed with exit code 137\.?$/;
/** The git complaint just above the checkout action's failure. */
const GIT_CAUSE = /^(?:fatal|remote|error): /;

function make(message: string, from: LogLine, to: LogLine, weight: number, code?: string): Finding {
  const f: Finding = { kind: 'infra', tool: 'github', message, logLines: [from.n, to.n], weight };
  if (code) f.code = code;
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

export const github: Extractor = {
  name: 'github',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let rateLimited = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trim();
      // a `##[warning]` line is the runner's warning (a download it then retries), not its failure
      if (text === '' || lines[i].marker === 'warning') continue;
      if (RESOLVE_ACTION.test(text) || DOWNLOAD_ACTION.test(text)) {
        findings.push(
          make(text.replace(/^Error: /, ''), lines[i], lines[i], WEIGHT_INFRA, 'action-resolution'),
        );
        continue;
      }
      if (ARTIFACT.test(text)) {
        findings.push(
          make(text.replace(/^Error: /, ''), lines[i], lines[i], WEIGHT_INFRA, 'artifact-download'),
        );
        continue;
      }
      if (!rateLimited && RATE_LIMIT.test(text)) {
        // one finding: scripts retry and print the same answer many times
        rateLimited = true;
        const message = text.replace(/^"message":\s*"?/, '').replace(/",?$/, '');
        findings.push(make(message, lines[i], lines[i], WEIGHT_INFRA, 'rate-limit'));
        continue;
      }
      const git = GIT_PROCESS.exec(text);
      if (git) {
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          if (!GIT_CAUSE.test(lines[k].text.trim())) break;
          from = k;
        }
        const cause = from < i ? lines[from].text.trim() : text.replace(/^Error: /, '');
        findings.push(make(cause, lines[from], lines[i], WEIGHT_INFRA, `git-exit-${git[1]}`));
        continue;
      }
      if (KILLED.test(text)) {
        findings.push(
          make(`${text} (out of memory or SIGKILL)`, lines[i], lines[i], WEIGHT_KILLED, 'killed'),
        );
        continue;
      }
      if (EXIT_137.test(text)) {
        findings.push(
          make(
            'Exit code 137: the process was killed (out of memory or SIGKILL)',
            lines[i],
            lines[i],
            WEIGHT_KILLED,
            'killed',
          ),
        );
      }
    }
    return findings;
  },
};
