// A small glob matcher for rule suspect globs (`package.json`, `.env*`, `*.config.*`,
// `.github/workflows/*.yml`, `**/requirements*.txt`, `{yarn,pnpm}.lock` ...).
//
// Semantics (close to .gitignore / minimatch with `dot: true, matchBase: true`):
// - a pattern without `/` matches the file's base name in any directory;
// - a pattern with `/` matches the whole repository-relative path (a leading `/` or `./` is ignored);
// - `*` any run of characters except `/`; `?` one character except `/`; `[abc]`, `[a-z]`, `[!a]` classes;
// - `**/` zero or more directories; `/**` at the end everything below; `**` elsewhere anything;
// - `{a,b}` alternatives (nested allowed, at most MAX_EXPANSIONS patterns after expansion).
// Matching is a dynamic programme over (pattern token × path position): O(tokens × length), no
// backtracking, whatever the pattern.

type Token =
  | { t: 'lit'; c: string }
  | { t: 'any' }
  | { t: 'class'; negate: boolean; items: (string | [string, string])[] }
  | { t: 'star' }
  | { t: 'globstar' }
  | { t: 'dirs' };

/** The most patterns one glob expands to through braces. */
export const MAX_EXPANSIONS = 64;

/** Expands `{a,b}` alternatives (nested), at most MAX_EXPANSIONS results. */
export function expandBraces(pattern: string): string[] {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, parts } = open;
  const out: string[] = [];
  for (const part of parts) {
    for (const e of expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1))) {
      out.push(e);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}

function findBrace(p: string): { start: number; end: number; parts: string[] } | undefined {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\') {
      i++;
      continue;
    }
    if (p[i] !== '{') continue;
    let depth = 0;
    const parts: string[] = [];
    let from = i + 1;
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === '\\') {
        j++;
      } else if (c === '{') {
        depth++;
      } else if (c === '}') {
        depth--;
        if (depth === 0) {
          parts.push(p.slice(from, j));
          if (parts.length < 2) break; // `{a}` is literal
          return { start: i, end: j, parts };
        }
      } else if (c === ',' && depth === 1) {
        parts.push(p.slice(from, j));
        from = j + 1;
      }
    }
  }
  return undefined;
}

function tokenize(p: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      out.push({ t: 'lit', c: p[++i] });
    } else if (c === '*') {
      let j = i;
      while (j < p.length && p[j] === '*') j++;
      const run = j - i;
      const atSegStart = i === 0 || p[i - 1] === '/';
      if (run >= 2 && atSegStart && p[j] === '/') {
        out.push({ t: 'dirs' });
        i = j; // consume the slash too
      } else if (run >= 2 && atSegStart && j === p.length) {
        out.push({ t: 'globstar' });
        i = j - 1;
      } else if (run >= 2) {
        out.push({ t: 'globstar' });
        i = j - 1;
      } else {
        out.push({ t: 'star' });
      }
    } else if (c === '?') {
      out.push({ t: 'any' });
    } else if (c === '[') {
      const close = p.indexOf(']', i + 2);
      if (close < 0) {
        out.push({ t: 'lit', c });
        continue;
      }
      let body = p.slice(i + 1, close);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      const items: (string | [string, string])[] = [];
      for (let k = 0; k < body.length; k++) {
        if (body[k + 1] === '-' && k + 2 < body.length) {
          items.push([body[k], body[k + 2]]);
          k += 2;
        } else items.push(body[k]);
      }
      out.push({ t: 'class', negate, items });
      i = close;
    } else {
      out.push({ t: 'lit', c });
    }
  }
  return out;
}

function classMatches(tok: Extract<Token, { t: 'class' }>, ch: string): boolean {
  if (ch === '/') return false;
  const hit = tok.items.some((it) => (typeof it === 'string' ? it === ch : ch >= it[0] && ch <= it[1]));
  return tok.negate ? !hit : hit;
}

function matchTokens(tokens: Token[], s: string): boolean {
  const n = s.length;
  let dp = new Array<boolean>(n + 1).fill(false);
  dp[0] = true;
  for (const tok of tokens) {
    const next = new Array<boolean>(n + 1).fill(false);
    switch (tok.t) {
      case 'lit':
        for (let j = 0; j < n; j++) if (dp[j] && s[j] === tok.c) next[j + 1] = true;
        break;
      case 'any':
        for (let j = 0; j < n; j++) if (dp[j] && s[j] !== '/') next[j + 1] = true;
        break;
      case 'class':
        for (let j = 0; j < n; j++) if (dp[j] && classMatches(tok, s[j])) next[j + 1] = true;
        break;
      case 'star':
        for (let j = 0; j <= n; j++) next[j] = dp[j] || (j > 0 && next[j - 1] && s[j - 1] !== '/');
        break;
      case 'globstar':
        for (let j = 0; j <= n; j++) next[j] = dp[j] || (j > 0 && next[j - 1]);
        break;
      case 'dirs': {
        // zero directories, or any run that ends with `/`
        let seen = false;
        for (let j = 0; j <= n; j++) {
          next[j] = dp[j] || (seen && s[j - 1] === '/');
          if (dp[j]) seen = true;
        }
        break;
      }
    }
    dp = next;
  }
  return dp[n];
}

/** A compiled glob: test paths against it many times. */
export function compileGlob(pattern: string): (path: string) => boolean {
  const alternatives = expandBraces(pattern.trim().replace(/^\.?\//, '')).map((p) => ({
    base: !p.includes('/'),
    tokens: tokenize(p.replace(/^\.?\//, '')),
  }));
  return (path: string) => {
    const full = path.replace(/\\/g, '/').replace(/^\.?\//, '');
    const base = full.slice(full.lastIndexOf('/') + 1);
    return alternatives.some((a) => matchTokens(a.tokens, a.base ? base : full));
  };
}

/** True when the repository-relative path matches the glob (see the semantics above). */
export function matchGlob(pattern: string, path: string): boolean {
  if (!pattern || path.length > 4096) return false;
  return compileGlob(pattern)(path);
}
