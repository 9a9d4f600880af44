// Scenarios unlike the per-language templates: lockfile-only and config-only changes, monorepos and
// nested layouts, tests beside code, renamed files, untrusted commit messages (markup, paths of innocent
// files, quotes) and innocent commits touching the file where the error surfaces.
// Each builder takes a vocabulary; `variedScenarios` instantiates every builder for two vocabularies.
import { noiseCommit, pascal, snake } from '../lib.mjs';

const json = (o) => JSON.stringify(o, null, 2) + '\n';

// ── npm lockfiles ─────────────────────────────────────────────────────────────────────────────
// filesize 6 prints '1 KB'; 8 prints '1.02 kB' (decimal units); 10 exports { filesize } instead of a function.
const FILESIZE = {
  '6.4.0': {
    integrity:
      'sha512-mjFIpOHC4jbfcTfoh4rkWpI31mF7viw9ikj/JyLoKzqlwG/YsefKfvYlYhdYdg/9mtK2z1AzgN/0LvVQ3zdlSQ==',
    engines: { node: '>= 0.4.0' },
  },
  '8.0.7': {
    integrity:
      'sha512-pjmC+bkIF8XI7fWaH8KxHcZL3DPybs1roSKP4rKDvy20tAWwIObE4+JIseG2byfGKhud5ZnM4YSGKBz7Sh0ndQ==',
    engines: { node: '>= 0.4.0' },
  },
  '10.1.6': {
    integrity:
      'sha512-sJslQKU2uM33qH5nqewAwVB2QgR6w1aMNsYUp3aN5rMRyXEwJGmZvaWzeJFNTOXWlHQyBFCWrdj3fV/fsTOX8w==',
    engines: { node: '>= 10.4.0' },
  },
};

function npmManifest(v, deps) {
  return json({
    name: `${v.domain}-tools`,
    version: '1.0.0',
    private: true,
    scripts: { test: 'node --test' },
    dependencies: deps,
  });
}

function npmLock(v, deps, packages) {
  return json({
    name: `${v.domain}-tools`,
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: `${v.domain}-tools`, version: '1.0.0', dependencies: deps }, ...packages },
  });
}

const filesizeEntry = (version) => ({
  'node_modules/filesize': {
    version,
    resolved: `https://registry.npmjs.org/filesize/-/filesize-${version}.tgz`,
    integrity: FILESIZE[version].integrity,
    license: 'BSD-3-Clause',
    engines: FILESIZE[version].engines,
  },
});

const npmSteps = [
  { name: 'Set up Node', run: 'node --version' },
  { name: 'Install', run: 'npm ci --no-audit --no-fund' },
  { name: 'Test', run: 'node --test' },
];

/** A small tool printing sizes with filesize; dir: where the code lives. */
function sizeProject(v, dir, range, version) {
  const deps = { filesize: range };
  return {
    'package.json': npmManifest(v, deps),
    'package-lock.json': npmLock(v, deps, filesizeEntry(version)),
    'README.md': `# ${v.domain} tools\n`,
    '.gitignore': 'node_modules/\n',
    [`${dir}/size.js`]: `'use strict';
const filesize = require('filesize');

function humanSize(bytes) {
  return filesize(bytes);
}

module.exports = { humanSize };
`,
    [`${dir}/summary.js`]: `'use strict';
const { humanSize } = require('./size');

function summarise(${v.item}s) {
  const bytes = ${v.item}s.reduce((n, x) => n + x.bytes, 0);
  return \`\${${v.item}s.length} ${v.item}s, \${humanSize(bytes)}\`;
}

module.exports = { summarise };
`,
    'test/summary.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { summarise } = require('../${dir}/summary');

test('summarise prints the size of the ${v.domain} export', () => {
  assert.strictEqual(summarise([{ bytes: 1000 }, { bytes: 24 }]), '2 ${v.item}s, 1 KB');
});
`,
  };
}

function lockMaintenance(v, k) {
  const dir = k % 2 ? 'src/format' : 'lib';
  return {
    id: `js-lock-maintenance-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'failing assertion',
    tags: ['lockfile-only', 'caller'],
    steps: npmSteps,
    files: sizeProject(v, dir, '>=6.4.0', '6.4.0'),
    commits: [
      noiseCommit(v, 1 + k, {}),
      {
        subject: 'chore(deps): lock file maintenance',
        culprit: true,
        files: { 'package-lock.json': npmLock(v, { filesize: '>=6.4.0' }, filesizeEntry('8.0.7')) },
      },
      noiseCommit(v, 4 + k, {}),
    ],
    culprit: 'package-lock.json',
  };
}

