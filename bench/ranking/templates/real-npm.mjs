// Scenarios on real code nobody here wrote: published npm libraries at two consecutive releases. The
// green commit is the older release with tests of its public API (node:test or jest, written here against
// the documented API); the range holds the REAL change between the two releases (the innocent part) and
// one injected fault as a maintainer's mistake would look. The tests are run by the real runner.
// Tarballs come from the npm registry (`npm pack NAME@VERSION`), are checked against their published
// integrity and cached in bench/ranking/real/.cache (not committed). dist/ bundles and minified copies are
// left out (they are build products, not sources).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', 'real', '.cache');

/** Published integrity (sha512) of every tarball used: `npm view NAME@VERSION dist.integrity`. */
const INTEGRITY = {
  'semver@7.5.3':
    'sha512-QBlUtyVk/5EeHbi7X0fw6liDZc7BBmEaSYn01fMU1OUYbf6GPsbTtd8WmnqbI20SeycoHSeiybkE/q1Q+qlThQ==',
  'semver@7.5.4':
    'sha512-1bCSESV6Pv+i21Hvpxp3Dx+pSD8lIPt8uVjRrxAUt/nbswYc+tK6Y2btiULjd4+fnq15PX+nqQDC7Oft7WkwcA==',
  'semver@7.6.2':
    'sha512-FNAIBWCx9qcRhoHcgcJ0gvU7SN1lYU2ZXuSfl04bSC5OpvDHFyJCjdNHomPXxjQlCBU67YW64PzY7/VIEH7F2w==',
  'semver@7.6.3':
    'sha512-oVekP1cKtI+CTDvHWYFUcMtsK/00wmAEfyqKfNdARm8u1wNVhSgaX7A8d4UuIlUI5e84iEwOhs7ZPYRmzU9U6A==',
  'js-yaml@4.1.0':
    'sha512-wpxZs9NoxZaJESJGIZTyDEaYpl0FKSA+FB9aJiyemKhMwkxQg63h4T1KJgUGHpTqPDNRcmmYLugrRjJlBtWvRA==',
  'js-yaml@4.1.1':
    'sha512-qQKT4zQxXl8lLwBtHMWwaTcGfFOZviOJet3Oy/xmGk2gZH677CJM9EvtfdSkgWcATZhj/55JZ0rmy3myCT5lsA==',
  'picomatch@2.3.0':
    'sha512-lY1Q/PiJGC2zOv/z391WOTD+Z02bCgsFfvxoXXf6h7kv9o+WmsmzYqrAwY63sNgOxE4xEdq0WyUnXfKeBrSvYw==',
  'picomatch@2.3.1':
    'sha512-JU3teHTNjmE2VCGFzuY8EXzCDVwEqB2a8fsIvwaStHhAWJEeVd1o1QD80CU6+ZdEXXSLbSsuLwJjkCBWqRQUVA==',
};
const SKIP = /^(?:dist\/|.*\.min\.js$|.*\.map$)/;

/** The files of a published package (path → text), from the cached tarball (fetched once). */
export function packageFiles(spec) {
  const [name, version] = spec.split('@');
  const tgz = join(CACHE, `${name}-${version}.tgz`);
  const dir = join(CACHE, `${name}-${version}`);
  if (!existsSync(tgz)) {
    mkdirSync(CACHE, { recursive: true });
    execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', CACHE], { stdio: 'ignore' });
  }
  const sri = `sha512-${createHash('sha512').update(readFileSync(tgz)).digest('base64')}`;
  if (INTEGRITY[spec] && sri !== INTEGRITY[spec]) throw new Error(`${spec}: integrity mismatch (${sri})`);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    execFileSync('tar', ['-xzf', tgz, '-C', dir, '--no-same-owner']);
  }
  const root = join(dir, 'package');
  const out = {};
  const walk = (d) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e);
      const rel = relative(root, p).split('\\').join('/');
      if (statSync(p).isDirectory()) walk(p);
      else if (!SKIP.test(rel)) out[rel] = readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

/** The real change between two releases, as one commit's files (a removed file → null). */
function releaseChange(from, to) {
  const a = packageFiles(from);
  const b = packageFiles(to);
  const files = {};
  for (const [p, text] of Object.entries(b)) if (a[p] !== text) files[p] = text;
  for (const p of Object.keys(a)) if (!(p in b)) files[p] = null;
  return files;
}

/** Replaces `from` by `to` in a file, failing loudly when the release no longer has `from`. */
const edit = (from, to) => (text) => {
  if (!text.includes(from)) throw new Error(`fault not applicable: ${from}`);
  return text.replace(from, to);
};

