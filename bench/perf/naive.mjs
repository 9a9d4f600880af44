// The naive reference of the benchmark: read the whole file, split it into lines, test a regex on each.
import { readFileSync } from 'node:fs';
const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const re = /error|fail|exception/i;
let count = 0;
for (const line of lines) if (re.test(line)) count++;
console.log(count);