function lockOutOfSync(v, k) {
  const dir = k % 2 ? 'src' : 'lib';
  return {
    id: `js-lock-out-of-sync-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'dependency',
    tags: ['lockfile-only'],
    steps: npmSteps,
    files: sizeProject(v, dir, '^6.4.0', '6.4.0'),
    commits: [
      {
        subject: `Merge branch 'renovate/filesize-8.x' into main`,
        culprit: true,
        files: { 'package-lock.json': npmLock(v, { filesize: '^6.4.0' }, filesizeEntry('8.0.7')) },
      },
      noiseCommit(v, 2 + k, { culprit: `${dir}/summary.js`, lang: 'javascript', srcDir: dir }),
    ],
    culprit: 'package-lock.json',
  };
}

/** A local `file:` package: the lockfile alone is re-pointed at a second copy of it (a bad merge). */
function lockLocalPackage(v, k) {
  const kit = `${v.domain}-kit`;
  const deps = { [kit]: `file:packages/${kit}` };
  const lock = (dir, version) =>
    npmLock(v, deps, {
      [`node_modules/${kit}`]: { resolved: `packages/${dir}`, link: true },
      [`packages/${dir}`]: { name: kit, version },
    });
  return {
    id: `js-lock-local-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'dependency',
    tags: ['lockfile-only'],
    steps: npmSteps,
    files: {
      'package.json': npmManifest(v, deps),
      'package-lock.json': lock(kit, '1.0.0'),
      '.gitignore': 'node_modules/\n',
      [`packages/${kit}/package.json`]: json({ name: kit, version: '1.0.0', main: 'index.js' }),
      [`packages/${kit}/index.js`]: `'use strict';\nexports.${v.helper} = (x) => Math.round(x * 100) / 100;\n`,
      'index.js': `'use strict';\nconst { ${v.helper} } = require('${kit}');\nexports.${v.fn} = (xs) => xs.reduce((s, x) => s + ${v.helper}(x), 0);\n`,
      'index.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { ${v.fn} } = require('./index');

test('${v.fn} rounds each ${v.item}', () => {
  assert.strictEqual(${v.fn}([1.004, 2.5]), 3.5);
});
`,
    },
    commits: [
      {
        subject: `feat: ${kit} 2.0 beside 1.x (not used yet)`,
        files: {
          [`packages/${kit}-next/package.json`]: json({ name: kit, version: '2.0.0', main: 'index.js' }),
          [`packages/${kit}-next/index.js`]: `'use strict';\nexports.round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;\n`,
        },
      },
      noiseCommit(v, 0 + k, {}),
      {
        subject: `Merge branch 'kit-next' (resolve package-lock.json conflict)`,
        culprit: true,
        files: { 'package-lock.json': lock(`${kit}-next`, '1.0.0') },
      },
    ],
    culprit: 'package-lock.json',
  };
}

/** package.json + lockfile move filesize to a major version that exports { filesize }. */
function depMajor(v, k) {
  const dir = k % 2 ? 'src' : 'lib';
  return {
    id: `js-dep-major-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'uncaught TypeError',
    tags: ['lockfile-only', 'caller'],
    steps: npmSteps,
    files: sizeProject(v, dir, '^6.4.0', '6.4.0'),
    commits: [
      noiseCommit(v, 3 + k, { culprit: `${dir}/summary.js`, lang: 'javascript', srcDir: dir }),
      {
        subject: 'fix(deps): update dependency filesize to v10',
        culprit: true,
        files: {
          'package.json': npmManifest(v, { filesize: '^10.1.6' }),
          'package-lock.json': npmLock(v, { filesize: '^10.1.6' }, filesizeEntry('10.1.6')),
        },
      },
      noiseCommit(v, 1 + k, {}),
    ].slice(0, 2 + (k % 2)),
    culprit: 'package-lock.json',
    culpritAlso: ['package.json'],
  };
}

// ── config only ───────────────────────────────────────────────────────────────────────────────

function jsLibrary(v, dir) {
  return {
    [`${dir}/${v.mod}.js`]: `'use strict';

function ${v.fn}(${v.item}s) {
  let total = 0;
  for (const x of ${v.item}s) {
    if (x.${v.field} == null) continue;
    total += x.${v.field};
  }
  return total;
}

module.exports = { ${v.fn} };
`,
    [`${dir}/labels.js`]: `'use strict';

function label(${v.item}) {
  if (${v.item}.name == undefined) return '(unnamed)';
  return String(${v.item}.name);
}

module.exports = { label };
`,
  };
}

function jestConfig(v, k) {
  const dir = k % 2 ? 'src' : 'lib';
  const cfg = k % 2 ? 'jest.config.js' : 'jest.config.cjs';
  // k 0: a shorter test timeout makes the (unchanged) slow test fail; k 1: an environment that is not installed
  const [before, after, subject] =
    k % 2
      ? [
          "testEnvironment: 'node'",
          "testEnvironment: 'jsdom'",
          'test: run the suite in a browser-like environment',
        ]
      : ['testTimeout: 5000', 'testTimeout: 100', 'test: fail fast on hanging tests'];
  return {
    id: `js-jest-config-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'config change',
    tags: ['config-only'],
    steps: [
      { name: 'Set up Node', run: 'node --version' },
      { name: 'Unit tests', run: `jest --ci --config ${cfg}` },
    ],
    files: {
      'package.json': json({ name: v.domain, version: '1.0.0', private: true, scripts: { test: 'jest' } }),
      [cfg]: `module.exports = {\n  testEnvironment: 'node',\n  testTimeout: 5000,\n  roots: ['<rootDir>/${dir}'],\n};\n`,
      ...jsLibrary(v, dir),
      [`${dir}/feed.js`]: `'use strict';

function slowFeed() {
  return new Promise((resolve) => setTimeout(() => resolve([{ ${v.field}: 2 }, { ${v.field}: 3 }]), 400));
}

module.exports = { slowFeed };
`,
      [`${dir}/${v.mod}.test.js`]: `const { ${v.fn} } = require('./${v.mod}');
const { slowFeed } = require('./feed');

test('${v.fn} skips ${v.item}s without ${v.field}', () => {
  expect(${v.fn}([{ ${v.field}: 2 }, {}, { ${v.field}: 3 }])).toBe(5);
});

test('${v.fn} of the ${v.domain} feed', async () => {
  expect(${v.fn}(await slowFeed())).toBe(5);
});
`,
    },
    commits: [
      noiseCommit(v, 2 + k, { culprit: `${dir}/${v.mod}.js`, lang: 'javascript', srcDir: dir }),
      {
        subject,
        culprit: true,
        files: { [cfg]: (c) => c.replace(before, after) },
      },
    ],
    culprit: cfg,
  };
}

function eslintConfig(v, k) {
  const dir = k % 2 ? 'src' : 'lib';
  return {
    id: `js-eslint-config-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'config change',
    tags: ['config-only'],
    steps: [
      { name: 'Set up Node', run: 'node --version' },
      { name: 'Lint', run: 'eslint .' },
    ],
    files: {
      'package.json': json({ name: v.domain, version: '1.0.0', private: true }),
      'eslint.config.mjs': `export default [
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      'no-unused-vars': 'error',
    },
  },
];
`,
      ...jsLibrary(v, dir),
    },
    commits: [
      noiseCommit(v, 0 + k, {}),
      {
        subject: 'style: stricter equality everywhere',
        culprit: true,
        files: {
          'eslint.config.mjs': (c) =>
            c.replace("'no-unused-vars': 'error',", "'no-unused-vars': 'error',\n      eqeqeq: 'error',"),
        },
      },
      noiseCommit(v, 1 + k, { culprit: `${dir}/labels.js`, lang: 'javascript', srcDir: dir }),
    ],
    culprit: 'eslint.config.mjs',
  };
}

function pyProject(v, pkg, { src = '' } = {}) {
  const fn = snake(v.fn);
  const root = src ? `${src}/${pkg}` : pkg;
  return {
    [`${root}/__init__.py`]: '',
    [`${root}/${v.mod}.py`]: `import warnings


def ${snake(v.helper)}(x):
    return round(x * 100) / 100


def ${fn}(rows):
    return sum(${snake(v.helper)}(r["${snake(v.field)}"]) for r in rows)


def legacy_${fn}(rows):
    warnings.warn("legacy_${fn} is deprecated; use ${fn}", DeprecationWarning, stacklevel=2)
    return ${fn}(rows)
`,
    [`${root}/report.py`]: `from ${pkg}.${v.mod} import legacy_${fn}


def describe(rows):
    return f"{len(rows)} rows, total {legacy_${fn}(rows):.2f}"
`,
    [`tests/test_report.py`]: `from ${pkg}.report import describe


def test_describe():
    assert describe([{"${snake(v.field)}": 1.25}, {"${snake(v.field)}": 2.5}]) == "2 rows, total 3.75"
`,
  };
}

const pySteps = [{ name: 'Set up Python', run: 'python3 --version' }, { run: 'python3 -m pytest -q' }];

function pytestWarnings(v, k) {
  const pkg = snake(v.domain) + (k % 2 ? '_app' : '');
  return {
    id: `py-pytest-ini-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'config change',
    tags: ['config-only', 'caller'],
    steps: pySteps,
    files: { ...pyProject(v, pkg), 'pytest.ini': '[pytest]\ntestpaths = tests\n' },
    commits: [
      noiseCommit(v, 2 + k, { culprit: `${pkg}/${v.mod}.py`, lang: 'python', srcDir: pkg }),
      {
        subject: 'test: treat warnings as errors',
        culprit: true,
        files: { 'pytest.ini': '[pytest]\ntestpaths = tests\nfilterwarnings =\n    error\n' },
      },
    ],
    culprit: 'pytest.ini',
  };
}

function pythonPath(v, k) {
  const pkg = `acme_${snake(v.domain)}`;
  const cfg = k % 2 ? 'pytest.ini' : 'pyproject.toml';
  const withPath =
    cfg === 'pytest.ini'
      ? '[pytest]\npythonpath = src\ntestpaths = tests\n'
      : `[project]\nname = "${pkg}"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\npythonpath = ["src"]\ntestpaths = ["tests"]\n`;
  const without =
    cfg === 'pytest.ini'
      ? '[pytest]\ntestpaths = tests\n'
      : `[project]\nname = "${pkg}"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n`;
  return {
    id: `py-pythonpath-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'missing module',
    tags: ['config-only'],
    steps: pySteps,
    files: { ...pyProject(v, pkg, { src: 'src' }), [cfg]: withPath },
    commits: [
      {
        subject: 'build: tests run against the installed package (see src/README)',
        culprit: true,
        files: { [cfg]: without },
      },
      noiseCommit(v, 1 + k, { culprit: `src/${pkg}/report.py`, lang: 'python', srcDir: `src/${pkg}` }),
    ],
    culprit: cfg,
  };
}

function goReplace(v, k) {
  const mod = `example.com/${v.domain}`;
  const kit = 'example.com/textkit';
  const kitV1 = `package textkit

// PadLeft pads s on the left to n characters.
func PadLeft(s string, n int) string {
	for len(s) < n {
		s = " " + s
	}
	return s
}
`;
  const kitV2 = `package textkit

// Pad pads s to n characters; left chooses the side.
func Pad(s string, n int, left bool) string {
	for len(s) < n {
		if left {
			s = " " + s
		} else {
			s += " "
		}
	}
	return s
}
`;
  const goMod = (dir) => `module ${mod}\n\ngo 1.19\n\nrequire ${kit} v0.0.0\n\nreplace ${kit} => ./${dir}\n`;
  const F = pascal(v.fn);
  return {
    id: `go-mod-replace-${v.domain}`,
    lang: 'go',
    toolchain: 'go',
    fault: 'config change',
    tags: ['config-only', 'caller'],
    steps: [
      { name: 'Set up Go', run: 'go version' },
      { name: 'Test', run: 'go test ./...' },
    ],
    files: {
      'go.mod': goMod('third_party/textkit'),
      'third_party/textkit/go.mod': `module ${kit}\n\ngo 1.19\n`,
      'third_party/textkit/textkit.go': kitV1,
      [`internal/${v.mod}/${v.mod}.go`]: `package ${v.mod}

import (
	"fmt"

	"${kit}"
)

// ${F} formats the total of the values.
func ${F}(values []float64) string {
	total := 0.0
	for _, x := range values {
		total += x
	}
	return textkit.PadLeft(fmt.Sprintf("%.2f", total), 10)
}
`,
      [`internal/${v.mod}/${v.mod}_test.go`]: `package ${v.mod}

import "testing"

func Test${F}(t *testing.T) {
	if got := ${F}([]float64{1.25, 2.5}); got != "      3.75" {
		t.Errorf("got %q", got)
	}
}
`,
    },
    commits: [
      {
        subject: 'vendor: add textkit v2 beside v1',
        files: {
          'third_party/textkit-v2/go.mod': `module ${kit}\n\ngo 1.19\n`,
          'third_party/textkit-v2/textkit.go': kitV2,
        },
      },
      noiseCommit(v, 0 + k, {}),
      {
        subject: 'build: use textkit v2',
        culprit: true,
        files: { 'go.mod': goMod('third_party/textkit-v2') },
      },
    ],
    culprit: 'go.mod',
  };
}

function tsconfigLib(v, k) {
  const src = k % 2 ? 'packages/app/src' : 'src';
  const cfgPath = k % 2 ? 'packages/app/tsconfig.json' : 'tsconfig.json';
  const cfg = (lib) =>
    json({
      compilerOptions: { strict: true, target: 'ES2022', lib: [lib], module: 'commonjs', noEmit: true },
      include: ['src'],
    });
  return {
    id: `ts-tsconfig-lib-${v.domain}`,
    lang: 'typescript',
    toolchain: 'node',
    fault: 'config change',
    tags: ['config-only'],
    steps: [
      { name: 'Set up Node', run: 'node --version' },
      { name: 'Typecheck', run: `tsc --noEmit -p ${cfgPath}` },
    ],
    files: {
      [cfgPath]: cfg('ES2022'),
      [`${src}/${v.mod}.ts`]: `export interface ${v.Type}Row {
  name: string;
  ${v.field}: number;
}

export function last${v.Type}(rows: ${v.Type}Row[]): ${v.Type}Row | undefined {
  return rows.at(-1);
}

export function has${pascal(v.field)}(row: object): boolean {
  return Object.hasOwn(row, '${v.field}');
}
`,
      [`${src}/main.ts`]: `import { last${v.Type} } from './${v.mod}';

export const firstName = last${v.Type}([{ name: 'a', ${v.field}: 1 }])?.name ?? '';
`,
    },
    commits: [
      noiseCommit(v, 3 + k, { culprit: `${src}/${v.mod}.ts`, lang: 'typescript', srcDir: src }),
      {
        subject: 'build: target older runtimes',
        culprit: true,
        files: { [cfgPath]: cfg('ES2019') },
      },
    ],
    culprit: cfgPath,
  };
}

function pyConnRefusedIni(v, k) {
  const pkg = `${snake(v.domain)}_client`;
  const cfg = k % 2 ? 'config/test.ini' : 'settings.ini';
  const port = v.port + 200;
  const ini = (p) => `[service]\nhost = 127.0.0.1\nport = ${p}\n`;
  return {
    id: `py-connrefused-ini-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'config change',
    tags: ['config-only', 'caller'],
    steps: pySteps,
    files: {
      [cfg]: ini(port),
      [`${pkg}/__init__.py`]: '',
      [`${pkg}/settings.py`]: `import configparser
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent


def service_address():
    parser = configparser.ConfigParser()
    parser.read(ROOT / "${cfg}")
    return parser["service"]["host"], parser.getint("service", "port")
`,
      [`${pkg}/client.py`]: `import json
import urllib.request

from ${pkg}.settings import service_address


def fetch_status():
    host, port = service_address()
    with urllib.request.urlopen(f"http://{host}:{port}/status", timeout=5) as res:
        return json.load(res)
`,
      'tests/test_client.py': `import http.server
import threading

from ${pkg}.client import fetch_status


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'{"ok": true}')

    def log_message(self, *args):
        pass


def test_fetch_status():
    server = http.server.HTTPServer(("127.0.0.1", ${port}), Handler)
    server.timeout = 3
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    try:
        assert fetch_status() == {"ok": True}
    finally:
        server.server_close()
`,
    },
    commits: [
      noiseCommit(v, 1 + k, { culprit: `${pkg}/client.py`, lang: 'python', srcDir: pkg }),
      {
        subject: `config: staging port for the ${v.domain} service`,
        culprit: true,
        files: { [cfg]: ini(port + 1) },
      },
      noiseCommit(v, 4 + k, {}),
    ],
    culprit: cfg,
  };
}

// ── layouts: monorepos, src layouts, tests beside code, renames ─────────────────────────────────

/** npm workspaces: a renamed export in packages/core breaks packages/app (tests beside code). */
function jsMonorepo(v, k) {
  const core = `@${v.domain}/core`;
  const coreMain = k % 2 ? 'packages/core/lib/money.js' : 'packages/core/src/money.js';
  return {
    id: `js-monorepo-renamed-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'renamed export',
    tags: ['caller', 'monorepo'],
    steps: [
      { name: 'Set up Node', run: 'node --version' },
      { name: 'Install', run: 'npm install --offline --no-audit --no-fund' },
      { name: 'Test', run: 'node --test packages/' },
    ],
    files: {
      'package.json': json({ name: v.domain, private: true, workspaces: ['packages/*'] }),
      '.gitignore': 'node_modules/\n',
      'packages/core/package.json': json({
        name: core,
        version: '1.0.0',
        main: coreMain.replace('packages/core/', ''),
      }),
      [coreMain]: `'use strict';

function ${v.helper}(x) {
  return Math.round(x * 100) / 100;
}

function formatAmount(x) {
  return ${v.helper}(x).toFixed(2);
}

module.exports = { ${v.helper}, formatAmount };
`,
      'packages/app/package.json': json({
        name: `@${v.domain}/app`,
        version: '1.0.0',
        dependencies: { [core]: '1.0.0' },
      }),
      'packages/app/src/checkout.js': `'use strict';
const { formatAmount } = require('${core}');

function checkout(${v.item}s) {
  const total = ${v.item}s.reduce((s, x) => s + x.${v.field}, 0);
  return \`total: \${formatAmount(total)}\`;
}

module.exports = { checkout };
`,
      'packages/app/src/checkout.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { checkout } = require('./checkout');

test('checkout prints the total', () => {
  assert.strictEqual(checkout([{ ${v.field}: 1.5 }, { ${v.field}: 2 }]), 'total: 3.50');
});
`,
    },
    commits: [
      {
        subject: 'fix(app): `checkout` <b>rounding</b> — see packages/app/src/checkout.js & @team',
        files: { 'packages/app/src/checkout.js': (c) => `// Prints the checkout line.\n${c}` },
      },
      {
        subject: `refactor(core): formatAmount -> formatMoney`,
        culprit: true,
        files: { [coreMain]: (c) => c.split('formatAmount').join('formatMoney') },
      },
      noiseCommit(v, 1 + k, {}),
    ],
    culprit: coreMain,
  };
}

