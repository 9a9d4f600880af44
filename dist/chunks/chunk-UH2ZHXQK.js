import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/diff/exec.ts
import { execFile } from "node:child_process";
var MAX_BUFFER = 512 * 1024 * 1024;
var TIMEOUT_MS = 5 * 60 * 1e3;
var SAFE_CONFIG = [
  "-c",
  "core.fsmonitor=false",
  "-c",
  "core.quotePath=true",
  "-c",
  "diff.noprefix=false",
  "-c",
  "diff.mnemonicPrefix=false",
  "-c",
  "diff.relative=false",
  "-c",
  "log.showSignature=false",
  "-c",
  "color.ui=false",
  "-c",
  "core.pager=cat"
];
var GitError = class extends Error {
  constructor(message, args, exitCode, stderr) {
    super(message);
    this.args = args;
    this.exitCode = exitCode;
    this.stderr = stderr;
  }
  args;
  exitCode;
  stderr;
  name = "GitError";
};
function git(cwd, args, opts = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...SAFE_CONFIG, ...args],
      {
        cwd,
        maxBuffer: MAX_BUFFER,
        timeout: TIMEOUT_MS,
        encoding: "utf8",
        windowsHide: true,
        env: {
          ...process.env,
          GIT_TERMINAL_PROMPT: "0",
          GIT_OPTIONAL_LOCKS: "0",
          GIT_PAGER: "cat",
          LC_ALL: "C"
        }
      },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        if (opts.allowFailure && typeof err.code === "number") return resolve("");
        const code = err.code;
        if (code === "ENOENT" && !stderr) {
          return reject(new GitError("git is not installed or not on PATH", args, code, ""));
        }
        const first = String(stderr ?? "").split("\n").map((l) => l.trim()).find((l) => l.length > 0);
        reject(
          new GitError(first ?? `git ${args[0]} failed`, args, err.code ?? void 0, String(stderr ?? ""))
        );
      }
    );
  });
}

export {
  GitError,
  git
};
