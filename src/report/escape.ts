// Making untrusted text (log lines, file names, commit messages, branch names) safe to show: the ONE
// escaper of every rendered output (PR comment, job summary, CLI markdown and text, our own job log).
//
// Markdown (the PR comment, the job summary):
// - control, zero-width, bidi and Unicode tag characters are stripped everywhere;
// - outside code: `<`, `>`, `&` become entities (no raw HTML), markdown punctuation is backslash-escaped,
//   and nothing GitHub would turn into a link or a ping stays live: mentions (`@user`, `@org/team`, e-mail
//   addresses), references (`#123`, `owner/repo#123`, `GH-123`) and autolinks (`www.`, `scheme://`,
//   `mailto:`, `xmpp:`) get a U+200B inside them (a backslash does NOT stop a mention), wherever they are:
//   GitHub's autolinker also starts after punctuation such as `_`, `*`, `~`, `(`, so no word boundary is
//   assumed;
// - code spans and fences are longer than any backtick run inside (and fences than any tilde run), and
//   their content is left exactly as it was (minus the stripped characters): GitHub makes no link, mention
//   or reference inside code, and text copied from an excerpt must be the text of the log;
// - `|` is escaped in table cells, also inside code spans (GFM splits cells before inline parsing).
// Text (terminals, our own job log): control characters stripped (no ANSI, OSC or title sequences) and the
// runner's workflow commands (`::cmd::` at a line start, `##[cmd]` anywhere) neutralised.

const ZWSP = '\u200B';

// C0 controls except TAB/LF, DEL, C1 controls (NEL U+0085 among them: .NET trims it as white space),
// zero-width and invisible formatting, bidi controls, the line/paragraph separators, Unicode tag
// characters (U+E0000–U+E007F: invisible, can smuggle text) and the supplementary variation selectors.
const UNSAFE =
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu;

/** Strips control, zero-width, bidi and tag characters; CR becomes nothing, newlines are kept. */
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

/**
 * Inserts U+200B so GitHub creates no mention, issue reference or autolink, whatever precedes it (the
 * autolinker starts after any punctuation, `_` included). For text outside code only.
 */
export function neutralise(s: string): string {
  return (
    s
      // @user, @org/team, user@example.com (an e-mail autolink needs the `@` followed by a word char)
      .replace(/@(?=[\p{L}\p{N}_.+-])/gu, '@' + ZWSP)
      // #123, owner/repo#123
      .replace(/#(?=\d)/g, '#' + ZWSP)
      // GH-123
      .replace(/(GH)-(?=\d)/gi, '$1-' + ZWSP)
      // scheme://… (http, https, ftp, and any other), mailto:, xmpp:
      .replace(/:(?=\/\/)/g, ':' + ZWSP)
      .replace(/(mailto|xmpp)(:)/gi, '$1' + ZWSP + '$2')
      // www. autolinks, after a space, `_`, `*`, `~`, `(` or anything else
      .replace(/(www)(\.)/gi, '$1' + ZWSP + '$2')
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

/**
 * Inline markdown text that may hold code in backticks (a rule's hint: "rename `orderTotal`"): the code
 * spans are rendered as code spans (codeSpan), the rest as escapeMarkdown text; a backtick run without its
 * closing run of the same length is text.
 */
export function escapeMarkdownWithCode(s: string): string {
  const text = oneLine(s);
  let out = '';
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf('`', at);
    if (open < 0) break;
    let end = open;
    while (text[end] === '`') end++;
    const ticks = end - open;
    let close = -1;
    for (let j = text.indexOf('`', end); j >= 0;) {
      let k = j;
      while (text[k] === '`') k++;
      if (k - j === ticks) {
        close = j;
        break;
      }
      j = text.indexOf('`', k);
    }
    if (close < 0) {
      at = end;
      continue;
    }
    let code = text.slice(end, close);
    if (code.length > 2 && code.startsWith(' ') && code.endsWith(' ') && code.trim())
      code = code.slice(1, -1);
    out += (open > from ? escapeMarkdown(text.slice(from, open)) : '') + codeSpan(code);
    from = at = close + ticks;
  }
  return out + (from < text.length ? escapeMarkdown(text.slice(from)) : '');
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
 * An inline code span (one line). Inside code nothing is a mention, a link or HTML, so the text is kept as
 * it is (unsafe characters stripped). `inTable` escapes `|` (GFM removes the backslash inside code spans in
 * table cells).
 */
export function codeSpan(s: string, inTable = false): string {
  let text = oneLine(s);
  if (inTable) text = text.replace(/\|/g, '\\|');
  const ticks = '`'.repeat(longestRun(text, '`') + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || text.startsWith(' ') || !text ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}

/**
 * A fenced code block for untrusted lines: the fence is longer than any backtick or tilde run inside,
 * lines are stripped of unsafe characters and otherwise copied exactly. Ends with a newline.
 */
export function fence(lines: string[]): string {
  const body = lines.map((l) => stripUnsafe(l).replace(/\n/g, ' ')).join('\n');
  const n = Math.max(3, longestRun(body, '`') + 1, longestRun(body, '~') + 1);
  const f = '`'.repeat(n);
  return `${f}text\n${body}\n${f}\n`;
}

/**
 * The runner's workflow commands made inert: `##[` anywhere, `::` at a line start after any white space
 * the runner trims (.NET's: JS `\s` plus U+0085, which stripUnsafe removes anyway). Text must already be
 * stripped of unsafe characters: the U+200B inserted here is one of them.
 */
export function neutraliseCommands(s: string): string {
  return s.replace(/##\[/g, '#' + ZWSP + '#[').replace(/(^|[\n\r])([\s\u0085]*)::/g, `$1$2:${ZWSP}:`);
}

/** Text for a terminal or our own job log: no control characters, no workflow commands. */
export function safeText(s: string): string {
  return neutraliseCommands(stripUnsafe(s));
}

/**
 * A message for a terminal that may carry a server's text (an API error): escape sequences (CSI, OSC 52
 * clipboard, window title, erase) removed whole, then every other control character.
 */
export function printable(s: string): string {
  return stripUnsafe(
    String(s ?? '')
      // OSC … BEL or ST, DCS/SOS/PM/APC … ST, CSI … final byte
      .replace(/\u001B[\]PX^_][^\u0007\u001B\u009C]{0,4096}(?:\u0007|\u001B\\|\u009C)?/g, '')
      .replace(/\u001B\[[0-?]{0,64}[ -/]{0,16}[@-~]?/g, '')
      .replace(/\u009B[0-?]{0,64}[ -/]{0,16}[@-~]?/g, ''),
  );
}
