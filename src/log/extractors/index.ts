// The registry of extractors. Each tool family lives in its own module; add one line here per module.
import type { Extractor } from './types.js';

export const extractors: Extractor[] = [];
