// The registry of extractors. Each tool family lives in its own module; add one line here per module.
import type { Extractor } from './types.js';
import { tsc } from './tsc.js';
import { eslint } from './eslint.js';
import { npm } from './npm.js';
import { node } from './node.js';
import { jest } from './jest.js';
import { vitest } from './vitest.js';
import { mocha } from './mocha.js';
import { nodetest } from './nodetest.js';
import { go } from './go.js';
import { pytest } from './pytest.js';
import { unittest } from './unittest.js';
import { python } from './python.js';
import { mypy } from './mypy.js';
import { flake8 } from './flake8.js';
import { pylint } from './pylint.js';
import { ruff } from './ruff.js';
import { pip } from './pip.js';
import { rust } from './rust.js';
import { ruby } from './ruby.js';
import { php } from './php.js';
import { cc } from './cc.js';
import { generic } from './generic.js';

export const extractors: Extractor[] = [
  tsc, // TypeScript compiler diagnostics, plain and pretty
  eslint, // ESLint stylish and compact
  npm, // npm / pnpm / yarn install and script failures
  node, // Node.js uncaught errors with stack traces
  jest, // jest test failures, suites that failed to run
  vitest, // vitest failed tests and suites, unhandled errors
  mocha, // mocha failing blocks
  nodetest, // node --test, spec and TAP reporters
  go, // go build / vet / test (-json), panics, golangci-lint, staticcheck
  pytest, // pytest FAILURES / ERRORS sections, --tb=line, the short test summary
  unittest, // unittest / nose FAIL: and ERROR: blocks
  python, // Python tracebacks (chained), SyntaxError
  mypy, // mypy errors (plain and --pretty)
  flake8, // flake8 / pycodestyle / pyflakes
  pylint, // pylint text, parseable and 1.x formats
  ruff, // ruff check, full and concise
  pip, // pip and conda install failures
  rust, // rustc / cargo diagnostics, clippy, cargo test panics
  ruby, // rspec, minitest, rubocop, uncaught exceptions, bundler, rake
  php, // PHPUnit failures and errors, PHP fatal and parse errors
  cc, // gcc / clang diagnostics, ld, make closers
  generic, // ##[error] and `Error:` fallbacks, exit closers: keep last
];
