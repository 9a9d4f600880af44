import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  DEFAULT_AUTHORS,
  GitHubAccessError,
  analyseRun,
  commentBody,
  fullName,
  linksOf,
  parseRunArg,
  restClient,
  upsertComment
} from "./chunk-NIG6KT3W.js";
import {
  baselineWasm,
  builtinRules,
  mergeRules,
  render
} from "./chunk-TBVAXW7F.js";
import {
  parseRules
} from "./chunk-RK3Y2SU6.js";
import "./chunk-AFMRJ4DY.js";
import "./chunk-UDEICOH3.js";
import {
  InputError
} from "./chunk-6YJQBB6I.js";
import "./chunk-CZYETK37.js";

// src/github/remote.ts
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
function apiUrlFor(server) {
  if (process.env.GITHUB_API_URL) return process.env.GITHUB_API_URL;
  const host = new URL(server).host.toLowerCase();
  return host === "github.com" ? "https://api.github.com" : `${server}/api/v3`;
}
function tokenFor(given, server) {
  if (given) return given;
  if (process.env.GITHUB_TOKEN) return process.env.GITHUB_TOKEN;
  try {
    const t = execFileSync("gh", ["auth", "token", "--hostname", new URL(server).host], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
      timeout: 1e4
    }).trim();
    if (t) return t;
  } catch {
  }
  throw new InputError("no GitHub token: pass --token, set GITHUB_TOKEN, or log in with `gh auth login`");
}
async function analyseRemote(opts) {
  const ref = parseRunArg(opts.run);
  const server = (ref.server ?? process.env.GITHUB_SERVER_URL ?? "https://github.com").replace(/\/+$/, "");
  const log = opts.log ?? {
    info: (m) => process.stderr.write(m + "\n"),
    warn: (m) => process.stderr.write(`warning: ${m}
`)
  };
  const api = restClient({ token: tokenFor(opts.token, server), baseUrl: apiUrlFor(server), warn: log.warn });
  const outcome = await analyseRun(
    api,
    { repo: ref.repo, server, runId: ref.runId, attempt: ref.attempt },
    {
      rules: opts.rules ?? builtinRules(),
      maxSuspects: opts.maxSuspects,
      maxLogBytes: Math.floor((opts.maxLogMb ?? 32) * 1024 * 1024),
      log
    }
  );
  if (outcome.kind !== "analysed" || !opts.comment) return { outcome };
  if (!outcome.pr) {
    log.info("No pull request for this run: no comment posted.");
    return { outcome };
  }
  let authors = DEFAULT_AUTHORS;
  try {
    authors = [...DEFAULT_AUTHORS, (await api.request("GET /user")).data.login];
  } catch {
  }
  const runUrl = `${server}/${fullName(ref.repo)}/actions/runs/${outcome.run.id}/attempts/${outcome.run.attempt}`;
  const comment = await upsertComment(
    api,
    ref.repo,
    outcome.pr.number,
    commentBody({ report: outcome.report, runUrl, workflowId: outcome.run.workflowId }),
    authors
  );
  log.info(`Comment ${comment.action} on pull request #${outcome.pr.number}: ${comment.url}`);
  return { outcome, comment };
}
async function remoteCommand(args) {
  baselineWasm();
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        run: { type: "string" },
        token: { type: "string" },
        comment: { type: "boolean" },
        rules: { type: "string", multiple: true },
        format: { type: "string" },
        "max-suspects": { type: "string" },
        "max-log-mb": { type: "string" }
      }
    }));
  } catch (e) {
    throw new InputError(e.message.split("\n")[0]);
  }
  if (!values.run) throw new InputError("--run RUN_URL|OWNER/REPO#RUN_ID is required");
  const format = values.format ?? "markdown";
  if (!["markdown", "text", "json"].includes(format))
    throw new InputError(`--format must be markdown, text or json, not '${values.format}'`);
  const num = (name, v) => {
    if (v === void 0) return void 0;
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) throw new InputError(`--${name} must be a positive number`);
    return n;
  };
  let rules = builtinRules();
  for (const file of values.rules ?? []) {
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch (e) {
      throw new InputError(`cannot read rules file ${file}: ${e.message}`);
    }
    rules = mergeRules(rules, parseRules(text, file));
  }
  let result;
  try {
    result = await analyseRemote({
      run: values.run,
      token: values.token,
      comment: values.comment,
      rules,
      maxSuspects: num("max-suspects", values["max-suspects"]),
      maxLogMb: num("max-log-mb", values["max-log-mb"])
    });
  } catch (e) {
    if (e instanceof GitHubAccessError) {
      process.stderr.write(`ci-root-cause: ${e.message}
`);
      return 1;
    }
    throw e;
  }
  if (result.outcome.kind === "not-failed") {
    process.stderr.write(`ci-root-cause: ${result.outcome.message}
`);
    return 0;
  }
  const report = result.outcome.report;
  process.stdout.write(render(report, format, { links: linksOf(report) }));
  return 0;
}
export {
  analyseRemote,
  remoteCommand
};
