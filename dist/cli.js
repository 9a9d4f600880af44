#!/usr/bin/env node
import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  shortRunCompiler
} from "./chunks/chunk-46T4ECFP.js";
import {
  DEFAULT_DEADLINE_SECONDS,
  Deadline,
  GitHubAccessError,
  TOOL_NAME,
  TOOL_VERSION,
  builtinRules,
  deadlineFlag,
  describeApiFailure,
  describeReset,
  memoryGuard,
  networkFailure,
  printable,
  rateLimitReset,
  render,
  runAnalysisStream,
  scanMemory,
  statusOf
} from "./chunks/chunk-B5EDUBD4.js";
import {
  PatternError,
  compilePattern
} from "./chunks/chunk-PWSKND7J.js";
import {
  InputError
} from "./chunks/chunk-6YJQBB6I.js";
import "./chunks/chunk-CZYETK37.js";

// src/cli.ts
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import { parseArgs } from "node:util";

// src/failure.ts
var TOKEN_PERMISSION = {
  "actions: read": 'read access to Actions (fine-grained token: repository permission "Actions: Read-only"; classic token: the `repo` scope for a private repository)',
  "contents: read": 'read access to Contents (fine-grained token: repository permission "Contents: Read-only"; classic token: the `repo` scope for a private repository)',
  "pull-requests: write": 'write access to pull requests, for --comment (fine-grained token: repository permission "Pull requests: Read and write"; classic token: `public_repo`, or `repo` for a private repository)',
  "issues: read": 'read access to issues, for the known issues (fine-grained token: repository permission "Issues: Read-only"; classic token: the `repo` scope for a private repository)',
  "issues: write": 'write access to issues, for the known issues\' hit tables (fine-grained token: repository permission "Issues: Read and write"; classic token: `public_repo`, or `repo` for a private repository)'
};
var TOKEN_HELP = "pass a valid token with --token or GITHUB_TOKEN, or log in with `gh auth login`";
function rateLimited(e, status) {
  const headers = e.response?.headers ?? {};
  return status === 429 || status === 403 && String(headers["x-ratelimit-remaining"]) === "0";
}
function rateLimitLine(what, resetAt, now) {
  return `GitHub API rate limit exhausted while reading ${what}${resetAt ? `; it resets at ${describeReset(resetAt, now)}: run again then.` : ": run again later."}`;
}
function cliFailure(e, now = Date.now()) {
  if (e instanceof InputError) return { message: e.message, exitCode: 2 };
  const network = networkFailure(e);
  if (network) {
    const host = network.host ?? "GitHub";
    return {
      exitCode: 1,
      message: network.kind === "dns" ? `cannot resolve ${host} (${network.code}): no network or no DNS; check the connection, the run URL's host and GITHUB_API_URL, then run again.` : `cannot reach ${host} (${network.code}): check the network connection (and the GitHub Enterprise host or GITHUB_API_URL), then run again.`
    };
  }
  const status = statusOf(e);
  if (e instanceof GitHubAccessError) {
    const what = e.detail?.what ?? "the run";
    if (status === 401)
      return {
        exitCode: 1,
        message: `GitHub rejected the token (401) while reading ${what}: it is wrong, expired or revoked; ${TOKEN_HELP}.`
      };
    if (status === 429 || status === 403 && e.detail?.resetAt || /rate limit/i.test(e.message))
      return { exitCode: 1, message: rateLimitLine(what, e.detail?.resetAt, now) };
    if (status === 403 && e.detail?.need)
      return {
        exitCode: 1,
        message: `Permission missing (403) while reading ${what}: the token needs ${TOKEN_PERMISSION[e.detail.need]}.`
      };
    if (status === 404)
      return {
        exitCode: 1,
        message: `${e.message.replace(/\.$/, "")}; a private repository answers 404 to a token without access to it.`
      };
    return { exitCode: 1, message: e.message };
  }
  if (status !== void 0) {
    if (status === 401) return { exitCode: 1, message: `GitHub rejected the token (401): ${TOKEN_HELP}.` };
    if (rateLimited(e, status)) {
      const headers = e.response?.headers ?? {};
      return { exitCode: 1, message: rateLimitLine("the API", rateLimitReset(headers, now), now) };
    }
    if (status === 403)
      return {
        exitCode: 1,
        message: `Permission missing (403): the token needs ${TOKEN_PERMISSION["actions: read"]}.`
      };
    if (status === 404)
      return {
        exitCode: 1,
        message: "Not found (404): check the run URL; a private repository answers 404 to a token without access to it."
      };
    const line = describeApiFailure(e);
    if (line) return { exitCode: 1, message: line.replace(/ Re-run the job later\.$/, " Try again later.") };
  }
  const first = String(e?.message ?? e).split("\n")[0];
  return {
    exitCode: 1,
    message: `internal error: ${first}. Run again with --debug for the stack trace, and report it as a bug.`
  };
}

