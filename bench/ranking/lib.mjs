// Shared pieces of the ranking benchmark: the vocabularies templates draw names from, case helpers,
// innocent ("noise") commits, and building one scenario into a real git repository.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync, existsSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Names for one project: every template is instantiated with several of these. */
export const VOCABS = [
  {
    domain: 'billing',
    mod: 'invoice',
    fn: 'totalDue',
    fnNew: 'amountDue',
    item: 'line',
    field: 'price',
    fieldNew: 'unitPrice',
    Type: 'Invoice',
    helper: 'roundCents',
    port: 47311,
  },
  {
    domain: 'geo',
    mod: 'distance',
    fn: 'pathLength',
    fnNew: 'routeLength',
    item: 'point',
    field: 'meters',
    fieldNew: 'metres',
    Type: 'Route',
    helper: 'scaleSegment',
    port: 47312,
  },
  {
    domain: 'inventory',
    mod: 'stock',
    fn: 'availableUnits',
    fnNew: 'unitsInStock',
    item: 'sku',
    field: 'qty',
    fieldNew: 'quantity',
    Type: 'Warehouse',
    helper: 'clampCount',
    port: 47313,
  },
  {
    domain: 'metrics',
    mod: 'latency',
    fn: 'meanLatency',
    fnNew: 'averageLatency',
    item: 'sample',
    field: 'millis',
    fieldNew: 'durationMs',
    Type: 'Histogram',
    helper: 'trimOutlier',
    port: 47314,
  },
  {
    domain: 'payroll',
    mod: 'salary',
    fn: 'netPay',
    fnNew: 'takeHomePay',
    item: 'shift',
    field: 'hours',
    fieldNew: 'hoursWorked',
    Type: 'Payslip',
    helper: 'applyRate',
    port: 47315,
  },
  {
    domain: 'library',
    mod: 'loans',
    fn: 'lateFee',
    fnNew: 'overdueFee',
    item: 'loan',
    field: 'days',
    fieldNew: 'daysLate',
    Type: 'Ledger',
    helper: 'capFee',
    port: 47316,
  },
  {
    domain: 'shipping',
    mod: 'parcel',
    fn: 'shippingWeight',
    fnNew: 'grossWeight',
    item: 'box',
    field: 'grams',
    fieldNew: 'weightGrams',
    Type: 'Manifest',
    helper: 'addPacking',
    port: 47317,
  },
  {
    domain: 'energy',
    mod: 'meter',
    fn: 'dailyUsage',
    fnNew: 'usagePerDay',
    item: 'reading',
    field: 'kwh',
    fieldNew: 'kilowattHours',
    Type: 'Tariff',
    helper: 'peakAdjust',
    port: 47318,
  },
];

export const snake = (s) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
export const pascal = (s) => s[0].toUpperCase() + s.slice(1);
export const upper = (s) => snake(s).toUpperCase();

/** A harmless addition to a source file, in its language (appended by innocent commits). */
export function harmless(path, name, content) {
  if (/\.tsx?$/.test(path))
    return `${content}\nexport function ${name}(s: string): string {\n  return s.trim();\n}\n`;
  if (/\.[cm]?js$/.test(path))
    return `${content}\nfunction ${name}(s) {\n  return String(s).trim();\n}\nmodule.exports.${name} = ${name};\n`;
  if (path.endsWith('.py'))
    return `${content.replace(/\n*$/, '\n')}\n\ndef ${snake(name)}(text):\n    return str(text).strip()\n`;
  if (path.endsWith('.rs'))
    return `${content}\n#[allow(dead_code)]\npub fn ${snake(name)}(s: &str) -> String {\n    s.trim().to_string()\n}\n`;
  if (path.endsWith('.go'))
    return `${content}\n// ${pascal(name)} returns the length of s.\nfunc ${pascal(name)}(s string) int {\n\treturn len(s)\n}\n`;
  if (path.endsWith('.java')) {
    const i = content.lastIndexOf('}');
    return `${content.slice(0, i)}\n    public static String ${name}(String s) {\n        return s.trim();\n    }\n${content.slice(i)}`;
  }
  if (path.endsWith('.c')) return `${content}\nint ${snake(name)}(int x)\n{\n    return x + 1;\n}\n`;
  if (path.endsWith('.h')) return `${content}\n/* ${snake(name)}: kept for callers of this header */\n`;
  return `${content}\n${name}\n`;
}

