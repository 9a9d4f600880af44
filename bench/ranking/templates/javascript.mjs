// JavaScript (CommonJS) projects tested with the real `node --test` and jest.
import { noiseCommit, spread } from '../lib.mjs';

function project(v, lib, { testName } = {}) {
  return {
    'package.json':
      JSON.stringify(
        { name: v.domain, version: '1.0.0', private: true, scripts: { test: 'node --test' } },
        null,
        2,
      ) + '\n',
    'README.md': `# ${v.domain}\n`,
    [`${lib}/${v.mod}.js`]: `'use strict';

function ${v.helper}(x) {
  return Math.round(x * 100) / 100;
}

function ${v.fn}(items) {
  let total = 0;
  for (const it of items) {
    total += ${v.helper}(it.${v.field});
  }
  return total;
}

module.exports = { ${v.fn}, ${v.helper} };
`,
    [`${lib}/report.js`]: `'use strict';
const { ${v.fn} } = require('./${v.mod}');

function describe(items) {
  const total = ${v.fn}(items);
  return \`\${items.length} entries, total \${total.toFixed(2)}\`;
}

module.exports = { describe };
`,
    [`${lib}/format.js`]: `'use strict';

function pad(s, n) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

module.exports = { pad };
`,
    [`test/${testName ?? v.mod}.test.js`]: `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { ${v.fn} } = require('../${lib}/${v.mod}');
const { describe } = require('../${lib}/report');

test('${v.fn} adds the ${v.field} of every ${v.item}', () => {
  assert.strictEqual(${v.fn}([{ ${v.field}: 1.25 }, { ${v.field}: 2.5 }]), 3.75);
});

test('describe prints the total', () => {
  assert.strictEqual(describe([{ ${v.field}: 1 }, { ${v.field}: 2.5 }]), '2 entries, total 3.50');
});
`,
  };
}

const nodeSteps = [{ name: 'Set up Node', run: 'node --version' }, { run: 'node --test' }];

