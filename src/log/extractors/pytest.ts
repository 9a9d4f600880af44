// pytest reports (`pytest`, `python -m pytest`, with -q / -v / --tb=long|short|line, colours stripped):
//
//   ============================= ERRORS =============================       ← collection and fixture errors
//   ____________ ERROR collecting tests/test_broken_import.py ____________
//   ImportError while importing test module '/.../tests/test_broken_import.py'.
//   ...
//   E   ImportError: cannot import name 'round_price' from 'calc.pricing' (...)
//   ============================ FAILURES ============================
//   ________________________ test_apply_discount ________________________   ← one section per test
//                                                                               (`Class.test_x`, `test_x[param]`)
//       def test_apply_discount():
//   >       assert apply_discount(200.0, 10) == 180.0
//   E       assert 198.0 == 180.0                                            ← E lines: the error
//   E        +  where 198.0 = apply_discount(200.0, 10)
//   <blank>
//   tests/test_pricing.py:8: AssertionError                                  ← location: path:line: Type
//   --------------------- Captured stdout call ---------------------         ← captured output (not shown)
//   ==================== short test summary info =====================
//   FAILED tests/test_pricing.py::test_apply_discount - assert 198.0 == 180.0
//   ERROR tests/test_rates.py::test_rates_loaded - FileNotFoundError: ...
//
// --tb=short prints `path:line: in func` entries above the E lines; --tb=line prints one
// `/abs/path.py:8: message` line per failure and no section headers. Chained exceptions are separated
// by `During handling of the above exception ...` / `The above exception was the direct cause ...`.
//
// One finding per failed test: the message is the first E line of the last exception, the location the
// innermost project entry of the last exception (not the standard library or site-packages), the test
// its node id (taken from the summary when present). A summary line is a finding only for a test
// without a section (--tb=no, a truncated log), and a weaker one.
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';
import { CHAIN_CAUSE, CHAIN_CONTEXT, isVendoredPython, parseChain, shownRange, topFrame } from './python.js';

export const WEIGHT_FAILURE = 90;
export const WEIGHT_LINE = 88; // --tb=line: the message and the location, nothing else
export const WEIGHT_SUMMARY_ONLY = 70; // a summary line with no section for its test
export const WEIGHT_SUMMARY = 3;

const MAX_LINE = 2000;
/** A test section up to this many lines (header to location) is shown whole. */
const SHORT_SECTION = 25;
/** Source lines shown above the first E line of a long section. */
const CONTEXT = 6;
/** The most lines shown for a long section. */
const MAX_SHOWN = 30;

const BANNER = /^={3,} (.+?) ={3,}$/;
const TEST_HEADER = /^_+ (.+?) _+$/;
/** pytest 2 printed a name too long for the terminal without the rule: ` name ` between blank lines. */
const BARE_HEADER = /^ (\S(?:.*\S)?) $/;
/** `File "x.py", line 7` inside E lines: where a SyntaxError is. */
const E_FILE = /^File "([^"]+)", line (\d+)/;
const SUBSECTION = /^-{3,} .+? -{3,}$/;
const SEPARATOR = /^(?:_ )+_?$/;
/** `tests/test_x.py:8: AssertionError`, `calc/a.py:11: in currency`, `tests/t.py:20: `, `/abs/t.py:8: msg`. */
const LOCATION = /^([^\s:][^\s]*?\.(?:py|pyx|pyi)|[A-Za-z]:\\[^\s]*?\.py):(\d+):(?: (.*))?$/;
const E_LINE = /^E(?: |$)/;
const SUMMARY_STATUS = /^(FAILED|ERROR|XPASS) (?:\[[^\]\s]*\] )?(?=\S)/;
const EXC_TYPE = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Iteration|Warning|Failed))(?::|$)/;
const COLLECTING = /^ERROR collecting (.+)$/;
const PHASE = /^ERROR at (?:setup|teardown|call) of (.+)$/;

interface Location {
  index: number;
  file: string;
  line: number;
  /** What follows `path:line: `: an exception type, `in func`, a message, or ''. */
  rest: string;
}

interface Section {
  header: number;
  name: string;
  errors: boolean;
  eLines: number[];
  /** Index in eLines where the last exception's E lines start. */
  lastE: number;
  locations: Location[];
  /** Index in locations where the last exception's entries start. */
  lastLoc: number;
  /** The last line that belongs to the report (not captured output). */
  end: number;
  closed: boolean;
  /** The first `Traceback (most recent call last):` of the section (--tb=native, unittest-style reports). */
  traceback?: number;
}

interface SummaryEntry {
  index: number;
  status: string;
  nodeid: string;
  message?: string;
  used: boolean;
}

