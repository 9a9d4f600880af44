import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/action.ts
async function run() {
  process.stderr.write("ci-root-cause: the action is not implemented yet\n");
  process.exitCode = 1;
}

// src/main.ts
void run();
