// Evidence that reaches a changed file through the code that failed, when the failure surfaced in a
// file that did not change:
//   caller        the failing file (or a stack frame's file) imports the changed file, directly or
//                 through up to three unchanged files (ChangeSet.imports, filled by the change set's source);
//   build config  the failing file did not change, nothing it uses changed, and a build or tool
//                 configuration file did (tsconfig.json, Cargo.toml, a Makefile, go.mod ...).
import type { ChangeSet, ChangedFile, Finding } from '../types.js';
import { compileGlob } from './glob.js';

/** How many findings name the files whose imports are read. */
const NAMED_FINDINGS = 8;
const NAMED_FRAMES = 4;

/** Repository paths the findings point at (location, then non-vendored frames), most important first. */
export function namedFiles(findings: Finding[], changeSet?: ChangeSet): string[] {
  const repo = new Set(changeSet?.repoFiles ?? []);
  const out: string[] = [];
  const add = (p: string | undefined) => {
    if (p && (!repo.size || repo.has(p)) && !out.includes(p)) out.push(p);
  };
  findings
    .filter((f) => f.kind !== 'exit' && f.kind !== 'warning')
    .slice(0, NAMED_FINDINGS)
    .forEach((f) => {
      add(f.file);
      (f.frames ?? [])
        .filter((fr) => !fr.vendored)
        .slice(0, NAMED_FRAMES)
        .forEach((fr) => add(fr.file));
    });
  return out;
}

/** An unchanged file where finding `finding` surfaced (its location or a frame), with how much it counts. */
export interface Site {
  path: string;
  /** 1 for the location, 0.55^depth for the non-vendored frames below it. */
  weight: number;
  what: string;
}

export function failureSites(f: Finding, changed: Map<string, ChangedFile>): Site[] {
  const sites: Site[] = [];
  const seen = new Set<string>();
  if (f.file && !changed.has(f.file)) {
    sites.push({ path: f.file, weight: 1, what: `${f.file}${f.line ? ':' + f.line : ''}` });
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
      what: `${fr.file}${fr.line ? ':' + fr.line : ''} (frame ${d + 1})`,
    });
  }
  return sites;
}

export interface CallerEdge {
  file: ChangedFile;
  site: Site;
  /** The unchanged files between the site and the changed file, nearest the site first (empty: a direct import). */
  path: string[];
  /** Share of the site's weight: 1 / sqrt(number of changed files the site reaches at that depth). */
  share: number;
}

/** How many imports deep a failure reaches a changed file (site → a → b → changed: 3). */
export const MAX_IMPORT_DEPTH = 4;
/** Unchanged files followed per level (a hub file imports many). */
const MAX_FRONTIER = 200;

/**
 * The changed files a finding's unchanged sites import: directly, then through 1..MAX_IMPORT_DEPTH-1 unchanged
 * files (breadth first: each changed file is reached at its shortest depth, by the first path found).
 */
export function callerEdges(
  f: Finding,
  changed: Map<string, ChangedFile>,
  imports: Record<string, string[]>,
): CallerEdge[] {
  const out: CallerEdge[] = [];
  for (const site of failureSites(f, changed)) {
    if (!Array.isArray(imports[site.path])) continue;
    const seen = new Set<string>([site.path]);
    const reached = new Set<ChangedFile>();
    let frontier: { path: string; via: string[] }[] = [{ path: site.path, via: [] }];
    for (let depth = 1; depth <= MAX_IMPORT_DEPTH && frontier.length; depth++) {
      const level: { file: ChangedFile; via: string[] }[] = [];
      const next: { path: string; via: string[] }[] = [];
      for (const { path, via } of frontier) {
        const refs = imports[path];
        if (!Array.isArray(refs)) continue;
        for (const r of refs) {
          if (typeof r !== 'string' || seen.has(r)) continue;
          seen.add(r);
          const c = changed.get(r);
          if (c) {
            if (c.status !== 'deleted' && !reached.has(c)) {
              reached.add(c);
              level.push({ file: c, via });
            }
          } else if (next.length < MAX_FRONTIER) next.push({ path: r, via: [...via, r] });
        }
      }
      for (const e of level)
        out.push({ file: e.file, site, path: e.via, share: 1 / Math.sqrt(level.length) });
      frontier = next;
    }
  }
  return out;
}

