// Failures that surface far from the change: a name removed from one file and still used by another that did
// not change (javac `cannot find symbol` with its `symbol:` detail line, Python `has no attribute`), a module
// renamed under its unchanged importer, and a fault three imports below the failing test. In each, an innocent
// commit changes real code next to the failing file, so the nearest changed file is not the answer.
import { noiseCommit, pascal, snake } from '../lib.mjs';

const pySteps = [{ name: 'Set up Python', run: 'python3 --version' }, { run: 'python3 -m pytest -q' }];
const nodeSteps = [{ name: 'Set up Node', run: 'node --version' }, { run: 'node --test' }];

/** Java: a method removed from one class (renamed), still called by an unchanged class of the package. */
function javaSymbolRemoved(v) {
  const pkg = `com.example.${v.domain}`;
  const dir = `src/main/java/com/example/${v.domain}`;
  const tdir = `src/test/java/com/example/${v.domain}`;
  const Stock = pascal(v.mod);
  const stock = `${dir}/${Stock}.java`;
  const steps = [
    { name: 'Set up JDK', run: 'javac -version' },
    { name: 'Build', run: 'sh build.sh' },
    { name: 'Test', run: `java -ea -cp out ${pkg}.${v.Type}Test` },
  ];
  return {
    id: `java-symbol-removed-${v.domain}`,
    lang: 'java',
    toolchain: 'java',
    fault: 'renamed export',
    tags: ['caller'],
    steps,
    files: {
      'build.sh': `#!/bin/sh\nset -e\nrm -rf out && mkdir -p out\njavac -d out $(find src -name '*.java' | sort)\n`,
      [stock]: `package ${pkg};

public final class ${Stock} {
    private int units;

    public ${Stock}(int units) {
        this.units = units;
    }

    public int ${v.helper}(int wanted) {
        int granted = Math.min(units, wanted);
        units -= granted;
        return granted;
    }

    public int left() {
        return units;
    }
}
`,
      [`${dir}/Catalog.java`]: `package ${pkg};

import java.util.Map;

public final class Catalog {
    private Catalog() {}

    public static String title(String ${v.item}) {
        return Map.of("a", "Alpha", "b", "Beta").getOrDefault(${v.item}, ${v.item});
    }
}
`,
      [`${dir}/${v.Type}.java`]: `package ${pkg};

public final class ${v.Type} {
    private final ${Stock} stock;

    public ${v.Type}(${Stock} stock) {
        this.stock = stock;
    }

    public String ${v.fn}(String ${v.item}, int wanted) {
        int got = stock.${v.helper}(wanted);
        return Catalog.title(${v.item}) + ": " + got + " of " + wanted;
    }
}
`,
      [`${tdir}/${v.Type}Test.java`]: `package ${pkg};

public final class ${v.Type}Test {
    public static void main(String[] args) {
        ${v.Type} w = new ${v.Type}(new ${Stock}(5));
        String got = w.${v.fn}("a", 3);
        if (!got.equals("Alpha: 3 of 3")) {
            throw new AssertionError("${v.fn} was " + got);
        }
        System.out.println("OK");
    }
}
`,
    },
    commits: [
      {
        subject: `feat: catalog titles fall back to upper case`,
        files: {
          [`${dir}/Catalog.java`]: (c) =>
            c.replace(
              `.getOrDefault(${v.item}, ${v.item});`,
              `.getOrDefault(${v.item}, ${v.item}.toUpperCase());`,
            ),
        },
      },
      {
        subject: `refactor: ${Stock}.${v.helper} is now take`,
        culprit: true,
        files: {
          [stock]: (c) => c.replace(`public int ${v.helper}(int wanted)`, 'public int take(int wanted)'),
        },
      },
      noiseCommit(v, 1, { lang: 'java' }),
    ],
    culprit: stock,
  };
}

