// A finding's identity across runs (pure): the same failure in two runs — on another runner, another
// day, another attempt, another job of the same matrix — gets the same fingerprint; a different failure a
// different one. What varies between two runs of the same failure is masked: timestamps, durations and
// other numbers, hashes and addresses, UUIDs, temporary names, the checkout root of paths. What names the
// failure is kept: the tool, its code, the failing test, the message's words and quoted names, the file's
// last path segments, and the job's name without its matrix values ("test (ubuntu, 20)" → "test").
// Measured on real pairs by bench/fingerprint (README "Failure memory").
import { createHash } from 'node:crypto';
import type { Finding } from '../types.js';

/** Bump when the masking changes: fingerprints of different versions must not be compared. */
export const FINGERPRINT_VERSION = 1;

const TIMESTAMP =
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEX = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi;
/** Temporary folders of runners and test tools, and tempfile-style random names. */
const TEMP_PATH =
  /(?:[A-Za-z]:)?(?:[/\\][\w.~$-]*)*?[/\\](?:tmp|temp|_temp|var[/\\]folders|pytest-of-[\w.-]+|junit\d+)(?:[/\\][^\s'"`:,;()[\]{}<>]*)?/gi;
const TEMP_NAME = /\b(?:tmp|temp)[\w-]{5,}\b/gi;
/** A path with at least one separator (URLs included): only its last two segments are kept. */
const PATH = /(?:[A-Za-z]:)?(?:[\w.@+~-]*[/\\])+[\w.@+~-]+/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;
/** A module-qualified class name (`paramiko.ssh_exception.SSHException`, `java.lang.NullPointerException`):
 * runtimes and versions print it with or without its module, so the class name alone is kept. */
const QUALIFIED = /\b(?:[a-z_][\w$]*\.)+([A-Z][\w$]*)\b/g;

/** The message with what varies between runs of the same failure masked (one line, at most 300 chars). */
export function maskMessage(message: string): string {
  return message
    .slice(0, 600)
    .replace(TIMESTAMP, '<time>')
    .replace(UUID, '<uuid>')
    .replace(TEMP_PATH, '<tmp>')
    .replace(TEMP_NAME, '<tmp>')
    .replace(HEX, '<hex>')
    .replace(QUALIFIED, '$1')
    .replace(PATH, (p) =>
      p
        .split(/[/\\]+/)
        .slice(-2)
        .join('/'),
    )
    .replace(NUMBER, 'N')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

/** A test's identity: its name as the tool printed it (parameters kept), with addresses and hashes masked. */
export function maskTest(test: string): string {
  return test
    .replace(TIMESTAMP, '<time>')
    .replace(UUID, '<uuid>')
    .replace(HEX, '<hex>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The job's name without its matrix values: GitHub names a matrix job `name (v1, v2)` (and a reusable
 * workflow's job `caller / name (v1, v2)`); the values in the last parentheses are dropped.
 */
export function jobBase(job: string | undefined): string {
  if (!job) return '';
  return job.replace(/\s*\([^()]*\)\s*$/, '').trim();
}

/** The matrix values of a job's name ("test (ubuntu, 20)" → "ubuntu, 20"), or '' when it has none. */
export function matrixValues(job: string): string {
  const m = /\(([^()]*)\)\s*$/.exec(job);
  return m ? m[1].trim() : '';
}

type Identity = Pick<Finding, 'tool' | 'code' | 'test' | 'message' | 'file'>;

/**
 * The file a finding names, by its last two segments (the checkout root differs between runners): a
 * compiler's "cannot find symbol" in Foo.java is not the same failure as in Bar.java.
 */
function fileTail(file: string | undefined): string {
  if (!file) return '';
  return file
    .split(/[/\\]+/)
    .filter(Boolean)
    .slice(-2)
    .join('/');
}

/** The readable key the fingerprint hashes (job-independent unless `job` is given). */
export function failureKey(f: Identity, job?: string): string {
  return [
    f.tool,
    f.code ?? '',
    f.test ? maskTest(f.test) : '',
    fileTail(f.file),
    maskMessage(f.message),
    jobBase(job),
  ].join('|');
}

/** The fingerprint: 16 hex digits of SHA-256 over the version and the key. */
export function fingerprint(f: Identity, job?: string): string {
  return createHash('sha256')
    .update(`v${FINGERPRINT_VERSION}\n${failureKey(f, job)}`)
    .digest('hex')
    .slice(0, 16);
}

/** Sets `fingerprint` on each finding, with its job (`location.job`) when the action located it. */
export function attachFingerprints(findings: Finding[]): Finding[] {
  for (const f of findings) f.fingerprint = fingerprint(f, f.location?.job);
  return findings;
}

export interface MatrixGroup {
  fingerprint: string;
  /** The job's name without its matrix values. */
  job: string;
  /** The matrix values of each job failing this way, in the order of the findings. */
  values: string[];
  /** Index of the group's first finding. */
  finding: number;
}

/**
 * Jobs of one matrix failing the same way (pure): findings with one fingerprint in two or more jobs whose
 * names differ only by their matrix values ("3 jobs: node 18, 20, 22"). Needs located findings.
 */
export function matrixGroups(findings: Finding[]): MatrixGroup[] {
  const by = new Map<string, MatrixGroup & { jobs: Set<string> }>();
  findings.forEach((f, i) => {
    const job = f.location?.job;
    if (!f.fingerprint || !job || !matrixValues(job)) return;
    const g = by.get(f.fingerprint) ?? {
      fingerprint: f.fingerprint,
      job: jobBase(job),
      values: [],
      finding: i,
      jobs: new Set<string>(),
    };
    if (!g.jobs.has(job)) {
      g.jobs.add(job);
      g.values.push(matrixValues(job));
    }
    by.set(f.fingerprint, g);
  });
  return [...by.values()]
    .filter((g) => g.values.length > 1)
    .map(({ fingerprint, job, values, finding }) => ({ fingerprint, job, values, finding }))
    .sort((a, b) => a.finding - b.finding);
}