// src/rules/problem-matcher.ts
var MATCHER_KEYS = /* @__PURE__ */ new Set(["owner", "severity", "pattern", "fromPath"]);
var PATTERN_KEYS = /* @__PURE__ */ new Set([
  "regexp",
  "file",
  "fromPath",
  "line",
  "endLine",
  "column",
  "endColumn",
  "severity",
  "code",
  "message",
  "loop"
]);
var FIELDS = ["file", "line", "column", "severity", "code", "message"];
function isPlainObject(v) {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function matcherCategory(owner) {
  const o = owner.toLowerCase();
  if (/lint|eslint|stylelint|flake8|pylint|ruff|rubocop|checkstyle|shellcheck|prettier|clippy|hadolint|vet/.test(
    o
  ))
    return "lint";
  if (/test|jest|mocha|pytest|junit|vitest|spec/.test(o)) return "test";
  return "compile";
}
function kebab(s) {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60) || "matcher";
}
function groupCount(regexp, fail) {
  try {
    return compilePattern(regexp).groups;
  } catch (e) {
    if (e instanceof PatternError) fail(e.message);
    throw e;
  }
}
function matcherHint(owner, groups) {
  const ref = (f) => groups[f] ? `$${groups[f]}` : "";
  let hint = `Reported by the '${owner}' problem matcher`;
  if (groups.message) hint += `: ${ref("message")}`;
  if (groups.code) hint += ` [${ref("code")}]`;
  if (groups.file) {
    hint += ` at ${ref("file")}`;
    if (groups.line) hint += `:${ref("line")}`;
    if (groups.column) hint += `:${ref("column")}`;
  }
  return `${hint}. Fix it at that location, or check the change that touched it.`;
}
function parseProblemMatchers(jsonText, source) {
  let data;
  try {
    data = JSON.parse(jsonText.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new InputError(`${source}: not valid JSON: ${String(e.message).split("\n")[0]}`);
  }
  if (!isPlainObject(data) || !Array.isArray(data.problemMatcher))
    throw new InputError(`${source}: expected {"problemMatcher": [...]} (a GitHub problem matcher file)`);
  const rules = [];
  const ids = /* @__PURE__ */ new Set();
  data.problemMatcher.forEach((m, mi) => {
    let where = `${source}: problem matcher ${mi + 1}`;
    const fail = (problem) => {
      throw new InputError(`${where}: ${problem}`.replace(/\s+/g, " ").slice(0, 400));
    };
    if (!isPlainObject(m)) return fail("must be an object with owner and pattern");
    if (typeof m.owner !== "string" || m.owner.trim() === "") return fail("has no 'owner'");
    const owner = m.owner.slice(0, 100);
    where = `${source}: problem matcher '${owner}'`;
    for (const k of Object.keys(m)) if (!MATCHER_KEYS.has(k)) fail(`unknown key '${k}'`);
    const entries = Array.isArray(m.pattern) ? m.pattern : isPlainObject(m.pattern) ? [m.pattern] : [];
    if (entries.length === 0) fail("'pattern' must be a non-empty list of {regexp, ...}");
    if (entries.length > 20) fail("'pattern' has more than 20 entries");
    const steps = [];
    const fields = {};
    let offset = 0;
    entries.forEach((p, pi) => {
      const what = `pattern ${pi + 1}`;
      if (!isPlainObject(p)) return fail(`${what} must be an object with 'regexp'`);
      for (const k of Object.keys(p)) if (!PATTERN_KEYS.has(k)) fail(`${what} has unknown key '${k}'`);
      if (typeof p.regexp !== "string") return fail(`${what} has no 'regexp' string`);
      const groups = groupCount(p.regexp, (problem) => fail(`${what} ${problem}`));
      for (const f of FIELDS) {
        const g = p[f];
        if (g === void 0) continue;
        if (typeof g !== "number" || !Number.isInteger(g) || g < 1 || g > groups)
          fail(`${what}: '${f}' must be a group number from 1 to ${groups}`);
        fields[f] = offset + g;
      }
      if (p.loop !== void 0 && typeof p.loop !== "boolean") fail(`${what}: 'loop' must be true or false`);
      steps.push(p.regexp);
      offset += groups;
    });
    let id = `matcher-${kebab(owner)}`;
    for (let n = 2; ids.has(id); n++) id = `matcher-${kebab(owner)}-${n}`;
    ids.add(id);
    rules.push({
      id,
      category: matcherCategory(owner),
      title: `Problem matcher '${owner}'`,
      patterns: steps.length === 1 ? [{ regex: steps[0] }] : [{ sequence: steps, within: steps.length }],
      hint: matcherHint(owner, fields),
      source
    });
  });
  return rules;
}

// src/cli.ts
var USAGE_HEAD = `Usage: ${TOOL_NAME} analyze --log FILE|- [--repo DIR] [--base REV] [--head REV]
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
var REMOTE_USAGE = `       ci-root-cause analyze --run RUN_URL|OWNER/REPO#RUN_ID [--token T] [--api-url URL] [--comment]
         [--rules FILE]... [--format markdown|text|json] [--max-suspects N] [--max-log-mb N]
         [--deadline SECONDS]`;
function usage() {
  return `${USAGE_HEAD}
${REMOTE_USAGE}

Analyses a failed GitHub Actions run through the API (token: --token, GITHUB_TOKEN or \`gh auth token\`);
prints the report, and creates or updates the pull request's comment only with --comment. The token goes
only to api.github.com or to the API named by --api-url or GITHUB_API_URL (GitHub Enterprise Server:
https://HOST/api/v3), never to a host taken from the run URL; http only to a loopback address.`;
}
var FORMATS = ["markdown", "text", "json"];
var RSS_CEILING = 104 * 1024 * 1024;
var MiB = 1024 * 1024;
function* readChunks(file, buf) {
  const fd = openSync(file, "r");
  try {
    for (; ; ) {
      const bytesRead = readSync(fd, buf, 0, buf.length, null);
      if (bytesRead <= 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    closeSync(fd);
  }
}
function readBuffer(size, scanned) {
  if (size <= 4 * MiB) return Buffer.allocUnsafe(MiB);
  return scanned ? scanMemory(4 * MiB) : Buffer.allocUnsafe(4 * MiB);
}
function logStream(file, seen, scanned = false) {
  let size = 0;
  if (file !== "-") {
    try {
      const stat = statSync(file);
      if (stat.isDirectory()) throw new InputError(`cannot read log file ${file}: it is a directory`);
      size = stat.size;
      seen.size = size;
    } catch (e) {
      if (e instanceof InputError) throw e;
      const code = e.code;
      throw new InputError(
        code === "ENOENT" ? `log file not found: ${file}` : `cannot read log file ${file}: ${e.message}`
      );
    }
  }
  const guard = memoryGuard({ ceiling: RSS_CEILING });
  return (async function* () {
    try {
      for await (const chunk of file === "-" ? process.stdin : readChunks(file, readBuffer(size, scanned))) {
        guard(chunk.length);
        if (!seen.text) {
          for (const b of chunk)
            if (b !== 32 && b !== 10 && b !== 13 && b !== 9) {
              seen.text = true;
              break;
            }
        }
        yield chunk;
      }
      guard(0, true);
    } catch (e) {
      throw new InputError(
        `cannot read the log from ${file === "-" ? "standard input" : file}: ${e.message}`
      );
    }
  })();
}
async function loadRuleFiles(files) {
  const rules = [...builtinRules()];
  if (files.length === 0) return rules;
  const { parseRules } = await import("./chunks/parse-N2VPJCOF.js");
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`cannot read rules file ${file}: ${e.message}`);
    }
    rules.push(.../\.json$/i.test(file) ? parseProblemMatchers(text, file) : parseRules(text, file));
  }
  return rules;
}
async function main(argv2) {
  shortRunCompiler();
  const [command, ...rest] = argv2;
  if (command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(usage() + "\n");
    return 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(TOOL_VERSION + "\n");
    return 0;
  }
  if (command !== "analyze") {
    throw new InputError(
      command ? `unknown command '${command}' (try: ${TOOL_NAME} analyze --help)` : USAGE_HEAD.split("\n")[0]
    );
  }
  if (rest.some((a) => a === "--run" || a.startsWith("--run=")))
    return (await import("./chunks/remote-REHA6G65.js")).remoteCommand(rest);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      strict: true,
      allowPositionals: false,
      options: {
        log: { type: "string" },
        repo: { type: "string" },
        base: { type: "string" },
        head: { type: "string" },
        rules: { type: "string", multiple: true },
        format: { type: "string" },
        "max-suspects": { type: "string" },
        "baseline-log": { type: "string" },
        deadline: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (e) {
    throw new InputError(e.message.split("\n")[0]);
  }
  if (values.help) {
    process.stdout.write(usage() + "\n");
    return 0;
  }
  if (!values.log) throw new InputError("--log FILE|- is required");
  const format = values.format ?? "markdown";
  if (!FORMATS.includes(format))
    throw new InputError(`--format must be one of ${FORMATS.join(", ")}, not '${values.format}'`);
  let maxSuspects;
  if (values["max-suspects"] !== void 0) {
    maxSuspects = Number(values["max-suspects"]);
    if (!Number.isInteger(maxSuspects) || maxSuspects < 1)
      throw new InputError("--max-suspects must be a positive integer");
  }
  if ((values.base || values.head) && !values.repo) throw new InputError("--base and --head need --repo");
  const deadline = new Deadline(deadlineFlag(values.deadline));
  const rules = await loadRuleFiles(values.rules ?? []);
  const seen = { text: false };
  const log = logStream(values.log, seen, true);
  const changeSet = values.repo ? await (await import("./chunks/git-U5JDSUG3.js")).changeSetFromGit({ repo: values.repo, base: values.base, head: values.head }) : void 0;
  const baselineLog = values["baseline-log"] ? logStream(values["baseline-log"], { text: false }) : void 0;
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
    beforeRanking: changeSet && repo ? async (named) => (await import("./chunks/imports-git-GTYGOSNE.js")).attachImports(repo, changeSet, named) : void 0
  });
  if (!seen.text)
    throw new InputError(`the log is empty: ${values.log === "-" ? "standard input" : values.log}`);
  process.stdout.write(render(report, format));
  return 0;
}
var argv = process.argv.slice(2);
var debug = argv.includes("--debug") || process.env.CI_ROOT_CAUSE_DEBUG === "1";
main(argv.filter((a) => a !== "--debug")).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    const failure = cliFailure(err);
    process.stderr.write(`${TOOL_NAME}: ${printable(failure.message)}
`);
    if (debug) process.stderr.write(`${printable(String(err?.stack ?? err))}
`);
    process.exitCode = failure.exitCode;
  }
);
export {
  main
};
