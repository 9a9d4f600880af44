// The command-line entry point: a thin shell over src/core.ts.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { shortRunCompiler } from './compiler.js';
import { InputError } from './errors.js';
import { cliFailure } from './failure.js';
import { memoryGuard } from './memory.js';
import { runAnalysisStream } from './core.js';
import { scanMemory } from './log/scan.js';
import { builtinRules } from './rules/load.js';
import { parseProblemMatchers } from './rules/problem-matcher.js';
import { printable } from './report/escape.js';
import { render, type Format } from './report/render.js';
import type { Rule } from './types.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';
import { DEFAULT_DEADLINE_SECONDS, Deadline, deadlineFlag } from './deadline.js';
// The GitHub client (octokit) and the git readers are imported when a command needs them: loading them
// costs a quarter of a second and ~15 MiB, which a local `analyze --log` does not need.

const USAGE_HEAD = `Usage: ${TOOL_NAME} analyze --log FILE|- [--repo DIR] [--base REV] [--head REV]
         [--rules FILE]... [--format markdown|text|json] [--max-suspects N] [--baseline-log FILE]
         [--deadline SECONDS]

Reads a failed CI log, compares head with the last green commit and prints the root-cause report.

  --log FILE|-        the failed log (- reads standard input), e.g. gh run view RUN --log-failed
  --repo DIR          a local git repository: enables suspects from the change base..head
  --base REV          the last green commit (default: merge base with the default branch)
  --head REV          the failing commit (default: HEAD)
  --rules FILE        an extra YAML rule pack, or a problem-matcher .json (repeatable)
  --format FMT        markdown (default), text or json
  --max-suspects N    how many suspects to list (default 5)
  --baseline-log FILE the same job's log from the last successful run: lines it also has are demoted
  --debug             on a failure, the stack trace under its one-line message
  --deadline SECONDS  stop reading and report what was read after this long (default ${DEFAULT_DEADLINE_SECONDS}; 0: none)
  -h, --help          this help
  -v, --version       the version
`;

// the --run form (src/github/remote.ts): written here so that --help does not load the GitHub client
const REMOTE_USAGE = `       ci-root-cause analyze --run RUN_URL|OWNER/REPO#RUN_ID [--token T] [--api-url URL] [--comment]
         [--rules FILE]... [--format markdown|text|json] [--max-suspects N] [--max-log-mb N]
         [--deadline SECONDS]`;

function usage(): string {
  return `${USAGE_HEAD}
${REMOTE_USAGE}

Analyses a failed GitHub Actions run through the API (token: --token, GITHUB_TOKEN or \`gh auth token\`);
prints the report, and creates or updates the pull request's comment only with --comment. The token goes
only to api.github.com or to the API named by --api-url or GITHUB_API_URL (GitHub Enterprise Server:
https://HOST/api/v3), never to a host taken from the run URL; http only to a loopback address.`;
}

const FORMATS: Format[] = ['markdown', 'text', 'json'];

/**
 * Resident memory above which the streaming read collects (src/memory.ts). Since the stream scans bytes
 * (src/log/stream.ts) a 200 MB log peaks at ~115 MiB without any forced collection; at 96 MiB the guard
 * forced 9 full collections (~0.3 s), at 104 MiB one or two (peak ~108 MiB). At most one collection per
 * 16 MiB read: each costs 15–40 ms of CPU; once per 8 MiB it was ~0.9 s of a 200 MB log (23 collections)
 * for 3 MiB less peak RSS than once per 16 MiB (~0.45 s; peak ≤ 125 MiB), while once per 64 MiB passes
 * 128 MiB.
 */
const RSS_CEILING = 104 * 1024 * 1024;
const MiB = 1024 * 1024;

/**
 * A file's bytes in chunks, read into ONE buffer, filled again for each chunk (the log stream copies the
 * little it keeps: `reusedChunks`; a new 1 MiB buffer per chunk costs its page faults, ~40 ms on a 200 MB
 * log). Read synchronously: an asynchronous read waits for the thread pool for each chunk (~0.3 s of idle
 * time on a 200 MB log), and nothing else runs meanwhile. The buffer: readBuffer.
 */
function* readChunks(file: string, buf: Buffer): Iterable<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead <= 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The buffer a file is read into: 4 MiB for a file bigger than that (read in windows: 0.1 s less CPU on a
 * 200 MB log than 1 MiB chunks), in the memory of the stream's line scanner when the stream scans it (the
 * failed log: src/log/scan.ts scanMemory, which spares a copy of each block); else 1 MiB (a log read whole
 * is held: a bigger buffer beside it cost 3–4 MiB more at the peak).
 */
function readBuffer(size: number, scanned: boolean): Buffer {
  if (size <= 4 * MiB) return Buffer.allocUnsafe(MiB);
  return scanned ? scanMemory(4 * MiB) : Buffer.allocUnsafe(4 * MiB);
}

/**
 * The failed log as a stream of chunks (never read whole: src/log/stream.ts); `seen.text` tells afterwards
 * whether it had anything but whitespace, `seen.size` (set at once) a file's size.
 */
