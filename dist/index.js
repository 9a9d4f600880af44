import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import "./chunks/chunk-CZYETK37.js";

// src/main.ts
var NOT_A_RUNNER = "ci-root-cause: not running in a GitHub Actions job (GITHUB_REPOSITORY and GITHUB_EVENT_NAME are not set): use it as a workflow step, or run `ci-root-cause analyze` in a terminal.";
if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_EVENT_NAME) {
  process.stderr.write(NOT_A_RUNNER + "\n");
  process.exitCode = 1;
} else {
  const { run } = await import("./action.js");
  await run();
}
export {
  NOT_A_RUNNER
};
