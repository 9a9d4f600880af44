import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  shortRunCompiler
} from "./chunks/chunk-46T4ECFP.js";
import {
  DEFAULT_AUTHORS,
  RequestBudget,
  actionClient,
  analyseRun,
  commentBody,
  countRequests,
  findPullRequest,
  findStickyComments,
  fullName,
  memoryStamp,
  outputsOf,
  parseFullName,
  parseRunInput,
  recordHit,
  resolveComment,
  runFailed,
  summaryBody,
  toRunInfo,
  upsertComment,
  writesNeeded
} from "./chunks/chunk-QMKSXRHH.js";
import {
  Deadline,
  GitHubAccessError,
  baselineWasm,
  builtinRules,
  deadlineFlag,
  describeApiFailure,
  isRealError,
  mergeRules,
  render,
  safeText,
  statusOf,
  withPermission
} from "./chunks/chunk-B5EDUBD4.js";
import {
  parseRules
} from "./chunks/chunk-IAZIYXHR.js";
import "./chunks/chunk-PWSKND7J.js";
import "./chunks/chunk-UDEICOH3.js";
import {
  InputError
} from "./chunks/chunk-6YJQBB6I.js";
import "./chunks/chunk-UE7LBXGS.js";
import "./chunks/chunk-CZYETK37.js";

// src/action.ts
import { readFileSync } from "node:fs";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}

// src/github/command.ts
var COMMAND = "/root-cause";
var TRUSTED_ASSOCIATIONS = /* @__PURE__ */ new Set(["OWNER", "MEMBER", "COLLABORATOR"]);
function checkCommand(payload) {
  const body = typeof payload?.comment?.body === "string" ? payload.comment.body : "";
  const first = body.replace(/^\s+/, "").split(/\r?\n/, 1)[0].trim();
  if (first !== COMMAND && !first.startsWith(`${COMMAND} `))
    return { ok: false, reason: "the comment is not a /root-cause command", quiet: true };
  if (payload?.action && payload.action !== "created")
    return {
      ok: false,
      reason: `the comment was ${String(payload.action).slice(0, 20)}, not created`,
      quiet: true
    };
  const pr = payload?.issue?.number;
  if (!payload?.issue?.pull_request || !Number.isSafeInteger(pr) || pr <= 0)
    return { ok: false, reason: "/root-cause works on pull requests only" };
  const association = String(payload?.comment?.author_association ?? "NONE");
  if (!TRUSTED_ASSOCIATIONS.has(association))
    return {
      ok: false,
      reason: `/root-cause is for the repository's collaborators (the author's association is ${association.slice(0, 30)})`
    };
  return { ok: true, pr };
}
async function pullHead(api, repo, pr) {
  const res = await withPermission(
    "pull-requests: write",
    `pull request #${pr}`,
    () => api.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pr })
  );
  return res.data.head.sha;
}
async function latestFailedRun(api, repo, sha) {
  const res = await withPermission(
    "actions: read",
    `the runs of commit ${sha.slice(0, 12)}`,
    () => api.request("GET /repos/{owner}/{repo}/actions/runs", {
      ...repo,
      head_sha: sha,
      status: "completed",
      per_page: 100
    })
  );
  return (res.data.workflow_runs ?? []).map(toRunInfo).filter((r) => r.headSha === sha && runFailed(r)).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
}

// src/github/rules.ts
async function defaultBranch(api, repo) {
  const res = await withPermission(
    "contents: read",
    `repository ${fullName(repo)}`,
    () => api.request("GET /repos/{owner}/{repo}", { ...repo })
  );
  return res.data.default_branch;
}
function checkRulesPath(path) {
  const p = path.trim().replace(/^\.\//, "");
  if (!p || p.startsWith("/") || p.split("/").includes("..") || /[\0\n\r]/.test(p)) {
    throw new InputError(`the rules input must be a path inside the repository, not '${path}'`);
  }
  return p;
}
async function loadRepoRules(api, repo, path, branch) {
  const p = checkRulesPath(path);
  let data;
  try {
    data = (await withPermission(
      "contents: read",
      `the rules file ${p}`,
      () => api.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: p, ref: branch })
    )).data;
  } catch (e) {
    if (statusOf(e) === 404)
      throw new InputError(`the rules file '${p}' was not found on the default branch '${branch}'`);
    throw e;
  }
  const file = data;
  if (Array.isArray(data) || file.type !== "file" || typeof file.content !== "string") {
    throw new InputError(`the rules input '${p}' is not a file on the default branch '${branch}'`);
  }
  const text = file.encoding === "base64" ? Buffer.from(file.content, "base64").toString("utf8") : file.content;
  return parseRules(text, `${p}@${branch}`);
}

