// Package manager failures: npm (`npm ERR!` up to npm 9, `npm error` from npm 10), pnpm (`ERR_PNPM_*`,
// `ELIFECYCLE`), yarn 1 (`error ...` after a `yarn <cmd> vX` banner) and yarn berry (`➤ YN0035: ...`).
//
// An npm block is a run of consecutive prefixed lines; it is classified by its `code` line and content:
// ERESOLVE (the conflicting peer dependency is put in the message), E404, missing scripts, other
// E-codes, and the closers of a failed script (ELIFECYCLE, `Lifecycle script ... failed`,
// `command failed`): those are kind 'exit' with the lowest weight, since the script's own output
// above them explains the failure. When yarn 1's `error Command failed with exit code N.` closes a
// `yarn run`, the script's command yarn echoed under its banner (`$ gulp && ...`) is a second 'exit'
// finding: it says what failed when the script's output does not.
import type { Finding, FindingKind, LogLine } from '../../types.js';
import type { Extractor } from './types.js';

export const WEIGHT_RESOLVE = 88;
export const WEIGHT_DEPENDENCY = 85;
export const WEIGHT_MISSING_SCRIPT = 80;
export const WEIGHT_NETWORK = 70;
export const WEIGHT_OTHER = 50;
export const WEIGHT_EXIT = 1;

const MAX_LINE = 2000;
const MAX_BLOCK = 200;

const NPM_PREFIX = /^npm (?:ERR!|error)(?: (.*))?$/;
const CODE = /^code (\S+)$/;
const BORING =
  /^(?:A complete log of this run can be found in|For a full report see|Log files were not written|You can rerun the command with)/;
const LOG_PATH = /^\s*\S*[/\\]_logs[/\\]\S+$/;
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EPROTO',
  'ERR_SOCKET_TIMEOUT',
  'E500',
  'E502',
  'E503',
  'E504',
  'E429',
]);
const DEPENDENCY_CODES = new Set([
  'ETARGET',
  'ENOVERSIONS',
  'EINTEGRITY',
  'EBADENGINE',
  'ENOTSUP',
  'EBADPLATFORM',
  'ENOLOCK',
  'EUSAGE',
  'E401',
  'E403',
  'E404',
  'ERESOLVE',
  'EOVERRIDE',
  'ENOENT',
]);

const PNPM = /^(ERR_PNPM_[A-Z0-9_]+|ELIFECYCLE)\s+(.*)$/;
const PNPM_EXIT = new Set([
  'ELIFECYCLE',
  'ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL',
  'ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL',
]);
const PNPM_SCRIPT = new Set([
  'ERR_PNPM_NO_SCRIPT',
  'ERR_PNPM_NO_SCRIPT_OR_SERVER',
  'ERR_PNPM_RECURSIVE_RUN_NO_SCRIPT',
]);
const PNPM_NETWORK = /^ERR_PNPM_(?:META_FETCH_FAIL|FETCH_(?:5\d\d|429)|ECONN|ETIMEDOUT|EAI_AGAIN|ENOTFOUND)/;

