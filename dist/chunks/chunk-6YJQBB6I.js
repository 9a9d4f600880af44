import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);

// src/errors.ts
var InputError = class extends Error {
  name = "InputError";
};

export {
  InputError
};
