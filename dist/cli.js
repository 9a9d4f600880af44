#!/usr/bin/env node
import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/cli.ts
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};

// src/log/read.ts
function parseLog(text) {
  const raw = text.split("\n");
  return {
    format: "plain",
    lines: raw.map((t, i) => ({ n: i + 1, text: t.replace(/\r$/, "") })),
    segments: [],
    totalLines: raw.length
  };
}

// src/log/extractors/index.ts
var extractors = [];

// src/log/extract.ts
function extractFindings(doc) {
  const all = [];
  for (const ex of extractors) all.push(...ex.extract(doc.lines, doc));
  return all.sort((a, b) => b.weight - a.weight || a.logLines[0] - b.logLines[0]);
}

// src/paths.ts
function mapPath(raw, _ctx = {}) {
  return { path: raw.replace(/^\.\//, ""), vendored: /node_modules\//.test(raw) };
}

// src/rules/match.ts
function matchRules(_doc, _rules) {
  return [];
}

// src/analyze/index.ts
function analyze(input) {
  return {
    version: "1.0.0",
    tool: { name: "ci-root-cause", version: "0.1.0" },
    verdict: { category: "unknown", origin: "unknown", summary: "No analysis yet.", confidence: 0 },
    findings: input.findings,
    suspects: [],
    patterns: input.patterns,
    notes: []
  };
}

// src/core.ts
function mapFindingPaths(findings, changeSet) {
  const ctx = { repoFiles: changeSet?.repoFiles, changedFiles: changeSet?.files.map((f) => f.path) };
  for (const f of findings) {
    if (f.rawFile ?? f.file) {
      const raw = f.rawFile ?? f.file;
      f.rawFile = raw;
      const m = mapPath(raw, ctx);
      f.file = m.path ?? raw;
    }
    for (const fr of f.frames ?? []) {
      const m = mapPath(fr.rawFile, ctx);
      fr.file = m.path;
      fr.vendored = fr.vendored || m.vendored;
    }
  }
  return findings;
}
function runAnalysis(input) {
  const doc = parseLog(input.logText);
  const findings = mapFindingPaths(extractFindings(doc), input.changeSet);
  const patterns = matchRules(doc, input.rules);
  return analyze({ findings, patterns, changeSet: input.changeSet, maxSuspects: input.maxSuspects });
}

// src/diff/git.ts
async function changeSetFromGit(_opts) {
  return { files: [], commits: [] };
}

// src/rules/load.ts
function parseRules(_yamlText, _source) {
  return [];
}
function builtinRules() {
  return [];
}

// src/report/render.ts
function renderJson(report) {
  return JSON.stringify(report, null, 2) + "\n";
}
function renderText(report) {
  return report.verdict.summary + "\n";
}
function renderMarkdown(report, _opts = {}) {
  return report.verdict.summary + "\n";
}
function render(report, format, opts = {}) {
  if (format === "json") return renderJson(report);
  if (format === "text") return renderText(report);
  return renderMarkdown(report, opts);
}

// src/version.ts
var TOOL_NAME = "ci-root-cause";
var TOOL_VERSION = "0.1.0";

// src/cli.ts
var USAGE = `Usage: ${TOOL_NAME} analyze --log FILE|- [--repo DIR] [--base REV] [--head REV]
         [--rules FILE]... [--format markdown|text|json] [--max-suspects N]

Reads a failed CI log, compares head with the last green commit and prints the root-cause report.

  --log FILE|-        the failed log (- reads standard input), e.g. gh run view RUN --log-failed
  --repo DIR          a local git repository: enables suspects from the change base..head
  --base REV          the last green commit (default: merge base with the default branch)
  --head REV          the failing commit (default: HEAD)
  --rules FILE        an extra YAML rule pack (repeatable)
  --format FMT        markdown (default), text or json
  --max-suspects N    how many suspects to list (default 5)
  -h, --help          this help
  -v, --version       the version`;
var FORMATS = ["markdown", "text", "json"];
function readLog(file) {
  if (file === "-") {
    try {
      return readFileSync(0, "utf8");
    } catch (e) {
      throw new InputError(`cannot read the log from standard input: ${e.message}`);
    }
  }
  try {
    return readFileSync(file, "utf8");
  } catch (e) {
    const code = e.code;
    throw new InputError(
      code === "ENOENT" ? `log file not found: ${file}` : `cannot read log file ${file}: ${e.message}`
    );
  }
}
function loadRuleFiles(files) {
  const rules = builtinRules();
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`cannot read rules file ${file}: ${e.message}`);
    }
    rules.push(...parseRules(text, file));
  }
  return rules;
}
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === "-h" || command === "--help" || command === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (command === "-v" || command === "--version") {
    process.stdout.write(TOOL_VERSION + "\n");
    return 0;
  }
  if (command !== "analyze") {
    throw new InputError(command ? `unknown command '${command}' (try: ${TOOL_NAME} analyze --help)` : USAGE.split("\n")[0]);
  }
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
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (e) {
    throw new InputError(e.message.split("\n")[0]);
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (!values.log) throw new InputError("--log FILE|- is required");
  const format = values.format ?? "markdown";
  if (!FORMATS.includes(format)) throw new InputError(`--format must be one of ${FORMATS.join(", ")}, not '${values.format}'`);
  let maxSuspects;
  if (values["max-suspects"] !== void 0) {
    maxSuspects = Number(values["max-suspects"]);
    if (!Number.isInteger(maxSuspects) || maxSuspects < 1) throw new InputError("--max-suspects must be a positive integer");
  }
  if ((values.base || values.head) && !values.repo) throw new InputError("--base and --head need --repo");
  const rules = loadRuleFiles(values.rules ?? []);
  const logText = readLog(values.log);
  if (logText.trim() === "") throw new InputError(`the log is empty: ${values.log === "-" ? "standard input" : values.log}`);
  const changeSet = values.repo ? await changeSetFromGit({ repo: values.repo, base: values.base, head: values.head }) : void 0;
  const report = runAnalysis({ logText, changeSet, rules, maxSuspects });
  process.stdout.write(render(report, format));
  return 0;
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof InputError) {
      process.stderr.write(`${TOOL_NAME}: ${err.message}
`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`${TOOL_NAME}: internal error: ${err?.stack ?? String(err)}
`);
      process.exitCode = 1;
    }
  }
);
export {
  main
};
