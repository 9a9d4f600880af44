// What GitHub would make live in a rendered markdown text: link destinations, and the autolinks, mentions
// and references of the prose (outside code). A reading of GitHub's rules made STRICTER on purpose:
// GitHub's autolinker starts `www.`, `http(s)://`, `mailto:`, e-mail addresses, `@user`, `#N` and `GH-N`
// after white space or punctuation (`_`, `*`, `~`, `(` … — cmark-gfm's `autolink.c`, and GitHub's own
// reference filters), and here ANY occurrence outside code counts, whatever precedes it. Code (fenced
// blocks, code spans) is removed first: GitHub makes nothing live inside code.

/** Fenced code blocks removed (a fence may be indented, closes with a run at least as long). */
function withoutFences(md: string): string {
  const out: string[] = [];
  let open: string | undefined;
  for (const line of md.split('\n')) {
    const m = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line.replace(/^ {1,2}(?= {0,3}[`~])/, ''));
    if (open) {
      if (m && m[1][0] === open[0] && m[1].length >= open.length && !m[2].trim()) open = undefined;
      continue;
    }
    if (m && !(m[1][0] === '`' && m[2].includes('`'))) {
      open = m[1];
      continue;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** Code spans removed from one line (a backslash-escaped backtick opens nothing). */
function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    if (c === '\\' && i + 1 < line.length) {
      out += line.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== '`') {
      out += c;
      i++;
      continue;
    }
    let end = i;
    while (line[end] === '`') end++;
    const n = end - i;
    let close = -1;
    for (let j = line.indexOf('`', end); j >= 0;) {
      let k = j;
      while (line[k] === '`') k++;
      if (k - j === n) {
        close = j;
        break;
      }
      j = line.indexOf('`', k);
    }
    if (close < 0) {
      out += line.slice(i, end);
      i = end;
    } else {
      out += ' ';
      i = close + n;
    }
  }
  return out;
}

/** A link destination after `](` (CommonMark: `<…>`, or balanced parentheses up to white space). */
function destination(text: string, at: number): { dest: string; end: number } | undefined {
  if (text[at] === '<') {
    const close = text.indexOf('>', at);
    return close < 0 ? undefined : { dest: text.slice(at + 1, close), end: close + 1 };
  }
  let depth = 0;
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (/\s/.test(c)) break;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  return { dest: text.slice(at, i), end: i };
}

export interface Live {
  /** The destinations of `[text](dest)` links. */
  links: string[];
  /** Autolinks, mentions and references left live in the prose. */
  autolinks: string[];
}

const AUTOLINKS = [
  /www\./gi,
  /[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\//g,
  /(?:mailto|xmpp):/gi,
  /<[A-Za-z][A-Za-z0-9+.-]{1,31}:/g,
  /[A-Za-z0-9.+_-]@[A-Za-z0-9-]/g,
  /@[A-Za-z0-9]/g,
  /#\d/g,
  /GH-\d/gi,
];

/** What would be live in `md` on GitHub (see the file's header). */
export function liveIn(md: string): Live {
  const links: string[] = [];
  const prose = withoutFences(md)
    .split('\n')
    .map(withoutCodeSpans)
    .map((line) => {
      let out = '';
      let i = 0;
      for (;;) {
        const k = line.indexOf('](', i);
        if (k < 0) break;
        const escaped = /(?:^|[^\\])(?:\\\\)*\\$/.test(line.slice(0, k));
        const d = escaped ? undefined : destination(line, k + 2);
        if (!d || line[d.end] !== ')') {
          out += line.slice(i, k + 2);
          i = k + 2;
          continue;
        }
        links.push(d.dest);
        out += line.slice(i, k) + ' ';
        i = d.end + 1;
      }
      return out + line.slice(i);
    })
    .join('\n');
  const autolinks = AUTOLINKS.flatMap((re) => prose.match(re) ?? []);
  return { links, autolinks };
}

/** Every link destination starts with `prefix`, and nothing else is live. */
export function onlyLinksTo(md: string, prefix: string): { foreignLinks: string[]; autolinks: string[] } {
  const live = liveIn(md);
  return { foreignLinks: live.links.filter((l) => !l.startsWith(prefix)), autolinks: live.autolinks };
}