/** Python: a helper module renamed (helpers.py → formatting.py); its importer, unchanged, still imports the old name. */
function pyModuleRenamed(v) {
  const pkg = snake(v.domain);
  const old = `${pkg}/helpers.py`;
  const moved = `${pkg}/formatting.py`;
  const fn = snake(v.fn);
  return {
    id: `py-module-renamed-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'missing module',
    tags: ['caller', 'rename'],
    steps: pySteps,
    files: {
      [`${pkg}/__init__.py`]: '',
      [old]: `def money(x):
    return f"{x:.2f}"
`,
      [`${pkg}/totals.py`]: `def ${fn}(${v.item}s):
    return sum(x["${snake(v.field)}"] for x in ${v.item}s)
`,
      [`${pkg}/report.py`]: `from ${pkg}.helpers import money
from ${pkg}.totals import ${fn}


def summary(${v.item}s):
    return f"{len(${v.item}s)} ${v.item}s, {money(${fn}(${v.item}s))}"
`,
      'tests/test_report.py': `from ${pkg}.report import summary


def test_summary_counts_and_sums():
    assert summary([{"${snake(v.field)}": 2}, {"${snake(v.field)}": 1.5}]) == "2 ${v.item}s, 3.50"
`,
    },
    commits: [
      {
        subject: `feat: ${fn} skips entries without ${snake(v.field)}`,
        files: {
          [`${pkg}/totals.py`]: `def ${fn}(${v.item}s):
    return sum(x["${snake(v.field)}"] for x in ${v.item}s if "${snake(v.field)}" in x)
`,
        },
      },
      {
        subject: 'refactor: helpers.py is formatting.py',
        culprit: true,
        renames: [[old, moved]],
      },
      noiseCommit(v, 0, {}),
    ],
    culprit: moved,
  };
}

/** Python: a function removed from a module (renamed); an unchanged module calls it through the module. */
function pyAttributeRemoved(v) {
  const pkg = snake(v.domain);
  const rates = `${pkg}/rates.py`;
  const fn = snake(v.fn);
  const helper = snake(v.helper);
  return {
    id: `py-attr-removed-${v.domain}`,
    lang: 'python',
    toolchain: 'python',
    fault: 'renamed export',
    tags: ['caller'],
    steps: pySteps,
    files: {
      [`${pkg}/__init__.py`]: '',
      [rates]: `def ${helper}(x):
    return round(x * 1.2, 2)
`,
      [`${pkg}/labels.py`]: `def label(${v.item}):
    return ${v.item}["name"].title()
`,
      [`${pkg}/invoice.py`]: `from ${pkg} import labels, rates


def ${fn}(${v.item}s):
    return {labels.label(x): rates.${helper}(x["${snake(v.field)}"]) for x in ${v.item}s}
`,
      'tests/test_invoice.py': `from ${pkg}.invoice import ${fn}


def test_${fn}_applies_the_rate():
    assert ${fn}([{"name": "tea", "${snake(v.field)}": 10}]) == {"Tea": 12.0}
`,
    },
    commits: [
      {
        subject: 'feat: labels keep their case when already capitalised',
        files: {
          [`${pkg}/labels.py`]: `def label(${v.item}):
    name = ${v.item}["name"]
    return name if name[:1].isupper() else name.title()
`,
        },
      },
      {
        subject: `refactor: ${helper} is with_tax`,
        culprit: true,
        files: { [rates]: (c) => c.replace(`def ${helper}(x):`, 'def with_tax(x):') },
      },
      noiseCommit(v, 1, {}),
    ],
    culprit: rates,
  };
}

/** JavaScript: the test imports cart.js → pricing.js → discounts.js; discounts.js changed, three imports down. */
function jsDeepImport(v) {
  const fn = v.fn;
  return {
    id: `js-deep-import-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'failing assertion',
    tags: ['caller'],
    steps: nodeSteps,
    files: {
      'package.json': JSON.stringify({ name: v.domain, version: '1.0.0', private: true }, null, 2) + '\n',
      'src/discounts.js': `'use strict';
function rateFor(count) {
  return count >= 3 ? 0.1 : 0;
}
module.exports = { rateFor };
`,
      'src/pricing.js': `'use strict';
const { rateFor } = require('./discounts');
function priced(${v.item}s) {
  const gross = ${v.item}s.reduce((s, x) => s + x.${v.field}, 0);
  return gross * (1 - rateFor(${v.item}s.length));
}
module.exports = { priced };
`,
      'src/cart.js': `'use strict';
const { priced } = require('./pricing');
function ${fn}(${v.item}s) {
  return Math.round(priced(${v.item}s) * 100) / 100;
}
module.exports = { ${fn} };
`,
      'src/users.js': `'use strict';
function displayName(u) {
  return u.name;
}
module.exports = { displayName };
`,
      'test/cart.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { ${fn} } = require('../src/cart');

test('${fn} takes 10% off three ${v.item}s', () => {
  assert.strictEqual(${fn}([{ ${v.field}: 10 }, { ${v.field}: 10 }, { ${v.field}: 10 }]), 27);
});
`,
      'test/users.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { displayName } = require('../src/users');

test('displayName', () => {
  assert.strictEqual(displayName({ name: 'Ada' }), 'Ada');
});
`,
    },
    commits: [
      {
        subject: 'feat: display names are trimmed',
        files: { 'src/users.js': (c) => c.replace('return u.name;', 'return String(u.name).trim();') },
      },
      {
        subject: 'feat: discounts start at four items',
        culprit: true,
        files: { 'src/discounts.js': (c) => c.replace('count >= 3 ? 0.1 : 0', 'count > 3 ? 0.1 : 0') },
      },
      noiseCommit(v, 0, {}),
    ],
    culprit: 'src/discounts.js',
  };
}