/** Innocent commits of several shapes; `k` picks one deterministically. */
export function noiseCommit(v, k, { culprit, lang, srcDir = 'src' } = {}) {
  const names = ['normalizeLabel', 'formatHeading', 'sanitizeNote', 'padColumn', 'joinWords', 'titleCase'];
  const name = `${names[k % names.length]}${k}`;
  switch (k % 5) {
    case 0:
      return {
        subject: `docs: describe the ${v.domain} workflow`,
        files: {
          'README.md': (c) =>
            `${c ?? `# ${v.domain}\n`}\nThe ${v.mod} module computes ${v.fn} (note ${k}).\n`,
        },
      };
    case 1:
      return {
        subject: `chore: note for ${v.domain} release ${k}`,
        files: { [`docs/notes-${k}.md`]: `# Release note ${k}\n\nNothing changed for users of ${v.Type}.\n` },
      };
    case 2:
      if (culprit)
        return {
          subject: `refactor: add ${name} helper to ${v.mod}`,
          files: { [culprit]: (c) => harmless(culprit, name, c) },
        };
    // falls through
    case 3: {
      const ext = { typescript: 'ts', javascript: 'js', python: 'py', go: 'go' }[lang];
      if (ext === 'go')
        return { subject: `docs: ${v.domain} notes ${k}`, files: { [`docs/${k}.txt`]: `note ${k}\n` } };
      if (!ext)
        return {
          subject: `ci: tweak ${v.domain} notes ${k}`,
          files: { [`notes/${v.domain}-${k}.txt`]: `kept ${k}\n` },
        };
      const path = `${srcDir}/extra_${snake(name)}.${ext}`;
      return {
        subject: `feat: add ${name}`,
        files: { [path]: harmless(path, name, ext === 'py' ? '' : '') },
      };
    }
    default:
      return {
        subject: `chore: update .gitignore (${k})`,
        files: { '.gitignore': (c) => `${c ?? ''}tmp-${k}/\n` },
      };
  }
}

function git(dir, args, env = {}) {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Bench Author',
      GIT_AUTHOR_EMAIL: 'bench@example.com',
      GIT_COMMITTER_NAME: 'Bench Author',
      GIT_COMMITTER_EMAIL: 'bench@example.com',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function applyFiles(dir, files) {
  for (const [path, value] of Object.entries(files)) {
    const full = join(dir, path);
    if (value === null) {
      rmSync(full, { force: true });
      continue;
    }
    const old = existsSync(full) ? readFileSync(full, 'utf8') : undefined;
    const text = typeof value === 'function' ? value(old) : value;
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, text);
  }
}

let clock = Date.parse('2026-03-02T09:00:00Z') / 1000;

function commit(dir, subject) {
  clock += 600;
  const date = `${clock} +0000`;
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', subject], {
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  });
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/**
 * Writes the scenario's green tree, commits it, then its later commits.
 * A commit is {subject, files: {path: text | (old) => text | null}, renames?: [[from, to]], culprit?}.
 * Returns {green, head, shas, culpritSha}.
 */
export function buildRepository(dir, sc) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  git(dir, ['init', '-q', '-b', 'main']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  applyFiles(dir, sc.files);
  const green = commit(dir, sc.greenSubject ?? `feat: ${sc.id.split('-')[0]} project`);
  const shas = [];
  let culpritSha;
  for (const c of sc.commits) {
    for (const [from, to] of c.renames ?? []) {
      mkdirSync(dirname(join(dir, to)), { recursive: true });
      renameSync(join(dir, from), join(dir, to));
    }
    applyFiles(dir, c.files ?? {});
    const sha = commit(dir, c.subject);
    shas.push(sha);
    if (c.culprit) culpritSha = sha;
  }
  return { green, head: shas[shas.length - 1] ?? green, shas, culpritSha };
}

export function cleanTree(dir) {
  git(dir, ['clean', '-fdxq']);
}

export function checkout(dir, rev) {
  git(dir, ['checkout', '-q', '--detach', rev]);
}

/** Runs the scenario's steps in dir (bash -e), returns {ok, output}. */
export function runSteps(dir, steps, env) {
  let output = '';
  for (const s of steps) {
    const r = spawnSync('bash', ['-e', '-c', s.run], { cwd: dir, env, encoding: 'utf8', timeout: 180_000 });
    output += (r.stdout ?? '') + (r.stderr ?? '');
    if (r.status !== 0) return { ok: false, output };
  }
  return { ok: true, output };
}

export function numstat(dir, base, head) {
  const out = git(dir, ['diff', '--numstat', '--find-renames', base, head]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [a, d, ...p] = l.split('\t');
      let path = p.join('\t');
      const m = /^(.*)\{(.*) => (.*)\}(.*)$/.exec(path) ?? /^()(.*) => (.*)()$/.exec(path);
      if (m) path = (m[1] + m[3] + m[4]).replace(/\/\//g, '/');
      return { path, lines: (Number(a) || 0) + (Number(d) || 0) };
    });
}

/**
 * Keeps `per` instances of each template (the id without its last `-<domain>` part), rotating which
 * vocabularies are used so templates do not all get the same names.
 */
export function spread(scenarios, per = 2) {
  const groups = new Map();
  for (const s of scenarios) {
    const t = s.id.slice(0, s.id.lastIndexOf('-'));
    if (!groups.has(t)) groups.set(t, []);
    groups.get(t).push(s);
  }
  const out = [];
  let g = 0;
  for (const list of groups.values()) {
    const start = (g++ * 3) % list.length;
    for (let k = 0; k < Math.min(per, list.length); k++) out.push(list[(start + k * 2) % list.length]);
  }
  return out;
}