export function javascriptScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const lib = ['lib', 'src', 'app'][vi % 3];
    const m = `${lib}/${v.mod}.js`;
    const base = { lang: 'javascript', toolchain: 'node', steps: nodeSteps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'javascript', srcDir: lib });
    // 1. failing assertion: the computation changed, the (unchanged) test fails
    out.push({
      ...base,
      id: `js-assertion-${v.domain}`,
      fault: 'failing assertion',
      tags: ['culprit-touched-by-innocent'],
      files: project(v, lib, { testName: vi % 2 ? `${v.domain}-totals` : undefined }),
      commits: [
        {
          subject: `perf: cheaper ${v.helper}`,
          culprit: true,
          files: { [m]: (c) => c.replace('Math.round(x * 100) / 100', 'Math.floor(x)') },
        },
        noise(2, m),
      ],
      culprit: m,
    });
    // 2. renamed export: the caller (unchanged) gets "is not a function"
    out.push({
      ...base,
      id: `js-renamed-export-${v.domain}`,
      fault: 'renamed export',
      tags: ['caller'],
      files: project(v, lib),
      commits: [
        noise(0),
        {
          subject: `refactor: ${v.fnNew} is the clearer name`,
          culprit: true,
          files: {
            [m]: (c) =>
              c
                .replace(`function ${v.fn}(`, `function ${v.fnNew}(`)
                .replace(`module.exports = { ${v.fn},`, `module.exports = { ${v.fnNew},`),
          },
        },
      ],
      culprit: m,
    });
    // 3. missing module: a file moved, one require left behind
    const moved = `${lib}/text/format.js`;
    out.push({
      ...base,
      id: `js-missing-module-${v.domain}`,
      fault: 'missing module',
      tags: [],
      files: {
        ...project(v, lib),
        [`${lib}/report.js`]: `'use strict';
const { ${v.fn} } = require('./${v.mod}');
const { pad } = require('./format');

function describe(items) {
  const total = ${v.fn}(items);
  return pad(\`\${items.length} entries, total \${total.toFixed(2)}\`, 10);
}

module.exports = { describe };
`,
      },
      commits: [
        noise(1),
        {
          subject: 'chore: move text helpers under text/',
          culprit: true,
          renames: [[`${lib}/format.js`, moved]],
        },
        ...(vi % 2 ? [noise(3)] : []),
      ],
      culprit: moved,
    });
    // 4. data shape: a JSON data file renamed a field; the loader (unchanged) throws a TypeError
    const data = `data/${v.domain}.json`;
    const loader = `${lib}/load.js`;
    out.push({
      ...base,
      id: `js-data-shape-${v.domain}`,
      fault: 'data shape',
      tags: ['caller', 'data-only'],
      steps: [
        { name: 'Set up Node', run: 'node --version' },
        { name: 'Smoke test', run: `node ${lib}/cli.js` },
      ],
      files: {
        ...project(v, lib),
        [data]:
          JSON.stringify(
            {
              [`${v.item}s`]: [
                { name: 'a', [v.field]: { value: 3, unit: 'x' } },
                { name: 'b', [v.field]: { value: 4, unit: 'x' } },
              ],
            },
            null,
            2,
          ) + '\n',
        [loader]: `'use strict';
const rows = require('../${data}');

function load() {
  return rows.${v.item}s.map((r) => ({ name: r.name, ${v.field}: r.${v.field}.value }));
}

module.exports = { load };
`,
        [`${lib}/cli.js`]: `'use strict';
const { load } = require('./load');
const { describe } = require('./report');

console.log(describe(load()));
`,
      },
      commits: [
        noise(4),
        {
          subject: `data: new ${v.domain} export`,
          culprit: true,
          files: {
            [data]:
              JSON.stringify(
                {
                  [`${v.item}s`]: [
                    { name: 'a', [v.fieldNew]: 3 },
                    { name: 'b', [v.fieldNew]: 4 },
                  ],
                },
                null,
                2,
              ) + '\n',
          },
        },
      ],
      culprit: data,
    });
    // 5. configuration: the test talks to a local server on the configured port
    const cfg = vi % 2 ? 'config/test.json' : `${v.domain}.config.json`;
    const client = `${lib}/client.js`;
    out.push({
      ...base,
      id: `js-econnrefused-${v.domain}`,
      fault: 'config change',
      tags: ['config-only'],
      files: {
        ...project(v, lib),
        [cfg]: JSON.stringify({ host: '127.0.0.1', port: v.port }, null, 2) + '\n',
        [client]: `'use strict';
const http = require('node:http');
const config = require('../${cfg}');

function fetchStatus() {
  return new Promise((resolve, reject) => {
    http.get({ host: config.host, port: config.port, path: '/status' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve(JSON.parse(body)));
    }).on('error', reject);
  });
}

module.exports = { fetchStatus };
`,
        'test/client.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const http = require('node:http');
const { fetchStatus } = require('../${client}');

test('fetchStatus reads the ${v.domain} service status', async () => {
  const server = http.createServer((req, res) => res.end(JSON.stringify({ ok: true })));
  await new Promise((r) => server.listen(${v.port}, '127.0.0.1', r));
  try {
    assert.deepStrictEqual(await fetchStatus(), { ok: true });
  } finally {
    server.close();
  }
});
`,
      },
      commits: [
        noise(0),
        {
          subject: `config: point tests at the ${v.domain} staging port`,
          culprit: true,
          files: { [cfg]: JSON.stringify({ host: '127.0.0.1', port: v.port + 1000 }, null, 2) + '\n' },
        },
        noise(1),
      ],
      culprit: cfg,
    });
    // 6. jest: uncaught TypeError from a changed return shape, surfacing in the (unchanged) report
    out.push({
      ...base,
      id: `js-jest-typeerror-${v.domain}`,
      fault: 'uncaught TypeError',
      tags: ['caller'],
      steps: [
        { name: 'Set up Node', run: 'node --version' },
        { name: 'Test', run: 'jest --ci' },
      ],
      files: {
        ...project(v, lib),
        'package.json':
          JSON.stringify(
            {
              name: v.domain,
              version: '1.0.0',
              private: true,
              scripts: { test: 'jest' },
              jest: { testEnvironment: 'node' },
            },
            null,
            2,
          ) + '\n',
        [`test/${v.mod}.test.js`]: `'use strict';
const { describe: describeItems } = require('../${lib}/report');

describe('${v.domain} report', () => {
  test('prints the total of two ${v.item}s', () => {
    expect(describeItems([{ ${v.field}: 1 }, { ${v.field}: 2.5 }])).toBe('2 entries, total 3.50');
  });
});
`,
      },
      commits: [
        {
          subject: `feat: ${v.fn} also returns the count`,
          culprit: true,
          files: {
            [m]: (c) => c.replace('  return total;\n}', '  return { total, count: items.length };\n}'),
          },
        },
        noise(2, `${lib}/format.js`),
        noise(3),
      ].slice(0, 1 + (vi % 3)),
      culprit: m,
    });
  });
  return spread(out, 2);
}
