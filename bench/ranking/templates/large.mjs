// Large ranges: ~50 changed files over 20 commits, one of which breaks the build or a test.
import { pascal, snake } from '../lib.mjs';

const WORDS = [
  'alpha',
  'bravo',
  'cargo',
  'delta',
  'ember',
  'fable',
  'gamma',
  'harbor',
  'ivory',
  'jasper',
  'kernel',
  'lumen',
  'mosaic',
  'nectar',
  'orbit',
  'prism',
  'quartz',
  'raven',
  'sierra',
  'tundra',
  'umber',
  'vertex',
  'willow',
  'xenon',
];

function tsModule(w, k, dep) {
  const imp = dep ? `import { ${dep}Score } from '../${dep}/${dep}';\n\n` : '';
  const body = dep ? `  return ${dep}Score(n) + ${k};` : `  return n * ${k + 1};`;
  return `${imp}export function ${w}Score(n: number): number {\n${body}\n}\n`;
}

function pyModule(w, k, dep) {
  const imp = dep ? `from app.${dep} import ${dep}_score\n\n\n` : '';
  const body = dep ? `    return ${dep}_score(n) + ${k}` : `    return n * ${k + 1}`;
  return `${imp}def ${w}_score(n):\n${body}\n`;
}

function jsModule(w, k, dep) {
  const imp = dep ? `const { ${dep}Score } = require('./${dep}');\n\n` : '';
  const body = dep ? `  return ${dep}Score(n) + ${k};` : `  return n * ${k + 1};`;
  return `'use strict';\n${imp}function ${w}Score(n) {\n${body}\n}\nmodule.exports = { ${w}Score };\n`;
}

function build(v, lang) {
  const ts = lang === 'typescript';
  const js = lang === 'javascript';
  const files = { 'README.md': `# ${v.domain}\n` };
  const path = (w) => (ts ? `src/${w}/${w}.ts` : js ? `lib/${w}.js` : `app/${w}.py`);
  WORDS.forEach((w, k) => {
    const dep = k % 3 === 2 ? WORDS[k - 1] : undefined; // every third module uses the previous one
    files[path(w)] = ts ? tsModule(w, k, dep) : js ? jsModule(w, k, dep) : pyModule(w, k, dep);
  });
  if (ts) {
    files['tsconfig.json'] =
      JSON.stringify(
        {
          compilerOptions: { strict: true, target: 'ES2020', module: 'commonjs', noEmit: true },
          include: ['src'],
        },
        null,
        2,
      ) + '\n';
  } else if (js) {
    files['package.json'] =
      JSON.stringify({ name: v.domain, private: true, scripts: { test: 'node --test' } }) + '\n';
    files['test/scores.test.js'] =
      `'use strict';\nconst test = require('node:test');\nconst assert = require('node:assert');\n${WORDS.map((w) => `const { ${w}Score } = require('../lib/${w}');`).join('\n')}\n\n${WORDS.map((w, k) => `test('${w} scores', () => {\n  assert.ok(${w}Score(${k + 1}) > 0);\n});\n`).join('\n')}`;
  } else {
    files['app/__init__.py'] = '';
    files['tests/__init__.py'] = '';
    files['tests/test_scores.py'] =
      `import unittest\n\n${WORDS.map((w) => `from app.${w} import ${w}_score`).join('\n')}\n\n\nclass ScoresTest(unittest.TestCase):\n${WORDS.map((w, k) => `    def test_${w}(self):\n        self.assertGreater(${w}_score(${k + 1}), 0)\n`).join('\n')}`;
  }
  // 20 commits: each touches 2-3 modules (new helpers, new files); commit `bad` breaks one dependency
  const commits = [];
  const bad = 7 + (v.port % 9);
  const victim = WORDS[(v.port % 7) * 3 + 1]; // a module that the next one imports
  for (let i = 0; i < 20; i++) {
    const touched = {};
    for (let j = 0; j < 3; j++) {
      const w = WORDS[(i * 5 + j * 7) % WORDS.length];
      if (w === victim) continue;
      const p = path(w);
      touched[p] = (c) =>
        ts
          ? `${c}\nexport function ${w}Label${i}${j}(n: number): string {\n  return '${w}-' + n;\n}\n`
          : js
            ? `${c}\nfunction ${w}Label${i}${j}(n) {\n  return '${w}-' + n;\n}\nmodule.exports.${w}Label${i}${j} = ${w}Label${i}${j};\n`
            : `${c}\n\ndef ${w}_label_${i}_${j}(n):\n    return "${w}-" + str(n)\n`;
    }
    const extra = ts ? `src/extra/e${i}.ts` : js ? `lib/extra/e${i}.js` : `app/extra_${i}.py`;
    touched[extra] = ts
      ? `export const extra${i} = ${i};\n`
      : js
        ? `exports.extra${i} = ${i};\n`
        : `EXTRA_${i} = ${i}\n`;
    if (i % 4 === 0) touched[`docs/changes-${i}.md`] = `- change ${i}\n`;
    if (i === bad) {
      const p = path(victim);
      touched[p] = (c) =>
        ts
          ? c.replace(`function ${victim}Score(`, `function ${victim}Rank(`)
          : js
            ? c.split(`${victim}Score`).join(`${victim}Rank`)
            : c.replace(`def ${victim}_score(`, `def ${victim}_rank(`);
    }
    commits.push({
      subject:
        i === bad
          ? `refactor: ${victim} ranks rather than scores`
          : `feat: ${WORDS[(i * 5) % WORDS.length]} labels (${i})`,
      culprit: i === bad,
      files: touched,
    });
  }
  return { files, commits, culprit: path(victim) };
}

export function largeScenarios(vocabs) {
  const ts = vocabs[2];
  const py = vocabs[5];
  const js = vocabs[7];
  return [
    {
      id: `large-js-${js.domain}`,
      lang: 'javascript',
      toolchain: 'node',
      fault: 'renamed export',
      tags: ['large-range', 'caller'],
      steps: [{ name: 'Set up Node', run: 'node --version' }, { run: 'node --test' }],
      ...build(js, 'javascript'),
    },
    {
      id: `large-ts-${ts.domain}`,
      lang: 'typescript',
      toolchain: 'node',
      fault: 'renamed export',
      tags: ['large-range', 'caller'],
      steps: [{ name: 'Set up Node', run: 'node --version' }, { run: 'tsc --noEmit -p .' }],
      ...build(ts, 'typescript'),
    },
    {
      id: `large-py-${py.domain}`,
      lang: 'python',
      toolchain: 'python',
      fault: 'renamed export',
      tags: ['large-range', 'caller'],
      steps: [{ name: 'Set up Python', run: 'python3 --version' }, { run: 'python3 -m pytest -q' }],
      ...build(py, 'python'),
    },
  ];
}
void pascal;
void snake;
