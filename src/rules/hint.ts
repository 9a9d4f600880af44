// Fills `$1`, `${1}`, `$<name>` and `$$` in a rule's hint with the captures of the match.

const MAX_CAPTURE = 200;

/** A capture as shown in a hint: one line, trimmed, bounded. */
export function cleanCapture(s: string | undefined | null): string {
  if (s === undefined || s === null) return '';
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > MAX_CAPTURE ? t.slice(0, MAX_CAPTURE - 1) + '…' : t;
}

/**
 * `captures[0]` is group 1. A reference to a group that did not participate (or does not exist in the
 * pattern that matched) becomes the empty string.
 */
export function fillHint(hint: string, captures: string[], named: Record<string, string>): string {
  let empty = false;
  const filled = hint.replace(
    /\$(?:(\d+)|\{(\d+)\}|<([^>]*)>|(\$))/g,
    (_m, num?: string, braced?: string, name?: string, dollar?: string) => {
      if (dollar) return '$';
      const value = name !== undefined ? named[name] : captures[Number(num ?? braced) - 1];
      if (!value) empty = true;
      return value ?? '';
    },
  );
  // A capture that did not participate leaves `` or () behind: tidy them away.
  return empty
    ? filled
        .replace(/\(``\)|``|\(\)/g, '')
        .replace(/ {2,}/g, ' ')
        .replace(/ ([:,.;])/g, '$1')
    : filled;
}
