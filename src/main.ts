// The GitHub Action entry point (dist/index.js). Implemented in src/action.ts, loaded only inside a runner:
// outside one (no GITHUB_REPOSITORY / GITHUB_EVENT_NAME) this fails at once with one clear line.
export const NOT_A_RUNNER =
  'ci-root-cause: not running in a GitHub Actions job (GITHUB_REPOSITORY and GITHUB_EVENT_NAME are not set): use it as a workflow step, or run `ci-root-cause analyze` in a terminal.';

if (!process.env.GITHUB_REPOSITORY || !process.env.GITHUB_EVENT_NAME) {
  process.stderr.write(NOT_A_RUNNER + '\n');
  process.exitCode = 1;
} else {
  const { run } = await import('./action.js');
  await run();
}
