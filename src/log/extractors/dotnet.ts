// .NET: msbuild / dotnet build / xbuild / mcs diagnostics, xUnit / NUnit / vstest test failures, Cake.
//
//   Foo.cs(12,5): error CS0103: The name 'x' does not exist in the current context [/path/Foo.csproj]
//   /path/Foo.csproj : error NU1101: Unable to find package X.       ← located on a project, no line
//   Build FAILED.  + the same diagnostics again + `N Error(s)`          ← the re-print: low weight
//   [xUnit.net 00:00:01.23]     Foo.BarTest [FAIL]                   ← xUnit (console or dotnet test)
//         Assert.Equal() Failure / Expected: 1 / Actual: 0 / Stack Trace:
//           /path/Foo.cs(445,0): at Foo.BarTest()                   ← mono frame
//           at Foo.BarTest() in /path/Foo.cs:line 12                 ← .NET frame
//     at Ns.Foo.Bar (System.Int32 x) [0x00002] in /path/Foo.cs:24     ← mono with debug symbols (NUnit 2)
//     Failed Foo.Bar [12 ms]  + `Error Message:` + `Stack Trace:`      ← vstest (dotnet test)
//   Failed!  - Failed: 1, Passed: 3, ...                              ← summary: low weight
//   An error occured while installing Cake.                          ← Cake bootstrapper
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_ERROR = 90;
export const WEIGHT_PROJECT_ERROR = 80;
export const WEIGHT_TEST = 82;
export const WEIGHT_CAKE = 60;
export const WEIGHT_WARNING = 25;
export const WEIGHT_REPRINT = 10;
export const WEIGHT_SUMMARY = 6;

const MAX_LINE = 2000;
/** Lines of a test failure block we follow at most. */
const MAX_BLOCK = 40;
/** Frames a finding's logLines show (the rest go in `frames` only). */
const SHOWN_FRAMES = 2;

/** CS0103, MSB3073, NETSDK1045, LNK2019; MSVC's cl (C2065, C1083) and other one-letter codes: four digits. */
const CODE = /^([A-Z]{2,}\d+|[A-Z]\d{4}): ?(.*)$/;
const PROJECT_SUFFIX = / \[([^\]]+\.(?:csproj|fsproj|vbproj|vcxproj|proj|sln|targets|props))\]$/;
const LOC = /([^\s()]+)\((\d+)(?:,(\d+))?(?:,\d+,\d+)?\)$/;
const PROJECT_LOC = /(\S+) :$/;
const XUNIT_FAIL = /^(?:\[xUnit\.net [\d:.]+\]\s+)?(\S.*?) \[FAIL\]$/;
/** vstest names are fully qualified (`Ns.Class.Method`, maybe with arguments): never `Failed examples:`. */
const VSTEST_FAIL = /^(?:X |×\s?)?Failed ([\w`]+(?:\.[\w`]+)+(?:\(.*\))?)(?: \[[^\]]*\])?$/;
/** NUnit console: `1) Test Failure : Ns.Class.Method` (NUnit 2), `1) Failed : Ns.Class.Method` (NUnit 3). */
const NUNIT_FAIL = /^\d+\) (?:Test )?(?:Failure|Failed|Error) : (\S+)$/;
const MONO_FRAME = /^(\S.*?)\((\d+),\d+\): at (.*)$/;
const NET_FRAME = /^at (.*?)(?: in (.*):line (\d+))?$/;
/** Mono with debug symbols: `at Ns.Class.Method (System.Int32 x) [0x00002] in /path/Cart.cs:24` (else `in <hash>:0`). */
const MONO_IL_FRAME = /^at (.+?) \[0x[0-9a-f]+\] in (.+?):(\d+)$/;
const SUMMARY = /^(?:Failed!|Test Run Failed\.|Total tests: \d+\. Passed: \d+\. Failed: [1-9])/;
const CAKE = /^An error occ?urr?ed while installing Cake\b/;

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'dotnet', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

