// TypeScript projects checked with the real `tsc --noEmit`.
import { noiseCommit, spread } from '../lib.mjs';

const TSCONFIG = (src, extra = {}) =>
  JSON.stringify(
    {
      compilerOptions: { strict: true, target: 'ES2020', module: 'commonjs', noEmit: true, ...extra },
      include: [src],
    },
    null,
    2,
  ) + '\n';

function project(v, src) {
  const item = v.Type + 'Item';
  return {
    'package.json':
      JSON.stringify(
        { name: v.domain, version: '1.0.0', private: true, scripts: { typecheck: 'tsc --noEmit' } },
        null,
        2,
      ) + '\n',
    'tsconfig.json': TSCONFIG(src),
    'README.md': `# ${v.domain}\n`,
    [`${src}/${v.mod}.ts`]: `export interface ${item} {
  name: string;
  ${v.field}: number;
}

export function ${v.helper}(x: number): number {
  return Math.round(x * 100) / 100;
}

export function ${v.fn}(items: ${item}[]): number {
  let total = 0;
  for (const it of items) {
    total += ${v.helper}(it.${v.field});
  }
  return total;
}
`,
    [`${src}/report.ts`]: `import { ${v.fn}, type ${item} } from './${v.mod}';

export function describe(items: ${item}[]): string {
  const total = ${v.fn}(items);
  const rows = items.map((it) => \`- \${it.name}\`);
  return [\`\${items.length} entries, total \${total.toFixed(2)}\`, ...rows].join('\\n');
}
`,
    [`${src}/main.ts`]: `import { describe } from './report';

const sample = [
  { name: 'first', ${v.field}: 1.5 },
  { name: 'second', ${v.field}: 2.25 },
];
console.log(describe(sample));
`,
    [`${src}/util/text.ts`]: `export function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

export function firstOf<T>(list: T[]): T {
  return list[0];
}
`,
    [`${src}/labels.ts`]: `import { firstOf, pad } from './util/text';

export function headline(names: string[]): string {
  const first = firstOf(names);
  return pad(first.toUpperCase(), 12);
}
`,
  };
}

const steps = [{ name: 'Set up Node', run: 'node --version' }, { run: 'tsc --noEmit -p .' }];

/** @returns scenario list */
export function typescriptScenarios(vocabs) {
  const out = [];
  vocabs.forEach((v, vi) => {
    const src = vi % 2 ? 'lib' : 'src';
    const m = `${src}/${v.mod}.ts`;
    const base = { lang: 'typescript', toolchain: 'node', steps };
    const noise = (k, culprit) => noiseCommit(v, k + vi, { culprit, lang: 'typescript', srcDir: src });
    // 1. return type changed in the library; the error surfaces in its caller (unchanged)
    out.push({
      ...base,
      id: `ts-caller-return-type-${v.domain}`,
      fault: 'type error',
      tags: ['caller'],
      files: project(v, src),
      commits: [
        noise(0, m),
        {
          subject: `refactor: ${v.fn} returns a formatted string`,
          culprit: true,
          files: {
            [m]: (c) =>
              c
                .replace(
                  `export function ${v.fn}(items: ${v.Type}Item[]): number {`,
                  `export function ${v.fn}(items: ${v.Type}Item[]): string {`,
                )
                .replace('  return total;\n}', '  return total.toFixed(2);\n}'),
          },
        },
        ...(vi % 2 ? [noise(2, m)] : []),
      ],
      culprit: m,
    });
    // 2. a required parameter added: "Expected 2 arguments, but got 1" in the caller
    out.push({
      ...base,
      id: `ts-caller-arity-${v.domain}`,
      fault: 'type error',
      tags: ['caller', 'culprit-touched-by-innocent'],
      files: project(v, src),
      commits: [
        noise(2, m),
        noise(0),
        {
          subject: `feat: ${v.fn} takes a currency`,
          culprit: true,
          files: {
            [m]: (c) =>
              c
                .replace(
                  `(items: ${v.Type}Item[]): number {`,
                  `(items: ${v.Type}Item[], currency: string): number {`,
                )
                .replace('  return total;\n}', "  return currency === 'JPY' ? Math.round(total) : total;\n}"),
          },
        },
      ].slice(vi % 2 ? 1 : 0),
      culprit: m,
    });
    if (vi < 4) {
      // 3. renamed export
      out.push({
        ...base,
        id: `ts-renamed-export-${v.domain}`,
        fault: 'renamed export',
        tags: [],
        files: project(v, src),
        commits: [
          {
            subject: `refactor: rename ${v.fn} to ${v.fnNew}`,
            culprit: true,
            files: { [m]: (c) => c.replace(`function ${v.fn}(`, `function ${v.fnNew}(`) },
          },
          noise(1),
        ],
        culprit: m,
      });
      // 4. the type error is in the changed file itself
      const r = `${src}/report.ts`;
      out.push({
        ...base,
        id: `ts-direct-${v.domain}`,
        fault: 'type error',
        tags: [],
        files: project(v, src),
        commits: [
          noise(3, m),
          {
            subject: 'feat: show the average in the description',
            culprit: true,
            files: {
              [r]: (c) =>
                c
                  .replace(
                    '  const rows =',
                    `  const average: number = items.length ? (total / items.length).toFixed(1) : 0;\n  const rows =`,
                  )
                  .replace('total ${total.toFixed(2)}', 'total ${total.toFixed(2)}, average ${average}'),
            },
          },
        ],
        culprit: r,
      });
    } else {
      // 5. only the compiler configuration changed: errors appear in files that did not change
      out.push({
        ...base,
        id: `ts-config-only-${v.domain}`,
        fault: 'config change',
        tags: ['config-only'],
        files: project(v, src),
        commits: [
          noise(0),
          {
            subject: 'build: stricter compiler options',
            culprit: true,
            files: { 'tsconfig.json': TSCONFIG(src, { noUncheckedIndexedAccess: true }) },
          },
          noise(1),
        ],
        culprit: 'tsconfig.json',
      });
    }
  });
  return spread(out, 2);
}
