// Downloads one job's log to a spool file (src/github/spool.ts), as a stream: never a whole Buffer or
// string of it. The API answers 302 with a short-lived URL on another host: the redirect is followed by
// hand with a client that holds NO token, so the token never leaves the API host.
import { HttpClient } from '@actions/http-client';
import type { Api, RepoRef } from './api.js';
import { statusOf, withPermission } from './errors.js';
import { SpoolWriter, type SpooledLog } from './spool.js';

export interface JobLog {
  /** The log's kept text on disk (undefined when missing); the caller removes the spool folder. */
  spool?: SpooledLog;
  /** Lines dropped from the start when the log exceeded the cap (the tail is kept). */
  droppedLines: number;
  droppedBytes: number;
  /** Why there is no log: 'expired' (410), 'missing' (404), or an error message. */
  missing?: string;
}

/**
 * Fetches a URL on the log storage host with no credentials. A 200 body goes chunk by chunk to `sink`
 * (awaited: the download waits for the disk); any other status's body is discarded.
 */
export type BlobFetcher = (
  url: string,
  sink: (chunk: Uint8Array) => Promise<void>,
) => Promise<{ status: number }>;

export const fetchBlob: BlobFetcher = async (url, sink) => {
  const client = new HttpClient('ci-root-cause', [], {
    allowRedirects: true,
    maxRedirects: 3,
    socketTimeout: 60_000,
  });
  try {
    const res = await client.get(url, {});
    const status = res.message.statusCode ?? 0;
    if (status !== 200) {
      res.message.resume();
      return { status };
    }
    for await (const chunk of res.message as AsyncIterable<Buffer>) await sink(chunk);
    return { status };
  } finally {
    client.dispose();
  }
};

export interface DownloadOptions {
  /** Cap in bytes: the tail is kept (src/github/spool.ts). */
  maxBytes: number;
  /** The folder the log is spooled to (the caller creates and removes it). */
  dir: string;
  /** The spool files' name: a number, never text from the log or the API. */
  name: string;
  blob?: BlobFetcher;
  /** Called with the size of each chunk downloaded (src/memory.ts: collects the buffers read). */
  guard?: (bytes: number) => void;
}

/**
 * Downloads the plain-text log of a job to disk. Never throws for a missing or expired log: returns
 * `missing`. Throws GitHubAccessError on 401/403 (the `actions: read` permission).
 */
export async function downloadJobLog(
  api: Api,
  repo: RepoRef,
  jobId: number,
  opts: DownloadOptions,
): Promise<JobLog> {
  const blob = opts.blob ?? fetchBlob;
  const none = (missing: string): JobLog => ({ droppedLines: 0, droppedBytes: 0, missing });
  const spooled = (spool: SpooledLog): JobLog => ({
    spool,
    droppedBytes: spool.droppedBytes,
    droppedLines: spool.droppedLines,
  });
  for (let attempt = 0; attempt < 2; attempt++) {
    let location: string | undefined;
    const writer = new SpoolWriter(opts.dir, `${opts.name}-${attempt}`, opts.maxBytes);
    try {
      const res = await withPermission('actions: read', `the log of job ${jobId}`, () =>
        api.request('GET /repos/{owner}/{repo}/actions/jobs/{job_id}/logs', {
          ...repo,
          job_id: jobId,
          request: { redirect: 'manual' },
        }),
      );
      const status = res.status as number;
      if (status >= 300 && status < 400) {
        location = (res.headers as Record<string, string | undefined>).location;
        if (!location) return none('the log redirect had no location');
      } else {
        // Some servers answer with the log itself (already read by the client).
        const data = res.data as unknown;
        const bytes =
          typeof data === 'string'
            ? Buffer.from(data, 'utf8')
            : data instanceof ArrayBuffer
              ? Buffer.from(data)
              : Buffer.alloc(0);
        await writer.write(bytes);
        return spooled(await writer.finish());
      }
    } catch (e) {
      await writer.discard();
      const status = statusOf(e);
      if (status === 410) return none('expired');
      if (status === 404) return none('missing');
      if (status === undefined || status < 500) throw e;
      if (attempt === 1) return none(`the API answered ${status}`);
      continue;
    }
    try {
      const res = await blob(location, (chunk) => {
        opts.guard?.(chunk.length);
        return writer.write(chunk);
      });
      if (res.status === 200) return spooled(await writer.finish());
      await writer.discard();
      if (res.status === 410) return none('expired');
      // 403/404 from the storage host: the short-lived URL expired; ask the API for a fresh one once.
      if (attempt === 1) return none(`the log storage answered ${res.status}`);
    } catch (e) {
      await writer.discard();
      if (attempt === 1) return none(`the log download failed: ${(e as Error).message}`);
    }
  }
  return none('the log could not be downloaded');
}