const YARN_BANNER = /^yarn (?:[\w:-]+ )?v\d+\.\d+/;
const YARN_ERROR = /^error (\S.*)$/;
const YARN_EXIT = /^Command failed(?: with exit code \d+)?\.$/;
/** The script's command yarn 1 echoes right under its banner. */
const YARN_COMMAND = /^\$ (\S.*)$/;
const YARN_DEPENDENCY =
  /^(?:Couldn't find (?:package|any versions)|An unexpected error occurred: ".*(?:Not found|404)|Your lockfile needs to be updated|Found incompatible module|The engine ".*" is incompatible|Integrity check failed|Incorrect integrity)/;
/** Yarn berry: `➤ YN0035: │ pkg@npm:^1: Package not found`; only the codes that fail an install. */
const BERRY = /^(?:➤ )?YN(\d{4}): (?:[│├└┌·] )?(.*)$/;
const BERRY_ERRORS = new Set([
  '0001',
  '0009',
  '0018',
  '0028',
  '0035',
  '0046',
  '0071',
  '0078',
  '0082',
  '0083',
]);

interface Block {
  lines: LogLine[];
  contents: string[];
}

function base(
  kind: FindingKind,
  message: string,
  from: LogLine,
  to: LogLine,
  weight: number,
  code?: string,
): Finding {
  const f: Finding = { kind, tool: 'npm', message, logLines: [from.n, to.n], weight };
  if (code) f.code = code;
  if (from.segment !== undefined) f.segment = from.segment;
  return f;
}

/** Turns one `npm ERR!` / `npm error` block into at most one finding. */
function npmBlock(block: Block): Finding | undefined {
  const { lines, contents } = block;
  // The meaningful range: drop blank lines and the "complete log" trailer.
  let lo = -1;
  let hi = -1;
  for (let k = 0; k < contents.length; k++) {
    const c = contents[k].trim();
    if (c === '' || BORING.test(c) || LOG_PATH.test(c)) continue;
    if (lo < 0) lo = k;
    hi = k;
  }
  if (lo < 0) return undefined;
  const from = lines[lo];
  const to = lines[hi];
  let code: string | undefined;
  let status: string | undefined;
  const texts: string[] = [];
  for (let k = lo; k <= hi; k++) {
    const c = contents[k].trim();
    const m = CODE.exec(c);
    if (m && code === undefined && status === undefined) {
      if (/^\d+$/.test(m[1])) status = m[1];
      else code = m[1];
    } else if (c !== '' && !/^errno /.test(c)) texts.push(c);
  }
  const first = texts[0] ?? (code ? `code ${code}` : '');
  const find = (re: RegExp): RegExpExecArray | undefined => {
    for (const t of texts) {
      const m = re.exec(t);
      if (m) return m;
    }
    return undefined;
  };

  // Closers of a failed script.
  const lifecycle = find(/^Lifecycle script `[^`]*` failed/);
  if (
    code === 'ELIFECYCLE' ||
    lifecycle ||
    texts.some(
      (t) =>
        t === 'command failed' || /^Error: command failed\b/.test(t) || /^Test failed\.\s+See above/.test(t),
    )
  ) {
    const command = find(/^command (?!failed)(.+)$/)?.[1];
    const exit = find(/^Exit status (\d+)$/)?.[1] ?? status;
    let message = lifecycle ? lifecycle.input.replace(/ with error:?\s*$/, '') : first;
    if (command) message += `: ${command}`;
    if (exit) message += ` (exit status ${exit})`;
    return base('exit', message, from, to, WEIGHT_EXIT, code ?? 'ELIFECYCLE');
  }

  const missing = find(/^Missing script: "?([^"]*)"?$/);
  if (missing) return base('build-error', missing.input, from, to, WEIGHT_MISSING_SCRIPT, code);

  if (code === 'ERESOLVE' || first.startsWith('ERESOLVE')) {
    let message = find(/^ERESOLVE\b.*/)?.[0] ?? 'ERESOLVE unable to resolve dependency tree';
    const idx = texts.findIndex((t) => t === 'Could not resolve dependency:');
    const conflict = find(/^Conflicting peer dependency: (.+)$/)?.[1];
    const found = find(/^Found: (.+)$/)?.[1];
    const details: string[] = [];
    if (idx >= 0 && idx + 1 < texts.length) details.push(texts[idx + 1]);
    if (conflict) details.push(`conflicting peer dependency ${conflict}`);
    if (details.length) message += `: ${details.join('; ')}`;
    if (found) message += ` (found ${found})`;
    return base('dependency', message, from, to, WEIGHT_RESOLVE, 'ERESOLVE');
  }

  if (code === 'E404' || /^404 Not Found\b/.test(first)) {
    const request = find(/^404 Not Found\b.*/)?.[0] ?? first;
    const spec = find(
      /^404\s+(?:The requested resource )?'([^']+)' (?:could not be found|is not in this registry)/,
    )?.[1];
    return base(
      'dependency',
      spec ? `${request}: '${spec}' not found` : request,
      from,
      to,
      WEIGHT_DEPENDENCY,
      'E404',
    );
  }

  // Any other code: the first content line is the message.
  const message = texts.find((t) => !/^(?:syscall|path|dest|workspace|location) /.test(t)) ?? first;
  if (code && NETWORK_CODES.has(code)) return base('infra', message, from, to, WEIGHT_NETWORK, code);
  if (code && DEPENDENCY_CODES.has(code))
    return base('dependency', message, from, to, WEIGHT_DEPENDENCY, code);
  if (/^(?:notarget|engine|peer dep missing|Could not resolve dependency)/i.test(message))
    return base('dependency', message, from, to, WEIGHT_DEPENDENCY, code);
  return base('error', message, from, to, WEIGHT_OTHER, code);
}

function pnpmLine(line: LogLine, code: string, rest: string): Finding {
  const f = classifyPnpm(line, code, rest);
  f.tool = 'pnpm';
  return f;
}

function classifyPnpm(line: LogLine, code: string, rest: string): Finding {
  const message = `${code}: ${rest.trim()}`;
  if (PNPM_EXIT.has(code)) return base('exit', message, line, line, WEIGHT_EXIT, code);
  if (PNPM_SCRIPT.has(code)) return base('build-error', message, line, line, WEIGHT_MISSING_SCRIPT, code);
  if (PNPM_NETWORK.test(code)) return base('infra', message, line, line, WEIGHT_NETWORK, code);
  if (
    /FETCH|RESOLVE|PEER|LOCKFILE|VERSION|NOT_FOUND|404|ENGINE|INTEGRITY|TARBALL|NO_MATCHING|IMPORTER/.test(
      code,
    )
  )
    return base('dependency', message, line, line, WEIGHT_DEPENDENCY, code);
  return base('error', message, line, line, WEIGHT_OTHER, code);
}

export const npm: Extractor = {
  name: 'npm',
  extract(lines: LogLine[]): Finding[] {
    const findings: Finding[] = [];
    let block: Block | undefined;
    let yarn = false;
    /** The command of the current `yarn run` (the line after the banner), until its closer. */
    let yarnCommand: LogLine | undefined;
    let afterBanner = false;
    const flush = (): void => {
      if (!block) return;
      const f = npmBlock(block);
      if (f) findings.push(f);
      block = undefined;
    };
    for (const line of lines) {
      const text = line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text;
      const m = text.startsWith('npm ') ? NPM_PREFIX.exec(text) : null;
      if (m) {
        if (block && block.lines.length >= MAX_BLOCK) flush();
        block ??= { lines: [], contents: [] };
        block.lines.push(line);
        block.contents.push(m[1] ?? '');
        continue;
      }
      flush();
      const t = text.trim();
      if (afterBanner && t !== '') {
        afterBanner = false;
        if (YARN_COMMAND.test(t)) {
          yarnCommand = line;
          continue;
        }
      }
      if (t.startsWith('ERR_PNPM_') || t.startsWith('ELIFECYCLE')) {
        const p = PNPM.exec(t);
        if (p) findings.push(pnpmLine(line, p[1], p[2]));
        continue;
      }
      if (YARN_BANNER.test(t)) {
        yarn = true;
        afterBanner = true;
        yarnCommand = undefined;
        continue;
      }
      if (yarn && text.startsWith('error ')) {
        const y = YARN_ERROR.exec(text);
        if (!y) continue;
        const message = y[1].trim();
        const f = YARN_EXIT.test(message)
          ? base('exit', message, line, line, WEIGHT_EXIT)
          : YARN_DEPENDENCY.test(message)
            ? base('dependency', message, line, line, WEIGHT_DEPENDENCY)
            : base('error', message, line, line, WEIGHT_OTHER - 5);
        f.tool = 'yarn';
        findings.push(f);
        if (f.kind === 'exit' && yarnCommand) {
          const c = base(
            'exit',
            `yarn ran: ${yarnCommand.text.trim().slice(2)}`,
            yarnCommand,
            yarnCommand,
            WEIGHT_EXIT,
          );
          c.tool = 'yarn';
          findings.push(c);
          yarnCommand = undefined;
        }
        continue;
      }
      if (t.includes('YN') && (t.startsWith('➤') || t.startsWith('YN'))) {
        const b = BERRY.exec(t);
        if (b && BERRY_ERRORS.has(b[1])) {
          const f = base('dependency', b[2].trim(), line, line, WEIGHT_DEPENDENCY, `YN${b[1]}`);
          f.tool = 'yarn';
          findings.push(f);
        }
      }
    }
    flush();
    return findings;
  },
};
