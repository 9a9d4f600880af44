// Writes a generated module, or with `--check` on the command line exits 1 when the committed one differs
// (scripts/gen-rules.mjs, scripts/gen-wasm.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

export function writeGenerated(out, text, script) {
  if (!process.argv.includes('--check')) {
    writeFileSync(out, text);
    return;
  }
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // missing: stale
  }
  if (current !== text) {
    console.error(`${relative(process.cwd(), out)} is stale: run node ${script}`);
    process.exit(1);
  }
}