// src/github/safeLog.ts
import { randomBytes } from "node:crypto";
function neutralise(text) {
  return safeText(text);
}
function writeUntrusted(write, text) {
  let token = randomBytes(16).toString("hex");
  while (text.includes(token)) token = randomBytes(16).toString("hex");
  write(`::stop-commands::${token}`);
  for (const line of text.split("\n")) write(neutralise(line));
  write(`::${token}::`);
}

// src/action.ts
function readPayload() {
  const path = process.env.GITHUB_EVENT_PATH;
  if (!path) return {};
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return {};
  }
}
function positiveInput(name, fallback) {
  const raw = getInput(name);
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new InputError(`the ${name} input must be a positive number, not '${raw.slice(0, 40)}'`);
  return n;
}
function countInput(name, fallback) {
  const raw = getInput(name).trim();
  if (!raw) return fallback;
  if (!/^\d{1,4}$/.test(raw))
    throw new InputError(`the ${name} input must be a whole number, not '${raw.slice(0, 40)}'`);
  return Number(raw);
}
function booleanInput(name, fallback) {
  const raw = getInput(name).trim().toLowerCase();
  if (!raw) return fallback;
  if (["true", "yes", "1", "on"].includes(raw)) return true;
  if (["false", "no", "0", "off"].includes(raw)) return false;
  throw new InputError(`the ${name} input must be true or false, not '${raw.slice(0, 40)}'`);
}
var logger = {
  info: (m) => info(neutralise(m)),
  warn: (m) => warning(neutralise(m))
};
async function commentAuthors(api, token) {
  if (token.startsWith("ghs_")) return DEFAULT_AUTHORS;
  try {
    const me = await api.request("GET /user");
    return [...DEFAULT_AUTHORS, me.data.login];
  } catch {
    return DEFAULT_AUTHORS;
  }
}
function setOutputs(values) {
  for (const [k, v] of Object.entries(values)) setOutput(k, v);
}
var NOT_FAILED_OUTPUTS = {
  report: "",
  suspects: "[]",
  verdict: "not-failed",
  "comment-url": "",
  "last-green-sha": ""
};
async function runAction() {
  const deadline = new Deadline(
    deadlineFlag(getInput("deadline-seconds"), "the deadline-seconds input")
  );
  const token = getInput("github-token", { required: true });
  const server = (process.env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const apiUrl = process.env.GITHUB_API_URL || "https://api.github.com";
  const repo = parseFullName(process.env.GITHUB_REPOSITORY ?? "");
  if (!repo) throw new InputError("GITHUB_REPOSITORY is not set: this runs inside a GitHub Actions job");
  const event = process.env.GITHUB_EVENT_NAME ?? "";
  const payload = readPayload();
  const maxSuspects = Math.floor(positiveInput("max-suspects", 5));
  const maxLogBytes = Math.floor(positiveInput("max-log-mb", 32) * 1024 * 1024);
  const comment = booleanInput("comment", true);
  const baseCheck = booleanInput("base-branch-check", true);
  const historyDays = countInput("history-days", 14);
  const historyPages = Math.max(1, countInput("history-pages", 1));
  const labelInput = getInput("known-issue-label").trim() || "ci-known-issue";
  const knownIssueLabel = ["none", "false"].includes(labelInput.toLowerCase()) ? "" : labelInput;
  if (knownIssueLabel.length > 50 || /[,\u0000-\u001f]/.test(knownIssueLabel))
    throw new InputError(
      "the known-issue-label input must be one label name (at most 50 characters, no comma)"
    );
  const knownIssueHits = booleanInput("known-issue-hits", false);
  const prInput = getInput("pr-number").trim();
  let prNumber;
  if (prInput) {
    if (!/^[1-9][0-9]{0,9}$/.test(prInput))
      throw new InputError(`the pr-number input must be a positive integer, not '${prInput.slice(0, 40)}'`);
    prNumber = Number(prInput);
  }
  const rulesPath = getInput("rules").trim();
  if (rulesPath) checkRulesPath(rulesPath);
  const api = actionClient({ token, baseUrl: apiUrl, warn: logger.warn });
  const budget = new RequestBudget();
  countRequests(api, budget);
  const runInput = getInput("run-id").trim() || (event === "workflow_dispatch" ? String(payload.inputs?.["run-id"] ?? "").trim() : "");
  const wr = event === "workflow_run" ? payload.workflow_run : void 0;
  let runId;
  let attempt;
  let commandRun;
  if (runInput) {
    const ref = parseRunInput(runInput, repo, server);
    runId = ref.runId;
    attempt = ref.attempt;
  } else if (wr && typeof wr.id === "number") {
    runId = wr.id;
    attempt = typeof wr.run_attempt === "number" ? wr.run_attempt : void 0;
    if (wr.conclusion === "success") {
      await resolveFixed(api, repo, token, wr, comment, prNumber);
      return;
    }
  } else if (event === "issue_comment") {
    const c = checkCommand(payload);
    if (!c.ok) {
      info(`Nothing to do: ${neutralise(c.reason)}.`);
      return;
    }
    prNumber ??= c.pr;
    const sha = await pullHead(api, repo, c.pr);
    const failedRun = await latestFailedRun(api, repo, sha);
    if (!failedRun) {
      notice(
        `/root-cause: no failed run at the head commit ${sha.slice(0, 12)} of pull request #${c.pr}.`
      );
      setOutputs(NOT_FAILED_OUTPUTS);
      return;
    }
    info(`/root-cause on pull request #${c.pr}: analysing run ${failedRun.id} (${failedRun.event})`);
    commandRun = failedRun;
    runId = failedRun.id;
    attempt = failedRun.attempt;
  } else {
    throw new InputError(
      `no run to analyse: use this action on workflow_run or issue_comment (/root-cause), or give the run-id input (event: '${event || "none"}')`
    );
  }
  const rules = async () => {
    const path = rulesPath;
    if (!path) return builtinRules();
    const branch = payload.repository?.default_branch ?? await defaultBranch(api, repo);
    return mergeRules(builtinRules(), await loadRepoRules(api, repo, path, branch));
  };
  let authors = DEFAULT_AUTHORS;
  let sticky;
  let listPages = 1;
  const reserve = async (pr2, run3) => {
    if (!comment || !pr2) return 0;
    authors = await commentAuthors(api, token);
    const before = budget.used;
    sticky = await findStickyComments(api, repo, pr2.number, authors, run3.workflowId);
    listPages = Math.max(1, budget.used - before);
    return writesNeeded(sticky);
  };
  const defaultBranchName = payload.repository?.default_branch;
  const outcome = await analyseRun(
    api,
    {
      repo,
      server,
      runId,
      attempt,
      // The event's run: not fetched again (the payload is the attempt that completed).
      run: commandRun ?? (wr && !runInput ? toRunInfo(wr) : void 0),
      defaultBranch: typeof defaultBranchName === "string" ? defaultBranchName : void 0
    },
    {
      rules,
      maxSuspects,
      maxLogBytes,
      // The runner's temporary folder (emptied after each job); the logs are spooled there.
      tempDir: process.env.RUNNER_TEMP || void 0,
      prNumber,
      log: logger,
      baseCheck,
      budget,
      reserve,
      deadline,
      ...knownIssueLabel ? { knownIssueLabel } : {},
      ...historyDays > 0 ? { memory: { days: historyDays, pages: historyPages, authors: () => authors } } : {}
    }
  );
  if (outcome.kind === "not-failed") {
    notice(neutralise(outcome.message));
    setOutputs(NOT_FAILED_OUTPUTS);
    return;
  }
  const { report, pr, run: run2 } = outcome;
  const runUrl = `${server}/${fullName(repo)}/actions/runs/${run2.id}/attempts/${run2.attempt}`;
  startGroup("Root-cause report");
  writeUntrusted((line) => process.stdout.write(line + "\n"), render(report, "text"));
  endGroup();
  let commentUrl;
  if (comment && pr) {
    const published = await upsertComment(
      api,
      repo,
      pr.number,
      commentBody({
        report,
        runUrl,
        workflowId: run2.workflowId,
        stamp: memoryStamp({
          wf: run2.workflowId,
          run: run2.id,
          attempt: run2.attempt,
          sha: run2.headSha,
          at: run2.createdAt,
          fps: report.findings.filter(isRealError).flatMap((f) => f.fingerprint ? [f.fingerprint] : [])
        })
      }),
      authors,
      // Re-reading the comments after posting (racing analyses) only when the budget allows it.
      { existing: sticky, verify: budget.allows(listPages) }
    );
    commentUrl = published.url;
    info(`Comment ${published.action} on pull request #${pr.number}: ${published.url}`);
  } else if (!pr) {
    info("No pull request for this run: the report is in the job summary and the outputs.");
  }
  if (knownIssueHits && report.knownIssues?.length) {
    budget.limit += 2 * Math.min(3, report.knownIssues.length);
    for (const k of report.knownIssues.slice(0, 3)) {
      if (!budget.allows(2)) {
        info(`Known issue #${k.number}: hit not recorded (request budget spent).`);
        continue;
      }
      try {
        const url = await recordHit(
          api,
          repo,
          k.number,
          { run: run2.id, attempt: run2.attempt, at: run2.createdAt, ...pr ? { pr: pr.number } : {} },
          { authors, now: Date.parse(run2.createdAt) || Date.now(), server }
        );
        info(`Known issue #${k.number}: hit recorded (${url}).`);
      } catch (e) {
        warning(
          neutralise(
            `Known issue #${k.number}: hit not recorded: ${e?.message ?? e}`.split("\n")[0]
          )
        );
      }
    }
  }
  await summary.addRaw(summaryBody({ report, runUrl })).write();
  setOutputs({ ...outputsOf(report, commentUrl, outcome.lastGreenSha) });
  info(`GitHub API requests: ${budget.used} (budget ${budget.limit})`);
}
async function resolveFixed(api, repo, token, wr, comment, prNumber) {
  const run2 = toRunInfo(wr);
  setOutputs({
    report: "",
    suspects: "[]",
    verdict: "passed",
    "comment-url": "",
    "last-green-sha": run2.headSha ?? ""
  });
  if (!comment) {
    info(`Run ${run2.id} passed: nothing to analyse.`);
    return;
  }
  const pr = await findPullRequest(api, repo, run2, prNumber, logger.warn);
  if (!pr) {
    info(`Run ${run2.id} passed and belongs to no pull request: nothing to do.`);
    return;
  }
  if (pr.headSha !== run2.headSha) {
    info(
      `Run ${run2.id} passed on ${run2.headSha.slice(0, 12)}, which is not the head of pull request #${pr.number}: its comment is left as it is.`
    );
    return;
  }
  const server = (process.env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  const done = await resolveComment(api, repo, pr.number, await commentAuthors(api, token), {
    sha: run2.headSha,
    runId: run2.id,
    runUrl: `${server}/${fullName(repo)}/actions/runs/${run2.id}`,
    workflowId: run2.workflowId
  });
  if (done && done.action === "unchanged" && done.deleted === 0) {
    info(`Run ${run2.id} passed; the comment on pull request #${pr.number} needs no change.`);
  } else if (done) {
    setOutput("comment-url", done.url);
    info(
      `Run ${run2.id} passed: the comment on pull request #${pr.number} is marked fixed in ${run2.headSha.slice(0, 12)}.`
    );
  } else {
    info(`Run ${run2.id} passed; pull request #${pr.number} has no root-cause comment to resolve.`);
  }
}
async function run() {
  baselineWasm();
  shortRunCompiler();
  try {
    await runAction();
  } catch (e) {
    if (e instanceof GitHubAccessError || e instanceof InputError) {
      setFailed(neutralise(e.message));
    } else if (describeApiFailure(e)) {
      debug(neutralise(String(e?.stack ?? e)));
      setFailed(neutralise(describeApiFailure(e)));
    } else {
      const err = e;
      debug(neutralise(String(err?.stack ?? err)));
      setFailed(
        neutralise(`ci-root-cause: internal error: ${err?.message ?? String(err)}`.split("\n")[0])
      );
    }
  }
}
export {
  run
};
