import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  RuleMatcher,
  validateRulePack
} from "./chunk-PWSKND7J.js";
import {
  InputError
} from "./chunk-6YJQBB6I.js";
import {
  __commonJS,
  __toESM
} from "./chunk-CZYETK37.js";

// node_modules/stacktrace-parser/dist/stack-trace-parser.cjs.js
var require_stack_trace_parser_cjs = __commonJS({
  "node_modules/stacktrace-parser/dist/stack-trace-parser.cjs.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: true });
    var UNKNOWN_FUNCTION = "<unknown>";
    function parse3(stackString) {
      var lines = stackString.split("\n");
      return lines.reduce(function(stack, line) {
        var parseResult = parseChrome(line) || parseWinjs(line) || parseGecko(line) || parseNode(line) || parseJSC(line);
        if (parseResult) {
          stack.push(parseResult);
        }
        return stack;
      }, []);
    }
    var chromeRe = /^\s*at (.*?) ?\(((?:file|https?|blob|chrome-extension|native|eval|webpack|rsc|<anonymous>|\/|[a-z]:\\|\\\\).*?)(?::(\d+))?(?::(\d+))?\)?\s*$/i;
    var chromeEvalRe = /\((\S*)(?::(\d+))(?::(\d+))\)/;
    function parseChrome(line) {
      var parts = chromeRe.exec(line);
      if (!parts) {
        return null;
      }
      var isNative = parts[2] && parts[2].indexOf("native") === 0;
      var isEval = parts[2] && parts[2].indexOf("eval") === 0;
      var submatch = chromeEvalRe.exec(parts[2]);
      if (isEval && submatch != null) {
        parts[2] = submatch[1];
        parts[3] = submatch[2];
        parts[4] = submatch[3];
      }
      return {
        file: !isNative ? parts[2] : null,
        methodName: parts[1] || UNKNOWN_FUNCTION,
        arguments: isNative ? [parts[2]] : [],
        lineNumber: parts[3] ? +parts[3] : null,
        column: parts[4] ? +parts[4] : null
      };
    }
    var winjsRe = /^\s*at (?:((?:\[object object\])?.+) )?\(?((?:file|ms-appx|https?|webpack|rsc|blob):.*?):(\d+)(?::(\d+))?\)?\s*$/i;
    function parseWinjs(line) {
      var parts = winjsRe.exec(line);
      if (!parts) {
        return null;
      }
      return {
        file: parts[2],
        methodName: parts[1] || UNKNOWN_FUNCTION,
        arguments: [],
        lineNumber: +parts[3],
        column: parts[4] ? +parts[4] : null
      };
    }
    var geckoRe = /^\s*(.*?)(?:\((.*?)\))?(?:^|@)((?:file|https?|blob|chrome|webpack|rsc|resource|\[native).*?|[^@]*bundle)(?::(\d+))?(?::(\d+))?\s*$/i;
    var geckoEvalRe = /(\S+) line (\d+)(?: > eval line \d+)* > eval/i;
    function parseGecko(line) {
      var parts = geckoRe.exec(line);
      if (!parts) {
        return null;
      }
      var isEval = parts[3] && parts[3].indexOf(" > eval") > -1;
      var submatch = geckoEvalRe.exec(parts[3]);
      if (isEval && submatch != null) {
        parts[3] = submatch[1];
        parts[4] = submatch[2];
        parts[5] = null;
      }
      return {
        file: parts[3],
        methodName: parts[1] || UNKNOWN_FUNCTION,
        arguments: parts[2] ? parts[2].split(",") : [],
        lineNumber: parts[4] ? +parts[4] : null,
        column: parts[5] ? +parts[5] : null
      };
    }
    var javaScriptCoreRe = /^\s*(?:([^@]*)(?:\((.*?)\))?@)?(\S.*?):(\d+)(?::(\d+))?\s*$/i;
    function parseJSC(line) {
      var parts = javaScriptCoreRe.exec(line);
      if (!parts) {
        return null;
      }
      return {
        file: parts[3],
        methodName: parts[1] || UNKNOWN_FUNCTION,
        arguments: [],
        lineNumber: +parts[4],
        column: parts[5] ? +parts[5] : null
      };
    }
    var nodeRe = /^\s*at (?:((?:\[object object\])?[^\\/]+(?: \[as \S+\])?) )?\(?(.*?):(\d+)(?::(\d+))?\)?\s*$/i;
    function parseNode(line) {
      var parts = nodeRe.exec(line);
      if (!parts) {
        return null;
      }
      return {
        file: parts[2],
        methodName: parts[1] || UNKNOWN_FUNCTION,
        arguments: [],
        lineNumber: +parts[3],
        column: parts[4] ? +parts[4] : null
      };
    }
    exports.parse = parse3;
  }
});

// src/github/errors.ts
var GitHubAccessError = class extends Error {
  constructor(message, status, detail2) {
    super(message);
    this.status = status;
    this.detail = detail2;
  }
  status;
  detail;
  name = "GitHubAccessError";
};
function rateLimitReset(headers, now = Date.now()) {
  const reset = Number(headers["x-ratelimit-reset"]);
  if (headers["x-ratelimit-reset"] !== void 0 && Number.isFinite(reset) && reset > 0)
    return new Date(reset * 1e3);
  const after = Number(headers["retry-after"]);
  if (headers["retry-after"] !== void 0 && Number.isFinite(after) && after >= 0)
    return new Date(now + after * 1e3);
  return void 0;
}
function describeReset(at, now = Date.now()) {
  const minutes = Math.max(0, Math.ceil((at.getTime() - now) / 6e4));
  return `${at.toISOString().slice(11, 19)} UTC (in ${minutes} min)`;
}
var SECONDARY_LIMIT = /secondary rate limit|abuse detection/i;
function statusOf(e) {
  const s = e?.status;
  return typeof s === "number" ? s : void 0;
}
function explainApiError(e, need, what, notFound) {
  const status = statusOf(e);
  if (status === 401) {
    return new GitHubAccessError(
      `GitHub rejected the token (401) while reading ${what}: check the github-token input.`,
      401,
      { need, what }
    );
  }
  if (status === 403 || status === 429) {
    const headers = e.response?.headers ?? {};
    if (String(headers["x-ratelimit-remaining"]) === "0" || status === 429) {
      const resetAt = rateLimitReset(headers);
      return new GitHubAccessError(
        `GitHub API rate limit exhausted while reading ${what} (${status})${resetAt ? `; it resets at ${describeReset(resetAt)}` : ""}: try again later.`,
        status,
        { need, what, resetAt }
      );
    }
    if (headers["retry-after"] !== void 0 || SECONDARY_LIMIT.test(String(e.message ?? ""))) {
      return new GitHubAccessError(
        `GitHub API secondary rate limit hit while reading ${what} (${status}): too many requests in a short time; try again in a few minutes.`,
        status
      );
    }
    return new GitHubAccessError(
      `Permission missing (${status}) while reading ${what}: grant \`${need}\` in the workflow's permissions block.`,
      status,
      { need, what }
    );
  }
  if (status === 404 && notFound) return new GitHubAccessError(notFound, 404, { need, what });
  return e;
}
function describeApiFailure(e) {
  const status = statusOf(e);
  if (status === void 0) return void 0;
  const req = e.request;
  let where2 = "";
  if (req?.url) {
    try {
      where2 = ` on ${req.method ?? "GET"} ${new URL(req.url).pathname}`;
    } catch {
      where2 = "";
    }
  }
  const network = networkFailure(e);
  if (network)
    return `Could not reach GitHub (${network.code}${network.host ? ` ${network.host}` : ""})${where2} after retries. Re-run the job later.`;
  const message = String(e.message ?? "").split("\n")[0].replace(/ - https:\/\/docs\.github\.com\S*$/, "").slice(0, 200);
  return `GitHub API failed (${status})${where2} after retries${message ? `: ${message}` : ""}. Re-run the job later.`;
}
async function withPermission(need, what, fn, notFound) {
  try {
    return await fn();
  } catch (e) {
    throw explainApiError(e, need, what, notFound);
  }
}
var DNS_CODES = /* @__PURE__ */ new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_FAIL", "EAI_NONAME", "EAI_NODATA"]);
var CONNECTION_CODES = /* @__PURE__ */ new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EPIPE",
  "ECONNABORTED",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT"
]);
function networkFailure(e) {
  const seen = /* @__PURE__ */ new Set();
  let host;
  const url = e?.request?.url;
  if (url) {
    try {
      host = new URL(url).host;
    } catch {
      host = void 0;
    }
  }
  for (let x = e; x && typeof x === "object" && !seen.has(x); x = x.cause) {
    seen.add(x);
    const err = x;
    const codes = [
      typeof err.code === "string" ? err.code : void 0,
      ...String(err.message ?? "").match(/\b(?:E[A-Z_]{3,}|UND_ERR_[A-Z_]+)\b/g) ?? []
    ];
    for (const code2 of codes) {
      if (!code2) continue;
      const named = typeof err.hostname === "string" ? err.hostname : /getaddrinfo \w+ (\S+)/.exec(String(err.message ?? ""))?.[1];
      if (DNS_CODES.has(code2)) return { kind: "dns", code: code2, host: named ?? host };
      if (CONNECTION_CODES.has(code2)) return { kind: "connection", code: code2, host };
    }
    if (err.message === "fetch failed" && !x.cause)
      return { kind: "connection", code: "fetch failed", host };
  }
  return void 0;
}

// src/memory.ts
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
var MiB = 1024 * 1024;
function memoryGuard(options) {
  const { ceiling, checkEvery = 4 * MiB, collectEvery = 16 * MiB } = options;
  const rss = options.rss ?? (() => process.memoryUsage.rss());
  let gc;
  const collect = options.collect ?? (() => {
    if (gc === void 0) {
      try {
        setFlagsFromString("--expose-gc");
        gc = runInNewContext("gc");
      } catch {
        gc = null;
      }
    }
    gc?.();
  });
  let until = 0;
  return (bytes, last = false) => {
    until -= bytes;
    if (until > 0 && !last) return;
    if (rss() < ceiling) {
      until = checkEvery;
      return;
    }
    collect();
    until = collectEvery;
  };
}
function baselineWasm() {
  try {
    setFlagsFromString("--liftoff-only");
  } catch {
  }
}

// src/version.ts
var TOOL_NAME = "ci-root-cause";
var TOOL_VERSION = "0.1.0";
var REPORT_VERSION = "1.0.0";

// src/analyze/fingerprint.ts
import { createHash } from "node:crypto";
var FINGERPRINT_VERSION = 1;
var TIMESTAMP = /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?|\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g;
var UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
var HEX = /\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi;
var TEMP_PATH = /(?:[A-Za-z]:)?(?:[/\\][\w.~$-]*)*?[/\\](?:tmp|temp|_temp|var[/\\]folders|pytest-of-[\w.-]+|junit\d+)(?:[/\\][^\s'"`:,;()[\]{}<>]*)?/gi;
var TEMP_NAME = /\b(?:tmp|temp)[\w-]{5,}\b/gi;
var PATH = /(?:[A-Za-z]:)?(?:[\w.@+~-]*[/\\])+[\w.@+~-]+/g;
var NUMBER = /\d+(?:[.,]\d+)*/g;
var QUALIFIED = /\b(?:[a-z_][\w$]*\.)+([A-Z][\w$]*)\b/g;
function maskMessage(message) {
  return message.slice(0, 600).replace(TIMESTAMP, "<time>").replace(UUID, "<uuid>").replace(TEMP_PATH, "<tmp>").replace(TEMP_NAME, "<tmp>").replace(HEX, "<hex>").replace(QUALIFIED, "$1").replace(
    PATH,
    (p) => p.split(/[/\\]+/).slice(-2).join("/")
  ).replace(NUMBER, "N").replace(/\s+/g, " ").trim().slice(0, 300);
}
function maskTest(test) {
  return test.replace(TIMESTAMP, "<time>").replace(UUID, "<uuid>").replace(HEX, "<hex>").replace(/\s+/g, " ").trim();
}
function jobBase(job) {
  if (!job) return "";
  return job.replace(/\s*\([^()]*\)\s*$/, "").trim();
}
function matrixValues(job) {
  const m = /\(([^()]*)\)\s*$/.exec(job);
  return m ? m[1].trim() : "";
}
function fileTail(file) {
  if (!file) return "";
  return file.split(/[/\\]+/).filter(Boolean).slice(-2).join("/");
}
function failureKey(f, job) {
  return [
    f.tool,
    f.code ?? "",
    f.test ? maskTest(f.test) : "",
    fileTail(f.file),
    maskMessage(f.message),
    jobBase(job)
  ].join("|");
}
function fingerprint(f, job) {
  return createHash("sha256").update(`v${FINGERPRINT_VERSION}
${failureKey(f, job)}`).digest("hex").slice(0, 16);
}
function attachFingerprints(findings) {
  for (const f of findings) f.fingerprint = fingerprint(f, f.location?.job);
  return findings;
}
function matrixGroups(findings) {
  const by = /* @__PURE__ */ new Map();
  findings.forEach((f, i) => {
    const job = f.location?.job;
    if (!f.fingerprint || !job || !matrixValues(job)) return;
    const g = by.get(f.fingerprint) ?? {
      fingerprint: f.fingerprint,
      job: jobBase(job),
      values: [],
      finding: i,
      jobs: /* @__PURE__ */ new Set()
    };
    if (!g.jobs.has(job)) {
      g.jobs.add(job);
      g.values.push(matrixValues(job));
    }
    by.set(f.fingerprint, g);
  });
  return [...by.values()].filter((g) => g.values.length > 1).map(({ fingerprint: fingerprint2, job, values, finding: finding5 }) => ({ fingerprint: fingerprint2, job, values, finding: finding5 })).sort((a, b) => a.finding - b.finding);
}

// src/analyze/confidence.ts
var SCORE_SCALE = 8;
var MIN_SCORE = 1.5;
var CAUSE_CONFIDENCE = 0.8;
var LEAD_CONFIDENCE = 0.4;
function absoluteConfidence(score) {
  return score > 0 ? 1 - Math.exp(-score / SCORE_SCALE) : 0;
}
function confidence(score, rival) {
  if (!(score > 0)) return 0;
  const margin = (score - Math.max(0, rival)) / score;
  const factor = 0.4 + 0.6 * Math.min(1, Math.max(0, margin / 0.75));
  return Math.round(absoluteConfidence(score) * factor * 100) / 100;
}

// src/analyze/glob.ts
var MAX_EXPANSIONS = 64;
function expandBraces(pattern) {
  const open = findBrace(pattern);
  if (!open) return [pattern];
  const { start, end, parts } = open;
  const out = [];
  for (const part of parts) {
    for (const e of expandBraces(pattern.slice(0, start) + part + pattern.slice(end + 1))) {
      out.push(e);
      if (out.length >= MAX_EXPANSIONS) return out;
    }
  }
  return out;
}
function findBrace(p) {
  for (let i = 0; i < p.length; i++) {
    if (p[i] === "\\") {
      i++;
      continue;
    }
    if (p[i] !== "{") continue;
    let depth = 0;
    const parts = [];
    let from = i + 1;
    for (let j = i; j < p.length; j++) {
      const c = p[j];
      if (c === "\\") {
        j++;
      } else if (c === "{") {
        depth++;
      } else if (c === "}") {
        depth--;
        if (depth === 0) {
          parts.push(p.slice(from, j));
          if (parts.length < 2) break;
          return { start: i, end: j, parts };
        }
      } else if (c === "," && depth === 1) {
        parts.push(p.slice(from, j));
        from = j + 1;
      }
    }
  }
  return void 0;
}
function tokenize(p) {
  const out = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && i + 1 < p.length) {
      out.push({ t: "lit", c: p[++i] });
    } else if (c === "*") {
      let j = i;
      while (j < p.length && p[j] === "*") j++;
      const run = j - i;
      const atSegStart = i === 0 || p[i - 1] === "/";
      if (run >= 2 && atSegStart && p[j] === "/") {
        out.push({ t: "dirs" });
        i = j;
      } else if (run >= 2 && atSegStart && j === p.length) {
        out.push({ t: "globstar" });
        i = j - 1;
      } else if (run >= 2) {
        out.push({ t: "globstar" });
        i = j - 1;
      } else {
        out.push({ t: "star" });
      }
    } else if (c === "?") {
      out.push({ t: "any" });
    } else if (c === "[") {
      const close = p.indexOf("]", i + 2);
      if (close < 0) {
        out.push({ t: "lit", c });
        continue;
      }
      let body3 = p.slice(i + 1, close);
      const negate = body3[0] === "!" || body3[0] === "^";
      if (negate) body3 = body3.slice(1);
      const items2 = [];
      for (let k = 0; k < body3.length; k++) {
        if (body3[k + 1] === "-" && k + 2 < body3.length) {
          items2.push([body3[k], body3[k + 2]]);
          k += 2;
        } else items2.push(body3[k]);
      }
      out.push({ t: "class", negate, items: items2 });
      i = close;
    } else {
      out.push({ t: "lit", c });
    }
  }
  return out;
}
function classMatches(tok, ch) {
  if (ch === "/") return false;
  const hit = tok.items.some((it) => typeof it === "string" ? it === ch : ch >= it[0] && ch <= it[1]);
  return tok.negate ? !hit : hit;
}
function matchTokens(tokens, s) {
  const n = s.length;
  let dp = new Array(n + 1).fill(false);
  dp[0] = true;
  for (const tok of tokens) {
    const next = new Array(n + 1).fill(false);
    switch (tok.t) {
      case "lit":
        for (let j = 0; j < n; j++) if (dp[j] && s[j] === tok.c) next[j + 1] = true;
        break;
      case "any":
        for (let j = 0; j < n; j++) if (dp[j] && s[j] !== "/") next[j + 1] = true;
        break;
      case "class":
        for (let j = 0; j < n; j++) if (dp[j] && classMatches(tok, s[j])) next[j + 1] = true;
        break;
      case "star":
        for (let j = 0; j <= n; j++) next[j] = dp[j] || j > 0 && next[j - 1] && s[j - 1] !== "/";
        break;
      case "globstar":
        for (let j = 0; j <= n; j++) next[j] = dp[j] || j > 0 && next[j - 1];
        break;
      case "dirs": {
        let seen = false;
        for (let j = 0; j <= n; j++) {
          next[j] = dp[j] || seen && s[j - 1] === "/";
          if (dp[j]) seen = true;
        }
        break;
      }
    }
    dp = next;
  }
  return dp[n];
}
function compileGlob(pattern) {
  const alternatives = expandBraces(pattern.trim().replace(/^\.?\//, "")).map((p) => ({
    base: !p.includes("/"),
    tokens: tokenize(p.replace(/^\.?\//, ""))
  }));
  return (path2) => {
    const full = path2.replace(/\\/g, "/").replace(/^\.?\//, "");
    const base2 = full.slice(full.lastIndexOf("/") + 1);
    return alternatives.some((a) => matchTokens(a.tokens, a.base ? base2 : full));
  };
}

// src/analyze/hunks.ts
var NEAR_LINES = 3;
function changedRange(h) {
  if (h.added.length) {
    let lo = Infinity;
    let hi = -Infinity;
    for (const l of h.added) {
      if (l.line < lo) lo = l.line;
      if (l.line > hi) hi = l.line;
    }
    return [lo, hi];
  }
  if (h.removed.length) {
    const anchor = Math.max(1, h.newStart + (h.removed[0].line - h.oldStart));
    return [anchor, anchor];
  }
  const start = Math.max(1, h.newStart);
  return [start, start + Math.max(0, h.newLines - 1)];
}
function hunkDistance(h, line) {
  if (h.added.length) {
    let best = Infinity;
    for (const l of h.added) {
      const d = Math.abs(l.line - line);
      if (d < best) best = d;
      if (!best) return 0;
    }
    if (h.removed.length) {
      const [lo2, hi2] = changedRange(h);
      if (line >= lo2 && line <= hi2) return 0;
    }
    return best;
  }
  const [lo, hi] = changedRange(h);
  if (!h.removed.length && line >= lo && line <= hi) return 0;
  if (h.removed.length) {
    if (line === lo || line === lo - 1) return 0;
    return line < lo ? lo - 1 - line : line - lo;
  }
  return line < lo ? lo - line : line - hi;
}
function nearestHunk(file, line) {
  let best;
  file.hunks.forEach((hunk, index) => {
    const distance = hunkDistance(hunk, line);
    if (!best || distance < best.distance) best = { hunk, index, distance };
  });
  return best;
}
function formatRange([a, b]) {
  return a === b ? `line ${a}` : `lines ${a}-${b}`;
}
function mergeRanges(ranges) {
  const sorted = ranges.filter((r) => r[0] > 0 && r[1] >= r[0]).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}
var CONTINUES_BLOCK = /^(?:[}\])]|else\b|elif\b|except\b|finally\b|catch\b|\.|,|&&|\|\||\+|\?|:)/;
function addsSeparateDeclarationAfter(h, line) {
  if (h.removed.length || !h.added.length) return false;
  const added = [...h.added].sort((a, b) => a.line - b.line);
  if (added[0].line <= line) return false;
  const first = added.find((l) => l.text.trim() !== "");
  if (!first) return false;
  return !/^\s/.test(first.text) && !CONTINUES_BLOCK.test(first.text);
}
var DECLARATION = /^(?:export\s+|pub(?:\([^)]*\))?\s+|public\s+|private\s+|protected\s+|static\s+|async\s+|default\s+)*(?:def|class|function|const|let|var|func|fn|type|interface|struct|enum|impl|trait|mod|module\.exports\.\w+\s*=|exports\.\w+\s*=|@\w)/;
var COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*|#(?!include|define|if|endif|else|pragma))/;
function onlyAddsDeclarations(hunks) {
  if (!hunks.length) return false;
  for (const h of hunks) {
    if (h.removed.length || !h.added.length) return false;
    let first = true;
    for (const l of [...h.added].sort((a, b) => a.line - b.line)) {
      if (!l.text.trim() || COMMENT_LINE.test(l.text)) continue;
      const top = !/^\s/.test(l.text);
      if (first && !(top && DECLARATION.test(l.text))) return false;
      first = false;
      if (top && !DECLARATION.test(l.text) && !/^[}\])]/.test(l.text)) return false;
    }
    if (first) return false;
  }
  return true;
}

// src/analyze/relations.ts
var TEST_DIRS = /* @__PURE__ */ new Set(["__tests__", "__test__", "test", "tests", "spec", "specs", "__specs__"]);
function splitPath(path2) {
  const p = path2.replace(/\\/g, "/");
  const i = p.lastIndexOf("/");
  return { dir: i < 0 ? "" : p.slice(0, i), base: p.slice(i + 1) };
}
function stemOf(path2) {
  const { base: base2 } = splitPath(path2);
  return base2.replace(/(?:\.d)?\.[A-Za-z0-9]+$/, "");
}
function dirWithoutTestFolders(dir) {
  return dir.split("/").filter((s) => s && !TEST_DIRS.has(s)).join("/");
}
function testTarget(path2) {
  const { dir, base: base2 } = splitPath(path2);
  const inTestDir = dir.split("/").some((s) => TEST_DIRS.has(s));
  const cleanDir = dirWithoutTestFolders(dir);
  let m = /^(.+?)[.-](?:test|spec|e2e|unit|int)\.[A-Za-z0-9]+$/i.exec(base2);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  m = /^test_(.+)\.py$/.exec(base2) ?? /^(.+)_test\.(?:py|go|rb|exs?|c|cc|cpp|rs)$/.exec(base2);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  m = /^(.+?)(?:Tests?|Spec|IT)\.(?:java|kt|scala|groovy|cs|swift)$/.exec(base2);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir.replace(/(^|\/)src\/test\//, "$1src/main/") };
  m = /^(.+?)_spec\.rb$/.exec(base2);
  if (m) return { stem: m[1].toLowerCase(), dir: cleanDir };
  if (inTestDir && /\.[cm]?[jt]sx?$|\.py$/.test(base2))
    return { stem: stemOf(base2).toLowerCase(), dir: cleanDir };
  return void 0;
}
function isTestPath(path2) {
  return testTarget(path2) !== void 0;
}
function sourceFit(target, sourcePath) {
  if (isTestPath(sourcePath)) return 0;
  if (stemOf(sourcePath).toLowerCase() !== target.stem) {
    const { dir: dir2 } = splitPath(sourcePath);
    if (!(stemOf(sourcePath) === "index" && dir2.split("/").pop()?.toLowerCase() === target.stem)) return 0;
  }
  const strip3 = (d) => d.split("/").filter((s) => s && !["src", "lib", "main", "java", "kotlin", "app", "source"].includes(s)).join("/");
  const { dir } = splitPath(sourcePath);
  const srcDir = stemOf(sourcePath) === "index" ? splitPath(dir).dir : dir;
  if (srcDir === target.dir || strip3(srcDir) === strip3(target.dir)) return 1;
  if (srcDir.endsWith("/" + target.dir) || target.dir.endsWith("/" + srcDir)) return 1;
  return 0.7;
}

// src/analyze/callers.ts
var NAMED_FINDINGS = 8;
var NAMED_FRAMES = 4;
function namedFiles(findings, changeSet) {
  const repo = new Set(changeSet?.repoFiles ?? []);
  const out = [];
  const add = (p) => {
    if (p && (!repo.size || repo.has(p)) && !out.includes(p)) out.push(p);
  };
  findings.filter((f) => f.kind !== "exit" && f.kind !== "warning").slice(0, NAMED_FINDINGS).forEach((f) => {
    add(f.file);
    (f.frames ?? []).filter((fr) => !fr.vendored).slice(0, NAMED_FRAMES).forEach((fr) => add(fr.file));
  });
  return out;
}
function failureSites(f, changed) {
  const sites = [];
  const seen = /* @__PURE__ */ new Set();
  if (f.file && !changed.has(f.file)) {
    sites.push({ path: f.file, weight: 1, what: `${f.file}${f.line ? ":" + f.line : ""}` });
    seen.add(f.file);
  }
  let depth = 0;
  for (const fr of f.frames ?? []) {
    if (fr.vendored || !fr.file) continue;
    const d = depth++;
    if (d >= NAMED_FRAMES) break;
    if (seen.has(fr.file) || changed.has(fr.file)) continue;
    seen.add(fr.file);
    sites.push({
      path: fr.file,
      weight: Math.pow(0.55, d),
      what: `${fr.file}${fr.line ? ":" + fr.line : ""} (frame ${d + 1})`
    });
  }
  return sites;
}
var MAX_IMPORT_DEPTH = 4;
var MAX_FRONTIER = 200;
function callerEdges(f, changed, imports) {
  const out = [];
  for (const site of failureSites(f, changed)) {
    if (!Array.isArray(imports[site.path])) continue;
    const seen = /* @__PURE__ */ new Set([site.path]);
    const reached = /* @__PURE__ */ new Set();
    let frontier = [{ path: site.path, via: [] }];
    for (let depth = 1; depth <= MAX_IMPORT_DEPTH && frontier.length; depth++) {
      const level2 = [];
      const next = [];
      for (const { path: path2, via } of frontier) {
        const refs = imports[path2];
        if (!Array.isArray(refs)) continue;
        for (const r of refs) {
          if (typeof r !== "string" || seen.has(r)) continue;
          seen.add(r);
          const c = changed.get(r);
          if (c) {
            if (c.status !== "deleted" && !reached.has(c)) {
              reached.add(c);
              level2.push({ file: c, via });
            }
          } else if (next.length < MAX_FRONTIER) next.push({ path: r, via: [...via, r] });
        }
      }
      for (const e of level2)
        out.push({ file: e.file, site, path: e.via, share: 1 / Math.sqrt(level2.length) });
      frontier = next;
    }
  }
  return out;
}
var BUILD_CONFIG_GLOBS = [
  "**/tsconfig*.json",
  "**/jsconfig.json",
  "**/package.json",
  "**/Cargo.toml",
  "**/rust-toolchain{,.toml}",
  "**/Makefile",
  "**/GNUmakefile",
  "**/*.mk",
  "**/CMakeLists.txt",
  "**/*.cmake",
  "**/meson.build",
  "**/go.mod",
  "**/go.work",
  "**/pom.xml",
  "**/build.gradle{,.kts}",
  "**/settings.gradle{,.kts}",
  "**/gradle.properties",
  "**/setup.cfg",
  "**/setup.py",
  "**/pyproject.toml",
  "**/tox.ini",
  "**/pytest.ini",
  "**/mypy.ini",
  "**/.babelrc{,.json,.js}",
  "**/babel.config.*",
  "**/{jest,vitest,vite,webpack,rollup,eslint,prettier,tsup,esbuild}.config.*",
  "**/.eslintrc{,.json,.js,.cjs,.yml,.yaml}",
  "**/.mocharc{,.json,.jsonc,.js,.cjs,.yml,.yaml}",
  "**/{karma.conf,playwright.config,cypress.config,next.config,svelte.config,nuxt.config}.*",
  "**/.swcrc",
  "**/.flake8",
  "**/{,.}pylintrc",
  "**/{,.}ruff.toml",
  "**/.rubocop.yml",
  "**/phpunit.xml{,.dist}",
  "**/.{nvmrc,node-version,python-version,tool-versions}",
  "**/.cargo/config{,.toml}",
  "**/Directory.Build.props",
  "**/*.csproj"
];
var buildConfigTests = BUILD_CONFIG_GLOBS.map(compileGlob);
var isBuildConfig = (p) => buildConfigTests.some((t2) => t2(p));
var TOOL_CONFIG_GLOBS = [
  [/^tsc$/, ["**/tsconfig*.json", "**/jsconfig.json"]],
  [
    /^jest$/,
    [
      "**/jest.config.*",
      "**/jest.setup.*",
      "**/jest-setup.*",
      "**/setupTests.*",
      "**/babel.config.*",
      "**/.babelrc{,.json,.js,.cjs}",
      "**/tsconfig*.json"
    ]
  ],
  [/^vitest$/, ["**/vitest.config.*", "**/vitest.workspace.*", "**/vite.config.*", "**/tsconfig*.json"]],
  [
    /^mocha$/,
    ["**/.mocharc{,.json,.jsonc,.js,.cjs,.yml,.yaml}", "**/babel.config.*", "**/.babelrc{,.json,.js}"]
  ],
  [
    /^(?:eslint|standard)$/,
    ["**/.eslintrc{,.json,.js,.cjs,.yml,.yaml}", "**/eslint.config.*", "**/.eslintignore"]
  ],
  [
    /^prettier$/,
    [
      "**/.prettierrc{,.json,.js,.cjs,.yml,.yaml,.toml}",
      "**/prettier.config.*",
      "**/.prettierignore",
      "**/.editorconfig"
    ]
  ],
  [/^pytest$/, ["**/pytest.ini", "**/pyproject.toml", "**/setup.cfg", "**/tox.ini", "**/conftest.py"]],
  [/^mypy$/, ["**/mypy.ini", "**/.mypy.ini", "**/setup.cfg", "**/pyproject.toml"]],
  [/^pylint$/, ["**/.pylintrc", "**/pylintrc", "**/setup.cfg", "**/pyproject.toml"]],
  [/^(?:flake8|pyflakes)$/, ["**/.flake8", "**/setup.cfg", "**/tox.ini"]],
  [/^ruff$/, ["**/ruff.toml", "**/.ruff.toml", "**/pyproject.toml"]],
  [/^go$/, ["**/go.mod", "**/go.work", "**/.golangci.{yml,yaml,toml,json}"]],
  [
    /^(?:rust|cargo|clippy)$/,
    [
      "**/Cargo.toml",
      "**/.cargo/config{,.toml}",
      "**/rust-toolchain{,.toml}",
      "**/clippy.toml",
      "**/build.rs"
    ]
  ],
  [/^(?:javac|maven)$/, ["**/pom.xml"]],
  [
    /^(?:javac|kotlin|gradle)$/,
    ["**/build.gradle{,.kts}", "**/settings.gradle{,.kts}", "**/gradle.properties"]
  ],
  [/^(?:rubocop|standardrb)$/, ["**/.rubocop.yml", "**/.rubocop_todo.yml", "**/.standard.yml"]],
  [/^rspec$/, ["**/.rspec", "**/spec_helper.rb", "**/rails_helper.rb"]],
  [/^phpunit$/, ["**/phpunit.xml{,.dist}"]],
  [
    /^(?:cc|make|ld|cmake|ninja)$/,
    ["**/Makefile", "**/GNUmakefile", "**/*.mk", "**/CMakeLists.txt", "**/*.cmake", "**/meson.build"]
  ],
  [/^dotnet$/, ["**/*.csproj", "**/Directory.Build.props", "**/*.sln"]]
];
var toolConfigTests = TOOL_CONFIG_GLOBS.map(([tool, globs]) => [tool, globs.map(compileGlob)]);
function isToolConfig(tool, path2) {
  return toolConfigTests.some(([t2, globs]) => t2.test(tool) && globs.some((g) => g(path2)));
}

// src/analyze/tokens.ts
var MIN_TOKEN_LENGTH = 3;
var MAX_LINE_CHARS = 4e3;
var IDENT = /[A-Za-z_$][A-Za-z0-9_$]*/g;
var STOP = new Set(
  `about above after again all also and any are args argument arguments array assert assertion async await
  been before being bool boolean but byte call called calling can cannot catch char class code column
  compile compiled const constructor contain contains could declare declared declaration declarations def default
  defined del did does doesn doing done each elif else empty end enum equal equals err error errors exist exists
  expect expected export exported exports extends fail failed failing fails false file files find float
  for found from func function get got has have having her his how if import imported imports in
  index instance int interface into invalid is isn its itself key lambda length let line lines list
  long main map match matches member members message method missing module modules must name named
  need new nil none not null number obj object of once one only or other own package param parameter
  parameters pass passed path print private property props protected public raise raised read reading
  received require required resolve resolved result return returns run self set should since some
  spec src static str string struct such super support supported test tests than that the their them
  then there these they this throw thrown throws to too true try type types typeof undefined unexpected
  unknown use used uses using val value values var void was were what when where which while will with
  within without would yet you your assignable argument overload expression statement implicitly
  exit code process completed npm yarn pnpm node jest vitest mocha should test_ lib dist build`.split(/\s+/).filter(Boolean)
);
var QUOTED_STOP = new Set(
  // type names: 'str' in "string indices must be integers, not 'str'" names no code
  "undefined null true false function object string number boolean symbol bigint none nil void any unknown never str int float bool dict list tuple bytes nonetype complex i8 i16 i32 i64 i128 isize u8 u16 u32 u64 u128 usize f32 f64 char".split(" ")
);
function isStopWord(token) {
  return STOP.has(token.toLowerCase());
}
function identifierShaped(token) {
  return /[a-z][A-Z]|[A-Z][a-z]+[A-Z]|_|\$|[A-Za-z][0-9]/.test(token);
}
function codeTokens(text) {
  const s = text.length > MAX_LINE_CHARS ? text.slice(0, MAX_LINE_CHARS) : text;
  const out = /* @__PURE__ */ new Set();
  for (const m of s.matchAll(IDENT)) if (m[0].length >= MIN_TOKEN_LENGTH) out.add(m[0]);
  return [...out];
}
function quotedSpans(message) {
  const out = [];
  const re = /'([^'\n]{1,200})'|"([^"\n]{1,200})"|`([^`\n]{1,200})`|‘([^’\n]{1,200})’|“([^”\n]{1,200})”/g;
  for (const m of message.matchAll(re)) {
    const v = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5];
    if (v) out.push(v);
  }
  return out;
}
function isPathLike(s) {
  if (/\s/.test(s)) return false;
  return s.includes("/") || /^[\w.-]+\.(?:[cm]?[jt]sx?|py|go|rs|java|kt|rb|php|cs|c|h|cpp|hpp|json|ya?ml|toml|env|lock)$/.test(s);
}
function messageTerms(message, test) {
  const terms = /* @__PURE__ */ new Map();
  const add = (token, quality, quoted2) => {
    if (token.length < MIN_TOKEN_LENGTH) return;
    if (quoted2 ? QUOTED_STOP.has(token.toLowerCase()) : isStopWord(token)) return;
    const prev = terms.get(token);
    if (!prev || prev.quality < quality) terms.set(token, { token, quality, quoted: quoted2 });
  };
  const text = message.length > MAX_LINE_CHARS ? message.slice(0, MAX_LINE_CHARS) : message;
  const quoted = quotedSpans(text);
  const pathish = /* @__PURE__ */ new Set();
  for (const q of quoted) {
    const inner = q.replace(/^["'`]|["'`]$/g, "");
    if (isPathLike(inner)) {
      for (const m of inner.matchAll(IDENT)) pathish.add(m[0]);
      continue;
    }
    for (const m of inner.matchAll(IDENT)) add(m[0], 1.5, true);
  }
  const scan = (s, plainQuality) => {
    for (const m of s.matchAll(IDENT)) {
      const tok = m[0];
      if (pathish.has(tok)) continue;
      const i = m.index ?? 0;
      const before = s[i - 1];
      const after = s[i + tok.length];
      const member = before === "." || after === "(" || after === ".";
      add(tok, identifierShaped(tok) || member ? 1.2 : plainQuality, false);
    }
  };
  scan(text.replace(/https?:\/\/\S+/g, " "), 0.6);
  if (test) scan(test.length > MAX_LINE_CHARS ? test.slice(0, MAX_LINE_CHARS) : test, 0.6);
  return [...terms.values()].sort((a, b) => b.quality - a.quality);
}
function pathReferences(message) {
  const text = message.length > MAX_LINE_CHARS ? message.slice(0, MAX_LINE_CHARS) : message;
  const moduleMsg = /\b(?:module|import|require|resolve|package)\b/i.test(text);
  const out = /* @__PURE__ */ new Map();
  for (const q of quotedSpans(text)) {
    const inner = q.replace(/^["'`]|["'`]$/g, "");
    if (isPathLike(inner)) out.set(inner, moduleMsg);
    else if (/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)+$/.test(inner) && /No module named|cannot import|ImportError|ModuleNotFound/i.test(text)) {
      out.set(inner.replace(/\./g, "/"), true);
    }
  }
  const py = /No module named ['"]?([A-Za-z_][\w.]*)/.exec(text);
  if (py && !out.size) out.set(py[1].replace(/\./g, "/"), true);
  return [...out].map(([spec, module]) => ({ spec, module }));
}
var TokenRarity = class {
  df = /* @__PURE__ */ new Map();
  lines = 0;
  addLine(tokens) {
    this.lines++;
    for (const t2 of tokens) this.df.set(t2, (this.df.get(t2) ?? 0) + 1);
  }
  /** 0..1; 0 for a token that is in no changed line. */
  weight(token) {
    const df = this.df.get(token) ?? 0;
    if (!df || !this.lines) return 0;
    return Math.log(1 + this.lines / df) / Math.log(1 + this.lines);
  }
};
var MAX_SYMBOLS = 4;
var ID = "[A-Za-z_$][\\w$]*";
var MISSING_SYMBOL = [
  // javac: "cannot find symbol" with its detail line `symbol:   method foo(int)` (and `location: class Stock`)
  {
    re: new RegExp(
      `\\bsymbol:\\s+(?:static\\s+)?(?:method|variable|class|field|constructor|interface|enum|record)\\s+(${ID})`
    ),
    name: 1
  },
  // TypeScript / ES modules
  {
    re: new RegExp(`Module ['"]+([^'"\\s]+)['"]+ has no exported member ['"](${ID})['"]`),
    name: 2,
    owner: 1
  },
  { re: new RegExp(`has no exported member (?:named )?['"](${ID})['"]`), name: 1 },
  {
    re: new RegExp(`does not provide an export named ['"](${ID})['"]`),
    name: 1
  },
  {
    re: new RegExp(`Property ['"](${ID})['"] does not exist on type ['"](?:typeof )?(${ID})`),
    name: 1,
    owner: 2
  },
  { re: new RegExp(`Cannot find name ['"](${ID})['"]`), name: 1 },
  // Python
  { re: new RegExp(`module ['"]([\\w.]+)['"] has no attribute ['"](${ID})['"]`), name: 2, owner: 1 },
  { re: new RegExp(`['"](${ID})['"] object has no attribute ['"](${ID})['"]`), name: 2, owner: 1 },
  { re: new RegExp(`has no attribute ['"](${ID})['"]`), name: 1 },
  { re: new RegExp(`cannot import name ['"](${ID})['"](?: from ['"]([\\w.]+)['"])?`), name: 1, owner: 2 },
  { re: new RegExp(`name ['"](${ID})['"] is not defined`), name: 1 },
  // Go
  { re: new RegExp(`\\bundefined: (?:(${ID})\\.)?(${ID})`), name: 2, owner: 1 },
  { re: new RegExp(`(?:^|\\s)(?:(${ID})\\.)?(${ID}) undefined \\(type`), name: 2, owner: 1 },
  { re: new RegExp(`has no field or method (${ID})`), name: 1 },
  // Rust
  {
    re: new RegExp(
      `cannot find (?:function|value|type|struct|macro|trait|enum|module|crate|associated item)\\s+\`(${ID})\``
    ),
    name: 1
  },
  {
    re: new RegExp(`no (?:method|function or associated item|associated item|field) named \`(${ID})\``),
    name: 1
  },
  { re: new RegExp(`unresolved import \`(?:[\\w:]+::)?(${ID})\``), name: 1 },
  // JavaScript at run time, Kotlin, C, Ruby, PHP
  { re: new RegExp(`(?:^|[\\s(])(?:(${ID})\\.)?(${ID}) is not a function`), name: 2, owner: 1 },
  { re: new RegExp(`(?:ReferenceError: )(${ID}) is not defined`), name: 1 },
  { re: new RegExp(`Unresolved reference:? ['\`]?(${ID})`), name: 1 },
  { re: new RegExp(`implicit declaration of function ['\u2018\`"](${ID})`), name: 1 },
  { re: new RegExp(`undefined reference to [\`'\u2018"](${ID})`), name: 1 },
  { re: new RegExp(`['\u2018\`"](${ID})['\u2019"] undeclared`), name: 1 },
  { re: new RegExp(`undefined method [\`'](${ID}[?!]?)'`), name: 1 },
  { re: new RegExp(`uninitialized constant (?:[\\w:]+::)?(${ID})`), name: 1 },
  { re: new RegExp(`Call to undefined (?:method (${ID})::|function )(${ID})`), name: 2, owner: 1 }
];
var JAVA_LOCATION = new RegExp(
  `\\blocation:\\s+(?:(?:class|interface|enum|record)\\s+|variable\\s+${ID}\\s+of\\s+type\\s+)([\\w.]+)`
);
function missingSymbols(message, excerpt = []) {
  const out = [];
  const texts = [message.slice(0, MAX_LINE_CHARS), ...excerpt.slice(0, 15).map((l) => l.slice(0, 500))];
  let javaOwner;
  for (const t2 of texts) {
    const loc = JAVA_LOCATION.exec(t2);
    if (loc && !javaOwner) javaOwner = loc[1].split(".").pop();
  }
  for (const t2 of texts) {
    for (const { re, name, owner } of MISSING_SYMBOL) {
      const m = re.exec(t2);
      if (!m?.[name] || m[name].length < MIN_TOKEN_LENGTH || QUOTED_STOP.has(m[name].toLowerCase())) continue;
      if (out.some((s) => s.name === m[name])) continue;
      const own = (owner !== void 0 ? m[owner] : void 0) ?? (/\bsymbol:/.test(t2) ? javaOwner : void 0);
      out.push(own ? { name: m[name], owner: own } : { name: m[name] });
      if (out.length >= MAX_SYMBOLS) return out;
    }
  }
  return out;
}

// src/analyze/labels.ts
var KIND_WORDS = {
  "compile-error": "compile error",
  "lint-error": "lint error",
  "test-failure": "test failure",
  assertion: "assertion failure",
  exception: "exception",
  dependency: "dependency error",
  "build-error": "build error",
  infra: "infrastructure failure",
  error: "error",
  warning: "warning",
  exit: "exit status"
};
var OWN_READERS = /* @__PURE__ */ new Set(["region", "generic"]);
function kindWords(kind) {
  return KIND_WORDS[kind] ?? "error";
}
function toolWords(f) {
  return typeof f.tool === "string" && !OWN_READERS.has(f.tool) ? f.tool : "";
}
function findingKindText(f) {
  if (f.tool === "region") return "the failing step's output";
  const tool = toolWords(f);
  return tool ? `${tool} ${kindWords(f.kind)}` : kindWords(f.kind);
}
var isTestFinding = (f) => !!f.test && (f.kind === "test-failure" || f.kind === "assertion");
function testsOf(f) {
  if (!isTestFinding(f)) return [];
  const names = (f.places ?? []).map((p) => p.test).filter((t2) => !!t2);
  return [...new Set(names.length ? names : [f.test])];
}
function lineList(ns, max = 5) {
  const xs = [...new Set(ns)].sort((a, b) => a - b);
  const parts = [];
  for (let k = 0; k < xs.length; ) {
    let j = k;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j > k ? `${xs[k]}-${xs[j]}` : `${xs[k]}`);
    k = j + 1;
  }
  const more = parts.length > max ? ` +${parts.length - max}` : "";
  return parts.slice(0, max).join(", ") + more;
}
function repeatText(f) {
  const n = Number(f.count);
  if (!Number.isSafeInteger(n) || n < 2) return "";
  const places = Array.isArray(f.places) ? f.places : [];
  const fileLines = places.map((p) => p.line).filter((x) => Number.isSafeInteger(x));
  if (f.file && new Set(fileLines).size > 1) return `\xD7${n}, lines ${lineList(fileLines)}`;
  const logLines = places.map((p) => p.logLines?.[0]).filter((x) => Number.isSafeInteger(x));
  return logLines.length ? `\xD7${n}, log lines ${lineList(logLines)}` : `\xD7${n}`;
}

// src/analyze/suspects.ts
var DEFAULT_MAX_SUSPECTS = 5;
var MAX_FINDINGS = 40;
var MAX_TERMS = 12;
var MAX_FRAMES = 12;
var MAX_INDEXED_LINES = 6e4;
var MAX_REASONS = 4;
var DECAY = 0.5;
var DEPENDENCY_GLOBS = [
  "package.json",
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "pnpm-workspace.yaml",
  ".npmrc",
  ".yarnrc{,.yml}",
  "requirements*.txt",
  "pyproject.toml",
  "poetry.lock",
  "Pipfile{,.lock}",
  "setup.{py,cfg}",
  "go.{mod,sum}",
  "Cargo.{toml,lock}",
  "pom.xml",
  "build.gradle{,.kts}",
  "gradle.properties",
  "Gemfile{,.lock}",
  "composer.{json,lock}"
];
var isDependencyFile = /* @__PURE__ */ ((globs) => (p) => globs.some((g) => g(p)))(DEPENDENCY_GLOBS.map(compileGlob));
var MAX_QUOTE = 80;
function clip(s, max = MAX_QUOTE) {
  const cps = Array.from(s);
  return cps.length > max ? cps.slice(0, max - 1).join("") + "\u2026" : s;
}
function findingLabel(f) {
  if (f.code) return f.code;
  if ((f.kind === "test-failure" || f.kind === "assertion") && f.test)
    return `failing test '${clip(f.test, 60)}'`;
  const head = /^([A-Z][A-Za-z]*(?:Error|Exception)|Error)\b/.exec(f.message);
  if (head) return head[1];
  return findingKindText(f);
}
function findingRef(f) {
  const label = findingLabel(f);
  if (f.file) return `${label} at ${f.file}${f.line ? ":" + f.line : ""}`;
  if (isTestFinding(f)) return label;
  return `${label} at log line ${f.logLines[0]}`;
}
function shortSha(sha) {
  return sha.slice(0, 7);
}
var Wording = class {
  subjects = /* @__PURE__ */ new Map();
  constructor(commits) {
    for (const c of commits) this.subjects.set(c.sha, c.subject);
  }
  /** "abc1234 'refactor parser'" */
  commit(sha) {
    if (!sha) return "";
    const subject = this.subjects.get(sha) ?? [...this.subjects].find(([k]) => k.startsWith(sha) || sha.startsWith(k))?.[1];
    return subject ? `${shortSha(sha)} '${clip(subject.split("\n")[0], 72)}'` : shortSha(sha);
  }
};
function hunkCommit(file, h) {
  return h?.commit ?? (file.commits.length === 1 ? file.commits[0] : void 0);
}
var LINE_COMMENTS = [
  [
    /\.(?:[cm]?[jt]sx?|go|rs|java|kt|kts|scala|swift|cs|c|h|cc|cpp|cxx|hpp|hh|dart|php|groovy)$/i,
    /^\s*(?:\/\/|\/\*|\*)/
  ],
  [/\.(?:py|pyi|rb|sh|bash|pl|ex|exs|r|jl)$/i, /^\s*#/]
];
var DIRECTIVE = /@ts-|eslint|tslint|biome-|deno-|prettier|jshint|istanbul|\bc8\b|noqa|type:\s*ignore|pylint|mypy|pyright|pyre|\bfmt:|isort|\bgo:|\+build|NOLINT|pragma|coverage|@flow|<reference|^\s*#!|coding[:=]|@jsx|@vitest|@jest/i;
function onlyCommentsChanged(file) {
  if (file.binary || file.patchMissing || !file.hunks.length || file.status !== "modified" && file.status !== "changed")
    return false;
  const comment = LINE_COMMENTS.find(([ext]) => ext.test(file.path))?.[1];
  if (!comment) return false;
  let seen = 0;
  for (const h of file.hunks) {
    for (const l of [...h.added, ...h.removed]) {
      if (!l.text.trim()) continue;
      if (!comment.test(l.text) || DIRECTIVE.test(l.text)) return false;
      seen++;
    }
  }
  return seen > 0;
}
var ADDITIVE_FACTOR = 0.5;
var LINK_SIGNALS = /* @__PURE__ */ new Set(["test-source", "caller"]);
var COMMENT_ONLY_FACTOR = 0.25;
var CODE_SIGNALS = /* @__PURE__ */ new Set([
  "location",
  "symbol",
  "frame",
  "identifier",
  "test-source",
  "caller"
]);
function rankWeight(findings) {
  let rank = 0;
  return findings.map((f) => {
    if (f.kind === "exit") return 0;
    const w = 1 / (1 + 0.6 * rank);
    if (f.kind !== "warning") rank++;
    return f.kind === "warning" ? w * 0.25 : w;
  });
}
function place(ctx, file, line) {
  if (file.patchMissing || file.binary || !file.hunks.length) {
    return { p: 0.5, detail: " (no patch available to place the line)", where: "unknown" };
  }
  if (line === void 0 || !(line > 0)) return { p: 0.45, detail: "", where: "unknown" };
  const near = nearestHunk(file, line);
  const range = formatRange(changedRange(near.hunk));
  const exact = near.distance === 0 ? near.hunk.added.find((l) => l.line === line)?.commit : void 0;
  const sha = exact ?? hunkCommit(file, near.hunk);
  const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : "";
  if (near.distance === 0)
    return { p: 1, hunk: near.index, detail: `; ${range} changed${inCommit}`, where: "in", commit: sha };
  const separate = near.distance <= NEAR_LINES && addsSeparateDeclarationAfter(near.hunk, line);
  if (near.distance <= NEAR_LINES && !separate) {
    const d = near.distance === 1 ? "1 line" : `${near.distance} lines`;
    return {
      p: 0.75,
      hunk: near.index,
      detail: `, ${d} from ${range} changed${inCommit}`,
      where: "near",
      commit: sha
    };
  }
  return {
    p: 0.4,
    detail: separate ? `; the nearest change (${range}${inCommit}) only adds a separate declaration after it` : `; the file changed elsewhere (nearest: ${range}${inCommit})`,
    where: "far",
    commit: sha
  };
}
function shortPlace(pl, what) {
  const c = pl.commit ? ` in ${shortSha(pl.commit)}` : "";
  if (pl.where === "in") return `${what} changed${c}`;
  if (pl.where === "near") return `change next to the ${what}${c}`;
  return `${what} in this changed file`;
}
function scoreLocations(ctx, findings, w) {
  findings.forEach((f, i) => {
    if (!w[i]) return;
    const label = findingLabel(f);
    const isTest2 = f.kind === "test-failure" || f.kind === "assertion";
    const noun = isTest2 ? "failure location" : f.kind === "lint-error" ? "lint error location" : "error location";
    const loc = f.file ? ctx.byPath.get(f.file) : void 0;
    if (loc && loc.status !== "deleted") {
      const pl = place(ctx, loc, f.line);
      const at = f.line ? `line ${f.line} is the ${noun}` : `the file is the ${noun}`;
      ctx.add(loc, {
        kind: "location",
        commits: pl.where === "in" && pl.commit ? [pl.commit] : void 0,
        points: 10 * w[i] * pl.p,
        reason: `${at} (${label})${pl.detail}`,
        short: shortPlace(pl, isTest2 ? "failing line" : "error line"),
        hunks: pl.hunk === void 0 ? [] : [pl.hunk],
        source: i
      });
    }
    let depth = 0;
    (f.frames ?? []).slice(0, MAX_FRAMES).forEach((fr, k) => {
      if (fr.vendored || !fr.file) return;
      const d = depth++;
      if (fr.file === f.file && (fr.line === f.line || f.line === void 0)) return;
      const cf = ctx.byPath.get(fr.file);
      if (!cf || cf.status === "deleted") return;
      const pl = place(ctx, cf, fr.line);
      const where2 = pl.where === "in" ? " is in a changed hunk" : pl.where === "near" ? " is next to a changed hunk" : " is in this changed file";
      const fn = fr.function ? ` in ${clip(fr.function, 60)}` : "";
      ctx.add(cf, {
        kind: "frame",
        commits: pl.where === "in" && pl.commit ? [pl.commit] : void 0,
        points: 8 * w[i] * pl.p * Math.pow(0.55, d),
        reason: `frame ${k + 1} of the stack trace (${fr.file}${fr.line ? ":" + fr.line : ""}${fn}) of ${findingRef(f)}${where2}${pl.detail}`,
        short: pl.where === "in" ? `frame ${k + 1} in a change${pl.commit ? " of " + shortSha(pl.commit) : ""}` : `frame ${k + 1} of the stack trace`,
        hunks: pl.hunk === void 0 ? [] : [pl.hunk],
        source: i
      });
    });
  });
}
var MISSING = /no exported member|not exported|does not provide an export|has no attribute|cannot import name|is not defined|cannot find name|is not a function|not found|does not exist|no member|missing|undefined|unresolved/i;
var PROSE = /\.(?:md|markdown|mdx|txt|rst|adoc|asciidoc)$|(?:^|\/)(?:CHANGELOG|CHANGES|AUTHORS|LICENSE|NOTICE)(?:\.|$)/i;
function indexChangedLines(files) {
  const rarity = new TokenRarity();
  const index = /* @__PURE__ */ new Map();
  let budget = MAX_INDEXED_LINES;
  for (const file of files) {
    if (file.binary) continue;
    file.hunks.forEach((h, hi) => {
      for (const side of ["added", "removed"]) {
        for (const l of h[side]) {
          if (budget-- <= 0) return;
          const toks = codeTokens(l.text);
          rarity.addLine(toks);
          for (const t2 of toks) {
            let byFile = index.get(t2);
            if (!byFile) index.set(t2, byFile = /* @__PURE__ */ new Map());
            let hits = byFile.get(file);
            if (!hits)
              byFile.set(file, hits = { added: /* @__PURE__ */ new Set(), removed: /* @__PURE__ */ new Set(), commits: /* @__PURE__ */ new Set() });
            hits[side].add(hi);
            if (l.commit) hits.commits.add(l.commit);
          }
        }
      }
    });
  }
  return { rarity, index };
}
function scoreIdentifiers(ctx, findings, w, lines) {
  const { rarity, index } = lines;
  if (!index.size) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra") return;
    const label = findingLabel(f);
    const missing = MISSING.test(f.message.slice(0, 2e3));
    const sideFactor = { removed: missing ? 1 : 0.8, both: missing ? 0.9 : 1, added: missing ? 0.6 : 0.9 };
    const terms = messageTerms(f.message, f.test).slice(0, MAX_TERMS);
    const inTest = [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)].some(
      (p) => !!p && isTestPath(p)
    );
    for (const term of terms) {
      const byFile = index.get(term.token);
      if (!byFile) continue;
      const r = rarity.weight(term.token);
      for (const [file, hits] of byFile) {
        const side = hits.removed.size && hits.added.size ? "both" : hits.removed.size ? "removed" : "added";
        const hunks = [.../* @__PURE__ */ new Set([...hits.removed, ...hits.added])].sort((a, b) => a - b);
        const ranges = mergeRanges(hunks.map((h) => changedRange(file.hunks[h])));
        const shas = hits.commits.size ? [...hits.commits] : [...new Set(hunks.map((h) => hunkCommit(file, file.hunks[h])).filter((s) => !!s))];
        const inCommits = shas.length ? ` in ${shas.slice(0, 2).map((s) => ctx.words.commit(s)).join(", ")}` : "";
        const from = f.test && !f.message.includes(term.token) ? `the name of ${label}` : findingRef(f);
        const at = `${ranges.slice(0, 3).map(formatRange).join(", ")}${inCommits}`;
        const what = side === "removed" ? `is in removed lines (at ${at})` : side === "both" ? `is in removed and added lines (${at})` : `is in added lines (${at})`;
        const rare = r >= 0.75 ? ", a rare token among the changed lines" : "";
        const verb = side === "removed" ? "removed" : side === "both" ? "changed" : "added";
        const kindFactor = PROSE.test(file.path) ? 0.2 : !inTest && isTestPath(file.path) ? 0.5 : 1;
        ctx.add(file, {
          kind: "identifier",
          commits: hits.commits.size ? [...hits.commits] : void 0,
          points: 5 * w[i] * term.quality * r * sideFactor[side] * kindFactor,
          reason: `\`${clip(term.token, 60)}\` (from ${from}) ${what}${rare}`,
          short: `${verb} \`${clip(term.token, 40)}\`${shas[0] ? " in " + shortSha(shas[0]) : ""}`,
          hunks,
          source: i
        });
      }
    }
  });
}
function declares(text, name) {
  const at = text.search(new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`));
  if (at < 0) return false;
  const before = text.slice(0, at);
  const after = text.slice(at + name.length);
  return /\b(?:def|function|func|fn|fun|class|interface|type|struct|enum|trait|const|let|var|val|export|public|private|protected|static|final|module|record|object)\b[^=(]*$/.test(
    before
  ) || /\bfunc\s*\([^)]*\)\s*$/.test(before) || /^\s*(?:[:=]|\(.*\)\s*(?:[:{]|->|=>|throws\b|$))/.test(after);
}
function ownerNames(owner, file) {
  const tail2 = owner.replace(/^["'`./]+|["'`]+$/g, "").split(/[./\\]|::/).filter(Boolean).pop()?.toLowerCase();
  if (!tail2) return false;
  return [file.path, file.previousPath].some((p) => !!p && stemOf(p).toLowerCase() === tail2);
}
function scoreMissingSymbols(ctx, findings, w, lines) {
  const done = /* @__PURE__ */ new Set();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra" || f.kind === "warning") return;
    for (const sym of missingSymbols(f.message, f.excerpt)) {
      if (done.has(sym.name)) continue;
      const byFile = lines.index.get(sym.name);
      if (!byFile) continue;
      done.add(sym.name);
      const where2 = f.file ? `${f.file}${f.line ? ":" + f.line : ""}` : "the failing code";
      const unchanged = f.file && !ctx.byPath.has(f.file) ? " (unchanged)" : "";
      const site = f.file && ctx.byPath.has(f.file) ? 0.5 : 1;
      for (const [file, hits] of byFile) {
        if (!hits.removed.size) continue;
        const removedHunks = [...hits.removed].sort((a, b) => a - b);
        const decl = removedHunks.some((h) => file.hunks[h]?.removed.some((l) => declares(l.text, sym.name)));
        const p = (hits.added.size ? 0.6 : 1) * (decl ? 1 : 0.7);
        const owner = sym.owner ? ownerNames(sym.owner, file) ? 1.3 : 0.8 : 1;
        const shas = [
          ...new Set(
            removedHunks.map((h) => hunkCommit(file, file.hunks[h])).filter((x) => !!x)
          )
        ];
        const at = mergeRanges(removedHunks.map((h) => changedRange(file.hunks[h]))).slice(0, 2).map(formatRange).join(", ");
        const verb = hits.added.size ? "changed" : decl ? "removed or renamed" : "removed";
        const what = decl ? `its declaration was ${verb}` : `lines using it were ${verb}`;
        ctx.add(file, {
          kind: "symbol",
          points: 9 * w[i] * p * owner * site,
          commits: shas.length ? shas : void 0,
          reason: `\`${clip(sym.name, 60)}\`, which ${findingLabel(f)} at ${where2}${unchanged} says is missing${sym.owner && owner > 1 ? ` from ${clip(sym.owner, 60)}` : ""}: ${what} here (${at}${shas[0] ? " in " + ctx.words.commit(shas[0]) : ""})`,
          short: `${verb} \`${clip(sym.name, 40)}\`${shas[0] ? " in " + shortSha(shas[0]) : ""}, still used`,
          hunks: removedHunks,
          source: i
        });
      }
    }
  });
}
function normalizePath(p) {
  const out = [];
  for (const seg of p.split("/")) {
    if (!seg || seg === ".") continue;
    if (seg === "..") out.pop();
    else out.push(seg);
  }
  return out.join("/");
}
var stripExt = (p) => p.replace(/\.[A-Za-z0-9]+$/, "");
function specifierNames(spec, from, path2) {
  const s = spec.replace(/\\/g, "/").replace(/^file:\/\//, "");
  const relative = s.startsWith("./") || s.startsWith("../");
  const candidates = [path2, stripExt(path2), stripExt(path2).replace(/\/(?:index|__init__)$/, "")];
  if (relative && from) {
    const dir = from.includes("/") ? from.slice(0, from.lastIndexOf("/")) : "";
    const target = normalizePath(`${dir}/${s}`);
    return candidates.includes(target) || candidates.includes(stripExt(target));
  }
  const bare = normalizePath(s);
  if (!bare) return false;
  if (candidates.includes(bare) || candidates.includes(stripExt(bare))) return true;
  if (s.startsWith("/")) return candidates.some((c) => bare.endsWith("/" + c) && c.includes("/"));
  return candidates.some((c) => c.endsWith("/" + bare) || c.endsWith("/" + stripExt(bare)));
}
function scoreReferences(ctx, findings, w) {
  findings.forEach((f, i) => {
    if (!w[i]) return;
    for (const ref of pathReferences(f.message).slice(0, 6)) {
      for (const file of ctx.files) {
        const viaOld = file.previousPath && specifierNames(ref.spec, f.file, file.previousPath);
        const viaNew = !viaOld && specifierNames(ref.spec, f.file, file.path);
        if (!viaOld && !viaNew) continue;
        const gone = file.status === "deleted" || !!viaOld;
        const sha = file.commits[0];
        const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : "";
        const state = file.status === "deleted" ? `was deleted${inCommit}` : viaOld ? `was renamed to ${file.path}${inCommit}` : file.status === "added" ? `was added${inCommit}` : `changed${inCommit}`;
        const subject = viaOld ? file.previousPath : "this file";
        const kind = ref.module ? "module" : "mention";
        const points = ref.module ? gone ? 9 : 6 : gone ? 5 : 3;
        ctx.add(file, {
          kind,
          points: points * w[i],
          reason: `'${clip(ref.spec)}' (${ref.module ? "the module" : "the path"} named by ${findingRef(f)}) resolves to ${subject}, which ${state}`,
          short: file.status === "deleted" ? `deleted${sha ? " in " + shortSha(sha) : ""}` : viaOld ? `renamed${sha ? " in " + shortSha(sha) : ""}` : `imported module, changed${sha ? " in " + shortSha(sha) : ""}`,
          hunks: [],
          source: i
        });
      }
    }
  });
}
function scoreTestRelations(ctx, findings, w, unresolved) {
  const tests = /* @__PURE__ */ new Map();
  findings.forEach((f, i) => {
    if (!w[i] || unresolved.has(i)) return;
    const candidates = [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)];
    if (f.kind === "lint-error") return;
    const p = candidates.find((c) => c && isTestPath(c));
    if (p && !tests.has(p)) tests.set(p, i);
  });
  for (const [test, i] of tests) {
    const target = testTarget(test);
    if (!target) continue;
    const testChanged = ctx.byPath.has(test);
    for (const file of ctx.files) {
      if (file.path === test || file.status === "deleted") continue;
      const fit = sourceFit(target, file.path);
      if (!fit) continue;
      ctx.add(file, {
        kind: "test-source",
        points: (testChanged ? 4 : 7) * w[i] * fit,
        reason: `source under test of the failing test file ${test}, which ${testChanged ? "changed too" : "did not change"}`,
        short: `source under test of ${test}`,
        hunks: [],
        source: i
      });
    }
  }
}
function scoreRules(ctx, patterns, findings, w) {
  const covered = /* @__PURE__ */ new Set();
  patterns.forEach((pm, j) => {
    if (!pm.suspects?.length) return;
    const globs = pm.suspects.slice(0, 32).map((g) => ({ g, test: compileGlob(g) }));
    for (const file of ctx.files) {
      const hit = globs.find(
        (x) => x.test(file.path) || (file.previousPath ? x.test(file.previousPath) : false)
      );
      if (!hit) continue;
      covered.add(file);
      ctx.add(file, {
        kind: "rule",
        points: 6 / (1 + 0.5 * j),
        reason: `matches \`${clip(hit.g, 60)}\`, a suspect of the recognised pattern '${clip(pm.title)}' (${pm.id}, ${pm.category})`,
        short: `matched by the ${pm.category} pattern ${pm.id}`,
        hunks: [],
        source: j
      });
    }
  });
  const dep = findings.findIndex((f, i) => w[i] > 0 && f.kind === "dependency");
  if (dep < 0) return;
  for (const file of ctx.files) {
    if (covered.has(file) || !isDependencyFile(file.path)) continue;
    ctx.add(file, {
      kind: "dependency",
      points: 4 * w[dep],
      reason: `a dependency manifest or lockfile, and ${findingRef(findings[dep])} is a dependency error`,
      short: "dependency manifest changed",
      hunks: [],
      source: dep
    });
  }
}
var CALLER_DEPTH_DECAY = 0.65;
function scoreCallers(ctx, findings, w, unresolved) {
  const reached = /* @__PURE__ */ new Set();
  if (!ctx.imports) return reached;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra" || unresolved.has(i)) return;
    const label = findingLabel(f);
    for (const e of callerEdges(f, ctx.byPath, ctx.imports)) {
      reached.add(i);
      const sha = e.file.commits[0];
      const inCommit = sha ? ` in ${ctx.words.commit(sha)}` : "";
      const how = e.path.length ? `imports ${e.path.join(", which imports ")}, which imports this file` : "imports this file";
      ctx.add(e.file, {
        kind: "caller",
        points: 6 * Math.pow(CALLER_DEPTH_DECAY, e.path.length) * w[i] * e.site.weight * e.share,
        reason: `${e.site.what}, where ${label} surfaced, did not change and ${how} (changed${inCommit})`,
        short: `used by ${e.site.path}, where the error surfaced${sha ? "; changed in " + shortSha(sha) : ""}`,
        hunks: [],
        source: i
      });
    }
  });
  return reached;
}
var SETTINGS_FILE = /\.(?:json|jsonc|ya?ml|toml|ini|cfg|conf|env|properties|xml)$|(?:^|\/)\.env(?:\.[\w-]+)?$|(?:^|\/)\.?[\w-]*rc$/i;
var MAX_VALUES = 6;
function messageValues(message) {
  const text = message.slice(0, 2e3);
  const out = [];
  for (const m of text.matchAll(/(?<![\w.])\d{3,6}(?![\w.]|:\d)/g)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    if (/[A-Za-z_][\w-]*\.[A-Za-z]\w*:(?:\d+:)?$|\bline:? ?$|\bcol(?:umn)?:? ?$|[(,]$/i.test(before))
      continue;
    if (!out.includes(m[0])) out.push(m[0]);
    if (out.length >= MAX_VALUES) break;
  }
  return out;
}
function scoreValues(ctx, findings, w) {
  const settings = ctx.files.filter(
    (f) => f.status !== "deleted" && !f.binary && (SETTINGS_FILE.test(f.path) || isBuildConfig(f.path))
  );
  if (!settings.length) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra") return;
    for (const value of messageValues(f.message)) {
      const word = new RegExp(`(?<![\\w.])${value}(?![\\w]|\\.\\d)`);
      for (const file of settings) {
        const hunks = file.hunks.map((h, k) => ({ h, k })).filter(
          ({ h }) => h.added.some((l) => word.test(l.text)) && !h.removed.some((l) => word.test(l.text))
        );
        if (!hunks.length) continue;
        const sha = hunkCommit(file, hunks[0].h) ?? hunks[0].h.added.find((l) => word.test(l.text))?.commit;
        const ranges = mergeRanges(hunks.map(({ h }) => changedRange(h)));
        ctx.add(file, {
          kind: "value",
          points: 8 * w[i],
          commits: sha ? [sha] : void 0,
          reason: `${value} (from ${findingRef(f)}) is set by added lines (${ranges.slice(0, 2).map(formatRange).join(", ")}${sha ? " in " + ctx.words.commit(sha) : ""}) of this configuration file`,
          short: `sets the ${value} of the error${sha ? " in " + shortSha(sha) : ""}`,
          hunks: hunks.map(({ k }) => k),
          source: i
        });
      }
    }
  });
}
var BUILD_KINDS = /* @__PURE__ */ new Set(["compile-error", "build-error", "lint-error"]);
var OTHER_FOLDER_CONFIG = 0.3;
var MODULE_NOT_FOUND = /cannot find module|no module named|module not found|can't resolve|could not resolve|unresolved import|failed to resolve import|cannot import/i;
var MAX_REPO_SCAN = 2e5;
function unresolvedModules(ctx, findings, w) {
  const out = /* @__PURE__ */ new Set();
  const repo = ctx.repoFiles;
  if (!repo?.length) return out;
  findings.forEach((f, i) => {
    if (!w[i] || !MODULE_NOT_FOUND.test(f.message.slice(0, 2e3))) return;
    const refs = pathReferences(f.message).filter((r) => r.module);
    if (!refs.length) return;
    const resolvesToChange = refs.some(
      (r) => ctx.files.some(
        (c) => specifierNames(r.spec, f.file, c.path) || !!c.previousPath && specifierNames(r.spec, f.file, c.previousPath)
      )
    );
    if (resolvesToChange) return;
    const exists = refs.some(
      (r) => repo.slice(0, MAX_REPO_SCAN).some((p) => specifierNames(r.spec, f.file, p))
    );
    if (exists) out.add(i);
  });
  return out;
}
function scoreBuildConfig(ctx, findings, w, reached, unresolved) {
  const configs = ctx.files.filter(
    (f) => f.status !== "deleted" && (isBuildConfig(f.path) || isDependencyFile(f.path)) && !onlyVersionChanged(f)
  );
  if (!configs.length) return;
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra" || f.kind === "dependency" || reached.has(i)) return;
    if (!f.file || ctx.byPath.has(f.file)) return;
    if (!failureSites(f, ctx.byPath).length) return;
    if ((f.frames ?? []).some((fr) => fr.file && !fr.vendored && ctx.byPath.has(fr.file))) return;
    const label = findingLabel(f);
    const build2 = BUILD_KINDS.has(f.kind);
    for (const file of configs) {
      const sha = file.commits[0];
      const what = isBuildConfig(file.path) ? "build configuration" : "dependency manifest or lockfile";
      const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
      const governs = f.file.startsWith(dir);
      const why = unresolved.has(i) ? `, which did not change, and the module it names exists unchanged in the repository (its resolution changed)` : `, which did not change${ctx.imports?.[f.file] ? " and imports no changed file" : ""}`;
      ctx.add(file, {
        kind: "config",
        points: (build2 || unresolved.has(i) ? 4 : 2.5) * w[i] * (governs ? 1 : OTHER_FOLDER_CONFIG),
        reason: `a ${what} file that changed${sha ? " in " + ctx.words.commit(sha) : ""}, and ${label} is in ${f.file}${f.line ? ":" + f.line : ""}${why}${governs ? "" : " (counted less: the file is not in a folder above the failing file)"}`,
        short: `${what} changed${sha ? " in " + shortSha(sha) : ""}; the error is in an unchanged file`,
        hunks: [],
        source: i
      });
    }
  });
}
var LOCKFILE = /(?:^|\/)[^/]*(?:lock|shrinkwrap)[^/]*$|(?:^|\/)go\.sum$/i;
var VERSION_LINE = /^\s*["']?(?:version|__version__|VERSION)["']?\s*[:=]/;
function onlyVersionChanged(file) {
  if (file.binary || file.patchMissing || !file.hunks.length) return false;
  if (LOCKFILE.test(file.path)) return false;
  let seen = 0;
  for (const h of file.hunks)
    for (const l of [...h.added, ...h.removed]) {
      if (!l.text.trim()) continue;
      if (!VERSION_LINE.test(l.text)) return false;
      seen++;
    }
  return seen > 0;
}
function scoreToolConfig(ctx, findings, w) {
  const done = /* @__PURE__ */ new Set();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "infra" || f.kind === "warning" || !f.tool) return;
    if (f.file && ctx.byPath.has(f.file)) return;
    for (const file of ctx.files) {
      if (file.status === "deleted" || done.has(file.path) || !isToolConfig(f.tool, file.path)) continue;
      if (onlyVersionChanged(file)) continue;
      done.add(file.path);
      const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
      const governs = !f.file || f.file.startsWith(dir);
      const sha = file.commits[0];
      const at = f.file ? ` (the error is in ${f.file}${f.line ? ":" + f.line : ""}, which did not change)` : "";
      ctx.add(file, {
        kind: "config",
        points: (BUILD_KINDS.has(f.kind) || !f.file ? 4 : 3) * w[i] * (governs ? 1 : OTHER_FOLDER_CONFIG),
        reason: `a configuration file that ${f.tool} reads, changed${sha ? " in " + ctx.words.commit(sha) : ""}, and ${f.tool} reported ${findingLabel(f)}${at}`,
        short: `${f.tool} configuration changed${sha ? " in " + shortSha(sha) : ""}`,
        hunks: [],
        source: i
      });
    }
  });
}
function dependencyNames(path2, text) {
  const base2 = path2.slice(path2.lastIndexOf("/") + 1);
  const out = /* @__PURE__ */ new Set();
  const t2 = text.slice(0, 1e3);
  let m;
  for (const u of t2.matchAll(/\/((?:@[\w.-]+\/)?[\w.-]+)\/-\/[\w.-]+\.tgz/g)) out.add(u[1]);
  if (/\.json$/.test(base2) && (m = /^\s*"((?:@[\w.-]+\/)?[\w.-]+)"\s*:\s*"[~^<>=*\dvx]/.exec(t2)))
    out.add(m[1]);
  if (/\.json$/.test(base2) && (m = /"node_modules\/((?:@[\w.-]+\/)?[\w.-]+)"/.exec(t2))) out.add(m[1]);
  if (/\.ya?ml$|\.lock$/.test(base2) && (m = /^\s*['"]?\/?((?:@[\w.-]+\/)?[\w.-]+)@[~^\d]/.exec(t2)))
    out.add(m[1]);
  if (/requirements.*\.(?:txt|in)$|constraints.*\.txt$/.test(base2) && (m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~]=|[<>]|@|;|$)/.exec(t2)))
    out.add(m[1]);
  if (/\.toml$|\.cfg$|^setup\.py$/.test(base2)) {
    if (m = /^\s*['"]([A-Za-z0-9][\w.-]*)\s*(?:\[[^\]]*\])?\s*(?:[=<>!~]=|[<>])/.exec(t2)) out.add(m[1]);
    if (m = /^\s*([A-Za-z0-9][\w-]*)\s*=\s*(?:["'][~^=<>*\d]|\{)/.exec(t2)) out.add(m[1]);
    if (m = /^\s*([A-Za-z0-9][\w.-]*)\s*(?:[=<>!~]=|[<>])\s*\d/.exec(t2)) out.add(m[1]);
  }
  if (/^go\.(?:mod|sum)$/.test(base2) && (m = /^\s*(?:require\s+)?([\w.-]+(?:\/[\w.~-]+)+)\s+v\d/.exec(t2))) {
    out.add(m[1]);
    out.add(m[1].slice(m[1].lastIndexOf("/") + 1));
  }
  if (/^Gemfile/.test(base2) && (m = /^\s*gem\s+['"]([\w.-]+)['"]|^\s{2,}([\w.-]+) \(\d/.exec(t2)))
    out.add(m[1] ?? m[2]);
  if (/^pom\.xml$|\.gradle(?:\.kts)?$/.test(base2) && (m = /<artifactId>([\w.-]+)<\/artifactId>|['"][\w.-]+:([\w.-]+):[\d$]/.exec(t2)))
    out.add(m[1] ?? m[2]);
  return [...out].filter((n) => n.replace(/^@[\w.-]+\//, "").length >= MIN_TOKEN_LENGTH && !isStopWord(n));
}
function scoreDependencyNames(ctx, findings, w) {
  const deps = /* @__PURE__ */ new Map();
  for (const file of ctx.files) {
    if (file.binary || !isDependencyFile(file.path)) continue;
    file.hunks.forEach((h, k) => {
      for (const l of [...h.added, ...h.removed].slice(0, 2e3))
        for (const name of dependencyNames(file.path, l.text)) {
          const key = name.toLowerCase().replace(/[-_.]+/g, "-");
          const list = deps.get(key) ?? [];
          let e = list.find((x) => x.file === file);
          if (!e) list.push(e = { file, hunks: /* @__PURE__ */ new Set() });
          e.hunks.add(k);
          deps.set(key, list);
        }
    });
  }
  if (!deps.size) return;
  const done = /* @__PURE__ */ new Set();
  findings.forEach((f, i) => {
    if (!w[i] || f.kind === "warning") return;
    const text = [
      f.message.slice(0, 2e3),
      ...(f.excerpt ?? []).slice(0, 15),
      ...(f.frames ?? []).slice(0, MAX_FRAMES).map((fr) => `${fr.file ?? ""} ${fr.function ?? ""}`)
    ].join("\n").toLowerCase().replace(/[-_.]+/g, "-");
    for (const [name, list] of deps) {
      const at = text.indexOf(name);
      if (at < 0) continue;
      const before = text[at - 1];
      const after = text[at + name.length];
      if (before && /[\w@-]/.test(before) || after && /[\w-]/.test(after)) continue;
      for (const { file, hunks } of list) {
        if (done.has(file)) continue;
        done.add(file);
        const sha = file.commits[0];
        ctx.add(file, {
          kind: "dependency",
          points: 7 * w[i],
          reason: `declares the dependency \`${clip(name, 60)}\`, which changed here${sha ? " in " + ctx.words.commit(sha) : ""}, and ${findingLabel(f)}${f.file ? " in " + f.file : ""} names it`,
          short: `changed the dependency \`${clip(name, 40)}\`${sha ? " in " + shortSha(sha) : ""}`,
          hunks: [...hunks].sort((a, b) => a - b),
          source: i
        });
      }
    }
  });
}
function rankSuspects(findings, patterns, changeSet, opts = {}) {
  if (!changeSet?.files?.length) return [];
  const files = changeSet.files.filter((f) => f && typeof f.path === "string" && f.status !== "unchanged");
  const evidence = /* @__PURE__ */ new Map();
  const commentOnly = new Set(files.filter(onlyCommentsChanged));
  const additive = new Set(
    files.filter(
      (f) => !commentOnly.has(f) && f.status !== "added" && !f.binary && onlyAddsDeclarations(f.hunks)
    )
  );
  const ctx = {
    files,
    byPath: new Map(files.map((f) => [f.path, f])),
    imports: changeSet.imports && typeof changeSet.imports === "object" ? changeSet.imports : void 0,
    repoFiles: Array.isArray(changeSet.repoFiles) ? changeSet.repoFiles : void 0,
    words: new Wording(changeSet.commits ?? []),
    add(file, c) {
      if (commentOnly.has(file) && CODE_SIGNALS.has(c.kind))
        c = {
          ...c,
          points: c.points * COMMENT_ONLY_FACTOR,
          reason: `${c.reason} \u2014 counted a quarter: only comments changed in this file`
        };
      else if (additive.has(file) && (LINK_SIGNALS.has(c.kind) || (c.kind === "location" || c.kind === "frame") && !c.hunks.length))
        c = {
          ...c,
          points: c.points * ADDITIVE_FACTOR,
          reason: `${c.reason} \u2014 counted half: the file only gained new declarations`
        };
      if (!(c.points > 0) || !Number.isFinite(c.points)) return;
      const list = evidence.get(file) ?? [];
      list.push(c);
      evidence.set(file, list);
    }
  };
  const scored = findings.slice(0, MAX_FINDINGS);
  const w = rankWeight(scored);
  const lines = indexChangedLines(files);
  scoreLocations(ctx, scored, w);
  scoreIdentifiers(ctx, scored, w, lines);
  scoreMissingSymbols(ctx, scored, w, lines);
  scoreReferences(ctx, scored, w);
  scoreValues(ctx, scored, w);
  const unresolved = unresolvedModules(ctx, scored, w);
  scoreTestRelations(ctx, scored, w, unresolved);
  scoreRules(ctx, patterns, scored, w);
  scoreToolConfig(ctx, scored, w);
  scoreDependencyNames(ctx, scored, w);
  scoreBuildConfig(ctx, scored, w, scoreCallers(ctx, scored, w, unresolved), unresolved);
  const maxSize = Math.max(1, ...files.map((f) => (f.additions || 0) + (f.deletions || 0)));
  const ranked = [];
  for (const [file, list] of evidence) {
    const byKind = /* @__PURE__ */ new Map();
    for (const c of list) byKind.set(c.kind, [...byKind.get(c.kind) ?? [], c]);
    const used = [];
    for (const group of byKind.values()) {
      group.sort((a, b) => b.points - a.points);
      group.forEach((c, k) => used.push({ ...c, effective: c.points * Math.pow(DECAY, k) }));
    }
    used.sort((a, b) => b.effective - a.effective);
    const evidenceScore = used.reduce((s, c) => s + c.effective, 0);
    const prior = 0.2 * Math.log1p((file.additions || 0) + (file.deletions || 0)) / Math.log1p(maxSize);
    const score = evidenceScore + prior;
    ranked.push({ ...buildSuspect(file, used, score), contributions: used });
  }
  ranked.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path));
  const min = opts.minScore ?? MIN_SCORE;
  const max = Math.max(0, opts.maxSuspects ?? DEFAULT_MAX_SUSPECTS);
  const listed = ranked.filter((s) => s.score >= min).slice(0, max);
  listed.forEach((s, k) => {
    const rival = k === 0 ? ranked[1]?.score ?? 0 : ranked[0].score;
    s.confidence = confidence(s.score, rival);
  });
  if (listed.length || !max) return listed;
  return rankLeads(files, scored, ranked, commentOnly, max);
}
var MAX_LEAD_CONFIDENCE = 0.3;
var MAX_LEADS = 3;
var CODE_FILE = /\.(?:[cm]?[jt]sx?|py|pyi|go|rs|java|kt|kts|scala|groovy|swift|cs|fs|c|h|cc|cpp|cxx|hpp|hh|m|mm|rb|php|ex|exs|erl|hrl|hs|clj|cljs|lua|pl|pm|r|jl|dart|sh|bash|vue|svelte)$/i;
function extension(path2) {
  const m = /\.([A-Za-z0-9]+)$/.exec(path2);
  return m ? m[1].toLowerCase().replace(/^(?:[cm]?js|jsx)$/, "js").replace(/^(?:[cm]?ts|tsx)$/, "ts") : "";
}
function folder(path2) {
  return path2.includes("/") ? path2.slice(0, path2.lastIndexOf("/")) : "";
}
function rankLeads(files, findings, ranked, commentOnly, max) {
  const real = findings.filter((f) => f.kind !== "exit" && f.kind !== "warning" && f.kind !== "infra").slice(0, 8);
  if (!real.length) return [];
  const sites = [
    ...new Set(
      real.flatMap((f) => [f.file, ...(f.frames ?? []).filter((fr) => !fr.vendored).map((fr) => fr.file)])
    )
  ].filter((p) => !!p);
  const printed = real.map((f) => [f.message.slice(0, 2e3), f.test ?? "", ...(f.excerpt ?? []).slice(0, 15)].join("\n")).join("\n");
  const siteDirs = new Set(
    sites.flatMap((p) => [folder(p), testTarget(p)?.dir].filter((d) => d !== void 0))
  );
  const siteExts = new Set(sites.map(extension).filter(Boolean));
  const byPath = new Map(ranked.map((r) => [r.path, r]));
  const maxSize = Math.max(1, ...files.map((f) => (f.additions || 0) + (f.deletions || 0)));
  const candidates = [];
  for (const file of files) {
    if (file.status === "deleted" && !CODE_FILE.test(file.path)) continue;
    if (commentOnly.has(file) || PROSE.test(file.path)) continue;
    const weak2 = byPath.get(file.path);
    const base2 = file.path.slice(file.path.lastIndexOf("/") + 1);
    const named = printed.includes(file.path) || base2.length >= 4 && new RegExp(`(?<![\\w.-])${base2.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\w-])`).test(printed);
    const code2 = CODE_FILE.test(file.path);
    const config = (isBuildConfig(file.path) || isDependencyFile(file.path)) && !onlyVersionChanged(file);
    if (!weak2 && !named && !code2 && !config) continue;
    const sameDir = siteDirs.has(folder(file.path));
    const sameLang = siteExts.has(extension(file.path));
    const size = Math.log1p((file.additions || 0) + (file.deletions || 0)) / Math.log1p(maxSize);
    const score = (weak2 ? 1 + Math.min(weak2.score, MIN_SCORE) : 0) + (named ? 1 : 0) + (sameDir ? 0.5 : 0) + (sameLang ? 0.3 : 0) + (config ? 0.2 : 0) + 0.1 * size;
    const why = weak2 ? `lead: ${weak2.reasons[0] ?? "weak evidence"}` : named ? `lead: the failure's output names this file, but no signal ties it to the error` : sameDir ? `lead: changed code in the folder of the failing code (${folder(file.path) || "the top folder"}), with no direct link to the error` : sameLang ? `lead: changed code in the language of the failing code, with no direct link to the error` : config ? `lead: a changed build, tool or dependency file, with no direct link to the error` : `lead: changed code, with no direct link to the error`;
    candidates.push({ file, score, why, weak: weak2 });
  }
  candidates.sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
  const top = candidates.slice(0, Math.min(max, MAX_LEADS));
  return top.map((c, k) => {
    const rival = k === 0 ? candidates[1]?.score ?? 0 : candidates[0].score;
    const conf = Math.round(MAX_LEAD_CONFIDENCE * (c.score / (c.score + Math.max(rival, 0.5))) * 2 * 50) / 100;
    const base2 = c.weak ?? { ...buildSuspect(c.file, [], 0), contributions: [] };
    return {
      ...base2,
      score: Math.round(c.score * 1e3) / 1e3,
      confidence: Math.min(MAX_LEAD_CONFIDENCE, Math.max(0.05, conf)),
      reasons: [c.why, ...c.weak ? c.weak.reasons.slice(1) : []],
      lead: true
    };
  });
}
function buildSuspect(file, used, score) {
  const reasons = used.slice(0, MAX_REASONS).filter((c, k) => k === 0 || c.effective >= 0.05 * score).map((c) => c.reason);
  const rest = used.length - reasons.length;
  if (rest > 0) reasons.push(`and ${rest} weaker signal${rest === 1 ? "" : "s"} of the same kinds`);
  const top = used[0]?.effective ?? 0;
  const implicated = [];
  for (const c of used) {
    if (c.effective < 0.2 * top) continue;
    for (const h of c.hunks) if (!implicated.includes(h)) implicated.push(h);
  }
  const hunks = implicated.length ? implicated.map((h) => file.hunks[h]).filter(Boolean) : file.hunks;
  const lines = file.status === "deleted" ? [] : mergeRanges(hunks.map(changedRange));
  const commits = [];
  for (const c of used) {
    if (c.effective < 0.2 * top) continue;
    for (const sha of c.commits ?? []) if (!commits.includes(sha)) commits.push(sha);
  }
  for (const h of hunks) if (h.commit && !commits.includes(h.commit)) commits.push(h.commit);
  if (!commits.length) commits.push(...file.commits ?? []);
  return {
    path: file.path,
    score: Math.round(score * 1e3) / 1e3,
    confidence: 0,
    reasons,
    lines,
    commits
  };
}
function rankCommits(suspects, commits) {
  const parts = /* @__PURE__ */ new Map();
  for (const s of suspects) {
    if (!s.commits.length) continue;
    const shares = s.commits.map((_, k) => k === 0 ? 2 : 1);
    const total = shares.reduce((a, b) => a + b, 0);
    s.commits.forEach((sha, k) => parts.set(sha, [...parts.get(sha) ?? [], s.score * shares[k] / total]));
  }
  const score = /* @__PURE__ */ new Map();
  for (const [sha, list] of parts)
    score.set(
      sha,
      list.sort((a, b) => b - a).reduce((sum, x, k) => sum + x * Math.pow(DECAY, k), 0)
    );
  const known = new Map(commits.map((c) => [c.sha, c]));
  return [...score].sort((a, b) => b[1] - a[1]).map(([sha]) => known.get(sha) ?? commits.find((c) => c.sha.startsWith(sha)) ?? { sha, subject: "" }).filter((c, k, all) => all.findIndex((x) => x.sha === c.sha) === k);
}

// src/log/extractors/infra.ts
var WEIGHT_INFRA_LINE = 36;
var MAX_LINE = 2e3;
var LAYERS = [
  [
    "disk",
    /\bNo space left on device\b|\bENOSPC: no space\b|\bDisk quota exceeded\b|You are running out of disk space/i
  ],
  [
    "memory",
    /\bOut of memory: Kill(?:ed)? process\b|JavaScript heap out of memory|java\.lang\.OutOfMemoryError\b|\bruntime: out of memory\b|\bmemory allocation of \d+ bytes failed\b|\bstd::bad_alloc\b|^\s*(?:E\s+)?MemoryError\b|\bCannot allocate memory\b|\bCUDA out of memory\b/
  ],
  [
    "runner",
    /The runner has received a shutdown signal|lost communication with the server|The job was not acquired by Runner|no (?:enabled )?runners online|The hosted runner: .* lost communication/
  ],
  [
    "timeout",
    /has exceeded the maximum execution time|The action '[^']*' has timed out after|No output has been received in the last \S+|The job exceeded the maximum time limit|Build timed out \(after \d+/
  ],
  [
    "canceled",
    /^(?:##\[error\])?(?:Error: )?The (?:operation|job|run) was cancell?ed\b|^Canceling since a higher priority/
  ],
  [
    "docker",
    /Cannot connect to the Docker daemon|\berror during connect: |\bError response from daemon: (?:Get|Head) "?https?:|\btoomanyrequests: /
  ],
  [
    "credentials",
    /\bAuthentication failed for '|could not read Username for '|Permission denied \(publickey\)|\b401 Unauthorized\b|\b403 Forbidden\b|An error occurred \((?:AccessDenied|AccessDeniedException|UnauthorizedOperation|InvalidClientTokenId|ExpiredToken|SignatureDoesNotMatch)\)|Unable to locate credentials|Could not load credentials from any providers|Credentials could not be loaded|\bBad credentials\b|Resource not accessible by (?:integration|personal access token)|unauthorized: authentication required|denied: requested access to the resource is denied|\bcode E40[13]\b/
  ],
  [
    "network",
    /[Cc]onnection reset by peer|\bECONNRESET\b|\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b|\bEAI_AGAIN\b|getaddrinfo ENOTFOUND|socket hang up|[Cc]onnection timed out|Network is unreachable|No route to host|Temporary failure in name resolution|Name or service not known|Could not resolve host|: no such host\b|\bi\/o timeout\b|TLS handshake timeout|\bRead timed out\b|java\.net\.(?:UnknownHostException|SocketTimeoutException|SocketException)\b|unexpected EOF while reading|Failed to connect to \S+ port \d+/
  ],
  [
    "server",
    /\b50[0234] (?:Internal Server Error|Bad Gateway|Service (?:Temporarily )?Unavailable|Gateway Time-?out)\b|\bstatus code:? 50[0234]\b|\bHTTP (?:error |status )?50[0234]\b|returned error: 50[0234]\b/i
  ]
];
var INFRA_WHAT = {
  network: "the network dropped or timed out",
  server: "a server (registry, download) answered with an error",
  runner: "the runner went away",
  canceled: "the run was canceled",
  timeout: "the job ran out of time",
  memory: "the machine ran out of memory",
  disk: "the disk is full",
  docker: "the docker daemon failed",
  credentials: "credentials or permissions were refused"
};
function infraLayer(text) {
  const t2 = text.length > MAX_LINE ? text.slice(0, MAX_LINE) : text;
  for (const [code2, re] of LAYERS) if (re.test(t2)) return code2;
  return void 0;
}
var RETRYING = /\bretry(?:ing)?\b|\bwill retry\b|\bretrying in\b|\battempt \d+ (?:of|\/) ?\d+/i;
var infra = {
  name: "infra",
  triggers: /space left|quota|out of disk|memory|bad_alloc|MemoryError|shutdown signal|lost communication|acquired by Runner|runners online|execution time|timed out|No output has been|time limit|cancell?ed|Canceling since|Docker daemon|from daemon|toomanyrequests|Authentication failed|Username for|publickey|Unauthorized|Forbidden|An error occurred \(|credentials|not accessible by|authentication required|requested access|E40[13]|reset by peer|ECONNRESET|ETIMEDOUT|EAI_AGAIN|ENOTFOUND|hang up|unreachable|route to host|name resolution|service not known|resolve host|no such host|i\/o timeout|handshake timeout|java\.net\.|unexpected EOF|Failed to connect|50[0234]/i,
  extract(lines) {
    const findings = [];
    for (const line of lines) {
      const text = (line.text.length > MAX_LINE ? line.text.slice(0, MAX_LINE) : line.text).trim();
      if (text === "") continue;
      const code2 = infraLayer(text);
      if (!code2 || RETRYING.test(text)) continue;
      const f = {
        kind: "infra",
        tool: "infra",
        code: code2,
        message: text.replace(/^##\[error\]/, "").slice(0, 300),
        logLines: [line.n, line.n],
        weight: WEIGHT_INFRA_LINE
      };
      if (line.segment !== void 0) f.segment = line.segment;
      findings.push(f);
    }
    return findings;
  }
};

// src/analyze/verdict.ts
var KIND_CATEGORY = {
  "compile-error": "compile",
  "build-error": "compile",
  "lint-error": "lint",
  "test-failure": "test",
  assertion: "test",
  exception: "runtime",
  dependency: "dependency",
  infra: "infra",
  error: "unknown",
  warning: "unknown",
  exit: "unknown"
};
var REAL_ERROR = /* @__PURE__ */ new Set([
  "compile-error",
  "build-error",
  "lint-error",
  "test-failure",
  "assertion",
  "exception",
  "dependency"
]);
var INFRA_CATEGORIES = /* @__PURE__ */ new Set(["infra", "network"]);
function isRealError(f) {
  return REAL_ERROR.has(f.kind) && f.tool !== "region";
}
var INFRA_ADVICE = {
  network: "rerun",
  server: "rerun",
  runner: "rerun",
  canceled: "rerun if nothing else failed",
  timeout: "find what hangs, or rerun",
  memory: "use less memory (fewer parallel workers) or a larger runner, then rerun",
  disk: "free disk space on the runner, then rerun",
  docker: "rerun",
  credentials: "check the secrets and permissions: a rerun alone will not help"
};
function activityOf(message) {
  const m = message.slice(0, 500);
  if (/\bupload|\bpush(?:ing)?\b/i.test(m)) return " while uploading";
  if (/\bclone\b|\bfetch\b|\.git\b|git-upload-pack/i.test(m)) return " while fetching a repository";
  if (/download|\bpull(?:ing)?\b|\.(?:zip|tar|tgz|gz|whl|jar|pom)\b|proxy\.golang|registry|pypi|npmjs|\/simple\/|maven|\bmod\b/i.test(
    m
  ))
    return " while downloading";
  return "";
}
function infraSummary(f, p) {
  const message = typeof f?.message === "string" ? f.message.replace(/\s+/g, " ").trim() : "";
  const layer = message ? infraLayer(message) : void 0;
  const clipped = message.length > 140 ? `${message.slice(0, 139)}\u2026` : message;
  if (layer) {
    const said = p?.title && clipped ? `${p.title}: ${clipped}` : clipped;
    return `infrastructure: ${INFRA_WHAT[layer]}${activityOf(message)}${said ? ` (${said})` : ""} \u2014 ${INFRA_ADVICE[layer]}`;
  }
  const what = p?.title ?? (clipped || "the CI infrastructure failed");
  return `infrastructure: ${what}${p?.title && clipped ? ` (${clipped})` : ""} \u2014 rerun`;
}
function layerless(f) {
  return typeof f.message !== "string" || !infraLayer(f.message);
}
function findingSignature(f) {
  return failureKey(f);
}
function overlaps(a, b) {
  return a[0] <= b[1] && b[0] <= a[1];
}
function categorise(findings, patterns) {
  const top = findings.find((f) => f.kind !== "exit" && f.kind !== "warning");
  if (top) {
    const onTop = patterns.find((p) => overlaps(p.logLines, top.logLines));
    if (onTop) return onTop.category;
    const byKind = KIND_CATEGORY[top.kind];
    if (byKind && byKind !== "unknown") return byKind;
  }
  const real = patterns.find((p) => p.category !== "unknown");
  if (real) return real.category;
  return top ? KIND_CATEGORY[top.kind] ?? "unknown" : "unknown";
}
function where(f) {
  if (!f.file) return "";
  return ` in ${f.file}${f.line ? ":" + f.line : ""}`;
}
var HEADLINE_MESSAGE = 200;
function clipText(s, n) {
  const t2 = s.replace(/\s+/g, " ").trim();
  const cps = Array.from(t2);
  return cps.length > n ? cps.slice(0, n - 1).join("") + "\u2026" : t2;
}
function whatFailed(top, real) {
  if (!top) return "The job failed";
  const message = clipText(top.message, HEADLINE_MESSAGE);
  if (isTestFinding(top)) {
    const tests = [...new Set(real.flatMap(testsOf))];
    const first = testsOf(top);
    const names = [...first, ...tests.filter((t2) => !first.includes(t2))];
    const shown = names.slice(0, 3).map((t2) => `\`${clipText(t2, 80)}\``);
    const more = names.length - shown.length;
    const list = `${shown.join(", ")}${more > 0 ? ` and ${more} more` : ""}`;
    const n = Math.max(names.length, 1);
    const what = message && !names.includes(message) ? ` \u2014 ${message}` : "";
    return `${n} test${n === 1 ? "" : "s"} failed: ${list}${what}`;
  }
  const label = findingLabel(top);
  const rest = message.startsWith(label) ? message.slice(label.length).replace(/^[:\s]+/, "") : message;
  return `${label}${where(top)}${rest ? `: ${rest}` : ""}`;
}
var SAME_FAILURE = 3;
function sameFailure(real, known) {
  return real.length > 0 && real.slice(0, SAME_FAILURE).every(known);
}
function distinctShorts(shorts, n = 2) {
  const out = [];
  const named = /* @__PURE__ */ new Set();
  for (const s of shorts) {
    if (out.length >= n) break;
    if (!s || out.includes(s)) continue;
    const names = [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    if (names.length && names.every((x) => named.has(x))) continue;
    for (const x of names) named.add(x);
    out.push(s);
  }
  return out;
}
function decideVerdict(findings, patterns, suspects, history, hasChangeSet = true) {
  const category = categorise(findings, patterns);
  const real = findings.filter(isRealError);
  const infraFindings = findings.filter((f) => f.kind === "infra");
  const infraPatterns = patterns.filter((p) => INFRA_CATEGORIES.has(p.category));
  const first = findings.find((f) => f.kind !== "exit" && f.kind !== "warning");
  const infraFirst = first?.kind === "infra" ? first : void 0;
  const top = real[0] ?? first ?? findings[0];
  const topText = top ? `${findingLabel(top)}${where(top)}` : "The job failed";
  const lead = suspects[0];
  let origin = "unknown";
  let confidence2 = 0;
  let summary;
  const sigs = new Set(history?.baseFailureSignatures ?? []);
  const onBase = sameFailure(real, (f) => sigs.has(findingSignature(f)));
  if (infraFirst || !real.length && (infraFindings.length || infraPatterns.length)) {
    origin = "infrastructure";
    const f = infraFirst ?? infraFindings[0];
    const onIt = f ? infraPatterns.find((p) => overlaps(p.logLines, f.logLines)) : void 0;
    confidence2 = infraPatterns.length && infraFindings.length ? 0.9 : 0.75;
    summary = infraSummary(f, f ? onIt ?? (layerless(f) ? infraPatterns[0] : void 0) : infraPatterns[0]);
  } else if (history?.headPassedInOtherAttempt) {
    origin = "flaky";
    confidence2 = 0.85;
    summary = `${topText} \u2014 flaky: the same commit passed in another attempt`;
  } else if (onBase) {
    origin = "base-broken";
    confidence2 = 0.8;
    summary = `${topText} \u2014 fails on the base branch too: not caused by this change`;
  } else if (lead?.lead) {
    confidence2 = lead.confidence;
    const names = suspects.filter((s) => s.lead).slice(0, 3).map((s) => s.path);
    summary = `${topText} \u2014 no changed file clearly explains it; worth a look (leads): ${names.join(", ")}`;
  } else if (lead) {
    origin = "caused-by-change";
    confidence2 = lead.confidence;
    const why = distinctShorts(lead.contributions.map((c) => c.short)).join("; ");
    const because = why ? ` (${why})` : "";
    if (lead.confidence >= CAUSE_CONFIDENCE) summary = `${topText} \u2014 caused by ${lead.path}${because}`;
    else if (lead.confidence >= LEAD_CONFIDENCE)
      summary = `${topText} \u2014 most likely caused by ${lead.path}${because}`;
    else summary = `${topText} \u2014 no clear cause; worth a look: ${lead.path}${because}`;
  } else {
    const unrelated = hasChangeSet ? "nothing in the range relates to it (only documentation or comments changed, or nothing)" : "no change set given, so no suspects";
    summary = !findings.length ? "No error found in the log" : real.length ? `${whatFailed(top, real).replace(/[.:;,\s]+$/, "")}. ${unrelated[0].toUpperCase()}${unrelated.slice(1)}.` : `${topText} \u2014 ${unrelated}`;
  }
  return { category, origin, summary, confidence: confidence2 };
}
function withFlakyElsewhere(verdict, findings, passedOnRerun) {
  const real = findings.filter(isRealError);
  const first = real[0];
  if (!first || !sameFailure(real, (f) => !!f.fingerprint && passedOnRerun.has(f.fingerprint)))
    return verdict;
  if (verdict.origin !== "unknown" && !(verdict.origin === "caused-by-change" && verdict.confidence < CAUSE_CONFIDENCE))
    return verdict;
  return {
    ...verdict,
    origin: "flaky",
    confidence: 0.7,
    summary: `${findingLabel(first)}${where(first)} \u2014 flaky: the same failure passed on a re-run of another pull request`
  };
}

// src/rules/builtin.generated.ts
var BUILTIN_PACKS = [
  {
    source: "rules/compile-test-lint.yml",
    json: '{"rules":[{"id":"typescript-error","category":"compile","title":"TypeScript type error","patterns":["\\\\((?<line>\\\\d+),(?<column>\\\\d+)\\\\): error (?<code>TS\\\\d+): (?<message>.+)",":(?<line>\\\\d+):(?<column>\\\\d+) - error (?<code>TS\\\\d+): (?<message>.+)"],"hint":"TypeScript rejects the code ($<code>: $<message>): fix the types at that location, or, if it is in code the change did not touch, look at the change to the types it uses (a renamed field, a changed signature, an upgraded `@types/` package).","examples":{"match":["src/app.ts(12,7): error TS2322: Type \'string\' is not assignable to type \'number\'.","src/app.ts:12:7 - error TS2345: Argument of type \'boolean\' is not assignable to parameter of type \'number\'."],"no_match":["Found 0 errors. Watching for file changes."]}},{"id":"assertion-failed","category":"test","title":"Assertion failed","patterns":["AssertionError(?: \\\\[ERR_ASSERTION\\\\])?:","expect\\\\(received\\\\)\\\\.(?<matcher>\\\\w+)\\\\(","expected:<.*> but was:<","(?:^|\\\\s)E\\\\s+assert "],"hint":"A test\'s expectation failed: the code now produces a different value than the test expects. Decide which side is right: if the behaviour change was intended, update the test; if not, the change broke the code under test.","examples":{"match":["AssertionError [ERR_ASSERTION]: Expected values to be strictly equal:","    expect(received).toBe(expected) // Object.is equality","java.lang.AssertionError: expected:<1> but was:<2>","E       assert 3 == 4"],"no_match":["test_assertions.py::test_assert_equal PASSED"]}},{"id":"snapshot-mismatch","category":"test","title":"Snapshot mismatch","patterns":["\\\\d+ snapshots? failed","\\\\d+ snapshots? obsolete","Snapshot `[^`]*` mismatched","New snapshot was not written\\\\. The update flag must be explicitly passed"],"hint":"A snapshot differs from the stored one: if the output change is intended, update the snapshots (`jest -u` / `vitest -u`) and commit them; otherwise the change altered the rendered output. Obsolete or unwritten snapshots in CI mean snapshot files were not committed together with the tests.","suspects":["**/__snapshots__/**","**/*.snap"],"examples":{"match":[" \u203A 1 snapshot failed.","Snapshot Summary \u203A 2 snapshots failed from 1 test suite. Inspect your code changes or run `npm test -- -u` to update them.","Snapshot `Button > renders 1` mismatched","    New snapshot was not written. The update flag must be explicitly passed to write a new snapshot."],"no_match":["Snapshots:   0 total"]}},{"id":"formatting-check-failed","category":"lint","title":"Formatting check failed","patterns":["Code style issues found in","\\\\d+ files? would be reformatted","^would reformat (?<file>\\\\S+)"],"hint":"The formatter\'s check found unformatted files: run the formatter (`prettier --write .`, `black .`) locally and commit the result; a formatter version bump can also reformat unchanged files.","suspects":[".prettierrc*",".prettierignore","prettier.config.*","pyproject.toml","package.json"],"examples":{"match":["[warn] Code style issues found in 3 files. Run Prettier with --write to fix.","Code style issues found in the above file(s). Forgot to run Prettier?","1 file would be reformatted, 41 files would be left unchanged."],"no_match":["All matched files use Prettier code style!"]}},{"id":"eslint-problems","category":"lint","title":"Lint errors","patterns":["\u2716 (?<count>\\\\d+) problems? \\\\((?<errors>\\\\d+) errors?, \\\\d+ warnings?\\\\)","ESLint found too many warnings \\\\(maximum: \\\\d+\\\\)"],"hint":"ESLint reported problems: fix the listed rules at the listed lines (`eslint --fix` handles many), or, when files the change did not touch fail, check for a changed ESLint config or plugin upgrade.","suspects":["eslint.config.*",".eslintrc*","package.json"],"examples":{"match":["\u2716 3 problems (2 errors, 1 warning)","ESLint found too many warnings (maximum: 0)."],"no_match":["\u2714 No problems found"]}}]}'
  },
  {
    source: "rules/configuration.yml",
    json: '{"rules":[{"id":"connection-refused","category":"config","title":"Connection refused","patterns":["connect ECONNREFUSED (?<address>\\\\S+)","dial tcp (?<address>\\\\S+): connect: connection refused","Failed to connect to (?<address>\\\\S+ port \\\\d+)(?: after \\\\d+ ms)?: Connection refused","ConnectionRefusedError: \\\\[Errno 111\\\\] Connection refused","\\\\[Errno (?:111|61|10061)\\\\] Connection refused","java\\\\.net\\\\.ConnectException: Connection refused","could not connect to server: Connection refused"],"hint":"Nothing accepted the connection (`$<address>`): the service the tests need (database, cache, API) is not started in this job, not ready yet (add a health check or wait), or the host/port in the configuration changed (in a service container job, use `localhost` and the mapped port; in a container job, the service name).","suspects":[".env*","**/*.config.*",".github/workflows/**","docker-compose*.yml","docker-compose*.yaml","compose*.yaml","**/config/**","**/settings*.{py,ini,cfg,toml,json,yml,yaml}","**/*.ini"],"examples":{"match":["Error: connect ECONNREFUSED 127.0.0.1:5432","urllib.error.URLError: <urlopen error [Errno 111] Connection refused>","dial tcp 127.0.0.1:6379: connect: connection refused","curl: (7) Failed to connect to localhost port 8080 after 0 ms: Connection refused","ConnectionRefusedError: [Errno 111] Connection refused"],"no_match":["Error: connect ETIMEDOUT 10.0.0.5:443"]}},{"id":"authentication-failed","category":"config","title":"Authentication failed","patterns":["fatal: Authentication failed for \'(?<target>[^\']+)\'","password authentication failed for user \\"(?<target>[^\\"]+)\\"","npm (?:ERR!|error) code E401","(?:HttpError|RequestError \\\\[HttpError\\\\]): Bad credentials","unauthorized: (?:authentication required|incorrect username or password)","remote: (?:Invalid username or password|Permission to \\\\S+ denied to)","\\\\b401 Unauthorized\\\\b"],"hint":"Credentials were rejected (`$<target>`): a secret is missing, expired or misnamed, or is not available to this run (secrets are empty in workflows triggered from forks and for Dependabot), or the token lacks the permission (check `permissions:` in the workflow).","suspects":[".github/workflows/**",".env*",".npmrc",".yarnrc.yml","**/*.config.*","docker-compose*.yml","**/settings.xml"],"examples":{"match":["fatal: Authentication failed for \'https://github.com/acme/private-lib.git/\'","psycopg2.OperationalError: connection to server at \\"localhost\\" (127.0.0.1), port 5432 failed: FATAL:  password authentication failed for user \\"postgres\\"","npm error code E401","HttpError: Bad credentials","Error response from daemon: Get \\"https://ghcr.io/v2/acme/app/manifests/latest\\": unauthorized: authentication required"],"no_match":["npm error code E404"]}},{"id":"missing-environment-variable","category":"config","title":"Missing environment variable or secret","patterns":["[Mm]issing (?:required )?env(?:ironment)?(?: variables?| vars?)?:? *[\'\\"`]?(?<name>[A-Z][A-Z0-9_]+)","[Ee]nv(?:ironment)? variable [\'\\"`]?(?<name>[A-Z][A-Z0-9_]*)[\'\\"`]? (?:is )?(?:not set|not defined|is required|must be set|is missing|undefined)","process\\\\.env\\\\.(?<name>[A-Za-z_]\\\\w*) is (?:undefined|not set|not defined|required)","KeyError: \'(?<name>[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\'","Input required and not supplied: (?<name>\\\\S+)"],"hint":"`$<name>` is not set in this job: add it to the workflow\'s `env:` (or `with:` for an action input), check the secret\'s name, and remember that secrets are empty for pull requests from forks and for Dependabot. If the code now reads a new variable, the change that added it should also set it in CI.","suspects":[".env*",".github/workflows/**","**/*.config.*","docker-compose*.yml","docker-compose*.yaml","**/config/**","**/settings*.py","action.yml"],"examples":{"match":["Error: Missing required environment variable: DATABASE_URL","Error: environment variable \\"STRIPE_API_KEY\\" is not set","KeyError: \'DATABASE_URL\'","Error: Input required and not supplied: github-token","Error: process.env.API_TOKEN is undefined"],"no_match":["KeyError: \'name\'","Environment variable DEBUG is set to true"]}},{"id":"warning-as-error","category":"config","title":"A warning raised as an error","patterns":["^(?:E\\\\s+)?(?<warning>[A-Z][A-Za-z]*)Warning: "],"hint":"A `$<warning>Warning` was turned into an error: the warning filters (`filterwarnings` in pytest.ini, pyproject.toml, setup.cfg or tox.ini; `-W error` or `PYTHONWARNINGS` in the workflow) became stricter, or a dependency started warning. Fix the code that warns, or filter that warning.","suspects":["**/pytest.ini","**/pyproject.toml","**/setup.cfg","**/tox.ini","**/conftest.py",".github/workflows/**"],"examples":{"match":["E   DeprecationWarning: legacy_total is deprecated; use total","FutureWarning: The default value of numeric_only will change"],"no_match":["warnings.warn(\\"x is deprecated\\", DeprecationWarning)","  /app/x.py:3: DeprecationWarning: old api"]}},{"id":"test-runner-configuration","category":"config","title":"The test runner\'s configuration is invalid","patterns":["Test environment (?<module>\\\\S+) cannot be found","Module (?<module>\\\\S+) in the (?<option>\\\\w+) option was not found","Preset (?<module>\\\\S+) not found relative to rootDir"],"hint":"The test runner stopped before running any test: its configuration names `$<module>`, which is not installed or does not exist. A configuration change (jest.config.*, the `jest` key of package.json) points to it, or the dependency that provides it was removed or is no longer bundled (jest 28+ needs `jest-environment-jsdom` installed separately).","suspects":["**/jest.config.*","**/package.json","**/package-lock.json","**/yarn.lock","**/pnpm-lock.yaml","**/babel.config.*","**/vitest.config.*"],"examples":{"match":["  Test environment jest-environment-jsdom cannot be found. Make sure the testEnvironment configuration option points to an existing node module.","  Module ./test/setup.js in the setupFiles option was not found.","  Preset ts-jest not found relative to rootDir /app."],"no_match":["Cannot find module ./cart from tests/cart.test.ts"]}}]}'
  },
  {
    source: "rules/data-shape.yml",
    json: `{"rules":[{"id":"python-key-error","category":"data-shape","title":"Missing dictionary key","pattern":"(?:^|\\\\s)KeyError: (?<key>.+)$","hint":"The code reads the key $<key> from a dict that does not have it: the data (a fixture, an API response, a config file) changed shape, or the key was renamed on one side only. Use \`.get()\` with a default where absence is valid, or update the producer and the consumer together.","examples":{"match":["KeyError: 'sites'","E           KeyError: 'user_id'"],"no_match":["findspam.py:28: KeyError"]}},{"id":"js-property-of-undefined","category":"data-shape","title":"Reading a property of undefined","patterns":["Cannot read propert(?:y|ies) of (?<value>undefined|null) \\\\(reading '(?<prop>[^']*)'\\\\)","Cannot read property '(?<prop>[^']*)' of (?<value>undefined|null)","Cannot destructure property '(?<prop>[^']*)' of '[^']*' as it is (?<value>undefined|null)","undefined is not an object \\\\(evaluating '(?<prop>[^']*)'\\\\)"],"hint":"\`.$<prop>\` was read from a value that is $<value>: an object the code expects (a response field, an argument, a module export, a config entry) is missing or was renamed. Look at the top stack frame and at changes to where that value comes from.","examples":{"match":["TypeError: Cannot read properties of undefined (reading 'map')","  TypeError: Cannot read property 'body' of undefined","TypeError: Cannot destructure property 'data' of '(intermediate value)' as it is undefined."],"no_match":["TypeError: foo.map is not a function"]}},{"id":"python-none-attribute","category":"data-shape","title":"Attribute of None","pattern":"'NoneType' object (?:has no attribute '(?<name>[^']+)'|is not (?:subscriptable|iterable|callable))","hint":"A value is None where the code expects an object (\`$<name>\`): a lookup, regex match or function returned None (often a missing record or a changed format). Check the value at the top frame and the change to whatever produces it.","examples":{"match":["AttributeError: 'NoneType' object has no attribute 'group'","TypeError: 'NoneType' object is not subscriptable"],"no_match":["AttributeError: module 'numpy' has no attribute 'float'"]}},{"id":"js-not-a-function","category":"data-shape","title":"Value is not a function","pattern":"TypeError: (?<expr>.+?) is not a (?:function|constructor)","hint":"\`$<expr>\` is not callable: an import got the wrong export (default vs named, CommonJS vs ESM), a dependency upgrade changed the API, or the value is a different type than before. Check the import of that name and the module that provides it.","suspects":["package.json","package-lock.json","yarn.lock","pnpm-lock.yaml"],"examples":{"match":["TypeError: setTimeout(...).unref is not a function","TypeError: (0 , _format.formatDate) is not a function","TypeError: axios.create is not a function"],"no_match":["TypeError: Cannot read properties of undefined (reading 'create')"]}},{"id":"json-parse-error","category":"data-shape","title":"Invalid JSON","patterns":["Unexpected token .{1,12} in JSON at position \\\\d+","Unexpected end of JSON input","is not valid JSON","JSONDecodeError: (?<reason>[^:]+)","json: cannot unmarshal (?<reason>.+)"],"hint":"Text parsed as JSON is not JSON ($<reason>): often an HTML error page or an empty body from a server (check the URL and the status first), a file with a trailing comma or comment, or a changed format. Print the first bytes of the input to see what arrived.","examples":{"match":["SyntaxError: Unexpected token < in JSON at position 0","SyntaxError: Unexpected token '<', \\"<!DOCTYPE \\"... is not valid JSON","json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)","SyntaxError: Unexpected end of JSON input"],"no_match":["SyntaxError: Unexpected token 'export'"]}},{"id":"schema-validation-error","category":"data-shape","title":"Schema validation failed","patterns":["\\\\d+ validation errors? for (?<model>\\\\w+)","\\\\bZodError\\\\b","\\\\bmust have required property '(?<model>[^']+)'","jsonschema\\\\.exceptions\\\\.ValidationError: (?<model>.+)","ValidationError: \\"(?<model>[^\\"]+)\\" (?:is not allowed|is required|must be)"],"hint":"Data does not match its schema ($<model>): a field was added, removed, renamed or changed type on one side. Compare the failing input with the schema, and update the schema, the fixture or the producer together.","examples":{"match":["pydantic_core._pydantic_core.ValidationError: 1 validation error for Settings","ZodError: [","Error: data/config.json: data must have required property 'name'","     ValidationError: \\"forumTopicId\\" is not allowed"],"no_match":["Running validation checks on 12 files"]}}]}`
  },
  {
    source: "rules/dependencies.yml",
    json: `{"rules":[{"id":"node-package-not-found","category":"dependency","title":"Package not found","patterns":["Cannot find (?:module|package) '(?<module>[^'./\\\\\\\\][^']*)'","Module not found: Error: Can't resolve '(?<module>[^'./\\\\\\\\][^']*)'"],"hint":"The package \`$<module>\` could not be resolved. Check that it is listed in package.json \`dependencies\` (not only \`devDependencies\` when the build prunes them), that the lockfile was committed with it, and that the install step ran before this one; for TypeScript, a missing \`@types/\` package gives the same error.","suspects":["package.json","package-lock.json","npm-shrinkwrap.json","yarn.lock","pnpm-lock.yaml","**/tsconfig*.json"],"examples":{"match":["Error: Cannot find module 'express'","Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'chalk' imported from /home/runner/work/app/app/src/cli.js","src/index.ts(1,20): error TS2307: Cannot find module '@octokit/rest' or its corresponding type declarations.","Module not found: Error: Can't resolve 'react-dom/client' in '/home/runner/work/web/web/src'"],"no_match":["Error: Cannot find module './utils/format'","Require stack:"]}},{"id":"local-module-not-found","category":"compile","title":"Local module not found","patterns":["Cannot find (?:module|package) '(?<module>\\\\.{1,2}/[^']*|/[^']*)'","Module not found: Error: Can't resolve '(?<module>\\\\.{1,2}/[^']*)'"],"hint":"The file \`$<module>\` does not exist where it is imported from: it was renamed, moved or deleted in the change, the import misses the \`.js\` extension ESM requires, or the name differs in case (Linux runners are case-sensitive). Fix the import or restore the file.","examples":{"match":["Error: Cannot find module './utils/format'","    Cannot find module '../lib/parser' from 'src/index.test.ts'","Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/home/runner/work/app/app/dist/util' imported from /home/runner/work/app/app/dist/index.js","Module not found: Error: Can't resolve './Header' in '/home/runner/work/web/web/src/components'"],"no_match":["Error: Cannot find module 'express'"]}},{"id":"python-module-not-found","category":"dependency","title":"Python module not found","pattern":"No module named '?(?<module>[A-Za-z_][\\\\w.]*)'?","hint":"Python cannot import \`$<module>\`: add the distribution that provides it to requirements / pyproject.toml (the import name can differ from the package name), make sure the install step used the same interpreter as the test step, or, for a module of this repository, check the package layout (\`__init__.py\`, \`src/\` layout, PYTHONPATH).","suspects":["requirements*.txt","pyproject.toml","poetry.lock","uv.lock","setup.py","setup.cfg","Pipfile","Pipfile.lock","tox.ini"],"examples":{"match":["ModuleNotFoundError: No module named 'requests'","E   ModuleNotFoundError: No module named 'myapp.settings'","ImportError: No module named yaml"],"no_match":["ImportError: cannot import name 'soft_unicode' from 'markupsafe'"]}},{"id":"go-package-not-found","category":"dependency","title":"Go package not found","patterns":["no required module provides package (?<module>[^\\\\s;]+)","cannot find package \\"(?<module>[^\\"]+)\\"","go: (?<module>\\\\S+): (?:module \\\\S+ not found|unknown revision|reading \\\\S+: 404 Not Found)"],"hint":"The Go package \`$<module>\` is not provided by any module in go.mod: run \`go get\` for it (or \`go mod tidy\`) and commit go.mod and go.sum, or fix the import path if it was renamed.","suspects":["**/go.mod","**/go.sum","go.work"],"examples":{"match":["main.go:8:2: no required module provides package github.com/spf13/cobra; to add it:","main.go:4:2: cannot find package \\"github.com/pkg/errors\\" in any of:","go: github.com/acme/lib@v1.4.0: unknown revision v1.4.0"],"no_match":["go: downloading github.com/spf13/cobra v1.8.0"]}},{"id":"go-missing-sum-entry","category":"dependency","title":"go.sum out of date","pattern":"missing go\\\\.sum entry for module providing package (?<module>\\\\S+)","hint":"go.sum has no checksum for \`$<module>\`: run \`go mod tidy\` and commit go.mod and go.sum together.","suspects":["**/go.mod","**/go.sum"],"examples":{"match":["cmd/main.go:6:2: missing go.sum entry for module providing package github.com/google/uuid (imported by example.com/app/cmd); to add:","internal/db/db.go:5:2: missing go.sum entry for module providing package golang.org/x/sync/errgroup"],"no_match":["go: finding module for package github.com/google/uuid"]}},{"id":"js-missing-export","category":"compile","title":"Imported name is not exported","patterns":["does not provide an export named '(?<name>[^']+)'","has no exported member(?: named)? '(?<name>[^']+)'","export '(?<name>[^']+)' \\\\(imported as '[^']*'\\\\) was not found in","\\"(?<name>[^\\"]+)\\" is not exported by \\"[^\\"]+\\", imported by"],"hint":"\`$<name>\` is not exported by the module any more: a recent change renamed or removed it, or a dependency upgrade changed its API. Check the diff of the module that defines it (or the package's changelog) and update the import, or restore the export.","examples":{"match":["SyntaxError: The requested module './lib.js' does not provide an export named 'parseConfig'","src/app.ts(2,10): error TS2305: Module '\\"./format\\"' has no exported member 'formatDate'.","src/app.ts(2,10): error TS2724: '\\"./format\\"' has no exported member named 'formatDates'. Did you mean 'formatDate'?","export 'useStore' (imported as 'useStore') was not found in './store' (possible exports: default, createStore)","src/index.js (1:9): \\"parse\\" is not exported by \\"src/parser.js\\", imported by \\"src/index.js\\"."],"no_match":["src/app.ts(2,10): error TS2307: Cannot find module './format' or its corresponding type declarations."]}},{"id":"python-cannot-import-name","category":"dependency","title":"Python name cannot be imported","pattern":"ImportError: cannot import name '(?<name>[^']+)'(?: from '(?<module>[^']+)')?","hint":"\`$<name>\` no longer exists in \`$<module>\`: a dependency upgrade removed or moved it (pin the previous version, or update the import to the new location), or a local change renamed it; a circular import gives the same error (\\"partially initialized module\\").","suspects":["requirements*.txt","pyproject.toml","poetry.lock","uv.lock","setup.py","setup.cfg","Pipfile.lock"],"examples":{"match":["ImportError: cannot import name 'soft_unicode' from 'markupsafe' (/opt/hostedtoolcache/Python/3.11.4/x64/lib/python3.11/site-packages/markupsafe/__init__.py)","E   ImportError: cannot import name 'Mapping' from 'collections' (/usr/lib/python3.10/collections/__init__.py)"],"no_match":["ModuleNotFoundError: No module named 'markupsafe'"]}},{"id":"python-module-attribute-missing","category":"dependency","title":"Module has no such attribute","pattern":"AttributeError: module '(?<module>[^']+)' has no attribute '(?<name>[^']+)'","hint":"\`$<module>.$<name>\` does not exist in the installed version: it was removed or renamed by an upgrade (check the changelog and pin or update the call), or a local file shadows the module's name.","suspects":["requirements*.txt","pyproject.toml","poetry.lock","uv.lock","setup.py","setup.cfg","Pipfile.lock"],"examples":{"match":["AttributeError: module 'numpy' has no attribute 'float'.","E   AttributeError: module 'collections' has no attribute 'MutableMapping'"],"no_match":["AttributeError: 'NoneType' object has no attribute 'group'"]}},{"id":"npm-peer-dependency-conflict","category":"dependency","title":"Peer dependency conflict","patterns":["ERESOLVE (?:unable to resolve dependency tree|could not resolve)","ERR_PNPM_PEER_DEP_ISSUES","YN0060: .* provides .* which doesn't satisfy"],"hint":"The package manager cannot find versions that satisfy every peer dependency: a dependency was added or upgraded to a version whose peers conflict with another one. Align the versions in package.json (the log lists the conflicting \`peer\` ranges); \`--legacy-peer-deps\` only hides it.","suspects":["package.json","package-lock.json","npm-shrinkwrap.json","yarn.lock","pnpm-lock.yaml",".npmrc"],"examples":{"match":["npm ERR! ERESOLVE unable to resolve dependency tree","npm error ERESOLVE could not resolve"," ERR_PNPM_PEER_DEP_ISSUES  Unmet peer dependencies"],"no_match":["npm WARN ERESOLVE overriding peer dependency"]}},{"id":"npm-package-not-in-registry","category":"dependency","title":"Package or version not in the registry","patterns":["npm (?:ERR!|error) 404 +'(?<pkg>[^']+)' is not in (?:the npm|this) registry","npm (?:ERR!|error) 404 Not Found - GET (?<pkg>\\\\S+)","error An unexpected error occurred: \\"(?<pkg>\\\\S+): Request failed \\\\\\\\\\"404 Not Found\\\\\\\\\\"\\""],"hint":"\`$<pkg>\` was not found in the registry: a typo in the name or version, a version that was never published (or was unpublished), or a private package that needs a registry token (\`.npmrc\`, NODE_AUTH_TOKEN) this job does not have.","suspects":["package.json","package-lock.json","yarn.lock","pnpm-lock.yaml",".npmrc",".yarnrc.yml"],"examples":{"match":["npm ERR! 404  'left-pad-extra@9.9.9' is not in this registry.","npm error 404 Not Found - GET https://registry.npmjs.org/@acme%2fui - Not found","error An unexpected error occurred: \\"https://registry.yarnpkg.com/@acme%2fui: Request failed \\\\\\"404 Not Found\\\\\\"\\"."],"no_match":["npm http fetch GET 200 https://registry.npmjs.org/express 35ms (cache revalidated)"]}},{"id":"lockfile-out-of-sync","category":"dependency","title":"Lockfile out of date","patterns":["can only install packages when your package\\\\.json and package-lock\\\\.json","Your lockfile needs to be updated, but yarn was run with \`--frozen-lockfile\`","The lockfile would have been modified by this install, which is explicitly forbidden","ERR_PNPM_OUTDATED_LOCKFILE","pyproject\\\\.toml changed significantly since poetry\\\\.lock was last generated","The lock file (?:needs to be updated but --locked was passed|is not up to date)"],"hint":"The lockfile does not match the manifest: a dependency was changed in the manifest without regenerating the lockfile. Run the package manager's install (npm install, yarn, pnpm install, poetry lock, cargo update -p ...) locally and commit the updated lockfile.","suspects":["package.json","package-lock.json","npm-shrinkwrap.json","yarn.lock","pnpm-lock.yaml","pyproject.toml","poetry.lock","uv.lock","Cargo.toml","Cargo.lock"],"examples":{"match":["npm ERR! \`npm ci\` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with \`npm install\` before continuing.","error Your lockfile needs to be updated, but yarn was run with \`--frozen-lockfile\`."," ERR_PNPM_OUTDATED_LOCKFILE  Cannot install with \\"frozen-lockfile\\" because pnpm-lock.yaml is not up to date with package.json","pyproject.toml changed significantly since poetry.lock was last generated. Run \`poetry lock [--no-update]\` to fix the lock file."],"no_match":["added 312 packages, and audited 313 packages in 6s"]}},{"id":"pip-resolution-conflict","category":"dependency","title":"pip cannot resolve the requirements","patterns":["ResolutionImpossible","Cannot install (?<requirement>.+) because these package versions have conflicting dependencies","Could not find a version that satisfies the requirement (?<requirement>\\\\S+)","No matching distribution found for (?<requirement>\\\\S+)"],"hint":"pip cannot install the requirements $<requirement>: two pins conflict, or the requested version does not exist for this Python version or platform. Relax or align the pins (the log lists the conflicting constraints), or check the Python version the job uses.","suspects":["requirements*.txt","constraints*.txt","pyproject.toml","setup.py","setup.cfg","Pipfile","Pipfile.lock",".python-version"],"examples":{"match":["ERROR: ResolutionImpossible: for help visit https://pip.pypa.io/en/latest/topics/dependency-resolution/#dealing-with-dependency-conflicts","ERROR: Cannot install -r requirements.txt (line 3) and urllib3==2.0.0 because these package versions have conflicting dependencies.","ERROR: Could not find a version that satisfies the requirement torch==1.4.0 (from versions: 1.11.0, 1.12.0)","ERROR: No matching distribution found for torch==1.4.0"],"no_match":["Successfully installed requests-2.31.0 urllib3-2.0.7"]}},{"id":"maven-dependency-resolution","category":"dependency","title":"Maven or Gradle cannot resolve dependencies","patterns":["Could not resolve dependencies for project (?<artifact>\\\\S+?):? ","Could not resolve all (?:files|dependencies|artifacts) for configuration '(?<artifact>[^']+)'","Could not find artifact (?<artifact>\\\\S+)"],"hint":"The build could not download \`$<artifact>\`: a version that does not exist, a repository missing from the build file, a SNAPSHOT not published, or credentials for a private repository that this job does not have. Check the dependency versions changed in the build files.","suspects":["**/pom.xml","**/*.gradle","**/*.gradle.kts","gradle/libs.versions.toml","**/settings.xml"],"examples":{"match":["[ERROR] Failed to execute goal on project formats-api: Could not resolve dependencies for project ome:formats-api:jar:5.3.0-SNAPSHOT: Failed to collect dependencies","> Could not resolve all files for configuration ':app:compileClasspath'.","[ERROR] Failed to execute goal on project app: Could not find artifact com.acme:lib:jar:2.1.0 in central (https://repo.maven.apache.org/maven2)"],"no_match":["[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/slf4j/slf4j-api/2.0.9/slf4j-api-2.0.9.pom"]}},{"id":"cargo-version-selection","category":"dependency","title":"Cargo cannot select a version","patterns":["failed to select a version for (?:the requirement )?\`(?<requirement>[^\`]+)\`","no matching package named \`(?<requirement>[^\`]+)\` found"],"hint":"Cargo cannot satisfy \`$<requirement>\`: the version does not exist, or two crates require incompatible versions of the same dependency (or both link the same native library). Align the versions in Cargo.toml and run \`cargo update\`.","suspects":["**/Cargo.toml","Cargo.lock"],"examples":{"match":["error: failed to select a version for the requirement \`serde = \\"^9.0\\"\`","error: failed to select a version for \`openssl-sys\`.","error: no matching package named \`serde_jsonn\` found"],"no_match":["    Updating crates.io index"]}}]}`
  },
  {
    source: "rules/environment.yml",
    json: `{"rules":[{"id":"unsupported-engine","category":"environment","title":"Unsupported runtime version","patterns":["The engine \\"(?<engine>[\\\\w-]+)\\" is incompatible with this module\\\\. Expected version \\"(?<wanted>[^\\"]+)\\"\\\\. Got \\"(?<current>[^\\"]+)\\"","Unsupported engine for \\\\S+: wanted: \\\\{\\"(?<engine>[\\\\w-]+)\\":\\"(?<wanted>[^\\"]+)\\"\\\\} \\\\(current: \\\\{\\"[\\\\w-]+\\":\\"(?<current>[^\\"]+)\\"","ERR_PNPM_UNSUPPORTED_ENGINE"],"hint":"A package requires $<engine> $<wanted> but the job runs $<current>: set the version in the workflow (\`node-version\` / \`node-version-file\`), or pin the dependency to a release that still supports the runner's version.","suspects":["package.json",".nvmrc",".node-version",".tool-versions",".github/workflows/**","package-lock.json","yarn.lock","pnpm-lock.yaml"],"examples":{"match":["error vite@5.0.0: The engine \\"node\\" is incompatible with this module. Expected version \\"^18.0.0 || >=20.0.0\\". Got \\"16.20.2\\"","npm ERR! notsup Unsupported engine for eslint@9.0.0: wanted: {\\"node\\":\\"^18.18.0 || >=20.9.0\\"} (current: {\\"node\\":\\"16.20.2\\",\\"npm\\":\\"8.19.4\\"})"],"no_match":["npm WARN deprecated inflight@1.0.6: This module is not supported, and leaks memory."]}},{"id":"runtime-too-old-for-syntax","category":"environment","title":"Syntax newer than the runtime","patterns":["SyntaxError: Unexpected token '(?<token>\\\\?|\\\\.|\\\\?\\\\?=|\\\\|\\\\|=|&&=|#)'","TypeError: unsupported operand type\\\\(s\\\\) for \\\\|: 'type' and","requires a different Python: (?<current>\\\\S+) not in '(?<wanted>[^']+)'"],"hint":"The code or a dependency uses syntax or a feature newer than the runtime of this job (optional chaining, \`X | Y\` types, ...): the runner's Node.js/Python version is older than the one the code was written for. Raise the version in the workflow or the version file.","suspects":[".github/workflows/**",".nvmrc",".node-version",".python-version",".tool-versions","package.json","pyproject.toml","setup.cfg"],"examples":{"match":["SyntaxError: Unexpected token '?'","TypeError: unsupported operand type(s) for |: 'type' and 'NoneType'","ERROR: Package 'acme-tools' requires a different Python: 3.8.18 not in '>=3.9'"],"no_match":["SyntaxError: Unexpected token '<', \\"<!DOCTYPE \\"... is not valid JSON"]}},{"id":"command-not-found","category":"environment","title":"Command not found","patterns":["(?:^|: )(?:line \\\\d+: )?(?<command>[^\\\\s:'\\"]+): command not found","^(?:/bin/)?sh: \\\\d+: (?<command>[^\\\\s:]+): not found","command not found: (?<command>\\\\S+)","'(?<command>[^']+)' is not recognized as an internal or external command","The term '(?<command>[^']+)' is not recognized as (?:the )?name of a cmdlet"],"hint":"\`$<command>\` is not installed on this runner or not on PATH: add a setup step for it, install it before use, call it through the package manager (\`npx\`, \`npm run\`, \`poetry run\`), or check the runner image (tools come and go between image versions).","suspects":[".github/workflows/**","package.json","Makefile","**/*.sh","Dockerfile"],"examples":{"match":["/home/runner/work/_temp/4f9c2e1a.sh: line 3: pnpm: command not found","bash: line 97: bc: command not found","sh: 1: tsc: not found","'yarn' is not recognized as an internal or external command,"],"no_match":["Error: Command failed with exit code 1: npm run build"]}},{"id":"crlf-line-endings","category":"environment","title":"Windows line endings in a script","patterns":["\\\\$'\\\\\\\\r': command not found","/usr/bin/env: '\\\\w+\\\\\\\\r': No such file or directory","syntax error near unexpected token \`\\\\$'\\\\\\\\r''"],"hint":"A shell script has Windows (CRLF) line endings, so Linux sees \`\\\\r\` at the end of each line. Convert it to LF (and add \`*.sh text eol=lf\` to .gitattributes so it stays that way).","suspects":["**/*.sh",".gitattributes","**/gradlew","**/mvnw","**/bin/*"],"examples":{"match":["./scripts/setup.sh: line 2: $'\\\\r': command not found","/usr/bin/env: 'bash\\\\r': No such file or directory"],"no_match":["bash: line 97: bc: command not found"]}},{"id":"permission-denied","category":"environment","title":"Permission denied","patterns":["EACCES: permission denied, \\\\w+ '(?<path>[^']+)'","PermissionError: \\\\[Errno 13\\\\] Permission denied: '(?<path>[^']+)'","(?:^|: )(?<path>[^\\\\s:]+): Permission denied$"],"hint":"The job may not write or execute \`$<path>\`: a script without the executable bit (\`git update-index --chmod=+x <file>\`), a global install without sudo (install locally or use \`npx\`), or a directory owned by another user (a container running as another user, a cache restored as root).","suspects":["**/*.sh","**/gradlew","**/mvnw",".github/workflows/**","Dockerfile","package.json"],"examples":{"match":["npm ERR! Error: EACCES: permission denied, mkdir '/usr/local/lib/node_modules/typescript'","PermissionError: [Errno 13] Permission denied: '/usr/lib/python3/dist-packages/acme'","/home/runner/work/_temp/b1.sh: line 1: ./gradlew: Permission denied"],"no_match":["remote: Permission to acme/app.git denied to github-actions[bot]."]}},{"id":"externally-managed-python","category":"environment","title":"System Python is externally managed","pattern":"error: externally-managed-environment","hint":"pip refuses to install into the runner's system Python (PEP 668): use \`actions/setup-python\`, a virtual environment (\`python -m venv .venv\`), or \`pipx\` for tools.","suspects":[".github/workflows/**","Dockerfile","Makefile","**/*.sh"],"examples":{"match":["error: externally-managed-environment","\xD7 error: externally-managed-environment"],"no_match":["note: If you believe this is a mistake, please contact your Python installation or OS distribution provider."]}},{"id":"path-case-mismatch","category":"environment","title":"File name differs only in case","patterns":["differs from (?:already included )?file name '(?<path>[^']+)' only in casing","There are multiple modules with names that only differ in casing"],"hint":"Two spellings of the same path differ only in letter case ($<path>): it works on macOS and Windows (case-insensitive) but not on Linux runners. Make the import match the file name exactly, and rename with \`git mv\` so git records the new case.","examples":{"match":["error TS1261: Already included file name '/home/runner/work/app/app/src/Button.tsx' differs from file name '/home/runner/work/app/app/src/button.tsx' only in casing.","error TS1149: File name '/home/runner/work/app/app/src/utils.ts' differs from already included file name '/home/runner/work/app/app/src/Utils.ts' only in casing.","WARNING in There are multiple modules with names that only differ in casing."],"no_match":["error TS2307: Cannot find module './button' or its corresponding type declarations."]}}]}`
  },
  {
    source: "rules/infrastructure.yml",
    json: '{"rules":[{"id":"process-killed-out-of-memory","category":"infra","title":"Process killed (out of memory)","patterns":["exit code 137\\\\b","\\\\bError 137\\\\b","^\\\\s*Killed\\\\s*$","line \\\\d+: +\\\\d+ Killed +","(?:^|\\\\s)MemoryError\\\\b","CUDA out of memory"],"hint":"The process was killed, most likely by the out-of-memory killer (exit code 137 = SIGKILL): the job needs more memory than the runner has. Reduce parallelism (`-j`, `--maxWorkers`, `-n auto`), split the job, or use a larger runner; check whether the change made a build or a test load much more data.","examples":{"match":["Process completed with exit code 137.","Killed","/usr/bin/compile-shellcheck: line 9:    16 Killed                  cabal build Paths_ShellCheck","make: *** [Makefile:31: all] Error 137","E   MemoryError"],"no_match":["Process completed with exit code 1.","KilledOnNodesFilter"]}},{"id":"js-heap-out-of-memory","category":"infra","title":"JavaScript heap out of memory","pattern":"JavaScript heap out of memory","hint":"Node.js hit its heap limit: raise it with `NODE_OPTIONS=--max-old-space-size=4096`, reduce parallel workers, or look for a change that made the build or a test hold much more in memory (a leak, a huge fixture, a new bundle entry).","suspects":["package.json","**/*.config.*",".github/workflows/**"],"examples":{"match":["FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory","FATAL ERROR: Ineffective mark-compacts near heap limit Allocation failed - JavaScript heap out of memory"],"no_match":["<--- Last few GCs --->"]}},{"id":"jvm-out-of-memory","category":"infra","title":"JVM out of memory","pattern":"java\\\\.lang\\\\.OutOfMemoryError: (?<kind>[^\\\\r]+)","hint":"The JVM ran out of memory ($<kind>): raise the heap (`-Xmx`, `org.gradle.jvmargs`, `MAVEN_OPTS`, surefire `argLine`) or reduce forks and parallelism; check whether the change made a test or the build much bigger.","suspects":["**/pom.xml","**/*.gradle","**/*.gradle.kts","gradle.properties",".mvn/jvm.config",".github/workflows/**"],"examples":{"match":["java.lang.OutOfMemoryError: Java heap space","Exception in thread \\"main\\" java.lang.OutOfMemoryError: GC overhead limit exceeded"],"no_match":["-XX:+HeapDumpOnOutOfMemoryError -Xmx1024m"]}},{"id":"job-timeout","category":"infra","title":"Job or step timed out","patterns":["has exceeded the maximum execution time of (?<limit>\\\\d+ minutes)","The action \'[^\']*\' has timed out after (?<limit>\\\\d+ minutes)","The job exceeded the maximum time limit for jobs","No output has been received in the last (?<limit>\\\\S+), this potentially indicates a stalled build"],"hint":"The job ran out of time ($<limit>): a test or a step hangs (a server that never stops, a prompt waiting for input, a deadlock) or became much slower. Find the last step or test that printed output before the cut; raise `timeout-minutes` only when the work really grew.","suspects":[".github/workflows/**"],"examples":{"match":["The job running on runner GitHub Actions 12 has exceeded the maximum execution time of 360 minutes.","The action \'Run tests\' has timed out after 30 minutes.","No output has been received in the last 10m0s, this potentially indicates a stalled build or something wrong with the build itself."],"no_match":["Test timeout set to 30 minutes"]}},{"id":"test-timeout","category":"test","title":"Test timed out","patterns":["Exceeded timeout of (?<limit>\\\\d+ ?ms) for a (?:test|hook)","Error: Timeout of (?<limit>\\\\d+ ?ms) exceeded","Test timed out in (?<limit>\\\\d+ ?ms)","(?:^|\\\\s)Failed: Timeout >(?<limit>[\\\\d.]+s)"],"hint":"A test did not finish within $<limit>: it waits for a promise, callback, server or timer that never settles (a missing `await`/`done`, an unclosed handle, a service not running), or it became slow. Look at the named test and what the change did to the code it waits on.","examples":{"match":["thrown: \\"Exceeded timeout of 5000 ms for a test.","Error: Timeout of 2000ms exceeded. For async tests and hooks, ensure \\"done()\\" is called; if returning a Promise, ensure it resolves.","Error: Test timed out in 5000ms."],"no_match":["Time:        5.012 s"]}},{"id":"operation-canceled","category":"infra","title":"Run canceled","patterns":["^The operation was canceled\\\\.","Canceling since a higher priority waiting request for \'[^\']+\' exists"],"hint":"The run was canceled, not failed: a newer push (a `concurrency` group with cancel-in-progress), a manual cancel, or a `timeout-minutes` limit. Look for an earlier error in the log; if there is none, rerun.","examples":{"match":["The operation was canceled.","Canceling since a higher priority waiting request for \'ci-refs/heads/main\' exists"],"no_match":["Test operation was canceled. If you believe this error represents a bug"]}},{"id":"disk-full","category":"infra","title":"No space left on device","flags":"i","pattern":"no space left on device","hint":"The runner\'s disk is full: remove unused toolchains and images before the build, prune Docker (`docker system prune -af`), avoid caching huge directories, or check whether the change makes the build write far more (artifacts, logs, coverage).","suspects":[".github/workflows/**","Dockerfile",".dockerignore"],"examples":{"match":["java.io.IOException: No space left on device","npm ERR! nospc ENOSPC: no space left on device, write","write /var/lib/docker/tmp/GetImageBlob123: no space left on device"],"no_match":["Error: ENOSPC: System limit for number of file watchers reached, watch \'/home/runner/work/app/app/src\'"]}},{"id":"rate-limited","category":"infra","title":"Rate limit exceeded","patterns":["API rate limit exceeded","secondary rate limit","toomanyrequests: You have reached your (?:unauthenticated )?pull rate limit","\\\\b429 Too Many Requests\\\\b","\\\\bHTTP(?: error)? 429\\\\b"],"hint":"A service refused requests because this job (or everything sharing its IP or token) made too many: authenticate the requests (GITHUB_TOKEN, a Docker Hub login), cache downloads, or space them out; a rerun later usually passes.","suspects":[".github/workflows/**"],"examples":{"match":["API rate limit exceeded for 20.1.2.3. (But here\'s the good news: Authenticated requests get a higher rate limit.)","Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit","npm error 429 Too Many Requests - GET https://registry.npmjs.org/react"],"no_match":["edwu/opq \'A simple, in-memory queue with worker pooling and rate limiting in Elixir\'"]}},{"id":"network-reset","category":"network","title":"Network connection reset or timed out","patterns":["\\\\bECONNRESET\\\\b|\\\\bETIMEDOUT\\\\b|\\\\bESOCKETTIMEDOUT\\\\b|\\\\bEPIPE\\\\b","socket hang up","[Cc]onnection reset by peer","Read timed out\\\\.?","TLS handshake timeout","i/o timeout"],"hint":"A network connection dropped or timed out: usually transient (rerun), or a remote service is down. If it repeats, add retries to downloads, mirror or cache dependencies, and check that the host the code contacts is still right.","examples":{"match":["npm error code ECONNRESET","Error: connect ETIMEDOUT 104.16.24.35:443","read tcp 10.1.0.4:52866->140.82.112.4:443: read: connection reset by peer","pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool(host=\'files.pythonhosted.org\', port=443): Read timed out."],"no_match":["Error: connect ECONNREFUSED 127.0.0.1:5432"]}},{"id":"dns-resolution-failed","category":"network","title":"Host name could not be resolved","patterns":["Could not resolve host: (?<host>[^\\\\s;,]+)","getaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?<host>[^\\\\s;,]+)","Temporary failure in name resolution","dial tcp: lookup (?<host>\\\\S+)(?: on \\\\S+)?: no such host"],"hint":"The host name (`$<host>`) could not be resolved: a typo or stale host in configuration, a service name that only exists inside a container network, or a transient DNS failure on the runner (rerun).","suspects":[".env*","**/*.config.*",".github/workflows/**","docker-compose*.yml",".npmrc"],"examples":{"match":["curl: (6) Could not resolve host: cli-assets.heroku.com","npm error request to https://registry.npmjs.org/react failed, reason: getaddrinfo EAI_AGAIN registry.npmjs.org","dial tcp: lookup postgres on 127.0.0.53:53: no such host"],"no_match":["Resolving deltas: 100% (1024/1024), done."]}},{"id":"runner-shutdown","category":"infra","title":"Runner shut down","patterns":["The runner has received a shutdown signal","lost communication with the server","The self-hosted runner: \\\\S+ lost communication"],"hint":"The runner machine went away during the job (shut down, preempted, or so starved of CPU or memory that it stopped reporting): not caused by the code unless the job exhausts the machine. Rerun; if it repeats, look at memory use and runaway processes.","examples":{"match":["The runner has received a shutdown signal. This can happen when the runner service is stopped, or a manually started runner is canceled.","The hosted runner: GitHub Actions 2 lost communication with the server. Anything in your workflow that terminates the runner process, starves it for CPU/Memory, or blocks its network access can cause this error."],"no_match":["Received shutdown signal, closing server"]}}]}'
  }
];

// src/rules/load.ts
function mergeRules(base2, extra) {
  const byId = new Map(base2.map((r) => [r.id, r]));
  for (const r of extra) byId.set(r.id, r);
  return [...byId.values()];
}
var builtins;
function builtinRules() {
  if (!builtins) {
    builtins = [];
    for (const pack of BUILTIN_PACKS) {
      const document = JSON.parse(pack.json);
      builtins = mergeRules(builtins, validateRulePack(document, pack.source, { precompiled: true }));
    }
  }
  return [...builtins];
}

// src/log/prefilter.ts
var WORDS = [
  "error",
  // error, errors, ERROR, TypeError, error[E0308], error TS2305, npm ERR!, ##[error], mypy `Found 2 errors`
  "err!",
  "fail",
  // fail, failed, FAILED, failure, --- FAIL:, FAILURES!, N failing, assertion failed
  "exception",
  "traceback",
  "panic",
  // panic:, panicked at
  "fatal",
  "abort",
  "assert",
  // AssertionError, assert x == y
  "killed",
  "timed out",
  "timeout",
  "denied",
  "refused",
  "not found",
  "cannot",
  "not ok",
  // TAP
  "exit code",
  "what went wrong"
  // gradle
];
var CANDIDATE_SOURCE = WORDS.map(escape).join("|");
function escape(literal) {
  return literal.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
function candidatePattern(extra = []) {
  const more = extra.filter((l) => l.length > 0).map(escape);
  return new RegExp(more.length ? `${CANDIDATE_SOURCE}|${more.join("|")}` : CANDIDATE_SOURCE, "gi");
}
function isCandidate(line, pattern = candidatePattern()) {
  pattern.lastIndex = 0;
  const hit = pattern.test(line);
  pattern.lastIndex = 0;
  return hit;
}
function extraVocabulary(literals) {
  const base2 = candidatePattern();
  const out = [];
  for (const lit of literals) if (!isCandidate(lit, base2)) out.push(lit);
  return [...new Set(out)];
}

// src/log/scan-wasm.generated.ts
var SCAN_WASM = "AGFzbQEAAAABCQFgBH9/f38BfwMCAQAFAwEAAQYGAX8BQQALBxgDBm1lbW9yeQIABGxvbmcDAARzY2FuAAAKrQIBqgIFAX8BfgN/AXsBf0EK/Q8hCSACQQA2AgAgAkEEaiEGAkADQCAEQcAAaiABSw0BIAAgBGr9AAQAIAn9I/1krSAAIARq/QAEECAJ/SP9ZK1CEIaEIAAgBGr9AAQgIAn9I/1krUIghiAAIARq/QAEMCAJ/SP9ZK1CMIaEhCEFAkADQCAFUA0BIAQgBXqnaiEIIAggB2sgA0oEQCAKQQFqIQoLIAhBAWohByAGIAc2AgAgBkEEaiEGIAUgBUIBfYMhBQwACwsgBEHAAGohBAwACwsCQANAIAQgAU8NASAAIARqLQAAQQpGBEAgBCAHayADSgRAIApBAWohCgsgBEEBaiEHIAYgBzYCACAGQQRqIQYLIARBAWohBAwACwsgCiQAIAYgAmtBAnZBAWsL";

// src/log/scan.ts
var PIECE = 64 * 1024;
var OVERLAP = 256;
var NEWLINE = Buffer.from("\n");
var TRAVIS_FOLD = "travis_fold:";
var TRAVIS_FOLD_BYTES = Buffer.from(TRAVIS_FOLD);
var TRAVIS_TIME_BYTES = Buffer.from("travis_time:start");
var hint = (part, at) => ({ part: Buffer.from(part), at });
var HINTS = [
  [hint("##[")],
  [hint("##["), hint("job cleanup."), hint("Cleaning up orphan processes")],
  [
    hint("##["),
    hint(
      "vis_",
      (buf, i) => startsWithBytes(buf, i - 3, TRAVIS_FOLD_BYTES) || startsWithBytes(buf, i - 3, TRAVIS_TIME_BYTES)
    )
  ],
  [hint("##["), hint("[Pipeline] ")],
  []
];
function hintKey(format) {
  return format === "github-actions" ? 1 : format === "travis" ? 2 : format === "jenkins" ? 3 : format === "gh-cli" ? 4 : 0;
}
var startsScratch = new Int32Array(4096);
var hintsScratch = new Int32Array(256);
function scanBlock(buf, maxLine, key) {
  const lines = lineStarts(buf, maxLine);
  return { starts: lines.starts, hints: scanHints(buf, lines.starts, key, 0), longLines: lines.longLines };
}
function lineStarts(buf, maxLine) {
  const wasm = buf.length <= SCAN_ROOM ? scanModule() : null;
  return wasm ? lineStartsWasm(wasm, buf, maxLine) : lineStartsJs(buf, maxLine);
}
function lineStartsJs(buf, maxLine) {
  const end = buf.length;
  let count = 0;
  let longLines = 0;
  for (let start = 0; start < end; ) {
    const nl = buf.indexOf(10, start);
    if (count === startsScratch.length) startsScratch = grow(startsScratch);
    startsScratch[count++] = start;
    if (nl - start > maxLine) longLines++;
    start = nl + 1;
  }
  return { starts: startsScratch.subarray(0, count), longLines };
}
var SCAN_ROOM = 2 * PIECE;
var STARTS_AT = SCAN_ROOM;
var PAGE = 65536;
var READ_AT = Math.ceil((STARTS_AT + 4 * (SCAN_ROOM + 1)) / PAGE) * PAGE;
var scanWasm;
var readArea;
function scanModule() {
  if (scanWasm === void 0) {
    try {
      const api = globalThis.WebAssembly;
      if (!api) throw new Error("no WebAssembly");
      const wasm = new api.Instance(new api.Module(Buffer.from(SCAN_WASM, "base64"))).exports;
      wasm.memory.grow(READ_AT / PAGE - wasm.memory.buffer.byteLength / PAGE);
      scanWasm = wasm;
    } catch {
      scanWasm = null;
    }
  }
  return scanWasm;
}
function scanMemory(bytes) {
  if (readArea) return readArea;
  const wasm = scanModule();
  if (!wasm) return readArea = Buffer.allocUnsafe(bytes);
  const pages = Math.ceil((READ_AT + bytes) / PAGE) - wasm.memory.buffer.byteLength / PAGE;
  if (pages > 0) wasm.memory.grow(pages);
  return readArea = Buffer.from(wasm.memory.buffer, READ_AT, bytes);
}
function lineStartsWasm(wasm, buf, maxLine) {
  const memory = wasm.memory.buffer;
  let at = buf.byteOffset;
  if (buf.buffer !== memory) {
    new Uint8Array(memory, 0, buf.length).set(buf);
    at = 0;
  }
  const count = wasm.scan(at, buf.length, STARTS_AT, Math.min(maxLine, 2147483647));
  return { starts: new Int32Array(memory, STARTS_AT, count), longLines: wasm.long.value };
}
var Candidates = class {
  constructor(buf, starts, candidate) {
    this.buf = buf;
    this.starts = starts;
    this.candidate = candidate;
  }
  buf;
  starts;
  candidate;
  text;
  /** The last search: from line from, the next candidate is at (the line count: none). */
  from = -1;
  at = -1;
  /** The first line from index i on holding a candidate, or the line count. */
  next(i) {
    const starts = this.starts;
    const count = starts.length;
    if (i >= count) return count;
    if (i >= this.from && i <= this.at) return this.at;
    this.text ??= this.buf.toString("latin1");
    const re = this.candidate;
    re.lastIndex = starts[i];
    const m = re.exec(this.text);
    re.lastIndex = 0;
    let at = count;
    if (m) {
      const p = m.index;
      const k = lineOf(starts, i, p + 1);
      if (p < lineEnd(starts, k, this.buf.length)) at = k;
    }
    this.from = i;
    this.at = at;
    return at;
  }
};
function scanHints(buf, starts, key, from) {
  const parts = HINTS[key] ?? HINTS[0];
  const count = starts.length;
  let n = 0;
  if (parts.length === 0 || from >= count) return hintsScratch.subarray(0, 0);
  for (const h of parts) {
    let k = from;
    for (let i = buf.indexOf(h.part, starts[from]); i >= 0; i = buf.indexOf(h.part, i + 1)) {
      if (h.at && !h.at(buf, i)) continue;
      k = lineOf(starts, k, i);
      if (n === hintsScratch.length) hintsScratch = grow(hintsScratch);
      hintsScratch[n++] = k;
      if (k + 1 >= count) break;
      i = starts[k + 1] - 1;
    }
  }
  const found = hintsScratch.subarray(0, n);
  if (parts.length > 1) found.sort();
  let m = 0;
  for (let k = 0; k < n; k++) if (m === 0 || found[m - 1] !== found[k]) found[m++] = found[k];
  return found.subarray(0, m);
}
function lineOf(starts, from, at) {
  let lo = from;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
function lineEnd(starts, k, length) {
  return k + 1 < starts.length ? starts[k + 1] - 1 : length - 1;
}
function grow(a) {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
var BlockSplitter = class {
  constructor(candidate, maxLine, emit) {
    this.candidate = candidate;
    this.maxLine = maxLine;
    this.emit = emit;
  }
  candidate;
  maxLine;
  emit;
  carry = Buffer.alloc(0);
  long;
  push(buf) {
    let from = 0;
    if (this.long) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.appendLong(buf);
        return;
      }
      this.appendLong(buf.subarray(0, nl));
      this.finishLong();
      from = nl + 1;
    } else if (this.carry.length) {
      const nl = buf.indexOf(10);
      if (nl < 0) {
        this.addCarry(buf);
        return;
      }
      const joined = Buffer.concat([this.carry, buf.subarray(0, nl + 1)]);
      this.carry = Buffer.alloc(0);
      this.emit(joined, false);
      from = nl + 1;
    }
    const last = buf.lastIndexOf(10);
    while (from <= last) {
      let to = last + 1;
      if (to - from > PIECE) {
        to = buf.lastIndexOf(10, from + PIECE - 1) + 1;
        if (to <= from) to = buf.indexOf(10, from + PIECE) + 1;
      }
      this.emit(from === 0 && to === buf.length ? buf : buf.subarray(from, to), false);
      from = to;
    }
    if (from < buf.length) this.addCarry(buf.subarray(from));
  }
  /** The end of the log: the line still open (without its newline) is the last block. */
  end() {
    if (this.long) this.finishLong();
    if (this.carry.length) {
      const last = Buffer.concat([this.carry, NEWLINE]);
      this.carry = Buffer.alloc(0);
      this.emit(last, false);
    }
  }
  /** The start of a line whose end is not seen yet (copied: the chunk may be large). */
  addCarry(b) {
    const joined = Buffer.concat([this.carry, b]);
    if (joined.length > this.maxLine) {
      this.carry = Buffer.alloc(0);
      this.startLong(joined);
    } else this.carry = joined;
  }
  startLong(b) {
    const half = this.maxLine >> 1;
    this.long = {
      head: Buffer.from(b.subarray(0, half)),
      tail: Buffer.from(b.subarray(b.length - half)),
      candidate: isCandidate(b.toString("latin1"), this.candidate)
    };
  }
  appendLong(b) {
    const long = this.long;
    if (!long.candidate) {
      const edge = long.tail.subarray(Math.max(0, long.tail.length - OVERLAP));
      long.candidate = isCandidate(edge.toString("latin1") + b.toString("latin1"), this.candidate);
    }
    const half = this.maxLine >> 1;
    const both = Buffer.concat([long.tail, b]);
    long.tail = Buffer.from(both.subarray(Math.max(0, both.length - half)));
  }
  finishLong() {
    const long = this.long;
    this.long = void 0;
    const text = long.head.toString("utf8") + " \u2026 " + long.tail.toString("utf8") + "\n";
    this.emit(Buffer.from(text, "utf8"), long.candidate);
  }
};
function startsWithBytes(buf, at, prefix) {
  if (at < 0 || at + prefix.length > buf.length) return false;
  for (let k = 0; k < prefix.length; k++) if (buf[at + k] !== prefix[k]) return false;
  return true;
}

// src/log/read.ts
import { StringDecoder } from "node:string_decoder";

// src/log/normalize.ts
import { stripVTControlCharacters } from "node:util";
var TIMESTAMP2 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;
var GH_COLUMNS = /^([^\t]*)\t([^\t]*)\t\uFEFF?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;
var MARKER = /^##\[(group|endgroup|error|warning|notice|section|command|debug)\]/i;
var COMMAND = "[command]";
var ESC_LEFTOVER = /\x1b(?:[()*+\-./][\x20-\x7e]?|[=>78cDEHMNOZ\\]|\[[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?)?/g;
var CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
function stripAnsi(s) {
  if (!hasControl(s)) return s;
  let out = s;
  if (out.includes("\x1B") || out.includes("\x9B")) out = stripVTControlCharacters(out);
  if (out.includes("\x1B")) out = out.replace(ESC_LEFTOVER, "");
  return out.replace(CONTROL, "");
}
function hasControl(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 ? c !== 9 : c >= 127 && c <= 159) return true;
  }
  return false;
}
function isBlank(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 160 && c !== 65279) return false;
  }
  return true;
}
function timestampLength(s) {
  const c = s.length > 0 ? s.charCodeAt(0) : 0;
  if (!(c >= 48 && c <= 57)) return 0;
  const m = TIMESTAMP2.exec(s.length > 40 ? s.slice(0, 40) : s);
  return m ? m[0].length : 0;
}
function normalizeLine(raw) {
  const out = { text: "" };
  let s = raw;
  if (s.length > 0 && s.charCodeAt(s.length - 1) === 13) s = s.slice(0, -1);
  if (s.length > 0 && s.charCodeAt(0) === 65279) s = s.slice(1);
  if (s.includes("	")) {
    const m = GH_COLUMNS.exec(s.length > 1200 ? s.slice(0, 1200) : s);
    if (m) {
      out.job = m[1];
      out.step = m[2];
      s = s.slice(m[1].length + m[2].length + 2);
      if (s.length > 0 && s.charCodeAt(0) === 65279) s = s.slice(1);
    }
  }
  const ts = timestampLength(s);
  if (ts) {
    out.timestamp = true;
    s = s.slice(ts);
  }
  let text;
  const travis = s.includes("travis_");
  if (travis || s.includes("\r")) {
    if (travis) s = takeTravisMarkers(s, out);
    text = "";
    for (let end = s.length; ; ) {
      const cr = end > 0 ? s.lastIndexOf("\r", end - 1) : -1;
      const p = stripAnsi(s.slice(cr + 1, end));
      if (!isBlank(p)) {
        text = p;
        break;
      }
      if (cr < 0) break;
      end = cr;
    }
  } else {
    text = stripAnsi(s);
  }
  if (text.length > 0 && text.charCodeAt(0) === 65279) text = text.slice(1);
  if (text.length > 0 && text.charCodeAt(0) === 35) {
    const m = MARKER.exec(text.slice(0, 16));
    if (m) {
      out.marker = m[1].toLowerCase();
      text = text.slice(m[0].length);
    }
  } else if (text.startsWith(COMMAND)) {
    out.marker = "command";
    text = text.slice(COMMAND.length);
  }
  if (!out.marker && out.folds) out.marker = "fold";
  out.text = text;
  return out;
}
var NAME = /[^\s\x1b]*/y;
function takeTravisMarkers(part, out) {
  let text = "";
  let last = 0;
  for (let i = part.indexOf("travis_"); i >= 0; ) {
    const kind = part.startsWith("fold:", i + 7) ? "fold" : part.startsWith("time:", i + 7) ? "time" : "";
    const edge = !kind ? "" : part.startsWith("start:", i + 12) ? "start" : part.startsWith("end:", i + 12) ? "end" : "";
    if (!edge) {
      i = part.indexOf("travis_", i + 1);
      continue;
    }
    const from = i + 13 + edge.length;
    NAME.lastIndex = from;
    NAME.test(part);
    const to = NAME.lastIndex;
    if (kind === "fold") (out.folds ??= []).push({ type: edge, name: part.slice(from, to) });
    else if (edge === "start") out.timeStart = true;
    text += part.slice(last, i);
    last = to;
    i = part.indexOf("travis_", last);
  }
  return last === 0 ? part : text + part.slice(last);
}

// src/log/segment.ts
var JOB_HEADER = "##[ci-root-cause:job]";
var JOB_START = /^(?:Current runner version|Requested labels|Job defined at|Waiting for a runner|Job is about to start|Runner name|Starting: )/;
var STAGE = /^\[Pipeline\] \{ \((.{1,200})\)$/;
var Segmenter = class {
  segments = [];
  job;
  /** No step-starting marker seen yet in the current job. */
  prelude = true;
  /** Inside a Travis fold. */
  inFold = false;
  /** The current segment was opened by `travis_time:start` and has no name yet. */
  nameFromCommand = false;
  /** Force the next line into a new segment. */
  pendingBreak = false;
  constructor(job) {
    this.job = job;
  }
  /** Assigns line n (1-based, consecutive) to a segment and returns the segment's index. */
  add(n, line, headerJob) {
    if (headerJob !== void 0) {
      this.job = headerJob;
      this.prelude = true;
      this.inFold = false;
      this.open(n, void 0);
      this.pendingBreak = true;
      return this.current();
    }
    if (line.job !== void 0) return this.addColumns(n, line);
    if (line.folds || line.timeStart) return this.addTravis(n, line);
    const t2 = line.text;
    if (line.marker === "group" && (t2.startsWith("Run ") || t2.startsWith("Post "))) {
      this.prelude = false;
      this.open(n, t2);
    } else if (!line.marker && (t2 === "Post job cleanup." || t2 === "Cleaning up orphan processes")) {
      this.prelude = false;
      this.open(n, t2 === "Post job cleanup." ? "Post job cleanup" : "Complete job");
    } else if (t2.length > 0 && t2.charCodeAt(0) === 91 && t2.startsWith("[Pipeline] { (")) {
      const m = STAGE.exec(t2);
      if (m) this.open(n, m[1]);
      else this.extend(n, void 0);
    } else {
      if (this.nameFromCommand && t2.startsWith("$ ")) {
        this.segments[this.segments.length - 1].step = t2.slice(2, 202);
        this.nameFromCommand = false;
      }
      this.extend(n, this.prelude && line.timestamp && JOB_START.test(t2) ? "Set up job" : void 0);
    }
    return this.current();
  }
  /** Inside a Travis fold: only a fold marker can change the segmentation. */
  get inTravisFold() {
    return this.inFold;
  }
  /** The next line may open or name a segment (after a Travis fold's end, a job header, a timed command). */
  get wantsNextLine() {
    return this.pendingBreak || this.nameFromCommand;
  }
  /**
   * Lines up to n extend the current segment, as `add(k, { text: '' })` would for each: a streaming reader
   * calls it instead of adding the lines that cannot change the segmentation one by one.
   */
  extendTo(n) {
    const last = this.segments[this.segments.length - 1];
    if (last && !this.pendingBreak && last.lines[1] < n) last.lines[1] = n;
  }
  addColumns(n, line) {
    const last = this.segments[this.segments.length - 1];
    if (!this.pendingBreak && last && last.job === line.job && last.step === line.step) last.lines[1] = n;
    else {
      this.segments.push({ job: line.job, step: line.step, lines: [n, n] });
      this.pendingBreak = false;
    }
    return this.current();
  }
  addTravis(n, line) {
    const folds = line.folds ?? [];
    const lastFold = folds[folds.length - 1];
    if (lastFold && lastFold.type === "end" && line.text === "") {
      this.extend(n, void 0);
      this.inFold = false;
      this.pendingBreak = true;
      return this.current();
    }
    if (lastFold && lastFold.type === "start") {
      this.inFold = true;
      this.nameFromCommand = false;
      this.open(n, lastFold.name || void 0);
    } else if (lastFold) {
      this.inFold = false;
      this.open(n, void 0);
      this.nameFromCommand = true;
    } else if (!this.inFold) {
      this.open(n, void 0);
      this.nameFromCommand = true;
    } else this.extend(n, void 0);
    if (this.nameFromCommand && line.text.startsWith("$ ")) {
      this.segments[this.segments.length - 1].step = line.text.slice(2, 202);
      this.nameFromCommand = false;
    }
    return this.current();
  }
  open(n, step) {
    const last = this.segments[this.segments.length - 1];
    const seg = { lines: [n, n] };
    if (this.job !== void 0) seg.job = this.job;
    if (step !== void 0) seg.step = step;
    if (last && last.lines[0] === n) this.segments[this.segments.length - 1] = seg;
    else this.segments.push(seg);
    this.pendingBreak = false;
    if (step !== void 0) this.nameFromCommand = false;
  }
  extend(n, stepIfNew) {
    const last = this.segments[this.segments.length - 1];
    if (!last || this.pendingBreak) {
      this.open(n, stepIfNew);
      return;
    }
    last.lines[1] = n;
  }
  current() {
    return this.segments.length - 1;
  }
};

// src/log/read.ts
var JENKINS_START = /^(?:Started by |Running as SYSTEM$|Building (?:remotely )?(?:on|in workspace) )/;
var JENKINS_END = /^Finished: (?:SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)$/;
var LogReader = class {
  lines = [];
  segmenter;
  format;
  constructor(options = {}) {
    this.segmenter = new Segmenter(options.job);
  }
  /** Adds the next original line (without its `\n`) and returns its normalised form. */
  push(raw) {
    const n = this.lines.length + 1;
    let line;
    if (raw.startsWith(JOB_HEADER)) {
      const job = raw.slice(JOB_HEADER.length).replace(/\r$/, "").trim();
      line = { n, text: "", marker: "section" };
      line.segment = this.segmenter.add(n, { text: "" }, job);
    } else {
      const norm = normalizeLine(raw);
      line = { n, text: norm.text };
      if (norm.marker) line.marker = norm.marker;
      line.segment = this.segmenter.add(n, norm);
      if (this.format === void 0 || this.format === "github-actions") {
        if (norm.job !== void 0) this.format = "gh-cli";
        else if (this.format === void 0) {
          if (norm.timestamp || norm.marker && norm.marker !== "fold" && norm.marker !== "command")
            this.format = "github-actions";
          else if (norm.folds || norm.timeStart) this.format = "travis";
          else if (n <= 10 && JENKINS_START.test(norm.text) || JENKINS_END.test(norm.text) || norm.text.startsWith("[Pipeline] "))
            this.format = "jenkins";
        }
      }
    }
    this.lines.push(line);
    return line;
  }
  finish() {
    return {
      format: this.format ?? "plain",
      lines: this.lines,
      segments: this.segmenter.segments,
      totalLines: this.lines.length
    };
  }
};
var LineSplitter = class {
  constructor(line) {
    this.line = line;
  }
  line;
  carry = "";
  take(s) {
    let start = 0;
    for (let end = s.indexOf("\n"); end >= 0; end = s.indexOf("\n", start)) {
      this.line(this.carry ? this.carry + s.slice(start, end) : s.slice(start, end));
      this.carry = "";
      start = end + 1;
    }
    if (start < s.length) this.carry += s.slice(start);
  }
  end() {
    if (this.carry) this.line(this.carry);
    this.carry = "";
  }
};
function parseLog(text, options = {}) {
  const reader = new LogReader(options);
  const lines = new LineSplitter((line) => reader.push(line));
  lines.take(typeof text === "string" ? text : "");
  lines.end();
  return reader.finish();
}
function parseLogBytes(chunks, options = {}) {
  const reader = new LogReader(options);
  const lines = new LineSplitter((line) => reader.push(line));
  const decoder = new StringDecoder("utf8");
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i];
    chunks[i] = void 0;
    lines.take(decoder.write(chunk));
  }
  lines.take(decoder.end());
  lines.end();
  return reader.finish();
}

// src/log/baseline.ts
import { StringDecoder as StringDecoder2 } from "node:string_decoder";
var MAX_COMPARED = 2e3;
var MASKS = [
  // 2024-05-01T10:31:07.123Z, 2024-05-01 10:31:07,123 +0200
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?(?:Z|\s?[+-]\d\d:?\d\d\b)?/g, "<ts>"],
  // dates: 2024-05-01, 01/05/2024, 2024/05/01
  [/\b(?:\d{4}[-/]\d\d[-/]\d\d|\d\d?\/\d\d?\/\d{4})\b/g, "<date>"],
  // Mon May  6 10:31:07 UTC 2024-style pieces: the clock time
  [/\b\d\d?:\d\d:\d\d(?:[.,]\d+)?\b/g, "<time>"],
  // UUIDs
  [/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b/g, "<uuid>"],
  // temp paths: /tmp/xyz123, /var/folders/..., C:\Users\x\AppData\Local\Temp\...
  [/(?:\/tmp|\/var\/folders|\/private\/var\/folders|\\Temp)[/\\][^\s'"`:,;)\]]*/g, "<tmp>"],
  // hex hashes (7+ hex digits with at least one digit: commit shas, digests, object ids) and long numbers
  [/\b(?:sha\d*:)?[0-9a-fA-F]{7,}\b/g, (m) => /\d/.test(m) ? "<hex>" : m],
  // addresses with ports: 127.0.0.1:54321, localhost:4000, [::1]:8080
  [/\b(?:\d{1,3}(?:\.\d{1,3}){3}|localhost|\[[0-9a-fA-F:]*\])(?::\d{2,5})?\b/g, "<addr>"],
  // durations: 1.23s, 45 ms, in 3m 2s, 0.5 sec, (12.3 seconds), 00:01:23 is a <time> above
  [/\b\d+(?:\.\d+)?\s?(?:ns|µs|us|ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hrs?|hours?)\b/g, "<dur>"],
  // named durations: duration_ms 408.21, elapsed: 12.5, Time elapsed: 0.12
  [/\b(?:duration|elapsed|took|time)(?:_[a-z]+)?:?\s?[=:]?\s?\d+(?:\.\d+)?/gi, "<dur>"],
  // sizes and rates: 12.3 MB, 456 kB/s, 1.2MiB
  [/\b\d+(?:\.\d+)?\s?(?:[kKMGT]i?B|[kKMGT]?bytes|B)(?:\/s)?\b/g, "<size>"],
  // percentages and progress counters: 42%, [12/345], (3/10)
  [/\b\d+(?:\.\d+)?\s?%/g, "<pct>"],
  [/\b\d+\s?\/\s?\d+\b/g, "<count>"],
  // numbers inside identifiers: run312, job-1234, worker_7, pid=4711, #1234
  [/([A-Za-z_#=-])\d+/g, "$1<n>"],
  [/\b\d+([A-Za-z_])/g, "<n>$1"]
];
function maskLine(text) {
  let s = typeof text === "string" ? text : "";
  if (s.length > MAX_COMPARED) s = s.slice(0, MAX_COMPARED);
  for (const [re, by] of MASKS) s = s.replace(re, by);
  return s.replace(/\s+/g, " ").trim();
}
function compareWithBaseline(failing, green) {
  const counts = green instanceof Map ? new Map(green) : /* @__PURE__ */ new Map();
  if (!(green instanceof Map))
    for (const line of green?.lines ?? []) {
      const key = maskLine(line.text);
      if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  const known = /* @__PURE__ */ new Set();
  let newLines = 0;
  for (const line of failing?.lines ?? []) {
    const key = maskLine(line.text);
    if (!key) {
      known.add(line.n);
      continue;
    }
    const c = counts.get(key) ?? 0;
    if (c > 0) {
      counts.set(key, c - 1);
      known.add(line.n);
    } else newLines++;
  }
  return { known, newLines };
}
function wantedKeys(failing) {
  const keys = /* @__PURE__ */ new Set();
  for (const line of failing?.lines ?? []) {
    const key = maskLine(line.text);
    if (key) keys.add(key);
  }
  return keys;
}
var GREEN_PIECE = 32 * 1024;
var GREEN_LINE_CHARS = 64 * 1024;
var GreenCounter = class {
  constructor(wanted) {
    this.wanted = wanted;
  }
  wanted;
  counts = /* @__PURE__ */ new Map();
  /** Lines read (blank ones included). */
  lines = 0;
  decoder = new StringDecoder2("utf8");
  carry = "";
  write(chunk) {
    if (typeof chunk !== "string" && chunk.length > GREEN_PIECE) {
      for (let i = 0; i < chunk.length; i += GREEN_PIECE) this.write(chunk.subarray(i, i + GREEN_PIECE));
      return;
    }
    let text = this.carry + (typeof chunk === "string" ? chunk : this.decoder.write(chunk));
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    text = text.slice(start);
    this.carry = text.length > GREEN_LINE_CHARS ? text.slice(0, GREEN_LINE_CHARS) : text;
  }
  end() {
    const rest = this.carry + this.decoder.end();
    this.carry = "";
    if (rest) this.line(rest);
    return this.counts;
  }
  line(raw) {
    this.lines++;
    if (raw.startsWith(JOB_HEADER)) return;
    const key = maskLine(
      normalizeLine(raw.length > GREEN_LINE_CHARS ? raw.slice(0, GREEN_LINE_CHARS) : raw).text
    );
    if (key && this.wanted.has(key)) this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
};
var KNOWN_WEIGHT_FACTOR = 0.2;
function isKnownFinding(f, known) {
  const [a, b] = f.logLines;
  for (let n = a; n <= b; n++) if (!known.has(n)) return false;
  return true;
}
var ERRORISH = /\b(?:error|errors|failed|failure|fail|fatal|exception|panic|denied|refused|aborted|timed? ?out|not found|no such|cannot|can't|unable|missing|violations?|traceback|caused by|what went wrong|no space left)\b|\bE\d{3,}\b|exit(?:ed)? (?:code|status|with)|[a-z](?:Error|Exception)\b|[✖✗✘×]/i;
var MAX_GAP = 2;
var MAX_BLOCK = 40;
var LEAD = 2;
var MAX_BLOCKS = 5;
var BLOCK_WEIGHT = 12;
function newLineFindings(failing, known) {
  const out = [];
  const lines = failing?.lines ?? [];
  let i = 0;
  while (i < lines.length && out.length < MAX_BLOCKS) {
    if (known.has(lines[i].n)) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    let j = i + 1;
    while (j < lines.length && j - end - 1 <= MAX_GAP) {
      if (!known.has(lines[j].n)) end = j;
      j++;
    }
    let first = -1;
    for (let k = start; k <= end; k++) {
      if (!known.has(lines[k].n) && ERRORISH.test(lines[k].text.slice(0, 500))) {
        first = k;
        break;
      }
    }
    if (first >= 0) {
      const a = Math.max(start, first - LEAD);
      const b = Math.min(end, a + MAX_BLOCK - 1);
      const f = {
        kind: "error",
        tool: "baseline",
        message: lines[first].text.replace(/\s+/g, " ").trim().slice(0, 300),
        logLines: [lines[a].n, lines[b].n],
        weight: BLOCK_WEIGHT
      };
      if (lines[first].segment !== void 0) f.segment = lines[first].segment;
      out.push(f);
    }
    i = end + 1;
  }
  return out;
}
function overlaps2(a, b) {
  return a.logLines[0] <= b.logLines[1] && b.logLines[0] <= a.logLines[1];
}
function demoteKnownFindings(findings, failing, green) {
  if (!Array.isArray(findings)) return findings;
  if (green instanceof GreenCounter) {
    if (green.lines === 0) return findings;
  } else if (!green?.lines?.length) return findings;
  const { known } = compareWithBaseline(failing, green instanceof GreenCounter ? green.counts : green);
  const fresh = [];
  const closers = [];
  const stale = [];
  for (const f of findings) {
    if (isKnownFinding(f, known)) stale.push({ ...f, weight: f.weight * KNOWN_WEIGHT_FACTOR });
    else if (f.kind === "exit" || f.kind === "warning") closers.push(f);
    else fresh.push(f);
  }
  const blocks = newLineFindings(failing, known).filter((b) => !fresh.some((f) => overlaps2(f, b)));
  return [...fresh, ...blocks, ...closers, ...stale];
}

// src/log/category.ts
var KIND_CATEGORY2 = {
  "compile-error": "compile",
  "lint-error": "lint",
  "test-failure": "test",
  assertion: "test",
  exception: "runtime",
  dependency: "dependency",
  infra: "infra"
};
var MESSAGE_CUES = [
  // API/ABI compatibility with an earlier release (a check of the public API, not of the code's style)
  [
    /clirr-maven-plugin|\bclirr\b|japicmp|\brevapi\b|animal-sniffer|\bmima(?:ReportBinaryIssues)?\b|binary[- ]incompatib|(?:API|ABI) compatibility (?:check|error|violation)s?|cargo-semver-checks|semver-checks/i,
    "compatibility"
  ],
  // lint and static checks (before compile: checkstyle runs in Maven's validate/verify phases)
  [
    /maven-checkstyle-plugin|checkstyle:check|\bCheckstyle (?:violations?|errors?|report)|\[checkstyle\]|maven-pmd-plugin|pmd:check|findbugs-maven-plugin|spotbugs-maven-plugin|\bpylint\b|\bflake8\b|\bruff\b|\beslint\b|rubocop|golangci|\bcodenarc\b|\bscalastyle\b|\bspotless\b|license-maven-plugin|apache-rat|\brat-plugin\b|\bforbiddenapis\b|\bfmt-maven|\bformatter-maven|would reformat|code style issues|imported but unused|undefined name '|redefinition of unused|is assigned to but never used|\bstyle (?:check|violation)s?\b/i,
    "lint"
  ],
  [
    /You have \d+ Checkstyle violations?|Checkstyle failed|Got \d+ errors and \d+ warnings|There (?:is|are) \d+ errors? reported by Checkstyle|Rule violated for|\bPMD Failure\b|\bBugInstance\b/i,
    "lint"
  ],
  // dependency resolution
  [
    /Could not resolve dependencies|Could not (?:find|resolve|transfer) artifact|Failed to collect dependencies|Non-resolvable (?:parent|import) POM|DependencyResolutionException|Could not resolve all (?:files|dependencies)|No matching distribution found|Could not find a version that satisfies|ERESOLVE|ModuleNotFoundError|No module named|cannot find module|unable to resolve dependency|version solving failed/i,
    "dependency"
  ],
  // tests (surefire/failsafe, pytest, unittest, go, cargo, rspec ...)
  [
    /maven-surefire-plugin|maven-failsafe-plugin|There (?:are|were) test failures|Tests? run:.*(?:Failures|Errors): [1-9]|\btests? failed\b|\bfailing tests?\b|\d+ failed\b|FAILED \(|--- FAIL|test result: FAILED|\bAssertion(?:Error|Failure|FailedError)\b|\bComparisonFailure\b|\bexpected:<|assert(?:ion)? failed|Failures:\s*$/i,
    "test"
  ],
  // a launcher that cannot start the program (a missing wrapper jar, a wrong class path)
  [/Could not find or load main class|Unable to access jarfile|no main manifest attribute/i, "environment"],
  // compilation
  [
    /maven-compiler-plugin|COMPILATION ERROR|Compilation failure|compileJava|compileTestJava|compileKotlin|compileScala|cannot find symbol|incompatible types|\berror: |\berror\[E\d+\]|\berror TS\d+|SyntaxError|IndentationError|invalid syntax|\bdoes not compile\b|javac/i,
    "compile"
  ],
  // network
  [
    /Could not (?:connect|resolve host)|Connection (?:refused|reset|timed out)|Temporary failure in name resolution|Name or service not known|ETIMEDOUT|ECONNRESET|ENOTFOUND|Read timed out|Network is unreachable|unable to access 'https?:|Could not read from remote repository|Permission denied \(publickey\)|Clone of '[^']*' into submodule path|fatal: clone of '|Failed to clone '|fatal: repository '[^']*' not found|TLS handshake|SSL(?:Handshake)?Exception/i,
    "network"
  ],
  // infrastructure
  [
    /No space left on device|out of memory|OutOfMemoryError|Killed\b|timed out after|exceeded the (?:maximum )?(?:time|timeout)|The job was cancelled|runner has received a shutdown|lost communication with the server|rate limit|The job exceeded/i,
    "infra"
  ],
  // environment
  [
    /command not found|not found in PATH|No such file or directory|Permission denied|JAVA_HOME|Unsupported major\.minor version|requires Python|python_requires|UnsupportedClassVersionError|unsupported (?:engine|platform)/i,
    "environment"
  ],
  // configuration
  [
    /Non-parseable POM|Malformed POM|Invalid (?:configuration|config)|A problem occurred configuring|Could not (?:find|get) (?:unknown )?property|unknown (?:option|property|setting)|is not a valid|yaml|\.yml/i,
    "config"
  ]
];
var MAVEN_GOAL = /Failed to execute goal (?:on project \S+: (?<why>.{0,200})|(?<plugin>[\w.-]+:[\w.-]+)(?::[\w.$-]+)?:(?<goal>[\w-]+))/;
var PLUGIN_CRASHED = /^.*?on project [^:]*: Execution \S+ of goal \S+ failed:?/;
var CRASH_CAUSES = /* @__PURE__ */ new Set(["dependency", "network", "infra", "environment"]);
var GRADLE_TASK = /Execution failed for task '(?:[\w.-]*:)*(?<task>[\w-]+)'/;
var PLUGIN_CATEGORY = [
  [/clirr|japicmp|revapi|animal-sniffer/i, "compatibility"],
  [
    /checkstyle|pmd|findbugs|spotbugs|license|apache-rat|rat-plugin|forbiddenapis|spotless|fmt-maven|formatter|scalastyle|codenarc|ktlint|detekt|javadoc/i,
    "lint"
  ],
  [/surefire|failsafe|scalatest|jacoco|karma|jasmine|jest|mocha/i, "test"],
  [/compiler|kotlin|scala-maven|groovy|gmaven|aspectj|javacc|antlr|protobuf|protoc/i, "compile"],
  [/dependency|enforcer|versions-maven/i, "dependency"]
];
var TASK_CATEGORY = [
  [/^(?:japicmp|revapi|apiCheck|mima|animalsniffer|clirr)/i, "compatibility"],
  [/^(?:checkstyle|pmd|spotbugs|findbugs|lint|ktlint|detekt|spotless|codenarc|javadoc|license)/i, "lint"],
  [/^compile|Compile|^kapt|^javac/, "compile"],
  [/test|check$/i, "test"]
];
function buildToolCategory(text, following = []) {
  if (typeof text !== "string" || !text) return void 0;
  const s = text.length > 1e3 ? text.slice(0, 1e3) : text;
  const m = MAVEN_GOAL.exec(s);
  if (m?.groups) {
    if (m.groups.why !== void 0)
      return /resolve dependencies|collect dependencies|artifact|transfer/i.test(m.groups.why) ? "dependency" : cueOf(m.groups.why);
    const plugin = m.groups.plugin ?? "";
    const byPlugin = PLUGIN_CATEGORY.find(([re]) => re.test(plugin))?.[1];
    if (byPlugin === "lint" && PLUGIN_CRASHED.test(s.slice(m.index))) {
      const why = cueOf(s.slice(m.index).replace(PLUGIN_CRASHED, ""));
      return why && CRASH_CAUSES.has(why) ? why : "config";
    }
    if (byPlugin) return byPlugin;
    if (/^(?:test|integration-test)$/i.test(m.groups.goal ?? "")) return "test";
    if (/^(?:compile|testCompile)$/i.test(m.groups.goal ?? "")) return "compile";
    const after = s.slice(m.index + m[0].length).replace(/^.*?on project [^:]*:/, "");
    return cueOf(after) ?? following.map((t2) => cueOf(t2)).find((c) => c !== void 0);
  }
  const g = GRADLE_TASK.exec(s);
  if (g?.groups?.task) {
    for (const [re, cat] of TASK_CATEGORY) if (re.test(g.groups.task)) return cat;
  }
  return void 0;
}
var TEST_PATH = /(?:^|[/\\])(?:tests?|spec|__tests__|testing)[/\\]|(?:^|[/\\])test_[^/\\]*\.py$|_test\.(?:go|py|rb)$|Tests?\.(?:java|kt|scala|cs)$|\.(?:test|spec)\.[cm]?[jt]sx?$/;
var VAGUE = /* @__PURE__ */ new Set(["unknown"]);
function overlaps3(a, b) {
  return a[0] <= b[1] && b[0] <= a[1];
}
function cueOf(text) {
  if (typeof text !== "string" || !text) return void 0;
  const s = text.length > 2e3 ? text.slice(0, 2e3) : text;
  for (const [re, cat] of MESSAGE_CUES) if (re.test(s)) return cat;
  return void 0;
}
var NO_MODULE = /No module named '?([A-Za-z_]\w*)\.[\w.]+/;
function importsOwnModule(f) {
  const m = typeof f.message === "string" ? NO_MODULE.exec(f.message.slice(0, 500)) : null;
  if (!m || !Array.isArray(f.frames)) return false;
  const dir = `/${m[1]}/`;
  return f.frames.some(
    (fr) => !fr?.vendored && typeof fr?.rawFile === "string" && !/[/\\](?:site|dist)-packages[/\\]/.test(fr.rawFile) && fr.rawFile.replace(/\\/g, "/").includes(dir)
  );
}
function findingCategory(f, patterns = []) {
  if (!f || typeof f !== "object") return void 0;
  const byKind = KIND_CATEGORY2[f.kind];
  if (f.kind === "infra") {
    const cue = cueOf(f.message);
    if (cue === "network" || cue === "infra") return cue;
    const layer = typeof f.message === "string" ? infraLayer(f.message) : void 0;
    return layer === "network" || layer === "server" ? "network" : "infra";
  }
  if (byKind && f.tool !== "generic" && byKind !== "runtime") return byKind;
  if (byKind === "runtime" && importsOwnModule(f)) return f.test ? "test" : "runtime";
  const onIt = Array.isArray(f.logLines) ? patterns.find(
    (p) => Array.isArray(p?.logLines) && overlaps3(p.logLines, f.logLines) && !VAGUE.has(p.category)
  ) : void 0;
  if (onIt) return onIt.category;
  const fromText = cueOf(f.message);
  if (fromText) return fromText;
  if (!byKind && Array.isArray(f.excerpt)) {
    const fromBlock = cueOf(f.excerpt.filter((t2) => typeof t2 === "string").join("\n"));
    if (fromBlock) return fromBlock;
  }
  if (byKind === "runtime") {
    if (f.test) return "test";
    if (f.frames?.some((fr) => TEST_PATH.test(fr.file ?? fr.rawFile ?? ""))) return "test";
  }
  return byKind;
}
function lastBuildToolSummary(doc) {
  const lines = doc?.lines ?? [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const t2 = lines[i].text;
    if (typeof t2 !== "string" || !t2.includes("Failed to execute goal") && !t2.includes("Execution failed for task"))
      continue;
    const next = lines.slice(i + 1, i + 4).map((l) => l.text);
    const c = buildToolCategory(t2, next);
    if (c) return { line: lines[i].n, category: c };
  }
  return void 0;
}
function classifyFailure(findings, patterns, doc) {
  const fs = (Array.isArray(findings) ? findings : []).filter((f) => f && typeof f === "object");
  const ps = (Array.isArray(patterns) ? patterns : []).filter((p) => p && typeof p === "object");
  let last;
  const inLog = lastBuildToolSummary(doc);
  if (inLog) last = { at: inLog.line, category: inLog.category };
  for (const f of fs) {
    const c = buildToolCategory(f.message);
    const at = Array.isArray(f.logLines) ? f.logLines[0] : 0;
    if (c && (!last || at > last.at)) last = { at, category: c };
  }
  if (last) return last.category;
  for (const f of fs.slice(0, 10)) {
    if (f.kind === "warning" || f.kind === "exit") continue;
    const c = findingCategory(f, ps);
    if (c && !VAGUE.has(c)) return c;
  }
  for (const p of ps) {
    if (!VAGUE.has(p.category)) return p.category;
    const c = cueOf(p.title);
    if (c) return c;
  }
  return "unknown";
}

// src/log/mask.ts
var MAX_COMPARED2 = 1e3;
function maskNumbers(message) {
  const s = typeof message === "string" ? message.slice(0, MAX_COMPARED2) : "";
  return s.replace(/0x[0-9a-f]+|\d+(?:[.,]\d+)*/gi, "#").replace(/\s+/g, " ").trim();
}

// src/log/group.ts
var MAX_PLACES = 50;
var isTest = (f) => !!f.test && (f.kind === "test-failure" || f.kind === "assertion");
function repeatKey(f, job = "") {
  if (!f || typeof f.message !== "string") return void 0;
  const test = isTest(f) ? f.test : "";
  const message = test && f.message.includes(test) ? f.message.split(test).join(" ") : f.message;
  const masked = maskNumbers(message);
  if (!masked) return void 0;
  return [job, f.tool, f.kind, f.code ?? "", f.file ?? "", test ? "test" : "", masked].join("\0");
}
function placeOf(f) {
  const p = { logLines: [f.logLines[0], f.logLines[1]] };
  if (f.line !== void 0) p.line = f.line;
  if (f.column !== void 0) p.column = f.column;
  if (f.test !== void 0) p.test = f.test;
  return p;
}
function groupRepeats(findings, segments = []) {
  const groups = /* @__PURE__ */ new Map();
  const order = [];
  for (const f of findings) {
    const key = repeatKey(f, f.segment === void 0 ? "" : segments[f.segment]?.job ?? "");
    const g = key === void 0 ? void 0 : groups.get(key);
    if (g) g.push(f);
    else if (key !== void 0) {
      const fresh = [f];
      groups.set(key, fresh);
      order.push(fresh);
    } else order.push(f);
  }
  return dropTestReprints(order.map((x) => Array.isArray(x) ? merged(x) : x));
}
function dropTestReprints(findings) {
  const keyOf2 = (f, line) => {
    const masked = typeof f.message === "string" ? maskNumbers(f.message) : "";
    return f.file && line !== void 0 && masked ? `${f.file}\0${line}\0${masked}` : void 0;
  };
  const placesOf = (f) => f.places?.length ? f.places : [placeOf(f)];
  const testAt = /* @__PURE__ */ new Map();
  for (const f of findings)
    if (isTest(f))
      for (const p of placesOf(f)) {
        const k = keyOf2(f, p.line);
        if (k && !testAt.has(k)) testAt.set(k, f);
      }
  if (!testAt.size) return findings;
  const out = [];
  const shown = /* @__PURE__ */ new Set();
  for (const f of findings) {
    if (shown.has(f)) continue;
    if (!f.test && f.kind !== "exit") {
      const tests = placesOf(f).map((p) => testAt.get(keyOf2(f, p.line) ?? ""));
      if (tests.every((t2) => t2)) {
        for (const t2 of tests)
          if (!shown.has(t2)) {
            shown.add(t2);
            out.push(t2);
          }
        continue;
      }
    }
    shown.add(f);
    out.push(f);
  }
  return out;
}
function merged(members) {
  const first = members[0];
  if (members.length === 1) return first;
  const count = members.reduce((n, f) => n + (f.count ?? 1), 0);
  const places = members.flatMap((f) => {
    if (f.places?.length) return f.places;
    const p = placeOf(f);
    if (f.message !== first.message) p.message = f.message;
    return [p];
  }).sort((a, b) => a.logLines[0] - b.logLines[0] || a.logLines[1] - b.logLines[1]).slice(0, MAX_PLACES);
  return { ...first, count, places };
}

// src/paths.ts
var WORKSPACE_PREFIXES = [
  /^\/home\/runner\/work\/[^/]+\/[^/]+\//,
  // GitHub-hosted Linux
  /^\/Users\/runner\/work\/[^/]+\/[^/]+\//,
  // GitHub-hosted macOS
  /^[A-Za-z]:\/a\/[^/]+\/[^/]+\//,
  // GitHub-hosted Windows (D:\a\repo\repo\)
  /^\/__w\/[^/]+\/[^/]+\//,
  // GitHub container jobs
  /^\/github\/workspace\//,
  // Docker actions
  /^\/home\/travis\/build\/[^/]+\/[^/]+\//,
  // Travis
  /^\/builds\/[^/]+\/[^/]+\//,
  // GitLab
  /^\/var\/lib\/jenkins\/workspace\/[^/]+\//,
  // Jenkins
  /^\/var\/jenkins_home\/workspace\/[^/]+\//,
  /^\/home\/jenkins\/agent\/workspace\/[^/]+\//,
  /^[A-Za-z]:\/Jenkins\/workspace\/[^/]+\//,
  /^\/home\/circleci\/project\//,
  // CircleCI
  /^\/(?:opt|var\/lib)\/buildkite-agent\/builds\/[^/]+\/[^/]+\/[^/]+\//,
  // Buildkite
  /^\/drone\/src\//,
  // Drone / Woodpecker
  /^\/woodpecker\/src\/[^/]+\/[^/]+\/[^/]+\//
];
var VENDORED_SEGMENTS = /* @__PURE__ */ new Set([
  "node_modules",
  "bower_components",
  "jspm_packages",
  "site-packages",
  "dist-packages",
  "vendor",
  ".yarn",
  ".pnpm-store",
  ".m2",
  ".gradle",
  ".ivy2",
  ".nuget",
  ".rustup",
  ".pyenv",
  ".nvm",
  ".cache",
  "hostedtoolcache"
]);
var VENDORED_PREFIXES = [
  "usr/lib/",
  "usr/local/lib/",
  "usr/include/",
  "usr/local/include/",
  "usr/share/",
  "usr/local/go/",
  "usr/lib/go/",
  "opt/hostedtoolcache/",
  "rustc/",
  "nix/store/",
  "library/frameworks/",
  "system/library/",
  "program files/",
  "program files (x86)/",
  "windows/",
  "go/pkg/mod/",
  "go/src/runtime/"
];
var VENDORED_INFIXES = ["/.cargo/registry/", "/.cargo/git/", "/go/pkg/mod/", "/.local/lib/"];
var PYTHON_LIB = /\/lib\/python\d(?:\.\d+)?\//;
var NODE_INTERNAL = /^internal\/(?:modules|process|main|bootstrap|timers|streams|fs|util|errors|async_hooks|url|console|event_target|child_process|vm|webstreams|test_runner)\/(?:[^/]+\/)?[^/]+\.js$|^internal\/[a-z_]+\.js$/;
function normalisePath(raw) {
  let p = raw.trim();
  if (p.startsWith("file://")) {
    p = p.slice(7);
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
    p = safeDecode(p);
  } else if (p.startsWith("webpack://") || p.startsWith("webpack-internal://")) {
    p = p.slice(p.indexOf("://") + 3);
    if (p.startsWith("/")) p = p.slice(1);
    else {
      const slash = p.indexOf("/");
      p = slash >= 0 ? p.slice(slash + 1) : p;
    }
    const q = p.indexOf("?");
    if (q >= 0) p = p.slice(0, q);
  }
  const windows = /^[A-Za-z]:[\\/]/.test(p) || p.includes("\\");
  if (windows) p = p.replace(/\\/g, "/");
  p = collapse(p);
  let workspaceRelative;
  for (const re of WORKSPACE_PREFIXES) {
    const m = re.exec(p);
    if (m) {
      workspaceRelative = p.slice(m[0].length);
      break;
    }
  }
  const relative = !p.startsWith("/") && !/^[A-Za-z]:\//.test(p) && !p.startsWith("~");
  return { path: p, windows, workspaceRelative, relative };
}
function collapse(p) {
  const abs = p.startsWith("/");
  const out = [];
  for (const seg of p.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === ".." && out.length > 0 && out[out.length - 1] !== "..") {
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return (abs ? "/" : "") + out.join("/");
}
function safeDecode(p) {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}
function isVendoredPath(raw) {
  const r = raw.trim();
  if (r === "" || r === "native" || r === "unknown") return true;
  if (r.startsWith("<") || r.includes("<anonymous>") || r.startsWith("node:")) return true;
  if (r.startsWith("webpack:///webpack/") || r.startsWith("webpack/runtime/")) return true;
  const n = normalisePath(r);
  const lower = n.path.toLowerCase();
  if (n.relative && NODE_INTERNAL.test(n.path)) return true;
  const body3 = lower.replace(/^\/+/, "").replace(/^[a-z]:\//, "");
  if (!n.relative && n.workspaceRelative === void 0) {
    for (const pre of VENDORED_PREFIXES) if (body3.startsWith(pre)) return true;
  }
  const padded = "/" + lower + "/";
  for (const inf of VENDORED_INFIXES) if (padded.includes(inf)) return true;
  if (!n.relative && PYTHON_LIB.test(padded)) return true;
  const inRepo = n.workspaceRelative !== void 0 ? n.workspaceRelative.toLowerCase() : body3;
  for (const seg of inRepo.split("/")) if (VENDORED_SEGMENTS.has(seg)) return true;
  return false;
}
function createPathMapper(ctx = {}) {
  const changed = new Set(ctx.changedFiles ?? []);
  const all = /* @__PURE__ */ new Set([...ctx.repoFiles ?? [], ...changed]);
  const known = all.size > 0;
  let exactIx;
  let lowerIx;
  const build2 = (fold) => {
    const ix = { byName: /* @__PURE__ */ new Map(), byTail: /* @__PURE__ */ new Map(), topLevel: /* @__PURE__ */ new Map() };
    for (const path2 of all) {
      addToIndex(ix, path2, { path: path2, changed: changed.has(path2) }, fold);
    }
    return ix;
  };
  const indexFor = (windows) => windows ? lowerIx ??= build2((x) => x.toLowerCase()) : exactIx ??= build2();
  const memo = /* @__PURE__ */ new Map();
  const lookup = (raw) => {
    if (typeof raw !== "string") return { vendored: false };
    if (isVendoredPath(raw)) return { vendored: true };
    const n = normalisePath(raw);
    const remainder = n.workspaceRelative ?? (n.relative ? n.path : void 0);
    if (!known) return { path: remainder ?? n.path, vendored: false };
    if (n.path === "") return { vendored: false };
    if (remainder !== void 0) {
      const exact = exactMatch(remainder, all, n.windows ? indexFor(true).byName : void 0);
      if (exact) return { path: exact, vendored: false };
    }
    const best = suffixMatch(n.path.split("/").filter(Boolean), n.relative, n.windows, indexFor(n.windows));
    if (best) return { path: best, vendored: false };
    return remainder !== void 0 && !remainder.startsWith("..") ? { path: remainder, vendored: false } : { vendored: false };
  };
  return (raw) => {
    const hit = memo.get(raw);
    if (hit) return { ...hit };
    const m = lookup(raw);
    if (memo.size < 1e5) memo.set(raw, m);
    return { ...m };
  };
}
function tailKey(segs) {
  return segs[segs.length - 2] + "/" + segs[segs.length - 1];
}
function addToIndex(ix, path2, e, fold) {
  const last = path2.lastIndexOf("/");
  const name = path2.slice(last + 1);
  push(ix.byName, fold ? fold(name) : name, e);
  if (last >= 0) {
    const tail2 = path2.slice(path2.lastIndexOf("/", last - 1) + 1);
    push(ix.byTail, fold ? fold(tail2) : tail2, e);
  } else push(ix.topLevel, fold ? fold(name) : name, e);
}
function push(map, key, e) {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}
function exactMatch(p, all, lowerIndex) {
  if (all.has(p)) return p;
  if (!lowerIndex) return void 0;
  const lower = p.toLowerCase();
  const name = lower.slice(lower.lastIndexOf("/") + 1);
  return lowerIndex.get(name)?.find((e) => e.path.toLowerCase() === lower)?.path;
}
function suffixMatch(segs, relative, windows, ix) {
  if (segs.length === 0) return void 0;
  const fold = windows ? (x) => x.toLowerCase() : (x) => x;
  const name = fold(segs[segs.length - 1]);
  let candidates;
  if (segs.length >= 2) {
    candidates = [...ix.byTail.get(fold(tailKey(segs))) ?? [], ...ix.topLevel.get(name) ?? []];
  } else candidates = ix.byName.get(name) ?? [];
  const eq = windows ? (a, b) => a.toLowerCase() === b.toLowerCase() : (a, b) => a === b;
  let best = [];
  let bestK = 0;
  for (const c of candidates) {
    const cs = c.segs ??= c.path.split("/");
    let k = 0;
    while (k < segs.length && k < cs.length && eq(segs[segs.length - 1 - k], cs[cs.length - 1 - k])) k++;
    const whole = k === cs.length || relative && k === segs.length;
    if (!whole || k === 0) continue;
    if (k > bestK) {
      bestK = k;
      best = [c];
    } else if (k === bestK) best.push(c);
  }
  if (best.length === 1) return best[0].path;
  const changed = best.filter((e) => e.changed);
  if (changed.length === 1) return changed[0].path;
  return void 0;
}

// src/analyze/bisect.ts
var MAX_COMMAND = 200;
function failingCommand(finding5, segments) {
  if (!finding5 || finding5.segment === void 0 || !Array.isArray(segments)) return void 0;
  const step = segments[finding5.segment]?.step;
  if (typeof step !== "string") return void 0;
  const m = /^Run (.+)$/.exec(step.split("\n")[0].trim());
  if (!m) return void 0;
  const cmd = m[1].replace(/[\u0000-\u001f\u007f]/g, " ").trim();
  if (!cmd || cmd.length > MAX_COMMAND) return void 0;
  return cmd;
}
function shellWord(cmd) {
  return /^[\w@%+=:,./ -]+$/.test(cmd) ? cmd : `sh -c '${cmd.replace(/'/g, `'\\''`)}'`;
}
function bisectSuggestion(cs, suspects, verdict, findings, segments) {
  if (!cs?.base || !cs.head || (cs.commits?.length ?? 0) < 2) return void 0;
  if (verdict.origin !== "caused-by-change" && verdict.origin !== "unknown") return void 0;
  if (suspects[0] && suspects[0].confidence >= CAUSE_CONFIDENCE) return void 0;
  const top = findings.find((f) => f.kind !== "exit" && f.kind !== "warning" && f.kind !== "infra");
  const run = failingCommand(top, segments);
  const head = cs.head.slice(0, 12);
  const base2 = cs.base.slice(0, 12);
  const start = `git bisect start ${head} ${base2}`;
  const commands = [start];
  if (run) commands.push(`git bisect run ${shellWord(run)}`);
  else commands.push("# at each step: run the failing command, then `git bisect good` or `git bisect bad`");
  commands.push("git bisect reset");
  return run ? { start, run, commands } : { start, commands };
}

// src/analyze/excerpt.ts
var MAX_EXCERPT_LINES = 15;
var MAX_EXCERPT_LINE_CHARS = 300;
function clipLine(s) {
  if (s.length <= MAX_EXCERPT_LINE_CHARS) return s;
  let end = MAX_EXCERPT_LINE_CHARS;
  const c = s.charCodeAt(end - 1);
  if (c >= 55296 && c <= 56319) end--;
  return s.slice(0, end) + " \u2026";
}
function attachExcerpts(findings, doc) {
  const byLine = /* @__PURE__ */ new Map();
  for (const l of doc.lines) byLine.set(l.n, l.text);
  for (const f of findings) {
    if (f.excerpt || !f.logLines) continue;
    const [start, end] = f.logLines;
    const out = [];
    let missing = 0;
    const last = Math.min(end, start + MAX_EXCERPT_LINES * 10);
    for (let n = start; n <= last; n++) {
      if (out.length >= MAX_EXCERPT_LINES) {
        missing = end - n + 1;
        break;
      }
      const text = byLine.get(n);
      if (text !== void 0) out.push(clipLine(text));
    }
    if (!missing && end > last) missing = end - last;
    if (missing > 0) out.push(`\u2026 ${missing} more line${missing === 1 ? "" : "s"}`);
    if (out.length) f.excerpt = out;
  }
  return findings;
}

// src/analyze/index.ts
function rangeNotes(cs) {
  const notes = [];
  if (cs.totalFiles !== void 0 && cs.totalFiles > cs.files.length) {
    notes.push(`${cs.totalFiles} files changed, ${cs.files.length} analysed (the source listed no more).`);
  }
  const noPatch = cs.files.filter((f) => f.patchMissing && !f.binary);
  if (noPatch.length) {
    const names = noPatch.slice(0, 5).map((f) => f.path);
    const more = noPatch.length > names.length ? ` and ${noPatch.length - names.length} more` : "";
    notes.push(
      `No patch for ${noPatch.length} file${noPatch.length === 1 ? "" : "s"} (${names.join(", ")}${more}): only names and line counts were used.`
    );
  }
  if (!cs.files.length)
    notes.push("The change set is empty: the head is the last green commit, or the range is unknown.");
  for (const n of cs.notes ?? []) if (typeof n === "string" && n) notes.push(n);
  return notes;
}
function analyze(input) {
  const findings = Array.isArray(input.findings) ? input.findings : [];
  const patterns = Array.isArray(input.patterns) ? input.patterns : [];
  const cs = input.changeSet;
  const ranked = rankSuspects(findings, patterns, cs, { maxSuspects: input.maxSuspects });
  const verdict = decideVerdict(findings, patterns, ranked, input.history, !!cs);
  const suspects = ranked.map(({ path: path2, score, confidence: confidence2, reasons, lines, commits }) => ({
    path: path2,
    score,
    confidence: confidence2,
    reasons,
    lines,
    commits
  }));
  const notes = [];
  if (!cs) notes.push("No repository given: findings only.");
  else notes.push(...rangeNotes(cs));
  if (!findings.length) notes.push("No error was recognised in the log.");
  const report = {
    version: REPORT_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    verdict,
    findings,
    suspects,
    patterns,
    notes
  };
  if (cs?.base) report.base = { sha: cs.base, ...cs.baseSource ? { source: cs.baseSource } : {} };
  if (cs?.head) report.head = { sha: cs.head };
  if (cs) {
    report.range = {
      commits: cs.commits?.length ?? 0,
      files: Math.max(cs.totalFiles ?? 0, cs.files.length),
      filesAnalysed: cs.files.length,
      ...cs.baseSource ? { baseSource: cs.baseSource } : {}
    };
    const commits = rankCommits(suspects, cs.commits ?? []);
    if (commits.length) report.commits = commits;
    const bisect = bisectSuggestion(cs, suspects, verdict, findings, input.segments);
    if (bisect) report.bisect = bisect;
  }
  return report;
}

// src/log/extractors/tsc.ts
var MAX_BLOCK2 = 60;
var PLAIN_LOC = /([^\s()]+)\((\d+),(\d+)\)$/;
var PRETTY_LOC = /(\S+?):(\d+):(\d+)$/;
var CODE = /^(TS\d+): ?/;
var GLOBAL = /^(error|warning) (TS\d+): /;
var GUTTER = /^\d+ /;
var SEPARATORS = [
  ["): error ", false, "error"],
  ["): warning ", false, "warning"],
  [" - error ", true, "error"],
  [" - warning ", true, "warning"]
];
var WEIGHT_ERROR = 90;
var WEIGHT_GLOBAL = 85;
var WEIGHT_WARNING = 30;
function parseHeader(text) {
  if (!text.includes(" TS")) return void 0;
  for (const [sep, pretty, severity] of SEPARATORS) {
    const at = text.indexOf(sep);
    if (at < 0) continue;
    const rest = text.slice(at + sep.length);
    const code2 = CODE.exec(rest);
    if (!code2) continue;
    const before = text.slice(Math.max(0, at - 500), at) + (pretty ? "" : ")");
    const loc = (pretty ? PRETTY_LOC : PLAIN_LOC).exec(before);
    if (!loc) continue;
    return {
      file: loc[1],
      line: +loc[2],
      column: +loc[3],
      severity,
      code: code2[1],
      message: rest.slice(code2[0].length).trim(),
      pretty
    };
  }
  const trimmed = text.trim();
  const g = GLOBAL.exec(trimmed);
  if (g) return { severity: g[1], code: g[2], message: trimmed.slice(g[0].length).trim(), pretty: false };
  return void 0;
}
var isIndented = (s) => s.length > 0 && (s[0] === " " || s[0] === "	");
var isBlank2 = (s) => s.trim() === "";
var tsc = {
  name: "tsc",
  // every finding is a diagnostic with its TSnnnn code
  triggers: / TS\d/,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const h = parseHeader(lines[i].text);
      if (!h) {
        i++;
        continue;
      }
      const start = i;
      let end = i;
      let j = i + 1;
      while (j < lines.length && j - start < MAX_BLOCK2 && isIndented(lines[j].text) && !isBlank2(lines[j].text)) {
        end = j;
        j++;
      }
      if (h.pretty) {
        while (j < lines.length && j - start < MAX_BLOCK2) {
          const t2 = lines[j].text;
          if (isBlank2(t2)) {
            j++;
            continue;
          }
          if (!isIndented(t2) && !GUTTER.test(t2)) break;
          if (parseHeader(t2)) break;
          end = j;
          j++;
        }
      }
      const first = lines[start];
      const finding5 = {
        kind: h.severity === "warning" ? "warning" : "compile-error",
        tool: "tsc",
        message: h.message,
        code: h.code,
        logLines: [first.n, lines[end].n],
        weight: h.severity === "warning" ? WEIGHT_WARNING : h.file ? WEIGHT_ERROR : WEIGHT_GLOBAL
      };
      if (h.file) {
        finding5.file = h.file;
        finding5.rawFile = h.file;
        finding5.line = h.line;
        finding5.column = h.column;
      }
      if (first.segment !== void 0) finding5.segment = first.segment;
      findings.push(finding5);
      i = end + 1;
    }
    return findings;
  }
};

// src/log/extractors/eslint.ts
var WEIGHT_ERROR2 = 60;
var WEIGHT_PARSING_ERROR = 75;
var WEIGHT_WARNING2 = 10;
var MAX_LINE2 = 2e3;
var STYLISH = /^\s+(\d+):(\d+)\s+(error|warning)\s+(\S.*)$/;
var COMPACT = /^(\S.*?): line (\d+), col (\d+), (Error|Warning) - (.*)$/;
var COMPACT_RULE = / \(([@\w][\w@/.-]*)\)$/;
var RULE_ID = /^[@\w][\w@/.-]*$/;
var STANDARD_BANNER = /^[\w-]*standard: (?:Use (?:JavaScript|TypeScript) Standard Style|Run `)/;
var STANDARD = /^\s+(\S.*?):(\d+):(\d+): (\S.*)$/;
var STANDARD_WARNING = / \(warning\)\s*$/;
function splitRule(rest) {
  const t2 = rest.trimEnd();
  const at = t2.lastIndexOf("  ");
  if (at > 0) {
    const rule = t2.slice(at).trim();
    if (RULE_ID.test(rule)) return [t2.slice(0, at).trim(), rule];
  }
  return [t2.trim()];
}
function looksLikePath(text) {
  if (text.length === 0 || text.length > 1e3 || text[0] === " " || text[0] === "	") return false;
  if (!text.includes("/") && !text.includes("\\") && !text.includes(".")) return false;
  return !text.includes(": ") && !text.endsWith(":");
}
function finding(line, fromLine, file, severity, message, rule, row, col) {
  const warning = severity.toLowerCase() === "warning";
  const parsing = !rule && message.startsWith("Parsing error");
  const f = {
    kind: warning ? "warning" : "lint-error",
    tool: "eslint",
    message,
    file,
    rawFile: file,
    line: row,
    column: col,
    logLines: [fromLine.n, line.n],
    weight: warning ? WEIGHT_WARNING2 : parsing ? WEIGHT_PARSING_ERROR : WEIGHT_ERROR2
  };
  if (rule) f.code = rule;
  if (fromLine.segment !== void 0) f.segment = fromLine.segment;
  return f;
}
var eslint = {
  name: "eslint",
  // each finding needs one of: standard's banner, a stylish error / warning row, the compact format's : line
  // (`\d:` and not `\d+:`: the same lines, but linear; `\d+:` retried every start in a run of digits)
  triggers: /standard: |\d:\d+\s+(?:error|warning)|: line /,
  extract(lines) {
    const findings = [];
    let block3;
    let prev;
    let prevWasProblem = false;
    let standard = false;
    for (const line of lines) {
      const text = line.text.length > MAX_LINE2 ? line.text.slice(0, MAX_LINE2) : line.text;
      let isProblem = false;
      if (STANDARD_BANNER.test(text)) {
        standard = true;
        prev = line;
        continue;
      }
      const st = standard ? STANDARD.exec(text) : null;
      if (st) {
        const warn = STANDARD_WARNING.exec(st[4]);
        const rest = warn ? st[4].slice(0, warn.index) : st[4];
        const r = COMPACT_RULE.exec(rest);
        const message = (r ? rest.slice(0, r.index) : rest).trim();
        const f = finding(line, line, st[1], warn ? "warning" : "error", message, r?.[1], +st[2], +st[3]);
        f.tool = "standard";
        findings.push(f);
        prev = line;
        continue;
      }
      if (text.trim() && text[0] !== " " && text[0] !== "	") standard = false;
      const s = text.includes("error") || text.includes("warning") ? STYLISH.exec(text) : null;
      if (s) {
        if (!prevWasProblem) block3 = prev && looksLikePath(prev.text) ? prev : void 0;
        if (block3) {
          isProblem = true;
          const [message, rule] = splitRule(s[4]);
          findings.push(finding(line, block3, block3.text.trim(), s[3], message, rule, +s[1], +s[2]));
        }
      } else if (text.includes(": line ")) {
        const c = COMPACT.exec(text);
        if (c) {
          const r = COMPACT_RULE.exec(c[5]);
          const message = (r ? c[5].slice(0, r.index) : c[5]).trim();
          findings.push(finding(line, line, c[1], c[4], message, r?.[1], +c[2], +c[3]));
        }
      }
      prevWasProblem = isProblem;
      if (!isProblem) block3 = void 0;
      prev = line;
    }
    return findings;
  }
};

// src/log/extractors/finding.ts
function finding2(lines, start, end, f) {
  const out = { ...f, logLines: [lines[start].n, lines[end].n] };
  if (out.file) out.rawFile = out.file;
  const seg = lines[start].segment;
  if (seg !== void 0) out.segment = seg;
  return out;
}

// src/log/extractors/weblint.ts
var WEIGHT_LINT = 60;
var WEIGHT_GULP_TASK = 55;
var WEIGHT_GULP_CONFIG = 65;
var WEIGHT_GULP_PARENT = 10;
var MAX_LINE3 = 2e3;
var MAX_BLOCK3 = 12;
var PRETTIER_VERDICT = /^(?:\[warn\] )?(Code style issues (?:were )?found in (?:the above file(?:\(s\)|s)?|\d+ files?)\b.*)$/;
var PRETTIER_FILE = /^(?:\[warn\] )?([^\s[\]]+\.[\w]+)$/;
var MARKDOWNLINT = /^(\S[^:]*?\.(?:md|markdown|mdx|mkd)):\s?(\d+)(?::(\d+))?:?\s+(?:(?:error|warning)\s+)?(MD\d{3})((?:\/[\w-]+)*)\s+(\S.*)$/;
var FUSV_OLD = /^✖ Variable (\$[\w-]+) is not being used!$/;
var FUSV_HEADER = /^\d+ total variables?, \d+ unused:$/;
var FUSV_ENTRY = /^- (\$[\w-]+) (\S+?):(\d+)$/;
var FUSV_VERDICT = /^Error: Found \d+ unused variables? in /;
var GULP_TIME = /^\[\d\d:\d\d:\d\d\] /;
var GULP_ERRORED = /^'([^']+)' errored after \S+(?: \S+)?$/;
var GULP_CONFIG = /^(Task never defined: .+|Task '.+' is not in your gulpfile|Task function must be specified|The following tasks did not complete: .+)$/;
var GULP_ASYNC = /^Did you forget to signal async completion\?$/;
var STACK_FRAME = /^\s+at \S/;
var SPINNER = /^[-\\|/]?$/;
function textOf(line) {
  if (!line) return "";
  return (line.text.length > MAX_LINE3 ? line.text.slice(0, MAX_LINE3) : line.text).trim();
}
function gulpText(line) {
  const t2 = textOf(line);
  return GULP_TIME.test(t2) ? t2.replace(GULP_TIME, "") : void 0;
}
function gulpTask(lines, i, task, nested) {
  let end = i;
  let message;
  for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK3; j++) {
    const g = gulpText(lines[j]);
    if (g !== void 0) {
      if (GULP_ERRORED.test(g) || g.startsWith("Starting ") || g.startsWith("Finished ")) break;
      message ??= g;
      end = j;
      continue;
    }
    if (!STACK_FRAME.test(lines[j].text) && textOf(lines[j]) !== "" && message === void 0) break;
    if (textOf(lines[j]) === "") break;
    end = j;
  }
  return finding2(lines, i, end, {
    kind: "build-error",
    tool: "gulp",
    message: message ? `'${task}': ${message}` : `'${task}' errored`,
    weight: nested ? WEIGHT_GULP_PARENT : WEIGHT_GULP_TASK
  });
}
function prettier(lines, i, verdict) {
  let start = i;
  let file;
  for (let j = i - 1; j >= 0 && i - j < MAX_BLOCK3; j--) {
    const m = PRETTIER_FILE.exec(textOf(lines[j]));
    if (!m) break;
    start = j;
    file = m[1];
  }
  const f = finding2(lines, start, i, {
    kind: "lint-error",
    tool: "prettier",
    message: verdict,
    weight: WEIGHT_LINT
  });
  if (file) {
    f.file = file;
    f.rawFile = file;
  }
  return f;
}
var weblint = {
  name: "weblint",
  extract(lines) {
    const findings = [];
    let gulpErroredAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const t2 = textOf(lines[i]);
      if (t2 === "") continue;
      if (t2.charCodeAt(0) === 91 && GULP_TIME.test(t2)) {
        const g = t2.replace(GULP_TIME, "");
        const errored = GULP_ERRORED.exec(g);
        if (errored) {
          const nested = gulpErroredAt >= 0 && i - gulpErroredAt <= MAX_BLOCK3 + 1;
          const f = gulpTask(lines, i, errored[1], nested);
          findings.push(f);
          gulpErroredAt = i;
          continue;
        }
        const config = GULP_CONFIG.exec(g);
        if (config) {
          const next = gulpText(lines[i + 1]);
          const end = next !== void 0 && GULP_ASYNC.test(next) ? i + 1 : i;
          findings.push(
            finding2(lines, i, end, {
              kind: "build-error",
              tool: "gulp",
              message: end > i ? `${config[1]}: ${next}` : config[1],
              weight: WEIGHT_GULP_CONFIG
            })
          );
          i = end;
        }
        continue;
      }
      if (t2.includes("Code style issues")) {
        const v = PRETTIER_VERDICT.exec(t2);
        if (v) findings.push(prettier(lines, i, v[1]));
        continue;
      }
      if (t2.includes(": ") || / MD\d{3}/.test(t2)) {
        const md2 = MARKDOWNLINT.exec(t2);
        if (md2) {
          let end = i;
          while (end + 1 < lines.length && end - i + 1 < MAX_BLOCK3 && MARKDOWNLINT.test(textOf(lines[end + 1])))
            end++;
          const f = finding2(lines, i, end, {
            kind: "lint-error",
            tool: "markdownlint",
            message: `${md2[4]}${md2[5]} ${md2[6]}`,
            file: md2[1],
            line: +md2[2],
            code: md2[4],
            weight: WEIGHT_LINT
          });
          if (md2[3]) f.column = +md2[3];
          findings.push(f);
          i = end;
          continue;
        }
      }
      const old = t2.startsWith("\u2716 Variable") ? FUSV_OLD.exec(t2) : null;
      if (old) {
        let end = i;
        const names = [old[1]];
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK3; j++) {
          const u = textOf(lines[j]);
          if (SPINNER.test(u)) continue;
          const more = FUSV_OLD.exec(u);
          if (!more) break;
          names.push(more[1]);
          end = j;
        }
        findings.push(
          finding2(lines, i, end, {
            kind: "lint-error",
            tool: "fusv",
            message: `Unused Sass variable${names.length > 1 ? "s" : ""}: ${names.join(", ")}`,
            weight: WEIGHT_LINT
          })
        );
        i = end;
        continue;
      }
      if (FUSV_HEADER.test(t2)) {
        const first = FUSV_ENTRY.exec(textOf(lines[i + 1]));
        if (!first) continue;
        const names = [];
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK3; j++) {
          const e = FUSV_ENTRY.exec(textOf(lines[j]));
          if (!e) {
            if (FUSV_VERDICT.test(textOf(lines[j]))) end = j;
            break;
          }
          names.push(e[1]);
          end = j;
        }
        findings.push(
          finding2(lines, i + 1, end, {
            kind: "lint-error",
            tool: "fusv",
            message: `Unused Sass variable${names.length > 1 ? "s" : ""}: ${names.join(", ")}`,
            file: first[2],
            line: +first[3],
            weight: WEIGHT_LINT
          })
        );
        i = end;
      }
    }
    return findings;
  }
};

// src/log/extractors/coffee.ts
var WEIGHT_COMPILE = 90;
var MAX_LINE4 = 2e3;
var ERROR = /^\s*(\S+?\.(?:coffee|litcoffee|coffee\.md|cson)):(\d+):(\d+): error: (.+)$/;
var CARET = /^\s*\^+\s*$/;
var coffee = {
  name: "coffee",
  // every finding is a CoffeeScript file location with : error:
  triggers: /\.coffee:|\.litcoffee:|\.coffee\.md:|\.cson:/,
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE4 || !text.includes(": error: ")) continue;
      const m = ERROR.exec(text.trimEnd());
      if (!m) continue;
      const end = i + 2 < lines.length && CARET.test(lines[i + 2].text) ? i + 2 : i;
      findings.push(
        finding2(lines, i, end, {
          kind: "compile-error",
          tool: "coffee",
          message: m[4].trim(),
          file: m[1],
          line: +m[2],
          column: +m[3],
          weight: WEIGHT_COMPILE
        })
      );
      i = end;
    }
    return findings;
  }
};

// src/log/extractors/npm.ts
var WEIGHT_RESOLVE = 88;
var WEIGHT_DEPENDENCY = 85;
var WEIGHT_MISSING_SCRIPT = 80;
var WEIGHT_NETWORK = 70;
var WEIGHT_OTHER = 50;
var WEIGHT_EXIT = 1;
var MAX_LINE5 = 2e3;
var MAX_BLOCK4 = 200;
var NPM_PREFIX = /^npm (?:ERR!|error)(?: (.*))?$/;
var CODE2 = /^code (\S+)$/;
var BORING = /^(?:A complete log of this run can be found in|For a full report see|Log files were not written|You can rerun the command with)/;
var LOG_PATH = /^\s*\S*[/\\]_logs[/\\]\S+$/;
var NETWORK_CODES = /* @__PURE__ */ new Set([
  "ECONNRESET",
  "ECONNREFUSED",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EPROTO",
  "ERR_SOCKET_TIMEOUT",
  "E500",
  "E502",
  "E503",
  "E504",
  "E429"
]);
var DEPENDENCY_CODES = /* @__PURE__ */ new Set([
  "ETARGET",
  "ENOVERSIONS",
  "EINTEGRITY",
  "EBADENGINE",
  "ENOTSUP",
  "EBADPLATFORM",
  "ENOLOCK",
  "EUSAGE",
  "E401",
  "E403",
  "E404",
  "ERESOLVE",
  "EOVERRIDE",
  "ENOENT"
]);
var PNPM = /^(ERR_PNPM_[A-Z0-9_]+|ELIFECYCLE)\s+(.*)$/;
var PNPM_EXIT = /* @__PURE__ */ new Set([
  "ELIFECYCLE",
  "ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL",
  "ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL"
]);
var PNPM_SCRIPT = /* @__PURE__ */ new Set([
  "ERR_PNPM_NO_SCRIPT",
  "ERR_PNPM_NO_SCRIPT_OR_SERVER",
  "ERR_PNPM_RECURSIVE_RUN_NO_SCRIPT"
]);
var PNPM_NETWORK = /^ERR_PNPM_(?:META_FETCH_FAIL|FETCH_(?:5\d\d|429)|ECONN|ETIMEDOUT|EAI_AGAIN|ENOTFOUND)/;
var YARN_BANNER = /^yarn (?:[\w:-]+ )?v\d+\.\d+/;
var YARN_ERROR = /^error (\S.*)$/;
var YARN_EXIT = /^Command failed(?: with exit code \d+)?\.$/;
var YARN_COMMAND = /^\$ (\S.*)$/;
var YARN_DEPENDENCY = /^(?:Couldn't find (?:package|any versions)|An unexpected error occurred: ".*(?:Not found|404)|Your lockfile needs to be updated|Found incompatible module|The engine ".*" is incompatible|Integrity check failed|Incorrect integrity)/;
var BERRY = /^(?:➤ )?YN(\d{4}): (?:[│├└┌·] )?(.*)$/;
var BERRY_ERRORS = /* @__PURE__ */ new Set([
  "0001",
  "0009",
  "0018",
  "0028",
  "0035",
  "0046",
  "0071",
  "0078",
  "0082",
  "0083"
]);
function base(kind, message, from, to, weight, code2) {
  const f = { kind, tool: "npm", message, logLines: [from.n, to.n], weight };
  if (code2) f.code = code2;
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function npmBlock(block3) {
  const { lines, contents } = block3;
  let lo = -1;
  let hi = -1;
  for (let k = 0; k < contents.length; k++) {
    const c = contents[k].trim();
    if (c === "" || BORING.test(c) || LOG_PATH.test(c)) continue;
    if (lo < 0) lo = k;
    hi = k;
  }
  if (lo < 0) return void 0;
  const from = lines[lo];
  const to = lines[hi];
  let code2;
  let status;
  const texts = [];
  for (let k = lo; k <= hi; k++) {
    const c = contents[k].trim();
    const m = CODE2.exec(c);
    if (m && code2 === void 0 && status === void 0) {
      if (/^\d+$/.test(m[1])) status = m[1];
      else code2 = m[1];
    } else if (c !== "" && !/^errno /.test(c)) texts.push(c);
  }
  const first = texts[0] ?? (code2 ? `code ${code2}` : "");
  const find = (re) => {
    for (const t2 of texts) {
      const m = re.exec(t2);
      if (m) return m;
    }
    return void 0;
  };
  const lifecycle = find(/^Lifecycle script `[^`]*` failed/);
  if (code2 === "ELIFECYCLE" || lifecycle || texts.some(
    (t2) => t2 === "command failed" || /^Error: command failed\b/.test(t2) || /^Test failed\.\s+See above/.test(t2)
  )) {
    const command = find(/^command (?!failed)(.+)$/)?.[1];
    const exit = find(/^Exit status (\d+)$/)?.[1] ?? status;
    let message2 = lifecycle ? lifecycle.input.replace(/ with error:?\s*$/, "") : first;
    if (command) message2 += `: ${command}`;
    if (exit) message2 += ` (exit status ${exit})`;
    return base("exit", message2, from, to, WEIGHT_EXIT, code2 ?? "ELIFECYCLE");
  }
  const missing = find(/^Missing script: "?([^"]*)"?$/);
  if (missing) return base("build-error", missing.input, from, to, WEIGHT_MISSING_SCRIPT, code2);
  if (code2 === "ERESOLVE" || first.startsWith("ERESOLVE")) {
    let message2 = find(/^ERESOLVE\b.*/)?.[0] ?? "ERESOLVE unable to resolve dependency tree";
    const idx = texts.findIndex((t2) => t2 === "Could not resolve dependency:");
    const conflict = find(/^Conflicting peer dependency: (.+)$/)?.[1];
    const found = find(/^Found: (.+)$/)?.[1];
    const details = [];
    if (idx >= 0 && idx + 1 < texts.length) details.push(texts[idx + 1]);
    if (conflict) details.push(`conflicting peer dependency ${conflict}`);
    if (details.length) message2 += `: ${details.join("; ")}`;
    if (found) message2 += ` (found ${found})`;
    return base("dependency", message2, from, to, WEIGHT_RESOLVE, "ERESOLVE");
  }
  if (code2 === "E404" || /^404 Not Found\b/.test(first)) {
    const request = find(/^404 Not Found\b.*/)?.[0] ?? first;
    const spec = find(
      /^404\s+(?:The requested resource )?'([^']+)' (?:could not be found|is not in this registry)/
    )?.[1];
    return base(
      "dependency",
      spec ? `${request}: '${spec}' not found` : request,
      from,
      to,
      WEIGHT_DEPENDENCY,
      "E404"
    );
  }
  const message = texts.find((t2) => !/^(?:syscall|path|dest|workspace|location) /.test(t2)) ?? first;
  if (code2 && NETWORK_CODES.has(code2)) return base("infra", message, from, to, WEIGHT_NETWORK, code2);
  if (code2 && DEPENDENCY_CODES.has(code2))
    return base("dependency", message, from, to, WEIGHT_DEPENDENCY, code2);
  if (/^(?:notarget|engine|peer dep missing|Could not resolve dependency)/i.test(message))
    return base("dependency", message, from, to, WEIGHT_DEPENDENCY, code2);
  return base("error", message, from, to, WEIGHT_OTHER, code2);
}
function pnpmLine(line, code2, rest) {
  const f = classifyPnpm(line, code2, rest);
  f.tool = "pnpm";
  return f;
}
function classifyPnpm(line, code2, rest) {
  const message = `${code2}: ${rest.trim()}`;
  if (PNPM_EXIT.has(code2)) return base("exit", message, line, line, WEIGHT_EXIT, code2);
  if (PNPM_SCRIPT.has(code2)) return base("build-error", message, line, line, WEIGHT_MISSING_SCRIPT, code2);
  if (PNPM_NETWORK.test(code2)) return base("infra", message, line, line, WEIGHT_NETWORK, code2);
  if (/FETCH|RESOLVE|PEER|LOCKFILE|VERSION|NOT_FOUND|404|ENGINE|INTEGRITY|TARBALL|NO_MATCHING|IMPORTER/.test(
    code2
  ))
    return base("dependency", message, line, line, WEIGHT_DEPENDENCY, code2);
  return base("error", message, line, line, WEIGHT_OTHER, code2);
}
var npm = {
  name: "npm",
  extract(lines) {
    const findings = [];
    let block3;
    let yarn = false;
    let yarnCommand;
    let afterBanner = false;
    const flush = () => {
      if (!block3) return;
      const f = npmBlock(block3);
      if (f) findings.push(f);
      block3 = void 0;
    };
    for (const line of lines) {
      const text = line.text.length > MAX_LINE5 ? line.text.slice(0, MAX_LINE5) : line.text;
      const m = text.startsWith("npm ") ? NPM_PREFIX.exec(text) : null;
      if (m) {
        if (block3 && block3.lines.length >= MAX_BLOCK4) flush();
        block3 ??= { lines: [], contents: [] };
        block3.lines.push(line);
        block3.contents.push(m[1] ?? "");
        continue;
      }
      flush();
      const t2 = text.trim();
      if (afterBanner && t2 !== "") {
        afterBanner = false;
        if (YARN_COMMAND.test(t2)) {
          yarnCommand = line;
          continue;
        }
      }
      if (t2.startsWith("ERR_PNPM_") || t2.startsWith("ELIFECYCLE")) {
        const p = PNPM.exec(t2);
        if (p) findings.push(pnpmLine(line, p[1], p[2]));
        continue;
      }
      if (YARN_BANNER.test(t2)) {
        yarn = true;
        afterBanner = true;
        yarnCommand = void 0;
        continue;
      }
      if (yarn && text.startsWith("error ")) {
        const y = YARN_ERROR.exec(text);
        if (!y) continue;
        const message = y[1].trim();
        const f = YARN_EXIT.test(message) ? base("exit", message, line, line, WEIGHT_EXIT) : YARN_DEPENDENCY.test(message) ? base("dependency", message, line, line, WEIGHT_DEPENDENCY) : base("error", message, line, line, WEIGHT_OTHER - 5);
        f.tool = "yarn";
        findings.push(f);
        if (f.kind === "exit" && yarnCommand) {
          const c = base(
            "exit",
            `yarn ran: ${yarnCommand.text.trim().slice(2)}`,
            yarnCommand,
            yarnCommand,
            WEIGHT_EXIT
          );
          c.tool = "yarn";
          findings.push(c);
          yarnCommand = void 0;
        }
        continue;
      }
      if (t2.includes("YN") && (t2.startsWith("\u27A4") || t2.startsWith("YN"))) {
        const b = BERRY.exec(t2);
        if (b && BERRY_ERRORS.has(b[1])) {
          const f = base("dependency", b[2].trim(), line, line, WEIGHT_DEPENDENCY, `YN${b[1]}`);
          f.tool = "yarn";
          findings.push(f);
        }
      }
    }
    flush();
    return findings;
  }
};

// src/log/extractors/node.ts
var import_stacktrace_parser = __toESM(require_stack_trace_parser_cjs(), 1);

// src/log/extractors/jsframes.ts
var MAX_SHOWN = 25;
var MAX_STRETCH = 40;
var MAX_BLOCK5 = 400;
var MAX_FRAMES2 = 100;
var MAX_MESSAGE = 500;
var isFrameText = (t2) => t2.trimStart().startsWith("at ");
var isBlank3 = (t2) => t2.trim() === "";
function oneLine(s) {
  const t2 = s.replace(/\s+/g, " ").trim();
  return t2.length > MAX_MESSAGE ? `${t2.slice(0, MAX_MESSAGE - 1)}\u2026` : t2;
}
function atBlock(lines, i, limit = lines.length) {
  const texts = [];
  let j = i;
  while (j < limit && isFrameText(lines[j].text)) {
    if (texts.length < MAX_FRAMES2) texts.push(lines[j].text);
    j++;
  }
  return { frames: texts.length ? safeParseFrames(texts) : [], end: j - 1 };
}
function safeParseFrames(texts) {
  try {
    return parseFrames(texts);
  } catch {
    return [];
  }
}
var VITEST_FRAME = /^(.*):(\d+):(\d+)$/;
function vitestFrame(text) {
  const t2 = text.trim();
  if (!t2.startsWith("\u276F ")) return void 0;
  const body3 = t2.slice(2).trim();
  if (body3.length > 1e3) return void 0;
  const space = body3.lastIndexOf(" ");
  const loc = space >= 0 ? body3.slice(space + 1) : body3;
  const m = VITEST_FRAME.exec(loc);
  if (!m || !m[1]) return void 0;
  const frame2 = {
    rawFile: m[1],
    line: Number(m[2]),
    column: Number(m[3]),
    vendored: isVendoredPath2(m[1])
  };
  if (space > 0) frame2.function = body3.slice(0, space);
  return frame2;
}
function firstOwnFrame(frames) {
  return frames?.find((f) => !f.vendored && f.line !== void 0);
}
var JEST_MARKER = /^\s*>\s*(\d+) \|/;
function codeFrameMarker(text) {
  const m = JEST_MARKER.exec(text);
  return m ? Number(m[1]) : void 0;
}
var isCaretLine = (t2) => /^\s*\|\s*\^\s*$/.test(t2);
var DETAIL = /^\s*(?:Expected|Received)\b[\w ]{0,40}:\s*\S/;
function expectDetails(lines, from, to, max = 4) {
  const out = [];
  for (let j = from; j <= to && out.length < max; j++) {
    if (DETAIL.test(lines[j].text)) out.push(oneLine(lines[j].text));
  }
  return out;
}
function assertDetails(texts, max = 2, maxDiff = 4) {
  const diff = [];
  const plain = [];
  for (const raw of texts) {
    const t2 = raw.trim();
    if (t2 === "+ expected - actual" || t2.startsWith("at ")) break;
    if (!t2 || t2 === "+ actual - expected" || t2 === "^" || /^[[\]{}(),]+$/.test(t2)) continue;
    if (/^[+-] /.test(t2)) {
      if (diff.length < maxDiff) diff.push(oneLine(t2));
    } else if (plain.length < max) plain.push(oneLine(t2));
    if (diff.length >= maxDiff) break;
  }
  return diff.length ? diff : plain;
}
function withDetails(message, details) {
  if (!details.length) return oneLine(message);
  return oneLine(
    message.endsWith(":") ? `${message} ${details.join(" ")}` : `${message}; ${details.join("; ")}`
  );
}
function shownRange(start, end, keep = []) {
  let last = Math.min(end, start + MAX_SHOWN - 1);
  for (const k of keep) {
    if (k !== void 0 && k <= end && k > last && k - start < MAX_STRETCH) last = k;
  }
  return [start, Math.max(start, last)];
}
function lastNonBlank(lines, from, to) {
  for (let j = to; j > from; j--) if (!isBlank3(lines[j].text)) return j;
  return from;
}
function isModuleError(message) {
  return /Cannot find (?:module|package)|ERR_MODULE_NOT_FOUND|Failed to (?:load url|resolve import)|does not provide an export named/.test(
    message
  );
}

// src/log/extractors/node.ts
var WEIGHT_UNCAUGHT = 92;
var WEIGHT_NESTED = 75;
var MAX_LINE6 = 2e3;
var MAX_GAP2 = 40;
var MAX_FRAMES3 = 200;
var MAX_FRAME_LINE = 600;
var MAX_PROPS = 40;
var ERROR_LINE = /^(\s*)(?:Uncaught )?([A-Z][\w$]*(?:Error|Exception)|Error)(?: \[([A-Z][A-Z0-9_]*)\])?: (.*)$/;
var HEADER = /^(\S.*):(\d+)$/;
var CARET2 = /^\s*\^+\s*$/;
var REQUIRE_ENTRY = /^- (\S.*)$/;
var IMPORTED_FROM = / imported from (\S+)\s*$/;
var PROP_CODE = /^\s+code: '([\w.-]+)',?$/;
var isFrameLine = (t2) => t2.trimStart().startsWith("at ");
function isVendoredPath2(path2) {
  return path2.startsWith("internal/") || path2.startsWith("evalmachine.") || isVendoredPath(path2);
}
function parseFrames(frameLines) {
  const block3 = frameLines.map((t2) => {
    let s = t2.trim();
    if (s.length > MAX_FRAME_LINE) s = s.slice(0, MAX_FRAME_LINE);
    if (s.endsWith(" {")) s = s.slice(0, -2);
    return s;
  }).join("\n");
  const frames = [];
  for (const p of (0, import_stacktrace_parser.parse)(block3)) {
    if (!p.file) continue;
    const frame2 = { rawFile: p.file, vendored: isVendoredPath2(p.file) };
    if (p.lineNumber != null) frame2.line = p.lineNumber;
    if (p.column != null) frame2.column = p.column;
    if (p.methodName && p.methodName !== "<unknown>") frame2.function = p.methodName;
    frames.push(frame2);
  }
  return frames;
}
function findHeader(lines, i) {
  let k = i - 1;
  if (k >= 0 && lines[k].text.trim() === "") k--;
  if (k < 2 || !CARET2.test(lines[k].text)) return void 0;
  const caret = lines[k].text.indexOf("^");
  const hl = lines[k - 2].text;
  const m = hl.length <= MAX_LINE6 ? HEADER.exec(hl) : null;
  if (!m) return void 0;
  return { index: k - 2, file: m[1], line: +m[2], column: caret >= 0 ? caret + 1 : void 0 };
}
var node = {
  name: "node",
  // every finding starts at an Error / Exception line with its colon
  triggers: /Error: |Exception: |Error \[|Exception \[/,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      const m = text.length <= MAX_LINE6 && text.includes(": ") ? ERROR_LINE.exec(text) : null;
      if (!m) {
        i++;
        continue;
      }
      let first = -1;
      let requireFrom;
      for (let j = i + 1; j < lines.length && j <= i + MAX_GAP2; j++) {
        const t2 = lines[j].text;
        if (isFrameLine(t2)) {
          first = j;
          break;
        }
        if (t2.length <= MAX_LINE6 && ERROR_LINE.test(t2)) break;
        if (requireFrom === void 0 && j > i + 1 && lines[j - 1].text.trim() === "Require stack:") {
          requireFrom = REQUIRE_ENTRY.exec(t2.trim())?.[1];
        }
      }
      const header = findHeader(lines, i);
      if (first < 0 && !header) {
        i++;
        continue;
      }
      let last = first;
      if (first >= 0) {
        while (last + 1 < lines.length && last + 1 - first < MAX_FRAMES3 && isFrameLine(lines[last + 1].text))
          last++;
      }
      const frames = first >= 0 ? parseFrames(lines.slice(first, last + 1).map((l) => l.text)) : [];
      let end = first >= 0 ? last : i;
      let code2 = m[3];
      if (first >= 0 && lines[last].text.trimEnd().endsWith("{")) {
        for (let j = last + 1; j < lines.length && j <= last + MAX_PROPS; j++) {
          const t2 = lines[j].text;
          const pc = PROP_CODE.exec(t2);
          if (pc && code2 === void 0) code2 = pc[1];
          if (t2.trim() === "}") {
            end = j;
            break;
          }
        }
      }
      let message = `${m[2]}${m[3] ? ` [${m[3]}]` : ""}: ${m[4].trim()}`;
      if (message.endsWith(":") && first > i + 1)
        message = withDetails(message, assertDetails(lines.slice(i + 1, first).map((l) => l.text)));
      const indented = m[1].length > 0;
      const f = {
        kind: "exception",
        tool: "node",
        message,
        logLines: [lines[header ? header.index : i].n, lines[end].n],
        weight: indented && !header ? WEIGHT_NESTED : WEIGHT_UNCAUGHT
      };
      if (code2) f.code = code2;
      if (frames.length) f.frames = frames;
      const top = frames.find((fr) => !fr.vendored);
      if (top) {
        f.file = top.rawFile;
        f.line = top.line;
        f.column = top.column;
      } else if (header && !isVendoredPath2(header.file)) {
        f.file = header.file;
        f.line = header.line;
        f.column = header.column;
      } else {
        const importer = IMPORTED_FROM.exec(m[4])?.[1] ?? requireFrom;
        if (importer && !isVendoredPath2(importer)) f.file = importer;
      }
      if (f.file) f.rawFile = f.file;
      const seg = lines[header ? header.index : i].segment;
      if (seg !== void 0) f.segment = seg;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  }
};

// src/log/extractors/jest.ts
var WEIGHT_TEST = 90;
var WEIGHT_SUITE = 88;
var WEIGHT_SUMMARY = 3;
var SUITE_HEADER = /^\s*(FAIL|PASS)\s+(\S.*)$/;
var BLOCK_HEADER = /^\s{0,4}● (\S.*)$/;
var SUITE_FAILED = "Test suite failed to run";
var TS_DIAGNOSTIC = /^\s*(\S.*?):(\d+):(\d+) - error (TS\d+): (.*)$/;
var SUMMARY_TESTS = /^Tests:\s+(\d+) failed/;
var SUMMARY_SUITES = /^Test Suites:\s+(\d+) failed/;
var REPEAT = /^\s*Summary of all failing tests\s*$/;
var CONFIG_HEADER = /^\s{0,4}● (Validation Error|Configuration error|Multiple configurations found):?\s*$/i;
var CONFIG_DOCS = /^\s*Configuration Documentation:\s*$/;
var TEST_FILE = /(?:^|\s)(\S+\.[cm]?[jt]sx?)$/;
var ERROR_LINE2 = /^\s*(?:[A-Z]\w*(?:Error|Exception)|Error)(?: \[\w+\])?: /;
function suitePath(rest) {
  let s = rest.trim();
  const paren = s.lastIndexOf(" (");
  if (paren > 0 && s.endsWith(")") && /\d/.test(s.slice(paren))) s = s.slice(0, paren).trim();
  const m = TEST_FILE.exec(s);
  return m ? m[1] : s;
}
var isBoundary = (t2) => SUITE_HEADER.test(t2) || BLOCK_HEADER.test(t2) || SUMMARY_SUITES.test(t2) || t2.startsWith("Test Suites:") || REPEAT.test(t2);
var jest = {
  name: "jest",
  // each finding needs a ● block header (tests, suites, configuration) or the failed summary
  triggers: /● |Tests:\s+\d+ failed|Test Suites:\s+\d+ failed/,
  extract(lines) {
    const findings = [];
    let suite;
    let repeating = false;
    let summary;
    let i = 0;
    while (i < lines.length) {
      const t2 = lines[i].text;
      if (REPEAT.test(t2)) repeating = true;
      const sm = SUMMARY_TESTS.exec(t2) ?? SUMMARY_SUITES.exec(t2);
      if (sm && Number(sm[1]) > 0 && (!summary || SUMMARY_TESTS.test(t2))) {
        summary = {
          kind: "test-failure",
          tool: "jest",
          message: oneLine(t2),
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_SUMMARY
        };
      }
      const sh = SUITE_HEADER.exec(t2);
      if (sh) {
        suite = suitePath(sh[2]);
        i++;
        continue;
      }
      if (suite === void 0 && CONFIG_HEADER.test(t2)) {
        const f = configBlock(lines, i);
        if (f) findings.push(f);
        i++;
        continue;
      }
      const bh = BLOCK_HEADER.exec(t2);
      if (!bh || repeating || bh[1].trim() === "Console" || suite === void 0) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < lines.length && end - i < MAX_BLOCK5 && !isBoundary(lines[end].text)) end++;
      findings.push(...block(lines, i, end - 1, bh[1].trim(), suite));
      i = end;
    }
    if (summary) findings.push(summary);
    return findings;
  }
};
function configBlock(lines, h) {
  let end = h + 1;
  while (end < lines.length && end - h < MAX_BLOCK5 && !CONFIG_DOCS.test(lines[end].text) && !isBoundary(lines[end].text))
    end++;
  const last = lastNonBlank(lines, h, end - 1);
  let m = h + 1;
  while (m <= last && isBlank3(lines[m].text)) m++;
  if (m > last) return void 0;
  return {
    kind: "build-error",
    tool: "jest",
    message: `${oneLine(lines[h].text).replace(/^● /, "").replace(/:$/, "")}: ${oneLine(lines[m].text)}`,
    logLines: [lines[h].n, lines[last].n],
    weight: WEIGHT_SUITE
  };
}
function block(lines, h, last, name, suite) {
  const end = lastNonBlank(lines, h, last);
  let m = h + 1;
  while (m <= end && isBlank3(lines[m].text)) m++;
  if (m > end) return [];
  if (name === SUITE_FAILED) {
    const diagnostics = [];
    for (let j = m; j <= end; j++) {
      const d = lines[j].text.length < 2e3 ? TS_DIAGNOSTIC.exec(lines[j].text) : null;
      if (!d) continue;
      let stop = j;
      while (stop < end && stop - j < 3 && !isBlank3(lines[stop + 1].text)) stop++;
      if (stop === j && j + 2 <= end) stop = Math.min(end, j + 3);
      diagnostics.push({
        kind: "compile-error",
        tool: "jest",
        message: oneLine(d[5]),
        code: d[4],
        file: d[1],
        rawFile: d[1],
        line: Number(d[2]),
        column: Number(d[3]),
        logLines: shownRange(lines[h].n, lines[lastNonBlank(lines, j, stop)].n, [lines[j].n]),
        weight: WEIGHT_SUITE
      });
    }
    if (diagnostics.length) return diagnostics;
  }
  let messageIndex = m;
  if (/^\s*Jest encountered an unexpected token/.test(lines[m].text)) {
    for (let j = m + 1; j <= end; j++) {
      if (ERROR_LINE2.test(lines[j].text)) {
        messageIndex = j;
        break;
      }
    }
  }
  let message = oneLine(lines[messageIndex].text);
  let marker;
  let frames;
  let framesEnd = -1;
  for (let j = m; j <= end; j++) {
    const text = lines[j].text;
    if (!marker) {
      const ln = codeFrameMarker(text);
      if (ln !== void 0) marker = { index: j, line: ln };
    }
    if (!frames && isFrameText(text)) {
      const b = atBlock(lines, j, end + 1);
      frames = b.frames;
      framesEnd = b.end;
      j = b.end;
    }
  }
  const detailsTo = marker ? marker.index : framesEnd >= 0 ? framesEnd : end;
  if (message.startsWith("expect(")) message = withDetails(message, expectDetails(lines, m + 1, detailsTo));
  const own = firstOwnFrame(frames);
  const file = own?.rawFile ?? suite;
  const finding5 = {
    kind: name === SUITE_FAILED ? isModuleError(message) ? "dependency" : "test-failure" : "test-failure",
    tool: "jest",
    message,
    file,
    rawFile: file,
    logLines: shownRange(lines[h].n, lines[end].n, [lines[messageIndex].n, marker && lines[marker.index].n]),
    weight: name === SUITE_FAILED ? WEIGHT_SUITE : WEIGHT_TEST
  };
  if (own) {
    finding5.line = own.line;
    if (own.column !== void 0) finding5.column = own.column;
  } else if (marker) {
    finding5.line = marker.line;
  }
  if (name !== SUITE_FAILED) finding5.test = name;
  if (frames?.length) finding5.frames = frames;
  return [finding5];
}

// src/log/extractors/vitest.ts
var WEIGHT_TEST2 = 90;
var WEIGHT_SUITE2 = 88;
var WEIGHT_UNHANDLED = 85;
var WEIGHT_SUMMARY2 = 3;
var FAIL_HEADER = /^\s*FAIL\s+(\S.*)$/;
var SUMMARY = /^\s*Tests\s+(\d+) failed/;
var ORIGINATED = /This error originated in "([^"]+)" test file/;
var LATEST_TEST = /The latest test that might've caused the error is "([^"]+)"/;
var UNHANDLED_KIND = /^(?:Uncaught Exception|Unhandled Rejection|Unhandled Error|Unhandled Errors)$/;
var isSeparator = (t2) => t2.trimStart().startsWith("\u23AF");
var separatorTitle = (t2) => t2.replace(/⎯/g, "").trim();
function parseHeader2(rest) {
  let s = rest.trim();
  if (s.startsWith("|")) {
    const close = s.indexOf("| ", 1);
    if (close > 0) s = s.slice(close + 2).trim();
  }
  const bracket = s.indexOf(" [ ");
  if (bracket > 0 && s.endsWith(" ]")) s = s.slice(0, bracket).trim();
  const parts = s.split(" > ");
  const file = parts[0].trim();
  const test = parts.slice(1).join(" > ").trim();
  return test ? { file, test } : { file };
}
var vitest = {
  name: "vitest",
  // each finding needs a ⎯ section rule (failed tests, unhandled errors) or the failed summary
  triggers: /⎯|Tests\s+\d+ failed/,
  extract(lines) {
    const findings = [];
    let section = "none";
    let summary;
    let i = 0;
    while (i < lines.length) {
      const t2 = lines[i].text;
      if (isSeparator(t2)) {
        const title = separatorTitle(t2);
        if (/^Failed (?:Tests|Suites) \d+$/.test(title)) section = "failed";
        else if (title === "Unhandled Errors" || title === "Unhandled Error") section = "unhandled";
        if (section === "unhandled" && UNHANDLED_KIND.test(title) && title !== "Unhandled Errors") {
          const end = blockEnd(lines, i + 1);
          const f = unhandled(lines, i, end);
          if (f) findings.push(f);
          i = end;
          continue;
        }
        i++;
        continue;
      }
      const sm = SUMMARY.exec(t2);
      if (sm && Number(sm[1]) > 0) {
        summary = {
          kind: "test-failure",
          tool: "vitest",
          message: oneLine(t2),
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_SUMMARY2
        };
        section = "none";
      }
      if (section === "failed" && FAIL_HEADER.test(t2)) {
        const headers = [];
        let j = i;
        while (j < lines.length && FAIL_HEADER.test(lines[j].text)) headers.push(j++);
        const end = blockEnd(lines, j);
        findings.push(...failed(lines, headers, j, end));
        i = end;
        continue;
      }
      i++;
    }
    if (summary) findings.push(summary);
    return findings;
  }
};
function blockEnd(lines, from) {
  let j = from;
  while (j < lines.length && j - from < MAX_BLOCK5 && !isSeparator(lines[j].text) && !FAIL_HEADER.test(lines[j].text) && !SUMMARY.test(lines[j].text))
    j++;
  return j;
}
function errorBody(lines, from, end) {
  let m = from;
  while (m < end && isBlank3(lines[m].text)) m++;
  if (m >= end) return void 0;
  const frames = [];
  let caret;
  let firstFrame = end;
  for (let j = m + 1; j < end; j++) {
    const text = lines[j].text;
    const f = vitestFrame(text);
    if (f) {
      if (frames.length < 100) frames.push(f);
      if (firstFrame === end) firstFrame = j;
    } else if (isFrameText(text)) {
      const b = atBlock(lines, j, end);
      frames.push(...b.frames.slice(0, 100));
      if (firstFrame === end) firstFrame = j;
      j = b.end;
    } else if (caret === void 0 && isCaretLine(text)) {
      caret = j;
    }
  }
  let message = oneLine(lines[m].text);
  message = withDetails(message, expectDetails(lines, m + 1, firstFrame - 1));
  return { message, messageIndex: m, frames, caret, last: lastNonBlank(lines, m, end - 1) };
}
function failed(lines, headers, from, end) {
  const body3 = errorBody(lines, from, end);
  if (!body3) return [];
  const out = [];
  const own = firstOwnFrame(body3.frames);
  for (const h of headers) {
    const header = parseHeader2(FAIL_HEADER.exec(lines[h].text)?.[1] ?? "");
    const file = own?.rawFile ?? header.file;
    const kind = header.test ? "test-failure" : isModuleError(body3.message) ? "dependency" : "test-failure";
    const f = {
      kind,
      tool: "vitest",
      message: body3.message,
      file,
      rawFile: file,
      logLines: shownRange(lines[h].n, lines[body3.last].n, [
        lines[body3.messageIndex].n,
        body3.caret !== void 0 ? lines[body3.caret].n : void 0
      ]),
      weight: header.test ? WEIGHT_TEST2 : WEIGHT_SUITE2
    };
    if (own?.line !== void 0) f.line = own.line;
    if (own?.column !== void 0) f.column = own.column;
    if (header.test) f.test = header.test;
    if (body3.frames.length) f.frames = body3.frames;
    out.push(f);
  }
  return out;
}
function unhandled(lines, title, end) {
  const body3 = errorBody(lines, title + 1, end);
  if (!body3) return void 0;
  let origin;
  let test;
  for (let j = body3.messageIndex; j < end; j++) {
    const text = lines[j].text;
    origin ??= ORIGINATED.exec(text)?.[1];
    test ??= LATEST_TEST.exec(text)?.[1];
  }
  const own = firstOwnFrame(body3.frames);
  const file = own?.rawFile ?? origin;
  let last = body3.messageIndex;
  for (let j = body3.messageIndex; j < end && !ORIGINATED.test(lines[j].text); j++) {
    if (!isBlank3(lines[j].text)) last = j;
  }
  const f = {
    kind: "exception",
    tool: "vitest",
    message: body3.message,
    logLines: shownRange(lines[title].n, lines[last].n, [lines[body3.messageIndex].n]),
    weight: WEIGHT_UNHANDLED
  };
  if (file) {
    f.file = file;
    f.rawFile = file;
  }
  if (own?.line !== void 0) f.line = own.line;
  if (own?.column !== void 0) f.column = own.column;
  if (test) f.test = test;
  if (body3.frames.length) f.frames = body3.frames;
  return f;
}

// src/log/extractors/mocha.ts
var WEIGHT_TEST3 = 90;
var WEIGHT_SUMMARY3 = 3;
var FAILING = /^\s*(\d+) failing\s*$/;
var BLOCK_HEADER2 = /^\s{0,6}(\d+)\) (\S.*)$/;
var MAX_TITLE_LINES = 12;
var indentOf = (t2) => t2.length - t2.trimStart().length;
var mocha = {
  name: "mocha",
  // every finding needs the N failing line (the blocks are read below it)
  triggers: / failing/,
  extract(lines) {
    const findings = [];
    let summary;
    let expected = 0;
    let i = 0;
    while (i < lines.length) {
      const t2 = lines[i].text;
      const fm = FAILING.exec(t2);
      if (fm) {
        expected = Number(fm[1]);
        if (expected > 0) {
          summary = {
            kind: "test-failure",
            tool: "mocha",
            message: oneLine(t2),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_SUMMARY3
          };
        }
        i++;
        continue;
      }
      const bh = expected > 0 ? BLOCK_HEADER2.exec(t2) : null;
      if (!bh) {
        i++;
        continue;
      }
      const parsed = failure(lines, i, bh[2]);
      if (parsed) findings.push(parsed.finding);
      i = parsed ? parsed.next : i + 1;
    }
    if (summary) findings.push(summary);
    return findings;
  }
};
function failure(lines, h, first) {
  const parts = [first.trim()];
  let j = h;
  let indent3 = indentOf(lines[h].text);
  while (!parts[parts.length - 1].endsWith(":")) {
    const next = j + 1;
    if (next >= lines.length || next - h > MAX_TITLE_LINES) return void 0;
    const text = lines[next].text;
    if (isBlank3(text) || indentOf(text) <= indent3) return void 0;
    indent3 = indentOf(text);
    parts.push(text.trim());
    j = next;
  }
  parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
  const test = parts.join(" ");
  let m = j + 1;
  while (m < lines.length && m - h < MAX_BLOCK5 && isBlank3(lines[m].text)) m++;
  if (m >= lines.length || BLOCK_HEADER2.test(lines[m].text)) return void 0;
  const details = [];
  let frames;
  let end = m;
  let k = m + 1;
  for (; k < lines.length && k - h < MAX_BLOCK5; k++) {
    const text = lines[k].text;
    if (isFrameText(text)) {
      const b = atBlock(lines, k, lines.length);
      frames = b.frames;
      end = b.end;
      k = b.end + 1;
      break;
    }
    if (BLOCK_HEADER2.test(text) && indentOf(text) <= 6 && !/^[+-]/.test(text.trim())) break;
    if (!isBlank3(text)) end = k;
    if (details.length < 8) details.push(text);
  }
  let message = oneLine(lines[m].text);
  if (message.endsWith(":")) message = withDetails(message, assertDetails(details));
  const own = firstOwnFrame(frames);
  const finding5 = {
    kind: "test-failure",
    tool: "mocha",
    message,
    test,
    logLines: shownRange(lines[h].n, lines[end].n, [lines[m].n]),
    weight: WEIGHT_TEST3
  };
  if (own) {
    finding5.file = own.rawFile;
    finding5.rawFile = own.rawFile;
    if (own.line !== void 0) finding5.line = own.line;
    if (own.column !== void 0) finding5.column = own.column;
  }
  if (frames?.length) finding5.frames = frames;
  return { finding: finding5, next: k };
}

// src/log/extractors/nodetest.ts
var TOOL = "node:test";
var WEIGHT_TEST4 = 90;
var WEIGHT_FILE_ERROR = 88;
var WEIGHT_FILE = 60;
var WEIGHT_SUMMARY4 = 3;
var MARK_START = /^(\s*)([✖✔▶﹣]) (?=\S)/;
var DURATION = / \([\d.]+m?s\)$/;
function parseMark(text) {
  if (text.length > 2e3) return void 0;
  const m = MARK_START.exec(text);
  if (!m) return void 0;
  const name = text.slice(m[0].length).trimEnd().replace(DURATION, "");
  return name ? { indent: m[1].length, mark: m[2], name } : void 0;
}
var FAILING_SECTION = /^\s*✖ failing tests:\s*$/;
var TEST_AT = /^\s*test at (\S.*):(\d+):(\d+)\s*$/;
var SUMMARY_SPEC = /^\s*ℹ fail (\d+)\s*$/;
var SUMMARY_TAP = /^# fail (\d+)\s*$/;
var TAP_VERSION = /^TAP version \d+/;
var TAP_SUBTEST = /^(\s*)# Subtest: (.*)$/;
var TAP_NOT_OK = /^(\s*)not ok \d+ - (.*?)(?: # (?:SKIP|TODO)\b.*)?$/;
var YAML_KEY = /^(\s*)([A-Za-z_]\w*):(?: (.*))?$/;
var ERROR_LINE3 = /^(?:Uncaught )?(?:[A-Z][\w$]*(?:Error|Exception)|Error)(?: \[[A-Z][A-Z0-9_]*\])?: /;
var IMPORTED_FROM2 = / imported from (\S+)\s*$/;
var FILE_FAILED = "'test failed'";
var indentOf2 = (t2) => t2.length - t2.trimStart().length;
var looksLikeFile = (name) => /^(?:\/|[A-Za-z]:\\|file:\/\/).*\.[cm]?[jt]sx?$/.test(name);
var nodetest = {
  name: TOOL,
  extract(lines) {
    const tap = lines.some((l) => TAP_VERSION.test(l.text));
    const findings = tap ? tapFindings(lines) : [];
    if (!findings.length) findings.push(...specFindings(lines));
    const summary = summaryFinding(lines);
    if (summary) findings.push(summary);
    return findings;
  }
};
function summaryFinding(lines) {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = SUMMARY_SPEC.exec(lines[i].text) ?? SUMMARY_TAP.exec(lines[i].text);
    if (!m) continue;
    if (Number(m[1]) === 0) return void 0;
    return {
      kind: "test-failure",
      tool: TOOL,
      message: oneLine(lines[i].text),
      logLines: [lines[i].n, lines[i].n],
      weight: WEIGHT_SUMMARY4
    };
  }
  return void 0;
}
function specFindings(lines) {
  let section = -1;
  for (let i = 0; i < lines.length; i++) {
    if (FAILING_SECTION.test(lines[i].text)) {
      section = i;
      break;
    }
  }
  const tree = treeFailures(lines, section < 0 ? lines.length : section);
  if (section < 0) return tree.map((f) => specFinding(lines, f));
  const full = /* @__PURE__ */ new Map();
  for (const f of tree) {
    const list = full.get(f.name) ?? [];
    list.push(f.full);
    full.set(f.name, list);
  }
  const out = [];
  let testAt;
  for (let i = section + 1; i < lines.length; i++) {
    const text = lines[i].text;
    const at = TEST_AT.exec(text);
    if (at) {
      testAt = { file: at[1], line: Number(at[2]), column: Number(at[3]), index: i };
      continue;
    }
    const mk = parseMark(text);
    if (!mk || mk.mark !== "\u2716") continue;
    const failure2 = withBody(lines, i, mk.indent, mk.name);
    if (!failure2) {
      testAt = void 0;
      continue;
    }
    failure2.full = full.get(failure2.name)?.shift() ?? failure2.name;
    if (testAt && testAt.index >= i - 2) failure2.testAt = testAt;
    testAt = void 0;
    out.push(specFinding(lines, failure2));
    i = failure2.end;
  }
  return out;
}
function treeFailures(lines, limit) {
  const suites = [];
  const out = [];
  for (let i = 0; i < limit; i++) {
    const text = lines[i].text;
    const mk = parseMark(text);
    if (!mk) continue;
    const indent3 = mk.indent;
    while (suites.length && suites[suites.length - 1].indent >= indent3) suites.pop();
    if (mk.mark === "\u25B6") {
      suites.push({ indent: indent3, name: mk.name });
      continue;
    }
    if (mk.mark !== "\u2716") continue;
    const failure2 = withBody(lines, i, indent3, mk.name);
    if (!failure2) continue;
    failure2.full = [...suites.map((s) => s.name), failure2.name].join(" > ");
    out.push(failure2);
    i = failure2.end;
  }
  return out;
}
function withBody(lines, i, indent3, name) {
  let b = i + 1;
  while (b < lines.length && isBlank3(lines[b].text)) b++;
  if (b >= lines.length || b - i > 3) return void 0;
  const first = lines[b].text;
  if (indentOf2(first) <= indent3 || parseMark(first)) return void 0;
  let end = b;
  for (let j = b; j < lines.length && j - i < MAX_BLOCK5; j++) {
    const text = lines[j].text;
    if (isBlank3(text)) continue;
    if (indentOf2(text) <= indent3) break;
    end = j;
    if (isFrameText(text)) {
      end = atBlock(lines, j).end;
      break;
    }
  }
  return { name, full: name, mark: i, body: b, end };
}
function specFinding(lines, f) {
  const details = [];
  let frames;
  for (let j = f.body + 1; j <= f.end; j++) {
    if (isFrameText(lines[j].text)) {
      frames = atBlock(lines, j, f.end + 1).frames;
      break;
    }
    if (details.length < 8) details.push(lines[j].text);
  }
  let message = oneLine(lines[f.body].text);
  const fileLevel = message === FILE_FAILED && looksLikeFile(f.name);
  if (message.endsWith(":")) message = withDetails(message, assertDetails(details));
  if (fileLevel) message = "test failed";
  const own = firstOwnFrame(frames);
  const start = f.testAt ? lines[f.testAt.index].n : lines[f.mark].n;
  const finding5 = {
    kind: "test-failure",
    tool: TOOL,
    message,
    test: f.full,
    logLines: shownRange(start, lines[f.end].n, [lines[f.body].n]),
    weight: fileLevel ? WEIGHT_FILE : WEIGHT_TEST4
  };
  const file = own?.rawFile ?? f.testAt?.file ?? (fileLevel ? f.name : void 0);
  if (file) {
    finding5.file = file;
    finding5.rawFile = file;
  }
  if (own) {
    if (own.line !== void 0) finding5.line = own.line;
    if (own.column !== void 0) finding5.column = own.column;
  } else if (f.testAt) {
    finding5.line = f.testAt.line;
    finding5.column = f.testAt.column;
  }
  if (frames?.length) finding5.frames = frames;
  return finding5;
}
function tapFindings(lines) {
  const names = [];
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const sub = TAP_SUBTEST.exec(text);
    if (sub) {
      const level3 = Math.floor(sub[1].length / 4);
      names.length = Math.min(names.length, level3);
      names[level3] = sub[2].trim();
      continue;
    }
    const nok = TAP_NOT_OK.exec(text);
    if (!nok) continue;
    const level2 = Math.floor(nok[1].length / 4);
    const name = nok[2].trim();
    const full = [...names.slice(0, level2), name].join(" > ");
    const diag = yamlBlock(lines, i + 1, nok[1].length);
    if (!diag) continue;
    const finding5 = tapFinding(lines, i, name, full, diag);
    if (finding5) out.push(finding5);
    i = diag.end;
  }
  return out;
}
var unquote = (v) => {
  const t2 = v.trim();
  if (t2.length >= 2 && (t2[0] === "'" || t2[0] === '"') && t2[t2.length - 1] === t2[0]) {
    return t2.slice(1, -1).replace(/''/g, "'").replace(/\\"/g, '"');
  }
  return t2;
};
function yamlBlock(lines, from, indent3) {
  let i = from;
  if (i >= lines.length || lines[i].text.trim() !== "---" || indentOf2(lines[i].text) < indent3)
    return void 0;
  const diag = { error: [], stack: [], end: i };
  let key;
  let keyIndent = 0;
  for (i = from + 1; i < lines.length && i - from < MAX_BLOCK5 * 2; i++) {
    const text = lines[i].text;
    if (text.trim() === "...") {
      diag.end = i;
      return diag;
    }
    diag.end = i;
    const kv = YAML_KEY.exec(text);
    if (kv && (key === void 0 || kv[1].length <= keyIndent)) {
      key = kv[2];
      keyIndent = kv[1].length;
      const value = kv[3] ?? "";
      const scalar = value === "|-" || value === "|" || value === ">-" ? void 0 : unquote(value);
      if (key === "location" && scalar) diag.location = scalar;
      else if (key === "failureType" && scalar) diag.failureType = scalar;
      else if (key === "name" && scalar) diag.name = scalar;
      else if (key === "code" && scalar) diag.code = scalar;
      else if (key === "exitCode" && scalar) diag.exitCode = scalar;
      else if (key === "error" && scalar) diag.error.push(scalar);
      continue;
    }
    if (key === "error" && diag.error.length < 20) diag.error.push(text.trim());
    else if (key === "stack" && diag.stack.length < 100 && text.trim()) diag.stack.push(text.trim());
  }
  return diag;
}
var LOCATION = /^(.*):(\d+):(\d+)$/;
function tapFinding(lines, i, name, full, d) {
  if (d.failureType === "subtestsFailed") return void 0;
  const fileLevel = d.error[0] === "test failed" && looksLikeFile(name);
  if (fileLevel) {
    const reported = commentedError(lines, i);
    if (reported) return reported;
  }
  const errorLines = d.error.filter((t2) => t2 !== "");
  let message = errorLines[0] ?? "test failed";
  if (message.endsWith(":")) message = withDetails(message, assertDetails(errorLines.slice(1)));
  if (d.name && !fileLevel) message = `${d.name}: ${message}`;
  message = oneLine(message);
  const frames = d.stack.length ? safeParseFrames(d.stack.map((s) => `at ${s}`)) : [];
  const own = firstOwnFrame(frames);
  const loc = d.location ? LOCATION.exec(d.location) : null;
  const finding5 = {
    kind: "test-failure",
    tool: TOOL,
    message,
    test: full,
    logLines: shownRange(lines[i].n, lines[d.end].n),
    weight: fileLevel ? WEIGHT_FILE : WEIGHT_TEST4
  };
  if (d.code && d.code !== "ERR_TEST_FAILURE") finding5.code = d.code;
  const file = own?.rawFile ?? loc?.[1];
  if (file) {
    finding5.file = file;
    finding5.rawFile = file;
  }
  if (own) {
    if (own.line !== void 0) finding5.line = own.line;
    if (own.column !== void 0) finding5.column = own.column;
  } else if (loc) {
    finding5.line = Number(loc[2]);
    finding5.column = Number(loc[3]);
  }
  if (frames.length) finding5.frames = frames;
  return finding5;
}
function commentedError(lines, notOk) {
  let s = notOk - 1;
  while (s >= 0 && !TAP_SUBTEST.test(lines[s].text) && notOk - s < 3) s--;
  if (s < 0 || !TAP_SUBTEST.test(lines[s].text)) return void 0;
  let top = s;
  while (top > 0 && notOk - top < MAX_BLOCK5 && isComment(lines[top - 1].text)) top--;
  let errorIndex = -1;
  for (let j = top; j < s; j++) {
    if (ERROR_LINE3.test(uncomment(lines[j].text))) {
      errorIndex = j;
      break;
    }
  }
  if (errorIndex < 0) return void 0;
  const texts = [];
  let last = errorIndex;
  for (let j = errorIndex + 1; j < s; j++) {
    const t2 = uncomment(lines[j].text);
    if (t2.trimStart().startsWith("at ")) {
      if (texts.length < 100) texts.push(t2);
      last = j;
    } else if (texts.length) break;
  }
  const message = oneLine(uncomment(lines[errorIndex].text));
  const frames = texts.length ? safeParseFrames(texts) : [];
  const own = firstOwnFrame(frames);
  const file = own?.rawFile ?? IMPORTED_FROM2.exec(message)?.[1];
  const codeMatch = /^[\w$]+ \[([A-Z][A-Z0-9_]*)\]/.exec(message);
  const finding5 = {
    kind: isModuleError(message) ? "dependency" : "exception",
    tool: TOOL,
    message,
    logLines: shownRange(lines[top].n, lines[last].n, [lines[errorIndex].n]),
    weight: WEIGHT_FILE_ERROR
  };
  if (codeMatch) finding5.code = codeMatch[1];
  if (file) {
    finding5.file = file;
    finding5.rawFile = file;
  }
  if (own?.line !== void 0) finding5.line = own.line;
  if (own?.column !== void 0) finding5.column = own.column;
  if (frames.length) finding5.frames = frames;
  return finding5;
}
var isComment = (t2) => t2.startsWith("#") && !TAP_SUBTEST.test(t2) && !/^# (?:tests|suites|pass|fail) \d/.test(t2);
var uncomment = (t2) => t2.replace(/^# ?/, "").replace(/\\#/g, "#");

// src/log/extractors/go.ts
var WEIGHT_COMPILE2 = 90;
var WEIGHT_PANIC = 88;
var WEIGHT_TEST5 = 85;
var WEIGHT_LINT2 = 70;
var WEIGHT_VET = 80;
var WEIGHT_SUMMARY5 = 2;
var MAX_LINE7 = 2e3;
var MAX_SHOWN2 = 20;
var MAX_BLOCK6 = 400;
var MAX_FRAMES4 = 100;
var SHOWN_FRAMES = 2;
var LOCATION2 = /^(\S*?\.go):(\d+)(?::(\d+))?: (.*)$/;
var LINTER = / \(([\w-]+)\)$/;
var PKG_HEADER = /^# \S+(?: \[\S+\])?$/;
var FAIL_PKG = /^FAIL\t(\S+)(?:\t|\s+\[(?:build|setup) failed\])/;
var TEST_FAIL = /^(\s*)--- FAIL: (\S+)(?: \(([\d.]+s)\))?/;
var TEST_MARK = /^\s*=== (?:RUN|CONT|NAME|PAUSE)\s+(\S+)/;
var TEST_OUTPUT = /^\s+(\S*?\.go):(\d+): ?(.*)$/;
var PANIC = /^(panic|fatal error): (.*)$/;
var GOROUTINE = /^goroutine \d+ \[[^\]]*\]:$/;
var FRAME_FILE = /^\t(\S.*?):(\d+)(?: \+0x[0-9a-f]+)?$/;
var CARET3 = /^\s*\^\s*$/;
var SIGNAL = /^\[signal /;
var EXIT_STATUS = /^exit status \d+$/;
var MAX_VET_RUN = 50;
function vetRunBelow(lines, i) {
  for (let j = i + 1; j < lines.length && j - i <= MAX_VET_RUN; j++) {
    const t2 = lines[j].text;
    if (EXIT_STATUS.test(t2)) return true;
    if (t2[0] === "	") continue;
    if (t2[0] === " " || !LOCATION2.test(t2)) return false;
  }
  return false;
}
var indentOf3 = (s) => {
  let i = 0;
  while (i < s.length && (s[i] === " " || s[i] === "	")) i++;
  return i;
};
var isBlank4 = (s) => s.trim() === "";
function isVendoredGoPath(path2) {
  return path2.includes("/pkg/mod/") || path2.includes("/vendor/") || path2.startsWith("vendor/") || /(?:^|\/)go(?:-\d[\d.]*)?\/src\//.test(path2) || path2.includes("/hostedtoolcache/go/") || path2.startsWith("<autogenerated>") || path2.startsWith("_cgo_");
}
function withSegment(f, line) {
  if (line.segment !== void 0) f.segment = line.segment;
  return f;
}
function located(f, file, line, column) {
  if (file) {
    f.file = file;
    f.rawFile = file;
  }
  if (line) f.line = line;
  if (column) f.column = column;
  return f;
}
function readFrames(lines, start) {
  const frames = [];
  const ends = [];
  let j = start;
  let end = start - 1;
  while (j + 1 < lines.length && frames.length < MAX_FRAMES4) {
    const fn = lines[j].text;
    if (isBlank4(fn) || fn[0] === "	" || fn.length > MAX_LINE7) break;
    const loc = FRAME_FILE.exec(lines[j + 1].text);
    if (!loc) break;
    let name = fn.replace(/^created by /, "").replace(/ in goroutine \d+$/, "");
    if (name.endsWith(")")) name = name.slice(0, name.lastIndexOf("("));
    const frame2 = { rawFile: loc[1], line: +loc[2], vendored: isVendoredGoPath(loc[1]) };
    if (name) frame2.function = name;
    frames.push(frame2);
    ends.push(j + 1);
    end = j + 1;
    j += 2;
  }
  return { frames, ends, end };
}
function readPanic(lines, i, m) {
  let j = i + 1;
  let g = -1;
  for (; j < lines.length && j <= i + 8; j++) {
    const t2 = lines[j].text;
    if (GOROUTINE.test(t2)) {
      g = j;
      break;
    }
    if (!(isBlank4(t2) || SIGNAL.test(t2) || t2.startsWith("	panic: ") || t2.startsWith("	"))) break;
  }
  const message = `${m[1]}: ${m[2].replace(/ \[recovered\]$/, "").trim()}`;
  const f = {
    kind: "exception",
    tool: "go",
    message,
    logLines: [lines[i].n, lines[i].n],
    weight: WEIGHT_PANIC
  };
  let last = i;
  if (g >= 0) {
    const { frames, ends, end } = readFrames(lines, g + 1);
    if (frames.length) {
      f.frames = frames;
      last = end;
      const top = frames.findIndex((fr) => !fr.vendored);
      const shownFrame = top >= 0 ? top : Math.min(SHOWN_FRAMES, frames.length) - 1;
      f.logLines = [lines[i].n, lines[ends[shownFrame]].n];
      if (top >= 0) located(f, frames[top].rawFile, frames[top].line);
    } else last = g;
  }
  return { finding: withSegment(f, lines[i]), last };
}
function blockBelow(lines, i, indent3) {
  let end = i;
  let firstOutput;
  for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK6; j++) {
    const t2 = lines[j].text;
    if (isBlank4(t2)) continue;
    if (indentOf3(t2) <= indent3) break;
    if (TEST_FAIL.test(t2) || t2.trimStart().startsWith("--- PASS") || t2.trimStart().startsWith("--- SKIP"))
      break;
    if (firstOutput === void 0) firstOutput = j;
    end = j;
  }
  return { start: i, end, firstOutput };
}
var TESTIFY_TRACE = /^\s*Error Trace:\s+(\S+?\.go):(\d+)/;
var TESTIFY_ERROR = /^\s*Error:\s+(.*\S)/;
function testMessage(lines, from, to) {
  for (let j = from; j <= to && j <= from + 12; j++) {
    const tr = TESTIFY_TRACE.exec(lines[j].text);
    if (!tr) continue;
    for (let k = j + 1; k <= to && k <= j + 12; k++) {
      const e = TESTIFY_ERROR.exec(lines[k].text);
      if (e) return { message: e[1], file: tr[1], line: +tr[2] };
    }
  }
  for (let j = from; j <= to; j++) {
    const t2 = lines[j].text;
    if (t2.length > MAX_LINE7) continue;
    const m = TEST_OUTPUT.exec(t2);
    if (m && m[3].trim()) return { message: m[3].trim(), file: m[1], line: +m[2] };
    if (m) return { file: m[1], line: +m[2] };
  }
  for (let j = from; j <= to; j++) {
    const t2 = lines[j].text.trim();
    if (t2) return { message: t2.length > 300 ? t2.slice(0, 300) : t2 };
  }
  return {};
}
function extractJson(lines) {
  const outputs = /* @__PURE__ */ new Map();
  const failed2 = [];
  const children = /* @__PURE__ */ new Set();
  for (let i = 0; i < lines.length; i++) {
    const t2 = lines[i].text.trim();
    if (t2.length > 1e5 || !t2.startsWith("{") || !t2.includes('"Action"')) continue;
    let ev;
    try {
      ev = JSON.parse(t2);
    } catch {
      continue;
    }
    if (typeof ev !== "object" || ev === null || typeof ev.Test !== "string") continue;
    const key = `${String(ev.Package ?? "")}\0${ev.Test}`;
    if (ev.Action === "output" && typeof ev.Output === "string") {
      const list = outputs.get(key) ?? [];
      if (list.length < MAX_BLOCK6) list.push({ idx: i, text: ev.Output.replace(/\n$/, "") });
      outputs.set(key, list);
    } else if (ev.Action === "fail") {
      failed2.push({ key, test: ev.Test, idx: i });
      const slash = ev.Test.lastIndexOf("/");
      if (slash > 0) children.add(`${String(ev.Package ?? "")}\0${ev.Test.slice(0, slash)}`);
    }
  }
  const findings = [];
  for (const { key, test, idx } of failed2) {
    const evs = (outputs.get(key) ?? []).filter(
      (e) => !/^\s*(?:=== (?:RUN|CONT|NAME|PAUSE)|--- (?:FAIL|PASS|SKIP):)/.test(e.text) && !isBlank4(e.text)
    );
    if (!evs.length && children.has(key)) continue;
    let message;
    let file;
    let line;
    let panicked = false;
    for (let k = 0; k < evs.length; k++) {
      const e = evs[k];
      const p = PANIC.exec(e.text);
      if (p) {
        const pseudo = evs.map((x) => ({ n: lines[x.idx].n, text: x.text }));
        const { finding: finding5 } = readPanic(pseudo, k, p);
        finding5.test = test;
        if (k > 0) finding5.logLines = [pseudo[0].n, finding5.logLines[1]];
        findings.push(withSegment(finding5, lines[evs[0].idx]));
        panicked = true;
        break;
      }
      const m = TEST_OUTPUT.exec(e.text);
      if (m && message === void 0) {
        message = m[3].trim() || void 0;
        file = m[1];
        line = +m[2];
      }
    }
    if (panicked) continue;
    message ??= evs.length ? evs[0].text.trim().slice(0, 300) : `--- FAIL: ${test}`;
    const from = evs.length ? evs[0].idx : idx;
    const to = evs.length ? evs[Math.min(evs.length, MAX_SHOWN2) - 1].idx : idx;
    const f = {
      kind: "test-failure",
      tool: "go",
      message,
      test,
      logLines: [lines[from].n, lines[to].n],
      weight: WEIGHT_TEST5
    };
    findings.push(withSegment(located(f, file, line), lines[from]));
  }
  return findings;
}
var go = {
  name: "go",
  // each finding needs one of: a .go: location, a --- FAIL: line, a panic or fatal error, FAIL<TAB>pkg, go test -json events
  triggers: /\.go:|--- FAIL: |panic: |fatal error: |FAIL\t|"Action":/,
  extract(lines) {
    const findings = [];
    let sawJson = false;
    const pending = /* @__PURE__ */ new Map();
    let current;
    let failedBeforePanic;
    let pkgHeader = false;
    let headerAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE7) continue;
      if (!sawJson && text.startsWith("{") && text.includes('"Action":')) sawJson = true;
      if (PKG_HEADER.test(text)) {
        pkgHeader = true;
        headerAt = i;
        continue;
      }
      const loc = text[0] !== " " && text[0] !== "	" ? LOCATION2.exec(text) : null;
      if (loc) {
        const message = loc[4].trim();
        const lint = LINTER.exec(message);
        let end = i;
        while (end + 1 < lines.length && end - i < 8 && lines[end + 1].text.startsWith("	")) {
          if (lint && CARET3.test(lines[end + 1].text)) {
            end++;
            break;
          }
          end++;
        }
        if (lint && end === i && i + 2 < lines.length && CARET3.test(lines[i + 2].text)) end = i + 2;
        const f = {
          kind: "compile-error",
          tool: "go",
          message,
          logLines: [lines[i].n, lines[end].n],
          weight: WEIGHT_COMPILE2
        };
        if (lint) {
          const code2 = lint[1];
          const compile = code2 === "typecheck" || code2 === "compile";
          f.message = message.slice(0, message.length - lint[0].length).trim();
          f.code = code2;
          f.tool = /^[A-Z]+\d+$/.test(code2) ? "staticcheck" : "golangci-lint";
          if (!compile) {
            f.kind = "lint-error";
            f.weight = WEIGHT_LINT2;
          }
        } else if (!pkgHeader && !loc[3] && !vetRunBelow(lines, i)) {
          continue;
        } else if (!pkgHeader) {
          f.weight = WEIGHT_VET;
        }
        if (end + 1 < lines.length && /^FAIL\t\S+ \[(?:build|setup) failed\]/.test(lines[end + 1].text)) {
          end++;
          pkgHeader = false;
        }
        const from = headerAt >= 0 && headerAt === i - 1 ? headerAt : i;
        f.logLines = [lines[from].n, lines[end].n];
        findings.push(withSegment(located(f, loc[1], +loc[2], loc[3] ? +loc[3] : void 0), lines[from]));
        i = end;
        continue;
      }
      if (text && text[0] !== " " && text[0] !== "	" && text[0] !== "#") pkgHeader = false;
      const mark = TEST_MARK.exec(text);
      if (mark) {
        current = mark[1];
        if (!pending.has(current)) pending.set(current, []);
        continue;
      }
      if (current && TEST_OUTPUT.test(text)) {
        const list = pending.get(current);
        if (list && list.length < MAX_BLOCK6) list.push(i);
      }
      const tf = TEST_FAIL.exec(text);
      if (tf) {
        const name = tf[2];
        const block3 = blockBelow(lines, i, tf[1].length);
        let from = i;
        let to = block3.end;
        let msgFrom = block3.firstOutput;
        let msgTo = block3.end;
        if (msgFrom === void 0) {
          const before = pending.get(name);
          if (before && before.length) {
            from = before[0];
            to = i;
            msgFrom = before[0];
            msgTo = before[before.length - 1];
          }
        }
        pending.delete(name);
        if (msgFrom === void 0) {
          const next = lines[i + 1]?.text ?? "";
          if (PANIC.test(next)) {
            failedBeforePanic = { name, index: i };
            continue;
          }
          if (TEST_FAIL.test(next) && indentOf3(next) > tf[1].length) continue;
          if (/^\s+--- (?:PASS|SKIP)/.test(next)) {
            let k = i + 1;
            while (k < lines.length && k - i < MAX_BLOCK6 && /^\s+--- (?:PASS|SKIP|FAIL)/.test(lines[k].text)) {
              if (TEST_FAIL.test(lines[k].text)) break;
              k++;
            }
            if (k < lines.length && TEST_FAIL.test(lines[k].text)) continue;
          }
        }
        const msg = msgFrom !== void 0 ? testMessage(lines, msgFrom, msgTo) : {};
        const shownEnd = Math.min(to, from + MAX_SHOWN2 - 1);
        const f = {
          kind: "test-failure",
          tool: "go",
          message: msg.message ?? `--- FAIL: ${name}`,
          test: name,
          logLines: [lines[from].n, lines[shownEnd].n],
          weight: WEIGHT_TEST5
        };
        findings.push(withSegment(located(f, msg.file, msg.line), lines[i]));
        if (block3.firstOutput !== void 0) i = block3.end;
        continue;
      }
      const p = text[0] === "p" || text[0] === "f" ? PANIC.exec(text) : null;
      if (p) {
        const { finding: finding5, last } = readPanic(lines, i, p);
        if (!finding5.frames && p[1] === "fatal error" && !GOROUTINE.test(lines[i + 1]?.text ?? "")) {
          continue;
        }
        if (!finding5.frames && p[1] === "panic" && last === i && !failedBeforePanic) {
          finding5.weight = WEIGHT_TEST5;
        }
        if (failedBeforePanic && failedBeforePanic.index === i - 1) {
          finding5.test = failedBeforePanic.name;
          finding5.logLines = [lines[i - 1].n, finding5.logLines[1]];
        }
        failedBeforePanic = void 0;
        findings.push(finding5);
        i = last;
        continue;
      }
      const fp = FAIL_PKG.exec(text);
      if (fp) {
        findings.push(
          withSegment(
            {
              kind: "exit",
              tool: "go",
              message: text.trim().replace(/\s+/g, " "),
              logLines: [lines[i].n, lines[i].n],
              weight: WEIGHT_SUMMARY5
            },
            lines[i]
          )
        );
      }
    }
    if (sawJson) findings.push(...extractJson(lines));
    return findings;
  }
};

// src/log/extractors/python.ts
var WEIGHT_UNCAUGHT2 = 88;
var WEIGHT_CAUSE = 84;
var WEIGHT_SYNTAX = 90;
var WEIGHT_IN_PYTEST = 40;
var WEIGHT_PROGRESS = 10;
var MAX_LINE8 = 2e3;
var MAX_BLOCK7 = 400;
var MAX_MESSAGE2 = 8;
var SHOWN_FRAMES2 = 3;
var MAX_SHOWN3 = 20;
var SHORT_BLOCK = 12;
var HEADER2 = "Traceback (most recent call last):";
var FRAME = /^File "([^"]+)", line (\d+)(?:, in (.+))?$/;
var EXCEPTION = /^([A-Za-z_][\w.]*)(?:: ?(.*))?$/;
var SYNTAX_TYPES = /* @__PURE__ */ new Set(["SyntaxError", "IndentationError", "TabError"]);
var CHAIN_CONTEXT = "During handling of the above exception, another exception occurred:";
var CHAIN_CAUSE = "The above exception was the direct cause of the following exception:";
var UNITTEST_HEAD = /^(?:FAIL|ERROR|UNEXPECTED SUCCESS): \S/;
var PYTEST_START = /^={3,} test session starts ={3,}$/;
var PYTEST_END = /^={3,} .*(?:\bin [\d.]+s\b|no tests ran).* ={3,}$/;
var PYTEST_REPORT = /^={3,} (?:FAILURES|ERRORS) ={3,}$/;
function pytestSessions(lines) {
  const out = [];
  let cur;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    if (!text.startsWith("===") || text.length > MAX_LINE8) continue;
    const t2 = text.trim();
    if (PYTEST_START.test(t2)) cur = { start: i, end: lines.length - 1 };
    else if (PYTEST_REPORT.test(t2)) {
      if (!cur) cur = { start: out.length ? out[out.length - 1].end + 1 : 0, end: lines.length - 1 };
      if (cur.report === void 0) cur.report = i;
    } else if (PYTEST_END.test(t2) && cur) {
      cur.end = i;
      out.push(cur);
      cur = void 0;
    }
  }
  if (cur) out.push(cur);
  return out;
}
var VENV = /\/(?:\.?venv|virtualenv|\.tox|\.nox|(?:mini|ana)conda\d?|\.pyenv|hostedtoolcache)\//;
function isVendoredPython(path2) {
  if (path2.startsWith("<")) return true;
  const p = path2.replace(/\\/g, "/");
  return VENV.test(p) || p.includes("/site-packages/") || p.includes("/dist-packages/") || /(?:^|\/)lib\/(?:python|pypy)\d[\d.]*t?\//i.test(p) || /\/Lib\//.test(p) || // Windows CPython: C:\hostedtoolcache\windows\Python\3.11.9\x64\Lib\json\...
  /\.egg\//.test(p);
}
function indentOf4(s) {
  let k = 0;
  while (k < s.length && (s[k] === " " || s[k] === "	")) k++;
  return k;
}
function parseFrameLine(t2) {
  const m = t2.length <= MAX_LINE8 ? FRAME.exec(t2) : null;
  if (!m) return void 0;
  const frame2 = { rawFile: m[1], line: +m[2], vendored: isVendoredPython(m[1]) };
  if (m[3]) frame2.function = m[3].trim();
  return frame2;
}
function isExceptionLine(t2) {
  if (t2.length > MAX_LINE8 || t2.startsWith('File "')) return null;
  const m = EXCEPTION.exec(t2);
  if (!m) return null;
  if (m[2] === void 0 && !/(?:Error|Exception|Exit|Interrupt|Iteration|Warning)$/.test(m[1])) return null;
  return m;
}
function messageEnd(lines, at, base2, empty = false) {
  let end = at;
  for (let j = at + 1; j < lines.length && j <= at + MAX_MESSAGE2; j++) {
    const t2 = lines[j].text;
    const s = t2.trim();
    if (s === "" || indentOf4(t2) < (empty ? base2 : base2 + 1)) break;
    if (s.startsWith(HEADER2) || s === CHAIN_CAUSE || s === CHAIN_CONTEXT) break;
    if (/^(?:={5,}|-{5,}|_{5,})/.test(s) || UNITTEST_HEAD.test(s)) break;
    end = j;
  }
  return end;
}
function parseBlock(lines, i) {
  const head = lines[i].text;
  const at = head.indexOf(HEADER2);
  if (at < 0) return void 0;
  const base2 = indentOf4(head);
  const frames = [];
  for (let j = i + 1; j < lines.length && j <= i + MAX_BLOCK7; j++) {
    const t2 = lines[j].text;
    const s = t2.trim();
    if (s === "") continue;
    const ind = indentOf4(t2);
    if (s.startsWith('File "')) {
      const frame2 = parseFrameLine(s);
      if (frame2) frames.push({ frame: frame2, index: j });
      continue;
    }
    if (ind > base2) continue;
    const m = isExceptionLine(s);
    if (!m) return void 0;
    let end = messageEnd(lines, j, base2, !m[2]);
    let message = s;
    if (!m[2] && end > j) {
      message = `${m[1]}: ${lines[j + 1].text.trim()}`;
    } else if (!m[2]) {
      message = m[1];
      end = j;
    }
    frames.reverse();
    return { start: i, exceptionAt: j, end, type: m[1], message, frames };
  }
  return void 0;
}
function parseSyntaxError(lines, i) {
  const t2 = lines[i].text.trim();
  if (!t2.startsWith('File "')) return void 0;
  const frame2 = parseFrameLine(t2);
  if (!frame2 || frame2.function !== void 0) return void 0;
  const base2 = Math.max(0, indentOf4(lines[i].text) - 2);
  for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
    const s = lines[j].text.trim();
    const m = isExceptionLine(s);
    if (m && SYNTAX_TYPES.has(m[1].slice(m[1].lastIndexOf(".") + 1))) {
      return {
        start: i,
        exceptionAt: j,
        end: messageEnd(lines, j, base2),
        type: m[1],
        message: s,
        frames: [{ frame: frame2, index: i }]
      };
    }
  }
  return void 0;
}
function nextInChain(lines, end) {
  let j = end + 1;
  while (j < lines.length && j <= end + 3 && lines[j].text.trim() === "") j++;
  if (j >= lines.length) return void 0;
  const s = lines[j].text.trim();
  if (s !== CHAIN_CONTEXT && s !== CHAIN_CAUSE) return void 0;
  j++;
  while (j < lines.length && j <= end + 8 && lines[j].text.trim() === "") j++;
  if (j < lines.length && lines[j].text.includes(HEADER2)) return j;
  return void 0;
}
function parseChain(lines, i) {
  const blocks = [];
  let k = i;
  while (k !== void 0 && blocks.length < 50) {
    const b = parseBlock(lines, k);
    if (!b) break;
    blocks.push(b);
    k = nextInChain(lines, b.end);
  }
  return blocks;
}
function shownRange2(lines, b) {
  let start = b.start;
  if (b.end - b.start + 1 > SHORT_BLOCK && b.frames.length > SHOWN_FRAMES2) {
    start = b.frames[SHOWN_FRAMES2 - 1].index;
    const own = b.frames.find((f) => !f.frame.vendored);
    if (own && own.index < start && b.end - own.index + 1 <= MAX_SHOWN3) start = own.index;
  }
  return [lines[start].n, lines[b.end].n];
}
function topFrame(frames) {
  return frames.find((f) => !f.vendored);
}
function shortType(type) {
  return type.slice(type.lastIndexOf(".") + 1);
}
function blockFinding(lines, b, weight) {
  const frames = b.frames.map((f2) => f2.frame);
  const f = {
    kind: "exception",
    tool: "python",
    message: b.message,
    code: shortType(b.type),
    logLines: shownRange2(lines, b),
    weight
  };
  if (frames.length) f.frames = frames;
  const top = topFrame(frames);
  if (top) {
    f.file = top.rawFile;
    f.rawFile = top.rawFile;
    f.line = top.line;
  }
  const seg = lines[b.start].segment;
  if (seg !== void 0) f.segment = seg;
  return f;
}
function inUnittestBlock(lines, i) {
  let k = i - 1;
  while (k >= 0 && i - k <= 2 && lines[k].text.trim() === "") k--;
  if (k < 1 || !/^-{20,}$/.test(lines[k].text.trim())) return false;
  for (let h = k - 1; h >= 0 && h >= k - 2; h--) if (UNITTEST_HEAD.test(lines[h].text.trim())) return true;
  return false;
}
var python = {
  name: "python",
  // each finding needs a traceback header or, for a syntax error, a File " line
  triggers: /Traceback \(most recent call last\):|File "/,
  extract(lines) {
    const findings = [];
    const sessions = pytestSessions(lines);
    let s = 0;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      if (text.length > MAX_LINE8) {
        i++;
        continue;
      }
      if (text.includes(HEADER2)) {
        const chain = parseChain(lines, i);
        if (!chain.length) {
          i++;
          continue;
        }
        while (s < sessions.length && sessions[s].end < i) s++;
        const session = s < sessions.length && sessions[s].start <= i ? sessions[s] : void 0;
        const progress = session?.report !== void 0 && i < session.report;
        if (!inUnittestBlock(lines, i)) {
          chain.forEach((b, k) => {
            const last = k === chain.length - 1;
            const syntax = SYNTAX_TYPES.has(shortType(b.type));
            const weight = session ? WEIGHT_IN_PYTEST : syntax ? WEIGHT_SYNTAX : last ? WEIGHT_UNCAUGHT2 : WEIGHT_CAUSE;
            const f = blockFinding(lines, b, progress ? WEIGHT_PROGRESS : weight);
            if (progress) f.kind = "warning";
            findings.push(f);
          });
        }
        i = chain[chain.length - 1].end + 1;
        continue;
      }
      if (text.trimStart().startsWith('File "')) {
        const b = parseSyntaxError(lines, i);
        if (b) {
          findings.push(blockFinding(lines, b, WEIGHT_SYNTAX));
          i = b.end + 1;
          continue;
        }
      }
      i++;
    }
    return findings;
  }
};

// src/log/extractors/pytest.ts
var WEIGHT_FAILURE = 90;
var WEIGHT_LINE = 88;
var WEIGHT_SUMMARY_ONLY = 70;
var WEIGHT_SUMMARY6 = 3;
var MAX_LINE9 = 2e3;
var SHORT_SECTION = 25;
var CONTEXT = 6;
var MAX_SHOWN4 = 30;
var BANNER = /^={3,} (.+?) ={3,}$/;
var TEST_HEADER = /^_+ (.+?) _+$/;
var BARE_HEADER = /^ (\S(?:.*\S)?) $/;
var E_FILE = /^File "([^"]+)", line (\d+)/;
var SUBSECTION = /^-{3,} .+? -{3,}$/;
var SEPARATOR = /^(?:_ )+_?$/;
var LOCATION3 = /^([^\s:][^\s]*?\.(?:py|pyx|pyi)|[A-Za-z]:\\[^\s]*?\.py):(\d+):(?: (.*))?$/;
var E_LINE = /^E(?: |$)/;
var SUMMARY_STATUS = /^(FAILED|ERROR|XPASS) (?:\[[^\]\s]*\] )?(?=\S)/;
var EXC_TYPE = /^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Iteration|Warning|Failed))(?::|$)/;
var COLLECTING = /^ERROR collecting (.+)$/;
var PHASE = /^ERROR at (?:setup|teardown|call) of (.+)$/;
function parseLocation(text, index) {
  if (text.length > MAX_LINE9) return void 0;
  const m = LOCATION3.exec(text);
  if (!m) return void 0;
  return { index, file: m[1], line: +m[2], rest: (m[3] ?? "").trim() };
}
function headline(nodeid) {
  const parts = nodeid.split("::");
  return parts.length > 1 ? parts.slice(1).join(".") : nodeid;
}
function stripE(text) {
  return text.replace(/^E\s*/, "").trim();
}
function newSection(header, name, errors) {
  return {
    header,
    name,
    errors,
    eLines: [],
    lastE: 0,
    locations: [],
    lastLoc: 0,
    end: header,
    closed: false
  };
}
var pytest = {
  name: "pytest",
  extract(lines) {
    const sections = [];
    const tbLines = [];
    const summary = [];
    let mode = "none";
    let errorsBanner = false;
    let cur;
    const close = () => {
      if (cur) cur.closed = true;
      cur = void 0;
    };
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trimEnd();
      if (text.length > MAX_LINE9) continue;
      const banner = BANNER.exec(text);
      if (banner) {
        close();
        const name = banner[1].trim();
        if (name === "FAILURES" || name === "ERRORS") {
          mode = "report";
          errorsBanner = name === "ERRORS";
        } else if (name === "short test summary info") mode = "summary";
        else mode = "none";
        continue;
      }
      if (mode === "summary") {
        const s = SUMMARY_STATUS.exec(text);
        if (s) {
          const rest = text.slice(s[0].length);
          const dash = rest.indexOf(" - ");
          const nodeid = (dash < 0 ? rest : rest.slice(0, dash)).trim();
          const message = dash < 0 ? void 0 : rest.slice(dash + 3).trim();
          summary.push({ index: i, status: s[1], nodeid, message, used: false });
        } else if (text.trim() !== "" && !text.startsWith(" ")) mode = "none";
        continue;
      }
      if (mode !== "report") continue;
      const raw = lines[i].text;
      const header = !SEPARATOR.test(text.trim()) && TEST_HEADER.exec(text) || (BARE_HEADER.test(raw) && (i + 1 >= lines.length || lines[i + 1].text.trim() === "") && (!cur || cur.locations.length > 0 || cur.closed) ? BARE_HEADER.exec(raw) : null);
      if (header) {
        close();
        cur = newSection(i, header[1].trim(), errorsBanner);
        sections.push(cur);
        continue;
      }
      if (!cur) {
        const loc2 = parseLocation(text, i);
        if (loc2 && loc2.rest !== "") tbLines.push(loc2);
        continue;
      }
      if (cur.closed) continue;
      if (SUBSECTION.test(text)) {
        cur.closed = true;
        continue;
      }
      const trimmed = text.trim();
      if (trimmed === CHAIN_CONTEXT || trimmed === CHAIN_CAUSE) {
        cur.lastE = cur.eLines.length;
        cur.lastLoc = cur.locations.length;
        cur.end = i;
        continue;
      }
      if (cur.traceback === void 0 && text.includes("Traceback (most recent call last):")) {
        cur.traceback = i;
      }
      if (E_LINE.test(text)) {
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
      if (trimmed !== "" && !SEPARATOR.test(trimmed)) cur.end = i;
    }
    const byHeadline = /* @__PURE__ */ new Map();
    for (const s of summary) {
      const key = headline(s.nodeid);
      const list = byHeadline.get(key);
      if (list) list.push(s);
      else byHeadline.set(key, [s]);
    }
    const claim = (key, status) => {
      const s = byHeadline.get(key)?.find((x) => !x.used && (!status || x.status === status));
      if (s) s.used = true;
      return s;
    };
    const findings = [];
    for (const sec of sections) {
      const f = sectionFinding(lines, sec, claim);
      findings.push(f);
      if (f.logLines[0] > lines[sec.header].n) {
        const h = {
          kind: f.kind,
          tool: "pytest",
          message: sec.errors ? sec.name : `${f.test ?? sec.name} failed`,
          logLines: [lines[sec.header].n, lines[sec.header].n],
          weight: WEIGHT_SUMMARY6
        };
        if (f.test) h.test = f.test;
        if (f.segment !== void 0) h.segment = f.segment;
        findings.push(h);
      }
    }
    const failed2 = summary.filter((s) => s.status === "FAILED" && !s.used);
    tbLines.forEach((loc, k) => {
      const f = locatedFinding(lines, loc, "test-failure", loc.rest, WEIGHT_LINE);
      f.logLines = [lines[loc.index].n, lines[loc.index].n];
      const s = failed2.length === tbLines.length ? failed2[k] : void 0;
      if (s) {
        s.used = true;
        f.test = s.nodeid;
        const file = s.nodeid.split("::")[0];
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
      const file = s.nodeid.split("::")[0];
      const message = s.message ?? `${s.status === "ERROR" ? "error in" : "failed:"} ${s.nodeid}`;
      const f = {
        kind: "test-failure",
        tool: "pytest",
        message,
        logLines: [lines[s.index].n, lines[s.index].n],
        weight: reported ? WEIGHT_SUMMARY6 : WEIGHT_SUMMARY_ONLY
      };
      if (s.nodeid.includes("::")) f.test = s.nodeid;
      if (/\.py$/.test(file)) {
        f.file = file;
        f.rawFile = file;
      }
      const seg = lines[s.index].segment;
      if (seg !== void 0) f.segment = seg;
      findings.push(f);
    }
    return findings;
  }
};
function locatedFinding(lines, loc, kind, message, weight) {
  const f = {
    kind,
    tool: "pytest",
    message,
    file: loc.file,
    rawFile: loc.file,
    line: loc.line,
    logLines: [lines[loc.index].n, lines[loc.index].n],
    weight
  };
  const seg = lines[loc.index].segment;
  if (seg !== void 0) f.segment = seg;
  return f;
}
var MAX_E_DETAILS = 3;
var MAX_MESSAGE3 = 500;
var E_NOISE = /^(?:Use -v to get (?:more|the full) diff|Full diff:|Omitting \d+ identical items|\.\.\.Full output truncated)/;
function withEDetails(message, rest) {
  const details = rest.map((t2) => t2.replace(/\s+/g, " ").trim()).filter((t2) => t2 && !E_NOISE.test(t2)).slice(0, MAX_E_DETAILS);
  const out = [message, ...details].join("; ");
  return out.length > MAX_MESSAGE3 ? out.slice(0, MAX_MESSAGE3 - 1) + "\u2026" : out;
}
function sectionFinding(lines, sec, claim) {
  const lastE = sec.eLines.slice(sec.lastE);
  const eRun = [];
  for (const k of lastE.length ? lastE : sec.eLines) {
    if (eRun.length && k !== eRun[eRun.length - 1] + 1) break;
    eRun.push(k);
  }
  const texts = eRun.map((k) => stripE(lines[k].text)).filter((t2) => t2 !== "");
  const syntaxAt = E_FILE.exec(texts[0] ?? "");
  let firstText = syntaxAt ? texts.find((t2) => EXC_TYPE.test(t2)) ?? texts[0] : texts[0];
  let used = firstText === void 0 ? -1 : texts.indexOf(firstText);
  if (firstText && /^[\w.]+:$/.test(firstText) && texts.length > 1) {
    const k = texts.indexOf(firstText);
    if (k + 1 < texts.length) {
      firstText = `${firstText} ${texts[k + 1]}`;
      used = k + 1;
    }
  }
  if (firstText && !syntaxAt && used >= 0) firstText = withEDetails(firstText, texts.slice(used + 1));
  const locs = sec.locations.slice(sec.lastLoc);
  const lastLocs = locs.length ? locs : sec.locations;
  const frames = lastLocs.slice().reverse().map((l) => {
    const fr = { rawFile: l.file, line: l.line, vendored: isVendoredPython(l.file) };
    const fn = /^in (\S+)$/.exec(l.rest);
    if (fn) fr.function = fn[1];
    return fr;
  });
  const allFrames = sec.locations.slice().reverse().map((l) => ({ rawFile: l.file, line: l.line, vendored: isVendoredPython(l.file) }));
  let top = frames.find((f2) => !f2.vendored) ?? allFrames.find((f2) => !f2.vendored);
  const innermost = lastLocs[lastLocs.length - 1];
  let type = innermost && EXC_TYPE.test(innermost.rest) ? innermost.rest : void 0;
  if (!type && firstText) type = EXC_TYPE.exec(firstText)?.[1];
  if (!type && firstText?.startsWith("assert")) type = "AssertionError";
  const chain = !sec.eLines.length && sec.traceback !== void 0 ? parseChain(lines, sec.traceback) : [];
  const native = chain.length ? chain[chain.length - 1] : void 0;
  if (native) {
    firstText = native.message;
    type = native.type;
    frames.splice(0, frames.length, ...native.frames.map((x) => x.frame));
    top = topFrame(frames) ?? chain.map((b) => topFrame(b.frames.map((x) => x.frame))).find(Boolean);
  }
  const collecting = COLLECTING.exec(sec.name);
  const phase = PHASE.exec(sec.name);
  const headlineName = collecting ? void 0 : (phase ? phase[1] : sec.name).trim();
  const entry = collecting ? claim(collecting[1].trim(), "ERROR") : claim(headlineName, sec.errors ? "ERROR" : void 0);
  const message = firstText ?? entry?.message ?? sec.name;
  const f = {
    kind: sec.errors ? "exception" : "test-failure",
    tool: "pytest",
    message,
    logLines: [lines[sec.header].n, lines[sec.end].n],
    weight: WEIGHT_FAILURE
  };
  if (type) f.code = type.slice(type.lastIndexOf(".") + 1);
  if (entry && entry.nodeid.includes("::")) f.test = entry.nodeid;
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
    const file = entry.nodeid.split("::")[0];
    if (/\.py$/.test(file)) {
      f.file = file;
      f.rawFile = file;
    }
  }
  if (sec.end - sec.header + 1 > SHORT_SECTION && eRun.length) {
    const start = Math.max(sec.header, eRun[0] - CONTEXT);
    const end = Math.min(sec.end, start + MAX_SHOWN4 - 1);
    f.logLines = [lines[start].n, lines[end].n];
  } else if (native) {
    const end = native.end;
    f.logLines = end - sec.header + 1 <= SHORT_SECTION ? [lines[sec.header].n, lines[end].n] : shownRange2(lines, native);
  }
  const seg = lines[sec.header].segment;
  if (seg !== void 0) f.segment = seg;
  return f;
}

// src/log/extractors/unittest.ts
var WEIGHT_BLOCK = 90;
var WEIGHT_SUMMARY7 = 40;
var MAX_LINE10 = 2e3;
var SHORT_BLOCK2 = 25;
var MAX_GAP3 = 3;
var HEAD = /^(FAIL|ERROR|UNEXPECTED SUCCESS): (.+)$/;
var NAMED = /^(\S+) \(([\w.]+)\)(.*)$/;
var DOUBLE_RULE = /^={20,}$/;
var RULE = /^-{20,}$/;
var RAN = /^Ran (\d+) tests? in [\d.]+s$/;
var RESULT = /^FAILED \(((?:failures|errors|unexpected successes|skipped|expected failures)=\d+(?:, )?)+\)$/;
function testName(printed) {
  const m = NAMED.exec(printed);
  if (!m) return printed.trim();
  const [, name, where2, rest] = m;
  const full = where2 === name || where2.endsWith(`.${name}`) ? where2 : `${where2}.${name}`;
  return `${full}${rest.trim() ? ` ${rest.trim()}` : ""}`;
}
var unittest = {
  name: "unittest",
  // each finding needs a FAIL: / ERROR: / UNEXPECTED SUCCESS: block head or the FAILED (...) result
  triggers: /FAIL: |ERROR: |UNEXPECTED SUCCESS: |FAILED \(/,
  extract(lines) {
    const findings = [];
    let blocks = 0;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text.trim();
      if (text.length > MAX_LINE10) {
        i++;
        continue;
      }
      const ran = RAN.exec(text);
      if (ran) {
        let j = i + 1;
        while (j < lines.length && j <= i + 2 && lines[j].text.trim() === "") j++;
        if (j < lines.length && RESULT.test(lines[j].text.trim()) && blocks === 0) {
          const f2 = {
            kind: "test-failure",
            tool: "unittest",
            message: lines[j].text.trim(),
            logLines: [lines[i].n, lines[j].n],
            weight: WEIGHT_SUMMARY7
          };
          if (lines[i].segment !== void 0) f2.segment = lines[i].segment;
          findings.push(f2);
        }
        blocks = 0;
        i = j + 1;
        continue;
      }
      const h = HEAD.exec(text);
      if (!h || i === 0 || !DOUBLE_RULE.test(lines[i - 1].text.trim())) {
        i++;
        continue;
      }
      let rule = -1;
      for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
        if (RULE.test(lines[j].text.trim())) {
          rule = j;
          break;
        }
      }
      if (rule < 0) {
        i++;
        continue;
      }
      let tb = -1;
      for (let j = rule + 1; j < lines.length && j <= rule + MAX_GAP3; j++) {
        if (lines[j].text.includes("Traceback (most recent call last):")) {
          tb = j;
          break;
        }
      }
      const chain = tb >= 0 ? parseChain(lines, tb) : [];
      const f = {
        kind: "test-failure",
        tool: "unittest",
        message: "",
        test: testName(h[2]),
        logLines: [lines[i].n, lines[i].n],
        weight: WEIGHT_BLOCK
      };
      let next;
      if (chain.length) {
        const last = chain[chain.length - 1];
        f.message = last.message;
        f.code = last.type.slice(last.type.lastIndexOf(".") + 1);
        const frames = last.frames.map((x) => x.frame);
        if (frames.length) f.frames = frames;
        const top = topFrame(frames) ?? chain.map((b) => topFrame(b.frames.map((x) => x.frame))).find(Boolean);
        if (top) {
          f.file = top.rawFile;
          f.rawFile = top.rawFile;
          f.line = top.line;
        }
        const end = last.end;
        f.logLines = end - i + 1 <= SHORT_BLOCK2 ? [lines[i].n, lines[end].n] : shownRange2(lines, last);
        next = end + 1;
      } else {
        let end = rule;
        for (let j = rule + 1; j < lines.length && j <= rule + 10; j++) {
          const t2 = lines[j].text.trim();
          if (DOUBLE_RULE.test(t2) || RULE.test(t2)) break;
          if (t2 !== "") end = j;
        }
        const first = lines.slice(rule + 1, end + 1).find((l) => l.text.trim() !== "");
        f.message = first ? first.text.trim() : h[2].trim();
        f.logLines = [lines[i].n, lines[end].n];
        next = end + 1;
      }
      if (h[1] === "UNEXPECTED SUCCESS") f.message = `unexpected success: ${f.test}`;
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      blocks++;
      i = next;
    }
    return findings;
  }
};

// src/log/extractors/mypy.ts
var WEIGHT_ERROR3 = 88;
var WEIGHT_GLOBAL2 = 80;
var MAX_LINE11 = 2e3;
var MAX_BLOCK8 = 12;
var LOC = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?)(?::(\d+))?(?::(\d+))?$/;
var CODE3 = /\s\s\[([a-z][a-z0-9-]*)\]$/;
var SUMMARY2 = /^(?:Found \d+ errors? in \d+ files?|Success: no issues found)/;
function parse2(text) {
  if (text.length > MAX_LINE11) return void 0;
  for (const severity of ["error", "note", "warning"]) {
    const sep = `: ${severity}: `;
    const at = text.indexOf(sep);
    if (at <= 0) continue;
    const where2 = text.slice(0, at);
    const message = text.slice(at + sep.length);
    if (where2 === "mypy") return { severity, message };
    const m = LOC.exec(where2);
    if (!m) continue;
    const d = { file: m[1], severity, message };
    if (m[2]) d.line = +m[2];
    if (m[3]) d.column = +m[3];
    return d;
  }
  return void 0;
}
var mypy = {
  name: "mypy",
  // every finding is a : error: line
  triggers: /: error: /,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const d = parse2(lines[i].text.trimEnd());
      if (!d || d.severity !== "error") {
        i++;
        continue;
      }
      let message = d.message;
      let end = i;
      let j = i + 1;
      if (!CODE3.test(message)) {
        for (let k = j; k < lines.length && k < i + 4; k++) {
          const t2 = lines[k].text.trimEnd();
          if (t2 === "" || /^\s/.test(t2) || parse2(t2) || SUMMARY2.test(t2)) break;
          message += ` ${t2.trim()}`;
          end = k;
          j = k + 1;
          if (CODE3.test(t2)) break;
        }
      }
      while (j < lines.length && j - i < MAX_BLOCK8) {
        const t2 = lines[j].text.trimEnd();
        const n = parse2(t2);
        if (n && n.severity === "note" && n.file === d.file) {
          end = j++;
          continue;
        }
        if (!n && /^\s+\S/.test(t2) && j + 1 < lines.length && /^\s*\^~*\s*$/.test(lines[j + 1].text)) {
          end = j + 1;
          j += 2;
          continue;
        }
        break;
      }
      const code2 = CODE3.exec(message);
      const f = {
        kind: "compile-error",
        tool: "mypy",
        message: (code2 ? message.slice(0, code2.index) : message).trim(),
        logLines: [lines[i].n, lines[end].n],
        weight: d.line ? WEIGHT_ERROR3 : WEIGHT_GLOBAL2
      };
      if (code2) f.code = code2[1];
      if (d.file) {
        f.file = d.file;
        f.rawFile = d.file;
      }
      if (d.line) f.line = d.line;
      if (d.column) f.column = d.column;
      const seg = lines[i].segment;
      if (seg !== void 0) f.segment = seg;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  }
};

// src/log/extractors/flake8.ts
var WEIGHT_LINT3 = 60;
var WEIGHT_BROKEN = 75;
var MAX_LINE12 = 2e3;
var LINT_LINE = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+):(\d+): ([A-Z]{1,4}\d{1,4}(?= )|invalid-syntax(?=:)):? (.*)$/;
var PYLINT_FORMAT = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+): \[([A-Z]{1,4}\d{1,4})\] (.*)$/;
var PYLINT_ID = /^[CRWEFI]\d{4}$/;
var RUFF_FOUND = /^Found \d+ errors?\b/;
var RUFF_ONLY = /^(?:invalid-syntax|RUF\d|PL[CERW]\d)/;
var BROKEN = /^(?:E9\d\d|F82[123]|F63[2-4]|invalid-syntax)$/;
function parseLintLine(text, index) {
  if (text.length > MAX_LINE12 || !text.includes(": ")) return void 0;
  const m = LINT_LINE.exec(text.trim());
  if (!m) {
    const p = PYLINT_FORMAT.exec(text.trim());
    if (!p || PYLINT_ID.test(p[3])) return void 0;
    return { index, file: p[1], line: +p[2], code: p[3], message: p[4].trim(), fixable: false };
  }
  let message = m[5].split("%0A")[0].trim();
  let fixable = false;
  if (message.startsWith("[*] ")) {
    fixable = true;
    message = message.slice(4).trim();
  }
  return { index, file: m[1], line: +m[2], column: +m[3], code: m[4], message, fixable };
}
function lintRuns(lines) {
  const runs = [];
  let cur;
  let gap = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text;
    const item = parseLintLine(text, i);
    if (item) {
      if (!cur) {
        cur = { items: [], ruff: false };
        runs.push(cur);
      }
      cur.items.push(item);
      if (item.fixable || RUFF_ONLY.test(item.code)) cur.ruff = true;
      gap = 0;
      continue;
    }
    if (!cur) continue;
    const t2 = text.trim();
    if (RUFF_FOUND.test(t2) && !/ in \d+ files? \(checked/.test(t2)) {
      cur.ruff = true;
      cur = void 0;
      continue;
    }
    if (++gap > 3) cur = void 0;
  }
  return runs;
}
function lintFinding(lines, item, tool) {
  const f = {
    kind: "lint-error",
    tool,
    message: item.message,
    code: item.code,
    file: item.file,
    rawFile: item.file,
    line: item.line,
    ...item.column !== void 0 ? { column: item.column } : {},
    logLines: [lines[item.index].n, lines[item.index].n],
    weight: BROKEN.test(item.code) ? WEIGHT_BROKEN : WEIGHT_LINT3
  };
  const seg = lines[item.index].segment;
  if (seg !== void 0) f.segment = seg;
  return f;
}
var flake8 = {
  name: "flake8",
  // every finding is a path.py:line: lint line
  triggers: /\.py:\d|\.pyi:\d/,
  extract(lines) {
    const findings = [];
    for (const run of lintRuns(lines)) {
      if (run.ruff) continue;
      for (const item of run.items) findings.push(lintFinding(lines, item, "flake8"));
    }
    return findings;
  }
};

// src/log/extractors/pyflakes.ts
var MAX_LINE13 = 2e3;
var LOCATED = /^([^\s:][^\s]*?\.pyi?|[A-Za-z]:\\[^\s]*?\.pyi?):(\d+)(?::(\d+))?: (\S.*)$/;
var MESSAGE = /(?:^'[^']*' imported but unused|^'[^']*' may be undefined, or defined from star imports|^undefined name '|^redefinition of (?:unused )?'|^import '[^']*' from line \d+ shadowed by loop variable|^'from [\w.]+ import \*' used; unable to detect undefined names|^local variable '[^']*' (?:is assigned to but never used|defined (?:in enclosing scope on line \d+ )?referenced before assignment)|^duplicate argument '|^dictionary key .{1,200} repeated with different values|^from __future__ imports must occur at the beginning of the file|^future feature \w+ is not defined|^syntax error in (?:doctest|forward annotation)|^'(?:return|yield|continue|break)' (?:outside (?:function|loop)|not properly in loop)|^default 'except:' must be last|^two starred expressions in assignment|^too many expressions in star-unpacking assignment|^use ==\/!= to compare constant literals|^'if tuple literal' is always true|^assertion is always true, perhaps remove parentheses|^f-string is missing placeholders|^'raise NotImplemented' should be 'raise NotImplementedError'|^unused annotation|^list comprehension redefines '|^'\.\.\.'(?: %|\.format\())/;
var BROKEN2 = /^(?:undefined name|syntax error|'(?:return|yield|continue|break)' |two starred|too many expressions)/;
var LABELLED = /^(?:[a-z]+|\w*(?:Warning|Error|Exception)):(?: |$)|^in \S/;
var CARET4 = /^\s*\^+\s*$/;
var pyflakes = {
  name: "pyflakes",
  triggers: /\.pyi?:\d+/,
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE13 || !text.includes(".py")) continue;
      const m = LOCATED.exec(text.trim());
      if (!m) continue;
      const message = m[4].trim();
      let end = i;
      let broken = false;
      if (!MESSAGE.test(message)) {
        if (m[3] === void 0 || LABELLED.test(message)) continue;
        const caret = [i + 1, i + 2].find((j) => j < lines.length && CARET4.test(lines[j].text));
        if (caret === void 0) continue;
        end = caret;
        broken = true;
      }
      const f = {
        kind: "lint-error",
        tool: "pyflakes",
        message,
        file: m[1],
        rawFile: m[1],
        line: +m[2],
        logLines: [lines[i].n, lines[end].n],
        weight: broken || BROKEN2.test(message) ? WEIGHT_BROKEN : WEIGHT_LINT3
      };
      if (m[3] !== void 0) f.column = +m[3];
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      i = end;
    }
    return findings;
  }
};

// src/log/extractors/pylint.ts
var WEIGHT_ERROR4 = 72;
var WEIGHT_MESSAGE = 60;
var MAX_LINE14 = 2e3;
var MODULE = /^\*{5,} Module (\S+)/;
var TEXT = /^([^\s:][^\s]*?\.py|[A-Za-z]:\\[^\s]*?\.py):(\d+):(?:(\d+):)? ([CRWEFI]\d{4}): (.*)$/;
var PARSEABLE = /^([^\s:][^\s]*?\.py|[A-Za-z]:\\[^\s]*?\.py):(\d+): \[([CRWEFI]\d{4})(?:\(([\w-]+)\))?[^\]]*\] (.*)$/;
var OLD = /^([CRWEF]):\s*(\d+),\s*(-?\d+): (.*)$/;
var pylint = {
  name: "pylint",
  // each finding needs a path.py:line: message line or, for the 1.x format, a ***** Module header
  triggers: /\.py:\d|\*\*\*\*\* Module /,
  extract(lines) {
    const findings = [];
    let module;
    let moduleAt = -1;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trim();
      if (text.length > MAX_LINE14) continue;
      const mod = MODULE.exec(text);
      if (mod) {
        module = mod[1];
        moduleAt = i;
        continue;
      }
      let file;
      let line;
      let column;
      let code2;
      let message;
      const t2 = TEXT.exec(text);
      const p = t2 ? null : PARSEABLE.exec(text);
      const o = t2 || p || !module ? null : OLD.exec(text);
      if (t2) {
        [file, line, column, code2, message] = [
          t2[1],
          +t2[2],
          t2[3] === void 0 ? void 0 : +t2[3],
          t2[4],
          t2[5]
        ];
      } else if (p) {
        [file, line, code2, message] = [p[1], +p[2], p[3], p[4] ? `${p[5]} (${p[4]})` : p[5]];
      } else if (o) {
        file = `${module.replace(/\./g, "/")}.py`;
        [line, column, code2, message] = [+o[2], +o[3], o[1], o[4]];
      } else {
        if (module && text !== "" && i - moduleAt > 1 && !OLD.test(text)) module = void 0;
        continue;
      }
      if (o) moduleAt = i;
      const severe = code2[0] === "E" || code2[0] === "F";
      const f = {
        kind: "lint-error",
        tool: "pylint",
        message: message.trim(),
        code: code2,
        file,
        rawFile: file,
        line,
        logLines: [lines[i].n, lines[i].n],
        weight: severe ? WEIGHT_ERROR4 : WEIGHT_MESSAGE
      };
      if (column !== void 0 && column >= 0) f.column = column;
      const seg = lines[i].segment;
      if (seg !== void 0) f.segment = seg;
      findings.push(f);
    }
    return findings;
  }
};

// src/log/extractors/ruff.ts
var MAX_LINE15 = 2e3;
var MAX_FRAME = 12;
var FULL_HEAD = /^([A-Z]{1,4}\d{1,4}|invalid-syntax)(?::)? (?:\[\*\] )?(.*)$/;
var ARROW = /^\s*--> (.+?):(\d+):(\d+)$/;
var FRAME_ROW = /^\s*\d*\s*\|/;
function frameEnd(lines, from) {
  let end = from - 1;
  for (let j = from; j < lines.length && j < from + MAX_FRAME; j++) {
    const t2 = lines[j].text;
    if (!FRAME_ROW.test(t2)) break;
    end = j;
    if (/\|\s*[\^~-]+/.test(t2) && /\^/.test(t2)) break;
  }
  return end;
}
var ruff = {
  name: "ruff",
  // each finding needs a path.py:line: lint line or the full format's --> arrow
  triggers: /\.py:\d|\.pyi:\d|--> /,
  extract(lines) {
    const findings = [];
    for (const run of lintRuns(lines)) {
      if (!run.ruff) continue;
      for (const item of run.items) {
        const f = lintFinding(lines, item, "ruff");
        const end = frameEnd(lines, item.index + 1);
        if (end > item.index) f.logLines = [lines[item.index].n, lines[end].n];
        findings.push(f);
      }
    }
    for (let i = 0; i + 1 < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE15) continue;
      const arrow = ARROW.exec(lines[i + 1].text);
      if (!arrow) continue;
      const head = FULL_HEAD.exec(text.trim());
      if (!head) continue;
      const end = frameEnd(lines, i + 2);
      const f = lintFinding(
        lines,
        {
          index: i,
          file: arrow[1],
          line: +arrow[2],
          column: +arrow[3],
          code: head[1],
          message: head[2].trim(),
          fixable: text.includes("[*]")
        },
        "ruff"
      );
      f.logLines = [lines[i].n, lines[Math.max(end, i + 1)].n];
      findings.push(f);
      i = Math.max(end, i + 1);
    }
    return findings;
  }
};

// src/log/extractors/pip.ts
var WEIGHT_RESOLVE2 = 85;
var WEIGHT_BUILD = 80;
var WEIGHT_WHEEL = 70;
var MAX_LINE16 = 2e3;
var MAX_BLOCK9 = 12;
var NOT_FOUND = /^(?:ERROR: )?Could not find a version that satisfies the requirement (\S+)/;
var NO_MATCH = /^(?:ERROR: )?No matching distribution found for (\S+)/;
var CONFLICT = /^ERROR: Cannot install .+ because these package versions have conflicting dependencies\.?$/;
var REQ_FILE = /^(?:ERROR: )?Could not open requirements file: /;
var SUBPROCESS = /^error: subprocess-exited-with-error$/;
var DID_NOT_RUN = /^× (.+ did not run successfully\.)$/;
var FAILED_WHEEL = /^(?:ERROR: )?Failed building wheel for (\S+)$/;
var CONDA = /^(PackagesNotFoundError|ResolvePackageNotFound|UnsatisfiableError|CondaHTTPError|CondaEnvException|SpecsConfigurationConflictError)(?::\s*(.*))?$/;
function make(lines, start, end, message, code2, weight, tool = "pip") {
  const f = {
    kind: "dependency",
    tool,
    message,
    code: code2,
    logLines: [lines[start].n, lines[end].n],
    weight
  };
  const seg = lines[start].segment;
  if (seg !== void 0) f.segment = seg;
  return f;
}
function blockEnd2(lines, i, stop) {
  let end = i;
  let blanks = 0;
  for (let j = i + 1; j < lines.length && j <= i + MAX_BLOCK9; j++) {
    const t2 = lines[j].text;
    if (t2.trim() === "") {
      if (++blanks > 1) break;
      continue;
    }
    if (stop && stop.test(t2.trim())) return j;
    if (!/^\s/.test(t2) && !/^The conflict is caused by:$/.test(t2.trim())) break;
    blanks = 0;
    end = j;
  }
  return end;
}
var pip = {
  name: "pip",
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      const t2 = lines[i].text.trim();
      if (t2.length > MAX_LINE16 || t2 === "") continue;
      let m;
      if (NOT_FOUND.test(t2)) {
        const next = i + 1 < lines.length && NO_MATCH.test(lines[i + 1].text.trim()) ? i + 1 : i;
        findings.push(
          make(lines, i, next, t2.replace(/^ERROR: /, ""), "no-matching-distribution", WEIGHT_RESOLVE2)
        );
        i = next;
      } else if (NO_MATCH.test(t2)) {
        findings.push(
          make(lines, i, i, t2.replace(/^ERROR: /, ""), "no-matching-distribution", WEIGHT_RESOLVE2)
        );
      } else if (CONFLICT.test(t2)) {
        const end = blockEnd2(lines, i, /^ERROR: ResolutionImpossible/);
        findings.push(make(lines, i, end, t2.replace(/^ERROR: /, ""), "ResolutionImpossible", WEIGHT_RESOLVE2));
        i = end;
      } else if (REQ_FILE.test(t2)) {
        findings.push(make(lines, i, i, t2.replace(/^ERROR: /, ""), "requirements-file", WEIGHT_RESOLVE2));
      } else if (SUBPROCESS.test(t2)) {
        let end = i;
        let message = "subprocess-exited-with-error";
        for (let j = i + 1; j < lines.length && j <= i + 6; j++) {
          const s = lines[j].text.trim();
          const d = DID_NOT_RUN.exec(s);
          if (d) message = d[1];
          if (d || s.startsWith("\u2502") || s.startsWith("\u2570\u2500>") || s === "") end = s === "" ? end : j;
          if (s.startsWith("\u2570\u2500>")) break;
        }
        findings.push(make(lines, i, end, message, "subprocess-exited-with-error", WEIGHT_BUILD));
        i = end;
      } else if (FAILED_WHEEL.test(t2)) {
        findings.push(make(lines, i, i, t2.replace(/^ERROR: /, ""), "wheel-build-failed", WEIGHT_WHEEL));
      } else if ((m = CONDA.exec(t2)) && !/^\s/.test(lines[i].text)) {
        const end = blockEnd2(lines, i);
        findings.push(make(lines, i, end, t2, m[1], WEIGHT_RESOLVE2, "conda"));
        i = end;
      }
    }
    return findings;
  }
};

// src/log/extractors/rust.ts
var WEIGHT_ERROR5 = 90;
var WEIGHT_UNLOCATED = 70;
var WEIGHT_DEPENDENCY2 = 80;
var WEIGHT_LINT4 = 70;
var WEIGHT_TEST6 = 85;
var WEIGHT_PANIC2 = 88;
var WEIGHT_WARNING3 = 20;
var WEIGHT_SUMMARY8 = 3;
var MAX_LINE17 = 2e3;
var MAX_BLOCK10 = 40;
var MAX_MESSAGE4 = 8;
var MAX_FRAMES5 = 100;
var HEADER3 = /^(error|warning)(?:\[([A-Z]\d{4})\])?: (.+)$/;
var SHORT = /^((?:[A-Za-z]:)?[^\s:][^:]*?\.rs):(\d+):(\d+): (error|warning)(?:\[([A-Z]\d{4})\])?: (.+)$/;
var ARROW2 = /^\s*--> (.+?):(\d+):(\d+)\s*$/;
var FRAME_ROW2 = /^\s*(?:\d+\s*)?\|(?:\s|$)|^\s*\d+\s*[|+-] |^\s+= |^\s*\.\.\.\s*$|^\s*::: /;
var CLOSER = /^(?:could not compile|aborting due to|Some errors have detailed|build failed|test failed, to rerun)/i;
var WARNING_SUMMARY = /^`[^`]+` \([^)]*\) generated \d+ warnings?/;
var DEPENDENCY = /failed to (?:select a version|download|fetch|load source|get `|parse manifest|resolve)|no matching package|failed to read .*Cargo\.toml|could not find `Cargo\.toml`|the lock file .* needs to be updated|failed to update registry|can't find crate for/;
var CLIPPY = /clippy::|rust-clippy/;
var PANIC_NEW = /^thread '([^']*)'(?: \(\d+\))? panicked at (.+?):(\d+):(\d+):$/;
var PANIC_OLD = /^thread '([^']*)'(?: \(\d+\))? panicked at '(.*)', (.+?):(\d+):(\d+)$/;
var TEST_STDOUT = /^---- (\S+) stdout ----$/;
var TEST_RESULT = /^test result: FAILED\./;
var BT_FRAME = /^\s+\d+: (.+)$/;
var BT_AT = /^\s+at (.+?):(\d+)(?::(\d+))?$/;
var isBlank5 = (s) => s.trim() === "";
function isVendoredRustPath(path2) {
  const p = path2.replace(/\\/g, "/");
  return p.startsWith("/rustc/") || p.includes("/.cargo/registry/") || p.includes("/.cargo/git/") || p.includes("/rustlib/src/") || p.startsWith("<") || p.includes("/library/std/") || p.includes("/library/core/");
}
function push2(findings, f, first) {
  if (first.segment !== void 0) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}
function readDiagnostic(lines, i) {
  let end = i;
  let loc;
  let clippy = false;
  let j = i + 1;
  while (j < lines.length && j - i < MAX_BLOCK10) {
    const t2 = lines[j].text;
    if (t2.length > MAX_LINE17) break;
    if (isBlank5(t2)) {
      const next = lines[j + 1]?.text ?? "";
      if (!(ARROW2.test(next) || FRAME_ROW2.test(next))) break;
      j++;
      continue;
    }
    const a = loc ? null : ARROW2.exec(t2);
    if (a) loc = a;
    else if (!FRAME_ROW2.test(t2)) break;
    if (CLIPPY.test(t2)) clippy = true;
    end = j;
    j++;
  }
  if (!loc) {
    let k = end + 1;
    while (k < lines.length && k - i < MAX_BLOCK10) {
      while (k < lines.length && isBlank5(lines[k].text)) k++;
      if (lines[k]?.text.trim() !== "Caused by:") break;
      end = k;
      k++;
      while (k < lines.length && k - i < MAX_BLOCK10 && /^\s+\S/.test(lines[k].text)) end = k++;
    }
  }
  if (!clippy) {
    for (let k = end + 1; k < lines.length && k <= end + 12 && !HEADER3.test(lines[k].text); k++) {
      if (CLIPPY.test(lines[k].text)) {
        clippy = true;
        break;
      }
    }
  }
  return { end, loc, clippy };
}
var PRIMARY_LABEL = /^\s*\d*\s*\|[\s|-]*\^+\s+(\S.*)$/;
var NOTE = /^\s*(?:= )?(note|help): (\S.*)$/;
var NOTE_NOISE = /^(?:for further information visit |`#\[(?:warn|deny)\(|`-D [\w:-]+` implied by |to override `-D warnings`)/;
var DETAIL_SPAN = 24;
var MAX_DETAILS = 3;
var MAX_MESSAGE_CHARS = 500;
function clipMessage(s) {
  return s.length > MAX_MESSAGE_CHARS ? s.slice(0, MAX_MESSAGE_CHARS - 1) + "\u2026" : s;
}
function diagnosticDetails(lines, i) {
  const labels = [];
  const notes = [];
  for (let j = i + 1; j < lines.length && j <= i + DETAIL_SPAN; j++) {
    const t2 = lines[j].text;
    if (t2.length > MAX_LINE17 || HEADER3.test(t2) || /^For more information about this error/.test(t2)) break;
    if (isBlank5(t2) && !FRAME_ROW2.test(lines[j + 1]?.text ?? "") && !NOTE.test(lines[j + 1]?.text ?? ""))
      break;
    const l = PRIMARY_LABEL.exec(t2);
    if (l) labels.push(l[1].trim());
    const n = NOTE.exec(t2);
    if (n && !NOTE_NOISE.test(n[2])) notes.push(`${n[1]}: ${n[2].trim()}`);
  }
  return [...labels, ...notes].slice(0, MAX_DETAILS);
}
function readBacktrace(lines, i) {
  const frames = [];
  let j = i;
  let end = i - 1;
  while (j < lines.length && frames.length < MAX_FRAMES5) {
    const fm = BT_FRAME.exec(lines[j].text);
    if (!fm) break;
    const at = j + 1 < lines.length ? BT_AT.exec(lines[j + 1].text) : null;
    if (at) {
      const frame2 = {
        rawFile: at[1],
        line: +at[2],
        function: fm[1].trim(),
        vendored: isVendoredRustPath(at[1])
      };
      if (at[3]) frame2.column = +at[3];
      frames.push(frame2);
      end = j + 1;
      j += 2;
    } else {
      end = j;
      j++;
    }
  }
  return { frames, end };
}
var rust = {
  name: "rust",
  extract(lines) {
    const findings = [];
    let section;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE17) continue;
      const ts = TEST_STDOUT.exec(text);
      if (ts) {
        section = { name: ts[1], index: i };
        continue;
      }
      const pn = text.startsWith("thread ") ? PANIC_NEW.exec(text) ?? PANIC_OLD.exec(text) : null;
      if (pn) {
        const old = pn.length === 6;
        const thread = pn[1];
        const file = old ? pn[3] : pn[2];
        const line = +(old ? pn[4] : pn[3]);
        const column = +(old ? pn[5] : pn[4]);
        let message2 = old ? pn[2] : "";
        let end2 = i;
        if (!old) {
          const parts = [];
          for (let j = i + 1; j < lines.length && j <= i + MAX_MESSAGE4; j++) {
            const t2 = lines[j].text;
            if (isBlank5(t2) || t2.startsWith("note: ") || t2 === "stack backtrace:" || TEST_STDOUT.test(t2))
              break;
            if (t2.startsWith("thread ")) break;
            parts.push(t2.trim());
            end2 = j;
          }
          message2 = parts[0] ?? "";
        }
        let frames = [];
        let last = end2;
        if (lines[end2 + 1]?.text === "stack backtrace:") {
          const bt = readBacktrace(lines, end2 + 2);
          frames = bt.frames;
          last = bt.end;
        }
        const sectionHere = section !== void 0 && section.index >= i - 3 ? section : void 0;
        const inTest = sectionHere !== void 0 || thread !== "main" && thread !== "<unnamed>" && !thread.includes(" ");
        const from = sectionHere ? sectionHere.index : i;
        const f2 = {
          kind: inTest ? "test-failure" : "exception",
          tool: "rust",
          message: message2 || `thread '${thread}' panicked`,
          file,
          line,
          column,
          logLines: [lines[from].n, lines[end2].n],
          weight: inTest ? WEIGHT_TEST6 : WEIGHT_PANIC2
        };
        if (sectionHere) f2.test = sectionHere.name;
        else if (inTest) f2.test = thread;
        if (frames.length) f2.frames = frames;
        push2(findings, f2, lines[from]);
        section = void 0;
        i = last;
        continue;
      }
      if (TEST_RESULT.test(text)) {
        push2(
          findings,
          {
            kind: "exit",
            tool: "rust",
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_SUMMARY8
          },
          lines[i]
        );
        continue;
      }
      const sh = text[0] !== " " && text[0] !== "	" ? SHORT.exec(text) : null;
      if (sh) {
        const warning = sh[4] === "warning";
        const f2 = {
          kind: warning ? "warning" : "compile-error",
          tool: "rust",
          message: sh[6].trim(),
          file: sh[1],
          line: +sh[2],
          column: +sh[3],
          logLines: [lines[i].n, lines[i].n],
          weight: warning ? WEIGHT_WARNING3 : WEIGHT_ERROR5
        };
        if (sh[5]) f2.code = sh[5];
        if (!warning && isVendoredRustPath(sh[1])) f2.weight = WEIGHT_UNLOCATED;
        push2(findings, f2, lines[i]);
        continue;
      }
      const h = text[0] === "e" || text[0] === "w" ? HEADER3.exec(text) : null;
      if (!h) continue;
      const severity = h[1];
      const code2 = h[2];
      const message = h[3].trim();
      if (severity === "warning" && WARNING_SUMMARY.test(message)) continue;
      const { end, loc, clippy } = readDiagnostic(lines, i);
      if (!code2 && !loc && !CLOSER.test(message) && !DEPENDENCY.test(message)) continue;
      let kind;
      let weight;
      let tool = "rust";
      if (CLOSER.test(message)) {
        kind = "build-error";
        weight = WEIGHT_SUMMARY8;
        tool = "cargo";
      } else if (severity === "warning") {
        kind = "warning";
        weight = WEIGHT_WARNING3;
        if (clippy) tool = "clippy";
      } else if (clippy) {
        kind = "lint-error";
        weight = WEIGHT_LINT4;
        tool = "clippy";
      } else if (DEPENDENCY.test(message)) {
        kind = "dependency";
        weight = WEIGHT_DEPENDENCY2;
        tool = loc ? "rust" : "cargo";
      } else {
        kind = "compile-error";
        weight = loc ? WEIGHT_ERROR5 : WEIGHT_UNLOCATED;
      }
      const details = kind === "build-error" ? [] : diagnosticDetails(lines, i);
      const f = {
        kind,
        tool,
        message: details.length ? clipMessage(`${message}; ${details.join("; ")}`) : message,
        logLines: [lines[i].n, lines[end].n],
        weight
      };
      if (code2) f.code = code2;
      if (loc) {
        f.file = loc[1];
        f.line = +loc[2];
        f.column = +loc[3];
        if (isVendoredRustPath(loc[1]) && kind === "compile-error") f.weight = WEIGHT_UNLOCATED;
      }
      push2(findings, f, lines[i]);
      i = end;
    }
    return findings;
  }
};

// src/log/extractors/ruby.ts
var WEIGHT_TEST7 = 85;
var WEIGHT_LOAD_ERROR = 88;
var WEIGHT_EXCEPTION = 88;
var WEIGHT_LINT5 = 60;
var WEIGHT_LINT_ERROR = 75;
var WEIGHT_DEPENDENCY3 = 80;
var WEIGHT_SUMMARY_ONLY2 = 60;
var WEIGHT_RAKE = 30;
var MAX_LINE18 = 2e3;
var MAX_BLOCK11 = 60;
var MAX_FRAMES6 = 100;
var SHOWN_VENDORED = 2;
var RSPEC_HEADER = /^\s*(\d+)\) (\S.*)$/;
var RSPEC_LOAD = /^An error occurred while loading (\S+?)\.?$/;
var FAILURE_ERROR = /^\s*Failure\/Error: ?(.*)$/;
var RSPEC_FRAME = /^\s*# (\S+?):(\d+)(?::in [`'](.*)')?/;
var RSPEC_RERUN = /^rspec (\.\/\S+?):(\d+) # (.+)$/;
var RSPEC_END = /^(?:Finished in |Failed examples:|\d+ examples?, )/;
var MINI_HEADER = /^\s*(?:\d+\) )?(Failure|Error):$/;
var MINI_NAME = /^(\S[^\s#]*#\S.*?)(?: \[([^\s\]]+):(\d+)\])?:?$/;
var MINI_FRAME = /^\s+(\S+?\.rb):(\d+):in [`'](.*)'$/;
var RUBOCOP = /^(\S+?):(\d+):(\d+): ([CWEFR]): (?:\[(?:Correctable|Corrected|Todo)\] )?(?:([A-Z][A-Za-z]*\/[A-Za-z0-9]+): )?(.+)$/;
var STANDARDRB_BANNER = /^standard: (?:Use Ruby Standard Style|Run `standardrb)/;
var STANDARDRB = /^\s+(\S+?):(\d+):(\d+): (?:([A-Z][A-Za-z]*\/[A-Za-z0-9]+): )?(\S.*)$/;
var CARET5 = /^\s*\^+\s*$/;
var SYNTAX_LOCATION = /(\S+\.rb):(\d+): (?:syntax error|warning)/;
var UNCAUGHT = /^(\S+?):(\d+):in [`'](.+?)': (.*) \(([A-Z][\w:]*)\)$/;
var FROM = /^\s+from (\S+?):(\d+)(?::in [`'](.*)')?/;
var BUNDLER = /^(?:Could not find (?:gem '[^']+'|[\w.-]+-\d\S* in)|Bundler could not find compatible versions for gem|Your bundle is locked to|An error occurred while installing [\w.-]+|Could not locate Gemfile|Bundler::GemNotFound|Gem::MissingSpecError|The gemspec at .* is not valid)/;
var isBlank6 = (s) => s.trim() === "";
function isVendoredRubyPath(path2) {
  return path2.includes("/gems/") || path2.includes("vendor/bundle/") || path2.includes("/rubygems/") || path2.includes("/lib/ruby/") || path2.startsWith("<internal:") || path2.includes("/.rbenv/") || path2.includes("/.rvm/");
}
function push3(findings, f, first) {
  if (first.segment !== void 0) f.segment = first.segment;
  if (f.file && !f.rawFile) f.rawFile = f.file;
  findings.push(f);
}
function frame(rawFile, line, fn) {
  const f = { rawFile, line, vendored: isVendoredRubyPath(rawFile) };
  if (fn) f.function = fn;
  return f;
}
function readRspec(lines, i) {
  let fe = -1;
  for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
    if (FAILURE_ERROR.test(lines[j].text)) {
      fe = j;
      break;
    }
  }
  if (fe < 0) return void 0;
  const header = RSPEC_HEADER.exec(lines[i].text);
  const load = header ? null : RSPEC_LOAD.exec(lines[i].text);
  const message = [];
  const frames = [];
  let firstFrame = -1;
  let shownRepoFrame = false;
  let shownEnd = fe;
  let end = fe;
  for (let j = fe + 1; j < lines.length && j - i < MAX_BLOCK11; j++) {
    const t2 = lines[j].text;
    if (t2.length > MAX_LINE18) continue;
    if (RSPEC_HEADER.test(t2) || RSPEC_END.test(t2) || RSPEC_LOAD.test(t2)) break;
    const fr = RSPEC_FRAME.exec(t2);
    if (fr) {
      if (frames.length < MAX_FRAMES6) frames.push(frame(fr[1], +fr[2], fr[3]));
      if (firstFrame < 0) firstFrame = j;
      if (!shownRepoFrame && (frames.length <= SHOWN_VENDORED || !frames[frames.length - 1].vendored))
        shownEnd = j;
      if (!frames[frames.length - 1].vendored) shownRepoFrame = true;
      end = j;
      continue;
    }
    if (firstFrame >= 0 && !isBlank6(t2)) break;
    if (isBlank6(t2)) continue;
    if (firstFrame < 0) {
      if (message.length < 2 && !CARET5.test(t2)) message.push(t2.trim());
      shownEnd = j;
    }
    end = j;
  }
  const top = frames.find((x) => !x.vendored);
  const name = header ? header[2].trim() : load ? load[1] : lines[i].text.trim();
  const f = {
    kind: header ? "test-failure" : "exception",
    tool: "rspec",
    message: message.join(" ").replace(/\s+/g, " ") || lines[fe].text.trim(),
    logLines: [lines[i].n, lines[shownEnd].n],
    weight: header ? WEIGHT_TEST7 : WEIGHT_LOAD_ERROR
  };
  if (header) f.test = name;
  else if (load) {
    f.file = load[1];
    f.message = `An error occurred while loading ${load[1]}: ${f.message}`;
  }
  const inMessage = SYNTAX_LOCATION.exec(f.message);
  if (top) {
    f.file = top.rawFile;
    f.line = top.line;
  } else if (inMessage) {
    f.file = inMessage[1];
    f.line = +inMessage[2];
  }
  if (frames.length) f.frames = frames;
  return { finding: f, end };
}
function readMinitest(lines, i, kind) {
  const nameLine = lines[i + 1]?.text ?? "";
  const nm = nameLine.length <= MAX_LINE18 ? MINI_NAME.exec(nameLine.trim()) : null;
  if (!nm) return void 0;
  const message = [];
  let shownEnd = i + 1;
  let end = i + 1;
  const frames = [];
  let j = i + 2;
  for (; j < lines.length && j - i < MAX_BLOCK11; j++) {
    const t2 = lines[j].text;
    if (isBlank6(t2)) break;
    if (message.length < 3) message.push(t2.trim());
    shownEnd = j;
    end = j;
  }
  if (kind === "Error") {
    for (; j < lines.length && j - i < MAX_BLOCK11; j++) {
      const t2 = lines[j].text;
      if (isBlank6(t2)) {
        if (frames.length) break;
        continue;
      }
      if (!/^\s/.test(t2)) break;
      const fr = MINI_FRAME.exec(t2);
      if (fr && frames.length < MAX_FRAMES6) frames.push(frame(fr[1], +fr[2], fr[3]));
      end = j;
    }
  }
  const top = frames.find((x) => !x.vendored);
  const f = {
    kind: "test-failure",
    tool: "minitest",
    test: nm[1],
    message: (kind === "Failure" ? message.join(" ") : message[0] ?? "").replace(/\s+/g, " ") || `${kind}: ${nm[1]}`,
    logLines: [lines[i].n, lines[shownEnd].n],
    weight: WEIGHT_TEST7
  };
  if (nm[2]) {
    f.file = nm[2];
    f.line = +nm[3];
  } else if (top) {
    f.file = top.rawFile;
    f.line = top.line;
  }
  if (frames.length) f.frames = frames;
  return { finding: f, end };
}
var ruby = {
  name: "ruby",
  extract(lines) {
    const findings = [];
    const rspecTests = /* @__PURE__ */ new Set();
    const reruns = [];
    let standardrb = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE18) continue;
      if (RSPEC_HEADER.test(text) || RSPEC_LOAD.test(text)) {
        const r = readRspec(lines, i);
        if (r) {
          if (r.finding.test) rspecTests.add(r.finding.test);
          push3(findings, r.finding, lines[i]);
          i = r.end;
          continue;
        }
      }
      const rr = RSPEC_RERUN.exec(text);
      if (rr) {
        reruns.push({ i, file: rr[1], line: +rr[2], test: rr[3].trim() });
        continue;
      }
      const mh = MINI_HEADER.exec(text);
      if (mh) {
        const r = readMinitest(lines, i, mh[1]);
        if (r) {
          push3(findings, r.finding, lines[i]);
          i = r.end;
          continue;
        }
      }
      if (STANDARDRB_BANNER.test(text)) {
        standardrb = true;
        continue;
      }
      const sr = standardrb ? STANDARDRB.exec(text) : null;
      if (sr) {
        push3(
          findings,
          {
            kind: "lint-error",
            tool: "standardrb",
            message: sr[5].trim(),
            ...sr[4] ? { code: sr[4] } : {},
            file: sr[1],
            line: +sr[2],
            column: +sr[3],
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_LINT5
          },
          lines[i]
        );
        continue;
      }
      if (text.trim() && text[0] !== " " && text[0] !== "	") standardrb = false;
      const rc = text[0] !== " " ? RUBOCOP.exec(text) : null;
      if (rc) {
        let end = i;
        for (let j = i + 1; j < lines.length && j <= i + 4; j++) {
          if (CARET5.test(lines[j].text)) {
            end = j;
            break;
          }
          if (RUBOCOP.test(lines[j].text)) break;
        }
        const severe = rc[4] === "E" || rc[4] === "F";
        push3(
          findings,
          {
            kind: "lint-error",
            tool: "rubocop",
            message: rc[6].trim(),
            ...rc[5] ? { code: rc[5] } : {},
            file: rc[1],
            line: +rc[2],
            column: +rc[3],
            logLines: [lines[i].n, lines[end].n],
            weight: severe ? WEIGHT_LINT_ERROR : WEIGHT_LINT5
          },
          lines[i]
        );
        i = end;
        continue;
      }
      const ux = text[0] !== " " && text[0] !== "	" ? UNCAUGHT.exec(text) : null;
      if (ux) {
        const frames = [frame(ux[1], +ux[2], ux[3])];
        let end = i;
        let shownEnd = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_BLOCK11 && frames.length < MAX_FRAMES6; j++) {
          const t2 = lines[j].text;
          const fm = FROM.exec(t2);
          if (fm) {
            frames.push(frame(fm[1], +fm[2], fm[3]));
            end = j;
            if (frames.length === 2 || !frames.slice(0, -1).some((x) => !x.vendored)) shownEnd = j;
            continue;
          }
          if (frames.length === 1 && j <= i + 4 && (isBlank6(t2) || /^\s/.test(t2))) continue;
          break;
        }
        const top = frames.find((x) => !x.vendored) ?? frames[0];
        const f = {
          kind: "exception",
          tool: "ruby",
          message: `${ux[5]}: ${ux[4].trim()}`,
          code: ux[5],
          file: top.rawFile,
          line: top.line,
          frames,
          logLines: [lines[i].n, lines[Math.max(shownEnd, i)].n],
          weight: WEIGHT_EXCEPTION
        };
        push3(findings, f, lines[i]);
        i = end;
        continue;
      }
      if (BUNDLER.test(text.trim())) {
        let end = i;
        while (end + 1 < lines.length && end - i < 8 && /^\s+\S/.test(lines[end + 1].text)) end++;
        push3(
          findings,
          {
            kind: "dependency",
            tool: "bundler",
            message: text.trim(),
            logLines: [lines[i].n, lines[end].n],
            weight: WEIGHT_DEPENDENCY3
          },
          lines[i]
        );
        i = end;
        continue;
      }
      if (text.trim() === "rake aborted!") {
        const next = lines[i + 1]?.text.trim() ?? "";
        push3(
          findings,
          {
            kind: "build-error",
            tool: "rake",
            message: next ? `rake aborted! ${next}` : "rake aborted!",
            logLines: [lines[Math.max(0, i - 1)].n, lines[Math.min(lines.length - 1, i + 1)].n],
            weight: WEIGHT_RAKE
          },
          lines[i]
        );
      }
    }
    for (const r of reruns) {
      if (rspecTests.has(r.test)) continue;
      push3(
        findings,
        {
          kind: "test-failure",
          tool: "rspec",
          message: r.test,
          test: r.test,
          file: r.file,
          line: r.line,
          logLines: [lines[r.i].n, lines[r.i].n],
          weight: WEIGHT_SUMMARY_ONLY2
        },
        lines[r.i]
      );
    }
    return findings;
  }
};

// src/log/extractors/php.ts
var WEIGHT_TEST8 = 85;
var WEIGHT_FATAL = 88;
var WEIGHT_PARSE = 90;
var WEIGHT_WARNING4 = 15;
var WEIGHT_SUMMARY9 = 2;
var MAX_LINE19 = 2e3;
var MAX_SHOWN5 = 12;
var MAX_BLOCK12 = 400;
var MAX_FRAMES7 = 100;
var SECTION = /^There (?:was|were) \d+ (failure|error|warning|risky test|skipped test|incomplete test)s?:$/;
var ENTRY = /^(\d+)\) (\S.*)$/;
var LOCATION4 = /^(\S+?\.php\w*):(\d+)$/;
var SUMMARY3 = /^(?:FAILURES!|ERRORS!)$/;
var COUNTS = /^Tests: \d+, Assertions: \d+/;
var PHP_ERROR = /^(?:PHP )?(Fatal error|Parse error|Warning|Notice|Deprecated|Recoverable fatal error):\s+(.*?) in (\S+?)(?::(\d+)| on line (\d+))$/;
var TRACE_FRAME = /^#\d+ (\S+?)\((\d+)\): (.*)$/;
var THROWN = /^\s+thrown in (\S+) on line (\d+)$/;
var PHPT_RESULT = /^(FAIL|BORK|LEAK|LEAK&FAIL) (.*?) ?\[([^\][]+\.phpt)\](?:\s|$)/;
var PHPT_DIFF = "========DIFF========";
var PHPT_DONE = "========DONE========";
var PHPT_DIFF_LINE = /^\d{3,}([+-]) ?(.*)$/;
var PHPT_BAD_SWITCH = /^Illegal switch '.{1,40}' specified!$/;
var PHPT_MAX_DIFF = 5e3;
var PHPT_SHOWN = 20;
var WEIGHT_PHPT_USAGE = 60;
var isBlank7 = (s) => s.trim() === "";
function phptFailure(lines, i, m) {
  let start = i;
  let firstActual;
  if (i > 0 && lines[i - 1].text.trim() === PHPT_DONE) {
    for (let j = i - 2; j >= 0 && i - j <= PHPT_MAX_DIFF; j--) {
      const t2 = lines[j].text.trim();
      if (t2 === PHPT_DIFF) {
        start = Math.min(j + 1, i);
        break;
      }
      if (t2 === PHPT_DONE || PHPT_RESULT.test(t2)) break;
    }
    for (let j = start; j < i - 1 && firstActual === void 0; j++) {
      const d = PHPT_DIFF_LINE.exec(lines[j].text.trim());
      if (d && d[1] === "+" && d[2].trim() !== "") firstActual = d[2].trim();
    }
  }
  const title = m[2].trim() || m[3];
  const range = i - start + 1 <= PHPT_SHOWN ? [lines[start].n, lines[i].n] : [lines[start].n, lines[start + PHPT_SHOWN - 1].n];
  const f = {
    kind: "test-failure",
    tool: "phpt",
    message: firstActual ? `${m[1]} ${title}: ${firstActual}` : `${m[1]} ${title}`,
    test: m[3],
    file: m[3],
    logLines: range,
    weight: WEIGHT_TEST8
  };
  return f;
}
function isVendoredPhpPath(path2) {
  return path2.includes("/vendor/") || path2.startsWith("vendor/") || path2.startsWith("phar://") || path2.includes("/usr/share/php/");
}
function push4(findings, f, first) {
  if (first.segment !== void 0) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}
var php = {
  name: "php",
  // each finding needs one of: a .phpt result, run-tests' usage error, PHPUnit's summary or There was/were
  // section, a PHP error level with its colon
  triggers: /\.phpt\]|Illegal switch '|FAILURES!|ERRORS!|There was |There were |Fatal error:|fatal error:|Parse error:|Warning:|Notice:|Deprecated:/,
  extract(lines) {
    const findings = [];
    let section;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.trimEnd();
      if (text.length > MAX_LINE19) continue;
      if (text.startsWith("FAIL") || text.startsWith("BORK") || text.startsWith("LEAK")) {
        const r = PHPT_RESULT.exec(text);
        if (r) {
          push4(findings, phptFailure(lines, i, r), lines[i]);
          continue;
        }
      }
      if (text.startsWith("Illegal switch") && PHPT_BAD_SWITCH.test(text)) {
        push4(
          findings,
          {
            kind: "build-error",
            tool: "phpt",
            message: text,
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_PHPT_USAGE
          },
          lines[i]
        );
        continue;
      }
      const sec = SECTION.exec(text);
      if (sec) {
        section = sec[1];
        continue;
      }
      if (SUMMARY3.test(text)) {
        section = void 0;
        const next = lines[i + 1]?.text ?? "";
        const end = COUNTS.test(next) ? i + 1 : i;
        push4(
          findings,
          {
            kind: "exit",
            tool: "phpunit",
            message: `${text} ${COUNTS.test(next) ? next.trim() : ""}`.trim(),
            logLines: [lines[i].n, lines[end].n],
            weight: WEIGHT_SUMMARY9
          },
          lines[i]
        );
        i = end;
        continue;
      }
      const entry = section ? ENTRY.exec(text) : null;
      if (entry && (section === "failure" || section === "error")) {
        const message = [];
        const frames = [];
        let end = i;
        let j = i + 1;
        for (; j < lines.length && j - i < MAX_BLOCK12; j++) {
          const t2 = lines[j].text.trimEnd();
          if (ENTRY.test(t2) || t2 === "--" || SUMMARY3.test(t2) || SECTION.test(t2)) break;
          const loc = LOCATION4.exec(t2.trim());
          if (loc) {
            if (frames.length < MAX_FRAMES7)
              frames.push({ rawFile: loc[1], line: +loc[2], vendored: isVendoredPhpPath(loc[1]) });
            end = j;
            continue;
          }
          if (isBlank7(t2)) continue;
          if (frames.length) break;
          if (message.length < MAX_SHOWN5) message.push(t2.trim());
          end = j;
        }
        const top = frames.find((f2) => !f2.vendored) ?? frames[0];
        const f = {
          kind: "test-failure",
          tool: "phpunit",
          message: message[0] ?? entry[2],
          test: entry[2].trim(),
          logLines: [lines[i].n, lines[Math.min(end, i + MAX_SHOWN5 - 1)].n],
          weight: WEIGHT_TEST8
        };
        if (top) {
          f.file = top.rawFile;
          f.line = top.line;
        }
        if (frames.length) f.frames = frames;
        push4(findings, f, lines[i]);
        i = end;
        continue;
      }
      const pe = text.includes(" in ") ? PHP_ERROR.exec(text.trim()) : null;
      if (pe) {
        const level2 = pe[1];
        const frames = [
          { rawFile: pe[3], line: +(pe[4] ?? pe[5]), vendored: isVendoredPhpPath(pe[3]) }
        ];
        let end = i;
        if (lines[i + 1]?.text.trim() === "Stack trace:") {
          let j = i + 2;
          for (; j < lines.length && j - i < MAX_BLOCK12; j++) {
            const t2 = lines[j].text.trim();
            const fr = TRACE_FRAME.exec(t2);
            if (fr) {
              if (frames.length < MAX_FRAMES7)
                frames.push({
                  rawFile: fr[1],
                  line: +fr[2],
                  function: fr[3],
                  vendored: isVendoredPhpPath(fr[1])
                });
              end = j;
              continue;
            }
            if (/^#\d+ /.test(t2)) {
              end = j;
              continue;
            }
            break;
          }
          if (j < lines.length && THROWN.test(lines[j].text)) end = j;
        }
        const fatal = level2 !== "Warning" && level2 !== "Notice" && level2 !== "Deprecated";
        const top = frames.find((f2) => !f2.vendored) ?? frames[0];
        const f = {
          kind: level2 === "Parse error" ? "compile-error" : fatal ? "exception" : "warning",
          tool: "php",
          message: pe[2].trim(),
          file: top.rawFile,
          line: top.line,
          frames,
          logLines: [lines[i].n, lines[Math.min(end, i + MAX_SHOWN5 - 1)].n],
          weight: level2 === "Parse error" ? WEIGHT_PARSE : fatal ? WEIGHT_FATAL : WEIGHT_WARNING4
        };
        const uncaught = /^Uncaught ([\w\\]+):/.exec(f.message);
        if (uncaught) f.code = uncaught[1];
        push4(findings, f, lines[i]);
        i = end;
      }
    }
    return findings;
  }
};

// src/log/extractors/prove.ts
var WEIGHT_SCRIPT = 80;
var WEIGHT_SUMMARY_ENTRY = 30;
var MAX_LINE20 = 2e3;
var MAX_DIAG = 12;
var MAX_DETAILS2 = 6;
var TIMER = /^\[\d\d:\d\d:\d\d\] /;
var NAME2 = /^(\S+?) \.{2,} ?(.*)$/;
var DUBIOUS = /^Dubious, test returned (\d+) \(wstat \d+, 0x[0-9a-f]+\)$/;
var SUBTESTS = /^(?:Failed \d+\/\d+ subtests|No subtests run|All \d+ subtests passed)$/;
var DIAG = /^#/;
var DIAG_AT = /^#\s+at (\S+) line (\d+)\.$/;
var DIAG_FAILED = /^#\s+Failed test(?: '(.*)')?$/;
var DIED_AT = /\bat (\S+) line (\d+)\.$/;
var SUMMARY4 = /^Test Summary Report$/;
var ENTRY2 = /^(\S+?)\s+\(Wstat: (\d+)(?: \([^)]*\))? Tests: (\d+) Failed: (\d+)\)$/;
var SUMMARY_END = /^(?:Files=\d+, Tests=\d+|Result: )/;
function textOf2(line) {
  if (!line) return "";
  const t2 = line.text.length > MAX_LINE20 ? line.text.slice(0, MAX_LINE20) : line.text;
  return t2.trim();
}
function withoutTimer(t2) {
  return TIMER.test(t2) ? t2.replace(TIMER, "") : t2;
}
function scriptFailure(lines, i, dubious, named) {
  let start = i;
  let name = named;
  if (!name) {
    const prev = NAME2.exec(withoutTimer(textOf2(lines[i - 1])));
    if (!prev || prev[2] !== "") return void 0;
    name = prev[1];
    start = i - 1;
  }
  const next = textOf2(lines[i + 1]);
  const end = SUBTESTS.test(next) ? i + 1 : i;
  let top = start;
  let file;
  let line;
  let test;
  for (let j = start - 1; j >= 0 && start - j <= MAX_DIAG; j--) {
    const t2 = textOf2(lines[j]);
    if (t2 === "" || DIAG.test(t2)) {
      if (DIAG.test(t2)) top = j;
      const at = DIAG_AT.exec(t2);
      if (at) [file, line] = [at[1], +at[2]];
      const failed2 = DIAG_FAILED.exec(t2);
      if (failed2?.[1]) test = failed2[1];
      continue;
    }
    const died = top < start ? DIED_AT.exec(t2) : null;
    if (died) {
      top = j;
      if (!file) [file, line] = [died[1], +died[2]];
    }
    break;
  }
  const subtests = end > i ? next : dubious;
  const f = finding2(lines, top, end, {
    kind: "test-failure",
    tool: "prove",
    message: `${name}: ${subtests}${test ? ` (${test})` : ""}`,
    test: name,
    weight: WEIGHT_SCRIPT
  });
  if (file) {
    f.file = file;
    f.rawFile = file;
    if (line) f.line = line;
  }
  return f;
}
var prove = {
  name: "prove",
  // each finding needs a Dubious, test returned line or the Test Summary Report
  triggers: /Dubious, test returned|Test Summary Report/,
  extract(lines) {
    const findings = [];
    let inSummary = false;
    for (let i = 0; i < lines.length; i++) {
      const t2 = textOf2(lines[i]);
      if (t2 === "") continue;
      if (t2.includes("Dubious, test returned")) {
        const own = DUBIOUS.exec(t2);
        if (own) {
          const f = scriptFailure(lines, i, t2);
          if (f) findings.push(f);
          continue;
        }
        const named = NAME2.exec(withoutTimer(t2));
        const d = named ? DUBIOUS.exec(named[2]) : null;
        if (named && d) {
          const f = scriptFailure(lines, i, named[2], named[1]);
          if (f) findings.push(f);
        }
        continue;
      }
      if (SUMMARY4.test(t2)) {
        inSummary = true;
        continue;
      }
      if (!inSummary) continue;
      if (SUMMARY_END.test(t2)) {
        inSummary = false;
        continue;
      }
      const e = ENTRY2.exec(t2);
      if (!e) continue;
      const failed2 = e[2] !== "0" || e[4] !== "0";
      let end = i;
      let detail2;
      for (let j = i + 1; j < lines.length && j - i <= MAX_DETAILS2; j++) {
        const raw = lines[j].text;
        if (!/^\s+\S/.test(raw) || ENTRY2.test(raw.trim())) break;
        detail2 ??= raw.trim();
        end = j;
      }
      if (!failed2) {
        i = end;
        continue;
      }
      findings.push(
        finding2(lines, i, end, {
          kind: "test-failure",
          tool: "prove",
          message: e[4] !== "0" || !detail2 ? `${e[1]}: ${e[4]} of ${e[3]} tests failed` : `${e[1]}: ${detail2}`,
          test: e[1],
          weight: WEIGHT_SUMMARY_ENTRY
        })
      );
      i = end;
    }
    return findings;
  }
};

// src/log/extractors/cc.ts
var WEIGHT_ERROR6 = 90;
var WEIGHT_FATAL2 = 92;
var WEIGHT_LINK = 85;
var WEIGHT_WARNING5 = 25;
var WEIGHT_CLOSER = 3;
var WEIGHT_MAKE = 2;
var WEIGHT_ASSERT = 90;
var ASSERT_FAILED = /^(?:(\S+): )?(\S+?\.(?:c|cc|cpp|cxx|h|hpp)):(\d+): (.+?): Assertion [`'](.*)' failed\.$/;
var MAX_LINE21 = 2e3;
var MAX_FRAME2 = 6;
var DIAG2 = /^(.+?\.(?:c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|ipp|inl|tcc|m|mm|cu|cuh)):(\d+)(?::(\d+))?: (fatal error|error|warning): (.+)$/;
var CONTEXT2 = /^(?:.+?): (?:In (?:function|member function|constructor|destructor|instantiation|static member function|lambda function)|At global scope|In file included from)/;
var INCLUDED_FROM = /^(?:In file included from|\s+from) \S+:\d+[:,]/;
var FRAME_ROW3 = /^\s*(?:\d+\s*)?\|/;
var CARET_ROW = /^\s*[~^][~^\s]*$/;
var UNDEFINED_REF = /^(?:\/\S*ld(?:\.\w+)?: )?(.+?):\(\.\w[^)]*\): (undefined reference to .+|multiple definition of .+)$/;
var LD_ERROR = /^(?:\/\S*\/)?ld(?:\.\w+)?: (?:error: )?(cannot find -l\S+|undefined reference to .+|.*: undefined reference to .+)$/;
var CLANG_LINK = /^(?:ld\.lld|ld64\.lld|ld): error: (undefined symbol: .+)$/;
var COLLECT2 = /^(?:collect2|clang(?:\+\+)?(?:-\d+)?): error: (?:ld|linker command) (?:returned|failed)/;
var MAKE_ERROR = /^(?:g?make(?:\[\d+\])?): \*\*\* (?:\[(.+?)\] )?(.+)$/;
var isBlank8 = (s) => s.trim() === "";
function push5(findings, f, first) {
  if (first.segment !== void 0) f.segment = first.segment;
  if (f.file) f.rawFile = f.file;
  findings.push(f);
}
var cc = {
  name: "cc",
  // each finding needs one of: a diagnostic's error: / warning:, a failed assert(), the linkers' errors, make's ***
  triggers: /error: |warning: |: Assertion |undefined reference|multiple definition|cannot find -l|undefined symbol: |: \*\*\* /,
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE21) continue;
      const d = text.includes("error: ") || text.includes("warning: ") ? DIAG2.exec(text) : null;
      if (d) {
        const severity = d[4];
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 4; k--) {
          const t2 = lines[k].text;
          if (CONTEXT2.test(t2) || INCLUDED_FROM.test(t2)) from = k;
          else break;
        }
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_FRAME2; j++) {
          const t2 = lines[j].text;
          if (FRAME_ROW3.test(t2) || CARET_ROW.test(t2)) {
            end = j;
            continue;
          }
          if (j === i + 1 && !isBlank8(t2) && CARET_ROW.test(lines[j + 1]?.text ?? "")) {
            end = j;
            continue;
          }
          break;
        }
        const error = severity !== "warning";
        let message = d[5].trim();
        let code2;
        const flag = / \[(-W[\w=+-]+)\]$/.exec(message);
        if (flag) {
          code2 = flag[1];
          message = message.slice(0, message.length - flag[0].length);
        }
        const f = {
          kind: error ? "compile-error" : "warning",
          tool: "cc",
          message,
          file: d[1],
          line: +d[2],
          logLines: [lines[severity === "warning" ? i : from].n, lines[end].n],
          weight: severity === "fatal error" ? WEIGHT_FATAL2 : error ? WEIGHT_ERROR6 : WEIGHT_WARNING5
        };
        if (d[3]) f.column = +d[3];
        if (code2) f.code = code2;
        push5(findings, f, lines[from]);
        i = end;
        continue;
      }
      const a = text.includes(": Assertion ") ? ASSERT_FAILED.exec(text) : null;
      if (a) {
        findings.push({
          kind: "assertion",
          tool: "cc",
          message: `Assertion \`${a[5]}' failed in ${a[4]}`,
          rawFile: a[2],
          file: a[2],
          line: +a[3],
          ...a[1] ? { test: a[1] } : {},
          logLines: [lines[i].n, lines[i].n],
          weight: WEIGHT_ASSERT
        });
        continue;
      }
      const ur = text.includes("undefined reference") || text.includes("multiple definition") ? UNDEFINED_REF.exec(text) : null;
      const le = ur ? null : LD_ERROR.exec(text) ?? CLANG_LINK.exec(text);
      if (ur || le) {
        const from = i > 0 && /: in function [`'].*':$/.test(lines[i - 1].text) ? i - 1 : i;
        const message = ur ? ur[2] : le[1];
        const f = {
          kind: "compile-error",
          tool: "ld",
          message,
          logLines: [lines[from].n, lines[i].n],
          weight: WEIGHT_LINK
        };
        if (ur && !/^\/tmp\//.test(ur[1]) && !ur[1].endsWith(".o")) {
          f.file = ur[1];
        }
        const sym = /[`'"]([^`'"]+)['"]$/.exec(message);
        if (sym) f.code = sym[1];
        push5(findings, f, lines[from]);
        continue;
      }
      if (COLLECT2.test(text)) {
        push5(
          findings,
          {
            kind: "build-error",
            tool: "ld",
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_CLOSER
          },
          lines[i]
        );
        continue;
      }
      const mk = text.startsWith("make") || text.startsWith("gmake") ? MAKE_ERROR.exec(text) : null;
      if (mk) {
        push5(
          findings,
          {
            kind: "exit",
            tool: "make",
            message: text.trim(),
            logLines: [lines[i].n, lines[i].n],
            weight: WEIGHT_MAKE
          },
          lines[i]
        );
      }
    }
    return findings;
  }
};

// src/log/extractors/javac.ts
var WEIGHT_ERROR7 = 90;
var WEIGHT_WARNING6 = 20;
var MAX_LINE22 = 2e3;
var MAX_DETAIL = 6;
var ANT_PREFIX = /^\s*\[javac\] /;
var HEAD2 = /^(.+\.java):(\d+)$/;
var GRADLE_TASK2 = /^:[\w:.-]*(?=\/)/;
var CARET6 = /^\s*\^\s*$/;
var DETAIL2 = /^\s+(symbol|location|required|found|reason)\s*:\s+(\S.{0,300})/;
var MAX_MESSAGE5 = 500;
function javacDetail(text) {
  const d = DETAIL2.exec(text);
  return d ? `${d[1]}: ${d[2].replace(/\s+/g, " ").trim()}` : void 0;
}
function withJavacDetails(message, details) {
  if (!details.length) return message;
  const s = `${message}; ${details.join("; ")}`;
  return s.length > MAX_MESSAGE5 ? s.slice(0, MAX_MESSAGE5 - 1) + "\u2026" : s;
}
var SEPARATORS2 = [
  [": error: ", "error"],
  [": warning: ", "warning"]
];
function unprefix(text) {
  const m = ANT_PREFIX.exec(text);
  return m ? text.slice(m[0].length) : text;
}
function parseJavacHeader(text) {
  if (text.length > MAX_LINE22 || !text.includes(".java:")) return void 0;
  const t2 = unprefix(text);
  for (const [sep, severity] of SEPARATORS2) {
    const at = t2.indexOf(sep);
    if (at < 0) continue;
    const m = HEAD2.exec(t2.slice(0, at));
    if (!m) continue;
    let file = m[1].trim();
    const task = GRADLE_TASK2.exec(file);
    if (task) file = file.slice(task[0].length);
    return { file, line: +m[2], severity, message: t2.slice(at + sep.length).trim() };
  }
  return void 0;
}
var javac = {
  name: "javac",
  // every finding is a File.java:N: error / warning line
  triggers: /\.java:\d/,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const h = parseJavacHeader(lines[i].text);
      if (!h) {
        i++;
        continue;
      }
      let end = i;
      let column;
      if (i + 2 < lines.length && CARET6.test(unprefix(lines[i + 2].text))) {
        column = unprefix(lines[i + 2].text).indexOf("^") + 1;
        end = i + 2;
      }
      const details = [];
      for (let j = end + 1; j < lines.length && j - end <= MAX_DETAIL; j++) {
        const t2 = unprefix(lines[j].text);
        if (!/^\s+\S/.test(t2) || parseJavacHeader(t2)) break;
        const d = javacDetail(t2);
        if (d && details.length < MAX_DETAIL) details.push(d);
        end = j;
      }
      const warning = h.severity === "warning";
      const f = {
        kind: warning ? "warning" : "compile-error",
        tool: "javac",
        message: withJavacDetails(h.message, details),
        file: h.file,
        rawFile: h.file,
        line: h.line,
        logLines: [lines[i].n, lines[end].n],
        weight: warning ? WEIGHT_WARNING6 : WEIGHT_ERROR7
      };
      if (column) f.column = column;
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  }
};

// src/log/extractors/java-stack.ts
var WEIGHT_UNCAUGHT3 = 80;
var WEIGHT_TRACE = 50;
var TESTS_END = /^(?:Results ?:\s*$|BUILD (?:FAILURE|SUCCESS)|Failed to execute goal)/;
var WEIGHT_VENDORED = 40;
var MAX_LINE23 = 2e3;
var MAX_MESSAGE6 = 20;
var MAX_TRACE = 2e3;
var SHOWN_FRAMES3 = 4;
var PROJECT_FRAME_REACH = 10;
var MAX_FRAMES8 = 300;
var LEVEL_PREFIX = /^\[(?:ERROR|WARNING|WARN|INFO|DEBUG|error|warn|info|debug)\] ?/;
var CHAIN_PREFIX = /^(?:Exception in thread "[^"]*" |Caused by: |Suppressed: |Wrapped by: |Also: +|Caused: )/;
var QUALIFIED2 = /^(?:[A-Za-z_$][\w$]*\.)+[A-Z][\w$]*$/;
var MORE = /^\.\.\. \d+ (?:more|common frames omitted)$/;
var VENDORED_PREFIXES2 = [
  "java.",
  "javax.",
  "jakarta.",
  "jdk.",
  "sun.",
  "com.sun.",
  "kotlin.",
  "kotlinx.",
  "scala.",
  "groovy.",
  "org.codehaus.groovy.",
  "org.junit.",
  "junit.",
  "org.opentest4j.",
  "org.testng.",
  "org.hamcrest.",
  "org.assertj.",
  "org.mockito.",
  "net.bytebuddy.",
  "org.spockframework.",
  "org.scalatest.",
  "org.apache.maven.",
  "org.codehaus.plexus.",
  "org.codehaus.mojo.",
  "org.eclipse.sisu.",
  "org.gradle.",
  "worker.org.gradle.",
  "com.google.inject.",
  "hudson.",
  "jenkins.",
  "org.jenkinsci.",
  "sbt.",
  "xsbt."
];
function isVendoredJavaClass(qualified) {
  for (const p of VENDORED_PREFIXES2) if (qualified.startsWith(p)) return true;
  return false;
}
function stripLevel(text) {
  const t2 = text.trimStart();
  const m = LEVEL_PREFIX.exec(t2);
  return (m ? t2.slice(m[0].length) : t2).trim();
}
function parseJavaFrame(text) {
  if (text.length > MAX_LINE23) return void 0;
  const t2 = stripLevel(text);
  if (!t2.startsWith("at ") || !t2.endsWith(")")) return void 0;
  const open = t2.lastIndexOf("(");
  if (open < 4) return void 0;
  let callee = t2.slice(3, open).trim();
  const where2 = t2.slice(open + 1, -1);
  const slash = callee.lastIndexOf("/");
  const fromModule = slash >= 0;
  if (fromModule) callee = callee.slice(slash + 1);
  if (!/^[\w$]+(?:\.[\w$<>-]+)+$/.test(callee)) return void 0;
  const dot = callee.lastIndexOf(".");
  const cls = dot > 0 ? callee.slice(0, dot) : callee;
  const method = dot > 0 ? callee.slice(dot + 1) : void 0;
  const colon = where2.lastIndexOf(":");
  const fileName = colon > 0 ? where2.slice(0, colon) : where2;
  const lineText = colon > 0 ? where2.slice(colon + 1) : "";
  const vendored = isVendoredJavaClass(cls) || fromModule && !t2.slice(3).startsWith("app//");
  if (!/^[\w$-]+\.(?:java|kt|kts|scala|groovy|clj|gradle)$/.test(fileName)) {
    if (!/^(?:Native Method|Unknown Source|<generated>|Compiled Code|Unknown)$/.test(where2)) return void 0;
    const frame3 = { rawFile: where2, vendored: true };
    if (method) frame3.function = `${cls}.${method}`;
    return frame3;
  }
  const frame2 = { rawFile: fileName, file: packagePath(cls, fileName), vendored };
  if (/^\d+$/.test(lineText)) frame2.line = +lineText;
  if (method) frame2.function = `${cls}.${method}`;
  return frame2;
}
function packagePath(qualifiedClass, fileName) {
  const dot = qualifiedClass.lastIndexOf(".");
  if (dot <= 0) return fileName;
  return `${qualifiedClass.slice(0, dot).replace(/\./g, "/")}/${fileName}`;
}
function parseThrowable(text) {
  let t2 = stripLevel(text.length > MAX_LINE23 ? text.slice(0, MAX_LINE23) : text);
  const chain = CHAIN_PREFIX.exec(t2);
  if (chain) t2 = t2.slice(chain[0].length).trim();
  const colon = t2.indexOf(": ");
  const head = colon >= 0 ? t2.slice(0, colon) : t2.endsWith(":") ? t2.slice(0, -1) : t2;
  if (head.length > 300 || !QUALIFIED2.test(head)) return void 0;
  return { type: head, message: t2, uncaught: !!chain && chain[0].startsWith("Exception in thread") };
}
var isFrame = (text) => {
  if (text.length > MAX_LINE23 || !text.includes("at ") || !text.trimEnd().endsWith(")")) return false;
  return stripLevel(text).startsWith("at ");
};
var isBlank9 = (text) => stripLevel(text) === "";
function readJavaTrace(lines, i) {
  const top = parseThrowable(lines[i].text);
  if (!top) return void 0;
  let first = -1;
  for (let j2 = i + 1; j2 < lines.length && j2 <= i + MAX_MESSAGE6; j2++) {
    const t2 = lines[j2].text;
    if (isFrame(t2)) {
      first = j2;
      break;
    }
    if (j2 > i + 1 && t2.length <= MAX_LINE23 && t2.includes(": ") && CHAIN_PREFIX.test(stripLevel(t2)))
      return void 0;
  }
  if (first < 0) return void 0;
  const frames = [];
  const causes = [];
  let topFrames = 0;
  let projectAt = -1;
  let inTop = true;
  let end = first;
  let j = first;
  while (j < lines.length && j - i < MAX_TRACE) {
    const t2 = lines[j].text;
    if (isFrame(t2)) {
      const fr = parseJavaFrame(t2);
      if (fr && frames.length < MAX_FRAMES8) {
        frames.push(fr);
        if (inTop) {
          topFrames++;
          if (projectAt < 0 && !fr.vendored && fr.line !== void 0) projectAt = j;
        }
      }
      end = j;
      j++;
      continue;
    }
    const s = t2.length <= MAX_LINE23 ? stripLevel(t2) : "";
    if (MORE.test(s)) {
      end = j;
      j++;
      continue;
    }
    if (CHAIN_PREFIX.test(s) && !s.startsWith("Exception in thread") || s === "Caused by:") {
      inTop = false;
      let cause = parseThrowable(s);
      let k = j;
      if (!cause && /^Caused by:$/.test(s) && j + 1 < lines.length) {
        cause = parseThrowable(lines[j + 1].text);
        if (cause) k = j + 1;
      }
      if (s.startsWith("Caused by") && cause) causes.push(cause);
      end = k;
      j = k + 1;
      continue;
    }
    if (s === "" || isBlank9(t2)) {
      let k = j + 1;
      while (k < lines.length && k <= j + 2 && isBlank9(lines[k].text)) k++;
      if (k < lines.length && k <= j + 2) {
        const n = stripLevel(lines[k].text);
        if (n.startsWith("Caused by:") || isFrame(lines[k].text) && !inTop || MORE.test(n)) {
          j = k;
          continue;
        }
      }
      break;
    }
    break;
  }
  let shownEnd = Math.min(end, first + Math.max(0, Math.min(topFrames, SHOWN_FRAMES3) - 1));
  if (projectAt > shownEnd && projectAt - first < PROJECT_FRAME_REACH) shownEnd = projectAt;
  return { start: i, end, shownEnd, top, causes, frames, topFrames };
}
function projectFrame(frames) {
  return frames.find((f) => !f.vendored && f.file !== void 0 && f.line !== void 0);
}
function locateFromFrames(f, frames, testClass) {
  if (frames.length) f.frames = frames;
  let top;
  const segments = testClass?.split(".") ?? [];
  if (segments.length >= 3) {
    const prefix = `${segments.slice(0, 2).join(".")}.`;
    top = frames.find(
      (fr) => !fr.vendored && fr.file !== void 0 && fr.line !== void 0 && !!fr.function?.startsWith(prefix)
    );
  }
  top ??= projectFrame(frames);
  if (top) {
    f.file = top.file;
    f.rawFile = top.rawFile;
    f.line = top.line;
  }
}
var javaStack = {
  name: "java-stack",
  extract(lines) {
    const findings = [];
    let inTests = false;
    let i = 0;
    while (i < lines.length) {
      const text = lines[i].text;
      if (text.length > MAX_LINE23 || !text.includes(".") || isFrame(text)) {
        if (text.length <= MAX_LINE23 && text.includes("T E S T S")) inTests = true;
        else if (inTests && TESTS_END.test(stripLevel(text))) inTests = false;
        i++;
        continue;
      }
      const trace = readJavaTrace(lines, i);
      if (!trace) {
        i++;
        continue;
      }
      if (inTests && !trace.top.uncaught) {
        i = trace.end + 1;
        continue;
      }
      const hasProject = projectFrame(trace.frames) !== void 0;
      const f = {
        kind: "exception",
        tool: "java",
        message: trace.top.message,
        code: trace.top.type,
        logLines: [lines[i].n, lines[trace.shownEnd].n],
        weight: trace.top.uncaught ? WEIGHT_UNCAUGHT3 : hasProject ? WEIGHT_TRACE : WEIGHT_VENDORED
      };
      locateFromFrames(f, trace.frames);
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      i = trace.end + 1;
    }
    return findings;
  }
};

// src/log/extractors/maven.ts
var WEIGHT_COMPILE3 = 90;
var WEIGHT_COMPILE_GLOBAL = 85;
var WEIGHT_TEST9 = 85;
var WEIGHT_DEPENDENCY4 = 85;
var WEIGHT_RULE = 80;
var WEIGHT_ANALYSIS = 75;
var WEIGHT_GOAL = 72;
var WEIGHT_SUMMARY10 = 64;
var WEIGHT_MORE = 55;
var FIRST_FEW = 3;
var WEIGHT_WARNING7 = 20;
var MAX_LINE24 = 2e3;
var MAX_DETAIL2 = 6;
var MAX_GOAL_LINES = 12;
var MAX_SUMMARY = 10;
var MAX_RULE = 10;
var MAX_ARTIFACTS = 12;
var LEVEL = /^\[(ERROR|WARNING|WARN|INFO)\] ?/;
var LOC_TAIL = /^(\d+),(\d+)\] ?(.*)$/;
var SOURCE_EXT = /\.(?:java|kt|kts|groovy|scala|xml|properties)$/;
var LINE_LOC = /^(.+?\.(?:java|kt|groovy|scala)):(\d+): (?!error: |warning: )(.+)$/;
var CHECKSTYLE_MSG = /^\(([\w-]+)\) (\w+): (.*)$/;
var CHECKSTYLE_CLI = /^(.+?\.[\w-]+):(\d+)(?::(\d+))?: (.*?)(?: \[(\w+)\])?$/;
var TEST_MARK2 = /<<< (FAILURE|ERROR)!/;
var TEST_NAME = /^(.*?)(?: --|\s)\s*Time elapsed:/;
var JUNIT_NAME = /^([\w$[\]{}, =.-]+?)\(([\w$.]+)\)$/;
var SUMMARY_HEAD = /^(?:Failed tests|Tests in error|Failures|Errors):\s*$/;
var SUMMARY_HEAD_PLAIN = /^(?:Failed tests|Tests in error):\s*$/;
var SUMMARY_ENTRY = /^([\w$.]+)\.([\w$[\]{}-]+?)(?::(\d+))?(?: |$)/;
var GOAL = /^Failed to execute goal (?:(\S+) \(([^)]*)\) )?on project ([^:]+): (.*)$/;
var DEPENDENCY2 = /Could not resolve dependencies|Could not find artifact|Could not transfer artifact|Failed to collect dependencies|Non-resolvable|could not be resolved|Failed to read artifact descriptor|has not been downloaded from it before/i;
var ADVICE = /^(?:-> \[Help|To see the full stack trace|Re-run Maven|For more information about the errors|\[Help \d+\]|After correcting the problems|mvn <)/;
var ENFORCER = /^Rule \d+: ([\w$.]+) failed with message:\s*$/;
var ARTIFACT = /^(?:Could not find artifact|Could not transfer artifact|Failure to find) (\S+)/;
var READ_PROJECTS = /^The build could not read \d+ projects?/;
var PMD = /^PMD (?:Failure|Error): ([\w$.]+):(\d+) Rule:(\w+) Priority:\d+ (.*)$/;
var SPOTBUGS = /^(?:High|Medium|Low|Scariest|Scary|Troubling|Of Concern): (.*?) \[([\w$.]+)\](?: \w+)? [Aa]t (\w+\.java):\[lines? (\d+)/;
function strip(text) {
  let t2 = text;
  const ant2 = t2.startsWith("[checkstyle] ");
  if (ant2) t2 = t2.slice("[checkstyle] ".length);
  const m = LEVEL.exec(t2);
  const out = m ? { level: m[1], body: t2.slice(m[0].length) } : { body: t2 };
  if (ant2) out.ant = true;
  return out;
}
function parseLoc(body3) {
  const at = body3.indexOf(":[");
  if (at <= 0) return void 0;
  let file = body3.slice(0, at).trim();
  if (!SOURCE_EXT.test(file)) return void 0;
  if (file.startsWith("file://")) file = file.slice("file://".length);
  const m = LOC_TAIL.exec(body3.slice(at + 2));
  if (!m) return void 0;
  return { file, line: +m[1], column: +m[2], message: m[3].trim() };
}
function testName2(head) {
  const name = head.trim();
  const m = JUNIT_NAME.exec(name);
  return m ? `${m[2]}.${m[1]}` : name;
}
var isIndented2 = (s) => s.length > 0 && (s[0] === " " || s[0] === "	");
function make2(kind, tool, message, from, to, weight) {
  const f = { kind, tool, message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
var maven = {
  name: "maven",
  extract(lines) {
    const findings = [];
    let blockHead = -1;
    let blockUsed = false;
    let blockLocated = false;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const text = line.text;
      if (text.length > MAX_LINE24) {
        i++;
        continue;
      }
      const { level: level2, body: body3, ant: ant2 } = strip(text);
      const s = body3.trim();
      if (s === "COMPILATION ERROR :" || s === "COMPILATION ERROR") {
        blockHead = i;
        blockUsed = false;
        blockLocated = false;
        i++;
        continue;
      }
      if (blockHead >= 0 && level2 === "INFO" && /^\d+ errors?$|^-{10,}$/.test(s) && i > blockHead + 1)
        blockHead = -1;
      const loc = level2 === "ERROR" || level2 === "WARNING" || level2 === "WARN" || !level2 && blockHead >= 0 ? parseLoc(s) : void 0;
      if (loc) {
        if (loc.message.startsWith("error: ")) loc.message = loc.message.slice("error: ".length);
        if (blockHead >= 0) blockLocated = true;
        let end = i;
        let j = i + 1;
        const details = [];
        while (j < lines.length && j - i <= MAX_DETAIL2) {
          const next = lines[j].text;
          if (next.length > MAX_LINE24) break;
          const st = strip(next);
          if (st.level === "INFO" || st.body.trim() === "") break;
          if (st.level ? !/^\s{2,}\S/.test(st.body) : !isIndented2(next)) break;
          const d = javacDetail(st.body);
          if (d) details.push(d);
          end = j;
          j++;
        }
        const cs = CHECKSTYLE_MSG.exec(loc.message);
        const warning = level2 !== "ERROR";
        let f;
        if (cs) {
          f = make2(
            warning ? "warning" : "lint-error",
            "checkstyle",
            cs[3],
            line,
            lines[end],
            warning ? WEIGHT_WARNING7 : WEIGHT_RULE
          );
          f.code = cs[2];
        } else {
          f = make2(
            warning ? "warning" : "compile-error",
            loc.file.endsWith(".kt") ? "kotlin" : "javac",
            withJavacDetails(loc.message, details),
            line,
            lines[end],
            warning ? WEIGHT_WARNING7 : WEIGHT_COMPILE3
          );
          if (!warning && blockHead >= 0 && !blockUsed && i - blockHead <= 3) {
            f.logLines = [lines[blockHead].n, lines[end].n];
            blockUsed = true;
          }
        }
        f.file = loc.file;
        f.rawFile = loc.file;
        f.line = loc.line;
        f.column = loc.column;
        findings.push(f);
        i = end + 1;
        continue;
      }
      if (blockHead >= 0 && !blockLocated && level2 === "ERROR" && s && i - blockHead <= 30) {
        const f = make2(
          "compile-error",
          "javac",
          s,
          blockUsed ? line : lines[blockHead],
          line,
          WEIGHT_COMPILE_GLOBAL
        );
        blockUsed = true;
        findings.push(f);
        i++;
        continue;
      }
      if (level2 === "ERROR" || level2 === "WARN" || level2 === "WARNING" || ant2) {
        const cs = CHECKSTYLE_CLI.exec(s);
        if (cs && (cs[5] || ant2)) {
          const warning = level2 !== void 0 && level2 !== "ERROR";
          const f = make2(
            warning ? "warning" : "lint-error",
            "checkstyle",
            cs[4],
            line,
            line,
            warning ? WEIGHT_WARNING7 : WEIGHT_RULE
          );
          if (cs[5]) f.code = cs[5];
          f.file = cs[1];
          f.rawFile = cs[1];
          f.line = +cs[2];
          if (cs[3]) f.column = +cs[3];
          findings.push(f);
          i++;
          continue;
        }
        const ll = level2 === "ERROR" ? LINE_LOC.exec(s) : null;
        if (ll) {
          const f = make2("compile-error", "maven", ll[3], line, line, WEIGHT_RULE);
          f.file = ll[1];
          f.rawFile = ll[1];
          f.line = +ll[2];
          findings.push(f);
          i++;
          continue;
        }
      }
      const pmd = s.startsWith("PMD ") ? PMD.exec(s) : null;
      if (pmd) {
        const f = make2("lint-error", "pmd", pmd[4], line, line, WEIGHT_ANALYSIS);
        f.code = pmd[3];
        f.file = packagePath(pmd[1], `${pmd[1].slice(pmd[1].lastIndexOf(".") + 1).split("$")[0]}.java`);
        f.line = +pmd[2];
        findings.push(f);
        i++;
        continue;
      }
      const bug = level2 === "ERROR" && s.includes(".java:[line") ? SPOTBUGS.exec(s) : null;
      if (bug) {
        const f = make2("lint-error", "spotbugs", bug[1], line, line, WEIGHT_ANALYSIS);
        f.file = packagePath(bug[2], bug[3]);
        f.rawFile = bug[3];
        f.line = +bug[4];
        findings.push(f);
        i++;
        continue;
      }
      if (TEST_MARK2.test(s) && !s.startsWith("Tests run:")) {
        const name = TEST_NAME.exec(s);
        const test = testName2(name ? name[1] : s.slice(0, s.search(TEST_MARK2)));
        let end = i;
        let message = s;
        let f;
        for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
          const trace = readJavaTrace(lines, j);
          if (trace) {
            message = trace.top.message;
            f = make2("test-failure", "surefire", message, line, lines[trace.shownEnd], WEIGHT_TEST9);
            locateFromFrames(f, trace.frames, test.slice(0, test.lastIndexOf(".")));
            end = trace.end;
            break;
          }
          const thrown = parseThrowable(lines[j].text);
          if (thrown) {
            f = make2("test-failure", "surefire", thrown.message, line, lines[j], WEIGHT_TEST9);
            end = j;
            break;
          }
        }
        if (!f) f = make2("test-failure", "surefire", message, line, line, WEIGHT_TEST9);
        f.test = test;
        findings.push(f);
        i = end + 1;
        continue;
      }
      if (level2 === "ERROR" ? SUMMARY_HEAD.test(s) : !level2 && SUMMARY_HEAD_PLAIN.test(s)) {
        let end = i;
        let first;
        for (let j = i + 1; j < lines.length && j - i <= MAX_SUMMARY; j++) {
          const st = strip(lines[j].text);
          if (!/^\s{2,}\S/.test(st.body)) break;
          if (first === void 0) first = st.body.trim();
          end = j;
        }
        if (first !== void 0) {
          const f = make2(
            "test-failure",
            "surefire",
            `${s.replace(/:\s*$/, "")}: ${first}`,
            line,
            lines[end],
            WEIGHT_SUMMARY10
          );
          const e = SUMMARY_ENTRY.exec(first);
          if (e) f.test = `${e[1]}.${e[2]}`;
          findings.push(f);
          i = end + 1;
          continue;
        }
      }
      const goal = level2 === "ERROR" && s.startsWith("Failed to execute goal") ? GOAL.exec(s) : null;
      if (goal) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_GOAL_LINES; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (st.level !== "ERROR" || b === "" || ADVICE.test(b)) break;
          end = j;
        }
        const reason = goal[4].replace(/\s*-> \[Help \d+\]\s*$/, "");
        const dep = DEPENDENCY2.test(reason);
        const f = make2(
          dep ? "dependency" : "build-error",
          "maven",
          s.replace(/\s*-> \[Help \d+\]\s*$/, ""),
          line,
          lines[end],
          dep ? WEIGHT_DEPENDENCY4 : WEIGHT_GOAL
        );
        if (goal[1]) f.code = goal[1];
        findings.push(f);
        i = end + 1;
        continue;
      }
      if (level2 === "ERROR" && (READ_PROJECTS.test(s) || /^Plugin \S+ or one of its dependencies could not be resolved/.test(s))) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_RULE; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (st.level !== "ERROR" || b === "" || ADVICE.test(b)) break;
          end = j;
        }
        const block3 = lines.slice(i, end + 1).map((l) => l.text).join("\n");
        const dep = DEPENDENCY2.test(block3);
        findings.push(
          make2(
            dep ? "dependency" : "build-error",
            "maven",
            s.replace(/\s*-> \[Help \d+\]\s*$/, ""),
            line,
            lines[end],
            dep ? WEIGHT_DEPENDENCY4 : WEIGHT_RULE
          )
        );
        i = end + 1;
        continue;
      }
      const rule = ENFORCER.exec(s);
      if (rule) {
        let end = i;
        let detail2;
        for (let j = i + 1; j < lines.length && j - i < MAX_RULE; j++) {
          const st = strip(lines[j].text);
          const b = st.body.trim();
          if (b === "" || st.level === "INFO" || ADVICE.test(b) || /^(?:Failed to execute goal|Rule \d+:)/.test(b))
            break;
          if (detail2 === void 0) detail2 = b;
          end = j;
        }
        const name = rule[1].slice(rule[1].lastIndexOf(".") + 1);
        const dep = /Dependenc|UpperBound|Banned|Convergence|Snapshot/i.test(name);
        const f = make2(
          dep ? "dependency" : "build-error",
          "maven-enforcer",
          detail2 ? `${name}: ${detail2}` : s,
          line,
          lines[end],
          WEIGHT_RULE
        );
        f.code = name;
        findings.push(f);
        i = end + 1;
        continue;
      }
      const art = s.length < 600 ? ARTIFACT.exec(s) : null;
      if (art) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i < MAX_ARTIFACTS; j++) {
          const b = strip(lines[j].text).body.trim();
          if (!ARTIFACT.test(b) && !/^This could be due to|^If you are behind a proxy/.test(b)) break;
          end = j;
        }
        const f = make2("dependency", "maven", s, line, lines[end], WEIGHT_DEPENDENCY4 - 5);
        f.code = art[1];
        findings.push(f);
        i = end + 1;
        continue;
      }
      i++;
    }
    demoteAfterFirstFew(findings);
    return findings;
  }
};
function demoteAfterFirstFew(findings) {
  const seen = /* @__PURE__ */ new Map();
  for (const f of findings) {
    if (f.kind !== "compile-error" && f.kind !== "test-failure") continue;
    if (f.weight < WEIGHT_TEST9) continue;
    const n = seen.get(f.kind) ?? 0;
    seen.set(f.kind, n + 1);
    if (n >= FIRST_FEW) f.weight = WEIGHT_MORE;
  }
}

// src/log/extractors/gradle.ts
var WEIGHT_TEST10 = 85;
var WEIGHT_DEPENDENCY5 = 85;
var WEIGHT_WRONG = 72;
var WEIGHT_SCRIPT2 = 85;
var MAX_LINE25 = 2e3;
var MAX_WRONG = 14;
var TEST_FAILED = /^(\S.*?) > (.+) FAILED$/;
var DEPENDENCY3 = /Could not resolve|Could not find [\w.-]+:|Could not download|Could not GET|Could not HEAD/;
var SCRIPT = /^(?:A problem occurred (?:evaluating|configuring)|Could not compile (?:build|settings) file|Plugin \[.*\] was not found|Could not find method)/;
var WHERE = /^(?:Build file|Settings file|Script) '([^']+)' line: (\d+)$/;
var isBlank10 = (s) => s.trim() === "";
function testName3(cls, rest) {
  const parts = rest.split(" > ");
  const method = parts[parts.length - 1].replace(/\(\)$/, "");
  return `${cls}.${method}`;
}
var gradle = {
  name: "gradle",
  // each finding needs a Class > test FAILED line or * What went wrong:
  triggers: / FAILED|\* What went wrong:/,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const text = line.text;
      if (text.length > MAX_LINE25) {
        i++;
        continue;
      }
      const t2 = text.trim();
      if (t2.endsWith(" FAILED") && t2.includes(" > ")) {
        const m = TEST_FAILED.exec(t2);
        if (m) {
          let f;
          let end = i;
          for (let j = i + 1; j < lines.length && j <= i + 2; j++) {
            const trace = readJavaTrace(lines, j);
            if (trace) {
              f = {
                kind: "test-failure",
                tool: "gradle",
                message: trace.top.message,
                logLines: [line.n, lines[trace.shownEnd].n],
                weight: WEIGHT_TEST10
              };
              locateFromFrames(f, trace.frames, m[1]);
              end = trace.end;
              break;
            }
            const thrown = parseThrowable(lines[j].text);
            if (thrown) {
              f = {
                kind: "test-failure",
                tool: "gradle",
                message: thrown.message,
                logLines: [line.n, lines[j].n],
                weight: WEIGHT_TEST10
              };
              end = j;
              break;
            }
          }
          if (!f)
            f = {
              kind: "test-failure",
              tool: "gradle",
              message: t2,
              logLines: [line.n, line.n],
              weight: WEIGHT_TEST10
            };
          f.test = testName3(m[1], m[2]);
          if (line.segment !== void 0) f.segment = line.segment;
          findings.push(f);
          i = end + 1;
          continue;
        }
      }
      if (t2 === "* What went wrong:") {
        let start = i;
        let where2 = null;
        for (let k = i - 1; k >= 0 && k >= i - 8; k--) {
          const p = lines[k].text.trim();
          if (isBlank10(p) || /^-{5,}$/.test(p)) continue;
          const w = WHERE.exec(p);
          if (w) where2 = w;
          if (w || p === "* Where:") {
            start = k;
            continue;
          }
          if (/^FAILURE: |^\d+: Task failed with an exception\.$/.test(p)) start = k;
          break;
        }
        let end = i;
        const reasons = [];
        let j = i + 1;
        for (; j < lines.length && j - i <= MAX_WRONG; j++) {
          const u = lines[j].text.trim();
          if (u.startsWith("* ") || /^={5,}$|^-{5,}$/.test(u) || /^BUILD FAILED/.test(u)) break;
          if (u === "") continue;
          reasons.push(u);
          end = j;
        }
        while (j < lines.length && j - i < 400 && !lines[j].text.trim().startsWith("* ")) j++;
        if (reasons.length) {
          const head = reasons[0];
          const why = reasons.find((r, k) => k > 0 && r.startsWith(">"));
          const message = why ? `${head} ${why}` : head;
          const block3 = reasons.join("\n");
          const dep = DEPENDENCY3.test(block3);
          const script = SCRIPT.test(head);
          const f = {
            kind: dep ? "dependency" : "build-error",
            tool: "gradle",
            message,
            logLines: [lines[start].n, lines[end].n],
            weight: dep ? WEIGHT_DEPENDENCY5 : script ? WEIGHT_SCRIPT2 : WEIGHT_WRONG
          };
          const task = /^Execution failed for task '([^']+)'/.exec(head);
          if (task) f.code = task[1];
          if (where2) {
            f.file = where2[1];
            f.rawFile = where2[1];
            f.line = +where2[2];
          }
          if (lines[start].segment !== void 0) f.segment = lines[start].segment;
          findings.push(f);
        }
        i = Math.max(end + 1, i + 1);
        continue;
      }
      i++;
    }
    demoteAfterFirstFew(findings);
    return findings;
  }
};

// src/log/extractors/ant.ts
var WEIGHT_FAILED = 72;
var MAX_LINE26 = 2e3;
var MAX_BLOCK13 = 8;
var LOCATED2 = /^(.+?\.xml):(\d+): (.+)$/;
var ant = {
  name: "ant",
  // every finding starts at a BUILD FAILED line
  triggers: /BUILD FAILED/,
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].text.trim() !== "BUILD FAILED") continue;
      let end = i;
      let inner = null;
      for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK13; j++) {
        const t2 = lines[j].text;
        if (t2.trim() === "" || t2.length > MAX_LINE26 || t2.startsWith("Total time:")) break;
        const m = LOCATED2.exec(t2.trim());
        if (m) inner = m;
        end = j;
      }
      if (end === i) continue;
      const f = {
        kind: "build-error",
        tool: "ant",
        message: inner ? inner[3] : lines[i + 1].text.trim(),
        logLines: [lines[i].n, lines[end].n],
        weight: WEIGHT_FAILED
      };
      if (inner) {
        f.file = inner[1];
        f.rawFile = inner[1];
        f.line = +inner[2];
      }
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      i = end;
    }
    return findings;
  }
};

// src/log/extractors/kotlin.ts
var WEIGHT_ERROR8 = 90;
var WEIGHT_WARNING8 = 20;
var MAX_LINE27 = 2e3;
var PREFIX = /^(?:(e|w|error|warning): |\[(ERROR|WARNING)\] )/;
var OLD_LOC = /^ \((\d+), (\d+)\):? (.*)$/;
var NEW_LOC = /^(\d+):(\d+):? (?:(error|warning): )?(.*)$/;
var CARET7 = /^\s*\^+\s*$/;
function parseKotlinDiagnostic(text) {
  if (text.length > MAX_LINE27 || !text.includes(".kt")) return void 0;
  let t2 = text.trim();
  const p = PREFIX.exec(t2);
  let severity;
  if (p) {
    severity = (p[1] ?? p[2]).toLowerCase();
    t2 = t2.slice(p[0].length);
  }
  let at = t2.indexOf(".kt:");
  let ext = 3;
  if (at < 0) {
    at = t2.indexOf(".kts:");
    ext = 4;
  }
  if (at <= 0) return void 0;
  const file = t2.slice(0, at + ext);
  if (/\s/.test(file.replace(/^[A-Za-z]:\\/, "")) && !file.startsWith("file://")) return void 0;
  const rest = t2.slice(at + ext + 1);
  const old = OLD_LOC.exec(rest);
  if (old) {
    if (!severity) return void 0;
    return {
      file,
      line: +old[1],
      column: +old[2],
      error: severity.startsWith("e"),
      message: old[3].trim(),
      framed: false
    };
  }
  const neu = NEW_LOC.exec(rest);
  if (!neu) return void 0;
  const sev = neu[3] ?? severity;
  if (!sev) return void 0;
  return {
    file,
    line: +neu[1],
    column: +neu[2],
    error: sev.startsWith("e"),
    message: neu[4].trim(),
    framed: neu[3] !== void 0
  };
}
var kotlin = {
  name: "kotlin",
  // every finding has a .kt: or .kts: location
  triggers: /\.kt:|\.kts:/,
  extract(lines) {
    const findings = [];
    let i = 0;
    while (i < lines.length) {
      const d = parseKotlinDiagnostic(lines[i].text);
      if (!d) {
        i++;
        continue;
      }
      let end = i;
      if (d.framed && i + 2 < lines.length && CARET7.test(lines[i + 2].text)) end = i + 2;
      const f = {
        kind: d.error ? "compile-error" : "warning",
        tool: "kotlin",
        message: d.message,
        file: d.file,
        rawFile: d.file,
        line: d.line,
        column: d.column,
        logLines: [lines[i].n, lines[end].n],
        weight: d.error ? WEIGHT_ERROR8 : WEIGHT_WARNING8
      };
      if (lines[i].segment !== void 0) f.segment = lines[i].segment;
      findings.push(f);
      i = end + 1;
    }
    return findings;
  }
};

// src/log/extractors/xcode.ts
var WEIGHT_COMPILE4 = 88;
var WEIGHT_TEST11 = 80;
var WEIGHT_TOOL_ERROR = 70;
var WEIGHT_POD = 65;
var WEIGHT_CLOSER2 = 8;
var MAX_LINE28 = 2e3;
var MAX_FRAME3 = 6;
var XCPRETTY_ERROR = "\u274C";
var XCPRETTY_FAIL = "\u2717";
var LOCATED3 = /^(\/?[^\s:]+(?:[^:]*?)):(\d+)(?::(\d+))?: (.*)$/;
var SWIFT_DIAG = /^(\S[^:]*?\.swift):(\d+):(\d+): (error|warning): (.*)$/;
var XCTEST_ERROR = /^(\S[^:]*?):(\d+): error: (-\[\S+ \S+\]|\S+\.\S+) : (.*)$/;
var XCTEST_CASE = /^Test Case '(-\[\S+ \S+\]|[^']+)' failed \(/;
var TOOL_ERROR = /^(?:xcodebuild|xcrun|swift-build|swift-test|swift|pod): error: /;
var POD_BANG = /^\[!\] (.*)$/;
var POD_LINT = /^\s+- ERROR \| (.*)$/;
var POD_CONTEXT = /\bpod (?:install|update|lib lint|spec lint|repo|trunk|outdated)\b|CocoaPods|Podfile|\.podspec\b|^Analyzing dependencies$/;
var POD_WORDS = /\bpods?\b|\bPods-|podspec|Podfile|CocoaPods|specification/i;
var SUMMARY_LOC = /^\s+(\/\S+):(\d+)$/;
var SUMMARY_TEST = /^\s{2}(\S[^,]*), (.+)$/;
var CLOSERS = /^\*\* (?:BUILD|TEST|ARCHIVE|ANALYZE) FAILED \*\*$/;
var NOT_INSTALLED = /^The program '(swift|xcodebuild|xcpretty|pod)' is currently not installed\./;
var isBlank11 = (s) => s.trim() === "";
function make3(kind, message, from, to, weight) {
  const f = { kind, tool: "xcode", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function locate(f, file, line, column) {
  f.file = file;
  f.rawFile = file;
  if (line !== void 0) f.line = line;
  if (column !== void 0) f.column = column;
}
function frameEnd2(lines, i) {
  let end = i;
  for (let j = i + 1; j < lines.length && j <= i + MAX_FRAME3; j++) {
    const t2 = lines[j].text;
    if (isBlank11(t2)) continue;
    if (t2.includes(XCPRETTY_ERROR) || LOCATED3.test(t2.trim())) break;
    end = j;
    if (/^\s*[~^]+\s*$/.test(t2)) break;
  }
  return /^\s*[~^]+\s*$/.test(lines[end].text) ? end : i;
}
var xcode = {
  name: "xcode",
  // each finding needs one of: the xcpretty marks, a `.swift:` / `.m:` / `.mm:` location, `: error: `
  // (XCTest, the tools), `Test Case '`, CocoaPods' `[!] ` / `- ERROR | `, the not-installed line, a closer
  triggers: /❌|✗|\.swift:|\.mm?:\d|: error: |Test Case '|\[!\] |- ERROR \| |is currently not installed|FAILED \*\*|The following build commands failed:/,
  extract(lines) {
    const findings = [];
    const seen = /* @__PURE__ */ new Set();
    const pods = lines.some((l) => l.text.length <= MAX_LINE28 && POD_CONTEXT.test(l.text));
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE28 ? lines[i].text.slice(0, MAX_LINE28) : lines[i].text;
      const text = raw.trim();
      if (text === "") continue;
      const x = raw.indexOf(XCPRETTY_ERROR);
      if (x >= 0) {
        const rest = raw.slice(x + XCPRETTY_ERROR.length).trim();
        const m2 = LOCATED3.exec(rest);
        const end = frameEnd2(lines, i);
        const key = rest;
        const f = make3(
          "compile-error",
          m2 ? m2[4].trim() : rest.replace(/^error: /, ""),
          lines[i],
          lines[end],
          0
        );
        f.weight = seen.has(key) ? WEIGHT_CLOSER2 : m2 ? WEIGHT_COMPILE4 : WEIGHT_TOOL_ERROR;
        seen.add(key);
        if (m2) locate(f, m2[1], +m2[2], m2[3] ? +m2[3] : void 0);
        findings.push(f);
        i = end;
        continue;
      }
      const fail = raw.indexOf(XCPRETTY_FAIL);
      if (fail >= 0 && fail < 40) {
        const rest = raw.slice(fail + XCPRETTY_FAIL.length).trim();
        const comma = rest.indexOf(", ");
        if (comma > 0) {
          const f = make3("test-failure", rest.slice(comma + 2), lines[i], lines[i], WEIGHT_TEST11);
          f.test = rest.slice(0, comma);
          findings.push(f);
          continue;
        }
      }
      let m = SWIFT_DIAG.exec(text);
      if (m) {
        const end = frameEnd2(lines, i);
        const warn = m[4] === "warning";
        const f = make3(
          warn ? "warning" : "compile-error",
          m[5],
          lines[i],
          lines[end],
          warn ? 25 : WEIGHT_COMPILE4
        );
        if (seen.has(text)) f.weight = WEIGHT_CLOSER2;
        seen.add(text);
        locate(f, m[1], +m[2], +m[3]);
        findings.push(f);
        i = end;
        continue;
      }
      m = XCTEST_ERROR.exec(text);
      if (m) {
        const f = make3("assertion", m[4], lines[i], lines[i], WEIGHT_TEST11);
        f.test = m[3];
        locate(f, m[1], +m[2]);
        if (i + 1 < lines.length && XCTEST_CASE.test(lines[i + 1].text.trim())) {
          f.logLines = [lines[i].n, lines[i + 1].n];
          i++;
        }
        findings.push(f);
        continue;
      }
      m = XCTEST_CASE.exec(text);
      if (m) {
        const f = make3("test-failure", text, lines[i], lines[i], WEIGHT_TEST11 - 10);
        f.test = m[1];
        findings.push(f);
        continue;
      }
      m = TOOL_ERROR.exec(text);
      if (m) {
        let end = i;
        for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
          if (isBlank11(lines[j].text)) continue;
          if (/^\s/.test(lines[j].text)) end = j;
          break;
        }
        findings.push(make3("build-error", text, lines[i], lines[end], WEIGHT_TOOL_ERROR));
        i = end;
        continue;
      }
      m = POD_BANG.exec(text);
      if (m && !pods && !POD_WORDS.test(m[1])) m = null;
      m ??= POD_LINT.exec(raw);
      if (m) {
        const f = make3("dependency", m[1].trim(), lines[i], lines[i], WEIGHT_POD);
        const loc = /(\/\S+\.(?:swift|m|mm|h)):(\d+):(\d+): error: (.*)$/.exec(m[1]);
        if (loc) {
          f.kind = "compile-error";
          f.message = loc[4];
          locate(f, loc[1], +loc[2], +loc[3]);
        }
        findings.push(f);
        continue;
      }
      if (NOT_INSTALLED.test(text)) {
        findings.push(make3("build-error", text, lines[i], lines[i], WEIGHT_TOOL_ERROR));
        continue;
      }
      if (CLOSERS.test(text) || text === "The following build commands failed:") {
        findings.push(make3("build-error", text, lines[i], lines[i], WEIGHT_CLOSER2));
        continue;
      }
      const st = SUMMARY_TEST.exec(raw);
      if (st) {
        let j = i + 1;
        while (j < lines.length && j <= i + 3 && isBlank11(lines[j].text)) j++;
        const loc = j < lines.length ? SUMMARY_LOC.exec(lines[j].text) : null;
        if (loc && /\.(?:swift|m|mm)$/.test(loc[1])) {
          let from = i;
          if (i > 0 && /^\S+\.\S+$/.test(lines[i - 1].text.trim())) from = i - 1;
          else if (i > 1 && isBlank11(lines[i - 1].text) && /^[\w.]+$/.test(lines[i - 2].text.trim()))
            from = i - 2;
          const f = make3("test-failure", st[2].trim(), lines[from], lines[j], WEIGHT_TEST11);
          f.test = st[1].trim();
          locate(f, loc[1], +loc[2]);
          const frame2 = { rawFile: loc[1], line: +loc[2] };
          f.frames = [frame2];
          findings.push(f);
          i = j;
        }
      }
    }
    return findings;
  }
};

// src/log/extractors/dotnet.ts
var WEIGHT_ERROR9 = 90;
var WEIGHT_PROJECT_ERROR = 80;
var WEIGHT_TEST12 = 82;
var WEIGHT_CAKE = 60;
var WEIGHT_WARNING9 = 25;
var WEIGHT_REPRINT = 10;
var WEIGHT_SUMMARY11 = 6;
var MAX_LINE29 = 2e3;
var MAX_BLOCK14 = 40;
var SHOWN_FRAMES4 = 2;
var CODE4 = /^([A-Z]{2,}\d+|[A-Z]\d{4}): ?(.*)$/;
var PROJECT_SUFFIX = / \[([^\]]+\.(?:csproj|fsproj|vbproj|vcxproj|proj|sln|targets|props))\]$/;
var LOC2 = /([^\s()]+)\((\d+)(?:,(\d+))?(?:,\d+,\d+)?\)$/;
var PROJECT_LOC = /(\S+) :$/;
var XUNIT_FAIL = /^(?:\[xUnit\.net [\d:.]+\]\s+)?(\S.*?) \[FAIL\]$/;
var VSTEST_FAIL = /^(?:X |×\s?)?Failed ([\w`]+(?:\.[\w`]+)+(?:\(.*\))?)(?: \[[^\]]*\])?$/;
var NUNIT_FAIL = /^\d+\) (?:Test )?(?:Failure|Failed|Error) : (\S+)$/;
var MONO_FRAME = /^(\S.*?)\((\d+),\d+\): at (.*)$/;
var NET_FRAME = /^at (.*?)(?: in (.*):line (\d+))?$/;
var MONO_IL_FRAME = /^at (.+?) \[0x[0-9a-f]+\] in (.+?):(\d+)$/;
var SUMMARY5 = /^(?:Failed!|Test Run Failed\.|Total tests: \d+\. Passed: \d+\. Failed: [1-9])/;
var CAKE = /^An error occ?urr?ed while installing Cake\b/;
function make4(kind, message, from, to, weight) {
  const f = { kind, tool: "dotnet", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function parseDiagnostic(text) {
  for (const [severity, sep] of [
    ["error", ": error "],
    ["error", ": fatal error "],
    // MSVC: `x.h(3): fatal error C1083: Cannot open include file`
    ["warning", ": warning "]
  ]) {
    const at = text.indexOf(sep);
    if (at < 0) continue;
    const code2 = CODE4.exec(text.slice(at + sep.length));
    if (!code2 || /^TS\d/.test(code2[1])) continue;
    let message = code2[2].trim();
    const project = PROJECT_SUFFIX.exec(message);
    if (project) message = message.slice(0, project.index).trim();
    const before = text.slice(Math.max(0, at - 500), at);
    const d = { severity, code: code2[1], message };
    const loc = LOC2.exec(before.trimEnd());
    if (loc) {
      d.file = loc[1];
      d.line = +loc[2];
      if (loc[3]) d.column = +loc[3];
      return d;
    }
    const ploc = PROJECT_LOC.exec(before + ":");
    if (ploc && before.endsWith(" ")) {
      const p = ploc[1];
      if (p !== "MSBUILD" && p !== "CSC") d.file = p;
      return d;
    }
    if (before.trim() === "" || /\b(?:CSC|MSBUILD|EXEC|mcs|csc)$/.test(before.trim())) return d;
  }
  return void 0;
}
function parseFrame(t2) {
  const s = t2.trim();
  const mono = MONO_FRAME.exec(s);
  if (mono) return { rawFile: mono[1], line: +mono[2], function: mono[3] };
  const il = MONO_IL_FRAME.exec(s);
  if (il) return il[2].startsWith("<") ? void 0 : { rawFile: il[2], line: +il[3], function: il[1] };
  const net = NET_FRAME.exec(s);
  if (!net) return void 0;
  if (!net[2]) return void 0;
  return { rawFile: net[2], line: +net[3], function: net[1] };
}
function testBlock(lines, start, isHeader) {
  const header = lines[start];
  let message;
  let end = start;
  let frames = [];
  let shown = 0;
  let inStack = false;
  const indent3 = header.text.length - header.text.trimStart().length;
  for (let j = start + 1; j < lines.length && j - start <= MAX_BLOCK14; j++) {
    const raw = lines[j].text;
    const t2 = raw.trim();
    if (t2 === "") continue;
    const ind = raw.length - raw.trimStart().length;
    if (isHeader(t2)) break;
    const frameLine = !inStack && message !== void 0 && t2.startsWith("at ") && parseFrame(t2) !== void 0;
    if (!frameLine && (ind <= indent3 && !inStack && message !== void 0 || ind < indent3)) break;
    if (t2 === "Stack Trace:" || t2 === "Stack trace:") {
      inStack = true;
      end = j;
      continue;
    }
    if (t2 === "Error Message:" || t2 === "Output:" || t2 === "Standard Output Messages:") {
      if (t2 !== "Error Message:") break;
      end = j;
      continue;
    }
    if (!inStack && t2.startsWith("at ") && parseFrame(t2)) inStack = true;
    if (inStack) {
      const fr = parseFrame(t2);
      if (fr) frames.push(fr);
      if (fr || t2.startsWith("at ") || t2.startsWith("---")) {
        if (shown < SHOWN_FRAMES4) {
          end = j;
          shown++;
        }
        continue;
      }
      break;
    }
    if (message === void 0) message = t2;
    else if (/^Expected:/.test(message) && /^But was:/.test(t2) && !message.includes("But was:"))
      message = `${message} ${t2.replace(/\s+/g, " ")}`;
    end = j;
  }
  frames = frames.slice(0, 200);
  const name = (XUNIT_FAIL.exec(header.text.trim()) ?? VSTEST_FAIL.exec(header.text.trim()) ?? NUNIT_FAIL.exec(header.text.trim()))?.[1];
  const f = make4("test-failure", message ?? `${name ?? "test"} failed`, header, lines[end], WEIGHT_TEST12);
  if (name) f.test = name;
  if (frames.length) {
    f.frames = frames;
    f.file = frames[0].rawFile;
    f.rawFile = frames[0].rawFile;
    f.line = frames[0].line;
  }
  return f;
}
var isTestHeader = (t2) => XUNIT_FAIL.test(t2) || VSTEST_FAIL.test(t2) || NUNIT_FAIL.test(t2);
var dotnet = {
  name: "dotnet",
  // each finding needs one of: an MSBuild-style : error / : warning / : fatal error, a test runner's
  // failure line ([FAIL], Failed, Failure :, Error :), Cake's install error
  triggers: /: error |: warning |: fatal error | \[FAIL\]|Failed [\w`]+\.|Failed : |Failed!|Failed\.|Failed: [1-9]|Failure : |Error : |An error oc/,
  extract(lines) {
    const findings = [];
    const seen = /* @__PURE__ */ new Set();
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE29 ? lines[i].text.slice(0, MAX_LINE29) : lines[i].text;
      const text = raw.trim();
      if (text === "") continue;
      if (text.includes(": error ") || text.includes(": warning ") || text.includes(": fatal error ")) {
        const d = parseDiagnostic(text);
        if (d) {
          const key = `${d.file}|${d.line}|${d.column}|${d.code}|${d.message}`;
          const warn = d.severity === "warning";
          const f = make4(warn ? "warning" : "compile-error", d.message, lines[i], lines[i], 0);
          f.code = d.code;
          f.weight = seen.has(key) ? WEIGHT_REPRINT : warn ? WEIGHT_WARNING9 : d.line !== void 0 ? WEIGHT_ERROR9 : WEIGHT_PROJECT_ERROR;
          if (!warn && /^NU\d/.test(d.code)) f.kind = "dependency";
          if (!warn && /^MSB\d/.test(d.code)) f.kind = "build-error";
          seen.add(key);
          if (d.file) {
            f.file = d.file;
            f.rawFile = d.file;
            if (d.line !== void 0) f.line = d.line;
            if (d.column !== void 0) f.column = d.column;
          }
          findings.push(f);
          continue;
        }
      }
      if (text.endsWith(" [FAIL]") && XUNIT_FAIL.test(text)) {
        const f = testBlock(lines, i, isTestHeader);
        findings.push(f);
        continue;
      }
      if (text.startsWith("Failed ") || text.startsWith("X Failed ") || text.startsWith("\xD7 Failed")) {
        if (VSTEST_FAIL.test(text)) {
          findings.push(testBlock(lines, i, isTestHeader));
          continue;
        }
      }
      if (/^\d+\) /.test(text) && NUNIT_FAIL.test(text)) {
        findings.push(testBlock(lines, i, isTestHeader));
        continue;
      }
      if (SUMMARY5.test(text)) {
        findings.push(make4("test-failure", text, lines[i], lines[i], WEIGHT_SUMMARY11));
        continue;
      }
      if (CAKE.test(text)) {
        findings.push(make4("dependency", text, lines[i], lines[i], WEIGHT_CAKE));
      }
    }
    return findings;
  }
};

// src/log/extractors/lua.ts
var WEIGHT_TEST13 = 85;
var WEIGHT_EXCEPTION2 = 80;
var WEIGHT_LINT_ERROR2 = 60;
var WEIGHT_LINT_WARNING = 45;
var WEIGHT_SUMMARY12 = 5;
var MAX_LINE30 = 2e3;
var MAX_DETAILS3 = 12;
var MAX_FRAMES9 = 100;
var SHOWN_FRAMES5 = 3;
var BUSTED_HEADER = /^(Failure|Error) (?:→|->) (.+?) @ (\d+)$/;
var BUSTED_SUMMARY = /^\d+ success(?:es)? \/ (\d+) failures? \/ (\d+) errors? \/ \d+ pending\b/;
var LUACHECK_ISSUE = /^\s+(\S+\.(?:lua|rockspec|luacheckrc)):(\d+):(\d+)(?:-\d+)?: (?:\(([WE]\d+)\) )?(.*)$/;
var LUACHECK_PLAIN = /^(\S+\.(?:lua|rockspec|luacheckrc)):(\d+):(\d+)(?:-\d+)?: (?:\(([WE]\d+)\) )?(.*)$/;
var LUACHECK_FILE = /^Checking \S+\s+(?:OK|\d+ (?:warnings?|errors?))/;
var LOCATION5 = /(\[string "[^"]{1,300}"\]|[^\s:'"()[\]]+\.lua):(\d+): (.*)$/;
var FRAME2 = /^(\[string "[^"]{1,300}"\]|[^\s:]+?):(\d+): in (.*)$/;
var TAP_TEST = /^# Starting Test: (.*)$/;
var isBlank12 = (s) => s.trim() === "";
function unquoteChunk(file) {
  return file.startsWith('[string "') ? file.slice(9, -2) : file;
}
function isVendored(file) {
  return file.startsWith("[C]") || file.startsWith("(") || file.startsWith("/usr/") || file.includes("/luarocks/") || file.includes("/share/lua/") || file.includes("/lib/lua/");
}
function finding3(kind, message, from, to, weight) {
  const f = { kind, tool: "lua", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function setLocation(f, file, line, column) {
  f.file = file;
  f.rawFile = file;
  f.line = line;
  if (column !== void 0) f.column = column;
}
function tracebackBelow(lines, i) {
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
    const t2 = lines[j].text.trim();
    if (t2 === "stack traceback:") return j;
    if (t2 !== "") return -1;
  }
  return -1;
}
function readFrames2(lines, tb) {
  const frames = [];
  let shownEnd = tb;
  let end = tb;
  let count = 0;
  for (let j = tb + 1; j < lines.length && count < MAX_FRAMES9; j++) {
    const t2 = lines[j].text.trim();
    if (t2 === "") continue;
    if (!/^\s/.test(lines[j].text) && !t2.startsWith("[C]")) break;
    const m = FRAME2.exec(t2);
    const c = t2.startsWith("[C]: in ") || t2 === "(...tail calls...)";
    if (!m && !c) break;
    count++;
    end = j;
    if (count <= SHOWN_FRAMES5) shownEnd = j;
    if (m) {
      const raw = unquoteChunk(m[1]);
      const frame2 = { rawFile: raw, line: +m[2], vendored: isVendored(raw) };
      const fn = /^function '([^']+)'/.exec(m[3]);
      if (fn) frame2.function = fn[1];
      else if (m[3] === "main chunk") frame2.function = "main chunk";
      frames.push(frame2);
    }
  }
  return { frames, shownEnd, end };
}
var lua = {
  name: "lua",
  // each finding needs one of: busted's Failure/Error headers and summary, a luacheck location, a stack traceback:
  triggers: /Failure → |Failure -> |Error → |Error -> | pending|\.lua:|\.rockspec:|\.luacheckrc:|stack traceback:/,
  extract(lines) {
    const findings = [];
    let luacheck = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE30 ? lines[i].text.slice(0, MAX_LINE30) : lines[i].text;
      const text = raw.trim();
      if (text === "") continue;
      const h = BUSTED_HEADER.exec(text);
      if (h && i + 2 < lines.length) {
        const test = lines[i + 1].text.trim();
        const msgLine = lines[i + 2].text.trim();
        const loc = LOCATION5.exec(msgLine);
        let end = i + 2;
        for (let j = i + 3; j < lines.length && j <= i + 2 + MAX_DETAILS3; j++) {
          if (isBlank12(lines[j].text) || BUSTED_HEADER.test(lines[j].text.trim())) break;
          end = j;
        }
        let frames = [];
        const tb2 = tracebackBelow(lines, i + 2);
        if (tb2 > 0) {
          const r = readFrames2(lines, tb2);
          frames = r.frames;
          end = r.shownEnd;
        }
        const f = finding3("test-failure", loc ? loc[3].trim() : msgLine, lines[i], lines[end], WEIGHT_TEST13);
        if (h[1] === "Error") f.kind = "exception";
        f.test = test;
        if (loc) setLocation(f, unquoteChunk(loc[1]), +loc[2]);
        else setLocation(f, h[2], +h[3]);
        if (frames.length) f.frames = frames;
        findings.push(f);
        i = end;
        continue;
      }
      const s = BUSTED_SUMMARY.exec(text);
      if (s) {
        if (+s[1] + +s[2] > 0)
          findings.push(finding3("test-failure", text, lines[i], lines[i], WEIGHT_SUMMARY12));
        continue;
      }
      if (LUACHECK_FILE.test(text)) {
        luacheck = true;
        continue;
      }
      {
        const m = luacheck && raw[0] === " " ? LUACHECK_ISSUE.exec(raw) : raw[0] !== " " && raw[0] !== "	" ? LUACHECK_PLAIN.exec(raw) : null;
        if (m) {
          const error = m[4] ? m[4][0] === "E" : /^(?:expected|unexpected|unfinished|invalid|cannot)\b/.test(m[5]);
          const f = finding3(
            error ? "lint-error" : "warning",
            m[5].trim(),
            lines[i],
            lines[i],
            error ? WEIGHT_LINT_ERROR2 : WEIGHT_LINT_WARNING
          );
          if (m[4]) f.code = m[4];
          setLocation(f, m[1], +m[2], +m[3]);
          findings.push(f);
          continue;
        }
      }
      const tb = text.includes(":") ? tracebackBelow(lines, i) : -1;
      if (tb > 0) {
        const loc = LOCATION5.exec(text);
        const { frames, shownEnd } = readFrames2(lines, tb);
        let from = i;
        let test;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          const t2 = TAP_TEST.exec(lines[k].text.trim());
          if (t2) {
            from = k;
            test = t2[1].trim();
            break;
          }
        }
        const f = finding3(
          "exception",
          loc ? loc[3].trim() : text,
          lines[from],
          lines[shownEnd],
          WEIGHT_EXCEPTION2
        );
        if (test) f.test = test;
        if (frames.length) f.frames = frames;
        const top = frames.find((fr) => !fr.vendored);
        if (loc && !isVendored(unquoteChunk(loc[1]))) setLocation(f, unquoteChunk(loc[1]), +loc[2]);
        else if (top) setLocation(f, top.rawFile, top.line ?? 0);
        findings.push(f);
        i = Math.max(i, shownEnd);
      }
    }
    return findings;
  }
};

// src/log/extractors/tex.ts
var WEIGHT_ERROR10 = 85;
var WEIGHT_MISSING = 80;
var WEIGHT_BIBTEX = 70;
var WEIGHT_CONSEQUENCE = 15;
var WEIGHT_OVERFULL = 12;
var WEIGHT_WARNING10 = 10;
var WEIGHT_CLOSER3 = 5;
var MAX_LINE31 = 2e3;
var MAX_CONTEXT = 10;
var BANG = /^! (.+)$/;
var FILE_LINE = /^(\S+\.(?:tex|sty|cls|ltx|dtx|bib|bbl|def|cfg)):(\d+): (.+)$/;
var CONTEXT3 = /^l\.(\d+)(?: |$)/;
var MISSING2 = /^(?:! )?LaTeX Error: File `([^']+)' not found\.$/;
var LATEXMK_CLOSER = /^Latexmk: Errors, so I did not complete making targets$/;
var OVERFULL = /^Overfull \\[hv]box \([\d.]+pt too (?:wide|high)\) (?:in paragraph|in alignment|detected) at lines? (\d+)/;
var WARNING = /^(?:LaTeX|Package \w+|Class \w+) Warning: (.+)$/;
var TEX_BANG = /^(?:(?:LaTeX|Package \S+|Class \S+) Error:|Emergency stop|TeX capacity exceeded)/;
var BIBTEX = /^(.+)---line (\d+) of file (\S+)$/;
function make5(kind, message, from, to, weight) {
  const f = { kind, tool: "tex", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function context(lines, i) {
  for (let j = i + 1; j < lines.length && j <= i + MAX_CONTEXT; j++) {
    const t2 = lines[j].text;
    const m = CONTEXT3.exec(t2);
    if (m) {
      const next = j + 1 < lines.length ? lines[j + 1].text : "";
      const end = next.startsWith(" ") && next.trim() !== "" ? j + 1 : j;
      return [end, +m[1]];
    }
    if (BANG.test(t2) || FILE_LINE.test(t2)) return void 0;
  }
  return void 0;
}
var tex = {
  name: "tex",
  extract(lines) {
    const findings = [];
    let lastError = -Infinity;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text.length > MAX_LINE31 ? lines[i].text.slice(0, MAX_LINE31) : lines[i].text;
      if (text === "" || text[0] === " ") continue;
      const trimmed = text.trimEnd();
      const missing = MISSING2.exec(trimmed);
      if (missing) {
        const f = make5("dependency", trimmed.replace(/^! /, ""), lines[i], lines[i], WEIGHT_MISSING);
        f.code = missing[1];
        findings.push(f);
        lastError = i;
        continue;
      }
      const fl = FILE_LINE.exec(trimmed);
      const bang = fl ? null : BANG.exec(trimmed);
      if (fl || bang) {
        const message = fl ? fl[3] : bang[1];
        if (message.startsWith(" ==> Fatal error occurred")) continue;
        const ctx = context(lines, i);
        if (bang && !ctx && !TEX_BANG.test(message)) continue;
        const consequence = /^(?:Emergency stop|==> Fatal error)/.test(message) && i - lastError <= 20;
        const f = make5(
          "compile-error",
          message,
          lines[i],
          lines[ctx ? ctx[0] : i],
          consequence ? WEIGHT_CONSEQUENCE : WEIGHT_ERROR10
        );
        if (fl) {
          f.file = fl[1];
          f.rawFile = fl[1];
          f.line = +fl[2];
        } else if (ctx) {
          f.line = ctx[1];
        }
        findings.push(f);
        if (!consequence) lastError = i;
        if (ctx) i = ctx[0];
        continue;
      }
      const bib = BIBTEX.exec(trimmed);
      if (bib) {
        const f = make5("compile-error", bib[1].trim(), lines[i], lines[i], WEIGHT_BIBTEX);
        f.file = bib[3];
        f.rawFile = bib[3];
        f.line = +bib[2];
        findings.push(f);
        continue;
      }
      if (LATEXMK_CLOSER.test(trimmed)) {
        findings.push(make5("build-error", trimmed, lines[i], lines[i], WEIGHT_CLOSER3));
        continue;
      }
      const of = OVERFULL.exec(trimmed);
      if (of) {
        const f = make5("warning", trimmed, lines[i], lines[i], WEIGHT_OVERFULL);
        f.line = +of[1];
        findings.push(f);
        continue;
      }
      const w = WARNING.exec(trimmed);
      if (w) {
        const f = make5("warning", trimmed, lines[i], lines[i], WEIGHT_WARNING10);
        const at = / on input line (\d+)\.?$/.exec(w[1]);
        if (at) f.line = +at[1];
        findings.push(f);
      }
    }
    return findings;
  }
};

// src/log/extractors/shell.ts
var WEIGHT_SHELL = 55;
var WEIGHT_SHELLCHECK_ERROR = 60;
var WEIGHT_SHELLCHECK_WARNING = 50;
var WEIGHT_SHELLCHECK_INFO = 20;
var WEIGHT_POWERSHELL = 75;
var WEIGHT_PESTER = 82;
var MAX_LINE32 = 2e3;
var MAX_BLOCK15 = 30;
var SHOWN_FRAMES6 = 2;
var SHELLS = /* @__PURE__ */ new Set([
  "bash",
  "sh",
  "dash",
  "zsh",
  "ksh",
  "/bin/sh",
  "/bin/bash",
  "/usr/bin/bash",
  "/usr/bin/sh"
]);
var SHELL_LINE = /^(\S+): (?:line )?(\d+): (.+)$/;
var SHELL_NO_LINE = /^(\S+): (.+): (?:command not found|No such file or directory|Permission denied)$/;
var SHELL_REASON = /(?:command not found|: not found|No such file or directory|Permission denied|syntax error|unbound variable|bad substitution|ambiguous redirect|integer expression expected|too many arguments|unary operator expected|binary operator expected|Is a directory|Text file busy|cannot execute)/;
var SC_HEADER = /^In (\S.*) line (\d+):$/;
var SC_CARET = /^(\s*)\^-*\^? (SC\d+) \((error|warning|info|style)\): (.*)$/;
var SC_GCC = /^(\S+):(\d+):(\d+): (error|warning|note|style): (.*) \[(SC\d+)\]$/;
var PS_AT = /^At (?:line:(\d+) char:(\d+)|(.+):(\d+) char:(\d+))$/;
var PS_CATEGORY = /^\+ CategoryInfo\s*: .*?, ([\w.]+)\s*$/;
var PESTER_HEADER = /^\[-\] (.+?)(?: \d+(?:\.\d+)?m?s(?: \([^)]*\))?)?$/;
var PESTER_FRAME = /^at (.+?), (.+?):(?: line )?(\d+)$/;
var PESTER_STOP = /^(?:\[[-+!?]\] |Describing |Context |Running tests|Tests completed|Tests Passed|Discovering |Starting )/;
function make6(kind, message, from, to, weight) {
  const f = { kind, tool: "shell", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
function locate2(f, file, line, column) {
  f.file = file;
  f.rawFile = file;
  if (line !== void 0) f.line = line;
  if (column !== void 0) f.column = column;
}
var isScriptPath = (p) => /\.(?:sh|bash|zsh|ksh)$/.test(p) || p.startsWith("./");
var shell = {
  name: "shell",
  extract(lines) {
    const findings = [];
    const text = (k) => {
      const t2 = lines[k].text;
      return t2.length > MAX_LINE32 ? t2.slice(0, MAX_LINE32) : t2;
    };
    for (let i = 0; i < lines.length; i++) {
      const raw = text(i);
      const t2 = raw.trim();
      if (t2 === "") continue;
      const sc = SC_HEADER.exec(raw);
      if (sc) {
        let j = i + 2;
        for (; j < lines.length && j <= i + 12; j++) {
          const c = SC_CARET.exec(text(j));
          if (!c) break;
          const sev = c[3];
          const error = sev === "error";
          const f = make6(
            error || sev === "warning" ? "lint-error" : "warning",
            c[4].trim(),
            lines[i],
            lines[j],
            error ? WEIGHT_SHELLCHECK_ERROR : sev === "warning" ? WEIGHT_SHELLCHECK_WARNING : WEIGHT_SHELLCHECK_INFO
          );
          f.tool = "shellcheck";
          f.code = c[2];
          locate2(f, sc[1], +sc[2], c[1].length + 1);
          findings.push(f);
        }
        i = Math.max(i, j - 1);
        continue;
      }
      const g = SC_GCC.exec(t2);
      if (g) {
        const sev = g[4];
        const f = make6(
          sev === "error" || sev === "warning" ? "lint-error" : "warning",
          g[5].trim(),
          lines[i],
          lines[i],
          sev === "error" ? WEIGHT_SHELLCHECK_ERROR : sev === "warning" ? WEIGHT_SHELLCHECK_WARNING : WEIGHT_SHELLCHECK_INFO
        );
        f.tool = "shellcheck";
        f.code = g[6];
        locate2(f, g[1], +g[2], +g[3]);
        findings.push(f);
        continue;
      }
      if (t2.startsWith("[-] ")) {
        const h = PESTER_HEADER.exec(t2);
        if (h) {
          let name = h[1].trim();
          let message;
          const arrow = name.indexOf(" -> ");
          if (arrow > 0) {
            message = name.slice(arrow + 4).trim();
            name = name.slice(0, arrow).trim();
          }
          let end = i;
          let shown = 0;
          const frames = [];
          for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK15; j++) {
            const r = text(j).trim();
            if (r === "") continue;
            if (PESTER_STOP.test(r)) break;
            const fr = PESTER_FRAME.exec(r);
            if (fr) {
              const vendored = fr[2].startsWith("<") || /[\\/]Pester[\\/][\d.]+[\\/]/.test(fr[2]);
              frames.push({ rawFile: fr[2], line: +fr[3], function: fr[1], vendored });
              if (shown < SHOWN_FRAMES6) {
                end = j;
                shown++;
              }
              continue;
            }
            if (frames.length) break;
            if (message === void 0) message = r;
            end = j;
          }
          const f = make6("test-failure", message ?? `${name} failed`, lines[i], lines[end], WEIGHT_PESTER);
          f.tool = "pester";
          f.test = name;
          if (frames.length) {
            f.frames = frames;
            const top = frames.find((fr) => /\.Tests\.ps1$/i.test(fr.rawFile)) ?? frames.find((fr) => !fr.vendored);
            if (top) locate2(f, top.rawFile, top.line);
          }
          findings.push(f);
          i = end;
          continue;
        }
      }
      const at = PS_AT.exec(t2);
      if (at) {
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          const r = text(k).trim();
          if (r === "" || r.startsWith("+ ") || PS_AT.test(r)) break;
          from = k;
          if (r.includes(" : ")) break;
        }
        if (from === i) continue;
        let end = i;
        let code2;
        for (let j = i + 1; j < lines.length && j <= i + 10; j++) {
          const r = text(j).trim();
          if (!r.startsWith("+")) break;
          end = j;
          const cat = PS_CATEGORY.exec(r);
          if (cat) code2 = cat[1];
        }
        const first = text(from).trim();
        const sep = first.indexOf(" : ");
        const message = sep > 0 && sep < 80 && !/\s/.test(first.slice(0, sep)) ? first.slice(sep + 3) : first;
        const f = make6("exception", message, lines[from], lines[end], WEIGHT_POWERSHELL);
        f.tool = "powershell";
        if (code2) f.code = code2;
        if (at[3]) locate2(f, at[3], +at[4], +at[5]);
        findings.push(f);
        i = end;
        continue;
      }
      if (raw[0] === " " || raw[0] === "	") continue;
      const s = SHELL_LINE.exec(t2);
      if (s && (SHELLS.has(s[1]) || isScriptPath(s[1])) && SHELL_REASON.test(s[3])) {
        const f = make6("build-error", s[3], lines[i], lines[i], WEIGHT_SHELL);
        if (!SHELLS.has(s[1])) locate2(f, s[1], +s[2]);
        findings.push(f);
        continue;
      }
      const n = SHELL_NO_LINE.exec(t2);
      if (n && (SHELLS.has(n[1]) || isScriptPath(n[1]))) {
        const f = make6("build-error", t2.slice(n[1].length + 2), lines[i], lines[i], WEIGHT_SHELL);
        findings.push(f);
      }
    }
    return findings;
  }
};

// src/log/extractors/cmake.ts
var WEIGHT_ERROR11 = 80;
var WEIGHT_WARNING11 = 20;
var WEIGHT_NINJA_FAILED = 10;
var WEIGHT_CLOSER4 = 4;
var MAX_LINE33 = 2e3;
var SHOWN = 8;
var MAX_BLOCK16 = 80;
var HEADER4 = /^CMake (Error|Warning|Deprecation Warning|Warning \(dev\)|Error \(dev\))(?: at (.+?):(\d+) \(([\w-]+)\))?(?: in (.+?))?:(?: (.*))?$/;
var FRAME3 = /^\s+(\S.*?):(\d+) \(([\w-]+)\)$/;
var CLOSERS2 = /^-- (?:Configuring incomplete, errors occurred!|Generating incomplete)|^ninja: build stopped: /;
var NINJA_FAILED = /^FAILED: (.+?)\s*$/;
function make7(kind, message, from, to, weight) {
  const f = { kind, tool: "cmake", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
var cmake = {
  name: "cmake",
  extract(lines) {
    const findings = [];
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE33 ? lines[i].text.slice(0, MAX_LINE33) : lines[i].text;
      const text = raw.trimEnd();
      if (text === "") continue;
      const h = text.startsWith("CMake ") ? HEADER4.exec(text) : null;
      if (h) {
        let end = i;
        let message = h[6]?.trim() ?? "";
        const frames = [];
        let inStack = false;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK16; j++) {
          const t2 = lines[j].text;
          if (t2.trim() === "") continue;
          if (t2.trim() === "Call Stack (most recent call first):") {
            inStack = true;
            if (j - i < SHOWN) end = j;
            continue;
          }
          if (t2[0] !== " " && t2[0] !== "	") break;
          if (inStack) {
            const fr = FRAME3.exec(t2);
            if (fr) {
              frames.push({ rawFile: fr[1], line: +fr[2], function: fr[3] });
              if (j - i < SHOWN) end = j;
              continue;
            }
          }
          if (!message) message = t2.trim();
          if (j - i < SHOWN) end = j;
        }
        const error = h[1].startsWith("Error");
        const kind = !error ? "warning" : h[4] === "find_package" ? "dependency" : "build-error";
        const f = make7(kind, message || text, lines[i], lines[end], error ? WEIGHT_ERROR11 : WEIGHT_WARNING11);
        if (h[4]) f.code = h[4];
        const file = h[2] ?? h[5];
        if (file) {
          f.file = file;
          f.rawFile = file;
          if (h[3]) f.line = +h[3];
        }
        if (frames.length) f.frames = frames;
        findings.push(f);
        i = Math.max(i, end);
        continue;
      }
      if (CLOSERS2.test(text)) {
        findings.push(make7("build-error", text, lines[i], lines[i], WEIGHT_CLOSER4));
        continue;
      }
      const nf = NINJA_FAILED.exec(text);
      if (nf) {
        const end = i + 1 < lines.length && lines[i + 1].text.trim() !== "" ? i + 1 : i;
        const f = make7("build-error", `FAILED: ${nf[1]}`, lines[i], lines[end], WEIGHT_NINJA_FAILED);
        f.tool = "ninja";
        findings.push(f);
        i = end;
      }
    }
    return findings;
  }
};

// src/log/extractors/docker.ts
var WEIGHT_EXCERPT = 60;
var WEIGHT_STEP_ERROR = 55;
var WEIGHT_DAEMON = 45;
var WEIGHT_REPEAT = 5;
var WEIGHT_SOLVE = 30;
var WEIGHT_LEGACY = 40;
var MAX_LINE34 = 2e3;
var MAX_EXCERPT = 14;
var STEP_ERROR = /^#\d+ ERROR: (.+)$/;
var EXCERPT_STEP = /^ > (\[.*\] .+|.+):$/;
var FRAME_RULE = /^-{8,}$/;
var MAX_FRAME4 = 12;
var DOCKERFILE_AT = /^(\S*Dockerfile[\w.-]*):(\d+)$/;
var SOLVE = /^(?:ERROR: |error: )?failed to solve(?: with frontend dockerfile\.v0)?: (.+)$/;
var LEGACY = /^The command '(.+)' returned a non-zero code: (\d+)$/;
var LEGACY_STEP = /^Step \d+\/\d+ : /;
var LEGACY_RUNNING = /^---> Running in [0-9a-f]+$/;
var LEGACY_COPY = /^(?:COPY|ADD) failed: (.+)$/;
var STEP_OUTPUT = /^#\d+ \d+(?:\.\d+)? /;
var MAX_STEP_OUTPUT = 10;
var DAEMON = /^(?:docker: )?Error response from daemon: (.+)$/;
var PULL_DENIED = /^(?:docker: )?(?:Error: )?pull access denied for (\S+)/;
function make8(kind, message, from, to, weight) {
  const f = { kind, tool: "docker", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
var stripStepPrefix = (t2) => t2.replace(/^#\d+ (?:\d+(?:\.\d+)? )?/, "");
var docker = {
  name: "docker",
  extract(lines) {
    const findings = [];
    const seen = /* @__PURE__ */ new Set();
    let prevStepError = -1;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE34 ? lines[i].text.slice(0, MAX_LINE34) : lines[i].text;
      const text = raw.trim();
      if (text === "") continue;
      if (text === "------" && i + 1 < lines.length) {
        const step = EXCERPT_STEP.exec(lines[i + 1].text.trimEnd());
        if (!step) continue;
        let end = i + 1;
        let last;
        for (let j = i + 2; j < lines.length && j - i <= MAX_EXCERPT; j++) {
          const t2 = lines[j].text.trim();
          end = j;
          if (t2 === "------") break;
          if (t2 !== "") last = stripStepPrefix(t2);
        }
        let file;
        let line;
        if (end + 1 < lines.length) {
          const at = DOCKERFILE_AT.exec(lines[end + 1].text.trim());
          if (at) {
            file = at[1];
            line = +at[2];
            end++;
            if (end + 1 < lines.length && FRAME_RULE.test(lines[end + 1].text.trim())) {
              for (let j = end + 2; j < lines.length && j <= end + 1 + MAX_FRAME4; j++) {
                if (FRAME_RULE.test(lines[j].text.trim())) {
                  end = j;
                  break;
                }
              }
            }
          }
        }
        const prev = findings[findings.length - 1];
        const joined = prev !== void 0 && prevStepError === i - 1;
        if (end + 1 < lines.length) {
          const next = lines[end + 1].text.trim();
          if (SOLVE.test(next) || joined && next !== "" && next.endsWith(prev.message)) end++;
        }
        const f = joined ? prev : make8("build-error", last ?? step[1], lines[i], lines[end], WEIGHT_EXCERPT);
        f.logLines = [f.logLines[0], lines[end].n];
        f.weight = WEIGHT_EXCERPT;
        f.code = step[1];
        if (file !== void 0) {
          f.file = file;
          f.rawFile = file;
          f.line = line;
        }
        if (!joined) findings.push(f);
        i = end;
        continue;
      }
      let m = STEP_ERROR.exec(text);
      if (m) {
        prevStepError = i;
        const step = /^#(\d+) /.exec(text)?.[1];
        let from = i;
        while (from > 0 && i - from < MAX_STEP_OUTPUT && lines[from - 1].text.startsWith(`#${step} `) && STEP_OUTPUT.test(lines[from - 1].text))
          from--;
        findings.push(make8("build-error", m[1], lines[from], lines[i], WEIGHT_STEP_ERROR));
        continue;
      }
      m = SOLVE.exec(text);
      if (m) {
        findings.push(make8("build-error", text, lines[i], lines[i], WEIGHT_SOLVE));
        continue;
      }
      m = LEGACY.exec(text);
      if (m) {
        let from = i;
        for (let j = i - 1; j >= 0 && i - j <= MAX_STEP_OUTPUT; j--) {
          const t2 = lines[j].text.trim();
          if (LEGACY_RUNNING.test(t2) || LEGACY_STEP.test(t2)) {
            from = j + 1 < i ? j + 1 : i;
            break;
          }
        }
        const f = make8("build-error", text, lines[from], lines[i], WEIGHT_LEGACY);
        f.code = m[2];
        findings.push(f);
        continue;
      }
      m = LEGACY_COPY.exec(text);
      if (m) {
        const above = i > 0 && LEGACY_STEP.test(lines[i - 1].text.trim()) ? i - 1 : i;
        const f = make8("build-error", text, lines[above], lines[i], WEIGHT_LEGACY);
        if (above < i) f.code = lines[above].text.trim().replace(LEGACY_STEP, "");
        findings.push(f);
        continue;
      }
      m = DAEMON.exec(text) ?? PULL_DENIED.exec(text);
      if (m) {
        const kind = /manifest|not found|pull access denied|repository does not exist/.test(text) ? "dependency" : "build-error";
        const message = text.replace(/^docker: /, "");
        const key = message.replace(/\.$/, "");
        findings.push(make8(kind, message, lines[i], lines[i], seen.has(key) ? WEIGHT_REPEAT : WEIGHT_DAEMON));
        seen.add(key);
      }
    }
    return findings;
  }
};

// src/log/extractors/github.ts
var WEIGHT_INFRA = 40;
var WEIGHT_KILLED = 30;
var MAX_LINE35 = 2e3;
var RESOLVE_ACTION = /^(?:Error: )?Unable to resolve action [`'"]?[\w.-]+\/[\w./-]+@?/;
var DOWNLOAD_ACTION = /^(?:Error: )?(?:Failed to download action|An action could not be found at the URI) /;
var ARTIFACT2 = /^(?:Error: )?Unable to download artifact\(s\)?: /;
var RATE_LIMIT = /(?:API rate limit exceeded|You have exceeded a secondary rate limit|secondary rate limit)/;
var GIT_PROCESS = /^(?:Error: )?The process '[^']*\bgit' failed with exit code (\d+)$/;
var KILLED = /^(?:\S+: line \d+: +\d+ Killed\b.*|Killed)$/;
var EXIT_137 = /^(?:Error: )?Process completed with exit code 137\.?$/;
var GIT_CAUSE = /^(?:fatal|remote|error): /;
function make9(message, from, to, weight, code2) {
  const f = { kind: "infra", tool: "github", message, logLines: [from.n, to.n], weight };
  if (code2) f.code = code2;
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
var github = {
  name: "github",
  extract(lines) {
    const findings = [];
    let rateLimited = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i].text.length > MAX_LINE35 ? lines[i].text.slice(0, MAX_LINE35) : lines[i].text;
      const text = raw.trim();
      if (text === "" || lines[i].marker === "warning") continue;
      if (RESOLVE_ACTION.test(text) || DOWNLOAD_ACTION.test(text)) {
        findings.push(
          make9(text.replace(/^Error: /, ""), lines[i], lines[i], WEIGHT_INFRA, "action-resolution")
        );
        continue;
      }
      if (ARTIFACT2.test(text)) {
        findings.push(
          make9(text.replace(/^Error: /, ""), lines[i], lines[i], WEIGHT_INFRA, "artifact-download")
        );
        continue;
      }
      if (!rateLimited && RATE_LIMIT.test(text)) {
        rateLimited = true;
        const message = text.replace(/^"message":\s*"?/, "").replace(/",?$/, "");
        findings.push(make9(message, lines[i], lines[i], WEIGHT_INFRA, "rate-limit"));
        continue;
      }
      const git = GIT_PROCESS.exec(text);
      if (git) {
        let from = i;
        for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
          if (!GIT_CAUSE.test(lines[k].text.trim())) break;
          from = k;
        }
        const cause = from < i ? lines[from].text.trim() : text.replace(/^Error: /, "");
        findings.push(make9(cause, lines[from], lines[i], WEIGHT_INFRA, `git-exit-${git[1]}`));
        continue;
      }
      if (KILLED.test(text)) {
        findings.push(
          make9(`${text} (out of memory or SIGKILL)`, lines[i], lines[i], WEIGHT_KILLED, "killed")
        );
        continue;
      }
      if (EXIT_137.test(text)) {
        findings.push(
          make9(
            "Exit code 137: the process was killed (out of memory or SIGKILL)",
            lines[i],
            lines[i],
            WEIGHT_KILLED,
            "killed"
          )
        );
      }
    }
    return findings;
  }
};

// src/log/extractors/region.ts
var WEIGHT_TAIL = 18;
var WEIGHT_LAST = 17;
var WEIGHT_FIRST = 16;
var MAX_LINE36 = 2e3;
var MAX_BLOCK17 = 12;
var GAP = 2;
var MAX_REGION = 5e3;
var TAIL = 10;
var TRAVIS_EXIT = /^The command "[\s\S]*" exited with (\d+)\.$/;
var TRAVIS_EXIT_END = /" exited with (\d+)\.$/;
var TRAVIS_EXIT_START = /^The command "/;
var MAX_COMMAND_LINES = 200;
var TRAVIS_DONE = /^Done\. Your build exited with [1-9]\d*\.$/;
var GHA_EXIT = /^(?:Error: )?Process completed with exit code ([1-9]\d*)\.?$/;
var JENKINS_EXIT = /^(?:ERROR: script returned exit code [1-9]\d*|Build step '.*' marked build as failure|ERROR: Step .* failed|Finished: FAILURE)$/;
var KEYWORD = /(?:error|fail|exception|assert|expected|not ok|panic|fatal|undefined|cannot|can't|could not|couldn't|unable to|missing|denied|refused|timed? ?out|not found|no such|segmentation|traceback|aborted|killed|invalid|unexpected|mismatch|did not match|doesn't match|does not match|violation|\bwrong\b|\[-\]|\bE\d{3,4}\b|✗|✖|×)/i;
var NOISE = /(?:\b0 (?:errors?|failures?|failed)\b|\b(?:errors?|failures?|failed|fail)[:=]\s*0\b|^\s*(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|libtool|\/usr\/bin\/\S+)\s|\bwarnings?\b.*\b0 errors\b|^\s*(?:CC|CXX|LD|AR|CCLD|CXXLD)\s|^\s*(?:Compiling|Installing|Downloading|Downloaded|Fetching|Collecting|Requirement already|Building|Checking|checking)\b|\bok\b.*\(\d|^\s*ok\s+\d|\bpass(?:ed)?\b.*\b0 fail|\bif\b.*\bthen\b|error\.(?:h|c|o|js|ts|py|rb|go|rs|hs|ex|java|class|html|log)\b|errors?_?\w*\.(?:h|c|o|js|ts|py|rb|go|rs|java)\b)/i;
var ECHO = /^(?:npm ERR!|npm error|error Command failed with exit code|info Visit https:\/\/yarnpkg|make(?:\[\d+\])?: \*\*\*|make(?:\[\d+\])?: (?:Leaving|Entering) directory|Makefile:\d+: recipe for target|Error: Process completed with exit code|Process completed with exit code|\s*at \S*(?:node_modules|internal\/))/;
var MAX_ECHO = 60;
function clip2(text) {
  return text.length > MAX_LINE36 ? text.slice(0, MAX_LINE36) : text;
}
function isCloser(text) {
  const t2 = TRAVIS_EXIT.exec(text);
  if (t2) return t2[1] !== "0";
  return GHA_EXIT.test(text) || JENKINS_EXIT.test(text);
}
function isCommand(line) {
  return line.marker === "command" || line.text.startsWith("$ ") || line.text.startsWith("+ ");
}
function failingRegions(lines, doc) {
  const regions = [];
  let prevCloser = -1;
  let done = -1;
  let commandStart = -1;
  for (let i = 0; i < lines.length; i++) {
    const text = clip2(lines[i].text).trim();
    if (TRAVIS_EXIT_START.test(text)) commandStart = i;
    const multi = commandStart >= 0 && commandStart < i && i - commandStart <= MAX_COMMAND_LINES;
    const end2 = multi ? TRAVIS_EXIT_END.exec(text) : null;
    if (end2) {
      if (end2[1] !== "0")
        regions.push({
          from: regionStart(lines, doc, commandStart, prevCloser),
          to: commandStart,
          closer: lines[i]
        });
      prevCloser = i;
      commandStart = -1;
    } else if (text.length > 9 && isCloser(text)) {
      regions.push({ from: regionStart(lines, doc, i, prevCloser), to: i, closer: lines[i] });
      prevCloser = i;
    } else if (TRAVIS_DONE.test(text)) done = i;
    else if (TRAVIS_EXIT.test(text)) prevCloser = i;
  }
  if (regions.length) return regions;
  let end = done >= 0 ? done : lines.length;
  while (end > 0 && lines[end - 1].text.trim() === "") end--;
  if (end === 0) return [];
  return [{ from: regionStart(lines, doc, end, -1), to: end }];
}
function regionStart(lines, doc, closer, prevCloser) {
  const floor = Math.max(prevCloser + 1, closer - MAX_REGION, 0);
  const last = lines[Math.max(closer - 1, 0)];
  const seg = doc && last.segment !== void 0 ? doc.segments[last.segment] : void 0;
  if (seg && (!doc || doc.segments.length > 1)) {
    let i = closer - 1;
    while (i > floor && lines[i - 1].n >= seg.lines[0]) i--;
    if (i < closer - 1 || lines[i]?.n === seg.lines[0]) return Math.max(i, floor);
  }
  for (let i = closer - 1; i > floor; i--) if (isCommand(lines[i])) return i;
  return floor;
}
function isKeyword(text) {
  return text !== "" && KEYWORD.test(text) && !NOISE.test(text);
}
function clustersOf(lines, r) {
  const out = [];
  let cur;
  for (let i = r.from; i < r.to; i++) {
    const text = clip2(lines[i].text);
    if (!isKeyword(text)) continue;
    if (cur && i - cur.b <= GAP + 1) cur.b = i;
    else {
      if (cur) out.push(cur);
      cur = { a: i, b: i };
    }
  }
  if (cur) out.push(cur);
  return out;
}
function nonEmpty(lines, i) {
  return lines[i].text.trim() !== "";
}
function make10(lines, a, b, weight, what) {
  while (a < b && !nonEmpty(lines, a)) a++;
  while (b > a && !nonEmpty(lines, b)) b--;
  const first = lines[a];
  const message = clip2(first.text).trim().replace(/\s+/g, " ").slice(0, 300) || what;
  const f = {
    kind: "build-error",
    tool: "region",
    message,
    logLines: [first.n, lines[b].n],
    weight
  };
  if (first.segment !== void 0) f.segment = first.segment;
  return f;
}
var CLOSER_GAP = 2;
var BEFORE = 1;
var X_TAIL = 12;
var X_BEFORE = BEFORE;
var X_FIRST = 1;
var X_ECHO = 1;
var X_MAX = MAX_BLOCK17;
function block2(lines, r, c, weight) {
  const a = Math.max(r.from, c.a - X_BEFORE);
  const b = Math.min(c.b + 1, r.to - 1, a + X_MAX - 1);
  return make10(lines, a, b, weight, "failing step");
}
function tail(lines, r, n, weight) {
  let a = r.to - 1;
  let k = 0;
  while (a > r.from) {
    if (nonEmpty(lines, a)) k++;
    if (k >= n) break;
    a--;
  }
  return make10(lines, a, r.to - 1, weight, "failing step");
}
var region = {
  name: "region",
  extract(lines, doc) {
    const findings = [];
    for (const r of failingRegions(lines, doc)) {
      if (r.to <= r.from) continue;
      const closerAt = r.to;
      r.from = outputStart(lines, r);
      if (X_ECHO) {
        let to = r.to;
        let k = 0;
        while (to > r.from + 1 && k < MAX_ECHO && (!nonEmpty(lines, to - 1) || ECHO.test(clip2(lines[to - 1].text)))) {
          to--;
          k++;
        }
        if (to < r.to && nonEmpty(lines, to - 1)) r.to = to;
      }
      const clusters = clustersOf(lines, r);
      if (!clusters.length || X_TAIL > 0) {
        const t2 = tail(lines, r, X_TAIL || TAIL, WEIGHT_TAIL);
        if (r.closer && lines[closerAt] === r.closer && closerAt - r.to <= CLOSER_GAP)
          t2.logLines = [t2.logLines[0], r.closer.n];
        findings.push(t2);
        while (clusters.length && lines[clusters[clusters.length - 1].a].n >= t2.logLines[0]) clusters.pop();
      }
      if (!clusters.length) continue;
      const last = clusters[clusters.length - 1];
      findings.push(block2(lines, r, last, WEIGHT_LAST));
      if (clusters.length > 1 && X_FIRST) findings.push(block2(lines, r, clusters[0], WEIGHT_FIRST));
    }
    return findings;
  }
};
var MAX_HEADER = 60;
function outputStart(lines, r) {
  let i = r.from;
  while (i < r.to) {
    const line = lines[i];
    if (line.marker === "group") {
      let j = i + 1;
      while (j < r.to && j - i <= MAX_HEADER && lines[j].marker !== "endgroup" && lines[j].marker !== "group")
        j++;
      if (j >= r.to || lines[j].marker !== "endgroup") break;
      i = j + 1;
    } else if (line.marker === "endgroup" || !nonEmpty(lines, i)) i++;
    else break;
  }
  return i < r.to ? i : r.from;
}
function failingSegments(doc) {
  const out = /* @__PURE__ */ new Set();
  for (const r of failingRegions(doc.lines, doc)) {
    if (!r.closer) continue;
    for (let i = r.from; i < r.to; i++) {
      const seg = doc.lines[i].segment;
      if (seg !== void 0) out.add(seg);
    }
    if (r.closer.segment !== void 0) out.add(r.closer.segment);
    if (printedNothing(doc.lines, r)) {
      for (let k = r.from - 1; k >= 0 && r.from - k <= SILENT_LOOKBACK; k--) {
        const t2 = doc.lines[k].text.trim();
        if (t2 === "" || TRAVIS_EXIT.test(t2) || isCommand(doc.lines[k])) continue;
        const seg = doc.lines[k].segment;
        if (seg !== void 0) out.add(seg);
        break;
      }
    }
  }
  return out;
}
var SILENT_LOOKBACK = 20;
function printedNothing(lines, r) {
  for (let i = r.from; i < r.to; i++) if (lines[i].text.trim() !== "" && !isCommand(lines[i])) return false;
  return true;
}

// src/log/extractors/haskell.ts
var WEIGHT_ERROR12 = 90;
var WEIGHT_TEST14 = 80;
var WEIGHT_BUILD2 = 60;
var WEIGHT_SUMMARY13 = 20;
var WEIGHT_WARNING12 = 30;
var MAX_LINE37 = 2e3;
var MAX_BLOCK18 = 16;
var HEADER5 = /^(\S[^:]*?\.(?:hs|lhs|hsc|hs-boot|x|y)):(?:(\d+):(\d+)(?:-\d+)?|\((\d+),(\d+)\)-\(\d+,\d+\)):\s*(error|warning|Error|Warning)\b:?\s*(.*)$/;
var FLAGS = /^\[([^\]]*)\]\s*/;
var WERROR = /Failing due to -Werror/;
var STACK_PREFIX = /^[\w.-]+\s+> ?/;
var body = (t2) => t2.includes("> ") ? t2.replace(STACK_PREFIX, "") : t2;
var CABAL = /^(?:Error: )?(cabal(?:\.exe)?|stack(?:\.exe)?): ([^\s|>].*)$/;
var STACK_ERROR = /^Error: (While constructing the build plan.*|\[S-\d+\].*)$/;
var WHILE_BUILDING = /^--\s+While building (?:package|custom Setup\.hs for package) (.+)$/;
var HSPEC_ITEM = /^\s*(\d+)\) (\S.*)$/;
var HSPEC_LOC = /^\s*(\S+\.l?hs):(\d+):(\d+):\s*$/;
var HSPEC_SUMMARY = /^\d+ examples?, (\d+) failures?/;
var TASTY_FAIL = /^(\s+)(\S.*?):\s+FAIL(?: \([\d.]+s\))?$/;
var TASTY_SUMMARY = /^(\d+) out of (\d+) tests failed/;
var QC_FAIL = /^\*\*\* Failed! (.*)$/;
var GUTTER2 = /^\s*\d* ?\|/;
var TEST_SUITE = /^Test suite (\S+): FAIL$/;
var indentOf5 = (s) => s.length - s.trimStart().length;
var isBlank13 = (s) => s.trim() === "";
function push6(out, lines, start, end, f) {
  const finding5 = { ...f, logLines: [lines[start].n, lines[end].n] };
  if (finding5.file) finding5.rawFile = finding5.file;
  const seg = lines[start].segment;
  if (seg !== void 0) finding5.segment = seg;
  out.push(finding5);
}
function blockEnd3(lines, start, minIndent, stop) {
  let end = start;
  for (let j = start + 1; j < lines.length && j - start <= MAX_BLOCK18; j++) {
    const t2 = body(lines[j].text);
    if (isBlank13(t2)) continue;
    if (indentOf5(t2) < minIndent && !GUTTER2.test(t2) || stop && stop(t2)) break;
    end = j;
  }
  return end;
}
var haskell = {
  name: "haskell",
  extract(lines) {
    const out = [];
    let werror = false;
    for (const l of lines) if (l.text.length <= MAX_LINE37 && WERROR.test(l.text)) werror = true;
    let inFailures = false;
    let sawHspec = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE37) continue;
      const hb = body(text);
      const h = hb.includes(".") && hb.includes(":") ? HEADER5.exec(hb) : null;
      if (h) {
        let message = h[7].trim();
        let code2;
        const flags = FLAGS.exec(message);
        if (flags) {
          code2 = flags[1];
          message = message.slice(flags[0].length);
        }
        const end = blockEnd3(lines, i, 1, (t2) => HEADER5.test(t2));
        if (!message && end > i)
          message = body(lines[i + 1].text).trim().replace(/^[•*]\s*/, "");
        const dependency = hb !== text;
        const severe = /^[eE]/.test(h[6]) || werror && !dependency || (code2 ?? "").includes("-Werror");
        if (!severe && dependency) {
          i = end;
          continue;
        }
        push6(out, lines, i, end, {
          kind: severe ? "compile-error" : "warning",
          tool: "ghc",
          message,
          ...code2 ? { code: code2 } : {},
          file: h[1],
          line: +(h[2] ?? h[4]),
          column: +(h[3] ?? h[5]),
          weight: severe ? dependency ? WEIGHT_BUILD2 : WEIGHT_ERROR12 : WEIGHT_WARNING12
        });
        i = end;
        continue;
      }
      const trimmed = text.trim();
      if (trimmed === "Failures:") {
        inFailures = true;
        continue;
      }
      const cabal = text === trimmed ? CABAL.exec(trimmed) : null;
      if (cabal) {
        const end = blockEnd3(lines, i, 1);
        const msg = cabal[2].trim();
        const dependency = /resolve dependencies|build plan|unknown package|Could not find module|HTTP|download/i.test(msg);
        push6(out, lines, i, Math.min(end, i + 8), {
          kind: dependency ? "dependency" : "build-error",
          tool: cabal[1].replace(/\.exe$/, ""),
          message: msg,
          weight: WEIGHT_BUILD2
        });
        i = Math.min(end, i + 8);
        continue;
      }
      const se = STACK_ERROR.exec(trimmed);
      if (se) {
        const end = blockEnd3(lines, i, 1);
        push6(out, lines, i, Math.min(end, i + 10), {
          kind: /build plan/.test(se[1]) ? "dependency" : "build-error",
          tool: "stack",
          message: se[1],
          weight: WEIGHT_BUILD2
        });
        i = Math.min(end, i + 10);
        continue;
      }
      const wb = WHILE_BUILDING.exec(trimmed);
      if (wb) {
        push6(out, lines, i, i, {
          kind: "build-error",
          tool: "stack",
          message: `While building ${wb[1]}`,
          weight: WEIGHT_BUILD2 - 10
        });
        continue;
      }
      if (inFailures && i > 0 && HSPEC_LOC.test(lines[i - 1].text)) {
        const item = HSPEC_ITEM.exec(text);
        if (item) {
          sawHspec = true;
          let start = i;
          let file;
          let line;
          let column;
          const loc = i > 0 ? HSPEC_LOC.exec(lines[i - 1].text) : null;
          if (loc) {
            start = i - 1;
            file = loc[1];
            line = +loc[2];
            column = +loc[3];
          }
          const end = blockEnd3(lines, i, indentOf5(text) + 1, (t2) => HSPEC_LOC.test(t2) || HSPEC_ITEM.test(t2));
          const msgLine = end > i ? lines[i + 1].text.trim() : "";
          push6(out, lines, start, end, {
            kind: "test-failure",
            tool: "hspec",
            message: msgLine ? `${item[2]}: ${msgLine}` : item[2],
            test: item[2],
            ...file ? { file, line, column } : {},
            weight: WEIGHT_TEST14
          });
          i = end;
          continue;
        }
      }
      const hs = HSPEC_SUMMARY.exec(trimmed);
      if (hs) {
        inFailures = false;
        if (+hs[1] > 0 && sawHspec)
          push6(out, lines, i, i, {
            kind: "test-failure",
            tool: "hspec",
            message: trimmed,
            weight: WEIGHT_SUMMARY13
          });
        continue;
      }
      const tf = TASTY_FAIL.exec(text);
      if (tf) {
        const end = blockEnd3(lines, i, tf[1].length + 1);
        const msgLine = end > i ? lines[i + 1].text.trim() : "";
        push6(out, lines, i, end, {
          kind: "test-failure",
          tool: "tasty",
          message: msgLine ? `${tf[2]}: ${msgLine}` : tf[2],
          test: tf[2],
          weight: WEIGHT_TEST14
        });
        i = end;
        continue;
      }
      const ts = TASTY_SUMMARY.exec(trimmed);
      if (ts) {
        push6(out, lines, i, i, {
          kind: "test-failure",
          tool: "tasty",
          message: trimmed,
          weight: WEIGHT_SUMMARY13
        });
        continue;
      }
      const qc = QC_FAIL.exec(trimmed);
      if (qc) {
        const end = Math.min(
          blockEnd3(lines, i, 0, (t2) => isBlank13(t2) || /^\s*\d+\)|^\S+:\s*(OK|FAIL)/.test(t2)),
          i + 6
        );
        push6(out, lines, i, end, {
          kind: "assertion",
          tool: "quickcheck",
          message: trimmed,
          weight: WEIGHT_TEST14 - 5
        });
        i = end;
        continue;
      }
      const suite = TEST_SUITE.exec(trimmed);
      if (suite) {
        push6(out, lines, i, i, {
          kind: "test-failure",
          tool: "cabal",
          message: trimmed,
          test: suite[1],
          weight: WEIGHT_SUMMARY13
        });
      }
    }
    return out;
  }
};

// src/log/extractors/elixir.ts
var WEIGHT_TEST15 = 85;
var WEIGHT_COMPILE5 = 90;
var WEIGHT_UNCAUGHT4 = 80;
var WEIGHT_MIX = 60;
var WEIGHT_SUMMARY14 = 20;
var MAX_LINE38 = 2e3;
var MAX_SHOWN6 = 24;
var MAX_FRAMES_SHOWN = 8;
var TEST_HEADER2 = /^(\s*)(\d+)\) (test|doctest|property) (.+) \(([\w.]+)\)$/;
var TEST_LOC = /^\s*(\S+\.exs?):(\d+)$/;
var RAISE = /^(\s*)\*\* \(([\w.]+)\) ?(.*)$/;
var FRAME4 = /^\s+(?:\(([\w.]+)(?: [\d.]+)?\) )?([^\s:()]+\.(?:exs?|erl|hrl)):(\d+): (.+)$/;
var COMPILE_LOC = /^(\S+\.exs?):(\d+)(?::(\d+))?:\s*(.*)$/;
var COMPILATION_ERROR = /^== Compilation error in file (\S+) ==$/;
var NEW_ERROR = /^error: (.+)$/;
var NEW_LOC2 = /^\s*└─ (\S+?):(\d+)(?::(\d+))?(?:: .*)?$/;
var SUMMARY22 = /^(?:\d+ (?:doctests?|properties|tests?), )*\d+ tests?, (\d+) failures?/;
var indentOf6 = (s) => s.length - s.trimStart().length;
var isBlank14 = (s) => s.trim() === "";
function frameOf(t2) {
  const m = FRAME4.exec(t2);
  if (!m) return void 0;
  const fr = { rawFile: m[2], line: +m[3], function: m[4].trim(), vendored: m[1] !== void 0 };
  return fr;
}
var elixir = {
  name: "elixir",
  // each finding needs one of: an ExUnit test header, a ** (Error) line, the new compiler's └─ location
  triggers: /\) test |\) doctest |\) property |\*\* \(|└─/,
  extract(lines) {
    const out = [];
    let compiling;
    let sawTest = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE38) continue;
      const th = TEST_HEADER2.exec(text);
      if (th) {
        sawTest = true;
        const indent3 = th[1].length;
        let end = i;
        let stack = -1;
        let frames = 0;
        const fr = [];
        let message = "";
        let file;
        let line;
        for (let j = i + 1; j < lines.length && j - i < 400; j++) {
          const t2 = lines[j].text;
          if (isBlank14(t2)) continue;
          if (indentOf6(t2) <= indent3 || TEST_HEADER2.test(t2)) break;
          if (stack < 0 || frames < MAX_FRAMES_SHOWN) end = j;
          const trimmed2 = t2.trim();
          if (file === void 0 && j <= i + 2) {
            const loc = TEST_LOC.exec(t2);
            if (loc) {
              file = loc[1];
              line = +loc[2];
              continue;
            }
          }
          if (trimmed2 === "stacktrace:") {
            stack = j;
            continue;
          }
          if (stack >= 0) {
            frames++;
            const f2 = frameOf(t2);
            if (f2) fr.push(f2);
            continue;
          }
          if (!message && !/^(code|left|right|arguments|lhs|rhs|assertion):/.test(trimmed2)) message = trimmed2;
        }
        if (end - i + 1 > MAX_SHOWN6 && stack < 0) end = i + MAX_SHOWN6 - 1;
        else if (end - i + 1 > MAX_SHOWN6) end = Math.max(i + MAX_SHOWN6 - 1, stack + 2);
        const name = `${th[3]} ${th[4]}`;
        const f = finding2(lines, i, end, {
          kind: "test-failure",
          tool: "exunit",
          message: message ? `${name} (${th[5]}): ${message}` : `${name} (${th[5]})`,
          test: `${th[5]} ${name}`,
          weight: WEIGHT_TEST15
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        if (fr.length) f.frames = fr;
        out.push(f);
        let k = end;
        while (k + 1 < lines.length && (isBlank14(lines[k + 1].text) || indentOf6(lines[k + 1].text) > indent3)) {
          if (TEST_HEADER2.test(lines[k + 1].text)) break;
          k++;
        }
        i = k;
        continue;
      }
      const ce = COMPILATION_ERROR.exec(text.trim());
      if (ce) {
        compiling = ce[1];
        continue;
      }
      const r = text.startsWith("**") || text.trimStart().startsWith("** (") ? RAISE.exec(text) : null;
      if (r) {
        const kind = r[2];
        let message = r[3].trim();
        let file;
        let line;
        let column;
        const isCompile = /(?:CompileError|SyntaxError|TokenMissingError|MismatchedDelimiterError)$/.test(
          kind
        );
        if (isCompile) {
          const loc = COMPILE_LOC.exec(message);
          if (loc) {
            file = loc[1];
            line = +loc[2];
            if (loc[3]) column = +loc[3];
            message = loc[4] || message;
          } else if (compiling) file = compiling;
        }
        let end = i;
        const frames = [];
        let shownFrames = 0;
        for (let j = i + 1; j < lines.length && j - i < 200; j++) {
          const t2 = lines[j].text;
          if (isBlank14(t2)) break;
          const f2 = frameOf(t2);
          if (f2) {
            frames.push(f2);
            if (shownFrames < MAX_FRAMES_SHOWN) {
              end = j;
              shownFrames++;
            }
            continue;
          }
          if (frames.length || indentOf6(t2) === 0) break;
          if (j - i <= 6) end = j;
        }
        if (!file) {
          const top = frames.find((f2) => !f2.vendored);
          if (top) {
            file = top.rawFile;
            line = top.line;
          }
        }
        const mix = kind === "Mix";
        const f = finding2(lines, i, end, {
          kind: isCompile ? "compile-error" : mix ? "build-error" : "exception",
          tool: isCompile || mix ? "mix" : "elixir",
          message: `** (${kind}) ${message}`,
          weight: isCompile ? WEIGHT_COMPILE5 : mix ? WEIGHT_MIX : WEIGHT_UNCAUGHT4
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
          if (column) f.column = column;
        }
        if (frames.length) f.frames = frames;
        out.push(f);
        i = end;
        compiling = void 0;
        continue;
      }
      const ne = NEW_ERROR.exec(text);
      if (ne) {
        for (let j = i + 1; j < lines.length && j <= i + 12; j++) {
          const loc = NEW_LOC2.exec(lines[j].text);
          if (loc) {
            const f = finding2(lines, i, j, {
              kind: "compile-error",
              tool: "mix",
              message: ne[1].trim(),
              file: loc[1],
              line: +loc[2],
              weight: WEIGHT_COMPILE5
            });
            if (loc[3]) f.column = +loc[3];
            out.push(f);
            i = j;
            break;
          }
          const t2 = lines[j].text;
          if (isBlank14(t2) || !t2.includes("\u2502") && indentOf6(t2) === 0) break;
        }
        continue;
      }
      const trimmed = text.trim();
      const s = SUMMARY22.exec(trimmed);
      if (s && +s[s.length - 1] > 0 && sawTest) {
        out.push(
          finding2(lines, i, i, {
            kind: "test-failure",
            tool: "exunit",
            message: trimmed,
            weight: WEIGHT_SUMMARY14
          })
        );
      }
    }
    return out;
  }
};

// src/log/extractors/erlang.ts
var WEIGHT_COMPILE6 = 90;
var WEIGHT_TEST16 = 85;
var WEIGHT_CRASH = 70;
var WEIGHT_SUMMARY15 = 25;
var WEIGHT_WARNING13 = 30;
var MAX_LINE39 = 2e3;
var MAX_BLOCK19 = 12;
var MAX_EUNIT = 24;
var MAX_REBAR_SHOWN = 10;
var COMPILE = /^(\S+\.(?:erl|hrl|yrl|xrl|escript|app\.src)):(\d+)(?::(\d+))?: (Warning: |warning: )?(.+)$/;
var EUNIT_FAIL = /^\s*(\S+?): (\S+?)(?: \(.*\))?\.\.\.(?:\[[\d.]+ s\] )?\*failed\*$/;
var EUNIT_ERROR = /^\s*\*\*(error|throw|exit):(.*)$/;
var REBAR_ITEM = /^\s+(\d+)\) (\S+?:\S+?\/\d+)$/;
var REBAR_SUMMARY = /^\d+ tests?, (\d+) failures?/;
var CT_FAIL = /^(\w+):(\w+) failed(?: on line (\d+))?$/;
var CT_RUN_FAILED = /^Test run failed! Reason:$/;
var CRASH = /^\*\* (.+ crashed\.|Generic server .+ terminating|Reason for termination ==.*)$/;
var REBAR = /^===> (.+)$/;
var SUMMARY6 = /^(?:Failed: (\d+)\.\s+Skipped: \d+\.\s+Passed: \d+\.|TEST COMPLETE, (\d+) failed.*)$/;
var isBlank15 = (s) => s.trim() === "";
var erlang = {
  name: "erlang",
  // each finding needs one of: rebar3's Failures:, a common_test or eunit failure line, a compiler
  // location (.erl: ...), a crash report, a ===> line, a summary
  triggers: /\.erl:|\.hrl:|\.yrl:|\.xrl:|\.escript:|\.app\.src:|Failures:|Test run failed! Reason:|\*failed\*|Reason:|crashed\.|Generic server |Reason for termination ==|===> |Failed: \d|TEST COMPLETE, /,
  extract(lines) {
    const out = [];
    let inFailures = false;
    let sawRebar = false;
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE39) continue;
      if (text.trim() === "Failures:") {
        inFailures = true;
        continue;
      }
      if (CT_RUN_FAILED.test(text.trim())) {
        let j = i + 1;
        while (j < lines.length && j - i <= 3 && isBlank15(lines[j].text)) j++;
        if (j < lines.length && !isBlank15(lines[j].text) && j - i <= 3) {
          let end = j;
          while (end + 1 < lines.length && end - i < MAX_BLOCK19 && !isBlank15(lines[end + 1].text)) end++;
          out.push(
            finding2(lines, i, end, {
              kind: "build-error",
              tool: "common_test",
              message: `Test run failed: ${lines[j].text.trim().slice(0, 200)}`,
              weight: WEIGHT_CRASH
            })
          );
          i = end;
        }
        continue;
      }
      const ri = inFailures ? REBAR_ITEM.exec(text) : null;
      if (ri) {
        sawRebar = true;
        let end = i;
        let message = "";
        for (let j = i + 1; j < lines.length && j - i <= 200; j++) {
          const t2 = lines[j].text;
          if (isBlank15(t2) || REBAR_ITEM.test(t2) || /^\s*Output:/.test(t2)) break;
          if (j - i <= MAX_REBAR_SHOWN) end = j;
          const fe = /^\s*Failure\/Error: (.*)$/.exec(t2);
          if (fe && !message) message = fe[1].trim();
        }
        out.push(
          finding2(lines, i, end, {
            kind: "test-failure",
            tool: "eunit",
            message: message ? `${ri[2]}: ${message}` : `${ri[2]} failed`,
            test: ri[2],
            weight: WEIGHT_TEST16
          })
        );
        i = end;
        continue;
      }
      const rs = REBAR_SUMMARY.exec(text.trim());
      if (rs) {
        inFailures = false;
        if (+rs[1] > 0 && sawRebar)
          out.push(
            finding2(lines, i, i, {
              kind: "test-failure",
              tool: "eunit",
              message: text.trim(),
              weight: WEIGHT_SUMMARY15
            })
          );
        continue;
      }
      const c = text.includes(".") ? COMPILE.exec(text) : null;
      if (c) {
        const warning = c[4] !== void 0;
        const f = finding2(lines, i, i, {
          kind: warning ? "warning" : "compile-error",
          tool: "erlc",
          message: c[5].trim(),
          file: c[1],
          line: +c[2],
          weight: warning ? WEIGHT_WARNING13 : WEIGHT_COMPILE6
        });
        if (c[3]) f.column = +c[3];
        let end = i;
        for (let j = i + 1; j < lines.length && j <= i + 3 && lines[j].text.startsWith("%"); j++) end = j;
        f.logLines = [lines[i].n, lines[end].n];
        out.push(f);
        i = end;
        continue;
      }
      const e = EUNIT_FAIL.exec(text);
      if (e) {
        let end = i;
        let message = "";
        let file;
        let line;
        for (let j = i + 1; j < lines.length && j - i <= MAX_EUNIT; j++) {
          const t2 = lines[j].text;
          if (isBlank15(t2) || EUNIT_FAIL.test(t2) || /\.\.\.(?:\[[\d.]+ s\] )?ok$/.test(t2) || /^\s*\[done in /.test(t2))
            break;
          end = j;
          const loc = /\((\S+\.erl), line (\d+)\)/.exec(t2);
          if (loc && !file) {
            file = loc[1];
            line = +loc[2];
          }
          const err = EUNIT_ERROR.exec(t2);
          if (err && !message) message = `${err[1]}:${err[2].trim()}`;
          if (/^\s*output:<<"">>$/.test(t2)) break;
        }
        const test = `${e[1]}:${e[2]}`;
        const f = finding2(lines, i, end, {
          kind: "test-failure",
          tool: "eunit",
          message: message ? `${test}: ${message}` : `${test} failed`,
          test,
          weight: WEIGHT_TEST16
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        out.push(f);
        i = end;
        continue;
      }
      const ct = CT_FAIL.exec(text.trim());
      if (ct && i + 1 < lines.length && lines[i + 1].text.startsWith("Reason:")) {
        let end = i + 1;
        for (let j = i + 2; j < lines.length && j - i <= MAX_BLOCK19; j++) {
          const t2 = lines[j].text;
          if (isBlank15(t2) || !/^\s/.test(t2)) break;
          end = j;
        }
        const f = finding2(lines, i, end, {
          kind: "test-failure",
          tool: "common_test",
          message: `${ct[1]}:${ct[2]} failed: ${lines[i + 1].text.slice("Reason:".length).trim()}`,
          test: `${ct[1]}:${ct[2]}`,
          weight: WEIGHT_TEST16
        });
        if (ct[3]) f.line = +ct[3];
        out.push(f);
        i = end;
        continue;
      }
      const cr = CRASH.exec(text);
      if (cr) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK19; j++) {
          const t2 = lines[j].text;
          if (!t2.startsWith("** ") && !/^\s+\S/.test(t2)) break;
          end = j;
        }
        out.push(
          finding2(lines, i, end, { kind: "exception", tool: "erlang", message: cr[1], weight: WEIGHT_CRASH })
        );
        i = end;
        continue;
      }
      const r = REBAR.exec(text);
      if (r && /\b(?:error|failed|failure|unable|not found|could not)\b/i.test(r[1])) {
        const dependency = /(?:fetch|dependenc|package|hex|resolve)/i.test(r[1]);
        out.push(
          finding2(lines, i, i, {
            kind: dependency ? "dependency" : "build-error",
            tool: "rebar3",
            message: r[1].trim(),
            weight: WEIGHT_SUMMARY15 + 15
          })
        );
        continue;
      }
      const s = SUMMARY6.exec(text.trim());
      if (s && +(s[1] ?? s[2]) > 0) {
        out.push(
          finding2(lines, i, i, {
            kind: "test-failure",
            tool: "erlang",
            message: text.trim(),
            weight: WEIGHT_SUMMARY15
          })
        );
      }
    }
    return out;
  }
};

// src/log/extractors/scala.ts
var WEIGHT_COMPILE7 = 90;
var WEIGHT_TEST17 = 85;
var WEIGHT_DEPENDENCY6 = 70;
var WEIGHT_TASK = 40;
var WEIGHT_SUMMARY16 = 20;
var WEIGHT_WARNING14 = 30;
var MAX_LINE40 = 2e3;
var MAX_BLOCK20 = 8;
var MAX_FRAMES_SHOWN2 = 3;
var PREFIX2 = /^\[(error|warn|info|success)\] ?/;
var SBT_COMPILE = /^(\S.*?\.(?:scala|java|sc)):(\d+)(?::(\d+))?: (?:(error|warning): )?(.+)$/;
var SCALATEST_FAIL = /^(\s*)- (.+?) \*\*\* FAILED \*\*\*(?: \([\d.]+ m?s\))?$/;
var SCALATEST_LOC = /\((\w[\w$]*\.scala):(\d+)\)\s*$/;
var PARTEST = /^!!\s+\d+ - (\S+)\s+\[([^\]]+)\]$/;
var TASK_FAILED = /^\(([^)]+)\) (.+)$/;
var TOTAL = /^Failed: Total (\d+), Failed (\d+)/;
var RESOLVE = /(?:ResolveException|unresolved dependency|UNRESOLVED DEPENDENCIES|not found: https?:)/;
var FRAME5 = /^\s*at \S/;
function strip2(text) {
  const m = PREFIX2.exec(text);
  return m ? { level: m[1], body: text.slice(m[0].length) } : { body: text };
}
var scala = {
  name: "scala",
  // each finding needs one of: a .scala/.sc location (a .java one needs a level prefix), ScalaTest's *** FAILED ***, partest's !!, a
  // resolution error, or sbt's [error] prefix
  triggers: /\.scala:|\.sc:|\[warn\]|\[info\]|\[success\]|\*\*\* FAILED \*\*\*|!!|ResolveException|unresolved dependency|UNRESOLVED DEPENDENCIES|not found: http|\[error\]/,
  extract(lines) {
    const out = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE40) continue;
      const { level: level2, body: body3 } = strip2(text);
      const c = body3.includes(".scala:") || body3.includes(".java:") || body3.includes(".sc:") ? SBT_COMPILE.exec(body3) : null;
      const javaOutsideSbt = c !== null && level2 === void 0 && c[1].endsWith(".java");
      if (c && !javaOutsideSbt && (level2 === "error" || level2 === "warn" || c[4] !== void 0)) {
        const warning = level2 === "warn" || c[4] === "warning";
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK20; j++) {
          const s = strip2(lines[j].text);
          if (s.level !== level2 && level2 !== void 0) break;
          if (SBT_COMPILE.test(s.body) || /^\S.*(?:errors? found|warnings? found)$/.test(s.body.trim()))
            break;
          if (s.body.startsWith("(") || s.body.startsWith("Total time")) break;
          if (level2 === void 0 && !/^\s/.test(s.body)) break;
          end = j;
          if (/^\s*\^\s*$/.test(s.body)) break;
        }
        const f = finding2(lines, i, end, {
          kind: warning ? "warning" : "compile-error",
          tool: "scalac",
          message: c[5].trim(),
          file: c[1],
          line: +c[2],
          weight: warning ? WEIGHT_WARNING14 : WEIGHT_COMPILE7
        });
        if (c[3]) f.column = +c[3];
        out.push(f);
        i = end;
        continue;
      }
      const t2 = SCALATEST_FAIL.exec(body3);
      if (t2) {
        const indent3 = t2[1].length;
        let end = i;
        let frames = 0;
        let message = "";
        let file;
        let line;
        for (let j = i + 1; j < lines.length && j - i <= 60; j++) {
          const s = strip2(lines[j].text).body;
          const ind = s.length - s.trimStart().length;
          if (s.trim() === "" || ind <= indent3) break;
          if (FRAME5.test(s)) {
            if (++frames > MAX_FRAMES_SHOWN2) continue;
          } else if (!message) message = s.trim();
          end = j;
          const loc = SCALATEST_LOC.exec(s);
          if (loc && !file) {
            file = loc[1];
            line = +loc[2];
          }
        }
        const f = finding2(lines, i, end, {
          kind: "test-failure",
          tool: "scalatest",
          message: message ? `${t2[2]}: ${message}` : t2[2],
          test: t2[2],
          weight: WEIGHT_TEST17
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        out.push(f);
        i = end;
        continue;
      }
      const pt = body3.startsWith("!!") ? PARTEST.exec(body3.trim()) : null;
      if (pt) {
        let end = i;
        if (i + 1 < lines.length && lines[i + 1].text.startsWith("##### Log file")) {
          end = i + 1;
          for (let j = i + 2; j < lines.length && j - i <= 4; j++) {
            const t3 = lines[j].text;
            if (PARTEST.test(t3.trim()) || t3.startsWith("#####")) break;
            end = j;
          }
        }
        out.push(
          finding2(lines, i, end, {
            kind: "test-failure",
            tool: "partest",
            message: `${pt[1]} [${pt[2]}]`,
            test: pt[1],
            weight: WEIGHT_TEST17
          })
        );
        i = end;
        continue;
      }
      if (RESOLVE.test(body3)) {
        let end = i;
        while (end + 1 < lines.length && end - i < 4 && RESOLVE.test(lines[end + 1].text)) end++;
        out.push(
          finding2(lines, i, end, {
            kind: "dependency",
            tool: "sbt",
            message: body3.trim(),
            weight: WEIGHT_DEPENDENCY6
          })
        );
        i = end;
        continue;
      }
      if (level2 !== "error") continue;
      const b = body3.trim();
      const task = TASK_FAILED.exec(b);
      if (task) {
        const compile = /compile/i.test(task[1]);
        out.push(
          finding2(lines, i, i, {
            kind: compile ? "build-error" : /test/i.test(task[1]) ? "test-failure" : "build-error",
            tool: "sbt",
            message: b,
            weight: WEIGHT_TASK
          })
        );
        continue;
      }
      if (b === "Failed tests:" || b === "Error during tests:") {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= 20; j++) {
          const s = strip2(lines[j].text);
          if (s.level !== "error" || !/^\s+\S/.test(s.body)) break;
          end = j;
        }
        out.push(
          finding2(lines, i, end, {
            kind: "test-failure",
            tool: "sbt",
            message: b,
            weight: WEIGHT_SUMMARY16 + 10
          })
        );
        i = end;
        continue;
      }
      if (TOTAL.test(b) || /^\d+ of \d+ test tasks failed:?$/.test(b)) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= 6; j++) {
          const s = strip2(lines[j].text);
          if (s.level !== "error" || !/^\s*- /.test(s.body)) break;
          end = j;
        }
        out.push(
          finding2(lines, i, end, { kind: "test-failure", tool: "sbt", message: b, weight: WEIGHT_SUMMARY16 })
        );
        i = end;
      }
    }
    return out;
  }
};

// src/log/extractors/clojure.ts
var WEIGHT_TEST18 = 85;
var WEIGHT_COMPILE8 = 90;
var WEIGHT_DEPENDENCY7 = 70;
var WEIGHT_SUMMARY17 = 20;
var MAX_LINE41 = 2e3;
var MAX_BLOCK21 = 12;
var MAX_ERROR_FRAMES = 3;
var FAIL = /^(FAIL|ERROR) in \((.*?)\) \((\S+?):(\d+)\)$/;
var SYNTAX = /^(Syntax error|Unexpected error|Execution error)(?: \(([\w.]+)\))? (?:compiling|macroexpanding|reading source|\S.*?)? ?at \((\S+?):(\d+)(?::(\d+))?\)\.?$/;
var COMPILER_EX = /^Exception in thread "main" (\S+): (.*?)\s*\((\S+\.clj[cs]?):(\d+)(?::(\d+))?\)$/;
var ARTIFACT3 = /^Could not (?:find|transfer) artifact (\S+)/;
var DEP_TAIL = /^(?:Failed to read artifact descriptor|This could be due to a typo in :dependencies|If you are behind a proxy)/;
var RAN2 = /^Ran \d+ tests? containing \d+ assertions?\.?$/;
var COUNTS2 = /^(\d+) failures?, (\d+) errors?\.?$/;
var isBlank16 = (s) => s.trim() === "";
var clojure = {
  name: "clojure",
  // each finding needs one of: clojure.test's FAIL/ERROR in (, a Clojure error header, a compiler
  // exception of main, an artifact not found, the failure counts (`\d failures?`, not `\d+`: linear on digit runs)
  triggers: /FAIL in \(|ERROR in \(|Syntax error|Unexpected error|Execution error|Exception in thread "main" |Could not find artifact |Could not transfer artifact |\d failures?, \d+ error/,
  extract(lines) {
    const out = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE41) continue;
      const trimmed = text.trim();
      const f = FAIL.exec(trimmed);
      if (f) {
        let end = i;
        let sawActual = -1;
        let sawExpected = false;
        let message = "";
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK21; j++) {
          const t2 = lines[j].text.trim();
          if (isBlank16(t2) || FAIL.test(t2) || RAN2.test(t2)) break;
          if (sawActual >= 0 && (!/^\s/.test(lines[j].text) || j - sawActual > MAX_ERROR_FRAMES)) break;
          end = j;
          if (!message && sawActual < 0 && !sawExpected && !/^(expected|actual):/.test(t2)) message = t2;
          if (t2.startsWith("expected:")) sawExpected = true;
          if (/^actual:/.test(t2)) {
            sawActual = j;
            if (f[1] === "FAIL") break;
          }
        }
        const test = f[2];
        const actual = lines.slice(i + 1, end + 1).map((l) => l.text.trim()).find((t2) => t2.startsWith("actual:"));
        out.push(
          finding2(lines, i, end, {
            kind: "test-failure",
            tool: "clojure.test",
            message: [`${f[1]} in (${test})`, message, actual].filter(Boolean).join(": "),
            test,
            // ERROR locations name where the exception was thrown (often a Java class): keep Clojure sources only.
            .../\.clj[cs]?$/.test(f[3]) ? { file: f[3], line: +f[4] } : {},
            weight: WEIGHT_TEST18
          })
        );
        i = end;
        continue;
      }
      const s = SYNTAX.exec(trimmed) ?? COMPILER_EX.exec(trimmed);
      if (s) {
        const syntax = trimmed.startsWith("Syntax") || trimmed.startsWith("Unexpected") || trimmed.startsWith("Execution");
        let end = i;
        let message = syntax ? trimmed : `${s[1]}: ${s[2]}`;
        if (syntax && i + 1 < lines.length && !isBlank16(lines[i + 1].text)) {
          end = i + 1;
          message = `${trimmed} ${lines[i + 1].text.trim()}`;
        }
        const file = syntax ? s[3] : s[3];
        const fi = finding2(lines, i, end, {
          kind: trimmed.startsWith("Syntax") ? "compile-error" : "exception",
          tool: "clojure",
          message,
          file,
          line: +s[4],
          weight: WEIGHT_COMPILE8
        });
        if (s[5]) fi.column = +s[5];
        out.push(fi);
        i = end;
        continue;
      }
      const a = ARTIFACT3.exec(trimmed);
      if (a) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_BLOCK21; j++) {
          const t2 = lines[j].text.trim();
          if (!ARTIFACT3.test(t2) && !DEP_TAIL.test(t2)) break;
          end = j;
        }
        out.push(
          finding2(lines, i, end, {
            kind: "dependency",
            tool: "leiningen",
            message: trimmed,
            weight: WEIGHT_DEPENDENCY7
          })
        );
        i = end;
        continue;
      }
      const c = COUNTS2.exec(trimmed);
      if (c && +c[1] + +c[2] > 0) {
        const start = i > 0 && RAN2.test(lines[i - 1].text.trim()) ? i - 1 : i;
        out.push(
          finding2(lines, start, i, {
            kind: "test-failure",
            tool: "clojure.test",
            message: trimmed,
            weight: WEIGHT_SUMMARY17
          })
        );
      }
    }
    return out;
  }
};

// src/log/extractors/elisp.ts
var WEIGHT_TEST19 = 85;
var WEIGHT_COMPILE9 = 90;
var WEIGHT_ERROR13 = 75;
var WEIGHT_SUMMARY18 = 20;
var WEIGHT_WARNING15 = 30;
var MAX_LINE42 = 4e3;
var MAX_BLOCK22 = 12;
var MAX_FRAMES_SHOWN3 = 6;
var CONDITION = /^Test (\S+) condition:$/;
var FAILED = /^\s*FAILED\s+\d+\/\d+\s+(\S+)(?:.*? at (\S+?):(\d+))?/;
var RAN3 = /^Ran (\d+) tests?, (\d+) results? (?:were |was )?as expected, (\d+) unexpected/;
var COMPILE2 = /^(\S+\.el):(\d+):(\d+): (Error|Warning): (.+)$/;
var DEBUGGER = /^Debugger entered--Lisp error: (.+)$/;
var SIGNAL2 = /^signal\((\S+) (.+)\)$/;
var isBlank17 = (s) => s.trim() === "";
var elisp = {
  name: "elisp",
  // each finding needs one of: ERT's condition: and summary, a .el: location, a backtrace's header or signal(
  triggers: /condition:|as expected, |\.el:|Debugger entered--Lisp error: |signal\(/,
  extract(lines) {
    const out = [];
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text;
      if (text.length > MAX_LINE42) continue;
      const trimmed = text.trim();
      const c = CONDITION.exec(trimmed);
      if (c) {
        let end = i;
        let message = "";
        let file;
        let line;
        for (let j = i + 1; j < lines.length && j - i <= 40; j++) {
          const t2 = lines[j].text;
          const fm = FAILED.exec(t2);
          if (fm) {
            end = j;
            if (fm[2]) {
              file = fm[2];
              line = +fm[3];
            }
            break;
          }
          if (isBlank17(t2) || !/^\s/.test(t2)) break;
          if (j - i <= MAX_BLOCK22) end = j;
          if (message.length < 200) message = `${message} ${t2.trim()}`.trim();
        }
        const f = finding2(lines, i, end, {
          kind: "test-failure",
          tool: "ert",
          message: message ? `${c[1]}: ${message.slice(0, 200)}` : c[1],
          test: c[1],
          weight: WEIGHT_TEST19
        });
        if (file) {
          f.file = f.rawFile = file;
          f.line = line;
        }
        out.push(f);
        i = end;
        continue;
      }
      const r = RAN3.exec(trimmed);
      if (r) {
        if (+r[3] > 0) {
          let end = i;
          for (let j = i + 1; j < lines.length && j - i <= 20; j++) {
            const t2 = lines[j].text;
            if (isBlank17(t2)) continue;
            if (!/^\s*(?:FAILED|SKIPPED)\s/.test(t2)) break;
            end = j;
          }
          out.push(
            finding2(lines, i, end, {
              kind: "test-failure",
              tool: "ert",
              message: trimmed,
              weight: WEIGHT_SUMMARY18
            })
          );
          i = end;
        }
        continue;
      }
      const cm = text.includes(".el:") ? COMPILE2.exec(trimmed) : null;
      if (cm) {
        const error = cm[4] === "Error";
        out.push(
          finding2(lines, i, i, {
            kind: error ? "compile-error" : "warning",
            tool: "byte-compile",
            message: cm[5].trim(),
            file: cm[1],
            line: +cm[2],
            column: +cm[3],
            weight: error ? WEIGHT_COMPILE9 : WEIGHT_WARNING15
          })
        );
        continue;
      }
      const d = DEBUGGER.exec(trimmed) ?? (text.startsWith("signal(") ? SIGNAL2.exec(trimmed) : null);
      if (d) {
        let end = i;
        for (let j = i + 1; j < lines.length && j - i <= MAX_FRAMES_SHOWN3; j++) {
          const t2 = lines[j].text;
          if (isBlank17(t2) || !/^\s/.test(t2)) break;
          end = j;
        }
        const message = trimmed.startsWith("signal(") ? `(${d[1]} ${d[2]})` : d[1];
        out.push(finding2(lines, i, end, { kind: "exception", tool: "emacs", message, weight: WEIGHT_ERROR13 }));
        let k = end;
        while (k + 1 < lines.length && /^\s+\S/.test(lines[k + 1].text) && k - i < 2e3) k++;
        i = k;
      }
    }
    return out;
  }
};

// src/log/extractors/generic.ts
var WEIGHT_INFRA2 = 35;
var WEIGHT_MARKER = 28;
var WEIGHT_ERROR_LINE = 20;
var WEIGHT_EXIT2 = 1;
var MAX_LINE43 = 2e3;
var MAX_GROUP = 20;
var EXIT = /^(?:Error: )?Process completed with exit code (\d+)\.?$/;
var RUN_ALL_EXIT = /^ERROR: "[^"]*" exited with \d+\.$/;
var TRAVIS_KILLED = /^The command ".*" exited with (?:124|137|143)\.$/;
var CANCELED = /^(?:Error: )?The operation was canceled\.?$/;
var INFRA = /^(?:Error: )?(?:The job running on runner .* has exceeded the maximum execution time|The runner has received a shutdown signal|The self-hosted runner: .* lost communication|The hosted runner: .* lost communication|No space left on device|You are running out of disk space)/;
var ERROR_LINE4 = /^(?:Error(?: \[[A-Z][A-Z0-9_]*\])?:|error:|ERROR\b|\[ERROR\]|FATAL\b|\[FATAL\]|fatal:|Fatal error:)/;
var MAVEN_ADVICE = /^\[ERROR\]\s*(?:$|-> \[Help|Re-run Maven|To see the full stack trace|For more information about the errors|\[Help \d+\]|After correcting the problems|mvn <args>|Failed to execute goal.*-> \[Help 1\]$)/;
function finding4(kind, message, from, to, weight) {
  const f = { kind, tool: "generic", message, logLines: [from.n, to.n], weight };
  if (from.segment !== void 0) f.segment = from.segment;
  return f;
}
var generic = {
  name: "generic",
  extract(lines) {
    const findings = [];
    let group;
    const close = () => {
      if (!group) return;
      const weight = group.family === "marker" ? WEIGHT_MARKER : WEIGHT_ERROR_LINE;
      findings.push(finding4("error", group.message, group.from, group.to, weight));
      group = void 0;
    };
    for (const line of lines) {
      const raw = line.text.length > MAX_LINE43 ? line.text.slice(0, MAX_LINE43) : line.text;
      const text = raw.trim();
      const marked = line.marker === "error";
      if (EXIT.test(text) || RUN_ALL_EXIT.test(text) || marked && CANCELED.test(text) || text.startsWith('The command "') && TRAVIS_KILLED.test(text)) {
        close();
        findings.push(finding4("exit", text, line, line, WEIGHT_EXIT2));
        continue;
      }
      if (INFRA.test(text)) {
        close();
        findings.push(finding4("infra", text, line, line, WEIGHT_INFRA2));
        continue;
      }
      let family;
      if (marked && text !== "") family = "marker";
      else if (raw[0] !== " " && raw[0] !== "	" && ERROR_LINE4.test(text) && !MAVEN_ADVICE.test(text))
        family = "line";
      if (!family) {
        close();
        continue;
      }
      if (group && group.family === family && group.count < MAX_GROUP) {
        group.to = line;
        group.count++;
      } else {
        close();
        group = { family, from: line, to: line, message: text, count: 1 };
      }
    }
    close();
    return findings;
  }
};

// src/log/extractors/index.ts
var extractors = [
  tsc,
  // TypeScript compiler diagnostics, plain and pretty
  eslint,
  // ESLint stylish and compact
  weblint,
  // prettier --check, markdownlint, find-unused-sass-variables, gulp task errors
  coffee,
  // CoffeeScript compiler errors with source line and caret
  npm,
  // npm / pnpm / yarn install and script failures
  node,
  // Node.js uncaught errors with stack traces
  jest,
  // jest test failures, suites that failed to run
  vitest,
  // vitest failed tests and suites, unhandled errors
  mocha,
  // mocha failing blocks
  nodetest,
  // node --test, spec and TAP reporters
  go,
  // go build / vet / test (-json), panics, golangci-lint, staticcheck
  pytest,
  // pytest FAILURES / ERRORS sections, --tb=line, the short test summary
  unittest,
  // unittest / nose FAIL: and ERROR: blocks
  python,
  // Python tracebacks (chained), SyntaxError
  mypy,
  // mypy errors (plain and --pretty)
  flake8,
  // flake8 / pycodestyle / pyflakes (with codes)
  pyflakes,
  // pyflakes on its own (no codes)
  pylint,
  // pylint text, parseable and 1.x formats
  ruff,
  // ruff check, full and concise
  pip,
  // pip and conda install failures
  rust,
  // rustc / cargo diagnostics, clippy, cargo test panics
  ruby,
  // rspec, minitest, rubocop, uncaught exceptions, bundler, rake
  php,
  // PHPUnit failures and errors, PHP fatal and parse errors, run-tests.php (.phpt) failures
  prove,
  // Perl prove / TAP::Harness: failed test scripts (Dubious), Test::More diagnostics, the summary report
  cc,
  // gcc / clang diagnostics, ld, make closers
  javac,
  // javac diagnostics (direct, Gradle, Ant) with code frame and symbol/location
  maven,
  // Maven compiler errors, surefire/failsafe failures, failed goals, dependencies, enforcer, checkstyle/PMD/SpotBugs
  gradle,
  // Gradle `What went wrong` verdicts and failed tests
  ant,
  // Ant's BUILD FAILED verdict with the failing build file line
  kotlin,
  // kotlinc and the Kotlin Gradle/Maven plugins' e:/w: diagnostics
  javaStack,
  // JVM stack traces with Caused by chains (free-standing ones; test runners' are read by maven/gradle)
  xcode,
  // xcodebuild / xcpretty / swiftc / XCTest / CocoaPods
  cmake,
  // CMake Error blocks, ninja FAILED: targets (low: the compiler lines are cc's)
  docker,
  // docker build (BuildKit excerpts, legacy steps), daemon errors
  github,
  // runner-level failures generic does not cover: actions, artifacts, rate limits, git 128, OOM kills
  infra,
  // the network, servers, the runner, cancellation, time limits, memory, disk, docker, credentials (tool-independent)
  shell,
  // shell errors, shellcheck, PowerShell error records, Pester
  tex,
  // TeX / LaTeX errors with l.N context, file-line-error, latexmk, bibtex, overfull warnings
  lua,
  // busted, luacheck, Lua errors with stack traceback
  dotnet,
  // msbuild / dotnet / mcs diagnostics, xUnit / vstest / NUnit failures, Cake
  region,
  // the failing command's output: its last and first error-looking clusters (tool-independent)
  haskell,
  // GHC diagnostics, cabal / stack, hspec / tasty / QuickCheck
  elixir,
  // ExUnit failures, `** (X)` errors, mix compile errors
  erlang,
  // erlc / rebar3, eunit, common_test, crash reports
  scala,
  // sbt / scalac errors, ScalaTest, sbt summaries and resolution
  clojure,
  // clojure.test / leiningen, compiler exceptions, artifacts
  elisp,
  // ERT, byte-compile errors, Emacs backtraces
  generic
  // ##[error] and `Error:` fallbacks, exit closers: keep last
];

// src/log/extent.ts
var MAX_DOWN = 60;
var MAX_UP = 5;
var MAX_RUN = 300;
var MAX_PEERS = 50;
var MAX_BLANKS = 2;
var MAX_LINE44 = 400;
var RUN_GAP = 6;
var REGION_GAP = 16;
var REGION = "region";
var FIXED = /* @__PURE__ */ new Set(["exit", "warning"]);
var BOUNDARY_MARKERS = /* @__PURE__ */ new Set(["group", "endgroup", "section", "command", "fold"]);
var BOUNDARY = /^(?:The command ".*" (?:exited with|failed)|Process completed with exit code|Done\. Your build exited|travis_(?:fold|time)|##\[|\[Pipeline\]|Script (?:timed out|failed)|Build step '|Finished: )/;
var SHELL = /^(?:\$ |\++ \S|> \S)/;
var SUCCESS = /^\s*(?:ok\b|✓|✔|√|\[\+\]|PASS(?:ED)?\b|[Pp]assed\b|--- PASS|=== (?:RUN|PAUSE|CONT)\b|\[\s*OK\s*\]|\[ RUN|Compiling\b|\[\s*\d+ of \d+\] Compiling|Building\b|Linking\b|Installing\b|Downloading\b|Downloaded\b|Collecting\b|Running\b|Finished\b|Starting\b|Tests? (?:run|completed|Passed)|\d+ (?:passing|tests? passed)|.*\s(?:OK|PASSED|passed)(?:\s*\(.*\))?\s*$)/;
function weak(f) {
  return f.tool === REGION || f.tool === "generic" || f.kind === "error" || f.kind === "infra";
}
var SEPARATOR2 = /^\s*(?:[-_=*~#]{3,}\s*$|[-_=*~#]{3,}\s.*\s[-_=*~#]{3,}\s*$)/;
function textOf3(line) {
  return line.text.length > MAX_LINE44 ? line.text.slice(0, MAX_LINE44) : line.text;
}
var LEVEL2 = /^\[(?:[A-Z]{3,9}|[a-z]{3,9})\](?: |$)/;
function level(text) {
  const m = LEVEL2.exec(text);
  return m ? m[0].trimEnd() : "";
}
function body2(text) {
  const m = LEVEL2.exec(text);
  return m ? text.slice(m[0].length) : text;
}
function blank(line) {
  return body2(line.text).trim() === "";
}
function indent(text) {
  let i = 0;
  while (i < text.length && (text[i] === " " || text[i] === "	")) i++;
  return i;
}
function boundary(line) {
  if (line.marker !== void 0 && BOUNDARY_MARKERS.has(line.marker)) return true;
  const t2 = textOf3(line);
  return SHELL.test(t2) || BOUNDARY.test(t2.trimStart());
}
function success(text) {
  return SUCCESS.test(text);
}
function blockEnd4(lines, a, b) {
  const head = textOf3(lines[a]);
  const lvl = level(head);
  const base2 = indent(body2(head));
  const limit = Math.min(lines.length - 1, b + MAX_DOWN);
  let end = b;
  let i = b + 1;
  while (i <= limit) {
    const line = lines[i];
    if (boundary(line)) break;
    if (blank(line)) {
      let j = i + 1;
      while (j <= limit && j - i < MAX_BLANKS && blank(lines[j])) j++;
      if (j > limit || blank(lines[j]) || boundary(lines[j])) break;
      const t3 = textOf3(lines[j]);
      if (level(t3) !== lvl || indent(body2(t3)) <= base2 || success(body2(t3))) break;
      end = j;
      i = j + 1;
      continue;
    }
    const t2 = textOf3(line);
    const l = level(t2);
    if (l !== lvl) {
      if (l !== "" || indent(t2) <= indent(head)) break;
      end = i;
      i++;
      continue;
    }
    if (success(body2(t2))) break;
    const deep = indent(body2(t2));
    if (deep > base2 || deep === base2 && i === end + 1 && !SEPARATOR2.test(body2(t2))) {
      end = i;
      i++;
      continue;
    }
    break;
  }
  return end;
}
function blockStart(lines, a) {
  const head = textOf3(lines[a]);
  const lvl = level(head);
  const base2 = indent(body2(head));
  let start = a;
  for (let i = a - 1; i >= 0 && a - i <= MAX_UP; i--) {
    const line = lines[i];
    if (blank(line) || boundary(line)) break;
    const t2 = textOf3(line);
    if (level(t2) !== lvl || success(body2(t2)) || indent(body2(t2)) >= base2) break;
    start = i;
  }
  return start;
}
function extendFindings(findings, lines) {
  if (!lines.length || !findings.length) return findings;
  const first = lines[0].n;
  const last = lines[lines.length - 1].n;
  if (last - first + 1 !== lines.length) return findings;
  const grown = findings.map((f) => {
    if (!f || !Array.isArray(f.logLines) || FIXED.has(f.kind)) return f;
    const [x, y] = f.logLines;
    if (!Number.isInteger(x) || !Number.isInteger(y) || x < first || y > last || y < x) return f;
    const a = blockStart(lines, x - first);
    const b = weak(f) ? y - first : blockEnd4(lines, x - first, y - first);
    if (a === x - first && b === y - first) return f;
    return { ...f, logLines: [lines[a].n, lines[b].n] };
  });
  return joinRuns(grown, lines);
}
function joinable(lines, p, q, gap, blanksOnly) {
  if (q <= p + 1) return true;
  if (q - p - 1 > gap) return false;
  const first = lines[0].n;
  for (let n = p + 1; n < q; n++) {
    const line = lines[n - first];
    if (blank(line)) continue;
    if (blanksOnly || boundary(line) || success(textOf3(line))) return false;
  }
  return true;
}
function joinRuns(findings, lines) {
  const first = lines[0].n;
  const last = lines[lines.length - 1].n;
  const groups = /* @__PURE__ */ new Map();
  findings.forEach((f, k) => {
    if (!f || !Array.isArray(f.logLines) || FIXED.has(f.kind)) return;
    const [x, y] = f.logLines;
    if (!Number.isInteger(x) || !Number.isInteger(y) || y < x || x < first || y > last) return;
    const key = weak(f) ? `weak:${f.tool}` : "strong";
    const g = groups.get(key);
    if (g) g.push(k);
    else groups.set(key, [k]);
  });
  const out = findings.slice();
  for (const [key, ks] of groups) {
    if (ks.length < 2) continue;
    const blanksOnly = key !== "strong" && key !== `weak:${REGION}`;
    const gap = key === `weak:${REGION}` ? REGION_GAP : blanksOnly ? MAX_BLANKS : RUN_GAP;
    ks.sort(
      (p, q) => findings[p].logLines[0] - findings[q].logLines[0] || findings[p].logLines[1] - findings[q].logLines[1]
    );
    const ends = new Array(ks.length);
    const inner = new Array(ks.length).fill(false);
    for (let i = ks.length - 1; i >= 0; i--) {
      const f = findings[ks[i]];
      let end = f.logLines[1];
      for (let j = i + 1; j < ks.length && j - i <= MAX_PEERS; j++) {
        const g = findings[ks[j]];
        if (g.logLines[0] > end + 1 + gap) break;
        if (g.logLines[0] > end && !joinable(lines, end, g.logLines[0], gap, blanksOnly)) break;
        const e = Math.max(end, ends[j]);
        if (e - f.logLines[0] + 1 > MAX_RUN) break;
        end = e;
        inner[j] = true;
      }
      ends[i] = end;
    }
    ks.forEach((k, i) => {
      const f = findings[k];
      if (!inner[i] && ends[i] > f.logLines[1]) out[k] = { ...f, logLines: [f.logLines[0], ends[i]] };
    });
  }
  return out;
}

// src/log/extract.ts
var TIER = {
  "compile-error": 0,
  "lint-error": 0,
  "test-failure": 0,
  assertion: 0,
  exception: 0,
  dependency: 0,
  "build-error": 0,
  infra: 0,
  error: 2,
  warning: 3,
  exit: 4
};
var COMPARABLE = 0.75;
var MAX_GROWTH = 10;
var LOOKBACK = 64;
function tierOf(f) {
  return TIER[f.kind] ?? 2;
}
var INFRA_BEFORE_ERRORS = 1;
var ENDS_THE_JOB = /* @__PURE__ */ new Set(["canceled", "timeout", "runner"]);
function isGeneric(f) {
  return f.tool === "generic" || f.tool === "infra" || f.kind === "error";
}
function layerOf(f) {
  if (f.tool === "region") return 2;
  if (f.kind === "infra") return 1;
  return 0;
}
function extractFindings(doc, extractors2 = extractors) {
  return orderFindings(extendFindings(runExtractors(doc.lines, doc, extractors2), doc.lines), doc);
}
function runExtractors(lines, doc, extractors2 = extractors) {
  const all = [];
  let text;
  lines = boundedLines(lines);
  for (const ex of extractors2) {
    try {
      if (ex.triggers instanceof RegExp && !(text ??= new TriggerText(lines)).has(ex.triggers)) continue;
      const found = ex.extract(lines, doc);
      if (Array.isArray(found)) for (const f of found) all.push(f);
    } catch {
    }
  }
  return all;
}
var EXTRACT_LINE_LIMIT = 4096;
function boundedLines(lines) {
  let out;
  const half = EXTRACT_LINE_LIMIT >> 1;
  for (let i = 0; i < lines.length; i++) {
    const t2 = lines[i].text;
    if (t2.length <= EXTRACT_LINE_LIMIT) continue;
    out ??= lines.slice();
    out[i] = { ...lines[i], text: t2.slice(0, half) + " \u2026 " + t2.slice(t2.length - half) };
  }
  return out ?? lines;
}
var TRIGGER_CHUNK = 1 << 20;
var TriggerText = class {
  chunks = [];
  constructor(lines) {
    let part = [];
    let size = 0;
    for (const l of lines) {
      part.push(l.text);
      size += l.text.length + 1;
      if (size >= TRIGGER_CHUNK) {
        this.chunks.push(part.join("\n"));
        part = [];
        size = 0;
      }
    }
    if (part.length) this.chunks.push(part.join("\n"));
  }
  /** True when `re` matches the text (of some line: triggers match within a line, see Extractor.triggers). */
  has(re) {
    for (const c of this.chunks) {
      if (re.global || re.sticky) re.lastIndex = 0;
      if (re.test(c)) return true;
    }
    return false;
  }
};
function orderFindings(findings, doc, failing) {
  let items2 = [];
  findings.forEach((f, i) => {
    const clean = sanitize(f, doc);
    if (clean) items2.push({ f: clean, i });
  });
  items2 = mergeSame(items2);
  items2 = dropGenericDuplicates(items2);
  items2 = mergeGeneric(items2);
  const failingSet = failing ?? (doc ? failingSegments(doc) : void 0);
  return capPerTool(sortItems(items2, failingSet)).map((it) => it.f);
}
function infraOfTool(f) {
  if (f.kind === "infra" || TIER[f.kind] !== 0 || f.tool === "region" || isGeneric(f)) return f;
  return typeof f.message === "string" && infraLayer(f.message) ? { ...f, kind: "infra" } : f;
}
function sanitize(f, doc) {
  if (!f || typeof f !== "object" || !Array.isArray(f.logLines)) return void 0;
  let [a, b] = f.logLines;
  if (!Number.isFinite(a)) a = Number.isFinite(b) ? b : NaN;
  if (!Number.isFinite(b)) b = a;
  if (!Number.isFinite(a)) return void 0;
  a = Math.max(1, Math.trunc(a));
  b = Math.max(1, Math.trunc(b));
  if (b < a) [a, b] = [b, a];
  if (doc && doc.totalLines > 0) {
    a = Math.min(a, doc.totalLines);
    b = Math.min(b, doc.totalLines);
  }
  const out = infraOfTool({
    ...f,
    logLines: [a, b],
    weight: Number.isFinite(f.weight) ? f.weight : 0
  });
  if (out.segment === void 0 && doc) {
    const seg = doc.lines[a - 1]?.segment;
    if (seg !== void 0) out.segment = seg;
  }
  return out;
}
function overlaps4(x, y) {
  return x.logLines[0] <= y.logLines[1] && y.logLines[0] <= x.logLines[1];
}
function span(f) {
  return f.logLines[1] - f.logLines[0] + 1;
}
function kindRank(f) {
  return f.kind === "warning" ? 0 : f.kind === "error" ? 1 : 2;
}
function detail(f) {
  return (f.file ? 1 : 0) + (f.line ? 1 : 0) + (f.test ? 1 : 0) + (f.code ? 1 : 0) + (f.frames?.length ? 1 : 0);
}
function bySpecificity(a, b) {
  return (
    // the failing command's output block says least: an infrastructure line with its message is kept
    Number(a.f.tool === "region") - Number(b.f.tool === "region") || Number(isGeneric(a.f)) - Number(isGeneric(b.f)) || kindRank(b.f) - kindRank(a.f) || detail(b.f) - detail(a.f) || b.f.weight - a.f.weight || a.f.logLines[0] - b.f.logLines[0] || span(a.f) - span(b.f) || a.i - b.i
  );
}
function absorb(keep, drop, always = false) {
  const a = Math.min(keep.f.logLines[0], drop.f.logLines[0]);
  const b = Math.max(keep.f.logLines[1], drop.f.logLines[1]);
  if (a === keep.f.logLines[0] && b === keep.f.logLines[1]) return keep;
  if (!always && b - a + 1 > span(keep.f) + MAX_GROWTH) return keep;
  return { f: { ...keep.f, logLines: [a, b] }, i: Math.min(keep.i, drop.i) };
}
function normMessage(m) {
  return typeof m === "string" ? m.replace(/\s+/g, " ").trim().toLowerCase() : "";
}
function byStart(a, b) {
  return a.f.logLines[0] - b.f.logLines[0] || a.f.logLines[1] - b.f.logLines[1] || a.i - b.i;
}
function mergeSame(items2) {
  const groups = /* @__PURE__ */ new Map();
  for (const it of items2) {
    const message = normMessage(it.f.message);
    const key = message || `\0${it.f.tool}\0${it.f.kind}`;
    const g = groups.get(key);
    if (g) g.push(it);
    else groups.set(key, [it]);
  }
  const out = [];
  for (const g of groups.values()) {
    if (g.length === 1) {
      out.push(g[0]);
      continue;
    }
    g.sort(byStart);
    let cur = g[0];
    const seen = /* @__PURE__ */ new Set();
    for (let k = 1; k < g.length; k++) {
      const next = g[k];
      const where2 = reprintKey(cur.f);
      if (where2) seen.add(where2);
      const again = reprintKey(next.f);
      if (again && seen.has(again) && !overlaps4(cur.f, next.f)) continue;
      if (overlaps4(cur.f, next.f) && compatible(cur.f, next.f)) {
        const [keep, drop] = bySpecificity(cur, next) <= 0 ? [cur, next] : [next, cur];
        cur = absorb(keep, drop, true);
      } else {
        out.push(cur);
        cur = next;
      }
    }
    out.push(cur);
  }
  return out;
}
function reprintKey(f) {
  if (!f.file && !f.test) return void 0;
  return [f.tool, f.kind, f.file ?? "", f.line ?? "", f.column ?? "", f.test ?? ""].join("\0");
}
function compatible(a, b) {
  const same = (x, y) => x === void 0 || y === void 0 || x === y;
  return same(a.file, b.file) && same(a.line, b.line) && same(a.test, b.test);
}
function dropGenericDuplicates(items2) {
  const specific = items2.filter((it) => !isGeneric(it.f)).sort(byStart);
  const generic2 = items2.filter((it) => isGeneric(it.f));
  if (!specific.length || !generic2.length) return items2;
  const maxEnd = [];
  specific.forEach((it, k) => maxEnd[k] = Math.max(k ? maxEnd[k - 1] : 0, it.f.logLines[1]));
  const kept = [];
  for (const g of generic2) {
    let lo = 0;
    let hi = specific.length - 1;
    let idx = -1;
    while (lo <= hi) {
      const mid = lo + hi >> 1;
      if (specific[mid].f.logLines[0] <= g.f.logLines[1]) {
        idx = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let owner = -1;
    if (idx >= 0 && maxEnd[idx] >= g.f.logLines[0]) {
      for (let k = idx; k >= 0 && k > idx - LOOKBACK && maxEnd[k] >= g.f.logLines[0]; k--) {
        const s = specific[k];
        if (overlaps4(s.f, g.f) && tierOf(s.f) <= tierOf(g.f) && !(s.f.tool === "region" && (g.f.kind === "infra" || g.f.kind === "exit"))) {
          owner = k;
          break;
        }
      }
    }
    if (owner >= 0) specific[owner] = absorb(specific[owner], g);
    else kept.push(g);
  }
  return [...specific, ...kept];
}
function mergeGeneric(items2) {
  const generic2 = items2.filter((it) => isGeneric(it.f)).sort(byStart);
  if (generic2.length < 2) return items2;
  const out = items2.filter((it) => !isGeneric(it.f));
  let cur = generic2[0];
  for (let k = 1; k < generic2.length; k++) {
    const next = generic2[k];
    const inside = next.f.logLines[0] >= cur.f.logLines[0] && next.f.logLines[1] <= cur.f.logLines[1] || cur.f.logLines[0] >= next.f.logLines[0] && cur.f.logLines[1] <= next.f.logLines[1];
    if (overlaps4(cur.f, next.f) && (inside || normMessage(cur.f.message) === normMessage(next.f.message))) {
      const [keep, drop] = bySpecificity(cur, next) <= 0 ? [cur, next] : [next, cur];
      cur = absorb(keep, drop, true);
    } else {
      out.push(cur);
      cur = next;
    }
  }
  out.push(cur);
  return out;
}
var PER_TOOL = 3;
var SLOTS = 5;
function capPerTool(items2) {
  if (items2.length <= SLOTS || PER_TOOL >= SLOTS) return items2;
  const head = [];
  const held = [];
  const count = /* @__PURE__ */ new Map();
  let k = 0;
  for (; k < items2.length && head.length < SLOTS; k++) {
    const it = items2[k];
    const c = count.get(it.f.tool) ?? 0;
    if (c >= PER_TOOL) held.push(it);
    else {
      count.set(it.f.tool, c + 1);
      head.push(it);
    }
  }
  return [...head, ...held, ...items2.slice(k)];
}
function sortItems(items2, failing) {
  let lastToolEnd = -Infinity;
  let lastBlockStart = -Infinity;
  for (const it of items2)
    if (it.f.tool === "region") lastBlockStart = Math.max(lastBlockStart, it.f.logLines[0]);
    else if (tierOf(it.f) === 0 && it.f.kind !== "infra")
      lastToolEnd = Math.max(lastToolEnd, it.f.logLines[1]);
  const tier = (it) => it.f.kind === "infra" && it.f.tool === "infra" && !ENDS_THE_JOB.has(it.f.code ?? "") && (it.f.logLines[1] < lastToolEnd || it.f.logLines[1] < lastBlockStart) ? INFRA_BEFORE_ERRORS : tierOf(it.f);
  const best = /* @__PURE__ */ new Map();
  for (const it of items2) {
    const t2 = tier(it);
    best.set(t2, Math.max(best.get(t2) ?? -Infinity, it.f.weight));
  }
  const band = (it) => {
    const top = best.get(tier(it)) ?? 0;
    const threshold = top > 0 ? top * COMPARABLE : top;
    return it.f.weight >= threshold ? 0 : 1;
  };
  const useFailing = failing && failing.size > 0;
  const outside = (it) => useFailing && it.f.kind !== "exit" && it.f.segment !== void 0 && !failing.has(it.f.segment) ? 1 : 0;
  const position = (it, layer) => layer === 0 ? it.f.logLines[0] : layer === 1 ? it.f.code === "canceled" ? 0 : -it.f.logLines[1] : -it.f.weight;
  const keyed = items2.map((it) => {
    const layer = layerOf(it.f);
    return { it, tier: tier(it), band: band(it), out: outside(it), layer, pos: position(it, layer) };
  });
  keyed.sort(
    (a, b) => a.out - b.out || a.tier - b.tier || a.band - b.band || a.layer - b.layer || a.pos - b.pos || a.it.f.logLines[0] - b.it.f.logLines[0] || b.it.f.weight - a.it.f.weight || span(a.it.f) - span(b.it.f) || a.it.i - b.it.i
  );
  return keyed.map((k) => k.it);
}

// src/log/stream.ts
var JENKINS_START2 = /^(?:Started by |Running as SYSTEM$|Building (?:remotely )?(?:on|in workspace) )/;
var JENKINS_END2 = /^Finished: (?:SUCCESS|FAILURE|ABORTED|UNSTABLE|NOT_BUILT)$/;
var FULL_LINES = 1e3;
var FOLLOW = 8;
var EXCERPT_CHARS = 301;
var EXCERPT_LINES = 15;
var BATCH = 1024;
var RECENT_CHARS = 1 << 18;
function flat(s) {
  return s.length < 13 ? s : (" " + s).slice(1);
}
var SPARE = 64;
var LogStream = class {
  options;
  segmenter;
  extractors;
  rules;
  /** Segments of the failing steps seen so far (their closers), for ordering the findings. */
  failing = /* @__PURE__ */ new Set();
  matcher;
  candidate;
  wholeBytes;
  wholeLines;
  before;
  after;
  tail;
  tailBytes;
  maxLine;
  maxWindowLines;
  maxWindowChars;
  maxFindings;
  budget;
  budgetBefore;
  budgetAfter;
  budgetShare;
  /** Chunks held while the log may still be read whole. */
  held = [];
  /** Memory of dropped copies, for the next (see keep). */
  spare = [];
  heldBytes = 0;
  heldLines = 0;
  windowed = false;
  /** Candidates not read because the share was spent, and lines only counted. */
  skipped = 0;
  unsearched = 0;
  /** Candidate lines not read because they repeat one read since the budget was spent. */
  repeats = 0;
  unsearchedFrom = 0;
  /** Candidate lines read beyond the budget (timestamp removed), to skip their repetitions. */
  recent = /* @__PURE__ */ new Set();
  recentChars = 0;
  /** Small windows read beyond the budget, waiting to be handed to the extractors together. */
  batch = [];
  /** Blank lines put between the windows of a batch (not log lines: never shown in excerpts). */
  separators = /* @__PURE__ */ new Set();
  format;
  /** The hint set searched (scan.ts hintKey of the format). */
  key = 0;
  n = 0;
  splitter;
  /** Lines still read in full after a marker while the segmenter waits (a new segment, its `$ command` name). */
  follow = 0;
  /** gh cli logs: the `job<TAB>step<TAB>` bytes of the current segment (latin1, and as bytes). */
  ghPrefix;
  ghPrefixBytes = Buffer.alloc(0);
  /** Blocks still needed (by the open window or the ring), oldest first. */
  blocks = [];
  nextBlockId = 0;
  /** Ring of the positions (block id, offset) of the last lines: line n at n % ringSize. */
  ringSize;
  ringBlk;
  ringOff;
  /** The open window: lines wStart .. windowEnd (0: none open), wStart at (wBlk, wOff). */
  windowEnd = 0;
  wStart = 0;
  wBlk = 0;
  wOff = 0;
  /** The open window reached maxWindowChars: its part so far is read at the next line. */
  splitNext = false;
  /** Lines up to this number were handed to a window. */
  readUpTo = 0;
  /** While the budget's share is spent, candidates are not searched before this line (0: they are). */
  resumeLine = 0;
  /** Next line number at which the fast loop must stop for the window, the budget or the head. */
  nextEvent = 1;
  findings = [];
  excerptLines = /* @__PURE__ */ new Map();
  /** The last build-tool failure summary seen (Maven goal, Gradle task) and the 3 lines after it. */
  summaryLines = [];
  stats = { windows: 0, linesRead: 0, candidates: 0, longLines: 0 };
  splitWindows = 0;
  pruned = 0;
  ended = false;
  outcome;
  constructor(options = {}) {
    this.options = options;
    this.segmenter = new Segmenter(options.job);
    this.extractors = options.extractors ?? extractors;
    this.rules = options.rules ?? [];
    this.matcher = new RuleMatcher(this.rules);
    const builtin = new Set(builtinRules());
    const user = this.rules.filter((r) => !builtin.has(r));
    const lits = new RuleMatcher(user).literals();
    this.candidate = candidatePattern(
      extraVocabulary([...lits.exact, ...lits.folded]).map((l) => Buffer.from(l, "utf8").toString("latin1"))
    );
    this.wholeBytes = Math.max(0, options.wholeBytes ?? 4 * 1024 * 1024);
    this.wholeLines = Math.max(0, options.wholeLines ?? 4e4);
    if (options.size !== void 0 && options.size > this.wholeBytes) this.windowed = true;
    this.before = Math.max(0, options.before ?? 200);
    this.after = Math.max(0, options.after ?? 200);
    this.tail = Math.max(1, options.tail ?? 1e3);
    this.tailBytes = Math.max(0, options.tailBytes ?? 4 * 1024 * 1024);
    this.maxLine = Math.max(2 * OVERLAP, options.maxLineLength ?? 64 * 1024);
    this.maxWindowLines = Math.max(100, options.maxWindowLines ?? 2e4);
    this.maxWindowChars = Math.max(this.maxLine, options.maxWindowChars ?? 8 * 1024 * 1024);
    this.maxFindings = Math.max(100, options.maxFindings ?? 2e3);
    this.budget = Math.max(0, options.contextBudget ?? 2e3);
    this.budgetBefore = Math.max(0, Math.min(options.budgetBefore ?? 1, this.before));
    this.budgetAfter = Math.max(0, Math.min(options.budgetAfter ?? 4, this.after));
    this.budgetShare = Math.max(0, options.budgetShare ?? 1 / 4096);
    this.ringSize = Math.max(this.before, this.tail) + 2;
    this.ringBlk = new Int32Array(this.ringSize);
    this.ringOff = new Int32Array(this.ringSize);
    this.splitter = new BlockSplitter(this.candidate, this.maxLine, (b, force) => this.block(b, force));
  }
  /**
   * Adds the next chunk of the log (UTF-8 bytes; a string is encoded). The stream keeps a reference to
   * the chunk, unless `reused` says the caller reuses its memory after this call: then the stream copies
   * what it keeps (the head while the log may be read whole, the blocks an open window or the ring still
   * needs: a few 64 KiB blocks). A reader that fills one buffer again and again saves the page faults of
   * a new buffer per chunk.
   */
  write(chunk, reused = false) {
    if (this.ended) return;
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (buf.length === 0) return;
    reused &&= typeof chunk !== "string";
    if (!this.windowed) {
      let lines = 0;
      for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) lines++;
      if (this.heldBytes + buf.length <= this.wholeBytes && this.heldLines + lines <= this.wholeLines) {
        this.held.push(reused ? Buffer.from(buf) : buf);
        this.heldBytes += buf.length;
        this.heldLines += lines;
        return;
      }
      this.windowed = true;
      const held = this.held;
      this.held = [];
      for (const b of held) this.splitter.push(b);
    }
    this.splitter.push(buf);
    if (reused) {
      for (const b of this.blocks) if (b.buf.buffer === buf.buffer) this.keep(b);
    }
  }
  /**
   * Copies a block of a reused chunk that the stream still needs. A block of at most PIECE bytes is
   * copied into memory of a block dropped before (the ring and the windows keep a few dozen at most):
   * a new buffer for each would cost its page faults, again and again.
   */
  keep(b) {
    if (b.buf.length > PIECE) {
      b.buf = Buffer.from(b.buf);
      return;
    }
    const memory = this.spare.pop() ?? new ArrayBuffer(PIECE);
    const copy = Buffer.from(memory, 0, b.buf.length);
    copy.set(b.buf);
    b.buf = copy;
    b.spare = true;
  }
  /** Ends the log and returns the analysis. */
  end() {
    if (this.outcome) return this.outcome;
    this.ended = true;
    if (!this.windowed) {
      this.outcome = this.readWhole();
      return this.outcome;
    }
    this.splitter.end();
    this.closeAtEnd();
    this.outcome = this.result();
    return this.outcome;
  }
  // ───────────────────────── a log read whole ─────────────────────────
  readWhole() {
    const held = this.held;
    this.held = [];
    const doc = parseLogBytes(held, { job: this.options.job });
    const findings = extractFindings(doc, this.extractors);
    for (const line of this.rules.length ? doc.lines : []) this.matcher.push(line);
    const patterns = this.rules.length ? this.matcher.finish() : [];
    return {
      findings,
      patterns,
      doc,
      stats: {
        mode: "whole",
        windows: doc.totalLines ? 1 : 0,
        linesRead: doc.totalLines,
        candidates: 0,
        longLines: 0
      },
      notes: this.matcher.notes()
    };
  }
  // ───────────────────────── the lines of a block ─────────────────────────
  /**
   * Reads a block of whole lines; `forceCand` marks its first line as a candidate (a cut long line). Its
   * scan (scan.ts) gives where its lines start and which hold a hint; candidates are searched only while
   * the stream needs them (Candidates), from the line it stands at.
   */
  block(buf, forceCand) {
    const id = this.nextBlockId++;
    const first = this.n + 1;
    const blk = { id, buf, first };
    this.blocks.push(blk);
    const info = scanBlock(buf, this.maxLine, this.key);
    const starts = info.starts;
    const count = starts.length;
    const cands = new Candidates(buf, starts, this.candidate);
    let hints = info.hints;
    let key = this.key;
    this.stats.longLines += info.longLines;
    const ringSize = this.ringSize;
    const ringBlk = this.ringBlk;
    const ringOff = this.ringOff;
    let hi = 0;
    let i = 0;
    while (i < count) {
      let j = i;
      if (this.ghPrefix === void 0 && this.follow === 0 && !forceCand) {
        while (hi < hints.length && hints[hi] < i) hi++;
        j = Math.min(
          count,
          this.resumeLine === 0 ? cands.next(i) : count,
          hi < hints.length ? hints[hi] : count,
          Math.max(i, this.nextEvent - first)
        );
        for (let k = Math.max(i, j - ringSize); k < j; k++) {
          const r2 = (first + k) % ringSize;
          ringBlk[r2] = id;
          ringOff[r2] = starts[k];
        }
        this.n = first + j - 1;
        if (j >= count) break;
      }
      const start = starts[j];
      const nl = lineEnd(starts, j, buf.length);
      const n = ++this.n;
      const r = n % ringSize;
      ringBlk[r] = id;
      ringOff[r] = start;
      if (n >= this.nextEvent) this.event(n, id, start);
      while (hi < hints.length && hints[hi] < j) hi++;
      let isCand = this.resumeLine === 0 && cands.next(j) === j;
      let isHint = hi < hints.length && hints[hi] === j;
      if (this.ghPrefix !== void 0 && !startsWithBytes(buf, start, this.ghPrefixBytes)) isHint = true;
      if (forceCand) {
        isCand = true;
        forceCand = false;
      }
      if (isCand || isHint || this.follow > 0 || n <= FULL_LINES) {
        this.line(blk, start, nl, isCand, isHint);
        if (this.key !== key) {
          key = this.key;
          hints = scanHints(buf, starts, key, j + 1);
          hi = 0;
        }
      }
      i = j + 1;
    }
    this.n = first + count - 1;
    if (this.windowEnd && !this.splitNext && this.windowBytes() >= this.maxWindowChars) {
      this.splitNext = true;
      this.nextEvent = this.n + 1;
    }
    this.dropBlocks();
  }
  /** Bytes of the open window so far. */
  windowBytes() {
    let bytes = 0;
    for (const b of this.blocks) if (b.id >= this.wBlk) bytes += b.buf.length;
    return bytes - this.wOff;
  }
  /** The first line from `from` on whose block is still held (beyond tailBytes the ring names released blocks). */
  heldFrom(from) {
    const first = this.blocks.length > 0 ? this.blocks[0].id : this.nextBlockId;
    while (from < this.n && this.ringBlk[from % this.ringSize] < first) from++;
    return from;
  }
  /** Releases the blocks no window or ring line needs any more. */
  dropBlocks() {
    const first = Math.max(this.readUpTo + 1, this.n - this.ringSize + 2);
    let oldest = first > this.n ? this.nextBlockId : this.ringBlk[first % this.ringSize];
    let bytes = 0;
    for (let k2 = this.blocks.length - 1; k2 > 0; k2--) {
      bytes += this.blocks[k2].buf.length;
      if (bytes >= this.tailBytes) {
        oldest = Math.max(oldest, this.blocks[k2].id);
        break;
      }
    }
    if (this.windowEnd) oldest = Math.min(oldest, this.wBlk);
    let k = 0;
    for (; k < this.blocks.length && this.blocks[k].id < oldest; k++) {
      const b = this.blocks[k];
      if (b.spare && this.spare.length < SPARE) this.spare.push(b.buf.buffer);
    }
    if (k > 0) this.blocks = this.blocks.slice(k);
  }
  /** What the fast loop stops for at line n (at offset `start` of block `id`), before reading its flags. */
  event(n, id, start) {
    if (this.windowEnd && n > this.windowEnd + this.before) this.closeWindow();
    if (this.windowEnd && (this.splitNext || n - this.wStart >= this.maxWindowLines)) {
      this.splitNext = false;
      this.splitWindows++;
      this.readWindow(this.wStart, this.wBlk, this.wOff, n - 1);
      this.processWindow();
      this.wStart = n;
      this.wBlk = id;
      this.wOff = start;
    }
    if (this.resumeLine && n >= this.resumeLine) {
      this.resumeLine = 0;
      this.unsearched += n - this.unsearchedFrom;
    }
    this.setNextEvent();
  }
  setNextEvent() {
    let next = this.n < FULL_LINES ? this.n + 1 : Infinity;
    if (this.windowEnd) {
      next = Math.min(next, this.windowEnd + this.before + 1, this.wStart + this.maxWindowLines);
      if (this.splitNext) next = this.n + 1;
    }
    if (this.resumeLine) next = Math.min(next, this.resumeLine);
    this.nextEvent = Math.max(next, this.n + 1);
  }
  // ───────────────────────── a line that matters ─────────────────────────
  /** A candidate, a line that may change the segmentation, or one of the first lines. */
  line(blk, start, nl, isCand, isHint) {
    const n = this.n;
    const full = isHint || this.follow > 0 || n <= FULL_LINES;
    if (full) this.segment(blk, start, nl, n);
    this.follow = !this.segmenter.wantsNextLine ? 0 : isHint ? FOLLOW : Math.max(0, this.follow - 1);
    if (!isCand) return;
    if (this.overBudget()) {
      if (!this.firstRead(blk.buf.toString("latin1", start, Math.min(nl, start + 4096)))) {
        this.repeats++;
        return;
      }
      if (this.read() >= this.budget + n * this.budgetShare) {
        this.skipped++;
        const resume = Math.ceil((this.read() - this.budget) / Math.max(this.budgetShare, 1e-9)) + 1;
        if (resume > n + 1) {
          this.resumeLine = resume;
          this.unsearchedFrom = n + 1;
        }
        this.setNextEvent();
        return;
      }
    }
    this.stats.candidates++;
    let before = this.before;
    let after = this.after;
    if (this.overBudget()) {
      before = this.budgetBefore;
      after = this.budgetAfter;
    }
    if (this.windowEnd && n <= this.windowEnd) {
      this.windowEnd = Math.max(this.windowEnd, n + after);
    } else {
      if (this.windowEnd && n - before > this.windowEnd + 1) this.closeWindow();
      if (this.windowEnd) this.windowEnd = n + after;
      else {
        const from = this.heldFrom(Math.max(1, n - before, this.readUpTo + 1, n - this.ringSize + 2));
        this.wStart = from;
        this.wBlk = this.ringBlk[from % this.ringSize];
        this.wOff = this.ringOff[from % this.ringSize];
        this.windowEnd = n + after;
      }
    }
    this.setNextEvent();
  }
  /** Feeds line n to the segmenter (and the format detection). */
  segment(blk, start, nl, n) {
    const end = nl - start > this.maxLine ? start + this.maxLine : nl;
    const f = this.format;
    const buf = blk.buf;
    if (f === "travis" && n > FULL_LINES && this.segmenter.inTravisFold && !this.segmenter.wantsNextLine && buf.subarray(start, end).indexOf(TRAVIS_FOLD) < 0)
      return;
    if ((f === void 0 || f === "github-actions" || f === "gh-cli") && buf[start] !== 239 && buf.subarray(start, Math.min(end, start + 1200)).includes(9)) {
      const m = GH_COLUMNS2.exec(buf.toString("latin1", start, Math.min(end, start + 1200)));
      if (m) {
        this.segmenter.extendTo(n - 1);
        this.segmenter.add(n, {
          text: "",
          job: Buffer.from(m[1], "latin1").toString("utf8"),
          step: Buffer.from(m[2], "latin1").toString("utf8")
        });
        if (this.format === void 0 || this.format === "github-actions") this.setFormat("gh-cli");
        if (this.format === "gh-cli" && this.ghPrefix !== `${m[1]}	${m[2]}	`) {
          this.ghPrefix = `${m[1]}	${m[2]}	`;
          this.ghPrefixBytes = Buffer.from(this.ghPrefix, "latin1");
        }
        return;
      }
    }
    const raw = blk.buf.toString("utf8", start, end);
    this.segmenter.extendTo(n - 1);
    if (raw.startsWith(JOB_HEADER)) {
      const job = raw.slice(JOB_HEADER.length).replace(/\r$/, "").trim();
      this.segmenter.add(n, EMPTY, job);
      return;
    }
    const norm = normalizeLine(raw);
    this.segmenter.add(n, norm);
    this.detectFormat(n, norm);
  }
  setFormat(format) {
    this.format = format;
    this.key = hintKey(format);
  }
  detectFormat(n, norm) {
    if (this.format !== void 0 && this.format !== "github-actions") return;
    if (norm.job !== void 0) this.setFormat("gh-cli");
    else if (this.format === void 0) {
      if (norm.timestamp || norm.marker && norm.marker !== "fold" && norm.marker !== "command")
        this.setFormat("github-actions");
      else if (norm.folds || norm.timeStart) this.setFormat("travis");
      else if (n <= 10 && JENKINS_START2.test(norm.text) || JENKINS_END2.test(norm.text) || norm.text.startsWith("[Pipeline] "))
        this.setFormat("jenkins");
    }
  }
  /** True once the extractors have read the lines the full context may take (see contextBudget). */
  overBudget() {
    return this.read() > this.budget;
  }
  /** Lines read by the extractors so far, or waiting to be (the open window up to now included). */
  read() {
    const open = this.windowEnd ? Math.min(this.windowEnd, this.n) - this.wStart + 1 : 0;
    return this.stats.linesRead + open + this.window.length + this.batch.length;
  }
  /** False when a candidate line repeats one read since the budget was spent (a timestamp aside). */
  firstRead(raw) {
    const ts = timestampLength(raw);
    const key = ts ? raw.slice(ts) : raw;
    if (this.recent.has(key)) return false;
    if (this.recentChars + key.length > RECENT_CHARS) {
      this.recent.clear();
      this.recentChars = 0;
    }
    this.recent.add(flat(key));
    this.recentChars += key.length;
    return true;
  }
  // ───────────────────────── windows ─────────────────────────
  /** Lines of the window being read (decoded and normalised), waiting for processWindow. */
  window = [];
  /** Decodes lines from..to (from at block blkId, offset off) into this.window. */
  readWindow(from, blkId, off, to) {
    if (to < from) return;
    this.segmenter.extendTo(to);
    const segs = this.segmenter.segments;
    let seg = segmentOf(segs, from);
    let n = from;
    let k = this.blocks.findIndex((b) => b.id === blkId);
    let pos = off;
    while (n <= to && k >= 0 && k < this.blocks.length) {
      const b = this.blocks[k];
      if (pos >= b.buf.length) {
        k++;
        pos = 0;
        continue;
      }
      let e = pos;
      for (let c = n; c <= to && e < b.buf.length; c++) e = b.buf.indexOf(10, e) + 1 || b.buf.length;
      const text = b.buf.toString("utf8", pos, e);
      let i = 0;
      while (i < text.length) {
        let j = text.indexOf("\n", i);
        if (j < 0) j = text.length;
        while (seg + 1 < segs.length && segs[seg + 1].lines[0] <= n) seg++;
        this.window.push(this.materialise(n, text.slice(i, j), seg));
        n++;
        i = j + 1;
      }
      pos = e;
    }
    this.readUpTo = Math.max(this.readUpTo, to);
  }
  materialise(n, raw, seg) {
    if (raw.length > this.maxLine) {
      const half = this.maxLine >> 1;
      raw = raw.slice(0, half) + " \u2026 " + raw.slice(raw.length - half);
    }
    if (isPlain(raw)) return { n, text: flat(raw), segment: seg };
    if (raw.startsWith(JOB_HEADER)) return { n, text: "", marker: "section", segment: seg };
    const nl = normalizeLine(raw);
    const line = { n, text: flat(nl.text) };
    if (nl.marker) line.marker = nl.marker;
    line.segment = seg;
    return line;
  }
  closeWindow() {
    if (!this.windowEnd) return;
    const end = Math.min(this.windowEnd, this.n);
    this.readWindow(this.wStart, this.wBlk, this.wOff, end);
    this.windowEnd = 0;
    this.splitNext = false;
    if (this.window.length > 0 && this.window.length < BATCH && this.overBudget()) {
      const last = this.batch[this.batch.length - 1];
      if (last) {
        const sep = { n: last.n + 1, text: "", segment: last.segment };
        this.separators.add(sep);
        this.batch.push(sep);
      }
      for (const l of this.window) this.batch.push(l);
      this.window = [];
      if (this.batch.length >= BATCH) this.flushBatch();
    } else this.processWindow();
  }
  flushBatch() {
    const lines = this.batch;
    if (lines.length === 0) return;
    this.batch = [];
    this.runExtractors(lines);
    this.separators.clear();
  }
  /** The end of the log: the open window takes the lines after it and the tail above it; else the tail forms a window. */
  closeAtEnd() {
    const from = this.heldFrom(
      Math.max(1, this.n - this.tail + 1, this.readUpTo + 1, this.n - this.ringSize + 2)
    );
    if (this.windowEnd) {
      if (from < this.wStart)
        this.readWindow(
          from,
          this.ringBlk[from % this.ringSize],
          this.ringOff[from % this.ringSize],
          this.wStart - 1
        );
      this.windowEnd = this.n;
      this.closeWindow();
      this.flushBatch();
      return;
    }
    this.flushBatch();
    if (from <= this.n) {
      this.readWindow(from, this.ringBlk[from % this.ringSize], this.ringOff[from % this.ringSize], this.n);
      this.processWindow();
    }
  }
  processWindow() {
    const lines = this.window;
    this.window = [];
    this.flushBatch();
    if (lines.length === 0) return;
    this.runExtractors(lines);
  }
  /** Hands lines (one window, or a batch of windows) to the extractors and the rules. */
  runExtractors(lines) {
    this.stats.windows++;
    this.stats.linesRead += lines.length;
    const doc = {
      format: this.format ?? "plain",
      lines,
      segments: this.segmenter.segments,
      totalLines: this.n
    };
    for (const seg of failingSegments(doc)) this.failing.add(seg);
    const contiguous = lines[lines.length - 1].n - lines[0].n === lines.length - 1;
    const base2 = lines[0].n;
    const indexOf = (n) => contiguous ? n - base2 : lineIndex(lines, n);
    const inWindow = [];
    for (const f of runExtractors(lines, doc, this.extractors))
      if (f && typeof f === "object" && Array.isArray(f.logLines)) inWindow.push(f);
    for (const f of contiguous ? extendFindings(inWindow, lines) : inWindow) {
      const a = Math.trunc(Math.min(f.logLines[0], f.logLines[1] ?? f.logLines[0]));
      const at = indexOf(a);
      if (f.segment === void 0) {
        const seg = lines[at]?.segment;
        if (seg !== void 0) f.segment = seg;
      }
      for (let k = Math.max(0, at), end = Math.min(lines.length, k + EXCERPT_LINES); k < end; k++) {
        const l = lines[k];
        if (l.n >= a + EXCERPT_LINES) break;
        if (!this.excerptLines.has(l.n) && !this.separators.has(l))
          this.excerptLines.set(l.n, flat(l.text.slice(0, EXCERPT_CHARS)));
      }
      this.findings.push(f);
    }
    for (const line of lines) this.matcher.push(line);
    const summary = lastBuildToolSummary(doc);
    if (summary) {
      const k = indexOf(summary.line);
      this.summaryLines = lines.slice(k, k + 4).map((l) => ({ n: l.n, text: flat(l.text) }));
    }
    if (this.findings.length > this.maxFindings) this.prune();
  }
  /** Keeps the most explanatory half of the findings (and the excerpt lines they show). */
  prune() {
    const ordered = orderFindings(this.findings, void 0, this.failing);
    const keep = ordered.slice(0, this.maxFindings >> 1);
    this.pruned += this.findings.length - keep.length;
    this.findings = keep;
    const wanted = /* @__PURE__ */ new Set();
    for (const f of keep) for (let k = 0; k < EXCERPT_LINES; k++) wanted.add(f.logLines[0] + k);
    for (const n of [...this.excerptLines.keys()]) if (!wanted.has(n)) this.excerptLines.delete(n);
  }
  result() {
    this.segmenter.extendTo(this.n);
    const segments = this.segmenter.segments;
    const byLine = new Map(this.excerptLines);
    for (const l of this.summaryLines) byLine.set(l.n, l.text);
    const lines = [...byLine.entries()].sort((x, y) => x[0] - y[0]).map(([n, text]) => ({ n, text }));
    const doc = { format: this.format ?? "plain", lines, segments, totalLines: this.n };
    const findings = orderFindings(this.findings, { ...doc, lines: [] }, this.failing);
    const notes = [];
    if (this.stats.longLines > 0)
      notes.push(
        `${this.stats.longLines} log line${this.stats.longLines === 1 ? " was" : "s were"} longer than ${this.maxLine} bytes: only the first and last ${this.maxLine >> 1} bytes of each were read.`
      );
    if (this.splitWindows > 0)
      notes.push(
        `Parts of the log dense with errors were read in pieces of at most ${this.maxWindowLines} lines: a finding spanning two pieces may be split.`
      );
    if (this.resumeLine) this.unsearched += this.n - this.unsearchedFrom + 1;
    if (this.skipped > 0 || this.unsearched > 0)
      notes.push(
        `The log is dense with errors: beyond the first ${this.budget} lines read, the extractors read at most one line in ${Math.round(1 / Math.max(this.budgetShare, 1e-9))} of the rest (${this.skipped} candidate line${this.skipped === 1 ? " was" : "s were"} not read closely; ${this.unsearched} line${this.unsearched === 1 ? " was" : "s were"} only counted).`
      );
    if (this.repeats > 0)
      notes.push(
        `${this.repeats} candidate line${this.repeats === 1 ? "" : "s"} repeating a line already read (timestamps aside) ${this.repeats === 1 ? "was" : "were"} not read again.`
      );
    notes.push(...this.matcher.notes());
    if (this.pruned > 0)
      notes.push(
        `The log produced more findings than are kept while reading: ${this.pruned} of the least explanatory were dropped.`
      );
    return {
      findings,
      patterns: this.matcher.finish(),
      doc,
      stats: { mode: "windows", ...this.stats },
      notes
    };
  }
};
var EMPTY = { text: "" };
function segmentOf(segs, n) {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = lo + hi + 1 >> 1;
    if (segs[mid].lines[0] <= n) lo = mid;
    else hi = mid - 1;
  }
  return Math.max(0, lo);
}
function lineIndex(lines, n) {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    if (lines[mid].n < n) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
var GH_COLUMNS2 = /^([^\t]*)\t([^\t]*)\t(?:\xef\xbb\xbf)?\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:[.,]\d{1,12})?Z(?: |$)/;
var SPECIAL = /[\x00-\x1f\x7f-\x9f\ufeff]|travis_/;
function isPlain(raw) {
  const c = raw.charCodeAt(0);
  if (c >= 48 && c <= 57 || c === 35 || c === 91) return false;
  return !SPECIAL.test(raw);
}
async function analyzeLogStream(source, options = {}) {
  const stream = new LogStream(options);
  let read = 0;
  let stopped = false;
  for await (const chunk of source) {
    if (options.deadline?.passed) {
      stopped = true;
      break;
    }
    stream.write(chunk, options.reusedChunks);
    read += chunk.length;
  }
  const res = stream.end();
  if (stopped)
    res.notes.push(
      options.deadline.note(
        `the log was read up to line ${res.doc.totalLines} (${(read / 1048576).toFixed(1)} MiB), the rest was not read`
      )
    );
  return res;
}

// src/core.ts
function mapFindingPaths(findings, changeSet) {
  const mapPath = createPathMapper({
    repoFiles: changeSet?.repoFiles,
    changedFiles: changeSet?.files.map((f) => f.path)
  });
  for (const f of findings) {
    if (f.rawFile ?? f.file) {
      const raw = f.rawFile ?? f.file;
      f.rawFile = raw;
      const m = mapPath(raw);
      f.file = m.path ?? raw;
    }
    for (const fr of f.frames ?? []) {
      const m = mapPath(fr.rawFile);
      fr.file = m.path;
      fr.vendored = fr.vendored || m.vendored;
    }
  }
  return findings;
}
function findingsOf(res, input, green) {
  const extracted = green ? demoteKnownFindings(res.findings, res.doc, green) : res.findings;
  return attachFingerprints(
    attachExcerpts(groupRepeats(mapFindingPaths(extracted, input.changeSet), res.doc.segments), res.doc)
  );
}
function reportOf(res, findings, input) {
  const report = analyze({
    findings,
    patterns: res.patterns,
    changeSet: input.changeSet,
    maxSuspects: input.maxSuspects,
    segments: res.doc.segments,
    history: input.history
  });
  report.verdict.category = classifyFailure(findings, res.patterns, res.doc);
  report.notes.push(...res.notes);
  return report;
}
async function runAnalysisStream(input) {
  const res = await analyzeLogStream(input.log, {
    rules: input.rules,
    reusedChunks: input.reusedChunks,
    size: input.logSize,
    deadline: input.deadline,
    ...input.extractors ? { extractors: input.extractors } : {}
  });
  let green;
  if (input.baselineLog) {
    green = new GreenCounter(wantedKeys(res.doc));
    for await (const chunk of input.baselineLog) green.write(chunk);
    green.end();
  } else if (input.baselineLogText) green = parseLog(input.baselineLogText);
  const findings = findingsOf(res, input, green);
  if (input.beforeRanking && input.changeSet)
    await input.beforeRanking(namedFiles(findings, input.changeSet));
  return reportOf(res, findings, input);
}

// src/report/escape.ts
var ZWSP = "\u200B";
var UNSAFE = (
  // eslint-disable-next-line no-misleading-character-class
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFA0\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu
);
function stripUnsafe(s) {
  return String(s ?? "").replace(UNSAFE, "");
}
function oneLine2(s) {
  return stripUnsafe(s).replace(/[\n\t]+/g, " ");
}
function clipCodePoints(s, max) {
  if (s.length <= max) return s;
  let n = 0;
  let i = 0;
  while (i < s.length && n < max - 1) {
    const c = s.charCodeAt(i);
    i += c >= 55296 && c <= 56319 && i + 1 < s.length ? 2 : 1;
    n++;
  }
  if (i >= s.length) return s;
  return s.slice(0, i) + "\u2026";
}
function cutUtf16(s, max) {
  if (s.length <= max) return s;
  let end = Math.max(0, max);
  const c = s.charCodeAt(end - 1);
  if (c >= 55296 && c <= 56319) end--;
  return s.slice(0, end);
}
function neutralise(s) {
  return s.replace(/@(?=[\p{L}\p{N}_.+-])/gu, "@" + ZWSP).replace(/#(?=\d)/g, "#" + ZWSP).replace(/(GH)-(?=\d)/gi, "$1-" + ZWSP).replace(/:(?=\/\/)/g, ":" + ZWSP).replace(/(mailto|xmpp)(:)/gi, "$1" + ZWSP + "$2").replace(/(www)(\.)/gi, "$1" + ZWSP + "$2");
}
var HTML = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function escapeHtml(s) {
  return neutralise(oneLine2(s).replace(/[&<>"]/g, (c) => HTML[c]));
}
function escapeMarkdown(s) {
  const text = oneLine2(s).replace(/[&<>]/g, (c) => HTML[c]).replace(/[\\`*_[\]~|]/g, "\\$&").replace(/^([#+=-])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2");
  return neutralise(text);
}
function escapeMarkdownWithCode(s) {
  const text = oneLine2(s);
  let out = "";
  let from = 0;
  let at = 0;
  while (at < text.length) {
    const open = text.indexOf("`", at);
    if (open < 0) break;
    let end = open;
    while (text[end] === "`") end++;
    const ticks = end - open;
    let close = -1;
    for (let j = text.indexOf("`", end); j >= 0; ) {
      let k = j;
      while (text[k] === "`") k++;
      if (k - j === ticks) {
        close = j;
        break;
      }
      j = text.indexOf("`", k);
    }
    if (close < 0) {
      at = end;
      continue;
    }
    let code2 = text.slice(end, close);
    if (code2.length > 2 && code2.startsWith(" ") && code2.endsWith(" ") && code2.trim())
      code2 = code2.slice(1, -1);
    out += (open > from ? escapeMarkdown(text.slice(from, open)) : "") + codeSpan(code2);
    from = at = close + ticks;
  }
  return out + (from < text.length ? escapeMarkdown(text.slice(from)) : "");
}
function longestRun(s, ch) {
  let best = 0;
  let run = 0;
  for (const c of s) {
    if (c === ch) {
      run++;
      if (run > best) best = run;
    } else run = 0;
  }
  return best;
}
function codeSpan(s, inTable = false) {
  let text = oneLine2(s);
  if (inTable) text = text.replace(/\|/g, "\\|");
  const ticks = "`".repeat(longestRun(text, "`") + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text.startsWith(" ") || !text ? " " : "";
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
function fence(lines) {
  const body3 = lines.map((l) => stripUnsafe(l).replace(/\n/g, " ")).join("\n");
  const n = Math.max(3, longestRun(body3, "`") + 1, longestRun(body3, "~") + 1);
  const f = "`".repeat(n);
  return `${f}text
${body3}
${f}
`;
}
function neutraliseCommands(s) {
  return s.replace(/##\[/g, "#" + ZWSP + "#[").replace(/(^|[\n\r])([\s\u0085]*)::/g, `$1$2:${ZWSP}:`);
}
function safeText(s) {
  return neutraliseCommands(stripUnsafe(s));
}
function printable(s) {
  return stripUnsafe(
    String(s ?? "").replace(/\u001B[\]PX^_][^\u0007\u001B\u009C]{0,4096}(?:\u0007|\u001B\\|\u009C)?/g, "").replace(/\u001B\[[0-?]{0,64}[ -/]{0,16}[@-~]?/g, "").replace(/\u009B[0-?]{0,64}[ -/]{0,16}[@-~]?/g, "")
  );
}

// src/report/links.ts
function serverBase(server) {
  if (!server) return void 0;
  let u;
  try {
    u = new URL(server);
  } catch {
    return void 0;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:" || u.username || u.password || u.search || u.hash)
    return void 0;
  return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, "")}`;
}
var REPO = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;
var pct = (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0");
function encodeSegment(s) {
  return encodeURIComponent(s).replace(/[()!'*]/g, pct);
}
function href(url) {
  if (!url) return void 0;
  let u;
  try {
    u = new URL(url);
  } catch {
    return void 0;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:" || u.username || u.password) return void 0;
  return u.href.replace(
    /[^A-Za-z0-9\-._~:/?#@!$&+,;=%]/g,
    (c) => c.charCodeAt(0) < 128 ? pct(c) : encodeURIComponent(c)
  );
}
function mdLink(text, url) {
  const h = href(url);
  return h ? `[${text}](${h})` : text;
}
var SHA = /^[0-9a-f]{7,64}$/i;
function fileLink(t2, path2, lines) {
  const base2 = serverBase(t2?.server);
  if (!base2 || !t2 || !REPO.test(t2.repo) || !t2.headSha || !SHA.test(t2.headSha)) return void 0;
  const segs = path2.split("/");
  if (!path2 || segs.some((s) => !s || s === "." || s === "..")) return void 0;
  const encoded = segs.map(encodeSegment).join("/");
  const anchor = lines && lines[0] > 0 ? lines[1] > lines[0] ? `#L${lines[0]}-L${lines[1]}` : `#L${lines[0]}` : "";
  return href(`${base2}/${t2.repo}/blob/${t2.headSha}/${encoded}${anchor}`);
}
function jobLogLink(t2, run, job, step, line) {
  const base2 = serverBase(t2?.server);
  const r = run ?? t2?.run;
  if (!base2 || !t2 || !REPO.test(t2.repo) || !Number.isSafeInteger(r) || !Number.isSafeInteger(job))
    return void 0;
  const anchor = step && step > 0 ? `#step:${step}${line && line > 0 ? ":" + line : ""}` : "";
  return href(`${base2}/${t2.repo}/actions/runs/${r}/job/${job}${anchor}`);
}
function ownUrl(t2, url) {
  const base2 = serverBase(t2?.server);
  if (!base2 || !t2 || !url || !REPO.test(t2.repo)) return void 0;
  let u;
  try {
    u = new URL(url);
  } catch {
    return void 0;
  }
  if (u.username || u.password) return void 0;
  if (!u.href.startsWith(`${base2}/${t2.repo}/`)) return void 0;
  return href(u.href);
}
function runLink(t2, run, attempt) {
  const base2 = serverBase(t2?.server);
  if (!base2 || !t2 || !REPO.test(t2.repo) || !Number.isSafeInteger(run) || run <= 0) return void 0;
  const a = attempt && Number.isSafeInteger(attempt) && attempt > 0 ? `/attempts/${attempt}` : "";
  return href(`${base2}/${t2.repo}/actions/runs/${run}${a}`);
}

// src/report/wording.ts
function verdictLabel(v) {
  switch (v.origin) {
    case "caused-by-change":
      return v.confidence >= CAUSE_CONFIDENCE ? "Caused by this change" : v.confidence >= LEAD_CONFIDENCE ? "Likely caused by this change" : "No clear cause found";
    case "base-broken":
      return "Failing on the base branch too";
    case "flaky":
      return "Flaky";
    case "infrastructure":
      return "Infrastructure failure";
    default:
      return "Cause unknown";
  }
}
function suspectWord(confidence2) {
  return confidence2 >= CAUSE_CONFIDENCE ? "the cause" : confidence2 >= LEAD_CONFIDENCE ? "likely" : "worth a look";
}
function percent(x) {
  return `${Math.round(Math.max(0, Math.min(1, Number(x) || 0)) * 100)}%`;
}
function rangesText(lines) {
  if (!lines?.length) return "";
  const parts = lines.slice(0, 4).map(([a, b]) => a === b ? `${a}` : `${a}-${b}`);
  const more = lines.length > 4 ? ` +${lines.length - 4}` : "";
  return `${lines.length === 1 && lines[0][0] === lines[0][1] ? "line" : "lines"} ${parts.join(", ")}${more}`;
}
function findingTitle(f) {
  const tests = testsOf(f);
  if (tests.length > 1) return `${tests.length} tests failed`;
  return f.code ?? (tests[0] || kindWords(f.kind));
}
function findingWhere(f) {
  if (!f.file) return "";
  return `${f.file}${f.line ? ":" + f.line : ""}${f.line && f.column ? ":" + f.column : ""}`;
}
var HEX2 = /^[0-9a-f]{7,64}$/i;
function shortSha2(sha) {
  return sha && HEX2.test(sha) ? sha.slice(0, 7) : void 0;
}

// src/report/evidence.ts
var clip3 = (s, n) => clipCodePoints(String(s ?? ""), n);
var code = (s, n = 120) => codeSpan(clip3(s, n));
function infraEvidence(r) {
  const f = r.findings.find((x) => x.kind === "infra");
  if (f) return f.message;
  return r.patterns.find((p) => p.category === "infra" || p.category === "network")?.title;
}
function items(r, links) {
  const h = r.history ?? {};
  const v = r.verdict;
  const out = [];
  const run = (n, attempt, label = `run ${n}${attempt ? `, attempt ${attempt}` : ""}`) => {
    const url = runLink(links, n, attempt);
    return { md: mdLink(label, url), text: url ? `${label} (${url})` : label };
  };
  for (const k of (r.knownIssues ?? []).slice(0, 3)) {
    const url = ownUrl(links, k.url);
    const f = r.findings[k.findings[0]];
    const label = `known issue #${k.number}`;
    out.push({
      md: `Matches ${mdLink(label, url)} ${code(k.title, 120)}${k.findings.length > 1 ? ` (${k.findings.length} findings)` : ""}:`,
      text: `Matches ${label} '${clip3(k.title, 120)}'${url ? ` (${url})` : ""}${k.findings.length > 1 ? ` (${k.findings.length} findings)` : ""}:`,
      line: f?.message
    });
  }
  for (const g of (r.matrix ?? []).slice(0, 3)) {
    const f = r.findings[g.finding];
    const values = g.values.slice(0, 10);
    const more = g.values.length > values.length ? `, and ${g.values.length - values.length} more` : "";
    out.push({
      md: `The same failure in ${g.values.length} jobs of ${code(g.job)}: ${values.map((x) => code(x, 60)).join(", ")}${more}${f ? ` (${code(f.message, 100)})` : ""}.`,
      text: `The same failure in ${g.values.length} jobs of '${g.job}': ${values.join("; ")}${more}.`
    });
  }
  const base2 = h.base;
  if (v.origin === "base-broken" && base2) {
    const b = run(base2.run, base2.attempt);
    const job = base2.job ? ` in job ${code(base2.job.name)}` : "";
    const test = base2.matched?.test ? `, failing test ${code(base2.matched.test, 200)}` : "";
    out.push({
      md: `The latest run of this workflow on the base branch ${code(base2.branch)}, ${b.md}, fails too${job}${test}, with the same error:`,
      text: `The latest run on the base branch '${base2.branch}', ${b.text}, fails too${base2.job ? ` in job '${base2.job.name}'` : ""}${base2.matched?.test ? `, failing test '${base2.matched.test}'` : ""}, with the same error:`,
      line: base2.matched?.message
    });
    const since = base2.since;
    if (since && since.run !== base2.run) {
      const r2 = run(since.run, since.attempt);
      out.push({
        md: `Failing on ${code(base2.branch)} since ${r2.md} (commit \`${shortSha2(since.sha) ?? "?"}\`, the same error): ${since.failedInARow} failed runs in a row.`,
        text: `Failing on '${base2.branch}' since ${r2.text} (commit ${shortSha2(since.sha) ?? "?"}, the same error): ${since.failedInARow} failed runs in a row.`
      });
    }
  }
  if (v.origin === "flaky" && h.passed) {
    const p = run(h.passed.run, h.passed.attempt);
    const sha = shortSha2(r.head?.sha) ?? "this commit";
    out.push({
      md: `The same commit \`${sha}\` passed in ${p.md}${h.passed.via === "attempt" ? " (another attempt of this run)" : ""}.`,
      text: `The same commit ${sha} passed in ${p.text}.`
    });
  }
  const elsewhere = h.elsewhere?.matches ?? [];
  const rerun = elsewhere.filter((m) => m.passedOnRerun);
  const pull = (m) => {
    const r2 = run(m.run, m.attempt);
    const c = ownUrl(links, m.url);
    const label = `pull request ${m.pr}`;
    return {
      md: `${c ? `[${label}](${c})` : label} (${r2.md}, commit \`${shortSha2(m.sha) ?? "?"}\`)`,
      text: `${label} (${r2.text}, commit ${shortSha2(m.sha) ?? "?"})`
    };
  };
  if (v.origin === "flaky" && !h.passed && rerun.length) {
    const shown = rerun.slice(0, 3).map(pull);
    out.push({
      md: `The same failure occurred on ${shown.map((x) => x.md).join(", ")}, and passed there when re-run at the same commit.`,
      text: `The same failure occurred on ${shown.map((x) => x.text).join(", ")}, and passed there when re-run at the same commit.`
    });
  } else if (elsewhere.length) {
    const shown = elsewhere.slice(0, 3).map(pull);
    const prs = new Set(elsewhere.map((m) => m.pr)).size;
    const days = h.elsewhere?.days ?? 0;
    const passed = rerun.length ? `; passed on a re-run in ${new Set(rerun.map((m) => m.pr)).size}` : "";
    out.push({
      md: `Seen on ${prs} other pull request${prs === 1 ? "" : "s"} in the last ${days} days${passed}: ${shown.map((x) => x.md).join(", ")}.`,
      text: `Seen on ${prs} other pull request${prs === 1 ? "" : "s"} in the last ${days} days${passed}: ${shown.map((x) => x.text).join(", ")}.`
    });
  }
  if (h.firstSeen) {
    const days = h.elsewhere?.days ?? 0;
    const text = `First seen here: not in the base branch's latest run, nor on other pull requests in the last ${days} days (${h.elsewhere?.commentsRead ?? 0} comments read${h.elsewhere?.truncated ? ", older ones not read" : ""}).`;
    out.push({ md: escapeMarkdown(text), text });
  }
  if (v.origin === "infrastructure") {
    const line = h.infraLine ?? infraEvidence(r);
    out.push({
      md: "The log shows an infrastructure failure (runner, machine or network) and no test or build error:",
      text: "The log shows an infrastructure failure (runner, machine or network) and no test or build error:",
      line
    });
  }
  if (v.origin !== "base-broken" && base2) {
    const b = run(base2.run, base2.attempt);
    if (base2.conclusion === "success")
      out.push({
        md: `The latest run on the base branch ${code(base2.branch)}, ${b.md}, passed.`,
        text: `The latest run on the base branch '${base2.branch}', ${b.text}, passed.`
      });
    else
      out.push({
        md: `The latest run on the base branch ${code(base2.branch)}, ${b.md}, ended ${code(base2.conclusion, 30)}${base2.logMissing ? " (its log could not be read)" : ", but not with these errors"}.`,
        text: `The latest run on the base branch '${base2.branch}', ${b.text}, ended ${base2.conclusion}${base2.logMissing ? " (its log could not be read)" : ", but not with these errors"}.`
      });
  }
  if (v.origin === "unknown" && r.history) {
    const checked = [];
    if (r.findings.length)
      checked.push(
        r.suspects.length ? "no changed file is clearly tied to the errors found (the files listed are leads)" : "no changed file relates to the errors found"
      );
    else checked.push("no error was recognised in the log");
    if (!base2 && h.baseSkipped)
      checked.push(`the base branch was not checked (${clip3(oneLine2(h.baseSkipped), 120)})`);
    if (!h.passed) checked.push("no other attempt or run passed on this commit");
    const text = `No evidence points to a cause, so none is guessed: ${checked.join("; ")}.`;
    out.push({ md: escapeMarkdown(text), text });
  }
  return out;
}
function evidenceSection(r, links) {
  const list = items(r, links);
  if (!list.length) return "";
  const body3 = list.map((i) => `- ${i.md}${i.line ? `

${indent2(fence([clip3(i.line, 300)]))}` : ""}`).join("\n");
  return `#### Evidence

${body3}
`;
}
var indent2 = (s) => s.replace(/\n$/, "").split("\n").map((l) => `  ${l}`).join("\n");
function evidenceText(r) {
  return items(r).flatMap((i) => [
    `  - ${safeText(oneLine2(clip3(i.text, 600)))}`,
    ...i.line ? [`      ${safeText(oneLine2(clip3(i.line, 300)))}`] : []
  ]);
}

// src/report/markdown.ts
var DEFAULT_MAX_CHARS = 6e4;
var MARGIN = 500;
var MAX_FINDINGS_SHOWN = 10;
var MAX_PATTERNS_SHOWN = 10;
var MAX_EXCERPT_LINES2 = 15;
var MAX_REASONS2 = 6;
var MAX_NOTES = 10;
var MAX_TESTS_LISTED = 10;
function headedByWhatFailed(r) {
  return r.verdict.origin === "unknown" && r.findings.some(isRealError);
}
var clip4 = (s, n) => clipCodePoints(String(s ?? ""), n);
var md = (s, n = 500) => escapeMarkdown(clip4(s, n));
function verdictSection(r) {
  const v = r.verdict;
  const summary = escapeMarkdownWithCode(clip4(v.summary, 600));
  if (headedByWhatFailed(r)) return `### CI root cause

**${summary}**
`;
  const conf = v.origin !== "unknown" && v.confidence > 0 ? `${percent(v.confidence)} confident` : "";
  const cat = v.category && v.category !== "unknown" ? md(v.category, 30) : "";
  const detail2 = [cat, conf].filter(Boolean).join(", ");
  return `### CI root cause

**${verdictLabel(v)}**${detail2 ? ` (${detail2})` : ""}: ${summary}
`;
}
function suspectsSection(r, shape, links) {
  const shown = r.suspects.slice(0, shape.suspects);
  if (!shown.length) return "";
  const rows = shown.map((s, i) => {
    const url = fileLink(links, s.path, s.lines?.[0]);
    const file = mdLink(codeSpan(clip4(s.path, 300), true), url);
    const where2 = rangesText(s.lines ?? []);
    const reasons = s.reasons.slice(0, shape.reasons).map((x) => escapeMarkdownWithCode(clip4(x, 500)));
    const cut = s.reasons.length - reasons.length;
    if (cut > 0) reasons.push(`_${cut} more reason${cut === 1 ? "" : "s"} left out_`);
    const shas = (s.commits ?? []).map(shortSha2).filter(Boolean).slice(0, 3);
    if (shas.length) reasons.push(`commit${shas.length === 1 ? "" : "s"}: ${shas.join(", ")}`);
    return `| ${i + 1} | ${file}${where2 ? `<br>${where2}` : ""} | **${percent(s.confidence)}** ${suspectWord(s.confidence)} | ${reasons.join("<br>")} |`;
  });
  const more = r.suspects.length - shown.length;
  const tail2 = more > 0 ? `
_${more} more suspect${more === 1 ? "" : "s"} left out._
` : "";
  return `#### Suspects

| # | File | Confidence | Why |
| ---: | --- | --- | --- |
${rows.join("\n")}
${tail2}`;
}
function logUrl(r, f, links) {
  if (!links) return void 0;
  const loc = f.location;
  if (!loc) return void 0;
  return ownUrl(links, loc.url) ?? (loc.jobId ? jobLogLink(links, r.source?.run, loc.jobId, loc.step, loc.lineInStep) : void 0);
}
function findingBlock(r, f, i, withExcerpt, excerptLines, links) {
  const where2 = findingWhere(f);
  const url = logUrl(r, f, links);
  const place2 = f.location ? ` \xB7 ${mdLink(`job ${md(f.location.job, 80)}${f.location.stepName ? `, step ${md(f.location.stepName, 80)}` : ""}`, url)}` : "";
  const repeat = repeatText(f);
  const head = `**${i + 1}. ${md(findingTitle(f), 120)}**${where2 ? ` in ${codeSpan(clip4(where2, 300))}` : ""} \xB7 ${md(findingKindText(f), 60)}${repeat ? ` \xB7 ${md(repeat, 80)}` : ""}${place2}`;
  let out = `${head}

> ${md(f.message, 500)}
`;
  const tests = testsOf(f);
  if (tests.length > 1) {
    const names = tests.slice(0, MAX_TESTS_LISTED).map((t2) => codeSpan(clip4(t2, 200)));
    const more = tests.length - names.length;
    out += `
${tests.length} tests failed with this message: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}
`;
  }
  const lines = f.excerpt ?? [];
  if (withExcerpt && lines.length) {
    const shown = lines.slice(0, excerptLines).map((l) => clip4(l, 300));
    const rest = lines.length - shown.length;
    if (rest > 0) shown.push(`\u2026 ${rest} more line${rest === 1 ? "" : "s"}`);
    const [a, b] = f.logLines ?? [0, 0];
    const range = a === b ? `line ${a}` : `lines ${a}-${b}`;
    out += `
<details><summary>${escapeHtml(`Log excerpt (${range})`)}</summary>

${fence(shown)}
</details>
`;
  }
  return out;
}
function keyFindings(r) {
  const all = r.findings.map((f, i) => ({ f, i }));
  const tools = all.filter(({ f }) => f.kind !== "exit" && f.tool !== "region");
  const repeats = (f) => f.tool === "region" && tools.some(({ f: t2 }) => t2.logLines[0] <= f.logLines[1] && t2.logLines[1] >= f.logLines[0]);
  const key = all.filter(({ f }) => f.kind !== "exit" && !repeats(f));
  return key.length ? key : all;
}
function findingsSection(r, shape, links) {
  const key = keyFindings(r);
  const shown = key.slice(0, shape.findings);
  if (!shown.length) return "";
  const blocks = shown.map(
    ({ f }, k) => findingBlock(r, f, k, k < shape.excerpts, shape.excerptLines, links)
  );
  const more = key.length - shown.length;
  const tail2 = more > 0 ? `
_${more} more finding${more === 1 ? "" : "s"} not shown._
` : "";
  return `#### Key findings

${blocks.join("\n")}${tail2}`;
}
function patternsSection(r, shape) {
  const shown = r.patterns.slice(0, shape.patterns);
  if (!shown.length) return "";
  const items2 = shown.map((p) => {
    const n = p.occurrences && p.occurrences > 1 ? `, ${p.occurrences}\xD7` : "";
    const [a, b] = p.logLines ?? [0, 0];
    const at = a ? ` (log ${a === b ? `line ${a}` : `lines ${a}-${b}`}${n})` : "";
    const hint2 = p.hint ? `: ${escapeMarkdownWithCode(clip4(p.hint, 500))}` : "";
    return `- **${md(p.title, 120)}** ${codeSpan(clip4(p.id, 80))} \xB7 ${md(p.category, 30)}${at}${hint2}`;
  });
  const more = r.patterns.length - shown.length;
  const tail2 = more > 0 ? `
_${more} more pattern${more === 1 ? "" : "s"} left out._
` : "";
  return `#### Recognised patterns

${items2.join("\n")}
${tail2}`;
}
function rangeSection(r, links) {
  const parts = [];
  const base2 = shortSha2(r.base?.sha);
  const head = shortSha2(r.head?.sha);
  const source = r.base?.source ?? r.range?.baseSource;
  if (base2 || head) {
    parts.push(`${base2 ?? "?"}${source ? ` (${md(source, 80)})` : ""} \u2192 ${head ?? "?"}`);
  }
  if (r.range) {
    const files = r.range.files > r.range.filesAnalysed ? `${r.range.files} files changed, ${r.range.filesAnalysed} analysed` : `${r.range.files} file${r.range.files === 1 ? "" : "s"} changed`;
    parts.push(`${r.range.commits} commit${r.range.commits === 1 ? "" : "s"}`, files);
  }
  const top = r.commits?.[0];
  const culprit = top && shortSha2(top.sha) ? `

**Most likely commit:** ${shortSha2(top.sha)} ${md(top.subject, 100)}` : "";
  const runUrl = r.source?.run ? runLink(links, r.source.run) : void 0;
  const run = r.source?.run ? `

Analysed ${mdLink(`run ${Number(r.source.run) || "?"}`, runUrl)}${r.source.attempt ? `, attempt ${Number(r.source.attempt) || "?"}` : ""}${head ? ` at ${head}` : ""}.` : "";
  const commands = Array.isArray(r.bisect?.commands) ? r.bisect.commands.slice(0, 6).map((c) => clip4(String(c), 300)) : [];
  const bisect = commands.length ? `

**Not sure which commit?** Let git bisect settle it${r.bisect?.run ? "" : " (run the failing command at each step)"}:

${fence(commands)}` : "";
  if (!parts.length && !culprit && !run && !bisect) return "";
  return `#### Range analysed

${parts.join(" \xB7 ")}${culprit}${bisect}${run}
`;
}
function notesSection(r, shape) {
  const notes = [...r.notes];
  for (const j of r.source?.jobs ?? [])
    if (j.logMissing) notes.push(`Log of job ${j.name} not analysed: ${j.logMissing}`);
  const shown = notes.slice(0, shape.notes);
  if (!shown.length) return "";
  const more = notes.length - shown.length;
  return `#### Notes

${shown.map((n) => `- ${md(n, 300)}`).join("\n")}${more > 0 ? `
- _${more} more notes left out._` : ""}
`;
}
function build(r, shape, links, cutNote) {
  const sections = [
    verdictSection(r),
    evidenceSection(r, links),
    suspectsSection(r, shape, links),
    findingsSection(r, shape, links),
    patternsSection(r, shape),
    rangeSection(r, links),
    notesSection(r, shape),
    cutNote ? `_${cutNote}_
` : ""
  ].filter(Boolean);
  return sections.join("\n");
}
function describeCut(full, s, r) {
  const parts = [];
  const key = keyFindings(r).map((x) => x.f);
  const shownFindings = Math.min(full.findings, key.length);
  const withExcerpt = key.slice(0, Math.min(s.excerpts, s.findings)).filter((f) => f.excerpt?.length).length;
  const couldHave = key.slice(0, shownFindings).filter((f) => f.excerpt?.length).length;
  if (withExcerpt < couldHave)
    parts.push(
      `the log excerpts of ${couldHave - withExcerpt} finding${couldHave - withExcerpt === 1 ? "" : "s"}`
    );
  if (s.excerptLines < full.excerptLines && withExcerpt) parts.push(`excerpt lines beyond ${s.excerptLines}`);
  if (s.findings < shownFindings)
    parts.push(`${shownFindings - s.findings} finding${shownFindings - s.findings === 1 ? "" : "s"}`);
  const shownPatterns = Math.min(full.patterns, r.patterns.length);
  if (s.patterns < shownPatterns)
    parts.push(`${shownPatterns - s.patterns} pattern${shownPatterns - s.patterns === 1 ? "" : "s"}`);
  if (s.reasons < full.reasons && r.suspects.some((x) => x.reasons.length > s.reasons))
    parts.push(`reasons beyond ${s.reasons} per suspect`);
  const shownSuspects = Math.min(full.suspects, r.suspects.length);
  if (s.suspects < shownSuspects)
    parts.push(`${shownSuspects - s.suspects} suspect${shownSuspects - s.suspects === 1 ? "" : "s"}`);
  if (s.notes < Math.min(full.notes, r.notes.length)) parts.push("notes");
  return parts.length ? `Shortened to fit the size limit: left out ${parts.join(", ")}. The JSON report has everything.` : "";
}
function reduce(s, r) {
  if (s.excerpts > 1) s.excerpts--;
  else if (s.excerptLines > 5) s.excerptLines = 5;
  else if (s.findings > 1) s.findings--;
  else if (s.patterns > 0) s.patterns--;
  else if (s.reasons > 2) s.reasons = 2;
  else if (s.suspects > 1) s.suspects--;
  else if (s.excerpts > 0) s.excerpts = 0;
  else if (s.notes > 0) s.notes = 0;
  else if (s.reasons > 1) s.reasons = 1;
  else if (s.findings > 0 && r.suspects.length) s.findings = 0;
  else return false;
  return true;
}
function renderMarkdownReport(r, opts = {}) {
  const max = Math.max(200, opts.maxChars ?? DEFAULT_MAX_CHARS);
  const budget = Math.max(100, max - Math.min(MARGIN, Math.floor(max / 10)));
  const full = {
    suspects: r.suspects.length,
    reasons: MAX_REASONS2,
    findings: Math.min(MAX_FINDINGS_SHOWN, keyFindings(r).length),
    excerpts: Math.min(MAX_FINDINGS_SHOWN, keyFindings(r).length),
    excerptLines: MAX_EXCERPT_LINES2,
    patterns: Math.min(MAX_PATTERNS_SHOWN, r.patterns.length),
    notes: MAX_NOTES
  };
  const shape = { ...full };
  let out = build(r, shape, opts.links, "");
  while (out.length > budget) {
    if (!reduce(shape, r)) break;
    out = build(r, shape, opts.links, describeCut(full, shape, r));
  }
  if (out.length > budget) {
    const note = "\n_Shortened to fit the size limit: the rest of the report was cut. The JSON report has everything._\n";
    const head = cutUtf16(out, Math.max(0, budget - note.length));
    const nl = head.lastIndexOf("\n");
    out = (nl > 0 ? head.slice(0, nl) : "") + note;
  }
  return out;
}

// node_modules/@secretlint/secretlint-rule-preset-recommend/module/index.js
import path from "node:path";
var commonjsGlobal = typeof globalThis !== "undefined" ? globalThis : typeof window !== "undefined" ? window : typeof global !== "undefined" ? global : typeof self !== "undefined" ? self : {};
var regexpStringMatcher = {};
var lodash_uniq;
var hasRequiredLodash_uniq;
function requireLodash_uniq() {
  if (hasRequiredLodash_uniq) return lodash_uniq;
  hasRequiredLodash_uniq = 1;
  var LARGE_ARRAY_SIZE = 200;
  var HASH_UNDEFINED = "__lodash_hash_undefined__";
  var INFINITY = 1 / 0;
  var funcTag = "[object Function]", genTag = "[object GeneratorFunction]";
  var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
  var reIsHostCtor = /^\[object .+?Constructor\]$/;
  var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
  var freeSelf = typeof self == "object" && self && self.Object === Object && self;
  var root = freeGlobal || freeSelf || Function("return this")();
  function arrayIncludes(array, value) {
    var length = array ? array.length : 0;
    return !!length && baseIndexOf(array, value, 0) > -1;
  }
  function baseFindIndex(array, predicate, fromIndex, fromRight) {
    var length = array.length, index = fromIndex + -1;
    while (++index < length) {
      if (predicate(array[index], index, array)) {
        return index;
      }
    }
    return -1;
  }
  function baseIndexOf(array, value, fromIndex) {
    if (value !== value) {
      return baseFindIndex(array, baseIsNaN, fromIndex);
    }
    var index = fromIndex - 1, length = array.length;
    while (++index < length) {
      if (array[index] === value) {
        return index;
      }
    }
    return -1;
  }
  function baseIsNaN(value) {
    return value !== value;
  }
  function cacheHas(cache2, key) {
    return cache2.has(key);
  }
  function getValue(object, key) {
    return object == null ? void 0 : object[key];
  }
  function isHostObject(value) {
    var result = false;
    if (value != null && typeof value.toString != "function") {
      try {
        result = !!(value + "");
      } catch (e) {
      }
    }
    return result;
  }
  function setToArray(set) {
    var index = -1, result = Array(set.size);
    set.forEach(function(value) {
      result[++index] = value;
    });
    return result;
  }
  var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
  var coreJsData = root["__core-js_shared__"];
  var maskSrcKey = (function() {
    var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
    return uid ? "Symbol(src)_1." + uid : "";
  })();
  var funcToString = funcProto.toString;
  var hasOwnProperty = objectProto.hasOwnProperty;
  var objectToString = objectProto.toString;
  var reIsNative = RegExp(
    "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
  );
  var splice = arrayProto.splice;
  var Map2 = getNative(root, "Map"), Set2 = getNative(root, "Set"), nativeCreate = getNative(Object, "create");
  function Hash(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function hashClear() {
    this.__data__ = nativeCreate ? nativeCreate(null) : {};
  }
  function hashDelete(key) {
    return this.has(key) && delete this.__data__[key];
  }
  function hashGet(key) {
    var data = this.__data__;
    if (nativeCreate) {
      var result = data[key];
      return result === HASH_UNDEFINED ? void 0 : result;
    }
    return hasOwnProperty.call(data, key) ? data[key] : void 0;
  }
  function hashHas(key) {
    var data = this.__data__;
    return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
  }
  function hashSet(key, value) {
    var data = this.__data__;
    data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
    return this;
  }
  Hash.prototype.clear = hashClear;
  Hash.prototype["delete"] = hashDelete;
  Hash.prototype.get = hashGet;
  Hash.prototype.has = hashHas;
  Hash.prototype.set = hashSet;
  function ListCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function listCacheClear() {
    this.__data__ = [];
  }
  function listCacheDelete(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      return false;
    }
    var lastIndex = data.length - 1;
    if (index == lastIndex) {
      data.pop();
    } else {
      splice.call(data, index, 1);
    }
    return true;
  }
  function listCacheGet(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    return index < 0 ? void 0 : data[index][1];
  }
  function listCacheHas(key) {
    return assocIndexOf(this.__data__, key) > -1;
  }
  function listCacheSet(key, value) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      data.push([key, value]);
    } else {
      data[index][1] = value;
    }
    return this;
  }
  ListCache.prototype.clear = listCacheClear;
  ListCache.prototype["delete"] = listCacheDelete;
  ListCache.prototype.get = listCacheGet;
  ListCache.prototype.has = listCacheHas;
  ListCache.prototype.set = listCacheSet;
  function MapCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function mapCacheClear() {
    this.__data__ = {
      "hash": new Hash(),
      "map": new (Map2 || ListCache)(),
      "string": new Hash()
    };
  }
  function mapCacheDelete(key) {
    return getMapData(this, key)["delete"](key);
  }
  function mapCacheGet(key) {
    return getMapData(this, key).get(key);
  }
  function mapCacheHas(key) {
    return getMapData(this, key).has(key);
  }
  function mapCacheSet(key, value) {
    getMapData(this, key).set(key, value);
    return this;
  }
  MapCache.prototype.clear = mapCacheClear;
  MapCache.prototype["delete"] = mapCacheDelete;
  MapCache.prototype.get = mapCacheGet;
  MapCache.prototype.has = mapCacheHas;
  MapCache.prototype.set = mapCacheSet;
  function SetCache(values) {
    var index = -1, length = values ? values.length : 0;
    this.__data__ = new MapCache();
    while (++index < length) {
      this.add(values[index]);
    }
  }
  function setCacheAdd(value) {
    this.__data__.set(value, HASH_UNDEFINED);
    return this;
  }
  function setCacheHas(value) {
    return this.__data__.has(value);
  }
  SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
  SetCache.prototype.has = setCacheHas;
  function assocIndexOf(array, key) {
    var length = array.length;
    while (length--) {
      if (eq(array[length][0], key)) {
        return length;
      }
    }
    return -1;
  }
  function baseIsNative(value) {
    if (!isObject(value) || isMasked(value)) {
      return false;
    }
    var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
    return pattern.test(toSource(value));
  }
  function baseUniq(array, iteratee, comparator) {
    var index = -1, includes = arrayIncludes, length = array.length, isCommon = true, result = [], seen = result;
    if (length >= LARGE_ARRAY_SIZE) {
      var set = createSet(array);
      if (set) {
        return setToArray(set);
      }
      isCommon = false;
      includes = cacheHas;
      seen = new SetCache();
    } else {
      seen = result;
    }
    outer:
      while (++index < length) {
        var value = array[index], computed = value;
        value = value !== 0 ? value : 0;
        if (isCommon && computed === computed) {
          var seenIndex = seen.length;
          while (seenIndex--) {
            if (seen[seenIndex] === computed) {
              continue outer;
            }
          }
          result.push(value);
        } else if (!includes(seen, computed, comparator)) {
          if (seen !== result) {
            seen.push(computed);
          }
          result.push(value);
        }
      }
    return result;
  }
  var createSet = !(Set2 && 1 / setToArray(new Set2([, -0]))[1] == INFINITY) ? noop : function(values) {
    return new Set2(values);
  };
  function getMapData(map, key) {
    var data = map.__data__;
    return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
  }
  function getNative(object, key) {
    var value = getValue(object, key);
    return baseIsNative(value) ? value : void 0;
  }
  function isKeyable(value) {
    var type = typeof value;
    return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
  }
  function isMasked(func) {
    return !!maskSrcKey && maskSrcKey in func;
  }
  function toSource(func) {
    if (func != null) {
      try {
        return funcToString.call(func);
      } catch (e) {
      }
      try {
        return func + "";
      } catch (e) {
      }
    }
    return "";
  }
  function uniq(array) {
    return array && array.length ? baseUniq(array) : [];
  }
  function eq(value, other) {
    return value === other || value !== value && other !== other;
  }
  function isFunction(value) {
    var tag = isObject(value) ? objectToString.call(value) : "";
    return tag == funcTag || tag == genTag;
  }
  function isObject(value) {
    var type = typeof value;
    return !!value && (type == "object" || type == "function");
  }
  function noop() {
  }
  lodash_uniq = uniq;
  return lodash_uniq;
}
var lodash_uniqwith;
var hasRequiredLodash_uniqwith;
function requireLodash_uniqwith() {
  if (hasRequiredLodash_uniqwith) return lodash_uniqwith;
  hasRequiredLodash_uniqwith = 1;
  var LARGE_ARRAY_SIZE = 200;
  var HASH_UNDEFINED = "__lodash_hash_undefined__";
  var INFINITY = 1 / 0;
  var funcTag = "[object Function]", genTag = "[object GeneratorFunction]";
  var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
  var reIsHostCtor = /^\[object .+?Constructor\]$/;
  var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
  var freeSelf = typeof self == "object" && self && self.Object === Object && self;
  var root = freeGlobal || freeSelf || Function("return this")();
  function arrayIncludes(array, value) {
    var length = array ? array.length : 0;
    return !!length && baseIndexOf(array, value, 0) > -1;
  }
  function arrayIncludesWith(array, value, comparator) {
    var index = -1, length = array ? array.length : 0;
    while (++index < length) {
      if (comparator(value, array[index])) {
        return true;
      }
    }
    return false;
  }
  function baseFindIndex(array, predicate, fromIndex, fromRight) {
    var length = array.length, index = fromIndex + -1;
    while (++index < length) {
      if (predicate(array[index], index, array)) {
        return index;
      }
    }
    return -1;
  }
  function baseIndexOf(array, value, fromIndex) {
    if (value !== value) {
      return baseFindIndex(array, baseIsNaN, fromIndex);
    }
    var index = fromIndex - 1, length = array.length;
    while (++index < length) {
      if (array[index] === value) {
        return index;
      }
    }
    return -1;
  }
  function baseIsNaN(value) {
    return value !== value;
  }
  function cacheHas(cache2, key) {
    return cache2.has(key);
  }
  function getValue(object, key) {
    return object == null ? void 0 : object[key];
  }
  function isHostObject(value) {
    var result = false;
    if (value != null && typeof value.toString != "function") {
      try {
        result = !!(value + "");
      } catch (e) {
      }
    }
    return result;
  }
  function setToArray(set) {
    var index = -1, result = Array(set.size);
    set.forEach(function(value) {
      result[++index] = value;
    });
    return result;
  }
  var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
  var coreJsData = root["__core-js_shared__"];
  var maskSrcKey = (function() {
    var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
    return uid ? "Symbol(src)_1." + uid : "";
  })();
  var funcToString = funcProto.toString;
  var hasOwnProperty = objectProto.hasOwnProperty;
  var objectToString = objectProto.toString;
  var reIsNative = RegExp(
    "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
  );
  var splice = arrayProto.splice;
  var Map2 = getNative(root, "Map"), Set2 = getNative(root, "Set"), nativeCreate = getNative(Object, "create");
  function Hash(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function hashClear() {
    this.__data__ = nativeCreate ? nativeCreate(null) : {};
  }
  function hashDelete(key) {
    return this.has(key) && delete this.__data__[key];
  }
  function hashGet(key) {
    var data = this.__data__;
    if (nativeCreate) {
      var result = data[key];
      return result === HASH_UNDEFINED ? void 0 : result;
    }
    return hasOwnProperty.call(data, key) ? data[key] : void 0;
  }
  function hashHas(key) {
    var data = this.__data__;
    return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
  }
  function hashSet(key, value) {
    var data = this.__data__;
    data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
    return this;
  }
  Hash.prototype.clear = hashClear;
  Hash.prototype["delete"] = hashDelete;
  Hash.prototype.get = hashGet;
  Hash.prototype.has = hashHas;
  Hash.prototype.set = hashSet;
  function ListCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function listCacheClear() {
    this.__data__ = [];
  }
  function listCacheDelete(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      return false;
    }
    var lastIndex = data.length - 1;
    if (index == lastIndex) {
      data.pop();
    } else {
      splice.call(data, index, 1);
    }
    return true;
  }
  function listCacheGet(key) {
    var data = this.__data__, index = assocIndexOf(data, key);
    return index < 0 ? void 0 : data[index][1];
  }
  function listCacheHas(key) {
    return assocIndexOf(this.__data__, key) > -1;
  }
  function listCacheSet(key, value) {
    var data = this.__data__, index = assocIndexOf(data, key);
    if (index < 0) {
      data.push([key, value]);
    } else {
      data[index][1] = value;
    }
    return this;
  }
  ListCache.prototype.clear = listCacheClear;
  ListCache.prototype["delete"] = listCacheDelete;
  ListCache.prototype.get = listCacheGet;
  ListCache.prototype.has = listCacheHas;
  ListCache.prototype.set = listCacheSet;
  function MapCache(entries) {
    var index = -1, length = entries ? entries.length : 0;
    this.clear();
    while (++index < length) {
      var entry = entries[index];
      this.set(entry[0], entry[1]);
    }
  }
  function mapCacheClear() {
    this.__data__ = {
      "hash": new Hash(),
      "map": new (Map2 || ListCache)(),
      "string": new Hash()
    };
  }
  function mapCacheDelete(key) {
    return getMapData(this, key)["delete"](key);
  }
  function mapCacheGet(key) {
    return getMapData(this, key).get(key);
  }
  function mapCacheHas(key) {
    return getMapData(this, key).has(key);
  }
  function mapCacheSet(key, value) {
    getMapData(this, key).set(key, value);
    return this;
  }
  MapCache.prototype.clear = mapCacheClear;
  MapCache.prototype["delete"] = mapCacheDelete;
  MapCache.prototype.get = mapCacheGet;
  MapCache.prototype.has = mapCacheHas;
  MapCache.prototype.set = mapCacheSet;
  function SetCache(values) {
    var index = -1, length = values ? values.length : 0;
    this.__data__ = new MapCache();
    while (++index < length) {
      this.add(values[index]);
    }
  }
  function setCacheAdd(value) {
    this.__data__.set(value, HASH_UNDEFINED);
    return this;
  }
  function setCacheHas(value) {
    return this.__data__.has(value);
  }
  SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
  SetCache.prototype.has = setCacheHas;
  function assocIndexOf(array, key) {
    var length = array.length;
    while (length--) {
      if (eq(array[length][0], key)) {
        return length;
      }
    }
    return -1;
  }
  function baseIsNative(value) {
    if (!isObject(value) || isMasked(value)) {
      return false;
    }
    var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
    return pattern.test(toSource(value));
  }
  function baseUniq(array, iteratee, comparator) {
    var index = -1, includes = arrayIncludes, length = array.length, isCommon = true, result = [], seen = result;
    if (comparator) {
      isCommon = false;
      includes = arrayIncludesWith;
    } else if (length >= LARGE_ARRAY_SIZE) {
      var set = createSet(array);
      if (set) {
        return setToArray(set);
      }
      isCommon = false;
      includes = cacheHas;
      seen = new SetCache();
    } else {
      seen = result;
    }
    outer:
      while (++index < length) {
        var value = array[index], computed = value;
        value = comparator || value !== 0 ? value : 0;
        if (isCommon && computed === computed) {
          var seenIndex = seen.length;
          while (seenIndex--) {
            if (seen[seenIndex] === computed) {
              continue outer;
            }
          }
          result.push(value);
        } else if (!includes(seen, computed, comparator)) {
          if (seen !== result) {
            seen.push(computed);
          }
          result.push(value);
        }
      }
    return result;
  }
  var createSet = !(Set2 && 1 / setToArray(new Set2([, -0]))[1] == INFINITY) ? noop : function(values) {
    return new Set2(values);
  };
  function getMapData(map, key) {
    var data = map.__data__;
    return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
  }
  function getNative(object, key) {
    var value = getValue(object, key);
    return baseIsNative(value) ? value : void 0;
  }
  function isKeyable(value) {
    var type = typeof value;
    return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
  }
  function isMasked(func) {
    return !!maskSrcKey && maskSrcKey in func;
  }
  function toSource(func) {
    if (func != null) {
      try {
        return funcToString.call(func);
      } catch (e) {
      }
      try {
        return func + "";
      } catch (e) {
      }
    }
    return "";
  }
  function uniqWith(array, comparator) {
    return array && array.length ? baseUniq(array, void 0, comparator) : [];
  }
  function eq(value, other) {
    return value === other || value !== value && other !== other;
  }
  function isFunction(value) {
    var tag = isObject(value) ? objectToString.call(value) : "";
    return tag == funcTag || tag == genTag;
  }
  function isObject(value) {
    var type = typeof value;
    return !!value && (type == "object" || type == "function");
  }
  function noop() {
  }
  lodash_uniqwith = uniqWith;
  return lodash_uniqwith;
}
var lodash_sortby = { exports: {} };
lodash_sortby.exports;
var hasRequiredLodash_sortby;
function requireLodash_sortby() {
  if (hasRequiredLodash_sortby) return lodash_sortby.exports;
  hasRequiredLodash_sortby = 1;
  (function(module, exports$1) {
    var LARGE_ARRAY_SIZE = 200;
    var FUNC_ERROR_TEXT = "Expected a function";
    var HASH_UNDEFINED = "__lodash_hash_undefined__";
    var UNORDERED_COMPARE_FLAG = 1, PARTIAL_COMPARE_FLAG = 2;
    var MAX_SAFE_INTEGER = 9007199254740991;
    var argsTag = "[object Arguments]", arrayTag = "[object Array]", boolTag = "[object Boolean]", dateTag = "[object Date]", errorTag = "[object Error]", funcTag = "[object Function]", genTag = "[object GeneratorFunction]", mapTag = "[object Map]", numberTag = "[object Number]", objectTag = "[object Object]", promiseTag = "[object Promise]", regexpTag = "[object RegExp]", setTag = "[object Set]", stringTag = "[object String]", symbolTag = "[object Symbol]", weakMapTag = "[object WeakMap]";
    var arrayBufferTag = "[object ArrayBuffer]", dataViewTag = "[object DataView]", float32Tag = "[object Float32Array]", float64Tag = "[object Float64Array]", int8Tag = "[object Int8Array]", int16Tag = "[object Int16Array]", int32Tag = "[object Int32Array]", uint8Tag = "[object Uint8Array]", uint8ClampedTag = "[object Uint8ClampedArray]", uint16Tag = "[object Uint16Array]", uint32Tag = "[object Uint32Array]";
    var reIsDeepProp = /\.|\[(?:[^[\]]*|(["'])(?:(?!\1)[^\\]|\\.)*?\1)\]/, reIsPlainProp = /^\w*$/, reLeadingDot = /^\./, rePropName = /[^.[\]]+|\[(?:(-?\d+(?:\.\d+)?)|(["'])((?:(?!\2)[^\\]|\\.)*?)\2)\]|(?=(?:\.|\[\])(?:\.|\[\]|$))/g;
    var reRegExpChar = /[\\^$.*+?()[\]{}|]/g;
    var reEscapeChar = /\\(\\)?/g;
    var reIsHostCtor = /^\[object .+?Constructor\]$/;
    var reIsUint = /^(?:0|[1-9]\d*)$/;
    var typedArrayTags = {};
    typedArrayTags[float32Tag] = typedArrayTags[float64Tag] = typedArrayTags[int8Tag] = typedArrayTags[int16Tag] = typedArrayTags[int32Tag] = typedArrayTags[uint8Tag] = typedArrayTags[uint8ClampedTag] = typedArrayTags[uint16Tag] = typedArrayTags[uint32Tag] = true;
    typedArrayTags[argsTag] = typedArrayTags[arrayTag] = typedArrayTags[arrayBufferTag] = typedArrayTags[boolTag] = typedArrayTags[dataViewTag] = typedArrayTags[dateTag] = typedArrayTags[errorTag] = typedArrayTags[funcTag] = typedArrayTags[mapTag] = typedArrayTags[numberTag] = typedArrayTags[objectTag] = typedArrayTags[regexpTag] = typedArrayTags[setTag] = typedArrayTags[stringTag] = typedArrayTags[weakMapTag] = false;
    var freeGlobal = typeof commonjsGlobal == "object" && commonjsGlobal && commonjsGlobal.Object === Object && commonjsGlobal;
    var freeSelf = typeof self == "object" && self && self.Object === Object && self;
    var root = freeGlobal || freeSelf || Function("return this")();
    var freeExports = exports$1 && !exports$1.nodeType && exports$1;
    var freeModule = freeExports && true && module && !module.nodeType && module;
    var moduleExports = freeModule && freeModule.exports === freeExports;
    var freeProcess = moduleExports && freeGlobal.process;
    var nodeUtil = (function() {
      try {
        return freeProcess && freeProcess.binding("util");
      } catch (e) {
      }
    })();
    var nodeIsTypedArray = nodeUtil && nodeUtil.isTypedArray;
    function apply(func, thisArg, args) {
      switch (args.length) {
        case 0:
          return func.call(thisArg);
        case 1:
          return func.call(thisArg, args[0]);
        case 2:
          return func.call(thisArg, args[0], args[1]);
        case 3:
          return func.call(thisArg, args[0], args[1], args[2]);
      }
      return func.apply(thisArg, args);
    }
    function arrayMap(array, iteratee) {
      var index = -1, length = array ? array.length : 0, result = Array(length);
      while (++index < length) {
        result[index] = iteratee(array[index], index, array);
      }
      return result;
    }
    function arrayPush(array, values) {
      var index = -1, length = values.length, offset = array.length;
      while (++index < length) {
        array[offset + index] = values[index];
      }
      return array;
    }
    function arraySome(array, predicate) {
      var index = -1, length = array ? array.length : 0;
      while (++index < length) {
        if (predicate(array[index], index, array)) {
          return true;
        }
      }
      return false;
    }
    function baseProperty(key) {
      return function(object) {
        return object == null ? void 0 : object[key];
      };
    }
    function baseSortBy(array, comparer) {
      var length = array.length;
      array.sort(comparer);
      while (length--) {
        array[length] = array[length].value;
      }
      return array;
    }
    function baseTimes(n, iteratee) {
      var index = -1, result = Array(n);
      while (++index < n) {
        result[index] = iteratee(index);
      }
      return result;
    }
    function baseUnary(func) {
      return function(value) {
        return func(value);
      };
    }
    function getValue(object, key) {
      return object == null ? void 0 : object[key];
    }
    function isHostObject(value) {
      var result = false;
      if (value != null && typeof value.toString != "function") {
        try {
          result = !!(value + "");
        } catch (e) {
        }
      }
      return result;
    }
    function mapToArray(map) {
      var index = -1, result = Array(map.size);
      map.forEach(function(value, key) {
        result[++index] = [key, value];
      });
      return result;
    }
    function overArg(func, transform) {
      return function(arg) {
        return func(transform(arg));
      };
    }
    function setToArray(set) {
      var index = -1, result = Array(set.size);
      set.forEach(function(value) {
        result[++index] = value;
      });
      return result;
    }
    var arrayProto = Array.prototype, funcProto = Function.prototype, objectProto = Object.prototype;
    var coreJsData = root["__core-js_shared__"];
    var maskSrcKey = (function() {
      var uid = /[^.]+$/.exec(coreJsData && coreJsData.keys && coreJsData.keys.IE_PROTO || "");
      return uid ? "Symbol(src)_1." + uid : "";
    })();
    var funcToString = funcProto.toString;
    var hasOwnProperty = objectProto.hasOwnProperty;
    var objectToString = objectProto.toString;
    var reIsNative = RegExp(
      "^" + funcToString.call(hasOwnProperty).replace(reRegExpChar, "\\$&").replace(/hasOwnProperty|(function).*?(?=\\\()| for .+?(?=\\\])/g, "$1.*?") + "$"
    );
    var Symbol = root.Symbol, Uint8Array2 = root.Uint8Array, propertyIsEnumerable = objectProto.propertyIsEnumerable, splice = arrayProto.splice, spreadableSymbol = Symbol ? Symbol.isConcatSpreadable : void 0;
    var nativeKeys = overArg(Object.keys, Object), nativeMax = Math.max;
    var DataView = getNative(root, "DataView"), Map2 = getNative(root, "Map"), Promise2 = getNative(root, "Promise"), Set2 = getNative(root, "Set"), WeakMap2 = getNative(root, "WeakMap"), nativeCreate = getNative(Object, "create");
    var dataViewCtorString = toSource(DataView), mapCtorString = toSource(Map2), promiseCtorString = toSource(Promise2), setCtorString = toSource(Set2), weakMapCtorString = toSource(WeakMap2);
    var symbolProto = Symbol ? Symbol.prototype : void 0, symbolValueOf = symbolProto ? symbolProto.valueOf : void 0, symbolToString = symbolProto ? symbolProto.toString : void 0;
    function Hash(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function hashClear() {
      this.__data__ = nativeCreate ? nativeCreate(null) : {};
    }
    function hashDelete(key) {
      return this.has(key) && delete this.__data__[key];
    }
    function hashGet(key) {
      var data = this.__data__;
      if (nativeCreate) {
        var result = data[key];
        return result === HASH_UNDEFINED ? void 0 : result;
      }
      return hasOwnProperty.call(data, key) ? data[key] : void 0;
    }
    function hashHas(key) {
      var data = this.__data__;
      return nativeCreate ? data[key] !== void 0 : hasOwnProperty.call(data, key);
    }
    function hashSet(key, value) {
      var data = this.__data__;
      data[key] = nativeCreate && value === void 0 ? HASH_UNDEFINED : value;
      return this;
    }
    Hash.prototype.clear = hashClear;
    Hash.prototype["delete"] = hashDelete;
    Hash.prototype.get = hashGet;
    Hash.prototype.has = hashHas;
    Hash.prototype.set = hashSet;
    function ListCache(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function listCacheClear() {
      this.__data__ = [];
    }
    function listCacheDelete(key) {
      var data = this.__data__, index = assocIndexOf(data, key);
      if (index < 0) {
        return false;
      }
      var lastIndex = data.length - 1;
      if (index == lastIndex) {
        data.pop();
      } else {
        splice.call(data, index, 1);
      }
      return true;
    }
    function listCacheGet(key) {
      var data = this.__data__, index = assocIndexOf(data, key);
      return index < 0 ? void 0 : data[index][1];
    }
    function listCacheHas(key) {
      return assocIndexOf(this.__data__, key) > -1;
    }
    function listCacheSet(key, value) {
      var data = this.__data__, index = assocIndexOf(data, key);
      if (index < 0) {
        data.push([key, value]);
      } else {
        data[index][1] = value;
      }
      return this;
    }
    ListCache.prototype.clear = listCacheClear;
    ListCache.prototype["delete"] = listCacheDelete;
    ListCache.prototype.get = listCacheGet;
    ListCache.prototype.has = listCacheHas;
    ListCache.prototype.set = listCacheSet;
    function MapCache(entries) {
      var index = -1, length = entries ? entries.length : 0;
      this.clear();
      while (++index < length) {
        var entry = entries[index];
        this.set(entry[0], entry[1]);
      }
    }
    function mapCacheClear() {
      this.__data__ = {
        "hash": new Hash(),
        "map": new (Map2 || ListCache)(),
        "string": new Hash()
      };
    }
    function mapCacheDelete(key) {
      return getMapData(this, key)["delete"](key);
    }
    function mapCacheGet(key) {
      return getMapData(this, key).get(key);
    }
    function mapCacheHas(key) {
      return getMapData(this, key).has(key);
    }
    function mapCacheSet(key, value) {
      getMapData(this, key).set(key, value);
      return this;
    }
    MapCache.prototype.clear = mapCacheClear;
    MapCache.prototype["delete"] = mapCacheDelete;
    MapCache.prototype.get = mapCacheGet;
    MapCache.prototype.has = mapCacheHas;
    MapCache.prototype.set = mapCacheSet;
    function SetCache(values) {
      var index = -1, length = values ? values.length : 0;
      this.__data__ = new MapCache();
      while (++index < length) {
        this.add(values[index]);
      }
    }
    function setCacheAdd(value) {
      this.__data__.set(value, HASH_UNDEFINED);
      return this;
    }
    function setCacheHas(value) {
      return this.__data__.has(value);
    }
    SetCache.prototype.add = SetCache.prototype.push = setCacheAdd;
    SetCache.prototype.has = setCacheHas;
    function Stack(entries) {
      this.__data__ = new ListCache(entries);
    }
    function stackClear() {
      this.__data__ = new ListCache();
    }
    function stackDelete(key) {
      return this.__data__["delete"](key);
    }
    function stackGet(key) {
      return this.__data__.get(key);
    }
    function stackHas(key) {
      return this.__data__.has(key);
    }
    function stackSet(key, value) {
      var cache2 = this.__data__;
      if (cache2 instanceof ListCache) {
        var pairs = cache2.__data__;
        if (!Map2 || pairs.length < LARGE_ARRAY_SIZE - 1) {
          pairs.push([key, value]);
          return this;
        }
        cache2 = this.__data__ = new MapCache(pairs);
      }
      cache2.set(key, value);
      return this;
    }
    Stack.prototype.clear = stackClear;
    Stack.prototype["delete"] = stackDelete;
    Stack.prototype.get = stackGet;
    Stack.prototype.has = stackHas;
    Stack.prototype.set = stackSet;
    function arrayLikeKeys(value, inherited) {
      var result = isArray(value) || isArguments(value) ? baseTimes(value.length, String) : [];
      var length = result.length, skipIndexes = !!length;
      for (var key in value) {
        if (hasOwnProperty.call(value, key) && !(skipIndexes && (key == "length" || isIndex(key, length)))) {
          result.push(key);
        }
      }
      return result;
    }
    function assocIndexOf(array, key) {
      var length = array.length;
      while (length--) {
        if (eq(array[length][0], key)) {
          return length;
        }
      }
      return -1;
    }
    var baseEach = createBaseEach(baseForOwn);
    function baseFlatten(array, depth, predicate, isStrict, result) {
      var index = -1, length = array.length;
      predicate || (predicate = isFlattenable);
      result || (result = []);
      while (++index < length) {
        var value = array[index];
        if (predicate(value)) {
          {
            arrayPush(result, value);
          }
        } else {
          result[result.length] = value;
        }
      }
      return result;
    }
    var baseFor = createBaseFor();
    function baseForOwn(object, iteratee) {
      return object && baseFor(object, iteratee, keys);
    }
    function baseGet(object, path2) {
      path2 = isKey(path2, object) ? [path2] : castPath(path2);
      var index = 0, length = path2.length;
      while (object != null && index < length) {
        object = object[toKey(path2[index++])];
      }
      return index && index == length ? object : void 0;
    }
    function baseGetTag(value) {
      return objectToString.call(value);
    }
    function baseHasIn(object, key) {
      return object != null && key in Object(object);
    }
    function baseIsEqual(value, other, customizer, bitmask, stack) {
      if (value === other) {
        return true;
      }
      if (value == null || other == null || !isObject(value) && !isObjectLike(other)) {
        return value !== value && other !== other;
      }
      return baseIsEqualDeep(value, other, baseIsEqual, customizer, bitmask, stack);
    }
    function baseIsEqualDeep(object, other, equalFunc, customizer, bitmask, stack) {
      var objIsArr = isArray(object), othIsArr = isArray(other), objTag = arrayTag, othTag = arrayTag;
      if (!objIsArr) {
        objTag = getTag(object);
        objTag = objTag == argsTag ? objectTag : objTag;
      }
      if (!othIsArr) {
        othTag = getTag(other);
        othTag = othTag == argsTag ? objectTag : othTag;
      }
      var objIsObj = objTag == objectTag && !isHostObject(object), othIsObj = othTag == objectTag && !isHostObject(other), isSameTag = objTag == othTag;
      if (isSameTag && !objIsObj) {
        stack || (stack = new Stack());
        return objIsArr || isTypedArray(object) ? equalArrays(object, other, equalFunc, customizer, bitmask, stack) : equalByTag(object, other, objTag, equalFunc, customizer, bitmask, stack);
      }
      if (!(bitmask & PARTIAL_COMPARE_FLAG)) {
        var objIsWrapped = objIsObj && hasOwnProperty.call(object, "__wrapped__"), othIsWrapped = othIsObj && hasOwnProperty.call(other, "__wrapped__");
        if (objIsWrapped || othIsWrapped) {
          var objUnwrapped = objIsWrapped ? object.value() : object, othUnwrapped = othIsWrapped ? other.value() : other;
          stack || (stack = new Stack());
          return equalFunc(objUnwrapped, othUnwrapped, customizer, bitmask, stack);
        }
      }
      if (!isSameTag) {
        return false;
      }
      stack || (stack = new Stack());
      return equalObjects(object, other, equalFunc, customizer, bitmask, stack);
    }
    function baseIsMatch(object, source, matchData, customizer) {
      var index = matchData.length, length = index;
      if (object == null) {
        return !length;
      }
      object = Object(object);
      while (index--) {
        var data = matchData[index];
        if (data[2] ? data[1] !== object[data[0]] : !(data[0] in object)) {
          return false;
        }
      }
      while (++index < length) {
        data = matchData[index];
        var key = data[0], objValue = object[key], srcValue = data[1];
        if (data[2]) {
          if (objValue === void 0 && !(key in object)) {
            return false;
          }
        } else {
          var stack = new Stack();
          var result;
          if (!(result === void 0 ? baseIsEqual(srcValue, objValue, customizer, UNORDERED_COMPARE_FLAG | PARTIAL_COMPARE_FLAG, stack) : result)) {
            return false;
          }
        }
      }
      return true;
    }
    function baseIsNative(value) {
      if (!isObject(value) || isMasked(value)) {
        return false;
      }
      var pattern = isFunction(value) || isHostObject(value) ? reIsNative : reIsHostCtor;
      return pattern.test(toSource(value));
    }
    function baseIsTypedArray(value) {
      return isObjectLike(value) && isLength(value.length) && !!typedArrayTags[objectToString.call(value)];
    }
    function baseIteratee(value) {
      if (typeof value == "function") {
        return value;
      }
      if (value == null) {
        return identity;
      }
      if (typeof value == "object") {
        return isArray(value) ? baseMatchesProperty(value[0], value[1]) : baseMatches(value);
      }
      return property(value);
    }
    function baseKeys(object) {
      if (!isPrototype(object)) {
        return nativeKeys(object);
      }
      var result = [];
      for (var key in Object(object)) {
        if (hasOwnProperty.call(object, key) && key != "constructor") {
          result.push(key);
        }
      }
      return result;
    }
    function baseMap(collection, iteratee) {
      var index = -1, result = isArrayLike(collection) ? Array(collection.length) : [];
      baseEach(collection, function(value, key, collection2) {
        result[++index] = iteratee(value, key, collection2);
      });
      return result;
    }
    function baseMatches(source) {
      var matchData = getMatchData(source);
      if (matchData.length == 1 && matchData[0][2]) {
        return matchesStrictComparable(matchData[0][0], matchData[0][1]);
      }
      return function(object) {
        return object === source || baseIsMatch(object, source, matchData);
      };
    }
    function baseMatchesProperty(path2, srcValue) {
      if (isKey(path2) && isStrictComparable(srcValue)) {
        return matchesStrictComparable(toKey(path2), srcValue);
      }
      return function(object) {
        var objValue = get(object, path2);
        return objValue === void 0 && objValue === srcValue ? hasIn(object, path2) : baseIsEqual(srcValue, objValue, void 0, UNORDERED_COMPARE_FLAG | PARTIAL_COMPARE_FLAG);
      };
    }
    function baseOrderBy(collection, iteratees, orders) {
      var index = -1;
      iteratees = arrayMap(iteratees.length ? iteratees : [identity], baseUnary(baseIteratee));
      var result = baseMap(collection, function(value, key, collection2) {
        var criteria = arrayMap(iteratees, function(iteratee) {
          return iteratee(value);
        });
        return { "criteria": criteria, "index": ++index, "value": value };
      });
      return baseSortBy(result, function(object, other) {
        return compareMultiple(object, other, orders);
      });
    }
    function basePropertyDeep(path2) {
      return function(object) {
        return baseGet(object, path2);
      };
    }
    function baseRest(func, start) {
      start = nativeMax(start === void 0 ? func.length - 1 : start, 0);
      return function() {
        var args = arguments, index = -1, length = nativeMax(args.length - start, 0), array = Array(length);
        while (++index < length) {
          array[index] = args[start + index];
        }
        index = -1;
        var otherArgs = Array(start + 1);
        while (++index < start) {
          otherArgs[index] = args[index];
        }
        otherArgs[start] = array;
        return apply(func, this, otherArgs);
      };
    }
    function baseToString(value) {
      if (typeof value == "string") {
        return value;
      }
      if (isSymbol(value)) {
        return symbolToString ? symbolToString.call(value) : "";
      }
      var result = value + "";
      return result == "0" && 1 / value == -Infinity ? "-0" : result;
    }
    function castPath(value) {
      return isArray(value) ? value : stringToPath(value);
    }
    function compareAscending(value, other) {
      if (value !== other) {
        var valIsDefined = value !== void 0, valIsNull = value === null, valIsReflexive = value === value, valIsSymbol = isSymbol(value);
        var othIsDefined = other !== void 0, othIsNull = other === null, othIsReflexive = other === other, othIsSymbol = isSymbol(other);
        if (!othIsNull && !othIsSymbol && !valIsSymbol && value > other || valIsSymbol && othIsDefined && othIsReflexive && !othIsNull && !othIsSymbol || valIsNull && othIsDefined && othIsReflexive || !valIsDefined && othIsReflexive || !valIsReflexive) {
          return 1;
        }
        if (!valIsNull && !valIsSymbol && !othIsSymbol && value < other || othIsSymbol && valIsDefined && valIsReflexive && !valIsNull && !valIsSymbol || othIsNull && valIsDefined && valIsReflexive || !othIsDefined && valIsReflexive || !othIsReflexive) {
          return -1;
        }
      }
      return 0;
    }
    function compareMultiple(object, other, orders) {
      var index = -1, objCriteria = object.criteria, othCriteria = other.criteria, length = objCriteria.length, ordersLength = orders.length;
      while (++index < length) {
        var result = compareAscending(objCriteria[index], othCriteria[index]);
        if (result) {
          if (index >= ordersLength) {
            return result;
          }
          var order = orders[index];
          return result * (order == "desc" ? -1 : 1);
        }
      }
      return object.index - other.index;
    }
    function createBaseEach(eachFunc, fromRight) {
      return function(collection, iteratee) {
        if (collection == null) {
          return collection;
        }
        if (!isArrayLike(collection)) {
          return eachFunc(collection, iteratee);
        }
        var length = collection.length, index = -1, iterable = Object(collection);
        while (++index < length) {
          if (iteratee(iterable[index], index, iterable) === false) {
            break;
          }
        }
        return collection;
      };
    }
    function createBaseFor(fromRight) {
      return function(object, iteratee, keysFunc) {
        var index = -1, iterable = Object(object), props = keysFunc(object), length = props.length;
        while (length--) {
          var key = props[++index];
          if (iteratee(iterable[key], key, iterable) === false) {
            break;
          }
        }
        return object;
      };
    }
    function equalArrays(array, other, equalFunc, customizer, bitmask, stack) {
      var isPartial = bitmask & PARTIAL_COMPARE_FLAG, arrLength = array.length, othLength = other.length;
      if (arrLength != othLength && !(isPartial && othLength > arrLength)) {
        return false;
      }
      var stacked = stack.get(array);
      if (stacked && stack.get(other)) {
        return stacked == other;
      }
      var index = -1, result = true, seen = bitmask & UNORDERED_COMPARE_FLAG ? new SetCache() : void 0;
      stack.set(array, other);
      stack.set(other, array);
      while (++index < arrLength) {
        var arrValue = array[index], othValue = other[index];
        if (customizer) {
          var compared = isPartial ? customizer(othValue, arrValue, index, other, array, stack) : customizer(arrValue, othValue, index, array, other, stack);
        }
        if (compared !== void 0) {
          if (compared) {
            continue;
          }
          result = false;
          break;
        }
        if (seen) {
          if (!arraySome(other, function(othValue2, othIndex) {
            if (!seen.has(othIndex) && (arrValue === othValue2 || equalFunc(arrValue, othValue2, customizer, bitmask, stack))) {
              return seen.add(othIndex);
            }
          })) {
            result = false;
            break;
          }
        } else if (!(arrValue === othValue || equalFunc(arrValue, othValue, customizer, bitmask, stack))) {
          result = false;
          break;
        }
      }
      stack["delete"](array);
      stack["delete"](other);
      return result;
    }
    function equalByTag(object, other, tag, equalFunc, customizer, bitmask, stack) {
      switch (tag) {
        case dataViewTag:
          if (object.byteLength != other.byteLength || object.byteOffset != other.byteOffset) {
            return false;
          }
          object = object.buffer;
          other = other.buffer;
        case arrayBufferTag:
          if (object.byteLength != other.byteLength || !equalFunc(new Uint8Array2(object), new Uint8Array2(other))) {
            return false;
          }
          return true;
        case boolTag:
        case dateTag:
        case numberTag:
          return eq(+object, +other);
        case errorTag:
          return object.name == other.name && object.message == other.message;
        case regexpTag:
        case stringTag:
          return object == other + "";
        case mapTag:
          var convert = mapToArray;
        case setTag:
          var isPartial = bitmask & PARTIAL_COMPARE_FLAG;
          convert || (convert = setToArray);
          if (object.size != other.size && !isPartial) {
            return false;
          }
          var stacked = stack.get(object);
          if (stacked) {
            return stacked == other;
          }
          bitmask |= UNORDERED_COMPARE_FLAG;
          stack.set(object, other);
          var result = equalArrays(convert(object), convert(other), equalFunc, customizer, bitmask, stack);
          stack["delete"](object);
          return result;
        case symbolTag:
          if (symbolValueOf) {
            return symbolValueOf.call(object) == symbolValueOf.call(other);
          }
      }
      return false;
    }
    function equalObjects(object, other, equalFunc, customizer, bitmask, stack) {
      var isPartial = bitmask & PARTIAL_COMPARE_FLAG, objProps = keys(object), objLength = objProps.length, othProps = keys(other), othLength = othProps.length;
      if (objLength != othLength && !isPartial) {
        return false;
      }
      var index = objLength;
      while (index--) {
        var key = objProps[index];
        if (!(isPartial ? key in other : hasOwnProperty.call(other, key))) {
          return false;
        }
      }
      var stacked = stack.get(object);
      if (stacked && stack.get(other)) {
        return stacked == other;
      }
      var result = true;
      stack.set(object, other);
      stack.set(other, object);
      var skipCtor = isPartial;
      while (++index < objLength) {
        key = objProps[index];
        var objValue = object[key], othValue = other[key];
        if (customizer) {
          var compared = isPartial ? customizer(othValue, objValue, key, other, object, stack) : customizer(objValue, othValue, key, object, other, stack);
        }
        if (!(compared === void 0 ? objValue === othValue || equalFunc(objValue, othValue, customizer, bitmask, stack) : compared)) {
          result = false;
          break;
        }
        skipCtor || (skipCtor = key == "constructor");
      }
      if (result && !skipCtor) {
        var objCtor = object.constructor, othCtor = other.constructor;
        if (objCtor != othCtor && ("constructor" in object && "constructor" in other) && !(typeof objCtor == "function" && objCtor instanceof objCtor && typeof othCtor == "function" && othCtor instanceof othCtor)) {
          result = false;
        }
      }
      stack["delete"](object);
      stack["delete"](other);
      return result;
    }
    function getMapData(map, key) {
      var data = map.__data__;
      return isKeyable(key) ? data[typeof key == "string" ? "string" : "hash"] : data.map;
    }
    function getMatchData(object) {
      var result = keys(object), length = result.length;
      while (length--) {
        var key = result[length], value = object[key];
        result[length] = [key, value, isStrictComparable(value)];
      }
      return result;
    }
    function getNative(object, key) {
      var value = getValue(object, key);
      return baseIsNative(value) ? value : void 0;
    }
    var getTag = baseGetTag;
    if (DataView && getTag(new DataView(new ArrayBuffer(1))) != dataViewTag || Map2 && getTag(new Map2()) != mapTag || Promise2 && getTag(Promise2.resolve()) != promiseTag || Set2 && getTag(new Set2()) != setTag || WeakMap2 && getTag(new WeakMap2()) != weakMapTag) {
      getTag = function(value) {
        var result = objectToString.call(value), Ctor = result == objectTag ? value.constructor : void 0, ctorString = Ctor ? toSource(Ctor) : void 0;
        if (ctorString) {
          switch (ctorString) {
            case dataViewCtorString:
              return dataViewTag;
            case mapCtorString:
              return mapTag;
            case promiseCtorString:
              return promiseTag;
            case setCtorString:
              return setTag;
            case weakMapCtorString:
              return weakMapTag;
          }
        }
        return result;
      };
    }
    function hasPath(object, path2, hasFunc) {
      path2 = isKey(path2, object) ? [path2] : castPath(path2);
      var result, index = -1, length = path2.length;
      while (++index < length) {
        var key = toKey(path2[index]);
        if (!(result = object != null && hasFunc(object, key))) {
          break;
        }
        object = object[key];
      }
      if (result) {
        return result;
      }
      var length = object ? object.length : 0;
      return !!length && isLength(length) && isIndex(key, length) && (isArray(object) || isArguments(object));
    }
    function isFlattenable(value) {
      return isArray(value) || isArguments(value) || !!(spreadableSymbol && value && value[spreadableSymbol]);
    }
    function isIndex(value, length) {
      length = length == null ? MAX_SAFE_INTEGER : length;
      return !!length && (typeof value == "number" || reIsUint.test(value)) && (value > -1 && value % 1 == 0 && value < length);
    }
    function isIterateeCall(value, index, object) {
      if (!isObject(object)) {
        return false;
      }
      var type = typeof index;
      if (type == "number" ? isArrayLike(object) && isIndex(index, object.length) : type == "string" && index in object) {
        return eq(object[index], value);
      }
      return false;
    }
    function isKey(value, object) {
      if (isArray(value)) {
        return false;
      }
      var type = typeof value;
      if (type == "number" || type == "symbol" || type == "boolean" || value == null || isSymbol(value)) {
        return true;
      }
      return reIsPlainProp.test(value) || !reIsDeepProp.test(value) || object != null && value in Object(object);
    }
    function isKeyable(value) {
      var type = typeof value;
      return type == "string" || type == "number" || type == "symbol" || type == "boolean" ? value !== "__proto__" : value === null;
    }
    function isMasked(func) {
      return !!maskSrcKey && maskSrcKey in func;
    }
    function isPrototype(value) {
      var Ctor = value && value.constructor, proto = typeof Ctor == "function" && Ctor.prototype || objectProto;
      return value === proto;
    }
    function isStrictComparable(value) {
      return value === value && !isObject(value);
    }
    function matchesStrictComparable(key, srcValue) {
      return function(object) {
        if (object == null) {
          return false;
        }
        return object[key] === srcValue && (srcValue !== void 0 || key in Object(object));
      };
    }
    var stringToPath = memoize(function(string) {
      string = toString(string);
      var result = [];
      if (reLeadingDot.test(string)) {
        result.push("");
      }
      string.replace(rePropName, function(match, number, quote, string2) {
        result.push(quote ? string2.replace(reEscapeChar, "$1") : number || match);
      });
      return result;
    });
    function toKey(value) {
      if (typeof value == "string" || isSymbol(value)) {
        return value;
      }
      var result = value + "";
      return result == "0" && 1 / value == -Infinity ? "-0" : result;
    }
    function toSource(func) {
      if (func != null) {
        try {
          return funcToString.call(func);
        } catch (e) {
        }
        try {
          return func + "";
        } catch (e) {
        }
      }
      return "";
    }
    var sortBy = baseRest(function(collection, iteratees) {
      if (collection == null) {
        return [];
      }
      var length = iteratees.length;
      if (length > 1 && isIterateeCall(collection, iteratees[0], iteratees[1])) {
        iteratees = [];
      } else if (length > 2 && isIterateeCall(iteratees[0], iteratees[1], iteratees[2])) {
        iteratees = [iteratees[0]];
      }
      return baseOrderBy(collection, baseFlatten(iteratees), []);
    });
    function memoize(func, resolver) {
      if (typeof func != "function" || resolver && typeof resolver != "function") {
        throw new TypeError(FUNC_ERROR_TEXT);
      }
      var memoized = function() {
        var args = arguments, key = resolver ? resolver.apply(this, args) : args[0], cache2 = memoized.cache;
        if (cache2.has(key)) {
          return cache2.get(key);
        }
        var result = func.apply(this, args);
        memoized.cache = cache2.set(key, result);
        return result;
      };
      memoized.cache = new (memoize.Cache || MapCache)();
      return memoized;
    }
    memoize.Cache = MapCache;
    function eq(value, other) {
      return value === other || value !== value && other !== other;
    }
    function isArguments(value) {
      return isArrayLikeObject(value) && hasOwnProperty.call(value, "callee") && (!propertyIsEnumerable.call(value, "callee") || objectToString.call(value) == argsTag);
    }
    var isArray = Array.isArray;
    function isArrayLike(value) {
      return value != null && isLength(value.length) && !isFunction(value);
    }
    function isArrayLikeObject(value) {
      return isObjectLike(value) && isArrayLike(value);
    }
    function isFunction(value) {
      var tag = isObject(value) ? objectToString.call(value) : "";
      return tag == funcTag || tag == genTag;
    }
    function isLength(value) {
      return typeof value == "number" && value > -1 && value % 1 == 0 && value <= MAX_SAFE_INTEGER;
    }
    function isObject(value) {
      var type = typeof value;
      return !!value && (type == "object" || type == "function");
    }
    function isObjectLike(value) {
      return !!value && typeof value == "object";
    }
    function isSymbol(value) {
      return typeof value == "symbol" || isObjectLike(value) && objectToString.call(value) == symbolTag;
    }
    var isTypedArray = nodeIsTypedArray ? baseUnary(nodeIsTypedArray) : baseIsTypedArray;
    function toString(value) {
      return value == null ? "" : baseToString(value);
    }
    function get(object, path2, defaultValue) {
      var result = object == null ? void 0 : baseGet(object, path2);
      return result === void 0 ? defaultValue : result;
    }
    function hasIn(object, path2) {
      return object != null && hasPath(object, path2, baseHasIn);
    }
    function keys(object) {
      return isArrayLike(object) ? arrayLikeKeys(object) : baseKeys(object);
    }
    function identity(value) {
      return value;
    }
    function property(path2) {
      return isKey(path2) ? baseProperty(toKey(path2)) : basePropertyDeep(path2);
    }
    module.exports = sortBy;
  })(lodash_sortby, lodash_sortby.exports);
  return lodash_sortby.exports;
}
var escapeStringRegexp;
var hasRequiredEscapeStringRegexp;
function requireEscapeStringRegexp() {
  if (hasRequiredEscapeStringRegexp) return escapeStringRegexp;
  hasRequiredEscapeStringRegexp = 1;
  escapeStringRegexp = (string) => {
    if (typeof string !== "string") {
      throw new TypeError("Expected a string");
    }
    return string.replace(/[|\\{}()[\]^$+*?.]/g, "\\$&").replace(/-/g, "\\x2d");
  };
  return escapeStringRegexp;
}
var regexpParse = {};
var hasRequiredRegexpParse;
function requireRegexpParse() {
  if (hasRequiredRegexpParse) return regexpParse;
  hasRequiredRegexpParse = 1;
  Object.defineProperty(regexpParse, "__esModule", { value: true });
  regexpParse.isRegExpString = regexpParse.parseRegExpString = void 0;
  var REGEXP_LITERAL_PATTERN = /^\/(.+)\/([guimysd]*)$/;
  var parseRegExpString = function(str) {
    var result = str.match(REGEXP_LITERAL_PATTERN);
    if (!result) {
      return null;
    }
    return {
      source: result[1],
      flagString: result[2]
    };
  };
  regexpParse.parseRegExpString = parseRegExpString;
  var isRegExpString = function(str) {
    return REGEXP_LITERAL_PATTERN.test(str);
  };
  regexpParse.isRegExpString = isRegExpString;
  return regexpParse;
}
var hasRequiredRegexpStringMatcher;
function requireRegexpStringMatcher() {
  if (hasRequiredRegexpStringMatcher) return regexpStringMatcher;
  hasRequiredRegexpStringMatcher = 1;
  (function(exports$1) {
    var __importDefault = regexpStringMatcher && regexpStringMatcher.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { "default": mod };
    };
    Object.defineProperty(exports$1, "__esModule", { value: true });
    exports$1.matchPatterns = exports$1.createRegExp = void 0;
    var lodash_uniq_1 = __importDefault(requireLodash_uniq());
    var lodash_uniqwith_1 = __importDefault(requireLodash_uniqwith());
    var lodash_sortby_1 = __importDefault(requireLodash_sortby());
    var escape_string_regexp_1 = __importDefault(requireEscapeStringRegexp());
    var regexp_parse_1 = requireRegexpParse();
    var DEFAULT_FLAGS = "ug";
    var defaultFlags = function(flagsString) {
      if (flagsString.length === 0) {
        return DEFAULT_FLAGS;
      }
      return (0, lodash_uniq_1.default)((flagsString + DEFAULT_FLAGS).split("")).join("");
    };
    var createRegExp = function(patternString, defaultFlag) {
      if (defaultFlag === void 0) {
        defaultFlag = DEFAULT_FLAGS;
      }
      if (patternString.length === 0) {
        throw new Error("Empty string can not handled");
      }
      if ((0, regexp_parse_1.isRegExpString)(patternString)) {
        var regExpStructure = (0, regexp_parse_1.parseRegExpString)(patternString);
        if (regExpStructure) {
          return new RegExp(regExpStructure.source, defaultFlags(regExpStructure.flagString));
        }
        throw new Error('"'.concat(patternString, '" can not parse as RegExp.'));
      } else {
        return new RegExp((0, escape_string_regexp_1.default)(patternString), defaultFlag);
      }
    };
    exports$1.createRegExp = createRegExp;
    var isEqualMatchPatternResult = function(a, b) {
      return a.startIndex === b.startIndex && a.endIndex === b.endIndex && a.match === b.match;
    };
    var matchPatterns = function(text, regExpLikeStrings) {
      var matchPatternResults = [];
      regExpLikeStrings.map(function(patternString) {
        return (0, exports$1.createRegExp)(patternString);
      }).forEach(function(regExp) {
        var results = text.matchAll(regExp);
        Array.from(results).forEach(function(result) {
          if (result.index === void 0) {
            return;
          }
          var match = result[0];
          var index = result.index;
          matchPatternResults.push({
            match,
            captures: result.slice(1),
            startIndex: index,
            endIndex: index + match.length
          });
        });
      });
      var uniqResults = (0, lodash_uniqwith_1.default)(matchPatternResults, isEqualMatchPatternResult);
      return (0, lodash_sortby_1.default)(uniqResults, ["startIndex", "endIndex"]);
    };
    exports$1.matchPatterns = matchPatterns;
  })(regexpStringMatcher);
  return regexpStringMatcher;
}
var regexpStringMatcherExports = requireRegexpStringMatcher();
var BUILTIN_IGNORED = {
  AWSAccountID: ["AKIAIOSFODNN7EXAMPLE"],
  AWSSecretAccessKey: ["wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"]
};
var messages$o = {
  AWSAccountID: {
    en: (props) => `found AWS Account ID: ${props.ID}`,
    ja: (props) => `AWS Account ID: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  AWSSecretAccessKey: {
    en: (props) => `found AWS Secret Access Key: ${props.KEY}`,
    ja: (props) => `AWS Secret Access Key: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  AWSAccessKeyID: {
    en: (props) => `found AWS Access Key ID: ${props.ID}`,
    ja: (props) => `AWS Access Key Id: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var reportAWSAccessKey = ({ t: t2, source, context: context2, options }) => {
  const AWSAccessKeyIDPattern = /\b(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g;
  const results = source.content.matchAll(AWSAccessKeyIDPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    if (BUILTIN_IGNORED.AWSAccountID.includes(match)) {
      continue;
    }
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("AWSAccessKeyID", {
        ID: match
      }),
      range
    });
  }
};
var reportAWSSecretAccessKey = ({ t: t2, source, context: context2, options }) => {
  const AWS = "(?:AWS|aws|Aws)?_?";
  const QUOTE = `["']?`;
  const CONNECT = "\\s*(?::|=>|=)\\s*";
  const AWSSecretPatten = new RegExp(String.raw`${QUOTE}${AWS}(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)${QUOTE}${CONNECT}${QUOTE}([A-Za-z0-9/\+=]{40})${QUOTE}\b`, "g");
  const results = source.content.matchAll(AWSSecretPatten);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    if (BUILTIN_IGNORED.AWSSecretAccessKey.includes(match)) {
      continue;
    }
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("AWSSecretAccessKey", {
        KEY: match
      }),
      range
    });
  }
};
var reportAWSAccountID = ({ t: t2, source, context: context2, options }) => {
  const AWS = "(AWS|aws|Aws)?_?";
  const QUOTE = `("|')?`;
  const CONNECT = "\\s*(:|=>|=)\\s*";
  const AWSSecretPatten = new RegExp(String.raw`${QUOTE}${AWS}(ACCOUNT|account|Account)_?(ID|id|Id)?${QUOTE}${CONNECT}${QUOTE}[0-9]{4}\-?[0-9]{4}\-?[0-9]{4}${QUOTE}\b`, "g");
  const results = source.content.matchAll(AWSSecretPatten);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("AWSAccountID", {
        ID: match
      }),
      range
    });
  }
};
var creator$p = {
  messages: messages$o,
  meta: {
    id: "@secretlint/secretlint-rule-aws",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-aws/README.md"
    }
  },
  create(context2, options) {
    const normalizedOptions = {
      allows: options.allows || [],
      enableIDScanRule: options.enableIDScanRule ?? false
    };
    const t2 = context2.createTranslator(messages$o);
    return {
      file(source) {
        if (normalizedOptions.enableIDScanRule) {
          reportAWSAccessKey({ t: t2, source, context: context2, options: normalizedOptions });
          reportAWSAccountID({ t: t2, source, context: context2, options: normalizedOptions });
        }
        reportAWSSecretAccessKey({ t: t2, source, context: context2, options: normalizedOptions });
      }
    };
  }
};
var TAG_INTEGER = 2;
var TAG_OCTET_STRING = 4;
var TAG_NULL = 5;
var TAG_OID = 6;
var TAG_SEQUENCE = 48;
var TAG_CONTEXT_0 = 160;
function readTlv(buf, offset) {
  if (offset + 2 > buf.length) {
    throw new Error("PKCS12: truncated TLV header");
  }
  const tag = buf[offset];
  const lenByte = buf[offset + 1];
  let length;
  let contentStart;
  if (lenByte < 128) {
    length = lenByte;
    contentStart = offset + 2;
  } else {
    const lenBytes = lenByte & 127;
    if (lenBytes === 0 || lenBytes > 4) {
      throw new Error("PKCS12: unsupported ASN.1 length encoding");
    }
    if (offset + 2 + lenBytes > buf.length) {
      throw new Error("PKCS12: truncated ASN.1 length");
    }
    length = 0;
    for (let i = 0; i < lenBytes; i++) {
      length = length * 256 + buf[offset + 2 + i];
    }
    contentStart = offset + 2 + lenBytes;
  }
  const end = contentStart + length;
  if (end > buf.length) {
    throw new Error("PKCS12: TLV extends past buffer");
  }
  return { tag, content: buf.subarray(contentStart, end), end };
}
function expectTag(tlv, tag, label) {
  if (tlv.tag !== tag) {
    throw new Error(`PKCS12: expected ${label} tag 0x${tag.toString(16)} but got 0x${tlv.tag.toString(16)}`);
  }
}
function readInteger(tlv) {
  expectTag(tlv, TAG_INTEGER, "INTEGER");
  let value = 0;
  for (const byte of tlv.content) {
    value = value * 256 + byte;
  }
  return value;
}
function bytesEqual(a, b) {
  if (a.length !== b.length)
    return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff === 0;
}
var OID_DATA = new Uint8Array([42, 134, 72, 134, 247, 13, 1, 7, 1]);
var OID_SHA1 = new Uint8Array([43, 14, 3, 2, 26]);
var OID_SHA256 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 1]);
var OID_SHA384 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 2]);
var OID_SHA512 = new Uint8Array([96, 134, 72, 1, 101, 3, 4, 2, 3]);
var MAC_HASHES = [
  { oid: OID_SHA1, hash: { name: "SHA-1", outputSize: 20, blockSize: 64 } },
  { oid: OID_SHA256, hash: { name: "SHA-256", outputSize: 32, blockSize: 64 } },
  { oid: OID_SHA384, hash: { name: "SHA-384", outputSize: 48, blockSize: 128 } },
  { oid: OID_SHA512, hash: { name: "SHA-512", outputSize: 64, blockSize: 128 } }
];
function matchHash(oidBytes) {
  for (const { oid, hash } of MAC_HASHES) {
    if (bytesEqual(oidBytes, oid))
      return hash;
  }
  return void 0;
}
var MAX_MAC_ITERATIONS = 1e6;
function parsePkcs12(buf) {
  const pfx = readTlv(buf, 0);
  expectTag(pfx, TAG_SEQUENCE, "PFX SEQUENCE");
  const version = readTlv(pfx.content, 0);
  if (readInteger(version) !== 3) {
    throw new Error("PKCS12: unsupported version");
  }
  const authSafeInfo = readTlv(pfx.content, version.end);
  expectTag(authSafeInfo, TAG_SEQUENCE, "ContentInfo SEQUENCE");
  const contentType = readTlv(authSafeInfo.content, 0);
  expectTag(contentType, TAG_OID, "contentType OID");
  if (!bytesEqual(contentType.content, OID_DATA)) {
    throw new Error("PKCS12: unsupported authSafe contentType");
  }
  const explicit0 = readTlv(authSafeInfo.content, contentType.end);
  expectTag(explicit0, TAG_CONTEXT_0, "[0] EXPLICIT");
  const authSafeOctet = readTlv(explicit0.content, 0);
  expectTag(authSafeOctet, TAG_OCTET_STRING, "authSafe OCTET STRING");
  const macData = readTlv(pfx.content, authSafeInfo.end);
  expectTag(macData, TAG_SEQUENCE, "MacData SEQUENCE");
  const digestInfo = readTlv(macData.content, 0);
  expectTag(digestInfo, TAG_SEQUENCE, "DigestInfo SEQUENCE");
  const alg = readTlv(digestInfo.content, 0);
  expectTag(alg, TAG_SEQUENCE, "AlgorithmIdentifier SEQUENCE");
  const algOid = readTlv(alg.content, 0);
  expectTag(algOid, TAG_OID, "algorithm OID");
  const macHash = matchHash(algOid.content);
  if (!macHash) {
    throw new Error("PKCS12: unsupported MAC digest algorithm");
  }
  if (algOid.end < alg.content.length) {
    const params = readTlv(alg.content, algOid.end);
    if (params.tag !== TAG_NULL) {
      throw new Error("PKCS12: unexpected MAC algorithm parameters");
    }
  }
  const digest2 = readTlv(digestInfo.content, alg.end);
  expectTag(digest2, TAG_OCTET_STRING, "digest OCTET STRING");
  const salt = readTlv(macData.content, digestInfo.end);
  expectTag(salt, TAG_OCTET_STRING, "macSalt OCTET STRING");
  let iterations = 1;
  if (salt.end < macData.content.length) {
    const iter = readTlv(macData.content, salt.end);
    iterations = readInteger(iter);
  }
  if (iterations < 1 || iterations > MAX_MAC_ITERATIONS) {
    throw new Error("PKCS12: MAC iteration count out of range");
  }
  return {
    authSafe: authSafeOctet.content,
    macHash,
    macSalt: salt.content,
    macDigest: digest2.content,
    iterations
  };
}
function toBufferSource(data) {
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return copy;
}
async function digest(hash, data) {
  return new Uint8Array(await globalThis.crypto.subtle.digest(hash.name, toBufferSource(data)));
}
function padToMultipleOf(src, blockSize) {
  if (src.length === 0)
    return new Uint8Array(0);
  const padded = new Uint8Array(Math.ceil(src.length / blockSize) * blockSize);
  for (let i = 0; i < padded.length; i++) {
    padded[i] = src[i % src.length];
  }
  return padded;
}
function encodePasswordAsBmpString(password) {
  if (password.length === 0)
    return new Uint8Array(0);
  const bytes = new Uint8Array(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) {
    const code2 = password.charCodeAt(i);
    bytes[i * 2] = code2 >> 8 & 255;
    bytes[i * 2 + 1] = code2 & 255;
  }
  return bytes;
}
async function deriveMacKey(hash, password, salt, iterations) {
  const v = hash.blockSize;
  const u = hash.outputSize;
  const ID_MAC = 3;
  const D = new Uint8Array(v).fill(ID_MAC);
  const P = padToMultipleOf(encodePasswordAsBmpString(password), v);
  const S = padToMultipleOf(salt, v);
  const DI = new Uint8Array(D.length + S.length + P.length);
  DI.set(D, 0);
  DI.set(S, D.length);
  DI.set(P, D.length + S.length);
  let A = await digest(hash, DI);
  for (let i = 1; i < iterations; i++) {
    A = await digest(hash, A);
  }
  return A.subarray(0, u);
}
async function verifyPkcs12Mac(pfxBytes, password) {
  let parsed;
  try {
    parsed = parsePkcs12(pfxBytes);
  } catch {
    return false;
  }
  try {
    const key = await deriveMacKey(parsed.macHash, password, parsed.macSalt, parsed.iterations);
    const cryptoKey = await globalThis.crypto.subtle.importKey("raw", toBufferSource(key), { name: "HMAC", hash: parsed.macHash.name }, false, ["sign"]);
    const mac = new Uint8Array(await globalThis.crypto.subtle.sign("HMAC", cryptoKey, toBufferSource(parsed.authSafe)));
    return bytesEqual(mac, parsed.macDigest);
  } catch {
    return false;
  }
}
var GCP_SERVICE_ACCOUNT_P12_PASSWORD = "notasecret";
async function reportIfFoundPrivateKeyP12Format({ source, context: context2, t: t2 }) {
  if (!source.filePath) {
    return;
  }
  try {
    const fs = await import("node:fs");
    const path2 = await import("node:path");
    const pfxBytes = new Uint8Array(fs.readFileSync(source.filePath));
    const isGcpServiceAccountP12 = await verifyPkcs12Mac(pfxBytes, GCP_SERVICE_ACCOUNT_P12_PASSWORD);
    if (!isGcpServiceAccountP12) {
      return;
    }
    context2.report({
      message: t2("PrivateKeyP12", {
        FILE_NAME: path2.basename(source.filePath)
      }),
      range: [0, source.content.length]
    });
  } catch {
  }
}
var messages$n = {
  PrivateKeyP12: {
    en: (props) => `found GCP Service Account's private key(p12): ${props.FILE_NAME}`,
    ja: (props) => `GCP\u30B5\u30FC\u30D3\u30B9\u30A2\u30AB\u30A6\u30F3\u30C8\u306E\u79D8\u5BC6\u9375(p12) ${props.FILE_NAME} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  PrivateKeyJSON: {
    en: (props) => `found GCP Service Account's private key(json): ${props.FILE_NAME}`,
    ja: (props) => `GCP\u30B5\u30FC\u30D3\u30B9\u30A2\u30AB\u30A6\u30F3\u30C8\u306E\u79D8\u5BC6\u9375(json): ${props.FILE_NAME} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundPrivateKeyJSONFormat({ source, context: context2, t: t2 }) {
  try {
    const credentialObject = JSON.parse(source.content);
    const PRIVATE_KEY_PATTERN = /-----BEGIN\s?(DSA|RSA|EC|PGP|OPENSSH)?\s?PRIVATE KEY/gm;
    const isGCPServiceAccountPrivateKeyJSON = "private_key_id" in credentialObject && "private_key" in credentialObject && PRIVATE_KEY_PATTERN.test(credentialObject["private_key"]);
    if (!isGCPServiceAccountPrivateKeyJSON) {
      return;
    }
    context2.report({
      message: t2("PrivateKeyJSON", {
        FILE_NAME: source.filePath ? path.basename(source.filePath) : ""
      }),
      range: [0, source.content.length]
    });
  } catch {
  }
}
var creator$o = {
  messages: messages$n,
  meta: {
    id: "@secretlint/secretlint-rule-gcp",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["all"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-gcp/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$n);
    ({
      allows: options.allows || []
    });
    return {
      file(source) {
        if (source.ext === ".p12") {
          return reportIfFoundPrivateKeyP12Format({ source, context: context2, t: t2 });
        } else if (source.ext === ".json") {
          return reportIfFoundPrivateKeyJSONFormat({ source, context: context2, t: t2 });
        }
      }
    };
  }
};
var messages$m = {
  PackageJSON_xOauthToken: {
    en: (props) => `found GitHub Token: ${props.TOKEN}`,
    ja: (props) => `GitHub Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  Npmrc_authToken: {
    en: (props) => `found npmrc authToken: ${props.TOKEN}`,
    ja: (props) => `npmrc authToken: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  NPM_ACCESS_TOKEN: {
    en: (props) => `found npm access token: ${props.TOKEN}`,
    ja: (props) => `npm access token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundXOauthGitHubToken({ source, options, context: context2, t: t2 }) {
  const XOAuthPattern = /https?:\/\/(.{1,256}):x-oauth-basic@github.com\//g;
  const results = source.content.matchAll(XOAuthPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("PackageJSON_xOauthToken", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFound_AuthTokenInNpmrc({ source, options, context: context2, t: t2 }) {
  const AuthTokenPattern = /_authToken=([^$].*)/g;
  const results = source.content.matchAll(AuthTokenPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("Npmrc_authToken", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFound_NPM_ACCESS_TOKEN({ source, options, context: context2, t: t2 }) {
  const NPM_ACCESS_TOKEN_PATTERN = new RegExp("(?<!\\p{L})npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])", "gu");
  const results = source.content.matchAll(NPM_ACCESS_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("NPM_ACCESS_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var isPackageFile = (filePath) => {
  if (!filePath) {
    return true;
  }
  return filePath.endsWith("package.json") || filePath.endsWith("package-lock.json");
};
var isNpmrc = (filePath) => {
  if (!filePath) {
    return true;
  }
  return filePath.endsWith(".npmrc");
};
var creator$n = {
  messages: messages$m,
  meta: {
    id: "@secretlint/secretlint-rule-npm",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-npm/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$m);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        if (isPackageFile(source.filePath)) {
          reportIfFoundXOauthGitHubToken({ source, options: normalizedOptions, context: context2, t: t2 });
        } else if (isNpmrc(source.filePath)) {
          reportIfFound_AuthTokenInNpmrc({ source, options: normalizedOptions, context: context2, t: t2 });
        }
        reportIfFound_NPM_ACCESS_TOKEN({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$l = {
  SLACK_TOKEN: {
    en: (props) => `found slack token: ${props.TOKEN}`,
    ja: (props) => `Slack\u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  IncomingWebhook: {
    en: (props) => `found Slack Incoming Webhook: ${props.URL}`,
    ja: (props) => `Slack\u306EIncoming Webhooks: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundRawPrivateKey$1({ source, options, context: context2, t: t2 }) {
  const SLACK_TOKEN_PATTERN = /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g;
  const results = source.content.matchAll(SLACK_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("SLACK_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
function reportIfFoundIncomingWebhook({ source, options, context: context2, t: t2 }) {
  const IncomingWebhooksPattern = /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B[a-zA-Z0-9]{1,40}\/[a-zA-Z0-9]{1,40}/gi;
  const results = source.content.matchAll(IncomingWebhooksPattern);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("IncomingWebhook", {
        URL: match
      }),
      range
    });
  }
}
var creator$m = {
  messages: messages$l,
  meta: {
    id: "@secretlint/secretlint-rule-slack",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-slack/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$l);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundRawPrivateKey$1({ source, options: normalizedOptions, context: context2, t: t2 });
        reportIfFoundIncomingWebhook({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$k = {
  BasicAuth: {
    en: (props) => `found basic auth credential: ${props.CREDENTIAL}`,
    ja: (props) => `\u30D9\u30FC\u30B7\u30C3\u30AF\u8A8D\u8A3C\u60C5\u5831: ${props.CREDENTIAL} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var BUILTIN_IGNORED_PATTERNS$1 = [
  "localhost",
  "127.0.0.1",
  "password",
  "mypassword",
  "myusername",
  "{password}",
  "${password}",
  "{{password}}",
  "{username}",
  "${username}",
  "{{username}}",
  "YOUR_PASSWORD",
  "YOUR_USERNAME",
  "REPLACE_WITH_PASSWORD",
  "REPLACE_WITH_USERNAME"
];
function isVariableLikeString$1(str) {
  const variablePatterns = [
    /\$\{[^}]{1,50}\}/,
    // ${var}
    /\{\{[^}]{1,50}\}\}/,
    // {{var}}
    /\{[^}]{1,50}\}/,
    // {var}
    /%[A-Z_]{1,30}%/,
    // %VAR%
    /\$[A-Z_]{1,30}/
    // $VAR
  ];
  return variablePatterns.some((pattern) => pattern.test(str));
}
function isLikelyRealUsername(username) {
  if (username.length < 2)
    return false;
  if (isVariableLikeString$1(username))
    return false;
  if (BUILTIN_IGNORED_PATTERNS$1.some((pattern) => username.toLowerCase().includes(pattern.toLowerCase()))) {
    return false;
  }
  return true;
}
function isLikelyRealPassword$1(password) {
  if (password.length < 4)
    return false;
  if (isVariableLikeString$1(password))
    return false;
  if (BUILTIN_IGNORED_PATTERNS$1.some((pattern) => password.toLowerCase().includes(pattern.toLowerCase()))) {
    return false;
  }
  if (/^(.)\1{3,}$/.test(password))
    return false;
  return true;
}
function reportIfFoundBasicAuth({ source, options, context: context2, t: t2 }) {
  const URL_PATTERN = /(?<protocol>(?:https?|ftp|ftps)):\/\/(?<user>[-a-zA-Z0-9_]{1,256}):(?<password>[-a-zA-Z0-9_]{1,256})@[-a-zA-Z0-9%._+~#=]{1,256}\.[a-zA-Z0-9()]{1,6}\b/g;
  const results = source.content.matchAll(URL_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.user;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealUsername(username))
      continue;
    if (!isLikelyRealPassword$1(password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("BasicAuth", {
        CREDENTIAL: match
      }),
      range
    });
  }
}
var creator$l = {
  messages: messages$k,
  meta: {
    id: "@secretlint/secretlint-rule-basicauth",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-basicauth/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$k);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundBasicAuth({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$j = {
  OPENAI_TOKEN: {
    en: (props) => `found OpenAI API token: ${props.TOKEN}`,
    ja: (props) => `OpenAI API \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$k = {
  messages: messages$j,
  meta: {
    id: "@secretlint/secretlint-rule-openai",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-openai/README.md"
    }
  },
  create(context2) {
    const t2 = context2.createTranslator(messages$j);
    return {
      file(source) {
        const pattern = /sk-(?:proj|svcacct|admin)-(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})T3BlbkFJ(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}/g;
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("OPENAI_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$i = {
  ANTHROPIC_API_KEY: {
    en: (props) => `found Anthropic Claude API key: ${props.KEY}`,
    ja: (props) => `Anthropic Claude API \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$j = {
  messages: messages$i,
  meta: {
    id: "@secretlint/secretlint-rule-anthropic",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-anthropic/README.md"
    }
  },
  create(context2) {
    const t2 = context2.createTranslator(messages$i);
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})sk-ant-api0\\d-[A-Za-z0-9_-]{90,128}AA(?![A-Za-z0-9_-])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("ANTHROPIC_API_KEY", {
              KEY: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$h = {
  GROQ_API_KEY: {
    en: (props) => `found Groq API key: ${props.KEY}`,
    ja: (props) => `Groq API \u30AD\u30FC: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$i = {
  messages: messages$h,
  meta: {
    id: "@secretlint/secretlint-rule-groq",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-groq/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$h);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("GROQ_API_KEY", {
              KEY: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$g = {
  HUGGINGFACE_USER_ACCESS_TOKEN: {
    en: (props) => `found Hugging Face User Access Token: ${props.TOKEN}`,
    ja: (props) => `Hugging Face User Access Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$h = {
  messages: messages$g,
  meta: {
    id: "@secretlint/secretlint-rule-huggingface",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-huggingface/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$g);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})hf_[a-zA-Z]{34}(?![a-zA-Z])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("HUGGINGFACE_USER_ACCESS_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$f = {
  LINEAR_API_TOKEN: {
    en: (props) => `found linear api token: ${props.ID}`,
    ja: (props) => `linear api token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$g = {
  messages: messages$f,
  meta: {
    id: "@secretlint/secretlint-rule-linear",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-linear/README.md"
    }
  },
  create(context2) {
    const t2 = context2.createTranslator(messages$f);
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("LINEAR_API_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$e = {
  NOTION_INTEGRATION_TOKEN: {
    en: (props) => `found Notion integration token: ${props.TOKEN}`,
    ja: (props) => `Notion integration \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundToken({ source, options, context: context2, t: t2 }) {
  const NOTION_INTEGRATION_TOKEN_PATTERN = new RegExp("(?<!\\p{L})ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])", "gu");
  const results = source.content.matchAll(NOTION_INTEGRATION_TOKEN_PATTERN);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("NOTION_INTEGRATION_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$f = {
  messages: messages$e,
  meta: {
    id: "@secretlint/secretlint-rule-notion",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-notion/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$e);
    const normalizedOptions = {
      allows: options.allows ?? []
    };
    return {
      file(source) {
        reportIfFoundToken({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$d = {
  PrivateKey: {
    en: (props) => `found private key: ${props.KEY}`,
    ja: (props) => `\u79D8\u5BC6\u9375: ${props.KEY} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var PEM_CONTENT_PATTERN = /-----BEGIN[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----\n?([A-Za-z0-9+/=\s\\]{100,10000})\n?-----END[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----/gm;
function validateBase64KeyContent(base64Content) {
  if (!/^[A-Za-z0-9+/]+=*$/.test(base64Content)) {
    return false;
  }
  if (base64Content.length < 100) {
    return false;
  }
  const validMagicBytes = /^(MI|b3BlbnNzaC1rZXktdjE)/;
  if (!validMagicBytes.test(base64Content)) {
    return false;
  }
  return true;
}
function reportIfFoundRawPrivateKey({ source, options, context: context2, t: t2 }) {
  const results = source.content.matchAll(PEM_CONTENT_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const base64Raw = result[1] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    const base64Content = base64Raw.replace(/\s|\\n/g, "");
    if (!validateBase64KeyContent(base64Content)) {
      continue;
    }
    context2.report({
      message: t2("PrivateKey", {
        KEY: match
      }),
      range
    });
  }
}
var creator$e = {
  messages: messages$d,
  meta: {
    id: "@secretlint/secretlint-rule-privatekey",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-privatekey/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$d);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundRawPrivateKey({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$c = {
  SENDGRID_KEY: {
    en: (props) => `found Sendgrid api key: ${props.KEY}`,
    ja: (props) => `Sendgrid API\u30AD\u30FC\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
function reportIfFoundKey$3({ source, options, context: context2, t: t2 }) {
  const SENDGRID_KEY_PATTERN = new RegExp("(?<!\\p{L})SG\\.\\w{1,128}\\.\\w{1,128}([-_]?)\\w{1,128}(?!\\w)", "gu");
  const results = source.content.matchAll(SENDGRID_KEY_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    if (match.length !== 69) {
      continue;
    }
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("SENDGRID_KEY", {
        KEY: match
      }),
      range
    });
  }
}
var creator$d = {
  messages: messages$c,
  meta: {
    id: "@secretlint/secretlint-rule-sendgrid",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-sendgrid/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$c);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundKey$3({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$b = {
  SHOPIFY_KEY: {
    en: (props) => `found Shopify api key: ${props.KEY}`,
    ja: (props) => `Shopify API\u30AD\u30FC\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
function reportIfFoundKey$2({ source, options, context: context2, t: t2 }) {
  const SHOPIFY_KEY_PATTERN = new RegExp("(?<!\\p{L})(shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])", "gu");
  const results = source.content.matchAll(SHOPIFY_KEY_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("SHOPIFY_KEY", {
        KEY: match
      }),
      range
    });
  }
}
var creator$c = {
  messages: messages$b,
  meta: {
    id: "@secretlint/secretlint-rule-shopify",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-shopify/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$b);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundKey$2({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$a = {
  GITHUB_TOKEN: {
    en: (props) => `found GitHub Token(${props.typeName}): ${props.KEY}`,
    ja: (props) => `GitHub Token(${props.typeName})\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F\uFF1A ${props.KEY}`
  }
};
var typeMap = /* @__PURE__ */ new Map([
  ["ghp", "GitHub personal access tokens"],
  ["gho", "OAuth access tokens"],
  ["ghu", "GitHub user-to-server tokens"],
  ["ghs", "GitHub server-to-server tokens"],
  ["ghr", "refresh tokens"],
  ["github_pat", "fine-grained personal access tokens"]
]);
function reportIfFoundKey$1({ pattern, source, options, context: context2, t: t2 }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index || 0;
    const type = result.groups?.type;
    const typeName = typeMap.get(type);
    if (!typeName) {
      throw new Error("Unknown type:" + typeName);
    }
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("GITHUB_TOKEN", {
        KEY: match,
        typeName
      }),
      range
    });
  }
}
var creator$b = {
  messages: messages$a,
  meta: {
    id: "@secretlint/secretlint-rule-github",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-github/README.md"
    }
  },
  create(context2, options) {
    const CLASSIC_GITHUB_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<type>ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])", "gu");
    const FINE_GRAINED_GITHUB_TOKEN_PATTERN = new RegExp("(?<!\\p{L})(?<type>github_pat)_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])", "gu");
    const patterns = [CLASSIC_GITHUB_TOKEN_PATTERN, FINE_GRAINED_GITHUB_TOKEN_PATTERN];
    const t2 = context2.createTranslator(messages$a);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        for (const pattern of patterns) {
          reportIfFoundKey$1({ pattern, source, options: normalizedOptions, context: context2, t: t2 });
        }
      }
    };
  }
};
var messages$9 = {
  GITLAB_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found GitLab Personal Access Token: ${props.KEY}`,
    ja: (props) => `GitLab Personal Access Token\u304C\u898B\u3064\u304B\u308A\u307E\u3057\u305F: ${props.KEY}`
  }
};
function reportIfFoundKey({ pattern, source, options, context: context2, t: t2 }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("GITLAB_PERSONAL_ACCESS_TOKEN", {
        KEY: match
      }),
      range
    });
  }
}
var creator$a = {
  messages: messages$9,
  meta: {
    id: "@secretlint/secretlint-rule-gitlab",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-gitlab/README.md"
    }
  },
  create(context2, options) {
    const GITLAB_PERSONAL_ACCESS_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])", "gu");
    const patterns = [GITLAB_PERSONAL_ACCESS_TOKEN_PATTERN];
    const t2 = context2.createTranslator(messages$9);
    const normalizedOptions = {
      allows: options.allows ?? []
    };
    return {
      file(source) {
        for (const pattern of patterns) {
          reportIfFoundKey({ pattern, source, options: normalizedOptions, context: context2, t: t2 });
        }
      }
    };
  }
};
var messages$8 = {
  GRAFANA_CLOUD_API_TOKEN: {
    en: (props) => `found Grafana Cloud API token: ${props.TOKEN}`,
    ja: (props) => `Grafana Cloud API \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  GRAFANA_SERVICE_ACCOUNT_TOKEN: {
    en: (props) => `found Grafana Service Account token: ${props.TOKEN}`,
    ja: (props) => `Grafana Service Account \u30C8\u30FC\u30AF\u30F3: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFound({ pattern, messageId, source, options, context: context2, t: t2 }) {
  const results = source.content.matchAll(pattern);
  for (const result of results) {
    const index = result.index ?? 0;
    const match = result[0] ?? "";
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    const range = [index, index + match.length];
    context2.report({
      message: t2(messageId, {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$9 = {
  messages: messages$8,
  meta: {
    id: "@secretlint/secretlint-rule-grafana",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-grafana/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$8);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    const GRAFANA_CLOUD_API_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])", "gu");
    const GRAFANA_SERVICE_ACCOUNT_TOKEN_PATTERN = new RegExp("(?<!\\p{L})glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Fa-f0-9])", "gu");
    return {
      file(source) {
        reportIfFound({
          pattern: GRAFANA_CLOUD_API_TOKEN_PATTERN,
          messageId: "GRAFANA_CLOUD_API_TOKEN",
          source,
          options: normalizedOptions,
          context: context2,
          t: t2
        });
        reportIfFound({
          pattern: GRAFANA_SERVICE_ACCOUNT_TOKEN_PATTERN,
          messageId: "GRAFANA_SERVICE_ACCOUNT_TOKEN",
          source,
          options: normalizedOptions,
          context: context2,
          t: t2
        });
      }
    };
  }
};
var messages$7 = {
  OPS_TOKEN: {
    en: (props) => `found 1Password Service Account token: ${props.TOKEN}`,
    ja: (props) => `1Password Service Account: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var is1PasswordServiceAccountToken = (base64String) => {
  try {
    const jsonString = atob(base64String.replace(/-/g, "+").replace(/_/g, "/"));
    const json = JSON.parse(jsonString);
    return typeof json === "object" && json !== null;
  } catch (error) {
    return false;
  }
};
var creator$8 = {
  messages: messages$7,
  meta: {
    id: "@secretlint/secretlint-rule-1password",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-1password/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$7);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})ops_(ey[A-Za-z0-9+/=]{100,1280}fQ={0,2})(?![A-Za-z0-9+/=])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const base64String = match[1] ?? "";
          if (!is1PasswordServiceAccountToken(base64String)) {
            continue;
          }
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("OPS_TOKEN", {
              TOKEN: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$6 = {
  MongoDBConnection: {
    en: (props) => `found MongoDB connection string: ${props.URI}`,
    ja: (props) => `MongoDB\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  MySQLConnection: {
    en: (props) => `found MySQL connection string: ${props.URI}`,
    ja: (props) => `MySQL\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  PostgreSQLConnection: {
    en: (props) => `found PostgreSQL connection string: ${props.URI}`,
    ja: (props) => `PostgreSQL\u63A5\u7D9A\u6587\u5B57\u5217: ${props.URI} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var BUILTIN_IGNORED_PATTERNS = [
  "localhost",
  "127.0.0.1",
  "example.com",
  "example.org",
  "test.com",
  "password",
  "username",
  "secret",
  "mypassword",
  "myusername",
  "root",
  "admin",
  "user",
  "pass",
  "{password}",
  "${password}",
  "{{password}}",
  "{username}",
  "${username}",
  "{{username}}",
  "YOUR_PASSWORD",
  "YOUR_USERNAME",
  "REPLACE_WITH_PASSWORD"
];
function isVariableLikeString(str) {
  const variablePatterns = [
    /\$\{[^}]{1,50}\}/,
    // ${var}
    /\{\{[^}]{1,50}\}\}/,
    // {{var}}
    /\{[^}]{1,50}\}/,
    // {var}
    /%[A-Z_]{1,30}%/,
    // %VAR%
    /\$[A-Z_]{1,30}/,
    // $VAR
    /\$\([^)]{1,50}\)/
    // $(var)
  ];
  return variablePatterns.some((pattern) => pattern.test(str));
}
function isLikelyRealPassword(password) {
  if (password.length < 4)
    return false;
  if (isVariableLikeString(password))
    return false;
  const passwordLower = password.toLowerCase();
  if (BUILTIN_IGNORED_PATTERNS.some((pattern) => passwordLower === pattern.toLowerCase())) {
    return false;
  }
  if (/^(.)\1{3,}$/.test(password))
    return false;
  return true;
}
function reportMongoDBConnectionString({ source, options, context: context2, t: t2 }) {
  const MONGODB_PATTERN = /mongodb(?:\+srv)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(MONGODB_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealPassword(password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("MongoDBConnection", {
        URI: match
      }),
      range
    });
  }
}
function reportMySQLConnectionString({ source, options, context: context2, t: t2 }) {
  const MYSQL_URI_PATTERN = /(?:jdbc:)?mysql(?:x)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(MYSQL_URI_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealPassword(password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("MySQLConnection", {
        URI: match
      }),
      range
    });
  }
}
function reportPostgreSQLConnectionString({ source, options, context: context2, t: t2 }) {
  const POSTGRESQL_URI_PATTERN = /postgres(?:ql)?:\/\/(?:(?<username>[^:\/\s]{1,100}):(?<password>[^@\/\s]{1,200})@)?(?<host>[^\/\s?]{1,100})(?:\/(?<database>[^?\s]{0,100}))?(?:\?(?<options>[^\s]{0,500}))?/gi;
  const results = source.content.matchAll(POSTGRESQL_URI_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const username = result.groups?.username;
    const password = result.groups?.password;
    if (!username || !password)
      continue;
    if (!isLikelyRealPassword(password))
      continue;
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("PostgreSQLConnection", {
        URI: match
      }),
      range
    });
  }
}
var creator$7 = {
  messages: messages$6,
  meta: {
    id: "@secretlint/secretlint-rule-database-connection-string",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-database-connection-string/README.md"
    }
  },
  create(context2, options) {
    const normalizedOptions = {
      allows: options.allows || []
    };
    const t2 = context2.createTranslator(messages$6);
    return {
      file(source) {
        reportMongoDBConnectionString({ source, options: normalizedOptions, context: context2, t: t2 });
        reportMySQLConnectionString({ source, options: normalizedOptions, context: context2, t: t2 });
        reportPostgreSQLConnectionString({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$5 = {
  HASHICORP_VAULT_SERVICE_TOKEN: {
    en: (props) => `found HashiCorp Vault service token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault service token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  HASHICORP_VAULT_BATCH_TOKEN: {
    en: (props) => `found HashiCorp Vault batch token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault batch token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  HASHICORP_VAULT_RECOVERY_TOKEN: {
    en: (props) => `found HashiCorp Vault recovery token: ${props.TOKEN}`,
    ja: (props) => `HashiCorp Vault recovery token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var serviceTokenPattern = new RegExp("(?<!\\p{L})hvs\\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])", "gu");
var batchTokenPattern = new RegExp("(?<!\\p{L})hvb\\.[A-Za-z0-9_-]{138,300}(?![A-Za-z0-9_-])", "gu");
var recoveryTokenPattern = new RegExp("(?<!\\p{L})hvr\\.[A-Za-z0-9_-]{90,120}(?![A-Za-z0-9_-])", "gu");
var creator$6 = {
  messages: messages$5,
  meta: {
    id: "@secretlint/secretlint-rule-hashicorp-vault",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-hashicorp-vault/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$5);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    const reportMatches = (source, pattern, messageId) => {
      const matches = source.content.matchAll(pattern);
      for (const match of matches) {
        const index = match.index ?? 0;
        const matchString = match[0] ?? "";
        const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
        if (allowedResults.length > 0) {
          continue;
        }
        const range = [index, index + matchString.length];
        context2.report({
          message: t2(messageId, {
            TOKEN: matchString
          }),
          range
        });
      }
    };
    return {
      file(source) {
        reportMatches(source, serviceTokenPattern, "HASHICORP_VAULT_SERVICE_TOKEN");
        reportMatches(source, batchTokenPattern, "HASHICORP_VAULT_BATCH_TOKEN");
        reportMatches(source, recoveryTokenPattern, "HASHICORP_VAULT_RECOVERY_TOKEN");
      }
    };
  }
};
var messages$4 = {
  VERCEL_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Vercel personal access token: ${props.ID}`,
    ja: (props) => `Vercel personal access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_INTEGRATION_TOKEN: {
    en: (props) => `found Vercel integration token: ${props.ID}`,
    ja: (props) => `Vercel integration token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_APP_ACCESS_TOKEN: {
    en: (props) => `found Vercel app access token: ${props.ID}`,
    ja: (props) => `Vercel app access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_APP_REFRESH_TOKEN: {
    en: (props) => `found Vercel app refresh token: ${props.ID}`,
    ja: (props) => `Vercel app refresh token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  },
  VERCEL_AI_GATEWAY_API_KEY: {
    en: (props) => `found Vercel AI Gateway API key: ${props.ID}`,
    ja: (props) => `Vercel AI Gateway API key: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var prefixToMessageId = {
  vcp: "VERCEL_PERSONAL_ACCESS_TOKEN",
  vci: "VERCEL_INTEGRATION_TOKEN",
  vca: "VERCEL_APP_ACCESS_TOKEN",
  vcr: "VERCEL_APP_REFRESH_TOKEN",
  vck: "VERCEL_AI_GATEWAY_API_KEY"
};
var creator$5 = {
  messages: messages$4,
  meta: {
    id: "@secretlint/secretlint-rule-vercel",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-vercel/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$4);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})(?<prefix>vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const prefix = match.groups?.prefix;
          const messageId = prefixToMessageId[prefix];
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2(messageId, {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$3 = {
  DATABRICKS_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Databricks personal access token: ${props.ID}`,
    ja: (props) => `Databricks personal access token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$4 = {
  messages: messages$3,
  meta: {
    id: "@secretlint/secretlint-rule-databricks",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-databricks/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$3);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("DATABRICKS_PERSONAL_ACCESS_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var messages$2 = {
  DOCKER_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Docker Personal Access Token: ${props.TOKEN}`,
    ja: (props) => `Docker Personal Access Token: ${props.TOKEN} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
function reportIfFoundDockerPAT({ source, options, context: context2, t: t2 }) {
  const DOCKER_PAT_PATTERN = new RegExp("(?<!\\p{L})dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-])", "gu");
  const results = source.content.matchAll(DOCKER_PAT_PATTERN);
  for (const result of results) {
    const index = result.index || 0;
    const match = result[0] || "";
    const range = [index, index + match.length];
    const allowedResults = regexpStringMatcherExports.matchPatterns(match, options.allows);
    if (allowedResults.length > 0) {
      continue;
    }
    context2.report({
      message: t2("DOCKER_PERSONAL_ACCESS_TOKEN", {
        TOKEN: match
      }),
      range
    });
  }
}
var creator$3 = {
  messages: messages$2,
  meta: {
    id: "@secretlint/secretlint-rule-docker",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-docker/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$2);
    const normalizedOptions = {
      allows: options.allows || []
    };
    return {
      file(source) {
        reportIfFoundDockerPAT({ source, options: normalizedOptions, context: context2, t: t2 });
      }
    };
  }
};
var messages$1 = {
  FIGMA_PERSONAL_ACCESS_TOKEN: {
    en: (props) => `found Figma Personal Access Token: ${props.ID}`,
    ja: (props) => `Figma Personal Access Token: ${props.ID} \u304C\u307F\u3064\u304B\u308A\u307E\u3057\u305F`
  }
};
var creator$2 = {
  messages: messages$1,
  meta: {
    id: "@secretlint/secretlint-rule-figma",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-figma/README.md"
    }
  },
  create(context2, options) {
    const t2 = context2.createTranslator(messages$1);
    const normalizedOptions = {
      allows: options?.allows ?? []
    };
    return {
      file(source) {
        const pattern = new RegExp("(?<!\\p{L})figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])", "gu");
        const matches = source.content.matchAll(pattern);
        for (const match of matches) {
          const index = match.index ?? 0;
          const matchString = match[0] ?? "";
          const allowedResults = regexpStringMatcherExports.matchPatterns(matchString, normalizedOptions.allows);
          if (allowedResults.length > 0) {
            continue;
          }
          const range = [index, index + matchString.length];
          context2.report({
            message: t2("FIGMA_PERSONAL_ACCESS_TOKEN", {
              ID: matchString
            }),
            range
          });
        }
      }
    };
  }
};
var HTML_COMMENT_REGEXP = /(?<type>secretlint-(?:disable-next-line|disable-line|disable|enable))(?<options>.*)/g;
var parseComments = (source) => {
  const matches = source.content.matchAll(HTML_COMMENT_REGEXP);
  return Array.from(matches).map((match) => {
    const type = match.groups?.type;
    const index = match.index;
    if (type === "secretlint-disable-line") {
      return {
        type,
        options: parseComment(match.groups?.options),
        line: source.indexToPosition(index).line
      };
    }
    if (type === "secretlint-disable-next-line") {
      return {
        type,
        options: parseComment(match.groups?.options),
        line: source.indexToPosition(index).line + 1
      };
    }
    return {
      type,
      options: parseComment(match.groups?.options),
      index
    };
  });
};
function parseComment(options) {
  if (!options) {
    return [];
  }
  const commentStart = options.indexOf("--");
  const ruleIdString = commentStart === -1 ? options : options.slice(0, commentStart);
  return ruleIdString.split(/,/).map((arg) => arg.trim()).filter((arg) => arg !== "") ?? [];
}
var CommentState = class {
  source;
  reportingConfig;
  endIndex;
  constructor(source) {
    this.source = source;
    this.reportingConfig = [];
    this.endIndex = source.content.length;
  }
  getIgnoringMessages() {
    const isFilledMessage = (message) => {
      return message.startIndex !== null && message.endIndex !== null && message.ruleId !== null;
    };
    return this.reportingConfig.map((reporting) => {
      if (reporting.endIndex === null) {
        reporting.endIndex = this.endIndex;
      }
      return reporting;
    }).filter(isFilledMessage);
  }
  disableLine(lineNumber, rulesToDisable) {
    const reportingConfig = this.reportingConfig;
    const range = this.source.locationToRange({
      start: {
        line: lineNumber,
        column: 0
      },
      end: {
        line: lineNumber + 1,
        column: 0
      }
    });
    if (rulesToDisable.length) {
      rulesToDisable.forEach((ruleId) => {
        reportingConfig.push({
          startIndex: range[0],
          endIndex: range[1] - 1,
          ruleId
        });
      });
    } else {
      reportingConfig.push({
        startIndex: range[0],
        endIndex: range[1] - 1,
        ruleId: "*"
      });
    }
  }
  /**
   * Add data to reporting configuration to disable reporting for list of rules
   * starting from start location
   * @returns {void}
   */
  disableReporting(startIndex, rulesToDisable) {
    const reportingConfig = this.reportingConfig;
    if (rulesToDisable.length) {
      rulesToDisable.forEach(function(ruleId) {
        reportingConfig.push({
          startIndex,
          endIndex: null,
          ruleId
        });
      });
    } else {
      reportingConfig.push({
        startIndex,
        endIndex: null,
        ruleId: "*"
      });
    }
  }
  /**
   * Add data to reporting configuration to enable reporting for list of rules
   * starting from start location
   */
  enableReporting(endIndex, rulesToEnable) {
    const reportingConfig = this.reportingConfig;
    if (rulesToEnable.length) {
      rulesToEnable.forEach(function(ruleId) {
        for (let i = reportingConfig.length - 1; i >= 0; i--) {
          if (!reportingConfig[i].endIndex && reportingConfig[i].ruleId === ruleId) {
            reportingConfig[i].endIndex = endIndex;
            break;
          }
        }
      });
    } else {
      let prevStart;
      for (let i = reportingConfig.length - 1; i >= 0; i--) {
        if (prevStart && prevStart !== reportingConfig[i].startIndex) {
          break;
        }
        if (!reportingConfig[i].endIndex) {
          reportingConfig[i].endIndex = endIndex;
          prevStart = reportingConfig[i].startIndex;
        }
      }
    }
  }
};
var messages = {
  IGNORE_MESSAGE: {
    en: () => `disable by secretlint-disable comment`
  }
};
var creator$1 = {
  messages,
  meta: {
    id: "@secretlint/secretlint-rule-filter-comments",
    recommended: true,
    type: "scanner",
    supportedContentTypes: ["text"],
    docs: {
      url: "https://github.com/secretlint/secretlint/blob/master/packages/%40secretlint/secretlint-rule-filter-comments/README.md"
    }
  },
  create(context2) {
    const t2 = context2.createTranslator(messages);
    return {
      file(source) {
        const state = new CommentState(source);
        const comments = parseComments(source);
        for (const comment of comments) {
          if (comment.type === "secretlint-disable") {
            state.disableReporting(comment.index, comment.options);
          } else if (comment.type === "secretlint-enable") {
            state.enableReporting(comment.index, comment.options);
          } else if (comment.type === "secretlint-disable-line") {
            state.disableLine(comment.line, comment.options);
          } else if (comment.type === "secretlint-disable-next-line") {
            state.disableLine(comment.line, comment.options);
          }
        }
        state.getIgnoringMessages().forEach((message) => {
          context2.ignore({
            message: t2("IGNORE_MESSAGE"),
            range: [message.startIndex, message.endIndex],
            targetRuleId: message.ruleId
          });
        });
      }
    };
  }
};
var rules = [
  creator$p,
  creator$o,
  creator$e,
  creator$n,
  creator$l,
  creator$m,
  creator$d,
  creator$c,
  creator$b,
  creator$a,
  creator$9,
  creator$k,
  creator$j,
  creator$i,
  creator$h,
  creator$g,
  creator$f,
  creator$8,
  creator$7,
  creator$6,
  creator$5,
  creator$4,
  creator$3,
  creator$2,
  creator$1
];

// src/report/secrets.ts
var SKIPPED = /* @__PURE__ */ new Set(["@secretlint/secretlint-rule-filter-comments"]);
var RULES = rules.filter((r) => !SKIPPED.has(r.meta?.id));
var OPTIONS = {
  "@secretlint/secretlint-rule-aws": { enableIDScanRule: true }
};
function spanOf(text, d) {
  const r = d.range;
  if (!r || !(r[1] > r[0])) return void 0;
  for (const v of Object.values(d.message?.data ?? {})) {
    if (typeof v !== "string" || v.length < 8) continue;
    const at = text.indexOf(v, r[0]);
    if (at >= 0 && at <= r[1]) return [at, at + v.length];
  }
  return [Math.max(0, r[0]), Math.min(text.length, r[1])];
}
function presetSecretSpans(text) {
  const found = [];
  const context2 = {
    createTranslator: () => (_id, data) => ({ data }),
    report: (d) => {
      const span2 = spanOf(text, d);
      if (span2) found.push(span2);
    },
    ignore: () => void 0,
    registerRule: () => void 0
  };
  const source = { content: text, filePath: "", ext: "", contentType: "text" };
  for (const rule of RULES) {
    try {
      const done = rule.create(context2, OPTIONS[rule.meta.id] ?? {}).file?.(source);
      if (done && typeof done.catch === "function")
        done.catch(() => void 0);
    } catch {
    }
  }
  return found;
}
function replaceSpans(text, spans, by) {
  if (!spans.length) return text;
  const sorted = [...spans].sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = "";
  let at = 0;
  for (const [a, b] of sorted) {
    if (b <= at) continue;
    out += text.slice(at, Math.max(at, a)) + (a >= at ? by : "");
    at = b;
  }
  return out + text.slice(at);
}

// src/report/redact.ts
var REDACTED = "[REDACTED]";
var SECRET_NAME = "(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|account[_-]?key|shared[_-]?access[_-]?key|private[_-]?key|client[_-]?secret|credentials?|auth)";
function entropy(s) {
  const counts = /* @__PURE__ */ new Map();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}
function looksGenerated(v) {
  return v.length >= 20 && /[0-9]/.test(v) && /[A-Za-z]/.test(v) && entropy(v) >= 3.5;
}
var PATTERNS = [
  // GitHub tokens: classic/OAuth/app/user-to-server/refresh, fine-grained PATs (also cut short)
  [/\bgh[pousr]_[A-Za-z0-9]{20,255}/g, REDACTED],
  [/\bgithub_pat_[A-Za-z0-9_]{20,255}/g, REDACTED],
  // AWS access key ids
  [/\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[0-9A-Z]{16}\b/g, REDACTED],
  // Google API keys
  [/\bAIza[0-9A-Za-z_-]{35}/g, REDACTED],
  // Stripe secret and restricted keys, webhook secrets
  [/\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{10,247}/g, REDACTED],
  [/\bwhsec_[0-9A-Za-z]{20,128}/g, REDACTED],
  // OpenAI project/service/admin keys, Anthropic keys, GitLab tokens: any length a log may show
  [/\bsk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{16,400}/g, REDACTED],
  [/\bsk-ant-[a-z]{2,10}[0-9]{2}-[A-Za-z0-9_-]{16,400}/g, REDACTED],
  [/\bgl(?:pat|ptt|dt|rt|cbt|imt|oas|soat)-[A-Za-z0-9_-]{16,128}/g, REDACTED],
  // SendGrid keys
  [/\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/g, REDACTED],
  // Slack tokens
  [/\bxox[abposr]-[A-Za-z0-9-]{10,250}/g, REDACTED],
  // npm tokens
  [/\bnpm_[A-Za-z0-9]{36}\b/g, REDACTED],
  // JWTs (header.payload.signature, base64url, header starts with {" → eyJ)
  [/\beyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{5,8192}\.[A-Za-z0-9_-]{5,4096}/g, REDACTED],
  // Authorization headers
  [/\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/-]{20,2048}=*/g, (_m, k, sp) => `${k}${sp}${REDACTED}`],
  // credentials in URLs: scheme://user:password@host
  [
    /\b([a-z][a-z0-9+.-]{0,20}:\/\/)[^\s:@/]{1,256}:[^\s@/]{1,256}@/gi,
    (_m, scheme) => `${scheme}${REDACTED}@`
  ],
  // password=…, token: …, "apiKey": "…", AWS_SECRET_ACCESS_KEY=…, AccountKey=…; (a quoted value up to its
  // closing quote)
  [
    new RegExp(
      `\\b([A-Za-z0-9_]{0,64}${SECRET_NAME}["']?)(\\s{0,8}(?:[:=]|=>)\\s{0,8})(?:"([^"\\n]{4,1024})"|'([^'\\n]{4,1024})'|([^\\s"',;]{4,1024}))`,
      "gi"
    ),
    (m, key, sep, dq, sq, bare) => {
      const value = dq ?? sq ?? bare ?? "";
      if (value.startsWith(REDACTED)) return m;
      const q = dq !== void 0 ? '"' : sq !== void 0 ? "'" : "";
      return `${key}${sep}${q}${REDACTED}${q}`;
    }
  ],
  // a generated-looking value right after such a name with only white space between
  // (`aws_secret_access_key wJalrXUtnFEMI/K7MDENG/…`, `export TOKEN  abc…`)
  [
    new RegExp(
      `\\b([A-Za-z0-9_]{0,64}${SECRET_NAME}["']?)(\\s{1,8}["']?)([A-Za-z0-9+/=_.~-]{20,1024})`,
      "gi"
    ),
    (m, key, sep, value) => looksGenerated(value) ? `${key}${sep}${REDACTED}` : m
  ]
];
var MAYBE_TOKEN = /[A-Za-z0-9_+=-]{16}/;
var PEM_BEGIN = /-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/;
var PEM_END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/;
var BASE64_LINE = /^[\s>|]*[A-Za-z0-9+/]{40,}={0,2}\s*$/;
function redactLine(s) {
  let out = String(s ?? "");
  if (BASE64_LINE.test(out) && /[a-z]/.test(out) && /[A-Z]/.test(out) && /[0-9]/.test(out)) {
    return out.replace(/[A-Za-z0-9+/]{40,}={0,2}/, REDACTED);
  }
  for (const [re, by] of PATTERNS) out = out.replace(re, by);
  if (MAYBE_TOKEN.test(out)) out = replaceSpans(out, presetSecretSpans(out), REDACTED);
  return out;
}
function redactLines(lines) {
  const out = [];
  let inKey = false;
  for (const raw of lines) {
    const line = String(raw ?? "");
    if (!inKey) {
      const b = PEM_BEGIN.exec(line);
      if (b) {
        const rest = line.slice(b.index + b[0].length);
        const e = PEM_END.exec(rest);
        if (e) {
          out.push(
            redactLine(line.slice(0, b.index)) + REDACTED + redactLine(rest.slice(e.index + e[0].length))
          );
        } else {
          out.push(redactLine(line.slice(0, b.index)) + REDACTED);
          inKey = true;
        }
        continue;
      }
      out.push(redactLine(line));
    } else {
      const e = PEM_END.exec(line);
      if (e) {
        inKey = false;
        const rest = line.slice(e.index + e[0].length);
        if (rest.trim()) out.push(redactLine(rest));
      }
    }
  }
  return out;
}
function redact(s) {
  return redactLines(String(s ?? "").split("\n")).join("\n");
}
var cache = /* @__PURE__ */ new WeakMap();
var keyOf = (r) => `${r.findings?.length}/${r.suspects?.length}/${r.patterns?.length}/${r.notes?.length}/${r.verdict?.summary}`;
function redactReport(report) {
  const key = keyOf(report);
  const hit = cache.get(report);
  if (hit && hit.key === key) return hit.redacted;
  const memo = /* @__PURE__ */ new Map();
  const redacted = redactValue(report, 0, memo);
  cache.set(report, { key, redacted });
  return redacted;
}
function redactValue(v, depth, memo) {
  if (typeof v === "string") {
    let out2 = memo.get(v);
    if (out2 === void 0) memo.set(v, out2 = redact(v));
    return out2;
  }
  if (depth > 12 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    if (v.length && v.every((x) => typeof x === "string")) return redactLines(v);
    return v.map((x) => redactValue(x, depth + 1, memo));
  }
  const out = {};
  for (const [k, x] of Object.entries(v)) out[k] = redactValue(x, depth + 1, memo);
  return out;
}

// src/report/text.ts
var t = (s, n = 500) => safeText(oneLine2(clipCodePoints(String(s ?? ""), n)));
function renderTextReport(r) {
  const out = [];
  const v = r.verdict;
  const conf = v.confidence > 0 && v.origin !== "unknown" ? `, ${percent(v.confidence)} confident` : "";
  if (headedByWhatFailed(r)) out.push(t(v.summary, 600));
  else {
    out.push(`${verdictLabel(v)} (${t(v.category, 30)}${conf})`);
    out.push(t(v.summary, 600));
  }
  const evidence = evidenceText(r);
  if (evidence.length) out.push("", "Evidence:", ...evidence);
  if (r.suspects.length) {
    out.push("", "Suspects:");
    r.suspects.forEach((s, i) => {
      const where2 = rangesText(s.lines ?? []);
      out.push(
        `  ${i + 1}. ${t(s.path, 300)}${where2 ? ` (${where2})` : ""}  ${percent(s.confidence)} ${suspectWord(s.confidence)}`
      );
      for (const reason of s.reasons) out.push(`     - ${t(reason)}`);
      const shas = (s.commits ?? []).map(shortSha2).filter(Boolean);
      if (shas.length) out.push(`     commits: ${shas.join(", ")}`);
    });
  }
  const key = keyFindings(r);
  if (key.length) {
    out.push("", "Findings:");
    key.slice(0, 20).forEach(({ f }, k) => {
      const where2 = findingWhere(f);
      const [a, b] = f.logLines ?? [0, 0];
      const lines = a ? ` [log ${a === b ? `line ${a}` : `lines ${a}-${b}`}]` : "";
      const repeat = repeatText(f);
      out.push(
        `  ${k + 1}. ${t(findingTitle(f), 120)}${where2 ? ` at ${t(where2, 300)}` : ""} (${t(findingKindText(f), 60)}${repeat ? `, ${t(repeat, 80)}` : ""})${lines}`
      );
      out.push(`     ${t(f.message)}`);
      const tests = testsOf(f);
      if (tests.length > 1)
        out.push(
          `     ${tests.length} tests failed with this message: ${tests.slice(0, 10).map((x) => t(x, 200)).join(", ")}${tests.length > 10 ? ` and ${tests.length - 10} more` : ""}`
        );
      if (k < 3) for (const l of (f.excerpt ?? []).slice(0, 8)) out.push(`     | ${t(l, 300)}`);
    });
    if (key.length > 20) out.push(`  \u2026 ${key.length - 20} more findings`);
  }
  if (r.patterns.length) {
    out.push("", "Recognised patterns:");
    for (const p of r.patterns) {
      out.push(
        `  - ${t(p.title, 120)} [${t(p.id, 80)}, ${t(p.category, 30)}]${p.hint ? `: ${t(p.hint)}` : ""}`
      );
    }
  }
  const base2 = shortSha2(r.base?.sha);
  const head = shortSha2(r.head?.sha);
  if (base2 || head || r.range) {
    out.push("", "Range analysed:");
    if (base2 || head) {
      const src = r.base?.source ?? r.range?.baseSource;
      out.push(`  ${base2 ?? "?"}${src ? ` (${t(src, 80)})` : ""} -> ${head ?? "?"}`);
    }
    if (r.range) {
      const files = r.range.files > r.range.filesAnalysed ? `${r.range.files} files changed, ${r.range.filesAnalysed} analysed` : `${r.range.files} files changed`;
      out.push(`  ${r.range.commits} commits, ${files}`);
    }
    const top = r.commits?.[0];
    if (top && shortSha2(top.sha))
      out.push(`  most likely commit: ${shortSha2(top.sha)} ${t(top.subject, 100)}`);
    if (r.bisect?.commands?.length) {
      out.push("  not sure which commit? let git bisect settle it:");
      for (const c of r.bisect.commands.slice(0, 6)) out.push(`    ${t(c, 300)}`);
    }
  }
  if (r.notes.length) {
    out.push("", "Notes:");
    for (const n of r.notes) out.push(`  - ${t(n, 300)}`);
  }
  return out.join("\n") + "\n";
}

// src/report/render.ts
function renderJson(report) {
  return JSON.stringify(redactReport(report), null, 2) + "\n";
}
function renderText(report) {
  return renderTextReport(redactReport(report));
}
function renderMarkdown(report, opts = {}) {
  return renderMarkdownReport(redactReport(report), { links: opts.links, maxChars: opts.maxChars });
}
function render(report, format, opts = {}) {
  if (format === "json") return renderJson(report);
  if (format === "text") return renderText(report);
  return renderMarkdown(report, opts);
}

// src/deadline.ts
var DEFAULT_DEADLINE_SECONDS = 300;
var Deadline = class {
  /** `seconds` from now (Infinity or 0: never). */
  constructor(seconds, now = Date.now) {
    this.seconds = seconds;
    this.now = now;
    this.end = seconds > 0 && Number.isFinite(seconds) ? now() + seconds * 1e3 : Number.POSITIVE_INFINITY;
  }
  seconds;
  now;
  end;
  /** True once the deadline has passed. */
  get passed() {
    return this.now() >= this.end;
  }
  /** The report's note: `what` was not done because the deadline passed. */
  note(what) {
    return `The analysis reached its deadline (${this.seconds} s): ${what}.`;
  }
};
function deadlineFlag(raw, name = "--deadline") {
  if (raw === void 0 || raw.trim() === "") return DEFAULT_DEADLINE_SECONDS;
  const n = /^\s*\d{1,9}(?:\.\d{1,9})?\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(n))
    throw new InputError(`${name} must be a number of seconds (0: none), not '${raw.slice(0, 40)}'`);
  return n;
}

export {
  GitHubAccessError,
  rateLimitReset,
  describeReset,
  statusOf,
  describeApiFailure,
  withPermission,
  networkFailure,
  memoryGuard,
  baselineWasm,
  TOOL_NAME,
  TOOL_VERSION,
  rankCommits,
  jobBase,
  attachFingerprints,
  matrixGroups,
  isRealError,
  findingSignature,
  sameFailure,
  withFlakyElsewhere,
  mergeRules,
  builtinRules,
  scanMemory,
  analyzeLogStream,
  runAnalysisStream,
  oneLine2 as oneLine,
  clipCodePoints,
  codeSpan,
  safeText,
  printable,
  mdLink,
  runLink,
  redactReport,
  render,
  DEFAULT_DEADLINE_SECONDS,
  Deadline,
  deadlineFlag
};