const nodeTest = [{ name: 'Set up Node', run: 'node --version' }, { run: 'node --test' }];

const SEMVER_TEST = `const test = require('node:test');
const assert = require('node:assert/strict');
const semver = require('..');

test('valid and clean', () => {
  assert.equal(semver.valid('1.2.3'), '1.2.3');
  assert.equal(semver.valid('a.b.c'), null);
  assert.equal(semver.clean('  =v1.2.3   '), '1.2.3');
});

test('ranges', () => {
  assert.equal(semver.satisfies('1.2.3', '1.x || >=2.5.0 || 5.0.0 - 7.2.3'), true);
  assert.equal(semver.satisfies('2.4.0', '^2.5.0'), false);
  assert.equal(semver.maxSatisfying(['1.2.3', '1.2.4', '1.3.0'], '~1.2.0'), '1.2.4');
});

test('prerelease ordering', () => {
  assert.equal(semver.compare('1.0.0-alpha.1', '1.0.0-alpha.2'), -1);
  assert.equal(semver.compare('1.0.0-alpha', '1.0.0-alpha.1'), -1);
  assert.deepEqual(semver.sort(['1.0.0', '1.0.0-rc.1', '1.0.0-beta.11', '1.0.0-beta.2']), [
    '1.0.0-beta.2',
    '1.0.0-beta.11',
    '1.0.0-rc.1',
    '1.0.0',
  ]);
});

test('increments', () => {
  assert.equal(semver.inc('1.2.3', 'minor'), '1.3.0');
  assert.equal(semver.inc('1.2.3-beta.1', 'prerelease'), '1.2.3-beta.2');
});
`;

const SEMVER_TS_TEST = `// Type-checked use of the public API (compiled by tsc before the tests run).
declare function require(id: string): any;
const semver = require('..');

const wanted: Map<string, string> = new Map([
  ['^1.2.0', '1.4.0'],
  ['~1.2.0', '1.2.9'],
]);
const seen = Object.entries({ a: semver.valid('1.2.3') });
export const picked = [...wanted].map(([range, best]) =>
  semver.maxSatisfying(['1.2.9', '1.4.0', best], range) === best && seen.length > 0,
);
if (!picked.every(Boolean)) throw new Error('maxSatisfying picked another version');
`;

const YAML_TEST = `const test = require('node:test');
const assert = require('node:assert/strict');
const yaml = require('..');

test('load mappings, sequences and scalars', () => {
  const doc = yaml.load('name: demo\\nflags:\\n  - True\\n  - false\\ncount: 3\\n');
  assert.deepEqual(doc, { name: 'demo', flags: [true, false], count: 3 });
});

test('dump nested documents with indentation', () => {
  const text = yaml.dump({ server: { ports: [80, 443], tls: true } });
  assert.equal(text, 'server:\\n  ports:\\n    - 80\\n    - 443\\n  tls: true\\n');
});

test('invalid YAML is reported', () => {
  assert.throws(() => yaml.load('a: [1, 2'), yaml.YAMLException);
});
`;

const PICOMATCH_TEST = `const test = require('node:test');
const assert = require('node:assert/strict');
const picomatch = require('..');

test('stars match within a segment', () => {
  const isJs = picomatch('*.js');
  assert.equal(isJs('index.js'), true);
  assert.equal(isJs('indexjs'), false);
  assert.equal(isJs('lib/index.js'), false);
});

test('globstars cross segments', () => {
  assert.equal(picomatch.isMatch('a/b/c.md', '**/*.md'), true);
  assert.equal(picomatch.isMatch('a/b/c.txt', '**/*.md'), false);
});

test('braces and extglobs', () => {
  assert.equal(picomatch.isMatch('a.ts', '*.{js,ts}'), true);
  assert.equal(picomatch.isMatch('a.test.js', '!(*.test).js'), false);
});
`;

const JEST_YAML_TEST = `const yaml = require('..');

describe('js-yaml public API', () => {
  test('round trip', () => {
    const doc = { list: [1, 'two', { three: 3 }] };
    expect(yaml.load(yaml.dump(doc))).toEqual(doc);
  });
});
`;

const TSCONFIG_TEST = JSON.stringify(
  {
    compilerOptions: { target: 'ES2020', module: 'commonjs', outDir: 'build', strict: true, types: [] },
    include: ['test/**/*.ts'],
  },
  null,
  2,
);

