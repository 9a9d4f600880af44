// Credential shapes from a maintained rule set: secretlint's recommended preset
// (@secretlint/secretlint-rule-preset-recommend: GitHub, GitLab, AWS, Slack, npm, OpenAI, Anthropic,
// SendGrid, Shopify, Vercel, Hugging Face, Grafana, Databricks, 1Password, Notion, Linear, Figma, Groq,
// HashiCorp Vault, Docker, GCP service-account keys, private keys, basic auth and database connection
// strings, …). Its rules are plain objects (`create(context) → { file(source) }`) that report the ranges of
// what they find; they run here on one string without secretlint's engine (its file-system loader and
// config are not needed), bundled by esbuild into dist/ like every other dependency.
//
// Not run: the comment filter (`secretlint-disable` in the text would let a log switch redaction off).
// Options: the AWS access-key-id scan on (off by default in the preset).
import { rules as presetRules } from '@secretlint/secretlint-rule-preset-recommend';

type Range = [number, number];

interface Reported {
  range?: Range;
  message?: { data?: Record<string, unknown> };
}

interface Context {
  createTranslator: (messages: unknown) => (id: string, data?: Record<string, unknown>) => unknown;
  report: (d: Reported) => void;
  ignore: (d: unknown) => void;
  registerRule: (r: unknown) => void;
}

interface Source {
  content: string;
  filePath: string;
  ext: string;
  contentType: 'text';
}

interface SecretRule {
  meta: { id: string };
  create: (context: Context, options: Record<string, unknown>) => { file?: (s: Source) => unknown };
}

const SKIPPED = new Set(['@secretlint/secretlint-rule-filter-comments']);
const RULES = (presetRules as unknown as SecretRule[]).filter((r) => !SKIPPED.has(r.meta?.id));
const OPTIONS: Record<string, Record<string, unknown>> = {
  '@secretlint/secretlint-rule-aws': { enableIDScanRule: true },
};

/**
 * The reported range, or — when the rule also reported the secret itself in its message data and that text
 * starts inside the range — the secret's own span (the AWS secret rule reports the key name's offset with
 * the value's length).
 */
function spanOf(text: string, d: Reported): Range | undefined {
  const r = d.range;
  if (!r || !(r[1] > r[0])) return undefined;
  for (const v of Object.values(d.message?.data ?? {})) {
    if (typeof v !== 'string' || v.length < 8) continue;
    const at = text.indexOf(v, r[0]);
    if (at >= 0 && at <= r[1]) return [at, at + v.length];
  }
  return [Math.max(0, r[0]), Math.min(text.length, r[1])];
}

/** The spans of `text` the preset's rules report as secrets (unsorted, may overlap). */
export function presetSecretSpans(text: string): Range[] {
  const found: Range[] = [];
  const context: Context = {
    createTranslator: () => (_id, data) => ({ data }),
    report: (d) => {
      const span = spanOf(text, d);
      if (span) found.push(span);
    },
    ignore: () => undefined,
    registerRule: () => undefined,
  };
  const source: Source = { content: text, filePath: '', ext: '', contentType: 'text' };
  for (const rule of RULES) {
    try {
      const done = rule.create(context, OPTIONS[rule.meta.id] ?? {}).file?.(source);
      // A rule that only works on files (GCP .p12) is asynchronous and finds nothing without a path.
      if (done && typeof (done as Promise<void>).catch === 'function')
        (done as Promise<void>).catch(() => undefined);
    } catch {
      // A rule failing on odd input must not stop the others.
    }
  }
  return found;
}

/** `text` with every span replaced by `by` (overlapping spans merged). */
export function replaceSpans(text: string, spans: Range[], by: string): string {
  if (!spans.length) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [a, b] of sorted) {
    if (b <= at) continue;
    out += text.slice(at, Math.max(at, a)) + (a >= at ? by : '');
    at = b;
  }
  return out + text.slice(at);
}
