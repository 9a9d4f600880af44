import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/compiler.ts
import { setFlagsFromString } from "node:v8";
function shortRunCompiler() {
  try {
    setFlagsFromString("--no-turbo-inlining");
  } catch {
  }
}

export {
  shortRunCompiler
};
