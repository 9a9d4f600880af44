// Shared helpers of the performance benchmark (bench/perf/run.mjs) and the equivalence check.
import {
  existsSync,
  readdirSync,
  statSync,
  openSync,
  writeSync,
  closeSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';

/** Log files to build large logs from: the real logs of ../shared/data, else the project's captured fixtures. */
export function sourceLogs(root) {
  const data = resolve(root, '..', 'shared', 'data');
  const out = [];
  const walk = (dir, accept) => {
    let names;
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const d of names) {
      const p = join(dir, d.name);
      if (d.isDirectory()) {
        if (d.name !== 'node_modules') walk(p, accept);
      } else if (accept(p)) out.push(p);
    }
  };
  if (existsSync(data)) {
    walk(join(data, 'logchunks'), (p) => p.endsWith('.log'));
    walk(join(data, 'cidiff'), (p) => p.endsWith('.log'));
    walk(join(data, 'bugswarm'), (p) => p.endsWith('failing.log'));
    walk(join(data, 'pytorch-log-classifier'), (p) => p.endsWith('.log') || p.endsWith('.txt'));
    if (out.length) return { from: '../shared/data', files: out };
  }
  walk(resolve(root, '__tests__', 'fixtures'), (p) => /\.(log|txt)$/.test(p));
  return { from: '__tests__/fixtures', files: out };
}

/** Writes `bytes` bytes of concatenated logs (cycled) to `file`; returns the size written. */
export function buildLog(files, bytes, file) {
  const fd = openSync(file, 'w');
  let written = 0;
  try {
    while (written < bytes) {
      for (const f of files) {
        if (written >= bytes) break;
        let buf = readFileSync(f);
        if (buf.length > bytes - written) buf = buf.subarray(0, bytes - written);
        writeSync(fd, buf);
        written += buf.length;
        if (buf.length && buf[buf.length - 1] !== 0x0a && written < bytes) {
          writeSync(fd, '\n');
          written++;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return statSync(file).size;
}

/**
 * Writes the lines of 52–157 characters of the logs, in order (cycled), to `file` until one more would pass
 * `maxBytes` or `maxLines`: both bounds reached at once (~105 bytes a line at 4 MiB and 40,000 lines).
 */
export function buildLines(files, maxBytes, maxLines, file) {
  const out = [];
  let bytes = 0;
  const room = (size) => out.length < maxLines && bytes + size <= maxBytes;
  // the logs again and again, until the longest line kept (157) would not fit or a pass adds nothing
  for (let added = true; added && room(158);) {
    added = false;
    for (const f of files) {
      for (const line of readFileSync(f, 'utf8').split('\n')) {
        if (line.length < 52 || line.length > 157) continue;
        const size = Buffer.byteLength(line) + 1;
        if (!room(size)) break;
        out.push(line);
        bytes += size;
        added = true;
      }
      if (!room(158)) break;
    }
  }
  writeFileSync(file, out.length ? out.join('\n') + '\n' : '');
  return { bytes, lines: out.length };
}

/** The value after `--name` on the command line of a benchmark script, else `def`. */
export function option(name, def, args = process.argv.slice(2)) {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
}
