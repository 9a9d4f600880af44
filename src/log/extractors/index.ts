// The registry of extractors. Each tool family lives in its own module; add one line here per module.
import type { Extractor } from './types.js';
import { tsc } from './tsc.js';
import { eslint } from './eslint.js';
import { npm } from './npm.js';
import { node } from './node.js';
import { generic } from './generic.js';

export const extractors: Extractor[] = [
  tsc, // TypeScript compiler diagnostics, plain and pretty
  eslint, // ESLint stylish and compact
  npm, // npm / pnpm / yarn install and script failures
  node, // Node.js uncaught errors with stack traces
  generic, // ##[error] and `Error:` fallbacks, exit closers: keep last
];
