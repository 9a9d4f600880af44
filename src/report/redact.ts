// Redacting secrets from everything the report shows. GitHub masks registered secrets in logs and job
// summaries, NOT in comments created through the API, and a failing log can print a token.
// Every pattern is linear: literal prefixes, bounded character classes, no nested quantifiers.
import type { Report } from '../types.js';

export const REDACTED = '[REDACTED]';

const PATTERNS: [RegExp, string | ((...m: string[]) => string)][] = [
  // GitHub tokens: classic/OAuth/app/user-to-server/refresh, fine-grained PATs
  [/\bgh[pousr]_[A-Za-z0-9]{20,255}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,255}/g, REDACTED],
  // AWS access key ids
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, REDACTED],
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
  // password=…, token: …, "apiKey": "…", AWS_SECRET_ACCESS_KEY=… (a quoted value up to its closing quote)
  [
    /\b([A-Za-z0-9_]{0,64}(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)["']?)(\s{0,8}[:=]\s{0,8})(?:"([^"\n]{4,1024})"|'([^'\n]{4,1024})'|([^\s"',;]{4,1024}))/gi,
    (m, key, sep, dq, sq, bare) => {
      const value = dq ?? sq ?? bare ?? '';
      if (value.startsWith(REDACTED)) return m;
      const q = dq !== undefined ? '"' : sq !== undefined ? "'" : '';
      return `${key}${sep}${q}${REDACTED}${q}`;
    },
  ],
];

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
  for (const [re, by] of PATTERNS) out = out.replace(re, by as string);
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

/** A deep copy of the report with every string redacted (string arrays as lines, for PEM blocks). */
export function redactReport(report: Report): Report {
  return redactValue(report, 0) as Report;
}

function redactValue(v: unknown, depth: number): unknown {
  if (typeof v === 'string') return redact(v);
  if (depth > 12 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    if (v.length && v.every((x) => typeof x === 'string')) return redactLines(v as string[]);
    return v.map((x) => redactValue(x, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = redactValue(x, depth + 1);
  return out;
}