function logStream(
  file: string,
  seen: { text: boolean; size?: number },
  scanned = false,
): AsyncIterable<Uint8Array> {
  let size = 0;
  if (file !== '-') {
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) throw new InputError(`cannot read log file ${file}: it is a directory`);
      size = stat.size;
      seen.size = size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new InputError(
        code === 'ENOENT'
          ? `log file not found: ${file}`
          : `cannot read log file ${file}: ${(e as Error).message}`,
      );
    }
  }
  const guard = memoryGuard({ ceiling: RSS_CEILING });
  return (async function* () {
    try {
      for await (const chunk of file === '-'
        ? (process.stdin as AsyncIterable<Uint8Array>)
        : readChunks(file, readBuffer(size, scanned))) {
        guard(chunk.length);
        if (!seen.text)
          for (const b of chunk)
            if (b !== 32 && b !== 10 && b !== 13 && b !== 9) {
              seen.text = true;
              break;
            }
        yield chunk;
      }
      guard(0, true); // the report is built next: it starts from the live heap only
    } catch (e) {
      throw new InputError(
        `cannot read the log from ${file === '-' ? 'standard input' : file}: ${(e as Error).message}`,
      );
    }
  })();
}

async function loadRuleFiles(files: string[]): Promise<Rule[]> {
  const rules = [...builtinRules()];
  if (files.length === 0) return rules;
  // js-yaml is loaded only for a user pack (the built-in packs are embedded parsed)
  const { parseRules } = await import('./rules/parse.js');
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new InputError(`cannot read rules file ${file}: ${(e as Error).message}`);
    }
    // A .json file is a GitHub problem matcher (`::add-matcher::` format); anything else a YAML rule pack.
    rules.push(...(/\.json$/i.test(file) ? parseProblemMatchers(text, file) : parseRules(text, file)));
  }
  return rules;
}

export async function main(argv: string[]): Promise<number> {
  shortRunCompiler(); // before the work starts (src/compiler.ts)
  const [command, ...rest] = argv;
  if (command === '-h' || command === '--help' || command === 'help') {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (command === '-v' || command === '--version') {
    process.stdout.write(TOOL_VERSION + '\n');
    return 0;
  }
  if (command !== 'analyze') {
    throw new InputError(
      command ? `unknown command '${command}' (try: ${TOOL_NAME} analyze --help)` : USAGE_HEAD.split('\n')[0],
    );
  }
  if (rest.some((a) => a === '--run' || a.startsWith('--run=')))
    return (await import('./github/remote.js')).remoteCommand(rest);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        log: { type: 'string' },
        repo: { type: 'string' },
        base: { type: 'string' },
        head: { type: 'string' },
        rules: { type: 'string', multiple: true },
        format: { type: 'string' },
        'max-suspects': { type: 'string' },
        'baseline-log': { type: 'string' },
        deadline: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    throw new InputError((e as Error).message.split('\n')[0]);
  }
  if (values.help) {
    process.stdout.write(usage() + '\n');
    return 0;
  }
  if (!values.log) throw new InputError('--log FILE|- is required');
  const format = (values.format ?? 'markdown') as Format;
  if (!FORMATS.includes(format))
    throw new InputError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  let maxSuspects: number | undefined;
  if (values['max-suspects'] !== undefined) {
    maxSuspects = Number(values['max-suspects']);
    if (!Number.isInteger(maxSuspects) || maxSuspects < 1)
      throw new InputError('--max-suspects must be a positive integer');
  }
  if ((values.base || values.head) && !values.repo) throw new InputError('--base and --head need --repo');
  const deadline = new Deadline(deadlineFlag(values.deadline));

  const rules = await loadRuleFiles(values.rules ?? []);
  const seen: { text: boolean; size?: number } = { text: false };
  const log = logStream(values.log, seen, true);
  const changeSet = values.repo
    ? await (
        await import('./diff/git.js')
      ).changeSetFromGit({ repo: values.repo, base: values.base, head: values.head })
    : undefined;
  const baselineLog = values['baseline-log'] ? logStream(values['baseline-log'], { text: false }) : undefined;
  const repo = values.repo;
  const report = await runAnalysisStream({
    log,
    changeSet,
    rules,
    maxSuspects,
    baselineLog,
    reusedChunks: true,
    logSize: seen.size,
    deadline,
    beforeRanking:
      changeSet && repo
        ? async (named) => (await import('./diff/imports-git.js')).attachImports(repo, changeSet, named)
        : undefined,
  });
  if (!seen.text)
    throw new InputError(`the log is empty: ${values.log === '-' ? 'standard input' : values.log}`);
  process.stdout.write(render(report, format));
  return 0;
}

// --debug (anywhere on the line, or CI_ROOT_CAUSE_DEBUG=1) adds the stack trace under a failure's one line
const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || process.env.CI_ROOT_CAUSE_DEBUG === '1';
main(argv.filter((a) => a !== '--debug')).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const failure = cliFailure(err);
    // a failure's message may carry a server's text: printable() removes escape sequences and control characters
    process.stderr.write(`${TOOL_NAME}: ${printable(failure.message)}\n`);
    if (debug) process.stderr.write(`${printable(String((err as Error)?.stack ?? err))}\n`);
    process.exitCode = failure.exitCode;
  },
);
