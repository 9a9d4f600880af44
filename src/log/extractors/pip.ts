// Python package installation failures: pip and conda.
//
// pip (20+ prefixes `ERROR: `, older versions print the same text without it):
//   ERROR: Could not find a version that satisfies the requirement ruff==99.0 (from versions: 0.16.9)
//   ERROR: No matching distribution found for ruff==99.0
//   ERROR: Cannot install ruff<0.16 and ruff==0.16.9 because these package versions have conflicting dependencies.
//   <blank> / The conflict is caused by: / indented reasons ...            ← then `ERROR: ResolutionImpossible`
//   ERROR: Could not open requirements file: [Errno 2] No such file or directory: 'requirements.txt'
//   error: subprocess-exited-with-error / <blank> / × Building wheel for x (pyproject.toml) did not run
//   successfully. / │ exit code: 1 / ╰─> [18 lines of output]            ← the build's own output follows
//   ERROR: Failed building wheel for x
//
// conda (format from conda's documentation and real CI logs; conda cannot be run here):
//   PackagesNotFoundError: The following packages are not available from current channels:
//   <blank> / `  - numpy=1.10.4` ...
//   ResolvePackageNotFound: / UnsatisfiableError: ... / CondaHTTPError: HTTP 000 CONNECTION FAILED ...
//
// Each is a 'dependency' finding: the package set or the environment is what broke, not the code.
import type { Finding, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_RESOLVE = 85;
export const WEIGHT_BUILD = 80;
export const WEIGHT_WHEEL = 70;

const MAX_LINE = 2000;
/** Lines of a list or an explanation block followed at most. */
const MAX_BLOCK = 12;

const NOT_FOUND = /^(?:ERROR: )?Could not find a version that satisfies the requirement (\S+)/;
const NO_MATCH = /^(?:ERROR: )?No matching distribution found for (\S+)/;
const CONFLICT = /^ERROR: Cannot install .+ because these package versions have conflicting dependencies\.?$/;
const REQ_FILE = /^(?:ERROR: )?Could not open requirements file: /;
const SUBPROCESS = /^error: subprocess-exited-with-error$/;
const DID_NOT_RUN = /^× (.+ did not run successfully\.)$/;
const FAILED_WHEEL = /^(?:ERROR: )?Failed building wheel for (\S+)$/;
const CONDA =
  /^(PackagesNotFoundError|ResolvePackageNotFound|UnsatisfiableError|CondaHTTPError|CondaEnvException|SpecsConfigurationConflictError)(?::\s*(.*))?$/;

function make(
  lines: LogLine[],
  start: number,
  end: number,
  message: string,
  code: string,
  weight: number,
  tool = 'pip',
): Finding {
  const f: Finding = {
    kind: 'dependency',
    tool,
    message,
    code,
    logLines: [lines[start].n, lines[end].n],
    weight,
  };
  const seg = lines[start].segment;
  if (seg !== undefined) f.segment = seg;
  return f;
}

/** The last line of the block below `i`: blank lines and indented / list lines, up to `stop`. */
function blockEnd(lines: LogLine[], i: number, stop?: RegExp): number {
  let end = i;
  let blanks = 0;
  for (let j = i + 1; j < lines.length && j <= i + MAX_BLOCK; j++) {
    const t = lines[j].text;
    if (t.trim() === '') {
      if (++blanks > 1) break;
      continue;
    }
    if (stop && stop.test(t.trim())) return j;
    if (!/^\s/.test(t) && !/^The conflict is caused by:$/.test(t.trim())) break;
    blanks = 0;
    end = j;
  }
  return end;
}

export const pip: Extractor = {
  name: 'pip',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i].text.trim();
      if (t.length > MAX_LINE || t === '') continue;
      let m: RegExpExecArray | null;
      if (NOT_FOUND.test(t)) {
        const next = i + 1 < lines.length && NO_MATCH.test(lines[i + 1].text.trim()) ? i + 1 : i;
        findings.push(
          make(lines, i, next, t.replace(/^ERROR: /, ''), 'no-matching-distribution', WEIGHT_RESOLVE),
        );
        i = next;
      } else if (NO_MATCH.test(t)) {
        findings.push(
          make(lines, i, i, t.replace(/^ERROR: /, ''), 'no-matching-distribution', WEIGHT_RESOLVE),
        );
      } else if (CONFLICT.test(t)) {
        const end = blockEnd(lines, i, /^ERROR: ResolutionImpossible/);
        findings.push(make(lines, i, end, t.replace(/^ERROR: /, ''), 'ResolutionImpossible', WEIGHT_RESOLVE));
        i = end;
      } else if (REQ_FILE.test(t)) {
        findings.push(make(lines, i, i, t.replace(/^ERROR: /, ''), 'requirements-file', WEIGHT_RESOLVE));
      } else if (SUBPROCESS.test(t)) {
        // `× ... did not run successfully.` within the next lines, then `│ exit code` and `╰─> [...]`.
        let end = i;
        let message = 'subprocess-exited-with-error';
        for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
          const s = lines[j].text.trim();
          const d = DID_NOT_RUN.exec(s);
          if (d) message = d[1];
          if (d || s.startsWith('│') || s.startsWith('╰─>') || s === '') end = s === '' ? end : j;
          if (s.startsWith('╰─>')) break;
        }
        findings.push(make(lines, i, end, message, 'subprocess-exited-with-error', WEIGHT_BUILD));
        i = end;
      } else if (FAILED_WHEEL.test(t)) {
        findings.push(make(lines, i, i, t.replace(/^ERROR: /, ''), 'wheel-build-failed', WEIGHT_WHEEL));
      } else if ((m = CONDA.exec(t)) && !/^\s/.test(lines[i].text)) {
        const end = blockEnd(lines, i);
        findings.push(make(lines, i, end, t, m[1], WEIGHT_RESOLVE, 'conda'));
        i = end;
      }
    }
    return findings;
  },
};
