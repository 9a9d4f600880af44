// The repository context (src/diff/context.ts) through the REST API: the tree at head (one request,
// already made for the change set: it gives each file's blob sha and size), then one
// `GET /repos/{o}/{r}/git/blobs/{sha}` per file read. Nothing is cloned, checked out or run. Each read asks
// the request budget first; what it cost (requests, bytes, seconds) is counted for the log and the bench.
import type { Api, RepoRef } from './api.js';
import { MAX_FILE_BYTES, type RepositoryContext } from '../diff/context.js';

/** A file of the tree at head: its blob and size (bytes). */
export interface TreeBlob {
  sha: string;
  size?: number;
}

/** The repository's tree at one commit, as the trees API lists it. */
export interface RepoTree {
  files: string[];
  blobs: Map<string, TreeBlob>;
  /** The API cut the listing (very large repositories). */
  truncated: boolean;
}

export interface ContextCost {
  /** Blob requests sent. */
  requests: number;
  /** Bytes of file text received (decoded). */
  bytes: number;
  /** Time spent in those requests (summed over requests in flight together). */
  ms: number;
  /** Reads refused by the request budget. */
  refused: number;
}

export interface ApiContext extends RepositoryContext {
  cost: ContextCost;
}

/**
 * Files of `tree` read through the blobs API, at most `maxReads` requests (what the analysis' request
 * budget has left: the reads run concurrently, so they are counted here, not by the budget's hook).
 * A file over MAX_FILE_BYTES (by the tree's size) is not requested.
 */
export function apiContext(
  api: Api,
  repo: RepoRef,
  tree: RepoTree,
  maxReads = Number.POSITIVE_INFINITY,
): ApiContext {
  const cost: ContextCost = { requests: 0, bytes: 0, ms: 0, refused: 0 };
  return {
    cost,
    async read(path) {
      const blob = tree.blobs.get(path);
      if (!blob || (blob.size !== undefined && (blob.size <= 0 || blob.size > MAX_FILE_BYTES)))
        return undefined;
      if (cost.requests >= maxReads) {
        cost.refused++;
        return undefined;
      }
      const started = Date.now();
      cost.requests++;
      try {
        const res = await api.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
          ...repo,
          file_sha: blob.sha,
        });
        const { content, encoding } = res.data;
        const buf =
          encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(String(content), 'utf8');
        if (buf.length > MAX_FILE_BYTES) return undefined;
        cost.bytes += buf.length;
        return buf.toString('utf8');
      } catch {
        return undefined;
      } finally {
        cost.ms += Date.now() - started;
      }
    },
  };
}