/** JavaScript: a loader changed the shape of what it returns; the unchanged summary it feeds throws a TypeError. */
function jsLoaderShape(v) {
  return {
    id: `js-loader-shape-${v.domain}`,
    lang: 'javascript',
    toolchain: 'node',
    fault: 'uncaught TypeError',
    tags: ['caller'],
    steps: nodeSteps,
    files: {
      'package.json': JSON.stringify({ name: v.domain, version: '1.0.0', private: true }, null, 2) + '\n',
      'src/loader.js': `'use strict';
function load${pascal(v.item)}s(text) {
  const rows = text.trim().split('\\n').map((line) => {
    const [name, ${v.field}] = line.split(',');
    return { name, ${v.field}: Number(${v.field}) };
  });
  return rows;
}
module.exports = { load${pascal(v.item)}s };
`,
      'src/format.js': `'use strict';
function money(x) {
  return x.toFixed(2);
}
module.exports = { money };
`,
      'src/summary.js': `'use strict';
const { money } = require('./format');
function summarise(rows) {
  const total = rows.map((r) => r.${v.field}).reduce((a, b) => a + b, 0);
  return \`\${rows.length} ${v.item}s, \${money(total)}\`;
}
module.exports = { summarise };
`,
      'test/summary.test.js': `'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { load${pascal(v.item)}s } = require('../src/loader');
const { summarise } = require('../src/summary');

test('summarise what the loader read', () => {
  const rows = load${pascal(v.item)}s('a,2\\nb,3\\n');
  assert.strictEqual(summarise(rows), '2 ${v.item}s, 5.00');
});
`,
    },
    commits: [
      {
        subject: 'feat: money() pads to two decimals for any number-like input',
        files: { 'src/format.js': (c) => c.replace('return x.toFixed(2);', 'return Number(x).toFixed(2);') },
      },
      {
        subject: `feat: the loader reports how many lines it skipped`,
        culprit: true,
        files: {
          'src/loader.js': (c) =>
            c.replace('  return rows;', '  const skipped = 0;\n  return { rows, skipped };'),
        },
      },
      noiseCommit(v, 0, {}),
    ],
    culprit: 'src/loader.js',
  };
}

const BUILDERS = [javaSymbolRemoved, pyModuleRenamed, pyAttributeRemoved, jsDeepImport, jsLoaderShape];

export function reachScenarios(vocabs) {
  const out = [];
  BUILDERS.forEach((build, b) => {
    for (let k = 0; k < 2; k++) out.push(build(vocabs[(b * 2 + k * 3 + 1) % vocabs.length], k));
  });
  return out;
}
