import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  DEFAULT_AUTHORS,
  RequestBudget,
  analyseRun,
  commentBody,
  countRequests,
  fullName,
  linksOf,
  parseRunArg,
  restClient,
  upsertComment
} from "./chunk-QMKSXRHH.js";
import {
  DEFAULT_DEADLINE_SECONDS,
  Deadline,
  baselineWasm,
  builtinRules,
  deadlineFlag,
  mergeRules,
  printable,
  render
} from "./chunk-B5EDUBD4.js";
import {
  parseRules
} from "./chunk-IAZIYXHR.js";
import "./chunk-PWSKND7J.js";
import "./chunk-UDEICOH3.js";
import {
  InputError
} from "./chunk-6YJQBB6I.js";
import "./chunk-UE7LBXGS.js";
import "./chunk-CZYETK37.js";

// src/github/remote.ts
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
var isLoopback = (hostname) => hostname === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === "[::1]";
function apiTarget(runServer, explicitApi) {
  const named = explicitApi?.trim() || process.env.GITHUB_API_URL?.trim() || "";
  const apiText = named || "https://api.github.com";
  let api;
  try {
    api = new URL(apiText);
  } catch {
    throw new InputError(`the API URL is not a URL: '${apiText.slice(0, 120)}'`);
  }
  if (api.username || api.password || api.search || api.hash)
    throw new InputError("the API URL must not carry credentials, a query or a fragment");
  if (api.protocol !== "https:" && !(api.protocol === "http:" && isLoopback(api.hostname)))
    throw new InputError(
      `refusing to send a token to ${api.origin}: the API URL must be https (http only to a loopback address)`
    );
  const dotcom = api.hostname.toLowerCase() === "api.github.com";
  const base = `${api.origin}${api.pathname.replace(/\/+$/, "")}`;
  const own = dotcom ? "https://github.com" : api.origin;
  const server = (runServer ?? process.env.GITHUB_SERVER_URL ?? own).replace(/\/+$/, "");
  let host;
  try {
    host = new URL(server).host.toLowerCase();
  } catch {
    throw new InputError(`the server URL is not a URL: '${server.slice(0, 120)}'`);
  }
  const expected = dotcom ? "github.com" : api.host.toLowerCase();
  if (host !== expected) {
    throw new InputError(
      dotcom && !named ? `the run is on ${host}, not github.com: to send your token there, name its API with --api-url https://${host}/api/v3 (or GITHUB_API_URL)` : `the run is on ${host}, but the API is ${api.host}: give a run of ${expected}, or the API of ${host} with --api-url`
    );
  }
  return {
    api: base,
    server: dotcom ? "https://github.com" + new URL(server).pathname.replace(/\/+$/, "") : server
  };
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
  const target = apiTarget(ref.server, opts.apiUrl);
  const server = target.server;
  const log = opts.log ?? {
    info: (m) => process.stderr.write(printable(m) + "\n"),
    warn: (m) => process.stderr.write(`warning: ${printable(m)}
`)
  };
  const api = restClient({ token: tokenFor(opts.token, server), baseUrl: target.api, warn: log.warn });
  countRequests(api, new RequestBudget());
  const outcome = await analyseRun(
    api,
    { repo: ref.repo, server, runId: ref.runId, attempt: ref.attempt },
    {
      rules: opts.rules ?? builtinRules(),
      maxSuspects: opts.maxSuspects,
      maxLogBytes: Math.floor((opts.maxLogMb ?? 32) * 1024 * 1024),
      log,
      deadline: new Deadline(opts.deadlineSeconds ?? DEFAULT_DEADLINE_SECONDS)
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
        "api-url": { type: "string" },
        comment: { type: "boolean" },
        rules: { type: "string", multiple: true },
        format: { type: "string" },
        "max-suspects": { type: "string" },
        "max-log-mb": { type: "string" },
        deadline: { type: "string" }
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
  const result = await analyseRemote({
    run: values.run,
    token: values.token,
    apiUrl: values["api-url"],
    comment: values.comment,
    rules,
    maxSuspects: num("max-suspects", values["max-suspects"]),
    maxLogMb: num("max-log-mb", values["max-log-mb"]),
    deadlineSeconds: deadlineFlag(values.deadline)
  });
  if (result.outcome.kind === "not-failed") {
    process.stderr.write(`ci-root-cause: ${printable(result.outcome.message)}
`);
    return 0;
  }
  const report = result.outcome.report;
  process.stdout.write(render(report, format, { links: linksOf(report) }));
  return 0;
}
export {
  analyseRemote,
  apiTarget,
  remoteCommand
};