/** A TS monorepo: an interface field renamed in one package; errors in another (unchanged) and in a
 * file an innocent commit touched (a comment, far from the error). */
function tsMonorepo(v, k) {
  const units = `packages/core/src/${v.mod}.ts`;
  const view = 'packages/web/src/view.ts';
  const F = pascal(v.field);
  return {
    id: `ts-monorepo-field-${v.domain}`,
    lang: 'typescript',
    toolchain: 'node',
    fault: 'type error',
    tags: ['caller', 'monorepo', 'error-file-touched-by-innocent'],
    steps: [
      { name: 'Set up Node', run: 'node --version' },
      { name: 'Typecheck', run: 'tsc --noEmit -p tsconfig.json' },
    ],
    files: {
      'tsconfig.json': json({
        compilerOptions: { strict: true, target: 'ES2020', module: 'commonjs', noEmit: true },
        include: ['packages/*/src'],
      }),
      [units]: `export interface ${v.Type} {
  name: string;
  ${v.field}: number;
}

export function make${v.Type}(name: string, ${v.field}: number): ${v.Type} {
  return { name, ${v.field} };
}
`,
      [view]: `// Renders rows for the ${v.domain} page.
import { make${v.Type}, type ${v.Type} } from '../../core/src/${v.mod}';

export function row(x: ${v.Type}): string {
  return \`\${x.name}: \${x.${v.field}.toFixed(1)}\`;
}

export function sample(): string {
  return row(make${v.Type}('first', 2));
}
`,
      'packages/web/src/totals.ts': `import type { ${v.Type} } from '../../core/src/${v.mod}';

export function total${F}(xs: ${v.Type}[]): number {
  return xs.reduce((s, x) => s + x.${v.field}, 0);
}
`,
    },
    commits: [
      {
        subject: `docs(web): explain "row()" in ${view}`,
        files: {
          [view]: (c) =>
            c.replace('// Renders rows', '// Renders one line per row; see the design doc.\n// Renders rows'),
        },
      },
      {
        subject: `refactor(core): ${v.field} -> ${v.fieldNew}`,
        culprit: true,
        files: { [units]: (c) => c.split(`${v.field}`).join(v.fieldNew) },
      },
    ].slice(k % 2),
    culprit: units,
  };
}

