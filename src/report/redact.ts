// Redacting secrets from everything the report shows. GitHub masks registered secrets in logs and job
// summaries, NOT in comments created through the API, and a failing log can print a token.
//
// Two layers: our own patterns, then the credential shapes of a maintained rule set (secretlint's
// recommended preset, run by ./secrets.ts) on what is left. Ours cover what a log shows that the preset does not cover or covers only
// in its exact full form (a log prints tokens cut, quoted or inside headers): GitHub, Google, Stripe,
// OpenAI, Anthropic and GitLab prefixes at any length, JWTs, Authorization headers, credentials in URLs,
// `key=value` assignments of secret-looking names (Azure's `AccountKey=` among them), and a high-entropy
// value written next to such a name without `=` (`aws_secret_access_key wJalr…`).
// Every pattern of ours is linear: literal prefixes, bounded character classes, no nested quantifiers.
// Redaction runs on the report's strings only (bounded, rendered text), never on the whole log.
import type { Report } from '../types.js';
import { presetSecretSpans, replaceSpans } from './secrets.js';

export const REDACTED = '[REDACTED]';

/** Names whose value is a secret, as they appear in configuration, environment and headers. */
const SECRET_NAME =
  '(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth)';

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A value that looks generated (a key, not a word or a path): letters and digits mixed, high entropy. */
function looksGenerated(v: string): boolean {
  return v.length >= 20 && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && entropy(v) >= 3.5;
}

const PATTERNS: [RegExp, string | ((...m: string[]) => string)][] = [
  // GitHub tokens: classic/OAuth/app/user-to-server/refresh, fine-grained PATs (also cut short)
  [/\bgh[pousr]_[A-Za-z0-9]{20,255}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,255}/g, REDACTED],
  // AWS access key ids
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, REDACTED],
  // Google API keys
  [/\bAIza[0-9A-Za-z_-]{35}/g, REDACTED],
  // Stripe secret and restricted keys, webhook secrets
  [/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}/g, REDACTED],
  [/\bwhsec_[0-9A-Za-z]{20,128}/g, REDACTED],
  // OpenAI project/service/admin keys, Anthropic keys, GitLab tokens: any length a log may show
  [/\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{16,400}/g, REDACTED],
  [/\bsk-ant-[a-z]{2,10}[0-9]{2}-[A-Za-z0-9_-]{16,400}/g, REDACTED],
  [/\bgl(?:pat|ptt|dt|rt|cbt|imt|oas|soat)-[A-Za-z0-9_-]{16,128}/g, REDACTED],
  // SendGrid keys
  [/\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g, REDACTED],
  // Slack tokens
  [/\bxox[abposr]-[A-Za-z0-9-]{10,250}/g, REDACTED],
  // npm tokens
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  // JWTs (header.payload.signature, base64url, header starts with {" → eyJ)
  [/\beyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{5,4096}/g, REDACTED],
  // Authorization headers
  [/\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/-]{20,2048}=*/g, (_m, k, sp) => `${k}${sp}${REDACTED}`],
  // credentials in URLs: scheme://user:password@host
  [
    /\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s:@/]{1,256}:[^\s@/]{1,256}@/gi,
    (_m, scheme) => `${scheme}${REDACTED}@`,
  ],
  // password=…, token: …, "apiKey": "…", AWS_SECRET_ACCESS_KEY=…, AccountKey=…; (a quoted value up to its
  // closing quote)
  [
    new RegExp(
      `\\b([A-Za-z0-9_]{0,64}${SECRET_NAME}["']?)(\\s{0,8}(?:[:=]|=>)\\s{0,8})(?:"([^"\\n]{4,1024})"|'([^'\\n]{4,1024})'|([^\\s"',;]{4,1024}))`,
      'gi',
    ),
    (m, key, sep, dq, sq, bare) => {
      const value = dq ?? sq ?? bare ?? '';
      if (value.startsWith(REDACTED)) return m;
      const q = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
      return `${key}${sep}${q}${REDACTED}${q}`;
    },
  ],
  // a generated-looking value right after such a name with only white space between
  // (`aws_secret_access_key wJalrXUtnFEMI/K7MDENG/…`, `export TOKEN  abc…`)
  [
    new RegExp(
      `\\b([A-Za-z0-9_]{0,64}${SECRET_NAME}["']?)(\\s{1,8}["']?)([A-Za-z0-9+/=_.~-]{20,1024})`,
      'gi',
    ),
    (m, key, sep, value) => (looksGenerated(value) ? `${key}${sep}${REDACTED}` : m),
  ],
];

