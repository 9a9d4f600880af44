// The GitHub Action entry point (dist/index.js). Implemented in src/action.ts.
import { run } from './action.js';

void run();
