// The registry of extractors. Each tool family lives in its own module; add one line here per module.
import type { Extractor } from './types.js';
import { tsc } from './tsc.js';
import { eslint } from './eslint.js';
import { weblint } from './weblint.js';
import { coffee } from './coffee.js';
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
import { pyflakes } from './pyflakes.js';
import { pylint } from './pylint.js';
import { ruff } from './ruff.js';
import { pip } from './pip.js';
import { rust } from './rust.js';
import { ruby } from './ruby.js';
import { php } from './php.js';
import { prove } from './prove.js';
import { cc } from './cc.js';
import { javac } from './javac.js';
import { maven } from './maven.js';
import { gradle } from './gradle.js';
import { ant } from './ant.js';
import { kotlin } from './kotlin.js';
import { javaStack } from './java-stack.js';
import { xcode } from './xcode.js';
import { dotnet } from './dotnet.js';
import { lua } from './lua.js';
import { tex } from './tex.js';
import { shell } from './shell.js';
import { cmake } from './cmake.js';
import { docker } from './docker.js';
import { github } from './github.js';
import { infra } from './infra.js';
import { region } from './region.js';
import { haskell } from './haskell.js';
import { elixir } from './elixir.js';
import { erlang } from './erlang.js';
import { scala } from './scala.js';
import { clojure } from './clojure.js';
import { elisp } from './elisp.js';
import { generic } from './generic.js';

export const extractors: Extractor[] = [
  tsc, // TypeScript compiler diagnostics, plain and pretty
  eslint, // ESLint stylish and compact
  weblint, // prettier --check, markdownlint, find-unused-sass-variables, gulp task errors
  coffee, // CoffeeScript compiler errors with source line and caret
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
  flake8, // flake8 / pycodestyle / pyflakes (with codes)
  pyflakes, // pyflakes on its own (no codes)
  pylint, // pylint text, parseable and 1.x formats
  ruff, // ruff check, full and concise
  pip, // pip and conda install failures
  rust, // rustc / cargo diagnostics, clippy, cargo test panics
  ruby, // rspec, minitest, rubocop, uncaught exceptions, bundler, rake
  php, // PHPUnit failures and errors, PHP fatal and parse errors, run-tests.php (.phpt) failures
  prove, // Perl prove / TAP::Harness: failed test scripts (Dubious), Test::More diagnostics, the summary report
  cc, // gcc / clang diagnostics, ld, make closers
  javac, // javac diagnostics (direct, Gradle, Ant) with code frame and symbol/location
  maven, // Maven compiler errors, surefire/failsafe failures, failed goals, dependencies, enforcer, checkstyle/PMD/SpotBugs
  gradle, // Gradle `What went wrong` verdicts and failed tests
  ant, // Ant's BUILD FAILED verdict with the failing build file line
  kotlin, // kotlinc and the Kotlin Gradle/Maven plugins' e:/w: diagnostics
  javaStack, // JVM stack traces with Caused by chains (free-standing ones; test runners' are read by maven/gradle)
  xcode, // xcodebuild / xcpretty / swiftc / XCTest / CocoaPods
  cmake, // CMake Error blocks, ninja FAILED: targets (low: the compiler lines are cc's)
  docker, // docker build (BuildKit excerpts, legacy steps), daemon errors
  github, // runner-level failures generic does not cover: actions, artifacts, rate limits, git 128, OOM kills
  infra, // the network, servers, the runner, cancellation, time limits, memory, disk, docker, credentials (tool-independent)
  shell, // shell errors, shellcheck, PowerShell error records, Pester
  tex, // TeX / LaTeX errors with l.N context, file-line-error, latexmk, bibtex, overfull warnings
  lua, // busted, luacheck, Lua errors with stack traceback
  dotnet, // msbuild / dotnet / mcs diagnostics, xUnit / vstest / NUnit failures, Cake
  region, // the failing command's output: its last and first error-looking clusters (tool-independent)
  haskell, // GHC diagnostics, cabal / stack, hspec / tasty / QuickCheck
  elixir, // ExUnit failures, `** (X)` errors, mix compile errors
  erlang, // erlc / rebar3, eunit, common_test, crash reports
  scala, // sbt / scalac errors, ScalaTest, sbt summaries and resolution
  clojure, // clojure.test / leiningen, compiler exceptions, artifacts
  elisp, // ERT, byte-compile errors, Emacs backtraces
  generic, // ##[error] and `Error:` fallbacks, exit closers: keep last
];

/**
 * The tool-independent layer: the failing command's output (region), the runner's own lines (github), the
 * infrastructure's documented wording (infra) and the generic error grammar and exit lines (generic). Every other extractor reads one tool family.
 */
export const TOOL_INDEPENDENT: ReadonlySet<string> = new Set(['region', 'github', 'infra', 'generic']);

/** The registry without the named extractors (a plain list: pass it as AnalysisInput.extractors). */
export function extractorsWithout(names: Iterable<string>): Extractor[] {
  const off = new Set(names);
  return extractors.filter((ex) => !off.has(ex.name));
}

/** The tool-independent layer alone (what reads a tool no extractor knows). */
export function toolIndependentExtractors(): Extractor[] {
  return extractors.filter((ex) => TOOL_INDEPENDENT.has(ex.name));
}
