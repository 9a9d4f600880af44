// Shell and PowerShell: shell errors, shellcheck, PowerShell error records, Pester failures.
//
//   bash: line 2: deploy_site: command not found          ← bash -c / a workflow `run:` script
//   ./build.sh: line 4: ./env.sh: No such file or directory ← a script file: file and line
//   ./run.sh: 3: ./scripts/prepare.sh: not found          ← dash
//   In deploy.sh line 3:                                  ← shellcheck (tty): the code line, then one
//   echo Deploying to $target                             ←   caret row per issue
//                     ^-----^ SC2086 (info): Double quote to prevent globbing and word splitting.
//   deploy.sh:3:19: note: Double quote to prevent ... [SC2086]   ← shellcheck -f gcc
//   Foo : The term 'x' is not recognized as the name of a cmdlet ...   ← PowerShell error record:
//   At /path/build.ps1:12 char:5   (or `At line:12 char:5`)          ←   where,
//   + CategoryInfo          : ObjectNotFound: (x:String) [], CommandNotFoundException
//   [-] test name 645ms (581ms|64ms)                      ← Pester: the failing test, then its message,
//     Expected 'a', but got 'b'.                          ←   `Expected ...`,
//     at <ScriptBlock>, /path/Foo.Tests.ps1:12            ←   frames (v5; v4: `...ps1: line 12`)
import type { Finding, FindingKind, LogLine, StackFrame } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_SHELL = 55;
export const WEIGHT_SHELLCHECK_ERROR = 60;
export const WEIGHT_SHELLCHECK_WARNING = 50;
export const WEIGHT_SHELLCHECK_INFO = 20;
export const WEIGHT_POWERSHELL = 75;
export const WEIGHT_PESTER = 82;

const MAX_LINE = 2000;
const MAX_BLOCK = 30;
const SHOWN_FRAMES = 2;

const SHELLS = new Set([
  'bash',
  'sh',
  'dash',
  'zsh',
  'ksh',
  '/bin/sh',
  '/bin/bash',
  '/usr/bin/bash',
  '/usr/bin/sh',
]);
/** `prog: line 4: rest` (bash) or `prog: 4: rest` (dash). */
const SHELL_LINE = /^(\S+): (?:line )?(\d+): (.+)$/;
/** `bash: foo: command not found` (no line number). */
const SHELL_NO_LINE = /^(\S+): (.+): (?:command not found|No such file or directory|Permission denied)$/;
const SHELL_REASON =
  /(?:command not found|: not found|No such file or directory|Permission denied|syntax error|unbound variable|bad substitution|ambiguous redirect|integer expression expected|too many arguments|unary operator expected|binary operator expected|Is a directory|Text file busy|cannot execute)/;
const SC_HEADER = /^In (\S.*) line (\d+):$/;
const SC_CARET = /^(\s*)\^-*\^? (SC\d+) \((error|warning|info|style)\): (.*)$/;
const SC_GCC = /^(\S+):(\d+):(\d+): (error|warning|note|style): (.*) \[(SC\d+)\]$/;
const PS_AT = /^At (?:line:(\d+) char:(\d+)|(.+):(\d+) char:(\d+))$/;
const PS_CATEGORY = /^\+ CategoryInfo\s*: .*?, ([\w.]+)\s*$/;
const PESTER_HEADER = /^\[-\] (.+?)(?: \d+(?:\.\d+)?m?s(?: \([^)]*\))?)?$/;
const PESTER_FRAME = /^at (.+?), (.+?):(?: line )?(\d+)$/;
const PESTER_STOP =
  /^(?:\[[-+!?]\] |Describing |Context |Running tests|Tests completed|Tests Passed|Discovering |Starting )/;