// Build and tool configuration: a change here can break files that did not change.
const BUILD_CONFIG_GLOBS = [
  '**/tsconfig*.json',
  '**/jsconfig.json',
  '**/package.json',
  '**/Cargo.toml',
  '**/rust-toolchain{,.toml}',
  '**/Makefile',
  '**/GNUmakefile',
  '**/*.mk',
  '**/CMakeLists.txt',
  '**/*.cmake',
  '**/meson.build',
  '**/go.mod',
  '**/go.work',
  '**/pom.xml',
  '**/build.gradle{,.kts}',
  '**/settings.gradle{,.kts}',
  '**/gradle.properties',
  '**/setup.cfg',
  '**/setup.py',
  '**/pyproject.toml',
  '**/tox.ini',
  '**/pytest.ini',
  '**/mypy.ini',
  '**/.babelrc{,.json,.js}',
  '**/babel.config.*',
  '**/{jest,vitest,vite,webpack,rollup,eslint,prettier,tsup,esbuild}.config.*',
  '**/.eslintrc{,.json,.js,.cjs,.yml,.yaml}',
  '**/.mocharc{,.json,.jsonc,.js,.cjs,.yml,.yaml}',
  '**/{karma.conf,playwright.config,cypress.config,next.config,svelte.config,nuxt.config}.*',
  '**/.swcrc',
  '**/.flake8',
  '**/{,.}pylintrc',
  '**/{,.}ruff.toml',
  '**/.rubocop.yml',
  '**/phpunit.xml{,.dist}',
  '**/.{nvmrc,node-version,python-version,tool-versions}',
  '**/.cargo/config{,.toml}',
  '**/Directory.Build.props',
  '**/*.csproj',
];
const buildConfigTests = BUILD_CONFIG_GLOBS.map(compileGlob);
export const isBuildConfig = (p: string): boolean => buildConfigTests.some((t) => t(p));

// The configuration files each tool reads (from the tools' documentation): a change there can break what the
// tool checks or runs without changing a line of it.
const TOOL_CONFIG_GLOBS: [RegExp, string[]][] = [
  [/^tsc$/, ['**/tsconfig*.json', '**/jsconfig.json']],
  [
    /^jest$/,
    [
      '**/jest.config.*',
      '**/jest.setup.*',
      '**/jest-setup.*',
      '**/setupTests.*',
      '**/babel.config.*',
      '**/.babelrc{,.json,.js,.cjs}',
      '**/tsconfig*.json',
    ],
  ],
  [/^vitest$/, ['**/vitest.config.*', '**/vitest.workspace.*', '**/vite.config.*', '**/tsconfig*.json']],
  [
    /^mocha$/,
    ['**/.mocharc{,.json,.jsonc,.js,.cjs,.yml,.yaml}', '**/babel.config.*', '**/.babelrc{,.json,.js}'],
  ],
  [
    /^(?:eslint|standard)$/,
    ['**/.eslintrc{,.json,.js,.cjs,.yml,.yaml}', '**/eslint.config.*', '**/.eslintignore'],
  ],
  [
    /^prettier$/,
    [
      '**/.prettierrc{,.json,.js,.cjs,.yml,.yaml,.toml}',
      '**/prettier.config.*',
      '**/.prettierignore',
      '**/.editorconfig',
    ],
  ],
  [/^pytest$/, ['**/pytest.ini', '**/pyproject.toml', '**/setup.cfg', '**/tox.ini', '**/conftest.py']],
  [/^mypy$/, ['**/mypy.ini', '**/.mypy.ini', '**/setup.cfg', '**/pyproject.toml']],
  [/^pylint$/, ['**/.pylintrc', '**/pylintrc', '**/setup.cfg', '**/pyproject.toml']],
  [/^(?:flake8|pyflakes)$/, ['**/.flake8', '**/setup.cfg', '**/tox.ini']],
  [/^ruff$/, ['**/ruff.toml', '**/.ruff.toml', '**/pyproject.toml']],
  [/^go$/, ['**/go.mod', '**/go.work', '**/.golangci.{yml,yaml,toml,json}']],
  [
    /^(?:rust|cargo|clippy)$/,
    [
      '**/Cargo.toml',
      '**/.cargo/config{,.toml}',
      '**/rust-toolchain{,.toml}',
      '**/clippy.toml',
      '**/build.rs',
    ],
  ],
  [/^(?:javac|maven)$/, ['**/pom.xml']],
  [
    /^(?:javac|kotlin|gradle)$/,
    ['**/build.gradle{,.kts}', '**/settings.gradle{,.kts}', '**/gradle.properties'],
  ],
  [/^(?:rubocop|standardrb)$/, ['**/.rubocop.yml', '**/.rubocop_todo.yml', '**/.standard.yml']],
  [/^rspec$/, ['**/.rspec', '**/spec_helper.rb', '**/rails_helper.rb']],
  [/^phpunit$/, ['**/phpunit.xml{,.dist}']],
  [
    /^(?:cc|make|ld|cmake|ninja)$/,
    ['**/Makefile', '**/GNUmakefile', '**/*.mk', '**/CMakeLists.txt', '**/*.cmake', '**/meson.build'],
  ],
  [/^dotnet$/, ['**/*.csproj', '**/Directory.Build.props', '**/*.sln']],
];
const toolConfigTests = TOOL_CONFIG_GLOBS.map(([tool, globs]) => [tool, globs.map(compileGlob)] as const);

/** Is `path` a configuration file that `tool` (a finding's tool) reads? */
export function isToolConfig(tool: string, path: string): boolean {
  return toolConfigTests.some(([t, globs]) => t.test(tool) && globs.some((g) => g(path)));
}