/** src layout, nested package; the module is renamed and changed in one commit; the caller raises. */
function pySrcRename(v, k) {
  const pkg = `acme_${snake(v.domain)}`;
  const old = `src/${pkg}/pricing/rates.py`;
  const moved = `src/${pkg}/pricing/tariffs.py`;
  const fn = snake(v.fn);
  return {
    id: `py-src-rename-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'uncaught exception',
    tags: ['caller', 'rename'],
    steps: pySteps,
    files: {
      'pytest.ini': '[pytest]\npythonpath = src\ntestpaths = tests\n',
      [`src/${pkg}/__init__.py`]: '',
      [`src/${pkg}/pricing/__init__.py`]: `from ${pkg}.pricing.rates import rate_for\n`,
      [old]: `RATES = {"standard": 1.0, "reduced": 0.5}


def rate_for(kind):
    return RATES.get(kind, 1.0)
`,
      [`src/${pkg}/quote.py`]: `from ${pkg}.pricing import rate_for


def ${fn}(${v.item}s):
    return sum(x["${snake(v.field)}"] * rate_for(x.get("kind", "")) for x in ${v.item}s)
`,
      [`tests/${snake(v.domain)}/test_quote.py`]: `from ${pkg}.quote import ${fn}


def test_${fn}_defaults_to_the_standard_rate():
    assert ${fn}([{"${snake(v.field)}": 2}, {"${snake(v.field)}": 3, "kind": "reduced"}]) == 3.5
`,
    },
    commits: [
      noiseCommit(v, 3 + k, {}),
      {
        subject: "refactor: rates.py -> tariffs.py; unknown kinds are an error (don't guess)",
        culprit: true,
        renames: [[old, moved]],
        files: {
          [moved]: `RATES = {"standard": 1.0, "reduced": 0.5}


class UnknownTariff(ValueError):
    pass


def rate_for(kind):
    if kind not in RATES:
        raise UnknownTariff(f"no tariff for {kind!r}")
    return RATES[kind]
`,
          [`src/${pkg}/pricing/__init__.py`]: `from ${pkg}.pricing.tariffs import rate_for\n`,
        },
      },
      noiseCommit(v, 0 + k, {}),
    ],
    culprit: moved,
  };
}

/** Go: a test data file changed shape; the (unchanged) decoder leaves a zero and the test fails. */
function goTestdata(v, k) {
  const mod = `example.com/${v.domain}`;
  const data = `internal/${v.mod}/testdata/${v.item}s.json`;
  const F = pascal(v.field);
  return {
    id: `go-testdata-${v.domain}`,
    lang: 'go',
    toolchain: 'go',
    fault: 'data shape',
    tags: ['data-only'],
    steps: [
      { name: 'Set up Go', run: 'go version' },
      { name: 'Test', run: 'go test ./...' },
    ],
    files: {
      'go.mod': `module ${mod}\n\ngo 1.19\n`,
      [`internal/${v.mod}/${v.mod}.go`]: `package ${v.mod}

import (
	"encoding/json"
	"os"
)

// Row is one ${v.item}.
type Row struct {
	Name string  \`json:"name"\`
	${F} float64 \`json:"${v.field}"\`
}

// Load reads rows from a JSON file.
func Load(path string) ([]Row, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []Row
	err = json.Unmarshal(b, &rows)
	return rows, err
}

// Total adds up the rows.
func Total(rows []Row) float64 {
	t := 0.0
	for _, r := range rows {
		t += r.${F}
	}
	return t
}
`,
      [`internal/${v.mod}/${v.mod}_test.go`]: `package ${v.mod}

import "testing"

func TestTotalOfFixture(t *testing.T) {
	rows, err := Load("testdata/${v.item}s.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := Total(rows); got != 7.5 {
		t.Errorf("Total() = %v, want 7.5", got)
	}
}
`,
      [data]: json([
        { name: 'a', [v.field]: 2.5 },
        { name: 'b', [v.field]: 5 },
      ]),
    },
    commits: [
      noiseCommit(v, 1 + k, {}),
      {
        subject: `test: regenerate ${v.item} fixtures from production export`,
        culprit: true,
        files: {
          [data]: json([
            { name: 'a', [v.fieldNew]: 2.5 },
            { name: 'b', [v.fieldNew]: 5 },
          ]),
        },
      },
      noiseCommit(v, 2 + k, {}),
    ],
    culprit: data,
  };
}

