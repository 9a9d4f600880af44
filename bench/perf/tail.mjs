// `node bench/perf/tail.mjs [--mb 100] [--logs 40]`: a failure at the end of a huge log. Each BugSwarm
// failing log of ../shared/data is appended to MB of BugSwarm passing logs (real green output) and analysed by
// the CLI (dist/cli.js, read in windows); the figures say how many of the top findings of the failing log
// analysed alone are still reported. See bench/perf/RESULTS.md (Quality).
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { option } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const mb = Number(option('--mb', '100'));
const limit = Number(option('--logs', '40'));
const data = resolve(root, '..', 'shared', 'data', 'bugswarm');
if (!existsSync(data)) {
  console.log('bench/perf/tail.mjs: ../shared/data/bugswarm is absent: nothing to measure.');
  process.exit(0);
}
const pairs = readdirSync(data)
  .filter((d) => existsSync(join(data, d, 'failing.log')) && existsSync(join(data, d, 'passing.log')))
  .sort();
const dir = mkdtempSync(join(tmpdir(), 'crc-tail-'));
const cli = join(root, 'dist', 'cli.js');
const findings = (file) =>
  JSON.parse(
    execFileSync(process.execPath, [cli, 'analyze', '--log', file, '--format', 'json'], {
      maxBuffer: 1 << 28,
    }).toString(),
  ).findings;
const key = (f) => `${f.kind}|${f.message}`;
try {
  const noise = join(dir, 'noise.log');
  const fd = openSync(noise, 'w');
  for (let written = 0; written < mb * 1e6;)
    for (const d of pairs) {
      const b = readFileSync(join(data, d, 'passing.log'));
      writeSync(fd, b);
      if (b[b.length - 1] !== 10) writeSync(fd, '\n');
      written += b.length + 1;
      if (written >= mb * 1e6) break;
    }
  closeSync(fd);
  const big = join(dir, 'big.log');
  let logs = 0;
  let top1 = 0;
  let found = 0;
  let total = 0;
  const step = Math.max(1, Math.floor(pairs.length / limit));
  for (let i = 0; i < pairs.length && logs < limit; i += step) {
    const failing = join(data, pairs[i], 'failing.log');
    const alone = findings(failing).slice(0, 3).map(key);
    if (alone.length === 0) continue;
    execFileSync('sh', ['-c', 'cat "$1" "$2" > "$3"', 'sh', noise, failing, big]);
    const seen = new Set(findings(big).map(key));
    logs++;
    total += alone.length;
    found += alone.filter((k) => seen.has(k)).length;
    if (seen.has(alone[0])) top1++;
    else console.log(`missed: ${pairs[i]} (${alone[0].slice(0, 100)})`);
  }
  console.log(
    `${mb} MB of passing logs + a failing log, ${logs} logs: top finding still reported for ${top1}/${logs}, top 3 findings ${found}/${total}.`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