function parseLocation(text: string, index: number): Location | undefined {
  if (text.length > MAX_LINE) return undefined;
  const m = LOCATION.exec(text);
  if (!m) return undefined;
  return { index, file: m[1], line: +m[2], rest: (m[3] ?? '').trim() };
}

/** The part of a node id pytest prints as the section header: `Class.test_x[p]` for `path::Class::test_x[p]`. */
function headline(nodeid: string): string {
  const parts = nodeid.split('::');
  return parts.length > 1 ? parts.slice(1).join('.') : nodeid;
}

function stripE(text: string): string {
  return text.replace(/^E\s*/, '').trim();
}

function newSection(header: number, name: string, errors: boolean): Section {
  return {
    header,
    name,
    errors,
    eLines: [],
    lastE: 0,
    locations: [],
    lastLoc: 0,
    end: header,
    closed: false,
  };
}

export const pytest: Extractor = {
  name: 'pytest',
  extract(lines: LogLine[]): Finding[] {
    const sections: Section[] = [];
    const tbLines: Location[] = [];
    const summary: SummaryEntry[] = [];
    let mode: 'none' | 'report' | 'summary' = 'none';
    let errorsBanner = false;
    let cur: Section | undefined;

    const close = () => {
      if (cur) cur.closed = true;
      cur = undefined;
    };

    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trimEnd();
      if (text.length > MAX_LINE) continue;
      const banner = BANNER.exec(text);
      if (banner) {
        close();
        const name = banner[1].trim();
        if (name === 'FAILURES' || name === 'ERRORS') {
          mode = 'report';
          errorsBanner = name === 'ERRORS';
        } else if (name === 'short test summary info') mode = 'summary';
        else mode = 'none';
        continue;
      }
      if (mode === 'summary') {
        // `FAILED tests/t.py::test_x - message` (a `[0.37s]` duration may precede the node id)
        const s = SUMMARY_STATUS.exec(text);
        if (s) {
          const rest = text.slice(s[0].length);
          const dash = rest.indexOf(' - ');
          const nodeid = (dash < 0 ? rest : rest.slice(0, dash)).trim();
          const message = dash < 0 ? undefined : rest.slice(dash + 3).trim();
          summary.push({ index: i, status: s[1], nodeid, message, used: false });
        } else if (text.trim() !== '' && !text.startsWith(' ')) mode = 'none';
        continue;
      }
      if (mode !== 'report') continue;
      const raw = lines[i].text;
      const header =
        (!SEPARATOR.test(text.trim()) && TEST_HEADER.exec(text)) ||
        (BARE_HEADER.test(raw) &&
        (i + 1 >= lines.length || lines[i + 1].text.trim() === '') &&
        (!cur || cur.locations.length > 0 || cur.closed)
          ? BARE_HEADER.exec(raw)
          : null);
      if (header) {
        close();
        cur = newSection(i, header[1].trim(), errorsBanner);
        sections.push(cur);
        continue;
      }
      if (!cur) {
        // --tb=line: `path:line: message` lines right under the banner.
        const loc = parseLocation(text, i);
        if (loc && loc.rest !== '') tbLines.push(loc);
        continue;
      }
      if (cur.closed) continue;
      if (SUBSECTION.test(text)) {
        cur.closed = true; // captured stdout / stderr / log: not the error
        continue;
      }
      const trimmed = text.trim();
      if (trimmed === CHAIN_CONTEXT || trimmed === CHAIN_CAUSE) {
        cur.lastE = cur.eLines.length;
        cur.lastLoc = cur.locations.length;
        cur.end = i;
        continue;
      }
      if (cur.traceback === undefined && text.includes('Traceback (most recent call last):')) {
        cur.traceback = i;
      }
      if (E_LINE.test(text)) {
        // a new run of E lines after other lines starts a new exception only after a chain marker;
        // within one exception (--tb=long with several entries) only the innermost entry has E lines.
        cur.eLines.push(i);
        cur.end = i;
        continue;
      }
      const loc = parseLocation(text, i);
      if (loc) {
        cur.locations.push(loc);
        cur.end = i;
        continue;
      }
      if (trimmed !== '' && !SEPARATOR.test(trimmed)) cur.end = i;
    }

    // Summary entries by the header pytest prints for them.
    const byHeadline = new Map<string, SummaryEntry[]>();
    for (const s of summary) {
      const key = headline(s.nodeid);
      const list = byHeadline.get(key);
      if (list) list.push(s);
      else byHeadline.set(key, [s]);
    }
    const claim = (key: string, status?: string): SummaryEntry | undefined => {
      const s = byHeadline.get(key)?.find((x) => !x.used && (!status || x.status === status));
      if (s) s.used = true;
      return s;
    };

    const findings: Finding[] = [];
    for (const sec of sections) {
      const f = sectionFinding(lines, sec, claim);
      findings.push(f);
      // A long section is shown by its tail: its header (the test's name) becomes a weak finding of its own.
      if (f.logLines[0] > lines[sec.header].n) {
        const h: Finding = {
          kind: f.kind,
          tool: 'pytest',
          message: sec.errors ? sec.name : `${f.test ?? sec.name} failed`,
          logLines: [lines[sec.header].n, lines[sec.header].n],
          weight: WEIGHT_SUMMARY,
        };
        if (f.test) h.test = f.test;
        if (f.segment !== undefined) h.segment = f.segment;
        findings.push(h);
      }
    }

    // --tb=line entries: the n-th FAILED summary line is the n-th entry's test.
    const failed = summary.filter((s) => s.status === 'FAILED' && !s.used);
    tbLines.forEach((loc, k) => {
      const f = locatedFinding(lines, loc, 'test-failure', loc.rest, WEIGHT_LINE);
      f.logLines = [lines[loc.index].n, lines[loc.index].n];
      const s = failed.length === tbLines.length ? failed[k] : undefined;
      if (s) {
        s.used = true;
        f.test = s.nodeid;
        // the failure surfaced in the standard library or a package: the test file is the lead
        const file = s.nodeid.split('::')[0];
        if (isVendoredPython(loc.file) && /\.py$/.test(file)) {
          f.file = file;
          f.rawFile = file;
          delete f.line;
        }
      }
      findings.push(f);
    });

    const reported = sections.length + tbLines.length > 0;
    for (const s of summary) {
      if (s.used) continue;
      const file = s.nodeid.split('::')[0];
      const message = s.message ?? `${s.status === 'ERROR' ? 'error in' : 'failed:'} ${s.nodeid}`;
      const f: Finding = {
        kind: 'test-failure',
        tool: 'pytest',
        message,
        logLines: [lines[s.index].n, lines[s.index].n],
        weight: reported ? WEIGHT_SUMMARY : WEIGHT_SUMMARY_ONLY,
      };
      if (s.nodeid.includes('::')) f.test = s.nodeid;
      if (/\.py$/.test(file)) {
        f.file = file;
        f.rawFile = file;
      }
      const seg = lines[s.index].segment;
      if (seg !== undefined) f.segment = seg;
      findings.push(f);
    }
    return findings;
  },
};

