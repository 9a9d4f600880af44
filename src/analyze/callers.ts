// Evidence that reaches a changed file through the code that failed, when the failure surfaced in a
// file that did not change:
//   caller        the failing file (or a stack frame's file) imports the changed file, directly or
//                 through one unchanged file (ChangeSet.imports, filled by the change set's source);
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
  /** The unchanged file between the site and the changed file (depth 2). */
  via?: string;
  /** Share of the site's weight: 1 / sqrt(number of changed files the site reaches at that depth). */
  share: number;
}

/** The changed files a finding's unchanged sites import (directly, then through one unchanged file). */
export function callerEdges(
  f: Finding,
  changed: Map<string, ChangedFile>,
  imports: Record<string, string[]>,
): CallerEdge[] {
  const out: CallerEdge[] = [];
  for (const site of failureSites(f, changed)) {
    const refs = imports[site.path];
    if (!Array.isArray(refs)) continue;
    const direct = refs
      .map((r) => changed.get(r))
      .filter((c): c is ChangedFile => !!c && c.status !== 'deleted');
    for (const file of direct) out.push({ file, site, share: 1 / Math.sqrt(direct.length) });
    const two = new Map<ChangedFile, string>();
    for (const mid of refs) {
      if (changed.has(mid)) continue;
      for (const r of imports[mid] ?? []) {
        const c = changed.get(r);
        if (c && c.status !== 'deleted' && !direct.includes(c) && !two.has(c)) two.set(c, mid);
      }
    }
    for (const [file, via] of two) out.push({ file, site, via, share: 1 / Math.sqrt(two.size) });
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
  '**/.{nvmrc,node-version,python-version,tool-versions}',
  '**/.cargo/config{,.toml}',
  '**/Directory.Build.props',
  '**/*.csproj',
];
const buildConfigTests = BUILD_CONFIG_GLOBS.map(compileGlob);
export const isBuildConfig = (p: string): boolean => buildConfigTests.some((t) => t(p));