interface Diagnostic {
  severity: 'error' | 'warning';
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** `loc: error CODE: message [project]`: found with indexOf, parsed on short slices (linear). */
function parseDiagnostic(text: string): Diagnostic | undefined {
  for (const [severity, sep] of [
    ['error', ': error '],
    ['error', ': fatal error '], // MSVC: `x.h(3): fatal error C1083: Cannot open include file`
    ['warning', ': warning '],
  ] as const) {
    const at = text.indexOf(sep);
    if (at < 0) continue;
    const code = CODE.exec(text.slice(at + sep.length));
    // TypeScript's plain format is the same shape: its TSxxxx codes are tsc.ts's
    if (!code || /^TS\d/.test(code[1])) continue;
    let message = code[2].trim();
    const project = PROJECT_SUFFIX.exec(message);
    if (project) message = message.slice(0, project.index).trim();
    const before = text.slice(Math.max(0, at - 500), at);
    const d: Diagnostic = { severity, code: code[1], message };
    const loc = LOC.exec(before.trimEnd()); // old MSVC: `x.cpp(18) : error C2065`
    if (loc) {
      d.file = loc[1];
      d.line = +loc[2];
      if (loc[3]) d.column = +loc[3];
      return d;
    }
    const ploc = PROJECT_LOC.exec(before + ':');
    if (ploc && before.endsWith(' ')) {
      const p = ploc[1];
      if (p !== 'MSBUILD' && p !== 'CSC') d.file = p;
      return d;
    }
    // `error CS2001: Source file 'x' could not be found` (mcs, no location)
    if (before.trim() === '' || /\b(?:CSC|MSBUILD|EXEC|mcs|csc)$/.test(before.trim())) return d;
  }
  return undefined;
}

function parseFrame(t: string): StackFrame | undefined {
  const s = t.trim();
  const mono = MONO_FRAME.exec(s);
  if (mono) return { rawFile: mono[1], line: +mono[2], function: mono[3] };
  const il = MONO_IL_FRAME.exec(s);
  if (il) return il[2].startsWith('<') ? undefined : { rawFile: il[2], line: +il[3], function: il[1] };
  const net = NET_FRAME.exec(s);
  if (!net) return undefined;
  if (!net[2]) return undefined;
  return { rawFile: net[2], line: +net[3], function: net[1] };
}

/** A failing test's block: message lines, then `Stack Trace:` and frames. Ends at the next test line. */
function testBlock(lines: LogLine[], start: number, isHeader: (t: string) => boolean): Finding {
  const header = lines[start];
  let message: string | undefined;
  let end = start;
  let frames: StackFrame[] = [];
  let shown = 0;
  let inStack = false;
  const indent = header.text.length - header.text.trimStart().length;
  for (let j = start + 1; j < lines.length && j - start <= MAX_BLOCK; j++) {
    const raw = lines[j].text;
    const t = raw.trim();
    if (t === '') continue;
    const ind = raw.length - raw.trimStart().length;
    if (isHeader(t)) break;
    // NUnit 2 prints the frames after a blank line, at the header's indent
    const frameLine = !inStack && message !== undefined && t.startsWith('at ') && parseFrame(t) !== undefined;
    if (!frameLine && ((ind <= indent && !inStack && message !== undefined) || ind < indent)) break;
    if (t === 'Stack Trace:' || t === 'Stack trace:') {
      inStack = true;
      end = j;
      continue;
    }
    if (t === 'Error Message:' || t === 'Output:' || t === 'Standard Output Messages:') {
      if (t !== 'Error Message:') break;
      end = j;
      continue;
    }
    // NUnit prints the frames right below the message, without a `Stack Trace:` header
    if (!inStack && t.startsWith('at ') && parseFrame(t)) inStack = true;
    if (inStack) {
      const fr = parseFrame(t);
      if (fr) frames.push(fr);
      if (fr || t.startsWith('at ') || t.startsWith('---')) {
        if (shown < SHOWN_FRAMES) {
          end = j;
          shown++;
        }
        continue;
      }
      break;
    }
    if (message === undefined) message = t;
    else if (/^Expected:/.test(message) && /^But was:/.test(t) && !message.includes('But was:'))
      message = `${message} ${t.replace(/\s+/g, ' ')}`; // NUnit 2: `Expected: 7` / `But was:  4`
    end = j;
  }
  frames = frames.slice(0, 200);
  const name = (XUNIT_FAIL.exec(header.text.trim()) ??
    VSTEST_FAIL.exec(header.text.trim()) ??
    NUNIT_FAIL.exec(header.text.trim()))?.[1];
  const f = make('test-failure', message ?? `${name ?? 'test'} failed`, header, lines[end], WEIGHT_TEST);
  if (name) f.test = name;
  if (frames.length) {
    f.frames = frames;
    f.file = frames[0].rawFile;
    f.rawFile = frames[0].rawFile;
    f.line = frames[0].line;
  }
  return f;
}

const isTestHeader = (t: string): boolean => XUNIT_FAIL.test(t) || VSTEST_FAIL.test(t) || NUNIT_FAIL.test(t);

export const dotnet: Extractor = {
  name: 'dotnet',
  // each finding needs one of: an MSBuild-style : error / : warning / : fatal error, a test runner's
  // failure line ([FAIL], Failed, Failure :, Error :), Cake's install error
  triggers:
    /: error |: warning |: fatal error | \[FAIL\]|Failed [\w`]+\.|Failed : |Failed!|Failed\.|Failed: [1-9]|Failure : |Error : |An error oc/,
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE ? lines[i].text.slice(0, MAX_LINE) : lines[i].text;
      const text = raw.trim();
      if (text === '') continue;
      if (text.includes(': error ') || text.includes(': warning ') || text.includes(': fatal error ')) {
        const d = parseDiagnostic(text);
        if (d) {
          const key = `${d.file}|${d.line}|${d.column}|${d.code}|${d.message}`;
          const warn = d.severity === 'warning';
          const f = make(warn ? 'warning' : 'compile-error', d.message, lines[i], lines[i], 0);
          f.code = d.code;
          f.weight = seen.has(key)
            ? WEIGHT_REPRINT
            : warn
              ? WEIGHT_WARNING
              : d.line !== undefined
                ? WEIGHT_ERROR
                : WEIGHT_PROJECT_ERROR;
          if (!warn && /^NU\d/.test(d.code)) f.kind = 'dependency';
          if (!warn && /^MSB\d/.test(d.code)) f.kind = 'build-error';
          seen.add(key);
          if (d.file) {
            f.file = d.file;
            f.rawFile = d.file;
            if (d.line !== undefined) f.line = d.line;
            if (d.column !== undefined) f.column = d.column;
          }
          findings.push(f);
          continue;
        }
      }
      if (text.endsWith(' [FAIL]') && XUNIT_FAIL.test(text)) {
        const f = testBlock(lines, i, isTestHeader);
        findings.push(f);
        continue;
      }
      if (text.startsWith('Failed ') || text.startsWith('X Failed ') || text.startsWith('× Failed')) {
        if (VSTEST_FAIL.test(text)) {
          findings.push(testBlock(lines, i, isTestHeader));
          continue;
        }
      }
      if (/^\d+\) /.test(text) && NUNIT_FAIL.test(text)) {
        findings.push(testBlock(lines, i, isTestHeader));
        continue;
      }
      if (SUMMARY.test(text)) {
        findings.push(make('test-failure', text, lines[i], lines[i], WEIGHT_SUMMARY));
        continue;
      }
      if (CAKE.test(text)) {
        findings.push(make('dependency', text, lines[i], lines[i], WEIGHT_CAKE));
      }
    }
    return findings;
  },
};