function lib(spec, extra) {
  const files = packageFiles(spec);
  return { ...files, ...extra };
}

export function realNpmScenarios() {
  const real = { lang: 'javascript', toolchain: 'node', suite: 'real code (npm)' };
  const docs = (subject, path, text) => ({ subject, files: { [path]: text } });
  return [
    // 1. A prerelease comparison flipped in an internal helper: the assertion fails in the test, the log
    //    never names internal/identifiers.js (required by classes/semver.js, required by index.js).
    {
      ...real,
      id: 'real-semver-identifiers',
      fault: 'fault not named in the log',
      tags: ['real-code', 'not-named', 'caller'],
      steps: nodeTest,
      files: lib('semver@7.6.2', { 'test/api.test.js': SEMVER_TEST }),
      commits: [
        { subject: 'chore: release 7.6.3', files: releaseChange('semver@7.6.2', 'semver@7.6.3') },
        {
          subject: 'fix: compare numeric identifiers as strings when they differ in length',
          culprit: true,
          files: {
            'internal/identifiers.js': edit('    : a < b ? -1\n', '    : String(a) < String(b) ? -1\n'),
          },
        },
        docs(
          'docs: mention coerce options',
          'README.md',
          (t) => t + '\nSee `semver.coerce` for loose input.\n',
        ),
      ],
      culprit: 'internal/identifiers.js',
    },
    // 2. parse-options returns undefined for missing options: TypeError in the unchanged classes/semver.js.
    {
      ...real,
      id: 'real-semver-parse-options',
      fault: 'caller in an unchanged file',
      tags: ['real-code', 'caller'],
      steps: nodeTest,
      files: lib('semver@7.6.2', { 'test/api.test.js': SEMVER_TEST }),
      commits: [
        {
          subject: 'refactor: no shared frozen empty options',
          culprit: true,
          files: { 'internal/parse-options.js': edit('    return emptyOpts\n', '    return options\n') },
        },
        { subject: 'chore: release 7.6.3', files: releaseChange('semver@7.6.2', 'semver@7.6.3') },
      ],
      culprit: 'internal/parse-options.js',
    },
    // 3. The manifest declares the package an ES module: every CommonJS file of the (unchanged) library fails.
    {
      ...real,
      id: 'real-semver-type-module',
      fault: 'manifest (package.json)',
      tags: ['real-code', 'config-only', 'culprit-touched-by-innocent'],
      steps: nodeTest,
      files: lib('semver@7.6.2', { 'test/api.test.js': SEMVER_TEST }),
      commits: [
        { subject: 'chore: release 7.6.3', files: releaseChange('semver@7.6.2', 'semver@7.6.3') },
        {
          subject: 'build: publish as an ES module',
          culprit: true,
          files: {
            'package.json': edit('  "main": "index.js",\n', '  "main": "index.js",\n  "type": "module",\n'),
          },
        },
      ],
      culprit: 'package.json',
    },
    // 4. The test tsconfig narrowed to ES5 libraries: tsc fails in the unchanged typed test.
    {
      ...real,
      id: 'real-semver-tsconfig',
      fault: 'config (tsconfig)',
      tags: ['real-code', 'config-only'],
      steps: [
        { name: 'Set up Node', run: 'node --version' },
        { run: 'tsc -p tsconfig.test.json' },
        { run: 'node --test' },
      ],
      files: lib('semver@7.6.2', {
        'test/api.test.js': SEMVER_TEST,
        'test/types.ts': SEMVER_TS_TEST,
        'tsconfig.test.json': TSCONFIG_TEST,
      }),
      commits: [
        { subject: 'chore: release 7.6.3', files: releaseChange('semver@7.6.2', 'semver@7.6.3') },
        {
          subject: 'build: type-check the tests against the oldest supported runtime',
          culprit: true,
          files: {
            'tsconfig.test.json': edit('"target": "ES2020",', '"target": "ES2020",\n    "lib": ["ES5"],'),
          },
        },
      ],
      culprit: 'tsconfig.test.json',
    },
    // 9. A dependency bump: lru-cache ^6 → ^10 (its default export became { LRUCache }); the library's
    //    unchanged classes/range.js fails at load. Installed from the npm registry by the step itself.
    {
      ...real,
      id: 'real-semver-dependency-bump',
      fault: 'dependency bump (package.json)',
      tags: ['real-code', 'config-only', 'culprit-touched-by-innocent'],
      steps: [
        { name: 'Set up Node', run: 'node --version' },
        { run: 'npm install --omit=dev --no-audit --no-fund --ignore-scripts --no-package-lock' },
        { run: 'node --test' },
      ],
      files: lib('semver@7.5.3', { 'test/api.test.js': SEMVER_TEST, '.gitignore': 'node_modules/\n' }),
      commits: [
        { subject: 'chore: release 7.5.4', files: releaseChange('semver@7.5.3', 'semver@7.5.4') },
        {
          subject: 'deps: bump lru-cache from 6.0.0 to 10.0.0',
          culprit: true,
          files: { 'package.json': edit('"lru-cache": "^6.0.0"', '"lru-cache": "^10.0.0"') },
        },
      ],
      culprit: 'package.json',
    },
    // 5. `repeat` rewritten with Array#join (one short): the dump assertion fails; common.js is never named.
    {
      ...real,
      id: 'real-js-yaml-repeat',
      fault: 'fault not named in the log',
      tags: ['real-code', 'not-named', 'caller'],
      steps: nodeTest,
      files: lib('js-yaml@4.1.0', { 'test/api.test.js': YAML_TEST }),
      commits: [
        { subject: 'chore: release 4.1.1', files: releaseChange('js-yaml@4.1.0', 'js-yaml@4.1.1') },
        {
          subject: 'perf: build repeated strings without a loop',
          culprit: true,
          files: {
            'lib/common.js': edit(
              "  var result = '', cycle;\n\n  for (cycle = 0; cycle < count; cycle += 1) {\n    result += string;\n  }\n\n  return result;",
              '  return new Array(count).join(string);',
            ),
          },
        },
      ],
      culprit: 'lib/common.js',
    },
    // 6. Booleans: only the lower-case spelling kept; the load assertion fails; lib/type/bool.js not named.
    {
      ...real,
      id: 'real-js-yaml-bool',
      fault: 'fault not named in the log',
      tags: ['real-code', 'not-named'],
      steps: nodeTest,
      files: lib('js-yaml@4.1.0', { 'test/api.test.js': YAML_TEST }),
      commits: [
        {
          subject: 'fix: YAML 1.2 core schema booleans are lower case',
          culprit: true,
          files: {
            'lib/type/bool.js': edit(
              "  return data === 'true' ||\n         data === 'True' ||\n         data === 'TRUE';",
              "  return data === 'true';",
            ),
          },
        },
        { subject: 'chore: release 4.1.1', files: releaseChange('js-yaml@4.1.0', 'js-yaml@4.1.1') },
      ],
      culprit: 'lib/type/bool.js',
    },
    // 7. Jest configuration: a test environment that is not installed.
    {
      ...real,
      id: 'real-js-yaml-jest-config',
      fault: 'test configuration (jest)',
      tags: ['real-code', 'config-only'],
      steps: [{ name: 'Set up Node', run: 'node --version' }, { run: 'jest --ci' }],
      files: lib('js-yaml@4.1.0', {
        'test/api.test.js': JEST_YAML_TEST,
        'jest.config.js':
          "module.exports = {\n  testEnvironment: 'node',\n  roots: ['<rootDir>/test'],\n};\n",
      }),
      commits: [
        { subject: 'chore: release 4.1.1', files: releaseChange('js-yaml@4.1.0', 'js-yaml@4.1.1') },
        {
          subject: 'test: run the API tests in a browser-like environment',
          culprit: true,
          files: { 'jest.config.js': edit("testEnvironment: 'node'", "testEnvironment: 'jsdom'") },
        },
        docs('docs: browser support', 'README.md', (t) => t + '\nBrowsers: use dist/js-yaml.mjs.\n'),
      ],
      culprit: 'jest.config.js',
    },
    // 8. An unescaped dot in the shared regex constants: `*.js` matches `indexjs`; constants.js not named,
    //    and the release's own change is in lib/parse.js, which builds the regex.
    {
      ...real,
      id: 'real-picomatch-constants',
      fault: 'fault not named in the log',
      tags: ['real-code', 'not-named', 'caller'],
      steps: nodeTest,
      files: lib('picomatch@2.3.0', { 'test/api.test.js': PICOMATCH_TEST }),
      commits: [
        { subject: 'chore: release 2.3.1', files: releaseChange('picomatch@2.3.0', 'picomatch@2.3.1') },
        {
          subject: 'refactor: simpler dot literal',
          culprit: true,
          files: { 'lib/constants.js': edit("const DOT_LITERAL = '\\\\.';", "const DOT_LITERAL = '.';") },
        },
      ],
      culprit: 'lib/constants.js',
    },
  ];
}