function make(kind: FindingKind, message: string, from: LogLine, to: LogLine, weight: number): Finding {
  const f: Finding = { kind, tool: 'shell', message, logLines: [from.n, to.n], weight };
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

function locate(f: Finding, file: string, line?: number, column?: number): void {
  f.file = file;
  f.rawFile = file;
  if (line !== undefined) f.line = line;
  if (column !== undefined) f.column = column;
}

const isScriptPath = (p: string): boolean => /\.(?:sh|bash|zsh|ksh)$/.test(p) || p.startsWith('./');

export const shell: Extractor = {
  name: 'shell',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    const text = (k: number): string => {
      const t = lines[k].text;
      return t.length > MAX_LINE ? t.slice(0, MAX_LINE) : t;
    };
    for (let i = 0; i < lines.length; i++) {
      const raw = text(i);
      const t = raw.trim();
      if (t === '') continue;

      // shellcheck tty: `In file line N:` + code line + caret rows
      const sc = SC_HEADER.exec(raw);
      if (sc) {
        // the code line (blank at end of file), then one caret row per issue
        let j = i + 2;
        for (; j < lines.length && j <= i + 12; j++) {
          const c = SC_CARET.exec(text(j));
          if (!c) break;
          const sev = c[3];
          const error = sev === 'error';
          const f = make(
            error || sev === 'warning' ? 'lint-error' : 'warning',
            c[4].trim(),
            lines[i],
            lines[j],
            error
              ? WEIGHT_SHELLCHECK_ERROR
              : sev === 'warning'
                ? WEIGHT_SHELLCHECK_WARNING
                : WEIGHT_SHELLCHECK_INFO,
          );
          f.tool = 'shellcheck';
          f.code = c[2];
          locate(f, sc[1], +sc[2], c[1].length + 1);
          findings.push(f);
        }
        i = Math.max(i, j - 1);
        continue;
      }
      const g = SC_GCC.exec(t);
      if (g) {
        const sev = g[4];
        const f = make(
          sev === 'error' || sev === 'warning' ? 'lint-error' : 'warning',
          g[5].trim(),
          lines[i],
          lines[i],
          sev === 'error'
            ? WEIGHT_SHELLCHECK_ERROR
            : sev === 'warning'
              ? WEIGHT_SHELLCHECK_WARNING
              : WEIGHT_SHELLCHECK_INFO,
        );
        f.tool = 'shellcheck';
        f.code = g[6];
        locate(f, g[1], +g[2], +g[3]);
        findings.push(f);
        continue;
      }

      // Pester: `[-] name` + message + frames
      if (t.startsWith('[-] ')) {
        const h = PESTER_HEADER.exec(t);
        if (h) {
          let name = h[1].trim();
          let message: string | undefined;
          const arrow = name.indexOf(' -> ');
          if (arrow > 0) {
            message = name.slice(arrow + 4).trim();
            name = name.slice(0, arrow).trim();
          }
          let end = i;
          let shown = 0;
          const frames: StackFrame[] = [];
          for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK; j++) {
            const r = text(j).trim();
            if (r === '') continue;
            if (PESTER_STOP.test(r)) break;
            const fr = PESTER_FRAME.exec(r);
            if (fr) {
              const vendored = fr[2].startsWith('<') || /[\\/]Pester[\\/][\d.]+[\\/]/.test(fr[2]);
              frames.push({ rawFile: fr[2], line: +fr[3], function: fr[1], vendored });
              if (shown < SHOWN_FRAMES) {
                end = j;
                shown++;
              }
              continue;
            }
            if (frames.length) break;
            if (message === undefined) message = r;
            end = j;
          }
          const f = make('test-failure', message ?? `${name} failed`, lines[i], lines[end], WEIGHT_PESTER);
          f.tool = 'pester';
          f.test = name;
          if (frames.length) {
            f.frames = frames;
            const top =
              frames.find((fr) => /\.Tests\.ps1$/i.test(fr.rawFile)) ?? frames.find((fr) => !fr.vendored);
            if (top) locate(f, top.rawFile, top.line);
          }
          findings.push(f);
          i = end;
          continue;
        }
      }

      // PowerShell error record: message line(s), `At ... char:N`, `+` rows, CategoryInfo
      const at = PS_AT.exec(t);
      if (at) {
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          const r = text(k).trim();
          if (r === '' || r.startsWith('+ ') || PS_AT.test(r)) break;
          from = k;
          if (r.includes(' : ')) break;
        }
        if (from === i) continue;
        let end = i;
        let code: string | undefined;
        for (let j = i + 1; j < lines.length && j <= i + 10; j++) {
          const r = text(j).trim();
          if (!r.startsWith('+')) break;
          end = j;
          const cat = PS_CATEGORY.exec(r);
          if (cat) code = cat[1];
        }
        const first = text(from).trim();
        const sep = first.indexOf(' : ');
        const message = sep > 0 && sep < 80 && !/\s/.test(first.slice(0, sep)) ? first.slice(sep + 3) : first;
        const f = make('exception', message, lines[from], lines[end], WEIGHT_POWERSHELL);
        f.tool = 'powershell';
        if (code) f.code = code;
        if (at[3]) locate(f, at[3], +at[4], +at[5]);
        findings.push(f);
        i = end;
        continue;
      }

      // shell errors
      if (raw[0] === ' ' || raw[0] === '\t') continue;
      const s = SHELL_LINE.exec(t);
      if (s && (SHELLS.has(s[1]) || isScriptPath(s[1])) && SHELL_REASON.test(s[3])) {
        const f = make('build-error', s[3], lines[i], lines[i], WEIGHT_SHELL);
        if (!SHELLS.has(s[1])) locate(f, s[1], +s[2]);
        findings.push(f);
        continue;
      }
      const n = SHELL_NO_LINE.exec(t);
      if (n && (SHELLS.has(n[1]) || isScriptPath(n[1]))) {
        const f = make('build-error', t.slice(n[1].length + 2), lines[i], lines[i], WEIGHT_SHELL);
        findings.push(f);
      }
    }
    return findings;
  },
};