function locatedFinding(lines: LogLine[], loc: Location, kind: FindingKind, message: string, weight: number) {
  const f: Finding = {
    kind,
    tool: 'pytest',
    message,
    file: loc.file,
    rawFile: loc.file,
    line: loc.line,
    logLines: [lines[loc.index].n, lines[loc.index].n],
    weight,
  };
  const seg = lines[loc.index].segment;
  if (seg !== undefined) f.segment = seg;
  return f;
}

/** At most this many E lines after the first are part of the message, and the message at most this long. */
const MAX_E_DETAILS = 3;
const MAX_MESSAGE = 500;
/** E lines that only say how to see more. */
const E_NOISE =
  /^(?:Use -v to get (?:more|the full) diff|Full diff:|Omitting \d+ identical items|\.\.\.Full output truncated)/;

/** The message with the E lines that follow it (what differed), `; `-separated and bounded. */
function withEDetails(message: string, rest: string[]): string {
  const details = rest
    .map((t) => t.replace(/\s+/g, ' ').trim())
    .filter((t) => t && !E_NOISE.test(t))
    .slice(0, MAX_E_DETAILS);
  const out = [message, ...details].join('; ');
  return out.length > MAX_MESSAGE ? out.slice(0, MAX_MESSAGE - 1) + '…' : out;
}

