// Git's C-style path quoting: names with unusual bytes are printed as "a/na\303\257ve\tname".
// Pure, linear, never throws.

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  t: 9,
  n: 10,
  v: 11,
  f: 12,
  r: 13,
  '"': 34,
  '\\': 92,
};

const decoder = new TextDecoder('utf-8');

export interface QuotedToken {
  /** The decoded value. */
  value: string;
  /** Index just after the closing quote (or the end of the input when unterminated). */
  end: number;
}

/**
 * Reads a quoted string starting at `start` (which must be a `"`). Octal escapes are bytes of the
 * UTF-8 encoded name. An unterminated string reads to the end of the input.
 */
export function readQuoted(text: string, start: number): QuotedToken {
  const bytes: number[] = [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') return { value: decodeBytes(bytes), end: i + 1 };
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[i + 1];
      if (next >= '0' && next <= '7') {
        let n = 0;
        let j = i + 1;
        while (j < text.length && j < i + 4 && text[j] >= '0' && text[j] <= '7') {
          n = n * 8 + (text.charCodeAt(j) - 48);
          j++;
        }
        bytes.push(n & 0xff);
        i = j;
        continue;
      }
      const simple = SIMPLE_ESCAPES[next];
      if (simple !== undefined) {
        bytes.push(simple);
        i += 2;
        continue;
      }
      // Unknown escape: keep it literally.
      pushUtf8(bytes, '\\');
      i++;
      continue;
    }
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes.push(code);
      i++;
      continue;
    }
    const s = String.fromCodePoint(text.codePointAt(i)!);
    pushUtf8(bytes, s);
    i += s.length;
  }
  return { value: decodeBytes(bytes), end: text.length };
}

/** Decodes a whole path token: quoted ("...") or as is. */
export function unquotePath(token: string): string {
  const t = token;
  if (t.startsWith('"')) return readQuoted(t, 0).value;
  return t;
}

function pushUtf8(bytes: number[], s: string): void {
  for (const b of Buffer.from(s, 'utf8')) bytes.push(b);
}

function decodeBytes(bytes: number[]): string {
  return decoder.decode(Uint8Array.from(bytes));
}
