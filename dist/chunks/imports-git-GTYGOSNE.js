import { createRequire as __crcCreateRequire } from 'node:module';
const require = __crcCreateRequire(import.meta.url);
import {
  MAX_FILE_BYTES,
  attachImports
} from "./chunk-UE7LBXGS.js";
import {
  git
} from "./chunk-UH2ZHXQK.js";
import "./chunk-CZYETK37.js";

// src/diff/imports-git.ts
import { resolve } from "node:path";
function gitContext(repo, head) {
  const root = resolve(repo);
  return {
    async read(path) {
      try {
        const size = Number(
          (await git(root, ["cat-file", "-s", `${head}:${path}`], { allowFailure: true })).trim()
        );
        if (!(size > 0) || size > MAX_FILE_BYTES) return void 0;
        return await git(root, ["cat-file", "blob", `${head}:${path}`], { allowFailure: true });
      } catch {
        return void 0;
      }
    }
  };
}
async function attachImports2(repo, changeSet, named) {
  if (!changeSet.head) return;
  await attachImports(gitContext(repo, changeSet.head), changeSet, named);
}
export {
  attachImports2 as attachImports,
  gitContext
};