/** A Cargo workspace: a struct field renamed in one crate breaks the other crate (and a feature flag variant). */
function rustWorkspace(v, k) {
  const core = `${snake(v.domain)}_core`;
  const lib = `crates/${core}/src/lib.rs`;
  const field = snake(v.field);
  const fieldNew = snake(v.fieldNew);
  return {
    id: `rs-workspace-field-${v.domain}`,
    lang: 'rust',
    toolchain: 'rust',
    fault: 'type error',
    tags: ['caller', 'monorepo'],
    steps: [
      { name: 'Set up Rust', run: 'cargo --version' },
      { name: 'Test', run: 'cargo test --offline --workspace' },
    ],
    files: {
      'Cargo.toml': `[workspace]\nmembers = ["crates/*"]\nresolver = "2"\n`,
      '.gitignore': 'target/\n',
      [`crates/${core}/Cargo.toml`]: `[package]\nname = "${core}"\nversion = "0.1.0"\nedition = "2021"\n`,
      [lib]: `/// One ${v.item}.
pub struct ${v.Type}Row {
    pub name: String,
    pub ${field}: f64,
}

impl ${v.Type}Row {
    pub fn new(name: &str, ${field}: f64) -> Self {
        Self { name: name.to_string(), ${field} }
    }
}
`,
      'crates/cli/Cargo.toml': `[package]\nname = "cli"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n${core} = { path = "../${core}" }\n`,
      'crates/cli/src/main.rs': `use ${core}::${v.Type}Row;

fn total(rows: &[${v.Type}Row]) -> f64 {
    rows.iter().map(|r| r.${field}).sum()
}

fn main() {
    let rows = vec![${v.Type}Row::new("a", 1.5), ${v.Type}Row::new("b", 2.0)];
    println!("{:.2}", total(&rows));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals() {
        assert_eq!(total(&[${v.Type}Row::new("a", 1.5)]), 1.5);
    }
}
`,
    },
    commits: [
      noiseCommit(v, 1 + k, {}),
      {
        subject: `refactor(${core}): rename \`${field}\` → \`${fieldNew}\` [skip ci]`,
        culprit: true,
        files: { [lib]: (c) => c.split(field).join(fieldNew) },
      },
      noiseCommit(v, 2 + k, { culprit: lib, lang: 'rust' }),
    ],
    culprit: lib,
  };
}

const BUILDERS = [
  lockMaintenance,
  lockOutOfSync,
  lockLocalPackage,
  depMajor,
  jestConfig,
  eslintConfig,
  pytestWarnings,
  pythonPath,
  goReplace,
  tsconfigLib,
  pyConnRefusedIni,
  jsMonorepo,
  tsMonorepo,
  pySrcRename,
  goTestdata,
  rustWorkspace,
];

export function variedScenarios(vocabs) {
  const out = [];
  BUILDERS.forEach((build, b) => {
    for (let k = 0; k < 2; k++) out.push(build(vocabs[(b * 3 + k * 5) % vocabs.length], k));
  });
  return out;
}
