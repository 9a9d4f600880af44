// Normalisation of ONE raw log line: the pieces of GitHub Actions, `gh run view --log`, Travis and
// terminal output that are framing rather than content. Everything here works on a single line and
// keeps no state, so a streaming reader can call it line by line.
import { stripVTControlCharacters } from 'node:util';
import type { LineMarker } from '../types.js';

/** A Travis fold boundary seen on a line (`travis_fold:start:install.1`). */
export interface FoldEvent {
  type: 'start' | 'end';
  name: string;
}

/** What one raw line turned into. */
export interface NormalizedLine {
  text: string;
  marker?: LineMarker;
  /** `gh run view --log` columns, when the line carried them. */
  job?: string;
  step?: string;
  /** True when the line started with a GitHub Actions timestamp (after the gh columns, if any). */
  timestamp?: boolean;
  /** Travis fold boundaries on the line, in order. */
  folds?: FoldEvent[];
  /** A `travis_time:start` marker was present (Travis starts timing a command). */
  timeStart?: boolean;
}

/**
 * `2026-11-20T10:31:07.1234567Z ` — GitHub writes 7 fractional digits; any number (or none) is accepted.
 * Anchored, no nested quantifiers.
 */
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;
/** `job<TAB>step<TAB>` followed by a timestamp (or a BOM and a timestamp): the gh cli columns. */
const GH_COLUMNS = /^([^\t]*)\t([^\t]*)\t\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;
/** `##[error]` and friends at the start of the content. */
const MARKER = /^##\[(group|endgroup|error|warning|notice|section|command|debug)\]/i;
const COMMAND = '[command]';
/** Escape sequences stripVTControlCharacters leaves behind: charset selection, keypad modes, save/restore. */
const ESC_LEFTOVER =
  /\x1b(?:[()*+\-./][\x20-\x7e]?|[=>78cDEHMNOZ\\]|\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?)?/g;
/** C0 controls other than TAB (CR and LF never reach this point), DEL and C1 controls. */
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;

/** Removes ANSI escape sequences and other control characters from text without CR or LF. */
export function stripAnsi(s: string): string {
  if (!hasControl(s)) return s;
  let out = s;
  if (out.includes('\x1b') || out.includes('\x9b')) out = stripVTControlCharacters(out);
  if (out.includes('\x1b')) out = out.replace(ESC_LEFTOVER, '');
  return out.replace(CONTROL, '');
}

function hasControl(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 ? c !== 9 : c >= 0x7f && c <= 0x9f) return true;
  }
  return false;
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 0xa0 && c !== 0xfeff) return false;
  }
  return true;
}

/** Length of a GitHub timestamp prefix (including its space) at the start of s, or 0. */
export function timestampLength(s: string): number {
  // (a length test before each charCodeAt: an index past the end would deoptimise the optimised code)
  const c = s.length > 0 ? s.charCodeAt(0) : 0;
  if (!(c >= 48 && c <= 57)) return 0;
  const m = TIMESTAMP.exec(s.length > 40 ? s.slice(0, 40) : s);
  return m ? m[0].length : 0;
}

/**
 * Normalises one raw line (without its `\n`): BOM, gh columns, timestamp, CR progress (the last
 * non-blank CR-separated part wins, as a terminal shows it), Travis markers, ANSI, `##[...]` markers.
 */
export function normalizeLine(raw: string): NormalizedLine {
  const out: NormalizedLine = { text: '' };
  let s = raw;
  if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  if (s.length > 0 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);

  if (s.includes('\t')) {
    const m = GH_COLUMNS.exec(s.length > 1200 ? s.slice(0, 1200) : s);
    if (m) {
      out.job = m[1];
      out.step = m[2];
      s = s.slice(m[1].length + m[2].length + 2);
      if (s.length > 0 && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
  }
  const ts = timestampLength(s);
  if (ts) {
    out.timestamp = true;
    s = s.slice(ts);
  }

  let text: string;
  const travis = s.includes('travis_');
  if (travis || s.includes('\r')) {
    // The CR-separated parts, markers taken out; the text is the last part not blank once stripped.
    // A marker ends at white space (a CR too): taking them from the whole line takes each part's, in order.
    if (travis) s = takeTravisMarkers(s, out);
    text = '';
    for (let end = s.length; ;) {
      const cr = end > 0 ? s.lastIndexOf('\r', end - 1) : -1;
      const p = stripAnsi(s.slice(cr + 1, end));
      if (!isBlank(p)) {
        text = p;
        break;
      }
      if (cr < 0) break;
      end = cr;
    }
  } else {
    text = stripAnsi(s);
  }
  if (text.length > 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  if (text.length > 0 && text.charCodeAt(0) === 35 /* # */) {
    const m = MARKER.exec(text.slice(0, 16));
    if (m) {
      out.marker = m[1].toLowerCase() as LineMarker;
      text = text.slice(m[0].length);
    }
  } else if (text.startsWith(COMMAND)) {
    out.marker = 'command';
    text = text.slice(COMMAND.length);
  }
  if (!out.marker && out.folds) out.marker = 'fold';
  out.text = text;
  return out;
}

/** A Travis marker's name, at lastIndex: it runs until white space (a CR too) or an escape. */
const NAME = /[^\s\x1b]*/y;

/**
 * Removes the Travis markers of a line or part (what `part.replace(/travis_(fold|time):(start|end):([^\s\x1b]*)/g,
 * '')` would leave) and records them. Read by hand at each `travis_` (a replace with a callback costs V8
 * a runtime call and a match array per marker; Travis logs have tens of thousands).
 */
export function takeTravisMarkers(part: string, out: NormalizedLine): string {
  let text = '';
  let last = 0;
  for (let i = part.indexOf('travis_'); i >= 0;) {
    const kind = part.startsWith('fold:', i + 7) ? 'fold' : part.startsWith('time:', i + 7) ? 'time' : '';
    const edge = !kind
      ? ''
      : part.startsWith('start:', i + 12)
        ? 'start'
        : part.startsWith('end:', i + 12)
          ? 'end'
          : '';
    if (!edge) {
      i = part.indexOf('travis_', i + 1);
      continue;
    }
    const from = i + 13 + edge.length;
    NAME.lastIndex = from;
    NAME.test(part); // (matches the empty name too)
    const to = NAME.lastIndex;
    if (kind === 'fold') (out.folds ??= []).push({ type: edge, name: part.slice(from, to) });
    else if (edge === 'start') out.timeStart = true;
    text += part.slice(last, i);
    last = to;
    i = part.indexOf('travis_', last);
  }
  return last === 0 ? part : text + part.slice(last);
}
