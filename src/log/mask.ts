// A finding's message with what varies between repeats of one error masked: numbers (counts, ids,
// line and column numbers, durations, addresses) and whitespace. Two findings whose masked messages are
// equal say the same thing (src/log/group.ts). Pure; linear regexes only.

/** Longest message prefix compared: repeats are told apart by their first 1000 characters. */
const MAX_COMPARED = 1000;

/**
 * The message with every number (decimal, hexadecimal `0x…`) replaced by `#` and runs of whitespace
 * collapsed. Letters stay as printed: `TS2305` and `TS2304` become the same `TS#`, which is why the
 * grouping also compares the code.
 */
export function maskNumbers(message: unknown): string {
  const s = typeof message === 'string' ? message.slice(0, MAX_COMPARED) : '';
  return s
    .replace(/0x[0-9a-f]+|\d+(?:[.,]\d+)*/gi, '#')
    .replace(/\s+/g, ' ')
    .trim();
}