/**
 * Whether the preset's rules can find anything: every token they know has a run of 16 or more token
 * characters (ours handle the rest: URL credentials, PEM blocks, names with short values). Most log lines
 * have none, and skip the preset's two dozen scans.
 */
const MAYBE_TOKEN = /[A-Za-z0-9_+=-]{16}/;

const PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/;
const PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/;

// A line that is nothing but a long base64 run with mixed case and digits: the body of a PEM key (an
// excerpt can start inside a key, after its BEGIN line). Hex hashes (one case) are not matched.
const BASE64_LINE = /^[\s>|]*[A-Za-z0-9+/]{40,}={0,2}\s*$/;

/** Redacts token formats on one line (no multi-line PEM handling: see redactLines). */
export function redactLine(s: string): string {
  let out = String(s ?? '');
  if (BASE64_LINE.test(out) && /[a-z]/.test(out) && /[A-Z]/.test(out) && /[0-9]/.test(out)) {
    return out.replace(/[A-Za-z0-9+/]{40,}={0,2}/, REDACTED);
  }
  // Ours first (they keep the context: `https://[REDACTED]@host`, `password=[REDACTED]`), then the
  // maintained rule set on what is left.
  for (const [re, by] of PATTERNS) out = out.replace(re, by as string);
  if (MAYBE_TOKEN.test(out)) out = replaceSpans(out, presetSecretSpans(out), REDACTED);
  return out;
}

/**
 * Redacts a sequence of lines: single-line token formats, and PEM private key blocks from their BEGIN
 * line to their END line (or to the end when the END is missing: an excerpt may stop inside a key).
 */
export function redactLines(lines: string[]): string[] {
  const out: string[] = [];
  let inKey = false;
  for (const raw of lines) {
    const line = String(raw ?? '');
    if (!inKey) {
      const b = PEM_BEGIN.exec(line);
      if (b) {
        const rest = line.slice(b.index + b[0].length);
        const e = PEM_END.exec(rest);
        if (e) {
          out.push(
            redactLine(line.slice(0, b.index)) + REDACTED + redactLine(rest.slice(e.index + e[0].length)),
          );
        } else {
          out.push(redactLine(line.slice(0, b.index)) + REDACTED);
          inKey = true;
        }
        continue;
      }
      out.push(redactLine(line));
    } else {
      const e = PEM_END.exec(line);
      if (e) {
        inKey = false;
        const rest = line.slice(e.index + e[0].length);
        if (rest.trim()) out.push(redactLine(rest));
      }
      // lines inside the key are dropped
    }
  }
  return out;
}

/** Redacts a text that may span lines. */
export function redact(s: string): string {
  return redactLines(String(s ?? '').split('\n')).join('\n');
}

/**
 * The redacted copies made, by report: the action renders one report four times (comment, summary, its own
 * log, outputs) and the preset's scans are the costly part. A report changed after its first rendering
 * (counts or verdict) is redacted again.
 */
const cache = new WeakMap<Report, { key: string; redacted: Report }>();
const keyOf = (r: Report) =>
  `${r.findings?.length}/${r.suspects?.length}/${r.patterns?.length}/${r.notes?.length}/${r.verdict?.summary}`;

/** A deep copy of the report with every string redacted (string arrays as lines, for PEM blocks). */
export function redactReport(report: Report): Report {
  const key = keyOf(report);
  const hit = cache.get(report);
  if (hit && hit.key === key) return hit.redacted;
  const memo = new Map<string, string>();
  const redacted = redactValue(report, 0, memo) as Report;
  cache.set(report, { key, redacted });
  return redacted;
}

function redactValue(v: unknown, depth: number, memo: Map<string, string>): unknown {
  if (typeof v === 'string') {
    let out = memo.get(v);
    if (out === undefined) memo.set(v, (out = redact(v)));
    return out;
  }
  if (depth > 12 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length && v.every((x) => typeof x === 'string')) return redactLines(v as string[]);
    return v.map((x) => redactValue(x, depth + 1, memo));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = redactValue(x, depth + 1, memo);
  return out;
}
