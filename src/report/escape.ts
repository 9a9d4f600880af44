// Making untrusted text (log lines, file names, commit messages, branch names) safe to show.
//
// Markdown (the PR comment, the job summary):
// - control, zero-width and bidi characters are stripped everywhere;
// - outside code: `<`, `>`, `&` become entities (no raw HTML), markdown punctuation is backslash-escaped,
//   mentions (`@user`, `@org/team`) and references (`#123`, `owner/repo#123`, `GH-123`) get a U+200B
//   after `@` / before the number (a backslash does NOT stop a mention), bare URLs are broken
//   (`https:` + U+200B + `//`) so they do not autolink to other hosts;
// - code spans and fences are longer than any backtick run inside (and fences than any tilde run);
//   mentions are neutralised inside code too (GitHub does not link them there, but a naive reader or
//   a later cut of the text might);
// - `|` is escaped in table cells, also inside code spans (GFM splits cells before inline parsing).
// Text (terminals, our own job log): control characters stripped (no ANSI injection) and the runner's
// workflow commands (`::cmd::` at a line start, `##[cmd]` anywhere) neutralised.

const ZWSP = '\u200B';

// C0 controls except TAB/LF, DEL, C1 controls, zero-width and invisible formatting, bidi controls.
const UNSAFE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB]/g;

/** Strips control, zero-width and bidi characters; CR becomes nothing, newlines are kept. */
export function stripUnsafe(s: string): string {
  return String(s ?? '').replace(UNSAFE, '');
}

/** One line: unsafe characters stripped, newlines and tabs become spaces. */
export function oneLine(s: string): string {
  return stripUnsafe(s).replace(/[\n\t]+/g, ' ');
}

/** Cuts to at most `max` code points (never inside a surrogate pair), adding `…` when cut. */
export function clipCodePoints(s: string, max: number): string {
  if (s.length <= max) return s;
  let n = 0;
  let i = 0;
  while (i < s.length && n < max - 1) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
    n++;
  }
  if (i >= s.length) return s;
  return s.slice(0, i) + '…';
}

/** Cuts to at most `max` UTF-16 units on a code-point boundary (no ellipsis). */
export function cutUtf16(s: string, max: number): string {
  if (s.length <= max) return s;
  let end = Math.max(0, max);
  const c = s.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return s.slice(0, end);
}

/** Inserts U+200B so GitHub creates no mention, issue reference or autolink. */
export function neutralise(s: string): string {
  return (
    s
      // @user, @org/team (but not e-mail addresses' local part issues: any @ followed by a word char)
      .replace(/@(?=[A-Za-z0-9_-])/g, '@' + ZWSP)
      // #123, owner/repo#123
      .replace(/#(?=\d)/g, '#' + ZWSP)
      // GH-123
      .replace(/\b(GH)-(?=\d)/gi, '$1-' + ZWSP)
      // bare URLs and www. autolinks
      .replace(/:\/\//g, ':' + ZWSP + '//')
      .replace(/\bwww\./gi, (m) => m.slice(0, 3) + ZWSP + '.')
  );
}

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Entities for text inside our own HTML (`<summary>`): no markdown is parsed there. */
export function escapeHtml(s: string): string {
  return neutralise(oneLine(s).replace(/[&<>"]/g, (c) => HTML[c]));
}

/**
 * Inline markdown text: one line, HTML entities, markdown punctuation escaped, mentions neutralised.
 * Safe in paragraphs, list items and (with `cell`) table cells.
 */
export function escapeMarkdown(s: string): string {
  const text = oneLine(s)
    .replace(/[&<>]/g, (c) => HTML[c])
    .replace(/[\\`*_[\]~|]/g, '\\$&')
    // a leading `#`, `-`, `+`, `=`, `>` or `1.` would start a block if the text ever began a line
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return neutralise(text);
}

/** The longest run of `ch` in s. */
function longestRun(s: string, ch: string): number {
  let best = 0;
  let run = 0;
  for (const c of s) {
    if (c === ch) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}

/**
 * An inline code span (one line). Inside code nothing is a mention, a link or HTML. `inTable` escapes
 * `|` (GFM removes the backslash inside code spans in table cells).
 */
export function codeSpan(s: string, inTable = false): string {
  let text = neutralise(oneLine(s));
  if (inTable) text = text.replace(/\|/g, '\\|');
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') || !text ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * A fenced code block for untrusted lines: the fence is longer than any backtick or tilde run inside,
 * lines are stripped of unsafe characters. Ends with a newline.
 */
export function fence(lines: string[]): string {
  const body = lines.map((l) => neutralise(stripUnsafe(l).replace(/\n/g, ' '))).join('\n');
  const n = Math.max(3, longestRun(body, '`') + 1, longestRun(body, '~') + 1);
  const f = '`'.repeat(n);
  return `${f}text\n${body}\n${f}\n`;
}

/** Text for a terminal or our own job log: no control characters, no workflow commands. */
export function safeText(s: string): string {
  return stripUnsafe(s)
    .replace(/##\[/g, '#' + ZWSP + '#[')
    .replace(/(^|\n)(\s*)::/g, `$1$2:${ZWSP}:`);
}