function sectionFinding(
  lines: LogLine[],
  sec: Section,
  claim: (key: string, status?: string) => SummaryEntry | undefined,
): Finding {
  // The last exception's E lines: from the first E line after the last chain marker, the run it starts.
  const lastE = sec.eLines.slice(sec.lastE);
  const eRun: number[] = [];
  for (const k of lastE.length ? lastE : sec.eLines) {
    if (eRun.length && k !== eRun[eRun.length - 1] + 1) break;
    eRun.push(k);
  }
  const texts = eRun.map((k) => stripE(lines[k].text)).filter((t) => t !== '');
  // a SyntaxError shown as `File "x.py", line 7` / source / caret / `SyntaxError: ...`
  const syntaxAt = E_FILE.exec(texts[0] ?? '');
  let firstText = syntaxAt ? (texts.find((t) => EXC_TYPE.test(t)) ?? texts[0]) : texts[0];
  // `AssertionError: ` with the explanation on the next E lines
  let used = firstText === undefined ? -1 : texts.indexOf(firstText);
  if (firstText && /^[\w.]+:$/.test(firstText) && texts.length > 1) {
    const k = texts.indexOf(firstText);
    if (k + 1 < texts.length) {
      firstText = `${firstText} ${texts[k + 1]}`;
      used = k + 1;
    }
  }
  // the E lines after it say what differed (`assert 200.0 == 180`, `+  where 200.0 = total(…)`)
  if (firstText && !syntaxAt && used >= 0) firstText = withEDetails(firstText, texts.slice(used + 1));
  const locs = sec.locations.slice(sec.lastLoc);
  const lastLocs = locs.length ? locs : sec.locations;
  // Frames innermost first: the entries of the last exception, reversed.
  const frames: StackFrame[] = lastLocs
    .slice()
    .reverse()
    .map((l) => {
      const fr: StackFrame = { rawFile: l.file, line: l.line, vendored: isVendoredPython(l.file) };
      const fn = /^in (\S+)$/.exec(l.rest);
      if (fn) fr.function = fn[1];
      return fr;
    });
  const allFrames = sec.locations
    .slice()
    .reverse()
    .map((l) => ({ rawFile: l.file, line: l.line, vendored: isVendoredPython(l.file) }));
  let top = frames.find((f) => !f.vendored) ?? allFrames.find((f) => !f.vendored);

  const innermost = lastLocs[lastLocs.length - 1];
  let type: string | undefined = innermost && EXC_TYPE.test(innermost.rest) ? innermost.rest : undefined;
  if (!type && firstText) type = EXC_TYPE.exec(firstText)?.[1];
  if (!type && firstText?.startsWith('assert')) type = 'AssertionError';

  // --tb=native (or a unittest-style report inside the section): a Python traceback, no E lines
  const chain = !sec.eLines.length && sec.traceback !== undefined ? parseChain(lines, sec.traceback) : [];
  const native = chain.length ? chain[chain.length - 1] : undefined;
  if (native) {
    firstText = native.message;
    type = native.type;
    frames.splice(0, frames.length, ...native.frames.map((x) => x.frame));
    top = topFrame(frames) ?? chain.map((b) => topFrame(b.frames.map((x) => x.frame))).find(Boolean);
  }

  const collecting = COLLECTING.exec(sec.name);
  const phase = PHASE.exec(sec.name);
  const headlineName = collecting ? undefined : (phase ? phase[1] : sec.name).trim();
  const entry = collecting
    ? claim(collecting[1].trim(), 'ERROR') // `ERROR tests/test_x.py` in the summary
    : claim(headlineName!, sec.errors ? 'ERROR' : undefined);

  const message = firstText ?? entry?.message ?? sec.name;
  const f: Finding = {
    kind: sec.errors ? 'exception' : 'test-failure',
    tool: 'pytest',
    message,
    logLines: [lines[sec.header].n, lines[sec.end].n],
    weight: WEIGHT_FAILURE,
  };
  if (type) f.code = type.slice(type.lastIndexOf('.') + 1);
  if (entry && entry.nodeid.includes('::')) f.test = entry.nodeid;
  else if (headlineName) f.test = headlineName;
  if (frames.length) f.frames = frames;
  if (syntaxAt && !isVendoredPython(syntaxAt[1])) {
    f.file = syntaxAt[1];
    f.rawFile = syntaxAt[1];
    f.line = +syntaxAt[2];
  } else if (top) {
    f.file = top.rawFile;
    f.rawFile = top.rawFile;
    f.line = top.line;
  } else if (collecting) {
    f.file = collecting[1].trim();
    f.rawFile = f.file;
  } else if (entry) {
    const file = entry.nodeid.split('::')[0];
    if (/\.py$/.test(file)) {
      f.file = file;
      f.rawFile = file;
    }
  }
  // A long section (long source listings, showlocals, big diffs): the E lines with a little source above.
  if (sec.end - sec.header + 1 > SHORT_SECTION && eRun.length) {
    const start = Math.max(sec.header, eRun[0] - CONTEXT);
    const end = Math.min(sec.end, start + MAX_SHOWN - 1);
    f.logLines = [lines[start].n, lines[end].n];
  } else if (native) {
    const end = native.end;
    f.logLines =
      end - sec.header + 1 <= SHORT_SECTION ? [lines[sec.header].n, lines[end].n] : shownRange(lines, native);
  }
  const seg = lines[sec.header].segment;
  if (seg !== undefined) f.segment = seg;
  return f;
}
